#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <utility>

namespace hookscope {

class CompiledSchema;

// How a Classifier recognises a kind from a request body (resources/kinds/README.md).
struct KindMatch {
    QStringList required; // top-level members the body should have; default: the schema's "required"
    QList<std::pair<QString, QJsonValue>> equals; // JSON pointer -> the value it must hold
    QStringList present; // JSON pointers that must exist
    double minScore = 0.5; // below this the body is not this kind
    bool byShape = true; // false ("match": false): recognised by its routes only

    [[nodiscard]] qsizetype discriminatorCount() const { return equals.size() + present.size(); }
};

// One webhook kind: its schema and how to recognise it, describe it and follow its entity.
// Immutable once loaded (KindLoader); shared between threads through std::shared_ptr<const Kind>.
struct Kind {
    enum class Origin { BuiltIn, User };

    QString id; // "callback-request"; part of the CLI and export formats
    QString title;
    Origin origin = Origin::BuiltIn;
    QString kindFile; // the .kind.json it came from; empty for a user schema without one
    QString schemaFile; // ":/schemas/jicoo.schema.json" or a path in the user's kinds folder
    QStringList routes; // request paths that mean this kind, whatever the body
    KindMatch match;
    QString eventNamePointer; // where the event name is, e.g. "/data/eventType"
    QString eventLabel; // the event name when eventNamePointer is unset or finds no text
    QStringList entityIdPointers; // first one that finds a string or number identifies the entity
    // Deliveries (issue 26, branch group26): what stays the same when the vendor sends one event
    // again (header names, then JSON pointers; the first that finds a value names the delivery,
    // together with the kind), and where the entity's version is (updatedAt, a counter), so that
    // an older version arriving after a newer one can be flagged.
    QStringList deliveryHeaders;
    QStringList deliveryPointers;
    QStringList versionPointers;
    bool request = true; // false: a response body kind, never picked for a request
    // Vendor packs (resources/packs/<pack>/): the pack a kind belongs to ("cubu"; empty for a
    // loose user kind), the vendor page its schema was written from, its sample body, and the
    // response kind of a synchronous hook (empty: the vendor expects no answer body).
    QString pack;
    QString sourcePage;
    QString sampleFile;
    QString answerKind;

    [[nodiscard]] bool isSynchronous() const { return !answerKind.isEmpty(); }
    // "cubu/before-book-appointment", or the id alone outside a pack.
    [[nodiscard]] QString qualifiedId() const { return pack.isEmpty() ? id : pack + u'/' + id; }
    std::shared_ptr<const CompiledSchema> schema;

    [[nodiscard]] QString eventName(const QJsonValue &body) const;
    [[nodiscard]] QString entityId(const QJsonValue &body) const;
    [[nodiscard]] QString eventName(const nlohmann::json &body) const;
    [[nodiscard]] QString entityId(const nlohmann::json &body) const;
    // The entity's version: the first version pointer that finds a string or number.
    [[nodiscard]] QString version(const QJsonValue &body) const;
};

} // namespace hookscope
