# The two set-up commands of the README. Each installs what is missing, then builds.
JOBS ?= $(shell nproc)
BUILD_RELEASE := build/release
# `make test` builds and runs the suite under AddressSanitizer and UndefinedBehaviorSanitizer (the
# asan preset: one build serves the README's test command and the sanitizer run of CI). A faster,
# optimised build without the sanitizers: make test TEST_PRESET=test.
TEST_PRESET ?= asan
BUILD_TEST := build/$(TEST_PRESET)

.PHONY: deps demo serve test check check-deps check-format check-headers check-tidy tidy-all \
	build-release build-test clean format

deps:
	./scripts/install-deps.sh

build-release: deps
	cmake --preset release
	cmake --build $(BUILD_RELEASE) -j $(JOBS)

build-test: deps
	cmake --preset $(TEST_PRESET)
	cmake --build $(BUILD_TEST) -j $(JOBS)

demo: build-release
	./$(BUILD_RELEASE)/groundwork demo --out out

# The web map and the API on http://127.0.0.1:$(PORT)/, opened on the default district: its plan
# is queued at the first start and shown once it is done (docs/api.md).
PORT ?= 8080
serve: build-release
	./$(BUILD_RELEASE)/groundwork serve --port $(PORT) --data out/serve --demo

# Under the sanitizers any report fails its test (-fno-sanitize-recover, LeakSanitizer at exit).
test: build-test
	UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir $(BUILD_TEST) --output-on-failure -j $(JOBS)

# The checks of docs/developing.md ("Checks"), run by .ci/run after `make test`: the module graph,
# the format, every header on its own, clang-tidy on the files changed since .ci/tidy-base.
check: check-deps check-format check-headers check-tidy

check-deps:
	./scripts/check-deps.sh

check-format: deps
	./scripts/check-format.sh

check-headers: deps
	cmake --preset $(TEST_PRESET)
	cmake --build $(BUILD_TEST) -j $(JOBS) --target header_check

check-tidy: deps
	cmake --preset $(TEST_PRESET)
	JOBS=$(JOBS) ./scripts/check-tidy.sh $(BUILD_TEST)

# clang-tidy on every file (about 15 minutes of CPU), e.g. before moving .ci/tidy-base forward.
tidy-all: deps
	cmake --preset $(TEST_PRESET)
	JOBS=$(JOBS) ./scripts/check-tidy.sh --all $(BUILD_TEST)

format:
	git ls-files --cached --others --exclude-standard -- '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf build out
