/*
 * Hostile input to the x86_64 `pc` machine on our binary only: the qtest
 * port commands answer bad lines with FAIL and the session goes on
 * (Debian's QEMU aborts on them), and a guest writing random values to
 * every I/O port and reading them all back leaves the emulator running
 * and answering (Debian's QEMU aborts on pc-testdev's IRQ ports above
 * 15).
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

/* Random bytes to every port, then every port read. */
static void sweep_ports(QTestState *s)
{
    for (unsigned port = 0; port <= 0xffff; port++) {
        g_autofree char *line = g_strdup_printf("outb 0x%x 0x%x", port,
                                                g_test_rand_int_range(0, 256));

        g_free(qtest_raw_cmd(s, line));
    }
    for (unsigned port = 0; port <= 0xffff; port++) {
        qtest_inb(s, port);
    }
}

/* Wider and unaligned accesses at random ports below 0x3000. */
static void random_wide_accesses(QTestState *s)
{
    for (int i = 0; i < 4096; i++) {
        uint16_t port = g_test_rand_int_range(0, 0x3000);

        qtest_outw(s, port, g_test_rand_int());
        qtest_outl(s, port, g_test_rand_int());
        qtest_inw(s, port);
        qtest_inl(s, port);
    }
}

static void test_port_sweep(void)
{
    QTestState *s = qtest_init("-M pc -device pc-testdev -serial null "
                               "-serial null -rtc clock=vm");
    const char *reason;
    JsonObject *r;

    sweep_ports(s);
    /* Time passes over whatever the devices were left in. */
    qtest_clock_step(s, 3 * 1000000000LL);
    random_wide_accesses(s);
    r = qtest_qmp(s, "{'execute': 'query-status'}");
    g_assert_false(qmp_has_error(r));
    /* Still a PC after a system_reset: COM1's reset values. */
    json_object_unref(qtest_qmp(s, "{'execute': 'system_reset'}"));
    do {
        /* Skip the resets the sweep asked for through 0x92 and 0x64. */
        json_object_unref(r);
        r = qtest_qmp_eventwait(s, "RESET");
        reason = json_object_get_string_member(
            json_object_get_object_member(r, "data"), "reason");
    } while (strcmp(reason, "host-qmp-system-reset"));
    json_object_unref(r);
    g_assert_cmphex(qtest_inb(s, 0x3fd), ==, 0x60);
    qtest_quit(s);
}

/*
 * The RTC at the end of time: a clock that starts two seconds before
 * year 10000, with every interrupt on, and then nonsense in the time
 * registers (BCD digits above 9). Nothing may overflow (UBSan checks it
 * in the sanitizer build) and the emulator must keep answering.
 */
static void test_rtc_extremes(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -rtc clock=vm,"
                               "base=9999-12-31T23:59:58");

    qtest_outb(s, 0x70, 0x0a);
    qtest_outb(s, 0x71, 0x21); /* 256 Hz */
    qtest_outb(s, 0x70, 0x0b);
    qtest_outb(s, 0x71, 0x72); /* PIE, AIE, UIE, 24-hour */
    qtest_clock_step(s, 3 * 1000000000LL);
    for (unsigned reg = 0; reg < 0x80; reg++) {
        qtest_outb(s, 0x70, reg);
        qtest_inb(s, 0x71);
    }
    for (unsigned reg = 0; reg <= 9; reg++) {
        qtest_outb(s, 0x70, reg);
        qtest_outb(s, 0x71, 0xff);
    }
    qtest_outb(s, 0x70, 0x32);
    qtest_outb(s, 0x71, 0xff);
    qtest_clock_step(s, 2 * 1000000000LL);
    for (unsigned reg = 0; reg <= 0x32; reg++) {
        qtest_outb(s, 0x70, reg);
        qtest_inb(s, 0x71);
    }
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/hostile/malformed-port-lines",
                   test_malformed_port_lines);
    qtest_add_func("/pc/hostile/port-sweep", test_port_sweep);
    qtest_add_func("/pc/hostile/rtc-extremes", test_rtc_extremes);
    return g_test_run();
}
