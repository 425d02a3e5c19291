/*
 * Hostile input to the x86_64 `pc` machine on our binary only (Debian's
 * QEMU aborts on malformed qtest lines): the qtest port commands answer
 * bad lines with FAIL and the session goes on.
 */
#include "libqtest.h"
#include <string.h>

static void test_malformed_port_lines(void)
{
    static const char *const bad[] = {
        "inb",         "inw zz",         "inl 0x10000", "outb 0x80",
        "outw 0x80 x", "outl -1 0",      "inb 0x-1",    "outb 0x1ffff 1",
        "inq 0x80",    "outb 0x80 0x1g", "inb 1e3",
    };
    QTestState *s = qtest_init("-M pc");

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *r = qtest_raw_cmd(s, bad[i]);

        if (strncmp(r, "FAIL", 4)) {
            g_error("'%s' answered '%s', not FAIL", bad[i], r);
        }
    }
    /* Still answering, and a value wider than the access is cut. */
    qtest_outb(s, 0x4000, 0xff);
    g_free(qtest_raw_cmd(s, "outb 0x4000 0x1ff"));
    g_assert_cmphex(qtest_inb(s, 0x4000), ==, 0xff);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/hostile/malformed-port-lines",
                   test_malformed_port_lines);
    return g_test_run();
}
