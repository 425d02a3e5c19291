/*
 * The device tree that -dtb reads (hw/riscv/boot.c): the input is the
 * file. It is checked in full, then edited as for a boot with -append and
 * -initrd (bootargs and the initrd range put into /chosen, the tree
 * packed), as riscv_boot_setup() does before placing it in RAM.
 */
#include "qemu/osdep.h"
#include <libfdt.h>
#include "hw/riscv/boot.h"
#include "hw/riscv/virt.h"
#include "fuzz-file.h"

static MachineState *ms;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    ms = MACHINE(object_new(TYPE_RISCV_VIRT_MACHINE));
    ms->dtb = g_strdup(fuzz_file_init());
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    GError *err = NULL;

    fuzz_file_set(data, size);
    g_free(ms->fdt);
    ms->fdt = NULL;
    g_clear_pointer(&ms->kernel_cmdline, g_free);
    g_clear_pointer(&ms->initrd_filename, g_free);
    /* The input's length picks which of -append and -initrd are given. */
    if (size & 1) {
        ms->kernel_cmdline = g_strdup("console=ttyS0 root=/dev/vda");
    }
    if (size & 2) {
        ms->initrd_filename = g_strdup("initrd");
    }
    if (!riscv_fdt_prepare(ms, &err)) {
        g_assert(err != NULL);
        g_clear_error(&err);
        return 0;
    }
    g_assert(fdt_check_full(ms->fdt, ms->fdt_size) == 0);
    if (ms->initrd_filename) {
        g_assert(riscv_fdt_set_initrd(ms, 0x84000000, 0x84100000) == 0);
    }
    return 0;
}
