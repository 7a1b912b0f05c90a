#include "RespondScreenshot.h"

#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldController.h"
#include "MainWindow.h"
#include "RespondPanel.h"
#include "ScreenshotRunner.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTabWidget>
#include <QTableView>
#include <functional>

namespace hookscope {

namespace {

const QString kBooking = QStringLiteral("before-book-appointment");

bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return true;
}

QNetworkReply *post(QNetworkAccessManager &network, quint16 port, const ScreenshotRunner::Sample &s)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + QString::fromLatin1(s.target)));
    for (const auto &[name, value] : s.headers)
        request.setRawHeader(name, value);
    return network.sendCustomRequest(request, s.method, s.body);
}

} // namespace

bool RespondScreenshot::shoot(MainWindow &window, const QString &output, QString *error)
{
    // Held long enough for the picture, whatever the user's hold settings say.
    HoldPolicy policy = window.holdingSink()->policy();
    HoldRule rule = policy.rule(kBooking);
    rule.hold = true;
    rule.deadlineMs = 30'000;
    policy.setRule(kBooking, rule);
    window.holdingSink()->setPolicy(policy);

    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    const quint16 port = window.receiver()->port();
    const QList<ScreenshotRunner::Sample> samples = ScreenshotRunner::samples();
    const ScreenshotRunner::Sample *booking = nullptr;
    for (const ScreenshotRunner::Sample &s : samples) {
        if (s.target.contains("before-book")) {
            booking = &s;
            continue;
        }
        if (s.method != "POST" || !s.body.startsWith('{') || !s.body.trimmed().endsWith('}'))
            continue; // the table shows a few well-formed neighbours only
        QNetworkReply *reply = post(network, port, s);
        waitFor([reply] { return reply->isFinished(); }, 10'000);
        reply->deleteLater();
    }
    if (!booking) {
        *error = QStringLiteral("no Before Book sample");
        return false;
    }
    // Two hooks wait at once: the panel answers the first, its queue counts both down.
    QList<QNetworkReply *> held;
    HoldController *hold = window.holdController();
    for (int i = 0; i < 2; ++i) {
        held.append(post(network, port, *booking)); // answered after the picture
        if (!waitFor([&] { return window.holdDesk()->count() == i + 1; }, 10'000)) {
            *error = QStringLiteral("the Before Book sample was not held (is the kind recognised?)");
            return false;
        }
        waitFor([] { return false; }, 1200); // the two countdowns differ, as they would
    }
    const qint64 id = hold->panel()->requestId();

    EventListPane *list = window.listPane();
    waitFor(
        [list, id] {
            const EventTableModel *model = list->model();
            const int row = model->rowOf(id);
            return row >= 0
                && model->index(row, 0).data(EventTableModel::ValidityRole).toInt()
                != int(EventInfo::Validity::NotChecked);
        },
        5000);
    // The panel selected the held hook itself (nothing else was being read): its request is
    // the one in the details.
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    hold->panel()->setFocus();
    waitFor([] { return false; }, 400); // layouts, the highlighter and the countdown settle

    const bool saved = window.grab().save(output);
    while (hold->panel()->requestId() > 0) {
        const qint64 before = hold->panel()->requestId();
        hold->panel()->answerWithPreset(QStringLiteral("accept"));
        if (!waitFor([&] { return hold->panel()->requestId() != before; }, 5000))
            break;
    }
    for (QNetworkReply *reply : std::as_const(held)) {
        waitFor([reply] { return reply->isFinished(); }, 5000);
        reply->deleteLater();
    }
    if (!saved) {
        *error = QStringLiteral("cannot write %1").arg(output);
        return false;
    }
    return true;
}

} // namespace hookscope
