/*
 * The memory API: a tree of regions (RAM, ROM, MMIO, containers, aliases)
 * flattened into an address space for dispatch.
 */
#ifndef EXEC_MEMORY_H
#define EXEC_MEMORY_H

#include "qemu/osdep.h"
#include "qom/object.h"

typedef uint32_t MemTxResult;
#define MEMTX_OK           0
#define MEMTX_ERROR        (1U << 0) /* the device rejected the access */
#define MEMTX_DECODE_ERROR (1U << 1) /* nothing is mapped there */

enum device_endian {
    DEVICE_NATIVE_ENDIAN, /* the target's: little for RISC-V */
    DEVICE_BIG_ENDIAN,
    DEVICE_LITTLE_ENDIAN,
};

typedef struct MemoryRegion MemoryRegion;
typedef struct AddressSpace AddressSpace;
typedef struct FlatView FlatView;

typedef struct MemoryRegionOps {
    /* addr is relative to the region; size is 1, 2, 4 or 8. */
    uint64_t (*read)(void *opaque, hwaddr addr, unsigned size);
    void (*write)(void *opaque, hwaddr addr, uint64_t data, unsigned size);
    enum device_endian endianness;
    /*
     * valid: which guest accesses the device accepts; others fail with
     * MEMTX_ERROR and a guest_errors log. 0 means 1..4 (min..max).
     */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
        bool unaligned;
    } valid;
    /*
     * impl: what read/write handle; wider accesses are split and narrower
     * ones widened (read-modify-write is not done: a narrow write is
     * passed as the narrowest implemented size). 0 means valid's values.
     */
    struct {
        unsigned min_access_size;
        unsigned max_access_size;
    } impl;
} MemoryRegionOps;

typedef enum {
    MR_CONTAINER,
    MR_RAM,
    MR_ROM, /* RAM-backed, guest writes ignored (logged) or to ops */
    MR_IO,
    MR_ALIAS,
} MemoryRegionKind;

struct MemoryRegion {
    char *name;
    Object *owner;
    MemoryRegionKind kind;
    uint64_t size; /* UINT64_MAX means 2^64 for the root container */
    bool enabled;
    /* Placement inside the container. */
    MemoryRegion *container;
    hwaddr addr;
    int priority;
    GPtrArray
        *subregions; /* MemoryRegion *, sorted by priority, highest first */
    /* RAM and ROM */
    uint8_t *ram_ptr;
    bool ram_borrowed; /* a view of another region's memory: not unmapped */
    /* MMIO */
    const MemoryRegionOps *ops;
    void *opaque;
    /* Alias */
    MemoryRegion *alias;
    hwaddr alias_offset;
};

void memory_region_init(MemoryRegion *mr, Object *owner, const char *name,
                        uint64_t size);
void memory_region_init_io(MemoryRegion *mr, Object *owner,
                           const MemoryRegionOps *ops, void *opaque,
                           const char *name, uint64_t size);
/* Host memory is zeroed; fails (with *errp) when it cannot be allocated. */
bool memory_region_init_ram(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp);
/*
 * RAM mapped from fd (a file or memfd; -1 for anonymous memory), shared
 * with other mappings of it or private; reserve: commit swap for it now.
 */
bool memory_region_init_ram_from_fd(MemoryRegion *mr, Object *owner,
                                    const char *name, uint64_t size, int fd,
                                    bool shared, bool reserve, GError **errp);
bool memory_region_init_rom(MemoryRegion *mr, Object *owner, const char *name,
                            uint64_t size, GError **errp);
void memory_region_init_alias(MemoryRegion *mr, Object *owner, const char *name,
                              MemoryRegion *orig, hwaddr offset, uint64_t size);
/*
 * A read-only view of [offset, offset + size) of RAM region ram: it reads
 * the same host memory, and guest writes to it are ignored (logged), as a
 * ROM's (a chipset's write-protected shadow RAM).
 */
void memory_region_init_rom_view(MemoryRegion *mr, Object *owner,
                                 const char *name, MemoryRegion *ram,
                                 hwaddr offset, uint64_t size);
/*
 * A ROM device's array: a read-only view of RAM region ram as above whose
 * guest writes go to ops->write instead (a flash chip reading its array
 * while taking commands; QEMU's "romd" mode). Loaders' ROM writes still
 * reach the RAM.
 */
void memory_region_init_rom_device_view(MemoryRegion *mr, Object *owner,
                                        const MemoryRegionOps *ops,
                                        void *opaque, const char *name,
                                        MemoryRegion *ram, hwaddr offset,
                                        uint64_t size);
void memory_region_destroy(MemoryRegion *mr);

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset,
                                 MemoryRegion *sub);
void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset,
                                         MemoryRegion *sub, int priority);
void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub);
void memory_region_set_enabled(MemoryRegion *mr, bool enabled);
void memory_region_set_address(MemoryRegion *mr, hwaddr addr);
uint64_t memory_region_size(MemoryRegion *mr);
void *memory_region_get_ram_ptr(MemoryRegion *mr);
bool memory_region_is_ram(MemoryRegion *mr); /* RAM or ROM */

/* The root of the system address space. */
MemoryRegion *get_system_memory(void);
/* The root of the 64 KiB I/O port space (x86's IN/OUT). */
MemoryRegion *get_system_io(void);

struct AddressSpace {
    char *name;
    MemoryRegion *root;
    FlatView *view; /* NULL when it must be rebuilt */
};

extern AddressSpace address_space_memory;
extern AddressSpace address_space_io; /* after get_system_io() */

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name);

/*
 * Each RAM or ROM piece of the address space's current map, in address
 * order: where it starts, its size, its host memory, whether it is ROM.
 */
typedef void RamRangeFn(void *opaque, hwaddr start, hwaddr size, void *host,
                        bool readonly);
void address_space_foreach_ram(AddressSpace *as, RamRangeFn *fn, void *opaque);

/*
 * Told after every change of the region tree (with the big lock held), and
 * once at registration; KVM mirrors the RAM map into memory slots.
 */
typedef struct MemoryMapListener MemoryMapListener;
struct MemoryMapListener {
    void (*map_changed)(MemoryMapListener *l);
};
void memory_map_listener_register(MemoryMapListener *l);
void memory_map_listener_unregister(MemoryMapListener *l);
void address_space_destroy(AddressSpace *as);

/*
 * What lies at addr: the leaf region, the offset into it, and how many
 * bytes from addr on belong to the same mapping. mr is NULL for a hole,
 * with len the size of the hole.
 */
typedef struct MemoryRegionSection {
    MemoryRegion *mr;
    hwaddr offset_within_region;
    uint64_t len;
} MemoryRegionSection;

MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr);

/*
 * Guest-memory access. Each byte range is dispatched to RAM, ROM or MMIO;
 * holes are logged under guest_errors and read as zero. The result ORs the
 * MEMTX_* bits of every piece.
 */
MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf,
                               hwaddr len);
MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf,
                                hwaddr len);
/* As write, but also stores into ROM (for loaders). */
MemTxResult address_space_write_rom(AddressSpace *as, hwaddr addr,
                                    const void *buf, hwaddr len);
/*
 * One naturally sized access (size 1, 2, 4 or 8) as a CPU makes it: an
 * MMIO device that does not accept the size rejects it (MEMTX_ERROR).
 */
MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size,
                               uint64_t *val);
MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size,
                                uint64_t val);

/*
 * True if [addr, addr + len) is wholly guest RAM (or ROM, when not
 * is_write) and does not wrap: what a device may DMA to or from.
 */
bool address_space_is_ram_range(AddressSpace *as, hwaddr addr, hwaddr len,
                                bool is_write);
/*
 * DMA: a device reads and writes guest memory. Same as above, but names
 * the intent; a result other than MEMTX_OK means some byte was not RAM.
 */
MemTxResult dma_memory_read(AddressSpace *as, hwaddr addr, void *buf,
                            hwaddr len);
MemTxResult dma_memory_write(AddressSpace *as, hwaddr addr, const void *buf,
                             hwaddr len);
/*
 * Map guest RAM for direct access: returns a host pointer and clips *plen
 * to the contiguous RAM from addr, or NULL when addr is not RAM (or, for
 * is_write, is ROM). Never returns memory outside the region.
 */
void *address_space_map(AddressSpace *as, hwaddr addr, hwaddr *plen,
                        bool is_write);
/*
 * Give the host back the pages of [addr, addr + len), which must lie in
 * one writable RAM region and be host-page aligned (a balloon's pages):
 * they read as zero afterwards. False, with nothing done, otherwise.
 */
bool address_space_discard_ram(AddressSpace *as, hwaddr addr, hwaddr len);
void address_space_unmap(AddressSpace *as, void *buf, hwaddr len,
                         bool is_write);
/*
 * A device finished writing [addr, addr + len) through a mapped pointer
 * (zero-copy DMA): tell the CPU engine, as address_space_write() does
 * (the RAM write notifier below). Call it after the data is in place.
 */
void address_space_notify_written(AddressSpace *as, hwaddr addr, hwaddr len);

/*
 * Called after every write to RAM or ROM of the system address space made
 * through address_space_write*() / dma_memory_write() (devices, qtest,
 * loaders): the CPU engine uses it to break LR reservations and drop
 * translated code. Writes through address_space_map() pointers are
 * reported only when the writer calls address_space_notify_written().
 */
typedef void RamWriteNotifier(hwaddr addr, hwaddr len);
void memory_set_ram_write_notifier(RamWriteNotifier *fn);

/* `info mtree`: the region tree of every address space. */
void mtree_info(GString *out);

#endif
