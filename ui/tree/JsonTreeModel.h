#pragma once

#include "JsonScanner.h"
#include "JsonTreeSeed.h"
#include "ViolationEntry.h"
#include "ViolationMarks.h"

#include <QAbstractItemModel>
#include <memory>
#include <vector>

namespace hookscope {

// Where a tree node stands relative to the body's schema violations; the view decides how
// that looks (Theme): strong on the node, faint on its ancestors.
enum class ViolationState { None, OnPath, Offending };

// A lazily populated tree over one JSON document (columns key, value, type). Children of a
// container are created in fetchMore(), one container at a time, when the view expands it,
// and at most kFetchBatch of them per call (the view asks for more when scrolled to the end):
// opening a 20 MB body costs one validation pass and the root's members, nothing more, and a
// 1,000,000-element array never has its million rows at once.
class JsonTreeModel final : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        JsonTypeRole = Qt::UserRole + 1, // int(JsonType)
        JsonPointerRole, // RFC 6901 pointer of the node
        CopyValueRole, // a string's text, a container's JSON as sent, a scalar's token
        KeyRole, // the member name or array index
        ViolationStateRole, // int(ViolationState)
        ViolationMessagesRole, // QStringList, plain text: this node's violations, or those below it
    };

    static constexpr int kFetchBatch = 2000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    // Takes the document; returns the validation result (an invalid document shows no rows).
    JsonCheck setJson(const QByteArray &json);
    // Takes a document validated and read ahead (possibly on another thread): the document
    // and its first batch of members exist at once, without another pass over the bytes.
    JsonCheck setSeed(const JsonTreeSeed &seed);
    void clear();
    [[nodiscard]] bool isEmpty() const { return !m_root; }
    // Marks the nodes on each violation's pointer. A pointer past the end of the document (a
    // missing required property) marks the deepest node that exists: the object lacking it.
    // setJson() clears the marks.
    void setViolations(const QList<ViolationEntry> &violations);
    // The node at `pointer`, fetching the containers along the way; the deepest existing
    // node when the pointer leads nowhere; invalid without a document.
    [[nodiscard]] QModelIndex indexOfPointer(const QString &pointer);

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool hasChildren(const QModelIndex &parent = {}) const override;
    [[nodiscard]] bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Fetches every container below `parent`, stopping after `maxNodes` new nodes.
    // Returns false when it stopped early.
    bool fetchAll(const QModelIndex &parent, int maxNodes);
    [[nodiscard]] qsizetype nodeCount() const { return m_nodeCount; }

    [[nodiscard]] static QString escapePointerToken(const QString &key);

private:
    struct Node;
    [[nodiscard]] Node *nodeOf(const QModelIndex &index) const;
    [[nodiscard]] int childCountOf(Node *node) const;
    [[nodiscard]] QString valueText(Node *node) const;
    [[nodiscard]] QString pointerOf(Node *node) const;
    void emitChangedBelow(Node *node);

    QByteArray m_json;
    std::unique_ptr<Node> m_root; // an invisible node whose single child is the document
    qsizetype m_nodeCount = 0;
    ViolationMarks m_marks;
    bool m_fetching = false; // no re-entrant fetch from slots connected to rowsAboutToBeInserted
};

} // namespace hookscope
