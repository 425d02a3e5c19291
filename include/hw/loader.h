/*
 * Loading guest images: raw files, RISC-V ELF64 executables and fixed
 * blobs. Everything loaded is kept (as a "ROM blob") and written again on
 * every system reset, so a reboot starts from the images as first loaded,
 * in RAM as well as in ROM.
 *
 * Every byte of an image file is user input: a malformed file gives a
 * GError whose message names the file and the problem, never a crash.
 * Nothing is loaded unless the whole file checks out: each destination
 * range must be backed by RAM or ROM and must not overlap another blob.
 */
#ifndef HW_LOADER_H
#define HW_LOADER_H

#include "qemu/osdep.h"

/* The whole of a regular file, or NULL with "FILE: reason" in *errp. */
GBytes *loader_read_file(const char *filename, GError **errp);

/* True if filename can be read and starts with the ELF magic. */
bool loader_file_is_elf(const char *filename);

/*
 * Copy the whole of filename to guest address addr. Fails if the file is
 * larger than max_size bytes. Returns the file size, or -1 with *errp.
 */
int64_t load_image_targphys(const char *filename, hwaddr addr,
                            uint64_t max_size, GError **errp);

/*
 * Maps an address taken from an ELF file (a segment's physical address or
 * the entry point) to the guest-physical address to use.
 */
typedef uint64_t (*ElfTranslateFn)(void *opaque, uint64_t addr);

/*
 * Load the PT_LOAD segments of a little-endian ELF64 RISC-V executable at
 * their physical addresses (passed through translate if it is not NULL):
 * p_filesz bytes from the file, zero-filled up to p_memsz.
 *
 * *entry gets the entry point; when e_entry lies inside a segment's
 * virtual range it is moved to the matching physical address first.
 * *lowaddr and *highaddr get the lowest loaded address and the address one
 * past the highest loaded byte. Any of them may be NULL.
 */
bool load_elf(const char *filename, ElfTranslateFn translate, void *opaque,
              uint64_t *entry, uint64_t *lowaddr, uint64_t *highaddr,
              GError **errp);

/*
 * Find the value of symbol name in the symbol tables (SHT_SYMTAB) of a
 * little-endian ELF64 RISC-V file, e.g. "tohost". False with *errp if the
 * file is malformed or has no such symbol.
 */
bool load_elf_find_symbol(const char *filename, const char *name,
                          uint64_t *addr, GError **errp);

/*
 * Copy len bytes of blob (the loader keeps its own copy) to guest address
 * addr now and on every reset. name appears in error messages.
 */
bool rom_add_blob_fixed(const char *name, const void *blob, size_t len,
                        hwaddr addr, GError **errp);

/*
 * Forget every blob (they are no longer restored on reset and may be
 * loaded again): for the fuzzers, which load many images in one process.
 */
void rom_clear(void);

#endif
