# ui/theme: the palette, the system theme and the contrast style every room paints with.
target_sources(hookscope_ui PRIVATE
  theme/ContrastStyle.h theme/ContrastStyle.cpp
  theme/SystemTheme.h theme/SystemTheme.cpp
  theme/Theme.h theme/Theme.cpp
)
