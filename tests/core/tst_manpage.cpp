#include "app/AppOptions.h"
#include "app/ManPage.h"

#include <QTest>

using namespace hookscope;

namespace {
const QString kHelp = QStringLiteral(
    "Usage: hookscope [options]\n"
    "Hookscope: a desktop webhook inspector. Captures every request.\n"
    "\n"
    "Options:\n"
    "  -h, --help                Displays help on commandline options.\n"
    "  --port <N>                TCP port to listen on; 0 picks a free one\n"
    "                            (default 8080).\n"
    "  --bind <ADDR>             Address to listen on.\n"
    "\n"
    "Arguments:\n"
    "  FILE                      A file to check.\n"
    "\n"
    "Exit codes:\n"
    "  0  valid\n"
    "  .1 invalid\n");
} // namespace

// The man page is made from --help: every option and its text are in it, roff-escaped.
class TestManPage final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesHelp()
    {
        const ManPage::Help h = ManPage::parse(kHelp);
        QCOMPARE(h.usage, QStringLiteral("hookscope [options]"));
        QCOMPARE(h.description, QStringList{QStringLiteral("Hookscope: a desktop webhook inspector. Captures every request.")});
        QCOMPARE(h.options.size(), 3);
        QCOMPARE(h.options.at(1).first, QStringLiteral("--port <N>"));
        QCOMPARE(h.options.at(1).second, QStringLiteral("TCP port to listen on; 0 picks a free one (default 8080)."));
        QCOMPARE(h.arguments.size(), 1);
        QCOMPARE(h.arguments.at(0).first, QStringLiteral("FILE"));
        QCOMPARE(h.trailer, (QStringList{QStringLiteral("Exit codes:"), QStringLiteral("  0  valid"), QStringLiteral("  .1 invalid")}));
    }

    void escapes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("roff");
        QTest::newRow("hyphens become \\-") << "--port" << "\\-\\-port";
        QTest::newRow("backslash becomes \\e") << "C:\\x" << "C:\\ex";
        QTest::newRow("leading dot is not a request") << ".SH" << "\\&.SH";
        QTest::newRow("leading quote is not a request") << "'x" << "\\&'x";
        QTest::newRow("plain text unchanged") << "a b" << "a b";
    }

    void escapes()
    {
        QFETCH(QString, text);
        QFETCH(QString, roff);
        QCOMPARE(ManPage::escape(text), roff);
    }

    void rendersSections()
    {
        const QString page = ManPage::render(kHelp, {{QStringLiteral("validate"),
                                                      QStringLiteral("Usage: hookscope validate [--kind ID] FILE...\n"
                                                                     "Checks files.\n\nOptions:\n"
                                                                     "  --kind <ID>  Use this kind.\n")}},
                                             QStringLiteral("1.2.3"), QDate(2026, 11, 23));
        QVERIFY(page.startsWith(QStringLiteral(".TH HOOKSCOPE 1 \"2026-11-23\" \"hookscope 1.2.3\"")));
        QVERIFY(page.contains(QStringLiteral(".SH NAME\nhookscope \\- a desktop webhook inspector\n")));
        QVERIFY(page.contains(QStringLiteral(".SH DESCRIPTION\n.PP\nCaptures every request.\n")));
        QVERIFY(page.contains(QStringLiteral(".TP\n\\fB\\-\\-port\\fR \\fI<N>\\fR\nTCP port to listen on; 0 picks a free one (default 8080).\n")));
        QVERIFY(page.contains(QStringLiteral(".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\n")));
        QVERIFY(page.contains(QStringLiteral(".br\n.B hookscope\nvalidate [\\-\\-kind ID] FILE...\n")));
        QVERIFY(page.contains(QStringLiteral(".SS \"hookscope validate\"\n.PP\nChecks files.\n")));
        QVERIFY(page.contains(QStringLiteral("\\&  .1 invalid") ) == false); // only a leading dot is escaped
        QVERIFY(page.contains(QStringLiteral(".PP\nExit codes:\n.nf\n  0  valid\n  .1 invalid\n.fi\n")));
    }

    void coversEveryOptionOfTheRealHelp()
    {
        const QString help = CommandLine::helpText();
        const ManPage::Help h = ManPage::parse(help);
        QVERIFY(h.options.size() >= 10);
        const QString page = ManPage::render(help, {}, QStringLiteral("0"), QDate(2026, 1, 1));
        for (const auto &[term, text] : h.options) {
            QVERIFY2(!text.isEmpty(), qPrintable(term));
            QVERIFY2(page.contains(ManPage::escape(text)), qPrintable(term));
        }
    }
};

QTEST_APPLESS_MAIN(TestManPage)

#include "tst_manpage.moc"
