#pragma once

#include "hold/AnswerValidator.h"
#include "hold/HoldDesk.h"
#include "hold/PresetCatalog.h"

#include <QHash>
#include <QJsonValue>
#include <QWidget>
#include <optional>
#include <tuple>

class QAction;
class QGridLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QTimer;

namespace hookscope {

class AnswerFieldsModel;

// Answers the selected waiting hook: one button per preset of its kind (with Ctrl+1…9), the
// presets' arguments (cancel reason — remembered —, customer record, service type, channel:
// pre-filled from the request), the request's fields and tags in an editable table, and a
// Custom JSON editor pre-filled with the answer the other controls built. Every answer is
// validated against "<kind>.response" first; an invalid one is only sent by a second,
// explicit click on "Send anyway".
class RespondPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit RespondPanel(QWidget *parent = nullptr);
    ~RespondPanel() override;

    void setPresets(const PresetCatalog &presets);
    void setValidator(std::shared_ptr<const AnswerValidator> validator) { m_validator = std::move(validator); }
    // The waiting request to answer; nullopt when the selected event is not waiting.
    void setRequest(const std::optional<HeldRequest> &request);
    [[nodiscard]] qint64 requestId() const { return m_request ? m_request->id : 0; }

    // Builds a preset's answer from the current controls, validates and sends it.
    void answerWithPreset(const QString &presetId);
    // Validates and sends the Custom editor's text.
    void sendCustom();
    // Saves the Custom editor's text as a user preset named `title`.
    bool saveCustomAsPreset(const QString &title, QString *error);

    // The answer the controls build for a preset (what the Custom editor is filled with).
    [[nodiscard]] QByteArray buildBody(const QString &presetId) const;

    [[nodiscard]] QPushButton *presetButton(const QString &presetId) const { return m_buttons.value(presetId); }
    [[nodiscard]] QLineEdit *argumentEdit(const QString &presetId) const { return m_arguments.value(presetId); }
    [[nodiscard]] QPlainTextEdit *customEditor() const { return m_custom; }
    [[nodiscard]] QPushButton *sendCustomButton() const { return m_sendCustom; }
    [[nodiscard]] QPushButton *sendAnywayButton() const { return m_sendAnyway; }
    [[nodiscard]] QLabel *violationsLabel() const { return m_violations; }
    [[nodiscard]] AnswerFieldsModel *fieldsModel() const { return m_fields; }
    [[nodiscard]] QString presetsKind() const { return m_kind; }

Q_SIGNALS:
    void answerRequested(qint64 id, const hookscope::HttpResponse &response, const QString &presetId);

private:
    void rebuildPresets();
    void send(const QByteArray &body, int status, const QString &presetId);
    void clearPending();
    void updateCountdown();
    void rememberArgument(const ResponsePreset &preset, const QString &value) const;
    [[nodiscard]] QString rememberedArgument(const ResponsePreset &preset) const;
    [[nodiscard]] QJsonValue editedRequest() const;

    PresetCatalog m_presets;
    std::shared_ptr<const AnswerValidator> m_validator;
    std::optional<HeldRequest> m_request;
    QJsonValue m_requestJson;
    QString m_kind; // the kind the buttons were built for

    QLabel *m_title;
    QWidget *m_presetBox;
    QGridLayout *m_presetGrid;
    QWidget *m_argumentBox;
    QGridLayout *m_argumentGrid;
    QHash<QString, QPushButton *> m_buttons;
    QHash<QString, QLineEdit *> m_arguments;
    QList<QAction *> m_shortcuts;
    AnswerFieldsModel *m_fields;
    QTableView *m_fieldsView;
    QPlainTextEdit *m_custom;
    QSpinBox *m_customStatus;
    QPushButton *m_sendCustom;
    QPushButton *m_savePreset;
    QLabel *m_violations;
    QPushButton *m_sendAnyway;
    QTimer *m_countdown;
    // The invalid answer waiting for its "Send anyway".
    std::optional<std::tuple<QByteArray, int, QString>> m_pending;
};

} // namespace hookscope
