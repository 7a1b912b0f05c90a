// Issue 24 point 10: a body that is not JSON gets one sentence in every tab that reads JSON (the
// parse error itself only in the Body tab's banner), those tabs are dimmed, and form bodies are
// shown as their fields.
#include "Banner.h"
#include "BodyView.h"
#include "EventDetailPane.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>

using namespace hookscope;

namespace {

Event makeEvent(qint64 id, const QByteArray &contentType, const QByteArray &body)
{
    Event e;
    e.id = id;
    e.receivedAtMs = 1'700'000'000'000;
    e.method = "POST";
    e.target = "/hooks";
    e.contentType = contentType;
    e.body = body;
    e.response.status = 200;
    return e;
}

EventInfo notJson(qint64 id, const QString &error)
{
    EventInfo info;
    info.id = id;
    info.validity = EventInfo::Validity::NotJson;
    info.jsonError = error;
    return info;
}

// What each JSON-reading tab says, after visiting it.
QStringList tabSentences(EventDetailPane &pane)
{
    QStringList out;
    for (const int tab : {int(EventDetailPane::TreeTab), int(EventDetailPane::ViolationsTab),
                          int(EventDetailPane::TranslationsTab), int(EventDetailPane::DiffTab)})
        pane.tabs()->setCurrentIndex(tab);
    out << pane.findChild<Banner *>(QStringLiteral("treeBanner"))->text()
        << pane.findChild<QLabel *>(QStringLiteral("violationsSummary"))->text()
        << pane.findChild<QLabel *>(QStringLiteral("translationsSummary"))->text()
        << pane.findChild<QLabel *>(QStringLiteral("diffSummary"))->text();
    return out;
}

} // namespace

class tst_NonJsonBody final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void oneSentenceInEveryJsonTab_data();
    void oneSentenceInEveryJsonTab();
    void aJsonBodyUndimsTheTabs();
    void formBodyShowsItsFields();
};

void tst_NonJsonBody::oneSentenceInEveryJsonTab_data()
{
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("sentence");
    QTest::addColumn<bool>("bodyBanner");
    QTest::addColumn<int>("sameIn"); // how many of Tree, Violations, Translations, Diff say it
    QTest::newRow("html")
        << QByteArray("text/html") << QByteArray("<b>bold</b><img src=x>")
        << "The body is text/html, not JSON: nothing to show here. The Body tab shows it as it came." << false << 4;
    QTest::newRow("broken json")
        << QByteArray("application/json") << QByteArray(R"({"a": 1,)")
        << "The body is not valid JSON (illegal number at offset 0): nothing to show here." << true << 2;
}

void tst_NonJsonBody::oneSentenceInEveryJsonTab()
{
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, sentence);
    QFETCH(bool, bodyBanner);
    QFETCH(int, sameIn);
    EventDetailPane pane;
    pane.tabs()->setCurrentIndex(EventDetailPane::TreeTab); // filled before the verdict arrives
    pane.setEvent(makeEvent(1, contentType, body));
    pane.setInfo(notJson(1, QStringLiteral("illegal number at offset 0")));
    const QStringList sentences = tabSentences(pane);
    // Shaped like JSON: Tree and Translations read what parses and say where it stops.
    QCOMPARE(sentences.count(sentence), sameIn);
    QCOMPARE(sentences.at(1), sentence);
    QCOMPARE(sentences.at(3), sentence);
    // The parse error is said once, in Body (when the body claims JSON).
    pane.tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    auto *banner = pane.findChild<Banner *>(QStringLiteral("bodyBanner"));
    QCOMPARE(!banner->isHidden(), bodyBanner);
    QCOMPARE(pane.findChild<QPlainTextEdit *>(QStringLiteral("bodyText"))->toPlainText(), QString::fromUtf8(body));
    // The tabs that do not apply are dimmed; the others are not.
    if (sameIn < 4)
        return;
    QTabBar *bar = pane.tabs()->tabBar();
    for (const int tab : {int(EventDetailPane::TreeTab), int(EventDetailPane::ViolationsTab),
                          int(EventDetailPane::TranslationsTab), int(EventDetailPane::DiffTab)})
        QCOMPARE(bar->tabTextColor(tab), pane.palette().color(QPalette::PlaceholderText));
    QVERIFY(bar->tabTextColor(EventDetailPane::BodyTab) != pane.palette().color(QPalette::PlaceholderText));
}

void tst_NonJsonBody::aJsonBodyUndimsTheTabs()
{
    EventDetailPane pane;
    pane.setEvent(makeEvent(1, "text/plain", "hello"));
    pane.setInfo(notJson(1, QStringLiteral("x")));
    QTabBar *bar = pane.tabs()->tabBar();
    QCOMPARE(bar->tabTextColor(EventDetailPane::TreeTab), pane.palette().color(QPalette::PlaceholderText));
    pane.setEvent(makeEvent(2, "application/json", R"({"a":1})"));
    QVERIFY(bar->tabTextColor(EventDetailPane::TreeTab) != pane.palette().color(QPalette::PlaceholderText));
    pane.tabs()->setCurrentIndex(EventDetailPane::TreeTab);
    QVERIFY(pane.findChild<Banner *>(QStringLiteral("treeBanner"))->isHidden());
}

void tst_NonJsonBody::formBodyShowsItsFields()
{
    BodyView view;
    view.setBody("name=Ann+Lee&city=Utrecht&note=%3Cb%3Ehi%3C%2Fb%3E&empty=", "application/x-www-form-urlencoded");
    QCOMPARE(view.mode(), BodyView::Mode::Text);
    const QString text = view.findChild<QPlainTextEdit *>(QStringLiteral("bodyText"))->toPlainText();
    QVERIFY2(text.startsWith(QStringLiteral("name = Ann Lee\ncity = Utrecht\nnote = <b>hi</b>\nempty = \n")), qPrintable(text));
    QVERIFY(text.endsWith(QStringLiteral("As sent:\nname=Ann+Lee&city=Utrecht&note=%3Cb%3Ehi%3C%2Fb%3E&empty=")));
    QVERIFY(view.findChild<QLabel *>(QStringLiteral("bodyInfo"))->text().contains(QStringLiteral("form, 4 fields, decoded")));
}

QTEST_MAIN(tst_NonJsonBody)
#include "tst_nonjsonbody.moc"
