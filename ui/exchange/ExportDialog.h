#pragma once

#include <QFileDialog>

class QCheckBox;

namespace hookscope {

// File ▸ Export…: where to write (Hookscope export or HAR, by filter or extension) and whether
// the export keeps the credentials of Authorization headers. Qt's own file dialog, not the
// platform's: only it can carry the checkbox.
class ExportDialog final : public QFileDialog
{
    Q_OBJECT
public:
    static const QString kJsonFilter;
    static const QString kHarFilter;
    static const QString kCurlFilter;

    ExportDialog(QWidget *parent, const QString &startPath);

    // The file chosen, with the chosen filter's extension when it had none.
    [[nodiscard]] QString chosenPath() const;
    [[nodiscard]] bool redactAuthorization() const;
    void setRedactAuthorization(bool redact);
    [[nodiscard]] QCheckBox *redactBox() const { return m_redact; }

private:
    QCheckBox *m_redact;
};

} // namespace hookscope
