/*
 * virtio-mmio transports of the virt machine, with nothing plugged in:
 * they identify themselves and report "no device".
 */
#include "libqtest.h"

#define VIRTIO_MMIO_BASE   0x10001000
#define VIRTIO_MMIO_STRIDE 0x1000
#define VIRTIO_MMIO_COUNT  8

#define MAGIC_VALUE       0x000
#define VERSION           0x004
#define DEVICE_ID         0x008
#define VENDOR_ID         0x00c
#define DEVICE_FEATURES   0x010
#define QUEUE_NUM_MAX     0x034
#define QUEUE_READY       0x044
#define INTERRUPT_STATUS  0x060
#define STATUS            0x070
#define CONFIG_GENERATION 0x0fc
#define CONFIG            0x100

#define MAGIC  0x74726976 /* "virt" */
#define VENDOR 0x554d4551 /* "QEMU" */

static uint64_t transport(int i)
{
    return VIRTIO_MMIO_BASE + (uint64_t)i * VIRTIO_MMIO_STRIDE;
}

static void check_identity(QTestState *s, uint32_t version)
{
    for (int i = 0; i < VIRTIO_MMIO_COUNT; i++) {
        uint64_t base = transport(i);

        g_assert_cmphex(qtest_readl(s, base + MAGIC_VALUE), ==, MAGIC);
        g_assert_cmphex(qtest_readl(s, base + VERSION), ==, version);
        /* Device ID 0: the slot is empty. */
        g_assert_cmphex(qtest_readl(s, base + DEVICE_ID), ==, 0);
        g_assert_cmphex(qtest_readl(s, base + VENDOR_ID), ==, VENDOR);
    }
}

static void test_legacy_default(void)
{
    QTestState *s = qtest_init("-M virt");

    check_identity(s, 1);
    qtest_quit(s);
}

static void test_modern(void)
{
    QTestState *s =
        qtest_init("-M virt -global virtio-mmio.force-legacy=false");

    check_identity(s, 2);
    qtest_quit(s);
}

/* With no device, the device's registers and config space read 0. */
static void test_empty_registers(void)
{
    static const uint32_t regs[] = {
        DEVICE_FEATURES, QUEUE_NUM_MAX,     QUEUE_READY, INTERRUPT_STATUS,
        STATUS,          CONFIG_GENERATION, CONFIG,      CONFIG + 0xfc,
    };
    QTestState *s = qtest_init("-M virt");

    for (int i = 0; i < VIRTIO_MMIO_COUNT; i++) {
        for (size_t r = 0; r < G_N_ELEMENTS(regs); r++) {
            g_assert_cmphex(qtest_readl(s, transport(i) + regs[r]), ==, 0);
        }
    }
    qtest_quit(s);
}

/* Writes to an empty transport change nothing. */
static void test_empty_writes_ignored(void)
{
    QTestState *s = qtest_init("-M virt");
    uint64_t base = transport(3);

    qtest_writel(s, base + STATUS, 0xf);
    qtest_writel(s, base + QUEUE_READY, 1);
    qtest_writel(s, base + MAGIC_VALUE, 0);
    qtest_writel(s, base + CONFIG, 0x12345678);
    g_assert_cmphex(qtest_readl(s, base + STATUS), ==, 0);
    g_assert_cmphex(qtest_readl(s, base + QUEUE_READY), ==, 0);
    g_assert_cmphex(qtest_readl(s, base + MAGIC_VALUE), ==, MAGIC);
    g_assert_cmphex(qtest_readl(s, base + CONFIG), ==, 0);
    qtest_quit(s);
}

/* Narrow reads see the low bytes of the register; 8 bytes read two. */
static void test_access_sizes(void)
{
    QTestState *s = qtest_init("-M virt");
    uint64_t base = transport(0);

    g_assert_cmphex(qtest_readb(s, base + MAGIC_VALUE), ==, 0x76);
    g_assert_cmphex(qtest_readw(s, base + MAGIC_VALUE), ==, 0x6976);
    g_assert_cmphex(qtest_readq(s, base + MAGIC_VALUE), ==,
                    ((uint64_t)1 << 32) | MAGIC);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-mmio/identity/legacy-default", test_legacy_default);
    qtest_add_func("/virtio-mmio/identity/modern", test_modern);
    qtest_add_func("/virtio-mmio/empty/registers", test_empty_registers);
    qtest_add_func("/virtio-mmio/empty/writes-ignored",
                   test_empty_writes_ignored);
    qtest_add_func("/virtio-mmio/access-sizes", test_access_sizes);
    return g_test_run();
}
