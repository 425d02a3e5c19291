/*
 * -kernel/-initrd/-append for a Linux bzImage handed to the firmware, as
 * QEMU does it: the image (checked by linuxboot.c) is split into its
 * setup code and kernel and given through fw_cfg (SETUP_*, KERNEL_*,
 * INITRD_*, CMDLINE_* items), the boot header filled in as a boot loader
 * must (Linux's Documentation/arch/x86/boot.rst, "The real-mode kernel
 * header"), with QEMU's linuxboot_dma.bin option ROM (Debian's
 * qemu-system-data) as "genroms/linuxboot_dma.bin", which SeaBIOS runs:
 * it copies the pieces into place and jumps to the setup code.
 *
 * Layout: setup code at 0x10000, command line at 0x20000, the
 * protected-mode kernel at 1 MiB, the initrd as high as initrd_addr_max
 * and the RAM below 4 GiB less QEMU's room for the ACPI tables allow.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "hw/i386/linuxboot.h"

#define LINUX_BOOT_ROM "/usr/share/qemu/linuxboot_dma.bin"

/* Boot header offsets (boot.rst) */
#define HDR_LOADER_TYPE  0x210
#define HDR_LOADFLAGS    0x211
#define HDR_RAMDISK      0x218
#define HDR_RAMDISK_SIZE 0x21c
#define HDR_HEAP_END     0x224
#define HDR_CMD_LINE_PTR 0x228

#define CAN_USE_HEAP 0x80
#define LOADER_QEMU  0xb0 /* type_of_loader: QEMU's ID (0xb), version 0 */

#define SETUP_ADDR   0x10000
#define CMDLINE_ADDR 0x20000
#define KERNEL_ADDR  0x100000
/* Room QEMU (7.2) leaves below the top of low RAM for the ACPI tables. */
#define ACPI_DATA_SIZE 0x28000

bool linux_fw_cfg_setup(FWCfgState *fw, PCMachineState *pcms, MachineState *ms,
                        bool need_rom, GError **errp)
{
    PCKernelConfig c = pc_kernel_config(pcms, ms);
    const char *cmdline = c.cmdline ? c.cmdline : "";
    size_t cmdline_len = strlen(cmdline) + 1;
    g_autofree char *rom = NULL;
    g_autofree uint8_t *setup = NULL;
    g_autoptr(GError) err = NULL;
    gsize rom_size;
    LinuxImage img;

    if (!linux_image_open(&img, &c, pcms->below_4g_mem_size - ACPI_DATA_SIZE,
                          errp)) {
        return false;
    }
    /* The setup code must end before the command line. */
    if (img.setup_len > CMDLINE_ADDR - SETUP_ADDR) {
        error_setg(errp, "-kernel %s: setup code of %zu bytes is too large",
                   c.kernel, img.setup_len);
        linux_image_clear(&img);
        return false;
    }
    if (!g_file_get_contents(LINUX_BOOT_ROM, &rom, &rom_size, &err) &&
        need_rom) {
        error_setg(errp, "-kernel: could not load the boot ROM '%s': %s",
                   LINUX_BOOT_ROM, err->message);
        linux_image_clear(&img);
        return false;
    }

    setup = g_memdup2(img.data, img.setup_len);
    setup[HDR_LOADER_TYPE] = LOADER_QEMU;
    setup[HDR_LOADFLAGS] |= CAN_USE_HEAP;
    stw_le_p(setup + HDR_HEAP_END, CMDLINE_ADDR - SETUP_ADDR - 0x200);
    stl_le_p(setup + HDR_CMD_LINE_PTR, CMDLINE_ADDR);
    if (img.initrd) {
        stl_le_p(setup + HDR_RAMDISK, img.initrd_addr);
        stl_le_p(setup + HDR_RAMDISK_SIZE, img.initrd_len);
        fw_cfg_add_i32(fw, FW_CFG_INITRD_ADDR, img.initrd_addr);
        fw_cfg_add_i32(fw, FW_CFG_INITRD_SIZE, img.initrd_len);
        fw_cfg_add_bytes(fw, FW_CFG_INITRD_DATA,
                         g_bytes_get_data(img.initrd, NULL), img.initrd_len);
    }
    fw_cfg_add_i32(fw, FW_CFG_SETUP_ADDR, SETUP_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_SETUP_SIZE, img.setup_len);
    fw_cfg_add_bytes(fw, FW_CFG_SETUP_DATA, setup, img.setup_len);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_ADDR, KERNEL_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_KERNEL_SIZE, img.kernel_len);
    fw_cfg_add_bytes(fw, FW_CFG_KERNEL_DATA, img.data + img.setup_len,
                     img.kernel_len);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_ADDR, CMDLINE_ADDR);
    fw_cfg_add_i32(fw, FW_CFG_CMDLINE_SIZE, cmdline_len);
    fw_cfg_add_bytes(fw, FW_CFG_CMDLINE_DATA, cmdline, cmdline_len);
    if (rom) {
        fw_cfg_add_file(fw, "genroms/linuxboot_dma.bin", rom, rom_size);
    }
    linux_image_clear(&img);
    return true;
}
