#include "ScreenshotRunner.h"

#include "EventDetailPane.h"
#include "EventFilterProxy.h"
#include "EventListPane.h"
#include "EventTableModel.h"
#include "MainWindow.h"
#include "session/CaptureSession.h"
#include "RespondScreenshot.h"
#include "SignalWait.h"
#include "util/ResourceLocator.h"
#include "http/Receiver.h"

#include <QApplication>
#include <QFile>
#include <QItemSelectionModel>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <cstdio>

namespace hookscope {

namespace {

QByteArray sample(const QString &name)
{
    QFile file(ResourceLocator::directory(QStringLiteral("samples")) + QLatin1Char('/') + name);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("{}");
}

} // namespace

QList<ScreenshotRunner::Sample> ScreenshotRunner::samples()
{
    const QByteArray json = "application/json";
    return {
        {"POST", "/webhooks/jicoo?source=booking",
         {{"Content-Type", json}, {"User-Agent", "Jicoo-Webhook/1.0"}, {"X-Jicoo-Signature", "t=1732300000,v1=6f1c0e9d"}},
         sample(QStringLiteral("jicoo.json"))},
        {"POST", "/hooks/hoopai/appointment-update",
         {{"Content-Type", json}, {"User-Agent", "HoopAI/2.3"}, {"X-Forwarded-For", "203.0.113.24"},
          {"X-Forwarded-Proto", "https"}},
         sample(QStringLiteral("hoopai.appointment-update.json"))},
        {"POST", "/api/appointments/before-book",
         {{"Content-Type", json}, {"User-Agent", "Qmatic-Orchestra/6.2"}, {"X-Request-Id", "b7a2c1f0-5d9e-4c1b-9a6f-2e8d3c4b5a61"}},
         sample(QStringLiteral("before-book-appointment.json"))},
        {"GET", "/health", {{"User-Agent", "kube-probe/1.29"}}, {}},
        {"POST", "/webhooks/callback-request",
         {{"Content-Type", "application/json; charset=utf-8"}, {"User-Agent", "CallbackService/4.1"},
          {"X-Forwarded-For", "198.51.100.7, 10.0.0.2"}, {"X-Correlation-Id", "7c9e6679-7425-40de-944b-e07fc1f90ae7"},
          {"X-Signature-256", "sha256=3b9f0c5e1a7d4e2f8c6b0a9d5e3f1c7b"}},
         sample(QStringLiteral("callback-request.json"))},
        {"PUT", "/api/appointments/0007BWpSzSwfiuSl0tR2",
         {{"Content-Type", json}, {"User-Agent", "HoopAI/2.3"}, {"X-Forwarded-For", "203.0.113.24"}},
         sample(QStringLiteral("hoopai.appointment-update.json"))},
        {"POST", "/slack/commands",
         {{"Content-Type", "application/x-www-form-urlencoded"}, {"User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)"},
          {"X-Slack-Signature", "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"}},
         "token=gIkuvaNzQIHg97ATvDxqgjtO&team_id=T0001&channel_name=ops&user_name=ada&command=%2Fdeploy&text=api+v2.4"},
        {"POST", "/webhooks/legacy-crm",
         {{"Content-Type", json}, {"User-Agent", "LegacyCRM/0.9"}},
         R"({"event": "contact.updated", "contact": {"id": 42, "name": "Ada <b>Lovelace</b>",)"},
        {"POST", "/webhooks/callback-request",
         {{"Content-Type", "application/json; charset=utf-8"}, {"User-Agent", "CallbackService/4.1"},
          {"X-Forwarded-For", "198.51.100.7"}},
         sample(QStringLiteral("callback-request.update.json"))},
    };
}

bool ScreenshotRunner::postSamples(MainWindow &window, quint16 port, QString *error)
{
    QNetworkAccessManager network;
    network.setProxy(QNetworkProxy::NoProxy);
    const QList<Sample> all = samples();
    const int before = window.listPane()->eventCount();
    for (const Sample &s : all) {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port) + QString::fromLatin1(s.target)));
        for (const auto &[name, value] : s.headers)
            request.setRawHeader(name, value);
        QNetworkReply *reply = network.sendCustomRequest(request, s.method, s.body);
        SignalWait([reply] { return reply->isFinished(); }).on(reply, &QNetworkReply::finished).wait(10'000);
        reply->deleteLater();
    }
    // One request the receiver refuses (400): the table shows what a broken sender did.
    QTcpSocket raw;
    raw.connectToHost(QHostAddress::LocalHost, port);
    if (raw.waitForConnected(5000)) {
        raw.write("POST /webhooks/stripe HTTP/1.1\r\nHost: localhost\r\nContent-Length: twelve\r\n\r\n");
        SignalWait([&raw] { return raw.bytesAvailable() > 0 || raw.state() != QAbstractSocket::ConnectedState; })
            .on(&raw, &QIODevice::readyRead)
            .on(&raw, &QAbstractSocket::stateChanged)
            .wait(5000);
    }
    const int expected = before + int(all.size()) + 1;
    if (!SignalWait([&] { return window.listPane()->eventCount() >= expected; })
             .on(window.listPane(), &EventListPane::eventCountChanged)
             .wait(10'000)) {
        *error = QStringLiteral("only %1 of %2 events arrived").arg(window.listPane()->eventCount()).arg(expected);
        return false;
    }
    return true;
}

int ScreenshotRunner::run(int argc, char *argv[], AppOptions options)
{
    // Always offscreen, and never touch the user's settings.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setStyle(QStringLiteral("Fusion"));
    QTemporaryDir dir;
    if (!dir.isValid()) {
        std::fprintf(stderr, "hookscope: cannot create a temporary folder\n");
        return 1;
    }
    options.dbPath = dir.filePath(QStringLiteral("events.sqlite"));
    options.receiver.port = 0;
    options.portGiven = true;
    options.sync = SyncMode::Normal;
    // "respond:FILE": the Respond panel on a held Before Book hook (RespondScreenshot).
    const bool respondShot = options.screenshotPath.startsWith(QLatin1String(RespondScreenshot::kPrefix));
    QString output = options.screenshotPath.mid(respondShot ? qsizetype(qstrlen(RespondScreenshot::kPrefix)) : 0);
    // "[respond:]WIDTHxHEIGHT:FILE": the window at that size (the README shows 1024×700 and 1280×820).
    QSize size(1360, 860);
    static const QRegularExpression sized(QStringLiteral("^(\\d{3,4})x(\\d{3,4}):"));
    if (const QRegularExpressionMatch m = sized.match(output); m.hasMatch()) {
        size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
        output = output.mid(m.capturedLength());
    }
    // The sample booking hook would otherwise be held open until its deadline.
    if (!respondShot)
        options.respond.append(RespondRule{QStringLiteral("before-book-appointment"), QStringLiteral("accept"), std::nullopt});

    MainWindow window(std::make_unique<CaptureSession>(), options);
    window.resize(size);
    window.show();
    QString error;
    if (!window.session()->isListening()) {
        std::fprintf(stderr, "hookscope: the receiver did not start: %s\n", qPrintable(window.session()->errorString()));
        return 1;
    }
    if (respondShot) {
        if (!RespondScreenshot::shoot(window, output, &error)) {
            std::fprintf(stderr, "hookscope: %s\n", qPrintable(error));
            return 1;
        }
        std::fprintf(stdout, "%s\n", qPrintable(output));
        return 0;
    }
    if (!postSamples(window, window.session()->port(), &error)) {
        std::fprintf(stderr, "hookscope: %s\n", qPrintable(error));
        return 1;
    }
    EventListPane *list = window.listPane();
    // Let the enrichment catch up, so the kind and result columns show results, not "validating…".
    const EventTableModel *model = list->model();
    SignalWait([model] {
        for (int r = 0; r < model->rowCount(); ++r) {
            if (model->index(r, 0).data(EventTableModel::ValidityRole).toInt() == int(EventInfo::Validity::NotChecked))
                return false;
        }
        return true;
    })
        .on(model, &QAbstractItemModel::dataChanged)
        .on(model, &QAbstractItemModel::rowsInserted)
        .wait(5000);
    const int row = list->model()->rowOf(list->model()->idAt(2)); // the appointment booking
    const QModelIndex index = list->proxy()->mapFromSource(list->model()->index(row, 0));
    list->table()->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    list->table()->setFocus();
    window.detailPane()->tabs()->setCurrentIndex(EventDetailPane::BodyTab);
    SignalWait::settle(300); // layouts and the highlighter
    if (!window.grab().save(output)) {
        std::fprintf(stderr, "hookscope: cannot write %s\n", qPrintable(output));
        return 1;
    }
    std::fprintf(stdout, "%s\n", qPrintable(output));
    return 0;
}

} // namespace hookscope
