#pragma once

#include "RateMeter.h"

#include <QElapsedTimer>
#include <QWidget>

class QLabel;
class QTimer;

namespace hookscope {

class PublicUrlBox;

// The status bar's content: where the receiver listens (or why it does not), how many
// events the table holds, and events per second over the last few seconds.
class StatusBarPane final : public QWidget
{
    Q_OBJECT
public:
    explicit StatusBarPane(QWidget *parent = nullptr);

    void setListening(const QString &url);
    void setStopped(const QString &error = {});
    void setEventCount(int count);
    void recordEvents(int count);
    [[nodiscard]] QString listeningText() const;
    // The ngrok tunnel's public URL with a copy button; hidden when empty.
    void setPublicUrl(const QString &url);
    [[nodiscard]] PublicUrlBox *publicUrlBox() const { return m_publicUrl; }
    // A lasting warning that the receiver is reachable from other machines (empty: none).
    void setExposureWarning(const QString &text);
    [[nodiscard]] QString exposureText() const;
    // Why events are not being stored (full disk, …) or a notice about the store; empty clears.
    void setStoreProblem(const QString &text);
    [[nodiscard]] QString storeProblemText() const;
    // Enrichment's catch-up over stored events (EnrichmentService::catchUpProgress): shown
    // while done < total, hidden at the end.
    void setInspectionProgress(qint64 done, qint64 total);
    [[nodiscard]] QString inspectionText() const;
    // The event count and rate: MainWindow puts them in the status bar as a permanent widget, so
    // a passing message ("Copied …") covers the left part only, never the count (issue 24.28).
    [[nodiscard]] QWidget *countsWidget() const { return m_counts; }

private:
    void updateRate();

    QLabel *m_listening;
    QWidget *m_counts; // m_count and m_rate
    QLabel *m_count;
    QLabel *m_rate;
    QLabel *m_exposure;
    QLabel *m_store;
    QLabel *m_inspecting;
    QTimer *m_rateTimer;
    PublicUrlBox *m_publicUrl;
    QElapsedTimer m_clock;
    RateMeter m_meter;
};

} // namespace hookscope
