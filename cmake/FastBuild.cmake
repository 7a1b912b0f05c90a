# Build time (CI has 2 cores and a budget of 10 minutes for build + tests).
#
# HOOKSCOPE_FAST_BUILD (the Makefile turns it on; off by default so that a plain cmake build
# checks every file's own includes):
#  - the two libraries are unity builds (16 sources per translation unit), with a precompiled
#    header of the Qt and standard headers they use most;
#  - the test executables of a folder reuse one precompiled header (core tests and widget tests
#    each have theirs: QtTest picks QApplication or QCoreApplication from the modules linked, and
#    defines the folder as QT_TESTCASE_BUILDDIR), instead of parsing QtTest, QtWidgets and
#    friends 70 times;
option(HOOKSCOPE_FAST_BUILD "Unity builds and precompiled headers (shorter clean builds)" OFF)
# ...and the gold linker where the toolchain has it: some 75 executables link the two static
# libraries, 1.8 s each with ld.bfd, 0.5 s with gold.
if(HOOKSCOPE_FAST_BUILD)
  include(CheckLinkerFlag)
  check_linker_flag(CXX -fuse-ld=gold HOOKSCOPE_HAVE_GOLD)
  if(HOOKSCOPE_HAVE_GOLD)
    add_link_options(-fuse-ld=gold)
  endif()
endif()
set(HOOKSCOPE_PCH_DIR ${CMAKE_CURRENT_LIST_DIR}/pch)

# Called at the end of tests/core and tests/ui: every executable defined in the calling folder
# reuses the precompiled header HEADER, compiled once by a host linking LIBS.
function(hookscope_share_test_pch header)
  if(NOT HOOKSCOPE_FAST_BUILD)
    return()
  endif()
  get_property(targets DIRECTORY PROPERTY BUILDSYSTEM_TARGETS)
  string(MAKE_C_IDENTIFIER "pch_${header}" host)
  add_library(${host} OBJECT ${HOOKSCOPE_PCH_DIR}/Anchor.cpp)
  target_link_libraries(${host} PRIVATE ${ARGN})
  target_precompile_headers(${host} PRIVATE ${HOOKSCOPE_PCH_DIR}/${header})
  foreach(t IN LISTS targets)
    get_target_property(type ${t} TYPE)
    if(type STREQUAL "EXECUTABLE")
      target_precompile_headers(${t} REUSE_FROM ${host})
      # The tests include their own .moc: AUTOMOC's compilation unit is empty, and loading
      # the header into it would cost more than it saves.
      set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${t}_autogen/mocs_compilation.cpp
        PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
endfunction()

# Called at the end of the top-level CMakeLists.txt.
function(hookscope_fast_libraries)
  if(NOT HOOKSCOPE_FAST_BUILD)
    return()
  endif()
  foreach(lib IN ITEMS hookscope_core hookscope_ui)
    if(TARGET ${lib})
      set_target_properties(${lib} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 16)
    endif()
  endforeach()
  if(TARGET hookscope_core)
    target_precompile_headers(hookscope_core PRIVATE ${HOOKSCOPE_PCH_DIR}/CorePch.h)
  endif()
  if(TARGET hookscope_ui)
    target_precompile_headers(hookscope_ui PRIVATE ${HOOKSCOPE_PCH_DIR}/UiPch.h)
  endif()
endfunction()
