#pragma once

#include "app/SampleEvents.h"
#include "hold/HoldPolicy.h"

#include <QFrame>
#include <QHash>
#include <QUrl>

#include <functional>

class QAbstractScrollArea;
class QAction;
class QLabel;
class QLineEdit;
class QMenu;
class QPushButton;
class QVBoxLayout;

namespace hookscope {

// "How to start", laid over the empty event table: the URL to send webhooks to (with a copy
// button), the ngrok command line for this port (with a copy button) and "send a sample" buttons
// (a menu per vendor pack), which POST a kind's sample to our own receiver so it travels the
// real path. Hidden as soon as there is an event; back when the table is emptied.
class FirstRunPanel final : public QFrame
{
    Q_OBJECT
public:
    explicit FirstRunPanel(QWidget *parent = nullptr);

    // Lays the panel over area's viewport and keeps it sized to it.
    void attachTo(QAbstractScrollArea *area);
    // vendorTitles: pack id -> the vendor's name, for the per-vendor menus.
    void setSamples(const QList<SampleEvent> &samples, const QHash<QString, QString> &vendorTitles = {});
    // How a kind is held (the session's policy, asked whenever the panel shows): a held sample
    // says so, and a note explains what will happen (issue 24.21).
    void setHoldRules(std::function<HoldRule(const QString &kind)> ruleOf);
    // An invalid url: the receiver is stopped (samples cannot be sent).
    void setReceiver(const QUrl &url);
    // Shown while the table is empty, once the stored history is known.
    void setEventCount(int count);
    void setHistoryLoaded();

    [[nodiscard]] QList<QPushButton *> sampleButtons() const { return m_sampleButtons; }
    // The entries of the vendors' menus ("sample:<kind id>").
    [[nodiscard]] QList<QAction *> sampleActions() const { return m_sampleActions; }
    [[nodiscard]] QLineEdit *urlEdit() const { return m_url; }
    [[nodiscard]] QLineEdit *ngrokEdit() const { return m_ngrok; }
    [[nodiscard]] QLabel *statusLabel() const { return m_status; }
    [[nodiscard]] QLabel *heldNote() const { return m_heldNote; }
    // Every sample, for File ▸ Send a Sample (there after the first event too).
    [[nodiscard]] QMenu *samplesMenu() const { return m_samplesMenu; }

Q_SIGNALS:
    void copyRequested(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void updateVisibility();
    void addSampleButton(QPushButton *button);
    void send(const SampleEvent &sample);
    void onSampleSent(const QString &kindId, int status, const QString &error);
    void markHeldSamples();

    SamplePoster *m_poster; // child
    QLineEdit *m_url;
    QLineEdit *m_ngrok;
    QPushButton *m_copyUrl;
    QPushButton *m_copyNgrok;
    QVBoxLayout *m_sampleLayout;
    QLabel *m_status;
    QLabel *m_heldNote;
    QMenu *m_samplesMenu; // child
    std::function<HoldRule(const QString &)> m_ruleOf;
    QList<QPushButton *> m_sampleButtons;
    QList<QAction *> m_sampleActions; // owned by the buttons' menus
    QList<SampleEvent> m_samples;
    QUrl m_receiverUrl;
    int m_count = 0;
    bool m_historyLoaded = false;
};

} // namespace hookscope
