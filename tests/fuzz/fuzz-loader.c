/*
 * The image loaders (hw/core/loader.c): the input is a -kernel/-bios file,
 * loaded as an ELF executable, searched for the "tohost" symbol (as
 * -M spike does) and loaded as a raw image, into a memory map of RAM and
 * a ROM like the boards'. The loaded blobs are forgotten after each input.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/loader.h"
#include "fuzz-file.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (1 * MiB)
#define ROM_BASE 0x1000ULL
#define ROM_SIZE 0xf000ULL

static const char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* As boot.c maps vmlinux's link addresses: some ELF addresses move. */
static uint64_t translate(void *opaque, uint64_t addr)
{
    return addr >= 0xffffffff80000000ULL
               ? addr - 0xffffffff80000000ULL + RAM_BASE
               : addr;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static MemoryRegion ram, rom;
    GError *err = NULL;

    if (!memory_region_init_ram(&ram, NULL, "fuzz.ram", RAM_SIZE, &err) ||
        !memory_region_init_rom(&rom, NULL, "fuzz.rom", ROM_SIZE, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);
    path = fuzz_file_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint64_t entry, low, high, sym;
    GError *err = NULL;

    fuzz_file_set(data, size);
    if (load_elf(path, size % 2 ? translate : NULL, NULL, &entry, &low, &high,
                 &err)) {
        g_assert(low < high && low >= ROM_BASE);
    } else {
        g_assert(err && strstr(err->message, path));
        g_clear_error(&err);
    }
    rom_clear();
    if (!load_elf_find_symbol(path, "tohost", &sym, &err)) {
        g_assert(err && strstr(err->message, path));
        g_clear_error(&err);
    }
    if (load_image_targphys(path, RAM_BASE, RAM_SIZE, &err) < 0) {
        g_assert(err && strstr(err->message, path));
        g_clear_error(&err);
    }
    rom_clear();
    return 0;
}
