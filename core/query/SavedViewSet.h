#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace hookscope {

// A saved view (issue 27): a filter-box query with a name, the table columns shown and the
// sort. Columns and the sort column are named by the table's stable column keys
// (EventColumns::keyOf: "time", "kind", …); an empty column list leaves the table's columns as
// they are, an empty sort column its sort.
struct SavedView
{
    QString name;
    QString query;
    QStringList columns;
    QString sortColumn;
    bool sortDescending = true;
    QString vendor; // the pack a shipped example came from; empty: the user's own
    friend bool operator==(const SavedView &, const SavedView &) = default;
};

// The saved views file (<config>/views.json, beside answer-rules.json and presets/) and the
// examples the vendor packs ship (packs/<vendor>/views.json, same format):
//   {"views": [{"name": "…", "query": "…", "columns": ["time", …],
//               "sort": {"column": "time", "order": "descending"}}, …]}
// The file is hand-editable, so reading it is lenient per view: a view that is not usable
// (no name, a member of the wrong type) is left out and named in the problems, the others
// load. A query is not checked here: a view whose query no longer parses is kept (the list
// shows why), so nothing a user wrote is dropped on the next save.
class SavedViewSet final
{
public:
    static constexpr qsizetype kMaxFileBytes = 1024 * 1024;
    static constexpr int kMaxViews = 500;
    static constexpr int kMaxNameLength = 200;
    static constexpr int kMaxQueryLength = 8192;

    // False (and *error set) when the file as a whole is unusable: not JSON, too big, not an
    // object with a "views" list. Views left out are listed in *problems ("view 3: …").
    [[nodiscard]] static bool fromJson(const QByteArray &json, QList<SavedView> *out, QString *error,
                                       QStringList *problems);
    [[nodiscard]] static QByteArray toJson(const QList<SavedView> &views);

    struct Loaded
    {
        QList<SavedView> views;
        bool exists = false; // the file was there
        QString error; // the file as a whole could not be read (views stays empty)
        QStringList problems; // views left out
        [[nodiscard]] bool damaged() const { return !error.isEmpty() || !problems.isEmpty(); }
    };
    // Reads a file (at most kMaxFileBytes); messages name the file.
    [[nodiscard]] static Loaded load(const QString &path);
    [[nodiscard]] static bool save(const QString &path, const QList<SavedView> &views, QString *error);
    // Moves a damaged file aside (path + ".broken", numbered when taken) before it is
    // overwritten, so what the user wrote by hand stays on disk; returns where, "" on failure.
    [[nodiscard]] static QString keepAside(const QString &path);

    // <config>/views.json (QStandardPaths::AppConfigLocation, as AnswerRuleSet::userFile()).
    [[nodiscard]] static QString userFile();
    // The examples of these packs, in their order: <packsDir>/<id>/views.json; unusable files
    // and views are named in *problems.
    [[nodiscard]] static QList<SavedView> shipped(const QString &packsDir, const QStringList &packIds,
                                                  QStringList *problems = nullptr);
};

} // namespace hookscope
