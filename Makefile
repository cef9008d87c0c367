# Thin wrapper over scripts/ and CMake. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing (scripts/setup.sh), build, and run.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: test-hostile all setup setup-test build run test test-sanitize vsix bench clean

all: build

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/agentlens check examples/shop-prototype; test $$? -le 1

test: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The hostile-input suite alone (100,000-deep nesting, 50 MB files, parse budgets); make test
# runs it too.
test-hostile: build
	cd $(BUILD) && ctest --output-on-failure -L hostile

# ASan+UBSan build of the whole code base in its own directory (build-asan); runs the unit, rules,
# cli (end-to-end, the sanitized binary) and lsp suites. Any sanitizer report fails the run: the
# binaries exit 86 (ASan) or abort (UBSan), which the end-to-end tests see as a wrong exit status.
# Not part of `make test`: it roughly doubles CI time (README, Reliability). Two jobs: the build
# machines are shared.
ASAN_BUILD ?= build-asan
SANITIZE_JOBS ?= 2
SANITIZE_ENV = ASAN_OPTIONS=exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
test-sanitize: setup-test
	cmake -S . -B $(ASAN_BUILD) -G Ninja $(CMAKE_FLAGS) -DAGENTLENS_SANITIZE=ON
	cmake --build $(ASAN_BUILD) -j $(SANITIZE_JOBS)
	cd $(ASAN_BUILD) && $(SANITIZE_ENV) ctest --output-on-failure -j $(SANITIZE_JOBS) -R '^(unit|rules|cli|lsp)$$'

vsix: build
	BUILD=$(BUILD) bash scripts/build_vsix.sh

bench:
	bash bench/run.sh

clean:
	rm -rf $(BUILD)
