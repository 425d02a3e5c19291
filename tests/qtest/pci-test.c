/*
 * The pc machine's PCI bus through configuration mechanism #1 (0xCF8 and
 * 0xCFC), against ours and Debian's QEMU 7.2: the i440FX, PIIX3 and PIIX4
 * PM functions, what absent functions read, BAR sizing of pci-testdev,
 * the i440FX's PAM shadowing of the BIOS, and the PIIX4's ACPI PM timer.
 */
#include "libpc.h"

#define ARGS    "-M pc -nodefaults"
#define TESTDEV "-device pci-testdev,addr=05.0"

static void test_ids(void)
{
    QTestState *s = qtest_init(ARGS);

    g_assert_cmphex(pc_pci_readl(s, DEVFN(0, 0), 0), ==, 0x12378086);
    g_assert_cmphex(pc_pci_readw(s, DEVFN(0, 0), 0x0a), ==, 0x0600);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 0), 0), ==, 0x70008086);
    g_assert_cmphex(pc_pci_readw(s, DEVFN(1, 0), 0x0a), ==, 0x0601);
    /* The ISA bridge is function 0 of a multi-function device. */
    g_assert_cmphex(pc_pci_readb(s, DEVFN(1, 0), 0x0e), ==, 0x80);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 3), 0), ==, 0x71138086);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 3), 0x08), ==, 0x06800003);
    g_assert_cmphex(pc_pci_readb(s, DEVFN(1, 3), 0x3d), ==, 1);
    qtest_quit(s);
}

/* Nothing there: all ones, at every width; writes are dropped. */
static void test_absent(void)
{
    QTestState *s = qtest_init(ARGS);

    g_assert_cmphex(pc_pci_readl(s, DEVFN(0x1f, 7), 0), ==, 0xffffffff);
    g_assert_cmphex(pc_pci_readw(s, DEVFN(1, 5), 2), ==, 0xffff);
    g_assert_cmphex(pc_pci_readb(s, DEVFN(9, 0), 0x3c), ==, 0xff);
    pc_pci_writel(s, DEVFN(9, 0), 0x10, 0);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(9, 0), 0x10), ==, 0xffffffff);
    /* Bus 1 has nothing. */
    qtest_outl(s, 0xcf8, PCI_CFG(1, 0, 0));
    g_assert_cmphex(qtest_inl(s, 0xcfc), ==, 0xffffffff);
    /* CONFADD reads back what was written. */
    g_assert_cmphex(qtest_inl(s, 0xcf8), ==, PCI_CFG(1, 0, 0));
    qtest_quit(s);
}

/* Read-only IDs, writable command bits, PIRQ routing's reset value. */
static void test_masks(void)
{
    QTestState *s = qtest_init(ARGS);

    pc_pci_writel(s, DEVFN(1, 0), 0, 0);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 0), 0), ==, 0x70008086);
    pc_pci_writeb(s, DEVFN(1, 0), 0x3c, 0x0b);
    g_assert_cmphex(pc_pci_readb(s, DEVFN(1, 0), 0x3c), ==, 0x0b);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 0), 0x60), ==, 0x80808080);
    pc_pci_writeb(s, DEVFN(1, 0), 0x61, 0x0a);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(1, 0), 0x60), ==, 0x80800a80);
    qtest_quit(s);
}

/* BAR sizing (PCI 3.0 6.2.5.1): all ones in, the size mask out. */
static void test_bar_sizing(void)
{
    QTestState *s = qtest_init(ARGS " " TESTDEV);
    int d = DEVFN(5, 0);

    g_assert_cmphex(pc_pci_readl(s, d, 0), ==, 0x00051b36);
    g_assert_cmphex(pc_pci_readl(s, d, 0x10), ==, 0);
    g_assert_cmphex(pc_pci_readl(s, d, 0x14), ==, 1); /* I/O */
    pc_pci_writel(s, d, 0x10, 0xffffffff);
    pc_pci_writel(s, d, 0x14, 0xffffffff);
    g_assert_cmphex(pc_pci_readl(s, d, 0x10), ==, 0xfffff000); /* 4 KiB */
    g_assert_cmphex(pc_pci_readl(s, d, 0x14), ==, 0xffffff01); /* 256 */
    /* Unimplemented BARs read 0 and stay so. */
    pc_pci_writel(s, d, 0x18, 0xffffffff);
    g_assert_cmphex(pc_pci_readl(s, d, 0x18), ==, 0);
    pc_pci_writel(s, d, 0x10, 0xfebf1234);
    g_assert_cmphex(pc_pci_readl(s, d, 0x10), ==, 0xfebf1000);
    qtest_quit(s);
}

/*
 * PAM (82441FX 3.2.18): at reset 0xF0000-0xFFFFF shows the BIOS; with
 * PAM0 = 0x30 it is RAM (reads and writes), and 0x00 brings the BIOS back.
 */
static void test_pam(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t bios = qtest_readl(s, 0xffff0);

    g_assert_cmphex(bios, ==, qtest_readl(s, 0xfffffff0));
    g_assert_cmphex(pc_pci_readb(s, DEVFN(0, 0), 0x59), ==, 0);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x30);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, 0);
    qtest_writel(s, 0xffff0, 0x12345678);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, 0x12345678);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x00);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, bios);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x30);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, 0x12345678);
    /* 0xC0000-0xC3FFF through PAM1's low nibble, alone. */
    pc_pci_writeb(s, DEVFN(0, 0), 0x5a, 0x03);
    qtest_writel(s, 0xc0000, 0xcafef00d);
    qtest_writel(s, 0xc4000, 0xcafef00d);
    g_assert_cmphex(qtest_readl(s, 0xc0000), ==, 0xcafef00d);
    g_assert_cmphex(qtest_readl(s, 0xc4000), !=, 0xcafef00d);
    qtest_quit(s);
}

/*
 * The PM timer (ACPI 6.4 4.8.3.3: 24 bits at 3.579545 MHz) counts in the
 * PM block at PMBA + 8 once PMIOSE is set. Ours: exactly, under
 * clock_step. Debian's (no qtest accelerator, started with -S): the VM
 * runs for a while of wall-clock time and the timer must have moved by
 * about as much (SeaBIOS, running meanwhile, programs the same PMBA).
 */
static void test_pm_timer(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t t0, t1;

    pc_pci_writel(s, DEVFN(1, 3), 0x40, 0x601);
    pc_pci_writeb(s, DEVFN(1, 3), 0x80, 1);
    t0 = qtest_inl(s, 0x608);
    g_assert_cmphex(t0 >> 24, ==, 0);
    if (qtest_has_accel()) {
        qtest_clock_step(s, 100000000);
        t1 = qtest_inl(s, 0x608);
        /* 0.1 s is 357954.5 ticks: 357954 or 357955 by where t0 fell. */
        g_assert_cmpuint((t1 - t0) & 0xffffff, >=, 357954);
        g_assert_cmpuint((t1 - t0) & 0xffffff, <=, 357955);
    } else {
        gint64 start = g_get_monotonic_time(), us;

        json_object_unref(qtest_qmp(s, "{'execute': 'cont'}"));
        g_usleep(200000);
        t1 = qtest_inl(s, 0x608);
        us = g_get_monotonic_time() - start;
        /* Not more than wall-clock time allows, and at least a tick. */
        g_assert_cmpuint((t1 - t0) & 0xffffff, >, 0);
        g_assert_cmpuint((t1 - t0) & 0xffffff, <=, us * 3.58 + 1000);
    }
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pci/ids", test_ids);
    qtest_add_func("/pci/absent", test_absent);
    qtest_add_func("/pci/masks", test_masks);
    qtest_add_func("/pci/bar-sizing", test_bar_sizing);
    qtest_add_func("/pci/pam", test_pam);
    qtest_add_func("/pc/pm-timer", test_pm_timer);
    return g_test_run();
}
