#pragma once

#include <QObject>
#include <QList>
#include <QPointer>
#include <atomic>
#include <memory>

class QAction;
class QMainWindow;
class QProgressDialog;
class QThread;

namespace hookscope {

class MainMenuBar;

class EventListPane;
class EventRecorder;
struct ImportResult;

// File ▸ Export selected / filtered / all…, Import… and Copy as curl (Ctrl+Shift+C, also in the
// table's context menu). Exports read the store on a thread of their own (own read connection);
// imports are streamed from the file into one transaction on the recorder's writer connection
// (LiveImport: the command line's code path), so the window stays responsive; a progress
// dialog (bytes read) can cancel either, leaving no file and no events.
class ExchangeActions final : public QObject
{
    Q_OBJECT
public:
    enum class Scope { Selected, Filtered, All };

    ExchangeActions(EventListPane *list, EventRecorder *recorder, QMainWindow *window); // not owned
    ~ExchangeActions() override;

    // Adds the File menu, toolbar buttons and the table's context menu entries.
    // Puts the actions in the menus (File: import/export; Edit: copy as curl), the toolbar and
    // the table's context menu.
    void install(MainMenuBar *menus);
    void setStorePath(const QString &path);

    // What the actions do, without file dialogs (tests call these directly).
    // redactAuthorization: Authorization headers written as "SCHEME [redacted]" (the dialog's box).
    void exportTo(const QString &path, Scope scope, bool redactAuthorization = false);
    void importFrom(const QString &path);
    // The curl command for the current event, also put on the clipboard; empty when none.
    QString copyAsCurl();

    [[nodiscard]] bool isBusy() const { return m_thread != nullptr; }
    [[nodiscard]] QProgressDialog *progressDialog() const;
    [[nodiscard]] QAction *exportSelectedAction() const { return m_exportSelected; }
    [[nodiscard]] QAction *exportFilteredAction() const { return m_exportFiltered; }
    [[nodiscard]] QAction *exportAllAction() const { return m_exportAll; }
    [[nodiscard]] QAction *importAction() const { return m_import; }
    [[nodiscard]] QAction *copyCurlAction() const { return m_copyCurl; }
    // Message boxes for errors; off in tests, which read lastError().
    void setInteractive(bool interactive) { m_interactive = interactive; }
    [[nodiscard]] QString lastError() const { return m_lastError; }

Q_SIGNALS:
    // ok false with the reason (or "cancelled").
    void exportFinished(bool ok, const QString &message);
    void importFinished(bool ok, const QString &message);

private:
    void askExport(Scope scope);
    void askImport();
    [[nodiscard]] QList<qint64> idsFor(Scope scope) const;
    void startProgress(const QString &label, bool determinate);
    void finishWork(bool ok, const QString &title, const QString &message);
    void showSkipped(const QString &path, const ImportResult &result);

    EventListPane *m_list; // not owned
    EventRecorder *m_recorder; // not owned
    QMainWindow *m_window; // not owned
    MainMenuBar *m_menus = nullptr; // not owned
    QString m_storePath;
    QAction *m_exportSelected;
    QAction *m_exportFiltered;
    QAction *m_exportAll;
    QAction *m_import;
    QAction *m_copyCurl;
    QPointer<QProgressDialog> m_progress;
    QThread *m_thread = nullptr;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::shared_ptr<std::atomic<bool>> m_closing; // set when the window goes: an import stops reporting rows
    bool m_interactive = true;
    QString m_lastError;
};

} // namespace hookscope
