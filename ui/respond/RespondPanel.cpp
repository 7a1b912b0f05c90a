#include "RespondPanel.h"

#include "AnswerFieldsModel.h"
#include "HoldQueueView.h"
#include "PlainToolTip.h"
#include "Theme.h"
#include "hold/AnswerBuilder.h"

#include <QAction>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <tuple>

namespace hookscope {

namespace {
QLabel *singleLineLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    return label;
}

QString settingsKey(const ResponsePreset &preset)
{
    return QStringLiteral("respond/argument/%1/%2").arg(preset.kind, preset.id);
}
} // namespace

RespondPanel::RespondPanel(QWidget *parent)
    : QWidget(parent)
    , m_fields(new AnswerFieldsModel(this))
    , m_countdown(new QTimer(this))
{
    // Three bands: who waits (title, queue, "Show request") and how to send (status, Send)
    // stay in view; the presets, fields and editor between them scroll vertically only, so
    // nothing needs a horizontal scroll bar from about 360 px on (issue 24, point 1).
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 4, 6, 4);
    outer->setSpacing(4);

    m_title = singleLineLabel(tr("No hook is waiting."), this);
    m_title->setObjectName(QStringLiteral("respondTitle"));
    m_title->setWordWrap(true);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    outer->addWidget(m_title);
    m_subtitle = singleLineLabel(QString(), this);
    m_subtitle->setObjectName(QStringLiteral("respondSubtitle"));
    m_subtitle->setWordWrap(true);
    outer->addWidget(m_subtitle);
    m_showRequest = new QPushButton(tr("Show request"), this);
    m_showRequest->setObjectName(QStringLiteral("showRequest"));
    m_showRequest->setFlat(true);
    m_showRequest->setCursor(Qt::PointingHandCursor);
    m_showRequest->setToolTip(tr("Select this hook in the table and show its request in the details"));
    m_showRequest->hide();
    outer->addWidget(m_showRequest, 0, Qt::AlignLeft);
    connect(m_showRequest, &QPushButton::clicked, this, [this] {
        if (m_request)
            Q_EMIT showRequestClicked(m_request->id);
    });
    m_queue = new HoldQueueView(this);
    outer->addWidget(m_queue);
    connect(m_queue, &HoldQueueView::chosen, this, &RespondPanel::requestChosen);

    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("respondScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(m_scroll, 1);
    auto *content = new QWidget(m_scroll);
    m_scroll->setWidget(content);
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);

    // One preset per line, its argument right under it: nothing to the side to clip.
    m_presetBox = new QWidget(content);
    m_presetBox->setObjectName(QStringLiteral("presetBox"));
    m_presetList = new QVBoxLayout(m_presetBox);
    m_presetList->setContentsMargins(0, 0, 0, 0);
    m_presetList->setSpacing(3);
    layout->addWidget(m_presetBox);

    auto *fieldsLabel = singleLineLabel(tr("Fields and tags (returned fields replace ALL the case's fields):"), content);
    fieldsLabel->setWordWrap(true);
    layout->addWidget(fieldsLabel);
    m_fieldsView = new QTableView(content);
    m_fieldsView->setObjectName(QStringLiteral("fieldsView"));
    m_fieldsView->setTabKeyNavigation(false); // Tab moves on; arrows move between cells
    m_fieldsView->setModel(m_fields);
    m_fieldsView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_fieldsView->horizontalHeader()->setStretchLastSection(true);
    m_fieldsView->horizontalHeader()->setMinimumSectionSize(40);
    m_fieldsView->verticalHeader()->hide();
    m_fieldsView->setTextElideMode(Qt::ElideLeft); // ids differ at their end
    m_fieldsView->setMinimumHeight(110);
    m_fieldsView->setMinimumWidth(0);
    m_fieldsView->setSizeAdjustPolicy(QAbstractScrollArea::AdjustIgnored);
    layout->addWidget(m_fieldsView);
    auto *fieldButtons = new QHBoxLayout;
    auto *addField = new QPushButton(tr("Add field"), content);
    auto *addTag = new QPushButton(tr("Add tag"), content);
    auto *removeRow = new QPushButton(tr("Remove"), content);
    fieldButtons->addWidget(addField);
    fieldButtons->addWidget(addTag);
    fieldButtons->addWidget(removeRow);
    fieldButtons->addStretch(1);
    layout->addLayout(fieldButtons);
    connect(addField, &QPushButton::clicked, this, [this] {
        m_fieldsView->edit(m_fields->index(m_fields->addField(), AnswerFieldsModel::IdColumn));
    });
    connect(addTag, &QPushButton::clicked, this, [this] {
        m_fieldsView->edit(m_fields->index(m_fields->addTag(), AnswerFieldsModel::IdColumn));
    });
    connect(removeRow, &QPushButton::clicked, this, [this] {
        const QModelIndex current = m_fieldsView->currentIndex();
        if (current.isValid())
            m_fields->removeRows(current.row(), 1);
    });
    connect(m_fields, &AnswerFieldsModel::edited, this, &RespondPanel::clearPending);

    layout->addWidget(singleLineLabel(tr("Custom JSON (Ctrl+Return sends):"), content));
    m_custom = new QPlainTextEdit(content);
    m_custom->setObjectName(QStringLiteral("customEditor"));
    m_custom->setTabChangesFocus(true); // JSON is indented with spaces; Tab moves on
    m_custom->setFont(Theme::monospace());
    m_custom->setMinimumHeight(120);
    m_custom->setMinimumWidth(0);
    layout->addWidget(m_custom);
    layout->addStretch(1);

    // The footer: why an answer was refused, "Send anyway", and the custom answer's Send.
    m_violations = singleLineLabel(QString(), this);
    m_violations->setObjectName(QStringLiteral("violations"));
    m_violations->setWordWrap(true);
    m_violations->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_violations->palette();
    errorPalette.setColor(QPalette::WindowText, Theme::errorText(errorPalette));
    m_violations->setPalette(errorPalette);
    m_violations->hide();
    outer->addWidget(m_violations);
    m_sendAnyway = new QPushButton(tr("Send anyway"), this);
    m_sendAnyway->setObjectName(QStringLiteral("sendAnyway"));
    m_sendAnyway->hide();
    outer->addWidget(m_sendAnyway, 0, Qt::AlignLeft);
    connect(m_sendAnyway, &QPushButton::clicked, this, [this] {
        if (!m_pending || !m_request)
            return;
        const auto [body, status, presetId] = *m_pending;
        const qint64 id = m_request->id;
        clearPending();
        Q_EMIT answerRequested(id, AnswerBuilder::jsonResponse(status, body), presetId, AnswerVia::SendAnyway);
    });
    auto *customRow = new QHBoxLayout;
    customRow->addWidget(singleLineLabel(tr("Status"), this));
    m_customStatus = new QSpinBox(this);
    m_customStatus->setRange(100, 599);
    m_customStatus->setValue(200);
    customRow->addWidget(m_customStatus);
    customRow->addStretch(1);
    m_savePreset = new QPushButton(tr("Save as preset…"), this);
    customRow->addWidget(m_savePreset);
    m_sendCustom = new QPushButton(tr("Send custom"), this);
    m_sendCustom->setObjectName(QStringLiteral("sendCustom"));
    // Only from the editor: Ctrl+Return elsewhere in the window must not send anything.
    auto *sendFromEditor = new QAction(m_custom);
    sendFromEditor->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    sendFromEditor->setShortcutContext(Qt::WidgetShortcut);
    m_custom->addAction(sendFromEditor);
    connect(sendFromEditor, &QAction::triggered, this, [this] { sendCustom(AnswerVia::Shortcut); });
    customRow->addWidget(m_sendCustom);
    outer->addLayout(customRow);
    connect(m_sendCustom, &QPushButton::clicked, this, [this] { sendCustom(AnswerVia::Button); });
    connect(m_custom, &QPlainTextEdit::textChanged, this, &RespondPanel::clearPending);
    connect(m_savePreset, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString title = QInputDialog::getText(this, tr("Save as preset"), tr("Preset name:"), QLineEdit::Normal,
                                                    QString(), &ok);
        QString error;
        if (ok && !title.trimmed().isEmpty() && !saveCustomAsPreset(title.trimmed(), &error)) {
            m_violations->setText(tr("Not saved: %1").arg(error));
            m_violations->show();
        }
    });

    m_countdown->setInterval(250);
    connect(m_countdown, &QTimer::timeout, this, &RespondPanel::updateCountdown);
    setRequest(std::nullopt);
}

RespondPanel::~RespondPanel() = default;

void RespondPanel::setPresets(const PresetCatalog &presets)
{
    m_presets = presets;
    m_kind.clear();
    rebuildPresets();
}

QString RespondPanel::rememberedArgument(const ResponsePreset &preset) const
{
    if (preset.argumentDefault.startsWith(QLatin1String("${request:")))
        return AnswerBuilder::defaultArgument(preset, m_requestJson);
    return QSettings().value(settingsKey(preset), AnswerBuilder::defaultArgument(preset, m_requestJson)).toString();
}

void RespondPanel::rememberArgument(const ResponsePreset &preset, const QString &value) const
{
    if (!preset.argumentDefault.startsWith(QLatin1String("${request:")))
        QSettings().setValue(settingsKey(preset), value);
}

void RespondPanel::rebuildPresets()
{
    // With nothing waiting, the last kind's buttons stay (disabled).
    const QString kind = m_request ? m_request->kind : m_kind;
    if (kind == m_kind && !m_buttons.isEmpty())
        return;
    m_kind = kind;
    // The buttons and the argument rows are all in the list: deleted with its items.
    m_buttons.clear();
    m_arguments.clear();
    while (QLayoutItem *item = m_presetList->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (QAction *action : std::as_const(m_shortcuts))
        delete action;
    m_shortcuts.clear();

    const QList<ResponsePreset> presets = m_presets.forKind(kind);
    for (const ResponsePreset &preset : presets) {
        const QKeySequence key(preset.shortcut);
        const QString text = key.isEmpty() ? preset.title
                                           : QStringLiteral("%1  (%2)").arg(preset.title, key.toString(QKeySequence::NativeText));
        auto *button = new QPushButton(text, m_presetBox);
        button->setObjectName(QStringLiteral("preset-") + preset.id);
        button->setToolTip(PlainToolTip::html(preset.description));
        button->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        m_presetList->addWidget(button);
        const QString id = preset.id;
        connect(button, &QPushButton::clicked, this, [this, id] { answerWithPreset(id); });
        m_buttons.insert(id, button);
        if (!key.isEmpty()) {
            // Window-wide: one key press answers, wherever the focus is in the main window.
            auto *action = new QAction(this);
            action->setShortcut(key);
            action->setShortcutContext(Qt::WindowShortcut);
            connect(action, &QAction::triggered, this, [this, id] {
                if (m_request)
                    answerWithPreset(id, AnswerVia::Shortcut);
            });
            addAction(action);
            m_shortcuts.append(action);
        }
        if (preset.hasArgument) {
            // Under its preset, indented: "Reason [Slot no longer available      ]".
            auto *row = new QWidget(m_presetBox);
            auto *rowLayout = new QHBoxLayout(row);
            rowLayout->setContentsMargins(18, 0, 0, 4);
            auto *label = singleLineLabel(preset.argumentLabel, row);
            label->setForegroundRole(QPalette::PlaceholderText);
            rowLayout->addWidget(label);
            auto *edit = new QLineEdit(row);
            edit->setObjectName(QStringLiteral("argument-") + preset.id);
            edit->setMinimumWidth(60);
            edit->setToolTip(PlainToolTip::html(preset.title + QStringLiteral(" — ") + preset.argumentLabel));
            label->setBuddy(edit);
            rowLayout->addWidget(edit, 1);
            m_presetList->addWidget(row);
            m_arguments.insert(id, edit);
            connect(edit, &QLineEdit::textEdited, this, &RespondPanel::clearPending);
            connect(edit, &QLineEdit::returnPressed, this, [this, id] { answerWithPreset(id, AnswerVia::Shortcut); });
        }
    }
}

void RespondPanel::setRequest(const std::optional<HeldRequest> &request)
{
    const bool same = request && m_request && request->id == m_request->id;
    m_request = request;
    if (same)
        return;
    clearPending();
    m_requestJson = request ? AnswerBuilder::parseRequest(request->body) : QJsonValue();
    rebuildPresets();
    m_fields->setRequest(m_requestJson);
    for (auto it = m_arguments.begin(); it != m_arguments.end(); ++it) {
        if (const ResponsePreset *preset = m_presets.find(m_kind, it.key())) {
            it.value()->setText(rememberedArgument(*preset));
            it.value()->setCursorPosition(0); // an id reads from its start
        }
    }
    const bool waiting = request.has_value();
    m_presetBox->setEnabled(waiting);
    m_fieldsView->setEnabled(waiting);
    m_custom->setEnabled(waiting);
    m_sendCustom->setEnabled(waiting);
    m_savePreset->setEnabled(waiting);
    for (QAction *action : std::as_const(m_shortcuts))
        action->setEnabled(waiting);
    if (waiting) {
        const QList<ResponsePreset> presets = m_presets.forKind(m_kind);
        m_custom->setPlainText(presets.isEmpty()
                                   ? QString::fromUtf8(request->defaultAnswer.body)
                                   : QString::fromUtf8(QJsonDocument::fromJson(buildBody(presets.first().id))
                                                           .toJson(QJsonDocument::Indented)));
        clearPending();
        m_countdown->start();
    } else {
        m_custom->clear();
        m_countdown->stop();
    }
    updateCountdown();
}

void RespondPanel::updateCountdown()
{
    if (!m_request) {
        m_title->setText(tr("No hook is waiting."));
        m_subtitle->setText(tr("A held hook appears here with a button per answer; the panel closes again when none waits."));
        return;
    }
    const qint64 left = qMax<qint64>(0, m_request->deadlineAtMs - QDateTime::currentMSecsSinceEpoch());
    m_title->setText(tr("#%1 %2 is waiting: %3 s left").arg(m_request->id).arg(m_request->kind).arg((left + 999) / 1000));
    const ResponsePreset *fallback = m_presets.find(m_request->kind, m_request->defaultPresetId);
    m_subtitle->setText(tr("Then the default answer goes out (%1).")
                            .arg(fallback ? fallback->title
                                          : m_request->defaultPresetId.isEmpty() ? tr("the receiver's answer")
                                                                                 : m_request->defaultPresetId));
}

void RespondPanel::setQueue(const QList<HeldRequest> &waiting)
{
    m_queue->setQueue(waiting, requestId());
}

void RespondPanel::setRequestShown(bool shown)
{
    m_showRequest->setText(m_request ? tr("Show request #%1").arg(m_request->id) : tr("Show request"));
    m_showRequest->setVisible(m_request && !shown);
}

QJsonValue RespondPanel::editedRequest() const
{
    // The fields-and-tags preset reads /fields and /tagIds of the request: give it the table's.
    QJsonObject request = m_requestJson.toObject();
    request.insert(QStringLiteral("fields"), m_fields->fields());
    request.insert(QStringLiteral("tagIds"), m_fields->tagIds());
    return request;
}

QByteArray RespondPanel::buildBody(const QString &presetId) const
{
    const ResponsePreset *preset = m_presets.find(m_kind, presetId);
    if (!preset)
        return {};
    const QLineEdit *edit = m_arguments.value(presetId);
    const QString argument = edit ? edit->text() : AnswerBuilder::defaultArgument(*preset, m_requestJson);
    return AnswerBuilder::body(*preset, editedRequest(), argument);
}

void RespondPanel::answerWithPreset(const QString &presetId, AnswerVia via)
{
    const ResponsePreset *preset = m_presets.find(m_kind, presetId);
    if (!m_request || !preset)
        return;
    if (const QLineEdit *edit = m_arguments.value(presetId))
        rememberArgument(*preset, edit->text());
    const QByteArray body = buildBody(presetId);
    m_custom->blockSignals(true);
    m_custom->setPlainText(QString::fromUtf8(QJsonDocument::fromJson(body).toJson(QJsonDocument::Indented)));
    m_custom->blockSignals(false);
    send(body, preset->status, presetId, via);
}

void RespondPanel::sendCustom(AnswerVia via)
{
    if (!m_request)
        return;
    send(m_custom->toPlainText().toUtf8(), m_customStatus->value(), QString(), via);
}

void RespondPanel::send(const QByteArray &body, int status, const QString &presetId, AnswerVia via)
{
    if (!m_request)
        return;
    const Violations violations = m_validator ? m_validator->validate(m_kind, body) : Violations();
    if (violations.isEmpty()) {
        const qint64 id = m_request->id;
        clearPending();
        Q_EMIT answerRequested(id, AnswerBuilder::jsonResponse(status, body), presetId, via);
        return;
    }
    QStringList lines;
    lines.append(tr("This answer breaks %1.response:").arg(m_kind));
    for (const Violation &v : violations)
        lines.append(QStringLiteral("• %1  %2").arg(v.pointer.isEmpty() ? QStringLiteral("(root)") : v.pointer, v.message));
    lines.append(tr("Not sent. Fix it, or click “Send anyway” to test how the platform takes a bad answer."));
    m_violations->setText(lines.join(QLatin1Char('\n')));
    m_violations->show();
    m_pending = std::make_tuple(body, status, presetId);
    m_sendAnyway->show();
}

void RespondPanel::clearPending()
{
    m_pending.reset();
    m_violations->hide();
    m_violations->clear();
    m_sendAnyway->hide();
}

bool RespondPanel::saveCustomAsPreset(const QString &title, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(m_custom->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = tr("the Custom JSON is not JSON: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset);
        return false;
    }
    ResponsePreset preset;
    QString id = title.toLower();
    id.replace(QRegularExpression(QStringLiteral("[^a-z0-9._-]+")), QStringLiteral("-"));
    preset.id = QStringLiteral("user-") + id;
    preset.kind = m_kind;
    preset.title = title;
    preset.order = 1000;
    preset.status = m_customStatus->value();
    preset.body = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
    if (!m_presets.saveUserPreset(PresetCatalog::userDirectory(), preset, error))
        return false;
    const std::optional<HeldRequest> request = m_request;
    m_kind.clear(); // rebuild the buttons, the new preset included
    m_request.reset();
    setRequest(request);
    return true;
}

} // namespace hookscope
