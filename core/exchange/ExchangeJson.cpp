#include "ExchangeJson.h"

#include "util/JsonNesting.h"

#include <QDateTime>

namespace hookscope::exchange {

bool isUtf8(const QByteArray &bytes)
{
    const auto *p = reinterpret_cast<const unsigned char *>(bytes.constData());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        unsigned int min = 0;
        unsigned int code = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            min = 0x80;
            code = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            min = 0x800;
            code = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            min = 0x10000;
            code = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false; // cut short
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (cc & 0x3F);
        }
        if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

nlohmann::ordered_json bytesToJson(const QByteArray &bytes)
{
    if (isUtf8(bytes))
        return toStd(bytes);
    return nlohmann::ordered_json{{"base64", toStd(bytes.toBase64())}};
}

namespace {
bool fromBase64(const nlohmann::ordered_json &value, QByteArray *bytes, QString *error)
{
    if (!value.is_string()) {
        *error = QStringLiteral("\"base64\" is not a string");
        return false;
    }
    const std::string &text = value.get_ref<const std::string &>();
    const auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromStdString(text),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) {
        *error = QStringLiteral("\"base64\" is not valid base64");
        return false;
    }
    *bytes = *decoded;
    return true;
}

constexpr int kMaxJsonDepth = 200;

// Serialisations a sender is likely to have produced; the first one that gives back the
// exact bytes is kept.
constexpr int kIndents[] = {-1, 2, 4};
} // namespace

bool bytesFromJson(const nlohmann::ordered_json &value, QByteArray *bytes, QString *error)
{
    if (value.is_string()) {
        *bytes = QByteArray::fromStdString(value.get_ref<const std::string &>());
        if (bytes->isNull())
            *bytes = QByteArray("");
        return true;
    }
    if (value.is_object() && value.size() == 1 && value.contains("base64"))
        return fromBase64(value.at("base64"), bytes, error);
    *error = QStringLiteral("is neither a string nor {\"base64\": …}");
    return false;
}

nlohmann::ordered_json bodyToJson(const QByteArray &body)
{
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    out["size"] = body.size();
    const char first = body.isEmpty() ? '\0' : body.front();
    if ((first == '{' || first == '[') && jsonNestingDepth(body, kMaxJsonDepth) <= kMaxJsonDepth) {
        nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(body.cbegin(), body.cend(), nullptr, false);
        if (!parsed.is_discarded()) {
            for (const int indent : kIndents) {
                if (parsed.dump(indent) == std::string_view(body.constData(), size_t(body.size()))) {
                    out["encoding"] = "json";
                    out["indent"] = indent < 0 ? 0 : indent;
                    out["json"] = std::move(parsed);
                    return out;
                }
            }
        }
    }
    if (isUtf8(body)) {
        out["encoding"] = "text";
        out["text"] = toStd(body);
    } else {
        out["encoding"] = "base64";
        out["base64"] = toStd(body.toBase64());
    }
    return out;
}

bool bodyFromJson(const nlohmann::ordered_json &value, QByteArray *body, QString *error)
{
    if (!value.is_object()) {
        *error = QStringLiteral("is not an object");
        return false;
    }
    const auto encoding = value.find("encoding");
    if (encoding == value.end() || !encoding->is_string()) {
        *error = QStringLiteral("has no \"encoding\"");
        return false;
    }
    const std::string &name = encoding->get_ref<const std::string &>();
    const char *member = name == "json" ? "json" : name == "text" ? "text" : name == "base64" ? "base64" : nullptr;
    if (!member) {
        *error = QStringLiteral("has an unknown \"encoding\" \"%1\"").arg(QString::fromStdString(name));
        return false;
    }
    const auto content = value.find(member);
    if (content == value.end()) {
        *error = QStringLiteral("has no \"%1\"").arg(QLatin1String(member));
        return false;
    }
    if (name == "json") {
        int indent = -1;
        if (const auto i = value.find("indent"); i != value.end()) {
            if (!i->is_number_integer() || i->get<int>() < 0 || i->get<int>() > 16) {
                *error = QStringLiteral("has an \"indent\" that is not a small whole number");
                return false;
            }
            indent = i->get<int>() == 0 ? -1 : i->get<int>();
        }
        *body = QByteArray::fromStdString(content->dump(indent));
    } else if (name == "text") {
        if (!content->is_string()) {
            *error = QStringLiteral("\"text\" is not a string");
            return false;
        }
        *body = QByteArray::fromStdString(content->get_ref<const std::string &>());
    } else if (!fromBase64(*content, body, error)) {
        return false;
    }
    if (const auto size = value.find("size"); size != value.end()) {
        if (!size->is_number_integer() || size->get<qint64>() != body->size()) {
            *error = QStringLiteral("has %1 bytes, but \"size\" says %2")
                         .arg(body->size())
                         .arg(QString::fromStdString(size->dump()));
            return false;
        }
    }
    return true;
}

QString isoTime(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool parseIsoTime(const QString &text, qint64 *msSinceEpoch)
{
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    if (!time.isValid())
        return false;
    *msSinceEpoch = time.toMSecsSinceEpoch();
    return true;
}

} // namespace hookscope::exchange
