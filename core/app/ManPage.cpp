#include "ManPage.h"

#include <QRegularExpression>

namespace hookscope {

namespace {

enum class Section { Description, Options, Arguments, Trailer };

// "-p, --port <N>" -> "\fB\-p\fR, \fB\-\-port\fR \fI<N>\fR"
QString optionTerm(const QString &term)
{
    QStringList parts;
    for (const QString &word : term.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        QString w = word;
        const bool comma = w.endsWith(QLatin1Char(','));
        if (comma)
            w.chop(1);
        const QString font = w.startsWith(QLatin1Char('-')) ? QStringLiteral("\\fB") : QStringLiteral("\\fI");
        parts.append(font + ManPage::escape(w) + QStringLiteral("\\fR") + (comma ? QStringLiteral(",") : QString()));
    }
    return parts.join(QLatin1Char(' '));
}

void renderEntries(QString &out, const QList<std::pair<QString, QString>> &entries)
{
    for (const auto &[term, text] : entries)
        out += QStringLiteral(".TP\n") + optionTerm(term) + QLatin1Char('\n') + ManPage::escape(text) + QLatin1Char('\n');
}

void renderParagraphs(QString &out, const QStringList &paragraphs)
{
    for (const QString &p : paragraphs)
        out += QStringLiteral(".PP\n") + ManPage::escape(p) + QLatin1Char('\n');
}

// Text after the option list: prose lines are filled into paragraphs; indented lines (tables of
// exit codes, examples) keep their layout.
void renderTrailer(QString &out, const QStringList &lines)
{
    QString paragraph;
    bool inLiteral = false;
    const auto endParagraph = [&] {
        if (!paragraph.isEmpty())
            out += QStringLiteral(".PP\n") + ManPage::escape(paragraph) + QLatin1Char('\n');
        paragraph.clear();
    };
    const auto endLiteral = [&] {
        if (inLiteral)
            out += QStringLiteral(".fi\n");
        inLiteral = false;
    };
    for (const QString &line : lines) {
        if (line.trimmed().isEmpty()) {
            endParagraph();
            endLiteral();
        } else if (line.startsWith(QLatin1Char(' '))) {
            endParagraph();
            if (!inLiteral)
                out += QStringLiteral(".nf\n");
            inLiteral = true;
            out += ManPage::escape(line) + QLatin1Char('\n');
        } else {
            endLiteral();
            paragraph += (paragraph.isEmpty() ? QString() : QStringLiteral(" ")) + line.trimmed();
        }
    }
    endParagraph();
    endLiteral();
}

} // namespace

QString ManPage::escape(const QString &text)
{
    QString out;
    out.reserve(text.size() + 8);
    for (const QChar c : text) {
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\e");
        else if (c == QLatin1Char('-'))
            out += QStringLiteral("\\-");
        else
            out += c;
    }
    if (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('\'')))
        out.prepend(QStringLiteral("\\&"));
    return out;
}

ManPage::Help ManPage::parse(const QString &help)
{
    static const QRegularExpression entry(QStringLiteral("^  (\\S.*?)(?:\\s{2,}(\\S.*))?$"));
    Help h;
    Section section = Section::Description;
    QString paragraph;
    QList<std::pair<QString, QString>> *list = nullptr;
    const auto flush = [&] {
        if (!paragraph.isEmpty())
            h.description.append(paragraph);
        paragraph.clear();
    };
    for (const QString &line : help.split(QLatin1Char('\n'))) {
        if (line.startsWith(QLatin1String("Usage: ")) && h.usage.isEmpty()) {
            h.usage = line.mid(7).trimmed();
            continue;
        }
        if (line == QLatin1String("Options:") || line == QLatin1String("Arguments:")) {
            flush();
            section = line.startsWith(QLatin1Char('O')) ? Section::Options : Section::Arguments;
            list = section == Section::Options ? &h.options : &h.arguments;
            continue;
        }
        switch (section) {
        case Section::Description:
            if (line.trimmed().isEmpty())
                flush();
            else
                paragraph += (paragraph.isEmpty() ? QString() : QStringLiteral(" ")) + line.trimmed();
            break;
        case Section::Options:
        case Section::Arguments:
            if (line.trimmed().isEmpty()) {
                section = Section::Trailer;
            } else if (const auto m = entry.match(line); m.hasMatch()) {
                list->append({m.captured(1).trimmed(), m.captured(2).trimmed()});
            } else if (!list->isEmpty()) {
                QString &text = list->last().second;
                text += (text.isEmpty() ? QString() : QStringLiteral(" ")) + line.trimmed();
            }
            break;
        case Section::Trailer:
            h.trailer.append(line);
            break;
        }
    }
    flush();
    while (!h.trailer.isEmpty() && h.trailer.last().trimmed().isEmpty())
        h.trailer.removeLast();
    while (!h.trailer.isEmpty() && h.trailer.first().trimmed().isEmpty())
        h.trailer.removeFirst();
    return h;
}

QString ManPage::render(const QString &mainHelp, const QList<Command> &commands, const QString &version,
                        const QDate &date)
{
    const Help main = parse(mainHelp);
    // "Hookscope: a desktop webhook inspector. Captures ..." -> NAME line and the rest.
    QString summary = main.description.value(0);
    QStringList description = main.description.mid(1);
    if (const qsizetype colon = summary.indexOf(QLatin1String(": ")); colon > 0 && colon < 20)
        summary = summary.mid(colon + 2);
    if (const qsizetype stop = summary.indexOf(QLatin1String(". ")); stop > 0) {
        description.prepend(summary.mid(stop + 2));
        summary = summary.left(stop);
    }
    if (summary.endsWith(QLatin1Char('.')))
        summary.chop(1);

    QString out;
    out += QStringLiteral(".TH HOOKSCOPE 1 \"%1\" \"hookscope %2\" \"User Commands\"\n")
               .arg(date.toString(Qt::ISODate), escape(version));
    out += QStringLiteral(".nh\n.ad l\n"); // no hyphenation of option names and paths
    out += QStringLiteral(".SH NAME\nhookscope \\- ") + escape(summary) + QLatin1Char('\n');
    out += QStringLiteral(".SH SYNOPSIS\n.B hookscope\n[\\fIoptions\\fR]\n");
    for (const Command &c : commands) {
        QString usage = parse(c.help).usage;
        if (usage.startsWith(QLatin1String("hookscope ")))
            usage = usage.mid(10);
        out += QStringLiteral(".br\n.B hookscope\n") + escape(usage) + QLatin1Char('\n');
    }
    out += QStringLiteral(".SH DESCRIPTION\n");
    renderParagraphs(out, description);
    out += QStringLiteral(".SH OPTIONS\n");
    renderEntries(out, main.options);
    renderEntries(out, main.arguments);
    renderTrailer(out, main.trailer);
    if (!commands.isEmpty()) {
        out += QStringLiteral(".SH COMMANDS\n");
        for (const Command &c : commands) {
            const Help h = parse(c.help);
            out += QStringLiteral(".SS \"hookscope %1\"\n").arg(escape(c.name));
            renderParagraphs(out, h.description);
            renderEntries(out, h.options);
            renderEntries(out, h.arguments);
            renderTrailer(out, h.trailer);
        }
    }
    return out;
}

} // namespace hookscope
