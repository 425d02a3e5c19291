/*
 * A hostile driver: malformed virtqueues (virtio 1.2, 2.7) must get a
 * guest_errors line and DEVICE_NEEDS_RESET, complete nothing, and never
 * make the emulator touch memory that is not guest RAM, crash or hang.
 * After a reset the device works again. Also the transport's checks on
 * queue sizes and feature negotiation, and the machine's virtio policy.
 *
 * Ours only: QEMU 7.2 maps buffers that point at MMIO (a descriptor at the
 * test finisher would power it off) and differs in what it logs.
 */
#include "libvirtio.h"
#include <unistd.h>

#define VIRTIO_ID_RNG 4
#define RAM_SIZE      (128ull << 20)
#define RAM_END       (VIRT_RAM_BASE + RAM_SIZE)
#define FINISHER      0x100000ull /* sifive_test: a write powers off */
#define MROM          0x1000ull
#define NUM           8

typedef struct Ring {
    char *dir, *log;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq;
    uint64_t buf; /* 64 bytes of guest RAM */
} Ring;

static void ring_start(Ring *r, uint64_t features)
{
    r->dir = g_dir_make_tmp("virtio-ring-XXXXXX", NULL);
    r->log = g_build_filename(r->dir, "log", NULL);
    r->qts = qtest_initf("-M virt -d guest_errors -D %s "
                         "-global virtio-mmio.force-legacy=false "
                         "-device virtio-rng-device",
                         r->log);
    qvirtio_start(&r->d, r->qts, qvirtio_find(r->qts, VIRTIO_ID_RNG));
    g_assert_true(qvirtio_set_features(&r->d, features));
    qvirtqueue_setup(&r->d, &r->vq, 0, NUM);
    qvirtio_driver_ok(&r->d);
    r->buf = qvirtio_alloc(&r->d, 64, 8);
}

static void ring_stop(Ring *r)
{
    qtest_quit(r->qts);
    unlink(r->log);
    rmdir(r->dir);
    g_free(r->log);
    g_free(r->dir);
}

/* The device refused: logged, NEEDS_RESET, nothing used; then it recovers. */
static void assert_refused(Ring *r, const char *logged)
{
    g_autofree char *text = NULL;
    uint32_t id, len;

    g_assert_cmpuint(qvirtqueue_used_idx(&r->d, &r->vq), ==, 0);
    g_assert_cmphex(qvirtio_status(&r->d) & VSTATUS_NEEDS_RESET, ==,
                    VSTATUS_NEEDS_RESET);
    /* A config change interrupt tells the driver. */
    g_assert_cmphex(qtest_readl(r->qts, r->d.base + VMMIO_INTERRUPT_STATUS) & 2,
                    ==, 2);
    g_assert_true(g_file_get_contents(r->log, &text, NULL, NULL));
    if (!strstr(text, logged)) {
        g_error("expected \"%s\" in the log:\n%s", logged, text);
    }
    /* The driver resets and starts over: the device works again. */
    qvirtio_start(&r->d, r->qts, r->d.base);
    g_assert_true(qvirtio_set_features(&r->d, VF_VERSION_1));
    qvirtqueue_setup(&r->d, &r->vq, 0, NUM);
    qvirtio_driver_ok(&r->d);
    qvirtqueue_single(&r->d, &r->vq, r->buf, 64, true);
    g_assert_true(qvirtqueue_wait_used(&r->d, &r->vq, &id, &len));
    g_assert_cmpuint(len, ==, 64);
}

#define ALL_FEATURES (VF_VERSION_1 | VF_INDIRECT_DESC | VF_EVENT_IDX)

static void run_case(uint64_t features, void (*build)(Ring *r),
                     const char *logged)
{
    Ring r;

    ring_start(&r, features);
    build(&r);
    assert_refused(&r, logged);
    ring_stop(&r);
}

static void build_loop(Ring *r)
{
    qvirtqueue_write_desc(&r->d, r->vq.desc, 0, r->buf, 8,
                          VDESC_F_WRITE | VDESC_F_NEXT, 1);
    qvirtqueue_write_desc(&r->d, r->vq.desc, 1, r->buf + 8, 8,
                          VDESC_F_WRITE | VDESC_F_NEXT, 0);
    qvirtqueue_kick(&r->d, &r->vq, 0);
}

static void build_next_out_of_range(Ring *r)
{
    qvirtqueue_write_desc(&r->d, r->vq.desc, 0, r->buf, 8,
                          VDESC_F_WRITE | VDESC_F_NEXT, NUM);
    qvirtqueue_kick(&r->d, &r->vq, 0);
}

static void build_head_out_of_range(Ring *r)
{
    qvirtqueue_kick(&r->d, &r->vq, NUM + 1);
}

static void build_avail_idx_jump(Ring *r)
{
    qvirtqueue_set_avail_idx(&r->d, &r->vq, NUM + 1);
}

static void build_buffer_in_hole(Ring *r)
{
    qvirtqueue_single(&r->d, &r->vq, 0x0, 16, true);
}

/* A write there would power the machine off: qtest_quit would fail. */
static void build_buffer_at_mmio(Ring *r)
{
    qvirtqueue_single(&r->d, &r->vq, FINISHER, 4, true);
}

static void build_buffer_in_rom(Ring *r)
{
    qvirtqueue_single(&r->d, &r->vq, MROM, 16, true);
}

static void build_buffer_past_ram(Ring *r)
{
    qvirtqueue_single(&r->d, &r->vq, RAM_END - 8, 16, true);
}

static void build_length_wraps(Ring *r)
{
    qvirtqueue_single(&r->d, &r->vq, UINT64_MAX - 0xf, 0x20, true);
}

static void build_readable_after_writable(Ring *r)
{
    qvirtqueue_write_desc(&r->d, r->vq.desc, 0, r->buf, 8,
                          VDESC_F_WRITE | VDESC_F_NEXT, 1);
    qvirtqueue_write_desc(&r->d, r->vq.desc, 1, r->buf + 8, 8, 0, 0);
    qvirtqueue_kick(&r->d, &r->vq, 0);
}

static uint64_t indirect_table(Ring *r, unsigned n)
{
    uint64_t t = qvirtio_alloc(&r->d, 16ull * n, 16);

    for (unsigned i = 0; i < n; i++) {
        qvirtqueue_write_desc(&r->d, t, i, r->buf, 8, VDESC_F_WRITE, 0);
    }
    return t;
}

static void kick_indirect(Ring *r, uint64_t table, uint32_t len, uint16_t flags)
{
    qvirtqueue_write_desc(&r->d, r->vq.desc, 0, table, len,
                          VDESC_F_INDIRECT | flags, 1);
    qvirtqueue_kick(&r->d, &r->vq, 0);
}

static void build_indirect_unnegotiated(Ring *r)
{
    kick_indirect(r, indirect_table(r, 2), 32, 0);
}

static void build_indirect_with_next(Ring *r)
{
    kick_indirect(r, indirect_table(r, 2), 32, VDESC_F_NEXT);
}

static void build_indirect_bad_length(Ring *r)
{
    kick_indirect(r, indirect_table(r, 2), 24, 0);
}

static void build_indirect_empty(Ring *r)
{
    kick_indirect(r, indirect_table(r, 2), 0, 0);
}

static void build_indirect_nested(Ring *r)
{
    uint64_t t = indirect_table(r, 2);

    qvirtqueue_write_desc(&r->d, t, 1, t, 32, VDESC_F_INDIRECT, 0);
    qvirtqueue_write_desc(&r->d, t, 0, r->buf, 8, VDESC_F_WRITE | VDESC_F_NEXT,
                          1);
    kick_indirect(r, t, 32, 0);
}

/* A loop inside an indirect table: longer than the table. */
static void build_indirect_loop(Ring *r)
{
    uint64_t t = indirect_table(r, 4);

    qvirtqueue_write_desc(&r->d, t, 3, r->buf, 8, VDESC_F_WRITE | VDESC_F_NEXT,
                          0);
    for (unsigned i = 0; i < 3; i++) {
        qvirtqueue_write_desc(&r->d, t, i, r->buf, 8,
                              VDESC_F_WRITE | VDESC_F_NEXT, i + 1);
    }
    kick_indirect(r, t, 64, 0);
}

static void build_indirect_outside_ram(Ring *r)
{
    kick_indirect(r, RAM_END - 16, 32, 0);
}

/* The descriptor table itself where there is no RAM. */
static void build_desc_table_in_hole(Ring *r)
{
    qvirtio_reset(&r->d);
    qvirtio_start(&r->d, r->qts, r->d.base);
    g_assert_true(qvirtio_set_features(&r->d, VF_VERSION_1));
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_SEL, 0);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_NUM, NUM);
    r->vq.avail = qvirtio_alloc(&r->d, 64, 2);
    r->vq.used = qvirtio_alloc(&r->d, 128, 4);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DESC_LO, 0x200000);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DRIVER_LO, r->vq.avail);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DEVICE_LO, r->vq.used);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_READY, 1);
    qvirtio_driver_ok(&r->d);
    r->vq.avail_idx = 0;
    qvirtqueue_kick(&r->d, &r->vq, 0);
}

/* The used ring in ROM: the device must not write there. */
static void build_used_ring_in_rom(Ring *r)
{
    g_autofree uint8_t *before = g_malloc(256);
    g_autofree uint8_t *after = g_malloc(256);

    qtest_memread(r->qts, MROM, before, 256);
    qvirtio_reset(&r->d);
    qvirtio_start(&r->d, r->qts, r->d.base);
    g_assert_true(qvirtio_set_features(&r->d, VF_VERSION_1));
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_SEL, 0);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_NUM, NUM);
    r->vq.desc = qvirtio_alloc(&r->d, 16 * NUM, 16);
    r->vq.avail = qvirtio_alloc(&r->d, 64, 2);
    r->vq.used = MROM;
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DESC_LO, r->vq.desc);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DRIVER_LO, r->vq.avail);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_DEVICE_LO, MROM);
    qtest_writel(r->qts, r->d.base + VMMIO_QUEUE_READY, 1);
    qvirtio_driver_ok(&r->d);
    r->vq.avail_idx = 0;
    qvirtqueue_single(&r->d, &r->vq, r->buf, 64, true);
    qtest_memread(r->qts, MROM, after, 256);
    g_assert_cmpmem(before, 256, after, 256);
    /* assert_refused reads the used idx from RAM: point it at a zero. */
    r->vq.used = r->buf + 32;
    qtest_memset(r->qts, r->buf + 32, 0, 8);
}

typedef struct Case {
    const char *name;
    uint64_t features;
    void (*build)(Ring *r);
    const char *logged;
} Case;

static const Case cases[] = {
    { "loop", ALL_FEATURES, build_loop, "loops or is longer than its ring" },
    { "next-out-of-range", ALL_FEATURES, build_next_out_of_range,
      "next index 8 beyond 8" },
    { "head-out-of-range", ALL_FEATURES, build_head_out_of_range,
      "head 9 beyond 8" },
    { "avail-idx-jump", ALL_FEATURES, build_avail_idx_jump,
      "avail idx 9 is 9 ahead" },
    { "buffer-in-hole", ALL_FEATURES, build_buffer_in_hole,
      "is not writable guest RAM" },
    { "buffer-at-mmio", ALL_FEATURES, build_buffer_at_mmio,
      "0x100000+0x4 is not writable" },
    { "buffer-in-rom", ALL_FEATURES, build_buffer_in_rom,
      "is not writable guest RAM" },
    { "buffer-past-ram", ALL_FEATURES, build_buffer_past_ram,
      "is not writable guest RAM" },
    { "length-wraps", ALL_FEATURES, build_length_wraps,
      "is not writable guest RAM" },
    { "readable-after-writable", ALL_FEATURES, build_readable_after_writable,
      "readable descriptor after a writable one" },
    { "indirect-unnegotiated", VF_VERSION_1, build_indirect_unnegotiated,
      "without INDIRECT_DESC" },
    { "indirect-with-next", ALL_FEATURES, build_indirect_with_next,
      "indirect descriptor with NEXT" },
    { "indirect-bad-length", ALL_FEATURES, build_indirect_bad_length,
      "indirect table length 0x18" },
    { "indirect-empty", ALL_FEATURES, build_indirect_empty,
      "indirect table length 0x0" },
    { "indirect-nested", ALL_FEATURES, build_indirect_nested,
      "nested or chained indirect" },
    { "indirect-loop", ALL_FEATURES, build_indirect_loop,
      "longer than its indirect table" },
    { "indirect-outside-ram", ALL_FEATURES, build_indirect_outside_ram,
      "is not in guest RAM" },
    { "desc-table-in-hole", VF_VERSION_1, build_desc_table_in_hole,
      "descriptor 0 of table 0x200000 is not in guest RAM" },
    { "used-ring-in-rom", VF_VERSION_1, build_used_ring_in_rom,
      "used ring at 0x1004 is not writable" },
};

static void test_case(const void *data)
{
    const Case *c = data;

    run_case(c->features, c->build, c->logged);
}

/* Features the device did not offer: FEATURES_OK does not stick. */
static void test_unoffered_features(void)
{
    Ring r;

    ring_start(&r, VF_VERSION_1);
    qvirtio_start(&r.d, r.qts, r.d.base);
    g_assert_false(qvirtio_set_features(&r.d, VF_VERSION_1 | (1ull << 50)));
    ring_stop(&r);
}

/* A queue size that is not a power of 2, or too big, is ignored. */
static void test_bad_queue_size(void)
{
    Ring r;

    ring_start(&r, VF_VERSION_1);
    qvirtio_start(&r.d, r.qts, r.d.base);
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_SEL, 0);
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_NUM, 16);
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_NUM, 12);
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_NUM, 4096);
    /* Absent queue: ignored too. */
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_SEL, 5000);
    qtest_writel(r.qts, r.d.base + VMMIO_QUEUE_READY, 1);
    g_assert_cmpuint(qtest_readl(r.qts, r.d.base + VMMIO_QUEUE_READY), ==, 0);
    ring_stop(&r);
}

/* The machine's policy: only modern devices that negotiate both bits. */
static void test_platform_policy(void)
{
    QTestState *qts;
    QVirtioDev d;
    g_autofree char *out = NULL, *err = NULL;
    int status;

    status = qtest_run_binary("-M virt,x-virtio-require-platform=on "
                              "-display none -device virtio-rng-device",
                              &out, &err);
    g_assert_cmpint(status, ==, 1);
    g_assert_nonnull(strstr(err, "requires modern virtio"));

    qts = qtest_init("-M virt,x-virtio-require-platform=on "
                     "-global virtio-mmio.force-legacy=false "
                     "-device virtio-rng-device");
    qvirtio_start(&d, qts, qvirtio_find(qts, VIRTIO_ID_RNG));
    g_assert_true(qvirtio_device_features(&d) & VF_ACCESS_PLATFORM);
    g_assert_false(qvirtio_set_features(&d, VF_VERSION_1));
    qvirtio_start(&d, qts, d.base);
    g_assert_true(qvirtio_set_features(&d, VF_VERSION_1 | VF_ACCESS_PLATFORM));
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *path =
            g_strdup_printf("/virtio-ring/hostile/%s", cases[i].name);

        g_test_add_data_func(path, &cases[i], test_case);
    }
    qtest_add_func("/virtio-ring/unoffered-features", test_unoffered_features);
    qtest_add_func("/virtio-ring/bad-queue-size", test_bad_queue_size);
    qtest_add_func("/virtio-ring/platform-policy", test_platform_policy);
    return g_test_run();
}
