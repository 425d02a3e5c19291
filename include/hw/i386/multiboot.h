/*
 * -kernel for Multiboot (version 1) kernels on the pc machine
 * (hw/i386/multiboot.c).
 */
#ifndef HW_I386_MULTIBOOT_H
#define HW_I386_MULTIBOOT_H

#include "hw/i386/pc.h"

/*
 * Check and load the kernel, its modules and the boot information as ROM
 * blobs (restored on every reset): *entry and *info get the entry point
 * and the information's address. False with a one-line *errp for a file
 * that is not a valid multiboot kernel or does not fit in RAM.
 */
bool multiboot_load_images(const PCKernelConfig *c, uint32_t *entry,
                           uint32_t *info, GError **errp);

/*
 * Load ms->kernel_filename, the modules of ms->initrd_filename and the
 * boot information, and start CPU 0 at the kernel's entry after every
 * reset. False with a one-line *errp for a file that is not a valid
 * multiboot kernel or does not fit in RAM.
 */
bool multiboot_load(PCMachineState *pcms, MachineState *ms, GError **errp);

#endif
