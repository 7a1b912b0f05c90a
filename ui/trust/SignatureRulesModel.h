#pragma once

#include "trust/SignatureRule.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace hookscope {

// The signature rules of the Secrets page as an editable table, one rule per row. The secret
// (HMAC key(s) or PEM public key(s)) is never shown: its cell says whether one is set, and typing
// into it replaces it. problem() names the first row that cannot be saved.
class SignatureRulesModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        KindColumn,
        PresetColumn, // choosing a preset fills the other columns; "custom" keeps them
        AlgorithmColumn,
        HeaderColumn,
        EncodingColumn,
        PrefixColumn,
        TimestampColumn,
        PayloadColumn,
        SecretColumn,
        ColumnCount
    };

    explicit SignatureRulesModel(QObject *parent = nullptr);

    // The kinds a rule may name ("*" is always allowed); empty: any kind.
    void setKindIds(const QStringList &ids) { m_kindIds = ids; }
    [[nodiscard]] const QStringList &kindIds() const { return m_kindIds; }

    void setRules(const SignatureRules &rules);
    [[nodiscard]] const SignatureRules &rules() const { return m_rules; }
    // Appends a rule (HMAC-SHA256, hex, no secret yet) and returns its row.
    int appendRule(const QString &kind);
    void removeRule(int row);
    [[nodiscard]] QString problem() const;

    // A pasted PEM whose line breaks became spaces (a one-line editor) gets them back.
    [[nodiscard]] static QByteArray normalizedPem(const QString &text);

    [[nodiscard]] int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    [[nodiscard]] Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

private:
    [[nodiscard]] QString rowProblem(int row) const;

    SignatureRules m_rules;
    QStringList m_kindIds;
};

} // namespace hookscope
