/*
 * virtio-rng-device (virtio 1.2 section 5.4): one queue of device-writable
 * buffers the device fills with entropy from an rng backend (rng=ID, or a
 * private rng-builtin). max-bytes per period milliseconds limits the rate,
 * as QEMU's properties of the same names do.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "hw/virtio/virtio.h"
#include "sysemu/rng.h"

#define TYPE_VIRTIO_RNG "virtio-rng-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIORNG, VIRTIO_RNG)

#define VIRTIO_RNG_QUEUE_SIZE 8
#define VIRTIO_RNG_CHUNK      4096 /* bytes filled per buffer at a time */

struct VirtIORNG {
    VirtIODevice parent_obj;
    VirtQueue *vq;
    Object *rng_link;     /* rng= */
    RngBackend *rng;      /* rng_link, or default_rng */
    Object *default_rng;  /* child "default-backend" without rng= */
    uint64_t max_bytes;   /* max-bytes */
    uint32_t period_ms;   /* period */
    uint64_t quota;       /* bytes left in this period */
    QEMUTimer rate_timer; /* end of the period */
};

/* Fill one element; false if the backend had nothing or memory was bad. */
static bool virtio_rng_fill_one(VirtIORNG *s, VirtQueueElement *elem)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    uint8_t buf[VIRTIO_RNG_CHUNK];
    size_t want = MIN(MIN(elem->in_len, s->quota), sizeof(buf));
    size_t got = want ? rng_backend_fill(s->rng, buf, want) : 0;

    if (got == 0 || virtqueue_elem_write(vdev, elem, 0, buf, got) < 0) {
        return false;
    }
    s->quota -= got;
    virtqueue_push(s->vq, elem, got);
    return true;
}

static void virtio_rng_process(VirtIORNG *s)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    bool pushed = false;

    while (s->quota > 0 && !vdev->broken) {
        VirtQueueElement *elem = virtqueue_pop(s->vq);

        if (!elem) {
            break;
        }
        if (!virtio_rng_fill_one(s, elem)) {
            if (vdev->broken) {
                virtqueue_elem_free(elem);
            } else {
                virtqueue_unpop(s->vq, elem); /* try again later */
            }
            break;
        }
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, s->vq);
    }
    if (s->quota == 0 && !timer_pending(&s->rate_timer)) {
        timer_mod(&s->rate_timer, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL) +
                                      (int64_t)s->period_ms * 1000000);
    }
}

static void virtio_rng_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    virtio_rng_process(VIRTIO_RNG(vdev));
}

static void virtio_rng_rate_tick(void *opaque)
{
    VirtIORNG *s = opaque;

    s->quota = s->max_bytes;
    if (VIRTIO_DEVICE(s)->status & VIRTIO_CONFIG_S_DRIVER_OK) {
        virtio_rng_process(s);
    }
}

static void virtio_rng_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIORNG *s = VIRTIO_RNG(vdev);

    if (s->period_ms == 0) {
        error_setg(errp, "'period' parameter expects a positive integer");
        return;
    }
    if (s->max_bytes > INT64_MAX) {
        error_setg(errp, "'max-bytes' parameter must be non-negative, "
                         "and less than 2^63");
        return;
    }
    if (s->rng_link) {
        s->rng =
            (RngBackend *)object_dynamic_cast(s->rng_link, TYPE_RNG_BACKEND);
    }
    if (!s->rng) {
        s->default_rng = object_new(TYPE_RNG_BUILTIN);
        object_property_add_child(OBJECT(s), "default-backend", s->default_rng);
        object_unref(s->default_rng);
        s->rng = RNG_BACKEND(s->default_rng);
    }
    virtio_init(vdev, VIRTIO_ID_RNG, 0);
    s->vq = virtio_add_queue(vdev, VIRTIO_RNG_QUEUE_SIZE, virtio_rng_handle);
    timer_init_ns(&s->rate_timer, QEMU_CLOCK_VIRTUAL, virtio_rng_rate_tick, s);
}

static void virtio_rng_unrealize(VirtIODevice *vdev)
{
    VirtIORNG *s = VIRTIO_RNG(vdev);

    timer_del(&s->rate_timer);
}

static void virtio_rng_reset(VirtIODevice *vdev)
{
    VirtIORNG *s = VIRTIO_RNG(vdev);

    s->quota = s->max_bytes;
    timer_del(&s->rate_timer);
}

static const Property virtio_rng_props[] = {
    DEFINE_PROP_LINK("rng", VirtIORNG, rng_link, TYPE_RNG_BACKEND),
    DEFINE_PROP_UINT64("max-bytes", VirtIORNG, max_bytes, INT64_MAX),
    DEFINE_PROP_UINT32("period", VirtIORNG, period_ms, 1 << 16),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_rng_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio entropy source";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_MISC;
    device_class_set_props(dc, virtio_rng_props);
    vdc->realize = virtio_rng_realize;
    vdc->unrealize = virtio_rng_unrealize;
    vdc->reset = virtio_rng_reset;
}

static const TypeInfo virtio_rng_info = {
    .name = TYPE_VIRTIO_RNG,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIORNG),
    .class_init = virtio_rng_class_init,
};

static void virtio_rng_register_types(void)
{
    type_register_static(&virtio_rng_info);
}

type_init(virtio_rng_register_types)
