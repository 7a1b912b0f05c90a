#include "MainWindow.h"

#include "ClearDialog.h"
#include "LiveFeed.h"
#include "TimelineController.h"
#include "AmbiguityBar.h"
#include "EventDetailPane.h"
#include "DeliveriesSwitch.h"
#include "EventListPane.h"
#include "ForwardController.h"
#include "ForwardDialog.h"
#include "relay/ForwardedAnswers.h"
#include "HoldController.h"
#include "ExchangeActions.h"
#include "MainToolBar.h"
#include "PublicUrlBox.h"
#include "ReplayDialog.h"
#include "SendTestDialog.h"
#include "SavedViewsController.h"
#include "RowActions.h"
#include "EventColumns.h"
#include "SelectionNote.h"
#include "StatusBarPane.h"
#include "StoreHealthNotice.h"
#include "TunnelController.h"
#include "enrich/DefaultInspector.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "hold/RuleSink.h"
#include "FirstRunPanel.h"
#include "MainMenuBar.h"
#include "MainToolBar.h"
#include "SettingsDialog.h"
#include "SettingsPages.h"
#include "HoldSettingsPage.h"
#include "StatusBarPane.h"
#include "app/AppSettings.h"
#include "util/ResourceLocator.h"
#include "enrich/DefaultInspector.h"
#include "app/PackSignatureSpec.h"
#include "schema/KindCatalog.h"
#include "schema/SchemaRegistry.h"
#include "app/SessionOptions.h"
#include "http/OwnAddresses.h"
#include "session/CaptureSession.h"
#include "store/EventRecorder.h"
#include "relay/Forwarder.h"
#include "trust/SecretStore.h"
#include "trust/TrustInspector.h"
#include "trust/TrustLog.h"
#include "trust/TrustSettings.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDockWidget>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileInfo>
#include <QHeaderView>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>

namespace hookscope {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kColumns = QStringLiteral("table/header");
const QString kPort = QStringLiteral("receiver/port");
constexpr size_t kRecentInfos = 512;
// At most ten table updates a second: live to the eye, and cheap when one request follows another.
constexpr int kLiveFeedIntervalMs = 100;

// The command line's trust options win; without any, the saved settings apply (TrustSettings).
TrustSettings savedTrust()
{
    QSettings settings;
    const SecretStore secrets;
    QString warning;
    TrustSettings saved = TrustSettings::load(settings, secrets, &warning);
    if (!warning.isEmpty())
        qCWarning(lcTrust).noquote() << "trust settings:" << warning;
    return saved;
}

// --signature wins for the session; so does --signature-tolerance.
std::shared_ptr<const SignatureVerifier> signatureVerifier(const AppOptions &options)
{
    const TrustSettings saved = savedTrust();
    const int tolerance = options.givenOptions.contains(QStringLiteral("signature-tolerance")) ? options.signatureTolerance
                                                                                             : saved.signatureTolerance;
    // A pack rule of the settings ("cubu/*", one secret) verifies every request kind of the pack.
    return std::make_shared<const SignatureVerifier>(
        options.signatures.isEmpty() ? PackSignatureSpec::expandRules(saved.signatures, *appKindCatalog()) : options.signatures,
        tolerance);
}

// Empty when only this machine can reach the receiver.
QString exposureWarning(const ReceiverConfig &config)
{
    if (config.bindAddress.isLoopback())
        return {};
    const QString where = config.bindAddress.toString();
    return config.guard.secret.isEmpty()
        ? MainWindow::tr("⚠ Bound to %1: reachable from other machines, no shared secret").arg(where)
        : MainWindow::tr("⚠ Bound to %1: reachable from other machines").arg(where);
}
} // namespace

MainWindow::MainWindow(std::unique_ptr<CaptureSession> session, const AppOptions &options,
                       EnrichmentService::Inspector inspector, QWidget *parent)
    : MainWindow(session.get(), options, std::move(inspector), parent)
{
    m_ownSession = std::move(session);
}

MainWindow::MainWindow(CaptureSession *session, const AppOptions &options, EnrichmentService::Inspector inspector,
                       QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_options(options)
    , m_overrides(options)
    , m_inspector(inspector ? std::move(inspector) : defaultInspector())
    , m_toolBar(new MainToolBar(this))
    , m_list(new EventListPane(this))
    , m_detail(new EventDetailPane(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_status(new StatusBarPane(this))
    , m_tunnel(new TunnelController(m_session->tunnelWatcher(), options.ngrokApi, m_toolBar, m_status, this))
    , m_forward(new ForwardController(m_session->forwarder(), options.forwardUrl, options.forwardKind, this))
    , m_replayAction(new QAction(tr("Re&play…"), this))
    , m_forwardAction(new QAction(tr("For&ward…"), this))
    , m_menus(new MainMenuBar(m_toolBar, this))
    , m_firstRun(new FirstRunPanel(this))
    , m_exchange(new ExchangeActions(m_list, m_session->recorder(), this))
{
    setWindowTitle(QStringLiteral("Hookscope"));
    addToolBar(Qt::TopToolBarArea, m_toolBar);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_list);
    m_splitter->addWidget(m_detail);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    setCentralWidget(m_splitter);
    // Group deliveries (issue 26): swaps the table for the deliveries tree; its own class.
    auto *deliveries = new DeliveriesSwitch(m_session, m_splitter, m_list, this);
    m_toolBar->addAction(deliveries->action());
    connect(deliveries, &DeliveriesSwitch::eventChosen, this, &MainWindow::showEventDetails);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_status->countsWidget());
    statusBar()->setSizeGripEnabled(true);
    setMenuBar(m_menus);
    m_list->table()->setTabKeyNavigation(false); // Tab leaves the table for the next pane; arrows move in it
    m_firstRun->attachTo(m_list->table());
    {
        const std::shared_ptr<const KindCatalog> catalog = appSchemaRegistry()->catalog();
        QHash<QString, QString> vendors;
        for (const Pack &pack : catalog->packs())
            vendors.insert(pack.id, pack.title);
        m_firstRun->setSamples(SampleEvent::available(*catalog, ResourceLocator::directory(QStringLiteral("samples"))),
                               vendors);
    }
    m_exchange->install(m_menus);

    // One click on the ambiguity note routes the event's path (a user route, as in Settings).
    connect(m_detail->ambiguityBar(), &AmbiguityBar::routeRequested, this, [this](const QString &path, const QString &kind) {
        QSettings settings;
        QHash<QString, QString> routes = AppSettings::routes(settings);
        routes.insert(path, kind);
        settings.setValue(QLatin1String(AppSettings::Routes), AppSettings::routesToList(routes));
        AppSettings::applyKinds(settings, appSchemaRegistry());
        m_detail->ambiguityBar()->clear();
        statusBar()->showMessage(tr("Requests to %1 are now taken as %2.").arg(path, kind), 8000);
    });
    connect(m_toolBar, &MainToolBar::startRequested, this, [this](quint16) { startReceiver(); });
    connect(m_toolBar, &MainToolBar::stopRequested, this, &MainWindow::stopReceiver);
    connect(m_toolBar, &MainToolBar::copyUrlRequested, this, &MainWindow::copyUrl);
    connect(m_toolBar, &MainToolBar::clearRequested, this, &MainWindow::confirmClear);
    connect(m_toolBar, &MainToolBar::pauseToggled, m_list, &EventListPane::setPaused);
    // "Simulate failures" (issue 26) follows the rules' switch, whoever turns it (Settings, --rule).
    m_toolBar->simulateAction()->setChecked(m_session->ruleSink()->isEnabled());
    connect(m_toolBar->simulateAction(), &QAction::toggled, this,
            [this](bool on) { m_session->ruleSink()->setEnabled(on); }); // any thread may
    connect(m_session->ruleSink(), &RuleSink::enabledChanged, m_toolBar->simulateAction(), &QAction::setChecked);
    connect(m_session, &CaptureSession::listeningChanged, m_toolBar, &MainToolBar::setListening);
    // The table, the details and the status bar take the session's batches at a bounded rate.
    m_feed = new LiveFeed(kLiveFeedIntervalMs, this);
    connect(m_session, &CaptureSession::eventsStored, m_feed, &LiveFeed::addEvents);
    connect(m_session, &CaptureSession::enriched, m_feed, &LiveFeed::addInfos);
    connect(m_feed, &LiveFeed::eventsReady, this, &MainWindow::onEventsStored);
    connect(m_feed, &LiveFeed::infosReady, this, &MainWindow::onEnriched);
    // Connected before the Respond panel's own: a held hook's row is in the table when it shows.
    connect(holdDesk(), &HoldDesk::held, m_feed, &LiveFeed::flush);
    connect(m_session, &CaptureSession::storeFailed, this, [this](const QString &error) {
        statusBar()->showMessage(tr("Store error: %1").arg(error), 10'000);
        // Lasts until a capture is stored again: meanwhile every request gets 503.
        m_status->setStoreProblem(tr("✕ Not storing, requests get 503: %1").arg(error));
    });
    wireBackgroundStoreWork();
    connect(m_list, &EventListPane::currentEventChanged, this, &MainWindow::showEventDetails);
    connect(m_list, &EventListPane::deleteRequested, this, &MainWindow::deleteEvents);
    connect(m_list, &EventListPane::compareBaseChanged, m_detail, &EventDetailPane::setCompareBase);
    connect(m_list, &EventListPane::selectionCountChanged, m_detail, &EventDetailPane::setSelectionCount);
    m_detail->selectionNote()->setActions(m_exchange->exportSelectedAction(), m_list->deleteAction());
    connect(m_list, &EventListPane::searchTermChanged, m_detail, &EventDetailPane::setSearchTerm);
    connect(m_list, &EventListPane::eventCountChanged, m_status, &StatusBarPane::setEventCount);
    wireRelay();
    setupHolding();
    m_firstRun->setHoldRules([sink = holdingSink()](const QString &kind) { return sink->policy().rule(kind); });
    m_menus->addToFile({m_toolBar->ngrokAction(), m_forwardAction, m_hold->settingsAction()});
    auto *sendTest = new QAction(tr("Send &test event…"), this);
    sendTest->setObjectName(QStringLiteral("sendTestAction"));
    connect(sendTest, &QAction::triggered, this, &MainWindow::openSendTest);
    m_menus->addToFile({m_firstRun->samplesMenu()->menuAction()});
    auto *rows = new RowActions(m_list, &m_reader, {m_replayAction}, this); // the row context menu
    m_menus->addToEdit({m_replayAction, sendTest, rows->copyBodyAction(), rows->copyUrlAction(), rows->onlyThisKindAction(),
                        m_list->deleteAction()});
    // The timeline strip above the table (issue 27 point 4): its own class, fed by the same batches.
    auto *timeline = new TimelineController(m_list, m_feed, &m_reader, this);
    m_menus->addToView({m_hold->dock()->toggleViewAction(), m_list->columns()->menu()->menuAction(),
                        deliveries->action(), timeline->toggleAction()});
    m_menus->addToFile({m_toolBar->simulateAction()}); // every toolbar action is in the menus too
    // Saved views (issue 27): their panel, View ▸ Saved Views and the live badges; its own class.
    m_views = new SavedViewsController(m_list, this);
    m_views->install(m_menus);
    connect(m_feed, &LiveFeed::eventsReady, m_views, &SavedViewsController::addEvents);
    connect(m_feed, &LiveFeed::infosReady, m_views, &SavedViewsController::laterResultsArrived);
    connect(m_forward, &ForwardController::forwarded, m_views, &SavedViewsController::laterResultsArrived);
    connect(m_list, &EventListPane::historyLoaded, m_views, &SavedViewsController::storeChanged);
    connect(m_exchange, &ExchangeActions::importFinished, m_views, &SavedViewsController::storeChanged);
    connect(rows, &RowActions::copied, this, &MainWindow::sayCopied);
    forwardedAnswers()->setEnabled(options.forwardUrl.isEmpty()
                                       ? QSettings().value(QStringLiteral("forward/answersHeld"), false).toBool()
                                       : options.forwardAnswers);
    connect(m_list, &EventListPane::eventCountChanged, m_firstRun, &FirstRunPanel::setEventCount);
    connect(m_list, &EventListPane::historyLoaded, m_firstRun, &FirstRunPanel::setHistoryLoaded);
    connect(m_firstRun, &FirstRunPanel::copyRequested, this, &MainWindow::copyText);
    connect(m_menus, &MainMenuBar::settingsRequested, this, [this] { openSettings(); });
    connect(m_menus, &MainMenuBar::quitRequested, this, &QWidget::close);
    connect(m_menus, &MainMenuBar::findRequested, m_list, &EventListPane::focusFilter);
    connect(m_menus, &MainMenuBar::focusTableRequested, this,
            [this] { m_list->table()->setFocus(Qt::ShortcutFocusReason); });
    connect(m_menus, &MainMenuBar::focusDetailsRequested, this,
            [this] { m_detail->tabs()->currentWidget()->setFocus(Qt::ShortcutFocusReason); });
    connect(m_menus, &MainMenuBar::aboutRequested, this, &MainWindow::showAbout);

    restoreSettings();
    openStore();
    if (m_storeError.isEmpty())
        startReceiver();
}

MainWindow::~MainWindow()
{
    delete m_exchange; // waits for a running export or import before the recorder closes
    m_exchange = nullptr;
    delete m_storeHealth; // its reads would hold up the recorder's last checkpoint
    m_storeHealth = nullptr;
    m_session->shutdown(); // the session knows the order
    delete m_tunnel; // uses the session's watcher, which an own session takes with it
    m_tunnel = nullptr;
}

EventRecorder *MainWindow::recorder() const
{
    return m_session->recorder();
}

EnrichmentService *MainWindow::enrichment() const
{
    return m_session->enrichment();
}

ForwardedAnswers *MainWindow::forwardedAnswers() const
{
    return m_session->forwardedAnswers();
}

HoldDesk *MainWindow::holdDesk() const
{
    return m_session->holdDesk();
}

HoldingSink *MainWindow::holdingSink() const
{
    return m_session->holdingSink();
}

SessionConfig MainWindow::sessionConfigFor(const AppOptions &options) const
{
    SessionConfig config = sessionConfig(options);
    config.signatures = signatureVerifier(options); // the saved trust settings under the command line's
    config.followTunnelUrl = false; // {url} is the forwarded host the sender used, or --public-url
    config.inspector = m_inspector;
    return config;
}

void MainWindow::wireRelay()
{
    m_replayAction->setObjectName(QStringLiteral("replayAction"));
    m_replayAction->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_replayAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    m_replayAction->setToolTip(tr("Send the selected event again to a URL, edited or as it came (Ctrl+R)"));
    m_forwardAction->setObjectName(QStringLiteral("forwardAction"));
    m_forwardAction->setIcon(style()->standardIcon(QStyle::SP_ArrowForward));
    m_forwardAction->setCheckable(true);
    m_forwardAction->setChecked(!m_forward->url().isEmpty());
    m_forwardAction->setToolTip(tr("Forward every incoming event to your local app"));
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_replayAction);
    m_toolBar->addAction(m_forwardAction);
    connect(m_replayAction, &QAction::triggered, this, &MainWindow::openReplay);
    connect(m_forwardAction, &QAction::triggered, this, &MainWindow::configureForward);
    connect(m_tunnel, &TunnelController::message, this, [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    const auto copied = [this](const QString &url) { statusBar()->showMessage(tr("Copied %1").arg(url), 3000); };
    connect(m_toolBar->publicUrlBox(), &PublicUrlBox::copied, this, copied);
    connect(m_status->publicUrlBox(), &PublicUrlBox::copied, this, copied);
    if (m_options.forwardResign) { // signed again with the kind's rule in force, fresh timestamp
        m_forward->forwarder()->setPrepare([slot = m_session->signatures(), forwarder = m_forward->forwarder(),
                                            inspect = defaultInspector()](const Event &event, OutgoingRequest *request) {
            QString error;
            if (const SignatureRule *rule = slot->get()->ruleFor(inspect(event).kind);
                rule && !request->resign(*rule, forwarder->target(), QDateTime::currentSecsSinceEpoch(), &error))
                qCWarning(lcTrust).noquote() << "forward of" << event.id << "not signed again:" << error;
        });
    }
    connect(m_forward, &ForwardController::forwarded, this, [this](const ForwardRecord &record) {
        m_detail->setForward(record, record.id);
        m_list->applyForward(record.id, record.status, record.error);
        if (!record.ok())
            statusBar()->showMessage(tr("Forward of #%1 failed: %2").arg(record.id).arg(record.error), 8000);
    });
}

ReplayDialog *MainWindow::openReplay()
{
    const qint64 id = m_detail->eventId();
    const std::optional<Event> event = id > 0 ? m_reader.load(id) : std::nullopt;
    if (!event) {
        statusBar()->showMessage(tr("Select an event to replay"), 3000);
        return nullptr;
    }
    auto *dialog = new ReplayDialog(*event, this);
    const std::optional<EventInfo> info = m_detail->info();
    if (const SignatureRule *rule = m_session->signatures()->get()->ruleFor(info ? info->kind : QString()))
        dialog->setSigningRule(*rule);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

SendTestDialog *MainWindow::openSendTest()
{
    auto *dialog = new SendTestDialog(appSchemaRegistry()->catalog(), this);
    dialog->setRuleLookup([slot = m_session->signatures()](const QString &kind) -> std::optional<SignatureRule> {
        if (const SignatureRule *rule = slot->get()->ruleFor(kind))
            return *rule;
        return std::nullopt;
    });
    const qint64 id = m_detail->eventId();
    if (const std::optional<Event> event = id > 0 ? m_reader.load(id) : std::nullopt) {
        const std::optional<EventInfo> info = m_detail->info();
        dialog->setCapturedEvent(*event, info ? info->kind : QString());
    }
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

void MainWindow::configureForward()
{
    m_forwardAction->setChecked(!m_forward->url().isEmpty());
    ForwardDialog dialog(m_forward->url(), m_forward->kind(), this);
    dialog.setAnswersHeld(forwardedAnswers()->isEnabled());
    if (dialog.exec() == QDialog::Accepted) {
        m_forward->configure(dialog.url(), dialog.kind());
        forwardedAnswers()->setEnabled(dialog.answersHeld());
        QSettings().setValue(QStringLiteral("forward/answersHeld"), dialog.answersHeld());
    }
    m_forwardAction->setChecked(!m_forward->url().isEmpty());
    statusBar()->showMessage(m_forward->url().isEmpty() ? tr("Forwarding off")
                                                        : tr("Forwarding to %1").arg(m_forward->url().toString()),
                             5000);
}

void MainWindow::openStore()
{
    const bool opened = m_session->open(sessionConfigFor(m_options));
    const StoreRecovery::Outcome &recovery = m_session->recovery();
    if (!recovery.notice.isEmpty()) {
        m_storeNotice = recovery.notice;
        m_status->setStoreProblem(tr("Store was damaged: kept as %1").arg(recovery.setAsidePath));
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Event store damaged"), recovery.notice, QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("storeRecoveryBox"));
        box->setTextFormat(Qt::PlainText);
        box->setAttribute(Qt::WA_DeleteOnClose);
        QMetaObject::invokeMethod(box, &QDialog::open, Qt::QueuedConnection); // once the window is up
    }
    const QString path = m_session->storePath();
    QString error = m_session->storeError();
    if (!opened || !m_reader.open(path, &error)) {
        m_storeError = error;
        m_status->setStopped(tr("the store cannot be opened: %1").arg(error));
        m_toolBar->startStopAction()->setEnabled(false);
        return;
    }
    if (EnrichmentService *enrichment = m_session->enrichment()) { // the catch-up behind new events
        connect(enrichment, &EnrichmentService::catchUpProgress, m_status, &StatusBarPane::setInspectionProgress);
        const auto [done, total] = enrichment->lastCatchUpProgress(); // begun before the window
        m_status->setInspectionProgress(done, total);
    }
    m_storeHealth = new StoreHealthNotice(m_status, this);
    m_storeHealth->check(path); // a file damaged inside (not as a whole) opens: which events are lost?
    m_list->setStorePath(path);
    m_exchange->setStorePath(path);
    m_views->setStorePath(path);
    m_list->loadHistory(&m_reader);
    m_detail->setStore(&m_reader);
}

bool MainWindow::startReceiver()
{
    if (!m_storeError.isEmpty())
        return false;
    ReceiverConfig config = m_options.receiver;
    config.port = m_toolBar->port();
    m_overrides.setAskedPort(config.port);
    if (!config.guard.isActive())
        config.guard = savedTrust().guard; // re-read: the settings dialog may have changed it
    m_session->setReceiverConfig(config); // forward and replay refuse to send back here (ownAddress)
    if (!m_session->start()) {
        m_status->setStopped(m_session->errorString());
        m_toolBar->setListening(false);
        m_firstRun->setReceiver({});
        return false;
    }
    m_firstRun->setReceiver(m_session->url());
    m_status->setListening(m_session->url().toString());
    m_status->setExposureWarning(exposureWarning(m_session->config().receiver));
    m_toolBar->setPort(m_session->port()); // the port picked when 0 was asked for
    m_toolBar->setListening(true);
    m_tunnel->setPort(m_session->port());
    refuseForwardLoop();
    return true;
}

void MainWindow::refuseForwardLoop()
{
    // Only now is the port known (--port 0): a forward target (from --forward or the settings)
    // that is this window's own address would send every event back in, forever.
    const QUrl target = m_forward->url();
    if (target.isEmpty())
        return;
    if (const QString loop = OwnAddresses::loopProblem(target); !loop.isEmpty()) {
        m_forward->pause(); // for this session: the saved setting is left as the user made it
        m_forwardAction->setChecked(false);
        statusBar()->showMessage(tr("Forwarding switched off: %1").arg(loop));
    }
}

void MainWindow::stopReceiver()
{
    m_session->stop();
    m_toolBar->setListening(false);
    m_status->setStopped();
    m_tunnel->setPort(0);
    m_status->setExposureWarning({});
    m_firstRun->setReceiver({});
}

void MainWindow::copyUrl()
{
    // The public tunnel URL is what a platform must be given.
    if (const QString publicUrl = m_tunnel->publicUrl(); !publicUrl.isEmpty()) {
        QApplication::clipboard()->setText(publicUrl);
        statusBar()->showMessage(tr("Copied %1").arg(publicUrl), 3000);
    } else if (m_session->isListening()) {
        QApplication::clipboard()->setText(m_session->url().toString());
        statusBar()->showMessage(tr("Copied %1").arg(m_session->url().toString()), 3000);
    }
}

void MainWindow::copyText(const QString &text)
{
    QApplication::clipboard()->setText(text);
    sayCopied(text);
}

void MainWindow::sayCopied(const QString &what)
{
    statusBar()->showMessage(tr("Copied %1").arg(what), 3000);
}

void MainWindow::openSettings(const QMetaObject *page)
{
    QSettings settings;
    SettingsDialog dialog(&settings, this); // shows the saved settings, not this session's overrides
    SettingsContext context;
    context.packs = appSchemaRegistry()->catalog()->packs();
    for (const auto &kind : appSchemaRegistry()->catalog()->kinds()) {
        context.kindIds.append(kind->id);
        if (kind->request)
            context.requestKindIds.append(kind->id);
    }
    addSettingsPages(dialog, context);
    if (page)
        dialog.showPageOf(page);
    if (dialog.exec() == QDialog::Accepted)
        applySettings(dialog.changedKeys());
}

void MainWindow::applySettings(const QStringList &changedKeys)
{
    QSettings settings;
    AppOptions fresh = m_options;
    m_overrides.release(changedKeys); // what the user just chose wins over this session's command line
    fresh.givenOptions = m_overrides.givenOptions();
    QStringList problems;
    AppSettings::apply(settings, &fresh, &problems);
    m_options.receiver = fresh.receiver;
    m_options.ruleFile.clear(); // the answer rules saved in Settings win over --rule from now on
    AppSettings::applyKinds(settings, appSchemaRegistry());
    m_tunnel->setApi(fresh.ngrokApi);
    const bool restart = m_session->isListening();
    if (restart)
        stopReceiver();
    // Signature rules, hold policy (for requests arriving from now on), receiver settings.
    SessionConfig config = sessionConfigFor(m_options);
    config.ngrokApi = fresh.ngrokApi;
    m_session->apply(config);
    if (changedKeys.contains(QLatin1String(AppSettings::Port)))
        m_toolBar->setPort(fresh.receiver.port); // else the toolbar's port (maybe the command line's) stays
    if (restart)
        startReceiver();
    statusBar()->showMessage(problems.isEmpty() ? tr("Settings applied") : problems.join(QStringLiteral("; ")), 5000);
}

void MainWindow::showAbout()
{
    QMessageBox box(this);
    box.setWindowTitle(tr("About Hookscope"));
    box.setTextFormat(Qt::PlainText);
    box.setIconPixmap(windowIcon().pixmap(64, 64));
    box.setText(tr("Hookscope %1").arg(QStringLiteral(HOOKSCOPE_VERSION)));
    box.setInformativeText(tr("A desktop webhook inspector: captures every request sent to it, stores it durably and "
                              "shows it exactly as it came.\n\nSettings: %1\nData: %2")
                               .arg(QSettings().fileName(),
                                    ResourceLocator::dataDirectory().isEmpty() ? tr("built in")
                                                                               : ResourceLocator::dataDirectory()));
    box.exec();
}

void MainWindow::confirmClear()
{
    ClearDialog dialog(m_list->eventCount(), this);
    if (dialog.exec() == QDialog::Accepted && !clearEvents(dialog.keepCopy()))
        QMessageBox::warning(this, tr("Clear events"), m_storeError.isEmpty() ? tr("The store could not be cleared.")
                                                                             : m_storeError);
}

void MainWindow::wireBackgroundStoreWork()
{
    // The store writer's background work: the search index for events stored before it
    // existed, and large deletes (MainWindow::kBackgroundDeleteAt), shown in the status bar.
    const auto percent = [](qint64 done, qint64 total) { return total > 0 ? int(done * 100 / total) : 100; };
    connect(m_session, &CaptureSession::textIndexProgress, this, [this, percent](qint64 done, qint64 total) {
        if (done < total)
            statusBar()->showMessage(tr("Building the search index: %1% (searches find everything meanwhile, more slowly)")
                                         .arg(percent(done, total)));
        else
            statusBar()->showMessage(tr("Search index ready"), 5000);
    });
    connect(m_session, &CaptureSession::deleteProgress, this, [this, percent](qint64 done, qint64 total) {
        statusBar()->showMessage(tr("Deleting events: %1%").arg(percent(done, total)));
    });
    connect(m_session, &CaptureSession::clearStarted, this, [this] {
        m_list->clearEvents();
        m_recentInfos.clear();
        m_detail->setEvent(std::nullopt);
    });
    connect(m_session, &CaptureSession::deleteFinished, this, [this](bool ok, const QString &error) {
        if (ok)
            statusBar()->showMessage(tr("Deleted"), 8000);
        else // what was deleted before the failure stays deleted; the rest shows again at the next start
            statusBar()->showMessage(tr("Not all deleted: %1").arg(error), 10'000);
    });
}

bool MainWindow::clearEvents(bool keepCopy)
{
    QString error;
    m_lastBackup.clear();
    if (keepCopy) {
        const QFileInfo store(m_reader.path());
        const QString backup = store.absolutePath() + QLatin1Char('/') + store.completeBaseName()
            + QDateTime::currentDateTime().toString(QStringLiteral("-yyyyMMdd-HHmmss-zzz.")) + store.suffix();
        // VACUUM INTO writes a consistent copy, WAL included, without stopping the writer.
        if (!m_reader.copyTo(backup, &error)) {
            statusBar()->showMessage(tr("Not cleared: the copy failed: %1").arg(error), 10'000);
            return false;
        }
        m_lastBackup = backup;
    }
    if (m_list->eventCount() >= kBackgroundDeleteAt) { // the rows go at clearStarted
        m_session->clearInBackground();
        return true;
    }
    if (!m_session->clear(&error)) {
        statusBar()->showMessage(tr("Not cleared: %1").arg(error), 10'000);
        return false;
    }
    m_feed->flush(); // the batches before the clear, then the clear
    m_list->clearEvents();
    m_recentInfos.clear();
    m_views->storeChanged();
    m_detail->setEvent(std::nullopt);
    statusBar()->showMessage(m_lastBackup.isEmpty() ? tr("Cleared") : tr("Cleared; a copy is in %1").arg(m_lastBackup),
                             8000);
    return true;
}

bool MainWindow::deleteEvents(const QList<qint64> &ids)
{
    if (ids.size() >= kBackgroundDeleteAt) { // the rows go now, the store follows in chunks
        m_list->removeEvents(ids);
        m_session->removeInBackground(ids);
        return true;
    }
    QString error;
    if (!m_session->remove(ids, &error)) {
        statusBar()->showMessage(tr("Not deleted: %1").arg(error), 10'000);
        return false;
    }
    m_list->removeEvents(ids);
    m_views->storeChanged();
    return true;
}

void MainWindow::showEventDetails(qint64 id)
{
    if (id == m_detail->eventId())
        return;
    std::optional<Event> event = id > 0 ? m_reader.load(id) : std::nullopt;
    if (event)
        m_hold->applyAnswer(*event); // an answer not committed yet
    m_detail->setEvent(std::move(event));
    if (id <= 0)
        return;
    if (const auto recent = m_recentInfos.find(id); recent != m_recentInfos.end())
        m_detail->setInfo(recent->second);
    else if (const std::optional<EventInfo> info = m_reader.loadInfo(id))
        m_detail->setInfo(*info);
    m_detail->setForward(m_forward->recordFor(id, m_reader), id);
}

void MainWindow::onEventsStored(const QList<Event> &events)
{
    if (m_status->storeProblemText().startsWith(QStringLiteral("✕")))
        m_status->setStoreProblem({}); // storing again (space returned)
    m_list->addEvents(events);
    m_status->recordEvents(int(events.size()));
}

void MainWindow::onEnriched(const QList<EventInfo> &infos)
{
    m_list->applyInfos(infos);
    for (const EventInfo &info : infos)
        m_recentInfos.insert_or_assign(info.id, info);
    while (m_recentInfos.size() > kRecentInfos)
        m_recentInfos.erase(m_recentInfos.begin()); // ids grow: the oldest are committed by now
    const qint64 shown = m_detail->eventId();
    if (shown <= 0)
        return;
    for (const EventInfo &info : infos) {
        if (info.id == shown)
            m_detail->setInfo(info);
    }
}

void MainWindow::setupHolding()
{
    // The policy and the presets are the session's (open() and apply() set them).
    holdingSink()->setPresets(PresetCatalog::load(*appKindCatalog())); // the Respond panel lists them from the start
    m_hold = new HoldController(this, holdDesk(), holdingSink(), m_list, m_detail, &m_reader);
    connect(m_list, &EventListPane::currentEventChanged, m_hold, &HoldController::onCurrentEventChanged);
    connect(m_hold, &HoldController::settingsRequested, this, [this] { openSettings(&HoldSettingsPage::staticMetaObject); });
    m_toolBar->addPanelToggle(m_hold->dock()->toggleViewAction());
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_hold->settingsAction());
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    resize(1280, 820);
    restoreGeometry(settings.value(kGeometry).toByteArray());
    restoreState(settings.value(kState).toByteArray());
    if (!m_splitter->restoreState(settings.value(kSplitter).toByteArray()))
        m_splitter->setSizes({380, 420});
    m_list->table()->horizontalHeader()->restoreState(settings.value(kColumns).toByteArray());
    const quint16 port = m_overrides.portGiven() ? m_options.receiver.port
                                             : quint16(settings.value(kPort, m_options.receiver.port).toUInt());
    m_toolBar->setPort(port);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometry, saveGeometry());
    settings.setValue(kState, saveState());
    settings.setValue(kSplitter, m_splitter->saveState());
    settings.setValue(kColumns, m_list->table()->horizontalHeader()->saveState());
    if (const std::optional<quint16> port = m_overrides.portToSave())
        settings.setValue(kPort, *port); // the last port asked for; never --port's
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // Closing the window ends the session: enrichment must not write after this point (events
    // still arriving are caught up at the next start).
    if (EnrichmentService *enrichment = m_session->enrichment())
        enrichment->stop();
    QMainWindow::closeEvent(event);
}

} // namespace hookscope
