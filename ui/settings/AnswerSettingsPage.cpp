#include "AnswerSettingsPage.h"

#include "SettingsField.h"
#include "Theme.h"
#include "app/AppSettings.h"
#include "http/ReceiverConfig.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>

namespace hookscope {

namespace {
QStringList defaultHeaders()
{
    QStringList lines;
    for (const auto &[name, value] : ReceiverConfig::defaultAnswer().headers)
        lines.append(QString::fromUtf8(name + ": " + value));
    return lines;
}
} // namespace

AnswerSettingsPage::AnswerSettingsPage(QWidget *parent)
    : SettingsPage(parent)
    , m_status(new QLineEdit(this))
    , m_headers(new QPlainTextEdit(this))
    , m_body(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("answerSettings"));
    m_status->setObjectName(QStringLiteral("status"));
    m_headers->setObjectName(QStringLiteral("headers"));
    m_body->setObjectName(QStringLiteral("body"));
    for (QPlainTextEdit *edit : {m_headers, m_body}) {
        edit->setFont(Theme::monospace());
        edit->setTabChangesFocus(true); // Tab moves on, as in every other field
        edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    }
    m_headers->setFixedHeight(m_headers->fontMetrics().lineSpacing() * 4 + 12);
    m_body->setMinimumHeight(m_body->fontMetrics().lineSpacing() * 6 + 12);

    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("What Hookscope answers to every request it stores."), this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);
    const auto add = [&](const QString &label, QWidget *edit, const QString &explanation, SettingsField::Check check) {
        SettingsField *field = SettingsField::addRow(form, label, edit, explanation, std::move(check));
        m_fields.append(field);
        return field;
    };
    add(tr("&Status"), m_status, tr("HTTP status, 200 to 599. Default 200."),
        [this] { return AppSettings::checkStatus(m_status->text()); });
    add(tr("&Headers"), m_headers, tr("One \"Name: value\" per line. Default Content-Type: application/json."), [this] {
        for (const QString &line : headerLines()) {
            if (const QString reason = AppSettings::checkHeader(line); !reason.isEmpty())
                return reason;
        }
        return QString();
    });
    SettingsField *body = add(tr("B&ody"), m_body, tr("Sent as it is written. Default {\"ok\":true}."), nullptr);
    body->setNote([this] { return AppSettings::jsonWarning(m_body->toPlainText().toUtf8()); });

    connect(m_status, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(m_headers, &QPlainTextEdit::textChanged, this, &SettingsPage::edited);
    connect(m_body, &QPlainTextEdit::textChanged, this, &SettingsPage::edited);
    restoreDefaults();
}

QStringList AnswerSettingsPage::headerLines() const
{
    QStringList lines;
    for (const QString &line : m_headers->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

void AnswerSettingsPage::load(const QSettings &settings)
{
    const HttpResponse defaults = ReceiverConfig::defaultAnswer();
    m_status->setText(settings.value(QLatin1String(AppSettings::AnswerStatus), defaults.status).toString());
    m_headers->setPlainText(settings.value(QLatin1String(AppSettings::AnswerHeaders), defaultHeaders()).toStringList().join(QLatin1Char('\n')));
    m_body->setPlainText(settings.value(QLatin1String(AppSettings::AnswerBody), QString::fromUtf8(defaults.body)).toString());
}

void AnswerSettingsPage::save(QSettings &settings) const
{
    settings.setValue(QLatin1String(AppSettings::AnswerStatus), m_status->text().trimmed().toInt());
    settings.setValue(QLatin1String(AppSettings::AnswerHeaders), headerLines());
    settings.setValue(QLatin1String(AppSettings::AnswerBody), m_body->toPlainText());
}

void AnswerSettingsPage::restoreDefaults()
{
    const HttpResponse defaults = ReceiverConfig::defaultAnswer();
    m_status->setText(QString::number(defaults.status));
    m_headers->setPlainText(defaultHeaders().join(QLatin1Char('\n')));
    m_body->setPlainText(QString::fromUtf8(defaults.body));
}

QString AnswerSettingsPage::validate()
{
    return SettingsField::validateAll(m_fields);
}

} // namespace hookscope
