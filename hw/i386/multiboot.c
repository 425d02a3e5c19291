/*
 * -kernel FILE for a Multiboot (version 1, spec 0.6.96) kernel on the pc
 * machine: the header in the first 8 KiB (3.1.1), the kernel's ELF32
 * segments or the a.out-kludge address fields (3.1.3), the modules of
 * -initrd "file args,file args" page-aligned after it, and the boot
 * information (3.3: memory sizes, the memory map, the command line
 * "FILE ARGS" from -append, the modules, the loader's name). Everything is
 * loaded as ROM blobs, so each reset loads it again, and CPU 0 starts at
 * the entry point in the machine state of 3.2 (flat 32-bit protected mode,
 * EAX 0x2BADB002, EBX the information's address) instead of at the BIOS.
 *
 * Every field of the file is untrusted: each address, size and offset is
 * checked against the file and the RAM before anything is allocated or
 * loaded; a bad one is a one-line error naming -kernel.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/multiboot.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

#define MB_HEADER_MAGIC     0x1badb002u
#define MB_BOOTLOADER_MAGIC 0x2badb002u
#define MB_SEARCH           8192
/* Header flags: bits 0-15 are requirements, 16 the a.out kludge. */
#define MB_FLAG_PAGE_ALIGN 0x1
#define MB_FLAG_MEMINFO    0x2
#define MB_FLAG_VIDEO      0x4
#define MB_FLAG_AOUT       0x10000
#define MB_FLAGS_KNOWN     (MB_FLAG_PAGE_ALIGN | MB_FLAG_MEMINFO | MB_FLAG_VIDEO)
/* Boot information flags (3.3). */
#define MBI_MEM         (1u << 0)
#define MBI_BOOT_DEVICE (1u << 1)
#define MBI_CMDLINE     (1u << 2)
#define MBI_MODS        (1u << 3)
#define MBI_MMAP        (1u << 6)
#define MBI_LOADER_NAME (1u << 9)
/* Offsets in the boot information structure. */
#define MBI_FLAGS       0
#define MBI_MEM_LOWER   4
#define MBI_MEM_UPPER   8
#define MBI_BOOT_DEV    12
#define MBI_CMDLINE_PTR 16
#define MBI_MODS_COUNT  20
#define MBI_MODS_ADDR   24
#define MBI_MMAP_LENGTH 44
#define MBI_MMAP_ADDR   48
#define MBI_LOADER_PTR  64
#define MBI_SIZE        128
#define MB_MODULE_SIZE  16
#define MB_MMAP_SIZE    24 /* size field (20) and the entry */

#define PAGE 4096u

typedef struct MultibootBoot {
    X86CPU *cpu;
    uint32_t entry, info;
} MultibootBoot;

/* A range of guest memory the kernel may use: the RAM below 4 GiB. */
static bool in_ram(const PCKernelConfig *c, uint64_t addr, uint64_t len)
{
    uint64_t end = addr + len;

    if (end < addr) {
        return false;
    }
    return end <= PC_VGA_LOW || (addr >= 1 * MiB && end <= c->below_4g);
}

static uint32_t rd32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void wr32(GByteArray *b, size_t off, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        b->data[off + i] = v >> (8 * i);
    }
}

static void wr64(GByteArray *b, size_t off, uint64_t v)
{
    wr32(b, off, v);
    wr32(b, off + 4, v >> 32);
}

/* The header: its offset in the file, or -1 (3.1.1). */
static int64_t find_header(const uint8_t *f, size_t len)
{
    for (size_t off = 0; off + 12 <= MIN(len, MB_SEARCH); off += 4) {
        uint32_t magic = rd32(f + off), flags = rd32(f + off + 4);

        if (magic == MB_HEADER_MAGIC &&
            (uint32_t)(magic + flags + rd32(f + off + 8)) == 0) {
            return off;
        }
    }
    return -1;
}

/* Load [src, src+filesz) at addr, zero-filled to memsz. */
static bool add_segment(const PCKernelConfig *c, const char *name,
                        const uint8_t *src, uint64_t filesz, uint64_t addr,
                        uint64_t memsz, uint64_t *end, GError **errp)
{
    g_autofree uint8_t *buf = NULL;

    if (!memsz) {
        return true;
    }
    if (filesz > memsz || !in_ram(c, addr, memsz)) {
        error_setg(errp,
                   "-kernel %s: segment 0x%" PRIx64 "+0x%" PRIx64
                   " is not in RAM",
                   name, addr, memsz);
        return false;
    }
    buf = g_malloc0(memsz);
    memcpy(buf, src, filesz);
    *end = MAX(*end, addr + memsz);
    return rom_add_blob_fixed(name, buf, memsz, addr, errp);
}

/* An ELF32 i386 kernel's PT_LOAD segments (System V ABI, i386 supplement). */
static bool load_elf32(const PCKernelConfig *c, const char *name,
                       const uint8_t *f, size_t len, uint32_t *entry,
                       uint64_t *end, GError **errp)
{
    uint32_t phoff, e_entry;
    uint16_t phentsize, phnum;
    bool entry_ok = false;

    if (len < 52 || memcmp(f,
                           "\x7f"
                           "ELF",
                           4)) {
        error_setg(errp,
                   "-kernel %s: not an ELF file and no a.out addresses in "
                   "the multiboot header",
                   name);
        return false;
    }
    if (f[4] == 2) {
        error_setg(errp, "Cannot load x86-64 image, give a 32bit one.");
        return false;
    }
    if (f[4] != 1 || f[5] != 1 || (f[18] | f[19] << 8) != 3) {
        error_setg(errp, "-kernel %s: not a little-endian ELF32 i386 file",
                   name);
        return false;
    }
    e_entry = rd32(f + 24);
    phoff = rd32(f + 28);
    phentsize = f[42] | f[43] << 8;
    phnum = f[44] | f[45] << 8;
    if (phentsize != 32 || (uint64_t)phoff + (uint64_t)phnum * 32 > len) {
        error_setg(errp, "-kernel %s: bad program header table", name);
        return false;
    }
    for (uint32_t i = 0; i < phnum; i++) {
        const uint8_t *ph = f + phoff + i * 32;
        uint32_t off = rd32(ph + 4), vaddr = rd32(ph + 8);
        uint32_t paddr = rd32(ph + 12), filesz = rd32(ph + 16);
        uint32_t memsz = rd32(ph + 20);

        if (rd32(ph) != 1 /* PT_LOAD */) {
            continue;
        }
        if ((uint64_t)off + filesz > len) {
            error_setg(errp, "-kernel %s: segment %u is past the file's end",
                       name, i);
            return false;
        }
        if (!add_segment(c, name, f + off, filesz, paddr, memsz, end, errp)) {
            return false;
        }
        /* The entry point, as a physical address (it may be virtual). */
        if (!entry_ok && e_entry >= vaddr && e_entry - vaddr < memsz) {
            *entry = e_entry - vaddr + paddr;
            entry_ok = true;
        }
    }
    if (!entry_ok) {
        error_setg(errp, "-kernel %s: entry point 0x%x is in no segment", name,
                   e_entry);
    }
    return entry_ok;
}

/* The a.out kludge (3.1.3): where the header says, from the header on. */
static bool load_aout(const PCKernelConfig *c, const char *name,
                      const uint8_t *f, size_t len, size_t hdr, uint32_t *entry,
                      uint64_t *end, GError **errp)
{
    uint32_t header_addr, load_addr, load_end, bss_end;
    uint64_t file_off, load_len;

    if (hdr + 32 > len) {
        error_setg(errp, "-kernel %s: multiboot header truncated", name);
        return false;
    }
    header_addr = rd32(f + hdr + 12);
    load_addr = rd32(f + hdr + 16);
    load_end = rd32(f + hdr + 20);
    bss_end = rd32(f + hdr + 24);
    *entry = rd32(f + hdr + 28);
    if (load_addr > header_addr || header_addr - load_addr > hdr) {
        error_setg(errp, "-kernel %s: bad load_addr 0x%x in multiboot header",
                   name, load_addr);
        return false;
    }
    file_off = hdr - (header_addr - load_addr);
    load_len = load_end ? (uint64_t)load_end - load_addr : len - file_off;
    if (load_end && load_end < load_addr) {
        error_setg(errp, "-kernel %s: load_end_addr below load_addr", name);
        return false;
    }
    if (file_off + load_len > len) {
        error_setg(errp, "-kernel %s: load_end_addr is past the file's end",
                   name);
        return false;
    }
    if (bss_end && bss_end < load_addr + load_len) {
        error_setg(errp, "-kernel %s: bss_end_addr below the loaded data",
                   name);
        return false;
    }
    if (!add_segment(c, name, f + file_off, load_len, load_addr,
                     bss_end ? bss_end - load_addr : load_len, end, errp)) {
        return false;
    }
    if (*entry < load_addr || *entry >= *end) {
        error_setg(errp, "-kernel %s: entry_addr 0x%x is not in the image",
                   name, *entry);
        return false;
    }
    return true;
}

/* -initrd's list: "file args" elements split at ',' (",," is a comma). */
static GPtrArray *split_modules(const char *list)
{
    GPtrArray *mods = g_ptr_array_new_with_free_func(g_free);
    GString *cur = g_string_new("");

    for (const char *p = list; list && *p; p++) {
        if (*p == ',' && p[1] == ',') {
            g_string_append_c(cur, ',');
            p++;
        } else if (*p == ',') {
            g_ptr_array_add(mods, g_string_free(cur, FALSE));
            cur = g_string_new("");
        } else {
            g_string_append_c(cur, *p);
        }
    }
    if (cur->len) {
        g_ptr_array_add(mods, g_string_free(cur, FALSE));
    } else {
        g_string_free(cur, TRUE);
    }
    return mods;
}

/* Append a NUL-terminated string to the information area; its address. */
static uint32_t add_string(GByteArray *info, uint32_t base, const char *s)
{
    uint32_t at = base + info->len;

    g_byte_array_append(info, (const guint8 *)s, strlen(s) + 1);
    return at;
}

static void add_mmap(GByteArray *info, size_t *off, uint64_t base, uint64_t len,
                     uint32_t type)
{
    wr32(info, *off, 20);
    wr64(info, *off + 4, base);
    wr64(info, *off + 12, len);
    wr32(info, *off + 20, type);
    *off += MB_MMAP_SIZE;
}

/*
 * The boot information at base: the structure, the memory map, the
 * module list, then the strings.
 */
static GByteArray *build_info(const PCKernelConfig *c, uint32_t base,
                              const char *cmdline, GPtrArray *mods,
                              const uint32_t *mod_range)
{
    GByteArray *info = g_byte_array_new();
    size_t mmap_off = MBI_SIZE, mods_off;
    PCMemRange map[PC_MEMMAP_MAX];
    int nmap = pc_memory_map(c->below_4g, c->above_4g, map);

    g_byte_array_set_size(info, MBI_SIZE + nmap * MB_MMAP_SIZE +
                                    mods->len * MB_MODULE_SIZE);
    memset(info->data, 0, info->len);
    mods_off = MBI_SIZE + nmap * MB_MMAP_SIZE;
    for (int i = 0; i < nmap; i++) {
        add_mmap(info, &mmap_off, map[i].base, map[i].len, map[i].type);
    }
    wr32(info, MBI_FLAGS,
         MBI_MEM | MBI_BOOT_DEVICE | MBI_CMDLINE | MBI_MODS | MBI_MMAP |
             MBI_LOADER_NAME);
    wr32(info, MBI_MEM_LOWER, 640);
    wr32(info, MBI_MEM_UPPER, (c->below_4g - 1 * MiB) / KiB);
    wr32(info, MBI_BOOT_DEV, 0x8000ffff); /* first disk, no partition */
    wr32(info, MBI_MMAP_LENGTH, nmap * MB_MMAP_SIZE);
    wr32(info, MBI_MMAP_ADDR, base + MBI_SIZE);
    wr32(info, MBI_MODS_COUNT, mods->len);
    wr32(info, MBI_MODS_ADDR, base + mods_off);
    for (guint i = 0; i < mods->len; i++) {
        size_t m = mods_off + i * MB_MODULE_SIZE;

        wr32(info, m, mod_range[2 * i]);
        wr32(info, m + 4, mod_range[2 * i + 1]);
        wr32(info, m + 8, add_string(info, base, mods->pdata[i]));
    }
    wr32(info, MBI_CMDLINE_PTR, add_string(info, base, cmdline));
    wr32(info, MBI_LOADER_PTR, add_string(info, base, "qemu"));
    return info;
}

/* Multiboot's machine state (3.2) on CPU 0, after every reset. */
static void multiboot_reset(void *opaque)
{
    MultibootBoot *mb = opaque;
    CPUX86State *env = &mb->cpu->env;

    x86_cpu_enter_flat32(mb->cpu, mb->entry, 0x08, 0x10);
    env->regs[R_EAX] = MB_BOOTLOADER_MAGIC;
    env->regs[R_EBX] = mb->info;
}

bool multiboot_load_images(const PCKernelConfig *c, uint32_t *entry_out,
                           uint32_t *info_out, GError **errp)
{
    const char *name = c->kernel;
    g_autoptr(GBytes) file = loader_read_file(name, errp);
    g_autoptr(GPtrArray) mods = NULL;
    g_autoptr(GByteArray) info = NULL;
    g_autofree uint32_t *mod_range = NULL;
    g_autofree char *cmdline = NULL;
    const uint8_t *f;
    size_t len;
    int64_t hdr;
    uint32_t flags, entry = 0;
    uint64_t end = 0;
    bool ok;

    if (!file) {
        return false;
    }
    f = g_bytes_get_data(file, &len);
    hdr = find_header(f, len);
    if (hdr < 0) {
        error_setg(errp,
                   "-kernel %s: no multiboot header in the first 8 KiB "
                   "(only multiboot kernels are supported)",
                   name);
        return false;
    }
    flags = rd32(f + hdr + 4);
    if (flags & 0xffff & ~MB_FLAGS_KNOWN) {
        error_setg(errp, "-kernel %s: unsupported multiboot flags 0x%x", name,
                   flags);
        return false;
    }
    if (c->below_4g < 2 * MiB) {
        error_setg(errp, "-kernel: a multiboot kernel needs 2 MiB of RAM");
        return false;
    }
    ok = flags & MB_FLAG_AOUT
             ? load_aout(c, name, f, len, hdr, &entry, &end, errp)
             : load_elf32(c, name, f, len, &entry, &end, errp);
    if (!ok) {
        return false;
    }
    /* The modules, each from a page boundary after what is loaded. */
    mods = split_modules(c->initrd);
    mod_range = g_new0(uint32_t, 2 * mods->len + 1);
    end = MAX(end, 1 * MiB);
    for (guint i = 0; i < mods->len; i++) {
        g_autofree char *file_name = g_strdup(mods->pdata[i]);
        g_autoptr(GBytes) m = NULL;
        size_t mlen;

        file_name[strcspn(file_name, " ")] = '\0';
        m = loader_read_file(file_name, errp);
        if (!m) {
            error_prepend(errp, "-initrd: ");
            return false;
        }
        end = DIV_ROUND_UP(end, PAGE) * PAGE;
        mlen = g_bytes_get_size(m);
        if (!in_ram(c, end, mlen + 1)) {
            error_setg(errp, "-initrd %s: the module does not fit in RAM",
                       file_name);
            return false;
        }
        if (mlen && !rom_add_blob_fixed(file_name, g_bytes_get_data(m, NULL),
                                        mlen, end, errp)) {
            return false;
        }
        mod_range[2 * i] = end;
        mod_range[2 * i + 1] = end + mlen;
        end += mlen;
    }
    end = DIV_ROUND_UP(end, PAGE) * PAGE;
    cmdline = g_strdup_printf("%s %s", name, c->cmdline ? c->cmdline : "");
    info = build_info(c, end, cmdline, mods, mod_range);
    if (!in_ram(c, end, info->len)) {
        error_setg(errp, "-kernel %s: no RAM left for the boot information",
                   name);
        return false;
    }
    if (!rom_add_blob_fixed("multiboot info", info->data, info->len, end,
                            errp)) {
        return false;
    }
    *entry_out = entry;
    *info_out = end;
    return true;
}

bool multiboot_load(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    PCKernelConfig c = pc_kernel_config(pcms, ms);
    MultibootBoot *mb = g_new0(MultibootBoot, 1);

    if (!multiboot_load_images(&c, &mb->entry, &mb->info, errp)) {
        g_free(mb);
        return false;
    }
    mb->cpu = X86_CPU(pcms->cpus[0]);
    qemu_register_reset(multiboot_reset, mb);
    return true;
}
