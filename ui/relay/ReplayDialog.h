#pragma once

#include "relay/OutgoingRequest.h"
#include "relay/ReplayResult.h"
#include "event/Event.h"
#include "trust/SignatureRule.h"

#include <optional>

#include <QDialog>

class QCheckBox;
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
    // The signature rule of the event's kind: offers "Sign again" (opt-in, per replay) when it
    // can sign (an HMAC scheme). Nothing: the request goes with the headers as edited.
    void setSigningRule(const std::optional<SignatureRule> &rule);
    void send();
    [[nodiscard]] QCheckBox *resignBox() const { return m_resign; }

    [[nodiscard]] QComboBox *urlCombo() const { return m_url; }
    [[nodiscard]] QTableWidget *headersTable() const { return m_headers; }
    [[nodiscard]] QPlainTextEdit *bodyEdit() const { return m_body; }
    [[nodiscard]] QPushButton *sendButton() const { return m_send; }
    [[nodiscard]] QPlainTextEdit *originalResponse() const { return m_original; }
    [[nodiscard]] QPlainTextEdit *targetResponse() const { return m_target; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QLabel *finalUrlLabel() const { return m_finalUrl; }

    [[nodiscard]] static QStringList urlHistory();

Q_SIGNALS:
    void replayed(const hookscope::ReplayResult &result);

private:
    void onFinished(const ReplayResult &result);
    void addHeaderRow(const QByteArray &name, const QByteArray &value);
    void rememberUrl(const QString &url);
    void resetToCaptured();
    void showFinalUrl();

    Event m_event;
    RequestReplayer *m_replayer;
    QComboBox *m_url;
    QTableWidget *m_headers;
    QPlainTextEdit *m_body;
    QLabel *m_bodyNote;
    QPushButton *m_send;
    QCheckBox *m_resign;
    std::optional<SignatureRule> m_signingRule;
    QLabel *m_status;
    QLabel *m_finalUrl = nullptr; // "Sends to http://…/webhooks/hooks/jicoo": the URL with the event's path
    QPlainTextEdit *m_original;
    QPlainTextEdit *m_target;
    bool m_binaryBody = false; // a body that is not text is sent as captured, not edited
};

} // namespace hookscope
