#pragma once

#include <QObject>
#include <QProcess>
#include <QString>

namespace hookscope {

// Runs `ngrok http PORT` as a child process for the user, and stops it (terminate, then
// kill) when asked or when destroyed, so no tunnel outlives Hookscope.
class NgrokProcess final : public QObject
{
    Q_OBJECT
public:
    explicit NgrokProcess(QObject *parent = nullptr);
    ~NgrokProcess() override;

    // The ngrok executable: found on PATH unless set (tests point it at a stand-in).
    void setProgram(const QString &program) { m_program = program; }
    [[nodiscard]] QString program() const;
    [[nodiscard]] bool isAvailable() const { return !program().isEmpty(); }
    // What to tell a user who has no ngrok: plain text with where to get it.
    [[nodiscard]] static QString installHint();

    // Returns false with errorString() set when ngrok is missing or could not start.
    bool start(quint16 port);
    void stop();
    [[nodiscard]] bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    [[nodiscard]] qint64 processId() const { return m_process.processId(); }
    [[nodiscard]] QString errorString() const { return m_error; }
    // The last lines ngrok wrote (why it exited, e.g. a missing authtoken).
    [[nodiscard]] QString lastOutput() const { return m_output; }

Q_SIGNALS:
    void runningChanged(bool running);
    // ngrok ended by itself (not through stop()); `output` is what it said last.
    void exitedUnexpectedly(const QString &output);

private:
    void onFinished();

    QProcess m_process;
    QString m_program;
    QString m_error;
    QString m_output;
    bool m_stopping = false;
};

} // namespace hookscope
