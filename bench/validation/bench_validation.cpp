// bench_validation SCHEMA DOC [N]
//
// Times Hookscope's validator on one document, one line per variant, in the format of
// ../../../shared/bench/validators/run-anchors.sh so run.sh can print them side by side:
//   hookscope           Validator (valijson 1.0 + nlohmann adapter, Hookscope's own leaf checks
//                       and RFC 3339 formats, violations translated), on a pre-parsed document
//   valijson+qt         the same compiled schema through valijson's Qt adapter (QJsonDocument)
//   valijson-native     plain valijson 1.0 on the unmodified schema (std::regex per date-time)
//   inspect             EventInspector::inspect with the built-in kinds: parse, classify, name,
//                       validate; what the enrichment worker spends per captured event
// Each figure is the median of 5 rounds of N/5 iterations.
#include "schema/CompiledSchema.h"
#include "schema/EventInspector.h"
#include "schema/SchemaRegistry.h"
#include "schema/Validator.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <nlohmann/json.hpp>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/adapters/qtjson_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace hookscope;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        std::exit(2);
    }
    return file.readAll();
}

// Microseconds per call: median over rounds.
double timeUs(int iterations, const std::function<void()> &body)
{
    constexpr int kRounds = 5;
    const int perRound = std::max(1, iterations / kRounds);
    std::vector<double> rounds;
    for (int r = 0; r < kRounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < perRound; ++i)
            body();
        rounds.push_back(double(timer.nsecsElapsed()) / 1000.0 / perRound);
    }
    std::sort(rounds.begin(), rounds.end());
    return rounds[kRounds / 2];
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_validation SCHEMA DOC [N]\n");
        return 2;
    }
    const QByteArray schemaText = readFile(args.at(1));
    const QByteArray docText = readFile(args.at(2));
    const int n = args.size() > 3 ? args.at(3).toInt() : 20000;

    QString error;
    const auto schema = CompiledSchema::compile(schemaText, &error);
    if (!schema) {
        std::fprintf(stderr, "schema: %s\n", qPrintable(error));
        return 2;
    }
    const Validator validator(schema);

    // Warm up (and check the document once).
    const Violations violations = validator.validate(docText);
    for (int i = 0; i < 200; ++i)
        (void)validator.validate(docText);

    nlohmann::json parsed;
    const double parseUs = timeUs(n, [&] { parsed = nlohmann::json::parse(docText.begin(), docText.end()); });
    std::size_t sink = 0;
    const double validateUs = timeUs(n, [&] { sink += std::size_t(validator.validate(parsed).size()); });
    const double totalUs = timeUs(n, [&] { sink += std::size_t(validator.validate(docText).size()); });
    std::printf("hookscope (valijson 1.0 + nlohmann adapter, own formats)\tparse_us %.1f\tvalidate_us %.1f\t"
                "total_us %.1f\tvalidations_per_s %.0f\tvalid %s\tviolations %lld\n",
                parseUs, validateUs, totalUs, 1e6 / totalUs, violations.isEmpty() ? "true" : "false",
                qlonglong(violations.size()));

    QJsonDocument qtDoc;
    const double qtParseUs = timeUs(n, [&] { qtDoc = QJsonDocument::fromJson(docText); });
    const QJsonValue qtRoot = qtDoc.isObject() ? QJsonValue(qtDoc.object()) : QJsonValue(qtDoc.array());
    const valijson::adapters::QtJsonAdapter qtAdapter(qtRoot);
    bool qtValid = true;
    const double qtValidateUs = timeUs(n / 2, [&] {
        valijson::Validator v;
        valijson::ValidationResults results;
        qtValid = v.validate(schema->schema(), qtAdapter, &results) && qtValid;
    });
    std::printf(
        "valijson+qt adapter (same compiled schema)\tparse_us %.1f\tvalidate_us %.1f\ttotal_us %.1f\tvalid %s\n",
        qtParseUs, qtValidateUs, qtParseUs + qtValidateUs, qtValid ? "true" : "false");

    // Plain valijson on the schema as written: what Hookscope would cost without its rewrite.
    nlohmann::json rawSchema = nlohmann::json::parse(schemaText.begin(), schemaText.end());
    valijson::Schema native;
    valijson::SchemaParser parser;
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(rawSchema), native);
    const valijson::adapters::NlohmannJsonAdapter docAdapter(parsed);
    bool nativeValid = true;
    const double nativeUs = timeUs(std::max(5, n / 400), [&] {
        valijson::Validator v;
        valijson::ValidationResults results;
        nativeValid = v.validate(native, docAdapter, &results) && nativeValid;
    });
    std::printf("valijson-native (nlohmann, std::regex formats)\tparse_us %.1f\tvalidate_us %.1f\tvalid %s\n", parseUs,
                nativeUs, nativeValid ? "true" : "false");
    SchemaRegistry registry;
    const EventInspector inspector(registry.catalog());
    const ValidationOutcome outcome = inspector.inspect(docText, QByteArrayLiteral("/webhook"));
    const double inspectUs
        = timeUs(n, [&] { sink += std::size_t(inspector.inspect(docText, "/webhook").violations.size()); });
    std::printf("inspect (EventInspector, built-in kinds: parse, classify, validate)\ttotal_us %.1f\tkind %s\t%s\n",
                inspectUs, qPrintable(outcome.kindId.isEmpty() ? QStringLiteral("unknown") : outcome.kindId),
                qPrintable(ValidationOutcome::statusName(outcome.status)));
    return sink == 0xFFFFFFFF ? 1 : 0;
}
