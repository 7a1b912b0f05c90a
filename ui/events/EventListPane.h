#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"
#include "store/EventFilter.h"

#include "FilterEdit.h"

#include <QSet>
#include <QWidget>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace hookscope {

class EventColumns;
class NewEventsBadge;
class NoMatchNote;
class QueryAssist;
class EventFilterProxy;
class EventSearch;
class EventStore;
class EventTableModel;

// The live event table with its filter box and the kind and validity choosers beside it.
// Owns the table model, the sort/filter proxy and the store search behind the filter. Follows the newest row unless the user scrolled away
// or paused; reports the current event and the rows the user wants deleted.
class EventListPane final : public QWidget
{
    Q_OBJECT
public:
    explicit EventListPane(QWidget *parent = nullptr);
    ~EventListPane() override;

    // Reads what the store already holds, in chunks; live events queue meanwhile.
    void loadHistory(const EventStore *store);
    void setStorePath(const QString &path);
    void addEvents(const QList<Event> &events);
    void removeEvents(const QList<qint64> &ids);
    void clearEvents();
    // Enrichment results: updates the kind and result cells of these rows.
    void applyInfos(const QList<hookscope::EventInfo> &infos);
    // What the local app answered a forwarded event (the App column); status 0: unreachable.
    void applyForward(qint64 id, int status, const QString &error);

    void setPaused(bool paused);
    [[nodiscard]] bool isPaused() const { return m_paused; }
    void focusFilter();
    void setFilterText(const QString &text);
    [[nodiscard]] QList<qint64> selectedIds() const;
    [[nodiscard]] qint64 currentId() const;
    [[nodiscard]] int eventCount() const;

    [[nodiscard]] EventTableModel *model() const { return m_model; }
    [[nodiscard]] EventFilterProxy *proxy() const { return m_proxy; }
    [[nodiscard]] QTableView *table() const { return m_table; }
    [[nodiscard]] EventColumns *columns() const { return m_columns; }
    [[nodiscard]] NewEventsBadge *newEventsBadge() const { return m_newBadge; }
    [[nodiscard]] NoMatchNote *noMatchNote() const { return m_noMatch; }
    [[nodiscard]] QLineEdit *filterEdit() const { return m_filter; }
    [[nodiscard]] QAction *deleteAction() const { return m_deleteAction; } // asks above a few rows
    [[nodiscard]] QueryAssist *queryAssist() const { return m_assist; }
    [[nodiscard]] QComboBox *kindCombo() const { return m_kindCombo; }
    [[nodiscard]] QComboBox *validityCombo() const { return m_validityCombo; }
    [[nodiscard]] QCheckBox *missingTranslationsCheck() const { return m_missingTranslationsCheck; }

Q_SIGNALS:
    void currentEventChanged(qint64 id); // 0: none
    // With exactly two rows selected, the one that is not current (Diff compares the two); else 0.
    void compareBaseChanged(qint64 id);
    void deleteRequested(const QList<qint64> &ids);
    void eventCountChanged(int count);
    void historyLoaded();
    void filterApplied(); // a filter (or its removal) took effect
    void searchTermChanged(const QString &term); // the filter box's text, trimmed; empty: none
    void selectionCountChanged(int count); // rows selected

private:
    void startSearch();
    // Asks the store for what the filters in force match (store mode), or shows all.
    void requestView();
    void requeryLater();
    void onSearchFinished(quint64 ticket, const QString &text, const EventFilter &filter, const QSet<qint64> &ids,
                          qint64 upToId);
    void onHistoryReady(const QList<qint64> &ids, const QStringList &kinds);
    void requestOrder();
    void followStoreSize(int coming = 0);
    static constexpr int kStoreBackedRows = 2'000;
    void onCurrentChanged(const QModelIndex &current);
    void updateCompareBase();
    void onAboutToInsert();
    void onInserted();
    [[nodiscard]] bool newestAtTop() const;
    [[nodiscard]] bool atNewestEdge() const;
    void scrollToNewest();
    void updateMatchLabel();
    void fillKindCombo();
    void applyKindChoice();
    void applyValidityChoice();
    void applyMissingTranslationsChoice();

    EventTableModel *m_model;
    EventFilterProxy *m_proxy;
    EventSearch *m_search;
    FilterEdit *m_filter;
    QComboBox *m_kindCombo;
    QComboBox *m_validityCombo;
    QCheckBox *m_missingTranslationsCheck;
    QTableView *m_table;
    QTimer *m_filterDelay;
    QTimer *m_requery;
    QueryAssist *m_assist = nullptr;
    EventColumns *m_columns = nullptr; // child of m_table
    NewEventsBadge *m_newBadge = nullptr; // child of m_table's viewport
    QAction *m_deleteAction = nullptr; // the table's
    NoMatchNote *m_noMatch = nullptr; // child of m_table's viewport
    const EventStore *m_historyStore = nullptr; // not owned; GUI-thread reader, for forward outcomes
    EventFilter m_textFilter; // the filter text while a filter is active (its needle empty otherwise)
    QSet<qint64> m_liveMatches; // live events matched while the store search runs
    quint64 m_searchTicket = 0; // the store search whose answer counts
    qint64 m_compareBase = 0;
    bool m_paused = false;
    bool m_wasAtEdge = true;
};

} // namespace hookscope
