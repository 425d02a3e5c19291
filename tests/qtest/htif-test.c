/*
 * Spike's HTIF (-M spike) with no ELF symbols, so at its fixed address:
 * fromhost at 0x1000000, tohost at 0x1000008 (as QEMU 7.2 has them). Commands
 * are posted by writing tohost; answers are read from fromhost.
 *
 * QEMU 7.2 behaves the same (see htif-syscall-test.c for what it lacks).
 */
#include "htif-common.h"

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
