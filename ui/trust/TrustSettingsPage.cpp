#include "TrustSettingsPage.h"

#include "SettingsField.h"
#include "app/PackSignatureSpec.h"
#include "SignatureRulesModel.h"
#include "trust/GuardConfig.h"
#include "trust/SecretStore.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"
#include "trust/TrustSettings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableView>

namespace hookscope {

namespace {

Q_LOGGING_CATEGORY(lcTrustPage, "hookscope.settings.trust")

// A cell picked from a list (editable: a value not in the list may be typed).
class ChoiceDelegate final : public QStyledItemDelegate
{
public:
    ChoiceDelegate(const QStringList &choices, bool editable, QObject *parent)
        : QStyledItemDelegate(parent)
        , m_choices(choices)
        , m_editable(editable)
    {
    }

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setEditable(m_editable);
        combo->addItems(m_choices);
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
    QStringList m_choices;
    bool m_editable;
};

// The secret cell: starts empty (the stored secret is never shown), hidden as typed for an
// HMAC secret; a public key may be pasted as it is.
class SecretDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &index) const override
    {
        auto *edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("secretEditor"));
        const bool rsa = index.siblingAtColumn(SignatureRulesModel::AlgorithmColumn).data().toString()
            == SignatureRule::algorithmName(SignatureRule::Algorithm::RsaSha256);
        edit->setEchoMode(rsa ? QLineEdit::Normal : QLineEdit::Password);
        edit->setPlaceholderText(rsa ? TrustSettingsPage::tr("paste the PEM public key")
                                     : TrustSettingsPage::tr("type the new secret"));
        return edit;
    }
    void setEditorData(QWidget *, const QModelIndex &) const override {}
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QLineEdit *>(editor)->text());
    }
};

const QString kBearer = QStringLiteral("bearer");
const QString kBasic = QStringLiteral("basic");
const QString kQuery = QStringLiteral("query");
const QByteArray kDefaultQueryName = GuardConfig().queryName;

} // namespace

TrustSettingsPage::TrustSettingsPage(const QStringList &kindIds, SecretStore *secrets, const QList<Pack> &packs,
                                     QWidget *parent)
    : SettingsPage(parent)
    , m_ownSecrets(secrets ? nullptr : std::make_unique<SecretStore>())
    , m_secrets(secrets ? secrets : m_ownSecrets.get())
    , m_secret(new QLineEdit(this))
    , m_mode(new QComboBox(this))
    , m_queryName(new QLineEdit(this))
    , m_paths(new QPlainTextEdit(this))
    , m_rules(new SignatureRulesModel(this))
    , m_view(new QTableView(this))
    , m_tolerance(new QSpinBox(this))
    , m_add(new QPushButton(tr("&Add rule"), this))
    , m_remove(new QPushButton(tr("Remo&ve rule"), this))
    , m_pack(new QComboBox(this))
    , m_addPack(new QPushButton(tr("Add &pack rule"), this))
{
    setObjectName(QStringLiteral("trustSettings"));
    // A pack rule's kind is "PACK/*": every request kind of the pack (PackSignatureSpec).
    QStringList ruleKinds = kindIds;
    for (const Pack &pack : packs) {
        if (pack.disabled || pack.signature.isEmpty() || !SignaturePresets::find(pack.signature))
            continue;
        m_pack->addItem(tr("%1 (%2)").arg(pack.title, pack.signature), pack.signature);
        m_pack->setItemData(m_pack->count() - 1, PackSignatureSpec::packKind(pack.id), Qt::UserRole + 1);
        ruleKinds.append(PackSignatureSpec::packKind(pack.id));
    }
    m_pack->setObjectName(QStringLiteral("signaturePack"));
    m_pack->setVisible(m_pack->count() > 0);
    m_addPack->setVisible(m_pack->count() > 0);
    m_rules->setKindIds(ruleKinds);
    auto *form = new QFormLayout(this);
    auto *intro = new QLabel(tr("Secrets are kept in the system keychain (or a file only you can read), never in the "
                                "settings file. Everything applies when you press OK (a running receiver restarts); "
                                "trust options on the command line win for that session."),
                             this);
    intro->setTextFormat(Qt::PlainText);
    intro->setWordWrap(true);
    form->addRow(intro);

    m_secret->setObjectName(QStringLiteral("endpointSecret"));
    m_secret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_secret->setPlaceholderText(tr("none: every request is accepted"));
    m_fields.append(SettingsField::addRow(form, tr("Shared &secret"), m_secret,
                                          tr("Requests without it get 401 and are still stored, marked rejected. "
                                             "Default: none."),
                                          [this] { return checkSecret(); }));
    m_mode->setObjectName(QStringLiteral("secretMode"));
    m_mode->addItem(tr("Bearer token (Authorization: Bearer SECRET)"), kBearer);
    m_mode->addItem(tr("Basic authentication (the password is the secret)"), kBasic);
    m_mode->addItem(tr("Query parameter (?NAME=SECRET)"), kQuery);
    m_fields.append(SettingsField::addRow(form, tr("Sent &as"), m_mode,
                                          tr("How the sender presents the secret. Default: bearer token."), {}));
    m_queryName->setObjectName(QStringLiteral("queryName"));
    m_fields.append(SettingsField::addRow(form, tr("&Query parameter"), m_queryName,
                                          tr("The parameter's name when the secret is sent in the query. Default "
                                             "\"%1\".")
                                              .arg(QString::fromLatin1(kDefaultQueryName)),
                                          [this] { return checkQueryName(); }));
    m_paths->setObjectName(QStringLiteral("allowedPaths"));
    m_paths->setTabChangesFocus(true);
    // A hint that reads as one, not as two paths already entered (issue 24.25).
    m_paths->setPlaceholderText(tr("empty: every path is allowed"));
    m_paths->setFixedHeight(m_paths->fontMetrics().lineSpacing() * 4 + 12);
    m_fields.append(SettingsField::addRow(form, tr("Allowed &paths"), m_paths,
                                          tr("One per line: an exact path, or /prefix/* for it and everything below; "
                                             "others get 404. Default: none, every path."),
                                          [this] { return checkPaths(); }));

    m_view->setObjectName(QStringLiteral("signaturesView"));
    m_view->setModel(m_rules);
    QStringList kinds = ruleKinds;
    kinds.prepend(QStringLiteral("*"));
    m_view->setItemDelegateForColumn(SignatureRulesModel::KindColumn, new ChoiceDelegate(kinds, true, m_view));
    // The preset chooser: picking one fills the rule's other columns from the vendor's scheme.
    m_view->setItemDelegateForColumn(SignatureRulesModel::PresetColumn,
                                     new ChoiceDelegate(QStringList{tr("custom")} + SignaturePresets::names(), false, m_view));
    QStringList algorithms;
    for (auto a : {SignatureRule::Algorithm::HmacSha256, SignatureRule::Algorithm::HmacSha1,
                   SignatureRule::Algorithm::HmacSha512, SignatureRule::Algorithm::RsaSha256,
                   SignatureRule::Algorithm::Ed25519})
        algorithms.append(SignatureRule::algorithmName(a));
    m_view->setItemDelegateForColumn(SignatureRulesModel::AlgorithmColumn, new ChoiceDelegate(algorithms, false, m_view));
    m_view->setItemDelegateForColumn(SignatureRulesModel::EncodingColumn,
                                     new ChoiceDelegate({QStringLiteral("hex"), QStringLiteral("base64")}, false, m_view));
    m_view->setItemDelegateForColumn(SignatureRulesModel::SecretColumn, new SecretDelegate(m_view));
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setTabKeyNavigation(false);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                            | QAbstractItemView::AnyKeyPressed);
    m_view->setMinimumHeight(140);
    auto *box = new QWidget(this);
    auto *boxLayout = new QVBoxLayout(box);
    boxLayout->setContentsMargins(0, 0, 0, 0);
    boxLayout->addWidget(m_view);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    buttons->addWidget(m_pack);
    buttons->addWidget(m_addPack);
    boxLayout->addLayout(buttons);
    auto *signatures = new SettingsField(tr("Signatures"), box,
                                         tr("Per kind (* for any other; VENDOR/* for every kind of a vendor's pack: "
                                            "choose the vendor, Add pack rule, type its secret once): a vendor's "
                                            "preset, or how the sender signs; "
                                            "each event then shows signature valid or invalid and why. Several "
                                            "secrets (one per line) or PEM keys verify during a key rotation. F2 edits "
                                            "a cell."),
                                         this);
    signatures->setCheck([this] { return m_rules->problem(); });
    auto *label = new QLabel(tr("Si&gnatures"), this);
    label->setBuddy(m_view);
    form->addRow(label, signatures);
    m_fields.append(signatures);
    m_tolerance->setObjectName(QStringLiteral("signatureTolerance"));
    m_tolerance->setRange(0, 7 * 24 * 3600);
    m_tolerance->setSuffix(tr(" s"));
    m_tolerance->setSpecialValueText(tr("not checked"));
    m_fields.append(SettingsField::addRow(form, tr("Timestamp &tolerance"), m_tolerance,
                                          tr("How far a signed timestamp may be from the time the request arrived; "
                                             "older or newer is invalid (\"timestamp 62 min old\"). Default %1 s.")
                                              .arg(SignatureVerifier::kDefaultToleranceSeconds),
                                          {}));
    connect(m_tolerance, &QSpinBox::valueChanged, this, &SettingsPage::edited);

    connect(m_secret, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(m_queryName, &QLineEdit::textChanged, this, &SettingsPage::edited);
    connect(m_paths, &QPlainTextEdit::textChanged, this, &SettingsPage::edited);
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this] {
        m_queryName->setEnabled(m_mode->currentData().toString() == kQuery);
        Q_EMIT edited();
    });
    connect(m_add, &QPushButton::clicked, this, [this] {
        const int row = m_rules->appendRule(m_rules->kindIds().value(0, QStringLiteral("*")));
        const QModelIndex index = m_rules->index(row, SignatureRulesModel::KindColumn);
        m_view->setCurrentIndex(index);
        m_view->edit(index);
    });
    connect(m_addPack, &QPushButton::clicked, this, [this] {
        const QModelIndex index = m_rules->index(addPackRule(), SignatureRulesModel::SecretColumn);
        m_view->setCurrentIndex(index);
        m_view->edit(index);
    });
    connect(m_remove, &QPushButton::clicked, this, [this] { m_rules->removeRule(m_view->currentIndex().row()); });
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_rules, signal, this, &SettingsPage::edited);
    connect(m_rules, &QAbstractItemModel::dataChanged, this, &SettingsPage::edited);
    connect(m_rules, &QAbstractItemModel::modelReset, this, &SettingsPage::edited);
    restoreDefaults();
}

TrustSettingsPage::~TrustSettingsPage() = default;

int TrustSettingsPage::addPackRule()
{
    const QString kind = m_pack->currentData(Qt::UserRole + 1).toString();
    for (int row = 0; row < m_rules->rowCount(); ++row) {
        if (m_rules->rules().at(row).kind == kind)
            return row; // one rule per pack: the existing one is where its secret goes
    }
    const int row = m_rules->appendRule(kind);
    (void)m_rules->setData(m_rules->index(row, SignatureRulesModel::PresetColumn), m_pack->currentData());
    return row;
}

void TrustSettingsPage::load(const QSettings &settings)
{
    QString warning;
    // TrustSettings reads an array (beginReadArray/endArray): the settings object is left as it was.
    const TrustSettings trust = TrustSettings::load(const_cast<QSettings &>(settings), *m_secrets, &warning);
    if (!warning.isEmpty())
        qCWarning(lcTrustPage).noquote() << warning;
    m_secret->setText(QString::fromUtf8(trust.guard.secret));
    const QString mode = trust.guard.secretMode == GuardConfig::SecretMode::Basic   ? kBasic
                         : trust.guard.secretMode == GuardConfig::SecretMode::Query ? kQuery
                                                                                   : kBearer;
    m_mode->setCurrentIndex(m_mode->findData(mode));
    m_queryName->setText(QString::fromUtf8(trust.guard.queryName));
    m_queryName->setEnabled(mode == kQuery);
    QStringList paths;
    for (const QByteArray &path : trust.guard.allowedPaths)
        paths.append(QString::fromUtf8(path));
    m_paths->setPlainText(paths.join(QLatin1Char('\n')));
    m_rules->setRules(trust.signatures);
    m_tolerance->setValue(trust.signatureTolerance);
    m_loadedKinds.clear();
    for (const SignatureRule &rule : trust.signatures)
        m_loadedKinds.append(rule.kind);
    m_view->resizeColumnsToContents();
}

void TrustSettingsPage::save(QSettings &settings) const
{
    TrustSettings trust;
    trust.guard.secret = m_secret->text().toUtf8();
    QString error;
    const QString mode = m_mode->currentData().toString();
    (void)GuardConfig::parseSecretMode(mode == kQuery ? kQuery + QLatin1Char(':') + m_queryName->text().trimmed() : mode,
                                       &trust.guard, &error); // checked by validate()
    for (const QString &path : pathLines())
        trust.guard.allowedPaths.append(path.toUtf8());
    trust.signatures = m_rules->rules();
    trust.signatureTolerance = m_tolerance->value();
    for (const QString &kind : m_loadedKinds) {
        const bool kept = std::any_of(trust.signatures.cbegin(), trust.signatures.cend(),
                                      [&](const SignatureRule &rule) { return rule.kind == kind; });
        if (!kept && !m_secrets->remove(TrustSettings::signatureSecretKey(kind), &error))
            qCWarning(lcTrustPage).noquote() << "the secret of a removed signature rule stays:" << error;
    }
    if (!trust.save(settings, *m_secrets, &error))
        qCWarning(lcTrustPage).noquote() << "secrets not saved:" << error;
}

void TrustSettingsPage::restoreDefaults()
{
    m_secret->clear();
    m_mode->setCurrentIndex(m_mode->findData(kBearer));
    m_queryName->setText(QString::fromLatin1(kDefaultQueryName));
    m_queryName->setEnabled(false);
    m_paths->clear();
    m_rules->setRules({});
    m_tolerance->setValue(SignatureVerifier::kDefaultToleranceSeconds);
}

QString TrustSettingsPage::validate()
{
    return SettingsField::validateAll(m_fields);
}

QString TrustSettingsPage::checkSecret() const
{
    const QString secret = m_secret->text();
    if (secret.isEmpty())
        return {};
    if (secret.trimmed() != secret)
        return tr("The secret starts or ends with a space (a paste that took too much?).");
    if (std::any_of(secret.cbegin(), secret.cend(), [](QChar c) { return c.category() == QChar::Other_Control; }))
        return tr("The secret cannot contain control characters.");
    if (m_mode->currentData().toString() == kBasic && secret.startsWith(QLatin1Char(':')))
        return tr("For basic authentication give the password, or user:password with a user name.");
    return {};
}

QString TrustSettingsPage::checkQueryName() const
{
    if (m_mode->currentData().toString() != kQuery)
        return {};
    const QString name = m_queryName->text().trimmed();
    GuardConfig guard;
    QString error;
    if (name.isEmpty() || name.contains(QLatin1Char(' ')) || name.contains(QLatin1Char('#'))
        || !GuardConfig::parseSecretMode(kQuery + QLatin1Char(':') + name, &guard, &error))
        return tr("The parameter name cannot be empty or contain '&', '=', '#' or spaces.");
    return {};
}

QString TrustSettingsPage::checkPaths() const
{
    for (const QString &path : pathLines()) {
        QString error;
        if (!GuardConfig::isValidPathEntry(path, &error))
            return error.endsWith(QLatin1Char('.')) ? error : error + QLatin1Char('.');
    }
    return {};
}

QStringList TrustSettingsPage::pathLines() const
{
    QStringList lines;
    for (const QString &line : m_paths->toPlainText().split(QLatin1Char('\n'))) {
        if (!line.trimmed().isEmpty())
            lines.append(line.trimmed());
    }
    return lines;
}

} // namespace hookscope
