/*
 * virtio-balloon-device through virtio-mmio (virtio 1.2, 5.5): features
 * and config, QMP `balloon` and `query-balloon` (QEMU's reply shapes and
 * errors), the BALLOON_CHANGE event, inflated pages given back to the
 * host (they read as zero; the emulator's RSS drops) and reused after a
 * deflate.
 *
 * Hostile PFNs (ours only: QEMU 7.2 logs nothing) are skipped with a
 * guest_errors line: no write to ROM or MMIO, the device goes on.
 */
#include "libvirtio.h"
#include <unistd.h>

#define VIRTIO_ID_BALLOON 5
#define RAM_SIZE          (128ull << 20)
#define PAGE              4096ull
#define CFG_NUM_PAGES     (VMMIO_CONFIG + 0)
#define CFG_ACTUAL        (VMMIO_CONFIG + 4)
#define MROM              0x1000ull
#define UART              0x10000000ull

enum { INFLATEQ, DEFLATEQ, STATSQ, NQ };

typedef struct Balloon {
    char *dir, *log;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq[NQ];
    unsigned slot[NQ];
    uint64_t pfns; /* a PFN array in guest RAM */
} Balloon;

static void balloon_start(Balloon *b, const char *extra)
{
    b->dir = g_dir_make_tmp("virtio-balloon-XXXXXX", NULL);
    b->log = g_build_filename(b->dir, "log", NULL);
    b->qts = qtest_initf("-M virt -m 128M -d guest_errors -D %s "
                         "-device virtio-balloon-device %s",
                         b->log, extra);
    qvirtio_start(&b->d, b->qts, qvirtio_find(b->qts, VIRTIO_ID_BALLOON));
    qvirtio_run_vm(b->qts);
}

static void balloon_driver(Balloon *b)
{
    g_assert_true(qvirtio_set_features(&b->d, 0));
    for (int q = 0; q < NQ; q++) {
        qvirtqueue_setup(&b->d, &b->vq[q], q, 16);
    }
    qvirtio_driver_ok(&b->d);
    b->pfns = qvirtio_alloc(&b->d, 8192, 16);
}

static void balloon_stop(Balloon *b)
{
    qtest_quit(b->qts);
    unlink(b->log);
    rmdir(b->dir);
    g_free(b->log);
    g_free(b->dir);
}

/* Give n PFNs (one buffer of 4n bytes) to queue q; wait until used. */
static void send_pfns(Balloon *b, int q, const uint32_t *pfn, unsigned n,
                      unsigned bytes)
{
    QVirtQueue *vq = &b->vq[q];
    unsigned i = b->slot[q]++ % vq->num;
    uint32_t id, len;

    qtest_memwrite(b->qts, b->pfns, pfn, n * 4);
    qvirtqueue_write_desc(&b->d, vq->desc, i, b->pfns, bytes, 0, 0);
    qvirtqueue_kick(&b->d, vq, i);
    g_assert_true(qvirtqueue_wait_used(&b->d, vq, &id, &len));
    g_assert_cmpuint(len, ==, 0);
}

static JsonObject *qmp_ok(QTestState *qts, const char *cmd)
{
    JsonObject *r = qtest_qmp(qts, "%s", cmd);

    g_assert_false(qmp_has_error(r));
    return r;
}

static int64_t query_actual(QTestState *qts)
{
    JsonObject *r = qmp_ok(qts, "{\"execute\": \"query-balloon\"}");
    int64_t v = json_object_get_int_member(
        json_object_get_object_member(r, "return"), "actual");

    json_object_unref(r);
    return v;
}

static void assert_qmp_error(QTestState *qts, const char *cmd, const char *cls,
                             const char *desc)
{
    JsonObject *r = qtest_qmp(qts, "%s", cmd);
    JsonObject *err = json_object_get_object_member(r, "error");

    g_assert_nonnull(err);
    g_assert_cmpstr(json_object_get_string_member(err, "class"), ==, cls);
    g_assert_cmpstr(json_object_get_string_member(err, "desc"), ==, desc);
    json_object_unref(r);
}

static void test_features(void)
{
    Balloon b;

    balloon_start(&b, "");
    g_assert_true(b.d.legacy);
    /* STATS_VQ and PAGE_POISON, as QEMU 7.2 offers by default. */
    g_assert_cmphex(qvirtio_device_features(&b.d), ==, 0x39000012);
    balloon_stop(&b);
    balloon_start(&b, "-global virtio-balloon-device.deflate-on-oom=on "
                      "-global virtio-balloon-device.page-poison=off");
    g_assert_cmphex(qvirtio_device_features(&b.d), ==, 0x39000006);
    balloon_stop(&b);
}

static void test_qmp_errors(void)
{
    QTestState *qts = qtest_init("-M virt");
    Balloon b;

    assert_qmp_error(qts, "{\"execute\": \"query-balloon\"}", "DeviceNotActive",
                     "No balloon device has been activated");
    assert_qmp_error(qts,
                     "{\"execute\": \"balloon\", "
                     "\"arguments\": {\"value\": 1048576}}",
                     "DeviceNotActive", "No balloon device has been activated");
    qtest_quit(qts);
    balloon_start(&b, "");
    assert_qmp_error(
        b.qts, "{\"execute\": \"balloon\", \"arguments\": {\"value\": 0}}",
        "GenericError", "Parameter 'target' expects a size");
    assert_qmp_error(b.qts, "{\"execute\": \"balloon\"}", "GenericError",
                     "Parameter 'value' is missing");
    balloon_stop(&b);
}

/* The host asks, the driver answers through actual: query and event. */
static void test_target_and_actual(void)
{
    JsonObject *r, *ev;
    Balloon b;

    balloon_start(&b, "");
    balloon_driver(&b);
    g_assert_cmpuint(qtest_readl(b.qts, b.d.base + CFG_NUM_PAGES), ==, 0);
    g_assert_cmpint(query_actual(b.qts), ==, RAM_SIZE);
    qtest_writel(b.qts, b.d.base + VMMIO_INTERRUPT_ACK,
                 qtest_readl(b.qts, b.d.base + VMMIO_INTERRUPT_STATUS));
    r = qmp_ok(b.qts, "{\"execute\": \"balloon\", "
                      "\"arguments\": {\"value\": 67108864}}");
    json_object_unref(r);
    /* 64 MiB of 128 MiB in 4 KiB pages, and a config interrupt. */
    g_assert_cmpuint(qtest_readl(b.qts, b.d.base + CFG_NUM_PAGES), ==, 16384);
    g_assert_cmphex(qtest_readl(b.qts, b.d.base + VMMIO_INTERRUPT_STATUS) & 2,
                    ==, 2);
    qtest_writel(b.qts, b.d.base + CFG_ACTUAL, 16384);
    ev = qtest_qmp_eventwait(b.qts, "BALLOON_CHANGE");
    g_assert_cmpint(json_object_get_int_member(
                        json_object_get_object_member(ev, "data"), "actual"),
                    ==, 64ll << 20);
    json_object_unref(ev);
    g_assert_cmpint(query_actual(b.qts), ==, 64ll << 20);
    /* More than the RAM there is: give it all back. */
    r = qmp_ok(b.qts, "{\"execute\": \"balloon\", "
                      "\"arguments\": {\"value\": 1099511627776}}");
    json_object_unref(r);
    g_assert_cmpuint(qtest_readl(b.qts, b.d.base + CFG_NUM_PAGES), ==, 0);
    balloon_stop(&b);
}

static long rss_kib(QTestState *qts)
{
    g_autofree char *path =
        g_strdup_printf("/proc/%d/status", (int)qtest_pid(qts));
    g_autofree char *text = NULL;
    const char *p;

    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    p = strstr(text, "VmRSS:");
    g_assert_nonnull(p);
    return strtol(p + 6, NULL, 10);
}

/*
 * Inflated pages go back to the host: they read as zero and the process
 * shrinks. After a deflate the guest uses them again.
 */
static void test_inflate_deflate(void)
{
    const unsigned n = 1024; /* 4 MiB per buffer, 16 MiB in all */
    const uint64_t area = VIRT_RAM_BASE + (64ull << 20);
    g_autofree uint32_t *pfn = g_new(uint32_t, n);
    uint8_t byte;
    long before, after;
    Balloon b;

    balloon_start(&b, "");
    balloon_driver(&b);
    qtest_memset(b.qts, area, 0x5a, 16ull << 20);
    before = rss_kib(b.qts);
    for (unsigned k = 0; k < 4; k++) {
        for (unsigned i = 0; i < n; i++) {
            pfn[i] = (area >> 12) + k * n + i;
        }
        send_pfns(&b, INFLATEQ, pfn, n, n * 4);
    }
    after = rss_kib(b.qts);
    g_assert_cmpint(before - after, >=, 12 * 1024);
    g_assert_cmpuint(qtest_readb(b.qts, area), ==, 0);
    g_assert_cmpuint(qtest_readb(b.qts, area + (16ull << 20) - 1), ==, 0);
    /* Deflate one page and use it again. */
    pfn[0] = area >> 12;
    send_pfns(&b, DEFLATEQ, pfn, 1, 4);
    qtest_writeb(b.qts, area + 100, 0x77);
    byte = qtest_readb(b.qts, area + 100);
    g_assert_cmpuint(byte, ==, 0x77);
    balloon_stop(&b);
}

static void test_hostile_pfns(void)
{
    const uint32_t bad[] = {
        0,                                /* no RAM at 0 */
        MROM >> 12,                       /* the boot ROM */
        UART >> 12,                       /* a device */
        0xffffffff,                       /* far beyond RAM */
        (VIRT_RAM_BASE + RAM_SIZE) >> 12, /* one past the end of RAM */
    };
    g_autofree uint32_t *many = g_new0(uint32_t, 1025);
    uint8_t rom[64], rom2[64];
    uint32_t ok = (VIRT_RAM_BASE + (32ull << 20)) >> 12;
    Balloon b;

    balloon_start(&b, "");
    balloon_driver(&b);
    qtest_memread(b.qts, MROM, rom, sizeof(rom));
    send_pfns(&b, INFLATEQ, bad, G_N_ELEMENTS(bad), sizeof(bad));
    send_pfns(&b, DEFLATEQ, bad, 1, 4);
    /* Not a whole number of PFNs: the whole ones count. */
    send_pfns(&b, INFLATEQ, &ok, 1, 6);
    for (unsigned i = 0; i < 1025; i++) {
        many[i] = ok;
    }
    send_pfns(&b, INFLATEQ, many, 1025, 1025 * 4);
    qtest_memread(b.qts, MROM, rom2, sizeof(rom2));
    g_assert_true(memcmp(rom, rom2, sizeof(rom)) == 0);
    g_assert_cmphex(qvirtio_status(&b.d) & VSTATUS_NEEDS_RESET, ==, 0);
    qvirtio_assert_logged(b.log,
                          "inflateq: PFN 0x0 (0x0) is not guest RAM\0"
                          "inflateq: PFN 0x1 (0x1000) is not guest RAM\0"
                          "inflateq: PFN 0x10000 (0x10000000)\0"
                          "inflateq: PFN 0xffffffff\0"
                          "inflateq: PFN 0x88000\0"
                          "deflateq: PFN 0x0\0"
                          "buffer of 6 bytes is not a whole number\0"
                          "buffer of 4100 bytes is not a whole number\0");
    balloon_stop(&b);
}

static void test_one_balloon(void)
{
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary("-M virt -device virtio-balloon-device "
                                     "-device virtio-balloon-device",
                                     &out, &err),
                    ==, 1);
    g_assert_nonnull(strstr(err, "Only one balloon device is supported"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-balloon/features", test_features);
    qtest_add_func("/virtio-balloon/qmp-errors", test_qmp_errors);
    qtest_add_func("/virtio-balloon/target-and-actual", test_target_and_actual);
    qtest_add_func("/virtio-balloon/inflate-deflate", test_inflate_deflate);
    qtest_add_func("/virtio-balloon/one-balloon", test_one_balloon);
    if (qtest_has_accel()) {
        /* Ours only: QEMU 7.2 skips such PFNs without a log line. */
        qtest_add_func("/virtio-balloon/hostile-pfns", test_hostile_pfns);
    }
    return g_test_run();
}
