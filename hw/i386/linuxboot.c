/*
 * -kernel bzImage on the pc machine: Linux's 32-bit boot protocol (the
 * kernel's Documentation/arch/x86/boot.rst, "32-bit boot protocol"). The
 * setup header (protocol 2.02 or later, LOADED_HIGH) is checked; the
 * protected-mode kernel goes to 1 MiB, the initrd (-initrd) to the top of
 * the RAM it may use, the command line (-append) and the zero page
 * (boot_params: the setup header copied in, the E820 memory map) below
 * 640 KiB, with a GDT holding __BOOT_CS (0x10) and __BOOT_DS (0x18). CPU 0
 * starts at 1 MiB in flat protected mode with ESI the zero page, after
 * every reset (everything is a ROM blob, loaded again on reset).
 *
 * The file is untrusted: every size and offset is checked against the
 * file and the RAM first; a bad one is a one-line error naming -kernel.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/linuxboot.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"

/* Setup header fields: offsets in the file and in boot_params. */
#define HDR_SETUP_SECTS    0x1f1
#define HDR_BOOT_FLAG      0x1fe
#define HDR_JUMP           0x200 /* 2 bytes; 0x201: the header's length */
#define HDR_MAGIC          0x202 /* "HdrS" */
#define HDR_VERSION        0x206
#define HDR_TYPE_OF_LOADER 0x210
#define HDR_LOADFLAGS      0x211
#define HDR_RAMDISK_IMAGE  0x218
#define HDR_RAMDISK_SIZE   0x21c
#define HDR_CMD_LINE_PTR   0x228
#define HDR_INITRD_MAX     0x22c /* 2.03+ */
#define HDR_CMDLINE_SIZE   0x238 /* 2.06+ */
#define HDR_INIT_SIZE      0x260 /* 2.10+ */
/* boot_params (the zero page) outside the header. */
#define BP_EXT_MEM_K     0x002
#define BP_ALT_MEM_K     0x1e0
#define BP_E820_ENTRIES  0x1e8
#define BP_E820_TABLE    0x2d0
#define BP_SIZE          4096
#define LOADED_HIGH      0x01
#define LOADER_UNDEFINED 0xff

/* Where things go: all below the EBDA, the kernel at 1 MiB. */
#define GDT_ADDR     0x5000
#define PARAMS_ADDR  0x10000
#define CMDLINE_ADDR 0x20000
#define CMDLINE_MAX  0x10000
#define KERNEL_ADDR  0x100000
#define BOOT_CS      0x10
#define BOOT_DS      0x18

typedef struct LinuxBoot {
    X86CPU *cpu;
} LinuxBoot;

static uint32_t rd16(const uint8_t *p)
{
    return p[0] | p[1] << 8;
}

static uint32_t rd32(const uint8_t *p)
{
    return rd16(p) | rd16(p + 2) << 16;
}

static void wr32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void wr64(uint8_t *p, uint64_t v)
{
    wr32(p, v);
    wr32(p + 4, v >> 32);
}

bool linux_is_bzimage(const uint8_t *f, size_t len)
{
    return len >= 1024 && !memcmp(f + HDR_MAGIC, "HdrS", 4) &&
           f[HDR_BOOT_FLAG] == 0x55 && f[HDR_BOOT_FLAG + 1] == 0xaa;
}

/* The zero page: the file's setup header, our fields, the memory map. */
static void fill_params(uint8_t *bp, const uint8_t *f, size_t setup_len,
                        const PCKernelConfig *c, uint32_t initrd,
                        uint32_t initrd_len)
{
    size_t hdr_end = MIN(HDR_JUMP + 2 + (size_t)f[HDR_JUMP + 1], setup_len);
    PCMemRange map[PC_MEMMAP_MAX];
    int n = pc_memory_map(c->below_4g, c->above_4g, map);

    memset(bp, 0, BP_SIZE);
    memcpy(bp + HDR_SETUP_SECTS, f + HDR_SETUP_SECTS,
           MIN(hdr_end, (size_t)BP_E820_TABLE) - HDR_SETUP_SECTS);
    bp[HDR_TYPE_OF_LOADER] = LOADER_UNDEFINED;
    bp[HDR_LOADFLAGS] = f[HDR_LOADFLAGS] & LOADED_HIGH;
    wr32(bp + HDR_CMD_LINE_PTR, CMDLINE_ADDR);
    wr32(bp + HDR_RAMDISK_IMAGE, initrd);
    wr32(bp + HDR_RAMDISK_SIZE, initrd_len);
    wr32(bp + BP_ALT_MEM_K, (c->below_4g - 1 * MiB) / KiB);
    bp[BP_EXT_MEM_K] = MIN((c->below_4g - 1 * MiB) / KiB, 0xfc00) & 0xff;
    bp[BP_EXT_MEM_K + 1] = MIN((c->below_4g - 1 * MiB) / KiB, 0xfc00) >> 8;
    bp[BP_E820_ENTRIES] = n;
    for (int i = 0; i < n; i++) {
        uint8_t *e = bp + BP_E820_TABLE + 20 * i;

        wr64(e, map[i].base);
        wr64(e + 8, map[i].len);
        wr32(e + 16, map[i].type);
    }
}

void linux_image_clear(LinuxImage *img)
{
    g_clear_pointer(&img->file, g_bytes_unref);
    g_clear_pointer(&img->initrd, g_bytes_unref);
}

bool linux_image_open(LinuxImage *img, const PCKernelConfig *c,
                      uint64_t initrd_top, GError **errp)
{
    const char *name = c->kernel;
    const uint8_t *f;
    size_t len, cmd_len = strlen(c->cmdline ? c->cmdline : "");
    uint32_t cmdline_size = 255;
    uint64_t need, initrd_max = 0x37ffffff;

    *img = (LinuxImage){ 0 };
    img->file = loader_read_file(name, errp);
    if (!img->file) {
        return false;
    }
    f = g_bytes_get_data(img->file, &len);
    img->data = f;
    if (!linux_is_bzimage(f, len)) {
        error_setg(errp, "-kernel %s: not a Linux bzImage", name);
        goto fail;
    }
    img->version = rd16(f + HDR_VERSION);
    img->setup_len = ((f[HDR_SETUP_SECTS] ? f[HDR_SETUP_SECTS] : 4) + 1) * 512;
    if (img->version < 0x0202) {
        error_setg(errp,
                   "-kernel %s: boot protocol %x.%02x is too old (2.02 "
                   "needed)",
                   name, img->version >> 8, img->version & 0xff);
        goto fail;
    }
    if (!(f[HDR_LOADFLAGS] & LOADED_HIGH)) {
        error_setg(errp,
                   "-kernel %s: a zImage (not loaded high) is not "
                   "supported",
                   name);
        goto fail;
    }
    if (img->setup_len >= len) {
        error_setg(errp, "-kernel %s: truncated (no kernel after the setup)",
                   name);
        goto fail;
    }
    img->kernel_len = len - img->setup_len;
    need = img->kernel_len;
    if (img->version >= 0x0206) {
        cmdline_size = rd32(f + HDR_CMDLINE_SIZE);
    }
    if (img->version >= 0x0203) {
        initrd_max = rd32(f + HDR_INITRD_MAX);
    }
    if (img->version >= 0x020a) {
        need = MAX(need, rd32(f + HDR_INIT_SIZE));
    }
    if (cmd_len >= MIN(cmdline_size, CMDLINE_MAX)) {
        error_setg(errp, "-append: longer than the kernel's limit (%u bytes)",
                   MIN(cmdline_size, CMDLINE_MAX) - 1);
        goto fail;
    }
    if (KERNEL_ADDR + need > c->below_4g) {
        error_setg(errp,
                   "-kernel %s: needs 0x%" PRIx64 " bytes from 1 MiB, "
                   "more than the RAM",
                   name, need);
        goto fail;
    }
    if (c->initrd) {
        /* Its last byte at most here (QEMU's rule for initrd_addr_max). */
        uint64_t last = MIN(initrd_max, initrd_top - 1);

        img->initrd = loader_read_file(c->initrd, errp);
        if (!img->initrd) {
            error_prepend(errp, "-initrd: ");
            goto fail;
        }
        img->initrd_len = g_bytes_get_size(img->initrd);
        img->initrd_addr = (last - MIN(img->initrd_len, last)) & ~0xfffULL;
        if (img->initrd_len > last || img->initrd_addr < KERNEL_ADDR + need) {
            error_setg(errp,
                       "-initrd %s: 0x%" PRIx64 " bytes do not fit below "
                       "0x%" PRIx64 " after the kernel",
                       c->initrd, img->initrd_len, last + 1);
            goto fail;
        }
    }
    return true;

fail:
    linux_image_clear(img);
    return false;
}

bool linux_load_images(const PCKernelConfig *c, GError **errp)
{
    LinuxImage img;
    uint8_t bp[BP_SIZE];
    /* null, null, __BOOT_CS: flat code, __BOOT_DS: flat data */
    static const uint64_t gdt[4] = { 0, 0, 0x00cf9b000000ffffULL,
                                     0x00cf93000000ffffULL };
    size_t cmd_len = strlen(c->cmdline ? c->cmdline : "");
    bool ok;

    if (!linux_image_open(&img, c, c->below_4g, errp)) {
        return false;
    }
    fill_params(bp, img.data, img.setup_len, c, img.initrd_addr,
                img.initrd_len);
    ok = rom_add_blob_fixed(c->kernel, img.data + img.setup_len, img.kernel_len,
                            KERNEL_ADDR, errp) &&
         rom_add_blob_fixed("linux boot params", bp, sizeof(bp), PARAMS_ADDR,
                            errp) &&
         rom_add_blob_fixed("linux cmdline", c->cmdline ? c->cmdline : "",
                            cmd_len + 1, CMDLINE_ADDR, errp) &&
         rom_add_blob_fixed("linux boot gdt", gdt, sizeof(gdt), GDT_ADDR,
                            errp) &&
         (!img.initrd_len ||
          rom_add_blob_fixed(c->initrd, g_bytes_get_data(img.initrd, NULL),
                             img.initrd_len, img.initrd_addr, errp));
    linux_image_clear(&img);
    return ok;
}

/* The 32-bit boot protocol's entry state, on CPU 0 after every reset. */
static void linux_boot_reset(void *opaque)
{
    LinuxBoot *lb = opaque;
    CPUX86State *env = &lb->cpu->env;

    x86_cpu_enter_flat32(lb->cpu, KERNEL_ADDR, BOOT_CS, BOOT_DS);
    env->gdt.base = GDT_ADDR;
    env->gdt.limit = 4 * 8 - 1;
    env->regs[R_ESI] = PARAMS_ADDR;
    env->regs[R_EBX] = env->regs[R_EBP] = env->regs[R_EDI] = 0;
}

bool linux_boot_load(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    PCKernelConfig c = pc_kernel_config(pcms, ms);
    LinuxBoot *lb;

    if (!linux_load_images(&c, errp)) {
        return false;
    }
    lb = g_new0(LinuxBoot, 1);
    lb->cpu = X86_CPU(pcms->cpus[0]);
    qemu_register_reset(linux_boot_reset, lb);
    return true;
}
