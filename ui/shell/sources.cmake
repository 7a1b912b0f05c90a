# ui/shell: the main window, toolbar, menus, status bar, theme, first-run panel, screenshots.
target_sources(hookscope_ui PRIVATE
  shell/ContrastStyle.h shell/ContrastStyle.cpp
  shell/FirstRunPanel.h shell/FirstRunPanel.cpp
  shell/MainMenuBar.h shell/MainMenuBar.cpp
  shell/MainToolBar.h shell/MainToolBar.cpp
  shell/LiveFeed.h shell/LiveFeed.cpp
  shell/MainWindow.h shell/MainWindow.cpp
  shell/RateMeter.h shell/RateMeter.cpp
  shell/ScreenshotRunner.h shell/ScreenshotRunner.cpp
  shell/ShortcutsDialog.h shell/ShortcutsDialog.cpp
  shell/SignalWait.h shell/SignalWait.cpp
  shell/StatusBarPane.h shell/StatusBarPane.cpp
  shell/StoreHealthNotice.h shell/StoreHealthNotice.cpp
  shell/SystemTheme.h shell/SystemTheme.cpp
  shell/Theme.h shell/Theme.cpp
)
