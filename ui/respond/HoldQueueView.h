#pragma once

#include "hold/HoldDesk.h"

#include <QWidget>

class QLabel;
class QListWidget;
class QTimer;

namespace hookscope {

// The hooks that wait for an answer, oldest first, each with its own countdown ("#29 · 7 s").
// The Respond panel answers one of them; clicking another makes it the one answered. Shows
// "2 waiting" over the list; the list itself only appears when more than one hook waits.
class HoldQueueView final : public QWidget
{
    Q_OBJECT
public:
    explicit HoldQueueView(QWidget *parent = nullptr);

    void setQueue(const QList<HeldRequest> &waiting, qint64 answering);
    [[nodiscard]] int count() const { return int(m_waiting.size()); }
    [[nodiscard]] QString summary() const;
    [[nodiscard]] QListWidget *list() const { return m_list; }
    // The text of one entry, e.g. "#29  before-book-appointment  ·  7 s left".
    [[nodiscard]] static QString entryText(const HeldRequest &request, qint64 nowMs);

Q_SIGNALS:
    void chosen(qint64 id);

private:
    void refresh();

    QList<HeldRequest> m_waiting;
    qint64 m_answering = 0;
    QLabel *m_summary;
    QListWidget *m_list;
    QTimer *m_tick;
};

} // namespace hookscope
