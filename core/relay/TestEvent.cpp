#include "TestEvent.h"

#include "schema/JsonPointer.h"
#include "schema/Kind.h"
#include "schema/KindCatalog.h"
#include "trust/SignaturePresets.h"

#include <QDateTime>
#include <QFile>
#include <QUuid>

#include <nlohmann/json.hpp>

namespace hookscope {

namespace {
using Doc = nlohmann::ordered_json; // the sample keeps its member order

std::optional<Doc> parse(const QByteArray &text)
{
    try {
        Doc doc = Doc::parse(text.constBegin(), text.constEnd(), nullptr, false);
        if (!doc.is_discarded())
            return doc;
    } catch (const nlohmann::json::exception &) {
        // a number beyond a double: not a body this command edits
    }
    return std::nullopt;
}
} // namespace

std::optional<BodyOverride> TestEvent::parseOverride(const QString &text, QString *error)
{
    const qsizetype eq = text.indexOf(u'=');
    if (eq < 0) {
        *error = QStringLiteral("'%1': expected /pointer=value").arg(text);
        return std::nullopt;
    }
    const QString pointer = text.left(eq);
    if (pointer.isEmpty() || !JsonPointer::isValid(pointer)) {
        *error = QStringLiteral("'%1': '%2' is not a JSON pointer to a member (such as /data/status)").arg(text, pointer);
        return std::nullopt;
    }
    const QByteArray valueText = text.mid(eq + 1).toUtf8();
    const std::optional<Doc> value = valueText.trimmed().isEmpty() ? std::nullopt : parse(valueText);
    return BodyOverride{pointer, QByteArray::fromStdString((value ? *value : Doc(valueText.toStdString())).dump())};
}

bool TestEvent::applyOverrides(QByteArray *body, const QList<BodyOverride> &overrides, QString *error)
{
    if (overrides.isEmpty())
        return true;
    std::optional<Doc> doc = parse(*body);
    if (!doc) {
        *error = QStringLiteral("the body is not JSON, so --set cannot change it");
        return false;
    }
    for (const BodyOverride &o : overrides) {
        const std::optional<QStringList> tokens = JsonPointer::tokens(o.pointer);
        const std::optional<Doc> value = parse(o.value);
        if (!tokens || tokens->isEmpty() || !value) {
            *error = QStringLiteral("%1: not a pointer to a member").arg(o.pointer);
            return false;
        }
        Doc *parent = &*doc;
        for (qsizetype i = 0; i + 1 < tokens->size(); ++i) {
            const std::string token = tokens->at(i).toStdString();
            if (parent->is_object() && parent->contains(token)) {
                parent = &(*parent)[token];
            } else if (const auto index = JsonPointer::arrayIndex(tokens->at(i));
                       parent->is_array() && index && std::size_t(*index) < parent->size()) {
                parent = &(*parent)[std::size_t(*index)];
            } else {
                *error = QStringLiteral("%1: there is no %2 in the body").arg(o.pointer, JsonPointer::fromTokens(tokens->first(i + 1)));
                return false;
            }
        }
        const QString last = tokens->last();
        if (parent->is_object()) {
            (*parent)[last.toStdString()] = *value;
        } else if (parent->is_array()) {
            const auto index = JsonPointer::arrayIndex(last);
            if (last == QLatin1String("-")) {
                parent->push_back(*value);
            } else if (index && std::size_t(*index) < parent->size()) {
                (*parent)[std::size_t(*index)] = *value;
            } else {
                *error = QStringLiteral("%1: index %2 is beyond the array's %3 items").arg(o.pointer, last).arg(parent->size());
                return false;
            }
        } else {
            *error = QStringLiteral("%1: %2 is a %3, not an object or array")
                         .arg(o.pointer, JsonPointer::fromTokens(tokens->first(tokens->size() - 1)),
                              QString::fromUtf8(parent->type_name()));
            return false;
        }
    }
    *body = QByteArray::fromStdString(doc->dump(2)) + '\n';
    return true;
}

QByteArray TestEvent::sampleBody(const Kind &kind, const QString &samplesDir, QString *error)
{
    const QString file = !kind.sampleFile.isEmpty() ? kind.sampleFile
                                                     : samplesDir + u'/' + kind.id + QStringLiteral(".json");
    QFile in(file);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the kind %1 has no sample (%2: %3)").arg(kind.qualifiedId(), file, in.errorString());
        return {};
    }
    // A sample is a file of the (possibly user's) kinds folder: bounded like a body.
    constexpr qint64 kMaxSample = 16 * 1024 * 1024;
    if (in.size() > kMaxSample) {
        *error = QStringLiteral("the sample %1 is larger than 16 MiB").arg(file);
        return {};
    }
    QByteArray body = in.readAll();
    if (body.isEmpty())
        *error = QStringLiteral("the sample %1 is empty").arg(file);
    return body;
}

OutgoingRequest TestEvent::request(const QByteArray &body)
{
    OutgoingRequest r;
    r.headers = {{"Content-Type", "application/json"}, {"User-Agent", "Hookscope-Send/1"}};
    r.body = body;
    return r;
}

std::optional<SignatureRule> TestEvent::signingRule(const KindCatalog &catalog, const Kind &kind, const QString &preset,
                                                    const QByteArray &secret, QString *error)
{
    QString name = preset;
    if (name.isEmpty()) {
        const Pack *pack = kind.pack.isEmpty() ? nullptr : catalog.pack(kind.pack);
        name = pack ? pack->signature : QString();
        if (name.isEmpty()) {
            *error = QStringLiteral("the kind %1 names no signature scheme (its vendor documents none): give one with --scheme")
                         .arg(kind.qualifiedId());
            return std::nullopt;
        }
    }
    const SignaturePresets::Preset *found = SignaturePresets::find(name);
    if (!found) {
        *error = QStringLiteral("no signature scheme '%1' (schemes: %2)").arg(name, SignaturePresets::names().join(QStringLiteral(", ")));
        return std::nullopt;
    }
    SignatureRule rule;
    SignaturePresets::apply(*found, &rule);
    rule.kind = kind.id;
    rule.secret = secret;
    if (rule.isPublicKey()) {
        *error = QStringLiteral("%1 signs with its own private key (%2): nobody else can make its signature")
                     .arg(found->vendor, SignatureScheme::algorithmName(rule.algorithm).toUpper());
        return std::nullopt;
    }
    if (secret.trimmed().isEmpty()) {
        *error = QStringLiteral("signing as %1 needs its secret (--secret FILE)").arg(found->name);
        return std::nullopt;
    }
    return rule;
}

bool TestEvent::sign(OutgoingRequest *request, const SignatureRule &rule, const QUrl &to, QString *error)
{
    if (!rule.idHeader.isEmpty()) {
        // A fresh delivery id: the receiver's duplicate check must not take a test for a retry.
        const QByteArray id = "msg_" + QUuid::createUuid().toByteArray(QUuid::Id128);
        bool replaced = false;
        for (auto &[name, value] : request->headers) {
            if (name.compare(rule.idHeader, Qt::CaseInsensitive) == 0) {
                value = id;
                replaced = true;
            }
        }
        if (!replaced)
            request->headers.append({rule.idHeader, id});
    }
    return request->resign(rule, to, QDateTime::currentSecsSinceEpoch(), error);
}

} // namespace hookscope
