#pragma once

#include "JsonScanner.h"

#include <QList>
#include <QStringList>

namespace hookscope {

// Everything JsonTreeModel needs to show a document and its first level, computed in one go
// without touching a model: the validation, the document's member count and its first batch
// of members (keys decoded, their own member counts known). All of it is proportional to the
// body's size, so the Tree tab builds it on a worker thread for big bodies; the model then
// only creates at most JsonTreeModel::kFetchBatch nodes on the GUI thread.
struct JsonTreeSeed
{
    QByteArray json;
    JsonCheck check;
    JsonSpan document;
    int documentMembers = 0;
    QList<JsonMember> members; // the document's first batch
    QStringList keys; // decoded member names (objects) or indexes (arrays), one per member
    QList<int> memberCounts; // members of each of those that is a container, else 0
    qsizetype resume = 0; // where the next batch begins (JsonScanner::nextMembers)

    [[nodiscard]] static JsonTreeSeed build(const QByteArray &json, int batch);

private:
    [[nodiscard]] static JsonTreeSeed buildSeed(const QByteArray &json, int batch);
};

} // namespace hookscope
