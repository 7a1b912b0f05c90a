#include "ImportReader.h"

#include "DeviceStreamBuf.h"
#include "ExportEventCodec.h"
#include "ExportWriter.h"
#include "HarEntryCodec.h"
#include "http/FieldCheck.h"

#include <nlohmann/json.hpp>

#include <QIODevice>

#include <istream>
#include <vector>

namespace hookscope {

using json = nlohmann::ordered_json;

namespace {

struct Refusal
{
    QString reason;
};

// nlohmann's messages start with "[json.exception.parse_error.101] ".
QString withoutPrefix(const char *what)
{
    QString text = QString::fromUtf8(what);
    if (text.startsWith(u'[')) {
        const qsizetype end = text.indexOf(QLatin1String("] "));
        if (end > 0)
            text = text.mid(end + 2);
    }
    return text;
}

QString describe(const std::string &text)
{
    const QString value = QString::fromStdString(text);
    return value.size() > 60 ? value.left(60) + QStringLiteral("…") : value;
}

} // namespace

ImportReader::ImportReader(qint64 importedAtMs)
    : m_importedAtMs(importedAtMs)
{
}

bool ImportReader::read(QIODevice *device, const Sink &sink)
{
    m_error.clear();
    m_format = Format::Unknown;
    m_count = 0;
    m_skipped = 0;
    m_skippedReasons.clear();
    DeviceStreamBuf buffer(device);
    std::istream in(&buffer);

    std::vector<std::string> keys(size_t(kMaxDepth) + 2);
    bool inEvents = false;
    bool inLog = false;
    bool inEntries = false;
    bool sawFormat = false;
    bool sawVersion = false;
    bool sawEntries = false;
    const auto refuse = [&](const QString &reason) { throw Refusal{reason}; };
    qint64 index = 0; // of the element in the file, skipped ones included
    const auto element = [&](const json &value, Format format) {
        Event event;
        QString problem;
        const bool ok = format == Format::HookscopeExport ? ExportEventCodec::fromJson(value, &event, &problem)
                                                          : HarEntryCodec::fromJson(value, &event, &problem);
        const QString where = format == Format::HookscopeExport ? QStringLiteral("event") : QStringLiteral("entry");
        const qint64 at = index++;
        if (!ok) {
            const QString reason = QStringLiteral("%1 %2 (ending at byte %3): %4").arg(where).arg(at).arg(buffer.position())
                                       .arg(problem.startsWith(u':') ? problem.mid(2) : problem);
            // A browser's HAR also holds what was never a request (data: URLs, entries without
            // a method): those are skipped with their reason, the rest is imported. An export
            // of ours is all or nothing.
            if (format != Format::Har)
                refuse(reason);
            if (m_skippedReasons.size() < kMaxSkippedReasons)
                m_skippedReasons.append(reason);
            ++m_skipped;
            return;
        }
        // A line break kept here would be written verbatim by replay and forward.
        if (const QString unsafe = FieldCheck::problem(event.method, event.target, event.headers); !unsafe.isEmpty())
            refuse(QStringLiteral("%1 %2 (ending at byte %3): request %4").arg(where).arg(m_count).arg(buffer.position()).arg(unsafe));
        event.importedAtMs = m_importedAtMs;
        if (!sink(event, &problem))
            refuse(QStringLiteral("%1 %2: %3").arg(where).arg(at).arg(problem));
        ++m_count;
    };
    const auto notAnObject = [&](Format format) {
        refuse(QStringLiteral("%1 %2 (ending at byte %3): is not an object")
                   .arg(format == Format::HookscopeExport ? QStringLiteral("event") : QStringLiteral("entry"))
                   .arg(index)
                   .arg(buffer.position()));
    };

    const json::parser_callback_t callback = [&](int depth, json::parse_event_t event, json &parsed) -> bool {
        if (depth > kMaxDepth)
            refuse(QStringLiteral("nested deeper than %1 levels at byte %2").arg(kMaxDepth).arg(buffer.position()));
        const size_t d = size_t(depth);
        switch (event) {
        case json::parse_event_t::key:
            keys[d] = parsed.get<std::string>();
            return true;
        case json::parse_event_t::object_start:
            if (depth == 1 && keys[1] == "log" && m_format == Format::Unknown) {
                inLog = true;
                m_format = Format::Har;
            }
            return true;
        case json::parse_event_t::array_start:
            if (depth == 1 && keys[1] == "events") {
                if (!sawFormat)
                    refuse(QStringLiteral("not a Hookscope export: no \"format\": \"hookscope-export\" before "
                                          "\"events\" (byte %1)")
                               .arg(buffer.position()));
                inEvents = true;
            } else if (depth == 2 && inLog && keys[2] == "entries") {
                inEntries = true;
                sawEntries = true;
            }
            return true;
        case json::parse_event_t::object_end:
            if (depth == 2 && inEvents) {
                element(parsed, Format::HookscopeExport);
                return false; // processed: not kept
            }
            if (depth == 3 && inEntries) {
                element(parsed, Format::Har);
                return false;
            }
            if (depth == 1)
                inLog = false;
            return true;
        case json::parse_event_t::array_end:
            if (depth == 2 && inEvents)
                notAnObject(Format::HookscopeExport);
            if (depth == 3 && inEntries)
                notAnObject(Format::Har);
            if (depth == 1)
                inEvents = false;
            if (depth == 2)
                inEntries = false;
            return true;
        case json::parse_event_t::value:
            if (depth == 2 && inEvents)
                notAnObject(Format::HookscopeExport);
            if (depth == 3 && inEntries)
                notAnObject(Format::Har);
            if (depth == 1 && keys[1] == "format") {
                if (!parsed.is_string() || parsed.get<std::string>() != ExportWriter::kFormat)
                    refuse(QStringLiteral("not a Hookscope export: \"format\" is %1, not \"%2\"")
                               .arg(describe(parsed.dump()), QLatin1String(ExportWriter::kFormat)));
                if (m_format == Format::Har)
                    refuse(QStringLiteral("a HAR file cannot also be a Hookscope export"));
                m_format = Format::HookscopeExport;
                sawFormat = true;
            } else if (depth == 1 && keys[1] == "version" && m_format == Format::HookscopeExport) {
                if (!parsed.is_number_integer())
                    refuse(QStringLiteral("\"version\" is %1, not a whole number").arg(describe(parsed.dump())));
                if (parsed.get<qint64>() != ExportWriter::kVersion)
                    refuse(QStringLiteral("version %1 of the format is not supported (this Hookscope reads version %2)")
                               .arg(parsed.get<qint64>())
                               .arg(ExportWriter::kVersion));
                sawVersion = true;
            }
            return true;
        }
        return true;
    };

    try {
        const json document = json::parse(in, callback, true, false);
        if (!document.is_object())
            refuse(QStringLiteral("not a Hookscope export or HAR file: the document is not a JSON object"));
        if (m_format == Format::Unknown)
            refuse(QStringLiteral("not a Hookscope export or HAR file: it has neither \"format\": "
                                  "\"hookscope-export\" nor a \"log\" with \"entries\""));
        if (m_format == Format::HookscopeExport && !sawVersion)
            refuse(QStringLiteral("not a Hookscope export: \"version\" is missing"));
        if (m_format == Format::HookscopeExport && !document.contains("events"))
            refuse(QStringLiteral("not a Hookscope export: \"events\" is missing"));
        if (m_format == Format::Har && !sawEntries)
            refuse(QStringLiteral("not a HAR file: \"log.entries\" is missing"));
    } catch (const Refusal &refusal) {
        m_error = refusal.reason;
    } catch (const json::parse_error &e) {
        m_error = buffer.readFailed() ? QStringLiteral("cannot read: %1").arg(device->errorString())
                                      : QStringLiteral("not valid JSON: %1 (byte %2)").arg(withoutPrefix(e.what())).arg(e.byte);
    } catch (const json::exception &e) {
        m_error = QStringLiteral("cannot read at byte %1: %2").arg(buffer.position()).arg(withoutPrefix(e.what()));
    }
    return m_error.isEmpty();
}

} // namespace hookscope
