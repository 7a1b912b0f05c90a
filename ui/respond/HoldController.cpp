#include "HoldController.h"

#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldNotifier.h"
#include "ResponseView.h"
#include "RespondPanel.h"
#include "enrich/DefaultInspector.h"
#include "hold/HoldingSink.h"
#include "store/EventStore.h"

#include "Theme.h"
#include "schema/KindCatalog.h"

#include <QAction>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLocale>
#include <QTableView>
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
    m_settingsAction->setObjectName(QStringLiteral("holdSettingsAction"));
    m_settingsAction->setIcon(Theme::toolIcon(Theme::ToolGlyph::Hold, window->palette()));
    m_dock->toggleViewAction()->setIcon(Theme::toolIcon(Theme::ToolGlyph::Respond, window->palette()));
    m_dock->toggleViewAction()->setText(tr("&Respond")); // View ▸ Respond, with its mnemonic
    // One place edits holding: Settings ▸ Holding (issue 24.18); the window opens it there.
    connect(m_settingsAction, &QAction::triggered, this, &HoldController::settingsRequested);
    m_panel->setPresets(sink->presets());
    m_validator = std::make_shared<const AnswerValidator>(appKindCatalog());
    m_panel->setValidator(m_validator);
    m_dock->setObjectName(QStringLiteral("respondDock"));
    m_dock->setWidget(m_panel);
    m_dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable
                        | QDockWidget::DockWidgetClosable);
    window->addDockWidget(Qt::RightDockWidgetArea, m_dock);
    m_dock->hide(); // shown when a hook waits

    connect(m_desk, &HoldDesk::held, this, &HoldController::onHeld);
    connect(m_desk, &HoldDesk::answered, this, &HoldController::onAnswered);
    connect(m_panel, &RespondPanel::answerRequested, this,
            [this](qint64 id, const HttpResponse &response, const QString &presetId, bool) {
                if (!m_desk->answer(id, response, AnswerSource::Click, presetId))
                    m_window->statusBar()->showMessage(tr("Event #%1 is no longer waiting: not sent").arg(id), 6000);
            });
    connect(m_panel, &RespondPanel::requestChosen, this, [this](qint64 id) {
        m_chosen = id;
        reveal(id);
        updatePanel();
    });
    connect(m_panel, &RespondPanel::showRequestClicked, this, &HoldController::reveal);
    connect(m_list->proxy(), &QAbstractItemModel::rowsInserted, this, &HoldController::tryPendingReveal);
    // The user closing the dock keeps it closed: only a new hook opens it again.
    connect(m_dock->toggleViewAction(), &QAction::triggered, this, [this] { m_dockAutoShown = false; });
    connect(m_notifier, &HoldNotifier::activated, this, [this] {
        m_window->showNormal();
        m_window->raise();
        m_window->activateWindow();
    });
}

void HoldController::showDock()
{
    if (m_dock->isVisible())
        return;
    m_dockAutoShown = true;
    m_dock->show();
    m_dock->raise();
    // Narrow enough to leave the table readable, wide enough for the presets (issue 24).
    if (!m_dock->isFloating()) {
        const int width = qBound(m_panel->minimumSizeHint().width(), m_window->width() * 36 / 100, 460);
        m_window->resizeDocks({m_dock}, {width}, Qt::Horizontal);
    }
}

void HoldController::onHeld(const HeldRequest &request)
{
    m_kinds.insert(request.id, request.kind);
    m_list->model()->setWaiting(request.id, request.deadlineAtMs);
    showDock();
    const int waiting = m_desk->count();
    m_window->statusBar()->showMessage(
        waiting > 1 ? tr("Hook #%1 (%2) is waiting for your answer; %3 waiting").arg(request.id).arg(request.kind).arg(waiting)
                    : tr("Hook #%1 (%2) is waiting for your answer: Respond panel, Ctrl+1 accepts").arg(request.id).arg(request.kind),
        int(qMax<qint64>(2000, request.deadlineAtMs - request.receivedAtMs)));
    m_notifier->notifyHeld(request);
    if (!userReadsSomethingElse() && !m_desk->isHeld(m_current))
        reveal(request.id);
    updatePanel();
}

bool HoldController::userReadsSomethingElse() const
{
    const qint64 shown = m_detail->eventId();
    if (shown <= 0)
        return false;
    return !m_desk->isHeld(shown) && m_recent.find(shown) == m_recent.end();
}

void HoldController::reveal(qint64 id)
{
    m_revealPending = 0;
    const int row = m_list->model()->rowOf(id);
    if (row < 0) {
        m_revealPending = id; // still in the table's pending batch: when it lands
        return;
    }
    const QModelIndex index = m_list->proxy()->mapFromSource(m_list->model()->index(row, 0));
    if (!index.isValid()) {
        m_window->statusBar()->showMessage(tr("Hook #%1 is hidden by the filter").arg(id), 6000);
        return;
    }
    QTableView *table = m_list->table();
    table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table->scrollTo(index);
}

void HoldController::tryPendingReveal()
{
    if (m_revealPending > 0 && m_list->model()->rowOf(m_revealPending) >= 0) {
        const qint64 id = m_revealPending;
        if (m_desk->isHeld(id) && !userReadsSomethingElse())
            reveal(id);
        m_revealPending = 0;
    }
}

QString HoldController::answerTitle(const AnswerRecord &record) const
{
    if (!record.presetId.isEmpty()) {
        const QString kind = m_kinds.value(record.id);
        if (const ResponsePreset *preset = m_sink->presets().find(kind, record.presetId))
            return preset->title;
        return record.presetId;
    }
    switch (record.source) {
    case AnswerSource::Click:
        return tr("custom");
    case AnswerSource::LocalApp:
        return tr("app's answer");
    default:
        return QString();
    }
}

bool HoldController::answerBreaksSchema(qint64 id, const AnswerRecord &record) const
{
    const QString kind = m_kinds.value(id);
    if (!record.sent() || kind.isEmpty() || !m_validator)
        return false;
    return !m_validator->validate(kind, record.response.body).isEmpty();
}

QString HoldController::answeredMessage(const AnswerRecord &record) const
{
    const QString after = QLocale().toString(double(record.afterMs) / 1000.0, 'f', 1);
    if (!record.sent())
        return tr("Hook #%1: the client disconnected after %2 s; nothing was sent").arg(record.id).arg(after);
    QString who;
    switch (record.source) {
    case AnswerSource::Click:
        who = tr("by you");
        break;
    case AnswerSource::Deadline:
        who = tr("by the deadline");
        break;
    case AnswerSource::Preset:
        who = tr("by --respond");
        break;
    case AnswerSource::Shutdown:
        who = tr("at shutdown");
        break;
    case AnswerSource::LocalApp:
        who = tr("by the local app");
        break;
    case AnswerSource::Rule:
        who = tr("by rule \"%1\"").arg(record.rule);
        break;
    case AnswerSource::ClientGone:
        break;
    }
    const QString title = answerTitle(record);
    QString text = tr("Hook #%1 answered: %2, %3, after %4 s")
                       .arg(record.id)
                       .arg(title.isEmpty() ? QString::number(record.response.status) : title, who, after);
    if (answerBreaksSchema(record.id, record))
        text += tr(" (the answer breaks the response schema)");
    return text;
}

void HoldController::onAnswered(const AnswerRecord &record)
{
    const bool invalid = answerBreaksSchema(record.id, record);
    m_list->model()->setAnswered(record, answerTitle(record), invalid);
    // Replaces "… is waiting for your answer": that message is no longer true. A hook
    // --respond answered at once never waited: no message for it (one per event is noise).
    if (m_kinds.contains(record.id) || (!record.sent() && record.source != AnswerSource::Rule)) {
        QString message = answeredMessage(record);
        if (const int left = m_desk->count(); left > 0)
            message += tr("; %1 still waiting").arg(left);
        m_window->statusBar()->showMessage(message, 10'000);
    }
    m_kinds.remove(record.id);
    const bool wasShown = m_detail->eventId() == record.id;
    m_recent.insert_or_assign(record.id, record);
    while (m_recent.size() > kRecentAnswers)
        m_recent.erase(m_recent.begin());
    m_notifier->setWaitingCount(m_desk->count());
    if (m_desk->count() == 0 && m_dockAutoShown) {
        m_dockAutoShown = false;
        m_dock->hide(); // the table gets its width back
    }
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
    // The user was on this hook: the next waiting one takes its place.
    const QList<HeldRequest> waiting = m_desk->heldRequests();
    if (wasShown && !waiting.isEmpty())
        reveal(waiting.first().id);
    updatePanel();
}

void HoldController::onCurrentEventChanged(qint64 id)
{
    m_current = id;
    updatePanel();
    updateNote(id);
}

void HoldController::updatePanel()
{
    // The selected hook, else the one picked in the queue, else the oldest: a preset click
    // answers the hook the panel names.
    const QList<HeldRequest> waiting = m_desk->heldRequests();
    std::optional<HeldRequest> request = m_desk->request(m_current);
    if (!request)
        request = m_desk->request(m_chosen);
    if (request)
        m_panel->setRequest(*request);
    else
        m_panel->setRequest(waiting.isEmpty() ? std::nullopt : std::optional<HeldRequest>(waiting.first()));
    m_panel->setQueue(waiting);
    m_panel->setRequestShown(m_panel->requestId() == 0 || m_detail->eventId() == m_panel->requestId());
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


} // namespace hookscope
