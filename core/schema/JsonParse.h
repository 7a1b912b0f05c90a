#pragma once

#include "util/JsonNumberRange.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <nlohmann/json.hpp>

namespace hookscope {

// The one way Hookscope parses a body with nlohmann::json. nlohmann throws on numbers beyond the
// range of a double (out_of_range.406), which is valid JSON: those are read as ±1e308 and listed
// in outOfRange with their text as written, so the caller can report them. Never throws a
// nlohmann exception; std::bad_alloc still propagates (the caller's per-event containment). A NUL
// byte anywhere is an error (nlohmann alone would stop reading there and accept "123\0…").
class JsonParse final {
public:
    JsonParse() = delete;

    struct Result {
        bool ok = false;
        nlohmann::json document;
        QList<OutOfRangeNumber> outOfRange;
        QString error; // nlohmann's words without its prefix: "syntax error while parsing value …"
        qsizetype offset = -1; // byte of the error
    };

    [[nodiscard]] static Result parse(const QByteArray &text);
};

} // namespace hookscope
