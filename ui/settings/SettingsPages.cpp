#include "SettingsPages.h"

#include "AnswerSettingsPage.h"
#include "HoldSettingsPage.h"
#include "KindsSettingsPage.h"
#include "ReceiverSettingsPage.h"
#include "RulesSettingsPage.h"
#include "SettingsDialog.h"
#include "TrustSettingsPage.h"
#include "TunnelSettingsPage.h"
#include "enrich/DefaultInspector.h"
#include "hold/AnswerRuleSet.h"

namespace hookscope {

void addSettingsPages(SettingsDialog &dialog, const SettingsContext &context)
{
    dialog.addPage(new ReceiverSettingsPage);
    dialog.addPage(new AnswerSettingsPage);
    dialog.addPage(new KindsSettingsPage(context.kindIds));
    dialog.addPage(new HoldSettingsPage(context.requestKindIds, PresetCatalog::load(*appKindCatalog())));
    dialog.addPage(new RulesSettingsPage(AnswerRuleSet::userFile()));
    dialog.addPage(new TunnelSettingsPage);
    dialog.addPage(new TrustSettingsPage(context.kindIds, context.secrets, context.packs));
}

} // namespace hookscope
