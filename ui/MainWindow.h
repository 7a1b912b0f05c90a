#pragma once

#include "app/AppOptions.h"

#include <QMainWindow>

namespace hookscope {

class EventRecorder;
class Receiver;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const AppOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

private:
    AppOptions m_options;
    EventRecorder *m_recorder;
    Receiver *m_receiver;
};

} // namespace hookscope
