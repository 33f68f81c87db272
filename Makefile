# The two set-up commands of the README. Each installs what is missing, then builds.
JOBS ?= $(shell nproc)
BUILD_RELEASE := build/release
BUILD_TEST := build/test

.PHONY: deps demo serve test build-release build-test clean format

deps:
	./scripts/install-deps.sh

build-release: deps
	cmake --preset release
	cmake --build $(BUILD_RELEASE) -j $(JOBS)

build-test: deps
	cmake --preset test
	cmake --build $(BUILD_TEST) -j $(JOBS)

demo: build-release
	./$(BUILD_RELEASE)/groundwork demo --out out

# The web map and the API on http://127.0.0.1:$(PORT)/, opened on the default district: its plan
# is queued at the first start and shown once it is done (docs/api.md).
PORT ?= 8080
serve: build-release
	./$(BUILD_RELEASE)/groundwork serve --port $(PORT) --data out/serve --demo

test: build-test
	ctest --test-dir $(BUILD_TEST) --output-on-failure -j $(JOBS)

format:
	find src tests bench -name '*.cpp' -o -name '*.hpp' | xargs clang-format -i

clean:
	rm -rf build out
