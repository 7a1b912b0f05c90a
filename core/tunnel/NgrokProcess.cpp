#include "NgrokProcess.h"

#include "relay/RelayLog.h"

#include <QStandardPaths>

namespace hookscope {

namespace {
constexpr qsizetype kKeptOutput = 4096;
}

NgrokProcess::NgrokProcess(QObject *parent)
    : QObject(parent)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    connect(&m_process, &QProcess::readyRead, this, [this] {
        m_output += QString::fromUtf8(m_process.readAll());
        if (m_output.size() > kKeptOutput)
            m_output = m_output.right(kKeptOutput);
    });
    connect(&m_process, &QProcess::finished, this, &NgrokProcess::onFinished);
    connect(&m_process, &QProcess::started, this, [this] { Q_EMIT runningChanged(true); });
}

NgrokProcess::~NgrokProcess()
{
    stop();
}

QString NgrokProcess::program() const
{
    return m_program.isEmpty() ? QStandardPaths::findExecutable(QStringLiteral("ngrok")) : m_program;
}

QString NgrokProcess::installHint()
{
    return tr("ngrok was not found on your PATH. Install it from https://ngrok.com/download or with "
              "`snap install ngrok`, add your authtoken (`ngrok config add-authtoken TOKEN`), then try again.");
}

bool NgrokProcess::start(quint16 port)
{
    m_error.clear();
    if (isRunning())
        return true;
    const QString exe = program();
    if (exe.isEmpty()) {
        m_error = installHint();
        return false;
    }
    m_output.clear();
    m_stopping = false;
    // --log stdout keeps its messages readable for lastOutput(); the agent's API stays on
    // its default address, where the NgrokWatcher looks.
    m_process.start(exe, {QStringLiteral("http"), QString::number(port), QStringLiteral("--log"), QStringLiteral("stdout")});
    if (!m_process.waitForStarted(5000)) {
        m_error = tr("ngrok could not be started (%1): %2").arg(exe, m_process.errorString());
        return false;
    }
    qCInfo(lcTunnel).noquote() << "started" << exe << "http" << port;
    return true;
}

void NgrokProcess::stop()
{
    if (!isRunning())
        return;
    m_stopping = true;
    m_process.terminate();
    if (!m_process.waitForFinished(3000)) {
        m_process.kill();
        m_process.waitForFinished(2000);
    }
}

void NgrokProcess::onFinished()
{
    const bool expected = m_stopping;
    m_stopping = false;
    Q_EMIT runningChanged(false);
    if (!expected)
        Q_EMIT exitedUnexpectedly(m_output.trimmed());
}

} // namespace hookscope
