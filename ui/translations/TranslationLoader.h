#pragma once

#include "translate/TranslationIndex.h"

#include <QObject>
#include <memory>

namespace hookscope {

class LatestOnlyWorker;

// Builds the TranslationIndex of a body for the Translations tab. Small bodies are read at
// once; a body above syncLimit() is parsed on a worker thread so a 20 MB body does not
// freeze the window, and its result arrives later through loaded(). Only the newest request
// reports: a result for an older ticket (the user moved on) is dropped.
class TranslationLoader final : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kDefaultSyncLimit = 256 * 1024;

    explicit TranslationLoader(QObject *parent = nullptr);
    ~TranslationLoader() override; // waits for a running parse (LatestOnlyWorker)

    void setSyncLimit(qsizetype bytes) { m_syncLimit = bytes; }
    [[nodiscard]] qsizetype syncLimit() const { return m_syncLimit; }

    // Returns true when loaded() was emitted before returning (small body).
    bool load(quint64 ticket, const QByteArray &body);
    // Drops whatever is running: its result will not be reported.
    void cancel();
    [[nodiscard]] bool isBusy() const;
    // Blocks until the worker is idle; its result, if any, is still delivered through the event loop.
    bool waitForDone(int msecs = -1);

Q_SIGNALS:
    // `index` is empty when `error` is set (the body is not JSON).
    void loaded(quint64 ticket, std::shared_ptr<const hookscope::TranslationIndex> index, const QString &error);

private:
    LatestOnlyWorker *m_worker;
    qsizetype m_syncLimit = kDefaultSyncLimit;
};

} // namespace hookscope
