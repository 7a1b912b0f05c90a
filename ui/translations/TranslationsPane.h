#pragma once

#include "translate/TranslationIndex.h"

#include <QWidget>
#include <memory>

class QComboBox;
class QLabel;
class QTableView;

namespace hookscope {

class TranslationLoader;
class TranslationTableModel;

// The Translations tab: the event's translated fields as a pivot table (a row per field, a
// column per language) with a summary line ("nl: 3 missing"), or — when a language is chosen —
// that language's texts as a flat list. The chosen language stays when another event is shown
// and across restarts (QSettings); an event without it says so instead of switching away.
// Copy: the selection (Ctrl+C), the current column (Ctrl+Alt+C) or the whole table
// (Ctrl+Shift+C) as TSV. The current cell is reported as a JSON pointer (nodeSelected) so
// the tree can follow; Enter or a double click asks to show it (nodeActivated).
class TranslationsPane final : public QWidget
{
    Q_OBJECT
public:
    inline static const QString settingsKey = QStringLiteral("translations/language");

    explicit TranslationsPane(QWidget *parent = nullptr);
    ~TranslationsPane() override;

    // A body of more than TranslationLoader::syncLimit() bytes is read on a worker thread.
    void setBody(const QByteArray &body);
    void clear(); // no event
    // No translations can be read from this body (not JSON): `text` says why.
    void showNotApplicable(const QString &text);
    // "" shows the table with every language; remembered in QSettings.
    void setLanguage(const QString &language);
    [[nodiscard]] QString language() const { return m_language; }
    [[nodiscard]] bool isLoading() const;

    void copySelection();
    void copyColumn();
    void copyTable();

    [[nodiscard]] TranslationTableModel *model() const { return m_model; }
    [[nodiscard]] TranslationLoader *loader() const { return m_loader; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] QComboBox *languageCombo() const { return m_languageCombo; }
    [[nodiscard]] QLabel *summary() const { return m_summary; }

Q_SIGNALS:
    void nodeSelected(const QString &pointer);
    void nodeActivated(const QString &pointer);

protected:
    void resizeEvent(QResizeEvent *event) override;

private:
    enum class State { NoEvent, Loading, NotJson, Loaded };

    void onLoaded(quint64 ticket, std::shared_ptr<const hookscope::TranslationIndex> index, const QString &error);
    void onLanguageChosen(int comboIndex);
    void fillLanguageCombo();
    void applyLanguage();
    void fitColumns();
    void updateSummary();
    void makeAction(const QString &text, const QKeySequence &keys, void (TranslationsPane::*slot)());
    void showContextMenu(const QPoint &pos);
    [[nodiscard]] QString tableSummary() const;
    [[nodiscard]] QString languageSummary() const;

    QLabel *m_summary;
    QComboBox *m_languageCombo;
    QTableView *m_table;
    TranslationTableModel *m_model;
    TranslationLoader *m_loader;
    QList<QAction *> m_actions;
    QString m_language;
    QString m_error;
    State m_state = State::NoEvent;
    quint64 m_ticket = 0;
};

} // namespace hookscope
