#include "PlainToolTip.h"
#include "TranslationLoader.h"
#include "TranslationTableModel.h"
#include "TranslationsPane.h"
#include "translate/TranslationReport.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHeaderView>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

using namespace hookscope;

namespace {

// office › city lacks nl, subject › description lacks fr and nl, subject › name lacks fr and
// has nl twice. Rows: the fields with a problem first, in scan order (office › city, subject ›
// description, subject › name), then the complete one (office › name); languages en, fr, nl.
const QByteArray kFirst = R"({
  "office": {"translations": {
    "name": [{"language": "en", "value": "Main <b>office</b>"}, {"language": "nl", "value": "Hoofdkantoor"},
             {"language": "fr", "value": "Siège"}],
    "city": [{"language": "en", "value": "Bruges"}, {"language": "fr", "value": "Bruges"}]}},
  "subject": {"translations": {
    "name": [{"language": "en", "value": "Loans"}, {"language": "nl", "value": "Leningen"},
             {"language": "nl", "value": "Kredieten"}],
    "description": [{"language": "en", "value": "About loans"}]}}
})";
const QByteArray kSecond = R"({"translations": {"title": [{"language": "nl", "value": "Hallo"}, {"language": "en", "value": "Hello"}]}})";
const QByteArray kWithoutDutch = R"({"t": [{"language": "de", "value": "Hallo"}]})";

QStringList comboTexts(const QComboBox *combo)
{
    QStringList texts;
    for (int i = 0; i < combo->count(); ++i)
        texts << combo->itemText(i);
    return texts;
}

QStringList visibleHeaders(const TranslationsPane &pane)
{
    QStringList headers;
    for (int column = 0; column < pane.model()->columnCount(); ++column) {
        if (!pane.table()->isColumnHidden(column))
            headers << pane.model()->headerData(column, Qt::Horizontal).toString();
    }
    return headers;
}

QStringList columnTexts(const TranslationsPane &pane, const QString &language)
{
    QStringList texts;
    const int column = pane.model()->columnOf(language);
    for (int row = 0; row < pane.model()->rowCount(); ++row)
        texts << pane.model()->index(row, column).data().toString();
    return texts;
}

// What a user does: focus the chooser and step through it with the arrow keys.
void chooseWithKeyboard(QComboBox *combo, const QString &language)
{
    combo->setFocus();
    const int target = combo->findData(language);
    QVERIFY(target >= 0);
    while (combo->currentIndex() != target)
        QTest::keyClick(combo, combo->currentIndex() < target ? Qt::Key_Down : Qt::Key_Up);
}

} // namespace

class tst_TranslationsPane final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void chooserShowsOneLanguage();
    void choiceKeptAcrossEventsAndRestarts();
    void missingCellsHighlightedAndCounted();
    void copiesExactTsv();
    void bigBodiesAreReadOffTheGuiThread();
    void onlyTheNewestBodyIsShown();
    void statesSayWhatIsShown_data();
    void statesSayWhatIsShown();
    void payloadTextStaysPlain();
};

void tst_TranslationsPane::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // keeps the user's QSettings untouched
    QCoreApplication::setOrganizationName(QStringLiteral("hookscope"));
    QCoreApplication::setApplicationName(QStringLiteral("hookscope-tests"));
}

void tst_TranslationsPane::init()
{
    QSettings().remove(TranslationsPane::settingsKey);
}

void tst_TranslationsPane::chooserShowsOneLanguage()
{
    TranslationsPane pane;
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.setBody(kFirst);
    QCOMPARE(pane.language(), QString());
    QCOMPARE(comboTexts(pane.languageCombo()),
             (QStringList{QStringLiteral("All languages"), QStringLiteral("en — English"),
                          QStringLiteral("fr — français · 2 missing"), QStringLiteral("nl — Nederlands · 2 missing")}));
    QCOMPARE(visibleHeaders(pane), (QStringList{QStringLiteral("Field"), QStringLiteral("Pointer"), QStringLiteral("en — English"),
                                                QStringLiteral("fr — français"), QStringLiteral("nl — Nederlands")}));
    chooseWithKeyboard(pane.languageCombo(), QStringLiteral("nl"));
    QCOMPARE(pane.language(), QStringLiteral("nl"));
    QCOMPARE(visibleHeaders(pane), (QStringList{QStringLiteral("Field"), QStringLiteral("nl — Nederlands")}));
    QCOMPARE(columnTexts(pane, QStringLiteral("nl")),
             (QStringList{QString(), QString(), QStringLiteral("Leningen"), QStringLiteral("Hoofdkantoor")}));
    QCOMPARE(pane.summary()->text(), QStringLiteral("nl — Nederlands: 2 of 4 fields. nl: 2 missing."));
    chooseWithKeyboard(pane.languageCombo(), QString());
    QCOMPARE(pane.language(), QString());
    QCOMPARE(visibleHeaders(pane).size(), 5);
}

void tst_TranslationsPane::choiceKeptAcrossEventsAndRestarts()
{
    {
        TranslationsPane pane;
        pane.show();
        QVERIFY(QTest::qWaitForWindowExposed(&pane));
        pane.setBody(kFirst);
        chooseWithKeyboard(pane.languageCombo(), QStringLiteral("nl"));
        pane.setBody(kSecond); // another event
        QCOMPARE(pane.language(), QStringLiteral("nl"));
        QCOMPARE(pane.languageCombo()->currentData().toString(), QStringLiteral("nl"));
        QCOMPARE(visibleHeaders(pane), (QStringList{QStringLiteral("Field"), QStringLiteral("nl — Nederlands")}));
        QCOMPARE(columnTexts(pane, QStringLiteral("nl")), QStringList{QStringLiteral("Hallo")});
        // An event without the language says so and keeps the choice.
        pane.setBody(kWithoutDutch);
        QCOMPARE(pane.language(), QStringLiteral("nl"));
        QCOMPARE(pane.languageCombo()->currentText(), QStringLiteral("nl — Nederlands · not in this event"));
        QCOMPARE(visibleHeaders(pane), QStringList{QStringLiteral("Field")});
        QVERIFY2(pane.summary()->text().startsWith(QStringLiteral("No field of this event has a nl — Nederlands text.")),
                 qPrintable(pane.summary()->text()));
        pane.clear(); // no event selected
        QCOMPARE(pane.language(), QStringLiteral("nl"));
        pane.setBody(kFirst);
        QCOMPARE(visibleHeaders(pane), (QStringList{QStringLiteral("Field"), QStringLiteral("nl — Nederlands")}));
    }
    // A restart: a new pane reads the choice back.
    TranslationsPane restarted;
    QCOMPARE(restarted.language(), QStringLiteral("nl"));
    restarted.setBody(kSecond);
    QCOMPARE(restarted.languageCombo()->currentData().toString(), QStringLiteral("nl"));
    restarted.setLanguage(QString());
    QCOMPARE(QSettings().value(TranslationsPane::settingsKey).toString(), QString());
    QCOMPARE(TranslationsPane().language(), QString());
}

void tst_TranslationsPane::missingCellsHighlightedAndCounted()
{
    TranslationsPane pane;
    pane.resize(900, 400);
    pane.show();
    QVERIFY(QTest::qWaitForWindowExposed(&pane));
    pane.setBody(kFirst);
    QCOMPARE(pane.summary()->text(), QStringLiteral("4 translated fields in 3 languages. fr: 2 missing, nl: 2 missing. "
                                                     "1 duplicated."));
    QCOMPARE(pane.model()->headerData(pane.model()->columnOf(QStringLiteral("nl")), Qt::Horizontal, Qt::ToolTipRole)
                 .toString(),
             PlainToolTip::html(QStringLiteral("nl — Nederlands: 2 fields missing")));
    // The missing cell (office › city, nl) is drawn on a warning background; its neighbour
    // on the same row (en, present) is not.
    const QModelIndex missing = pane.model()->index(0, pane.model()->columnOf(QStringLiteral("nl")));
    const QModelIndex present = pane.model()->index(0, pane.model()->columnOf(QStringLiteral("en")));
    QCOMPARE(missing.data(TranslationTableModel::CellStateRole).toInt(), int(TranslationTableModel::CellState::Missing));
    pane.table()->clearSelection();
    pane.table()->setCurrentIndex({});
    const QImage image = pane.table()->viewport()->grab().toImage();
    const QPoint inset(3, 3);
    const QColor missingColor = image.pixelColor(pane.table()->visualRect(missing).topLeft() + inset);
    const QColor presentColor = image.pixelColor(pane.table()->visualRect(present).topLeft() + inset);
    QVERIFY2(missingColor != presentColor, qPrintable(missingColor.name() + u' ' + presentColor.name()));
    QVERIFY2(missingColor.red() > missingColor.blue(), qPrintable(missingColor.name())); // a warm warning tint
}

void tst_TranslationsPane::copiesExactTsv()
{
    TranslationsPane pane;
    pane.show();
    pane.activateWindow(); // shortcuts need an active window
    QVERIFY(QTest::qWaitForWindowActive(&pane));
    pane.setBody(kFirst);
    TranslationTableModel *model = pane.model();
    QTableView *table = pane.table();
    table->setFocus();
    QTRY_VERIFY(table->hasFocus());
    // Ctrl+C: the selected cells of office › name, markup kept, as sent.
    const int en = model->columnOf(QStringLiteral("en"));
    const int nl = model->columnOf(QStringLiteral("nl"));
    table->selectionModel()->select(QItemSelection(model->index(3, en), model->index(3, nl)),
                                    QItemSelectionModel::ClearAndSelect);
    table->selectionModel()->setCurrentIndex(model->index(3, nl), QItemSelectionModel::NoUpdate);
    QApplication::clipboard()->clear();
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Main <b>office</b>\tSiège\tHoofdkantoor\n"));
    // A column: its code, then one line per field; "\-" where the language is missing.
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::AltModifier);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("nl\n\\-\n\\-\nLeningen\nHoofdkantoor\n"));
    // The whole table, as `hookscope translations` prints it.
    QTest::keyClick(table, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString table2 = QApplication::clipboard()->text();
    QCOMPARE(table2, TranslationReport::tsv(model->translations()));
    QCOMPARE(table2.section(u'\n', 0, 1),
             QStringLiteral("pointer\towner\ten\tfr\tnl\n/office/translations/city\toffice › city\tBruges\tBruges\t\\-"));
    // The same three are the table's context menu, with their shortcuts.
    QStringList actions;
    for (const QAction *action : table->actions())
        actions << action->text() + u' ' + action->shortcut().toString();
    QCOMPARE(actions, (QStringList{QStringLiteral("Copy Ctrl+C"), QStringLiteral("Copy column Ctrl+Alt+C"),
                                   QStringLiteral("Copy table as TSV Ctrl+Shift+C")}));
    // In the one-language list, hidden columns are never copied.
    pane.setLanguage(QStringLiteral("nl"));
    table->selectAll();
    pane.copySelection();
    QCOMPARE(QApplication::clipboard()->text(),
             QStringLiteral("office › city\t\\-\nsubject › description\t\\-\nsubject › name\tLeningen\noffice › name\tHoofdkantoor\n"));
}

void tst_TranslationsPane::bigBodiesAreReadOffTheGuiThread()
{
    TranslationsPane pane;
    pane.loader()->setSyncLimit(16); // any of these bodies counts as big
    QSignalSpy loaded(pane.loader(), &TranslationLoader::loaded);
    pane.setBody(kFirst);
    QVERIFY(pane.isLoading());
    QCOMPARE(loaded.size(), 0); // not read on this thread, in this call
    QCOMPARE(pane.summary()->text(), QStringLiteral("Reading translations…"));
    QCOMPARE(pane.model()->rowCount(), 0);
    QTRY_VERIFY(!pane.isLoading());
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(pane.model()->rowCount(), 4);
    QVERIFY(pane.summary()->text().startsWith(QStringLiteral("4 translated fields")));
}

void tst_TranslationsPane::onlyTheNewestBodyIsShown()
{
    TranslationsPane pane;
    pane.loader()->setSyncLimit(16);
    QSignalSpy reset(pane.model(), &QAbstractItemModel::modelReset);
    pane.setBody(kFirst);
    pane.setBody(kSecond); // the user moved on before the first was read
    QTRY_VERIFY(!pane.isLoading());
    QCOMPARE(pane.model()->translations().languages(), (QStringList{QStringLiteral("nl"), QStringLiteral("en")}));
    // A small body after a big one still being read: the big one's result never shows.
    pane.setBody(kFirst);
    pane.loader()->setSyncLimit(TranslationLoader::kDefaultSyncLimit);
    pane.setBody(kSecond);
    QVERIFY(!pane.isLoading());
    const qsizetype resets = reset.size();
    QVERIFY(pane.loader()->waitForDone(10'000));
    QCoreApplication::processEvents(); // delivers the stale result, which must be dropped
    QCOMPARE(pane.model()->rowCount(), 1);
    QCOMPARE(pane.model()->translations().languages(), (QStringList{QStringLiteral("nl"), QStringLiteral("en")}));
    QCOMPARE(reset.size(), resets);
}

void tst_TranslationsPane::statesSayWhatIsShown_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("summary");
    QTest::newRow("not JSON") << QByteArray("<xml/>")
                              << "The body is not JSON (illegal value at offset 1): there are no translations to read.";
    QTest::newRow("JSON without translations")
        << QByteArray(R"({"name": "x"})") << "No translations in this body: no array of {\"language\", \"value\"} items.";
    QTest::newRow("complete") << kSecond << "1 translated field in 2 languages. None missing.";
    QTest::newRow("empty and null counted")
        << QByteArray(R"({"t": [{"language": "en", "value": ""}, {"language": "nl", "value": null}]})")
        << "1 translated field in 2 languages. None missing. 1 empty, 1 null.";
}

void tst_TranslationsPane::statesSayWhatIsShown()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, summary);
    TranslationsPane pane;
    QCOMPARE(pane.summary()->text(), QStringLiteral("Select an event to see its translations."));
    pane.setBody(body);
    QCOMPARE(pane.summary()->text(), summary);
    pane.clear();
    QCOMPARE(pane.model()->rowCount(), 0);
    QCOMPARE(pane.summary()->text(), QStringLiteral("Select an event to see its translations."));
}

void tst_TranslationsPane::payloadTextStaysPlain()
{
    TranslationsPane pane;
    pane.setBody(R"({"t": [{"language": "<i>x</i>", "value": "<b>bold</b>"}]})");
    for (const QLabel *label : pane.findChildren<QLabel *>())
        QCOMPARE(label->textFormat(), Qt::PlainText);
    const QModelIndex cell = pane.model()->index(0, TranslationTableModel::FixedColumnCount);
    QCOMPARE(cell.data().toString(), QStringLiteral("<b>bold</b>"));
    QCOMPARE(pane.model()->headerData(cell.column(), Qt::Horizontal).toString(), QStringLiteral("<i>x</i>"));
    QCOMPARE(pane.languageCombo()->itemText(1), QStringLiteral("<i>x</i>"));
    // The header's tooltip is shown by QToolTip as given, so it arrives escaped.
    const QString tip = pane.model()->headerData(cell.column(), Qt::Horizontal, Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("&lt;i&gt;x&lt;/i&gt;")), qPrintable(tip));
}

QTEST_MAIN(tst_TranslationsPane)
#include "tst_translationspane.moc"
