/*
 * The PC memory map, from the RAM sizes pc.c decides (its one source):
 * the machine's own (fw_cfg's etc/e820, which the firmware starts from)
 * and what a PC BIOS reports after carving out its areas (multiboot's
 * mmap, Linux's E820 table when our loaders boot a kernel without
 * firmware). ACPI spec, "INT 15H, E820H - Query System Address Map".
 */
#include "qemu/osdep.h"
#include "hw/i386/pc.h"

#define E820_RAM      1
#define E820_RESERVED 2

int pc_ram_map(const PCMachineState *pcms, bool kvm,
               PCMemRange out[PC_MEMMAP_MAX])
{
    int n = 0;

    /* In QEMU's order: KVM's (added at accelerator start-up) first. */
    if (kvm) {
        out[n++] = (PCMemRange){ PC_KVM_RESERVED_BASE, PC_KVM_RESERVED_SIZE,
                                 E820_RESERVED };
    }
    if (pcms->amd_ht_hole) {
        out[n++] =
            (PCMemRange){ PC_AMD_HT_BASE, PC_AMD_HT_SIZE, E820_RESERVED };
    }
    out[n++] = (PCMemRange){ 0, pcms->below_4g_mem_size, E820_RAM };
    if (pcms->above_4g_mem_size) {
        out[n++] = (PCMemRange){ 4 * GiB, pcms->above_4g_mem_size, E820_RAM };
    }
    return n;
}

int pc_memory_map(uint64_t below_4g, uint64_t above_4g,
                  PCMemRange out[PC_MEMMAP_MAX])
{
    const PCMemRange fixed[] = {
        { 0, 0x9fc00, E820_RAM },            /* conventional memory */
        { 0x9fc00, 0x400, E820_RESERVED },   /* the EBDA */
        { 0xf0000, 0x10000, E820_RESERVED }, /* the BIOS below 1 MiB */
        { 1 * MiB, below_4g - 1 * MiB, E820_RAM },
        { 4 * GiB - 256 * KiB, 256 * KiB, E820_RESERVED }, /* BIOS below 4G */
        { 4 * GiB, above_4g, E820_RAM },
    };
    int n = above_4g ? 6 : 5;

    memcpy(out, fixed, n * sizeof(fixed[0]));
    return n;
}
