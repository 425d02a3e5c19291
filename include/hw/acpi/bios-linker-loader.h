/*
 * The table-loader script ("etc/table-loader") that QEMU hands SeaBIOS
 * and OVMF through fw_cfg: 128-byte little-endian commands that allocate
 * fw_cfg files in guest memory, patch pointers between them and fix up
 * checksums, so tables can point at each other wherever they land.
 */
#ifndef HW_ACPI_BIOS_LINKER_LOADER_H
#define HW_ACPI_BIOS_LINKER_LOADER_H

#include "qemu/osdep.h"

#define BIOS_LINKER_LOADER_CMD_SIZE 128

/* Where ALLOCATE puts a file */
enum {
    BIOS_LINKER_LOADER_ZONE_HIGH = 1, /* anywhere in RAM */
    BIOS_LINKER_LOADER_ZONE_FSEG = 2, /* 0xe0000-0xfffff (the RSDP) */
};

/* Commands are appended to cmds, a GByteArray the caller owns. */
void bios_linker_loader_alloc(GByteArray *cmds, const char *file,
                              uint32_t align, uint8_t zone);
/*
 * The size-byte little-endian value at offset in dest_file gets the
 * guest address of src_file added to it.
 */
void bios_linker_loader_add_pointer(GByteArray *cmds, const char *dest_file,
                                    uint32_t offset, uint8_t size,
                                    const char *src_file);
/* The byte at offset becomes what makes [start, start + len) sum to 0. */
void bios_linker_loader_add_checksum(GByteArray *cmds, const char *file,
                                     uint32_t start, uint32_t len,
                                     uint32_t offset);

#endif
