#pragma once

#include <QCoreApplication>

class QWidget;

namespace hookscope {

// Deleting events cannot be undone (the store is durable): a selection above a few rows is
// confirmed first, with Cancel as the default button so Enter does not destroy anything.
class DeleteConfirmation final
{
    Q_DECLARE_TR_FUNCTIONS(DeleteConfirmation)

public:
    // At most this many events go without asking (a row or a few picked by hand).
    static constexpr int kAskAbove = 10;

    // True when `count` events may be deleted: few enough, or the user said Delete.
    [[nodiscard]] static bool confirm(QWidget *parent, int count);
};

} // namespace hookscope
