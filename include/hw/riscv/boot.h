/*
 * Booting a RISC-V board as QEMU does: firmware (-bios) in RAM, an optional
 * kernel and initrd, the device tree in RAM, and a reset vector in the mask
 * ROM that enters the firmware with a0 = hartid, a1 = fdt address,
 * a2 = &fw_dynamic_info (OpenSBI's dynamic-firmware handoff).
 */
#ifndef HW_RISCV_BOOT_H
#define HW_RISCV_BOOT_H

#include "hw/boards.h"

/* The fw_dynamic_info structure OpenSBI's fw_dynamic reads (all 64-bit). */
#define FW_DYNAMIC_INFO_MAGIC       0x4942534fULL /* "OSBI" */
#define FW_DYNAMIC_INFO_VERSION     2
#define FW_DYNAMIC_INFO_NEXT_MODE_U 0
#define FW_DYNAMIC_INFO_NEXT_MODE_S 1
#define FW_DYNAMIC_INFO_NEXT_MODE_M 3

/*
 * Load -bios/-kernel/-initrd, place ms->fdt at the top of RAM (with the
 * initrd range and bootargs put into /chosen first), and write the reset
 * vector into the ROM at rom_base. Errors name the file and what was wrong.
 */
bool riscv_boot_setup(MachineState *ms, hwaddr rom_base, hwaddr rom_size,
                      hwaddr ram_base, GError **errp);

/*
 * The device-tree part of riscv_boot_setup(): read -dtb (ms->dtb, checked
 * in full) in place of the board's tree, put bootargs and initrd
 * placeholders into /chosen, and set ms->fdt_size. Errors name the file.
 */
bool riscv_fdt_prepare(MachineState *ms, GError **errp);
/* Fill the initrd placeholders of /chosen in place; a libfdt error code. */
int riscv_fdt_set_initrd(MachineState *ms, uint64_t start, uint64_t end);

#endif
