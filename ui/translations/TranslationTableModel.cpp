#include "TranslationTableModel.h"

#include "PlainToolTip.h"
#include "translate/LanguageNames.h"
#include "translate/TranslationReport.h"

#include <QLocale>

#include <algorithm>
#include <numeric>
#include <set>

namespace hookscope {

namespace {

const std::shared_ptr<const TranslationIndex> &emptyIndex()
{
    static const auto empty = std::make_shared<const TranslationIndex>();
    return empty;
}

} // namespace

TranslationTableModel::TranslationTableModel(QObject *parent)
    : QAbstractTableModel(parent)
    , m_index(emptyIndex())
{
}

int TranslationTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_index->fieldCount());
}

int TranslationTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : FixedColumnCount + int(m_index->languages().size());
}

void TranslationTableModel::setTranslations(std::shared_ptr<const TranslationIndex> index)
{
    beginResetModel();
    m_index = index ? std::move(index) : emptyIndex();
    m_order.resize(size_t(m_index->fieldCount()));
    std::iota(m_order.begin(), m_order.end(), qsizetype(0));
    std::stable_partition(m_order.begin(), m_order.end(), [this](qsizetype i) { return hasProblem(m_index->field(i)); });
    endResetModel();
}

void TranslationTableModel::clear()
{
    setTranslations(nullptr);
}

int TranslationTableModel::columnOf(const QString &language) const
{
    const qsizetype i = m_index->languages().indexOf(language);
    return i < 0 ? -1 : FixedColumnCount + int(i);
}

QString TranslationTableModel::languageAt(int column) const
{
    const int i = column - FixedColumnCount;
    return i >= 0 && i < m_index->languages().size() ? m_index->languages().at(i) : QString();
}

bool TranslationTableModel::hasProblem(const TranslatedField &field) const
{
    if (field.problems().toInt() != 0)
        return true;
    for (const QString &language : m_index->languages()) {
        const TranslationEntry *entry = field.entry(language);
        if (!entry || entry->isNull || entry->text.isEmpty())
            return true;
    }
    return false;
}

TranslationTableModel::CellState TranslationTableModel::stateOf(int row, int column) const
{
    if (column < FixedColumnCount)
        return CellState::NotACell;
    const TranslationEntry *entry = fieldAt(row).entry(languageAt(column));
    if (!entry)
        return CellState::Missing;
    if (entry->isNull)
        return CellState::Null;
    return entry->text.isEmpty() ? CellState::Empty : CellState::Text;
}

QString TranslationTableModel::cellTsv(int row, int column) const
{
    const TranslatedField &field = fieldAt(row);
    if (column == FieldColumn)
        return TranslationReport::escapeTsv(field.owner());
    if (column == PointerColumn)
        return TranslationReport::escapeTsv(field.pointer());
    const TranslationEntry *entry = field.entry(languageAt(column));
    if (!entry)
        return TranslationReport::missingMarker;
    return entry->isNull ? TranslationReport::nullMarker : TranslationReport::escapeTsv(entry->text);
}

QString TranslationTableModel::toolTip(int row, int column) const
{
    const TranslatedField &field = fieldAt(row);
    if (column < FixedColumnCount) {
        QString tip = field.owner() + u'\n' + field.pointer();
        if (field.problems() & TranslatedField::Problem::NoTranslations)
            tip += u'\n' + tr("The array is empty: no language at all.");
        if (field.blankLanguageItems() > 0)
            tip += u'\n' + (field.blankLanguageItems() == 1
                                 ? tr("1 item with an empty \"language\" (shown in no column).")
                                 : tr("%L1 items with an empty \"language\" (shown in no column).").arg(field.blankLanguageItems()));
        return tip;
    }
    const QString language = languageAt(column);
    const TranslationEntry *entry = field.entry(language);
    if (!entry)
        return tr("Missing: %1 has no %2 item, while other fields of this event have one.").arg(field.owner(), language);
    QString tip = entry->isNull ? tr("null (the value is JSON null)")
                                : entry->text.isEmpty() ? tr("Empty: the %1 value is \"\".").arg(language) : entry->text;
    if (entry->isDuplicate())
        tip += u'\n' + tr("Duplicate: %1 items for %2 in this field; the first one is shown.").arg(entry->occurrences).arg(language);
    return tip;
}

QVariant TranslationTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    const int column = index.column();
    const TranslatedField &field = fieldAt(row);
    const QString language = languageAt(column);
    const TranslationEntry *entry = language.isEmpty() ? nullptr : field.entry(language);
    switch (role) {
    case Qt::DisplayRole:
        if (column == FieldColumn)
            return field.owner();
        if (column == PointerColumn)
            return field.pointer();
        return entry ? entry->text : QString();
    case Qt::ToolTipRole:
        return toolTip(row, column);
    case Qt::TextAlignmentRole:
        if (!language.isEmpty() && LanguageNames::isRightToLeft(language))
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case LanguageRole:
        return language;
    case CellStateRole:
        return int(stateOf(row, column));
    case OccurrencesRole:
        return entry ? entry->occurrences : 0;
    case NodePointerRole:
        if (entry)
            return field.pointer() + u'/' + QString::number(entry->itemIndex) + QLatin1String("/value");
        return field.pointer();
    case RightToLeftRole:
        return !language.isEmpty() && LanguageNames::isRightToLeft(language);
    case TsvRole:
        return cellTsv(row, column);
    default:
        return {};
    }
}

QVariant TranslationTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString language = languageAt(section);
    switch (role) {
    case Qt::DisplayRole:
        if (section == FieldColumn)
            return tr("Field");
        if (section == PointerColumn)
            return tr("Pointer");
        return LanguageNames::displayName(language);
    case Qt::ToolTipRole: {
        if (language.isEmpty())
            return {};
        // QHeaderView shows this with QToolTip as is: escaped here, since a code is payload.
        const QString name = LanguageNames::displayName(language);
        const int missing = m_index->missingCount(language);
        return PlainToolTip::html(missing == 0   ? tr("%1: every field has it").arg(name)
                                  : missing == 1 ? tr("%1: 1 field missing").arg(name)
                                                 : tr("%1: %2 fields missing").arg(name, QLocale().toString(missing)));
    }
    case LanguageRole:
        return language;
    default:
        return {};
    }
}

QString TranslationTableModel::tsvOf(const QModelIndexList &indexes) const
{
    // Rows and columns that hold a selected cell, in model order; each row a line.
    std::set<int> rows;
    std::set<int> columns;
    std::set<std::pair<int, int>> selected;
    for (const QModelIndex &index : indexes) {
        if (index.model() != this || !index.isValid())
            continue;
        rows.insert(index.row());
        columns.insert(index.column());
        selected.emplace(index.row(), index.column());
    }
    QString text;
    for (const int row : rows) {
        QStringList cells;
        for (const int column : columns)
            cells.append(selected.count({row, column}) ? cellTsv(row, column) : QString());
        text += cells.join(u'\t') + u'\n';
    }
    return text;
}

QString TranslationTableModel::columnTsv(int column) const
{
    if (column < 0 || column >= columnCount())
        return {};
    QString text = column == FieldColumn     ? QStringLiteral("owner")
                   : column == PointerColumn ? QStringLiteral("pointer")
                                             : TranslationReport::escapeTsv(languageAt(column));
    text += u'\n';
    for (int row = 0; row < rowCount(); ++row)
        text += cellTsv(row, column) + u'\n';
    return text;
}

QString TranslationTableModel::tableTsv() const
{
    return TranslationReport::tsv(*m_index);
}

} // namespace hookscope
