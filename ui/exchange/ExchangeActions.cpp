#include "ExchangeActions.h"

#include "Theme.h"

#include "MainMenuBar.h"

#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "ExportDialog.h"
#include "exchange/CurlCommand.h"
#include "exchange/EventExporter.h"
#include "store/StoreFiles.h"
#include "exchange/EventImporter.h"
#include "exchange/LiveImport.h"
#include "store/EventRecorder.h"
#include "store/EventStore.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QDir>
#include <QStandardPaths>
#include <QSettings>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QToolBar>

namespace hookscope {

namespace {
const QString kLastFolder = QStringLiteral("exchange/folder");
const QString kRedactAuthorization = QStringLiteral("exchange/redactAuthorization");

// Where Export and Import open: the folder used last, else Documents, else home (never the
// filesystem root, where an unset folder plus "/hookscope-events.json" led; issue 24.25).
QString startFolder(const QSettings &settings)
{
    for (const QString &folder : {settings.value(kLastFolder).toString(),
                                  QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)}) {
        if (!folder.isEmpty() && QFileInfo(folder).isDir())
            return folder;
    }
    return QDir::homePath();
}

// "1 event", "20,000 events" (not "event(s)": no translation file picks the plural form).
QString eventsPhrase(qint64 count)
{
    return count == 1 ? ExchangeActions::tr("1 event") : ExchangeActions::tr("%L1 events").arg(count);
}
} // namespace

ExchangeActions::ExchangeActions(EventListPane *list, EventRecorder *recorder, QMainWindow *window)
    : QObject(window)
    , m_list(list)
    , m_recorder(recorder)
    , m_window(window)
    , m_exportSelected(new QAction(tr("Export &Selected Events…"), this))
    , m_exportFiltered(new QAction(tr("Export &Filtered Events…"), this))
    , m_exportAll(new QAction(tr("Export &All Events…"), this))
    , m_import(new QAction(tr("&Import…"), this))
    , m_copyCurl(new QAction(tr("Copy as &curl"), this))
{
    m_exportAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    m_exportSelected->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    m_import->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_copyCurl->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_exportAll->setToolTip(tr("Export every event as a Hookscope export or HAR file"));
    m_exportAll->setIcon(Theme::toolIcon(Theme::ToolGlyph::Export, window->palette()));
    m_import->setIcon(Theme::toolIcon(Theme::ToolGlyph::Import, window->palette()));
    m_import->setToolTip(tr("Import a Hookscope export or a HAR file"));
    m_copyCurl->setToolTip(tr("Copy a curl command that sends this request again, byte for byte"));
    for (QAction *action : {m_exportSelected, m_exportFiltered, m_exportAll, m_import, m_copyCurl})
        action->setShortcutContext(Qt::WindowShortcut);
    connect(m_exportSelected, &QAction::triggered, this, [this] { askExport(Scope::Selected); });
    connect(m_exportFiltered, &QAction::triggered, this, [this] { askExport(Scope::Filtered); });
    connect(m_exportAll, &QAction::triggered, this, [this] { askExport(Scope::All); });
    connect(m_import, &QAction::triggered, this, &ExchangeActions::askImport);
    connect(m_copyCurl, &QAction::triggered, this, &ExchangeActions::copyAsCurl);
}

ExchangeActions::~ExchangeActions()
{
    if (m_thread) {
        m_cancel->store(true);
        if (m_closing)
            m_closing->store(true);
        m_thread->wait();
    }
}

void ExchangeActions::install(MainMenuBar *menus)
{
    m_menus = menus;
    m_menus->addToFile({m_import});
    m_menus->addToFile({m_exportSelected, m_exportFiltered, m_exportAll});
    m_menus->addToEdit({m_copyCurl});
    if (auto *toolBar = m_window->findChild<QToolBar *>()) {
        toolBar->addSeparator();
        toolBar->addAction(m_import);
        toolBar->addAction(m_exportAll);
    }
    QTableView *table = m_list->table();
    table->setContextMenuPolicy(Qt::ActionsContextMenu);
    table->addAction(m_copyCurl);
    table->addAction(m_exportSelected);
    m_window->addAction(m_copyCurl);
}

QProgressDialog *ExchangeActions::progressDialog() const
{
    return m_progress;
}

void ExchangeActions::setStorePath(const QString &path)
{
    m_storePath = path;
}

QList<qint64> ExchangeActions::idsFor(Scope scope) const
{
    if (scope == Scope::Selected)
        return m_list->selectedIds();
    QList<qint64> ids;
    const QAbstractItemModel *model = scope == Scope::Filtered ? static_cast<const QAbstractItemModel *>(m_list->proxy())
                                                               : m_list->model();
    ids.reserve(model->rowCount());
    for (int row = 0; row < model->rowCount(); ++row)
        ids.append(model->index(row, 0).data(EventTableModel::IdRole).toLongLong());
    return ids;
}

void ExchangeActions::askExport(Scope scope)
{
    if (isBusy())
        return;
    if (scope == Scope::Selected && m_list->selectedIds().isEmpty()) {
        m_window->statusBar()->showMessage(tr("Select the events to export first"), 5000);
        return;
    }
    QSettings settings;
    ExportDialog dialog(m_window, startFolder(settings) + QStringLiteral("/hookscope-events.json"));
    dialog.setRedactAuthorization(settings.value(kRedactAuthorization, false).toBool());
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QString path = dialog.chosenPath();
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolder, QFileInfo(path).absolutePath());
    settings.setValue(kRedactAuthorization, dialog.redactAuthorization());
    exportTo(path, scope, dialog.redactAuthorization());
}

void ExchangeActions::askImport()
{
    if (isBusy())
        return;
    QSettings settings;
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import events"), startFolder(settings),
        tr("Hookscope export or HAR (*.json *.har);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolder, QFileInfo(path).absolutePath());
    importFrom(path);
}

void ExchangeActions::startProgress(const QString &label, bool determinate)
{
    m_progress = new QProgressDialog(label, tr("Cancel"), 0, determinate ? 100 : 0, m_window);
    m_progress->setObjectName(QStringLiteral("exchangeProgress"));
    m_progress->setWindowTitle(tr("Hookscope"));
    m_progress->setWindowModality(Qt::WindowModal);
    m_progress->setMinimumDuration(300);
    m_progress->setAutoClose(false);
    m_progress->setAutoReset(false);
    m_progress->setValue(0);
    connect(m_progress, &QProgressDialog::canceled, this, [cancel = m_cancel] { cancel->store(true); });
}

void ExchangeActions::exportTo(const QString &path, Scope scope, bool redactAuthorization)
{
    if (isBusy() || m_storePath.isEmpty())
        return;
    // Also checked by the exporter; here the refusal comes before any progress dialog.
    if (const QString reason = StoreFiles::overwriteReason(path, m_storePath); !reason.isEmpty()) {
        finishWork(false, tr("Export refused"), tr("Nothing was exported: %1.").arg(reason));
        Q_EMIT exportFinished(false, reason);
        return;
    }
    // All: every stored event, read in id windows by the exporter.
    std::optional<QList<qint64>> ids;
    if (scope != Scope::All)
        ids = idsFor(scope);
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    startProgress(tr("Exporting to %1…").arg(QFileInfo(path).fileName()), true);
    const QString storePath = m_storePath;
    const auto cancel = m_cancel;
    QPointer<ExchangeActions> self(this);
    m_thread = QThread::create([self, storePath, path, ids, cancel, redactAuthorization] {
        ExportResult result;
        EventStore store; // this thread's own read connection
        if (!store.open(storePath, &result.error)) {
            result.error = QStringLiteral("cannot read the store: %1").arg(result.error);
        } else {
            EventExporter exporter(&store);
            exporter.setCancelFlag(cancel.get());
            exporter.setRedactAuthorization(redactAuthorization);
            exporter.setProgress([self](qint64 done, qint64 total) {
                QMetaObject::invokeMethod(self.data(), [self, done, total] {
                    if (self && self->m_progress)
                        self->m_progress->setValue(total > 0 ? int(done * 100 / total) : 100);
                });
            });
            result = exporter.exportTo(path, EventExporter::formatForPath(path), ids);
        }
        QMetaObject::invokeMethod(self.data(), [self, result, path] {
            if (!self)
                return;
            if (result.ok && !result.unreadable.isEmpty()) {
                QStringList lines;
                for (const UnreadableEvents &damage : result.unreadable.mid(0, 20))
                    lines.append(QStringLiteral("• ") + damage.describe());
                if (result.unreadable.size() > 20)
                    lines.append(tr("… and %1 more (hookscope check-store lists them all)").arg(result.unreadable.size() - 20));
                const QString done = tr("Exported %1 to %2. The store is damaged; these could not be exported as stored:\n%3")
                                         .arg(eventsPhrase(result.written), path, lines.join(QLatin1Char('\n')));
                self->finishWork(false, tr("Export incomplete"), done);
                Q_EMIT self->exportFinished(true, done);
            } else if (result.ok) {
                const QString done = tr("Exported %1 to %2").arg(eventsPhrase(result.written), path);
                self->finishWork(true, QString(), done);
                Q_EMIT self->exportFinished(true, done);
            } else {
                self->finishWork(false, tr("Export failed"), result.cancelled ? QString() : result.error);
                Q_EMIT self->exportFinished(false, result.error);
            }
        });
    });
    m_thread->setObjectName(QStringLiteral("export"));
    m_thread->start(QThread::LowPriority);
}

void ExchangeActions::importFrom(const QString &path)
{
    if (isBusy() || !m_recorder->isOpen())
        return;
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    m_closing = std::make_shared<std::atomic<bool>>(false);
    startProgress(tr("Importing %1…").arg(QFileInfo(path).fileName()), true);
    const auto cancel = m_cancel;
    const auto closing = m_closing;
    EventRecorder *recorder = m_recorder;
    QPointer<ExchangeActions> self(this);
    m_thread = QThread::create([self, recorder, path, cancel, closing] {
        // Streamed into one transaction on the writer's connection, exactly as the command line
        // imports; a cancel rolls it back, a refused file stores nothing.
        ImportControl control;
        control.cancel = cancel.get();
        int shown = -1;
        control.progress = [self, &shown](qint64 done, qint64 total) {
            const int percent = total > 0 ? int(done * 100 / total) : 100;
            if (percent == shown)
                return;
            shown = percent;
            QMetaObject::invokeMethod(self.data(), [self, percent] {
                if (self && self->m_progress)
                    self->m_progress->setValue(percent);
            });
        };
        const ImportResult result = LiveImport::run(recorder, path, control, closing.get());
        QMetaObject::invokeMethod(self.data(), [self, result, path] {
            if (!self)
                return;
            if (result.ok) {
                QString done = tr("Imported %1 from %2").arg(eventsPhrase(result.imported), path);
                // Entries that were no request (a browser's data: URLs…): say which.
                if (result.skipped > 0)
                    done += QStringLiteral("; ") + result.skippedSummary(false);
                self->finishWork(true, QString(), done);
                if (result.skipped > 0)
                    self->showSkipped(path, result);
                Q_EMIT self->importFinished(true, done);
            } else {
                const QString reason = result.cancelled ? QStringLiteral("cancelled") : result.error;
                self->finishWork(false, tr("Import refused"),
                                 result.cancelled ? QString()
                                                  : tr("%1 was not imported:\n%2").arg(path, result.error));
                Q_EMIT self->importFinished(false, reason);
            }
        });
    });
    m_thread->setObjectName(QStringLiteral("import"));
    m_thread->start(QThread::LowPriority);
}

void ExchangeActions::showSkipped(const QString &path, const ImportResult &result)
{
    if (!m_interactive)
        return;
    QMessageBox box(QMessageBox::Information, tr("Import"),
                    tr("Imported %1 from %2.").arg(eventsPhrase(result.imported), path), QMessageBox::Ok,
                    m_window);
    box.setTextFormat(Qt::PlainText);
    box.setInformativeText(result.skippedSummary(true));
    box.exec();
}

void ExchangeActions::finishWork(bool ok, const QString &title, const QString &message)
{
    if (m_thread) {
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
    }
    if (m_progress) {
        m_progress->close();
        m_progress->deleteLater();
    }
    m_lastError = ok ? QString() : message;
    if (ok) {
        m_window->statusBar()->showMessage(message, 8000);
    } else if (message.isEmpty()) {
        m_window->statusBar()->showMessage(tr("Cancelled"), 5000);
    } else if (m_interactive) {
        QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, m_window);
        box.setTextFormat(Qt::PlainText);
        box.exec();
    } else {
        m_window->statusBar()->showMessage(message, 8000);
    }
}

QString ExchangeActions::copyAsCurl()
{
    const qint64 id = m_list->currentId();
    if (id <= 0 || m_storePath.isEmpty())
        return {};
    EventStore store;
    QString error;
    if (!store.open(m_storePath, &error))
        return {};
    const std::optional<Event> event = store.load(id);
    if (!event)
        return {};
    const QString command = CurlCommand::build(*event);
    QApplication::clipboard()->setText(command);
    const QString caveat = CurlCommand::orderCaveat(*event);
    if (caveat.isEmpty())
        m_window->statusBar()->showMessage(tr("Copied a curl command for event %1").arg(id), 4000);
    else
        m_window->statusBar()->showMessage(tr("Copied a curl command for event %1 (%2)").arg(id).arg(caveat), 10000);
    return command;
}

} // namespace hookscope
