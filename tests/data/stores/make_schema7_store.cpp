// Wrote tests/data/stores/schema7.sqlite with the store code of commit cb166f7 (schema 7),
// before migration 8 (branch storecols). Kept for the record, not built: the API it calls
// has changed since. Every table has rows: events (a compressed body, a decoded body,
// trailers, an import, a refusal), event_info, event_trust, event_forward, event_answer,
// event_import, event_trailers, and one event_info row whose event was deleted (an orphan an
// enrichment result left behind, which migration 8 drops).
#include "store/EventStore.h"

#include <QCoreApplication>
#include <QFile>
#include <cstdio>

using namespace hookscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString path = QString::fromLocal8Bit(argv[1]);
    QFile::remove(path);
    EventStore store;
    QString error;
    if (!store.open(path, &error))
        return std::puts(qPrintable(error)), 1;
    store.begin();
    for (int n = 1; n <= 6; ++n) {
        Event e;
        e.receivedAtMs = 1'780'000'000'000 + n * 1000;
        e.remoteAddress = QStringLiteral("10.0.0.%1").arg(n);
        e.remotePort = quint16(40000 + n);
        e.method = "POST";
        e.target = "/hooks/" + QByteArray::number(n) + "?q=Frozen";
        e.headers = {{"Content-Type", "application/json"}, {"X-Seq", QByteArray::number(n)}};
        e.contentType = "application/json";
        e.body = R"({"n":)" + QByteArray::number(n) + R"(,"text":"Frozen Store"})";
        e.response.status = 200;
        e.response.headers = {{"Content-Length", "0"}};
        e.handlingUs = 100 + n;
        if (n == 2) { // compressed at rest (>= 16 KiB) with a decoded body too
            e.body = QByteArray(20000, 'z') + "NeedleInCompressed";
            e.decodedBody = QByteArray(17000, 'd') + "DecodedNeedle";
            e.headers.append(qMakePair(QByteArray("Content-Encoding"), QByteArray("gzip")));
        }
        if (n == 3) {
            e.trailers = {{"X-Checksum", "abc"}};
            e.forwardedFor = "203.0.113.9";
        }
        if (n == 4)
            e.importedAtMs = 1'790'000'000'000;
        if (n == 5) {
            e.rejection = QStringLiteral("missing endpoint token");
            e.response.status = 401;
            e.error = QStringLiteral("unauthorized");
        }
        if (n == 6) {
            e.decodeError = QStringLiteral("bad gzip");
            e.response.status = 0; // held, answered later
        }
        if (!store.insert(e, &error))
            return std::puts(qPrintable(error)), 1;
    }
    for (qint64 id = 1; id <= 5; ++id) {
        EventInfo info;
        info.id = id;
        info.kind = id % 2 ? QStringLiteral("callback-request") : QString();
        info.eventName = id % 2 ? QStringLiteral("Create") : QString();
        info.entityId = QStringLiteral("entity-%1").arg(id % 2);
        info.validity = id == 3 ? EventInfo::Validity::Invalid : id == 2 ? EventInfo::Validity::Unknown
                                                                         : EventInfo::Validity::Valid;
        info.violationCount = id == 3 ? 2 : 0;
        info.violationsJson = id == 3 ? R"([{"pointer":"/n","message":"bad","keyword":"type"}])" : "";
        info.languages = QStringLiteral("en nl");
        info.missingTranslations = int(id % 3);
        info.signature = id == 1 ? SignatureStatus::Valid : SignatureStatus::NotChecked;
        info.signatureReason = id == 1 ? QStringLiteral("hmac ok") : QString();
        store.saveInfo(info);
        store.setHandlingTime(id, 500 + id);
    }
    ForwardRecord forward;
    forward.id = 1;
    forward.url = QStringLiteral("http://127.0.0.1:3000/hooks");
    forward.forwardedAtMs = 1'780'000'001'500;
    forward.status = 202;
    forward.latencyUs = 1234;
    forward.responseHeaders = {{"X-App", "yes"}};
    forward.responseBody = "accepted";
    store.saveForward(forward);
    AnswerRecord answer;
    answer.id = 6;
    answer.source = AnswerSource::Click;
    answer.response.status = 409;
    answer.response.headers = {{"Content-Type", "text/plain"}};
    answer.response.body = "conflict";
    answer.afterMs = 2500;
    answer.presetId = QStringLiteral("conflict");
    store.saveAnswer(answer);
    if (!store.commit(&error))
        return std::puts(qPrintable(error)), 1;
    // An enrichment result that outlived its event: event 7 stored, enriched, deleted by hand
    // the way today's remove() cannot (event_info first, then the result arrives late).
    Event late;
    late.receivedAtMs = 1'780'000'009'000;
    late.method = "POST";
    late.target = "/late";
    late.response.status = 200;
    store.begin();
    store.insert(late, &error);
    store.commit(&error);
    if (!store.remove({late.id}, &error))
        return std::puts(qPrintable(error)), 1;
    EventInfo orphan;
    orphan.id = late.id;
    orphan.kind = QStringLiteral("callback-request");
    orphan.validity = EventInfo::Validity::Valid;
    store.saveInfo(orphan);
    store.checkpointWal(EventStore::CheckpointMode::Truncate);
    store.close();
    std::puts("written");
    return 0;
}
