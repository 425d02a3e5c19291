# The project's front door. `make run` and `make check` work on a fresh
# Debian machine: they install what is missing, configure and build first.

BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 15
NINJA ?= ninja
JOBS ?= $(shell nproc)

.PHONY: all deps build run run-uboot run-linux guests check check-fast check-asan check-fuzz fuzz bench clean

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
run-uboot: build
	@echo "make run-uboot: booting OpenSBI + U-Boot on 'virt' (-smp 2). Ctrl-A x quits,"
	@echo "Ctrl-A c switches to the monitor, Ctrl-A h lists the keys."
	$(BUILD)/qemu-system-riscv64 -M virt -smp 2 -m 512M -nographic \
	    -kernel $(UBOOT)

# Debian's riscv64 kernel and busybox, into a cache outside the tree (see
# scripts/fetch-guests.sh); without the network the tests that need them skip.
guests:
	@scripts/fetch-guests.sh >/dev/null || \
	    echo "make: no guest kernel (see above): the kvm tests will skip"
	@scripts/fetch-guests.sh amd64 >/dev/null || \
	    echo "make: no amd64 kernel (see above): kvm-x86-nested will skip"

# The main job: Debian's 6.12 kernel with its root filesystem on a virtio
# disk (scripts/mkrootfs.py builds rootfs.img + rootfs.cpio into the guest
# cache) and eth0 on user networking (DHCP at boot; the host is 10.0.2.2),
# to a login prompt (root, no password); Ctrl-A x quits.
run: build
	@guests=$$(scripts/fetch-guests.sh) && \
	python3 scripts/mkrootfs.py --cache $$guests >/dev/null && \
	echo "make run: Debian's kernel, / on virtio disk $$guests/rootfs.img." && \
	echo "Log in as root (no password). Ctrl-A x quits, Ctrl-A c monitor." && \
	$(BUILD)/qemu-system-riscv64 -M virt -smp 2 -m 512M -nographic \
	    -bios $$guests/fw_dynamic.bin -kernel $$guests/Image -initrd $$guests/rootfs.cpio \
	    -drive file=$$guests/rootfs.img,format=raw,if=virtio \
	    -device virtio-rng-device \
	    -netdev user,id=net0 -device virtio-net-device,netdev=net0 \
	    -append "console=ttyS0 root=/dev/vda quiet"

# Debian's 6.12 kernel with a busybox initramfs (and kvm.ko, kvm-test) on
# our binary, to a shell on this terminal: Ctrl-A x quits.
run-linux: build
	@guests=$$(scripts/fetch-guests.sh) && \
	python3 scripts/mkinitramfs.py --cache $$guests \
	    --program $(BUILD)/tests/kvm/kvm-test -o $(BUILD)/initramfs.cpio && \
	echo "make run-linux: Debian's kernel to a busybox shell. Ctrl-A x quits." && \
	$(BUILD)/qemu-system-riscv64 -M virt -smp 2 -m 512M -nographic \
	    -bios $$guests/fw_dynamic.bin -kernel $$guests/Image -initrd $(BUILD)/initramfs.cpio \
	    -append "console=ttyS0 quiet"

check-fast: build guests
	meson test -C $(BUILD) --print-errorlogs --num-processes $(JOBS)

$(BUILD_ASAN)/build.ninja: | deps
	./configure --builddir=$(BUILD_ASAN) --enable-asan

# Not the Linux boot of suite kvm: under ASan it takes about 2 minutes of
# CPU (10 of wall time on a loaded 2-core machine).
check-asan: deps $(BUILD_ASAN)/build.ninja
	$(NINJA) -C $(BUILD_ASAN) -j$(JOBS)
	ASAN_OPTIONS=abort_on_error=1 \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	meson test -C $(BUILD_ASAN) --print-errorlogs --num-processes $(JOBS) \
	    --no-suite qtest-debian --no-suite kvm --no-suite kvm-debian \
	    --no-suite kvm-x86-debian --no-suite kvm-x86-debian-tcg \
	    --no-suite kvm-x86-nested \
	    --no-suite linux-boot

# The libFuzzer fuzzers (tests/fuzz, docs/fuzzing.md), built with clang,
# ASan and UBSan: each replays its corpus and fuzzes FUZZ_SECONDS seconds.
$(BUILD_FUZZ)/build.ninja: | deps
	./configure --builddir=$(BUILD_FUZZ) --enable-fuzzing

check-fuzz: deps $(BUILD_FUZZ)/build.ninja
	$(NINJA) -C $(BUILD_FUZZ) -j$(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) meson test -C $(BUILD_FUZZ) --print-errorlogs \
	    --num-processes $(JOBS) --suite fuzz

check: check-fast check-asan check-fuzz
	@scripts/test-summary.py $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)

# Longer fuzzing (FUZZ_SECONDS per fuzzer, JOBS at a time), keeping each
# working corpus (build-fuzz/tests/fuzz/work/NAME) from one run to the next.
fuzz: deps $(BUILD_FUZZ)/build.ninja
	$(NINJA) -C $(BUILD_FUZZ) -j$(JOBS)
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_KEEP=1 meson test -C $(BUILD_FUZZ) \
	    --suite fuzz --num-processes $(JOBS) --verbose \
	    --timeout-multiplier $$(( $(FUZZ_SECONDS) / 60 + 2 ))

bench: build guests
	bench/run.sh

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ)
