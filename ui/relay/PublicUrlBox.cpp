#include "PublicUrlBox.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace hookscope {

PublicUrlBox::PublicUrlBox(QWidget *parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_copy(new QToolButton(this))
{
    m_label->setObjectName(QStringLiteral("publicUrlLabel"));
    m_label->setTextFormat(Qt::PlainText);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copy->setObjectName(QStringLiteral("copyPublicUrlButton"));
    m_copy->setIcon(style()->standardIcon(QStyle::SP_FileLinkIcon));
    m_copy->setText(tr("Copy"));
    m_copy->setToolButtonStyle(Qt::ToolButtonIconOnly);
    m_copy->setAutoRaise(true);
    m_copy->setToolTip(tr("Copy the public URL (give it to the platform that sends the webhooks)"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_label);
    layout->addWidget(m_copy);
    connect(m_copy, &QToolButton::clicked, this, [this] {
        if (m_url.isEmpty())
            return;
        QApplication::clipboard()->setText(m_url);
        Q_EMIT copied(m_url);
    });
    setUrl({});
}

void PublicUrlBox::setUrl(const QString &url)
{
    m_url = url;
    m_label->setText(url.isEmpty() ? QString() : tr("Public: %1").arg(url));
    m_copy->setEnabled(!url.isEmpty());
}

} // namespace hookscope
