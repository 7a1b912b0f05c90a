#pragma once

#include "QueryAst.h"

#include <QByteArray>

#include <memory>
#include <optional>

namespace hookscope {

// A body parsed for body-path terms, read the way SQLite's json_type()/json_extract() read
// the same text: a value's type (objects and arrays are Container), a string unescaped,
// integers that do not fit 64 bits as Real, a repeated member by its first value. One known
// difference: a number beyond a double's range (1e999) is no JSON here, SQLite reads infinity.
class QueryJson final
{
public:
    struct Found
    {
        enum class Type { Absent, Null, True, False, Integer, Real, Text, Container };
        Type type = Type::Absent;
        QByteArray text;
        qint64 integer = 0;
        double real = 0;
    };

    // nullopt when SQLite's json_valid() would say 0: not JSON, or nested deeper than SQLite's
    // limit (kMaxDepth).
    [[nodiscard]] static std::optional<QueryJson> parse(const QByteArray &body);
    static constexpr int kMaxDepth = 2000; // SQLite 3.40: json_valid() is 0 beyond

    QueryJson(QueryJson &&) noexcept;
    QueryJson &operator=(QueryJson &&) noexcept;
    ~QueryJson();

    [[nodiscard]] Found find(const QList<BodyStep> &path) const;

private:
    struct Doc;
    explicit QueryJson(std::unique_ptr<Doc> doc);
    std::unique_ptr<Doc> m_doc;
};

} // namespace hookscope
