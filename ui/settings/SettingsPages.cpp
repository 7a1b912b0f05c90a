#include "SettingsPages.h"

#include "AnswerSettingsPage.h"
#include "KindsSettingsPage.h"
#include "ReceiverSettingsPage.h"
#include "SettingsDialog.h"

namespace hookscope {

void addSettingsPages(SettingsDialog &dialog, const SettingsContext &context)
{
    dialog.addPage(new ReceiverSettingsPage);
    dialog.addPage(new AnswerSettingsPage);
    dialog.addPage(new KindsSettingsPage(context.kindIds));
}

} // namespace hookscope
