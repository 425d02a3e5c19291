/*
 * fw_cfg over I/O ports (QEMU's docs/specs/fw_cfg.txt): a 16-bit selector
 * (little-endian, at iobase) picks an item and rewinds it, the data port
 * (iobase + 1) reads it a byte at a time (0 past its end or for an unknown
 * item); the 64-bit big-endian DMA address register (dma_iobase, the low
 * half at +4 starting the transfer) points at an FWCfgDmaAccess
 * {be32 control, be32 length, be64 address}: SELECT (item in control's top
 * 16 bits), then READ, WRITE or SKIP (that precedence) of length bytes;
 * control is then written back as 0, or ERROR. Reading the register gives
 * "QEMU CFG". Every guest range is checked to be RAM first: a bad one is a
 * guest_errors line and the ERROR bit, and nothing outside RAM is touched.
 * No item is writable, so DMA WRITE always fails.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "hw/nvram/fw_cfg.h"

#define FW_CFG_DIR_ENTRY_SIZE 64

static FWCfgEntry *fw_cfg_entry(FWCfgState *s, uint16_t key)
{
    GArray *a = key & FW_CFG_ARCH_LOCAL ? s->arch : s->entries;
    unsigned i = key & FW_CFG_ENTRY_MASK;

    return i < a->len ? &g_array_index(a, FWCfgEntry, i) : NULL;
}

static void fw_cfg_set_entry(FWCfgState *s, uint16_t key, FWCfgEntry e)
{
    GArray *a = key & FW_CFG_ARCH_LOCAL ? s->arch : s->entries;
    unsigned i = key & FW_CFG_ENTRY_MASK;

    g_assert(!(key & FW_CFG_WRITE_CHANNEL));
    if (i >= a->len) {
        g_array_set_size(a, i + 1);
    }
    if (g_array_index(a, FWCfgEntry, i).owned) {
        g_free(g_array_index(a, FWCfgEntry, i).data);
    }
    g_array_index(a, FWCfgEntry, i) = e;
}

void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data, size_t len)
{
    g_assert(len <= UINT32_MAX);
    fw_cfg_set_entry(s, key,
                     (FWCfgEntry){ .data = g_memdup2(data, len),
                                   .len = len,
                                   .owned = true });
}

void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value)
{
    fw_cfg_add_bytes(s, key, value, strlen(value) + 1);
}

void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value)
{
    uint16_t le = GUINT16_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value)
{
    uint32_t le = GUINT32_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value)
{
    uint64_t le = GUINT64_TO_LE(value);

    fw_cfg_add_bytes(s, key, &le, sizeof(le));
}

static gint file_name_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(((const FWCfgFile *)a)->name, ((const FWCfgFile *)b)->name);
}

/* FW_CFG_FILE_DIR: be32 count, then {be32 size, be16 select, be16 0, name}. */
static void fw_cfg_rebuild_dir(FWCfgState *s)
{
    size_t len = 4 + s->files->len * FW_CFG_DIR_ENTRY_SIZE;
    uint8_t *dir = g_malloc0(len);

    g_array_sort(s->files, file_name_cmp);
    stl_be_p(dir, s->files->len);
    for (guint i = 0; i < s->files->len; i++) {
        FWCfgFile *f = &g_array_index(s->files, FWCfgFile, i);
        uint8_t *e = dir + 4 + i * FW_CFG_DIR_ENTRY_SIZE;

        stl_be_p(e, f->size);
        stw_be_p(e + 4, f->select);
        memcpy(e + 8, f->name, FW_CFG_MAX_FILE_PATH);
    }
    fw_cfg_set_entry(s, FW_CFG_FILE_DIR,
                     (FWCfgEntry){ .data = dir, .len = len, .owned = true });
}

static void fw_cfg_add_file_entry(FWCfgState *s, const char *name, FWCfgEntry e)
{
    FWCfgFile f = { .size = e.len };

    g_assert(strlen(name) < FW_CFG_MAX_FILE_PATH);
    for (guint i = 0; i < s->files->len; i++) {
        g_assert(strcmp(g_array_index(s->files, FWCfgFile, i).name, name));
    }
    f.select = FW_CFG_FILE_FIRST + s->files->len;
    strncpy(f.name, name, sizeof(f.name) - 1);
    g_array_append_val(s->files, f);
    fw_cfg_set_entry(s, f.select, e);
    fw_cfg_rebuild_dir(s);
}

void fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len)
{
    g_assert(len <= UINT32_MAX);
    fw_cfg_add_file_entry(s, name,
                          (FWCfgEntry){ .data = g_memdup2(data, len),
                                        .len = len,
                                        .owned = true });
}

void fw_cfg_add_file_callback(FWCfgState *s, const char *name,
                              FWCfgSelectCb *select_cb, void *opaque,
                              void *data, size_t len)
{
    g_assert(len <= UINT32_MAX);
    fw_cfg_add_file_entry(s, name,
                          (FWCfgEntry){ .data = data,
                                        .len = len,
                                        .select_cb = select_cb,
                                        .opaque = opaque });
}

static void fw_cfg_select(FWCfgState *s, uint16_t key)
{
    FWCfgEntry *e;

    s->cur_entry = key;
    s->cur_offset = 0;
    e = fw_cfg_entry(s, key & ~FW_CFG_WRITE_CHANNEL);
    if (e && e->select_cb) {
        e->select_cb(e->opaque);
    }
}

/* The selected item, or NULL for an unknown one. */
static FWCfgEntry *fw_cfg_current(FWCfgState *s)
{
    FWCfgEntry *e = fw_cfg_entry(s, s->cur_entry & ~FW_CFG_WRITE_CHANNEL);

    return e && e->data ? e : NULL;
}

/* The selector and data ports */

static uint64_t fw_cfg_comb_read(void *opaque, hwaddr addr, unsigned size)
{
    FWCfgState *s = opaque;
    FWCfgEntry *e = fw_cfg_current(s);

    if (addr != 1 || size != 1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "fw_cfg: %u-byte read of port +%u ignored\n", size,
                      (unsigned)addr);
        return 0;
    }
    if (!e || s->cur_offset >= e->len) {
        return 0;
    }
    return e->data[s->cur_offset++];
}

static void fw_cfg_comb_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    FWCfgState *s = opaque;

    if (addr == 0 && size == 2) {
        fw_cfg_select(s, val);
    } else if (addr == 1 && size == 1) {
        /* Data writes have done nothing since QEMU 2.4. */
    } else {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "fw_cfg: %u-byte write to port +%u ignored\n", size,
                      (unsigned)addr);
    }
}

static const MemoryRegionOps fw_cfg_comb_ops = {
    .read = fw_cfg_comb_read,
    .write = fw_cfg_comb_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 2 },
};

/* DMA */

static bool fw_cfg_dma_zero(FWCfgState *s, hwaddr addr, uint32_t len)
{
    static const uint8_t zeros[4096];

    while (len) {
        uint32_t n = MIN(len, sizeof(zeros));

        if (dma_memory_write(s->dma_as, addr, zeros, n) != MEMTX_OK) {
            return false;
        }
        addr += n;
        len -= n;
    }
    return true;
}

/* One transfer; returns the control value to write back. */
static uint32_t fw_cfg_dma_run(FWCfgState *s, uint32_t control, uint32_t len,
                               uint64_t addr)
{
    FWCfgEntry *e;
    uint32_t avail, n;

    if (control & FW_CFG_DMA_CTL_SELECT) {
        fw_cfg_select(s, control >> 16);
    }
    e = fw_cfg_current(s);
    if (!(control &
          (FW_CFG_DMA_CTL_READ | FW_CFG_DMA_CTL_WRITE | FW_CFG_DMA_CTL_SKIP))) {
        return 0;
    }
    if (!(control & FW_CFG_DMA_CTL_READ) && (control & FW_CFG_DMA_CTL_WRITE)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "fw_cfg: DMA write to item 0x%x: not writable\n",
                      s->cur_entry);
        return FW_CFG_DMA_CTL_ERROR;
    }
    avail = e && s->cur_offset < e->len ? e->len - s->cur_offset : 0;
    n = MIN(len, avail);
    if (control & FW_CFG_DMA_CTL_READ) {
        if (!address_space_is_ram_range(s->dma_as, addr, len, true)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "fw_cfg: DMA read of %u bytes to 0x%" PRIx64
                          ": not guest RAM\n",
                          len, addr);
            return FW_CFG_DMA_CTL_ERROR;
        }
        /* Past the item's end the buffer is zero-filled. */
        if ((n && dma_memory_write(s->dma_as, addr, e->data + s->cur_offset,
                                   n) != MEMTX_OK) ||
            !fw_cfg_dma_zero(s, addr + n, len - n)) {
            return FW_CFG_DMA_CTL_ERROR;
        }
    }
    s->cur_offset += n;
    return 0;
}

static void fw_cfg_dma_transfer(FWCfgState *s, uint64_t access_addr)
{
    uint8_t access[16];
    uint32_t control;

    if (!address_space_is_ram_range(s->dma_as, access_addr, sizeof(access),
                                    true) ||
        dma_memory_read(s->dma_as, access_addr, access, sizeof(access)) !=
            MEMTX_OK) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "fw_cfg: DMA access structure at 0x%" PRIx64
                      " is not in guest RAM\n",
                      access_addr);
        return;
    }
    control = fw_cfg_dma_run(s, ldl_be_p(access), ldl_be_p(access + 4),
                             ldq_be_p(access + 8));
    stl_be_p(access, control);
    dma_memory_write(s->dma_as, access_addr, access, 4);
}

/* Values are the register's big-endian view (the memory API swaps). */
static uint64_t fw_cfg_dma_read(void *opaque, hwaddr addr, unsigned size)
{
    return (FW_CFG_DMA_SIGNATURE >> ((8 - addr - size) * 8)) &
           (size == 8 ? UINT64_MAX : (1ULL << (size * 8)) - 1);
}

static void fw_cfg_dma_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    FWCfgState *s = opaque;

    if (addr == 0 && size == 8) {
        s->dma_addr = 0;
        fw_cfg_dma_transfer(s, val);
    } else if (addr == 0 && size == 4) {
        s->dma_addr = val << 32;
    } else if (addr == 4 && size == 4) {
        uint64_t a = s->dma_addr | val;

        s->dma_addr = 0;
        fw_cfg_dma_transfer(s, a);
    } else {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "fw_cfg: %u-byte write to DMA register +%u ignored\n",
                      size, (unsigned)addr);
    }
}

static const MemoryRegionOps fw_cfg_dma_ops = {
    .read = fw_cfg_dma_read,
    .write = fw_cfg_dma_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

static void fw_cfg_reset(DeviceState *dev)
{
    FWCfgState *s = FW_CFG(dev);

    s->cur_entry = 0;
    s->cur_offset = 0;
    s->dma_addr = 0;
}

FWCfgState *fw_cfg_init_io_dma(Object *parent, uint32_t iobase,
                               uint32_t dma_iobase, AddressSpace *dma_as,
                               GError **errp)
{
    FWCfgState *s = FW_CFG(object_new(TYPE_FW_CFG_IO));
    static const char sig[4] = "QEMU";

    object_property_add_child(parent, "fw_cfg", OBJECT(s));
    object_unref(OBJECT(s));
    s->iobase = iobase;
    s->dma_iobase = dma_iobase;
    s->dma_as = dma_as;
    if (!qdev_realize(DEVICE(s), errp)) {
        return NULL;
    }
    memory_region_init_io(&s->comb_io, OBJECT(s), &fw_cfg_comb_ops, s, "fwcfg",
                          2);
    memory_region_add_subregion(get_system_io(), iobase, &s->comb_io);
    memory_region_init_io(&s->dma_io, OBJECT(s), &fw_cfg_dma_ops, s,
                          "fwcfg.dma", 8);
    memory_region_add_subregion(get_system_io(), dma_iobase, &s->dma_io);
    fw_cfg_add_bytes(s, FW_CFG_SIGNATURE, sig, sizeof(sig));
    fw_cfg_add_i32(s, FW_CFG_ID, FW_CFG_VERSION | FW_CFG_VERSION_DMA);
    fw_cfg_rebuild_dir(s);
    return s;
}

static void fw_cfg_instance_init(Object *obj)
{
    FWCfgState *s = FW_CFG(obj);

    s->entries = g_array_new(FALSE, TRUE, sizeof(FWCfgEntry));
    s->arch = g_array_new(FALSE, TRUE, sizeof(FWCfgEntry));
    s->files = g_array_new(FALSE, TRUE, sizeof(FWCfgFile));
}

static void fw_cfg_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "QEMU fw_cfg device (I/O ports)";
    dc->reset = fw_cfg_reset;
}

static const TypeInfo fw_cfg_info = {
    .name = TYPE_FW_CFG_IO,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(FWCfgState),
    .instance_init = fw_cfg_instance_init,
    .class_init = fw_cfg_class_init,
};

static void fw_cfg_register_types(void)
{
    type_register_static(&fw_cfg_info);
}

type_init(fw_cfg_register_types)
