#pragma once

#include "event/AnswerRecord.h"

#include "hold/AnswerValidator.h"
#include "hold/HoldDesk.h"
#include "hold/PresetCatalog.h"

#include <QHash>
#include <QJsonValue>
#include <QWidget>
#include <optional>
#include <tuple>

class QAction;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;
class QScrollArea;
class QTimer;
class QVBoxLayout;

namespace hookscope {

class AnswerFieldsModel;
class HoldQueueView;

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
    // Every hook that waits, oldest first, each with its countdown; the answered one is marked.
    void setQueue(const QList<HeldRequest> &waiting);
    // Whether the details pane shows the request answered; if not, a "Show request #N" link.
    void setRequestShown(bool shown);

    // Builds a preset's answer from the current controls, validates and sends it; `via`: how
    // the user asked (kept with the answer, issue 24.9).
    void answerWithPreset(const QString &presetId, AnswerVia via = AnswerVia::Button);
    // Validates and sends the Custom editor's text.
    void sendCustom(AnswerVia via = AnswerVia::Button);
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
    [[nodiscard]] HoldQueueView *queueView() const { return m_queue; }
    [[nodiscard]] QPushButton *showRequestButton() const { return m_showRequest; }
    [[nodiscard]] QScrollArea *scrollArea() const { return m_scroll; }
    [[nodiscard]] QLabel *titleLabel() const { return m_title; }

Q_SIGNALS:
    // `via`: a button, a shortcut, or SendAnyway: sent although it breaks "<kind>.response".
    void answerRequested(qint64 id, const hookscope::HttpResponse &response, const QString &presetId,
                         hookscope::AnswerVia via);
    // The user picked another waiting hook in the queue, or asked to see the answered one.
    void requestChosen(qint64 id);
    void showRequestClicked(qint64 id);

private:
    void rebuildPresets();
    void send(const QByteArray &body, int status, const QString &presetId, AnswerVia via);
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
    QLabel *m_subtitle;
    QPushButton *m_showRequest;
    HoldQueueView *m_queue;
    QScrollArea *m_scroll;
    QWidget *m_presetBox;
    QVBoxLayout *m_presetList;
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
