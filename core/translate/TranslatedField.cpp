#include "TranslatedField.h"

#include "TranslationScanner.h"

#include <QJsonObject>

namespace hookscope {

TranslatedField::TranslatedField(QString pointer, QString owner, const QJsonArray &items)
    : m_pointer(std::move(pointer))
    , m_owner(std::move(owner))
    , m_itemCount(items.size())
{
    if (items.isEmpty())
        m_problems |= Problem::NoTranslations;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!TranslationScanner::isTranslationItem(item))
            continue;
        const QJsonObject object = item.toObject();
        const QString language = object.value(QLatin1String("language")).toString();
        const QJsonValue value = object.value(QLatin1String("value"));
        if (language.isEmpty()) {
            ++m_blankLanguageItems;
            m_problems |= Problem::BlankLanguage;
            continue;
        }
        const auto existing = m_entries.find(language);
        if (existing != m_entries.end()) {
            ++existing->occurrences;
            m_problems |= Problem::DuplicateLanguage;
            continue;
        }
        TranslationEntry entry;
        entry.itemIndex = i;
        entry.isNull = value.isNull();
        entry.text = value.toString();
        if (entry.isNull)
            m_problems |= Problem::NullValue;
        else if (entry.text.isEmpty())
            m_problems |= Problem::EmptyText;
        m_entries.insert(language, entry);
        m_languages.append(language);
    }
}

const TranslationEntry *TranslatedField::entry(const QString &language) const
{
    const auto it = m_entries.constFind(language);
    return it == m_entries.constEnd() ? nullptr : &it.value();
}

} // namespace hookscope
