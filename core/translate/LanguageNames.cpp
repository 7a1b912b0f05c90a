#include "LanguageNames.h"

#include <QHash>
#include <QLocale>
#include <QMutex>
#include <QStringList>

namespace hookscope {

namespace {

struct ParsedCode
{
    QLocale::Language language = QLocale::AnyLanguage;
    QLocale::Script script = QLocale::AnyScript;
    QLocale::Territory territory = QLocale::AnyTerritory;

    [[nodiscard]] bool isKnown() const { return language != QLocale::AnyLanguage && language != QLocale::C; }
};

bool isAlpha(QStringView text)
{
    for (const QChar c : text) {
        if (!((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')))
            return false;
    }
    return true;
}

bool isDigits(QStringView text)
{
    for (const QChar c : text) {
        if (c < u'0' || c > u'9')
            return false;
    }
    return true;
}

// language[-Script][-REGION], "-" or "_"; other subtags (variants, extensions) are ignored.
ParsedCode parse(const QString &code)
{
    ParsedCode parsed;
    const QStringList subtags = QString(code).replace(u'_', u'-').split(u'-');
    const QString &language = subtags.first();
    if ((language.size() != 2 && language.size() != 3) || !isAlpha(language))
        return parsed;
    parsed.language = QLocale::codeToLanguage(language.toLower());
    if (!parsed.isKnown())
        return parsed;
    for (qsizetype i = 1; i < subtags.size(); ++i) {
        const QString &subtag = subtags.at(i);
        if (subtag.size() == 4 && isAlpha(subtag) && parsed.script == QLocale::AnyScript
            && parsed.territory == QLocale::AnyTerritory) {
            const QString titled = subtag.left(1).toUpper() + subtag.mid(1).toLower();
            parsed.script = QLocale::codeToScript(titled);
        } else if (((subtag.size() == 2 && isAlpha(subtag)) || (subtag.size() == 3 && isDigits(subtag)))
                   && parsed.territory == QLocale::AnyTerritory) {
            parsed.territory = QLocale::codeToTerritory(subtag.toUpper());
        }
    }
    return parsed;
}

// The name most locales of the language (in that script) give it: CLDR names the default
// locale of some languages after its region ("en" is en_US, "American English").
QString baseName(QLocale::Language language, QLocale::Script script)
{
    const QLocale fallback(language, script, QLocale::AnyTerritory);
    if (script == QLocale::AnyScript)
        script = fallback.script();
    QHash<QString, int> votes;
    const QList<QLocale> locales = QLocale::matchingLocales(language, script, QLocale::AnyTerritory);
    for (const QLocale &locale : locales)
        ++votes[locale.nativeLanguageName()];
    QString best = fallback.nativeLanguageName();
    int bestVotes = votes.value(best);
    for (const QLocale &locale : locales) {
        const QString name = locale.nativeLanguageName();
        if (votes.value(name) > bestVotes) {
            best = name;
            bestVotes = votes.value(name);
        }
    }
    return best;
}

QString computeNativeName(const ParsedCode &code)
{
    const QString base = baseName(code.language, code.script);
    if (code.territory == QLocale::AnyTerritory)
        return base;
    const QLocale regional(code.language, code.script, code.territory);
    if (regional.language() != code.language || regional.territory() != code.territory)
        return QStringLiteral("%1 (%2)").arg(base, QLocale::territoryToString(code.territory));
    const QString name = regional.nativeLanguageName();
    return name == base ? QStringLiteral("%1 (%2)").arg(base, regional.nativeTerritoryName()) : name;
}

} // namespace

bool LanguageNames::isKnown(const QString &code)
{
    return parse(code).isKnown();
}

QString LanguageNames::nativeName(const QString &code)
{
    // The GUI asks on every header paint and the answer never changes; codes come from payloads,
    // so the cache is bounded.
    constexpr qsizetype kCacheLimit = 512;
    static QMutex mutex;
    static QHash<QString, QString> cache;
    const QMutexLocker locker(&mutex);
    const auto cached = cache.constFind(code);
    if (cached != cache.constEnd())
        return cached.value();
    const ParsedCode parsed = parse(code);
    const QString name = parsed.isKnown() ? computeNativeName(parsed) : QString();
    if (cache.size() >= kCacheLimit)
        cache.clear();
    cache.insert(code, name);
    return name;
}

QString LanguageNames::displayName(const QString &code)
{
    const QString name = nativeName(code);
    return name.isEmpty() ? code : code + separator + name;
}

bool LanguageNames::isRightToLeft(const QString &code)
{
    const ParsedCode parsed = parse(code);
    return parsed.isKnown()
        && QLocale(parsed.language, parsed.script, parsed.territory).textDirection() == Qt::RightToLeft;
}

} // namespace hookscope
