/*
 * The pc machine's 16550 UARTs (isa-serial) through their ports, as QEMU
 * 7.2 has them: COM1 at 0x3f8 (IRQ 4) by default, COM2 at 0x2f8 (IRQ 3)
 * for a second -serial, none with -nodefaults and no -serial; the
 * registers' reset values, the scratch register, loopback, and the IRQ
 * line seen through irq_intercept_in on "ioapic". (NS16550A datasheet.)
 */
#include "libqtest.h"

#define COM1 0x3f8
#define COM2 0x2f8

enum {
    RBR = 0,
    THR = 0,
    IER = 1,
    IIR = 2,
    FCR = 2,
    LCR = 3,
    MCR = 4,
    LSR = 5,
    MSR = 6,
    SCR = 7
};

static void test_reset_values(void)
{
    QTestState *s = qtest_init("-M pc");

    g_assert_cmphex(qtest_inb(s, COM1 + IER), ==, 0x00);
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x01); /* none pending */
    g_assert_cmphex(qtest_inb(s, COM1 + LCR), ==, 0x00);
    g_assert_cmphex(qtest_inb(s, COM1 + MCR), ==, 0x08); /* OUT2 */
    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x60); /* THRE, TEMT */
    g_assert_cmphex(qtest_inb(s, COM1 + MSR), ==, 0xb0); /* DCD DSR CTS */
    /* A dword reads four registers, a byte each. */
    g_assert_cmphex(qtest_inl(s, COM1 + MCR), ==, 0x00b06008);
    qtest_quit(s);
}

static void test_scratch(void)
{
    QTestState *s = qtest_init("-M pc");

    for (unsigned v = 0; v < 256; v += 0x55) {
        qtest_outb(s, COM1 + SCR, v);
        g_assert_cmphex(qtest_inb(s, COM1 + SCR), ==, v);
    }
    qtest_quit(s);
}

/* The divisor latch behind DLAB, and the registers it hides come back. */
static void test_divisor_latch(void)
{
    QTestState *s = qtest_init("-M pc");

    qtest_outb(s, COM1 + IER, 0x05);
    qtest_outb(s, COM1 + LCR, 0x83);
    qtest_outb(s, COM1 + 0, 0x01);
    qtest_outb(s, COM1 + 1, 0x00);
    g_assert_cmphex(qtest_inb(s, COM1 + 0), ==, 0x01);
    g_assert_cmphex(qtest_inb(s, COM1 + 1), ==, 0x00);
    qtest_outb(s, COM1 + LCR, 0x03);
    g_assert_cmphex(qtest_inb(s, COM1 + IER), ==, 0x05);
    g_assert_cmphex(qtest_inb(s, COM1 + LCR), ==, 0x03);
    qtest_quit(s);
}

static void test_loopback(void)
{
    QTestState *s = qtest_init("-M pc");

    qtest_outb(s, COM1 + MCR, 0x10 | 0x0b); /* LOOP, OUT2, RTS, DTR */
    /* The modem outputs come back as inputs: DTR->DSR, RTS->CTS, OUT2->DCD. */
    g_assert_cmphex(qtest_inb(s, COM1 + MSR) & 0xf0, ==, 0xb0);
    qtest_outb(s, COM1 + THR, 'Q');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x61); /* DR too */
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, 'Q');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x60);
    /* Two bytes without FIFOs: the second overruns the first. */
    qtest_outb(s, COM1 + THR, 'a');
    qtest_outb(s, COM1 + THR, 'b');
    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x63); /* OE, DR */
    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0x61); /* OE cleared */
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, 'b');
    qtest_quit(s);
}

/* THRE and received-data interrupts on ISA IRQ 4, and their clearing. */
static void test_irq(void)
{
    QTestState *s = qtest_init("-M pc");

    qtest_irq_intercept_in(s, "ioapic");
    g_assert_false(qtest_get_irq(s, 4));
    qtest_outb(s, COM1 + IER, 0x02); /* ETBEI: the THR is empty */
    g_assert_true(qtest_get_irq(s, 4));
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x02);
    g_assert_false(qtest_get_irq(s, 4)); /* reading IIR cleared THRE */
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x01);
    qtest_outb(s, COM1 + IER, 0x01); /* ERBFI */
    qtest_outb(s, COM1 + MCR, 0x18);
    qtest_outb(s, COM1 + THR, 0x41);
    g_assert_true(qtest_get_irq(s, 4));
    g_assert_cmphex(qtest_inb(s, COM1 + IIR), ==, 0x04);
    g_assert_cmphex(qtest_inb(s, COM1 + RBR), ==, 0x41);
    g_assert_false(qtest_get_irq(s, 4));
    qtest_quit(s);
}

static void test_second_port_and_irq_property(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -serial null -serial null "
                               "-device isa-serial,iobase=0x3e8,irq=5");

    qtest_irq_intercept_in(s, "ioapic");
    qtest_outb(s, COM2 + SCR, 0x5a);
    g_assert_cmphex(qtest_inb(s, COM2 + SCR), ==, 0x5a);
    qtest_outb(s, COM2 + IER, 0x02);
    g_assert_true(qtest_get_irq(s, 3));
    g_assert_false(qtest_get_irq(s, 4));
    qtest_outb(s, 0x3e8 + IER, 0x02);
    g_assert_true(qtest_get_irq(s, 5));
    qtest_quit(s);
}

static void test_nodefaults_no_port(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");

    g_assert_cmphex(qtest_inb(s, COM1 + LSR), ==, 0xff);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/serial/reset-values", test_reset_values);
    qtest_add_func("/pc/serial/scratch", test_scratch);
    qtest_add_func("/pc/serial/divisor-latch", test_divisor_latch);
    qtest_add_func("/pc/serial/loopback", test_loopback);
    qtest_add_func("/pc/serial/irq", test_irq);
    qtest_add_func("/pc/serial/com2-and-irq-property",
                   test_second_port_and_irq_property);
    qtest_add_func("/pc/serial/nodefaults", test_nodefaults_no_port);
    return g_test_run();
}
