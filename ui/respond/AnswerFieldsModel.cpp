#include "AnswerFieldsModel.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

AnswerFieldsModel::AnswerFieldsModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

int AnswerFieldsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AnswerFieldsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString AnswerFieldsModel::valueText(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(wrapped.mid(1, wrapped.size() - 2));
}

QVariant AnswerFieldsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    switch (Column(index.column())) {
    case TypeColumn:
        return row.tag ? tr("Tag") : tr("Field");
    case IdColumn:
        return row.id;
    case ValueColumn:
        return row.tag ? QString() : valueText(row.value);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant AnswerFieldsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TypeColumn:
        return tr("Type");
    case IdColumn:
        return tr("Id");
    case ValueColumn:
        return tr("Value");
    case ColumnCount:
        break;
    }
    return {};
}

Qt::ItemFlags AnswerFieldsModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    const Row &row = m_rows[size_t(index.row())];
    if (index.column() == IdColumn || (index.column() == ValueColumn && !row.tag))
        f |= Qt::ItemIsEditable;
    return f;
}

bool AnswerFieldsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    Row &row = m_rows[size_t(index.row())];
    const QString text = value.toString();
    if (index.column() == IdColumn) {
        if (row.id == text)
            return false;
        row.id = text;
    } else {
        QJsonValue next(text);
        if (!row.value.isString()) {
            // A non-string keeps its type when the text still is one (true, 42, null).
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson("[" + text.toUtf8() + "]", &error);
            if (error.error == QJsonParseError::NoError && doc.array().size() == 1)
                next = doc.array().at(0);
        }
        if (next == row.value)
            return false;
        row.value = next;
    }
    Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
    Q_EMIT edited();
    return true;
}

bool AnswerFieldsModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > int(m_rows.size()))
        return false;
    beginRemoveRows({}, row, row + count - 1);
    m_rows.erase(m_rows.begin() + row, m_rows.begin() + row + count);
    endRemoveRows();
    Q_EMIT edited();
    return true;
}

void AnswerFieldsModel::setRequest(const QJsonValue &request)
{
    beginResetModel();
    m_rows.clear();
    const QJsonValue fields = request.toObject().value(QStringLiteral("fields"));
    const QJsonValue tags = request.toObject().value(QStringLiteral("tagIds"));
    m_hadFields = fields.isObject();
    m_hadTags = tags.isArray();
    const QJsonObject fieldObject = fields.toObject();
    for (auto it = fieldObject.begin(); it != fieldObject.end(); ++it)
        m_rows.push_back(Row{false, it.key(), it.value()});
    for (const QJsonValue &tag : tags.toArray())
        m_rows.push_back(Row{true, tag.isString() ? tag.toString() : valueText(tag), QJsonValue()});
    endResetModel();
}

int AnswerFieldsModel::addField()
{
    // Fields come before tags: insert after the last field.
    int at = 0;
    while (at < int(m_rows.size()) && !m_rows[size_t(at)].tag)
        ++at;
    beginInsertRows({}, at, at);
    m_rows.insert(m_rows.begin() + at, Row{false, QString(), QJsonValue(QString())});
    endInsertRows();
    m_hadFields = true;
    Q_EMIT edited();
    return at;
}

int AnswerFieldsModel::addTag()
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.push_back(Row{true, QString(), QJsonValue()});
    endInsertRows();
    m_hadTags = true;
    Q_EMIT edited();
    return at;
}

QJsonValue AnswerFieldsModel::fields() const
{
    QJsonObject out;
    bool any = false;
    for (const Row &row : m_rows) {
        if (!row.tag && !row.id.isEmpty()) {
            out.insert(row.id, row.value);
            any = true;
        }
    }
    return any || m_hadFields ? QJsonValue(out) : QJsonValue(QJsonValue::Null);
}

QJsonValue AnswerFieldsModel::tagIds() const
{
    QJsonArray out;
    for (const Row &row : m_rows) {
        if (row.tag && !row.id.isEmpty())
            out.append(row.id);
    }
    return !out.isEmpty() || m_hadTags ? QJsonValue(out) : QJsonValue(QJsonValue::Null);
}

} // namespace hookscope
