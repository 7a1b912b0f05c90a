#include "SampleEvents.h"

#include "schema/KindCatalog.h"

#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace hookscope {

QList<SampleEvent> SampleEvent::available(const KindCatalog &catalog, const QString &samplesDir)
{
    QList<SampleEvent> samples;
    for (const auto &kind : catalog.kinds()) {
        if (!kind->request)
            continue;
        // A pack kind names its sample; a loose built-in one has <id>.json in samplesDir.
        const QString file = !kind->sampleFile.isEmpty()
            ? kind->sampleFile
            : samplesDir + QLatin1Char('/') + kind->id + QStringLiteral(".json");
        if (!QFileInfo::exists(file))
            continue;
        QString route = kind->routes.value(0, QStringLiteral("/webhooks/") + kind->id);
        if (route.startsWith(u'*')) // "*/service/actions/x": under a prefix, as the vendor would send it
            route = QStringLiteral("/hooks/") + (kind->pack.isEmpty() ? kind->id : kind->pack) + route.mid(1);
        samples.append({kind->id, kind->title.isEmpty() ? kind->id : kind->title, route.toUtf8(), file, kind->pack});
    }
    return samples;
}

SamplePoster::SamplePoster(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setProxy(QNetworkProxy::NoProxy); // our own receiver, never through a proxy
}

void SamplePoster::post(const SampleEvent &sample, const QUrl &base)
{
    QFile file(sample.file);
    if (!file.open(QIODevice::ReadOnly)) {
        Q_EMIT finished(sample.kindId, 0, file.errorString());
        return;
    }
    QUrl url = base;
    url.setPath(QString::fromUtf8(sample.target));
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("User-Agent", "Hookscope-Sample/1.0");
    QNetworkReply *reply = m_network->post(request, file.readAll());
    const QString kindId = sample.kindId;
    connect(reply, &QNetworkReply::finished, this, [this, reply, kindId] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        Q_EMIT finished(kindId, status, status == 0 ? reply->errorString() : QString());
    });
}

} // namespace hookscope
