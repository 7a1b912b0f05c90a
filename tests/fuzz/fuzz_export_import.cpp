// Fuzzes the hookscope-export importer: any bytes are either refused with a reason or give
// events that survive export → import unchanged (the codec's round trip).
#include "ImportFuzzing.h"
#include "exchange/ExportEventCodec.h"

using namespace hookscope;
using hookscope::fuzzing::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzzing::fuzzImport(data, size, [](Event &event) {
        check(!event.method.isEmpty());
        check(event.importedAtMs == 1);
        const std::string text = ExportEventCodec::toJson(event, std::nullopt).dump();
        Event again;
        QString error;
        check(ExportEventCodec::fromJson(nlohmann::ordered_json::parse(text), &again, &error));
        check(again.method == event.method && again.target == event.target && again.body == event.body);
        check(serializeHeaders(again.headers) == serializeHeaders(event.headers));
        check(again.response.body == event.response.body && again.decodedBody == event.decodedBody);
    });
}
