// Fuzzes the HAR importer: any bytes are either refused with a reason or give events whose
// HAR form reads back to the same request: bytes, forwarded values, decoded body and URL.
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
        check(again.target == event.target);
        check(serializeHeaders(again.headers) == serializeHeaders(event.headers));
        check(again.body == event.body);
        check(again.decodedBody == event.decodedBody);
        check(again.forwardedFor == event.forwardedFor);
        check(again.forwardedProto == event.forwardedProto);
        check(again.forwardedHost == event.forwardedHost);
        check(HarEntryCodec::urlOf(again) == HarEntryCodec::urlOf(event)); // the same URL on every round trip
        check(again.response.status == event.response.status);
        check(serializeHeaders(again.response.headers) == serializeHeaders(event.response.headers));
    });
}
