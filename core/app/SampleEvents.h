#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;

namespace hookscope {

class KindCatalog;

// A ready-made webhook for one kind (resources/samples/<kind id>.json), sent to our own receiver
// so a new user sees the whole path work without any vendor account.
struct SampleEvent
{
    QString kindId;
    QString title; // the kind's title
    QByteArray target; // the kind's first route, else /webhooks/<id>
    QString file;
    QString pack = {}; // the kind's vendor pack, empty outside one

    // One per request kind in the catalog that has a sample file in samplesDir, in catalog order.
    [[nodiscard]] static QList<SampleEvent> available(const KindCatalog &catalog, const QString &samplesDir);
};

// POSTs samples over real HTTP (no proxy) and reports each answer.
class SamplePoster final : public QObject
{
    Q_OBJECT
public:
    explicit SamplePoster(QObject *parent = nullptr);

    // base: the receiver's URL, e.g. http://127.0.0.1:8080/
    void post(const SampleEvent &sample, const QUrl &base);

Q_SIGNALS:
    // status 0 with an error when it could not be sent.
    void finished(const QString &kindId, int status, const QString &error);

private:
    QNetworkAccessManager *m_network; // child
};

} // namespace hookscope
