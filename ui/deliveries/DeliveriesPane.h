#pragma once

#include "store/DeliveryGroup.h"

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTreeView;

namespace hookscope {

class DeliveryAttemptsView;
class DeliveryGroupModel;
class EventStore;

// The events area when deliveries are grouped (issue 26): a summary line, the tree of
// deliveries (DeliveryGroupModel, sortable) and, beside it, the selected delivery's attempts
// side by side (DeliveryAttemptsView).
class DeliveriesPane final : public QWidget
{
    Q_OBJECT
public:
    explicit DeliveriesPane(QWidget *parent = nullptr);

    // `store` (not owned, may be null): where the attempts' bodies are read from.
    void setStore(const EventStore *store) { m_store = store; }
    void setGroups(QList<DeliveryGroup> groups);
    void setMessage(const QString &text);

    [[nodiscard]] DeliveryGroupModel *model() const { return m_model; }
    [[nodiscard]] QTreeView *tree() const { return m_tree; }
    [[nodiscard]] DeliveryAttemptsView *attempts() const { return m_attempts; }
    [[nodiscard]] QString summary() const;

Q_SIGNALS:
    // An attempt (or a delivery's first attempt) was chosen: its event's details are wanted.
    void eventChosen(qint64 eventId);

private:
    void onCurrentChanged(const QModelIndex &current);

    DeliveryGroupModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QLabel *m_summary;
    QTreeView *m_tree;
    DeliveryAttemptsView *m_attempts;
    const EventStore *m_store = nullptr; // not owned
    QString m_shownKey; // the delivery in the attempts view, kept across reloads
};

} // namespace hookscope
