/*
 * -kernel with a multiboot (v1) kernel on the pc machine, seen through
 * qtest without running it: the ELF32 segments and the a.out-kludge image
 * in RAM, the boot information (memory, map, command line, modules), CPU
 * 0's entry state (multiboot spec 3.2), all of it again after
 * system_reset; and a one-line error, status 1, for each kind of bad
 * file. (Ours only: QEMU 7.2 loads multiboot kernels from an option ROM
 * while SeaBIOS runs, so nothing is in RAM before the guest runs.)
 */
#include "libqtest.h"
#include <string.h>
#include <unistd.h>

#define MB_MAGIC 0x1badb002u
#define LOAD     0x100000u

/* Grow b with zeroes to at least end bytes. */
static void ensure(GByteArray *b, size_t end)
{
    if (b->len < end) {
        size_t old = b->len;

        g_byte_array_set_size(b, end);
        memset(b->data + old, 0, end - old);
    }
}

static void put32(GByteArray *b, size_t off, uint32_t v)
{
    ensure(b, off + 4);
    for (int i = 0; i < 4; i++) {
        b->data[off + i] = v >> (8 * i);
    }
}

static void put16(GByteArray *b, size_t off, uint16_t v)
{
    ensure(b, off + 2);
    b->data[off] = v;
    b->data[off + 1] = v >> 8;
}

/*
 * An ELF32 i386 kernel: one PT_LOAD of the file from offset 0x1000 (the
 * multiboot header first, then a pattern) at paddr, memsz bytes.
 */
typedef struct ElfSpec {
    uint8_t class;
    uint32_t paddr, vaddr, filesz, memsz, entry, phoff, mb_flags;
    uint32_t mb_checksum_delta;
} ElfSpec;

static GByteArray *make_elf(const ElfSpec *s)
{
    GByteArray *b = g_byte_array_new();
    uint32_t flags = s->mb_flags;

    g_byte_array_set_size(b, 0x1000 + s->filesz);
    memset(b->data, 0, b->len);
    memcpy(b->data,
           "\x7f"
           "ELF",
           4);
    b->data[4] = s->class;
    b->data[5] = 1; /* little-endian */
    b->data[6] = 1;
    put16(b, 16, 2); /* ET_EXEC */
    put16(b, 18, 3); /* EM_386 */
    put32(b, 20, 1);
    put32(b, 24, s->entry);
    put32(b, 28, s->phoff);
    put16(b, 40, 52);
    put16(b, 42, 32);
    put16(b, 44, 1);
    if ((uint64_t)s->phoff + 32 <= 0x1000) {
        put32(b, s->phoff, 1); /* PT_LOAD */
        put32(b, s->phoff + 4, 0x1000);
        put32(b, s->phoff + 8, s->vaddr);
        put32(b, s->phoff + 12, s->paddr);
        put32(b, s->phoff + 16, s->filesz);
        put32(b, s->phoff + 20, s->memsz);
    }
    put32(b, 0x1000, MB_MAGIC);
    put32(b, 0x1004, flags);
    put32(b, 0x1008, -(MB_MAGIC + flags) + s->mb_checksum_delta);
    for (uint32_t i = 12; i < s->filesz; i++) {
        b->data[0x1000 + i] = i * 7;
    }
    return b;
}

static const ElfSpec good_elf = {
    .class = 1,
    .paddr = LOAD,
    .vaddr = LOAD,
    .filesz = 0x400,
    .memsz = 0x2000,
    .entry = LOAD + 0x10,
    .phoff = 52,
    .mb_flags = 0x2,
};

static char *write_tmp(const void *data, size_t len)
{
    char *path = g_build_filename(g_get_tmp_dir(), "mb-XXXXXX", NULL);
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, data, len), ==, (ssize_t)len);
    close(fd);
    return path;
}

static char *write_elf(const ElfSpec *s)
{
    g_autoptr(GByteArray) b = make_elf(s);

    return write_tmp(b->data, b->len);
}

static uint32_t reg(const char *regs, const char *name)
{
    const char *p = strstr(regs, name);

    g_assert_nonnull(p);
    return strtoul(p + strlen(name), NULL, 16);
}

static void check_loaded(QTestState *s, const ElfSpec *e, const char *kernel)
{
    g_autofree char *regs = qtest_hmp(s, "info registers");
    uint32_t info = reg(regs, "EBX="), mod, cmdline;
    char buf[64] = { 0 };
    g_autofree char *want_cmd = g_strdup_printf("%s a b", kernel);

    /* 3.2: the magic, the information, flat 32-bit protected mode. */
    g_assert_cmphex(reg(regs, "EAX="), ==, 0x2badb002);
    g_assert_cmphex(reg(regs, "EIP="), ==, e->entry - e->vaddr + e->paddr);
    g_assert_nonnull(strstr(regs, "CS =0008 00000000 ffffffff 00c09b00"));
    g_assert_nonnull(strstr(regs, "DS =0010 00000000 ffffffff 00c09300"));
    g_assert_cmphex(reg(regs, "CR0="), ==, 0x11);
    g_assert_cmphex(reg(regs, "EFL=") & 0x200, ==, 0); /* IF clear */
    /* The segment: the file's bytes, then zeroes to memsz. */
    g_assert_cmphex(qtest_readl(s, e->paddr), ==, MB_MAGIC);
    g_assert_cmphex(qtest_readb(s, e->paddr + 0x20), ==, (uint8_t)(0x20 * 7));
    g_assert_cmphex(qtest_readl(s, e->paddr + e->memsz - 4), ==, 0);
    /* 3.3: the information, after the kernel and its module. */
    g_assert_cmphex(info % 4, ==, 0);
    g_assert_cmphex(info, >=, e->paddr + e->memsz);
    g_assert_cmphex(qtest_readl(s, info) & 0x24d, ==, 0x24d);
    g_assert_cmpuint(qtest_readl(s, info + 4), ==, 640);
    g_assert_cmpuint(qtest_readl(s, info + 8), ==, (128 - 1) * 1024);
    cmdline = qtest_readl(s, info + 16);
    qtest_memread(s, cmdline, buf, sizeof(buf) - 1);
    g_assert_cmpstr(buf, ==, want_cmd);
    g_assert_cmpuint(qtest_readl(s, info + 20), ==, 1); /* one module */
    mod = qtest_readl(s, info + 24);
    g_assert_cmphex(qtest_readl(s, mod) % 4096, ==, 0);
    g_assert_cmphex(qtest_readl(s, mod + 4) - qtest_readl(s, mod), ==, 8);
    g_assert_cmphex(qtest_readq(s, qtest_readl(s, mod)), ==,
                    0x3837363534333231ULL); /* "12345678" */
    memset(buf, 0, sizeof(buf));
    qtest_memread(s, qtest_readl(s, mod + 8), buf, sizeof(buf) - 1);
    g_assert_true(g_str_has_suffix(buf, " modarg"));
    /* The map: RAM from 1 MiB to the end of the 128 MiB. */
    g_assert_cmpuint(qtest_readl(s, info + 44) % 24, ==, 0);
    {
        uint32_t m = qtest_readl(s, info + 48),
                 end = m + qtest_readl(s, info + 44);
        bool found = false;

        for (; m < end; m += 24) {
            found |= qtest_readq(s, m + 4) == 0x100000 &&
                     qtest_readq(s, m + 12) == 127 * 1024 * 1024 &&
                     qtest_readl(s, m + 20) == 1;
        }
        g_assert_true(found);
    }
}

static QTestState *boot(const char *kernel, const char *module)
{
    return qtest_initf("-M pc -m 128 -kernel %s -append 'a b' -initrd '%s "
                       "modarg'",
                       kernel, module);
}

static char *module_file(void)
{
    return write_tmp("12345678", 8);
}

static void test_elf(void)
{
    g_autofree char *k = write_elf(&good_elf);
    g_autofree char *m = module_file();
    QTestState *s = boot(k, m);

    check_loaded(s, &good_elf, k);
    /* A reset loads it all again and starts at the entry again. */
    qtest_writel(s, LOAD, 0xdeadbeef);
    qtest_qmp(s, "{'execute': 'system_reset'}");
    check_loaded(s, &good_elf, k);
    qtest_quit(s);
    unlink(k);
    unlink(m);
}

/* The entry as a virtual address within the segment: moved to physical. */
static void test_elf_virtual_entry(void)
{
    ElfSpec e = good_elf;
    g_autofree char *k = NULL, *m = module_file();
    QTestState *s;

    e.vaddr = 0xc0100000;
    e.entry = 0xc0100020;
    k = write_elf(&e);
    s = boot(k, m);
    check_loaded(s, &e, k);
    qtest_quit(s);
    unlink(k);
    unlink(m);
}

/* The a.out kludge: the header's address fields place a raw image. */
static void test_aout(void)
{
    g_autoptr(GByteArray) b = g_byte_array_new();
    uint32_t flags = 0x10002;
    g_autofree char *k = NULL, *m = module_file();
    QTestState *s;
    g_autofree char *regs = NULL;

    put32(b, 0, 0x90909090);
    put32(b, 0x40, MB_MAGIC);
    put32(b, 0x44, flags);
    put32(b, 0x48, -(MB_MAGIC + flags));
    put32(b, 0x4c, 0x200040); /* header_addr */
    put32(b, 0x50, 0x200000); /* load_addr */
    put32(b, 0x54, 0);        /* load_end_addr: the whole file */
    put32(b, 0x58, 0x203000); /* bss_end_addr */
    put32(b, 0x5c, 0x200000); /* entry_addr */
    put32(b, 0x100, 0xcafef00d);
    k = write_tmp(b->data, b->len);
    s = boot(k, m);
    regs = qtest_hmp(s, "info registers");
    g_assert_cmphex(reg(regs, "EIP="), ==, 0x200000);
    g_assert_cmphex(qtest_readl(s, 0x200100), ==, 0xcafef00d);
    g_assert_cmphex(qtest_readl(s, 0x202ffc), ==, 0);
    g_assert_cmphex(reg(regs, "EBX="), >=, 0x203000);
    qtest_quit(s);
    unlink(k);
    unlink(m);
}

/* Run with -kernel FILE; status 1 and a one-line error containing msg. */
static void expect_error(const char *kernel, const char *extra, const char *msg)
{
    const char *accel = qtest_has_accel() ? "-accel qtest" : "";
    g_autofree char *args =
        g_strdup_printf("-M pc -m 128 -display none -S %s -kernel %s %s", accel,
                        kernel, extra ? extra : "");
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
    if (!strstr(err, msg)) {
        g_error("expected '%s' in: %s", msg, err);
    }
    g_assert_cmpint(strchr(err, '\n') - err + 1, ==, strlen(err));
}

static void expect_elf_error(const ElfSpec *e, const char *msg)
{
    g_autofree char *k = write_elf(e);

    expect_error(k, NULL, msg);
    unlink(k);
}

static void test_bad_files(void)
{
    ElfSpec e;
    g_autofree char *raw = write_tmp("just some bytes", 15);
    g_autoptr(GByteArray) aout = g_byte_array_new();
    g_autofree char *aout_path = NULL;

    expect_error(raw, NULL, "no multiboot header in the first 8 KiB");
    unlink(raw);
    expect_error("/nonexistent/kernel", NULL, "/nonexistent/kernel");
    e = good_elf;
    e.mb_checksum_delta = 1;
    expect_elf_error(&e, "no multiboot header");
    e = good_elf;
    e.mb_flags = 0x8; /* a requirement we do not know */
    expect_elf_error(&e, "unsupported multiboot flags 0x8");
    e = good_elf;
    e.class = 2;
    expect_elf_error(&e, "Cannot load x86-64 image, give a 32bit one.");
    e = good_elf;
    e.paddr = 0xf0000000; /* above the 128 MiB */
    expect_elf_error(&e, "is not in RAM");
    e = good_elf;
    e.memsz = 0xffffffff; /* nothing is allocated for it */
    expect_elf_error(&e, "is not in RAM");
    e = good_elf;
    e.paddr = 0xa0000; /* the VGA window */
    expect_elf_error(&e, "is not in RAM");
    e = good_elf;
    e.filesz = 0x400;
    e.memsz = 0x100; /* filesz > memsz */
    expect_elf_error(&e, "is not in RAM");
    e = good_elf;
    e.phoff = 0xfffffff0;
    expect_elf_error(&e, "bad program header table");
    e = good_elf;
    e.entry = 0x50000; /* in no segment */
    expect_elf_error(&e, "entry point 0x50000 is in no segment");
    {
        g_autofree char *k = write_elf(&good_elf);

        expect_error(k, "-initrd /nonexistent/module",
                     "-initrd: /nonexistent/module");
        unlink(k);
    }
    /* a.out kludge: load_end past the file's end */
    put32(aout, 0, MB_MAGIC);
    put32(aout, 4, 0x10000);
    put32(aout, 8, -(MB_MAGIC + 0x10000));
    put32(aout, 12, 0x200000);
    put32(aout, 16, 0x200000);
    put32(aout, 20, 0x300000);
    put32(aout, 24, 0);
    put32(aout, 28, 0x200000);
    aout_path = write_tmp(aout->data, aout->len);
    expect_error(aout_path, NULL, "load_end_addr is past the file's end");
    unlink(aout_path);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/multiboot/elf", test_elf);
    qtest_add_func("/multiboot/elf-virtual-entry", test_elf_virtual_entry);
    qtest_add_func("/multiboot/aout", test_aout);
    qtest_add_func("/multiboot/bad-files", test_bad_files);
    return g_test_run();
}
