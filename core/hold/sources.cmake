# core/hold: holding a hook open until the user (or a deadline, or --respond) answers it.
target_sources(hookscope_core PRIVATE
  hold/AnswerBuilder.h hold/AnswerBuilder.cpp
  hold/AnswerRule.h hold/AnswerRule.cpp
  hold/AnswerRuleSet.h hold/AnswerRuleSet.cpp
  hold/DeliveryCounter.h hold/DeliveryCounter.cpp
  hold/AnswerValidator.h hold/AnswerValidator.cpp
  hold/HoldDesk.h hold/HoldDesk.cpp
  hold/HoldingSink.h hold/HoldingSink.cpp
  hold/HoldPolicy.h hold/HoldPolicy.cpp
  hold/KindPrefilter.h hold/KindPrefilter.cpp
  hold/PackAnswers.h hold/PackAnswers.cpp
  hold/PresetCatalog.h hold/PresetCatalog.cpp
  hold/ResponsePreset.h hold/ResponsePreset.cpp
  hold/RuleSink.h hold/RuleSink.cpp
)

# Built-in presets (:/presets/<id>.preset.json) and the default hold policy (:/hold/policy.json).
qt_add_resources(hookscope_core "presets"
  PREFIX "/"
  BASE ${PROJECT_SOURCE_DIR}/resources
  FILES
    ${PROJECT_SOURCE_DIR}/resources/hold/policy.json
    ${PROJECT_SOURCE_DIR}/resources/presets/accept.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/cancel.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/channel.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/fields-and-tags.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/prevent-self-check-in.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/remove-customer.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/service-type.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/set-customer.preset.json
    ${PROJECT_SOURCE_DIR}/resources/presets/use-customer-contact-info.preset.json
)

# Benchmark of the classification a held kind adds to every request (bench/hold): built with the
# other benchmarks, never run by ctest.
if(HOOKSCOPE_BENCH AND NOT HOOKSCOPE_FUZZ)
  qt_add_executable(bench_hold_classify ${PROJECT_SOURCE_DIR}/bench/hold/bench_hold_classify.cpp)
  target_link_libraries(bench_hold_classify PRIVATE hookscope_core Qt6::Core hookscope_warnings)
  target_compile_definitions(bench_hold_classify PRIVATE HOOKSCOPE_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set_target_properties(bench_hold_classify PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bench)
endif()
