/*
 * The `pc` machine (x86_64): QEMU's i440FX-shaped PC, as far as firmware
 * needs it.
 */
#ifndef HW_I386_PC_H
#define HW_I386_PC_H

#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "hw/isa/isa.h"
#include "hw/nvram/fw_cfg.h"
#include "hw/pci-host/i440fx.h"

#define TYPE_PC_MACHINE MACHINE_TYPE_NAME("pc")
OBJECT_DECLARE_SIMPLE_TYPE(PCMachineState, PC_MACHINE)

#define PC_CPUS_MAX 255
/* RAM up to here is below 4 GiB; the rest is mapped from 4 GiB up. */
#define PC_LOWMEM_MAX 0xe0000000ULL
/* From PC_LOWMEM_MAX of RAM up, only 3 GiB go below 4 GiB (QEMU's). */
#define PC_LOWMEM_GB_ALIGNED 0xc0000000ULL
#define PC_VGA_LOW           0xa0000ULL /* the legacy VGA window, a hole here */
#define PC_VGA_END           0xc0000ULL
#define PC_BIOS_AREA_END     0x100000ULL /* 0xc0000 up to here: PAM */
#define PC_ISA_BIOS_SIZE     (128 * KiB) /* the BIOS's tail, at 0xe0000 */
#define PC_SCI_IRQ           9
#define PC_DEFAULT_BIOS      "/usr/share/seabios/bios-256k.bin"
/* The pages KVM keeps for real mode (target/i386/kvm.c), reserved. */
#define PC_KVM_RESERVED_BASE 0xfeffc000ULL
#define PC_KVM_RESERVED_SIZE 0x4000ULL
/* AMD's HyperTransport range, reserved with AMD vCPUs (QEMU 7.1 on). */
#define PC_AMD_HT_BASE 0xfd00000000ULL
#define PC_AMD_HT_SIZE (12 * GiB)

/*
 * The PC memory map, for everyone who reports it (E820 types: 1 RAM, 2
 * reserved), from the RAM sizes pc.c decides. pc_ram_map(): the machine's
 * own, as fw_cfg's etc/e820 gives it to the firmware (as QEMU's: under
 * KVM the pages KVM keeps, AMD's HyperTransport range with AMD vCPUs, RAM
 * from 0 and from 4 GiB). pc_memory_map(): what a
 * PC BIOS reports after carving out its areas, for the boot loaders that
 * run without firmware: 639 KiB, the EBDA, the BIOS areas, RAM from 1 MiB
 * and above 4 GiB. Both return the number of ranges.
 */
#define PC_MEMMAP_MAX 6
typedef struct PCMemRange {
    uint64_t base, len;
    uint32_t type;
} PCMemRange;
int pc_ram_map(const PCMachineState *pcms, bool kvm,
               PCMemRange out[PC_MEMMAP_MAX]);
int pc_memory_map(uint64_t below_4g, uint64_t above_4g,
                  PCMemRange out[PC_MEMMAP_MAX]);

/* What a -kernel loader needs: the RAM, and the three options. */
typedef struct PCKernelConfig {
    uint64_t below_4g, above_4g; /* RAM from 0 (but for 640K-1M), from 4G */
    const char *kernel, *initrd, *cmdline;
} PCKernelConfig;

struct PCMachineState {
    MachineState parent_obj;
    /* Aliases of ms->ram: below the VGA window, from its end to 4 GiB,
     * above 4 GiB. */
    MemoryRegion ram_low, ram_below_4g, ram_above_4g;
    MemoryRegion bios, isa_bios;
    bool firmware;           /* a BIOS or a flash is loaded (not -bios none) */
    DeviceState *flash0;     /* -drive if=pflash,unit=0 */
    MemoryRegion pci_memory; /* under system memory, below RAM */
    I440FXHostState *host;
    FWCfgState *fw_cfg;
    uint64_t below_4g_mem_size, above_4g_mem_size;
    bool amd_ht_hole; /* the vCPUs are AMD's (pc_ram_map()) */
    DeviceState *cpus[PC_CPUS_MAX];
    ISABus *isa_bus;
};

/* The machine's RAM sizes and -kernel, -initrd, -append. */
PCKernelConfig pc_kernel_config(PCMachineState *pcms, MachineState *ms);
/* The GSIs, the ISA bus and the PC's ISA devices (pc-isa.c). */
bool pc_isa_init(PCMachineState *pcms, MachineState *ms, GError **errp);
/* The CMOS bytes firmware reads (pc-cmos.c). */
bool pc_cmos_init(PCMachineState *pcms, MachineState *ms, DeviceState *rtc,
                  GError **errp);
/* hw/i386/fw_cfg.c: fw_cfg at 0x510 with what SeaBIOS reads. */
FWCfgState *pc_fw_cfg_init(PCMachineState *pcms, MachineState *ms,
                           GError **errp);
/*
 * hw/i386/pc-flash.c: the -drive if=pflash units below 4 GiB; *used is
 * false (and nothing done) without them.
 */
bool pc_flash_init(PCMachineState *pcms, MachineState *ms, bool *used,
                   GError **errp);
/* hw/i386/acpi-build.c: the ACPI tables and their loader in fw_cfg. */
void pc_acpi_setup(PCMachineState *pcms, MachineState *ms);

#endif
