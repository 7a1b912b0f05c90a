#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace hookscope {

// Polls the ngrok agent's local API (GET <api>/api/tunnels) and publishes the public URL
// of the tunnel that points at our port. No agent, no tunnel, a slow agent or an answer
// that is not understood all mean "no public URL": a debug line, never an error.
class NgrokWatcher final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 2000;
    static constexpr int kDefaultTimeoutMs = 1500;
    [[nodiscard]] static QUrl defaultApi() { return QUrl(QStringLiteral("http://127.0.0.1:4040")); }

    explicit NgrokWatcher(QObject *parent = nullptr);
    ~NgrokWatcher() override;

    // The agent's address (scheme, host, port); /api/tunnels is appended.
    void setApi(const QUrl &api) { m_api = api; }
    [[nodiscard]] QUrl api() const { return m_api; }
    // The port tunnels must point at; changing it re-polls at once.
    void setPort(quint16 port);
    [[nodiscard]] quint16 port() const { return m_port; }
    void setIntervalMs(int ms);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }

    void start(); // polls at once, then every interval
    void stop(); // and forgets the URL
    [[nodiscard]] bool isRunning() const;
    // Asks the agent now (a poll in flight is left to finish).
    void poll();

    [[nodiscard]] QString publicUrl() const { return m_publicUrl; }
    // Why the last poll found no URL ("agent not running", "timeout", "not JSON …"); empty after a good answer.
    [[nodiscard]] QString lastProblem() const { return m_problem; }

Q_SIGNALS:
    // Empty when the tunnel went away.
    void publicUrlChanged(const QString &url);
    // After every answered or failed poll (tests wait on it).
    void polled();

private:
    void onFinished(QNetworkReply *reply);
    void setPublicUrl(const QString &url);

    QNetworkAccessManager *m_network;
    QTimer *m_timer;
    QPointer<QNetworkReply> m_reply;
    QUrl m_api = defaultApi();
    quint16 m_port = 0;
    int m_timeoutMs = kDefaultTimeoutMs;
    QString m_publicUrl;
    QString m_problem;
};

} // namespace hookscope
