/*
 * A parallel NOR flash with Intel's command set (CFI primary command set
 * 0001), byte-wide (an x8 device on an 8-bit bus), as the pc machine's
 * system flash: the CFI query structure (JEDEC JESD68, "Common Flash
 * Interface"), and the commands of Intel's flash datasheets (e.g. the
 * 28F320J3 StrataFlash, "Command Definitions"): Read Array (FFh), Read
 * Identifier (90h), Read Query (98h), Read Status (70h), Clear Status
 * (50h), Program (40h/10h, then the byte), Block Erase (20h, then D0h).
 *
 * The array is the drive's contents, read at realize; while the chip reads
 * its array the guest reads RAM directly (a read-only view, a read-only
 * KVM memory slot) and only writes come here. Program and erase finish at
 * once: the changed bytes are written to the drive before the write that
 * started them returns, so a status read of "ready" means they are in the
 * file (a failed write sets the status's error bit). Programming can only
 * clear bits, as on a real chip; an erase sets a whole block to FFh.
 *
 * Not here: buffered programming (E8h), suspend/resume (nothing to
 * suspend), block locking (60h); the query says so, and the guest gets a
 * guest_errors line. A read-only drive is a chip whose blocks are all
 * locked: program and erase fail with SR.1 and the error bit set.
 *
 * As in QEMU (which OVMF's flash detection relies on): Clear Status clears
 * the whole status register (SR.7 reads 0 until the next operation) and
 * returns to Read Array.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "hw/block/flash.h"
#include "sysemu/block-backend.h"

OBJECT_DECLARE_SIMPLE_TYPE(PFlashCFI01, PFLASH_CFI01)

/* Commands (the first bus cycle) */
enum {
    CMD_PROGRAM_ALT = 0x10,
    CMD_BLOCK_ERASE = 0x20,
    CMD_PROGRAM = 0x40,
    CMD_CLEAR_STATUS = 0x50,
    CMD_LOCK_SETUP = 0x60,
    CMD_READ_STATUS = 0x70,
    CMD_READ_ID = 0x90,
    CMD_READ_QUERY = 0x98,
    CMD_SUSPEND = 0xb0,
    CMD_CONFIRM = 0xd0, /* erase confirm; also resume */
    CMD_BUFFERED = 0xe8,
    CMD_READ_ARRAY = 0xff,
};

/* Status register bits */
#define SR_READY      0x80 /* SR.7: the write state machine is ready */
#define SR_ERASE_ERR  0x20 /* SR.5 */
#define SR_PROGRAM_ER 0x10 /* SR.4 */
#define SR_LOCKED     0x02 /* SR.1: the block is locked, aborted */

typedef enum { MODE_ARRAY, MODE_ID, MODE_QUERY, MODE_STATUS } PFlashMode;

#define CFI_TABLE_SIZE 0x40

struct PFlashCFI01 {
    SysBusDevice parent_obj;
    MemoryRegion mem;   /* the chip: io below array */
    MemoryRegion ram;   /* the array's contents */
    MemoryRegion array; /* ram read-only, writes to pflash_write (ARRAY) */
    MemoryRegion io;    /* reads and writes in the other modes */
    char *drive;
    uint32_t sector_len;
    uint8_t id[2]; /* manufacturer and device codes */
    BlockBackend *blk;
    bool read_only;
    uint64_t size;
    uint8_t cfi[CFI_TABLE_SIZE];
    PFlashMode mode;
    uint8_t pending; /* a two-cycle command's first cycle, or 0 */
    uint8_t status;
};

static void pflash_set_mode(PFlashCFI01 *s, PFlashMode mode)
{
    s->mode = mode;
    memory_region_set_enabled(&s->array, mode == MODE_ARRAY);
}

static void pflash_io_done(void *opaque, int ret)
{
    *(int *)opaque = ret;
}

/* Write [off, off + len) of the array to the drive; false on failure. */
static bool pflash_write_back(PFlashCFI01 *s, uint64_t off, uint64_t len)
{
    struct iovec iov = { (uint8_t *)memory_region_get_ram_ptr(&s->ram) + off,
                         len };
    int ret = 1;

    blk_aio_pwritev(s->blk, off, &iov, 1, pflash_io_done, &ret);
    blk_drain(s->blk);
    return ret == 0;
}

/* A read-only flash: every block locked, the operation aborted (SR.1). */
static bool pflash_refused(PFlashCFI01 *s, const char *op, hwaddr off,
                           uint8_t err)
{
    if (!s->read_only) {
        return false;
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "pflash %s: %s at 0x%" HWADDR_PRIx
                  " of a read-only flash refused\n",
                  s->drive, op, off);
    s->status |= err | SR_LOCKED;
    return true;
}

static void pflash_program(PFlashCFI01 *s, hwaddr off, uint8_t v)
{
    uint8_t *cell = (uint8_t *)memory_region_get_ram_ptr(&s->ram) + off;

    if (pflash_refused(s, "program", off, SR_PROGRAM_ER)) {
        return;
    }
    *cell &= v; /* programming clears bits only */
    if (!pflash_write_back(s, off, 1)) {
        s->status |= SR_PROGRAM_ER;
    }
}

static void pflash_erase(PFlashCFI01 *s, hwaddr off)
{
    hwaddr block = off & ~(hwaddr)(s->sector_len - 1);

    if (pflash_refused(s, "erase", block, SR_ERASE_ERR)) {
        return;
    }
    memset((uint8_t *)memory_region_get_ram_ptr(&s->ram) + block, 0xff,
           s->sector_len);
    if (!pflash_write_back(s, block, s->sector_len)) {
        s->status |= SR_ERASE_ERR;
    }
}

/* The second cycle of a two-cycle command. */
static void pflash_second_cycle(PFlashCFI01 *s, uint8_t cmd, hwaddr off,
                                uint8_t v)
{
    switch (cmd) {
    case CMD_PROGRAM:
    case CMD_PROGRAM_ALT:
        pflash_program(s, off, v);
        break;
    case CMD_BLOCK_ERASE:
        if (v == CMD_CONFIRM) {
            pflash_erase(s, off);
        } else {
            /* SR.4 and SR.5 together: an improper command sequence. */
            qemu_log_mask(LOG_GUEST_ERROR,
                          "pflash %s: block erase not confirmed (0x%02x)\n",
                          s->drive, v);
            s->status |= SR_ERASE_ERR | SR_PROGRAM_ER;
        }
        break;
    default: /* CMD_LOCK_SETUP */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pflash %s: block locking (0x%02x) not supported\n",
                      s->drive, v);
        break;
    }
    s->status |= SR_READY;
    pflash_set_mode(s, MODE_STATUS);
}

static void pflash_write(void *opaque, hwaddr off, uint64_t val, unsigned size)
{
    PFlashCFI01 *s = opaque;
    uint8_t v = val;

    if (s->pending) {
        uint8_t cmd = s->pending;

        s->pending = 0;
        pflash_second_cycle(s, cmd, off, v);
        return;
    }
    switch (v) {
    case CMD_READ_ARRAY:
        pflash_set_mode(s, MODE_ARRAY);
        break;
    case CMD_READ_ID:
        pflash_set_mode(s, MODE_ID);
        break;
    case CMD_READ_QUERY:
        pflash_set_mode(s, MODE_QUERY);
        break;
    case CMD_READ_STATUS:
        pflash_set_mode(s, MODE_STATUS);
        break;
    case CMD_CLEAR_STATUS:
        s->status = 0;
        pflash_set_mode(s, MODE_ARRAY);
        break;
    case CMD_PROGRAM:
    case CMD_PROGRAM_ALT:
    case CMD_BLOCK_ERASE:
    case CMD_LOCK_SETUP:
        s->pending = v;
        pflash_set_mode(s, MODE_STATUS);
        break;
    case CMD_SUSPEND:
    case CMD_CONFIRM: /* resume: nothing is ever suspended */
        pflash_set_mode(s, MODE_STATUS);
        break;
    default: /* CMD_BUFFERED and unknown commands */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "pflash %s: command 0x%02x at 0x%" HWADDR_PRIx
                      " not supported\n",
                      s->drive, v, off);
        pflash_set_mode(s, MODE_ARRAY);
        break;
    }
}

static uint64_t pflash_read(void *opaque, hwaddr off, unsigned size)
{
    PFlashCFI01 *s = opaque;

    switch (s->mode) {
    case MODE_STATUS:
        return s->status;
    case MODE_ID: /* the low address bits select */
        return (off & 0xff) < 2 ? s->id[off & 0xff] : 0;
    case MODE_QUERY:
        return (off & 0xff) < CFI_TABLE_SIZE ? s->cfi[off & 0xff] : 0;
    default:
        return ((uint8_t *)memory_region_get_ram_ptr(&s->ram))[off];
    }
}

static const MemoryRegionOps pflash_ops = {
    .read = pflash_read,
    .write = pflash_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = v;
    p[1] = v >> 8;
}

/* The CFI query structure (JESD68 tables 1-4, Intel's extended table). */
static void pflash_fill_cfi(PFlashCFI01 *s)
{
    uint8_t *t = s->cfi;
    unsigned size_log2 = 0;

    while ((1ULL << size_log2) < s->size) {
        size_log2++;
    }
    memset(t, 0, CFI_TABLE_SIZE);
    memcpy(t + 0x10, "QRY", 3);
    put16(t + 0x13, 0x0001); /* primary command set: Intel/Sharp extended */
    put16(t + 0x15, 0x0031); /* its extended table, P */
    t[0x1b] = 0x27;          /* Vcc 2.7-3.6 V (BCD volts) */
    t[0x1c] = 0x36;
    t[0x1f] = 4; /* typical byte program: 2^4 us */
    t[0x21] = 9; /* typical block erase: 2^9 ms */
    t[0x23] = 4; /* maximum: 2^4 times typical */
    t[0x25] = 4;
    t[0x27] = size_log2;
    put16(t + 0x28, 0x0000); /* x8 asynchronous interface */
    put16(t + 0x2a, 0);      /* no multi-byte (buffered) program */
    t[0x2c] = 1;             /* one erase block region: */
    put16(t + 0x2d, s->size / s->sector_len - 1); /* blocks - 1 */
    put16(t + 0x2f, s->sector_len / 256);         /* block size / 256 */
    memcpy(t + 0x31, "PRI10", 5); /* extended table version 1.0 */
    /* 0x36-0x39 optional features: no chip erase, suspend or locking. */
    t[0x3d] = 0x33; /* Vcc optimum 3.3 V */
}

static void pflash_realize(DeviceState *dev, GError **errp)
{
    PFlashCFI01 *s = PFLASH_CFI01(dev);
    struct iovec iov;
    int64_t len;
    int ret = 1;

    if (!s->drive || !(s->blk = blk_by_name(s->drive))) {
        error_setg(errp, "pflash: no drive '%s'", s->drive ? s->drive : "");
        return;
    }
    if (!blk_attach_dev(s->blk, s)) {
        error_setg(errp, "Drive '%s' is already in use by another device",
                   s->drive);
        return;
    }
    if (!s->sector_len || (s->sector_len & (s->sector_len - 1)) ||
        s->sector_len < 256) {
        error_setg(errp, "pflash: sector-length must be a power of 2 >= 256");
        return;
    }
    len = blk_getlength(s->blk);
    if (len <= 0 || len % s->sector_len || len / s->sector_len > 0x10000) {
        error_setg(errp,
                   "device size must be a multiple of %u bytes (at most "
                   "65536 sectors), drive '%s' has %" PRId64,
                   s->sector_len, s->drive, len);
        return;
    }
    s->size = len;
    s->read_only = blk_is_read_only(s->blk);
    if (!memory_region_init_ram(&s->ram, OBJECT(dev), "pflash.ram", s->size,
                                errp)) {
        return;
    }
    iov = (struct iovec){ memory_region_get_ram_ptr(&s->ram), s->size };
    blk_aio_preadv(s->blk, 0, &iov, 1, pflash_io_done, &ret);
    blk_drain(s->blk);
    if (ret != 0) {
        error_setg(errp, "pflash: could not read drive '%s'", s->drive);
        return;
    }
    pflash_fill_cfi(s);
    memory_region_init(&s->mem, OBJECT(dev), s->drive, s->size);
    memory_region_init_io(&s->io, OBJECT(dev), &pflash_ops, s, "pflash.io",
                          s->size);
    memory_region_init_rom_device_view(&s->array, OBJECT(dev), &pflash_ops, s,
                                       "pflash.array", &s->ram, 0, s->size);
    memory_region_add_subregion(&s->mem, 0, &s->io);
    memory_region_add_subregion_overlap(&s->mem, 0, &s->array, 1);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mem);
}

static void pflash_reset(DeviceState *dev)
{
    PFlashCFI01 *s = PFLASH_CFI01(dev);

    s->pending = 0;
    s->status = SR_READY;
    if (s->size) {
        pflash_set_mode(s, MODE_ARRAY);
    }
}

MemoryRegion *pflash_cfi01_get_memory(DeviceState *dev)
{
    return &PFLASH_CFI01(dev)->ram;
}

static const Property pflash_props[] = {
    DEFINE_PROP_STRING("drive", PFlashCFI01, drive),
    DEFINE_PROP_UINT32("sector-length", PFlashCFI01, sector_len, 4096),
    DEFINE_PROP_UINT8("id0", PFlashCFI01, id[0], 0),
    DEFINE_PROP_UINT8("id1", PFlashCFI01, id[1], 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void pflash_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "CFI parallel flash (Intel command set)";
    dc->realize = pflash_realize;
    dc->reset = pflash_reset;
    device_class_set_props(dc, pflash_props);
}

static const TypeInfo pflash_info = {
    .name = TYPE_PFLASH_CFI01,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(PFlashCFI01),
    .class_init = pflash_class_init,
};

static void pflash_register_types(void)
{
    type_register_static(&pflash_info);
}

type_init(pflash_register_types)
