#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace hookscope {

// One attempt of a delivery: when it came, how long after the attempt before it, what it got.
struct DeliveryAttempt
{
    qint64 id = 0;
    qint64 receivedAtMs = 0;
    qint64 intervalMs = -1; // since the previous attempt; -1 for the first
    int status = 0;
    // A 2xx had already answered an earlier attempt: the vendor sent it again anyway, and the
    // user's side must not act on it twice.
    bool duplicate = false;
};

// The deliveries of one vendor event, oldest attempt first.
struct DeliveryGroup
{
    QString key;
    QString kind;
    QString entityId;
    QString version;
    bool byBody = false;
    QList<DeliveryAttempt> attempts;
    // An older version of its entity than one that arrived before it (an older updatedAt
    // after a newer one): `newerVersion` is that newer one.
    bool outOfOrder = false;
    QString newerVersion;

    [[nodiscard]] qint64 firstSeenMs() const { return attempts.isEmpty() ? 0 : attempts.constFirst().receivedAtMs; }
    [[nodiscard]] int duplicates() const;
    // The first attempt answered with a 2xx (1-based), 0 when none was.
    [[nodiscard]] int acceptedAt() const;
};

} // namespace hookscope
