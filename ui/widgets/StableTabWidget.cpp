#include "StableTabWidget.h"

#include <QHash>
#include <QTabBar>

namespace hookscope {

namespace {

class StableTabBar final : public QTabBar
{
public:
    using QTabBar::QTabBar;

    void reserve(int index, const QString &title)
    {
        m_reserved.insert(index, title);
        updateGeometry();
    }

protected:
    QSize tabSizeHint(int index) const override
    {
        QSize size = QTabBar::tabSizeHint(index);
        const auto it = m_reserved.constFind(index);
        if (it != m_reserved.cend()) {
            // Measured the way QTabBar measures its titles, so the sizes agree to the pixel.
            const int extra = fontMetrics().size(Qt::TextShowMnemonic, *it).width()
                - fontMetrics().size(Qt::TextShowMnemonic, tabText(index)).width();
            if (extra > 0)
                size.rwidth() += extra;
        }
        return size;
    }

private:
    QHash<int, QString> m_reserved;
};

} // namespace

StableTabWidget::StableTabWidget(QWidget *parent)
    : QTabWidget(parent)
{
    setTabBar(new StableTabBar(this));
}

void StableTabWidget::reserveTitle(int index, const QString &longestTitle)
{
    static_cast<StableTabBar *>(tabBar())->reserve(index, longestTitle);
}

} // namespace hookscope
