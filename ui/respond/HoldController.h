#pragma once

#include "event/AnswerRecord.h"
#include "hold/AnswerValidator.h"
#include "hold/HoldDesk.h"
#include "hold/HoldPolicy.h"
#include "event/Event.h"

#include <QHash>
#include <QObject>
#include <map>

class QAction;
class QDockWidget;
class QMainWindow;

namespace hookscope {

class EventDetailPane;
class EventListPane;
class EventStore;
class HoldNotifier;
class HoldingSink;
class RespondPanel;

// The GUI side of held hooks: the Respond dock, the waiting rows of the table, the
// background notification and the answer shown in the Response tab. The panel answers the
// selected event when it waits, else the oldest waiting one (its title names it).
class HoldController final : public QObject
{
    Q_OBJECT
public:
    // Nothing is owned but the dock (a child of `window`) and the notifier.
    HoldController(QMainWindow *window, HoldDesk *desk, HoldingSink *sink, EventListPane *list,
                   EventDetailPane *detail, const EventStore *reader);

    [[nodiscard]] RespondPanel *panel() const { return m_panel; }
    [[nodiscard]] QDockWidget *dock() const { return m_dock; }
    [[nodiscard]] HoldNotifier *notifier() const { return m_notifier; }
    // "Hold settings…": per kind, hold or answer at once, deadline, default answer; emits
    // settingsRequested (the Settings dialog's Holding page is the one place to edit them).
    [[nodiscard]] QAction *settingsAction() const { return m_settingsAction; }
    // Applies a policy (kept --respond rules included) and saves it in QSettings.
    void applyPolicy(const HoldPolicy &policy);

    // An answer recorded but maybe not committed yet replaces the event's stored response.
    void applyAnswer(Event &event) const;
    // The selected event changed (after the detail pane got it).
    void onCurrentEventChanged(qint64 id);

    // "Hook #29 answered: Cancel, by you, after 8.5 s" (what the status bar says).
    [[nodiscard]] QString answeredMessage(const AnswerRecord &record) const;

Q_SIGNALS:
    void settingsRequested();

private:
    void onHeld(const HeldRequest &request);
    void onAnswered(const AnswerRecord &record);
    void updatePanel();
    // Selects the hook's row and scrolls it into view (once the row exists); the details
    // pane follows the selection.
    void reveal(qint64 id);
    void tryPendingReveal();
    // The details show an event the user chose that is no hook of this session: leave it.
    [[nodiscard]] bool userReadsSomethingElse() const;
    [[nodiscard]] QString answerTitle(const AnswerRecord &record) const;
    [[nodiscard]] bool answerBreaksSchema(qint64 id, const AnswerRecord &record) const;
    void showDock();
    void updateNote(qint64 id);
    [[nodiscard]] std::optional<AnswerRecord> answerOf(qint64 id) const;

    QMainWindow *m_window; // not owned
    HoldDesk *m_desk; // not owned
    EventListPane *m_list; // not owned
    EventDetailPane *m_detail; // not owned
    const EventStore *m_reader; // not owned
    RespondPanel *m_panel;
    QDockWidget *m_dock;
    HoldNotifier *m_notifier;
    HoldingSink *m_sink; // not owned
    QAction *m_settingsAction;
    qint64 m_current = 0;
    qint64 m_chosen = 0; // the waiting hook picked in the queue
    qint64 m_revealPending = 0; // held before its row reached the table
    bool m_dockAutoShown = false; // opened by a held hook (not by the user): closes when none waits
    std::shared_ptr<const AnswerValidator> m_validator;
    QHash<qint64, QString> m_kinds; // waiting id → kind, for the answer's schema
    std::map<qint64, AnswerRecord> m_recent; // answers of this session, until the store has them
};

} // namespace hookscope
