#pragma once

// Real store files with real damage: a store filled through EventStore, then bytes flipped in
// the file where SQLite keeps one event (tst_storehealth, tst_exportdamage).
#include "store/EventStore.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QtTest>

namespace hookscope::test {

constexpr int kPageSize = 4096; // SQLite's default, which the store keeps

inline QByteArray markerOf(int n)
{
    return QStringLiteral("EVENT-%1-MARKER").arg(n, 5, 10, QLatin1Char('0')).toLatin1();
}

// Event n: a small JSON body with its marker; every 10th a 34 KiB one (stored compressed).
inline QByteArray bodyOf(int n)
{
    if (n % 10 != 0)
        return "{\"n\":" + QByteArray::number(n) + ",\"marker\":\"" + markerOf(n) + "\",\"text\":\"" + QByteArray(300, 'x')
            + "\"}";
    QByteArray pad;
    for (int k = 0; k < 2000; ++k)
        pad += (k ? "," : "") + QByteArray("\"PAD-") + QByteArray::number(n) + '-' + QByteArray::number(k * 7919 % 10007) + '"';
    return "{\"n\":" + QByteArray::number(n) + ",\"pad\":[" + pad + "]}";
}

inline QByteArray violationsOf(int n)
{
    return "[{\"pointer\":\"/n\",\"message\":\"VIOLATION-" + QByteArray::number(n) + "\",\"keyword\":\"type\"}]";
}

// `count` events, ids 1..count; events 5, 15, 25… have a validation result with a violation.
inline void fillStore(const QString &path, int count)
{
    EventStore store;
    QString error;
    QVERIFY2(store.open(path, &error), qPrintable(error));
    QVERIFY(store.begin());
    for (int n = 1; n <= count; ++n) {
        Event e;
        e.receivedAtMs = 1700000000000 + n;
        e.method = "POST";
        e.target = "/hook/" + QByteArray::number(n);
        e.httpVersion = "1.1";
        e.headers = {{"Content-Type", "application/json"}};
        e.contentType = "application/json";
        e.body = bodyOf(n);
        e.response.status = 200;
        QVERIFY2(store.insert(e, &error), qPrintable(error));
        if (n % 10 == 5) {
            EventInfo info;
            info.id = e.id;
            info.kind = QStringLiteral("test.kind");
            info.validity = EventInfo::Validity::Invalid;
            info.violationCount = 1;
            info.violationsJson = violationsOf(n);
            QVERIFY(store.saveInfo(info));
        }
    }
    QVERIFY2(store.commit(&error), qPrintable(error));
    QVERIFY(store.checkpointWal(EventStore::CheckpointMode::Truncate).complete);
}

inline QByteArray fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

inline QByteArray sha256(const QString &path)
{
    return QCryptographicHash::hash(fileBytes(path), QCryptographicHash::Sha256).toHex();
}

inline bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// SQLite's variable-length integer at data[at].
inline qint64 varint(const QByteArray &data, qsizetype at)
{
    qint64 value = 0;
    for (int i = 0; i < 9; ++i) {
        const quint8 byte = quint8(data.at(at + i));
        if (i == 8)
            return (value << 8) | byte;
        value = (value << 7) | (byte & 0x7F);
        if (!(byte & 0x80))
            return value;
    }
    return value;
}

// Flips the cell pointers of the first three cells of the table leaf page that holds event n's
// record (as a disk error would): SQLite can no longer find those cells. Returns the ids
// of the records they led to; empty when the page was not where expected.
inline QList<qint64> damageCellsNear(const QString &path, int n)
{
    QByteArray data = fileBytes(path);
    const qsizetype at = data.indexOf(markerOf(n));
    if (at < 0)
        return {};
    const qsizetype page = at / kPageSize * kPageSize;
    if (quint8(data.at(page)) != 0x0D) // a table b-tree leaf
        return {};
    QList<qint64> ids;
    for (int c = 0; c < 3; ++c) {
        const qsizetype pointer = page + 8 + 2 * c;
        const int offset = (quint8(data.at(pointer)) << 8) | quint8(data.at(pointer + 1));
        qsizetype cell = page + offset;
        while (quint8(data.at(cell)) & 0x80) // the payload size, then the rowid
            ++cell;
        ids.append(varint(data, cell + 1));
        data[pointer] = char(data.at(pointer) ^ 0xFF);
        data[pointer + 1] = char(data.at(pointer + 1) ^ 0xFF);
    }
    return writeBytes(path, data) ? ids : QList<qint64>();
}

// Flips one byte in the middle of event n's compressed body (n a multiple of 10): zlib refuses it.
inline bool damageCompressedBodyOf(const QString &path, int n)
{
    QByteArray stored;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("find-body"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(QStringLiteral("SELECT body FROM events WHERE id = %1 AND body_encoding = 1").arg(n)) && q.next())
                stored = q.value(0).toByteArray();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("find-body"));
    QByteArray data = fileBytes(path);
    for (qsizetype probe = stored.size() / 2; probe + 32 < stored.size(); probe += 97) {
        const QByteArray chunk = stored.mid(probe, 32);
        const qsizetype at = data.indexOf(chunk);
        if (at >= 0 && data.indexOf(chunk, at + 1) < 0) {
            data[at + 16] = char(data.at(at + 16) ^ 0x55);
            return writeBytes(path, data);
        }
    }
    return false;
}

// One bit of event n's stored violations ("[" becomes "{"): no longer JSON.
inline bool damageViolationsOf(const QString &path, int n)
{
    QByteArray data = fileBytes(path);
    const qsizetype at = data.indexOf(violationsOf(n));
    if (at < 0)
        return false;
    data[at] = char(data.at(at) ^ 0x20);
    return writeBytes(path, data);
}

} // namespace hookscope::test
