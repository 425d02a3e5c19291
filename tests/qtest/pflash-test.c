/*
 * The pc machine's system flash (-drive if=pflash), against ours and
 * Debian's QEMU 7.2: unit 0 ends at 4 GiB, unit 1 sits just below it,
 * unit 0's tail shows at 0xe0000; the CFI query; program and block erase
 * reach the file; Clear Status; a read-only unit refuses to program
 * (status error bits; on ours also SR.1 and a guest_errors line).
 */
#include "libqtest.h"
#include <string.h>
#include <unistd.h>

#define CODE_SIZE (64 * 1024)
#define VARS_SIZE (32 * 1024)
#define CODE_BASE (0x100000000ULL - CODE_SIZE)
#define VARS_BASE (CODE_BASE - VARS_SIZE)

typedef struct Flash {
    char *dir, *code, *vars, *log;
    uint8_t code_data[CODE_SIZE];
    QTestState *s;
} Flash;

static void flash_start(Flash *f)
{
    uint8_t vars[VARS_SIZE];

    f->dir = g_dir_make_tmp("pflash-XXXXXX", NULL);
    f->code = g_build_filename(f->dir, "code.fd", NULL);
    f->vars = g_build_filename(f->dir, "vars.fd", NULL);
    f->log = g_build_filename(f->dir, "log", NULL);
    for (int i = 0; i < CODE_SIZE; i++) {
        f->code_data[i] = i * 7 + (i >> 8);
    }
    memset(vars, 0xff, sizeof(vars));
    g_assert_true(
        g_file_set_contents(f->code, (char *)f->code_data, CODE_SIZE, NULL));
    g_assert_true(
        g_file_set_contents(f->vars, (char *)vars, sizeof(vars), NULL));
    f->s = qtest_initf("-M pc -nodefaults -d guest_errors -D %s "
                       "-drive if=pflash,format=raw,unit=0,file=%s,"
                       "readonly=on "
                       "-drive if=pflash,format=raw,unit=1,file=%s",
                       f->log, f->code, f->vars);
}

static void flash_end(Flash *f)
{
    if (f->s) {
        qtest_quit(f->s);
    }
    unlink(f->code);
    unlink(f->vars);
    unlink(f->log);
    rmdir(f->dir);
    g_free(f->code);
    g_free(f->vars);
    g_free(f->log);
    g_free(f->dir);
}

/* Unit 0 ends at 4 GiB, unit 1 below it; unit 0's last bytes at 1 MiB. */
static void test_layout(void)
{
    Flash f;

    flash_start(&f);
    g_assert_cmphex(qtest_readl(f.s, 0xfffffff0), ==,
                    *(uint32_t *)(f.code_data + CODE_SIZE - 16));
    g_assert_cmphex(qtest_readl(f.s, CODE_BASE), ==, *(uint32_t *)f.code_data);
    g_assert_cmphex(qtest_readl(f.s, VARS_BASE), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(f.s, VARS_BASE + VARS_SIZE - 4), ==,
                    0xffffffff);
    g_assert_cmphex(qtest_readl(f.s, 0xffff0), ==,
                    *(uint32_t *)(f.code_data + CODE_SIZE - 16));
    flash_end(&f);
}

/*
 * Debian's OVMF_CODE_4M.fd and OVMF_VARS_4M.fd sizes (not powers of 2):
 * VARS ends where CODE starts, 4 MiB below 4 GiB in all.
 */
static void test_ovmf_sizes(void)
{
    const gsize code_len = 0x37c000, vars_len = 0x84000;
    g_autofree char *dir = g_dir_make_tmp("pflash-XXXXXX", NULL);
    g_autofree char *code = g_build_filename(dir, "code.fd", NULL);
    g_autofree char *vars = g_build_filename(dir, "vars.fd", NULL);
    g_autofree uint8_t *c = g_malloc(code_len), *v = g_malloc(vars_len);
    QTestState *s;

    for (gsize i = 0; i < code_len; i++) {
        c[i] = i / 4096 + 1;
    }
    for (gsize i = 0; i < vars_len; i++) {
        v[i] = 0x80 | (i / 4096);
    }
    g_assert_true(g_file_set_contents(code, (char *)c, code_len, NULL));
    g_assert_true(g_file_set_contents(vars, (char *)v, vars_len, NULL));
    s = qtest_initf("-M pc -nodefaults "
                    "-drive if=pflash,format=raw,unit=0,file=%s,readonly=on "
                    "-drive if=pflash,format=raw,unit=1,file=%s",
                    code, vars);
    g_assert_cmphex(qtest_readb(s, 0xffffffff), ==, c[code_len - 1]);
    g_assert_cmphex(qtest_readb(s, 0xffc84000), ==, c[0]);
    g_assert_cmphex(qtest_readb(s, 0xffc83fff), ==, v[vars_len - 1]);
    g_assert_cmphex(qtest_readb(s, 0xffc00000), ==, v[0]);
    qtest_quit(s);
    unlink(code);
    unlink(vars);
    rmdir(dir);
}

/* The CFI query structure of the 32 KiB unit, 4 KiB sectors. */
static void test_cfi_query(void)
{
    Flash f;
    char qry[4] = "", pri[4] = "";

    flash_start(&f);
    qtest_writeb(f.s, VARS_BASE + 0x55, 0x98);
    for (int i = 0; i < 3; i++) {
        qry[i] = qtest_readb(f.s, VARS_BASE + 0x10 + i);
        pri[i] = qtest_readb(f.s, VARS_BASE + 0x31 + i);
    }
    g_assert_cmpstr(qry, ==, "QRY");
    g_assert_cmpstr(pri, ==, "PRI");
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x13), ==, 0x01);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x14), ==, 0x00);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x15), ==, 0x31);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x27), ==, 15);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x2c), ==, 1);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x2d), ==, 7);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x2e), ==, 0);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x2f), ==, 0x10);
    g_assert_cmpuint(qtest_readb(f.s, VARS_BASE + 0x30), ==, 0);
    /* Read Array again. */
    qtest_writeb(f.s, VARS_BASE, 0xff);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x10), ==, 0xff);
    flash_end(&f);
}

/* Program and erase: status "ready" and the file holds the result. */
static void test_program_erase(void)
{
    Flash f;
    g_autofree char *data = NULL;
    gsize len;

    flash_start(&f);
    qtest_writeb(f.s, VARS_BASE + 0x100, 0x40);
    qtest_writeb(f.s, VARS_BASE + 0x100, 0x5a);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x100), ==, 0x80);
    qtest_writeb(f.s, VARS_BASE + 0x2001, 0x10);
    qtest_writeb(f.s, VARS_BASE + 0x2001, 0xa5);
    qtest_writeb(f.s, VARS_BASE, 0xff);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x100), ==, 0x5a);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x2001), ==, 0xa5);
    g_assert_true(g_file_get_contents(f.vars, &data, &len, NULL));
    g_assert_cmpuint(len, ==, VARS_SIZE);
    g_assert_cmphex((uint8_t)data[0x100], ==, 0x5a);
    g_assert_cmphex((uint8_t)data[0x2001], ==, 0xa5);
    g_clear_pointer(&data, g_free);

    /* Erase the first 4 KiB block: 0x100 goes, 0x2001 stays. */
    qtest_writeb(f.s, VARS_BASE + 0x123, 0x20);
    qtest_writeb(f.s, VARS_BASE + 0x123, 0xd0);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE), ==, 0x80);
    qtest_writeb(f.s, VARS_BASE, 0xff);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x100), ==, 0xff);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE + 0x2001), ==, 0xa5);
    g_assert_true(g_file_get_contents(f.vars, &data, &len, NULL));
    g_assert_cmphex((uint8_t)data[0x100], ==, 0xff);
    g_assert_cmphex((uint8_t)data[0x2001], ==, 0xa5);

    /* Clear Status: the register reads 0 (OVMF's flash detection). */
    qtest_writeb(f.s, VARS_BASE, 0x50);
    qtest_writeb(f.s, VARS_BASE, 0x70);
    g_assert_cmphex(qtest_readb(f.s, VARS_BASE), ==, 0x00);
    flash_end(&f);
}

/* The read-only unit: programming fails and changes nothing. */
static void test_read_only(void)
{
    Flash f;
    g_autofree char *data = NULL, *log = NULL;
    gsize len;
    uint8_t sr;

    flash_start(&f);
    qtest_writeb(f.s, CODE_BASE + 8, 0x40);
    qtest_writeb(f.s, CODE_BASE + 8, 0x00);
    sr = qtest_readb(f.s, CODE_BASE + 8);
    g_assert_cmphex(sr & 0x90, ==, 0x90); /* ready, SR.4 program error */
    qtest_writeb(f.s, CODE_BASE, 0xff);
    g_assert_cmphex(qtest_readb(f.s, CODE_BASE + 8), ==, f.code_data[8]);
    if (qtest_has_accel()) {
        /* Ours: the block is locked (SR.1), and the log says why. */
        g_assert_cmphex(sr, ==, 0x92);
        qtest_quit(f.s);
        f.s = NULL;
        g_assert_true(g_file_get_contents(f.log, &log, NULL, NULL));
        g_assert_nonnull(strstr(log, "read-only flash refused"));
    }
    g_assert_true(g_file_get_contents(f.code, &data, &len, NULL));
    g_assert_cmpmem(data, len, f.code_data, CODE_SIZE);
    flash_end(&f);
}

/*
 * Random commands and data at random places of both units: no crash, the
 * read-only unit's file untouched, the VARS file keeps its size, and
 * Read Array (twice: the first may be a pending command's data) brings
 * the code back.
 */
static void test_hostile(void)
{
    Flash f;
    GRand *r = g_rand_new_with_seed(42);
    g_autofree char *code = NULL, *vars = NULL;
    gsize code_len, vars_len;

    flash_start(&f);
    for (int i = 0; i < 3000; i++) {
        uint64_t a = VARS_BASE + g_rand_int_range(r, 0, CODE_SIZE + VARS_SIZE);
        static const uint8_t cmds[] = { 0x10, 0x20, 0x40, 0x50, 0x60, 0x70,
                                        0x90, 0x98, 0xb0, 0xd0, 0xe8, 0xff };

        if (g_rand_boolean(r)) {
            qtest_writeb(f.s, a, cmds[g_rand_int_range(r, 0, sizeof(cmds))]);
        } else if (g_rand_boolean(r)) {
            qtest_writel(f.s, a & ~3ULL, g_rand_int(r));
        } else {
            qtest_readl(f.s, a & ~3ULL);
        }
    }
    /* The first may end a pending two-cycle command (refused here). */
    qtest_writeb(f.s, CODE_BASE, 0xff);
    qtest_writeb(f.s, CODE_BASE, 0xff);
    g_assert_cmphex(qtest_readl(f.s, CODE_BASE), ==, *(uint32_t *)f.code_data);
    qtest_quit(f.s);
    f.s = NULL;
    g_assert_true(g_file_get_contents(f.code, &code, &code_len, NULL));
    g_assert_cmpmem(code, code_len, f.code_data, CODE_SIZE);
    g_assert_true(g_file_get_contents(f.vars, &vars, &vars_len, NULL));
    g_assert_cmpuint(vars_len, ==, VARS_SIZE);
    g_rand_free(r);
    flash_end(&f);
}

/* Bad -drive if=pflash options: status 1 and one line naming the problem. */
static void expect_error(const char *extra, const char *msg)
{
    g_autofree char *args =
        g_strdup_printf("-M pc -display none -S %s %s",
                        qtest_has_accel() ? "-accel qtest" : "", extra);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
    if (!strstr(err, msg)) {
        g_error("expected '%s' in: %s", msg, err);
    }
    g_assert_cmpint(strchr(err, '\n') - err + 1, ==, strlen(err));
}

/* Ours only: QEMU's messages differ in places. */
static void test_bad_options(void)
{
    Flash f;
    g_autofree char *odd = NULL, *args = NULL;

    flash_start(&f);
    odd = g_build_filename(f.dir, "odd.fd", NULL);
    g_assert_true(g_file_set_contents(odd, "0123456789", 10, NULL));
    args = g_strdup_printf("-drive if=pflash,format=raw,file=%s", odd);
    expect_error(args, "must be a multiple of 4096 bytes");
    g_free(args);
    args =
        g_strdup_printf("-drive if=pflash,format=raw,unit=2,file=%s", f.vars);
    expect_error(args, "does not support if=pflash,bus=0,unit=2");
    g_free(args);
    args =
        g_strdup_printf("-drive if=pflash,format=raw,unit=1,file=%s", f.vars);
    expect_error(args, "needs a unit 0");
    g_free(args);
    args = g_strdup_printf("-bios %s -drive if=pflash,format=raw,file=%s",
                           f.code, f.vars);
    expect_error(args, "already in -drive if=pflash");
    unlink(odd);
    flash_end(&f);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/pflash/layout", test_layout);
    qtest_add_func("/pc/pflash/ovmf-sizes", test_ovmf_sizes);
    qtest_add_func("/pc/pflash/cfi-query", test_cfi_query);
    qtest_add_func("/pc/pflash/program-erase", test_program_erase);
    qtest_add_func("/pc/pflash/read-only", test_read_only);
    if (qtest_has_accel()) {
        qtest_add_func("/pc/pflash/bad-options", test_bad_options);
        qtest_add_func("/pc/pflash/hostile", test_hostile);
    }
    return g_test_run();
}
