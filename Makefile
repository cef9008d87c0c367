# Thin wrapper over scripts/ and CMake. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing (scripts/setup.sh), build, and run.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: test-vscode release test-release ecosystem fit-score test-hostile all setup setup-test build run test asan-build test-sanitize fuzz test-fuzz vsix bench clean

all: build

setup:
	bash scripts/setup.sh

setup-test:
	bash scripts/setup.sh --test

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja $(CMAKE_FLAGS)

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Builds only the CLI it runs (not the test suite).
run: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	$(BUILD)/agentlens check examples/shop-prototype; test $$? -le 1

# The self-contained binary (cmake/Dependencies.cmake): Release, header-only spdlog/fmt/toml++,
# fully static and stripped, in its own build directory. The last line printed is its path.
# test-release checks it in an empty chroot against the normal build (scripts/test_release.sh),
# installs the npm tarballs made from it offline (scripts/test_npm.sh), checks the .vsix that
# bundles it (scripts/test_vscode.sh) and runs that .vsix in the real VS Code (vscode-real).
RELEASE_BUILD ?= build-release
RELEASE_CMAKE = -DCMAKE_BUILD_TYPE=Release -DAGENTLENS_PORTABLE=ON -DAGENTLENS_TESTS=OFF \
	$(if $(shell command -v ccache),-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
release: setup
	cmake -S . -B $(RELEASE_BUILD) -G Ninja $(RELEASE_CMAKE) >/dev/null
	cmake --build $(RELEASE_BUILD) -j $(JOBS) --target agentlens
	@echo $(abspath $(RELEASE_BUILD))/agentlens

test-release: release $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	cd $(BUILD) && ctest --output-on-failure -R '^(release-.*|vscode|vscode-real)$$'

test: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The real-VS-Code test alone: the .vsix in code-server driven by headless Chromium (installs
# code-server and playwright-core from npm the first time: scripts/install_vscode_real.sh via
# setup-test). make test runs it too. Screenshots and results.json in $(BUILD)/vscode-real.
test-vscode: setup-test $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	cd $(BUILD) && ctest --output-on-failure -L vscode-real

# The hostile-input suite alone (100,000-deep nesting, 50 MB files, parse budgets); make test
# runs it too.
test-hostile: build
	cd $(BUILD) && ctest --output-on-failure -L hostile

# ASan+UBSan build of the whole code base with clang in its own directory (build-asan), which
# also holds the libFuzzer targets (tests/fuzz; the library code carries the fuzzer's coverage
# instrumentation, a no-op outside the fuzzers). test-sanitize runs every doctest suite
# (the end-to-end ones drive the sanitized binary) except lsp-latency, whose time bounds do not
# hold instrumented; the soak test skips its memory bounds there. Any sanitizer report fails the run (the
# binaries exit 86 on an ASan report or abort on UBSan, which the end-to-end tests see as a wrong
# exit status). fuzz runs each fuzz target for FUZZ_SECONDS (scripts/fuzz.sh); test-fuzz is the
# one-minute CI run. Two jobs: the build machines are shared.
ASAN_BUILD ?= build-asan
SANITIZE_JOBS ?= 2
FUZZ_SECONDS ?= 300
SANITIZE_CMAKE = -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DAGENTLENS_SANITIZE=ON -DAGENTLENS_FUZZ=ON
SANITIZE_ENV = ASAN_OPTIONS=exitcode=86:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp
asan-build: setup-test
	cmake -S . -B $(ASAN_BUILD) -G Ninja $(CMAKE_FLAGS) $(SANITIZE_CMAKE)
	cmake --build $(ASAN_BUILD) -j $(SANITIZE_JOBS)

test-sanitize: asan-build
	cd $(ASAN_BUILD) && $(SANITIZE_ENV) ctest --output-on-failure -j $(SANITIZE_JOBS) -R '^(unit|rules|cli|lsp|lsp-config|facts|property|html|examples|hostile|soak)$$'

fuzz: asan-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(SANITIZE_JOBS) bash scripts/fuzz.sh $(ASAN_BUILD)

test-fuzz:
	$(MAKE) fuzz FUZZ_SECONDS=60

# The .vsix carries the release binary (static: runs on any x86-64 Linux).
vsix: release
	mkdir -p $(BUILD)
	BUILD=$(BUILD) SERVER=$(abspath $(RELEASE_BUILD))/agentlens bash scripts/build_vsix.sh

bench:
	bash bench/run.sh

# The ecosystem check (docs/precision.md): findings on the real services in ../shared/ecosystem
# against the hand labels and the snapshot. ARGS=--check (CI), --update, --markdown, --worksheet DIR.
ecosystem: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	python3 scripts/ecosystem.py --binary $(BUILD)/agentlens $(ARGS)

# Re-fit the readiness score's numbers (docs/score.md) on the twins and the ecosystem corpus, rebuild
# with them, and re-score the ecosystem snapshot. Run after the rules' findings change.
fit-score: setup $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	python3 scripts/fit_score.py --binary $(BUILD)/agentlens --write $(ARGS)
	cmake --build $(BUILD) -j $(JOBS) --target agentlens
	python3 scripts/ecosystem.py --binary $(BUILD)/agentlens --update

clean:
	rm -rf $(BUILD)
