/*
 * Booting a RISC-V board: firmware, kernel, initrd, device tree and the
 * reset vector in the mask ROM.
 *
 * RAM layout (ram_base = start of RAM):
 *   ram_base            firmware (-bios; OpenSBI's fw_dynamic by default)
 *   next 2 MiB boundary a raw kernel Image (at ram_base with -bios none)
 *   kernel + min(RAM/2, 128 MiB)   the initrd
 *   top of RAM, at most 3 GiB, 2 MiB aligned   the device tree
 *
 * The reset vector enters the firmware (or, with -bios none, the kernel or
 * ram_base) in machine mode with a0 = hart id, a1 = device tree address and
 * a2 = &fw_dynamic_info, which tells OpenSBI where the kernel is.
 */
#include "qemu/osdep.h"

#include <libfdt.h>

#include "hw/loader.h"
#include "hw/riscv/boot.h"

/* Default firmware: OpenSBI's generic-platform fw_dynamic. */
#define RISCV_FW_NAME       "fw_dynamic.bin"
#define RISCV_FW_DEBIAN_DIR "/usr/lib/riscv64-linux-gnu/opensbi/generic"
#define RISCV_FW_CACHE_DIR  "qemu-riscv-fw" /* under ~/.cache */
#define RISCV_FW_QEMU_DATA \
    "/usr/share/qemu/opensbi-riscv64-generic-fw_dynamic.bin"

#define RISCV_KERNEL_ALIGN   (2 * MiB) /* rv64 Image load alignment */
#define RISCV_INITRD_GAP_MAX (128 * MiB)
#define RISCV_INITRD_ALIGN   (4 * KiB)
#define RISCV_FDT_ALIGN      (2 * MiB)
#define RISCV_FDT_LIMIT      (3 * GiB) /* keep the tree reachable by rv32 too */
/* vmlinux is linked at the top 2 GiB of the address space. */
#define RISCV_KERNEL_LINK_BASE 0xffffffff80000000ULL

#define ALIGN_DOWN_POW2(x, a) ((x) & ~((uint64_t)(a)-1))
#define ALIGN_UP_POW2(x, a)   ALIGN_DOWN_POW2((x) + (a)-1, a)

typedef struct RiscvBoot {
    MachineState *ms;
    hwaddr ram_base;
    hwaddr ram_end; /* one past the last byte */
    hwaddr fdt_addr;
    bool have_fw;
    hwaddr fw_end;
    bool have_kernel;
    hwaddr kernel_entry;
    hwaddr kernel_start; /* lowest loaded address */
    hwaddr kernel_end;
} RiscvBoot;

/* The reset vector in ROM: code, then the data words it reads. */
enum {
    RV_RESET_ENTRY_OFF = 24, /* u64: where to jump */
    RV_RESET_FDT_OFF = 32,   /* u64: device tree address */
    RV_RESET_INFO_OFF = 40,  /* struct fw_dynamic_info, 6 x u64 */
    RV_RESET_SIZE = RV_RESET_INFO_OFF + 6 * 8,
};

/* Register numbers and major opcodes from the RISC-V unprivileged spec. */
enum {
    RV_ZERO = 0,
    RV_T0 = 5,
    RV_A0 = 10,
    RV_A1 = 11,
    RV_A2 = 12,
};
enum {
    RV_OPC_LOAD = 0x03,
    RV_OPC_OP_IMM = 0x13,
    RV_OPC_AUIPC = 0x17,
    RV_OPC_JALR = 0x67,
    RV_OPC_SYSTEM = 0x73,
};
#define RV_F3_ADDI     0
#define RV_F3_LD       3
#define RV_F3_CSRRS    2
#define RV_F3_JALR     0
#define RV_CSR_MHARTID 0xf14

/* U-type: imm[31:12] | rd | opcode */
static uint32_t rv_utype(uint32_t imm20, unsigned rd, unsigned opcode)
{
    return (imm20 << 12) | (rd << 7) | opcode;
}

/* I-type: imm[11:0] | rs1 | funct3 | rd | opcode */
static uint32_t rv_itype(uint32_t imm12, unsigned rs1, unsigned funct3,
                         unsigned rd, unsigned opcode)
{
    g_assert(imm12 < 4096);
    return (imm12 << 20) | (rs1 << 15) | (funct3 << 12) | (rd << 7) | opcode;
}

static void put_le32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, sizeof(v));
}

static void put_le64(uint8_t *p, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    memcpy(p, &v, sizeof(v));
}

static bool riscv_write_reset_vector(RiscvBoot *b, hwaddr rom_base,
                                     hwaddr rom_size, GError **errp)
{
    const uint32_t code[] = {
        /* auipc t0, 0: t0 = address of this instruction (rom_base) */
        rv_utype(0, RV_T0, RV_OPC_AUIPC),
        /* addi a2, t0, INFO: a2 = &fw_dynamic_info */
        rv_itype(RV_RESET_INFO_OFF, RV_T0, RV_F3_ADDI, RV_A2, RV_OPC_OP_IMM),
        /* csrrs a0, mhartid, zero (csrr a0, mhartid): a0 = hart id */
        rv_itype(RV_CSR_MHARTID, RV_ZERO, RV_F3_CSRRS, RV_A0, RV_OPC_SYSTEM),
        /* ld a1, FDT(t0): a1 = device tree address */
        rv_itype(RV_RESET_FDT_OFF, RV_T0, RV_F3_LD, RV_A1, RV_OPC_LOAD),
        /* ld t0, ENTRY(t0): t0 = entry point */
        rv_itype(RV_RESET_ENTRY_OFF, RV_T0, RV_F3_LD, RV_T0, RV_OPC_LOAD),
        /* jalr zero, 0(t0) (jr t0): go there */
        rv_itype(0, RV_T0, RV_F3_JALR, RV_ZERO, RV_OPC_JALR),
    };
    uint8_t rom[RV_RESET_SIZE] = { 0 };
    uint8_t *info = rom + RV_RESET_INFO_OFF;
    hwaddr entry;
    unsigned i;

    G_STATIC_ASSERT(sizeof(code) <= RV_RESET_ENTRY_OFF);
    if (rom_size < sizeof(rom)) {
        error_setg(errp, "boot ROM too small for the reset vector");
        return false;
    }
    for (i = 0; i < ARRAY_SIZE(code); i++) {
        put_le32(rom + i * 4, code[i]);
    }
    /*
     * As QEMU's virt: the reset vector always enters the start of RAM,
     * where the firmware (or, with -bios none, the kernel) is expected;
     * an ELF's own entry point is not used for this jump.
     */
    entry = b->ram_base;
    put_le64(rom + RV_RESET_ENTRY_OFF, entry);
    put_le64(rom + RV_RESET_FDT_OFF, b->fdt_addr);
    put_le64(info + 0, FW_DYNAMIC_INFO_MAGIC);
    put_le64(info + 8, FW_DYNAMIC_INFO_VERSION);
    put_le64(info + 16, b->have_kernel ? b->kernel_entry : 0); /* next_addr */
    put_le64(info + 24, FW_DYNAMIC_INFO_NEXT_MODE_S);          /* next_mode */
    put_le64(info + 32, 0);                                    /* options */
    put_le64(info + 40, 0);                                    /* boot_hart */
    return rom_add_blob_fixed("reset vector", rom, sizeof(rom), rom_base, errp);
}

/*
 * Where OpenSBI's fw_dynamic.bin may be: $QEMU_FIRMWARE_DIR, Debian's
 * opensbi package, the copy `make fetch-firmware` unpacks into the user's
 * cache, and the one Debian's QEMU ships.
 */
static GPtrArray *riscv_default_fw_candidates(void)
{
    GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
    const char *env = g_getenv("QEMU_FIRMWARE_DIR");

    if (env && *env) {
        g_ptr_array_add(list, g_build_filename(env, RISCV_FW_NAME, NULL));
        g_ptr_array_add(list, g_build_filename(env, RISCV_FW_DEBIAN_DIR,
                                               RISCV_FW_NAME, NULL));
    }
    g_ptr_array_add(list,
                    g_build_filename(RISCV_FW_DEBIAN_DIR, RISCV_FW_NAME, NULL));
    g_ptr_array_add(list,
                    g_build_filename(g_get_user_cache_dir(), RISCV_FW_CACHE_DIR,
                                     RISCV_FW_DEBIAN_DIR, RISCV_FW_NAME, NULL));
    g_ptr_array_add(list, g_strdup(RISCV_FW_QEMU_DATA));
    return list;
}

static char *riscv_find_default_fw(GError **errp)
{
    g_autoptr(GPtrArray) list = riscv_default_fw_candidates();
    g_autoptr(GString) tried = g_string_new(NULL);
    guint i;

    for (i = 0; i < list->len; i++) {
        const char *path = g_ptr_array_index(list, i);

        if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
            return g_strdup(path);
        }
        g_string_append_printf(tried, "%s%s", i ? ", " : "", path);
    }
    error_setg(errp,
               "Unable to find the RISC-V BIOS \"%s\" (looked for %s); "
               "install Debian's opensbi package, run `make fetch-firmware`"
               " or set QEMU_FIRMWARE_DIR",
               RISCV_FW_NAME, tried->str);
    return NULL;
}

/* A raw image; an empty file would boot nothing, so it is refused. */
static int64_t load_raw_image(const char *path, hwaddr addr, uint64_t max,
                              GError **errp)
{
    int64_t size = load_image_targphys(path, addr, max, errp);

    if (size == 0) {
        error_setg(errp, "%s: empty file", path);
        return -1;
    }
    return size;
}

static bool riscv_load_firmware(RiscvBoot *b, GError **errp)
{
    const char *fw = b->ms->firmware;
    g_autofree char *path = NULL;

    if (fw && !strcmp(fw, "none")) {
        b->have_fw = false;
        b->fw_end = b->ram_base;
        return true;
    }
    if (!fw || !strcmp(fw, "default")) {
        path = riscv_find_default_fw(errp);
        if (!path) {
            return false;
        }
    } else {
        path = g_strdup(fw);
    }

    if (loader_file_is_elf(path)) {
        uint64_t entry, high;

        if (!load_elf(path, NULL, NULL, &entry, NULL, &high, errp)) {
            goto fail;
        }
        b->fw_end = high;
    } else {
        int64_t size =
            load_raw_image(path, b->ram_base, b->fdt_addr - b->ram_base, errp);

        if (size < 0) {
            goto fail;
        }
        b->fw_end = b->ram_base + size;
    }
    b->have_fw = true;
    return true;

fail:
    error_prepend(errp, "Unable to load the RISC-V firmware: ");
    return false;
}

/* A kernel linked in the top 2 GiB runs at the same offset into RAM. */
static uint64_t riscv_kernel_translate(void *opaque, uint64_t addr)
{
    RiscvBoot *b = opaque;

    if (addr >= RISCV_KERNEL_LINK_BASE) {
        return b->ram_base + (addr - RISCV_KERNEL_LINK_BASE);
    }
    return addr;
}

static bool riscv_load_kernel(RiscvBoot *b, GError **errp)
{
    const char *path = b->ms->kernel_filename;

    if (loader_file_is_elf(path)) {
        uint64_t entry, low, high;

        if (!load_elf(path, riscv_kernel_translate, b, &entry, &low, &high,
                      errp)) {
            goto fail;
        }
        b->kernel_entry = entry;
        b->kernel_start = low;
        b->kernel_end = high;
    } else {
        /* A raw Image: where fw_dynamic's next stage is expected. */
        hwaddr start = b->ram_base;
        int64_t size;

        if (b->have_fw) {
            start = MAX(start, ALIGN_UP_POW2(b->fw_end, RISCV_KERNEL_ALIGN));
        }
        if (start >= b->fdt_addr) {
            error_setg(errp,
                       "%s: no room for it at 0x%" HWADDR_PRIx
                       ", below the device tree at 0x%" HWADDR_PRIx,
                       path, start, b->fdt_addr);
            goto fail;
        }
        size = load_raw_image(path, start, b->fdt_addr - start, errp);
        if (size < 0) {
            goto fail;
        }
        b->kernel_entry = start;
        b->kernel_start = start;
        b->kernel_end = start + size;
    }
    b->have_kernel = true;
    return true;

fail:
    error_prepend(errp, "could not load kernel: ");
    return false;
}

/*
 * The initrd goes well past the kernel's start (room for it to unpack and
 * for its bss) and below the device tree.
 */
static bool riscv_load_initrd(RiscvBoot *b, uint64_t *start, uint64_t *end,
                              GError **errp)
{
    const char *path = b->ms->initrd_filename;
    uint64_t gap = MIN(b->ms->ram_size / 2, RISCV_INITRD_GAP_MAX);
    hwaddr addr = MAX(b->kernel_start + gap, b->kernel_end);
    int64_t size;

    addr = ALIGN_UP_POW2(addr, RISCV_INITRD_ALIGN);
    if (addr >= b->fdt_addr) {
        error_setg(errp,
                   "could not load ramdisk: %s: no room between the kernel "
                   "and the device tree at 0x%" HWADDR_PRIx,
                   path, b->fdt_addr);
        return false;
    }
    size = load_image_targphys(path, addr, b->fdt_addr - addr, errp);
    if (size < 0) {
        error_prepend(errp, "could not load ramdisk: ");
        return false;
    }
    *start = addr;
    *end = addr + size;
    return true;
}

/* -dtb FILE replaces the board's tree. */
static bool riscv_fdt_from_file(MachineState *ms, GError **errp)
{
    g_autoptr(GBytes) bytes = loader_read_file(ms->dtb, errp);
    const void *data;
    gsize len;
    int err;

    if (!bytes) {
        error_prepend(errp, "Unable to load device tree file: ");
        return false;
    }
    data = g_bytes_get_data(bytes, &len);
    if (len < sizeof(struct fdt_header)) {
        error_setg(errp, "Unable to load device tree file '%s': too short",
                   ms->dtb);
        return false;
    }
    err = fdt_check_header(data);
    /*
     * Only version 17, the one dtc and libfdt write (DTSpec v0.3 5.2): the
     * checks of libfdt 1.6.1 on older layouts read through a NULL pointer
     * on some malformed trees (tests/fuzz/regress/dtb/version-9).
     */
    if (!err && fdt_version(data) < 17) {
        err = -FDT_ERR_BADVERSION;
    }
    if (!err && fdt_totalsize(data) > len) {
        err = -FDT_ERR_TRUNCATED;
    }
    if (!err) {
        err = fdt_check_full(data, fdt_totalsize(data));
    }
    if (err) {
        error_setg(errp, "Unable to load device tree file '%s': %s", ms->dtb,
                   fdt_strerror(err));
        return false;
    }
    g_free(ms->fdt);
    ms->fdt_size = fdt_totalsize(data);
    ms->fdt = g_malloc(ms->fdt_size);
    memcpy(ms->fdt, data, ms->fdt_size);
    return true;
}

/* Copy the tree into a buffer with extra bytes of free space. */
static bool riscv_fdt_grow(MachineState *ms, size_t extra, GError **errp)
{
    size_t size = fdt_totalsize(ms->fdt) + extra;
    void *fdt;
    int err;

    if (size > G_MAXINT) {
        error_setg(errp, "device tree too large");
        return false;
    }
    fdt = g_malloc0(size);
    err = fdt_open_into(ms->fdt, fdt, size);
    if (err) {
        g_free(fdt);
        error_setg(errp, "device tree: %s", fdt_strerror(err));
        return false;
    }
    g_free(ms->fdt);
    ms->fdt = fdt;
    ms->fdt_size = size;
    return true;
}

/*
 * Fill /chosen: bootargs, and the initrd range as placeholders whose
 * values are set in place once the initrd is loaded (so the tree's size,
 * and hence its address, no longer changes).
 */
static int riscv_fdt_chosen(MachineState *ms)
{
    void *fdt = ms->fdt;
    int chosen = fdt_path_offset(fdt, "/chosen");
    int err = 0;

    if (chosen == -FDT_ERR_NOTFOUND) {
        chosen = fdt_add_subnode(fdt, 0, "chosen");
    }
    if (chosen < 0) {
        return chosen;
    }
    if (ms->kernel_cmdline && *ms->kernel_cmdline) {
        err = fdt_setprop_string(fdt, chosen, "bootargs", ms->kernel_cmdline);
    }
    if (!err && ms->initrd_filename) {
        err = fdt_setprop_u64(fdt, chosen, "linux,initrd-start", 0);
        if (!err) {
            err = fdt_setprop_u64(fdt, chosen, "linux,initrd-end", 0);
        }
    }
    return err;
}

int riscv_fdt_set_initrd(MachineState *ms, uint64_t start, uint64_t end)
{
    int chosen = fdt_path_offset(ms->fdt, "/chosen");
    int err;

    if (chosen < 0) {
        return chosen;
    }
    err = fdt_setprop_inplace_u64(ms->fdt, chosen, "linux,initrd-start", start);
    if (!err) {
        err = fdt_setprop_inplace_u64(ms->fdt, chosen, "linux,initrd-end", end);
    }
    return err;
}

bool riscv_fdt_prepare(MachineState *ms, GError **errp)
{
    size_t extra;
    int err;

    if (ms->dtb && !riscv_fdt_from_file(ms, errp)) {
        return false;
    }
    if (!ms->fdt) {
        error_setg(errp, "the board has no device tree");
        return false;
    }
    extra = (ms->kernel_cmdline ? strlen(ms->kernel_cmdline) : 0) + 4 * KiB;
    if (!riscv_fdt_grow(ms, extra, errp)) {
        return false;
    }
    err = riscv_fdt_chosen(ms);
    if (!err) {
        err = fdt_pack(ms->fdt);
    }
    if (err) {
        error_setg(errp, "device tree /chosen: %s", fdt_strerror(err));
        return false;
    }
    ms->fdt_size = fdt_totalsize(ms->fdt);
    return true;
}

/* As high as possible (out of the kernel's way), below 3 GiB. */
static bool riscv_place_fdt(RiscvBoot *b, GError **errp)
{
    uint64_t size = fdt_totalsize(b->ms->fdt);
    hwaddr top = b->ram_end;

    if (b->ram_base < RISCV_FDT_LIMIT) {
        top = MIN(top, RISCV_FDT_LIMIT);
    }
    if (top - b->ram_base < size) {
        error_setg(errp,
                   "RAM too small for the device tree (%" PRIu64 " bytes)",
                   size);
        return false;
    }
    b->fdt_addr =
        MAX(ALIGN_DOWN_POW2(top - size, RISCV_FDT_ALIGN), b->ram_base);
    return true;
}

static void riscv_dump_dtb(MachineState *ms)
{
    g_autoptr(GError) err = NULL;

    if (!g_file_set_contents(ms->dumpdtb, ms->fdt, fdt_totalsize(ms->fdt),
                             &err)) {
        error_report("Failed to write dtb to %s: %s", ms->dumpdtb,
                     err->message);
        exit(1);
    }
    info_report("dtb dumped to %s. Exiting.", ms->dumpdtb);
    exit(0);
}

bool riscv_boot_setup(MachineState *ms, hwaddr rom_base, hwaddr rom_size,
                      hwaddr ram_base, GError **errp)
{
    RiscvBoot b = {
        .ms = ms,
        .ram_base = ram_base,
        .ram_end = ram_base + ms->ram_size,
    };
    uint64_t initrd_start = 0, initrd_end = 0;
    int err;

    if (!ms->kernel_filename) {
        if (ms->kernel_cmdline && *ms->kernel_cmdline) {
            error_setg(errp, "-append only allowed with -kernel option");
            return false;
        }
        if (ms->initrd_filename) {
            error_setg(errp, "-initrd only allowed with -kernel option");
            return false;
        }
    }
    if (ms->ram_size == 0 || ms->ram_size - 1 > HWADDR_MAX - ram_base) {
        error_setg(errp, "bad RAM size 0x%" PRIx64, ms->ram_size);
        return false;
    }

    if (!riscv_fdt_prepare(ms, errp) || !riscv_place_fdt(&b, errp)) {
        return false;
    }

    if (!riscv_load_firmware(&b, errp)) {
        return false;
    }
    if (ms->kernel_filename) {
        if (!riscv_load_kernel(&b, errp)) {
            return false;
        }
        if (ms->initrd_filename) {
            if (!riscv_load_initrd(&b, &initrd_start, &initrd_end, errp)) {
                return false;
            }
            err = riscv_fdt_set_initrd(ms, initrd_start, initrd_end);
            if (err) {
                error_setg(errp, "device tree initrd range: %s",
                           fdt_strerror(err));
                return false;
            }
        }
    }

    if (ms->dumpdtb) {
        riscv_dump_dtb(ms);
    }
    if (!rom_add_blob_fixed("dtb", ms->fdt, ms->fdt_size, b.fdt_addr, errp)) {
        return false;
    }
    return riscv_write_reset_vector(&b, rom_base, rom_size, errp);
}
