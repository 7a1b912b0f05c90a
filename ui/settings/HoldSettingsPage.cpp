#include "HoldSettingsPage.h"

#include "HoldPolicyModel.h"
#include "SettingsField.h"
#include "enrich/DefaultInspector.h"

#include <QComboBox>

#include <algorithm>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableView>

#include <functional>

namespace hookscope {

namespace {

constexpr double kMaxDeadlineSeconds = 3600;

// The deadline cell: the reason a value is refused shows while it is typed, and Enter or Tab
// do not leave the cell while it is refused (focus elsewhere or Escape drops the edit).
class DeadlineDelegate final : public QStyledItemDelegate
{
public:
    DeadlineDelegate(std::function<void(const QString &)> report, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_report(std::move(report))
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("deadlineEditor"));
        connect(edit, &QLineEdit::textChanged, edit,
                [this](const QString &text) { m_report(HoldSettingsPage::checkDeadline(text)); });
        return edit;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QLineEdit *>(editor)->setText(QString::number(index.data(Qt::EditRole).toDouble(), 'g', 6));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        const QString text = static_cast<QLineEdit *>(editor)->text().trimmed();
        if (HoldSettingsPage::checkDeadline(text).isEmpty())
            model->setData(index, text.toDouble());
    }
    void destroyEditor(QWidget *editor, const QModelIndex &index) const override
    {
        QStyledItemDelegate::destroyEditor(editor, index);
        m_report({}); // the refused text is gone with its editor; the cell kept its value
    }

protected:
    bool eventFilter(QObject *object, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const int key = static_cast<QKeyEvent *>(event)->key();
            auto *edit = qobject_cast<QLineEdit *>(object);
            if (edit
                && (key == Qt::Key_Return || key == Qt::Key_Enter || key == Qt::Key_Tab || key == Qt::Key_Backtab)
                && !HoldSettingsPage::checkDeadline(edit->text()).isEmpty())
                return true;
        }
        return QStyledItemDelegate::eventFilter(object, event);
    }

private:
    std::function<void(const QString &)> m_report;
};

// The default answer: one of the kind's presets, or the receiver's default answer.
class PresetDelegate final : public QStyledItemDelegate
{
public:
    PresetDelegate(const PresetCatalog *presets, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_presets(presets)
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("presetEditor"));
        combo->addItem(HoldSettingsPage::tr("(the receiver's default answer)"), QString());
        const QString kind = index.siblingAtColumn(HoldPolicyModel::KindColumn).data().toString();
        for (const ResponsePreset &preset : m_presets->forKind(kind))
            combo->addItem(QStringLiteral("%1 — %2").arg(preset.id, preset.title), preset.id);
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        auto *combo = static_cast<QComboBox *>(editor);
        combo->setCurrentIndex(qMax(0, combo->findData(index.data(Qt::EditRole).toString())));
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentData());
    }

protected:
    // A kind without presets answers with the receiver's default answer whatever its rule names
    // ("accept" for callback-request said a preset it does not have): "—" (issue 24.18).
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QString kind = index.siblingAtColumn(HoldPolicyModel::KindColumn).data().toString();
        const QList<ResponsePreset> presets = m_presets->forKind(kind);
        const QString id = index.data(Qt::EditRole).toString();
        if (std::none_of(presets.cbegin(), presets.cend(), [&](const ResponsePreset &p) { return p.id == id; }))
            option->text = HoldSettingsPage::tr("— (the receiver's default answer)");
    }

private:
    const PresetCatalog *m_presets; // the page's
};

} // namespace

HoldSettingsPage::HoldSettingsPage(const QStringList &kinds, PresetCatalog presets, QWidget *parent)
    : SettingsPage(parent)
    , m_kinds(kinds)
    , m_presets(std::move(presets))
    , m_model(new HoldPolicyModel(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("holdSettings"));
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("A held request stays open until you answer it in the Respond panel; at its deadline "
                                "the default answer goes out. Applies to requests arriving after you press OK; "
                                "--respond wins for its kinds."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);

    m_view->setObjectName(QStringLiteral("holdView"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(
        HoldPolicyModel::DeadlineColumn,
        new DeadlineDelegate([this](const QString &reason) { setEditProblem(reason); }, m_view));
    m_view->setItemDelegateForColumn(HoldPolicyModel::DefaultColumn, new PresetDelegate(&m_presets, m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setMinimumHeight(160);
    m_field = new SettingsField(tr("Holding"), m_view,
                                tr("Tick a kind to hold it; the deadline is in seconds (above 0, at most one hour). "
                                   "F2 edits a cell; Space on the second column toggles holding."),
                                this);
    m_field->setCheck([this] { return m_editProblem.isEmpty() ? policyProblem() : m_editProblem; });
    m_field->setNote([this] { return presetNote(); });
    auto *label = new QLabel(tr("&Kinds"), this);
    label->setBuddy(m_view);
    form->addRow(label, m_field);

    connect(m_model, &QAbstractItemModel::dataChanged, this, &SettingsPage::edited);
    connect(m_model, &QAbstractItemModel::modelReset, this, &SettingsPage::edited);
    restoreDefaults();
}

QString HoldSettingsPage::checkDeadline(const QString &seconds)
{
    bool ok = false;
    const double value = seconds.trimmed().toDouble(&ok);
    if (!ok || value <= 0 || value > kMaxDeadlineSeconds)
        return tr("'%1' is not a deadline: enter seconds above 0 and at most 3600 (one hour).").arg(seconds.trimmed());
    return {};
}

void HoldSettingsPage::load(const QSettings &settings)
{
    HoldPolicy policy = HoldPolicy::builtIn(*appKindCatalog());
    policy.loadSettings(settings);
    m_model->setPolicy(policy, m_kinds);
    m_view->resizeColumnsToContents();
}

void HoldSettingsPage::save(QSettings &settings) const
{
    // Kinds no longer configured (defaults restored) must not keep their old keys.
    settings.remove(QStringLiteral("hold"));
    m_model->policy().saveSettings(settings);
}

void HoldSettingsPage::restoreDefaults()
{
    m_model->setPolicy(HoldPolicy::builtIn(*appKindCatalog()), m_kinds);
    m_view->resizeColumnsToContents();
}

QString HoldSettingsPage::validate()
{
    return m_field->validate();
}

void HoldSettingsPage::setEditProblem(const QString &reason)
{
    if (reason == m_editProblem)
        return;
    m_editProblem = reason;
    Q_EMIT edited();
}

QString HoldSettingsPage::policyProblem() const
{
    const HoldPolicy &policy = m_model->policy();
    QStringList kinds = policy.configuredKinds();
    kinds.sort();
    for (const QString &kind : std::as_const(kinds)) {
        if (const HoldRule rule = policy.rule(kind); rule.hold && rule.deadlineMs <= 0)
            return tr("%1 is held with no deadline: give it one above 0 seconds.").arg(kind);
    }
    return {};
}

QString HoldSettingsPage::presetNote() const
{
    const HoldPolicy &policy = m_model->policy();
    QStringList kinds = policy.configuredKinds();
    kinds.sort();
    for (const QString &kind : std::as_const(kinds)) {
        const HoldRule rule = policy.rule(kind);
        if (rule.hold && !rule.defaultPreset.isEmpty() && !m_presets.find(kind, rule.defaultPreset))
            return tr("%1 has no preset \"%2\": at its deadline the receiver's default answer goes out.")
                .arg(kind, rule.defaultPreset);
    }
    return {};
}

} // namespace hookscope
