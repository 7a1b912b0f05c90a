# ui/translations: the Translations tab.
target_sources(hookscope_ui PRIVATE
  translations/TranslationDelegate.h translations/TranslationDelegate.cpp
  translations/TranslationLoader.h translations/TranslationLoader.cpp
  translations/TranslationTableModel.h translations/TranslationTableModel.cpp
  translations/TranslationsPane.h translations/TranslationsPane.cpp
)
