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
    QNetworkReply *held = post(network, port, *booking); // answered after the picture
    HoldController *hold = window.holdController();
    const bool isHeld = SignalWait([hold] { return hold->panel()->requestId() > 0; })
                            .on(window.holdDesk(), &HoldDesk::held)
                            .wait(10'000);
    if (!isHeld) {
        *error = QStringLiteral("the Before Book sample was not held (is the kind recognised?)");
        return false;
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
    const QModelIndex index = list->proxy()->mapFromSource(list->model()->index(list->model()->rowOf(id), 0));
    list->table()->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    // Wide enough for the panel's preset buttons and the table's columns side by side.
    window.resize(1720, 940);
    hold->dock()->show();
    SignalWait::settle(100); // the new size is laid out before the dock takes its share
    window.resizeDocks({hold->dock()}, {820}, Qt::Horizontal);
    hold->panel()->setFocus();
    SignalWait::settle(400); // layouts, the highlighter and the countdown

    const bool saved = window.grab().save(output);
    hold->panel()->answerWithPreset(QStringLiteral("accept"));
    finish(held, 5000);
    held->deleteLater();
    if (!saved) {
        *error = QStringLiteral("cannot write %1").arg(output);
        return false;
    }
    return true;
}

} // namespace hookscope
