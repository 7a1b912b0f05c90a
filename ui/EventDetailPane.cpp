#include "EventDetailPane.h"

#include "BodyView.h"
#include "HeadersView.h"
#include "JsonTreeView.h"
#include "ResponseView.h"

#include <QDateTime>
#include <QLabel>
#include <QTabWidget>
#include <QVBoxLayout>

namespace hookscope {

EventDetailPane::EventDetailPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_body(new BodyView(this))
    , m_tree(new JsonTreeView(this))
    , m_headers(new HeadersView(this))
    , m_response(new ResponseView(this))
{
    setObjectName(QStringLiteral("eventDetailPane"));
    m_title->setObjectName(QStringLiteral("detailTitle"));
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setContentsMargins(6, 4, 6, 4);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_tabs->setObjectName(QStringLiteral("detailTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->insertTab(BodyTab, m_body, tr("Body"));
    m_tabs->insertTab(TreeTab, m_tree, tr("Tree"));
    m_tabs->insertTab(HeadersTab, m_headers, tr("Headers"));
    m_tabs->insertTab(ResponseTab, m_response, tr("Response"));
    connect(m_tabs, &QTabWidget::currentChanged, this, &EventDetailPane::fillTab);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_title);
    layout->addWidget(m_tabs, 1);
    setEvent(std::nullopt);
}

EventDetailPane::~EventDetailPane() = default;

void EventDetailPane::setEvent(std::optional<Event> event)
{
    m_event = std::move(event);
    m_filled.fill(false);
    m_body->clear();
    m_tree->clear();
    m_headers->clear();
    m_response->clear();
    if (!m_event) {
        m_title->setText(tr("Select an event to see its details"));
        return;
    }
    const Event &e = *m_event;
    m_title->setText(QStringLiteral("#%1  %2 %3  ·  %4  ·  %5")
                         .arg(e.id)
                         .arg(QString::fromLatin1(e.method), QString::fromUtf8(e.target), e.sender(),
                              QDateTime::fromMSecsSinceEpoch(e.receivedAtMs).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))));
    fillTab(m_tabs->currentIndex());
}

void EventDetailPane::fillTab(int tab)
{
    if (!m_event || tab < 0 || tab >= TabCount || m_filled[size_t(tab)])
        return;
    m_filled[size_t(tab)] = true;
    const Event &e = *m_event;
    switch (Tab(tab)) {
    case BodyTab: {
        QString note;
        if (e.decodedBody)
            note = tr("decoded from %1 bytes as sent").arg(e.body.size());
        else if (!e.decodeError.isEmpty())
            note = tr("could not decode: %1").arg(e.decodeError);
        m_body->setBody(e.displayBody(), e.contentType, note);
        break;
    }
    case TreeTab:
        m_tree->setJson(e.displayBody());
        break;
    case HeadersTab:
        m_headers->setEvent(e);
        break;
    case ResponseTab:
        m_response->setEvent(e);
        break;
    case TabCount:
        break;
    }
}

} // namespace hookscope
