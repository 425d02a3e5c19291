/*
 * The qtest virtio driver (see libvirtio.h).
 */
#include "libvirtio.h"

#define VIRT_MMIO_BASE   0x10001000ull
#define VIRT_MMIO_STRIDE 0x1000
#define VIRT_MMIO_COUNT  8
#define LEGACY_PAGE      4096

static uint32_t rd(QVirtioDev *d, unsigned reg)
{
    return qtest_readl(d->qts, d->base + reg);
}

static void wr(QVirtioDev *d, unsigned reg, uint32_t v)
{
    qtest_writel(d->qts, d->base + reg, v);
}

uint64_t qvirtio_find(QTestState *qts, uint32_t device_id)
{
    for (int i = VIRT_MMIO_COUNT - 1; i >= 0; i--) {
        uint64_t base = VIRT_MMIO_BASE + (uint64_t)i * VIRT_MMIO_STRIDE;

        if (qtest_readl(qts, base + VMMIO_DEVICE_ID) == device_id) {
            return base;
        }
    }
    return 0;
}

void qvirtio_run_vm(QTestState *qts)
{
    JsonObject *r;

    if (qtest_has_accel()) {
        return;
    }
    r = qtest_qmp(qts, "{\"execute\": \"cont\"}");
    g_assert_false(qmp_has_error(r));
    json_object_unref(r);
}

void qvirtio_reset(QVirtioDev *d)
{
    wr(d, VMMIO_STATUS, 0);
    g_assert_cmpuint(rd(d, VMMIO_STATUS), ==, 0);
}

void qvirtio_start(QVirtioDev *d, QTestState *qts, uint64_t base)
{
    memset(d, 0, sizeof(*d));
    d->qts = qts;
    d->base = base;
    d->legacy = rd(d, VMMIO_VERSION) == 1;
    d->alloc_next = VIRT_RAM_BASE + 0x100000;
    qvirtio_reset(d);
    wr(d, VMMIO_STATUS, VSTATUS_ACK);
    wr(d, VMMIO_STATUS, VSTATUS_ACK | VSTATUS_DRIVER);
    if (d->legacy) {
        wr(d, VMMIO_GUEST_PAGE_SIZE, LEGACY_PAGE);
    }
}

uint64_t qvirtio_device_features(QVirtioDev *d)
{
    uint64_t f;

    wr(d, VMMIO_DEVICE_FEAT_SEL, 0);
    f = rd(d, VMMIO_DEVICE_FEATURES);
    wr(d, VMMIO_DEVICE_FEAT_SEL, 1);
    return f | (uint64_t)rd(d, VMMIO_DEVICE_FEATURES) << 32;
}

bool qvirtio_set_features(QVirtioDev *d, uint64_t features)
{
    uint32_t st = VSTATUS_ACK | VSTATUS_DRIVER | VSTATUS_FEATURES_OK;

    wr(d, VMMIO_DRIVER_FEAT_SEL, 0);
    wr(d, VMMIO_DRIVER_FEATURES, features);
    wr(d, VMMIO_DRIVER_FEAT_SEL, 1);
    wr(d, VMMIO_DRIVER_FEATURES, features >> 32);
    d->features = features;
    if (d->legacy) {
        return true;
    }
    wr(d, VMMIO_STATUS, st);
    return rd(d, VMMIO_STATUS) & VSTATUS_FEATURES_OK;
}

void qvirtio_driver_ok(QVirtioDev *d)
{
    wr(d, VMMIO_STATUS, rd(d, VMMIO_STATUS) | VSTATUS_DRIVER_OK);
}

uint32_t qvirtio_status(QVirtioDev *d)
{
    return rd(d, VMMIO_STATUS);
}

uint64_t qvirtio_alloc(QVirtioDev *d, uint64_t size, uint64_t align)
{
    uint64_t a = (d->alloc_next + align - 1) & ~(align - 1);

    d->alloc_next = a + size;
    qtest_memset(d->qts, a, 0, size);
    return a;
}

static void setup_legacy(QVirtioDev *d, QVirtQueue *vq)
{
    uint64_t avail_end = 16ull * vq->num + 6 + 2ull * vq->num;
    uint64_t used_off = (avail_end + LEGACY_PAGE - 1) & ~(LEGACY_PAGE - 1);
    uint64_t size = used_off + 6 + 8ull * vq->num;

    vq->desc = qvirtio_alloc(d, size, LEGACY_PAGE);
    vq->avail = vq->desc + 16ull * vq->num;
    vq->used = vq->desc + used_off;
    wr(d, VMMIO_QUEUE_ALIGN, LEGACY_PAGE);
    wr(d, VMMIO_QUEUE_PFN, vq->desc / LEGACY_PAGE);
}

static void wr64(QVirtioDev *d, unsigned reg, uint64_t v)
{
    wr(d, reg, v);
    wr(d, reg + 4, v >> 32);
}

static void setup_modern(QVirtioDev *d, QVirtQueue *vq)
{
    vq->desc = qvirtio_alloc(d, 16ull * vq->num, 16);
    vq->avail = qvirtio_alloc(d, 6 + 2ull * vq->num, 2);
    vq->used = qvirtio_alloc(d, 6 + 8ull * vq->num, 4);
    wr64(d, VMMIO_QUEUE_DESC_LO, vq->desc);
    wr64(d, VMMIO_QUEUE_DRIVER_LO, vq->avail);
    wr64(d, VMMIO_QUEUE_DEVICE_LO, vq->used);
    wr(d, VMMIO_QUEUE_READY, 1);
    g_assert_cmpuint(rd(d, VMMIO_QUEUE_READY), ==, 1);
}

void qvirtqueue_setup(QVirtioDev *d, QVirtQueue *vq, unsigned index,
                      unsigned num)
{
    memset(vq, 0, sizeof(*vq));
    vq->index = index;
    vq->num = num;
    wr(d, VMMIO_QUEUE_SEL, index);
    g_assert_cmpuint(rd(d, VMMIO_QUEUE_NUM_MAX), >=, num);
    wr(d, VMMIO_QUEUE_NUM, num);
    if (d->legacy) {
        setup_legacy(d, vq);
    } else {
        setup_modern(d, vq);
    }
}

void qvirtqueue_write_desc(QVirtioDev *d, uint64_t table, unsigned i,
                           uint64_t addr, uint32_t len, uint16_t flags,
                           uint16_t next)
{
    uint64_t p = table + 16ull * i;

    qtest_writeq(d->qts, p, addr);
    qtest_writel(d->qts, p + 8, len);
    qtest_writew(d->qts, p + 12, flags);
    qtest_writew(d->qts, p + 14, next);
}

void qvirtqueue_kick(QVirtioDev *d, QVirtQueue *vq, uint16_t head)
{
    qtest_writew(d->qts, vq->avail + 4 + 2 * (vq->avail_idx % vq->num), head);
    qvirtqueue_set_avail_idx(d, vq, vq->avail_idx + 1);
}

void qvirtqueue_set_avail_idx(QVirtioDev *d, QVirtQueue *vq, uint16_t idx)
{
    vq->avail_idx = idx;
    qtest_writew(d->qts, vq->avail + 2, idx);
    wr(d, VMMIO_QUEUE_NOTIFY, vq->index);
}

uint16_t qvirtqueue_used_idx(QVirtioDev *d, QVirtQueue *vq)
{
    return qtest_readw(d->qts, vq->used + 2);
}

bool qvirtqueue_wait_used(QVirtioDev *d, QVirtQueue *vq, uint32_t *id,
                          uint32_t *len)
{
    uint64_t slot;

    for (int i = 0; i < 5000; i++) {
        if (qvirtqueue_used_idx(d, vq) != vq->last_used) {
            slot = vq->used + 4 + 8ull * (vq->last_used % vq->num);
            *id = qtest_readl(d->qts, slot);
            *len = qtest_readl(d->qts, slot + 4);
            vq->last_used++;
            return true;
        }
        g_usleep(1000);
    }
    return false;
}

void qvirtqueue_single(QVirtioDev *d, QVirtQueue *vq, uint64_t addr,
                       uint32_t len, bool write)
{
    qvirtqueue_write_desc(d, vq->desc, 0, addr, len, write ? VDESC_F_WRITE : 0,
                          0);
    qvirtqueue_kick(d, vq, 0);
}

void qvirtio_assert_logged(const char *log, const char *want)
{
    g_autofree char *text = NULL;

    g_assert_true(g_file_get_contents(log, &text, NULL, NULL));
    for (; *want; want += strlen(want) + 1) {
        if (!strstr(text, want)) {
            g_error("expected \"%s\" in the log:\n%s", want, text);
        }
    }
}
