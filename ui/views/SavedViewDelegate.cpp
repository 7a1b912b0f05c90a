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
    rest.textElideMode = Qt::ElideRight;
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &rest, painter, option.widget); // background, focus
    // The badge covers the end of a long name (the style drew it over the whole row).
    painter->save();
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette &palette = option.palette;
    painter->fillRect(QRect(box.left() - kBadgeMargin, option.rect.top(), option.rect.right() - box.left() + kBadgeMargin + 1,
                            option.rect.height()),
                      selected ? palette.brush(QPalette::Highlight) : palette.brush(QPalette::Base));
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
