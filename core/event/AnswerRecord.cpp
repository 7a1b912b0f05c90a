#include "event/AnswerRecord.h"

#include <QLocale>

namespace hookscope {

QString AnswerRecord::sourceName(AnswerSource source)
{
    switch (source) {
    case AnswerSource::Click:
        return QStringLiteral("click");
    case AnswerSource::Deadline:
        return QStringLiteral("deadline");
    case AnswerSource::Preset:
        return QStringLiteral("--respond");
    case AnswerSource::ClientGone:
        return QStringLiteral("client gone");
    case AnswerSource::Shutdown:
        return QStringLiteral("shutdown");
    case AnswerSource::LocalApp:
        return QStringLiteral("local app");
    case AnswerSource::Rule:
        return QStringLiteral("rule");
    }
    return QStringLiteral("unknown");
}

QString AnswerRecord::describe() const
{
    const QString after = QLocale::c().toString(double(afterMs) / 1000.0, 'f', 1);
    switch (source) {
    case AnswerSource::Click:
        return QStringLiteral("answered %1 by click after %2 s").arg(response.status).arg(after);
    case AnswerSource::Deadline:
        return QStringLiteral("answered %1 automatically at the deadline, after %2 s").arg(response.status).arg(after);
    case AnswerSource::Preset:
        return QStringLiteral("answered %1 at once by --respond %2").arg(response.status).arg(presetId);
    case AnswerSource::ClientGone:
        return QStringLiteral("client disconnected after %1 s: nothing was sent").arg(after);
    case AnswerSource::Shutdown:
        return QStringLiteral("answered %1 at shutdown, after %2 s").arg(response.status).arg(after);
    case AnswerSource::LocalApp:
        return QStringLiteral("answered %1 with the local app's answer, after %2 s").arg(response.status).arg(after);
    case AnswerSource::Rule:
        if (response.status == 0)
            return QStringLiteral("connection dropped by rule \"%1\" after %2 s: nothing was sent").arg(rule, after);
        return QStringLiteral("answered %1 by rule \"%2\" after %3 s").arg(response.status).arg(rule, after);
    }
    return {};
}

} // namespace hookscope
