#include "EventTableModel.h"

#include "BodyFormatter.h"

#include "EventRowText.h"
#include "translate/LanguageNames.h"

#include <QDateTime>
#include <QLocale>
#include <QTimer>
#include <algorithm>

namespace hookscope {

namespace {

constexpr int kFlushIntervalMs = 50;
constexpr int kRecentInfos = 20'000; // enrichment results kept until the store surely has them

QString formatSize(qint64 bytes)
{
    return BodyFormatter::sizeText(bytes); // the details' unit names too (KiB, MiB)
}

// "en nl fr", then "· 3 missing" when fields lack a language others have.
QString languagesText(const EventInfo &info)
{
    if (info.missingTranslations <= 0)
        return info.languages;
    // Both at once: a language code is payload and may itself contain "%2".
    return EventTableModel::tr("%1 · %2 missing").arg(info.languages, QLocale().toString(info.missingTranslations));
}

QString languagesToolTip(const EventInfo &info)
{
    if (info.languages.isEmpty())
        return {};
    QStringList names;
    for (const QString &code : info.languages.split(u' ', Qt::SkipEmptyParts))
        names.append(LanguageNames::displayName(code));
    QString tip = EventTableModel::tr("Translations in: %1").arg(names.join(QStringLiteral(", ")));
    if (info.missingTranslations > 0)
        tip += u'\n' + (info.missingTranslations == 1 ? EventTableModel::tr("1 translation missing")
                                                        : EventTableModel::tr("%L1 translations missing").arg(info.missingTranslations));
    return tip;
}

} // namespace

EventTableModel::EventTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_flushTimer(new QTimer(this))
{
    m_flushTimer->setSingleShot(true);
    m_flushTimer->setInterval(kFlushIntervalMs);
    connect(m_flushTimer, &QTimer::timeout, this, &EventTableModel::flush);
}

EventTableModel::~EventTableModel() = default;

int EventTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

int EventTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

ResultClass EventTableModel::classify(int status)
{
    if (status >= 500)
        return ResultClass::ServerError;
    if (status >= 400)
        return ResultClass::ClientError;
    if (status >= 300)
        return ResultClass::Redirect;
    if (status >= 200)
        return ResultClass::Success;
    return ResultClass::None;
}

QVariant EventTableModel::display(const EventSummary &row, int column) const
{
    switch (Column(column)) {
    case IdColumn:
        return row.id;
    case TimeColumn: {
        // Today's events by the time alone; others (imported, or from an earlier session) with
        // their date too, so two days never read the same.
        const QDateTime at = QDateTime::fromMSecsSinceEpoch(row.receivedAtMs);
        return at.date() == QDate::currentDate() ? at.toString(QStringLiteral("HH:mm:ss.zzz"))
                                                 : at.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    }
    case MethodColumn:
        return QString::fromLatin1(row.method);
    case TargetColumn:
        return QString::fromUtf8(row.target);
    case KindColumn:
        return EventRowText::kind(row.info);
    case ResultColumn:
        return EventRowText::result(row);
    case ForwardColumn:
        return forwardData(row.id, Qt::DisplayRole);
    case LanguagesColumn:
        return languagesText(row.info);
    case BodySizeColumn:
        return formatSize(row.bodySize);
    case SenderColumn:
        return row.sender;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventTableModel::sortKey(const EventSummary &row, int column)
{
    switch (Column(column)) {
    case IdColumn:
        return row.id;
    case TimeColumn:
        return row.receivedAtMs;
    case ResultColumn: {
        // HTTP status first, then the validity (more violations sort higher).
        const auto v = row.info.validity;
        const qint64 rank = v == EventInfo::Validity::Invalid ? 10 + std::min(row.info.violationCount, 100'000)
                                                              : qint64(EventRowText::validityRank(v));
        return qint64(row.responseStatus) * 1'000'000 + rank;
    }
    case BodySizeColumn:
        return row.bodySize;
    case ForwardColumn:
        return QVariant(); // filled in by data(): the marks live beside the rows
    case LanguagesColumn: // by languages, then by how many are missing
        return row.info.languages + QChar(0x1f) + QStringLiteral("%1").arg(row.info.missingTranslations, 10, 10, QLatin1Char('0'));
    case MethodColumn:
        return QString::fromLatin1(row.method);
    case TargetColumn:
        return QString::fromUtf8(row.target);
    case KindColumn:
        return row.info.isChecked() ? EventRowText::kind(row.info) : QString();
    case SenderColumn:
        return row.sender;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant EventTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    // What the id alone answers reads no page: filters, selections and exports ask these of
    // every row.
    const qint64 id = m_ids[index.row()];
    if (role == IdRole)
        return id;
    if (role == ForwardStatusRole || (role == SortKeyRole && index.column() == ForwardColumn))
        return forwardData(id, ForwardStatusRole);
    const EventSummary &row = rowAt(index.row());
    if (std::optional<QVariant> hold = holdData(row, index.column(), role))
        return *hold;
    switch (role) {
    case Qt::DisplayRole:
        return display(row, index.column());
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(row.receivedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz t"));
        if (index.column() == TargetColumn)
            return QString::fromUtf8(row.target);
        if (index.column() == KindColumn)
            return EventRowText::kindToolTip(row.info);
        if (index.column() == ResultColumn)
            return EventRowText::resultToolTip(row);
        if (index.column() == LanguagesColumn)
            return languagesToolTip(row.info);
        if (index.column() == ForwardColumn)
            return forwardData(row.id, Qt::ToolTipRole);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == IdColumn || index.column() == BodySizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortKeyRole:
        return sortKey(row, index.column());
    case ResultClassRole:
        if (index.column() == ForwardColumn)
            return forwardData(row.id, ResultClassRole);
        return QVariant::fromValue(int(classify(row.responseStatus)));
    case MethodRole:
        return row.method;
    case ValidityRole:
        return int(row.info.validity);
    case ViolationCountRole:
        return row.info.violationCount;
    case KindRole:
        return row.info.kind;
    case MissingTranslationsRole:
        return row.info.missingTranslations;
    default:
        return {};
    }
}

QVariant EventTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case IdColumn:
        return tr("#");
    case TimeColumn:
        return tr("Time");
    case MethodColumn:
        return tr("Method");
    case TargetColumn:
        return tr("Target");
    case KindColumn:
        return tr("Kind");
    case ResultColumn:
        return tr("Result");
    case ForwardColumn:
        return tr("App");
    case LanguagesColumn:
        return tr("Languages");
    case BodySizeColumn:
        return tr("Body");
    case SenderColumn:
        return tr("Sender");
    case ColumnCount:
        break;
    }
    return {};
}

void EventTableModel::enqueue(const QList<EventSummary> &rows)
{
    m_pending.append(rows);
    if (!m_held && !m_flushTimer->isActive())
        m_flushTimer->start();
}

void EventTableModel::flush()
{
    m_flushTimer->stop();
    if (m_held || m_pending.isEmpty())
        return;
    const QList<EventSummary> batch = std::exchange(m_pending, {});
    append(batch);
}

void EventTableModel::hold()
{
    m_held = true;
    m_flushTimer->stop();
}

void EventTableModel::release()
{
    m_held = false;
    flush();
}

void EventTableModel::append(const QList<EventSummary> &rows)
{
    // Only ids above the last row: a batch may repeat what the history already brought.
    const qint64 last = lastId();
    auto first = std::find_if(rows.cbegin(), rows.cend(), [last](const EventSummary &s) { return s.id > last; });
    const auto count = int(std::distance(first, rows.cend()));
    if (count <= 0)
        return;
    const int begin = int(m_ids.size());
    beginInsertRows({}, begin, begin + count - 1);
    bool kindAdded = false;
    for (auto it = first; it != rows.cend(); ++it) {
        EventSummary row = *it;
        takeLateInfo(row);
        noteKind(row.info.kind, &kindAdded);
        m_ids.append(row.id);
        remember(std::move(row));
    }
    if (!m_lateInfos.isEmpty()) {
        const qint64 newLast = lastId();
        m_lateInfos.removeIf([newLast](const QHash<qint64, EventInfo>::iterator &it) { return it.key() <= newLast; });
    }
    endInsertRows();
    if (kindAdded)
        Q_EMIT kindsChanged();
}

void EventTableModel::setStore(const EventStore *store)
{
    m_store = store;
}

void EventTableModel::appendIds(const QList<qint64> &ids)
{
    const qint64 last = lastId();
    auto first = std::find_if(ids.cbegin(), ids.cend(), [last](qint64 id) { return id > last; });
    const auto count = int(std::distance(first, ids.cend()));
    if (count <= 0)
        return;
    const int begin = int(m_ids.size());
    beginInsertRows({}, begin, begin + count - 1);
    m_ids.append(QList<qint64>(first, ids.cend()));
    endInsertRows();
}

void EventTableModel::addKinds(const QStringList &kinds)
{
    bool kindAdded = false;
    for (const QString &kind : kinds)
        noteKind(kind, &kindAdded);
    if (kindAdded)
        Q_EMIT kindsChanged();
}

const EventInfo *EventTableModel::recentInfo(qint64 id) const
{
    const auto it = m_recentInfos.constFind(id);
    return it == m_recentInfos.cend() ? nullptr : &it.value();
}

const EventSummary &EventTableModel::rowAt(int row) const
{
    const qint64 id = m_ids[row];
    if (auto it = m_cache.constFind(id); it != m_cache.cend())
        return it.value();
    loadPage(row);
    if (auto it = m_cache.constFind(id); it != m_cache.cend())
        return it.value();
    // Gone from the store meanwhile (deleted, its removal not here yet): an empty row.
    EventSummary missing;
    missing.id = id;
    remember(std::move(missing));
    return m_cache.constFind(id).value();
}

void EventTableModel::loadPage(int row) const
{
    if (!m_store)
        return;
    // Mostly ahead of the row: scrolling down and the newest rows are read most.
    const int first = std::max(0, row - kPageRows / 4);
    const int last = std::min(int(m_ids.size()) - 1, first + kPageRows - 1);
    for (EventSummary &summary : m_store->summariesBetween(m_ids[first], m_ids[last])) {
        if (m_cache.contains(summary.id))
            continue; // what is in memory may be newer than the store (an answer on its way)
        if (const EventInfo *info = recentInfo(summary.id))
            summary.info = *info;
        if (const auto answer = m_answers.constFind(summary.id); answer != m_answers.cend())
            summary.responseStatus = answer->sent() ? answer->response.status : 0;
        remember(std::move(summary));
    }
}

void EventTableModel::remember(EventSummary row) const
{
    const qint64 id = row.id;
    m_cache.insert(id, std::move(row));
    if (!m_store)
        return; // nowhere to read it again from
    m_cacheOrder.push_back(id);
    // Oldest first; the page just read is at the back. A quarter goes at once so the next
    // pages do not evict one row each.
    if (m_cache.size() <= kCachedRows)
        return;
    while (m_cache.size() > kCachedRows * 3 / 4 && !m_cacheOrder.empty()) {
        m_cache.remove(m_cacheOrder.front());
        m_cacheOrder.pop_front();
    }
}

void EventTableModel::takeLateInfo(EventSummary &row)
{
    if (m_lateInfos.isEmpty())
        return;
    if (auto it = m_lateInfos.find(row.id); it != m_lateInfos.end()) {
        row.info = std::move(it.value());
        m_lateInfos.erase(it);
    }
}

void EventTableModel::noteKind(const QString &kind, bool *added)
{
    if (kind.isEmpty())
        return;
    const auto it = std::lower_bound(m_kinds.begin(), m_kinds.end(), kind);
    if (it != m_kinds.end() && *it == kind)
        return;
    m_kinds.insert(it, kind);
    *added = true;
}

void EventTableModel::noteInfo(const EventInfo &info)
{
    if (!m_store)
        return; // every row is in memory
    if (!m_recentInfos.contains(info.id))
        m_recentOrder.push_back(info.id);
    m_recentInfos.insert(info.id, info);
    while (m_recentInfos.size() > kRecentInfos && !m_recentOrder.empty()) {
        m_recentInfos.remove(m_recentOrder.front());
        m_recentOrder.pop_front();
    }
}

void EventTableModel::applyInfos(const QList<EventInfo> &infos)
{
    QList<int> rows;
    rows.reserve(infos.size());
    bool kindAdded = false;
    const qint64 last = lastId();
    for (const EventInfo &incoming : infos) {
        EventInfo info = incoming;
        info.violationsJson.clear(); // the table never shows details: keep rows small
        noteKind(info.kind, &kindAdded);
        if (const int row = rowOf(info.id); row >= 0) {
            noteInfo(info);
            if (auto cached = m_cache.find(info.id); cached != m_cache.end())
                cached->info = std::move(info);
            rows.append(row);
        } else if (info.id > last) {
            // Still queued, or in a history chunk not appended yet: applied on insertion.
            noteInfo(info);
            m_lateInfos.insert(info.id, std::move(info));
        }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const QList<int> roles = {Qt::DisplayRole, Qt::ToolTipRole, SortKeyRole, ValidityRole, ViolationCountRole, KindRole,
                              MissingTranslationsRole};
    qsizetype i = 0;
    while (i < rows.size()) {
        const int first = rows[i];
        int lastRow = first;
        while (i + 1 < rows.size() && rows[i + 1] == lastRow + 1) {
            ++i;
            ++lastRow;
        }
        ++i;
        Q_EMIT dataChanged(index(first, KindColumn), index(lastRow, LanguagesColumn), roles);
    }
    if (kindAdded)
        Q_EMIT kindsChanged();
}

int EventTableModel::rowOf(qint64 id) const
{
    const auto it = std::lower_bound(m_ids.cbegin(), m_ids.cend(), id);
    if (it == m_ids.cend() || *it != id)
        return -1;
    return int(std::distance(m_ids.cbegin(), it));
}

qint64 EventTableModel::idAt(int row) const
{
    return row >= 0 && row < int(m_ids.size()) ? m_ids[row] : 0;
}

void EventTableModel::removeIds(const QList<qint64> &ids)
{
    QList<int> rows;
    for (const qint64 id : ids) {
        if (const int row = rowOf(id); row >= 0)
            rows.append(row);
    }
    std::sort(rows.begin(), rows.end(), std::greater<>());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    // Contiguous ranges, from the bottom up, so earlier row numbers stay valid.
    qsizetype i = 0;
    while (i < rows.size()) {
        const int last = rows[i];
        int first = last;
        while (i + 1 < rows.size() && rows[i + 1] == first - 1) {
            ++i;
            --first;
        }
        ++i;
        beginRemoveRows({}, first, last);
        m_ids.remove(first, last - first + 1);
        endRemoveRows();
    }
    const QSet<qint64> gone(ids.cbegin(), ids.cend());
    for (const qint64 id : ids) {
        m_cache.remove(id); // its place in m_cacheOrder goes when it comes up
        m_recentInfos.remove(id);
    }
    m_pending.removeIf([&gone](const EventSummary &s) { return gone.contains(s.id); });
}

void EventTableModel::clear()
{
    beginResetModel();
    m_ids = {};
    m_cache = {};
    m_cacheOrder = {};
    m_recentInfos = {};
    m_recentOrder = {};
    m_pending.clear();
    m_lateInfos.clear();
    const bool hadKinds = !m_kinds.isEmpty();
    m_kinds.clear();
    endResetModel();
    if (hadKinds)
        Q_EMIT kindsChanged();
}

} // namespace hookscope
