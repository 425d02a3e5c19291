# The project's front door. `make run` and `make check` work on a fresh
# Debian machine: they install what is missing, configure and build first.

BUILD ?= build
BUILD_ASAN ?= build-asan
NINJA ?= ninja
JOBS ?= $(shell nproc)

.PHONY: all deps build run check check-fast check-asan bench clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	./configure --builddir=$(BUILD)

build: deps $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD) -j$(JOBS)

# Until the CPU exists the machine has nothing to execute: run it stopped
# (-S), with its QMP monitor on stdio, so it can be inspected and driven.
run: build
	@echo "make run: starting the riscv64 'virt' machine stopped (-S): the CPU"
	@echo "is not implemented yet. QMP is on stdio; type"
	@echo '  {"execute": "qmp_capabilities"}  then e.g.  {"execute": "query-status"}'
	@echo '  and {"execute": "quit"} to leave.'
	$(BUILD)/qemu-system-riscv64 -M virt -S -display none -qmp stdio

check-fast: build
	meson test -C $(BUILD) --print-errorlogs --num-processes $(JOBS)

$(BUILD_ASAN)/build.ninja: | deps
	./configure --builddir=$(BUILD_ASAN) --enable-asan

check-asan: deps $(BUILD_ASAN)/build.ninja
	$(NINJA) -C $(BUILD_ASAN) -j$(JOBS)
	ASAN_OPTIONS=abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(BUILD_ASAN) --print-errorlogs --num-processes $(JOBS) \
	    --no-suite qtest-debian

check: check-fast check-asan

bench: build
	@echo "make bench: no benchmarks yet (they come with the CPU, see docs/)"

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
