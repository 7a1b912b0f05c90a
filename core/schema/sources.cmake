# core/schema: kinds, JSON Schema validation (valijson, header-only; nlohmann-json for its adapter),
# classification. QtCore only.
target_sources(hookscope_core PRIVATE
  app/ValidateCommand.h app/ValidateCommand.cpp
  schema/BoundedRegex.h schema/BoundedRegex.cpp
  schema/Classification.h
  schema/Classifier.h schema/Classifier.cpp
  schema/CompiledSchema.h schema/CompiledSchema.cpp
  schema/EventInspector.h schema/EventInspector.cpp
  schema/FormKind.h schema/FormKind.cpp
  schema/InspectionBudget.h schema/InspectionBudget.cpp
  schema/JsonParse.h schema/JsonParse.cpp
  schema/JsonPointer.h schema/JsonPointer.cpp
  schema/JsonText.h schema/JsonText.cpp
  schema/Kind.h schema/Kind.cpp
  schema/KindCatalog.h schema/KindCatalog.cpp
  schema/KindGroups.h schema/KindGroups.cpp
  schema/KindLoader.h schema/KindLoader.cpp
  schema/Pack.h
  schema/PackLoader.h schema/PackLoader.cpp
  schema/PackSwitch.h schema/PackSwitch.cpp
  schema/LeafConstraint.h schema/LeafConstraint.cpp
  schema/LeafInliner.h schema/LeafInliner.cpp
  schema/LeafRules.h schema/LeafRules.cpp
  schema/Rfc3339.h schema/Rfc3339.cpp
  schema/SchemaLog.h schema/SchemaLog.cpp
  schema/SchemaRegistry.h schema/SchemaRegistry.cpp
  schema/SchemaBundler.h schema/SchemaBundler.cpp
  schema/MetaSchema.h schema/MetaSchema.cpp
  schema/SchemaRewriter.h schema/SchemaRewriter.cpp
  schema/ValidationOutcome.h
  schema/Validator.h schema/Validator.cpp
  schema/ValueText.h schema/ValueText.cpp
  schema/Violation.h
  schema/ViolationTranslator.h schema/ViolationTranslator.cpp
)

# Built-in kinds: each schema and recognition rule, as :/schemas/<id>.schema.json and :/kinds/<id>.kind.json.
qt_add_resources(hookscope_core "schemas"
  PREFIX "/"
  BASE ${PROJECT_SOURCE_DIR}/resources
  FILES
    ${PROJECT_SOURCE_DIR}/resources/schemas/before-book-appointment.response.schema.json
    ${PROJECT_SOURCE_DIR}/resources/schemas/before-book-appointment.schema.json
    ${PROJECT_SOURCE_DIR}/resources/schemas/callback-request.schema.json
    ${PROJECT_SOURCE_DIR}/resources/schemas/hoopai.appointment-update.schema.json
    ${PROJECT_SOURCE_DIR}/resources/schemas/jicoo.schema.json
    ${PROJECT_SOURCE_DIR}/resources/kinds/before-book-appointment.response.kind.json
    ${PROJECT_SOURCE_DIR}/resources/kinds/before-book-appointment.kind.json
    ${PROJECT_SOURCE_DIR}/resources/kinds/callback-request.kind.json
    ${PROJECT_SOURCE_DIR}/resources/kinds/hoopai.appointment-update.kind.json
    ${PROJECT_SOURCE_DIR}/resources/kinds/jicoo.kind.json
)

find_path(VALIJSON_INCLUDE_DIR valijson/validator.hpp REQUIRED)
find_package(nlohmann_json 3.9 REQUIRED)
target_include_directories(hookscope_core SYSTEM PRIVATE ${VALIJSON_INCLUDE_DIR})
# valijson aborts the process on a bad schema unless it may throw; Hookscope catches and reports.
target_compile_definitions(hookscope_core PRIVATE VALIJSON_USE_EXCEPTIONS=1)
# Validator.h forward-declares nlohmann::json (json_fwd.hpp) for callers holding a parsed document.
target_link_libraries(hookscope_core PUBLIC nlohmann_json::nlohmann_json)

# Validation benchmark (bench/validation): built by default, never run by ctest.
option(HOOKSCOPE_BENCH "Build the validation benchmark under bench/validation" ON)
if(HOOKSCOPE_BENCH AND NOT HOOKSCOPE_FUZZ)
  include(${PROJECT_SOURCE_DIR}/bench/validation/bench.cmake)
endif()

# Vendor packs (resources/packs/<vendor>/…): compiled in as :/packs/…, the fallback when no data
# folder is found. Data files only, so a pack added there needs a re-configure, nothing else.
file(GLOB_RECURSE HOOKSCOPE_PACK_FILES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/resources/packs/*.json)
qt_add_resources(hookscope_core "packs"
  PREFIX "/"
  BASE ${PROJECT_SOURCE_DIR}/resources
  FILES ${HOOKSCOPE_PACK_FILES}
)
