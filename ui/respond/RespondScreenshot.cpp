#include "RespondScreenshot.h"

#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "HoldController.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "RespondPanel.h"
#include "ScreenshotRunner.h"
#include "SignalWait.h"
#include "hold/HoldDesk.h"
#include "hold/HoldingSink.h"
#include "http/Receiver.h"

#include <QDockWidget>
#include <QItemSelectionModel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QTabWidget>
#include <QTableView>

namespace hookscope {

namespace {

const QString kBooking = QStringLiteral("before-book-appointment");

// Waits until the reply is finished (or timeoutMs passed).
void finish(QNetworkReply *reply, int timeoutMs)
{
    SignalWait([reply] { return reply->isFinished(); }).on(reply, &QNetworkReply::finished).wait(timeoutMs);
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
    const quint16 port = window.session()->port();
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
        finish(reply, 10'000);
        reply->deleteLater();
    }
    if (!booking) {
        *error = QStringLiteral("no Before Book sample");
        return false;
    }
    // Two hooks wait at once: the panel answers the first, its queue counts both down.
    QList<QNetworkReply *> held;
    HoldController *hold = window.holdController();
    HoldDesk *desk = window.holdDesk();
    for (int i = 0; i < 2; ++i) {
        held.append(post(network, port, *booking)); // answered after the picture
        const bool isHeld = SignalWait([hold, desk, i] { return desk->count() == i + 1 && hold->panel()->requestId() > 0; })
                                .on(desk, &HoldDesk::held)
                                .wait(10'000);
        if (!isHeld) {
            *error = QStringLiteral("the Before Book sample was not held (is the kind recognised?)");
            return false;
        }
        SignalWait::settle(1200); // the two countdowns differ, as they would
    }
    const qint64 id = hold->panel()->requestId();

    EventListPane *list = window.listPane();
    const EventTableModel *model = list->model();
    SignalWait([model, id] {
        const int row = model->rowOf(id);
        return row >= 0
            && model->index(row, 0).data(EventTableModel::ValidityRole).toInt() != int(EventInfo::Validity::NotChecked);
    })
        .on(model, &QAbstractItemModel::dataChanged)
        .on(model, &QAbstractItemModel::rowsInserted)
        .wait(5000);
    // The panel selected the held hook itself (nothing else was being read): its request is
    // the one in the details.
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    hold->panel()->setFocus();
    SignalWait::settle(400); // layouts, the highlighter and the countdown

    const bool saved = window.grab().save(output);
    while (hold->panel()->requestId() > 0) {
        const qint64 before = hold->panel()->requestId();
        hold->panel()->answerWithPreset(QStringLiteral("accept"));
        const bool moved = SignalWait([hold, before] { return hold->panel()->requestId() != before; })
                               .on(desk, &HoldDesk::answered)
                               .on(model, &QAbstractItemModel::dataChanged)
                               .wait(5000);
        if (!moved)
            break;
    }
    for (QNetworkReply *reply : std::as_const(held)) {
        finish(reply, 5000);
        reply->deleteLater();
    }
    if (!saved) {
        *error = QStringLiteral("cannot write %1").arg(output);
        return false;
    }
    return true;
}

} // namespace hookscope
