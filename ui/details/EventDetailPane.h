#pragma once

#include "event/EventInfo.h"
#include "event/Event.h"
#include "store/ForwardRecord.h"

#include "StableTabWidget.h"

#include <QWidget>
#include <array>
#include <memory>
#include <optional>

class QLabel;
class QTabWidget;

namespace hookscope {

class AmbiguityBar;
class BodyView;
class DiffView;
class EventStore;
class ForwardView;
class HeadersView;
class JsonTreeView;
class TranslationsPane;
class ResponseView;
class SelectionNote;
class TrustLine;
class ViolationsPanel;

// The detail area for the selected event: a summary line and one tab per view. A tab is
// filled when it is shown, so moving through events with Up/Down only builds the visible one.
// What enrichment learnt (kind, violations) arrives separately, possibly later, through
// setInfo(); the Diff tab asks the store for the previous event of the same entity.
class EventDetailPane final : public QWidget
{
    Q_OBJECT
public:
    enum Tab { BodyTab, TreeTab, ViolationsTab, TranslationsTab, DiffTab, HeadersTab, ResponseTab, ForwardTab, TabCount };

    explicit EventDetailPane(QWidget *parent = nullptr);
    ~EventDetailPane() override;

    // `store` (not owned, GUI-thread connection) is read for the Diff tab.
    void setStore(const EventStore *store) { m_store = store; }
    // The info is "validating…" until setInfo() brings it.
    void setEvent(std::optional<Event> event);
    // Ignored unless it is about the event shown.
    void setInfo(const EventInfo &info);
    [[nodiscard]] qint64 eventId() const { return m_event ? m_event->id : 0; }
    [[nodiscard]] std::optional<EventInfo> info() const { return m_info; }
    // What the local app answered when the shown event was forwarded; ignored for another event.
    void setForward(const std::optional<ForwardRecord> &record, qint64 eventId);
    // The event Diff compares the shown one with, when the user picked two rows; 0: the
    // previous version of the same entity (the default).
    void setCompareBase(qint64 id);
    [[nodiscard]] qint64 compareBase() const { return m_compareBase; }
    // The event filter's term: marked in Body (and Tree) for every event shown.
    void setSearchTerm(const QString &term);
    // How many table rows are selected: from two on, a note says the details show the current one.
    void setSelectionCount(int count);
    [[nodiscard]] SelectionNote *selectionNote() const { return m_selectionNote; }
    // Ctrl+F in the details: the Body tab's find bar.
    void openFind();
    // Switches to the Tree tab and selects the node at `pointer`.
    void revealInTree(const QString &pointer);
    // Selects the node at `pointer` in the Tree tab without switching to it.
    void selectInTree(const QString &pointer);

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] BodyView *bodyView() const { return m_body; }
    [[nodiscard]] JsonTreeView *treeView() const { return m_tree; }
    [[nodiscard]] ViolationsPanel *violationsPanel() const { return m_violations; }
    [[nodiscard]] TranslationsPane *translationsPane() const { return m_translations; }
    [[nodiscard]] DiffView *diffView() const { return m_diff; }
    [[nodiscard]] HeadersView *headersView() const { return m_headers; }
    [[nodiscard]] ResponseView *responseView() const { return m_response; }
    [[nodiscard]] ForwardView *forwardView() const { return m_forward; }
    [[nodiscard]] TrustLine *trustLine() const { return m_trust; }
    // The note shown when only the shape decided and kinds of one pack fit equally.
    [[nodiscard]] AmbiguityBar *ambiguityBar() const { return m_ambiguity; }

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void fillTab(int tab);
    void fillDiff();
    void showDiff(const Event &before, const Event &after, const QString &against);
    // One sentence for every tab that reads JSON when the body is not JSON; empty when it is (or
    // is not known yet). The parse error itself is said once, in the Body tab's banner.
    [[nodiscard]] QString notJsonSentence() const;
    void markTabsThatApply();
    [[nodiscard]] bool looksLikeJson() const; // starts with { or [
    void updateTabTitles();

    QLabel *m_title;
    TrustLine *m_trust;
    AmbiguityBar *m_ambiguity; // child
    SelectionNote *m_selectionNote; // child
    int m_selectionCount = 0;
    StableTabWidget *m_tabs;
    BodyView *m_body;
    JsonTreeView *m_tree;
    ViolationsPanel *m_violations;
    TranslationsPane *m_translations;
    DiffView *m_diff;
    HeadersView *m_headers;
    ResponseView *m_response;
    ForwardView *m_forward;
    const EventStore *m_store = nullptr; // not owned
    std::optional<Event> m_event;
    std::optional<EventInfo> m_info;
    std::array<bool, TabCount> m_filled{};
    qint64 m_compareBase = 0;
    QString m_searchTerm;
};

} // namespace hookscope
