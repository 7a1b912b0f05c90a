#include "Subcommands.h"

#include "CheckStoreCommand.h"
#include "ExchangeCommands.h"
#include "SendCommand.h"
#include "TranslationsCommand.h"
#include "ValidateCommand.h"

#include <functional>
#include <map>

namespace hookscope {

namespace {
using Command = std::function<int(const QStringList &args)>;

const std::map<QString, Command> &commands()
{
    static const std::map<QString, Command> all = {
        {QStringLiteral("validate"), runValidateCommand},
        {QStringLiteral("schemas"), runSchemasCommand},
        {QStringLiteral("translations"), runTranslationsCommand},
        {QStringLiteral("export"), runExportCommand},
        {QStringLiteral("import"), runImportCommand},
        {QStringLiteral("check-store"), runCheckStoreCommand},
        {QStringLiteral("send"), runSendCommand},
    };
    return all;
}
} // namespace

bool isSubcommand(const QStringList &args)
{
    return args.size() >= 2 && commands().count(args.at(1)) > 0;
}

int runSubcommand(const QStringList &args)
{
    return commands().at(args.at(1))(args);
}

QStringList subcommandNames()
{
    QStringList names;
    for (const auto &entry : commands())
        names.append(entry.first);
    return names;
}

} // namespace hookscope
