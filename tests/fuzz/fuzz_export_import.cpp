// Fuzzes the hookscope-export importer: any bytes are either refused with a reason or give
// events that survive export → import unchanged (the codec's round trip).
#include "exchange/ExportEventCodec.h"
#include "exchange/ImportReader.h"

#include <QBuffer>

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
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    ImportReader reader(1);
    const bool ok = reader.read(&buffer, [](Event &event, QString *) {
        check(!event.method.isEmpty());
        check(event.importedAtMs == 1);
        const std::string text = ExportEventCodec::toJson(event, std::nullopt).dump();
        Event again;
        QString error;
        check(ExportEventCodec::fromJson(nlohmann::ordered_json::parse(text), &again, &error));
        check(again.method == event.method && again.target == event.target && again.body == event.body);
        check(serializeHeaders(again.headers) == serializeHeaders(event.headers));
        check(again.response.body == event.response.body && again.decodedBody == event.decodedBody);
        return true;
    });
    check(ok || !reader.error().isEmpty());
    return 0;
}
