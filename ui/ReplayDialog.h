#pragma once

#include "relay/OutgoingRequest.h"
#include "relay/ReplayResult.h"
#include "store/Event.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace hookscope {

class RequestReplayer;

// Sends a captured event again to a URL (the last one used by default), as it came or
// after editing its headers and body, and shows the target's response beside the one
// Hookscope originally answered. Sending is asynchronous: the window never waits.
// The URL history lives in QSettings (replay/urls, most recent first).
class ReplayDialog final : public QDialog
{
    Q_OBJECT
public:
    static constexpr int kHistorySize = 10;

    explicit ReplayDialog(const Event &event, QWidget *parent = nullptr);
    ~ReplayDialog() override;

    // The request as edited now.
    [[nodiscard]] OutgoingRequest request() const;
    [[nodiscard]] QUrl url() const;
    void setUrl(const QString &url);
    void setTimeoutMs(int ms);
    void send();

    [[nodiscard]] QComboBox *urlCombo() const { return m_url; }
    [[nodiscard]] QTableWidget *headersTable() const { return m_headers; }
    [[nodiscard]] QPlainTextEdit *bodyEdit() const { return m_body; }
    [[nodiscard]] QPushButton *sendButton() const { return m_send; }
    [[nodiscard]] QPlainTextEdit *originalResponse() const { return m_original; }
    [[nodiscard]] QPlainTextEdit *targetResponse() const { return m_target; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

    [[nodiscard]] static QStringList urlHistory();

Q_SIGNALS:
    void replayed(const hookscope::ReplayResult &result);

private:
    void onFinished(const ReplayResult &result);
    void addHeaderRow(const QByteArray &name, const QByteArray &value);
    void rememberUrl(const QString &url);
    void resetToCaptured();

    Event m_event;
    RequestReplayer *m_replayer;
    QComboBox *m_url;
    QTableWidget *m_headers;
    QPlainTextEdit *m_body;
    QLabel *m_bodyNote;
    QPushButton *m_send;
    QLabel *m_status;
    QPlainTextEdit *m_original;
    QPlainTextEdit *m_target;
    bool m_binaryBody = false; // a body that is not text is sent as captured, not edited
};

} // namespace hookscope
