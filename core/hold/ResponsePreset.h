#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace hookscope {

// One canned answer to a held hook, loaded from a *.preset.json file (resources/presets/README.md).
// The body is a template: a string value "${arg}" becomes the preset's argument, and
// "${request:/pointer}" the value found at that JSON Pointer in the request (null when absent).
struct ResponsePreset
{
    enum class Origin { BuiltIn, User };

    QString id; // "accept", "cancel"; used by --respond KIND=ID
    QString kind; // the request kind it answers ("before-book-appointment")
    QString title; // the button text
    QString description; // the button tooltip
    QString shortcut; // QKeySequence text, "Ctrl+1"; empty for none
    int order = 100; // buttons are sorted by order, then title
    int status = 200;
    QJsonValue body; // the template
    bool hasArgument = false;
    QString argumentLabel; // "Reason"
    QString argumentDefault; // may itself be "${request:/pointer}"
    Origin origin = Origin::BuiltIn;
    QString file; // where it was loaded from

    // Parses one preset file's JSON; on failure *error says what is wrong (and where).
    [[nodiscard]] static bool fromJson(const QByteArray &json, ResponsePreset *out, QString *error);
    [[nodiscard]] QJsonObject toJson() const;
};

} // namespace hookscope
