// Fuzzes what a file in the kinds folder can do to the schema engine: any bytes are either
// refused with a reason (never a crash, a hang or a sanitizer report) or give a schema that
// validates documents. Remote references reach a loader that knows one document.
#include "schema/CompiledSchema.h"
#include "schema/Validator.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray schema(reinterpret_cast<const char *>(data), qsizetype(size));
    CompiledSchema::Options options;
    options.loadDocument = [](const QString &uri) -> std::optional<QByteArray> {
        if (uri == QLatin1String("http://localhost:1234/a.json"))
            return QByteArray(R"({"definitions":{"n":{"type":"number"}},"$ref":"#/definitions/n"})");
        return std::nullopt;
    };
    QString error;
    const std::shared_ptr<const CompiledSchema> compiled = CompiledSchema::compile(schema, &error, options);
    check(compiled || !error.isEmpty());
    if (!compiled)
        return 0;
    const Validator validator(compiled);
    for (const char *document : {"null", "1.5", "\"2024-01-01T23:59:60Z\"", "[1,[2,{}]]", R"({"a":{"b":[1,"x"]}})"})
        (void)validator.validate(QByteArray(document));
    (void)validator.validate(schema); // the schema as a document: every keyword its own shape
    return 0;
}
