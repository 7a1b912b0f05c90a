#include "MainWindow.h"

#include "ClearDialog.h"
#include "EventDetailPane.h"
#include "EventListPane.h"
#include "ExchangeActions.h"
#include "MainToolBar.h"
#include "StatusBarPane.h"
#include "enrich/DefaultInspector.h"
#include "http/Receiver.h"
#include "store/EventRecorder.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDateTime>
#include <QFileInfo>
#include <QHeaderView>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>

namespace hookscope {

namespace {
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kSplitter = QStringLiteral("window/splitter");
const QString kColumns = QStringLiteral("table/header");
const QString kPort = QStringLiteral("receiver/port");
constexpr size_t kRecentInfos = 512;
} // namespace

MainWindow::MainWindow(const AppOptions &options, QWidget *parent)
    : MainWindow(options, defaultInspector(), parent)
{
}

MainWindow::MainWindow(const AppOptions &options, EnrichmentService::Inspector inspector, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_recorder(new EventRecorder(this))
    , m_receiver(new Receiver(m_recorder, this))
    , m_enrichment(new EnrichmentService(m_recorder, std::move(inspector), this))
    , m_toolBar(new MainToolBar(this))
    , m_list(new EventListPane(this))
    , m_detail(new EventDetailPane(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_status(new StatusBarPane(this))
    , m_exchange(new ExchangeActions(m_list, m_recorder, this))
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
    statusBar()->addWidget(m_status, 1);
    statusBar()->setSizeGripEnabled(true);
    m_exchange->install();

    connect(m_toolBar, &MainToolBar::startRequested, this, [this](quint16) { startReceiver(); });
    connect(m_toolBar, &MainToolBar::stopRequested, this, &MainWindow::stopReceiver);
    connect(m_toolBar, &MainToolBar::copyUrlRequested, this, &MainWindow::copyUrl);
    connect(m_toolBar, &MainToolBar::clearRequested, this, &MainWindow::confirmClear);
    connect(m_toolBar, &MainToolBar::pauseToggled, m_list, &EventListPane::setPaused);
    connect(m_receiver, &Receiver::listeningChanged, m_toolBar, &MainToolBar::setListening);
    connect(m_recorder, &EventRecorder::eventsStored, this, &MainWindow::onEventsStored);
    connect(m_recorder, &EventRecorder::eventsStored, m_enrichment, &EnrichmentService::enqueue);
    connect(m_enrichment, &EnrichmentService::enriched, this, &MainWindow::onEnriched);
    connect(m_recorder, &EventRecorder::storeFailed, this,
            [this](const QString &error) { statusBar()->showMessage(tr("Store error: %1").arg(error), 10'000); });
    connect(m_list, &EventListPane::currentEventChanged, this, &MainWindow::showEventDetails);
    connect(m_list, &EventListPane::deleteRequested, this, &MainWindow::deleteEvents);
    connect(m_list, &EventListPane::eventCountChanged, m_status, &StatusBarPane::setEventCount);

    restoreSettings();
    openStore();
    if (m_storeError.isEmpty())
        startReceiver();
}

MainWindow::~MainWindow()
{
    delete m_exchange; // waits for a running export or import before the recorder closes
    m_exchange = nullptr;
    m_receiver->stop();
    m_enrichment->stop(); // it writes through the recorder: stop it first
    m_recorder->close();
}

void MainWindow::openStore()
{
    const QString path = m_options.dbPath.isEmpty() ? EventStore::defaultPath() : m_options.dbPath;
    QString error;
    if (!m_recorder->open(path, &error, m_options.sync) || !m_reader.open(path, &error)) {
        m_storeError = error;
        m_status->setStopped(tr("the store cannot be opened: %1").arg(error));
        m_toolBar->startStopAction()->setEnabled(false);
        return;
    }
    m_list->setStorePath(path);
    m_exchange->setStorePath(path);
    m_list->loadHistory(&m_reader);
    m_detail->setStore(&m_reader);
    // Catches up with events stored earlier (another session, a crash) and then follows.
    m_enrichment->start(path);
}

bool MainWindow::startReceiver()
{
    if (!m_storeError.isEmpty())
        return false;
    ReceiverConfig config = m_options.receiver;
    config.port = m_toolBar->port();
    m_receiver->setConfig(config);
    if (!m_receiver->start()) {
        m_status->setStopped(m_receiver->errorString());
        m_toolBar->setListening(false);
        return false;
    }
    m_status->setListening(m_receiver->url().toString());
    m_toolBar->setPort(m_receiver->port()); // the port picked when 0 was asked for
    m_toolBar->setListening(true);
    return true;
}

void MainWindow::stopReceiver()
{
    m_receiver->stop();
    m_toolBar->setListening(false);
    m_status->setStopped();
}

void MainWindow::copyUrl()
{
    // The public tunnel URL takes precedence here once the tunnel issue lands.
    if (m_receiver->isListening()) {
        QApplication::clipboard()->setText(m_receiver->url().toString());
        statusBar()->showMessage(tr("Copied %1").arg(m_receiver->url().toString()), 3000);
    }
}

void MainWindow::confirmClear()
{
    ClearDialog dialog(m_list->eventCount(), this);
    if (dialog.exec() == QDialog::Accepted && !clearEvents(dialog.keepCopy()))
        QMessageBox::warning(this, tr("Clear events"), m_storeError.isEmpty() ? tr("The store could not be cleared.")
                                                                             : m_storeError);
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
    if (!m_recorder->clear(&error)) {
        statusBar()->showMessage(tr("Not cleared: %1").arg(error), 10'000);
        return false;
    }
    m_list->clearEvents();
    m_recentInfos.clear();
    m_detail->setEvent(std::nullopt);
    statusBar()->showMessage(m_lastBackup.isEmpty() ? tr("Cleared") : tr("Cleared; a copy is in %1").arg(m_lastBackup),
                             8000);
    return true;
}

bool MainWindow::deleteEvents(const QList<qint64> &ids)
{
    QString error;
    if (!m_recorder->remove(ids, &error)) {
        statusBar()->showMessage(tr("Not deleted: %1").arg(error), 10'000);
        return false;
    }
    m_list->removeEvents(ids);
    return true;
}

void MainWindow::showEventDetails(qint64 id)
{
    if (id == m_detail->eventId())
        return;
    m_detail->setEvent(id > 0 ? m_reader.load(id) : std::nullopt);
    if (id <= 0)
        return;
    if (const auto recent = m_recentInfos.find(id); recent != m_recentInfos.end())
        m_detail->setInfo(recent->second);
    else if (const std::optional<EventInfo> info = m_reader.loadInfo(id))
        m_detail->setInfo(*info);
}

void MainWindow::onEventsStored(const QList<Event> &events)
{
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

void MainWindow::restoreSettings()
{
    QSettings settings;
    resize(1280, 820);
    restoreGeometry(settings.value(kGeometry).toByteArray());
    restoreState(settings.value(kState).toByteArray());
    if (!m_splitter->restoreState(settings.value(kSplitter).toByteArray()))
        m_splitter->setSizes({380, 420});
    m_list->table()->horizontalHeader()->restoreState(settings.value(kColumns).toByteArray());
    const quint16 port = m_options.portGiven ? m_options.receiver.port
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
    settings.setValue(kPort, m_toolBar->port());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    // Closing the window ends the session: enrichment must not write after this point (events
    // still arriving are caught up at the next start).
    m_enrichment->stop();
    QMainWindow::closeEvent(event);
}

} // namespace hookscope
