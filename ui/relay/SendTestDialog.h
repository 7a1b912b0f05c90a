#pragma once

#include "event/Event.h"
#include "trust/SignatureRule.h"

#include <QDialog>

#include <functional>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace hookscope {

class KindCatalog;
class TestSender;

// "Send test event…": sends a kind's sample (or the selected captured event) to the user's app
// as its vendor would — overrides (/pointer=value, one a line), signed with the kind's rule,
// N times, or followed by one schema-breaking variant per documented constraint — and shows
// each answer's status, latency and body, and for a synchronous kind whether the answer fits
// its response schema. Sending is asynchronous (TestSender): the window never waits.
class SendTestDialog final : public QDialog
{
    Q_OBJECT
public:
    enum Column { VariantColumn, StatusColumn, LatencyColumn, VerdictColumn, ColumnCount };
    // The signature rule in force for a kind id (Settings -> Secrets and signatures).
    using RuleLookup = std::function<std::optional<SignatureRule>(const QString &kindId)>;

    explicit SendTestDialog(std::shared_ptr<const KindCatalog> catalog, QWidget *parent = nullptr);
    ~SendTestDialog() override;

    // Offers the captured event (of kindId; empty: unknown kind) as the first source, selected.
    void setCapturedEvent(const Event &event, const QString &kindId);
    void setRuleLookup(RuleLookup lookup);
    void setUrl(const QString &url);
    // Selects the source of this kind id (vendor-qualified or not); false when there is none.
    bool selectKind(const QString &kindId);
    void send();

    [[nodiscard]] QComboBox *sourceCombo() const { return m_source; }
    [[nodiscard]] QComboBox *urlCombo() const { return m_url; }
    [[nodiscard]] QPlainTextEdit *overridesEdit() const { return m_overrides; }
    [[nodiscard]] QCheckBox *signBox() const { return m_sign; }
    [[nodiscard]] QSpinBox *countBox() const { return m_count; }
    [[nodiscard]] QCheckBox *invalidBox() const { return m_invalid; }
    [[nodiscard]] QPushButton *sendButton() const { return m_send; }
    [[nodiscard]] QTableWidget *resultsTable() const { return m_results; }
    [[nodiscard]] QPlainTextEdit *answerView() const { return m_answer; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }

    [[nodiscard]] static QStringList urlHistory();

Q_SIGNALS:
    void allSent();

private:
    void onSourceChanged();
    void onDelivered(int index);
    void onFinished();
    void showAnswer();
    void fail(const QString &text);

    std::shared_ptr<const KindCatalog> m_catalog;
    std::optional<Event> m_event;
    QString m_eventKind;
    RuleLookup m_rules;
    TestSender *m_sender; // child
    QComboBox *m_source;
    QComboBox *m_url;
    QPlainTextEdit *m_overrides;
    QCheckBox *m_sign;
    QSpinBox *m_count;
    QCheckBox *m_invalid;
    QPushButton *m_send;
    QLabel *m_status;
    QTableWidget *m_results;
    QPlainTextEdit *m_answer;
    QString m_answerKind;
};

} // namespace hookscope
