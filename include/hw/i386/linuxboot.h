/*
 * -kernel for Linux bzImages on the pc machine, by the 32-bit boot
 * protocol (hw/i386/linuxboot.c).
 */
#ifndef HW_I386_LINUXBOOT_H
#define HW_I386_LINUXBOOT_H

#include "hw/i386/pc.h"

/* The file starts with a Linux setup header ("HdrS", boot flag 0xAA55). */
bool linux_is_bzimage(const uint8_t *file, size_t len);

/* A checked bzImage (with its initrd) and where the initrd goes. */
typedef struct LinuxImage {
    GBytes *file, *initrd;
    const uint8_t *data; /* file's bytes */
    uint32_t version;    /* the boot protocol */
    size_t setup_len;    /* the real-mode part: setup sectors + 1 */
    uint64_t kernel_len; /* the protected-mode kernel after it */
    uint64_t initrd_addr, initrd_len;
} LinuxImage;

/*
 * Read c's kernel and initrd and check them and c's command line against
 * the boot protocol and the RAM: the kernel at 1 MiB, the initrd page
 * aligned as high as the kernel's initrd_addr_max and initrd_top (an end
 * address) allow. False with a one-line *errp naming the option.
 */
bool linux_image_open(LinuxImage *img, const PCKernelConfig *c,
                      uint64_t initrd_top, GError **errp);
void linux_image_clear(LinuxImage *img);

/*
 * Check and load the kernel, initrd, command line, zero page and GDT as
 * ROM blobs; false with a one-line *errp for a bad file or one that does
 * not fit.
 */
bool linux_load_images(const PCKernelConfig *c, GError **errp);

/* The above for ms's options, and CPU 0 at the kernel after each reset. */
bool linux_boot_load(PCMachineState *pcms, MachineState *ms, GError **errp);

/*
 * The bzImage of ms's options as QEMU hands it to firmware: fw_cfg's
 * kernel, setup, initrd and command line items, and QEMU's option ROM
 * linuxboot_dma.bin (required when need_rom) that copies and starts them
 * (hw/i386/linuxboot-fw-cfg.c).
 */
bool linux_fw_cfg_setup(FWCfgState *fw, PCMachineState *pcms, MachineState *ms,
                        bool need_rom, GError **errp);

#endif
