#pragma once

#include "hold/HoldPolicy.h"

#include <QDialog>

class QTableView;

namespace hookscope {

class HoldPolicyModel;

// "Hold settings": which kinds are held open for an answer, their deadlines and default
// answers. The result is saved in QSettings by the caller (HoldController).
class HoldSettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    HoldSettingsDialog(const HoldPolicy &policy, const QStringList &kinds, QWidget *parent = nullptr);

    [[nodiscard]] HoldPolicy policy() const;
    [[nodiscard]] HoldPolicyModel *model() const { return m_model; }
    [[nodiscard]] QTableView *view() const { return m_view; }

private:
    HoldPolicyModel *m_model;
    QTableView *m_view;
};

} // namespace hookscope
