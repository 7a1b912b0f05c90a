#include "HoldSettingsDialog.h"

#include "HoldPolicyModel.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

HoldSettingsDialog::HoldSettingsDialog(const HoldPolicy &policy, const QStringList &kinds, QWidget *parent)
    : QDialog(parent)
    , m_model(new HoldPolicyModel(this))
    , m_view(new QTableView(this))
{
    setWindowTitle(tr("Hold settings"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("A held request stays open until you answer it in the Respond panel; at its deadline "
                                "the default answer goes out (the platform gives up on its side)."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_model->setPolicy(policy, kinds);
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->resizeColumnsToContents();
    layout->addWidget(m_view);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(640, 320);
}

HoldPolicy HoldSettingsDialog::policy() const
{
    return m_model->policy();
}

} // namespace hookscope
