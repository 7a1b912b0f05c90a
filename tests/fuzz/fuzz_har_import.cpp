// Fuzzes the HAR importer: any bytes are either refused with a reason or give events whose
// HAR form reads back to the same request.
#include "ImportFuzzing.h"
#include "exchange/HarEntryCodec.h"

using namespace hookscope;
using hookscope::fuzzing::check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzzing::fuzzImport(data, size, [](Event &event) {
        check(!event.method.isEmpty());
        check(!event.target.isEmpty());
        const std::string text = HarEntryCodec::toJson(event, std::nullopt).dump();
        Event again;
        QString error;
        check(HarEntryCodec::fromJson(nlohmann::ordered_json::parse(text), &again, &error));
        check(again.method == event.method);
        check(again.body == event.body);
        check(again.response.status == event.response.status);
    });
}
