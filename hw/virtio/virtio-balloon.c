/*
 * virtio-balloon-device (virtio 1.2 section 5.5): the host asks for guest
 * RAM back by raising num_pages; the driver gives pages (4 KiB page frame
 * numbers) on the inflateq and takes them back on the deflateq, and tells
 * the device how many it holds in `actual`.
 *
 * Inflated pages are released to the host (MADV_DONTNEED on the RAM
 * backing; they read as zero when the guest reuses them after a deflate).
 * PFNs are guest input: one that is not writable guest RAM is a
 * -d guest_errors line and is skipped. The monitor's `balloon` and
 * `query-balloon` go through sysemu/balloon.h; changes of `actual` are
 * BALLOON_CHANGE events, at most one a second, as QEMU throttles them.
 *
 * The statistics queue (STATS_VQ, offered as QEMU does) keeps the driver's
 * buffer; the statistics are not exported (no qom-get here yet).
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/boards.h"
#include "hw/virtio/virtio.h"
#include "monitor/monitor.h"
#include "sysemu/balloon.h"
#include <json-glib/json-glib.h>

#define TYPE_VIRTIO_BALLOON "virtio-balloon-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOBalloon, VIRTIO_BALLOON)

/* Feature bits (5.5.3) */
#define VIRTIO_BALLOON_F_STATS_VQ       1
#define VIRTIO_BALLOON_F_DEFLATE_ON_OOM 2
#define VIRTIO_BALLOON_F_PAGE_POISON    4

/* struct virtio_balloon_config (5.5.4) */
#define CFG_NUM_PAGES   0
#define CFG_ACTUAL      4
#define CFG_HINT_CMD_ID 8
#define CFG_POISON_VAL  12
#define CFG_SIZE        16

#define BALLOON_PAGE_SHIFT 12
#define BALLOON_PAGE_SIZE  (1ull << BALLOON_PAGE_SHIFT)
#define QUEUE_SIZE         128
/*
 * PFNs taken from one buffer: Linux sends at most 256. A bound keeps a
 * hostile driver from making one notify a billion madvise calls.
 */
#define MAX_PFNS_PER_BUFFER 1024
#define EVENT_PERIOD_NS     1000000000ll /* one BALLOON_CHANGE a second */

struct VirtIOBalloon {
    VirtIODevice parent_obj;
    VirtQueue *ivq, *dvq, *svq;
    bool deflate_on_oom; /* deflate-on-oom= */
    bool page_poison;    /* page-poison= */
    uint32_t num_pages;  /* pages the host wants in the balloon */
    uint32_t actual;     /* pages the driver says it holds */
    uint32_t poison_val;
    VirtQueueElement *stats; /* the driver's statistics buffer, kept */
    QEMUTimer event_timer;   /* end of the BALLOON_CHANGE quiet period */
    bool event_pending;      /* actual changed during the quiet period */
};

static uint64_t ram_size(void)
{
    return qdev_get_machine()->ram_size;
}

/* The monitor's side */

static uint64_t balloon_get_actual(void *opaque)
{
    VirtIOBalloon *s = opaque;
    uint64_t held = (uint64_t)s->actual << BALLOON_PAGE_SHIFT;

    return held < ram_size() ? ram_size() - held : 0;
}

static void balloon_set_target(void *opaque, uint64_t target)
{
    VirtIOBalloon *s = opaque;

    s->num_pages = (ram_size() - target) >> BALLOON_PAGE_SHIFT;
    virtio_notify_config(VIRTIO_DEVICE(s));
}

static const BalloonOps balloon_ops = {
    .set_target = balloon_set_target,
    .get_actual = balloon_get_actual,
};

static void send_change_event(VirtIOBalloon *s)
{
    JsonObject *data = json_object_new();

    json_object_set_int_member(data, "actual", balloon_get_actual(s));
    qmp_event_send("BALLOON_CHANGE", data);
    s->event_pending = false;
    timer_mod(&s->event_timer,
              qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + EVENT_PERIOD_NS);
}

static void event_timer_cb(void *opaque)
{
    VirtIOBalloon *s = opaque;

    if (s->event_pending) {
        send_change_event(s);
    }
}

static void actual_changed(VirtIOBalloon *s)
{
    if (timer_pending(&s->event_timer)) {
        s->event_pending = true;
    } else {
        send_change_event(s);
    }
}

/* The queues */

/* Is pfn a page of writable guest RAM? Logged if not. */
static bool pfn_ok(VirtIODevice *vdev, const char *queue, uint32_t pfn)
{
    hwaddr addr = (hwaddr)pfn << BALLOON_PAGE_SHIFT;

    if (!virtio_dma_ok(vdev, addr, BALLOON_PAGE_SIZE, true)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: %s: PFN 0x%x (0x%" HWADDR_PRIx
                      ") is not guest RAM\n",
                      vdev->name, queue, pfn, addr);
        return false;
    }
    return true;
}

/*
 * With PAGE_POISON and a poison value, freed pages must keep it (5.5.6.1):
 * released pages would read as zero, so they stay.
 */
static bool poison_active(VirtIOBalloon *s)
{
    return virtio_has_feature(VIRTIO_DEVICE(s), VIRTIO_BALLOON_F_PAGE_POISON) &&
           s->poison_val;
}

/* Release runs of consecutive pages with one madvise each. */
static void discard_run(VirtIOBalloon *s, hwaddr start, uint64_t pages)
{
    if (pages && !poison_active(s)) {
        /* Host pages larger than 4 KiB cannot be given back piecemeal. */
        address_space_discard_ram(VIRTIO_DEVICE(s)->dma_as, start,
                                  pages << BALLOON_PAGE_SHIFT);
    }
}

static void handle_pfns(VirtIOBalloon *s, VirtQueueElement *elem, bool inflate)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    const char *q = inflate ? "inflateq" : "deflateq";
    uint64_t n = elem->out_len / 4, run_pages = 0;
    uint8_t pfns[256 * 4];
    hwaddr run = 0;

    if (elem->out_len % 4 || n > MAX_PFNS_PER_BUFFER) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: %s: buffer of %" PRIu64 " bytes is not a whole "
                      "number of at most %u PFNs\n",
                      vdev->name, q, elem->out_len, MAX_PFNS_PER_BUFFER);
        n = MIN(n, MAX_PFNS_PER_BUFFER);
    }
    for (uint64_t i = 0; i < n; i += sizeof(pfns) / 4) {
        uint64_t chunk = MIN(n - i, sizeof(pfns) / 4);

        if (virtqueue_elem_read(vdev, elem, i * 4, pfns, chunk * 4) < 0) {
            return;
        }
        for (uint64_t j = 0; j < chunk; j++) {
            uint32_t pfn = ldl_le_p(pfns + 4 * j);
            hwaddr addr = (hwaddr)pfn << BALLOON_PAGE_SHIFT;

            if (!pfn_ok(vdev, q, pfn) || !inflate) {
                continue;
            }
            if (run_pages && addr == run + (run_pages << BALLOON_PAGE_SHIFT)) {
                run_pages++;
                continue;
            }
            discard_run(s, run, run_pages);
            run = addr;
            run_pages = 1;
        }
    }
    discard_run(s, run, run_pages);
}

static void handle_pfn_queue(VirtIODevice *vdev, VirtQueue *vq, bool inflate)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    VirtQueueElement *elem;
    bool pushed = false;

    while ((elem = virtqueue_pop(vq))) {
        handle_pfns(s, elem, inflate);
        if (vdev->broken) {
            virtqueue_elem_free(elem);
            return;
        }
        virtqueue_push(vq, elem, 0);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vq);
    }
}

static void balloon_inflate(VirtIODevice *vdev, VirtQueue *vq)
{
    handle_pfn_queue(vdev, vq, true);
}

static void balloon_deflate(VirtIODevice *vdev, VirtQueue *vq)
{
    handle_pfn_queue(vdev, vq, false);
}

/*
 * 5.5.6.3: the driver posts one statistics buffer and the device returns
 * it to ask for fresh numbers. Nothing asks yet: keep the newest.
 */
static void balloon_stats(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    VirtQueueElement *elem;

    while ((elem = virtqueue_pop(vq))) {
        if (s->stats) {
            virtqueue_push(vq, s->stats, 0);
            virtio_notify(vdev, vq);
        }
        s->stats = elem;
    }
}

/* The device */

static uint64_t balloon_get_features(VirtIODevice *vdev)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    uint64_t f = 1ull << VIRTIO_BALLOON_F_STATS_VQ;

    if (s->deflate_on_oom) {
        f |= 1ull << VIRTIO_BALLOON_F_DEFLATE_ON_OOM;
    }
    if (s->page_poison) {
        f |= 1ull << VIRTIO_BALLOON_F_PAGE_POISON;
    }
    return f;
}

static void balloon_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);

    stl_le_p(config + CFG_NUM_PAGES, s->num_pages);
    stl_le_p(config + CFG_ACTUAL, s->actual);
    stl_le_p(config + CFG_HINT_CMD_ID, 0);
    stl_le_p(config + CFG_POISON_VAL, s->poison_val);
}

/* The driver may write actual and poison_val; num_pages is ours. */
static void balloon_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);
    uint32_t actual = ldl_le_p(config + CFG_ACTUAL);

    s->poison_val = ldl_le_p(config + CFG_POISON_VAL);
    if (actual != s->actual) {
        s->actual = actual;
        actual_changed(s);
    }
}

static void balloon_reset(VirtIODevice *vdev)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);

    virtqueue_elem_free(s->stats);
    s->stats = NULL;
    s->poison_val = 0;
    /* 5.5.6: the driver starts with an empty balloon; num_pages stays. */
    if (s->actual) {
        s->actual = 0;
        actual_changed(s);
    }
}

static void balloon_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);

    if (!qemu_balloon_register(&balloon_ops, s, errp)) {
        return;
    }
    virtio_init(vdev, VIRTIO_ID_BALLOON, CFG_SIZE);
    s->ivq = virtio_add_queue(vdev, QUEUE_SIZE, balloon_inflate);
    s->dvq = virtio_add_queue(vdev, QUEUE_SIZE, balloon_deflate);
    s->svq = virtio_add_queue(vdev, QUEUE_SIZE, balloon_stats);
}

static void balloon_unrealize(VirtIODevice *vdev)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(vdev);

    timer_del(&s->event_timer);
    qemu_balloon_unregister(s);
    virtqueue_elem_free(s->stats);
    s->stats = NULL;
}

static void balloon_instance_init(Object *obj)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(obj);

    timer_init_ns(&s->event_timer, QEMU_CLOCK_REALTIME, event_timer_cb, s);
}

static void balloon_instance_finalize(Object *obj)
{
    VirtIOBalloon *s = VIRTIO_BALLOON(obj);

    /* Also when realize succeeded but plugging it failed. */
    qemu_balloon_unregister(s);
    timer_del(&s->event_timer);
    virtqueue_elem_free(s->stats);
}

static const Property balloon_props[] = {
    DEFINE_PROP_BOOL("deflate-on-oom", VirtIOBalloon, deflate_on_oom, false),
    DEFINE_PROP_BOOL("page-poison", VirtIOBalloon, page_poison, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void balloon_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio memory balloon";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_MISC;
    device_class_set_props(dc, balloon_props);
    vdc->realize = balloon_realize;
    vdc->unrealize = balloon_unrealize;
    vdc->get_features = balloon_get_features;
    vdc->get_config = balloon_get_config;
    vdc->set_config = balloon_set_config;
    vdc->reset = balloon_reset;
}

static const TypeInfo balloon_info = {
    .name = TYPE_VIRTIO_BALLOON,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBalloon),
    .instance_init = balloon_instance_init,
    .instance_finalize = balloon_instance_finalize,
    .class_init = balloon_class_init,
};

static void balloon_register_types(void)
{
    type_register_static(&balloon_info);
}

type_init(balloon_register_types)
