#pragma once

#include <QList>
#include <QObject>

class QAction;

namespace hookscope {

class EventListPane;
class EventStore;

// The event table's row context menu beyond Delete, Copy as curl and Export (issue 24.19): Copy
// Body, Copy URL, Show Only This Kind, and the actions given (Replay…). Each acts on the current
// row and is in the menu bar too (Edit).
class RowActions final : public QObject
{
    Q_OBJECT
public:
    // reader (not owned, GUI-thread connection) loads the body; extra (not owned) go first.
    RowActions(EventListPane *list, const EventStore *reader, const QList<QAction *> &extra, QObject *parent);

    [[nodiscard]] QAction *copyBodyAction() const { return m_copyBody; }
    [[nodiscard]] QAction *copyUrlAction() const { return m_copyUrl; }
    [[nodiscard]] QAction *onlyThisKindAction() const { return m_onlyKind; }
    [[nodiscard]] QList<QAction *> actions() const { return {m_copyBody, m_copyUrl, m_onlyKind}; }

Q_SIGNALS:
    void copied(const QString &what); // "the body of #12", for the status bar

private:
    void copyBody();
    void copyUrl();
    void showOnlyThisKind();
    void updateEnabled();

    EventListPane *m_list; // not owned
    const EventStore *m_reader; // not owned
    QAction *m_copyBody;
    QAction *m_copyUrl;
    QAction *m_onlyKind;
};

} // namespace hookscope
