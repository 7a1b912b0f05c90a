#pragma once

#include "store/Event.h"

#include <QWidget>
#include <array>
#include <memory>

class QLabel;
class QTabWidget;

namespace hookscope {

class BodyView;
class HeadersView;
class JsonTreeView;
class ResponseView;

// The detail area for the selected event: a summary line and one tab per view. A tab is
// filled when it is shown, so moving through events with Up/Down only builds the visible one.
class EventDetailPane final : public QWidget
{
    Q_OBJECT
public:
    enum Tab { BodyTab, TreeTab, HeadersTab, ResponseTab, TabCount };

    explicit EventDetailPane(QWidget *parent = nullptr);
    ~EventDetailPane() override;

    void setEvent(std::optional<Event> event);
    [[nodiscard]] qint64 eventId() const { return m_event ? m_event->id : 0; }

    [[nodiscard]] QTabWidget *tabs() const { return m_tabs; }
    [[nodiscard]] BodyView *bodyView() const { return m_body; }
    [[nodiscard]] JsonTreeView *treeView() const { return m_tree; }
    [[nodiscard]] HeadersView *headersView() const { return m_headers; }
    [[nodiscard]] ResponseView *responseView() const { return m_response; }

private:
    void fillTab(int tab);

    QLabel *m_title;
    QTabWidget *m_tabs;
    BodyView *m_body;
    JsonTreeView *m_tree;
    HeadersView *m_headers;
    ResponseView *m_response;
    std::optional<Event> m_event;
    std::array<bool, TabCount> m_filled{};
};

} // namespace hookscope
