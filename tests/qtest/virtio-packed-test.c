/*
 * Packed virtqueues (virtio 1.2, 2.8) driven by hand through virtio-mmio
 * (modern) on virtio-rng-device,packed=on: negotiation, single buffers
 * over several laps of a ring whose size is not a power of two (the wrap
 * counters), chains, indirect tables, the driver's event suppression.
 *
 * Ours only: the buffer ID in a chain's last descriptor only, and
 * EVENT_IDX's descriptor event (QEMU 7.2 differs, see main()).
 * Malformed rings (ours only: QEMU 7.2 logs other texts) get a
 * guest_errors line and DEVICE_NEEDS_RESET and complete nothing: a chain
 * running into a descriptor that is not available, a chain longer than
 * the ring, indirect without INDIRECT_DESC or with NEXT, nested indirect,
 * readable after writable, a buffer on a device.
 */
#include "libvirtio.h"
#include <unistd.h>

#define VIRTIO_ID_RNG  4
#define VF_RING_PACKED (1ull << 34)
#define F_AVAIL        (1 << 7)
#define F_USED         (1 << 15)
#define EV_ENABLE      0
#define EV_DISABLE     1
#define EV_DESC        2
#define NUM            3 /* not a power of two: allowed for packed rings */
#define FINISHER       0x100000ull

typedef struct Packed {
    char *dir, *log;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq;  /* desc: the ring; avail/used: driver/device areas */
    uint64_t avail; /* descriptors the driver has made available */
    uint64_t used;  /* descriptors the test has seen used */
    uint64_t buf;   /* 256 bytes of guest RAM */
    bool id_last;   /* buffer ID only in a chain's last descriptor */
} Packed;

typedef struct Desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags; /* NEXT, WRITE, INDIRECT */
} Desc;

static bool wrap_of(uint64_t count)
{
    return !((count / NUM) & 1);
}

static void packed_start(Packed *p, const char *extra, uint64_t features)
{
    p->dir = g_dir_make_tmp("virtio-packed-XXXXXX", NULL);
    p->log = g_build_filename(p->dir, "log", NULL);
    p->qts = qtest_initf("-M virt -d guest_errors -D %s "
                         "-global virtio-mmio.force-legacy=false "
                         "-device virtio-rng-device,packed=on %s",
                         p->log, extra);
    qvirtio_start(&p->d, p->qts, qvirtio_find(p->qts, VIRTIO_ID_RNG));
    qvirtio_run_vm(p->qts);
    g_assert_true(
        qvirtio_set_features(&p->d, VF_VERSION_1 | VF_RING_PACKED | features));
    qvirtqueue_setup(&p->d, &p->vq, 0, NUM);
    qvirtio_driver_ok(&p->d);
    p->avail = p->used = 0;
    p->id_last = false;
    p->buf = qvirtio_alloc(&p->d, 256, 16);
}

static void packed_stop(Packed *p)
{
    qtest_quit(p->qts);
    unlink(p->log);
    rmdir(p->dir);
    g_free(p->log);
    g_free(p->dir);
}

static void write_desc(Packed *p, uint64_t table, unsigned i, const Desc *x,
                       uint16_t id, uint16_t flags)
{
    uint64_t a = table + 16ull * i;

    qtest_writeq(p->qts, a, x->addr);
    qtest_writel(p->qts, a + 8, x->len);
    qtest_writew(p->qts, a + 12, id);
    qtest_writew(p->qts, a + 14, flags);
}

/* The AVAIL/USED bits that make the descriptor at count available. */
static uint16_t avail_bits(uint64_t count)
{
    return wrap_of(count) ? F_AVAIL : F_USED;
}

/*
 * Make a chain of n descriptors available (the head last, 2.8.21) with
 * buffer id on the last one, and notify. unavail: leave descriptor k of
 * the chain (k > 0) not available.
 */
static void post(Packed *p, const Desc *x, unsigned n, uint16_t id, int unavail)
{
    for (unsigned k = n; k-- > 0;) {
        uint64_t c = p->avail + k;
        uint16_t f = x[k].flags | (k == (unsigned)unavail ? 0 : avail_bits(c));

        if (k == (unsigned)unavail && !wrap_of(c)) {
            f |= F_AVAIL | F_USED; /* "used" in this lap: not available */
        }
        write_desc(p, p->vq.desc, c % NUM, &x[k],
                   k == n - 1 || !p->id_last ? id : 0xffff, f);
    }
    p->avail += n;
    qtest_writel(p->qts, p->d.base + VMMIO_QUEUE_NOTIFY, 0);
}

/* Wait for the next used descriptor; the chain took n ring slots. */
static bool wait_used(Packed *p, unsigned n, uint16_t *id, uint32_t *len)
{
    uint64_t a = p->vq.desc + 16ull * (p->used % NUM);
    uint16_t want = wrap_of(p->used) ? F_AVAIL | F_USED : 0;

    for (int i = 0; i < 2000; i++) {
        uint16_t f = qtest_readw(p->qts, a + 14);

        if ((f & (F_AVAIL | F_USED)) == want) {
            *len = qtest_readl(p->qts, a + 8);
            *id = qtest_readw(p->qts, a + 12);
            p->used += n;
            return true;
        }
        g_usleep(1000);
    }
    return false;
}

static void set_driver_event(Packed *p, uint16_t off_wrap, uint16_t flags)
{
    qtest_writew(p->qts, p->vq.avail, off_wrap);
    qtest_writew(p->qts, p->vq.avail + 2, flags);
}

static void ack_irq(Packed *p)
{
    qtest_writel(p->qts, p->d.base + VMMIO_INTERRUPT_ACK,
                 qtest_readl(p->qts, p->d.base + VMMIO_INTERRUPT_STATUS));
}

static void test_negotiation(void)
{
    QTestState *qts;
    QVirtioDev d;
    Packed p;

    qts = qtest_init("-M virt -global virtio-mmio.force-legacy=false "
                     "-device virtio-rng-device");
    qvirtio_start(&d, qts, qvirtio_find(qts, VIRTIO_ID_RNG));
    g_assert_cmphex(qvirtio_device_features(&d) & VF_RING_PACKED, ==, 0);
    qtest_quit(qts);
    packed_start(&p, "", 0);
    g_assert_cmphex(qvirtio_device_features(&p.d) & VF_RING_PACKED, ==,
                    VF_RING_PACKED);
    packed_stop(&p);
}

/* Seven buffers through a 3-entry ring: laps with both wrap counters. */
static void test_single_buffers(void)
{
    Packed p;

    packed_start(&p, "", 0);
    for (unsigned i = 0; i < 7; i++) {
        Desc x = { p.buf + 16 * i, 16, VDESC_F_WRITE };
        uint16_t id;
        uint32_t len;

        post(&p, &x, 1, 100 + i, -1);
        g_assert_true(wait_used(&p, 1, &id, &len));
        g_assert_cmpuint(id, ==, 100 + i);
        g_assert_cmpuint(len, ==, 16);
    }
    g_assert_cmpuint(qtest_readq(p.qts, p.buf + 16 * 6), !=, 0);
    packed_stop(&p);
}

/*
 * A two-descriptor chain takes two slots; the next buffer follows it.
 * id_last: the buffer ID only in the last descriptor, as 2.8.6 puts it
 * (Linux writes it in each); QEMU 7.2 takes the first descriptor's.
 */
static void chain(bool id_last)
{
    Desc x[2] = { { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT },
                  { 0, 8, VDESC_F_WRITE } };
    uint16_t id;
    uint32_t len;
    Packed p;

    packed_start(&p, "", 0);
    p.id_last = id_last;
    x[0].addr = p.buf;
    x[1].addr = p.buf + 64;
    for (unsigned i = 0; i < 4; i++) {
        post(&p, x, 2, 7 + i, -1);
        g_assert_true(wait_used(&p, 2, &id, &len));
        g_assert_cmpuint(id, ==, 7 + i);
        g_assert_cmpuint(len, ==, 16);
    }
    packed_stop(&p);
}

static void test_chain(void)
{
    chain(false);
}

static void test_chain_id_last(void)
{
    chain(true);
}

/* One ring descriptor pointing at a table of three (2.8.5). */
static void test_indirect(void)
{
    Desc x;
    uint16_t id;
    uint32_t len;
    Packed p;

    packed_start(&p, "", VF_INDIRECT_DESC);
    for (unsigned i = 0; i < 3; i++) {
        Desc t = { p.buf + 8 * i, 8, VDESC_F_WRITE };

        write_desc(&p, p.buf + 128, i, &t, 0, t.flags);
    }
    x = (Desc){ p.buf + 128, 48, VDESC_F_INDIRECT };
    post(&p, &x, 1, 42, -1);
    g_assert_true(wait_used(&p, 1, &id, &len));
    g_assert_cmpuint(id, ==, 42);
    g_assert_cmpuint(len, ==, 24);
    packed_stop(&p);
}

/* The driver's event suppression: no interrupt while DISABLE. */
static void test_event_suppression(void)
{
    Desc x;
    uint16_t id;
    uint32_t len;
    Packed p;

    packed_start(&p, "", 0);
    x = (Desc){ p.buf, 16, VDESC_F_WRITE };
    set_driver_event(&p, 0, EV_DISABLE);
    ack_irq(&p);
    post(&p, &x, 1, 1, -1);
    g_assert_true(wait_used(&p, 1, &id, &len));
    g_assert_cmphex(qtest_readl(p.qts, p.d.base + VMMIO_INTERRUPT_STATUS) & 1,
                    ==, 0);
    set_driver_event(&p, 0, EV_ENABLE);
    post(&p, &x, 1, 2, -1);
    g_assert_true(wait_used(&p, 1, &id, &len));
    g_assert_cmphex(qtest_readl(p.qts, p.d.base + VMMIO_INTERRUPT_STATUS) & 1,
                    ==, 1);
    packed_stop(&p);
}

static bool vq_irq(Packed *p)
{
    return qtest_readl(p->qts, p->d.base + VMMIO_INTERRUPT_STATUS) & 1;
}

/*
 * EVENT_IDX: RING_EVENT_FLAGS_DESC asks for one interrupt, when the
 * descriptor at (offset 0, wrap counter 0) is used: the fourth buffer.
 */
static void test_event_desc(void)
{
    Desc x;
    uint16_t id;
    uint32_t len;
    Packed p;

    packed_start(&p, "", VF_EVENT_IDX);
    x = (Desc){ p.buf, 16, VDESC_F_WRITE };
    post(&p, &x, 1, 1, -1);
    g_assert_true(wait_used(&p, 1, &id, &len));
    ack_irq(&p);
    set_driver_event(&p, 0 | (0 << 15), EV_DESC);
    for (unsigned i = 0; i < 3; i++) {
        post(&p, &x, 1, 2 + i, -1);
        g_assert_true(wait_used(&p, 1, &id, &len));
        g_assert_true(vq_irq(&p) == (i == 2));
    }
    packed_stop(&p);
}

typedef struct BadCase {
    const char *logged;
    uint64_t features;
    unsigned n;
    int unavail;
    Desc x[NUM];
} BadCase;

static void test_malformed(void)
{
    const BadCase cases[] = {
        { "runs into descriptor 1, which is not available",
          0,
          2,
          1,
          { { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT }, { 0, 8, VDESC_F_WRITE } } },
        { "packed chain longer than the ring",
          0,
          3,
          -1,
          { { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT },
            { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT },
            { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT } } },
        { "indirect descriptor without INDIRECT_DESC",
          0,
          1,
          -1,
          { { 128, 16, VDESC_F_INDIRECT } } },
        { "indirect descriptor with NEXT",
          VF_INDIRECT_DESC,
          2,
          -1,
          { { 128, 16, VDESC_F_INDIRECT | VDESC_F_NEXT },
            { 0, 8, VDESC_F_WRITE } } },
        { "nested indirect descriptor",
          VF_INDIRECT_DESC,
          1,
          -1,
          { { 192, 16, VDESC_F_INDIRECT } } },
        { "readable descriptor after a writable one",
          0,
          2,
          -1,
          { { 0, 8, VDESC_F_WRITE | VDESC_F_NEXT }, { 0, 8, 0 } } },
        { "is not writable guest RAM",
          0,
          1,
          -1,
          { { FINISHER, 4, VDESC_F_WRITE } } },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const BadCase *c = &cases[i];
        Desc x[NUM];
        Desc inner = { 0, 16, VDESC_F_INDIRECT };
        Packed p;
        g_autofree char *want = NULL;

        packed_start(&p, "", c->features);
        for (unsigned k = 0; k < c->n; k++) {
            x[k] = c->x[k];
            if (x[k].addr < 0x1000) {
                x[k].addr += p.buf; /* offsets in the scratch buffer */
            }
        }
        inner.addr = p.buf + 128;
        write_desc(&p, p.buf + 192, 0, &inner, 0, inner.flags); /* nested */
        post(&p, x, c->n, 9, c->unavail);
        g_assert_cmphex(qvirtio_status(&p.d) & VSTATUS_NEEDS_RESET, ==,
                        VSTATUS_NEEDS_RESET);
        g_assert_cmphex(qtest_readw(p.qts, p.vq.desc + 14) & F_USED, ==, 0);
        want = g_strdup_printf("%s%c", c->logged, 0);
        qvirtio_assert_logged(p.log, want);
        packed_stop(&p);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-packed/negotiation", test_negotiation);
    qtest_add_func("/virtio-packed/single-buffers", test_single_buffers);
    qtest_add_func("/virtio-packed/chain", test_chain);
    qtest_add_func("/virtio-packed/indirect", test_indirect);
    qtest_add_func("/virtio-packed/event-suppression", test_event_suppression);
    if (qtest_has_accel()) {
        /* Ours only: QEMU 7.2's log lines differ. */
        qtest_add_func("/virtio-packed/malformed", test_malformed);
        /*
         * Ours only: with this 3-entry ring QEMU 7.2 interrupts one buffer
         * early, after the descriptor before (0, wrap 0) is used (2.8.10:
         * "when this descriptor is ... used").
         */
        qtest_add_func("/virtio-packed/event-desc", test_event_desc);
        /* Ours only: QEMU 7.2 reads the ID from the first descriptor. */
        qtest_add_func("/virtio-packed/chain-id-last", test_chain_id_last);
    }
    return g_test_run();
}
