#include "TunnelSettingsPage.h"

#include "SettingsField.h"
#include "app/AppSettings.h"
#include "tunnel/NgrokWatcher.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace hookscope {

namespace {
QString defaultAgent()
{
    return NgrokWatcher::defaultApi().toString();
}
} // namespace

TunnelSettingsPage::TunnelSettingsPage(QWidget *parent)
    : SettingsPage(parent)
    , m_agent(new QLineEdit(this))
{
    setObjectName(QStringLiteral("tunnelSettings"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Hookscope asks the ngrok agent running on this machine for the tunnel's public "
                                "URL and shows it in the toolbar. Applies when you press OK; --ngrok-api wins "
                                "for that session."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);
    m_agent->setObjectName(QStringLiteral("ngrokApi"));
    m_agent->setPlaceholderText(defaultAgent());
    m_field = SettingsField::addRow(form, tr("ngrok &agent"), m_agent,
                                    tr("Address of the agent's local API (its web interface), an http:// URL with a "
                                       "port. Default %1.")
                                        .arg(defaultAgent()),
                                    [this] { return AppSettings::checkNgrokApi(m_agent->text()); });
    connect(m_agent, &QLineEdit::textChanged, this, &SettingsPage::edited);
    restoreDefaults();
}

void TunnelSettingsPage::load(const QSettings &settings)
{
    m_agent->setText(settings.value(QLatin1String(AppSettings::NgrokApi), defaultAgent()).toString());
}

void TunnelSettingsPage::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(AppSettings::NgrokApi), m_agent->text().trimmed());
}

void TunnelSettingsPage::restoreDefaults()
{
    m_agent->setText(defaultAgent());
}

QString TunnelSettingsPage::validate()
{
    return m_field->validate();
}

} // namespace hookscope
