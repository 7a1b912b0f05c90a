#pragma once

#include "store/DeliveryGroup.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace hookscope {

class EventStore;

// A delivery's attempts side by side (issue 26): one column per attempt, rows for when it came,
// the interval since the attempt before, the answer it got, its flags, and how its body differs
// from the first attempt's (JsonDiff: the changed pointers; bytes compared for other bodies).
class DeliveryAttemptsView final : public QWidget
{
    Q_OBJECT
public:
    enum Row { Received, Interval, Answer, Flags, Body, RowCount };
    static constexpr int kMaxColumns = 20; // a longer schedule shows its first 20 attempts

    explicit DeliveryAttemptsView(QWidget *parent = nullptr);

    // `store` (not owned, may be null) reads the bodies.
    void showGroup(const DeliveryGroup &group, const EventStore *store);
    void clear();
    [[nodiscard]] QTableWidget *table() const { return m_table; }

Q_SIGNALS:
    void attemptChosen(qint64 eventId);

private:
    [[nodiscard]] static QString bodyDifference(const QByteArray &first, const QByteArray &body);

    QLabel *m_title;
    QTableWidget *m_table;
    QList<qint64> m_ids; // per column
};

} // namespace hookscope
