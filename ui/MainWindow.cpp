#include "MainWindow.h"

#include "http/Receiver.h"
#include "store/EventRecorder.h"

#include <QLabel>
#include <QStatusBar>

namespace hookscope {

MainWindow::MainWindow(const AppOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_recorder(new EventRecorder(this))
    , m_receiver(new Receiver(m_recorder, this))
{
    setWindowTitle(QStringLiteral("Hookscope"));
    QString error;
    const QString path = options.dbPath.isEmpty() ? EventStore::defaultPath() : options.dbPath;
    if (!m_recorder->open(path, &error, options.sync)) {
        statusBar()->showMessage(error);
        return;
    }
    m_receiver->setConfig(options.receiver);
    statusBar()->showMessage(m_receiver->start() ? m_receiver->url().toString() : m_receiver->errorString());
}

MainWindow::~MainWindow() = default;

} // namespace hookscope
