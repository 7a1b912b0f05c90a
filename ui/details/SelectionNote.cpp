#include "SelectionNote.h"

#include "PlainLabel.h"

#include <QAction>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace hookscope {

namespace {
QToolButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setObjectName(name);
    b->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return b;
}
} // namespace

SelectionNote::SelectionNote(QWidget *parent)
    : QFrame(parent)
    , m_label(plainLabel(QString(), this))
    , m_compare(button(tr("Compare"), QStringLiteral("compareSelected"), this))
    , m_export(button(tr("Export…"), QStringLiteral("exportSelected"), this))
    , m_delete(button(tr("Delete"), QStringLiteral("deleteSelected"), this))
{
    setObjectName(QStringLiteral("selectionNote"));
    setFrameShape(QFrame::StyledPanel);
    m_label->setObjectName(QStringLiteral("selectionNoteText"));
    m_label->setWordWrap(true);
    m_compare->setToolTip(tr("The Diff tab compares the two selected events"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 2, 6, 2);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_compare);
    layout->addWidget(m_export);
    layout->addWidget(m_delete);
    connect(m_compare, &QToolButton::clicked, this, &SelectionNote::compareRequested);
    m_export->setEnabled(false);
    m_delete->setEnabled(false);
    hide();
}

void SelectionNote::setActions(QAction *exportSelected, QAction *deleteSelected)
{
    // Buttons that trigger the actions (not setDefaultAction: their menu texts and shortcuts
    // are the menu bar's, too long for this line).
    for (const auto &[b, action] : {std::pair{m_export, exportSelected}, std::pair{m_delete, deleteSelected}}) {
        b->setEnabled(action != nullptr);
        if (action) {
            b->setToolTip(action->toolTip());
            connect(b, &QToolButton::clicked, action, &QAction::trigger);
        }
    }
}

void SelectionNote::setSelection(int count, qint64 shownId)
{
    if (count < 2) {
        hide();
        return;
    }
    m_label->setText(shownId > 0 ? tr("%L1 events selected · the details show #%2, the current row").arg(count).arg(shownId)
                                 : tr("%L1 events selected").arg(count));
    m_compare->setVisible(count == 2);
    show();
}

} // namespace hookscope
