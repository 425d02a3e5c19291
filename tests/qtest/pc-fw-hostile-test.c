/*
 * A hostile guest against the pc machine's PCI configuration ports and
 * fw_cfg DMA, on our binary: garbage at every bus 0 function and
 * register (and a sweep of the other buses), and DMA requests with wild
 * addresses, lengths and control words. The emulator must survive, touch
 * nothing outside guest RAM (the BIOS ROM and the RAM around the buffers
 * stay as they were), flag bad DMA with the error bit, and after a
 * system_reset answer as at power-on.
 */
#include "libpc.h"
#include <string.h>

#define ARGS    "-M pc -m 64M -nodefaults -device pci-testdev"
#define RAM_END (64ULL << 20)

static void check_alive(QTestState *s, uint32_t bios)
{
    char sig[5] = "";

    g_assert_cmphex(qtest_readl(s, 0xfffffff0), ==, bios);
    g_free(qtest_hmp(s, "system_reset"));
    /* Fresh from reset: BIOS below 1 MiB again, config and fw_cfg work. */
    g_assert_cmphex(qtest_readl(s, 0xffff0), ==, bios);
    g_assert_cmphex(pc_pci_readl(s, DEVFN(0, 0), 0), ==, 0x12378086);
    pc_fw_cfg_select(s, 0);
    pc_fw_cfg_read(s, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
}

static void test_config_garbage(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t bios = qtest_readl(s, 0xfffffff0);

    for (int devfn = 0; devfn < 256; devfn++) {
        for (int reg = 0; reg < 256; reg += 4) {
            uint32_t v = g_test_rand_int();

            qtest_outl(s, 0xcf8, PCI_CFG(0, devfn, reg));
            switch (v & 3) {
            case 0:
                qtest_outl(s, 0xcfc, v);
                break;
            case 1:
                qtest_outw(s, 0xcfc + (v & 2), v >> 8);
                break;
            default:
                qtest_outb(s, 0xcfc + ((v >> 2) & 3), v >> 8);
                break;
            }
            qtest_inl(s, 0xcfc);
        }
    }
    for (int bus = 1; bus < 256; bus++) {
        qtest_outl(s, 0xcf8, PCI_CFG(bus, g_test_rand_int() & 0xff, 0));
        qtest_outl(s, 0xcfc, g_test_rand_int());
        g_assert_cmphex(qtest_inl(s, 0xcfc), ==, 0xffffffff);
    }
    /* CONFADD without the enable bit, odd widths on it. */
    qtest_outl(s, 0xcf8, 0x00000000);
    qtest_outl(s, 0xcfc, 0);
    g_assert_cmphex(qtest_inl(s, 0xcfc), ==, 0xffffffff);
    qtest_outw(s, 0xcf8, 0x1234);
    qtest_outb(s, 0xcfa, 0x56);
    check_alive(s, bios);
    qtest_quit(s);
}

static void test_dma_wild(void)
{
    static const struct {
        uint64_t desc, addr;
        uint32_t control, len;
    } cases[] = {
        { 0x1000, 0xfffffff0, 0x00000a, 16 }, /* into the BIOS ROM */
        { 0x1000, RAM_END - 4, 0x00000a, 8 }, /* off the end of RAM */
        { 0x1000, 0xfffffffffffffff0ULL, 0x19000a, 64 }, /* wraps */
        { 0x1000, 0x2000, 0x19000a, 0xffffffff },        /* 4 GiB */
        { 0x1000, 0xfec00000, 0x00000a, 4 }, /* where the IOAPIC is */
        { 0x1000, 0x2000, 0xffff000a, 16 },  /* no such item */
        { 0x1000, 0x2000, 0x0000001a, 4 },   /* read + write: read */
        { 0x1000, 0x2000, 0x00000012, 4 },   /* write */
        { 0x1000, 0x2000, 0xffffffff, 4 },   /* every bit */
    };
    QTestState *s = qtest_init(ARGS);
    uint32_t bios = qtest_readl(s, 0xfffffff0);

    qtest_writel(s, RAM_END - 4, 0x5a5a5a5a);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        uint32_t c = pc_fw_cfg_dma(s, cases[i].desc, cases[i].control,
                                   cases[i].len, cases[i].addr);

        g_assert_cmphex(c & ~1u, ==, 0);
    }
    g_assert_cmphex(qtest_readl(s, RAM_END - 4), ==, 0x5a5a5a5a);
    /* The access structure itself in ROM, in a hole, wrapping. */
    qtest_outl(s, 0x514, 0);
    qtest_outl(s, 0x518, GUINT32_SWAP_LE_BE(0xfffffff0));
    qtest_outl(s, 0x514, GUINT32_SWAP_LE_BE(0xffffffff));
    qtest_outl(s, 0x518, GUINT32_SWAP_LE_BE(0xfffffffc));
    qtest_outl(s, 0x514, 0);
    qtest_outl(s, 0x518, GUINT32_SWAP_LE_BE(0x40000000));
    /* Random ones, structures and buffers in the first MiB. */
    for (int i = 0; i < 2000; i++) {
        uint32_t ctl = g_test_rand_int();
        uint64_t addr = g_test_rand_int_range(0, 0x100000);

        if (i % 4 == 0) {
            addr = (uint64_t)g_test_rand_int() << 32 | g_test_rand_int();
        }
        pc_fw_cfg_dma(s, 0x1000, (ctl & 0x3f001f) | (i & 1 ? 0x190000 : 0),
                      g_test_rand_int_range(0, 0x20000), addr);
    }
    check_alive(s, bios);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/hostile/pci-config-garbage", test_config_garbage);
    qtest_add_func("/pc/hostile/fw-cfg-dma-wild", test_dma_wild);
    return g_test_run();
}
