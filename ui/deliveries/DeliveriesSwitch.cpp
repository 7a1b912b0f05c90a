#include "DeliveriesSwitch.h"

#include "DeliveriesPane.h"
#include "DeliveryGroupLoader.h"
#include "session/CaptureSession.h"

#include <QAction>
#include <QApplication>
#include <QStyle>
#include <QSplitter>
#include <QStackedWidget>
#include <QThread>
#include <QTimer>

namespace hookscope {

namespace {
constexpr int kRefreshMs = 1000; // live events regroup at most once a second
}

DeliveriesSwitch::DeliveriesSwitch(CaptureSession *session, QSplitter *splitter, QWidget *table, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_action(new QAction(tr("&Group deliveries"), this))
    , m_stack(new QStackedWidget)
    , m_table(table)
    , m_pane(new DeliveriesPane)
    , m_thread(new QThread(this))
    , m_loader(new DeliveryGroupLoader(session->recorder()))
    , m_refreshTimer(new QTimer(this))
{
    qRegisterMetaType<QList<hookscope::DeliveryGroup>>();
    m_action->setObjectName(QStringLiteral("groupDeliveriesAction"));
    m_action->setCheckable(true);
    m_action->setIcon(QApplication::style()->standardIcon(QStyle::SP_FileDialogDetailedView));
    m_action->setToolTip(tr("Show the events grouped by delivery: a vendor's retries of one event as attempts, "
                            "with their intervals, answers, duplicates and out-of-order versions"));
    m_stack->setObjectName(QStringLiteral("eventsArea"));
    const int at = splitter->indexOf(table);
    m_stack->addWidget(table); // re-parents the table into the stack
    m_stack->addWidget(m_pane);
    splitter->insertWidget(std::max(at, 0), m_stack);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(kRefreshMs);
    m_loader->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_loader, &QObject::deleteLater);
    m_thread->setObjectName(QStringLiteral("deliveries"));
    m_thread->start(QThread::LowPriority);
    connect(m_loader, &DeliveryGroupLoader::loaded, this, &DeliveriesSwitch::onLoaded);
    connect(m_loader, &DeliveryGroupLoader::failed, this, [this](const QString &reason) {
        m_loading = false;
        m_pane->setMessage(tr("Deliveries cannot be grouped: %1").arg(reason));
    });
    connect(m_action, &QAction::toggled, this, &DeliveriesSwitch::setGrouped);
    connect(m_refreshTimer, &QTimer::timeout, this, &DeliveriesSwitch::refresh);
    connect(m_session, &CaptureSession::eventsStored, this, &DeliveriesSwitch::scheduleRefresh);
    connect(m_session, &CaptureSession::enriched, this, &DeliveriesSwitch::scheduleRefresh);
    connect(m_pane, &DeliveriesPane::eventChosen, this, &DeliveriesSwitch::eventChosen);
}

DeliveriesSwitch::~DeliveriesSwitch()
{
    m_thread->quit();
    m_thread->wait();
}

bool DeliveriesSwitch::isGrouped() const
{
    return m_stack->currentWidget() == m_pane;
}

void DeliveriesSwitch::setGrouped(bool on)
{
    m_stack->setCurrentWidget(on ? static_cast<QWidget *>(m_pane) : m_table);
    if (on)
        refresh();
}

void DeliveriesSwitch::scheduleRefresh()
{
    if (isGrouped() && !m_refreshTimer->isActive())
        m_refreshTimer->start();
}

void DeliveriesSwitch::refresh()
{
    if (m_loading) {
        m_again = true;
        return;
    }
    const QString path = m_session->storePath();
    if (!m_bodies.isOpen() || m_bodies.path() != path) {
        m_bodies.close();
        QString error;
        if (m_bodies.open(path, &error))
            m_pane->setStore(&m_bodies);
    }
    m_loading = true;
    QMetaObject::invokeMethod(m_loader, [loader = m_loader, path] { loader->load(path); }, Qt::QueuedConnection);
}

void DeliveriesSwitch::onLoaded(const QList<DeliveryGroup> &groups)
{
    m_loading = false;
    m_pane->setGroups(groups);
    Q_EMIT groupsLoaded(int(groups.size()));
    if (m_again) {
        m_again = false;
        refresh();
    }
}

} // namespace hookscope
