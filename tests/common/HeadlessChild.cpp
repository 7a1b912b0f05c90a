#include "HeadlessChild.h"

#include <QDeadlineTimer>
#include <QDir>
#include <QProcessEnvironment>
#include <QRegularExpression>

namespace hookscope::test {

HeadlessChild::HeadlessChild(const QString &dbPath, const QStringList &extra, const QString &home)
{
    if (!home.isEmpty()) {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), QDir(home).filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), QDir(home).filePath(QStringLiteral("data")));
        m_process.setProcessEnvironment(environment);
    }
    m_process.setProgram(QStringLiteral(HOOKSCOPE_BINARY));
    m_process.setArguments(QStringList{QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                                       QStringLiteral("--db"), dbPath}
                           + extra);
    m_process.start();
}

HeadlessChild::~HeadlessChild()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QByteArray HeadlessChild::line(int ms)
{
    QDeadlineTimer deadline(ms);
    while (!m_process.canReadLine() && !deadline.hasExpired()) {
        if (!m_process.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return m_process.canReadLine() ? m_process.readLine().chopped(1) : QByteArray();
}

quint16 HeadlessChild::readPort()
{
    m_firstLine = line();
    static const QRegularExpression re(QStringLiteral("^Listening on http://127\\.0\\.0\\.1:(\\d+)/$"));
    const auto match = re.match(QString::fromUtf8(m_firstLine));
    return match.hasMatch() ? quint16(match.captured(1).toUInt()) : 0;
}

} // namespace hookscope::test
