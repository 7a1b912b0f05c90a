#include "FakeInspector.h"
#include "HoldController.h"
#include "RespondScreenshot.h"
#include "TestWindow.h"
#include "hold/HoldDesk.h"

#include <QDockWidget>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace hookscope;

// `--screenshot respond:FILE`: the picture shows the Respond panel on a held Before Book hook
// (a real sample through the real receiver), and the hook is answered once it is taken.
class TestRespondScreenshot final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { TestWindow::useTestSettings(); }

    void shootsTheRespondPanelOnAHeldHook()
    {
        QString error;
        const std::unique_ptr<TestWindow> t = TestWindow::open(&error);
        QVERIFY2(t, qPrintable(error));
        MainWindow *window = t->window();
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("respond.png"));
        qint64 heldId = 0;
        int held = 0;
        connect(window->holdDesk(), &HoldDesk::held, this, [&](const HeldRequest &request) {
            heldId = request.id;
            ++held;
        });

        QVERIFY2(RespondScreenshot::shoot(*window, file, &error), qPrintable(error));

        QVERIFY(heldId > 0);
        QCOMPARE(held, 2); // the picture shows a queue of two
        QCOMPARE(window->holdDesk()->count(), 0); // both answered after the picture…
        QTRY_VERIFY(!window->holdController()->dock()->isVisible()); // …and the dock closed again
        QImage image(file);
        QVERIFY(!image.isNull());
        QCOMPARE(image.size(), window->size());
        // The panel's side is not an empty area: text, buttons, the fields table.
        const int left = image.width() - window->holdController()->dock()->width();
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 3) {
            for (int x = left; x < image.width(); x += 3)
                colours.insert(image.pixel(x, y));
        }
        QVERIFY2(colours.size() > 40, qPrintable(QString::number(colours.size())));
    }
};

QTEST_MAIN(TestRespondScreenshot)

#include "tst_respondscreenshot.moc"
