#include "DeleteConfirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace hookscope {

bool DeleteConfirmation::confirm(QWidget *parent, int count)
{
    if (count <= kAskAbove)
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Delete events"),
                    tr("Delete %L1 events from the store? This cannot be undone.").arg(count), QMessageBox::NoButton,
                    parent);
    box.setObjectName(QStringLiteral("deleteConfirmation"));
    box.setTextFormat(Qt::PlainText);
    QPushButton *remove = box.addButton(tr("Delete %L1 events").arg(count), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("confirmDelete"));
    QPushButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(cancel);
    box.setEscapeButton(cancel);
    box.exec();
    return box.clickedButton() == remove;
}

} // namespace hookscope
