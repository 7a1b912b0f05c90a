#pragma once

#include "ReceiverConfig.h"

#include <QObject>
#include <QString>
#include <QUrl>

class QTcpServer;

namespace hookscope {

class CaptureSink;

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

Q_SIGNALS:
    void listeningChanged(bool listening);
    void connectionLimitReached(int limit);

private:
    void onNewConnection();
    void onConnectionClosed();

    ReceiverConfig m_config;
    CaptureSink *m_sink; // not owned
    QTcpServer *m_server;
    QString m_error;
    int m_connections = 0;
    bool m_paused = false; // accepting paused at the connection cap
    bool m_announced = false; // see setOwnAddress
    QHostAddress m_ownBind; // what OwnAddresses was told while listening
    quint16 m_ownPort = 0;
};

} // namespace hookscope
