#include "HoldController.h"

#include "EventDetailPane.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldNotifier.h"
#include "ResponseView.h"
#include "RespondPanel.h"
#include "enrich/DefaultInspector.h"
#include "hold/HoldingSink.h"
#include "store/EventStore.h"

#include "HoldSettingsDialog.h"
#include "schema/KindCatalog.h"

#include <QAction>
#include <QDockWidget>
#include <QSettings>
#include <QMainWindow>
#include <QStatusBar>

namespace hookscope {

namespace {
constexpr size_t kRecentAnswers = 256;
}

HoldController::HoldController(QMainWindow *window, HoldDesk *desk, HoldingSink *sink, EventListPane *list,
                               EventDetailPane *detail, const EventStore *reader)
    : QObject(window)
    , m_window(window)
    , m_desk(desk)
    , m_list(list)
    , m_detail(detail)
    , m_reader(reader)
    , m_panel(new RespondPanel)
    , m_dock(new QDockWidget(tr("Respond"), window))
    , m_notifier(new HoldNotifier(window))
    , m_sink(sink)
    , m_settingsAction(new QAction(tr("&Hold settings…"), this))
{
    m_settingsAction->setToolTip(tr("Which kinds are held open for your answer, their deadlines and default answers"));
    connect(m_settingsAction, &QAction::triggered, this, &HoldController::openSettings);
    m_panel->setPresets(sink->presets());
    m_panel->setValidator(std::make_shared<const AnswerValidator>(appKindCatalog()));
    m_dock->setObjectName(QStringLiteral("respondDock"));
    m_dock->setWidget(m_panel);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                        | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide(); // shown when a hook waits

    connect(m_desk, &HoldDesk::held, this, &HoldController::onHeld);
    connect(m_desk, &HoldDesk::answered, this, &HoldController::onAnswered);
    connect(m_panel, &RespondPanel::answerRequested, this,
            [this](qint64 id, const HttpResponse &response, const QString &presetId) {
                if (!m_desk->answer(id, response, AnswerSource::Click, presetId))
                    m_window->statusBar()->showMessage(tr("Event #%1 is no longer waiting: not sent").arg(id), 6000);
            });
    connect(m_notifier, &HoldNotifier::activated, this, [this] {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
}

void HoldController::onHeld(const HeldRequest &request)
{
    m_list->model()->setWaiting(request.id, request.deadlineAtMs);
    m_dock->show();
    m_dock->raise();
    m_window->statusBar()->showMessage(
        tr("Hook #%1 (%2) is waiting for your answer: Respond panel, Ctrl+1 accepts").arg(request.id).arg(request.kind),
        int(qMax<qint64>(2000, request.deadlineAtMs - request.receivedAtMs)));
    m_notifier->notifyHeld(request);
    updatePanel();
}

void HoldController::onAnswered(const AnswerRecord &record)
{
    m_list->model()->setAnswered(record);
    m_recent.insert_or_assign(record.id, record);
    while (m_recent.size() > kRecentAnswers)
        m_recent.erase(m_recent.begin());
    m_notifier->setWaitingCount(m_desk->count());
    if (record.source == AnswerSource::ClientGone)
        m_window->statusBar()->showMessage(tr("Hook #%1: the client disconnected; nothing was sent").arg(record.id), 8000);
    updatePanel();
    if (m_detail->eventId() == record.id && m_reader) {
        // Show the answer sent (the store may commit it a moment later).
        std::optional<Event> event = m_reader->load(record.id);
        const std::optional<EventInfo> info = m_detail->info();
        if (event) {
            applyAnswer(*event);
            m_detail->setEvent(event);
            if (info)
                m_detail->setInfo(*info);
        }
    }
    updateNote(m_detail->eventId());
}

void HoldController::onCurrentEventChanged(qint64 id)
{
    m_current = id;
    updatePanel();
    updateNote(id);
}

void HoldController::updatePanel()
{
    const std::optional<HeldRequest> request = m_desk->request(m_current);
    if (!request) {
        // The oldest waiting one, so that a preset click answers the hook that just came in.
        const QList<HeldRequest> waiting = m_desk->heldRequests();
        m_panel->setRequest(waiting.isEmpty() ? std::nullopt : std::optional<HeldRequest>(waiting.first()));
        return;
    }
    m_panel->setRequest(*request);
}

std::optional<AnswerRecord> HoldController::answerOf(qint64 id) const
{
    if (const auto it = m_recent.find(id); it != m_recent.end())
        return it->second;
    return m_reader && id > 0 ? m_reader->loadAnswer(id) : std::nullopt;
}

void HoldController::applyAnswer(Event &event) const
{
    if (const auto it = m_recent.find(event.id); it != m_recent.end())
        event.response = it->second.response;
}

void HoldController::updateNote(qint64 id)
{
    ResponseView *view = m_detail->responseView();
    if (id <= 0) {
        view->setNote({});
        return;
    }
    if (const std::optional<HeldRequest> request = m_desk->request(id)) {
        view->setNote(tr("Held open: nothing sent yet; answer it in the Respond panel (default \"%1\" at the deadline)")
                          .arg(request->defaultPresetId.isEmpty() ? tr("the receiver's answer") : request->defaultPresetId));
        return;
    }
    const std::optional<AnswerRecord> record = answerOf(id);
    view->setNote(record ? record->describe() : QString());
}

void HoldController::applyPolicy(const HoldPolicy &policy)
{
    m_sink->setPolicy(policy);
    QSettings settings;
    policy.saveSettings(settings);
}

void HoldController::openSettings()
{
    QStringList kinds;
    if (const std::shared_ptr<const KindCatalog> catalog = appKindCatalog()) {
        for (const auto &kind : catalog->kinds()) {
            if (kind->request)
                kinds.append(kind->id);
        }
    }
    HoldSettingsDialog dialog(m_sink->policy(), kinds, m_window);
    if (dialog.exec() == QDialog::Accepted)
        applyPolicy(dialog.policy());
}

} // namespace hookscope
