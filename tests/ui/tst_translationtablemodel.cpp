#include "TranslationDelegate.h"
#include "TranslationTableModel.h"
#include "translate/TranslationReport.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTableView>
#include <QTest>

using namespace hookscope;

namespace {

const QString kData = QStringLiteral(HOOKSCOPE_SOURCE_DIR "/tests/data/translations/");
using CellState = TranslationTableModel::CellState;

std::shared_ptr<const TranslationIndex> indexOf(const QByteArray &json)
{
    std::optional<TranslationIndex> index = TranslationIndex::fromJson(json);
    return index ? std::make_shared<const TranslationIndex>(std::move(*index)) : nullptr;
}

QByteArray fileBytes(const QString &name)
{
    QFile file(kData + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

int rowOf(const TranslationTableModel &model, const QString &pointer)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, TranslationTableModel::PointerColumn).data().toString() == pointer)
            return row;
    }
    return -1;
}

// Text with markup, tabs and a line break: shown and copied exactly as sent.
const QByteArray kTricky = R"({"translations": {"label": [
    {"language": "en", "value": "<b>Bold</b>\tand\nmore"},
    {"language": "nl", "value": "back\\slash"}
]}, "other": {"translations": {"label": [{"language": "en", "value": "x"}]}}})";

} // namespace

class tst_TranslationTableModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void modelTesterWhileSwapping();
    void oneResetPerEvent();
    void headersNameLanguages_data();
    void headersNameLanguages();
    void cells_data();
    void cells();
    void fixedColumnsShowOwnerAndPointer();
    void rightToLeftColumns_data();
    void rightToLeftColumns();
    void tsvOfSelection_data();
    void tsvOfSelection();
    void columnAndTableTsv();
    void delegateMarksProblems_data();
    void delegateMarksProblems();
};

void tst_TranslationTableModel::modelTesterWhileSwapping()
{
    TranslationTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(TranslationTableModel::FixedColumnCount));
    const QStringList files = {QStringLiteral("missing-languages.json"), QStringLiteral("duplicates.json"),
                               QStringLiteral("right-to-left.json"), QStringLiteral("empty-and-null.json"),
                               QStringLiteral("nested-answers.json")};
    for (const QString &file : files) {
        auto index = indexOf(fileBytes(file));
        QVERIFY2(index, qPrintable(file));
        model.setTranslations(index);
        QCOMPARE(model.rowCount(), int(index->fieldCount()));
        QCOMPARE(model.columnCount(), TranslationTableModel::FixedColumnCount + int(index->languages().size()));
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), int(TranslationTableModel::FixedColumnCount));
    model.setTranslations(nullptr); // the same as clear()
    QCOMPARE(model.rowCount(), 0);
}

void tst_TranslationTableModel::oneResetPerEvent()
{
    TranslationTableModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.setTranslations(indexOf(fileBytes(QStringLiteral("missing-languages.json"))));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(inserted.size(), 0);
}

void tst_TranslationTableModel::headersNameLanguages_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("headers");
    QTest::addColumn<QStringList>("codes");
    QTest::newRow("native names, in order of first appearance")
        << fileBytes(QStringLiteral("missing-languages.json"))
        << QStringList{QStringLiteral("Field"), QStringLiteral("Pointer"), QStringLiteral("en — English"),
                       QStringLiteral("nl — Nederlands"), QStringLiteral("fr — français"), QStringLiteral("de — Deutsch")}
        << QStringList{QString(), QString(), QStringLiteral("en"), QStringLiteral("nl"), QStringLiteral("fr"),
                       QStringLiteral("de")};
    QTest::newRow("unknown codes shown as sent")
        << QByteArray(R"({"t": [{"language": "string", "value": "a"}, {"language": "xx-<b>", "value": "b"}]})")
        << QStringList{QStringLiteral("Field"), QStringLiteral("Pointer"), QStringLiteral("string"), QStringLiteral("xx-<b>")}
        << QStringList{QString(), QString(), QStringLiteral("string"), QStringLiteral("xx-<b>")};
}

void tst_TranslationTableModel::headersNameLanguages()
{
    QFETCH(QByteArray, json);
    QFETCH(QStringList, headers);
    QFETCH(QStringList, codes);
    TranslationTableModel model;
    model.setTranslations(indexOf(json));
    QStringList shown;
    QStringList shownCodes;
    for (int column = 0; column < model.columnCount(); ++column) {
        shown << model.headerData(column, Qt::Horizontal).toString();
        shownCodes << model.headerData(column, Qt::Horizontal, TranslationTableModel::LanguageRole).toString();
        QCOMPARE(model.languageAt(column), shownCodes.last());
        if (!shownCodes.last().isEmpty())
            QCOMPARE(model.columnOf(shownCodes.last()), column);
    }
    QCOMPARE(shown, headers);
    QCOMPARE(shownCodes, codes);
    QCOMPARE(model.columnOf(QStringLiteral("zz")), -1);
}

void tst_TranslationTableModel::cells_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("state");
    QTest::addColumn<int>("occurrences");
    QTest::addColumn<QString>("node");
    QTest::addColumn<QString>("tsv");

    const QString missing = QStringLiteral("missing-languages.json");
    const QString dup = QStringLiteral("duplicates.json");
    const QString empty = QStringLiteral("empty-and-null.json");
    const QString subject = QStringLiteral("/data/callbackRequest/subject/translations/");
    const QString office = QStringLiteral("/data/callbackRequest/office/translations/");
    QTest::newRow("text points at its item's value")
        << missing << subject + "name" << "nl" << "Leningen" << int(CellState::Text) << 1 << subject + "name/1/value"
        << "Leningen";
    QTest::newRow("missing language points at the array")
        << missing << subject + "description" << "nl" << "" << int(CellState::Missing) << 0 << subject + "description"
        << "\\-";
    QTest::newRow("field with no item at all is missing everywhere")
        << missing << office + "directions" << "en" << "" << int(CellState::Missing) << 0 << office + "directions" << "\\-";
    QTest::newRow("only language of its field")
        << missing << office + "parkingInfo" << "nl" << "Ondergrondse parking" << int(CellState::Text) << 1
        << office + "parkingInfo/0/value" << "Ondergrondse parking";
    QTest::newRow("duplicate shows the first and counts all")
        << dup << "/office/translations/name" << "nl" << "Brugge" << int(CellState::Text) << 3
        << "/office/translations/name/1/value" << "Brugge";
    QTest::newRow("empty string") << empty << "/location/translations/city" << "en" << "" << int(CellState::Empty) << 1
                                  << "/location/translations/city/0/value" << "";
    QTest::newRow("null value") << empty << "/location/translations/street2" << "nl" << "" << int(CellState::Null) << 1
                                << "/location/translations/street2/1/value" << "\\N";
    QTest::newRow("whitespace is text") << empty << "/location/translations/street2" << "fr" << "  "
                                        << int(CellState::Text) << 1 << "/location/translations/street2/2/value" << "  ";
    QTest::newRow("blank-language item is skipped in the index")
        << empty << "/location/translations/state" << "nl" << "Vlaams-Brabant" << int(CellState::Text) << 1
        << "/location/translations/state/2/value" << "Vlaams-Brabant";
}

void tst_TranslationTableModel::cells()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(QString, language);
    QFETCH(QString, text);
    QFETCH(int, state);
    QFETCH(int, occurrences);
    QFETCH(QString, node);
    QFETCH(QString, tsv);
    TranslationTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTranslations(indexOf(fileBytes(file)));
    const int row = rowOf(model, pointer);
    QVERIFY(row >= 0);
    const int column = model.columnOf(language);
    QVERIFY(column >= TranslationTableModel::FixedColumnCount);
    const QModelIndex cell = model.index(row, column);
    QCOMPARE(cell.data().toString(), text);
    QCOMPARE(cell.data(TranslationTableModel::CellStateRole).toInt(), state);
    QCOMPARE(cell.data(TranslationTableModel::OccurrencesRole).toInt(), occurrences);
    QCOMPARE(cell.data(TranslationTableModel::NodePointerRole).toString(), node);
    QCOMPARE(cell.data(TranslationTableModel::TsvRole).toString(), tsv);
    QCOMPARE(cell.data(TranslationTableModel::LanguageRole).toString(), language);
    QVERIFY(!cell.data(Qt::ToolTipRole).toString().isEmpty());
    QCOMPARE(cell.flags() & Qt::ItemIsEditable, Qt::ItemFlags());
}

void tst_TranslationTableModel::fixedColumnsShowOwnerAndPointer()
{
    TranslationTableModel model;
    model.setTranslations(indexOf(fileBytes(QStringLiteral("missing-languages.json"))));
    const int row = rowOf(model, QStringLiteral("/data/callbackRequest/office/translations/parkingInfo"));
    QVERIFY(row >= 0);
    const QModelIndex owner = model.index(row, TranslationTableModel::FieldColumn);
    QCOMPARE(owner.data().toString(), QStringLiteral("office › parkingInfo"));
    QCOMPARE(owner.data(TranslationTableModel::NodePointerRole).toString(),
             QStringLiteral("/data/callbackRequest/office/translations/parkingInfo"));
    QCOMPARE(owner.data(TranslationTableModel::CellStateRole).toInt(), int(CellState::NotACell));
    QVERIFY(owner.data(Qt::ToolTipRole).toString().contains(QStringLiteral("/data/callbackRequest/office")));
    const int empty = rowOf(model, QStringLiteral("/data/callbackRequest/office/translations/directions"));
    QVERIFY(model.index(empty, TranslationTableModel::FieldColumn).data(Qt::ToolTipRole).toString().contains(
        QStringLiteral("empty")));
    // Markup, tabs and line breaks are data: DisplayRole keeps them, TSV escapes the separators.
    model.setTranslations(indexOf(kTricky));
    const int tricky = rowOf(model, QStringLiteral("/translations/label"));
    const QModelIndex en = model.index(tricky, model.columnOf(QStringLiteral("en")));
    QCOMPARE(en.data().toString(), QStringLiteral("<b>Bold</b>\tand\nmore"));
    QCOMPARE(en.data(TranslationTableModel::TsvRole).toString(), QStringLiteral("<b>Bold</b>\\tand\\nmore"));
    QCOMPARE(model.index(tricky, model.columnOf(QStringLiteral("nl"))).data(TranslationTableModel::TsvRole).toString(),
             QStringLiteral("back\\\\slash"));
}

void tst_TranslationTableModel::rightToLeftColumns_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("rightToLeft");
    QTest::newRow("arabic") << "ar" << true;
    QTest::newRow("hebrew") << "he" << true;
    QTest::newRow("persian") << "fa" << true;
    QTest::newRow("english") << "en" << false;
}

void tst_TranslationTableModel::rightToLeftColumns()
{
    QFETCH(QString, language);
    QFETCH(bool, rightToLeft);
    TranslationTableModel model;
    model.setTranslations(indexOf(fileBytes(QStringLiteral("right-to-left.json"))));
    const QModelIndex cell = model.index(0, model.columnOf(language));
    QCOMPARE(cell.data(TranslationTableModel::RightToLeftRole).toBool(), rightToLeft);
    const QVariant alignment = cell.data(Qt::TextAlignmentRole);
    QCOMPARE(alignment.isValid(), rightToLeft);
    if (rightToLeft)
        QCOMPARE(alignment.value<Qt::Alignment>() & Qt::AlignHorizontal_Mask, Qt::Alignment(Qt::AlignRight));

    QTableView view;
    view.setModel(&model);
    TranslationDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(&view);
    delegate.initStyleOption(&option, cell);
    QCOMPARE(option.direction, rightToLeft ? Qt::RightToLeft : Qt::LeftToRight);
    if (rightToLeft) // pinned to the right even though the window runs left to right
        QCOMPARE(option.displayAlignment & (Qt::AlignHorizontal_Mask | Qt::AlignAbsolute),
                 Qt::AlignRight | Qt::AlignAbsolute);
}

void tst_TranslationTableModel::tsvOfSelection_data()
{
    QTest::addColumn<QList<QPoint>>("cells"); // (column, row) pairs; x = column
    QTest::addColumn<QString>("tsv");
    const int en = TranslationTableModel::FixedColumnCount;
    const int nl = en + 1;
    const int fr = en + 2;
    // Rows of missing-languages.json, in scan order (members sorted by name): office › directions,
    // office › name, office › parkingInfo, subject › description, subject › name.
    QTest::newRow("one cell") << QList<QPoint>{{nl, 4}} << "Leningen\n";
    QTest::newRow("a row across languages, missing marked")
        << QList<QPoint>{{en, 3}, {nl, 3}, {fr, 3}} << "All about loans\t\\-\tTout sur les prêts\n";
    QTest::newRow("a column of texts") << QList<QPoint>{{en, 3}, {en, 4}} << "All about loans\nLoans\n";
    QTest::newRow("holes in the rectangle stay empty")
        << QList<QPoint>{{en, 3}, {fr, 4}} << "All about loans\t\n\tPrêts\n";
    QTest::newRow("selection order does not matter")
        << QList<QPoint>{{nl, 3}, {TranslationTableModel::FieldColumn, 4}, {nl, 4}}
        << "\t\\-\nsubject › name\tLeningen\n";
}

void tst_TranslationTableModel::tsvOfSelection()
{
    QFETCH(QList<QPoint>, cells);
    QFETCH(QString, tsv);
    TranslationTableModel model;
    model.setTranslations(indexOf(fileBytes(QStringLiteral("missing-languages.json"))));
    QCOMPARE(model.languageAt(TranslationTableModel::FixedColumnCount + 1), QStringLiteral("nl"));
    QCOMPARE(model.index(4, TranslationTableModel::FieldColumn).data().toString(), QStringLiteral("subject › name"));
    QModelIndexList indexes;
    for (const QPoint &cell : cells)
        indexes.append(model.index(cell.y(), cell.x()));
    QCOMPARE(model.tsvOf(indexes), tsv);
    QCOMPARE(model.tsvOf({}), QString());
}

void tst_TranslationTableModel::columnAndTableTsv()
{
    TranslationTableModel model;
    model.setTranslations(indexOf(fileBytes(QStringLiteral("missing-languages.json"))));
    QCOMPARE(model.columnTsv(model.columnOf(QStringLiteral("nl"))),
             QStringLiteral("nl\n\\-\nAntwerpen\nOndergrondse parking\n\\-\nLeningen\n"));
    QCOMPARE(model.columnTsv(TranslationTableModel::FieldColumn),
             QStringLiteral("owner\noffice › directions\noffice › name\noffice › parkingInfo\nsubject › "
                            "description\nsubject › name\n"));
    QCOMPARE(model.columnTsv(99), QString());
    // The whole table is what `hookscope translations` prints.
    QCOMPARE(model.tableTsv(), TranslationReport::tsv(model.translations()));
    QVERIFY(model.tableTsv().startsWith(QStringLiteral("pointer\towner\ten\tnl\tfr\tde\n")));
}

void tst_TranslationTableModel::delegateMarksProblems_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("pointer");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<bool>("highlighted");
    QTest::addColumn<bool>("italic");
    QTest::newRow("plain text is left alone")
        << "missing-languages.json" << "/data/callbackRequest/subject/translations/name" << "nl" << "Leningen" << false << false;
    QTest::newRow("missing says so on a warning background")
        << "missing-languages.json" << "/data/callbackRequest/subject/translations/description" << "nl" << "missing"
        << true << true;
    QTest::newRow("duplicate counts its items") << "duplicates.json" << "/office/translations/name" << "nl"
                                                << "Brugge  ×3" << true << false;
    QTest::newRow("empty string") << "empty-and-null.json" << "/location/translations/city" << "en" << "(empty)" << true
                                  << true;
    QTest::newRow("null") << "empty-and-null.json" << "/location/translations/street2" << "nl" << "null" << true << true;
}

void tst_TranslationTableModel::delegateMarksProblems()
{
    QFETCH(QString, file);
    QFETCH(QString, pointer);
    QFETCH(QString, language);
    QFETCH(QString, shown);
    QFETCH(bool, highlighted);
    QFETCH(bool, italic);
    TranslationTableModel model;
    model.setTranslations(indexOf(fileBytes(file)));
    QTableView view;
    view.setModel(&model);
    TranslationDelegate delegate;
    QStyleOptionViewItem option;
    option.initFrom(&view);
    delegate.initStyleOption(&option, model.index(rowOf(model, pointer), model.columnOf(language)));
    QCOMPARE(option.text, shown);
    QCOMPARE(option.backgroundBrush.style() != Qt::NoBrush, highlighted);
    QCOMPARE(option.font.italic(), italic);
}

QTEST_MAIN(tst_TranslationTableModel)
#include "tst_translationtablemodel.moc"
