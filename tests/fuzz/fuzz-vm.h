/*
 * A `virt` machine inside the fuzzer's process, under the qtest
 * accelerator (no hart runs; the virtual clock moves only when told), for
 * the fuzzers that drive the machine: QMP, the qtest protocol, MMIO.
 *
 * Each input must start from the same machine: fuzz_vm_reset() zeroes the
 * RAM the input wrote, resets the machine (which restores the loaded
 * images), drops pending shutdown/reset requests, restarts a stopped VM
 * and rewinds the virtual clock to 0.
 */
#ifndef TESTS_FUZZ_FUZZ_VM_H
#define TESTS_FUZZ_FUZZ_VM_H

#include "qemu/osdep.h"
#include "chardev/char.h"

#define FUZZ_VM_RAM_BASE 0x80000000ULL
#define FUZZ_VM_RAM_SIZE (16 * MiB)

/*
 * Build the machine once: "-M virt -accel qtest -m 16M -bios none
 * -nodefaults -display none" and the NULL-terminated extra arguments.
 */
void fuzz_vm_init(const char *const *extra_args);
/* Back to the state fuzz_vm_init() left, for the next input. */
void fuzz_vm_reset(void);
/* Deliver bytes to chr's frontend as its backend would, in chunks it takes. */
void fuzz_chr_feed(Chardev *chr, const uint8_t *data, size_t size);
/* The chardev with this id, or abort. */
Chardev *fuzz_chr_get(const char *id);

#endif
