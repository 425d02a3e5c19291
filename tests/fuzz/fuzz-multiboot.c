/*
 * The pc machine's -kernel loaders: the input is a -kernel file, loaded
 * as a Linux bzImage (hw/i386/linuxboot.c) if it has a setup header, else
 * as a multiboot kernel (hw/i386/multiboot.c), with itself as the module
 * or initrd on every third input, into 4 MiB of RAM from 0 as the pc
 * machine maps it. Success must give an entry and boot information in
 * that RAM; failure an error message. The loaded blobs are forgotten after
 * each input.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "hw/i386/linuxboot.h"
#include "hw/i386/multiboot.h"
#include "hw/loader.h"
#include "fuzz-file.h"

#define RAM_SIZE (4 * MiB)

static const char *path;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static MemoryRegion ram;
    GError *err = NULL;

    if (!memory_region_init_ram(&ram, NULL, "fuzz.ram", RAM_SIZE, &err)) {
        g_error("%s", err->message);
    }
    memory_region_add_subregion(get_system_memory(), 0, &ram);
    path = fuzz_file_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *module = g_strdup_printf("%s arg", path);
    PCKernelConfig c = {
        .below_4g = RAM_SIZE,
        .kernel = path,
        .initrd = size % 3 ? NULL : module,
        .cmdline = "fuzz",
    };
    uint32_t entry, info;
    GError *err = NULL;

    fuzz_file_set(data, size);
    if (linux_is_bzimage(data, size)) {
        PCKernelConfig l = {
            .below_4g = RAM_SIZE,
            .kernel = path,
            .initrd = size % 3 ? NULL : path,
            .cmdline = "fuzz",
        };

        if (!linux_load_images(&l, &err)) {
            g_assert(err && err->message[0]);
            g_clear_error(&err);
        }
    } else if (multiboot_load_images(&c, &entry, &info, &err)) {
        g_assert(entry < RAM_SIZE && info < RAM_SIZE && info >= 1 * MiB);
    } else {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    }
    rom_clear();
    return 0;
}
