// Issue 27 point 2: the saved views file. A hand-edited file that is broken, huge or holds bad
// views gives a clear error and loses nothing; the packs' examples parse as queries.
#include "query/EventQuery.h"
#include "query/SavedViewSet.h"
#include "schema/KindCatalog.h"
#include "enrich/DefaultInspector.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace hookscope;

class tst_SavedViewSet final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void roundTripKeepsEveryMember();
    void unusableFileIsRefusedWithItsReason_data();
    void unusableFileIsRefusedWithItsReason();
    void unusableViewIsLeftOutAndNamed_data();
    void unusableViewIsLeftOutAndNamed();
    void badQueryIsKeptAsWritten();
    void tooManyViewsKeepTheFirst();
    void loadNamesTheFileAndReadsAtMostTheLimit();
    void keepAsideCopiesTheDamagedFile();
    void shippedExamplesParse();
    void userFileSitsBesideTheAnswerRules();
};

void tst_SavedViewSet::roundTripKeepsEveryMember()
{
    const QList<SavedView> views = {
        {.name = QStringLiteral("Slow & late"), .query = QStringLiteral("latency > 8s"),
         .columns = {QStringLiteral("time"), QStringLiteral("kind")}, .sortColumn = QStringLiteral("time"),
         .sortDescending = false, .vendor = QStringLiteral("cubu")},
        {.name = QStringLiteral("<b>all</b>"), .query = {}, .columns = {}, .sortColumn = {}, .sortDescending = true, .vendor = {}},
    };
    QList<SavedView> back;
    QString error;
    QStringList problems;
    QVERIFY2(SavedViewSet::fromJson(SavedViewSet::toJson(views), &back, &error, &problems), qPrintable(error));
    QVERIFY(problems.isEmpty());
    QCOMPARE(back, views);
}

void tst_SavedViewSet::unusableFileIsRefusedWithItsReason_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");
    QTest::newRow("not JSON") << QByteArray("{\"views\": [") << QStringLiteral("not JSON: ");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("not JSON: ");
    QTest::newRow("a list, not an object") << QByteArray("[]") << QStringLiteral("a views file is a JSON object");
    QTest::newRow("views not a list") << QByteArray(R"({"views": {}})") << QStringLiteral("a views file is a JSON object");
    QTest::newRow("over 1 MiB") << (QByteArray(R"({"views": [], "pad": ")") + QByteArray(SavedViewSet::kMaxFileBytes, 'x') + "\"}")
                                << QStringLiteral("a views file is at most 1024 KiB");
}

void tst_SavedViewSet::unusableFileIsRefusedWithItsReason()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    SavedView stale;
    stale.name = QStringLiteral("stale");
    QList<SavedView> views{stale};
    QString why;
    QStringList problems;
    QVERIFY(!SavedViewSet::fromJson(json, &views, &why, &problems));
    QVERIFY2(why.startsWith(error), qPrintable(why));
    QVERIFY(views.isEmpty());
}

void tst_SavedViewSet::unusableViewIsLeftOutAndNamed_data()
{
    QTest::addColumn<QByteArray>("view");
    QTest::addColumn<QString>("problem");
    QTest::newRow("not an object") << QByteArray("3") << QStringLiteral("view 2: a view is a JSON object");
    QTest::newRow("no name") << QByteArray(R"({"query": "status = 500"})") << QStringLiteral("view 2: 'name' must be a non-empty text");
    QTest::newRow("blank name") << QByteArray(R"({"name": "  "})") << QStringLiteral("view 2: 'name' must be a non-empty text");
    QTest::newRow("name too long") << (R"({"name": ")" + QByteArray(SavedViewSet::kMaxNameLength + 1, 'n') + "\"}")
                                   << QStringLiteral("view 2: 'name' is longer than 200 characters");
    QTest::newRow("query a number") << QByteArray(R"({"name": "x", "query": 5})") << QStringLiteral("view 2: 'query' must be a text");
    QTest::newRow("query too long") << (R"({"name": "x", "query": ")" + QByteArray(SavedViewSet::kMaxQueryLength + 1, 'q') + "\"}")
                                    << QStringLiteral("view 2: 'query' is longer than 8192 characters");
    QTest::newRow("columns not a list") << QByteArray(R"({"name": "x", "columns": "time"})")
                                        << QStringLiteral("view 2: 'columns' must be a list of column names");
    QTest::newRow("a column not a text") << QByteArray(R"({"name": "x", "columns": ["time", null]})")
                                         << QStringLiteral("view 2: 'columns' must be a list of column names");
    QTest::newRow("sort order unknown") << QByteArray(R"({"name": "x", "sort": {"column": "time", "order": "up"}})")
                                        << QStringLiteral("view 2: 'sort' is {\"column\": \"time\", \"order\": \"ascending\" or \"descending\"}");
    QTest::newRow("sort column empty") << QByteArray(R"({"name": "x", "sort": {"column": "", "order": "ascending"}})")
                                       << QStringLiteral("view 2: 'sort' is {\"column\": \"time\", \"order\": \"ascending\" or \"descending\"}");
    QTest::newRow("sort a text") << QByteArray(R"({"name": "x", "sort": "time"})")
                                 << QStringLiteral("view 2: 'sort' is {\"column\": \"time\", \"order\": \"ascending\" or \"descending\"}");
    QTest::newRow("vendor a list") << QByteArray(R"({"name": "x", "vendor": []})") << QStringLiteral("view 2: 'vendor' must be a pack id");
}

void tst_SavedViewSet::unusableViewIsLeftOutAndNamed()
{
    QFETCH(QByteArray, view);
    QFETCH(QString, problem);
    const QByteArray json = R"({"views": [{"name": "first", "query": "status >= 500"}, )" + view
        + R"(, {"name": "third"}]})";
    QList<SavedView> views;
    QString error;
    QStringList problems;
    QVERIFY2(SavedViewSet::fromJson(json, &views, &error, &problems), qPrintable(error));
    QCOMPARE(problems, QStringList{problem});
    QCOMPARE(views.size(), 2); // the others load
    QCOMPARE(views.at(0).name, QStringLiteral("first"));
    QCOMPARE(views.at(1).name, QStringLiteral("third"));
}

void tst_SavedViewSet::badQueryIsKeptAsWritten()
{
    // The file does not judge queries: the list shows why one fails, and the next save keeps it.
    const QByteArray json = R"({"views": [{"name": "typo", "query": "status >= (500"}]})";
    QList<SavedView> views;
    QString error;
    QStringList problems;
    QVERIFY(SavedViewSet::fromJson(json, &views, &error, &problems));
    QCOMPARE(views.size(), 1);
    QCOMPARE(views.at(0).query, QStringLiteral("status >= (500"));
    QVERIFY(!EventQuery::filterFor(views.at(0).query, {}).ok());
}

void tst_SavedViewSet::tooManyViewsKeepTheFirst()
{
    QByteArray json = R"({"views": [)";
    for (int i = 0; i < SavedViewSet::kMaxViews + 5; ++i)
        json += (i ? "," : "") + QByteArray(R"({"name": "v)") + QByteArray::number(i) + "\"}";
    json += "]}";
    QList<SavedView> views;
    QString error;
    QStringList problems;
    QVERIFY(SavedViewSet::fromJson(json, &views, &error, &problems));
    QCOMPARE(views.size(), SavedViewSet::kMaxViews);
    QCOMPARE(views.last().name, QStringLiteral("v499"));
    QCOMPARE(problems, QStringList{QStringLiteral("views after the first 500 are left out")});
}

void tst_SavedViewSet::loadNamesTheFileAndReadsAtMostTheLimit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("views.json"));
    QVERIFY(!SavedViewSet::load(path).exists);
    QVERIFY(!SavedViewSet::load(path).damaged());
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"views": [{"name": "ok"}, {"name": 1}]})");
    file.write(QByteArray(4 * SavedViewSet::kMaxFileBytes, ' ')); // a huge file: only limit + 1 bytes are read
    file.close();
    const SavedViewSet::Loaded loaded = SavedViewSet::load(path);
    QVERIFY(loaded.exists);
    QCOMPARE(loaded.error, path + QStringLiteral(": a views file is at most 1024 KiB"));
    QVERIFY(loaded.views.isEmpty());
    QVERIFY(loaded.damaged());

    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(R"({"views": [{"name": "ok"}, {"name": 1}]})");
    file.close();
    const SavedViewSet::Loaded partly = SavedViewSet::load(path);
    QCOMPARE(partly.views.size(), 1);
    QCOMPARE(partly.problems, QStringList{path + QStringLiteral(": view 2: 'name' must be a non-empty text")});
}

void tst_SavedViewSet::keepAsideCopiesTheDamagedFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("views.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ hand-edited, broken");
    file.close();
    const QString first = SavedViewSet::keepAside(path);
    QCOMPARE(first, path + QStringLiteral(".broken"));
    const QString second = SavedViewSet::keepAside(path);
    QCOMPARE(second, path + QStringLiteral(".broken2"));
    QFile kept(first);
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.readAll(), QByteArray("{ hand-edited, broken"));
    QString error;
    SavedView fresh;
    fresh.name = QStringLiteral("new");
    QVERIFY2(SavedViewSet::save(path, {fresh}, &error), qPrintable(error));
    QCOMPARE(SavedViewSet::load(path).views.size(), 1);
}

void tst_SavedViewSet::shippedExamplesParse()
{
    const std::shared_ptr<const KindCatalog> catalog = appKindCatalog();
    QStringList packs;
    for (const Pack &pack : catalog->packs())
        packs.append(pack.id);
    for (const char *vendor : {"cubu", "pexip-engage", "jicoo", "highlevel"})
        QVERIFY2(packs.contains(QLatin1String(vendor)), vendor);
    const QString packsDir = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/resources/packs");
    QStringList problems;
    const QList<SavedView> views = SavedViewSet::shipped(packsDir, packs, &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    QSet<QString> vendors;
    const QueryContext context = EventQuery::contextFor(catalog);
    static const QRegularExpression kindTerm(QStringLiteral("\\bkind = ([^ )]+)"));
    for (const SavedView &view : views) {
        vendors.insert(view.vendor);
        const EventQuery::Result query = EventQuery::filterFor(view.query, context);
        QVERIFY2(query.ok(), qPrintable(view.name + QStringLiteral(": ") + query.error.toString()));
        QVERIFY2(query.isQuery, qPrintable(view.name)); // a query, not "contains" text
        // A kind the query names is one the catalog has (the parser takes any text there).
        for (auto it = kindTerm.globalMatch(view.query); it.hasNext();) {
            const QString kind = it.next().captured(1);
            QVERIFY2(catalog->kind(kind), qPrintable(view.name + QStringLiteral(": kind ") + kind));
        }
    }
    QCOMPARE(vendors, (QSet<QString>{QStringLiteral("cubu"), QStringLiteral("pexip-engage"), QStringLiteral("jicoo"),
                                     QStringLiteral("highlevel")}));
    const auto slow = std::find_if(views.cbegin(), views.cend(),
                                   [](const SavedView &v) { return v.name == QLatin1String("Before Book answered slowly"); });
    QVERIFY(slow != views.cend());
    QCOMPARE(slow->query, QStringLiteral("kind = before-book-appointment and latency > 8s"));
}

void tst_SavedViewSet::userFileSitsBesideTheAnswerRules()
{
    QCOMPARE(QFileInfo(SavedViewSet::userFile()).fileName(), QStringLiteral("views.json"));
    QCOMPARE(QFileInfo(SavedViewSet::userFile()).absolutePath(),
             QDir(QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)).absolutePath());
}

QTEST_GUILESS_MAIN(tst_SavedViewSet)
#include "tst_savedviewset.moc"
