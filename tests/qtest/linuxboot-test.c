/*
 * -kernel with a Linux bzImage on the pc machine (the 32-bit boot
 * protocol), seen through qtest without running it: the protected-mode
 * kernel at 1 MiB, the zero page (the setup header copied, the loader's
 * fields, the E820 map), the command line, the initrd at the top of RAM,
 * CPU 0's entry state, again after system_reset; and one-line errors for
 * bad images. The image is made here: a setup header and a pattern, not a
 * kernel. This is -bios none; with firmware (the default SeaBIOS) the
 * firmware boots it from fw_cfg (linuxboot-fw-cfg-test), as QEMU's: CPU 0
 * stays at the reset vector and nothing is put in RAM. (Ours only: QEMU
 * has no direct loader for bzImages.)
 */
#include "libqtest.h"
#include <string.h>
#include <unistd.h>

#define SETUP_LEN  (5 * 512) /* setup_sects 4 */
#define KERNEL_LEN 8192

typedef struct Hdr {
    uint16_t version;
    uint8_t loadflags;
    uint32_t cmdline_size, initrd_max, init_size, file_len;
} Hdr;

static const Hdr good = { 0x020f,     1,        2048,
                          0x7fffffff, 0x200000, SETUP_LEN + KERNEL_LEN };

static void put(uint8_t *b, size_t off, uint32_t v, int size)
{
    for (int i = 0; i < size; i++) {
        b[off + i] = v >> (8 * i);
    }
}

static char *write_tmp(const void *data, size_t len)
{
    char *path = g_build_filename(g_get_tmp_dir(), "bz-XXXXXX", NULL);
    int fd = g_mkstemp(path);

    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(write(fd, data, len), ==, (ssize_t)len);
    close(fd);
    return path;
}

static char *make_bzimage(const Hdr *h)
{
    g_autofree uint8_t *b = g_malloc0(SETUP_LEN + KERNEL_LEN);

    b[0x1f1] = 4;
    put(b, 0x1fe, 0xaa55, 2);
    b[0x200] = 0xeb;
    b[0x201] = 0x66; /* the header ends at 0x268 */
    memcpy(b + 0x202, "HdrS", 4);
    put(b, 0x206, h->version, 2);
    b[0x211] = h->loadflags;
    put(b, 0x214, 0x100000, 4);
    put(b, 0x22c, h->initrd_max, 4);
    put(b, 0x238, h->cmdline_size, 4);
    put(b, 0x260, h->init_size, 4);
    for (int i = 0; i < KERNEL_LEN; i++) {
        b[SETUP_LEN + i] = i * 13 + 1;
    }
    return write_tmp(b, h->file_len);
}

static uint32_t reg(const char *regs, const char *name)
{
    const char *p = strstr(regs, name);

    g_assert_nonnull(p);
    return strtoul(p + strlen(name), NULL, 16);
}

static void check_loaded(QTestState *s)
{
    g_autofree char *regs = qtest_hmp(s, "info registers");
    uint32_t bp = reg(regs, "ESI="), rd;
    char cmd[64] = { 0 }, initrd[17] = { 0 };

    g_assert_cmphex(reg(regs, "EIP="), ==, 0x100000);
    g_assert_nonnull(strstr(regs, "CS =0010 00000000 ffffffff 00c09b00"));
    g_assert_nonnull(strstr(regs, "SS =0018 00000000 ffffffff 00c09300"));
    g_assert_cmphex(reg(regs, "EBX="), ==, 0);
    g_assert_cmphex(reg(regs, "CR0="), ==, 0x11);
    g_assert_cmphex(reg(regs, "GDT=     "), ==, 0x5000);
    g_assert_cmphex(qtest_readq(s, 0x5010), ==, 0x00cf9b000000ffffULL);
    g_assert_cmphex(qtest_readq(s, 0x5018), ==, 0x00cf93000000ffffULL);
    /* The protected-mode kernel: the file after the setup sectors. */
    g_assert_cmphex(qtest_readb(s, 0x100000), ==, 1);
    g_assert_cmphex(qtest_readb(s, 0x100000 + KERNEL_LEN - 1), ==,
                    (uint8_t)((KERNEL_LEN - 1) * 13 + 1));
    /* The zero page. */
    g_assert_cmphex(bp, <, 0x9fc00);
    g_assert_cmphex(qtest_readl(s, bp + 0x202), ==, 0x53726448); /* HdrS */
    g_assert_cmphex(qtest_readw(s, bp + 0x206), ==, 0x020f);
    g_assert_cmphex(qtest_readb(s, bp + 0x210), ==, 0xff);
    g_assert_cmphex(qtest_readb(s, bp + 0x211) & 1, ==, 1);
    qtest_memread(s, qtest_readl(s, bp + 0x228), cmd, sizeof(cmd) - 1);
    g_assert_cmpstr(cmd, ==, "console=ttyS0 quiet");
    rd = qtest_readl(s, bp + 0x218);
    g_assert_cmphex(rd % 4096, ==, 0);
    g_assert_cmphex(rd, ==, (128 * 1024 * 1024 - 16) & ~0xfffu);
    g_assert_cmpuint(qtest_readl(s, bp + 0x21c), ==, 16);
    qtest_memread(s, rd, initrd, 16);
    g_assert_cmpstr(initrd, ==, "INITRD-CONTENTS!");
    /* E820: RAM from 1 MiB to the end of the 128 MiB. */
    g_assert_cmpuint(qtest_readb(s, bp + 0x1e8), ==, 5);
    g_assert_cmphex(qtest_readq(s, bp + 0x2d0 + 3 * 20), ==, 0x100000);
    g_assert_cmphex(qtest_readq(s, bp + 0x2d0 + 3 * 20 + 8), ==,
                    127 * 1024 * 1024);
    g_assert_cmpuint(qtest_readl(s, bp + 0x2d0 + 3 * 20 + 16), ==, 1);
}

static void test_boot(void)
{
    g_autofree char *k = make_bzimage(&good);
    g_autofree char *rd = write_tmp("INITRD-CONTENTS!", 16);
    QTestState *s = qtest_initf("-M pc -m 128 -bios none -kernel %s -initrd %s "
                                "-append 'console=ttyS0 quiet'",
                                k, rd);

    check_loaded(s);
    qtest_writel(s, 0x100000, 0);
    qtest_qmp(s, "{'execute': 'system_reset'}");
    check_loaded(s);
    qtest_quit(s);
    unlink(k);
    unlink(rd);
}

/* With firmware: left to it (fw_cfg's items), CPU 0 at the reset vector. */
static void test_firmware_boots(void)
{
    g_autofree char *k = make_bzimage(&good);
    QTestState *s = qtest_initf("-M pc -m 128 -kernel %s", k);
    g_autofree char *regs = qtest_hmp(s, "info registers");
    uint32_t size = 0;

    g_assert_cmphex(reg(regs, "EIP="), ==, 0xfff0);
    g_assert_cmphex(qtest_readl(s, 0x100000), ==, 0);
    qtest_outw(s, 0x510, 0x08); /* FW_CFG_KERNEL_SIZE, little-endian */
    for (int i = 0; i < 4; i++) {
        size |= (uint32_t)qtest_inb(s, 0x511) << (8 * i);
    }
    g_assert_cmpuint(size, ==, KERNEL_LEN);
    qtest_quit(s);
    unlink(k);
}

static void expect_error(const Hdr *h, const char *extra, const char *msg)
{
    g_autofree char *k = make_bzimage(h);
    g_autofree char *args = g_strdup_printf(
        "-M pc -m 128 -display none -S %s -kernel %s %s",
        qtest_has_accel() ? "-accel qtest" : "", k, extra ? extra : "");
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
    if (!strstr(err, msg)) {
        g_error("expected '%s' in: %s", msg, err);
    }
    g_assert_cmpint(strchr(err, '\n') - err + 1, ==, strlen(err));
    unlink(k);
}

static void test_bad_images(void)
{
    Hdr h;
    g_autofree char *args = NULL;
    g_autofree char *rd = write_tmp("INITRD-CONTENTS!", 16);

    h = good;
    h.version = 0x0201;
    expect_error(&h, NULL, "boot protocol 2.01 is too old");
    h = good;
    h.loadflags = 0;
    expect_error(&h, NULL, "zImage");
    h = good;
    h.file_len = SETUP_LEN;
    expect_error(&h, NULL, "truncated");
    h = good;
    h.init_size = 0x10000000; /* 256 MiB from 1 MiB, in 128 */
    expect_error(&h, NULL, "more than the RAM");
    h = good;
    h.cmdline_size = 8;
    expect_error(&h, "-append 'console=ttyS0'",
                 "-append: longer than the kernel's limit (7 bytes)");
    h = good;
    h.initrd_max = 0x200fff; /* under the kernel's 2 MiB of init_size */
    args = g_strdup_printf("-initrd %s", rd);
    expect_error(&h, args, "do not fit below 0x201000 after the kernel");
    unlink(rd);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/linuxboot/boot", test_boot);
    qtest_add_func("/linuxboot/firmware-boots", test_firmware_boots);
    qtest_add_func("/linuxboot/bad-images", test_bad_images);
    return g_test_run();
}
