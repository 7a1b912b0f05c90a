#pragma once

#include "event/EventInfo.h"

#include <QLabel>

namespace hookscope {

// One plain-text line under the detail title: whether the endpoint refused the request and
// what the signature check found ("Signature valid: HMAC-SHA256 of the body matches
// X-Signature"). Hidden when there is nothing to say.
class TrustLine final : public QLabel
{
    Q_OBJECT
public:
    explicit TrustLine(QWidget *parent = nullptr);

    // From the stored event, before enrichment ran.
    void setRejection(const QString &rejection);
    void setInfo(const EventInfo &info);
    void clearTrust();

    [[nodiscard]] static QString signatureText(const EventInfo &info);

private:
    void refresh();

    QString m_rejection;
    QString m_signature;
};

} // namespace hookscope
