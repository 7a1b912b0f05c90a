#pragma once

#include "OutgoingRequest.h"
#include "trust/SignatureRule.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace hookscope {

class KindCatalog;
struct Kind;

// `--set /pointer=value`: the JSON value (or, when the text is not JSON, the string) to put at
// a JSON pointer of a test event's body.
struct BodyOverride
{
    QString pointer;
    QByteArray value; // compact JSON
};

// A test event as the vendor would send it (`hookscope send`, the window's "Send test event…"):
// a kind's sample body or a captured event, overrides applied, signed with the kind's scheme.
class TestEvent final
{
public:
    TestEvent() = delete;

    // "/a/b=12" sets 12; "/a/b=hello" (not JSON) sets "hello"; "/a/b=" sets "". The pointer
    // ends at the first '='. std::nullopt with *error for text without '=' or a bad pointer.
    [[nodiscard]] static std::optional<BodyOverride> parseOverride(const QString &text, QString *error);
    // Applies the overrides in order, keeping the other members in their order. A member is
    // added or replaced; an array item replaced ("-" appends). False with *error (body not JSON,
    // the pointer's parent missing or not a container, index out of range).
    [[nodiscard]] static bool applyOverrides(QByteArray *body, const QList<BodyOverride> &overrides, QString *error);

    // The kind's sample body: its pack's sample, else samplesDir/<id>.json. Empty with *error.
    [[nodiscard]] static QByteArray sampleBody(const Kind &kind, const QString &samplesDir, QString *error);
    // POST to the URL's own path, Content-Type: application/json, User-Agent Hookscope-Send/1.
    [[nodiscard]] static OutgoingRequest request(const QByteArray &body);

    // The rule that signs the kind: `preset` (empty: the one its vendor pack names) with the
    // secret. std::nullopt with *error when there is no scheme or it cannot sign (public key).
    [[nodiscard]] static std::optional<SignatureRule> signingRule(const KindCatalog &catalog, const Kind &kind,
                                                                  const QString &preset, const QByteArray &secret,
                                                                  QString *error);
    // Signs with a fresh timestamp and a fresh delivery id (the rule's id header, when it has one).
    [[nodiscard]] static bool sign(OutgoingRequest *request, const SignatureRule &rule, const QUrl &to, QString *error);
};

} // namespace hookscope
