#include "Banner.h"
#include "BodyView.h"
#include "JsonHighlighter.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTest>

using namespace hookscope;

class tst_BodyView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jsonIsPrettyPrintedAndColoured();
    void invalidJsonShowsBannerWithOffset();
    void jsonShapedTextWithoutClaimIsText();
    void binaryBodyShowsHex();
    void markupIsShownNotRendered_data();
    void markupIsShownNotRendered();
    void emptyBody();

private:
    static QPlainTextEdit *text(BodyView &view) { return view.findChild<QPlainTextEdit *>(QStringLiteral("bodyText")); }
    static QPlainTextEdit *hex(BodyView &view) { return view.findChild<QPlainTextEdit *>(QStringLiteral("bodyHex")); }
    static Banner *banner(BodyView &view) { return view.findChild<Banner *>(QStringLiteral("bodyBanner")); }
};

void tst_BodyView::jsonIsPrettyPrintedAndColoured()
{
    BodyView view;
    view.setBody(R"({"b":1,"a":[true,null]})", "application/json");
    QCOMPARE(view.mode(), BodyView::Mode::Json);
    QCOMPARE(text(view)->toPlainText(), QStringLiteral("{\n  \"b\": 1,\n  \"a\": [\n    true,\n    null\n  ]\n}"));
    QVERIFY(text(view)->document()->findChild<JsonHighlighter *>());
    QVERIFY(banner(view)->isHidden());
}

void tst_BodyView::invalidJsonShowsBannerWithOffset()
{
    BodyView view;
    view.show();
    const QByteArray body = R"({"a": 1, "b": })";
    view.setBody(body, "application/vnd.api+json");
    QVERIFY(banner(view)->isVisible());
    QCOMPARE(banner(view)->text(), QStringLiteral("Not valid JSON: illegal value at offset 14"));
    QCOMPARE(banner(view)->textFormat(), Qt::PlainText);
    QCOMPARE(view.mode(), BodyView::Mode::Text);
    QCOMPARE(text(view)->toPlainText(), QString::fromUtf8(body)); // shown as sent
}

void tst_BodyView::jsonShapedTextWithoutClaimIsText()
{
    BodyView view;
    view.setBody("{not json", "text/plain");
    QVERIFY(banner(view)->isHidden()); // no claim, no complaint
    QCOMPARE(view.mode(), BodyView::Mode::Text);
}

void tst_BodyView::binaryBodyShowsHex()
{
    BodyView view;
    QByteArray body("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    view.setBody(body, "image/png");
    QCOMPARE(view.mode(), BodyView::Mode::Hex);
    const QString dump = hex(view)->toPlainText();
    QVERIFY2(dump.startsWith(QStringLiteral("00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  .PNG........IHDR")),
             qPrintable(dump));
    QCOMPARE(view.findChild<QStackedWidget *>()->currentWidget(), hex(view));
}

void tst_BodyView::markupIsShownNotRendered_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("html in text") << QByteArray("<b>bold</b> <img src=x onerror=alert(1)>") << QByteArray("text/html");
    QTest::newRow("html in json") << QByteArray(R"({"name": "<b>Ada</b>", "pic": "<img src=\"x\">"})")
                                  << QByteArray("application/json");
    QTest::newRow("html in broken json") << QByteArray(R"({"name": "<b>Ada</b>", "pic": "<img src=x>",)") << QByteArray("application/json");
}

void tst_BodyView::markupIsShownNotRendered()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    BodyView view;
    view.setBody(body, contentType);
    QVERIFY(text(view)->toPlainText().contains(QStringLiteral("<b>")));
    QVERIFY(text(view)->toPlainText().contains(QStringLiteral("<img src=")));
    for (QLabel *label : view.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
}

void tst_BodyView::emptyBody()
{
    BodyView view;
    view.setBody({}, {});
    QCOMPARE(view.mode(), BodyView::Mode::Empty);
    QCOMPARE(view.findChild<QLabel *>(QStringLiteral("bodyInfo"))->text(), QStringLiteral("No body"));
}

QTEST_MAIN(tst_BodyView)
#include "tst_bodyview.moc"
