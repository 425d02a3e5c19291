/*
 * The pc machine's chipset behaviour that needs our qtest accelerator
 * (clock_step) or differs from QEMU 7.2 on purpose: the PIIX4 PM block
 * (the ACPI PM timer at 3.579545 MHz, TMR_STS and the SCI, the APM
 * ACPI_ENABLE command, S5 through SLP_EN), PIIX3 PIRQ routing, PAM's
 * read-only and write-only modes as the 82441FX datasheet has them (QEMU
 * treats write-only as read/write), and pci-testdev's BARs decoding.
 */
#include "libpc.h"

#define ARGS               "-M pc -nodefaults"
#define PM                 0x600
#define PM_NS_PER_OVERFLOW 2343484437LL /* 2^23 ticks at 3.579545 MHz */

static void pm_enable(QTestState *s)
{
    pc_pci_writel(s, DEVFN(1, 3), 0x40, PM | 1);
    pc_pci_writeb(s, DEVFN(1, 3), 0x80, 1);
}

static void test_pm_timer(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t t0, t1;

    /* Not decoded until PMIOSE. */
    pc_pci_writel(s, DEVFN(1, 3), 0x40, PM | 1);
    g_assert_cmphex(qtest_inl(s, PM + 8), ==, 0xffffffff);
    pc_pci_writeb(s, DEVFN(1, 3), 0x80, 1);
    t0 = qtest_inl(s, PM + 8);
    g_assert_cmphex(t0 >> 24, ==, 0);
    qtest_clock_step(s, 1000000000);
    t1 = qtest_inl(s, PM + 8);
    g_assert_cmpuint((t1 - t0) & 0xffffff, ==, 3579545);
    /* Moved with PMBA. */
    pc_pci_writel(s, DEVFN(1, 3), 0x40, 0xb001);
    g_assert_cmphex(qtest_inl(s, 0xb008), ==, t1);
    g_assert_cmphex(qtest_inl(s, PM + 8), ==, 0xffffffff);
    qtest_quit(s);
}

/* Bit 23 flipping sets TMR_STS; with TMR_EN that is an SCI (ACPI 4.8.3.3). */
static void test_pm_sci(void)
{
    QTestState *s = qtest_init(ARGS);

    pm_enable(s);
    qtest_irq_intercept_out(s, "/machine/unattached/piix4-pm");
    qtest_outw(s, PM + 2, 1); /* TMR_EN */
    g_assert_false(qtest_get_irq(s, 0));
    qtest_clock_step(s, PM_NS_PER_OVERFLOW + 1000);
    g_assert_true(qtest_get_irq(s, 0));
    g_assert_cmphex(qtest_inw(s, PM) & 1, ==, 1);
    /* Write 1 to clear: the SCI goes away. */
    qtest_outw(s, PM, 1);
    g_assert_cmphex(qtest_inw(s, PM) & 1, ==, 0);
    g_assert_false(qtest_get_irq(s, 0));
    /* Status without enable: no SCI. */
    qtest_outw(s, PM + 2, 0);
    qtest_clock_step(s, PM_NS_PER_OVERFLOW + 1000);
    g_assert_cmphex(qtest_inw(s, PM) & 1, ==, 1);
    g_assert_false(qtest_get_irq(s, 0));
    qtest_quit(s);
}

/* The FADT's ACPI_ENABLE/ACPI_DISABLE at SMI_CMD (0xB2) flip SCI_EN. */
static void test_acpi_enable(void)
{
    QTestState *s = qtest_init(ARGS);

    pm_enable(s);
    g_assert_cmphex(qtest_inw(s, PM + 4) & 1, ==, 0);
    qtest_outb(s, 0xb2, 0xf1);
    g_assert_cmphex(qtest_inw(s, PM + 4) & 1, ==, 1);
    qtest_outb(s, 0xb2, 0xf0);
    g_assert_cmphex(qtest_inw(s, PM + 4) & 1, ==, 0);
    /* APMS is scratch. */
    qtest_outb(s, 0xb3, 0x5a);
    g_assert_cmphex(qtest_inb(s, 0xb3), ==, 0x5a);
    qtest_quit(s);
}

/* SLP_EN with SLP_TYP 0 (the DSDT's \_S5) powers off; others do nothing. */
static void test_s5(void)
{
    QTestState *s = qtest_init(ARGS);
    int status;

    pm_enable(s);
    qtest_outw(s, PM + 4, 1 << 10 | 1 << 13); /* S1: not supported */
    g_assert_cmphex(qtest_inw(s, PM + 4) & (1 << 13), ==, 0);
    status = qtest_out_expect_exit(s, PM + 4, 1 << 13, 2);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

/* PIRQRC[B] = 10: PIRQB# is ISA IRQ 10, until routing is disabled. */
static void test_pirq_routing(void)
{
    QTestState *s = qtest_init(ARGS);
    const char *piix3 = "/machine/unattached/piix3";

    qtest_irq_intercept_out(s, piix3);
    qtest_set_irq_in(s, piix3, "pirq", 1, 1);
    g_assert_false(qtest_get_irq(s, 10)); /* reset: not routed */
    pc_pci_writeb(s, DEVFN(1, 0), 0x61, 0x0a);
    g_assert_true(qtest_get_irq(s, 10));
    /* PIRQD# to 10 too: the line stays up until both are low. */
    pc_pci_writeb(s, DEVFN(1, 0), 0x63, 0x0a);
    qtest_set_irq_in(s, piix3, "pirq", 3, 1);
    qtest_set_irq_in(s, piix3, "pirq", 1, 0);
    g_assert_true(qtest_get_irq(s, 10));
    qtest_set_irq_in(s, piix3, "pirq", 3, 0);
    g_assert_false(qtest_get_irq(s, 10));
    qtest_set_irq_in(s, piix3, "pirq", 1, 1);
    g_assert_true(qtest_get_irq(s, 10));
    pc_pci_writeb(s, DEVFN(1, 0), 0x61, 0x8a);
    g_assert_false(qtest_get_irq(s, 10));
    /* IRQ 2 is not a PIRQ target (82371SB 2.2.11). */
    pc_pci_writeb(s, DEVFN(1, 0), 0x61, 0x02);
    g_assert_false(qtest_get_irq(s, 2));
    qtest_quit(s);
}

/*
 * The machine's wiring: the SCI is GSI 9 and a routed PIRQ the GSI of
 * its ISA IRQ, at the inputs of the "ioapic" device (KVM's GSIs).
 */
static void test_gsi_wiring(void)
{
    QTestState *s = qtest_init(ARGS);

    qtest_irq_intercept_in(s, "ioapic");
    pm_enable(s);
    qtest_outw(s, PM + 2, 1); /* TMR_EN */
    qtest_clock_step(s, PM_NS_PER_OVERFLOW + 1000);
    g_assert_true(qtest_get_irq(s, 9));
    qtest_outw(s, PM, 1);
    g_assert_false(qtest_get_irq(s, 9));
    pc_pci_writeb(s, DEVFN(1, 0), 0x60, 0x0b); /* PIRQA# -> IRQ 11 */
    qtest_set_irq_in(s, "/machine/unattached/piix3", "pirq", 0, 1);
    g_assert_true(qtest_get_irq(s, 11));
    qtest_set_irq_in(s, "/machine/unattached/piix3", "pirq", 0, 0);
    g_assert_false(qtest_get_irq(s, 11));
    qtest_quit(s);
}

/* PAM RE only: writes go to PCI (dropped); WE only: reads from PCI. */
static void test_pam_modes(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t bios = qtest_readl(s, 0xffff0);

    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x30);
    qtest_writel(s, 0xffff0, 0x11111111);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x10);
    qtest_writel(s, 0xffff0, 0x22222222);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, 0x11111111);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x20);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, bios);
    qtest_writel(s, 0xffff0, 0x33333333);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, bios);
    pc_pci_writeb(s, DEVFN(0, 0), 0x59, 0x30);
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, 0x33333333);
    qtest_quit(s);
}

/* pci-testdev's BARs decode while the command register says so. */
static void test_testdev_decode(void)
{
    QTestState *s = qtest_init(ARGS " -device pci-testdev,addr=05.0");
    int d = DEVFN(5, 0);

    pc_pci_writel(s, d, 0x10, 0xfebf0000);
    pc_pci_writel(s, d, 0x14, 0xc000);
    g_assert_cmphex(qtest_inl(s, 0xc004), ==, 0xffffffff);
    pc_pci_writew(s, d, 0x04, 0x0003); /* I/O and memory */
    qtest_outl(s, 0xc004, 0x12345678);
    g_assert_cmphex(qtest_inl(s, 0xc004), ==, 0x12345678);
    qtest_writel(s, 0xfebf0ffc, 0xdeadbeef);
    g_assert_cmphex(qtest_readl(s, 0xfebf0ffc), ==, 0xdeadbeef);
    /* Moving the BAR moves the registers. */
    pc_pci_writel(s, d, 0x14, 0xc100);
    g_assert_cmphex(qtest_inl(s, 0xc104), ==, 0x12345678);
    g_assert_cmphex(qtest_inl(s, 0xc004), ==, 0xffffffff);
    pc_pci_writew(s, d, 0x04, 0);
    g_assert_cmphex(qtest_inl(s, 0xc104), ==, 0xffffffff);
    g_assert_cmphex(qtest_readl(s, 0xfebf0ffc), ==, 0);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/pm/timer", test_pm_timer);
    qtest_add_func("/pc/pm/sci", test_pm_sci);
    qtest_add_func("/pc/gsi-wiring", test_gsi_wiring);
    qtest_add_func("/pc/pm/acpi-enable", test_acpi_enable);
    qtest_add_func("/pc/pm/s5", test_s5);
    qtest_add_func("/pc/pirq-routing", test_pirq_routing);
    qtest_add_func("/pc/pam-modes", test_pam_modes);
    qtest_add_func("/pc/pci-testdev-decode", test_testdev_decode);
    return g_test_run();
}
