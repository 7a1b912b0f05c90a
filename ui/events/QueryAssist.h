#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

class QCompleter;
class QLabel;
class QLineEdit;
class QStringListModel;

namespace hookscope {

struct QueryError;

// The filter box's help with the query language (issue 27): the parse error under the box
// ("Column 12: expected a whole number, got 'abc'", plain text) and completion of the word at
// the caret: field names, kinds, and the body paths seen in stored events of the chosen kind
// (a `kind = …` term, else the kind chooser's), which the pane fetches on the search thread.
class QueryAssist final : public QObject
{
    Q_OBJECT
public:
    QueryAssist(QLineEdit *edit, QLabel *errorLabel, QObject *parent = nullptr); // neither owned

    void showError(const QueryError &error);
    void clearError();
    void setKinds(const QStringList &kinds);
    void setChosenKind(const QString &kind); // the kind chooser's; empty: none
    void setPaths(const QString &kind, const QStringList &paths);
    [[nodiscard]] QCompleter *completer() const { return m_completer; }
    // The kind whose paths completion offers now (empty: none).
    [[nodiscard]] QString pathKind() const;

Q_SIGNALS:
    void pathsWanted(const QString &kind);

private:
    void onTextEdited();
    void insertCompletion(const QString &completion);
    void refill();
    [[nodiscard]] std::pair<int, int> wordAtCursor() const; // start, length

    QLineEdit *m_edit; // not owned
    QLabel *m_error; // not owned
    QCompleter *m_completer;
    QStringListModel *m_words;
    QStringList m_kinds;
    QString m_chosenKind;
    QString m_pathsKind; // whose paths m_paths are
    QStringList m_paths;
    QString m_asked; // the kind whose paths were last asked for
};

} // namespace hookscope
