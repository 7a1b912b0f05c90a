#include "QuerySqlFunctions.h"

#include "QueryEvaluator.h"
#include "event/HttpMessage.h"
#include "schema/BoundedRegex.h"
#include "store/EventRows.h"
#include "store/StorageCompression.h"

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QVariant>

#include <sqlite3.h>

namespace hookscope {

namespace {

QByteArray bytesOf(sqlite3_value *value)
{
    const auto *data = static_cast<const char *>(sqlite3_value_blob(value));
    const int size = sqlite3_value_bytes(value);
    return data ? QByteArray(data, size) : QByteArray();
}

void resultText(sqlite3_context *context, const QByteArray &text)
{
    sqlite3_result_text64(context, text.constData(), sqlite3_uint64(text.size()), SQLITE_TRANSIENT, SQLITE_UTF8);
}

void inflateFn(sqlite3_context *context, int, sqlite3_value **argv)
{
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
        return sqlite3_result_null(context);
    const std::optional<QByteArray> plain = inflateFromStorage(bytesOf(argv[0]));
    if (!plain)
        return sqlite3_result_null(context);
    sqlite3_result_blob64(context, plain->constData(), sqlite3_uint64(plain->size()), SQLITE_TRANSIENT);
}

void bodyFn(sqlite3_context *context, int, sqlite3_value **argv)
{
    const bool decoded = sqlite3_value_type(argv[2]) != SQLITE_NULL;
    sqlite3_value *body = decoded ? argv[2] : argv[0];
    const int encoding = sqlite3_value_int(decoded ? argv[3] : argv[1]);
    if (sqlite3_value_type(body) == SQLITE_NULL)
        return resultText(context, QByteArray(""));
    if (encoding == Raw)
        return resultText(context, bytesOf(body));
    const std::optional<QByteArray> plain = encoding == Zlib ? inflateFromStorage(bytesOf(body)) : std::nullopt;
    if (!plain)
        return sqlite3_result_null(context);
    resultText(context, *plain);
}

void headerFn(sqlite3_context *context, int, sqlite3_value **argv)
{
    const QByteArray name = bytesOf(argv[1]);
    for (const auto &[key, value] : parseHeaderBlock(bytesOf(argv[0]))) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return resultText(context, value);
    }
    sqlite3_result_null(context);
}

void regexpFn(sqlite3_context *context, int, sqlite3_value **argv)
{
    const auto *regex = static_cast<const BoundedRegex *>(sqlite3_get_auxdata(context, 0));
    std::unique_ptr<BoundedRegex> fresh;
    if (!regex) {
        QString error;
        fresh = std::make_unique<BoundedRegex>(QString::fromUtf8(bytesOf(argv[0])), &error);
        regex = fresh.get();
    }
    const bool hit = regex->isValid() && sqlite3_value_type(argv[1]) != SQLITE_NULL
        && QueryEvaluator::regexMatches(*regex, bytesOf(argv[1]));
    // Kept for the statement's next rows; SQLite may delete it at once, so it is not used after this.
    if (fresh)
        sqlite3_set_auxdata(context, 0, fresh.release(), [](void *p) { delete static_cast<BoundedRegex *>(p); });
    sqlite3_result_int(context, hit ? 1 : 0);
}

} // namespace

bool QuerySqlFunctions::registerOn(QSqlDatabase &db)
{
    const QVariant handle = db.isOpen() && db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return false;
    sqlite3 *sqlite = *static_cast<sqlite3 *const *>(handle.constData());
    if (!sqlite)
        return false;
    struct Fn
    {
        const char *name;
        int args;
        void (*call)(sqlite3_context *, int, sqlite3_value **);
    };
    const Fn fns[] = {{"hs_inflate", 1, inflateFn}, {"hs_body", 4, bodyFn}, {"hs_header", 2, headerFn}, {"hs_regexp", 2, regexpFn}};
    for (const Fn &fn : fns) {
        if (sqlite3_create_function_v2(sqlite, fn.name, fn.args, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, fn.call, nullptr,
                                       nullptr, nullptr)
            != SQLITE_OK)
            return false;
    }
    return true;
}

} // namespace hookscope
