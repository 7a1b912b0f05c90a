#pragma once

#include "ReceiverConfig.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QUrl>

class QTcpServer;
class QTimer;

namespace hookscope {

class BodyDecoder;
class CaptureSink;
class Connection;

// Listens on a TCP port and creates one Connection per accepted socket.
class Receiver final : public QObject
{
    Q_OBJECT
public:
    explicit Receiver(CaptureSink *sink, QObject *parent = nullptr);
    ~Receiver() override;

    void setConfig(const ReceiverConfig &config) { m_config = config; }
    [[nodiscard]] const ReceiverConfig &config() const { return m_config; }

    // The app's own receiver tells OwnAddresses where it listens while it does, so forward and
    // replay never send back to it (a loop); a receiver standing in for a target app in a test
    // does not. Set before start().
    void setOwnAddress(bool own) { m_announced = own; }
    // Starts listening; on failure errorString() says why in one line that a user can act on.
    bool start();
    void stop();

    [[nodiscard]] bool isListening() const;
    [[nodiscard]] quint16 port() const;
    [[nodiscard]] QUrl url() const; // http://ADDR:PORT/
    [[nodiscard]] QString errorString() const { return m_error; }
    [[nodiscard]] int connectionCount() const { return m_connections; }
    // Idle connections closed at the cap to admit new ones.
    [[nodiscard]] int evictedCount() const { return m_evicted; }
    // Some connection is idle (Connection::isIdle): at the cap it would make room for a new one.
    [[nodiscard]] bool hasIdleConnection() const;
    // Null before the first start().
    [[nodiscard]] const BodyDecoder *decoder() const { return m_decoder; }

Q_SIGNALS:
    void listeningChanged(bool listening);
    void connectionLimitReached(int limit);

private:
    void onNewConnection();
    void onConnectionClosed();
    void onConnectionIdle();
    void onAcceptError();
    // Closes the idle connection that waited longest, silent ones first; false when none is idle.
    bool evictIdleConnection();
    // Hands memory freed by a large connection or decode back to the system (glibc keeps
    // freed memory of other threads' arenas otherwise), at most once per turn of a timer.
    void scheduleTrim();

    ReceiverConfig m_config;
    CaptureSink *m_sink; // not owned
    QTcpServer *m_server;
    BodyDecoder *m_decoder = nullptr; // made by the first start()
    QTimer *m_trimTimer;
    QString m_error;
    int m_connections = 0;
    int m_evicted = 0;
    bool m_paused = false; // accepting paused at the connection cap
    QElapsedTimer m_capLogged; // when reaching the cap was last logged
    bool m_announced = false; // see setOwnAddress
    QHostAddress m_ownBind; // what OwnAddresses was told while listening
    quint16 m_ownPort = 0;
};

} // namespace hookscope
