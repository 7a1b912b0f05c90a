#include "ReceiverSettingsPage.h"

#include "ByteSizeText.h"
#include "SettingsField.h"
#include "app/AppSettings.h"
#include "http/ReceiverConfig.h"

#include <QFormLayout>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>

namespace hookscope {

namespace {
const ReceiverConfig kDefaults;
constexpr qint64 kMaxBodyLimit = qint64(4) << 30;
constexpr qint64 kMinHead = 256;
constexpr qint64 kMaxHeadLimit = 16 << 20;

QString secondsText(int ms)
{
    return QString::number(ms / 1000.0, 'g', 6);
}

// A stored byte count as a size ("16 MiB"); a value that is not a count stays as it is, so
// its field says what is wrong with it.
QString sizeText(const QString &stored)
{
    bool ok = false;
    const qint64 bytes = stored.trimmed().toLongLong(&ok);
    return ok ? ByteSizeText::format(bytes) : stored;
}
} // namespace

ReceiverSettingsPage::ReceiverSettingsPage(QWidget *parent)
    : SettingsPage(parent)
    , m_port(new QLineEdit(this))
    , m_bind(new QLineEdit(this))
    , m_maxBody(new QLineEdit(this))
    , m_maxHead(new QLineEdit(this))
    , m_idle(new QLineEdit(this))
    , m_maxConnections(new QLineEdit(this))
{
    setObjectName(QStringLiteral("receiverSettings"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Changes apply when you press OK: a running receiver restarts with them. "
                                "Options given on the command line win for that session."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);

    const auto add = [&](const QString &label, QLineEdit *edit, const QString &name, const QString &explanation,
                         SettingsField::Check check) {
        edit->setObjectName(name);
        SettingsField *field = SettingsField::addRow(form, label, edit, explanation, std::move(check));
        m_fields.append(field);
        connect(edit, &QLineEdit::textChanged, this, &SettingsPage::edited);
        return field;
    };
    add(tr("&Port"), m_port, QStringLiteral("port"),
        tr("TCP port webhooks are sent to; 0 picks a free one. Default %1.").arg(kDefaults.port),
        [this] { return AppSettings::checkPort(m_port->text()); });
    SettingsField *bind = add(tr("&Bind address"), m_bind, QStringLiteral("bind"),
                              tr("Address to listen on. 127.0.0.1 is enough for ngrok, which connects locally."),
                              [this] { return AppSettings::checkBind(m_bind->text()); });
    bind->setNote([this] {
        const QString text = m_bind->text().trimmed();
        const QHostAddress address(text);
        if (text == QLatin1String("localhost") || address.isLoopback())
            return QString();
        return tr("Not a loopback address: other machines on your network can send events to Hookscope.");
    });
    // Sizes in binary units ("16 MiB"), a bare number being bytes (issue 24.24); saved as bytes.
    add(tr("Largest b&ody"), m_maxBody, QStringLiteral("maxBody"),
        tr("A larger request body is refused with 413: a size such as 16 MiB, 512 KiB or bytes. Default %1.")
            .arg(ByteSizeText::format(kDefaults.limits.maxBodyBytes)),
        [this] { return ByteSizeText::check(m_maxBody->text(), 1, kMaxBodyLimit); });
    add(tr("Largest &head"), m_maxHead, QStringLiteral("maxHead"),
        tr("Request line and headers; more is refused with 431: a size such as 64 KiB or bytes. Default %1.")
            .arg(ByteSizeText::format(kDefaults.limits.maxHeadBytes)),
        [this] { return ByteSizeText::check(m_maxHead->text(), kMinHead, kMaxHeadLimit); });
    add(tr("&Idle timeout"), m_idle, QStringLiteral("idleTimeout"),
        tr("Seconds a sender may stall mid-request before 408. Default %1.").arg(secondsText(kDefaults.idleTimeoutMs)),
        [this] { return AppSettings::checkSeconds(m_idle->text()); });
    add(tr("&Connections"), m_maxConnections, QStringLiteral("maxConnections"),
        tr("Open connections at most; more wait to be accepted. Default %1.").arg(kDefaults.maxConnections),
        [this] { return AppSettings::checkConnections(m_maxConnections->text()); });
    restoreDefaults();
}

void ReceiverSettingsPage::load(const QSettings &settings)
{
    const auto text = [&](const char *key, const QString &fallback) {
        return settings.value(QLatin1String(key), fallback).toString();
    };
    m_port->setText(text(AppSettings::Port, QString::number(kDefaults.port)));
    m_bind->setText(text(AppSettings::Bind, kDefaults.bindAddress.toString()));
    m_maxBody->setText(sizeText(text(AppSettings::MaxBody, QString::number(kDefaults.limits.maxBodyBytes))));
    m_maxHead->setText(sizeText(text(AppSettings::MaxHead, QString::number(kDefaults.limits.maxHeadBytes))));
    m_idle->setText(text(AppSettings::IdleTimeout, secondsText(kDefaults.idleTimeoutMs)));
    m_maxConnections->setText(text(AppSettings::MaxConnections, QString::number(kDefaults.maxConnections)));
}

void ReceiverSettingsPage::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(AppSettings::Port), m_port->text().trimmed().toUInt());
    settings.setValue(QLatin1String(AppSettings::Bind), m_bind->text().trimmed());
    settings.setValue(QLatin1String(AppSettings::MaxBody), ByteSizeText::parse(m_maxBody->text()).value_or(0));
    settings.setValue(QLatin1String(AppSettings::MaxHead), ByteSizeText::parse(m_maxHead->text()).value_or(0));
    settings.setValue(QLatin1String(AppSettings::IdleTimeout), m_idle->text().trimmed().toDouble());
    settings.setValue(QLatin1String(AppSettings::MaxConnections), m_maxConnections->text().trimmed().toInt());
}

void ReceiverSettingsPage::restoreDefaults()
{
    m_port->setText(QString::number(kDefaults.port));
    m_bind->setText(kDefaults.bindAddress.toString());
    m_maxBody->setText(ByteSizeText::format(kDefaults.limits.maxBodyBytes));
    m_maxHead->setText(ByteSizeText::format(kDefaults.limits.maxHeadBytes));
    m_idle->setText(secondsText(kDefaults.idleTimeoutMs));
    m_maxConnections->setText(QString::number(kDefaults.maxConnections));
}

QString ReceiverSettingsPage::validate()
{
    return SettingsField::validateAll(m_fields);
}

} // namespace hookscope
