/*
 * The image loaders against files made here: good raw and ELF images, and
 * malformed ELF files (bad headers, segments outside the file, sizes that
 * overflow, destinations outside RAM). A bad file must give an error that
 * names the file, and must leave guest memory untouched.
 *
 * Memory map: RAM_SIZE bytes of RAM at RAM_BASE, a ROM at ROM_BASE, and
 * nothing else. Each test loads into its own part of RAM, because blobs
 * stay registered (and may not overlap) for the life of the process.
 */
#include "qemu/osdep.h"

#include <elf.h>
#include <glib/gstdio.h>

#include "exec/memory.h"
#include "hw/loader.h"
#include "sysemu/runstate.h"

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (16 * MiB)
#define ROM_BASE 0x1000ULL
#define ROM_SIZE 0xf000ULL
#define HOLE     0x40000000ULL /* nothing mapped here */

static MemoryRegion ram, rom;
static char *tmpdir;

/* Write data to a new file in tmpdir; returns its path (free it). */
static char *write_file(const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(tmpdir, name, NULL);
    g_autoptr(GError) err = NULL;

    g_assert_true(g_file_set_contents(path, data, len, &err));
    return path;
}

static void guest_read(hwaddr addr, void *buf, size_t len)
{
    g_assert_cmpuint(address_space_read(&address_space_memory, addr, buf, len),
                     ==, MEMTX_OK);
}

static void guest_fill(hwaddr addr, uint8_t val, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);

    memset(buf, val, len);
    g_assert_cmpuint(address_space_write(&address_space_memory, addr, buf, len),
                     ==, MEMTX_OK);
}

static void assert_guest_bytes(hwaddr addr, uint8_t val, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);
    size_t i;

    guest_read(addr, buf, len);
    for (i = 0; i < len; i++) {
        if (buf[i] != val) {
            g_error("guest byte at 0x%" PRIx64 " is 0x%02x, expected 0x%02x",
                    (uint64_t)(addr + i), buf[i], val);
        }
    }
}

static void assert_error_mentions(GError *err, const char *path,
                                  const char *what)
{
    g_assert_nonnull(err);
    if (!strstr(err->message, path) || !strstr(err->message, what)) {
        g_error("error \"%s\" should name \"%s\" and say \"%s\"", err->message,
                path, what);
    }
}

/* Raw images */

static void test_raw_load(void)
{
    uint8_t data[5000], back[5000];
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    size_t i;

    for (i = 0; i < sizeof(data); i++) {
        data[i] = i * 7 + 3;
    }
    path = write_file("raw.bin", data, sizeof(data));
    g_assert_cmpint(load_image_targphys(path, RAM_BASE + 0x1000, 1 * MiB, &err),
                    ==, sizeof(data));
    g_assert_no_error(err);
    guest_read(RAM_BASE + 0x1000, back, sizeof(back));
    g_assert_cmpmem(back, sizeof(back), data, sizeof(data));
}

static void test_raw_rom(void)
{
    const uint8_t data[] = { 0x97, 0x02, 0x00, 0x00, 0x13, 0x86, 0x82, 0x02 };
    uint8_t back[sizeof(data)];
    g_autofree char *path = write_file("rom.bin", data, sizeof(data));
    g_autoptr(GError) err = NULL;

    g_assert_cmpint(load_image_targphys(path, ROM_BASE + 0x100, 0x1000, &err),
                    ==, sizeof(data));
    g_assert_no_error(err);
    guest_read(ROM_BASE + 0x100, back, sizeof(back));
    g_assert_cmpmem(back, sizeof(back), data, sizeof(data));
}

static void test_raw_too_large(void)
{
    uint8_t data[300];
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;

    memset(data, 0xab, sizeof(data));
    path = write_file("big.bin", data, sizeof(data));
    g_assert_cmpint(load_image_targphys(path, RAM_BASE + 0x20000, 299, &err),
                    ==, -1);
    assert_error_mentions(err, path, "too large");
    assert_guest_bytes(RAM_BASE + 0x20000, 0, sizeof(data));
}

static void test_raw_missing(void)
{
    g_autofree char *path = g_build_filename(tmpdir, "no-such-file", NULL);
    g_autoptr(GError) err = NULL;

    g_assert_cmpint(load_image_targphys(path, RAM_BASE, 1 * MiB, &err), ==, -1);
    assert_error_mentions(err, path, g_strerror(ENOENT));
    g_clear_error(&err);
    g_assert_false(load_elf(path, NULL, NULL, NULL, NULL, NULL, &err));
    assert_error_mentions(err, path, g_strerror(ENOENT));
}

static void test_raw_unbacked(void)
{
    uint8_t data[256];
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    hwaddr straddle = RAM_BASE + RAM_SIZE - 100;

    memset(data, 0x5a, sizeof(data));
    path = write_file("unbacked.bin", data, sizeof(data));
    g_assert_cmpint(load_image_targphys(path, HOLE, 1 * MiB, &err), ==, -1);
    assert_error_mentions(err, path, "not inside RAM or ROM");
    g_clear_error(&err);

    /* Starts in RAM, runs past its end: nothing may be written. */
    g_assert_cmpint(load_image_targphys(path, straddle, 1 * MiB, &err), ==, -1);
    assert_error_mentions(err, path, "not inside RAM or ROM");
    assert_guest_bytes(straddle, 0, 100);
    g_clear_error(&err);

    /* Wraps around the end of the address space. */
    g_assert_cmpint(load_image_targphys(path, UINT64_MAX - 10, 1 * MiB, &err),
                    ==, -1);
    assert_error_mentions(err, path, "end of the address space");
}

static void test_overlap(void)
{
    uint8_t data[0x100];
    g_autofree char *a = NULL, *b = NULL;
    g_autoptr(GError) err = NULL;

    memset(data, 0x11, sizeof(data));
    a = write_file("overlap-a.bin", data, sizeof(data));
    memset(data, 0x22, sizeof(data));
    b = write_file("overlap-b.bin", data, sizeof(data));
    g_assert_cmpint(load_image_targphys(a, RAM_BASE + 0x30000, 1 * MiB, &err),
                    ==, sizeof(data));
    g_assert_no_error(err);
    g_assert_cmpint(load_image_targphys(b, RAM_BASE + 0x300ff, 1 * MiB, &err),
                    ==, -1);
    assert_error_mentions(err, b, "overlaps");
    g_assert_nonnull(strstr(err->message, a));
    assert_guest_bytes(RAM_BASE + 0x30000, 0x11, sizeof(data));
    assert_guest_bytes(RAM_BASE + 0x30100, 0, 0x100);
    g_clear_error(&err);

    /* Right after it is fine. */
    g_assert_cmpint(load_image_targphys(b, RAM_BASE + 0x30100, 1 * MiB, &err),
                    ==, sizeof(data));
    g_assert_no_error(err);
}

/* Reset writes every blob again. */
static void test_reset_restores(void)
{
    uint8_t data[64];
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;

    memset(data, 0xc3, sizeof(data));
    path = write_file("reset.bin", data, sizeof(data));
    g_assert_cmpint(load_image_targphys(path, RAM_BASE + 0x40000, 64, &err), ==,
                    sizeof(data));
    g_assert_true(rom_add_blob_fixed("blob", data, 16, ROM_BASE + 0x800, &err));
    g_assert_no_error(err);
    guest_fill(RAM_BASE + 0x40000, 0, sizeof(data));
    assert_guest_bytes(RAM_BASE + 0x40000, 0, sizeof(data));
    qemu_system_reset(SHUTDOWN_CAUSE_NONE);
    assert_guest_bytes(RAM_BASE + 0x40000, 0xc3, sizeof(data));
    assert_guest_bytes(ROM_BASE + 0x800, 0xc3, 16);
}

/* ELF files */

typedef struct TestSeg {
    uint32_t type;
    uint64_t offset; /* UINT64_MAX: place the data after the headers */
    uint64_t vaddr, paddr, filesz, memsz;
    uint8_t fill; /* the segment's file bytes */
} TestSeg;

typedef struct TestElf {
    uint8_t klass, data, version;
    uint16_t type, machine, phentsize;
    uint64_t entry, phoff; /* phoff UINT64_MAX: right after the header */
    int phnum;             /* -1: the number of segs */
    TestSeg segs[4];
    int nsegs;
} TestElf;

static TestElf elf_template(void)
{
    TestElf e = {
        .klass = ELFCLASS64,
        .data = ELFDATA2LSB,
        .version = EV_CURRENT,
        .type = ET_EXEC,
        .machine = EM_RISCV,
        .phentsize = sizeof(Elf64_Phdr),
        .phoff = UINT64_MAX,
        .phnum = -1,
    };
    return e;
}

static void le16(uint8_t *p, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(p, &v, 2);
}

static void le32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

static void le64(uint8_t *p, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    memcpy(p, &v, 8);
}

/* Serialise: header, program headers, then each segment's data. */
static GByteArray *elf_build(const TestElf *e)
{
    GByteArray *f = g_byte_array_new();
    size_t ph_at = sizeof(Elf64_Ehdr);
    size_t data_at = ph_at + e->nsegs * sizeof(Elf64_Phdr);
    uint8_t *p;
    int i;

    g_byte_array_set_size(f, data_at);
    p = f->data;
    memset(p, 0, data_at);
    memcpy(p, ELFMAG, SELFMAG);
    p[EI_CLASS] = e->klass;
    p[EI_DATA] = e->data;
    p[EI_VERSION] = e->version;
    le16(p + offsetof(Elf64_Ehdr, e_type), e->type);
    le16(p + offsetof(Elf64_Ehdr, e_machine), e->machine);
    le32(p + offsetof(Elf64_Ehdr, e_version), EV_CURRENT);
    le64(p + offsetof(Elf64_Ehdr, e_entry), e->entry);
    le64(p + offsetof(Elf64_Ehdr, e_phoff),
         e->phoff == UINT64_MAX ? ph_at : e->phoff);
    le16(p + offsetof(Elf64_Ehdr, e_ehsize), sizeof(Elf64_Ehdr));
    le16(p + offsetof(Elf64_Ehdr, e_phentsize), e->phentsize);
    le16(p + offsetof(Elf64_Ehdr, e_phnum), e->phnum < 0 ? e->nsegs : e->phnum);
    for (i = 0; i < e->nsegs; i++) {
        const TestSeg *s = &e->segs[i];
        uint64_t off = s->offset;
        size_t len = MIN(s->filesz, 64 * KiB);

        if (off == UINT64_MAX) {
            off = f->len;
            g_byte_array_set_size(f, f->len + len);
            memset(f->data + off, s->fill, len);
        }
        p = f->data + ph_at + i * sizeof(Elf64_Phdr);
        le32(p + offsetof(Elf64_Phdr, p_type), s->type);
        le32(p + offsetof(Elf64_Phdr, p_flags), PF_R | PF_X);
        le64(p + offsetof(Elf64_Phdr, p_offset), off);
        le64(p + offsetof(Elf64_Phdr, p_vaddr), s->vaddr);
        le64(p + offsetof(Elf64_Phdr, p_paddr), s->paddr);
        le64(p + offsetof(Elf64_Phdr, p_filesz), s->filesz);
        le64(p + offsetof(Elf64_Phdr, p_memsz), s->memsz);
        le64(p + offsetof(Elf64_Phdr, p_align), 8);
    }
    return f;
}

static char *elf_write(const char *name, const TestElf *e)
{
    g_autoptr(GByteArray) f = elf_build(e);

    return write_file(name, f->data, f->len);
}

static TestSeg seg_load(uint64_t paddr, uint64_t filesz, uint64_t memsz,
                        uint8_t fill)
{
    TestSeg s = {
        .type = PT_LOAD,
        .offset = UINT64_MAX,
        .vaddr = paddr,
        .paddr = paddr,
        .filesz = filesz,
        .memsz = memsz,
        .fill = fill,
    };
    return s;
}

static void test_elf_load(void)
{
    const hwaddr a = RAM_BASE + 0x100000, b = RAM_BASE + 0x200000;
    TestElf e = elf_template();
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    uint64_t entry = 0, low = 0, high = 0;

    /* Segment 0 is linked high (vmlinux-style); the entry is inside it. */
    e.segs[0] = seg_load(a, 0x100, 0x300, 0xa5);
    e.segs[0].vaddr = 0xffffffff80100000ULL;
    e.segs[1] = (TestSeg){
        .type = PT_NOTE, .offset = 0, .paddr = HOLE, .filesz = 8, .memsz = 8
    };
    e.segs[2] = seg_load(b, 0x10, 0x10, 0x5a);
    e.nsegs = 3;
    e.entry = 0xffffffff80100010ULL;
    path = elf_write("good.elf", &e);

    g_assert_true(loader_file_is_elf(path));
    guest_fill(a, 0xff, 0x400); /* the bss part must be zeroed */
    g_assert_true(load_elf(path, NULL, NULL, &entry, &low, &high, &err));
    g_assert_no_error(err);
    g_assert_cmphex(entry, ==, a + 0x10);
    g_assert_cmphex(low, ==, a);
    g_assert_cmphex(high, ==, b + 0x10);
    assert_guest_bytes(a, 0xa5, 0x100);
    assert_guest_bytes(a + 0x100, 0, 0x200);
    assert_guest_bytes(a + 0x300, 0xff, 0x100); /* past memsz: untouched */
    assert_guest_bytes(b, 0x5a, 0x10);
}

/*
 * A segment that starts below RAM (an ELF linked with -Ttext puts its
 * headers there) loads from the first RAM byte on, as in QEMU; the entry
 * point is kept.
 */
static void test_elf_head_below_ram(void)
{
    TestElf e = elf_template();
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    uint64_t entry = 0, low = 0, high = 0;

    e.segs[0] = seg_load(RAM_BASE - 0x800, 0x900, 0x900, 0x77);
    e.nsegs = 1;
    e.entry = RAM_BASE;
    path = elf_write("below.elf", &e);
    guest_fill(RAM_BASE, 0xff, 0x200);
    g_assert_true(load_elf(path, NULL, NULL, &entry, &low, &high, &err));
    g_assert_no_error(err);
    g_assert_cmphex(entry, ==, RAM_BASE);
    g_assert_cmphex(low, ==, RAM_BASE);
    g_assert_cmphex(high, ==, RAM_BASE + 0x100); /* end-exclusive */
    assert_guest_bytes(RAM_BASE, 0x77, 0x100);
    assert_guest_bytes(RAM_BASE + 0x100, 0xff, 0x100);
}

static uint64_t add_offset(void *opaque, uint64_t addr)
{
    return addr + *(uint64_t *)opaque;
}

static void test_elf_translate(void)
{
    TestElf e = elf_template();
    uint64_t offset = RAM_BASE + 0x300000;
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    uint64_t entry = 0;

    e.segs[0] = seg_load(0x1000, 0x20, 0x20, 0x77);
    e.nsegs = 1;
    e.entry = 0x1004;
    path = elf_write("translate.elf", &e);
    g_assert_true(
        load_elf(path, add_offset, &offset, &entry, NULL, NULL, &err));
    g_assert_no_error(err);
    g_assert_cmphex(entry, ==, offset + 0x1004);
    assert_guest_bytes(offset + 0x1000, 0x77, 0x20);
}

/*
 * Malformed files. Each loads to its own 64 KiB of RAM from BAD_BASE on
 * (when it names an address at all); after the failed load that RAM must
 * still be zero.
 */
#define BAD_BASE (RAM_BASE + 0x400000)

typedef struct BadElfCase {
    const char *name;
    const char *expect; /* part of the error message */
    void (*mutate)(TestElf *e, hwaddr base);
} BadElfCase;

static void bad_class(TestElf *e, hwaddr base)
{
    e->klass = ELFCLASS32;
}

static void bad_endian(TestElf *e, hwaddr base)
{
    e->data = ELFDATA2MSB;
}

static void bad_version(TestElf *e, hwaddr base)
{
    e->version = 0;
}

static void bad_machine(TestElf *e, hwaddr base)
{
    e->machine = EM_X86_64;
}

static void bad_type(TestElf *e, hwaddr base)
{
    e->type = ET_REL;
}

static void bad_phentsize(TestElf *e, hwaddr base)
{
    e->phentsize = 32;
}

static void bad_no_phdrs(TestElf *e, hwaddr base)
{
    e->phnum = 0;
}

static void bad_phoff_beyond(TestElf *e, hwaddr base)
{
    e->phoff = 1 * MiB;
}

static void bad_phoff_overflow(TestElf *e, hwaddr base)
{
    e->phoff = UINT64_MAX - 8;
}

static void bad_phnum_beyond(TestElf *e, hwaddr base)
{
    e->phnum = 1000; /* the table would run past the end of the file */
}

static void bad_offset_beyond(TestElf *e, hwaddr base)
{
    e->segs[1].offset = 1 * MiB;
}

static void bad_offset_overflow(TestElf *e, hwaddr base)
{
    e->segs[1].offset = UINT64_MAX - 0x10;
}

static void bad_filesz_huge(TestElf *e, hwaddr base)
{
    e->segs[1].filesz = UINT64_MAX;
    e->segs[1].memsz = UINT64_MAX;
}

static void bad_filesz_gt_memsz(TestElf *e, hwaddr base)
{
    e->segs[1].memsz = e->segs[1].filesz - 1;
}

static void bad_memsz_huge(TestElf *e, hwaddr base)
{
    e->segs[1].memsz = 1ULL << 62;
}

static void bad_addr_wraps(TestElf *e, hwaddr base)
{
    e->segs[1].paddr = UINT64_MAX - 0x7;
}

static void bad_unmapped(TestElf *e, hwaddr base)
{
    e->segs[1].paddr = HOLE;
}

static void bad_past_ram_end(TestElf *e, hwaddr base)
{
    e->segs[1].paddr = RAM_BASE + RAM_SIZE - 0x8;
}

static void bad_segments_overlap(TestElf *e, hwaddr base)
{
    e->segs[1].paddr = base + 0x80;
}

static void bad_no_load(TestElf *e, hwaddr base)
{
    e->segs[0].type = PT_NOTE;
    e->segs[1].type = PT_NOTE;
}

static const BadElfCase bad_elf_cases[] = {
    { "class", "not a 64-bit ELF", bad_class },
    { "endian", "not a little-endian", bad_endian },
    { "version", "ELF version", bad_version },
    { "machine", "is not RISC-V", bad_machine },
    { "type", "not an executable", bad_type },
    { "phentsize", "program header size", bad_phentsize },
    { "no-phdrs", "no program headers", bad_no_phdrs },
    { "phoff-beyond", "program headers lie outside", bad_phoff_beyond },
    { "phoff-overflow", "program headers lie outside", bad_phoff_overflow },
    { "phnum-beyond", "program headers lie outside", bad_phnum_beyond },
    { "offset-beyond", "lies outside the file", bad_offset_beyond },
    { "offset-overflow", "lies outside the file", bad_offset_overflow },
    { "filesz-huge", "lies outside the file", bad_filesz_huge },
    { "filesz-gt-memsz", "exceeds memory size", bad_filesz_gt_memsz },
    { "memsz-huge", "not inside RAM or ROM", bad_memsz_huge },
    { "addr-wraps", "end of the address space", bad_addr_wraps },
    { "unmapped", "not inside RAM or ROM", bad_unmapped },
    { "past-ram-end", "not inside RAM or ROM", bad_past_ram_end },
    { "overlap", "overlaps", bad_segments_overlap },
    { "no-load", "no loadable segments", bad_no_load },
};

static void test_elf_bad(gconstpointer opaque)
{
    const BadElfCase *c = opaque;
    hwaddr base = BAD_BASE + (c - bad_elf_cases) * 64 * KiB;
    TestElf e = elf_template();
    g_autofree char *name = g_strdup_printf("bad-%s.elf", c->name);
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    uint64_t entry = 0xdead;

    /* A good first segment, then the one most cases break. */
    e.segs[0] = seg_load(base, 0x100, 0x100, 0xee);
    e.segs[1] = seg_load(base + 0x1000, 0x40, 0x80, 0xdd);
    e.nsegs = 2;
    e.entry = base;
    c->mutate(&e, base);
    path = elf_write(name, &e);

    g_assert_false(load_elf(path, NULL, NULL, &entry, NULL, NULL, &err));
    assert_error_mentions(err, path, c->expect);
    g_assert_cmphex(entry, ==, 0xdead);
    /* All or nothing: the good segment was not written either. */
    assert_guest_bytes(base, 0, 64 * KiB);
}

static void test_elf_bad_magic(void)
{
    static const char text[] = "#!/bin/sh\necho not an ELF file\n";
    g_autofree char *path = write_file("script.elf", text, sizeof(text));
    g_autofree char *tiny = write_file("tiny.elf", ELFMAG "\2\1", 6);
    g_autofree char *empty = write_file("empty.elf", "", 0);
    g_autoptr(GError) err = NULL;

    g_assert_false(loader_file_is_elf(path));
    g_assert_false(load_elf(path, NULL, NULL, NULL, NULL, NULL, &err));
    assert_error_mentions(err, path, "not an ELF file");
    g_clear_error(&err);

    g_assert_true(loader_file_is_elf(tiny));
    g_assert_false(load_elf(tiny, NULL, NULL, NULL, NULL, NULL, &err));
    assert_error_mentions(err, tiny, "truncated ELF header");
    g_clear_error(&err);

    g_assert_false(loader_file_is_elf(empty));
    g_assert_false(load_elf(empty, NULL, NULL, NULL, NULL, NULL, &err));
    assert_error_mentions(err, empty, "not an ELF file");
}

/* Every prefix of a good file fails cleanly (or, if complete, loads). */
static void test_elf_truncated(void)
{
    hwaddr base = RAM_BASE + 0x800000;
    TestElf e = elf_template();
    g_autoptr(GByteArray) f = NULL;
    size_t len;

    e.segs[0] = seg_load(base, 0x40, 0x40, 0x99);
    e.nsegs = 1;
    f = elf_build(&e);
    for (len = 0; len < f->len; len++) {
        g_autofree char *path = write_file("truncated.elf", f->data, len);
        g_autoptr(GError) err = NULL;

        g_assert_false(load_elf(path, NULL, NULL, NULL, NULL, NULL, &err));
        g_assert_nonnull(err);
    }
    assert_guest_bytes(base, 0, 0x40);
}

/*
 * Symbols: an ELF with section headers [null, .symtab, .strtab] and the
 * symbols "fromhost" (undefined) and "tohost".
 */
typedef struct SymElf {
    uint32_t symtab_link;
    uint64_t symtab_offset; /* 0: where it is */
    uint64_t symtab_entsize;
    uint32_t tohost_name; /* 0: its real string offset */
    bool no_sections;
} SymElf;

static GByteArray *sym_elf_build(const SymElf *cfg)
{
    static const char strtab[] = "\0fromhost\0tohost\0";
    TestElf e = elf_template();
    GByteArray *f;
    size_t symtab_at, strtab_at, shdr_at;
    uint8_t *p;
    int i;

    e.segs[0] = seg_load(RAM_BASE + 0x900000, 0x10, 0x10, 1);
    e.nsegs = 1;
    f = elf_build(&e);

    /* Three symbols: null, fromhost (undefined), tohost. */
    symtab_at = f->len;
    g_byte_array_set_size(f, symtab_at + 3 * sizeof(Elf64_Sym));
    p = f->data + symtab_at;
    memset(p, 0, 3 * sizeof(Elf64_Sym));
    p += sizeof(Elf64_Sym);
    le32(p + offsetof(Elf64_Sym, st_name), 1);
    le16(p + offsetof(Elf64_Sym, st_shndx), SHN_UNDEF);
    le64(p + offsetof(Elf64_Sym, st_value), 0x1111);
    p += sizeof(Elf64_Sym);
    le32(p + offsetof(Elf64_Sym, st_name),
         cfg->tohost_name ? cfg->tohost_name : 10);
    le16(p + offsetof(Elf64_Sym, st_shndx), 1);
    le64(p + offsetof(Elf64_Sym, st_value), 0x80001000);

    strtab_at = f->len;
    g_byte_array_append(f, (const guint8 *)strtab, sizeof(strtab));

    shdr_at = f->len;
    g_byte_array_set_size(f, shdr_at + 3 * sizeof(Elf64_Shdr));
    memset(f->data + shdr_at, 0, 3 * sizeof(Elf64_Shdr));
    for (i = 1; i < 3; i++) {
        p = f->data + shdr_at + i * sizeof(Elf64_Shdr);
        if (i == 1) {
            le32(p + offsetof(Elf64_Shdr, sh_type), SHT_SYMTAB);
            le64(p + offsetof(Elf64_Shdr, sh_offset),
                 cfg->symtab_offset ? cfg->symtab_offset : symtab_at);
            le64(p + offsetof(Elf64_Shdr, sh_size), 3 * sizeof(Elf64_Sym));
            le32(p + offsetof(Elf64_Shdr, sh_link),
                 cfg->symtab_link ? cfg->symtab_link : 2);
            le64(p + offsetof(Elf64_Shdr, sh_entsize),
                 cfg->symtab_entsize ? cfg->symtab_entsize : sizeof(Elf64_Sym));
        } else {
            le32(p + offsetof(Elf64_Shdr, sh_type), SHT_STRTAB);
            le64(p + offsetof(Elf64_Shdr, sh_offset), strtab_at);
            le64(p + offsetof(Elf64_Shdr, sh_size), sizeof(strtab));
        }
    }
    p = f->data;
    if (!cfg->no_sections) {
        le64(p + offsetof(Elf64_Ehdr, e_shoff), shdr_at);
        le16(p + offsetof(Elf64_Ehdr, e_shentsize), sizeof(Elf64_Shdr));
        le16(p + offsetof(Elf64_Ehdr, e_shnum), 3);
    }
    return f;
}

static char *sym_elf_write(const char *name, const SymElf *cfg)
{
    g_autoptr(GByteArray) f = sym_elf_build(cfg);

    return write_file(name, f->data, f->len);
}

static void test_elf_symbol(void)
{
    SymElf good = { 0 };
    g_autofree char *path = sym_elf_write("sym.elf", &good);
    g_autoptr(GError) err = NULL;
    uint64_t addr = 0;

    g_assert_true(load_elf_find_symbol(path, "tohost", &addr, &err));
    g_assert_no_error(err);
    g_assert_cmphex(addr, ==, 0x80001000);

    /* Undefined symbols and prefixes do not count. */
    g_assert_false(load_elf_find_symbol(path, "fromhost", &addr, &err));
    assert_error_mentions(err, path, "symbol 'fromhost' not found");
    g_clear_error(&err);
    g_assert_false(load_elf_find_symbol(path, "tohos", &addr, &err));
    assert_error_mentions(err, path, "not found");
}

static void test_elf_symbol_bad(void)
{
    const struct {
        const char *name;
        SymElf cfg;
        const char *expect;
    } cases[] = {
        { "no-sections", { .no_sections = true }, "no section headers" },
        { "bad-link", { .symtab_link = 7 }, "bad string table index" },
        { "link-not-strtab", { .symtab_link = 1 }, "bad string table" },
        { "symtab-beyond", { .symtab_offset = 1 * MiB }, "outside the file" },
        { "symtab-overflow",
          { .symtab_offset = UINT64_MAX - 4 },
          "outside the file" },
        { "entsize", { .symtab_entsize = 7 }, "symbol size" },
        /* A name offset past the string table: the symbol is skipped. */
        { "name-beyond", { .tohost_name = 0x7fffffff }, "not found" },
        /* A name offset at the table's last NUL: an empty name. */
        { "name-at-end", { .tohost_name = 16 }, "not found" },
    };
    unsigned i;

    for (i = 0; i < ARRAY_SIZE(cases); i++) {
        g_autofree char *file = g_strdup_printf("sym-%s.elf", cases[i].name);
        g_autofree char *path = sym_elf_write(file, &cases[i].cfg);
        g_autoptr(GError) err = NULL;
        uint64_t addr = 0;

        g_assert_false(load_elf_find_symbol(path, "tohost", &addr, &err));
        assert_error_mentions(err, path, cases[i].expect);
        g_assert_cmphex(addr, ==, 0);
    }
}

static void remove_tmpdir(void)
{
    g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *path = g_build_filename(tmpdir, name, NULL);

        g_unlink(path);
    }
    g_rmdir(tmpdir);
}

int main(int argc, char **argv)
{
    g_autoptr(GError) err = NULL;
    unsigned i;
    int ret;

    g_test_init(&argc, &argv, NULL);
    tmpdir = g_dir_make_tmp("test-loader-XXXXXX", &err);
    g_assert_no_error(err);

    g_assert_true(
        memory_region_init_ram(&ram, NULL, "test.ram", RAM_SIZE, &err));
    g_assert_true(
        memory_region_init_rom(&rom, NULL, "test.rom", ROM_SIZE, &err));
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    memory_region_add_subregion(get_system_memory(), ROM_BASE, &rom);

    g_test_add_func("/loader/raw/load", test_raw_load);
    g_test_add_func("/loader/raw/rom", test_raw_rom);
    g_test_add_func("/loader/raw/too-large", test_raw_too_large);
    g_test_add_func("/loader/raw/missing", test_raw_missing);
    g_test_add_func("/loader/raw/unbacked", test_raw_unbacked);
    g_test_add_func("/loader/overlap", test_overlap);
    g_test_add_func("/loader/reset-restores", test_reset_restores);
    g_test_add_func("/loader/elf/load", test_elf_load);
    g_test_add_func("/loader/elf/translate", test_elf_translate);
    g_test_add_func("/loader/elf/head-below-ram", test_elf_head_below_ram);
    g_test_add_func("/loader/elf/bad-magic", test_elf_bad_magic);
    g_test_add_func("/loader/elf/truncated", test_elf_truncated);
    for (i = 0; i < ARRAY_SIZE(bad_elf_cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/loader/elf/bad/%s", bad_elf_cases[i].name);

        g_test_add_data_func(path, &bad_elf_cases[i], test_elf_bad);
    }
    g_test_add_func("/loader/elf/symbol", test_elf_symbol);
    g_test_add_func("/loader/elf/symbol-bad", test_elf_symbol_bad);

    ret = g_test_run();
    remove_tmpdir();
    return ret;
}
