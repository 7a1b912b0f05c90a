#include "SavedViewDelegate.h"

#include "PlainToolTip.h"
#include "SavedViewsModel.h"
#include "Theme.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QStyle>

#include <algorithm>

namespace hookscope {

namespace {
constexpr int kBadgePadding = 6;
constexpr int kBadgeMargin = 4;

QRect badgeRect(const QStyleOptionViewItem &option, const QString &text)
{
    const QFontMetrics metrics(option.font);
    const int width = metrics.horizontalAdvance(text) + 2 * kBadgePadding;
    const int height = metrics.height() + 2;
    const QRect &r = option.rect;
    return {r.right() - kBadgeMargin - width, r.top() + (r.height() - height) / 2, width, height};
}
} // namespace

QString SavedViewDelegate::badgeText(const QModelIndex &index)
{
    if (!index.data(SavedViewsModel::ErrorRole).toString().isEmpty())
        return QStringLiteral("!");
    const qint64 count = index.data(SavedViewsModel::CountRole).toLongLong();
    return count < 0 ? QStringLiteral("…") : QLocale().toString(count);
}

void SavedViewDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QString badge = badgeText(index);
    const QRect box = badgeRect(option, badge);
    QStyleOptionViewItem rest = option;
    initStyleOption(&rest, index);
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    // The name ends with "…" short of the badge; the style paints the row's background and focus.
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &rest, option.widget);
    rest.text = QFontMetrics(rest.font).elidedText(rest.text, Qt::ElideRight,
                                                   std::max(0, box.left() - kBadgeMargin - textRect.left() - kBadgePadding));
    style->drawControl(QStyle::CE_ItemViewItem, &rest, painter, option.widget);
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    const bool error = badge == QLatin1String("!");
    const QColor fill = error ? Theme::errorText(palette) : (selected ? palette.color(QPalette::HighlightedText)
                                                                      : palette.color(QPalette::Mid));
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(box, box.height() / 2.0, box.height() / 2.0);
    painter->setPen(Theme::contrastInk(fill));
    painter->drawText(box, Qt::AlignCenter, badge);
    painter->restore();
}

QSize SavedViewDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    const QFontMetrics metrics(option.font);
    size.rwidth() += metrics.horizontalAdvance(badgeText(index)) + 2 * (kBadgePadding + kBadgeMargin);
    size.setHeight(std::max(size.height(), metrics.height() + 8));
    return size;
}

bool SavedViewDelegate::helpEvent(QHelpEvent *event, QAbstractItemView *view, const QStyleOptionViewItem &option,
                                  const QModelIndex &index)
{
    if (PlainToolTip::show(event, view, index))
        return true;
    return QStyledItemDelegate::helpEvent(event, view, option, index);
}

} // namespace hookscope
