#pragma once

#include "app/AppOptions.h"
#include "enrich/EnrichmentService.h"
#include "session/SessionConfig.h"
#include "SessionOverrides.h"
#include "store/EventStore.h"

#include <QMainWindow>
#include <map>
#include <memory>

class QSplitter;

namespace hookscope {

class CaptureSession;
class EventDetailPane;
class EventListPane;
class EventRecorder;
class ForwardController;
class ForwardedAnswers;
class SendTestDialog;
class HoldController;
class HoldDesk;
class LiveFeed;
class HoldingSink;
class FirstRunPanel;
class MainMenuBar;
class ExchangeActions;
class MainToolBar;
class ReplayDialog;
class SavedViewsController;
class StatusBarPane;
class StoreHealthNotice;
class TunnelController;
class VerifierSlot;

// Puts the panes together and shows a CaptureSession (core/session: the receiver, the
// recorder, enrichment, holding and forwarding, on their own threads): the session's stored
// batches → list pane, its enrichment results → list pane and detail pane, and list
// selection → store → detail pane. Owns only a read connection for loading details. Opens
// and starts the session with the options and the saved settings; closing the window shuts
// it down. Window layout is remembered in QSettings.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    // Shows `session` (not owned; it must outlive the window), inspected with `inspector`
    // (empty: defaultInspector()).
    MainWindow(CaptureSession *session, const AppOptions &options, EnrichmentService::Inspector inspector = {},
               QWidget *parent = nullptr);
    // Shows a session it is given to keep (tests, screenshots, benchmarks): the window never
    // assembles the engine itself.
    MainWindow(std::unique_ptr<CaptureSession> session, const AppOptions &options,
               EnrichmentService::Inspector inspector = {}, QWidget *parent = nullptr);
    ~MainWindow() override;

    bool startReceiver();
    void refuseForwardLoop(); // after start: a forward target that is this window turns forwarding off
    void stopReceiver();
    // Deletes every event; with keepCopy, first copies the store next to itself.
    bool clearEvents(bool keepCopy);
    bool deleteEvents(const QList<qint64> &ids);
    // From this many events on, a delete or clear is left to the store writer (in chunks,
    // with progress); fewer are deleted at once.
    static constexpr int kBackgroundDeleteAt = 5000;
    [[nodiscard]] QString lastBackupPath() const { return m_lastBackup; }
    [[nodiscard]] QString storeError() const { return m_storeError; }
    // Set when a damaged store was put aside at start (where it went).
    [[nodiscard]] QString storeNotice() const { return m_storeNotice; }
    [[nodiscard]] StoreHealthNotice *storeHealth() const { return m_storeHealth; } // null until the store is open

    [[nodiscard]] CaptureSession *session() const { return m_session; }
    [[nodiscard]] EventRecorder *recorder() const;
    [[nodiscard]] EnrichmentService *enrichment() const; // null while the store is not open
    [[nodiscard]] EventListPane *listPane() const { return m_list; }
    [[nodiscard]] EventDetailPane *detailPane() const { return m_detail; }
    [[nodiscard]] StatusBarPane *statusPane() const { return m_status; }
    [[nodiscard]] MainToolBar *toolBar() const { return m_toolBar; }
    [[nodiscard]] TunnelController *tunnel() const { return m_tunnel; }
    [[nodiscard]] ForwardController *forwardController() const { return m_forward; }
    [[nodiscard]] ForwardedAnswers *forwardedAnswers() const;
    [[nodiscard]] QAction *replayAction() const { return m_replayAction; }
    // Opens the Replay dialog for the selected event (non-modal); null when none is selected.
    ReplayDialog *openReplay();
    // "Send test event…" (non-modal): from the selected event, else a kind's sample.
    SendTestDialog *openSendTest();
    void configureForward();
    [[nodiscard]] HoldDesk *holdDesk() const;
    [[nodiscard]] HoldingSink *holdingSink() const;
    [[nodiscard]] HoldController *holdController() const { return m_hold; }
    [[nodiscard]] MainMenuBar *menus() const { return m_menus; }
    [[nodiscard]] FirstRunPanel *firstRunPanel() const { return m_firstRun; }
    // Shows the Settings dialog (at the page of that class, if given); OK applies the settings at
    // once (restarting the receiver).
    void openSettings(const QMetaObject *page = nullptr);
    // Re-reads the settings into the receiver, the port and the kinds registry; changedKeys (the
    // dialog's) end their command-line overrides, and a changed port moves the receiver.
    void applySettings(const QStringList &changedKeys = {});
    [[nodiscard]] ExchangeActions *exchange() const { return m_exchange; }
    [[nodiscard]] SavedViewsController *savedViews() const { return m_views; }

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void wireBackgroundStoreWork();
    void openStore();
    void confirmClear();
    void copyUrl();
    void showEventDetails(qint64 id);
    void wireRelay();
    void onEventsStored(const QList<hookscope::Event> &events);
    void onEnriched(const QList<hookscope::EventInfo> &infos);
    void setupHolding();
    [[nodiscard]] SessionConfig sessionConfigFor(const AppOptions &options) const;
    void restoreSettings();
    void saveSettings() const;
    void showAbout();
    void copyText(const QString &text);
    void sayCopied(const QString &what); // in the status bar

    std::unique_ptr<CaptureSession> m_ownSession; // when given to keep; destroyed after everything else
    CaptureSession *m_session; // not owned (or m_ownSession)
    AppOptions m_options;
    SessionOverrides m_overrides; // what the command line set for this session only
    EnrichmentService::Inspector m_inspector;
    EventStore m_reader; // GUI-thread read connection (details, history)
    MainToolBar *m_toolBar;
    EventListPane *m_list;
    EventDetailPane *m_detail;
    QSplitter *m_splitter;
    StatusBarPane *m_status;
    LiveFeed *m_feed = nullptr;
    TunnelController *m_tunnel; // ngrok: public URL, Start ngrok
    ForwardController *m_forward; // --forward / Forward…
    QAction *m_replayAction;
    QAction *m_forwardAction;
    MainMenuBar *m_menus;
    FirstRunPanel *m_firstRun;
    ExchangeActions *m_exchange; // export, import, copy as curl
    QString m_storeError;
    QString m_lastBackup;
    QString m_storeNotice;
    StoreHealthNotice *m_storeHealth = nullptr; // the start-up check of the open store
    // The latest enrichment results in full: the writer commits them a little after they
    // are published, and a row selected meanwhile must not stay at "validating…".
    std::map<qint64, EventInfo> m_recentInfos;
    HoldController *m_hold = nullptr;
    SavedViewsController *m_views = nullptr; // saved views: panel, menu, badges
};

} // namespace hookscope
