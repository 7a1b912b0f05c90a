#pragma once

#include "event/Event.h"
#include "event/EventInfo.h"
#include "EventPredicate.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVariantMap>
#include <memory>
#include <optional>

namespace hookscope {

// "Does this event match the filter", described once: the store's search runs it as SQL
// (sqlTextHit, sqlInfoWhere: EventStore::matchingIds), the live path and exports that read
// past damage run it in memory (matchesText, matchesInfo). tst_eventfilter runs the same
// events through both against a real store.
struct EventFilter
{
    // AppFailed: forwarded, and the local app answered 4xx/5xx or could not be reached.
    enum class Validity { All, Valid, Invalid, NotChecked, NotJson, AppFailed };

    // Target, header block, raw or decoded body contain it, ignoring ASCII case (lowered
    // UTF-8; needleFor). Empty: any.
    QByteArray needle;
    // nullopt: every kind; an empty string: checked events of no known kind ("unknown").
    std::optional<QString> kind;
    QStringList vendorKinds; // a vendor's kinds; empty: no vendor filter
    Validity validity = Validity::All;
    bool missingTranslationsOnly = false; // translations lacking a language another field has
    // A query typed in the filter box (core/query EventQuery); null: none. Its SQL joins
    // sqlInfoWhere(), and matches() runs it in memory.
    std::shared_ptr<const EventPredicate> predicate;

    [[nodiscard]] static QByteArray needleFor(const QString &text) { return text.toUtf8().toLower(); }
    [[nodiscard]] static EventFilter forText(const QString &text)
    {
        EventFilter filter;
        filter.needle = needleFor(text);
        return filter;
    }
    [[nodiscard]] bool filtersText() const { return !needle.isEmpty(); }
    [[nodiscard]] bool filtersInfo() const;

    [[nodiscard]] bool matchesText(const Event &event) const;
    // appStatus: the local app's answer to the forwarded event (0: not forwarded, -1: it could
    // not be reached, else its HTTP status); only Validity::AppFailed looks at it.
    [[nodiscard]] bool matchesInfo(const EventInfo &info, int appStatus = 0) const;
    [[nodiscard]] bool matches(const Event &event, const EventInfo &info, int appStatus = 0) const
    {
        return matchesText(event) && matchesInfo(info, appStatus)
            && (!predicate || predicate->matches(event, info, appStatus));
    }

    // SQL over kEventJoins' aliases, with named binds. A compressed body cannot be searched
    // in SQL: sqlCompressed() is true for rows whose text the caller must test in memory
    // (matchesText) when sqlTextHit() is false.
    using Sql = FilterSql;
    [[nodiscard]] Sql sqlTextHit() const;
    [[nodiscard]] static QString sqlCompressed();
    [[nodiscard]] Sql sqlInfoWhere() const;
    // The same test as sqlInfoWhere() over event_info alone (alias i), so its indexes answer it
    // without reading an event (issue 25: a kind filter over a million events); nullopt when
    // it needs another table (no text, no query, no "not checked", no app answer).
    [[nodiscard]] std::optional<Sql> sqlInfoRowsWhere() const;

    // The search index (event_text: SQLite FTS5, trigram tokenizer, no positions) narrows a
    // text search to candidates; the SQL and in-memory tests above then decide, so its answer
    // is exactly the scan's. indexedText() is what it holds for an event: every field
    // matchesText() looks in, joined by newlines (a trigram across two fields only adds a
    // candidate), as valid UTF-8 without NUL (the tokenizer stops at a NUL and may read a
    // stray byte into the character before it): each invalid byte and each NUL becomes U+FFFD,
    // which no needle holds, so every needle the bytes contain is still in the text.
    // (The writer leaves binary bodies and texts over 64 KiB to the scan: event_text_scan,
    // EventStore::indexText.) It depends only on what the store keeps, so
    // the writer computes it again to take a deleted event out of the (contentless) index.
    [[nodiscard]] static QByteArray indexedText(const Event &event);
    // The FTS5 MATCH expression (trigrams covering the needle) that each event matchesText()
    // accepts matches; nullopt when the index cannot answer: no needle, fewer than 3
    // characters (the old scan then runs), a NUL in it.
    [[nodiscard]] std::optional<QString> textIndexQuery() const;
};

} // namespace hookscope
