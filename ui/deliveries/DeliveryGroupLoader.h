#pragma once

#include "store/DeliveryGroup.h"
#include "store/EventStore.h"

#include <QList>
#include <QObject>
#include <QString>

namespace hookscope {

class EventRecorder;

// The grouped view's work off the GUI thread (it lives on DeliveriesSwitch's worker thread):
// keys the enriched events that have none yet (an older store gets them here, on demand, a
// batch at a time, written through the recorder's writer connection), then reads every key and
// groups them. One load at a time; the result comes back with `loaded`.
class DeliveryGroupLoader final : public QObject
{
    Q_OBJECT
public:
    // `recorder` (not owned) writes the keys through the store's one writer connection.
    explicit DeliveryGroupLoader(EventRecorder *recorder);

    // Runs on the loader's thread (a queued call).
    void load(const QString &storePath);

Q_SIGNALS:
    void loaded(const QList<hookscope::DeliveryGroup> &groups, int newlyKeyed);
    void failed(const QString &reason);

private:
    EventRecorder *m_recorder; // not owned
    EventStore m_store; // this thread's read connection
    QString m_path;
};

} // namespace hookscope
