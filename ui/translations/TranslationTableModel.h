#pragma once

#include "translate/TranslationIndex.h"

#include <QAbstractTableModel>
#include <QModelIndexList>
#include <memory>
#include <vector>

namespace hookscope {

// The Translations tab's pivot table: one row per translated field of the event (owner label
// and RFC 6901 pointer), one column per language found in it, in TranslationIndex order.
// Holds one immutable TranslationIndex and swaps it whole (a reset) when the event changes.
// Fields with a problem (a language missing, an empty or null value) come first, the rest after
// them, each group in document order (issue 24.16: the one missing "fr" is row 1, not 27).
//
// Cells speak meaning, the delegate decides looks: CellStateRole says text / "" / null /
// missing, OccurrencesRole counts items for the language (2+: a duplicate), RightToLeftRole
// marks ar, he, fa… columns. NodePointerRole is the JSON node a cell stands for — the
// language's first item's "value" (".../name/1/value"), or the array itself for the field
// columns and for a missing language — so a cell can be shown in the tree.
class TranslationTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { FieldColumn, PointerColumn, FixedColumnCount }; // then the languages
    enum class CellState { Text, Empty, Null, Missing, NotACell };
    enum Role {
        LanguageRole = Qt::UserRole + 1, // the column's language code (cells and header); "" for fixed columns
        CellStateRole, // int(CellState)
        OccurrencesRole, // items naming the column's language in the field (0 when missing)
        NodePointerRole, // RFC 6901 pointer of the JSON node the cell stands for
        RightToLeftRole, // bool: the column's language runs right to left
        TsvRole, // the cell as one TSV cell (escaped; "\N" null, "\-" missing), like `hookscope translations`
    };

    explicit TranslationTableModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Shared, not copied: a big event's index is built on a worker thread and handed over.
    void setTranslations(std::shared_ptr<const TranslationIndex> index);
    void clear();
    [[nodiscard]] const TranslationIndex &translations() const { return *m_index; }

    // -1 when the event has no such language.
    [[nodiscard]] int columnOf(const QString &language) const;
    [[nodiscard]] QString languageAt(int column) const;

    // Copy texts (every line ends in "\n"; cells escaped as TranslationReport does):
    // the selected cells' bounding rectangle in view order, no header; cells inside it that
    // are not selected stay empty.
    [[nodiscard]] QString tsvOf(const QModelIndexList &indexes) const;
    // A header line (the language code, "pointer" or "owner"), then one line per field.
    [[nodiscard]] QString columnTsv(int column) const;
    // The whole table, exactly what `hookscope translations --format tsv` prints for the body.
    [[nodiscard]] QString tableTsv() const;

private:
    [[nodiscard]] const TranslatedField &fieldAt(int row) const { return m_index->field(m_order.at(size_t(row))); }
    [[nodiscard]] bool hasProblem(const TranslatedField &field) const;
    [[nodiscard]] CellState stateOf(int row, int column) const;
    [[nodiscard]] QString cellTsv(int row, int column) const;
    [[nodiscard]] QString toolTip(int row, int column) const;

    std::shared_ptr<const TranslationIndex> m_index; // never null
    std::vector<qsizetype> m_order; // row -> the index's field
};

} // namespace hookscope
