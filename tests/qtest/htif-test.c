/*
 * Spike's HTIF (-M spike) with no ELF symbols, so at its fixed address:
 * fromhost at 0x1000000, tohost at 0x1000008 (as QEMU 7.2 has them). Commands
 * are posted by writing tohost; answers are read from fromhost.
 *
 * QEMU 7.2 behaves the same (see htif-syscall-test.c for what it lacks).
 */
#include <glib/gstdio.h>
#include "libqtest.h"

#define TOHOST   0x1000008
#define FROMHOST 0x1000000

#define CMD(dev, cmd, payload) \
    (((uint64_t)(dev) << 56) | ((uint64_t)(cmd) << 48) | (payload))

typedef struct Htif {
    QTestState *qts;
    char *dir;
    char *serial; /* the console's output file */
} Htif;

static Htif *htif_start(void)
{
    Htif *h = g_new0(Htif, 1);
    g_autofree char *args = NULL;

    h->dir = g_dir_make_tmp("htif-test-XXXXXX", NULL);
    g_assert(h->dir);
    h->serial = g_build_filename(h->dir, "serial.txt", NULL);
    args = g_strdup_printf("-M spike -serial file:%s", h->serial);
    h->qts = qtest_init(args);
    return h;
}

/* Quit (unless already gone) and return what the console printed. */
static char *htif_stop(Htif *h, bool quit)
{
    char *out = NULL;

    if (quit) {
        qtest_quit(h->qts);
    }
    g_assert_true(g_file_get_contents(h->serial, &out, NULL, NULL));
    g_unlink(h->serial);
    g_rmdir(h->dir);
    g_free(h->serial);
    g_free(h->dir);
    g_free(h);
    return out;
}

/* putchar prints, clears tohost and answers (1, 1, 0x100 | char). */
static void test_putchar(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_writeq(h->qts, TOHOST, CMD(1, 1, 'o'));
    g_assert_cmphex(qtest_readq(h->qts, TOHOST), ==, 0);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, CMD(1, 1, 0x16f));
    qtest_writeq(h->qts, FROMHOST, 0);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, 0);
    qtest_writeq(h->qts, TOHOST, CMD(1, 1, 'k'));
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "ok");
}

/* A 32-bit guest writes the low word, then the high one. */
static void test_putchar_halves(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_writel(h->qts, TOHOST, 'x');
    g_assert_cmphex(qtest_readl(h->qts, TOHOST), ==, 'x'); /* not yet */
    qtest_writel(h->qts, TOHOST + 4, 0x01010000);
    g_assert_cmphex(qtest_readq(h->qts, TOHOST), ==, 0);
    g_assert_cmphex(qtest_readl(h->qts, FROMHOST), ==, 0x178);
    g_assert_cmphex(qtest_readl(h->qts, FROMHOST + 4), ==, 0x01010000);
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "x");
}

/* Unknown devices and commands: answered with an empty payload. */
static void test_unknown_command(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_writeq(h->qts, TOHOST, CMD(2, 0, 1));
    g_assert_cmphex(qtest_readq(h->qts, TOHOST), ==, 0);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, CMD(2, 0, 0));
    qtest_writeq(h->qts, FROMHOST, 0);
    qtest_writeq(h->qts, TOHOST, CMD(1, 7, 'z'));
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, CMD(1, 7, 0));
    qtest_writeq(h->qts, FROMHOST, 0);
    qtest_writeq(h->qts, TOHOST, CMD(0, 3, 'z'));
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, CMD(0, 3, 0));
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "");
}

/* getchar with no input: taken (tohost clears), no answer yet. */
static void test_getchar_no_input(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_writeq(h->qts, TOHOST, CMD(1, 0, 0));
    g_assert_cmphex(qtest_readq(h->qts, TOHOST), ==, 0);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, 0);
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/htif/putchar", test_putchar);
    qtest_add_func("/htif/putchar-halves", test_putchar_halves);
    qtest_add_func("/htif/unknown-command", test_unknown_command);
    qtest_add_func("/htif/getchar-no-input", test_getchar_no_input);
    return g_test_run();
}
