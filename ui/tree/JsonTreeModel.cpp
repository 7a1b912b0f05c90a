#include "JsonTreeModel.h"

#include <QStack>

namespace hookscope {

namespace {
constexpr int kMaxShownChars = 2000; // longer string values are cut in the view (copy gives all)

QString typeName(JsonType type)
{
    switch (type) {
    case JsonType::Null:
        return QStringLiteral("null");
    case JsonType::Bool:
        return QStringLiteral("boolean");
    case JsonType::Number:
        return QStringLiteral("number");
    case JsonType::String:
        return QStringLiteral("string");
    case JsonType::Array:
        return QStringLiteral("array");
    case JsonType::Object:
        return QStringLiteral("object");
    }
    return {};
}
} // namespace

struct JsonTreeModel::Node
{
    Node *parent = nullptr; // not owned
    int row = 0;
    QString key; // member name, or the array index as text
    JsonSpan span;
    JsonType type = JsonType::Null;
    mutable int childCount = -1; // members of a container, counted on first need
    bool fetched = false; // every member has its node
    qsizetype resume = 0; // where the next batch of members begins (JsonScanner::nextMembers)
    std::vector<std::unique_ptr<Node>> children;
};

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

JsonTreeModel::~JsonTreeModel() = default;

JsonCheck JsonTreeModel::setJson(const QByteArray &json)
{
    return setSeed(JsonTreeSeed::build(json, 0)); // no member read ahead: fetchMore() creates them
}

JsonCheck JsonTreeModel::setSeed(const JsonTreeSeed &seed)
{
    beginResetModel();
    m_root.reset();
    m_nodeCount = 0;
    m_marks.clear();
    m_json.clear();
    if (seed.check.ok) {
        m_json = seed.json;
        m_root = std::make_unique<Node>();
        m_root->fetched = true;
        m_root->childCount = 1;
        auto doc = std::make_unique<Node>();
        doc->parent = m_root.get();
        doc->span = seed.document;
        doc->type = JsonScanner::typeOf(m_json, doc->span);
        doc->childCount = seed.documentMembers;
        doc->resume = seed.resume;
        doc->children.reserve(size_t(seed.members.size()));
        for (qsizetype i = 0; i < seed.members.size(); ++i) {
            auto node = std::make_unique<Node>();
            node->parent = doc.get();
            node->row = int(i);
            node->span = seed.members[i].value;
            node->type = JsonScanner::typeOf(m_json, node->span);
            node->key = seed.keys.value(i);
            node->childCount = seed.memberCounts.value(i, -1);
            doc->children.push_back(std::move(node));
        }
        doc->fetched = doc->childCount == 0 || int(doc->children.size()) >= doc->childCount;
        m_nodeCount = 1 + qsizetype(doc->children.size());
        m_root->children.push_back(std::move(doc));
    }
    endResetModel();
    return seed.check;
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_root.reset();
    m_json.clear();
    m_nodeCount = 0;
    m_marks.clear();
    endResetModel();
}

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

int JsonTreeModel::childCountOf(Node *node) const
{
    if (node->type != JsonType::Array && node->type != JsonType::Object)
        return 0;
    if (node->childCount < 0)
        node->childCount = JsonScanner::memberCount(m_json, node->span);
    return node->childCount;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    Node *p = nodeOf(parent);
    if (!p || row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= p->children.size())
        return {};
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    Node *p = static_cast<Node *>(child.internalPointer())->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, p);
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    Node *p = nodeOf(parent);
    return p ? int(p->children.size()) : 0;
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool JsonTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    Node *p = nodeOf(parent);
    if (!p)
        return false;
    // True before fetching, so the view shows an expander.
    return p->fetched ? !p->children.empty() : childCountOf(p) > 0;
}

bool JsonTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    Node *p = nodeOf(parent);
    return !m_fetching && p && !p->fetched && childCountOf(p) > 0;
}

void JsonTreeModel::fetchMore(const QModelIndex &parent)
{
    Node *p = nodeOf(parent);
    if (m_fetching || !p || p->fetched)
        return;
    const QList<JsonMember> members = JsonScanner::nextMembers(m_json, p->span, &p->resume, kFetchBatch);
    const int first = int(p->children.size());
    const int total = childCountOf(p);
    if (members.isEmpty() || first + int(members.size()) >= total)
        p->fetched = true;
    if (members.isEmpty())
        return;
    m_fetching = true;
    beginInsertRows(parent, first, first + int(members.size()) - 1);
    p->children.reserve(size_t(p->fetched ? first + members.size() : total));
    for (int i = 0; i < members.size(); ++i) {
        auto node = std::make_unique<Node>();
        node->parent = p;
        node->row = first + i;
        node->span = members[i].value;
        node->type = JsonScanner::typeOf(m_json, node->span);
        node->key = p->type == JsonType::Object ? JsonScanner::unescape(m_json, members[i].key) : QString::number(first + i);
        p->children.push_back(std::move(node));
    }
    m_nodeCount += members.size();
    endInsertRows();
    m_fetching = false;
}

bool JsonTreeModel::fetchAll(const QModelIndex &parent, int maxNodes)
{
    const qsizetype limit = m_nodeCount + maxNodes;
    QStack<QModelIndex> todo;
    todo.push(parent.siblingAtColumn(0));
    while (!todo.isEmpty()) {
        const QModelIndex current = todo.pop();
        while (canFetchMore(current)) {
            Node *node = nodeOf(current);
            const qsizetype next = qMin<qsizetype>(kFetchBatch, childCountOf(node) - qsizetype(node->children.size()));
            if (m_nodeCount + next > limit)
                return false;
            fetchMore(current);
        }
        const int rows = rowCount(current);
        for (int row = rows - 1; row >= 0; --row) {
            const QModelIndex child = index(row, 0, current);
            if (hasChildren(child))
                todo.push(child);
        }
    }
    return true;
}

QString JsonTreeModel::valueText(Node *node) const
{
    switch (node->type) {
    case JsonType::Object:
        return childCountOf(node) == 1 ? tr("{1 key}") : tr("{%1 keys}").arg(childCountOf(node));
    case JsonType::Array:
        return childCountOf(node) == 1 ? tr("[1 item]") : tr("[%1 items]").arg(childCountOf(node));
    case JsonType::String: {
        QString text = JsonScanner::unescape(m_json, node->span);
        if (text.size() > kMaxShownChars)
            text = text.left(kMaxShownChars) + QChar(0x2026);
        return text;
    }
    default:
        return QString::fromUtf8(m_json.constData() + node->span.begin, node->span.end - node->span.begin);
    }
}

QString JsonTreeModel::escapePointerToken(const QString &key)
{
    QString token = key;
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

QString JsonTreeModel::pointerOf(Node *node) const
{
    QStringList tokens;
    for (Node *n = node; n && n->parent && n->parent != m_root.get(); n = n->parent)
        tokens.prepend(escapePointerToken(n->key));
    return tokens.isEmpty() ? QString() : QLatin1Char('/') + tokens.join(QLatin1Char('/'));
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    Node *node = nodeOf(index);
    const bool isDocument = node->parent == m_root.get();
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case KeyColumn:
            if (isDocument)
                return tr("(root)");
            return node->parent->type == JsonType::Array ? QStringLiteral("[%1]").arg(node->key) : node->key;
        case ValueColumn:
            return valueText(node);
        case TypeColumn:
            return typeName(node->type);
        case ColumnCount:
            break;
        }
        return {};
    case Qt::ToolTipRole: {
        const QString pointer = pointerOf(node);
        QString text = pointer.isEmpty() ? QStringLiteral("/ (whole document)") : pointer;
        if (const ViolationState state = m_marks.state(pointer); state != ViolationState::None) {
            text += QLatin1Char('\n') + (state == ViolationState::Offending ? tr("Violations here:") : tr("Violations below:"));
            const QStringList messages = m_marks.messages(pointer);
            for (const QString &message : messages)
                text += QStringLiteral("\n• ") + message;
        }
        return text;
    }
    case ViolationStateRole:
        return int(m_marks.isEmpty() ? ViolationState::None : m_marks.state(pointerOf(node)));
    case ViolationMessagesRole:
        return m_marks.isEmpty() ? QStringList() : m_marks.messages(pointerOf(node));
    case JsonTypeRole:
        return int(node->type);
    case JsonPointerRole:
        return pointerOf(node);
    case KeyRole:
        return isDocument ? QString() : node->key;
    case CopyValueRole:
        if (node->type == JsonType::String)
            return JsonScanner::unescape(m_json, node->span);
        return QString::fromUtf8(m_json.constData() + node->span.begin, node->span.end - node->span.begin);
    default:
        return {};
    }
}

void JsonTreeModel::setViolations(const QList<ViolationEntry> &violations)
{
    if (!m_root || (violations.isEmpty() && m_marks.isEmpty()))
        return;
    m_marks.build(m_json, violations);
    emitChangedBelow(m_root.get());
}

void JsonTreeModel::emitChangedBelow(Node *node)
{
    // One dataChanged per fetched container: only nodes that exist can be repainted.
    if (node->children.empty())
        return;
    const QModelIndex parent = node == m_root.get() ? QModelIndex() : createIndex(node->row, 0, node);
    Q_EMIT dataChanged(index(0, 0, parent), index(int(node->children.size()) - 1, ColumnCount - 1, parent),
                       {Qt::ToolTipRole, ViolationStateRole, ViolationMessagesRole});
    for (const auto &child : node->children)
        emitChangedBelow(child.get());
}

QModelIndex JsonTreeModel::indexOfPointer(const QString &pointer)
{
    if (!m_root)
        return {};
    QModelIndex current = index(0, 0);
    const QStringList tokens = ViolationMarks::tokens(pointer);
    for (const QString &token : tokens) {
        Node *node = nodeOf(current);
        // An array element needs the batches up to its index; an object member all of them
        // (the last of duplicate keys counts).
        bool isIndex = false;
        const int wanted = node->type == JsonType::Array ? token.toInt(&isIndex) : -1;
        while (canFetchMore(current) && (!isIndex || wanted >= int(node->children.size())))
            fetchMore(current);
        QModelIndex next;
        // From the end: the last of duplicate keys is the one parsers keep.
        for (auto it = node->children.crbegin(); it != node->children.crend(); ++it) {
            if ((*it)->key == token) {
                next = createIndex((*it)->row, 0, it->get());
                break;
            }
        }
        if (!next.isValid())
            break;
        current = next;
    }
    return current;
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case TypeColumn:
        return tr("Type");
    case ColumnCount:
        break;
    }
    return {};
}

} // namespace hookscope
