#include "Banner.h"
#include "BodyView.h"
#include "JsonHighlighter.h"

#include <QFile>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace hookscope;

namespace {
// About `bytes` of JSON: an array of objects whose strings carry `tag`.
QByteArray bigJson(qsizetype bytes, const QByteArray &tag)
{
    QByteArray out = "[";
    for (int i = 0; out.size() < bytes; ++i)
        out += QByteArray(i ? "," : "") + "{\"i\":" + QByteArray::number(i) + ",\"tag\":\"" + tag + "\"}";
    return out + ']';
}
} // namespace

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
    void smallBodyIsShownAtOnce();
    void bigJsonIsFormattedOnAWorkerAndCut();
    void bigTextIsCutWithoutSplittingACharacter();
    void bigBinaryBodyShowsTheBeginningInHex();
    void newestBodyWins();
    void clearDropsTheBodyBeingFormatted();

private:
    static QPlainTextEdit *text(BodyView &view) { return view.findChild<QPlainTextEdit *>(QStringLiteral("bodyText")); }
    static QPlainTextEdit *hex(BodyView &view) { return view.findChild<QPlainTextEdit *>(QStringLiteral("bodyHex")); }
    static Banner *banner(BodyView &view) { return view.findChild<Banner *>(QStringLiteral("bodyBanner")); }
    static QLabel *info(BodyView &view) { return view.findChild<QLabel *>(QStringLiteral("bodyInfo")); }
    static QToolButton *save(BodyView &view) { return view.findChild<QToolButton *>(QStringLiteral("bodySave")); }
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

void tst_BodyView::smallBodyIsShownAtOnce()
{
    BodyView view;
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(R"({"a": 1})", "application/json");
    QCOMPARE(loaded.count(), 1); // before setBody() returned
    QVERIFY(!view.isLoading());
    QVERIFY(save(view)->isHidden());
    QVERIFY(!text(view)->toPlainText().contains(QStringLiteral("only the first")));
}

void tst_BodyView::bigJsonIsFormattedOnAWorkerAndCut()
{
    const QByteArray body = bigJson(3 * 1024 * 1024, "<b>big</b>");
    BodyView view;
    view.show();
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(body, "application/json");
    QVERIFY(view.isLoading());
    QCOMPARE(loaded.count(), 0);
    QVERIFY2(info(view)->text().startsWith(QStringLiteral("Formatting 3.0 MiB")), qPrintable(info(view)->text()));
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QVERIFY(!view.isLoading());
    QCOMPARE(view.mode(), BodyView::Mode::Json);
    const QString shown = text(view)->toPlainText();
    QVERIFY(shown.startsWith(QStringLiteral("[\n  {\n    \"i\": 0,\n    \"tag\": \"<b>big</b>\"\n  },")));
    QVERIFY2(shown.size() < BodyFormatter::kMaxShownBytes + 300, qPrintable(QString::number(shown.size())));
    QVERIFY2(shown.contains(QStringLiteral("only the first 128.0 KiB of 3.0 MiB are shown here")), qPrintable(shown.right(200)));
    QVERIFY(info(view)->text().contains(QStringLiteral("the first 128.0 KiB shown")));
    QVERIFY(!text(view)->document()->findChild<JsonHighlighter *>()); // only whole bodies are coloured
    QVERIFY(save(view)->isVisibleTo(&view));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("body.json"));
    QString error;
    QVERIFY2(view.saveBody(path, &error), qPrintable(error));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), body); // all of it, not the part shown
}

void tst_BodyView::bigTextIsCutWithoutSplittingACharacter()
{
    // "é" is two bytes: an odd limit would fall inside one.
    const QByteArray body = "x" + QByteArray(BodyFormatter::kMaxShownBytes, 'a').replace("aa", "\xc3\xa9");
    const BodyFormat format = BodyFormatter::format(body, "text/plain");
    QCOMPARE(format.mode, BodyMode::Text);
    QVERIFY(format.cut);
    const QString firstLine = format.text.section(QLatin1Char('\n'), 0, 0);
    QVERIFY(!firstLine.contains(QChar::ReplacementCharacter));
    QCOMPARE(firstLine, QStringLiteral("x") + QString((BodyFormatter::kMaxShownBytes - 1) / 2, QChar(0xe9)));
}

void tst_BodyView::bigBinaryBodyShowsTheBeginningInHex()
{
    QByteArray body(2 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 7);
    BodyView view;
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(body, "application/octet-stream");
    QVERIFY(view.isLoading());
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QCOMPARE(view.mode(), BodyView::Mode::Hex);
    const QString dump = hex(view)->toPlainText();
    QCOMPARE(dump.count(QLatin1Char('\n')), int(BodyFormatter::kMaxHex / 16) + 1);
    QVERIFY2(dump.trimmed().endsWith(QStringLiteral("… %1 more bytes not shown").arg(body.size() - BodyFormatter::kMaxHex)),
             qPrintable(dump.right(100)));
    QVERIFY(info(view)->text().contains(QStringLiteral("hex dump of the first 64.0 KiB")));
    QVERIFY(!save(view)->isHidden());
}

void tst_BodyView::newestBodyWins()
{
    BodyView view;
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(bigJson(2 * 1024 * 1024, "first"), "application/json");
    view.setBody(bigJson(1024 * 1024, "second"), "application/json");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QCoreApplication::processEvents(); // the first result, if it were not dropped, came earlier
    QCOMPARE(loaded.count(), 1);
    QVERIFY(text(view)->toPlainText().contains(QStringLiteral("\"second\"")));
    QVERIFY(!text(view)->toPlainText().contains(QStringLiteral("\"first\"")));
}

void tst_BodyView::clearDropsTheBodyBeingFormatted()
{
    BodyView view;
    QSignalSpy loaded(&view, &BodyView::loaded);
    view.setBody(bigJson(2 * 1024 * 1024, "dropped"), "application/json");
    view.clear();
    QVERIFY(!view.isLoading());
    view.setBody(bigJson(1024 * 1024, "kept"), "text/plain");
    QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, 30'000);
    QCOMPARE(view.mode(), BodyView::Mode::Json); // JSON-shaped: formatted as JSON
    QVERIFY(text(view)->toPlainText().contains(QStringLiteral("kept")));
    QVERIFY(!text(view)->toPlainText().contains(QStringLiteral("dropped")));
}

QTEST_MAIN(tst_BodyView)
#include "tst_bodyview.moc"
