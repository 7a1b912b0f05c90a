#pragma once

#include "event/HttpMessage.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace hookscope {

// One captured request and what was answered. The unit that flows
// socket → parser → event → store → model → view.
struct Event
{
    qint64 id = 0; // store sequence id, 0 until committed
    qint64 receivedAtMs = 0; // UTC, first byte of the request
    QString remoteAddress;
    quint16 remotePort = 0;
    QByteArray forwardedFor; // X-Forwarded-For as sent (ngrok adds it)
    QByteArray forwardedProto;
    QByteArray forwardedHost;
    QByteArray method;
    QByteArray target; // path + query, as sent
    QByteArray httpVersion = "1.1";
    HeaderList headers;
    HeaderList trailers; // chunked trailer fields, apart from the head's (event_trailers)
    QByteArray body; // raw bytes, chunked framing removed, content-encoding kept
    std::optional<QByteArray> decodedBody; // set when Content-Encoding was decoded
    QString decodeError; // why a declared Content-Encoding could not be decoded
    QByteArray contentType;
    HttpResponse response;
    qint64 handlingUs = -1; // first byte → response written; -1 until known
    QString error; // the receiver's reason when it answered 4xx/5xx itself
    QString rejection; // set when the EndpointGuard refused it (401/404): why; stored in event_trust
    qint64 importedAtMs = 0; // UTC; set when the event came from an imported file, 0 when captured here
    // Who decided a held (or --respond) hook's answer, carried through export and import
    // (branch respond, issue 24): AnswerSource as an int, 0 when the receiver answered itself.
    int answerSource = 0;
    qint64 answerAfterMs = 0;
    QString answerPreset;
    // …and how (win24c, issue 24.9): AnswerVia as an int, the preset's name, the answer rule,
    // and whether the answer broke the kind's response schema.
    int answerVia = 0;
    QString answerPresetTitle;
    QString answerRule;
    bool answerInvalid = false;

    // The body as a person reads it: decoded when it was content-encoded.
    [[nodiscard]] const QByteArray &displayBody() const { return decodedBody ? *decodedBody : body; }
    // Sender: the first X-Forwarded-For address when present, else the peer.
    [[nodiscard]] QString sender() const;
    // Public URL of the request when a tunnel forwarded it (proto://host/target), else empty.
    [[nodiscard]] QString publicUrl() const;
};

} // namespace hookscope
