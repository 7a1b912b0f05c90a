#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

// Turns the help texts QCommandLineParser prints (`hookscope --help`, `hookscope validate --help`,
// ...) into a man page in roff, so `man hookscope` and `--help` are one text and cannot drift.
// Built by the hookscope-manpage tool at build time and installed as hookscope.1.gz.
class ManPage final
{
public:
    struct Command
    {
        QString name; // "validate"
        QString help; // its --help output
    };

    // One parsed help text: "Usage: ..." line, description paragraphs, the option and argument
    // lists ("  -p, --port <N>   Text" plus indented continuation lines) and what follows them.
    struct Help
    {
        QString usage;
        QStringList description; // paragraphs
        QList<std::pair<QString, QString>> options; // "--port <N>" -> its text, continuations joined
        QList<std::pair<QString, QString>> arguments;
        QStringList trailer; // lines after the lists, as printed (layout kept)
    };

    [[nodiscard]] static Help parse(const QString &help);
    [[nodiscard]] static QString render(const QString &mainHelp, const QList<Command> &commands, const QString &version,
                                        const QDate &date);
    // roff-safe text: backslashes, hyphens and a leading '.' or '\'' escaped.
    [[nodiscard]] static QString escape(const QString &text);
};

} // namespace hookscope
