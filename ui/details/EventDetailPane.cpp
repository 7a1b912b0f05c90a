#include "EventDetailPane.h"

#include "AmbiguityBar.h"
#include "enrich/DefaultInspector.h"

#include "BodyFormatter.h"
#include "BodyView.h"
#include "FindBar.h"
#include "DiffView.h"
#include "ForwardView.h"
#include "HeadersView.h"
#include "JsonTreeView.h"
#include "ResponseView.h"
#include "SelectionNote.h"
#include "StableTabWidget.h"
#include "TranslationsPane.h"
#include "TrustLine.h"
#include "ViolationEntry.h"
#include "ViolationsPanel.h"
#include "store/EventStore.h"

#include <QDateTime>
#include <QKeyEvent>
#include <QLabel>
#include <QTabBar>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr int kMaxTabCount = 99; // a title shows "99+" above it
} // namespace

EventDetailPane::EventDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_trust(new TrustLine(this))
    , m_ambiguity(new AmbiguityBar(this))
    , m_selectionNote(new SelectionNote(this))
    , m_tabs(new StableTabWidget(this))
    , m_body(new BodyView(this))
    , m_tree(new JsonTreeView(this))
    , m_violations(new ViolationsPanel(this))
    , m_translations(new TranslationsPane(this))
    , m_diff(new DiffView(this))
    , m_headers(new HeadersView(this))
    , m_response(new ResponseView(this))
    , m_forward(new ForwardView(this))
{
    setObjectName(QStringLiteral("eventDetailPane"));
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setContentsMargins(6, 4, 6, 4);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->insertTab(BodyTab, m_body, tr("Body"));
    m_tabs->insertTab(TreeTab, m_tree, tr("Tree"));
    m_tabs->insertTab(ViolationsTab, m_violations, tr("Violations"));
    m_tabs->insertTab(TranslationsTab, m_translations, tr("Translations"));
    m_tabs->insertTab(DiffTab, m_diff, tr("Diff"));
    m_tabs->insertTab(HeadersTab, m_headers, tr("Headers"));
    m_tabs->insertTab(ResponseTab, m_response, tr("Response"));
    m_tabs->insertTab(ForwardTab, m_forward, tr("Forward"));
    m_tabs->setTabToolTip(ForwardTab, tr("What your local app answered when the event was forwarded to it"));
    m_tabs->setTabToolTip(ViolationsTab, tr("What schema validation found in the body"));
    m_tabs->setTabToolTip(TranslationsTab, tr("The body's translated fields, one column per language"));
    // Counts in these titles come and go: the tabs after them stay put (issue 24, point 9).
    m_tabs->reserveTitle(ViolationsTab, tr("Violations (%1)").arg(tr("%L1+").arg(kMaxTabCount)));
    m_tabs->reserveTitle(TranslationsTab, tr("Translations (%1 missing)").arg(tr("%L1+").arg(kMaxTabCount)));
    m_tabs->setTabToolTip(DiffTab, tr("Fields added, removed and changed since the previous event of the same entity"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &EventDetailPane::fillTab);
    connect(m_violations, &ViolationsPanel::violationActivated, this, &EventDetailPane::revealInTree);
    connect(m_translations, &TranslationsPane::nodeSelected, this, &EventDetailPane::selectInTree);
    connect(m_translations, &TranslationsPane::nodeActivated, this, &EventDetailPane::revealInTree);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_trust);
    layout->addWidget(m_ambiguity);
    layout->addWidget(m_selectionNote);
    connect(m_selectionNote, &SelectionNote::compareRequested, this, [this] { m_tabs->setCurrentIndex(DiffTab); });
    layout->addWidget(m_tabs, 1);
    setEvent(std::nullopt);
}

EventDetailPane::~EventDetailPane() = default;

void EventDetailPane::setSelectionCount(int count)
{
    m_selectionCount = count;
    m_selectionNote->setSelection(count, eventId());
}

void EventDetailPane::setEvent(std::optional<Event> event)
{
    m_event = std::move(event);
    m_selectionNote->setSelection(m_selectionCount, eventId());
    m_info.reset();
    m_filled.fill(false);
    m_body->clear();
    m_tree->clear();
    m_headers->clear();
    m_response->clear();
    m_forward->clear();
    m_violations->setInfo(std::nullopt);
    m_translations->clear();
    m_diff->clear();
    m_trust->setRejection(m_event ? m_event->rejection : QString());
    m_ambiguity->clear();
    markTabsThatApply();
    if (!m_event) {
        m_title->setText(tr("Select an event to see its details"));
        updateTabTitles();
        return;
    }
    EventInfo pending;
    pending.id = m_event->id;
    m_info = pending;
    updateTabTitles();
    const Event &e = *m_event;
    m_title->setText(QStringLiteral("#%1  %2 %3  ·  %4  ·  %5")
                         .arg(e.id)
                         .arg(QString::fromLatin1(e.method), QString::fromUtf8(e.target), e.sender(),
                              QDateTime::fromMSecsSinceEpoch(e.receivedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))));
    fillTab(m_tabs->currentIndex());
}

void EventDetailPane::setInfo(const EventInfo &info)
{
    if (!m_event || info.id != m_event->id)
        return;
    m_info = info;
    // Only an event that got a kind can be ambiguous; the check reclassifies this one body.
    if (!info.kind.isEmpty())
        m_ambiguity->setEvent(m_event->displayBody(), m_event->target, appKindCatalog());
    m_trust->setInfo(info);
    updateTabTitles();
    markTabsThatApply();
    if (info.validity == EventInfo::Validity::NotJson) { // tabs filled before the verdict say it now
        m_filled[TreeTab] = false;
        m_filled[TranslationsTab] = false;
    }
    if (m_filled[TreeTab])
        m_tree->setViolations(ViolationEntry::listFromJson(info.violationsJson));
    if (m_filled[BodyTab])
        m_body->setViolations(ViolationEntry::listFromJson(info.violationsJson));
    m_filled[ViolationsTab] = false;
    m_filled[DiffTab] = false;
    fillTab(m_tabs->currentIndex());
}

void EventDetailPane::setForward(const std::optional<ForwardRecord> &record, qint64 eventId)
{
    if (!m_event || eventId != m_event->id)
        return;
    m_forward->setRecord(record);
}

void EventDetailPane::revealInTree(const QString &pointer)
{
    m_tabs->setCurrentIndex(TreeTab);
    m_tree->revealPointer(pointer);
    m_tree->tree()->setFocus(Qt::OtherFocusReason);
}

void EventDetailPane::selectInTree(const QString &pointer)
{
    fillTab(TreeTab); // builds the tree if it was not shown yet
    m_tree->revealPointer(pointer);
}

void EventDetailPane::updateTabTitles()
{
    // Counts from 100 on read "99+" (the exact one is in the tab's tooltip and inside it): the
    // reserved width holds any count, so no tab after these moves under the mouse.
    const auto count = [](int n) { return n > kMaxTabCount ? tr("%L1+").arg(kMaxTabCount) : tr("%L1").arg(n); };
    const bool invalid = m_info && m_info->validity == EventInfo::Validity::Invalid;
    const int violations = invalid ? m_info->violationCount : 0;
    m_tabs->setTabText(ViolationsTab, invalid ? tr("Violations (%1)").arg(count(violations)) : tr("Violations"));
    m_tabs->setTabToolTip(ViolationsTab, invalid ? tr("%L1 violations: what schema validation found in the body").arg(violations)
                                                 : tr("What schema validation found in the body"));
    const int missing = m_info ? m_info->missingTranslations : 0;
    m_tabs->setTabText(TranslationsTab, missing > 0 ? tr("Translations (%1 missing)").arg(count(missing)) : tr("Translations"));
    m_tabs->setTabToolTip(TranslationsTab, missing > 0
                              ? tr("%L1 translations missing; the body's translated fields, one column per language").arg(missing)
                              : tr("The body's translated fields, one column per language"));
}

void EventDetailPane::fillTab(int tab)
{
    if (!m_event || tab < 0 || tab >= TabCount || m_filled[size_t(tab)])
        return;
    m_filled[size_t(tab)] = true;
    const Event &e = *m_event;
    if (const QString notJson = notJsonSentence(); !notJson.isEmpty()) {
        // A body shaped like JSON keeps its Tree and Translations: they read what parses and say
        // where it stops (the receiver's verdict can be stricter, e.g. on invalid UTF-8).
        const bool shaped = looksLikeJson();
        switch (Tab(tab)) {
        case TreeTab:
            if (shaped)
                break;
            m_tree->showNotApplicable(notJson);
            return;
        case ViolationsTab:
            m_violations->showNotApplicable(notJson);
            return;
        case TranslationsTab:
            if (shaped)
                break;
            m_translations->showNotApplicable(notJson);
            return;
        case DiffTab:
            if (m_compareBase > 0)
                break; // two rows picked: the comparison says what it can
            m_diff->showMessage(notJson);
            return;
        default:
            break;
        }
    }
    switch (Tab(tab)) {
    case BodyTab: {
        QString note;
        if (e.decodedBody)
            note = tr("decoded from %1 as sent").arg(BodyFormatter::sizeText(e.body.size()));
        else if (!e.decodeError.isEmpty())
            note = tr("could not decode: %1").arg(e.decodeError);
        m_body->setBody(e.displayBody(), e.contentType, note);
        if (m_info)
            m_body->setViolations(ViolationEntry::listFromJson(m_info->violationsJson));
        break;
    }
    case TreeTab:
        m_tree->setJson(e.displayBody());
        if (m_info)
            m_tree->setViolations(ViolationEntry::listFromJson(m_info->violationsJson));
        break;
    case ViolationsTab:
        m_violations->setInfo(m_info);
        break;
    case TranslationsTab:
        m_translations->setBody(e.displayBody());
        break;
    case DiffTab:
        fillDiff();
        break;
    case HeadersTab:
        m_headers->setEvent(e);
        break;
    case ResponseTab:
        m_response->setEvent(e);
        break;
    case ForwardTab: // filled by setForward()
        break;
    case TabCount:
        break;
    }
}

QString EventDetailPane::notJsonSentence() const
{
    if (!m_event || !m_info || m_info->validity != EventInfo::Validity::NotJson)
        return {};
    if (m_event->displayBody().isEmpty())
        return tr("There is no body: nothing to show here.");
    if (looksLikeJson() || BodyFormatter::claimsJson(m_event->contentType))
        return m_info->jsonError.isEmpty() ? tr("The body is not valid JSON: nothing to show here.")
                                           : tr("The body is not valid JSON (%1): nothing to show here.").arg(m_info->jsonError);
    const QString type = m_event->contentType.isEmpty() ? tr("not JSON") : QString::fromLatin1(m_event->contentType);
    return tr("The body is %1, not JSON: nothing to show here. The Body tab shows it as it came.").arg(type);
}

bool EventDetailPane::looksLikeJson() const
{
    const QByteArray head = m_event ? m_event->displayBody().left(4096).trimmed() : QByteArray();
    return head.startsWith('{') || head.startsWith('[');
}

void EventDetailPane::markTabsThatApply()
{
    // Dimmed, not disabled: the tab still opens and says why it does not apply.
    // With no event at all (a first run), every tab is dimmed: nothing in them yet.
    const bool notJson = !notJsonSentence().isEmpty();
    const QColor dim = palette().color(QPalette::PlaceholderText);
    for (int tab = 0; tab < TabCount; ++tab) {
        const bool readsJson = tab == TreeTab || tab == ViolationsTab || tab == TranslationsTab || tab == DiffTab;
        m_tabs->tabBar()->setTabTextColor(tab, !m_event || (notJson && readsJson) ? dim : QColor());
    }
}

void EventDetailPane::setSearchTerm(const QString &term)
{
    m_searchTerm = term;
    m_body->setSearchTerm(term);
    m_tree->setSearchTerm(term);
}

void EventDetailPane::openFind()
{
    m_tabs->setCurrentIndex(BodyTab);
    m_body->openFind();
}

bool EventDetailPane::event(QEvent *event)
{
    // Ctrl+F, F3 and Shift+F3 with the focus in the details find in the body, before the
    // window's Ctrl+F (the event filter) sees them.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Find) || key->matches(QKeySequence::FindNext)
            || key->matches(QKeySequence::FindPrevious)) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void EventDetailPane::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Find)) {
        openFind();
    } else if (event->matches(QKeySequence::FindNext)) {
        m_tabs->setCurrentIndex(BodyTab);
        m_body->findBar()->findNext();
    } else if (event->matches(QKeySequence::FindPrevious)) {
        m_tabs->setCurrentIndex(BodyTab);
        m_body->findBar()->findPrevious();
    } else {
        QWidget::keyPressEvent(event);
    }
}

void EventDetailPane::setCompareBase(qint64 id)
{
    if (id == m_compareBase)
        return;
    m_compareBase = id;
    m_filled[DiffTab] = false;
    if (m_event && m_tabs->currentIndex() == DiffTab)
        fillTab(DiffTab);
}

void EventDetailPane::fillDiff()
{
    const Event &e = *m_event;
    if (m_compareBase > 0 && m_compareBase != e.id && m_store) {
        // Two rows picked: compare them whatever their kind, the older one first.
        if (const std::optional<Event> other = m_store->load(m_compareBase)) {
            const bool otherFirst = other->id < e.id;
            const Event &before = otherFirst ? *other : e;
            const Event &after = otherFirst ? e : *other;
            showDiff(before, after, tr("#%1 → #%2, the two selected events").arg(before.id).arg(after.id));
            return;
        }
    }
    if (!m_info || !m_info->isChecked()) {
        m_diff->showMessage(tr("Validating… the entity this event belongs to is not known yet."));
        return;
    }
    if (m_info->validity == EventInfo::Validity::NotJson) {
        m_diff->showMessage(tr("The body is not JSON: there is nothing to compare."));
        return;
    }
    if (m_info->validity == EventInfo::Validity::NotInspectable) {
        m_diff->showMessage(tr("Not inspected (%1): the entity this event belongs to is not known.").arg(m_info->jsonError));
        return;
    }
    if (m_info->kind.isEmpty()) {
        m_diff->showMessage(tr("Unknown kind: there is no entity to compare with. Select two rows to compare them."));
        return;
    }
    if (m_info->entityId.isEmpty()) {
        m_diff->showMessage(tr("This %1 event names no entity: there is no previous version to compare with. "
                               "Select two rows to compare them.")
                                .arg(m_info->kind));
        return;
    }
    const std::optional<qint64> previousId =
        m_store ? m_store->previousOfEntity(m_info->kind, m_info->entityId, e.id) : std::nullopt;
    const std::optional<Event> previous = previousId ? m_store->load(*previousId) : std::nullopt;
    if (!previous) {
        m_diff->showMessage(tr("No previous version: this is the first %1 event for %2 in the store. "
                               "Select two rows to compare them.")
                                .arg(m_info->kind, m_info->entityId));
        return;
    }
    showDiff(*previous, e,
             tr("Against #%1 (%2), the previous version of %3 %4")
                 .arg(previous->id)
                 .arg(QDateTime::fromMSecsSinceEpoch(previous->receivedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")),
                      m_info->kind, m_info->entityId));
}

void EventDetailPane::showDiff(const Event &before, const Event &after, const QString &against)
{
    QList<JsonDiff::Change> changes;
    QString error;
    bool compared = false;
    try { // whatever the two bodies do (std::bad_alloc, for one), the Diff tab says so
        compared = JsonDiff::compare(before.displayBody(), after.displayBody(), &changes, &error);
    } catch (const std::exception &failure) {
        error = QStringLiteral("could not be inspected: %1").arg(QString::fromUtf8(failure.what()));
    }
    const qint64 otherId = before.id == m_event->id ? after.id : before.id;
    if (!compared) {
        m_diff->showMessage(tr("Cannot compare with #%1: %2.").arg(otherId).arg(error));
        return;
    }
    m_diff->setComparison(against, changes);
}

} // namespace hookscope
