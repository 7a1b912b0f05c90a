#include "TranslationScanner.h"

#include <QJsonObject>

namespace hookscope {

namespace {

const QLatin1String kLanguage("language");
const QLatin1String kValue("value");

struct Pending
{
    QJsonValue value;
    PathStep step; // how its parent reaches it (unused for the root)
    qsizetype depth = 0; // steps from the root
};

bool isEmptyTranslationsMember(const QJsonArray &array, const JsonPath &path)
{
    return array.isEmpty() && path.size() >= 2 && !path.last().isIndex
        && !path.at(path.size() - 2).isIndex && path.at(path.size() - 2).token == kTranslationsMember;
}

} // namespace

bool TranslationScanner::isTranslationItem(const QJsonValue &item)
{
    if (!item.isObject())
        return false;
    const QJsonObject object = item.toObject();
    const QJsonValue value = object.value(kValue); // Undefined when absent: not null
    return object.value(kLanguage).isString() && (value.isString() || value.isNull());
}

bool TranslationScanner::isTranslationArray(const QJsonArray &array)
{
    if (array.isEmpty())
        return false;
    for (const QJsonValue &item : array) {
        if (!isTranslationItem(item))
            return false;
    }
    return true;
}

std::vector<TranslationScanner::Match> TranslationScanner::scan(const QJsonValue &root)
{
    std::vector<Match> matches;
    std::vector<Pending> stack;
    stack.push_back({root, {}, 0});
    JsonPath path; // of the value being visited
    while (!stack.empty()) {
        Pending current = std::move(stack.back());
        stack.pop_back();
        if (current.depth > 0) {
            path.resize(current.depth - 1);
            path.append(current.step);
        }
        // Containers only (scalars hold no arrays), pushed last-first to be visited first-first.
        if (current.value.isArray()) {
            const QJsonArray array = current.value.toArray();
            if (isTranslationArray(array) || isEmptyTranslationsMember(array, path))
                matches.push_back({path, array});
            for (qsizetype i = array.size() - 1; i >= 0; --i) {
                const QJsonValue item = array.at(i);
                if (item.isArray() || item.isObject())
                    stack.push_back({item, {QString::number(i), true}, current.depth + 1});
            }
        } else if (current.value.isObject()) {
            const QJsonObject object = current.value.toObject();
            for (auto it = object.constEnd(); it != object.constBegin();) {
                --it;
                if (it.value().isArray() || it.value().isObject())
                    stack.push_back({it.value(), {it.key(), false}, current.depth + 1});
            }
        }
    }
    return matches;
}

} // namespace hookscope
