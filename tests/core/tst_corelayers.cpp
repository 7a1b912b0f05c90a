#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// scripts/check-core-layers.sh (the ctest core_layers) against small source trees that break the
// order of core/layers.txt on purpose: it must fail naming the file and line, and print the order.
// The trees use the real core/layers.txt, so a row breaks when the order changes under it.
using namespace Qt::StringLiterals;

class TestCoreLayers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void check_data()
    {
        // files: "path: line 1\nline 2 …"; expected: every substring must be in the output.
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QStringList>("expected");

        const QStringList order{QStringLiteral("Allowed order"), QStringLiteral("event < util < platform")};
        QTest::newRow("store including http (above it) fails at its line")
            << QStringList{u"core/http/Receiver.h: #pragma once"_s,
                           u"core/store/EventStore.cpp: #include \"EventStore.h\"\n\n#include \"http/Receiver.h\""_s,
                           u"core/store/EventStore.h: #pragma once"_s}
            << 1 << QStringList{u"core/store/EventStore.cpp:3:"_s, u"http is above store"_s} + order;
        QTest::newRow("siblings on one level (schema, store) may not include each other")
            << QStringList{u"core/store/EventStore.h: #pragma once"_s,
                           u"core/schema/Kind.cpp: // a comment\n#include \"store/EventStore.h\""_s}
            << 1 << QStringList{u"core/schema/Kind.cpp:2:"_s, u"siblings"_s} + order;
        QTest::newRow("a bare include that resolves to core's root fails")
            << QStringList{u"core/Log.h: #pragma once"_s, u"core/store/EventStore.cpp: #include \"Log.h\""_s}
            << 1 << QStringList{u"core/store/EventStore.cpp:1:"_s, u"core/Log.h: a source file at core/'s root"_s};
        QTest::newRow("core including ui/ through a relative path fails")
            << QStringList{u"ui/MainWindow.h: #pragma once"_s,
                           u"core/http/Receiver.cpp:   #  include \"../../ui/MainWindow.h\""_s}
            << 1 << QStringList{u"core/http/Receiver.cpp:1:"_s, u"never includes from ui/ or app/"_s};
        QTest::newRow("core including the top-level app/ fails")
            << QStringList{u"app/Main.h: #pragma once"_s, u"core/event/Event.h: #include \"../../app/Main.h\""_s}
            << 1 << QStringList{u"core/event/Event.h:1:"_s, u"never includes from ui/ or app/"_s};
        QTest::newRow("an include in angle brackets is resolved through core/ too")
            << QStringList{u"core/hold/HoldDesk.h: #pragma once"_s,
                           u"core/enrich/Worker.cpp: #include <QString>\n#include <hold/HoldDesk.h>"_s}
            << 1 << QStringList{u"core/enrich/Worker.cpp:2:"_s, u"siblings"_s} + order;
        QTest::newRow("a folder the order does not list fails")
            << QStringList{u"core/gadgets/Gadget.cpp: #include \"Gadget.h\""_s, u"core/gadgets/Gadget.h: #pragma once"_s}
            << 1 << QStringList{u"core/gadgets/ is not in core/layers.txt"_s};
        QTest::newRow("downward and same-folder includes pass")
            << QStringList{u"core/event/Event.h: #pragma once"_s, u"core/store/EventStore.h: #include \"event/Event.h\""_s,
                           u"core/http/Receiver.cpp: #include \"Receiver.h\"\n#include \"store/EventStore.h\"\n"
                           "#include \"ui_generated.h\""_s,
                           u"core/http/Receiver.h: #include \"event/Event.h\""_s,
                           u"core/app/Main.cpp: #include \"http/Receiver.h\""_s}
            << 0 << QStringList{u"core/ includes only downwards: event < util"_s};
    }

    void check()
    {
        QFETCH(QStringList, files);
        QFETCH(int, exitCode);
        QFETCH(QStringList, expected);

        QTemporaryDir root;
        QVERIFY(root.isValid());
        QDir dir(root.path());
        QVERIFY(dir.mkpath(u"core"_s));
        QVERIFY(QFile::copy(QStringLiteral(HOOKSCOPE_SOURCE_DIR "/core/layers.txt"), dir.filePath(u"core/layers.txt"_s)));
        for (const QString &spec : std::as_const(files)) {
            const qsizetype colon = spec.indexOf(u": "_s);
            QVERIFY2(colon > 0, qPrintable(spec));
            const QString path = dir.filePath(spec.left(colon));
            QVERIFY(dir.mkpath(QFileInfo(path).path()));
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(spec.mid(colon + 2).toUtf8() + '\n');
        }

        QProcess check;
        check.setProcessChannelMode(QProcess::MergedChannels);
        check.start(u"sh"_s, {QStringLiteral(HOOKSCOPE_SOURCE_DIR "/scripts/check-core-layers.sh"), root.path()});
        QVERIFY(check.waitForFinished(30000));
        const QString output = QString::fromUtf8(check.readAll());
        QCOMPARE(check.exitStatus(), QProcess::NormalExit);
        QVERIFY2(check.exitCode() == exitCode, qPrintable(output));
        for (const QString &text : std::as_const(expected))
            QVERIFY2(output.contains(text), qPrintable(u"missing \"%1\" in:\n%2"_s.arg(text, output)));
    }
};

QTEST_GUILESS_MAIN(TestCoreLayers)
#include "tst_corelayers.moc"
