#pragma once

#include <QAbstractTableModel>
#include <QJsonValue>
#include <vector>

namespace hookscope {

// The request's `fields` (fieldTypeId → value) and `tagIds`, editable, for the "Set fields and
// tags" answer. Returned fields REPLACE all the case's fields, so the table starts with every
// field of the request. Values keep their JSON type: an edited number stays a number when the
// text is one, a string stays a string.
class AnswerFieldsModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TypeColumn, IdColumn, ValueColumn, ColumnCount };

    explicit AnswerFieldsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    bool removeRows(int row, int count, const QModelIndex &parent = {}) override;

    // Rows from the request's /fields and /tagIds (a reset).
    void setRequest(const QJsonValue &request);
    // Appends an empty field or tag row; returns its row.
    int addField();
    int addTag();

    // {"id": value, …}; null when the request had no fields object and none were added.
    [[nodiscard]] QJsonValue fields() const;
    // ["tag", …]; null likewise.
    [[nodiscard]] QJsonValue tagIds() const;

Q_SIGNALS:
    void edited();

private:
    struct Row
    {
        bool tag = false;
        QString id;
        QJsonValue value;
    };
    [[nodiscard]] static QString valueText(const QJsonValue &value);

    std::vector<Row> m_rows;
    bool m_hadFields = false;
    bool m_hadTags = false;
};

} // namespace hookscope
