#include "TranslationsPane.h"

#include "TranslationDelegate.h"
#include "TranslationLoader.h"
#include "TranslationTableModel.h"
#include "translate/LanguageNames.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QSettings>
#include <QSignalBlocker>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace hookscope {

TranslationsPane::TranslationsPane(QWidget *parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_languageCombo(new QComboBox(this))
    , m_table(new QTableView(this))
    , m_model(new TranslationTableModel(this))
    , m_loader(new TranslationLoader(this))
    , m_language(QSettings().value(settingsKey).toString())
{
    setObjectName(QStringLiteral("translationsPane"));
    m_summary->setObjectName(QStringLiteral("translationsSummary"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_languageCombo->setObjectName(QStringLiteral("translationsLanguage"));
    m_languageCombo->setToolTip(tr("Show every language as a table, or one language's texts as a list"));
    m_languageCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    m_table->setObjectName(QStringLiteral("translationsTable"));
    m_table->setModel(m_model);
    m_table->setItemDelegate(new TranslationDelegate(m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setFrameShape(QFrame::NoFrame);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 8);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setDefaultSectionSize(180);
    m_table->horizontalHeader()->setMinimumSectionSize(60);
    m_table->horizontalHeader()->setStretchLastSection(true);

    makeAction(tr("Copy"), QKeySequence::Copy, &TranslationsPane::copySelection);
    makeAction(tr("Copy column"), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C), &TranslationsPane::copyColumn);
    makeAction(tr("Copy table as TSV"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), &TranslationsPane::copyTable);

    connect(m_loader, &TranslationLoader::loaded, this, &TranslationsPane::onLoaded);
    connect(m_languageCombo, &QComboBox::activated, this, &TranslationsPane::onLanguageChosen);
    connect(m_table, &QWidget::customContextMenuRequested, this, &TranslationsPane::showContextMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            Q_EMIT nodeSelected(current.data(TranslationTableModel::NodePointerRole).toString());
    });
    connect(m_table, &QAbstractItemView::activated, this, [this](const QModelIndex &index) {
        Q_EMIT nodeActivated(index.data(TranslationTableModel::NodePointerRole).toString());
    });

    auto *top = new QHBoxLayout;
    top->setContentsMargins(6, 4, 6, 4);
    top->addWidget(m_summary, 1);
    top->addWidget(m_languageCombo);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    clear();
}

TranslationsPane::~TranslationsPane() = default;

void TranslationsPane::makeAction(const QString &text, const QKeySequence &keys, void (TranslationsPane::*slot)())
{
    auto *action = new QAction(text, this);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(action, &QAction::triggered, this, slot);
    m_table->addAction(action);
    m_actions.append(action);
}

void TranslationsPane::setBody(const QByteArray &body)
{
    m_state = State::Loading;
    m_error.clear();
    if (!m_loader->load(++m_ticket, body)) {
        // A big body: show that work is under way instead of the previous event's table.
        m_model->clear();
        fillLanguageCombo();
        updateSummary();
    }
}

void TranslationsPane::clear()
{
    ++m_ticket;
    m_loader->cancel();
    m_state = State::NoEvent;
    m_error.clear();
    m_model->clear();
    fillLanguageCombo();
    updateSummary();
}

void TranslationsPane::showNotApplicable(const QString &text)
{
    clear();
    m_summary->setText(text);
}

bool TranslationsPane::isLoading() const
{
    return m_state == State::Loading;
}

void TranslationsPane::onLoaded(quint64 ticket, std::shared_ptr<const TranslationIndex> index, const QString &error)
{
    if (ticket != m_ticket)
        return;
    m_state = index ? State::Loaded : State::NotJson;
    m_error = error;
    m_model->setTranslations(std::move(index));
    fillLanguageCombo();
    applyLanguage();
    updateSummary();
}

void TranslationsPane::setLanguage(const QString &language)
{
    if (language == m_language)
        return;
    m_language = language;
    QSettings().setValue(settingsKey, m_language);
    fillLanguageCombo();
    applyLanguage();
    updateSummary();
}

void TranslationsPane::onLanguageChosen(int comboIndex)
{
    setLanguage(m_languageCombo->itemData(comboIndex).toString());
}

void TranslationsPane::fillLanguageCombo()
{
    const QSignalBlocker blocker(m_languageCombo);
    m_languageCombo->clear();
    m_languageCombo->addItem(tr("All languages"), QString());
    const TranslationIndex &index = m_model->translations();
    for (const QString &language : index.languages()) {
        const int missing = index.missingCount(language);
        // Arguments at once: a language code is payload and may contain "%2".
        const QString name = LanguageNames::displayName(language);
        m_languageCombo->addItem(missing > 0 ? tr("%1 · %2 missing").arg(name, QLocale().toString(missing)) : name, language);
    }
    if (!m_language.isEmpty() && !index.languages().contains(m_language)) {
        const QString name = LanguageNames::displayName(m_language);
        m_languageCombo->addItem(m_state == State::Loaded ? tr("%1 · not in this event").arg(name) : name, m_language);
    }
    m_languageCombo->setCurrentIndex(m_languageCombo->findData(m_language));
}

void TranslationsPane::applyLanguage()
{
    const int chosen = m_language.isEmpty() ? -1 : m_model->columnOf(m_language);
    for (int column = 0; column < m_model->columnCount(); ++column) {
        const bool shown = m_language.isEmpty() || column == TranslationTableModel::FieldColumn || column == chosen;
        m_table->setColumnHidden(column, !shown);
    }
    fitColumns();
}

void TranslationsPane::fitColumns()
{
    // Languages share the width left by the field and pointer columns, down to a readable
    // minimum (then the table scrolls); in the list, the one text column takes the room.
    constexpr int kFieldWidth = 220;
    constexpr int kPointerWidth = 200;
    constexpr int kMinimumLanguageWidth = 140;
    QHeaderView *header = m_table->horizontalHeader();
    header->resizeSection(TranslationTableModel::FieldColumn, kFieldWidth);
    if (!m_language.isEmpty())
        return;
    header->resizeSection(TranslationTableModel::PointerColumn, kPointerWidth);
    const int languages = m_model->columnCount() - TranslationTableModel::FixedColumnCount;
    if (languages <= 0)
        return;
    const int room = m_table->viewport()->width() - kFieldWidth - kPointerWidth;
    const int width = std::max(kMinimumLanguageWidth, room / languages);
    for (int column = TranslationTableModel::FixedColumnCount; column < m_model->columnCount(); ++column)
        header->resizeSection(column, width);
}

void TranslationsPane::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitColumns();
}

void TranslationsPane::updateSummary()
{
    switch (m_state) {
    case State::NoEvent:
        m_summary->setText(tr("Select an event to see its translations."));
        return;
    case State::Loading:
        m_summary->setText(tr("Reading translations…"));
        return;
    case State::NotJson:
        m_summary->setText(tr("The body is not JSON (%1): there are no translations to read.").arg(m_error));
        return;
    case State::Loaded:
        break;
    }
    if (m_model->translations().fieldCount() == 0) {
        m_summary->setText(tr("No translations in this body: no array of {\"language\", \"value\"} items."));
        return;
    }
    m_summary->setText(m_language.isEmpty() ? tableSummary() : languageSummary());
}

QString TranslationsPane::tableSummary() const
{
    const TranslationIndex &index = m_model->translations();
    const auto fields = index.fieldCount();
    const auto languages = index.languages().size();
    QString text = (fields == 1 ? tr("1 translated field") : tr("%L1 translated fields").arg(fields)) + QLatin1Char(' ')
        + (languages == 1 ? tr("in 1 language.") : tr("in %L1 languages.").arg(languages));
    QStringList missing;
    for (const QString &language : index.languages()) {
        if (const int count = index.missingCount(language); count > 0)
            missing.append(tr("%1: %2 missing").arg(language, QLocale().toString(count)));
    }
    text += QLatin1Char(' ') + (missing.isEmpty() ? tr("None missing.") : missing.join(QStringLiteral(", ")) + u'.');
    int duplicates = 0;
    int empty = 0;
    int nulls = 0;
    for (const TranslatedField &field : index.fields()) {
        for (const QString &language : field.languages()) {
            const TranslationEntry *entry = field.entry(language);
            duplicates += entry->isDuplicate();
            empty += entry->isEmpty();
            nulls += entry->isNull;
        }
    }
    QStringList problems;
    if (duplicates > 0)
        problems.append(tr("%L1 duplicated").arg(duplicates));
    if (empty > 0)
        problems.append(tr("%L1 empty").arg(empty));
    if (nulls > 0)
        problems.append(tr("%L1 null").arg(nulls));
    if (!problems.isEmpty())
        text += QLatin1Char(' ') + problems.join(QStringLiteral(", ")) + u'.';
    return text;
}

QString TranslationsPane::languageSummary() const
{
    const TranslationIndex &index = m_model->translations();
    const QString name = LanguageNames::displayName(m_language);
    if (!index.languages().contains(m_language))
        return tr("No field of this event has a %1 text. Choose another language, or All languages for the table.")
            .arg(name);
    const int missing = index.missingCount(m_language);
    const int fields = int(index.fieldCount());
    const QLocale locale;
    QString text = tr("%1: %2 of %3 fields.").arg(name, locale.toString(fields - missing), locale.toString(fields));
    if (missing > 0)
        text += QLatin1Char(' ') + tr("%1: %2 missing.").arg(m_language, locale.toString(missing));
    return text;
}

void TranslationsPane::copySelection()
{
    QModelIndexList indexes;
    const QModelIndexList selected = m_table->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected) {
        if (!m_table->isColumnHidden(index.column()))
            indexes.append(index);
    }
    if (indexes.isEmpty() && m_table->currentIndex().isValid())
        indexes.append(m_table->currentIndex());
    if (!indexes.isEmpty())
        QApplication::clipboard()->setText(m_model->tsvOf(indexes));
}

void TranslationsPane::copyColumn()
{
    int column = m_table->currentIndex().column();
    if (column < 0 && !m_language.isEmpty())
        column = m_model->columnOf(m_language);
    if (column >= 0)
        QApplication::clipboard()->setText(m_model->columnTsv(column));
}

void TranslationsPane::copyTable()
{
    if (m_model->rowCount() > 0)
        QApplication::clipboard()->setText(m_model->tableTsv());
}

void TranslationsPane::showContextMenu(const QPoint &pos)
{
    QMenu menu(this);
    for (QAction *action : std::as_const(m_actions))
        menu.addAction(action);
    menu.addSeparator();
    const QModelIndex index = m_table->indexAt(pos);
    QAction *reveal = menu.addAction(tr("Show in tree"));
    reveal->setShortcut(QKeySequence(Qt::Key_Return));
    reveal->setEnabled(index.isValid());
    connect(reveal, &QAction::triggered, this, [this, index] {
        Q_EMIT nodeActivated(index.data(TranslationTableModel::NodePointerRole).toString());
    });
    menu.exec(m_table->viewport()->mapToGlobal(pos));
}

} // namespace hookscope
