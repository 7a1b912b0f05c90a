#include "AnswerText.h"

#include <QLocale>
#include <QStringList>

namespace hookscope {

QString AnswerText::title(const AnswerMark &answer)
{
    if (!answer.presetTitle.isEmpty())
        return answer.presetTitle;
    if (!answer.presetId.isEmpty())
        return answer.presetId; // a preset deleted since, or an answer recorded before names were kept
    switch (answer.source) {
    case AnswerSource::Click:
        return tr("custom");
    case AnswerSource::LocalApp:
        return tr("app's answer");
    default:
        return {};
    }
}

QString AnswerText::who(const AnswerMark &answer)
{
    switch (answer.source) {
    case AnswerSource::Click:
        switch (answer.via) {
        case AnswerVia::Shortcut:
            return tr("by you (shortcut)");
        case AnswerVia::SendAnyway:
            return tr("by you (Send anyway)");
        case AnswerVia::Button:
        case AnswerVia::Unknown:
            break;
        }
        return tr("by you");
    case AnswerSource::Deadline:
        return tr("at the deadline");
    case AnswerSource::Preset:
        return tr("by --respond");
    case AnswerSource::Shutdown:
        return tr("at shutdown");
    case AnswerSource::LocalApp:
        return tr("by the local app");
    case AnswerSource::Rule:
        return tr("by rule \"%1\"").arg(answer.rule);
    case AnswerSource::ClientGone:
        return tr("client gone");
    }
    return {};
}

QString AnswerText::result(const AnswerMark &answer)
{
    if (answer.source == AnswerSource::Rule) // 503 · rule "fail twice" (issue 26)
        return tr("%1 · rule \"%2\"").arg(answer.sent() ? QString::number(answer.status) : tr("dropped"), answer.rule);
    if (!answer.sent())
        return tr("no answer · client gone");
    QStringList words;
    if (const QString name = title(answer); !name.isEmpty())
        words.append(name);
    words.append(who(answer));
    words.append(tr("%1 s").arg(QLocale().toString(double(answer.afterMs) / 1000.0, 'f', 1)));
    QString text = QString::number(answer.status) + QStringLiteral(" · ") + words.join(QStringLiteral(", "));
    if (answer.invalid)
        text += QStringLiteral(" · ") + tr("answer invalid");
    return text;
}

QString AnswerText::toolTip(const AnswerMark &answer, const QString &request)
{
    QString tip = answer.describe() + QLatin1Char('\n') + tr("Request: %1").arg(request);
    if (answer.invalid)
        tip += QLatin1Char('\n') + tr("The answer breaks the kind's response schema");
    return tip;
}

} // namespace hookscope
