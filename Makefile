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

UBOOT ?= /usr/lib/u-boot/qemu-riscv64_smode/uboot.elf

# The main job: Debian's OpenSBI and U-Boot on the virt machine, serial
# console and monitor on this terminal (Ctrl-A x quits, Ctrl-A c monitor).
run: build
	@echo "make run: booting OpenSBI + U-Boot on 'virt' (-smp 2). Ctrl-A x quits,"
	@echo "Ctrl-A c switches to the monitor, Ctrl-A h lists the keys."
	$(BUILD)/qemu-system-riscv64 -M virt -smp 2 -m 512M -nographic \
	    -kernel $(UBOOT)

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
	@scripts/test-summary.py $(BUILD) $(BUILD_ASAN)

bench: build
	bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
