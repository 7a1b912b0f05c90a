#include "SessionOptions.h"

#include "enrich/DefaultInspector.h"

#include "util/Log.h"

#include <QFile>
#include <QSettings>

namespace hookscope {

HoldPolicy savedHoldPolicy(const AppOptions &options)
{
    HoldPolicy policy = HoldPolicy::builtIn(*appKindCatalog()); // the packs' hold.json, the user's included
    policy.loadSettings(QSettings());
    for (const RespondRule &rule : options.respond)
        policy.addRespond(rule);
    return policy;
}

AnswerRuleSet savedAnswerRules(const AppOptions &options)
{
    if (!options.ruleFile.isEmpty())
        return options.answerRules;
    // The user's file (Settings): a broken one answers nothing and says why once.
    AnswerRuleSet rules;
    QString error;
    if (QFile::exists(AnswerRuleSet::userFile()) && !AnswerRuleSet::load(AnswerRuleSet::userFile(), &rules, &error)) {
        qCWarning(lcApp).noquote() << "answer rules not used:" << error;
        return {};
    }
    return rules;
}

SessionConfig sessionConfig(const AppOptions &options)
{
    SessionConfig config;
    config.storePath = options.dbPath;
    config.sync = options.sync;
    config.receiver = options.receiver;
    config.enrich = options.validate;
    config.inspectTimeout = std::chrono::milliseconds(options.inspectTimeoutMs);
    config.signatures = std::make_shared<const SignatureVerifier>(options.signatures, options.signatureTolerance);
    config.publicBase = options.publicUrl.toUtf8();
    config.followTunnelUrl = true;
    config.holdPolicy = savedHoldPolicy(options);
    config.presets = PresetCatalog::load(*appKindCatalog());
    config.answerRules = savedAnswerRules(options);
    config.ngrokApi = options.ngrokApi;
    return config;
}

} // namespace hookscope
