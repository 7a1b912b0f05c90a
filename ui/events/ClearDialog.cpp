#include "ClearDialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookscope {

ClearDialog::ClearDialog(int eventCount, QWidget *parent)
    : QDialog(parent)
    , m_keepCopy(new QCheckBox(tr("Keep a copy of the current store file"), this))
{
    setWindowTitle(tr("Clear events"));
    auto *text = new QLabel(tr("Delete all %L1 events from the store? This cannot be undone.").arg(eventCount), this);
    text->setTextFormat(Qt::PlainText);
    text->setWordWrap(true);
    m_keepCopy->setObjectName(QStringLiteral("keepCopyCheck"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    QPushButton *clear = buttons->addButton(tr("Delete all"), QDialogButtonBox::DestructiveRole);
    connect(clear, &QPushButton::clicked, this, &QDialog::accept);
    // Enter keeps the events; the title is read whole ("Clear events — Hookscope"; issue 24.25).
    clear->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    setMinimumWidth(qMax(420, fontMetrics().horizontalAdvance(windowTitle()) * 3));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_keepCopy);
    layout->addWidget(buttons);
}

bool ClearDialog::keepCopy() const
{
    return m_keepCopy->isChecked();
}

} // namespace hookscope
