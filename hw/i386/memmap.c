/*
 * The PC memory map the boot loaders hand their kernels (multiboot's
 * mmap, Linux's E820 table), as the PC's BIOS reports it (ACPI spec,
 * "INT 15H, E820H - Query System Address Map").
 */
#include "qemu/osdep.h"
#include "hw/i386/pc.h"

int pc_memory_map(uint64_t below_4g, uint64_t above_4g,
                  PCMemRange out[PC_MEMMAP_MAX])
{
    const PCMemRange fixed[] = {
        { 0, 0x9fc00, 1 },       /* conventional memory */
        { 0x9fc00, 0x400, 2 },   /* the EBDA */
        { 0xf0000, 0x10000, 2 }, /* the BIOS below 1 MiB */
        { 1 * MiB, below_4g - 1 * MiB, 1 },
        { 4 * GiB - 256 * KiB, 256 * KiB, 2 }, /* the BIOS below 4 GiB */
        { 4 * GiB, above_4g, 1 },
    };
    int n = above_4g ? 6 : 5;

    memcpy(out, fixed, n * sizeof(fixed[0]));
    return n;
}
