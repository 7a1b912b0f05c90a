#include "ExportDialog.h"

#include <QCheckBox>
#include <QFileInfo>
#include <QGridLayout>

namespace hookscope {

const QString ExportDialog::kJsonFilter = QStringLiteral("Hookscope export (*.json)");
const QString ExportDialog::kHarFilter = QStringLiteral("HAR 1.2 (*.har)");
const QString ExportDialog::kCurlFilter = QStringLiteral("curl commands, a POSIX sh script (*.sh)");

ExportDialog::ExportDialog(QWidget *parent, const QString &startPath)
    : QFileDialog(parent, tr("Export events"), startPath, kJsonFilter + QStringLiteral(";;") + kHarFilter + QStringLiteral(";;") + kCurlFilter)
    , m_redact(new QCheckBox(tr("Redact Authorization headers (credentials written as [redacted])"), this))
{
    setObjectName(QStringLiteral("exportDialog"));
    setOption(QFileDialog::DontUseNativeDialog);
    setAcceptMode(QFileDialog::AcceptSave);
    setFileMode(QFileDialog::AnyFile);
    m_redact->setObjectName(QStringLiteral("redactAuthorization"));
    m_redact->setToolTip(tr("The endpoint's own secret is never stored. Authorization headers other senders sent are "
                            "kept in the store; tick this before sharing the file."));
    // The non-native dialog lays itself out in a grid: the box goes in a row of its own below.
    if (auto *grid = qobject_cast<QGridLayout *>(layout()))
        grid->addWidget(m_redact, grid->rowCount(), 0, 1, grid->columnCount());
}

QString ExportDialog::chosenPath() const
{
    const QStringList files = selectedFiles();
    if (files.isEmpty())
        return {};
    QString path = files.first();
    if (QFileInfo(path).suffix().isEmpty())
        path += selectedNameFilter() == kHarFilter    ? QStringLiteral(".har")
              : selectedNameFilter() == kCurlFilter ? QStringLiteral(".sh")
                                                    : QStringLiteral(".json");
    return path;
}

bool ExportDialog::redactAuthorization() const
{
    return m_redact->isChecked();
}

void ExportDialog::setRedactAuthorization(bool redact)
{
    m_redact->setChecked(redact);
}

} // namespace hookscope
