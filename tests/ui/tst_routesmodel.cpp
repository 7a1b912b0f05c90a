#include "RoutesModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

class TestRoutesModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void editsUnderTheTester()
    {
        RoutesModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setKindIds({QStringLiteral("jicoo"), QStringLiteral("callback-request")});
        model.setRoutes({{QStringLiteral("/b"), QStringLiteral("jicoo")}, {QStringLiteral("/a"), QStringLiteral("jicoo")}});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, RoutesModel::PathColumn).data().toString(), QStringLiteral("/a")); // sorted
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QCOMPARE(model.appendRoute(QStringLiteral("/c"), QStringLiteral("callback-request")), 2);
        QCOMPARE(inserted.size(), 1);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(model.setData(model.index(2, RoutesModel::PathColumn), QStringLiteral(" /d ")));
        QCOMPARE(changed.size(), 1);
        QVERIFY(model.setData(model.index(2, RoutesModel::PathColumn), QStringLiteral("/d")));
        QCOMPARE(changed.size(), 1); // unchanged: no signal
        model.removeRoute(0);
        QCOMPARE(model.rowCount(), 2);
        model.removeRoute(7); // out of range: ignored
        QCOMPARE(model.routes(), (QHash<QString, QString>{{QStringLiteral("/b"), QStringLiteral("jicoo")},
                                                          {QStringLiteral("/d"), QStringLiteral("callback-request")}}));
        QVERIFY(model.problem().isEmpty());
    }

    void problems_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("problem");
        QTest::newRow("valid") << "/x" << "jicoo" << "";
        QTest::newRow("relative path") << "x" << "jicoo" << "starting with '/'";
        QTest::newRow("no kind") << "/x" << "" << "choose the kind";
        QTest::newRow("unknown kind") << "/x" << "shop" << "no kind 'shop'";
    }

    void problems()
    {
        QFETCH(QString, path);
        QFETCH(QString, kind);
        QFETCH(QString, problem);
        RoutesModel model;
        model.setKindIds({QStringLiteral("jicoo")});
        model.appendRoute(path, kind);
        if (problem.isEmpty())
            QVERIFY(model.problem().isEmpty());
        else
            QVERIFY2(model.problem().contains(problem), qPrintable(model.problem()));
    }
};

QTEST_MAIN(TestRoutesModel)

#include "tst_routesmodel.moc"
