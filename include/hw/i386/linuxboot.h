/*
 * -kernel for Linux bzImages on the pc machine, by the 32-bit boot
 * protocol (hw/i386/linuxboot.c).
 */
#ifndef HW_I386_LINUXBOOT_H
#define HW_I386_LINUXBOOT_H

#include "hw/i386/pc.h"

/* The file starts with a Linux setup header ("HdrS", boot flag 0xAA55). */
bool linux_is_bzimage(const uint8_t *file, size_t len);

/*
 * Check and load the kernel, initrd, command line, zero page and GDT as
 * ROM blobs; false with a one-line *errp for a bad file or one that does
 * not fit.
 */
bool linux_load_images(const PCKernelConfig *c, GError **errp);

/* The above for ms's options, and CPU 0 at the kernel after each reset. */
bool linux_boot_load(PCMachineState *pcms, MachineState *ms, GError **errp);

#endif
