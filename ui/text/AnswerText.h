#pragma once

#include "event/AnswerRecord.h"

#include <QCoreApplication>
#include <QString>

namespace hookscope {

// The words of a held hook's answer in the Result column (issue 24.9), from what the store
// keeps of it (AnswerMark), so a restart or an import reads the same.
class AnswerText final
{
    Q_DECLARE_TR_FUNCTIONS(AnswerText)

public:
    // "200 · Accept, by you, 8.5 s", "200 · custom, by you (Send anyway), 3.1 s · answer invalid",
    // "503 · rule \"fail twice\"", "no answer · client gone".
    [[nodiscard]] static QString result(const AnswerMark &answer);
    // describe(), then `request` (what the Result column says of the request itself).
    [[nodiscard]] static QString toolTip(const AnswerMark &answer, const QString &request);
    // "Accept", "custom", "app's answer"; empty when nothing names it.
    [[nodiscard]] static QString title(const AnswerMark &answer);
    // "by you", "by you (shortcut)", "at the deadline", "by the local app", …
    [[nodiscard]] static QString who(const AnswerMark &answer);
};

} // namespace hookscope
