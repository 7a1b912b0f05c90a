#pragma once

#include "store/DeliveryGroup.h"
#include "store/EventStore.h"

#include <QObject>

class QAction;
class QSplitter;
class QStackedWidget;
class QThread;
class QTimer;
class QWidget;

namespace hookscope {

class CaptureSession;
class DeliveriesPane;
class DeliveryGroupLoader;

// "Group deliveries" (issue 26): a checkable action that swaps the event table for the
// DeliveriesPane in the events area (a stack put in the table's place in the window's
// splitter), and the loading behind it: keys and groups are computed on a worker thread when
// the pane is shown and again, at most once a second, while events are stored or enriched.
class DeliveriesSwitch final : public QObject
{
    Q_OBJECT
public:
    // `session` (not owned) must outlive this; `table` is the splitter's widget to swap.
    DeliveriesSwitch(CaptureSession *session, QSplitter *splitter, QWidget *table, QObject *parent = nullptr);
    ~DeliveriesSwitch() override;

    [[nodiscard]] QAction *action() const { return m_action; }
    [[nodiscard]] DeliveriesPane *pane() const { return m_pane; }
    [[nodiscard]] bool isGrouped() const;
    // Loads again now (or right after the load under way).
    void refresh();

Q_SIGNALS:
    void eventChosen(qint64 eventId);
    void groupsLoaded(int groups);

private:
    void setGrouped(bool on);
    void onLoaded(const QList<hookscope::DeliveryGroup> &groups);
    void scheduleRefresh();

    CaptureSession *m_session; // not owned
    QAction *m_action;
    QStackedWidget *m_stack;
    QWidget *m_table; // not owned (the stack's)
    DeliveriesPane *m_pane;
    QThread *m_thread;
    DeliveryGroupLoader *m_loader; // lives on m_thread; deleted when it finishes
    QTimer *m_refreshTimer;
    EventStore m_bodies; // GUI-thread read connection for the attempts' bodies
    bool m_loading = false;
    bool m_again = false;
};

} // namespace hookscope
