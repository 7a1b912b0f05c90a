#pragma once

#include <QDialog>

class QCheckBox;

namespace hookscope {

// Asks before deleting every event; optionally keeps a copy of the store file first.
class ClearDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ClearDialog(int eventCount, QWidget *parent = nullptr);
    [[nodiscard]] bool keepCopy() const;

private:
    QCheckBox *m_keepCopy;
};

} // namespace hookscope
