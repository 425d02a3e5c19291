/*
 * virtio-rng-device through virtio-mmio, driven by hand: transport choice,
 * feature negotiation in both register layouts, entropy through direct and
 * indirect descriptors, the interrupt, and device reset.
 */
#include "libvirtio.h"

#define VIRTIO_ID_RNG     4
#define HIGHEST_TRANSPORT 0x10008000ull

static QTestState *start(const char *extra, QVirtioDev *d)
{
    QTestState *qts = qtest_initf("-M virt %s", extra);
    uint64_t base = qvirtio_find(qts, VIRTIO_ID_RNG);

    g_assert_cmphex(base, !=, 0);
    qvirtio_start(d, qts, base);
    qvirtio_run_vm(qts);
    return qts;
}

/* Not all zeros, not all one byte: the buffer was filled. */
static void assert_random(QTestState *qts, uint64_t addr, size_t len)
{
    g_autofree uint8_t *buf = g_malloc(len);
    size_t same = 0;

    qtest_memread(qts, addr, buf, len);
    for (size_t i = 1; i < len; i++) {
        same += buf[i] == buf[0];
    }
    g_assert_cmpuint(same, <, len - 1);
}

/* QEMU plugs the first -device into the highest-addressed transport. */
static void test_transport_choice(void)
{
    QTestState *qts = qtest_init("-M virt -device virtio-rng-device "
                                 "-device virtio-rng-device");

    g_assert_cmpuint(qtest_readl(qts, HIGHEST_TRANSPORT + VMMIO_DEVICE_ID), ==,
                     VIRTIO_ID_RNG);
    g_assert_cmpuint(
        qtest_readl(qts, HIGHEST_TRANSPORT - 0x1000 + VMMIO_DEVICE_ID), ==,
        VIRTIO_ID_RNG);
    g_assert_cmpuint(
        qtest_readl(qts, HIGHEST_TRANSPORT - 0x2000 + VMMIO_DEVICE_ID), ==, 0);
    qtest_quit(qts);
}

static void test_features_legacy(void)
{
    QVirtioDev d;
    QTestState *qts = start("-device virtio-rng-device", &d);

    g_assert_true(d.legacy);
    /* NOTIFY_ON_EMPTY, ANY_LAYOUT, INDIRECT_DESC, EVENT_IDX; no high bits. */
    g_assert_cmphex(qvirtio_device_features(&d), ==, 0x39000000);
    qtest_quit(qts);
}

static void test_features_modern(void)
{
    QVirtioDev d;
    QTestState *qts = start("-global virtio-mmio.force-legacy=false "
                            "-device virtio-rng-device,indirect_desc=off",
                            &d);

    g_assert_false(d.legacy);
    /* EVENT_IDX, VERSION_1, RING_RESET. */
    g_assert_cmphex(qvirtio_device_features(&d), ==, 0x10120000000ull);
    g_assert_true(qvirtio_set_features(&d, VF_VERSION_1));
    qtest_quit(qts);
}

static void test_iommu_platform_offered(void)
{
    QVirtioDev d;
    QTestState *qts = start("-global virtio-mmio.force-legacy=false "
                            "-device virtio-rng-device,iommu_platform=on",
                            &d);

    g_assert_true(qvirtio_device_features(&d) & VF_ACCESS_PLATFORM);
    g_assert_true(qvirtio_set_features(&d, VF_VERSION_1 | VF_ACCESS_PLATFORM));
    qtest_quit(qts);
}

static void fetch_entropy(const char *extra, uint64_t features)
{
    QVirtioDev d;
    QVirtQueue vq;
    QTestState *qts = start(extra, &d);
    uint64_t buf;
    uint32_t id, len;

    g_assert_true(qvirtio_set_features(&d, features));
    qvirtqueue_setup(&d, &vq, 0, 8);
    qvirtio_driver_ok(&d);
    buf = qvirtio_alloc(&d, 64, 8);
    qvirtqueue_single(&d, &vq, buf, 64, true);
    g_assert_true(qvirtqueue_wait_used(&d, &vq, &id, &len));
    g_assert_cmpuint(id, ==, 0);
    g_assert_cmpuint(len, ==, 64);
    assert_random(qts, buf, 64);
    /* A used buffer notification: InterruptStatus bit 0. */
    g_assert_cmpuint(qtest_readl(qts, d.base + VMMIO_INTERRUPT_STATUS) & 1, ==,
                     1);
    qtest_writel(qts, d.base + VMMIO_INTERRUPT_ACK, 1);
    g_assert_cmpuint(qtest_readl(qts, d.base + VMMIO_INTERRUPT_STATUS), ==, 0);
    qtest_quit(qts);
}

static void test_entropy_legacy(void)
{
    fetch_entropy("-device virtio-rng-device", 0);
}

static void test_entropy_modern(void)
{
    fetch_entropy("-global virtio-mmio.force-legacy=false "
                  "-device virtio-rng-device",
                  VF_VERSION_1);
}

static void test_entropy_rng_random(void)
{
    fetch_entropy("-object rng-random,id=r0,filename=/dev/urandom "
                  "-device virtio-rng-device,rng=r0",
                  0);
}

/* A chain of an indirect table with two writable buffers. */
static void test_entropy_indirect(void)
{
    QVirtioDev d;
    QVirtQueue vq;
    QTestState *qts = start("-global virtio-mmio.force-legacy=false "
                            "-device virtio-rng-device",
                            &d);
    uint64_t table, b0, b1;
    uint32_t id, len;

    g_assert_true(qvirtio_set_features(&d, VF_VERSION_1 | VF_INDIRECT_DESC));
    qvirtqueue_setup(&d, &vq, 0, 8);
    qvirtio_driver_ok(&d);
    table = qvirtio_alloc(&d, 32, 16);
    b0 = qvirtio_alloc(&d, 16, 8);
    b1 = qvirtio_alloc(&d, 16, 8);
    qvirtqueue_write_desc(&d, table, 0, b0, 16, VDESC_F_WRITE | VDESC_F_NEXT,
                          1);
    qvirtqueue_write_desc(&d, table, 1, b1, 16, VDESC_F_WRITE, 0);
    qvirtqueue_write_desc(&d, vq.desc, 3, table, 32, VDESC_F_INDIRECT, 0);
    qvirtqueue_kick(&d, &vq, 3);
    g_assert_true(qvirtqueue_wait_used(&d, &vq, &id, &len));
    g_assert_cmpuint(id, ==, 3);
    g_assert_cmpuint(len, ==, 32);
    assert_random(qts, b0, 16);
    assert_random(qts, b1, 16);
    qtest_quit(qts);
}

/* Status 0 resets: queues are gone, QueueReady reads 0. */
static void test_reset(void)
{
    QVirtioDev d;
    QVirtQueue vq;
    QTestState *qts = start("-global virtio-mmio.force-legacy=false "
                            "-device virtio-rng-device",
                            &d);

    g_assert_true(qvirtio_set_features(&d, VF_VERSION_1));
    qvirtqueue_setup(&d, &vq, 0, 8);
    qvirtio_driver_ok(&d);
    qvirtio_reset(&d);
    qtest_writel(qts, d.base + VMMIO_QUEUE_SEL, 0);
    g_assert_cmpuint(qtest_readl(qts, d.base + VMMIO_QUEUE_READY), ==, 0);
    /* Queue 1 does not exist. */
    qtest_writel(qts, d.base + VMMIO_QUEUE_SEL, 1);
    g_assert_cmpuint(qtest_readl(qts, d.base + VMMIO_QUEUE_NUM_MAX), ==, 0);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-rng/transport-choice", test_transport_choice);
    qtest_add_func("/virtio-rng/features/legacy", test_features_legacy);
    qtest_add_func("/virtio-rng/features/modern", test_features_modern);
    qtest_add_func("/virtio-rng/features/iommu-platform",
                   test_iommu_platform_offered);
    qtest_add_func("/virtio-rng/entropy/legacy", test_entropy_legacy);
    qtest_add_func("/virtio-rng/entropy/modern", test_entropy_modern);
    qtest_add_func("/virtio-rng/entropy/rng-random", test_entropy_rng_random);
    qtest_add_func("/virtio-rng/entropy/indirect", test_entropy_indirect);
    qtest_add_func("/virtio-rng/reset", test_reset);
    return g_test_run();
}
