/*
 * Resetting the pc machine from the guest's side, as QEMU 7.2 does it:
 * bit 0 of port 0x92 (system control port A), and the 8042's pulse
 * command 0xfe, each a RESET event (guest-reset) or, with -no-reboot, a
 * SHUTDOWN and the exit. Also the 8042 as firmware sees it: status,
 * command byte, self tests, and the keyboard's and mouse's replies with
 * their IRQs (1 and 12).
 */
#include "libqtest.h"
#include <sys/wait.h>

static void assert_guest_reset(JsonObject *ev)
{
    JsonObject *data = json_object_get_object_member(ev, "data");

    g_assert_true(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==,
                    "guest-reset");
    json_object_unref(ev);
}

static void test_port92_reset(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");

    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x00);
    qtest_outb(s, 0x92, 0x02); /* A20 only */
    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x02);
    qtest_outb(s, 0x92, 0x03);
    assert_guest_reset(qtest_qmp_eventwait(s, "RESET"));
    /* The reset bit is clear again; A20 stays. */
    g_assert_cmphex(qtest_inb(s, 0x92), ==, 0x02);
    qtest_quit(s);
}

static void test_i8042_reset(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");

    qtest_outb(s, 0x64, 0xfe);
    assert_guest_reset(qtest_qmp_eventwait(s, "RESET"));
    /* Writing the output port with bit 0 clear holds the CPU in reset. */
    qtest_outb(s, 0x64, 0xd1);
    qtest_outb(s, 0x60, 0xce);
    assert_guest_reset(qtest_qmp_eventwait(s, "RESET"));
    qtest_quit(s);
}

static void test_no_reboot(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -no-reboot");
    int status;

    qtest_outb(s, 0x92, 0x01);
    assert_guest_reset(qtest_qmp_eventwait(s, "SHUTDOWN"));
    status = qtest_wait_exit(s);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

static void test_i8042_controller(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");

    qtest_irq_intercept_in(s, "ioapic");
    g_assert_cmphex(qtest_inb(s, 0x64), ==, 0x18);
    qtest_outb(s, 0x64, 0x20); /* read the command byte */
    g_assert_cmphex(qtest_inb(s, 0x64), ==, 0x19);
    g_assert_true(qtest_get_irq(s, 1));
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x03);
    g_assert_false(qtest_get_irq(s, 1));
    qtest_outb(s, 0x64, 0xaa); /* self test: 0x55, system flag */
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x55);
    g_assert_cmphex(qtest_inb(s, 0x64), ==, 0x1c);
    qtest_outb(s, 0x64, 0xab);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x00);
    qtest_outb(s, 0x64, 0xd0);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xcf);
    /* Command byte 0: no keyboard interrupt. */
    qtest_outb(s, 0x64, 0x60);
    qtest_outb(s, 0x60, 0x00);
    qtest_outb(s, 0x64, 0x20);
    g_assert_false(qtest_get_irq(s, 1));
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x00);
    qtest_quit(s);
}

static void test_i8042_devices(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");

    qtest_irq_intercept_in(s, "ioapic");
    qtest_outb(s, 0x60, 0xff); /* keyboard reset */
    g_assert_true(qtest_get_irq(s, 1));
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xfa);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xaa);
    g_assert_false(qtest_get_irq(s, 1));
    qtest_outb(s, 0x60, 0xf2); /* identify */
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xfa);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xab);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x83);
    qtest_outb(s, 0x64, 0xd4); /* to the mouse: identify */
    qtest_outb(s, 0x60, 0xf2);
    g_assert_true(qtest_get_irq(s, 12));
    g_assert_cmphex(qtest_inb(s, 0x64), ==, 0x39); /* mouse byte waiting */
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0xfa);
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x00);
    g_assert_false(qtest_get_irq(s, 12));
    g_assert_cmphex(qtest_inb(s, 0x64), ==, 0x18);
    /* Nothing queued: the last byte again. */
    g_assert_cmphex(qtest_inb(s, 0x60), ==, 0x00);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/reset/port92", test_port92_reset);
    qtest_add_func("/pc/reset/i8042", test_i8042_reset);
    qtest_add_func("/pc/reset/no-reboot", test_no_reboot);
    qtest_add_func("/pc/i8042/controller", test_i8042_controller);
    qtest_add_func("/pc/i8042/devices", test_i8042_devices);
    return g_test_run();
}
