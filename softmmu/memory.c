/*
 * The memory API: region trees, their flattening into address spaces, and
 * MMIO dispatch with access-size adjustment.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include <sys/mman.h>
#include "qemu/log.h"

/* One contiguous piece of the flattened map; last is inclusive. */
typedef struct FlatRange {
    hwaddr start;
    hwaddr last;
    MemoryRegion *mr;
    hwaddr offset_in_region; /* of start */
} FlatRange;

struct FlatView {
    GArray *ranges; /* FlatRange, sorted, non-overlapping */
};

static MemoryRegion system_memory;
static MemoryRegion system_io;
static MemoryRegion system_io_unassigned;
static RamWriteNotifier *ram_write_notifier;
static bool system_memory_ready;
static bool system_io_ready;
static GPtrArray *address_spaces;
static GPtrArray *map_listeners; /* MemoryMapListener * */
AddressSpace address_space_memory;
AddressSpace address_space_io;

static void memory_region_init_common(MemoryRegion *mr, Object *owner,
                                      const char *name, uint64_t size,
                                      MemoryRegionKind kind)
{
    memset(mr, 0, sizeof(*mr));
    mr->name = g_strdup(name);
    mr->owner = owner;
    mr->size = size;
    mr->kind = kind;
    mr->enabled = true;
    mr->subregions = g_ptr_array_new();
}

static void memory_map_changed(void)
{
    if (!address_spaces) {
        return;
    }
    for (guint i = 0; i < address_spaces->len; i++) {
        AddressSpace *as = address_spaces->pdata[i];

        if (as->view) {
            g_array_free(as->view->ranges, TRUE);
            g_free(as->view);
            as->view = NULL;
        }
    }
    for (guint i = 0; map_listeners && i < map_listeners->len; i++) {
        MemoryMapListener *l = map_listeners->pdata[i];

        l->map_changed(l);
    }
}

void memory_map_listener_register(MemoryMapListener *l)
{
    if (!map_listeners) {
        map_listeners = g_ptr_array_new();
    }
    g_ptr_array_add(map_listeners, l);
    l->map_changed(l);
}

void memory_map_listener_unregister(MemoryMapListener *l)
{
    if (map_listeners) {
        g_ptr_array_remove(map_listeners, l);
    }
}

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size)
{
    memory_region_init_common(mr, owner, name, size, MR_CONTAINER);
}

void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size)
{
    memory_region_init_common(mr, owner, name, size, MR_IO);
    mr->ops = ops;
    mr->opaque = opaque;
}

/*
 * RAM and ROM are reserved with an anonymous mmap(MAP_NORESERVE), as QEMU
 * does: zero-filled pages are committed only when the guest touches them,
 * and a size the host cannot map fails here with a clean error in every
 * build (a huge calloc() aborts under ASan instead of returning NULL).
 */
static bool init_ram_mapping(MemoryRegion *mr, Object *owner, const char *name,
                             uint64_t size, MemoryRegionKind kind, int fd,
                             int flags, GError **errp)
{
    void *p;

    memory_region_init_common(mr, owner, name, size, kind);
    if (!size) {
        return true;
    }
    p = size > SIZE_MAX ? MAP_FAILED
                        : mmap(NULL, size, PROT_READ | PROT_WRITE,
                               flags | (fd < 0 ? MAP_ANONYMOUS : 0), fd, 0);
    if (p == MAP_FAILED) {
        error_setg(errp, "cannot set up guest memory '%s': %s", name,
                   g_strerror(fd < 0 || size > SIZE_MAX ? ENOMEM : errno));
        return false;
    }
    mr->ram_ptr = p;
    return true;
}

static bool init_ram_kind(MemoryRegion *mr, Object *owner, const char *name,
                          uint64_t size, MemoryRegionKind kind, GError **errp)
{
    return init_ram_mapping(mr, owner, name, size, kind, -1,
                            MAP_PRIVATE | MAP_NORESERVE, errp);
}

bool memory_region_init_ram_from_fd(MemoryRegion *mr, Object *owner,
                                    const char *name, uint64_t size, int fd,
                                    bool shared, bool reserve, GError **errp)
{
    return init_ram_mapping(mr, owner, name, size, MR_RAM, fd,
                            (shared ? MAP_SHARED : MAP_PRIVATE) |
                                (reserve ? 0 : MAP_NORESERVE),
                            errp);
}

bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp)
{
    return init_ram_kind(mr, owner, name, size, MR_RAM, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp)
{
    return init_ram_kind(mr, owner, name, size, MR_ROM, errp);
}

void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size)
{
    memory_region_init_common(mr, owner, name, size, MR_ALIAS);
    mr->alias = orig;
    mr->alias_offset = offset;
}

void memory_region_init_rom_view(MemoryRegion *mr, Object *owner,
                                 const char *name, MemoryRegion *ram,
                                 hwaddr offset, uint64_t size)
{
    g_assert(ram->kind == MR_RAM && offset <= ram->size &&
             size <= ram->size - offset);
    memory_region_init_common(mr, owner, name, size, MR_ROM);
    mr->ram_ptr = ram->ram_ptr + offset;
    mr->ram_borrowed = true;
}

void memory_region_init_rom_device_view(MemoryRegion *mr, Object *owner,
                                        const MemoryRegionOps *ops,
                                        void *opaque, const char *name,
                                        MemoryRegion *ram, hwaddr offset,
                                        uint64_t size)
{
    memory_region_init_rom_view(mr, owner, name, ram, offset, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

void memory_region_destroy(MemoryRegion *mr)
{
    if (mr->container) {
        memory_region_del_subregion(mr->container, mr);
    }
    if (mr->ram_ptr && !mr->ram_borrowed) {
        munmap(mr->ram_ptr, mr->size);
    }
    g_free(mr->name);
    g_ptr_array_free(mr->subregions, TRUE);
    memset(mr, 0, sizeof(*mr));
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority)
{
    guint i;

    g_assert(!sub->container);
    sub->container = parent;
    sub->addr = offset;
    sub->priority = priority;
    /* Highest priority first; a newer region wins a tie. */
    for (i = 0; i < parent->subregions->len; i++) {
        MemoryRegion *other = parent->subregions->pdata[i];

        if (priority >= other->priority) {
            break;
        }
    }
    g_ptr_array_insert(parent->subregions, i, sub);
    memory_map_changed();
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub)
{
    memory_region_add_subregion_overlap(parent, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
    g_assert(sub->container == parent);
    g_ptr_array_remove(parent->subregions, sub);
    sub->container = NULL;
    memory_map_changed();
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
    mr->enabled = enabled;
    memory_map_changed();
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
    mr->addr = addr;
    memory_map_changed();
}

uint64_t memory_region_size(MemoryRegion *mr)
{
    return mr->size;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
    while (mr->kind == MR_ALIAS) {
        mr = mr->alias;
    }
    return mr->ram_ptr;
}

bool memory_region_is_ram(MemoryRegion *mr)
{
    return mr->kind == MR_RAM || mr->kind == MR_ROM;
}

MemoryRegion *get_system_memory(void)
{
    if (!system_memory_ready) {
        memory_region_init(&system_memory, NULL, "system", UINT64_MAX);
        system_memory_ready = true;
        address_space_init(&address_space_memory, &system_memory, "memory");
    }
    return &system_memory;
}

/*
 * A port nothing decodes floats high on the ISA bus: reads are all ones,
 * writes vanish (no guest_errors line: firmware probes ports routinely).
 */
static uint64_t unassigned_io_read(void *opaque, hwaddr addr, unsigned size)
{
    return (1ULL << (size * 8)) - 1; /* size is 1..4 */
}

static void unassigned_io_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
}

static const MemoryRegionOps unassigned_io_ops = {
    .read = unassigned_io_read,
    .write = unassigned_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
};

MemoryRegion *get_system_io(void)
{
    if (!system_io_ready) {
        memory_region_init(&system_io, NULL, "io", 65536);
        memory_region_init_io(&system_io_unassigned, NULL, &unassigned_io_ops,
                              NULL, "io-unassigned", 65536);
        memory_region_add_subregion_overlap(&system_io, 0,
                                            &system_io_unassigned, -1);
        system_io_ready = true;
        address_space_init(&address_space_io, &system_io, "I/O");
    }
    return &system_io;
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
    as->name = g_strdup(name);
    as->root = root;
    as->view = NULL;
    if (!address_spaces) {
        address_spaces = g_ptr_array_new();
    }
    g_ptr_array_add(address_spaces, as);
}

void address_space_destroy(AddressSpace *as)
{
    if (as->view) {
        g_array_free(as->view->ranges, TRUE);
        g_free(as->view);
        as->view = NULL;
    }
    g_ptr_array_remove(address_spaces, as);
    g_free(as->name);
}

void memory_set_ram_write_notifier(RamWriteNotifier *fn)
{
    ram_write_notifier = fn;
}

/* Flattening */

static gint flat_range_cmp(gconstpointer a, gconstpointer b)
{
    const FlatRange *x = a, *y = b;

    return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * Add [start, last] of leaf mr to the view, but only where the view has
 * nothing yet: higher-priority regions were rendered first.
 */
static void flat_add_gaps(GArray *ranges, hwaddr start, hwaddr last,
                          MemoryRegion *mr, hwaddr offset)
{
    hwaddr cur = start;

    for (guint i = 0; i < ranges->len && cur <= last; i++) {
        FlatRange *r = &g_array_index(ranges, FlatRange, i);

        if (r->last < cur || r->start > last) {
            continue;
        }
        if (r->start > cur) {
            FlatRange n = { cur, r->start - 1, mr, offset + (cur - start) };
            g_array_append_val(ranges, n);
            r = &g_array_index(ranges, FlatRange, i);
        }
        if (r->last >= last) {
            /* Keep the view sorted even when a gap was appended above. */
            g_array_sort(ranges, flat_range_cmp);
            return;
        }
        cur = r->last + 1;
    }
    if (cur <= last) {
        FlatRange n = { cur, last, mr, offset + (cur - start) };
        g_array_append_val(ranges, n);
    }
    g_array_sort(ranges, flat_range_cmp);
}

/*
 * Render mr, placed so its offset 0 is at absolute address base, clipped
 * to [clip_lo, clip_hi]. Addresses wrap modulo 2^64 only for the root.
 */
static void render_region(GArray *ranges, MemoryRegion *mr, hwaddr base,
                          hwaddr clip_lo, hwaddr clip_hi)
{
    hwaddr last, lo, hi;

    if (!mr->enabled || mr->size == 0) {
        return;
    }
    last = mr->size == UINT64_MAX ? UINT64_MAX : base + mr->size - 1;
    if (last < base) {
        last = UINT64_MAX; /* region runs to the top of the space */
    }
    lo = MAX(base, clip_lo);
    hi = MIN(last, clip_hi);
    if (lo > hi) {
        return;
    }
    switch (mr->kind) {
    case MR_CONTAINER:
        for (guint i = 0; i < mr->subregions->len; i++) {
            MemoryRegion *sub = mr->subregions->pdata[i];

            render_region(ranges, sub, base + sub->addr, lo, hi);
        }
        break;
    case MR_ALIAS:
        render_region(ranges, mr->alias, base - mr->alias_offset, lo, hi);
        break;
    default:
        flat_add_gaps(ranges, lo, hi, mr, lo - base);
        break;
    }
}

static FlatView *address_space_get_view(AddressSpace *as)
{
    if (!as->view) {
        FlatView *v = g_new0(FlatView, 1);

        v->ranges = g_array_new(FALSE, FALSE, sizeof(FlatRange));
        render_region(v->ranges, as->root, 0, 0, UINT64_MAX);
        as->view = v;
    }
    return as->view;
}

void address_space_foreach_ram(AddressSpace *as, RamRangeFn *fn, void *opaque)
{
    GArray *ranges = address_space_get_view(as)->ranges;

    for (guint i = 0; i < ranges->len; i++) {
        FlatRange *r = &g_array_index(ranges, FlatRange, i);

        if (memory_region_is_ram(r->mr) && r->last != UINT64_MAX) {
            fn(opaque, r->start, r->last - r->start + 1,
               (uint8_t *)memory_region_get_ram_ptr(r->mr) +
                   r->offset_in_region,
               r->mr->kind == MR_ROM);
        }
    }
}

MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr)
{
    GArray *ranges = address_space_get_view(as)->ranges;
    MemoryRegionSection sec = { 0 };
    guint lo = 0, hi = ranges->len;

    while (lo < hi) {
        guint mid = (lo + hi) / 2;
        FlatRange *r = &g_array_index(ranges, FlatRange, mid);

        if (addr < r->start) {
            hi = mid;
        } else if (addr > r->last) {
            lo = mid + 1;
        } else {
            sec.mr = r->mr;
            sec.offset_within_region = r->offset_in_region + (addr - r->start);
            sec.len = r->last - addr + 1;
            if (sec.len == 0) { /* the whole 2^64 space */
                sec.len = UINT64_MAX;
            }
            return sec;
        }
    }
    /* A hole: it ends where the next range starts. */
    if (lo < ranges->len) {
        sec.len = g_array_index(ranges, FlatRange, lo).start - addr;
    } else {
        sec.len = addr ? (UINT64_MAX - addr) + 1 : UINT64_MAX;
    }
    return sec;
}

/* MMIO dispatch */

static uint64_t bswap_size(uint64_t v, unsigned size)
{
    switch (size) {
    case 2:
        return GUINT16_SWAP_LE_BE((uint16_t)v);
    case 4:
        return GUINT32_SWAP_LE_BE((uint32_t)v);
    case 8:
        return GUINT64_SWAP_LE_BE(v);
    default:
        return v;
    }
}

static bool mmio_access_valid(MemoryRegion *mr, hwaddr addr, unsigned size,
                              bool is_write)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned min = ops->valid.min_access_size ? ops->valid.min_access_size : 1;
    unsigned max = ops->valid.max_access_size ? ops->valid.max_access_size : 4;

    if (size < min || size > max || (!ops->valid.unaligned && addr % size) ||
        (is_write ? !ops->write : !ops->read)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "Invalid %s at addr 0x%" HWADDR_PRIx
                      ", size %u, region '%s', reason: rejected\n",
                      is_write ? "write" : "read", addr, size, mr->name);
        return false;
    }
    return true;
}

static void impl_sizes(const MemoryRegionOps *ops, unsigned *min, unsigned *max)
{
    *min = ops->impl.min_access_size    ? ops->impl.min_access_size
           : ops->valid.min_access_size ? ops->valid.min_access_size
                                        : 1;
    *max = ops->impl.max_access_size    ? ops->impl.max_access_size
           : ops->valid.max_access_size ? ops->valid.max_access_size
                                        : 4;
}

/*
 * Values travel little-endian (the guest's order). For a big-endian device
 * each piece it implements is byte-swapped within its own width, once.
 */
static MemTxResult mmio_read(MemoryRegion *mr, hwaddr addr, unsigned size,
                             uint64_t *val)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin, imax, step;
    uint64_t v = 0;

    *val = 0;
    if (!mmio_access_valid(mr, addr, size, false)) {
        return MEMTX_ERROR;
    }
    impl_sizes(ops, &imin, &imax);
    if (size < imin) {
        /* Widen: read the enclosing implemented unit and extract. */
        hwaddr base = addr & ~(hwaddr)(imin - 1);
        uint64_t w = ops->read(mr->opaque, base, imin);

        if (ops->endianness == DEVICE_BIG_ENDIAN) {
            w = bswap_size(w, imin);
        }
        v = w >> ((addr - base) * 8);
        v &= size == 8 ? UINT64_MAX : (1ULL << (size * 8)) - 1;
        *val = v;
        return MEMTX_OK;
    }
    step = MIN(size, imax);
    for (unsigned i = 0; i < size; i += step) {
        uint64_t part = ops->read(mr->opaque, addr + i, step);

        if (ops->endianness == DEVICE_BIG_ENDIAN) {
            part = bswap_size(part, step);
        }
        if (step < 8) {
            part &= (1ULL << (step * 8)) - 1;
        }
        v |= part << (i * 8);
    }
    *val = v;
    return MEMTX_OK;
}

static MemTxResult mmio_write(MemoryRegion *mr, hwaddr addr, unsigned size,
                              uint64_t val)
{
    const MemoryRegionOps *ops = mr->ops;
    unsigned imin, imax, step;

    if (!mmio_access_valid(mr, addr, size, true)) {
        return MEMTX_ERROR;
    }
    impl_sizes(ops, &imin, &imax);
    if (size < imin) {
        hwaddr base = addr & ~(hwaddr)(imin - 1);
        uint64_t w = val << ((addr - base) * 8);

        if (ops->endianness == DEVICE_BIG_ENDIAN) {
            w = bswap_size(w, imin);
        }
        ops->write(mr->opaque, base, w, imin);
        return MEMTX_OK;
    }
    step = MIN(size, imax);
    for (unsigned i = 0; i < size; i += step) {
        uint64_t part = val >> (i * 8);

        if (step < 8) {
            part &= (1ULL << (step * 8)) - 1;
        }
        if (ops->endianness == DEVICE_BIG_ENDIAN) {
            part = bswap_size(part, step);
        }
        ops->write(mr->opaque, addr + i, part, step);
    }
    return MEMTX_OK;
}

/* Generic access */

static void log_unassigned(hwaddr addr, hwaddr len, bool is_write)
{
    qemu_log_mask(LOG_GUEST_ERROR,
                  "Invalid %s at addr 0x%" HWADDR_PRIx ", size %" PRIu64
                  ", region '(none)', reason: unassigned\n",
                  is_write ? "write" : "read", addr, (uint64_t)len);
}

static uint64_t ldn_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)p[i] << (i * 8);
    }
    return v;
}

static void stn_le(uint8_t *p, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++) {
        p[i] = v >> (i * 8);
    }
}

/* The largest naturally aligned access of at most 8 and len bytes. */
static unsigned mmio_chunk(hwaddr addr, hwaddr len)
{
    unsigned l = 8;

    while (l > len || (addr & (l - 1))) {
        l >>= 1;
    }
    return l;
}

typedef enum { ACC_READ, ACC_WRITE, ACC_WRITE_ROM } AccessKind;

static MemTxResult address_space_rw(AddressSpace *as, hwaddr addr, uint8_t *buf,
                                    hwaddr len, AccessKind kind)
{
    MemTxResult res = MEMTX_OK;

    while (len > 0) {
        MemoryRegionSection sec = address_space_lookup(as, addr);
        hwaddr l = MIN(len, sec.len);
        MemoryRegion *mr = sec.mr;

        if (!mr) {
            log_unassigned(addr, l, kind != ACC_READ);
            if (kind == ACC_READ) {
                memset(buf, 0, l);
            }
            res |= MEMTX_DECODE_ERROR;
        } else if (memory_region_is_ram(mr) &&
                   !(mr->ops && kind == ACC_WRITE)) {
            uint8_t *host = mr->ram_ptr + sec.offset_within_region;

            if (kind == ACC_READ) {
                memcpy(buf, host, l);
            } else if (mr->kind == MR_RAM || kind == ACC_WRITE_ROM) {
                memcpy(host, buf, l);
                if (ram_write_notifier && as == &address_space_memory) {
                    ram_write_notifier(addr, l);
                }
            } else {
                qemu_log_mask(LOG_GUEST_ERROR,
                              "write to ROM '%s' at 0x%" HWADDR_PRIx
                              " ignored\n",
                              mr->name, addr);
            }
        } else {
            hwaddr off = sec.offset_within_region;

            /* Split as QEMU does: at most the device's valid size. */
            unsigned vmax = mr->ops->valid.max_access_size
                                ? mr->ops->valid.max_access_size
                                : 4;

            l = mmio_chunk(addr, MIN(l, vmax));
            if (kind == ACC_READ) {
                uint64_t v;
                res |= mmio_read(mr, off, l, &v);
                stn_le(buf, l, v);
            } else {
                res |= mmio_write(mr, off, l, ldn_le(buf, l));
            }
        }
        addr += l;
        buf += l;
        len -= l;
    }
    return res;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               hwaddr len)
{
    return address_space_rw(as, addr, buf, len, ACC_READ);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf,
                                hwaddr len)
{
    return address_space_rw(as, addr, (uint8_t *)buf, len, ACC_WRITE);
}

MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, hwaddr len)
{
    return address_space_rw(as, addr, (uint8_t *)buf, len, ACC_WRITE_ROM);
}

MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                               uint64_t *val)
{
    MemoryRegionSection sec = address_space_lookup(as, addr);
    uint8_t buf[8];
    MemTxResult r;

    if (sec.mr && sec.mr->kind == MR_IO && sec.len >= size) {
        return mmio_read(sec.mr, sec.offset_within_region, size, val);
    }
    r = address_space_read(as, addr, buf, size);
    *val = ldn_le(buf, size);
    return r;
}

MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size,
                                uint64_t val)
{
    MemoryRegionSection sec = address_space_lookup(as, addr);
    uint8_t buf[8];

    if (sec.mr && sec.mr->kind == MR_IO && sec.len >= size) {
        return mmio_write(sec.mr, sec.offset_within_region, size, val);
    }
    stn_le(buf, size, val);
    return address_space_write(as, addr, buf, size);
}

bool address_space_is_ram_range(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write)
{
    if (addr + len < addr && addr + len != 0) {
        return false; /* wraps around the address space */
    }
    while (len > 0) {
        MemoryRegionSection sec = address_space_lookup(as, addr);

        if (!sec.mr || !memory_region_is_ram(sec.mr) ||
            (is_write && sec.mr->kind != MR_RAM)) {
            return false;
        }
        if (sec.len >= len) {
            return true;
        }
        addr += sec.len;
        len -= sec.len;
    }
    return true;
}

MemTxResult dma_memory_read(AddressSpace *as, hwaddr addr, void *buf,
                            hwaddr len)
{
    if (addr + len < addr && addr + len != 0) {
        memset(buf, 0, len);
        return MEMTX_DECODE_ERROR; /* wraps around the address space */
    }
    return address_space_read(as, addr, buf, len);
}

MemTxResult dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf,
                             hwaddr len)
{
    if (addr + len < addr && addr + len != 0) {
        return MEMTX_DECODE_ERROR;
    }
    return address_space_write(as, addr, buf, len);
}

void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write)
{
    MemoryRegionSection sec = address_space_lookup(as, addr);

    if (!sec.mr || !memory_region_is_ram(sec.mr) ||
        (is_write && sec.mr->kind != MR_RAM)) {
        *plen = 0;
        return NULL;
    }
    *plen = MIN(*plen, sec.len);
    return sec.mr->ram_ptr + sec.offset_within_region;
}

bool address_space_discard_ram(AddressSpace *as, hwaddr addr, hwaddr len)
{
    MemoryRegionSection sec = address_space_lookup(as, addr);
    uintptr_t page = getpagesize();
    uint8_t *host;

    if (!sec.mr || sec.mr->kind != MR_RAM || sec.len < len) {
        return false;
    }
    host = sec.mr->ram_ptr + sec.offset_within_region;
    if ((uintptr_t)host % page || len % page ||
        madvise(host, len, MADV_DONTNEED) != 0) {
        return false;
    }
    /* The pages now read as zero: like a write for code caches and LR. */
    if (ram_write_notifier && as == &address_space_memory) {
        ram_write_notifier(addr, len);
    }
    return true;
}

void address_space_unmap(AddressSpace *as, void *buf, hwaddr len, bool is_write)
{
    /* Mapped memory is guest RAM itself: nothing to copy back. */
}

void address_space_notify_written(AddressSpace *as, hwaddr addr, hwaddr len)
{
    if (ram_write_notifier && as == &address_space_memory && len) {
        ram_write_notifier(addr, len);
    }
}

/* info mtree */

static gint subregion_addr_cmp(gconstpointer a, gconstpointer b)
{
    const MemoryRegion *x = *(MemoryRegion *const *)a;
    const MemoryRegion *y = *(MemoryRegion *const *)b;

    if (x->addr != y->addr) {
        return x->addr < y->addr ? -1 : 1;
    }
    return y->priority - x->priority;
}

static const char *mr_kind_name(MemoryRegion *mr)
{
    switch (mr->kind) {
    case MR_RAM:
        return "ram";
    case MR_ROM:
        return "rom";
    default:
        return "i/o";
    }
}

static void mtree_print_mr(GString *out, MemoryRegion *mr, hwaddr base,
                           int level)
{
    hwaddr start = base + mr->addr;
    hwaddr last = mr->size == UINT64_MAX ? UINT64_MAX : start + mr->size - 1;
    g_autoptr(GPtrArray) subs = NULL;

    g_string_append_printf(
        out, "%*s%016" PRIx64 "-%016" PRIx64 " (prio %d, %s%s): ", level * 2,
        "", start, last, mr->priority, mr_kind_name(mr),
        mr->enabled ? "" : ", disabled");
    if (mr->kind == MR_ALIAS) {
        g_string_append_printf(
            out, "alias %s @%s %016" PRIx64 "-%016" PRIx64 "\n", mr->name,
            mr->alias->name, mr->alias_offset, mr->alias_offset + mr->size - 1);
        return;
    }
    g_string_append_printf(out, "%s\n", mr->name);
    subs = g_ptr_array_copy(mr->subregions, NULL, NULL);
    g_ptr_array_sort(subs, subregion_addr_cmp);
    for (guint i = 0; i < subs->len; i++) {
        mtree_print_mr(out, subs->pdata[i], start, level + 1);
    }
}

void mtree_info(GString *out)
{
    get_system_memory();
    for (guint i = 0; i < address_spaces->len; i++) {
        AddressSpace *as = address_spaces->pdata[i];

        g_string_append_printf(out, "address-space: %s\n", as->name);
        mtree_print_mr(out, as->root, 0, 1);
        g_string_append(out, "\n");
    }
}
