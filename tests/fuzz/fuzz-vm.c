/*
 * A `virt` machine inside the fuzzer's process; see fuzz-vm.h.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "sysemu/runstate.h"
#include "sysemu/vl.h"
#include "fuzz-vm.h"

/* The span of RAM written since the last reset, [lo, hi); empty if lo >= hi. */
static hwaddr dirty_lo = HWADDR_MAX, dirty_hi;

/*
 * Replaces the CPU's notifier (translated code, LR reservations): under
 * qtest no hart ever runs, so there is nothing for it to do.
 */
static void fuzz_ram_written(hwaddr addr, hwaddr len)
{
    dirty_lo = MIN(dirty_lo, addr);
    dirty_hi = MAX(dirty_hi, addr + len);
}

void fuzz_vm_init(const char *const *extra_args)
{
    static const char *const base_args[] = {
        "qemu-system-riscv64",
        "-M",
        "virt",
        "-accel",
        "qtest",
        "-m",
        "16M",
        "-bios",
        "none",
        "-nodefaults",
        "-display",
        "none",
    };
    g_autoptr(GPtrArray) argv = g_ptr_array_new();

    for (size_t i = 0; i < ARRAY_SIZE(base_args); i++) {
        g_ptr_array_add(argv, (char *)base_args[i]);
    }
    for (size_t i = 0; extra_args && extra_args[i]; i++) {
        g_ptr_array_add(argv, (char *)extra_args[i]);
    }
    g_ptr_array_add(argv, NULL);
    qemu_init(argv->len - 1, (char **)argv->pdata);
    memory_set_ram_write_notifier(fuzz_ram_written);
    fuzz_vm_reset();
}

void fuzz_vm_reset(void)
{
    MachineState *ms = qdev_get_machine();
    uint8_t *ram = memory_region_get_ram_ptr(ms->ram);
    hwaddr end = FUZZ_VM_RAM_BASE + memory_region_size(ms->ram);

    if (dirty_lo < dirty_hi && dirty_lo < end && dirty_hi > FUZZ_VM_RAM_BASE) {
        hwaddr lo = MAX(dirty_lo, FUZZ_VM_RAM_BASE);
        hwaddr hi = MIN(dirty_hi, end);

        memset(ram + (lo - FUZZ_VM_RAM_BASE), 0, hi - lo);
    }
    qemu_system_reset(SHUTDOWN_CAUSE_NONE);
    qemu_system_clear_requests();
    if (!runstate_is_running()) {
        vm_start();
    }
    qemu_clock_rewind_manual();
    /* The reset wrote the images back; that is the state to start from. */
    dirty_lo = HWADDR_MAX;
    dirty_hi = 0;
}

void fuzz_chr_feed(Chardev *chr, const uint8_t *data, size_t size)
{
    while (size > 0) {
        int room = qemu_chr_be_can_write(chr);
        size_t n = MIN(size, (size_t)MAX(room, 1));

        qemu_chr_be_write(chr, data, n);
        data += n;
        size -= n;
    }
}

Chardev *fuzz_chr_get(const char *id)
{
    Chardev *chr = qemu_chr_find(id);

    if (!chr) {
        fprintf(stderr, "fuzz: no chardev '%s'\n", id);
        abort();
    }
    return chr;
}
