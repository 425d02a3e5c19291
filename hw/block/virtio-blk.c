/*
 * virtio-blk-device (virtio 1.2 section 5.2) on a block backend (drive=).
 *
 * A request is a header (type, sector), data, and a status byte in the
 * last device-writable byte. The data moves between the disk and guest
 * RAM without a copy: the main thread maps the request's data segments
 * (virtqueue_elem_map checks every byte is guest RAM) and the backend's
 * I/O thread reads or writes those host iovecs. A request is completed
 * (used ring, interrupt) only after the backend finished it, so a
 * completed flush means the data reached the disk; completing a read
 * first tells the CPU engine the RAM it wrote changed (translated code).
 * A reset waits for the requests in flight, so no I/O touches guest RAM
 * after it.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "hw/virtio/virtio.h"
#include "sysemu/block-backend.h"

#define TYPE_VIRTIO_BLK "virtio-blk-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOBlock, VIRTIO_BLK)

/* Feature bits (5.2.3) */
#define VIRTIO_BLK_F_SEG_MAX      2
#define VIRTIO_BLK_F_GEOMETRY     4
#define VIRTIO_BLK_F_RO           5
#define VIRTIO_BLK_F_BLK_SIZE     6
#define VIRTIO_BLK_F_FLUSH        9
#define VIRTIO_BLK_F_TOPOLOGY     10
#define VIRTIO_BLK_F_CONFIG_WCE   11
#define VIRTIO_BLK_F_DISCARD      13
#define VIRTIO_BLK_F_WRITE_ZEROES 14

/* Request types and status (5.2.6) */
#define VIRTIO_BLK_T_IN           0
#define VIRTIO_BLK_T_OUT          1
#define VIRTIO_BLK_T_FLUSH        4
#define VIRTIO_BLK_T_GET_ID       8
#define VIRTIO_BLK_T_DISCARD      11
#define VIRTIO_BLK_T_WRITE_ZEROES 13
#define VIRTIO_BLK_S_OK           0
#define VIRTIO_BLK_S_IOERR        1
#define VIRTIO_BLK_S_UNSUPP       2

#define VIRTIO_BLK_ID_BYTES            20
#define VIRTIO_BLK_HDR_SIZE            16
#define VIRTIO_BLK_SEG_SIZE            16 /* discard / write zeroes segment */
#define VIRTIO_BLK_WZ_UNMAP            1
#define VIRTIO_BLK_MAX_IO              (64 * MiB) /* one request's data, at most */
#define VIRTIO_BLK_MAX_DISCARD_SECTORS (1u << 22)

/* Config space layout (5.2.4), offsets in bytes. */
enum {
    CFG_CAPACITY = 0,
    CFG_SEG_MAX = 12,
    CFG_CYLINDERS = 16,
    CFG_HEADS = 18,
    CFG_SECTORS = 19,
    CFG_BLK_SIZE = 20,
    CFG_PHYS_BLOCK_EXP = 24,
    CFG_MIN_IO_SIZE = 26,
    CFG_OPT_IO_SIZE = 28,
    CFG_WRITEBACK = 32,
    CFG_NUM_QUEUES = 34,
    CFG_MAX_DISCARD_SECTORS = 36,
    CFG_MAX_DISCARD_SEG = 40,
    CFG_DISCARD_ALIGN = 44,
    CFG_MAX_WZ_SECTORS = 48,
    CFG_MAX_WZ_SEG = 52,
    CFG_WZ_MAY_UNMAP = 56,
    CFG_SIZE = 60,
};

struct VirtIOBlock {
    VirtIODevice parent_obj;
    VirtQueue *vq;
    BlockBackend *blk;
    uint64_t sectors;
    uint32_t generation; /* bumped by reset: older requests are dropped */
    /* Properties */
    char *drive;
    char *serial;
    bool config_wce;
    bool discard;
    bool write_zeroes;
    uint16_t queue_size;
    /*
     * Boot order among devices (libvirt always sets it). virt's firmware
     * (OpenSBI, U-Boot) picks its boot device itself, so it is recorded
     * for qom-get and nothing else, as -boot is.
     */
    int32_t bootindex;
};

typedef struct VirtIOBlockReq {
    VirtIOBlock *s;
    VirtQueueElement *elem;
    uint32_t type;
    VirtQueueMap data; /* reads and writes: the data segments, mapped */
    uint64_t len;
    uint32_t generation;
} VirtIOBlockReq;

static void virtio_blk_complete(VirtIOBlockReq *req, uint8_t status)
{
    VirtIOBlock *s = req->s;
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    VirtQueueElement *elem = req->elem;
    uint32_t written = 1;

    /* A read, even a failed one, may have written the whole range. */
    virtqueue_elem_unmap(vdev, &req->data, req->len);
    if (req->generation != s->generation) {
        /* The driver reset the device meanwhile: the chain is stale. */
        virtqueue_elem_free(elem);
        goto out;
    }
    if (req->type == VIRTIO_BLK_T_IN && status == VIRTIO_BLK_S_OK) {
        written += req->len;
    }
    if (virtqueue_elem_write(vdev, elem, elem->in_len - 1, &status, 1) < 0) {
        virtqueue_elem_free(elem);
        goto out;
    }
    virtqueue_push(s->vq, elem, written);
    virtio_notify(vdev, s->vq);
out:
    g_free(req);
}

static void virtio_blk_io_done(void *opaque, int ret)
{
    VirtIOBlockReq *req = opaque;

    if (ret < 0) {
        qemu_log_mask(LOG_UNIMP, "virtio-blk: I/O error: %s\n",
                      g_strerror(-ret));
    }
    virtio_blk_complete(req, ret < 0 ? VIRTIO_BLK_S_IOERR : VIRTIO_BLK_S_OK);
}

/* Is [sector, sector + bytes/512) inside the disk? */
static bool in_range(VirtIOBlock *s, uint64_t sector, uint64_t bytes)
{
    return sector <= s->sectors &&
           bytes / BDRV_SECTOR_SIZE <= s->sectors - sector;
}

static uint8_t virtio_blk_rw(VirtIOBlockReq *req, uint64_t sector)
{
    VirtIOBlock *s = req->s;
    VirtQueueElement *elem = req->elem;
    bool write = req->type == VIRTIO_BLK_T_OUT;

    req->len = write ? elem->out_len - VIRTIO_BLK_HDR_SIZE : elem->in_len - 1;
    if (req->len % BDRV_SECTOR_SIZE || req->len > VIRTIO_BLK_MAX_IO ||
        !in_range(s, sector, req->len) || (write && blk_is_read_only(s->blk))) {
        return VIRTIO_BLK_S_IOERR;
    }
    /* Reads fill the writable segments up to the status byte. */
    if (!virtqueue_elem_map(VIRTIO_DEVICE(s), elem, !write,
                            write ? VIRTIO_BLK_HDR_SIZE : 0, req->len,
                            &req->data)) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (write) {
        blk_aio_pwritev(s->blk, sector * BDRV_SECTOR_SIZE, req->data.iov,
                        req->data.niov, virtio_blk_io_done, req);
    } else {
        blk_aio_preadv(s->blk, sector * BDRV_SECTOR_SIZE, req->data.iov,
                       req->data.niov, virtio_blk_io_done, req);
    }
    return 0xff; /* in flight */
}

/* DISCARD and WRITE_ZEROES: one segment (max_*_seg is 1). */
static uint8_t virtio_blk_discard_wz(VirtIOBlockReq *req)
{
    VirtIOBlock *s = req->s;
    uint8_t seg[VIRTIO_BLK_SEG_SIZE];
    uint64_t sector;
    uint32_t num, flags;
    bool wz = req->type == VIRTIO_BLK_T_WRITE_ZEROES;

    if (req->elem->out_len - VIRTIO_BLK_HDR_SIZE != VIRTIO_BLK_SEG_SIZE ||
        virtqueue_elem_read(VIRTIO_DEVICE(s), req->elem, VIRTIO_BLK_HDR_SIZE,
                            seg, sizeof(seg)) < 0) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    sector = ldq_le_p(seg);
    num = ldl_le_p(seg + 8);
    flags = ldl_le_p(seg + 12);
    /* 5.2.6.2: unknown flags, or unmap on a discard, are unsupported. */
    if (flags & ~(wz ? VIRTIO_BLK_WZ_UNMAP : 0)) {
        return VIRTIO_BLK_S_UNSUPP;
    }
    if (num > VIRTIO_BLK_MAX_DISCARD_SECTORS ||
        !in_range(s, sector, (uint64_t)num * BDRV_SECTOR_SIZE) ||
        blk_is_read_only(s->blk)) {
        return VIRTIO_BLK_S_IOERR;
    }
    if (wz) {
        blk_aio_write_zeroes(
            s->blk, sector * BDRV_SECTOR_SIZE, (uint64_t)num * BDRV_SECTOR_SIZE,
            flags & VIRTIO_BLK_WZ_UNMAP, virtio_blk_io_done, req);
    } else {
        blk_aio_discard(s->blk, sector * BDRV_SECTOR_SIZE,
                        (uint64_t)num * BDRV_SECTOR_SIZE, virtio_blk_io_done,
                        req);
    }
    return 0xff;
}

static uint8_t virtio_blk_get_id(VirtIOBlockReq *req)
{
    VirtIOBlock *s = req->s;
    char id[VIRTIO_BLK_ID_BYTES] = { 0 };
    uint64_t n = MIN(sizeof(id), req->elem->in_len - 1);

    if (s->serial) {
        memcpy(id, s->serial, MIN(strlen(s->serial), sizeof(id)));
    }
    if (virtqueue_elem_write(VIRTIO_DEVICE(s), req->elem, 0, id, n) < 0) {
        return VIRTIO_BLK_S_IOERR;
    }
    return VIRTIO_BLK_S_OK;
}

/* Start one request; returns its status if it finished at once. */
static uint8_t virtio_blk_start(VirtIOBlockReq *req, const uint8_t *hdr)
{
    uint64_t sector = ldq_le_p(hdr + 8);

    switch (req->type) {
    case VIRTIO_BLK_T_IN:
    case VIRTIO_BLK_T_OUT:
        return virtio_blk_rw(req, sector);
    case VIRTIO_BLK_T_FLUSH:
        blk_aio_flush(req->s->blk, virtio_blk_io_done, req);
        return 0xff;
    case VIRTIO_BLK_T_GET_ID:
        return virtio_blk_get_id(req);
    case VIRTIO_BLK_T_DISCARD:
        return req->s->discard ? virtio_blk_discard_wz(req)
                               : VIRTIO_BLK_S_UNSUPP;
    case VIRTIO_BLK_T_WRITE_ZEROES:
        return req->s->write_zeroes ? virtio_blk_discard_wz(req)
                                    : VIRTIO_BLK_S_UNSUPP;
    default:
        return VIRTIO_BLK_S_UNSUPP;
    }
}

static void virtio_blk_handle_request(VirtIOBlock *s, VirtQueueElement *elem)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(s);
    VirtIOBlockReq *req;
    uint8_t hdr[VIRTIO_BLK_HDR_SIZE];
    uint8_t status;

    /* 5.2.6.1: a header to read and a status byte to write, at least. */
    if (elem->out_len < VIRTIO_BLK_HDR_SIZE || elem->in_len < 1) {
        virtio_error(vdev, "request without header or status byte");
        virtqueue_elem_free(elem);
        return;
    }
    if (virtqueue_elem_read(vdev, elem, 0, hdr, sizeof(hdr)) < 0) {
        virtqueue_elem_free(elem);
        return;
    }
    req = g_new0(VirtIOBlockReq, 1);
    req->s = s;
    req->elem = elem;
    req->type = ldl_le_p(hdr);
    req->generation = s->generation;
    status = virtio_blk_start(req, hdr);
    if (status != 0xff) {
        virtio_blk_complete(req, status);
    }
}

static void virtio_blk_handle_output(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    VirtQueueElement *elem;

    while (!vdev->broken && (elem = virtqueue_pop(vq))) {
        virtio_blk_handle_request(s, elem);
    }
}

static uint64_t virtio_blk_get_features(VirtIODevice *vdev)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    uint64_t f = (1ull << VIRTIO_BLK_F_SEG_MAX) |
                 (1ull << VIRTIO_BLK_F_GEOMETRY) |
                 (1ull << VIRTIO_BLK_F_BLK_SIZE) |
                 (1ull << VIRTIO_BLK_F_TOPOLOGY) | (1ull << VIRTIO_BLK_F_FLUSH);

    if (s->config_wce) {
        f |= 1ull << VIRTIO_BLK_F_CONFIG_WCE;
    }
    if (s->discard) {
        f |= 1ull << VIRTIO_BLK_F_DISCARD;
    }
    if (s->write_zeroes) {
        f |= 1ull << VIRTIO_BLK_F_WRITE_ZEROES;
    }
    if (blk_is_read_only(s->blk)) {
        f |= 1ull << VIRTIO_BLK_F_RO;
    }
    return f;
}

static void virtio_blk_get_config(VirtIODevice *vdev, uint8_t *c)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    uint64_t cyl = s->sectors / (16 * 63);

    memset(c, 0, CFG_SIZE);
    stq_le_p(c + CFG_CAPACITY, s->sectors);
    stl_le_p(c + CFG_SEG_MAX, s->queue_size - 2);
    stw_le_p(c + CFG_CYLINDERS, MIN(cyl, 65535));
    c[CFG_HEADS] = 16;
    c[CFG_SECTORS] = 63;
    stl_le_p(c + CFG_BLK_SIZE, BDRV_SECTOR_SIZE);
    c[CFG_PHYS_BLOCK_EXP] = 0;
    stw_le_p(c + CFG_MIN_IO_SIZE, 0);
    stl_le_p(c + CFG_OPT_IO_SIZE, 0);
    c[CFG_WRITEBACK] = blk_enable_write_cache(s->blk);
    stw_le_p(c + CFG_NUM_QUEUES, 1);
    stl_le_p(c + CFG_MAX_DISCARD_SECTORS, VIRTIO_BLK_MAX_DISCARD_SECTORS);
    stl_le_p(c + CFG_MAX_DISCARD_SEG, 1);
    stl_le_p(c + CFG_DISCARD_ALIGN, 1);
    stl_le_p(c + CFG_MAX_WZ_SECTORS, VIRTIO_BLK_MAX_DISCARD_SECTORS);
    stl_le_p(c + CFG_MAX_WZ_SEG, 1);
    c[CFG_WZ_MAY_UNMAP] = 1;
}

/* 5.2.5: with CONFIG_WCE the driver may switch the cache mode. */
static void virtio_blk_set_config(VirtIODevice *vdev, const uint8_t *c)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    if (virtio_has_feature(vdev, VIRTIO_BLK_F_CONFIG_WCE)) {
        blk_set_enable_write_cache(s->blk, c[CFG_WRITEBACK] & 1);
    }
}

/*
 * Requests in flight complete as stale ones (dropped); wait for them, as
 * their I/O may still be writing guest RAM the driver takes back.
 */
static void virtio_blk_reset(VirtIODevice *vdev)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);

    s->generation++;
    if (s->blk) {
        blk_drain(s->blk);
    }
}

static void virtio_blk_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIOBlock *s = VIRTIO_BLK(vdev);
    BlockDriverState *node;
    int64_t len;

    if (!s->drive) {
        error_setg(errp, "drive property not set");
        return;
    }
    s->blk = blk_by_name(s->drive);
    if (!s->blk && (node = bdrv_find_node(s->drive))) {
        bdrv_ref(node);
        s->blk = blk_new(NULL, node);
    }
    if (!s->blk) {
        error_setg(errp,
                   "Property 'virtio-blk-device.drive' can't find "
                   "value '%s'",
                   s->drive);
        return;
    }
    if (!blk_attach_dev(s->blk, s)) {
        error_setg(errp, "Drive '%s' is already in use by another device",
                   s->drive);
        return;
    }
    if (s->queue_size < 4 || s->queue_size > VIRTQUEUE_MAX_SIZE ||
        (s->queue_size & (s->queue_size - 1))) {
        error_setg(errp,
                   "queue-size property must be a power of 2 from 4 to "
                   "%d",
                   VIRTQUEUE_MAX_SIZE);
        return;
    }
    len = blk_getlength(s->blk);
    if (len < 0) {
        error_setg(errp, "Could not get the size of drive '%s'", s->drive);
        return;
    }
    s->sectors = len / BDRV_SECTOR_SIZE;
    virtio_init(vdev, VIRTIO_ID_BLOCK, CFG_SIZE);
    s->vq = virtio_add_queue(vdev, s->queue_size, virtio_blk_handle_output);
}

static const Property virtio_blk_props[] = {
    DEFINE_PROP_STRING("drive", VirtIOBlock, drive),
    DEFINE_PROP_STRING("serial", VirtIOBlock, serial),
    DEFINE_PROP_INT32("bootindex", VirtIOBlock, bootindex, -1),
    DEFINE_PROP_BOOL("config-wce", VirtIOBlock, config_wce, true),
    DEFINE_PROP_BOOL("discard", VirtIOBlock, discard, true),
    DEFINE_PROP_BOOL("write-zeroes", VirtIOBlock, write_zeroes, true),
    DEFINE_PROP_UINT16("queue-size", VirtIOBlock, queue_size, 256),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_blk_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio block device";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_STORAGE;
    device_class_set_props(dc, virtio_blk_props);
    vdc->realize = virtio_blk_realize;
    vdc->get_features = virtio_blk_get_features;
    vdc->get_config = virtio_blk_get_config;
    vdc->set_config = virtio_blk_set_config;
    vdc->reset = virtio_blk_reset;
}

static const TypeInfo virtio_blk_info = {
    .name = TYPE_VIRTIO_BLK,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOBlock),
    .class_init = virtio_blk_class_init,
};

static void virtio_blk_register_types(void)
{
    type_register_static(&virtio_blk_info);
}

type_init(virtio_blk_register_types)
