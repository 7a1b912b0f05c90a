#pragma once

#include "ResponsePreset.h"
#include "event/HttpMessage.h"

#include <QJsonValue>
#include <QString>

namespace hookscope {

// Fills a preset's template from the held request: "${arg}" → the argument (null when empty),
// "${request:/pointer}" → the request's value there (null when absent). Only whole string
// values are placeholders; other strings are kept as they are.
class AnswerBuilder final
{
public:
    AnswerBuilder() = delete;

    [[nodiscard]] static QJsonValue fill(const QJsonValue &templ, const QJsonValue &request, const QString &argument);
    // The argument a preset starts with: its default, itself filled from the request
    // ("${request:/customerRecordId}" → that id; a non-string value as compact JSON).
    [[nodiscard]] static QString defaultArgument(const ResponsePreset &preset, const QJsonValue &request);
    // The preset's body for this request, as compact JSON.
    [[nodiscard]] static QByteArray body(const ResponsePreset &preset, const QJsonValue &request, const QString &argument);
    [[nodiscard]] static HttpResponse response(const ResponsePreset &preset, const QJsonValue &request,
                                               const QString &argument);
    // status + Content-Type: application/json + body.
    [[nodiscard]] static HttpResponse jsonResponse(int status, const QByteArray &body);
    // The request body as JSON (null when it is not JSON).
    [[nodiscard]] static QJsonValue parseRequest(const QByteArray &body);
};

} // namespace hookscope
