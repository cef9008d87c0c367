# Thin wrapper over scripts/ and CMake. `make run` and `make test` work on a fresh Debian 12
# machine: they install what is missing (scripts/setup.sh), build, and run.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=RelWithDebInfo

.PHONY: all setup setup-test build run test vsix bench clean

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

vsix: build
	BUILD=$(BUILD) bash scripts/build_vsix.sh

bench:
	bash bench/run.sh

clean:
	rm -rf $(BUILD)
