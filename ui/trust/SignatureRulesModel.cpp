#include "SignatureRulesModel.h"

#include "app/AppSettings.h"
#include "trust/SignaturePresets.h"
#include "trust/SignatureVerifier.h"

#include <QRegularExpression>
#include <QSet>

namespace hookscope {

namespace {

QString encodingName(SignatureRule::Encoding encoding)
{
    return encoding == SignatureRule::Encoding::Hex ? QStringLiteral("hex") : QStringLiteral("base64");
}

bool isRsa(const SignatureRule &rule)
{
    return rule.isPublicKey();
}

// "" for a valid header name.
QString headerNameProblem(const QByteArray &name)
{
    return AppSettings::checkHeader(QString::fromLatin1(name) + QStringLiteral(": x"));
}

} // namespace

SignatureRulesModel::SignatureRulesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SignatureRulesModel::setRules(const SignatureRules &rules)
{
    beginResetModel();
    m_rules = rules;
    endResetModel();
}

int SignatureRulesModel::appendRule(const QString &kind)
{
    const int row = int(m_rules.size());
    SignatureRule rule;
    rule.kind = kind;
    rule.header = "X-Signature";
    beginInsertRows({}, row, row);
    m_rules.append(rule);
    endInsertRows();
    return row;
}

void SignatureRulesModel::removeRule(int row)
{
    if (row < 0 || row >= m_rules.size())
        return;
    beginRemoveRows({}, row, row);
    m_rules.removeAt(row);
    endRemoveRows();
}

QByteArray SignatureRulesModel::normalizedPem(const QString &text)
{
    // Every block (a HighLevel rule may hold an Ed25519 and an RSA key) gets its lines back.
    static const QRegularExpression pem(QStringLiteral("(-----BEGIN [A-Z ]+-----)(.*?)(-----END [A-Z ]+-----)"),
                                        QRegularExpression::DotMatchesEverythingOption);
    QString out;
    for (auto it = pem.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QString body = m.captured(2);
        body.remove(QRegularExpression(QStringLiteral("\\s")));
        out += m.captured(1) + QLatin1Char('\n');
        for (qsizetype i = 0; i < body.size(); i += 64)
            out += body.mid(i, 64) + QLatin1Char('\n');
        out += m.captured(3) + QLatin1Char('\n');
    }
    return out.isEmpty() ? text.trimmed().toUtf8() : out.toUtf8();
}

QString SignatureRulesModel::rowProblem(int row) const
{
    const SignatureRule &rule = m_rules.at(row);
    if (rule.kind.isEmpty())
        return tr("a rule needs a kind (* for any kind without a rule of its own).");
    if (rule.kind != QLatin1String("*") && !m_kindIds.isEmpty() && !m_kindIds.contains(rule.kind))
        return tr("there is no kind '%1'.").arg(rule.kind);
    if (rule.header.isEmpty())
        return tr("the header that carries the signature is missing.");
    if (const QString reason = headerNameProblem(rule.header); !reason.isEmpty())
        return reason;
    if (!rule.timestampHeader.isEmpty() && rule.layout != SignatureScheme::Layout::KeyValueList) {
        if (const QString reason = headerNameProblem(rule.timestampHeader); !reason.isEmpty())
            return reason;
        if (!rule.payloadTemplate.contains("{timestamp}"))
            return tr("a timestamp header is set but the signed payload has no {timestamp}.");
    }
    if (!rule.payloadTemplate.contains("{body}"))
        return tr("the signed payload must contain {body}.");
    if (const QString reason = rule.templateProblem(); !reason.isEmpty())
        return reason + QLatin1Char('.');
    if (rule.secret.isEmpty() && rule.builtInKey.isEmpty())
        return isRsa(rule) ? tr("no public key: paste the sender's PEM public key.") : tr("no secret.");
    if (const QString reason = rule.problem(); !reason.isEmpty()) // a key that does not parse, and why
        return reason + QLatin1Char('.');
    return {};
}

QString SignatureRulesModel::problem() const
{
    QSet<QString> seen;
    for (int row = 0; row < m_rules.size(); ++row) {
        const QString &kind = m_rules.at(row).kind;
        if (const QString reason = rowProblem(row); !reason.isEmpty())
            return tr("Rule %1 (%2): %3").arg(row + 1).arg(kind.isEmpty() ? tr("no kind") : kind, reason);
        if (seen.contains(kind))
            return tr("Rule %1: the kind %2 has two rules.").arg(row + 1).arg(kind);
        seen.insert(kind);
    }
    return {};
}

int SignatureRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int SignatureRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SignatureRulesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role != Qt::DisplayRole && role != Qt::EditRole && role != Qt::ToolTipRole)
        return {};
    const SignatureRule &rule = m_rules.at(index.row());
    switch (Column(index.column())) {
    case KindColumn:
        return rule.kind;
    case PresetColumn:
        if (role == Qt::ToolTipRole && !rule.preset.isEmpty())
            return SignaturePresets::find(rule.preset) ? SignaturePresets::find(rule.preset)->source : QString();
        return rule.preset.isEmpty() ? tr("custom") : rule.preset;
    case AlgorithmColumn:
        return SignatureRule::algorithmName(rule.algorithm);
    case HeaderColumn:
        return QString::fromLatin1(rule.header);
    case EncodingColumn:
        return encodingName(rule.encoding);
    case PrefixColumn:
        return QString::fromUtf8(rule.prefix);
    case TimestampColumn:
        return QString::fromLatin1(rule.timestampHeader);
    case PayloadColumn:
        return QString::fromUtf8(rule.payloadTemplate);
    case SecretColumn:
        if (role == Qt::EditRole)
            return QString(); // never handed out: typing replaces it
        if (role == Qt::ToolTipRole)
            return isRsa(rule) ? tr("The sender's PEM public key; kept in the keychain, never in the settings file")
                               : tr("The shared HMAC secret; kept in the keychain, never in the settings file");
        if (rule.secret.isEmpty())
            return isRsa(rule) ? tr("(no public key)") : tr("(no secret)");
        return isRsa(rule) ? tr("public key set") : tr("•••••• set");
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SignatureRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case KindColumn:
        return tr("Kind");
    case PresetColumn:
        return tr("Preset");
    case AlgorithmColumn:
        return tr("Algorithm");
    case HeaderColumn:
        return tr("Signature header");
    case EncodingColumn:
        return tr("Encoding");
    case PrefixColumn:
        return tr("Prefix");
    case TimestampColumn:
        return tr("Timestamp header");
    case PayloadColumn:
        return tr("Signed payload");
    case SecretColumn:
        return tr("Secret or public key");
    case ColumnCount:
        break;
    }
    return {};
}

Qt::ItemFlags SignatureRulesModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable;
}

bool SignatureRulesModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    SignatureRule &rule = m_rules[index.row()];
    const QString text = value.toString();
    switch (Column(index.column())) {
    case KindColumn:
        rule.kind = text.trimmed();
        break;
    case PresetColumn:
        if (const SignaturePresets::Preset *preset = SignaturePresets::find(text.trimmed())) {
            SignaturePresets::apply(*preset, &rule); // fills every column but kind and secret
            Q_EMIT dataChanged(index.siblingAtColumn(0), index.siblingAtColumn(ColumnCount - 1));
            return true;
        }
        if (text.trimmed() != tr("custom") && !text.trimmed().isEmpty())
            return false;
        rule.preset.clear();
        break;
    case AlgorithmColumn:
        if (!SignatureRule::parseAlgorithm(text.trimmed(), &rule.algorithm))
            return false;
        break;
    case HeaderColumn:
        rule.header = text.trimmed().toLatin1();
        break;
    case EncodingColumn:
        if (!SignatureRule::parseEncoding(text.trimmed(), &rule.encoding))
            return false;
        break;
    case PrefixColumn:
        rule.prefix = text.toUtf8();
        break;
    case TimestampColumn:
        rule.timestampHeader = text.trimmed().toLatin1();
        break;
    case PayloadColumn:
        rule.payloadTemplate = text.toUtf8();
        break;
    case SecretColumn:
        if (text.isEmpty())
            return false; // an editor closed untouched keeps the secret
        rule.secret = isRsa(rule) ? normalizedPem(text) : text.toUtf8();
        break;
    case ColumnCount:
        return false;
    }
    Q_EMIT dataChanged(index, index);
    return true;
}

} // namespace hookscope
