# Hookscope: `make run` builds and starts the app, `make test` builds and runs every test.
BUILD   ?= build
JOBS    ?= $(shell nproc)
ARGS    ?=
CMAKE_FLAGS ?=
# Unity builds and shared precompiled headers: a clean build in about half the time
# (cmake/FastBuild.cmake). A plain `cmake -B build` leaves them off.
CMAKE_FLAGS += -DHOOKSCOPE_FAST_BUILD=ON
BUILD_TYPE ?= RelWithDebInfo
ifdef CI
# CI: warnings are errors; no debug info and no benchmark programs (a third of the build time).
CMAKE_FLAGS += -DHOOKSCOPE_WERROR=ON -DHOOKSCOPE_BENCH=OFF "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG"
BUILD_TYPE = Release
endif

.PHONY: all deps configure build run test package fuzz fuzz-build portable-test bench clean

all: build

deps:
	@scripts/install-deps.sh packaging/build-deps.txt

configure: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS) >/dev/null

build: configure
	@cmake --build $(BUILD) -j $(JOBS)

# The build's own output only when something fails: starting the app is one line, not hundreds.
run: configure
	@log=$$(mktemp); if cmake --build $(BUILD) -j $(JOBS) >"$$log" 2>&1; then rm -f "$$log"; \
	  else cat "$$log"; rm -f "$$log"; echo "make run: the build failed (above)"; exit 1; fi
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY$$QT_QPA_PLATFORM" ] && ! echo " $(ARGS) " | grep -q -- ' --headless '; then \
	  echo "No display found (DISPLAY and WAYLAND_DISPLAY are not set)."; \
	  echo "Start Hookscope without a window:  make run ARGS=--headless"; exit 2; fi
	$(BUILD)/bin/hookscope $(ARGS)

# `make test` adds bounded fuzz runs to the suite when CI is set (or FUZZ_IN_TEST=1; FUZZ_IN_TEST=0
# leaves them out): fuzz-build makes the libFuzzer targets with clang from the few core sources
# they reach (about 100 CPU seconds) and the main tree's ctest runs them: the request handling for
# FUZZ_SECONDS (30), each importer for FUZZ_IMPORT_SECONDS (10). See tests/core/trust.cmake.
FUZZ_DIR = $(abspath $(BUILD)-fuzz)/tests/fuzz
FUZZ_IN_TEST ?= $(if $(CI),1,0)
ifneq ($(filter-out 0,$(FUZZ_IN_TEST)),)
test: CMAKE_FLAGS += -DHOOKSCOPE_FUZZ_DIR=$(FUZZ_DIR) -DHOOKSCOPE_FUZZ_SECONDS=$${FUZZ_SECONDS:-30} \
                     -DHOOKSCOPE_FUZZ_IMPORT_SECONDS=$${FUZZ_IMPORT_SECONDS:-10}
test: fuzz-build
else
test: CMAKE_FLAGS += -DHOOKSCOPE_FUZZ_DIR=
endif
# ... and the portable build when CI is set (or PORTABLE_IN_TEST=1): see portable-test below.
PORTABLE_IN_TEST ?= $(if $(CI),1,0)
ifneq ($(filter-out 0,$(PORTABLE_IN_TEST)),)
test: portable-test
endif
test: build
	cd $(BUILD) && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS)

# The portable build (docs/PACKAGING.md): only core/platform's portable fallbacks, compiled with
# clang, warnings as errors, no GUI: the core library, the headless `hookscope` and the tests of
# durability (kill -9 under load, reopen) and of the receiver, run against it. Only those targets
# are built (about 3 CPU minutes), not a second full tree.
PORTABLE_TARGETS = hookscope tst_headless tst_receiver tst_storerecovery
portable-test:
	@scripts/install-deps.sh packaging/build-deps.txt packaging/fuzz-deps.txt
	@CXX=clang++ cmake -S . -B $(BUILD)-portable -DHOOKSCOPE_PORTABLE_ONLY=ON -DHOOKSCOPE_WERROR=ON \
	  -DHOOKSCOPE_FAST_BUILD=ON -DHOOKSCOPE_BENCH=OFF -DHOOKSCOPE_FUZZ_DIR= -DCMAKE_BUILD_TYPE=Release \
	  "-DCMAKE_CXX_FLAGS_RELEASE=-O2 -DNDEBUG" $(PORTABLE_CMAKE_FLAGS) >/dev/null
	@cmake --build $(BUILD)-portable -j $(JOBS) --target $(PORTABLE_TARGETS)
	cd $(BUILD)-portable && QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j $(JOBS) \
	  -R '^(tst_headless|tst_receiver|tst_storerecovery|platform_calls_confined)$$'

# The Debian package, from the same build tree (nothing is compiled twice): $(BUILD)/packages/*.deb
package: build
	@cmake --build $(BUILD) --target package

# No build type: only the fuzz flags of tests/fuzz/CMakeLists.txt (-O1, sanitizers, coverage).
fuzz-build:
	@scripts/install-deps.sh packaging/build-deps.txt packaging/fuzz-deps.txt
	@CXX=clang++ cmake -S . -B $(BUILD)-fuzz -DHOOKSCOPE_FUZZ=ON -DCMAKE_BUILD_TYPE= \
	  $(if $(CI),-DHOOKSCOPE_WERROR=ON) >/dev/null
	@cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzz_targets

fuzz: fuzz-build
	@mkdir -p $(BUILD)-fuzz/corpus && cp -n tests/fuzz/corpus/* $(BUILD)-fuzz/corpus/
	$(BUILD)-fuzz/tests/fuzz/fuzz_request_handling -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=4096 $(BUILD)-fuzz/corpus tests/fuzz/corpus
	@mkdir -p $(BUILD)-fuzz/corpus-export $(BUILD)-fuzz/corpus-har
	$(BUILD)-fuzz/tests/fuzz/fuzz_export_import -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=8192 $(BUILD)-fuzz/corpus-export tests/fuzz/corpus-export
	$(BUILD)-fuzz/tests/fuzz/fuzz_har_import -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=8192 $(BUILD)-fuzz/corpus-har tests/fuzz/corpus-har
	@mkdir -p $(BUILD)-fuzz/corpus-rules
	$(BUILD)-fuzz/tests/fuzz/fuzz_rule_file -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=8192 $(BUILD)-fuzz/corpus-rules tests/fuzz/corpus-rules
	@mkdir -p $(BUILD)-fuzz/corpus-schema
	$(BUILD)-fuzz/tests/fuzz/fuzz_schema_compile -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=4096 $(BUILD)-fuzz/corpus-schema tests/fuzz/corpus-schema
	@mkdir -p $(BUILD)-fuzz/corpus-inspection
	$(BUILD)-fuzz/tests/fuzz/fuzz_inspection -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=20000 $(BUILD)-fuzz/corpus-inspection tests/fuzz/corpus-inspection
	@mkdir -p $(BUILD)-fuzz/corpus-curl
	$(BUILD)-fuzz/tests/fuzz/fuzz_curl_quote -max_total_time=$${FUZZ_SECONDS:-60} \
	  -max_len=4096 $(BUILD)-fuzz/corpus-curl tests/fuzz/corpus-curl

bench: build
	bash bench/run-receiver.sh

clean:
	rm -rf $(BUILD) $(BUILD)-fuzz $(BUILD)-portable
