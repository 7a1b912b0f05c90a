#pragma once

#include "enrich/EnrichmentService.h"
#include "hold/AnswerRuleSet.h"
#include "hold/HoldPolicy.h"
#include "hold/PresetCatalog.h"
#include "http/ReceiverConfig.h"
#include "store/EventStore.h"
#include "trust/SignatureVerifier.h"

#include <QByteArray>
#include <QString>
#include <QUrl>
#include <chrono>
#include <memory>

namespace hookscope {

// What a CaptureSession needs to know, and nothing of the command line or QSettings:
// app/SessionOptions maps AppOptions (and the saved settings) onto it.
struct SessionConfig
{
    // The event store; empty: EventStore::defaultPath().
    QString storePath;
    SyncMode sync = SyncMode::Full;
    ReceiverConfig receiver;
    // Tell OwnAddresses where the receiver listens, so that forward and replay never send
    // back to it. Off for a receiver standing in for a target app in a test.
    bool ownAddress = true;

    // Classify and validate every stored event (headless --no-validate switches it off).
    bool enrich = true;
    std::chrono::milliseconds inspectTimeout = EnrichmentService::kDefaultTimeLimit;
    // Empty: defaultInspector(). The signature check is added on top of it (withTrust).
    EnrichmentService::Inspector inspector;
    // The signature rules in force; null: none.
    std::shared_ptr<const SignatureVerifier> signatures;
    // The public URL signed content names ({url}); empty: the host the sender used, or with
    // followTunnelUrl the ngrok tunnel's public URL once one is seen.
    QByteArray publicBase;
    bool followTunnelUrl = false;

    HoldPolicy holdPolicy = HoldPolicy::builtIn();
    PresetCatalog presets = PresetCatalog::builtIn();
    // Answer rules (issue 26) and the "Simulate failures" switch (their `enabled`); none by default.
    AnswerRuleSet answerRules;

    // The ngrok agent whose tunnels are watched; empty: not watched.
    QUrl ngrokApi;
};

} // namespace hookscope
