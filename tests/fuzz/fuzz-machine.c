/*
 * The devices of the `virt` machine, as a hostile guest and host see them:
 * the input is a sequence of operations (MMIO reads and writes, as a hart
 * makes them and as qtest splits them; writes to RAM, which is what a
 * device reads by DMA; virtual clock steps, which fire device timers),
 * applied to a machine built once and reset after each input.
 *
 * The MMIO regions are found at start-up by walking the system memory
 * tree, so every device added to `virt` is fuzzed without changes here.
 *
 * Encoding, little-endian, each operation a command byte (taken modulo
 * the number of commands) and its operands; a truncated operation ends
 * the input:
 *   0 load       region:u8 offset:u32 size:u8          (1 << size%4 bytes)
 *   1 store      region:u8 offset:u32 size:u8 value:u64
 *   2 read       region:u8 offset:u32 len:u8           (1 + len%16 bytes)
 *   3 write      region:u8 offset:u32 len:u8 data[1 + len%16]
 *   4 ram_write  offset:u32 len:u8 data[len]           (offset % RAM size)
 *   5 clock_step ns:u32                                (0: next deadline)
 * The region operand is an index (modulo their number) into the MMIO
 * regions, the offset is taken modulo the region's size.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "exec/memory.h"
#include "fuzz-vm.h"

typedef struct MmioRegion {
    hwaddr base;
    uint64_t size;
} MmioRegion;

static GArray *regions; /* MmioRegion, in tree order */

typedef struct Input {
    const uint8_t *p;
    size_t left;
} Input;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every enabled MMIO region under mr, which lies at base. */
static void collect_mmio(MemoryRegion *mr, hwaddr base)
{
    if (!mr->enabled) {
        return;
    }
    if (mr->kind == MR_IO && mr->size > 0) {
        MmioRegion r = { base, mr->size };

        g_array_append_val(regions, r);
    }
    for (guint i = 0; mr->subregions && i < mr->subregions->len; i++) {
        MemoryRegion *sub = g_ptr_array_index(mr->subregions, i);

        collect_mmio(sub, base + sub->addr);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    fuzz_vm_init(NULL);
    regions = g_array_new(FALSE, FALSE, sizeof(MmioRegion));
    collect_mmio(get_system_memory(), 0);
    g_assert(regions->len > 0);
    return 0;
}

static bool take(Input *in, void *buf, size_t n)
{
    if (in->left < n) {
        return false;
    }
    memcpy(buf, in->p, n);
    in->p += n;
    in->left -= n;
    return true;
}

/* region:u8 offset:u32 -> a guest-physical address inside a region. */
static bool take_mmio_addr(Input *in, hwaddr *addr)
{
    uint8_t idx;
    uint32_t off;
    const MmioRegion *r;

    if (!take(in, &idx, 1) || !take(in, &off, 4)) {
        return false;
    }
    r = &g_array_index(regions, MmioRegion, idx % regions->len);
    *addr = r->base + GUINT32_FROM_LE(off) % r->size;
    return true;
}

static bool op_load_store(Input *in, bool store)
{
    hwaddr addr;
    uint8_t size;
    uint64_t val = 0;

    if (!take_mmio_addr(in, &addr) || !take(in, &size, 1) ||
        (store && !take(in, &val, 8))) {
        return false;
    }
    if (store) {
        address_space_store(&address_space_memory, addr, 1 << (size % 4),
                            GUINT64_FROM_LE(val));
    } else {
        address_space_load(&address_space_memory, addr, 1 << (size % 4), &val);
    }
    return true;
}

static bool op_read_write(Input *in, bool write)
{
    uint8_t buf[16] = { 0 };
    hwaddr addr;
    uint8_t len;

    if (!take_mmio_addr(in, &addr) || !take(in, &len, 1)) {
        return false;
    }
    len = 1 + len % 16;
    if (write) {
        if (!take(in, buf, len)) {
            return false;
        }
        address_space_write(&address_space_memory, addr, buf, len);
    } else {
        address_space_read(&address_space_memory, addr, buf, len);
    }
    return true;
}

static bool op_ram_write(Input *in)
{
    uint8_t buf[255];
    uint32_t off;
    uint8_t len;

    if (!take(in, &off, 4) || !take(in, &len, 1) || !take(in, buf, len)) {
        return false;
    }
    address_space_write(
        &address_space_memory,
        FUZZ_VM_RAM_BASE + GUINT32_FROM_LE(off) % FUZZ_VM_RAM_SIZE, buf, len);
    return true;
}

static bool op_clock_step(Input *in)
{
    uint32_t ns;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    int64_t dest;

    if (!take(in, &ns, 4)) {
        return false;
    }
    ns = GUINT32_FROM_LE(ns);
    if (ns) {
        dest = ns > INT64_MAX - now ? INT64_MAX : now + ns;
    } else {
        dest = qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL);
    }
    qemu_clock_advance_manual(MAX(dest, now));
    return true;
}

static bool run_op(Input *in)
{
    uint8_t cmd;

    if (!take(in, &cmd, 1)) {
        return false;
    }
    switch (cmd % 6) {
    case 0:
        return op_load_store(in, false);
    case 1:
        return op_load_store(in, true);
    case 2:
        return op_read_write(in, false);
    case 3:
        return op_read_write(in, true);
    case 4:
        return op_ram_write(in);
    default:
        return op_clock_step(in);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Input in = { data, size };

    while (run_op(&in)) {
    }
    fuzz_vm_reset();
    return 0;
}
