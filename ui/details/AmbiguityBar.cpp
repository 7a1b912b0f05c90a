#include "AmbiguityBar.h"

#include "PlainLabel.h"
#include "schema/Classifier.h"

#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookscope {

namespace {
constexpr qsizetype kMaxBodyBytes = 4 * 1024 * 1024; // as the receiver's own classification
} // namespace

AmbiguityBar::AmbiguityBar(QWidget *parent)
    : QFrame(parent)
    , m_note(plainLabel(QString(), this))
    , m_buttonsLayout(new QHBoxLayout)
{
    setObjectName(QStringLiteral("ambiguityBar"));
    setFrameShape(QFrame::StyledPanel);
    m_note->setObjectName(QStringLiteral("ambiguityNote"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->addWidget(m_note);
    m_buttonsLayout->setContentsMargins(0, 0, 0, 0);
    m_buttonsLayout->addStretch(1);
    layout->addLayout(m_buttonsLayout);
    hide();
}

void AmbiguityBar::clear()
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    m_classification = {};
    m_note->clear();
    hide();
}

void AmbiguityBar::setEvent(const QByteArray &body, const QByteArray &target,
                            const std::shared_ptr<const KindCatalog> &catalog)
{
    clear();
    if (!catalog || body.size() > kMaxBodyBytes)
        return;
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return;
    m_classification = Classifier(catalog).classify(doc.object(), QString::fromUtf8(target));
    if (!m_classification.isAmbiguous())
        return;
    m_note->setText(m_classification.ambiguityNote());
    const QString path = Classifier::pathOf(QString::fromUtf8(target));
    QStringList candidates{m_classification.kindId};
    candidates += m_classification.sameShape;
    for (const QString &kind : std::as_const(candidates)) {
        // The path is in the note above and in the tooltip: the button names the kind only, so
        // two of them fit beside a Respond dock at 1024 px (issue 24).
        auto *button = new QPushButton(tr("Route to %1").arg(kind), this);
        button->setObjectName(QStringLiteral("routeTo:") + kind);
        button->setToolTip(tr("Every request to %1 is taken as %2 from now on (Settings > Kinds > Routes)").arg(path, kind));
        m_buttonsLayout->insertWidget(m_buttons.size(), button);
        m_buttons.append(button);
        connect(button, &QPushButton::clicked, this, [this, path, kind] { Q_EMIT routeRequested(path, kind); });
    }
    show();
}

} // namespace hookscope
