#include "ForwardController.h"

#include "enrich/DefaultInspector.h"
#include "relay/Forwarder.h"
#include "store/EventStore.h"

#include <QSettings>

namespace hookscope {

namespace {
const QString kUrl = QStringLiteral("forward/url");
const QString kKind = QStringLiteral("forward/kind");
const QString kEnabled = QStringLiteral("forward/enabled");
constexpr size_t kRecent = 512;
} // namespace

ForwardController::ForwardController(Forwarder *forwarder, const QUrl &url, const QString &kind, QObject *parent)
    : QObject(parent)
    , m_forwarder(forwarder)
{
    connect(m_forwarder, &Forwarder::forwarded, this, &ForwardController::onForwarded);
    if (!url.isEmpty()) {
        apply(url, kind); // the command line wins for this session, and is not saved
        return;
    }
    const QSettings settings;
    if (settings.value(kEnabled, false).toBool())
        apply(QUrl(settings.value(kUrl).toString()), settings.value(kKind).toString());
}

void ForwardController::configure(const QUrl &url, const QString &kind)
{
    QSettings settings;
    settings.setValue(kEnabled, !url.isEmpty());
    if (!url.isEmpty()) {
        settings.setValue(kUrl, url.toString());
        settings.setValue(kKind, kind);
    }
    apply(url, kind);
}

void ForwardController::pause()
{
    apply({}, {});
}

void ForwardController::apply(const QUrl &url, const QString &kind)
{
    m_forwarder->setTarget(url);
    if (kind.isEmpty())
        m_forwarder->setKindFilter({}, {});
    else
        m_forwarder->setKindFilter(kind, [inspect = defaultInspector()](const Event &event) { return inspect(event).kind; });
}

QUrl ForwardController::url() const
{
    return m_forwarder->target();
}

QString ForwardController::kind() const
{
    return m_forwarder->kindFilter();
}

std::optional<ForwardRecord> ForwardController::recordFor(qint64 id, const EventStore &reader) const
{
    if (const auto recent = m_recent.find(id); recent != m_recent.end())
        return recent->second;
    return reader.loadForward(id);
}

void ForwardController::onForwarded(const ForwardRecord &record)
{
    m_recent.insert_or_assign(record.id, record);
    while (m_recent.size() > kRecent)
        m_recent.erase(m_recent.begin()); // ids grow: the oldest are committed by now
    Q_EMIT forwarded(record);
}

} // namespace hookscope
