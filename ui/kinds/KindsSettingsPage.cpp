#include "KindsSettingsPage.h"

#include "PackKindsModel.h"
#include "RoutesModel.h"
#include "enrich/DefaultInspector.h"
#include "schema/PackSwitch.h"
#include "SettingsField.h"
#include "app/AppSettings.h"
#include "schema/SchemaRegistry.h"

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTreeView>

namespace hookscope {

namespace {

// The kind cell is picked from the known kinds (still editable, for a kind not yet in the folder).
class KindDelegate final : public QStyledItemDelegate
{
public:
    KindDelegate(const QStringList &ids, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_ids(ids)
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->addItems(m_ids);
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data(Qt::EditRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText());
    }

private:
    QStringList m_ids;
};

} // namespace

KindsSettingsPage::KindsSettingsPage(const QStringList &kindIds, QWidget *parent)
    : SettingsPage(parent)
    , m_folder(new QLineEdit(this))
    , m_routes(new RoutesModel(this))
    , m_view(new QTableView(this))
    , m_add(new QPushButton(tr("&Add route"), this))
    , m_remove(new QPushButton(tr("&Remove route"), this))
    , m_packs(new PackKindsModel(this))
    , m_packsView(new QTreeView(this))
{
    setObjectName(QStringLiteral("kindsSettings"));
    m_routes->setKindIds(kindIds);
    auto *form = new QFormLayout(this);

    m_folder->setObjectName(QStringLiteral("kindsFolder"));
    m_folder->setPlaceholderText(QDir::toNativeSeparators(SchemaRegistry::defaultUserKindsDirectory()));
    m_folder->setClearButtonEnabled(true);
    auto *browse = new QPushButton(tr("Bro&wse…"), this);
    auto *folderRow = new QWidget(this);
    auto *folderLayout = new QHBoxLayout(folderRow);
    folderLayout->setContentsMargins(0, 0, 0, 0);
    folderLayout->addWidget(m_folder, 1);
    folderLayout->addWidget(browse);
    auto *folder = new SettingsField(tr("Kinds folder"), folderRow,
                                     tr("Your kinds: <id>.schema.json and <id>.kind.json files, reloaded when they "
                                        "change. Empty: the default folder shown."),
                                     this);
    folder->setCheck([this] { return AppSettings::checkFolder(m_folder->text()); });
    auto *folderLabel = new QLabel(tr("Kinds &folder"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folder);
    m_fields.append(folder);

    m_packs->setCatalog(appKindCatalog());
    m_packsView->setObjectName(QStringLiteral("packsView"));
    m_packsView->setModel(m_packs);
    m_packsView->setMinimumHeight(180);
    m_packsView->header()->resizeSection(PackKindsModel::NameColumn, 260);
    m_packsView->header()->resizeSection(PackKindsModel::AnswerColumn, 220);
    auto *packs = new SettingsField(tr("Vendor packs"), m_packsView,
                                    tr("The kinds of each vendor. Uncheck a vendor to switch its whole pack off; hover "
                                       "it for the URL to give the vendor's console."),
                                    this);
    auto *packsLabel = new QLabel(tr("&Vendor packs"), this);
    packsLabel->setBuddy(m_packsView);
    form->addRow(packsLabel, packs);
    m_fields.append(packs);
    connect(m_packs, &QStandardItemModel::itemChanged, this, &SettingsPage::edited);

    m_view->setObjectName(QStringLiteral("routesView"));
    m_view->setModel(m_routes);
    m_view->setItemDelegateForColumn(RoutesModel::KindColumn, new KindDelegate(kindIds, m_view));
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->resizeSection(RoutesModel::PathColumn, 260);
    m_view->verticalHeader()->hide();
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrows move inside it
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setMinimumHeight(150);
    auto *routesBox = new QWidget(this);
    auto *routesLayout = new QVBoxLayout(routesBox);
    routesLayout->setContentsMargins(0, 0, 0, 0);
    routesLayout->addWidget(m_view);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    routesLayout->addLayout(buttons);
    auto *routes = new SettingsField(tr("Routes"), routesBox,
                                     tr("A request to this exact path is taken as this kind, whatever its body "
                                        "(F2 edits a cell)."),
                                     this);
    routes->setCheck([this] { return m_routes->problem(); });
    auto *routesLabel = new QLabel(tr("R&outes"), this);
    routesLabel->setBuddy(m_view);
    form->addRow(routesLabel, routes);
    m_fields.append(routes);

    connect(m_folder, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Kinds folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(dir));
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = m_routes->appendRoute(QStringLiteral("/"), m_routes->kindIds().value(0));
        const QModelIndex index = m_routes->index(row, RoutesModel::PathColumn);
        m_view->setCurrentIndex(index);
        m_view->edit(index);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_routes->removeRoute(m_view->currentIndex().row()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_routes, signal, this, &SettingsPage::edited);
    connect(m_routes, &QAbstractItemModel::dataChanged, this, &SettingsPage::edited);
    connect(m_routes, &QAbstractItemModel::modelReset, this, &SettingsPage::edited);
}

void KindsSettingsPage::load(const QSettings &settings)
{
    m_folder->setText(settings.value(QLatin1String(AppSettings::KindsFolder)).toString());
    m_routes->setRoutes(AppSettings::routes(settings));
}

void KindsSettingsPage::save(QSettings &settings) const
{
    const QString folder = QDir::fromNativeSeparators(m_folder->text().trimmed());
    settings.setValue(QLatin1String(AppSettings::KindsFolder), folder);
    // A pack is switched off by a user pack.json that says so; switching it back on removes
    // that file (and only a file that says nothing else: a user's own pack stays).
    const QString packs = QDir(folder.isEmpty() ? SchemaRegistry::defaultUserKindsDirectory() : folder)
                              .filePath(QStringLiteral("packs"));
    const QSet<QString> disabled = m_packs->disabledPacks();
    for (const QString &pack : disabled - m_packs->initiallyDisabledPacks())
        PackSwitch::disable(packs, pack);
    for (const QString &pack : m_packs->initiallyDisabledPacks() - disabled)
        PackSwitch::enable(packs, pack);
    settings.setValue(QLatin1String(AppSettings::Routes), AppSettings::routesToList(m_routes->routes()));
}

void KindsSettingsPage::restoreDefaults()
{
    m_folder->clear();
    m_routes->setRoutes({});
}

QString KindsSettingsPage::validate()
{
    return SettingsField::validateAll(m_fields);
}

} // namespace hookscope
