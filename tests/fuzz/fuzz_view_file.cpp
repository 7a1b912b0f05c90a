// Fuzzes the saved views file (issue 27 point 2, branch views27), which users edit by hand:
// any bytes give views (some perhaps left out, each named) or an error, never a crash, a hang
// or an unbounded allocation. What parses writes back to JSON that parses to the same views.
#include "query/SavedViewSet.h"

#include <cstdint>
#include <cstdlib>

using namespace hookscope;

namespace {
void check(bool condition)
{
    if (!condition)
        std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    QList<SavedView> views;
    QString error;
    QStringList problems;
    if (!SavedViewSet::fromJson(input, &views, &error, &problems)) {
        check(!error.isEmpty() && views.isEmpty());
        return 0;
    }
    check(views.size() <= SavedViewSet::kMaxViews);
    for (const SavedView &view : views) {
        check(!view.name.trimmed().isEmpty() && view.name.size() <= SavedViewSet::kMaxNameLength);
        check(view.query.size() <= SavedViewSet::kMaxQueryLength);
    }
    const QByteArray written = SavedViewSet::toJson(views);
    QList<SavedView> again;
    QStringList againProblems;
    check(SavedViewSet::fromJson(written, &again, &error, &againProblems));
    check(againProblems.isEmpty());
    check(again == views);
    return 0;
}
