/*
 * The virtio device core (virtio 1.2 sections 2 and 3): status, feature
 * negotiation, reset, configuration space, queue setup, and the one pair of
 * guest-memory accessors every virtio device uses.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/boards.h"
#include "virtio-internal.h"

/* Guest memory */

bool virtio_dma_ok(VirtIODevice *vdev, hwaddr addr, hwaddr len, bool write)
{
    return address_space_is_ram_range(vdev->dma_as, addr, len, write);
}

bool virtio_dma_read(VirtIODevice *vdev, hwaddr addr, void *buf, hwaddr len)
{
    if (!virtio_dma_ok(vdev, addr, len, false)) {
        return false;
    }
    return dma_memory_read(vdev->dma_as, addr, buf, len) == MEMTX_OK;
}

bool virtio_dma_write(VirtIODevice *vdev, hwaddr addr, const void *buf,
                      hwaddr len)
{
    if (!virtio_dma_ok(vdev, addr, len, true)) {
        return false;
    }
    /* Through the memory API so the CPU sees the write (LR, code cache). */
    return dma_memory_write(vdev->dma_as, addr, buf, len) == MEMTX_OK;
}

/* Errors */

void virtio_error(VirtIODevice *vdev, const char *fmt, ...)
{
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemu_log_mask(LOG_GUEST_ERROR, "%s: %s\n", vdev->name, msg);
    vdev->broken = true;
    /* 2.1.2: a modern device tells the driver it needs a reset. */
    if (virtio_has_feature(vdev, VIRTIO_F_VERSION_1)) {
        vdev->status |= VIRTIO_CONFIG_S_NEEDS_RESET;
        virtio_notify_config(vdev);
    }
}

/* Features */

bool virtio_has_feature(VirtIODevice *vdev, unsigned bit)
{
    return (vdev->guest_features >> bit) & 1;
}

bool virtio_machine_requires_platform(void)
{
    MachineState *ms = qdev_get_machine();

    return ms && ms->virtio_require_platform;
}

uint64_t virtio_host_features(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    uint64_t f = vdc->get_features ? vdc->get_features(vdev) : 0;

    if (vdev->indirect_desc) {
        f |= 1ull << VIRTIO_RING_F_INDIRECT_DESC;
    }
    if (vdev->event_idx) {
        f |= 1ull << VIRTIO_RING_F_EVENT_IDX;
    }
    if (vdev->bus.legacy) {
        /* Legacy drivers see the low 32 bits, with the legacy extras. */
        f |= (1ull << VIRTIO_F_NOTIFY_ON_EMPTY) | (1ull << VIRTIO_F_ANY_LAYOUT);
        return f & 0xffffffffull;
    }
    f |= (1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_RING_RESET);
    if (vdev->packed) {
        f |= 1ull << VIRTIO_F_RING_PACKED;
    }
    if (vdev->iommu_platform || virtio_machine_requires_platform()) {
        f |= 1ull << VIRTIO_F_ACCESS_PLATFORM;
    }
    return f;
}

/*
 * The driver's feature choice (3.1.1 step 5). Refused when it has bits the
 * device did not offer, or, on a machine that requires it, lacks VERSION_1
 * or ACCESS_PLATFORM.
 */
bool virtio_set_features(VirtIODevice *vdev, uint64_t features)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);
    uint64_t need =
        (1ull << VIRTIO_F_VERSION_1) | (1ull << VIRTIO_F_ACCESS_PLATFORM);

    if (vdev->status & VIRTIO_CONFIG_S_FEATURES_OK) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: features changed after FEATURES_OK\n", vdev->name);
        return false;
    }
    if (features & ~vdev->host_features) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver accepted unoffered features 0x%" PRIx64 "\n",
                      vdev->name, features & ~vdev->host_features);
        return false;
    }
    if (virtio_machine_requires_platform() && (features & need) != need) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: the machine requires VERSION_1 and "
                      "ACCESS_PLATFORM\n",
                      vdev->name);
        return false;
    }
    vdev->guest_features = features;
    if (vdc->set_features) {
        vdc->set_features(vdev, features);
    }
    return true;
}

/* Status and reset */

void virtio_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    /* NEEDS_RESET is the device's to set; keep it until reset. */
    status = (status & ~VIRTIO_CONFIG_S_NEEDS_RESET) |
             (vdev->status & VIRTIO_CONFIG_S_NEEDS_RESET);
    vdev->status = status;
    if (vdc->set_status) {
        vdc->set_status(vdev, status);
    }
}

void virtio_reset(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (vdc->reset) {
        vdc->reset(vdev);
    }
    vdev->status = 0;
    vdev->isr = 0;
    vdev->broken = false;
    vdev->guest_features = 0;
    vdev->host_features = virtio_host_features(vdev);
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        virtqueue_reset_state(&vdev->vq[i]);
    }
    if (vdev->bus.update_irq) {
        vdev->bus.update_irq(vdev->bus.opaque);
    }
}

/* Configuration space (2.5) */

static void virtio_config_fetch(VirtIODevice *vdev)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (vdc->get_config) {
        vdc->get_config(vdev, vdev->config);
    }
}

uint32_t virtio_config_read(VirtIODevice *vdev, uint32_t addr, unsigned size)
{
    uint32_t v = 0;

    if (addr >= vdev->config_len || size > vdev->config_len - addr) {
        return 0;
    }
    virtio_config_fetch(vdev);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint32_t)vdev->config[addr + i] << (8 * i);
    }
    return v;
}

void virtio_config_write(VirtIODevice *vdev, uint32_t addr, uint32_t val,
                         unsigned size)
{
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(vdev);

    if (addr >= vdev->config_len || size > vdev->config_len - addr) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: config write at 0x%x beyond its %zu bytes\n",
                      vdev->name, addr, vdev->config_len);
        return;
    }
    virtio_config_fetch(vdev);
    for (unsigned i = 0; i < size; i++) {
        vdev->config[addr + i] = val >> (8 * i);
    }
    if (vdc->set_config) {
        vdc->set_config(vdev, vdev->config);
    }
}

void virtio_notify_config(VirtIODevice *vdev)
{
    vdev->generation++;
    if (!(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vdev->isr |= VIRTIO_ISR_CONFIG;
    if (vdev->bus.update_irq) {
        vdev->bus.update_irq(vdev->bus.opaque);
    }
}

/* Queues */

VirtQueue *virtio_add_queue(VirtIODevice *vdev, int queue_size,
                            VirtIOHandleOutput handle_output)
{
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        VirtQueue *vq = &vdev->vq[i];

        if (!vq->num_default) {
            vq->num_default = queue_size;
            vq->num = queue_size;
            vq->handle_output = handle_output;
            return vq;
        }
    }
    g_assert_not_reached();
}

VirtQueue *virtio_get_queue(VirtIODevice *vdev, unsigned n)
{
    return &vdev->vq[n];
}

unsigned virtio_queue_index(VirtQueue *vq)
{
    return vq - vq->vdev->vq;
}

bool virtio_queue_exists(VirtIODevice *vdev, unsigned n)
{
    return n < VIRTIO_QUEUE_MAX && vdev->vq[n].num_default;
}

unsigned virtio_queue_get_num(VirtIODevice *vdev, unsigned n)
{
    return virtio_queue_exists(vdev, n) ? vdev->vq[n].num : 0;
}

void virtio_queue_set_num(VirtIODevice *vdev, unsigned n, unsigned num)
{
    if (!virtio_queue_exists(vdev, n)) {
        return;
    }
    /*
     * 2.7: a split ring's size is a power of 2, at most QueueNumMax; a
     * packed ring's may be any (2.8).
     */
    if (num == 0 || num > VIRTQUEUE_MAX_SIZE ||
        ((num & (num - 1)) &&
         !virtio_has_feature(vdev, VIRTIO_F_RING_PACKED))) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: queue %u: bad size %u\n",
                      vdev->name, n, num);
        return;
    }
    vdev->vq[n].num = num;
}

void virtio_queue_set_rings(VirtIODevice *vdev, unsigned n, hwaddr desc,
                            hwaddr avail, hwaddr used)
{
    if (!virtio_queue_exists(vdev, n)) {
        return;
    }
    vdev->vq[n].desc = desc;
    vdev->vq[n].avail = avail;
    vdev->vq[n].used = used;
}

void virtio_queue_get_rings(VirtIODevice *vdev, unsigned n, hwaddr *desc,
                            hwaddr *avail, hwaddr *used)
{
    VirtQueue *vq = &vdev->vq[n];

    *desc = vq->desc;
    *avail = vq->avail;
    *used = vq->used;
}

void virtio_queue_set_ready(VirtIODevice *vdev, unsigned n, bool ready)
{
    if (virtio_queue_exists(vdev, n)) {
        vdev->vq[n].ready = ready;
    }
}

bool virtio_queue_ready(VirtIODevice *vdev, unsigned n)
{
    return virtio_queue_exists(vdev, n) && vdev->vq[n].ready;
}

void virtio_queue_reset(VirtIODevice *vdev, unsigned n)
{
    if (virtio_queue_exists(vdev, n)) {
        virtqueue_reset_state(&vdev->vq[n]);
    }
}

void virtio_queue_notify(VirtIODevice *vdev, unsigned n)
{
    VirtQueue *vq;

    if (n >= VIRTIO_QUEUE_MAX || !vdev->vq[n].num_default) {
        qemu_log_mask(LOG_GUEST_ERROR, "%s: notify of absent queue %u\n",
                      vdev->name, n);
        return;
    }
    vq = &vdev->vq[n];
    if (vdev->broken || !vq->ready || !vq->handle_output ||
        !(vdev->status & VIRTIO_CONFIG_S_DRIVER_OK)) {
        return;
    }
    vq->handle_output(vdev, vq);
}

/* Device lifetime */

void virtio_init(VirtIODevice *vdev, uint16_t device_id, size_t config_len)
{
    vdev->device_id = device_id;
    vdev->name = object_get_typename(OBJECT(vdev));
    vdev->config_len = config_len;
    vdev->config = g_malloc0(config_len ? config_len : 1);
    vdev->dma_as = &address_space_memory;
    for (unsigned i = 0; i < VIRTIO_QUEUE_MAX; i++) {
        vdev->vq[i].vdev = vdev;
    }
}

void virtio_cleanup(VirtIODevice *vdev)
{
    g_free(vdev->config);
    vdev->config = NULL;
}

static void virtio_device_instance_init(Object *obj)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(obj);

    vdev->vq = g_new0(VirtQueue, VIRTIO_QUEUE_MAX);
}

static void virtio_device_instance_finalize(Object *obj)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(obj);

    g_free(vdev->vq);
    g_free(vdev->config);
}

static void virtio_device_realize(DeviceState *dev, GError **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);

    if (vdc->realize) {
        vdc->realize(vdev, errp);
    }
}

static void virtio_device_unrealize(DeviceState *dev)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(dev);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_GET_CLASS(dev);

    if (vdc->unrealize) {
        vdc->unrealize(vdev);
    }
}

static void virtio_device_reset(DeviceState *dev)
{
    virtio_reset(VIRTIO_DEVICE(dev));
}

static const Property virtio_device_props[] = {
    DEFINE_PROP_BOOL("indirect_desc", VirtIODevice, indirect_desc, true),
    DEFINE_PROP_BOOL("event_idx", VirtIODevice, event_idx, true),
    DEFINE_PROP_BOOL("iommu_platform", VirtIODevice, iommu_platform, false),
    DEFINE_PROP_BOOL("packed", VirtIODevice, packed, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_device_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->realize = virtio_device_realize;
    dc->unrealize = virtio_device_unrealize;
    dc->reset = virtio_device_reset;
    device_class_set_props(dc, virtio_device_props);
}

static const TypeInfo virtio_device_info = {
    .name = TYPE_VIRTIO_DEVICE,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIODevice),
    .instance_init = virtio_device_instance_init,
    .instance_finalize = virtio_device_instance_finalize,
    .abstract = true,
    .class_size = sizeof(VirtioDeviceClass),
    .class_init = virtio_device_class_init,
};

static void virtio_register_types(void)
{
    type_register_static(&virtio_device_info);
}

type_init(virtio_register_types)
