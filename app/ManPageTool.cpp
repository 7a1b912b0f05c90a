// hookscope-manpage BINARY OUTPUT: writes the man page of BINARY, made from its own --help and
// each sub-command's --help (ManPage), to OUTPUT. Run at build time; not installed.
#include "app/ManPage.h"
#include "app/Subcommands.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <cstdio>

namespace {

QString helpOf(const QString &binary, const QStringList &args, bool *ok)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(binary, args);
    *ok = process.waitForFinished(30'000) && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    // Defaults under the build machine's home are shown as ~ (the page is for every user).
    return QString::fromUtf8(process.readAllStandardOutput()).replace(QDir::homePath(), QStringLiteral("~"));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: hookscope-manpage HOOKSCOPE_BINARY OUTPUT\n");
        return 2;
    }
    bool ok = false;
    const QString mainHelp = helpOf(args.at(1), {QStringLiteral("--help")}, &ok);
    if (!ok) {
        std::fprintf(stderr, "hookscope-manpage: %s --help failed\n", qPrintable(args.at(1)));
        return 1;
    }
    QList<hookscope::ManPage::Command> commands;
    for (const QString &name : hookscope::subcommandNames()) {
        const QString help = helpOf(args.at(1), {name, QStringLiteral("--help")}, &ok);
        if (!ok) {
            std::fprintf(stderr, "hookscope-manpage: %s %s --help failed\n", qPrintable(args.at(1)), qPrintable(name));
            return 1;
        }
        commands.append({name, help});
    }
    // SOURCE_DATE_EPOCH keeps the page reproducible (Debian's reproducible builds).
    const QByteArray epoch = qgetenv("SOURCE_DATE_EPOCH");
    const QDate date = epoch.isEmpty() ? QDate::currentDate()
                                       : QDateTime::fromSecsSinceEpoch(epoch.toLongLong(), Qt::UTC).date();
    QFile out(args.at(2));
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        std::fprintf(stderr, "hookscope-manpage: cannot write %s\n", qPrintable(args.at(2)));
        return 1;
    }
    out.write(hookscope::ManPage::render(mainHelp, commands, QStringLiteral(HOOKSCOPE_VERSION), date).toUtf8());
    return 0;
}
