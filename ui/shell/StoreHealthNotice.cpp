#include "StoreHealthNotice.h"

#include "StatusBarPane.h"
#include "store/StoreHealthCheck.h"

#include <QMessageBox>
#include <QWidget>

#include <algorithm>

namespace hookscope {

namespace {
constexpr qsizetype kListed = 30; // the box lists this many; check-store lists them all
}

StoreHealthNotice::StoreHealthNotice(StatusBarPane *status, QWidget *window)
    : QObject(window)
    , m_status(status)
    , m_window(window)
    , m_check(new StoreHealthCheck(this))
{
    connect(m_check, &StoreHealthCheck::finished, this, &StoreHealthNotice::show);
}

void StoreHealthNotice::check(const QString &storePath)
{
    m_check->start(storePath);
}

void StoreHealthNotice::show(const StoreHealthReport &report)
{
    if (report.healthy())
        return;
    m_status->setStoreProblem(tr("Store damaged: %1").arg(report.summary()));
    QStringList lines;
    for (qsizetype i = 0; i < std::min(report.unreadable.size(), kListed); ++i)
        lines.append(QStringLiteral("• ") + report.unreadable.at(i).describe());
    if (report.unreadable.size() > kListed)
        lines.append(tr("… and %1 more").arg(report.unreadable.size() - kListed));
    const QString text =
        tr("The event store %1 is damaged: %2.\n\n%3\n\nNew events are still captured, and every readable event is "
           "shown and exported as usual (an export leaves the unreadable ones out and names them). The file is "
           "left as it is.\n\nTo start over on a sound store: export all events, start Hookscope with --db "
           "pointing to a new file and import the export there. \"hookscope check-store --db %1\" reports the "
           "store's health at any time.")
            .arg(report.path, report.summary(), lines.isEmpty() ? report.integrity.join(QLatin1Char('\n')) : lines.join(QLatin1Char('\n')));
    if (m_box)
        m_box->close();
    m_box = new QMessageBox(QMessageBox::Warning, tr("Event store damaged"), text, QMessageBox::Ok, m_window);
    m_box->setObjectName(QStringLiteral("storeDamageBox"));
    m_box->setTextFormat(Qt::PlainText); // ids and SQLite's words, never markup
    m_box->setAttribute(Qt::WA_DeleteOnClose);
    m_box->open();
}

} // namespace hookscope
