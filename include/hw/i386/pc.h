/*
 * The `pc` machine (x86_64): QEMU's i440FX-shaped PC, as far as firmware
 * needs it.
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include "hw/boards.h"
#include "hw/qdev-core.h"

#define TYPE_PC_MACHINE MACHINE_TYPE_NAME("pc")
OBJECT_DECLARE_SIMPLE_TYPE(PCMachineState, PC_MACHINE)

#define PC_CPUS_MAX 255
/* RAM up to here is below 4 GiB; the rest is mapped from 4 GiB up. */
#define PC_LOWMEM_MAX    0xe0000000ULL
#define PC_VGA_LOW       0xa0000ULL /* the legacy VGA window, a hole here */
#define PC_VGA_END       0xc0000ULL
#define PC_ISA_BIOS_SIZE (128 * KiB) /* the BIOS's tail, at 0xe0000 */
#define PC_DEFAULT_BIOS  "/usr/share/seabios/bios-256k.bin"

struct PCMachineState {
    MachineState parent_obj;
    /* Aliases of ms->ram: below the VGA window, from its end to 4 GiB,
     * above 4 GiB. */
    MemoryRegion ram_low, ram_below_4g, ram_above_4g;
    MemoryRegion bios, isa_bios;
    uint64_t below_4g_mem_size, above_4g_mem_size;
    DeviceState *cpus[PC_CPUS_MAX];
};

#endif
