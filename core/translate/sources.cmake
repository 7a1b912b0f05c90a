# core/translate: translations arrays of any JSON event as a field × language table, language
# names, and the `translations` sub-command. QtCore only.
target_sources(hookscope_core PRIVATE
  app/TranslationsCommand.h app/TranslationsCommand.cpp
  translate/LanguageNames.h translate/LanguageNames.cpp
  translate/MissingTranslation.h
  translate/OwnerLabels.h translate/OwnerLabels.cpp
  translate/PathStep.h
  translate/TranslatedField.h translate/TranslatedField.cpp
  translate/TranslationEntry.h
  translate/TranslationIndex.h translate/TranslationIndex.cpp
  translate/TranslationReport.h translate/TranslationReport.cpp
  translate/TranslationScanner.h translate/TranslationScanner.cpp
  translate/TranslationSummary.h
)
