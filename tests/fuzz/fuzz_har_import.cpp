// Fuzzes the HAR importer: any bytes are either refused with a reason or give events whose
// HAR form reads back to the same request.
#include "exchange/HarEntryCodec.h"
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
        check(!event.target.isEmpty());
        const std::string text = HarEntryCodec::toJson(event, std::nullopt).dump();
        Event again;
        QString error;
        check(HarEntryCodec::fromJson(nlohmann::ordered_json::parse(text), &again, &error));
        check(again.method == event.method);
        check(again.body == event.body);
        check(again.response.status == event.response.status);
        return true;
    });
    check(ok || !reader.error().isEmpty());
    return 0;
}
