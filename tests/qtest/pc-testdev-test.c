/*
 * -device pc-testdev with QEMU's layout: the scratch register at 0xe0
 * (any width) and 0xe8 (byte-wise), the IRQ line ports from 0x2000, and
 * the scratch memory at 0xff000000.
 */
#include "libqtest.h"

static void test_ioport(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -device pc-testdev");

    qtest_outl(s, 0xe0, 0x12345678);
    g_assert_cmphex(qtest_inl(s, 0xe0), ==, 0x12345678);
    g_assert_cmphex(qtest_inw(s, 0xe2), ==, 0x1234);
    g_assert_cmphex(qtest_inb(s, 0xe1), ==, 0x56);
    qtest_outb(s, 0xe3, 0xab);
    g_assert_cmphex(qtest_inl(s, 0xe0), ==, 0xab345678);
    /* The same register, a byte at a time, at 0xe8. */
    g_assert_cmphex(qtest_inl(s, 0xe8), ==, 0xab345678);
    qtest_outw(s, 0xe9, 0xcdef);
    g_assert_cmphex(qtest_inl(s, 0xe0), ==, 0xabcdef78);
    qtest_quit(s);
}

static void test_iomem(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -device pc-testdev");

    qtest_writel(s, 0xff000000, 0xdeadbeef);
    qtest_writeb(s, 0xff00ffff, 0x5a);
    g_assert_cmphex(qtest_readl(s, 0xff000000), ==, 0xdeadbeef);
    g_assert_cmphex(qtest_readw(s, 0xff000002), ==, 0xdead);
    g_assert_cmphex(qtest_readb(s, 0xff00ffff), ==, 0x5a);
    qtest_quit(s);
}

static void test_irq_lines(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -device pc-testdev");

    qtest_irq_intercept_in(s, "ioapic");
    for (int line = 3; line < 16; line += 5) {
        qtest_outb(s, 0x2000 + line, 1);
        g_assert_true(qtest_get_irq(s, line));
        qtest_outb(s, 0x2000 + line, 0);
        g_assert_false(qtest_get_irq(s, line));
    }
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/testdev/ioport", test_ioport);
    qtest_add_func("/pc/testdev/iomem", test_iomem);
    qtest_add_func("/pc/testdev/irq-lines", test_irq_lines);
    return g_test_run();
}
