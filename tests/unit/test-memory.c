/*
 * The memory API: flattening with priorities and aliases, MMIO access-size
 * adjustment, holes, ROM, DMA mapping bounds.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"

typedef struct FakeDev {
    uint8_t regs[16];
    int reads, writes;
    unsigned last_size;
} FakeDev;

static uint64_t fake_read(void *opaque, hwaddr addr, unsigned size)
{
    FakeDev *d = opaque;
    uint64_t v = 0;

    d->reads++;
    d->last_size = size;
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)d->regs[(addr + i) % 16] << (8 * i);
    }
    return v;
}

static void fake_write(void *opaque, hwaddr addr, uint64_t v, unsigned size)
{
    FakeDev *d = opaque;

    d->writes++;
    d->last_size = size;
    for (unsigned i = 0; i < size; i++) {
        d->regs[(addr + i) % 16] = v >> (8 * i);
    }
}

static const MemoryRegionOps fake_ops_4 = {
    .read = fake_read,
    .write = fake_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps fake_ops_strict = {
    .read = fake_read,
    .write = fake_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 4, .max_access_size = 4 },
};

static const MemoryRegionOps fake_ops_be = {
    .read = fake_read,
    .write = fake_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8 },
    .impl = { .min_access_size = 4, .max_access_size = 4 },
};

/* A big-endian device sees each implemented unit byte-swapped, once. */
static void test_big_endian(void)
{
    MemoryRegion root, mr;
    AddressSpace as;
    FakeDev dev = { 0 };
    uint64_t v;

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-be");
    memory_region_init_io(&mr, NULL, &fake_ops_be, &dev, "be", 16);
    memory_region_add_subregion(&root, 0x1000, &mr);

    address_space_store(&as, 0x1000, 4, 0x01000000);
    /* The device got 0x00000001: its register bytes are 01 00 00 00. */
    g_assert_cmphex(dev.regs[0], ==, 0x01);
    g_assert_cmphex(dev.regs[3], ==, 0x00);
    address_space_load(&as, 0x1000, 4, &v);
    g_assert_cmphex(v, ==, 0x01000000);
    /* A byte read of the unit's first byte (memory order) is 0x00. */
    address_space_load(&as, 0x1000, 1, &v);
    g_assert_cmphex(v, ==, 0x00);
    address_space_load(&as, 0x1003, 1, &v);
    g_assert_cmphex(v, ==, 0x01);
    /* 8 bytes: two units, each swapped in place. */
    address_space_store(&as, 0x1000, 8, 0x1122334455667788ULL);
    address_space_load(&as, 0x1000, 8, &v);
    g_assert_cmphex(v, ==, 0x1122334455667788ULL);
    g_assert_cmphex(dev.regs[0], ==, 0x55); /* the device's value 0x55667788 */
    address_space_destroy(&as);
    memory_region_destroy(&mr);
    memory_region_destroy(&root);
}

static void test_priority_and_alias(void)
{
    MemoryRegion root, low, high, alias;
    AddressSpace as;
    uint8_t *p;
    MemoryRegionSection sec;

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-prio");
    g_assert_true(memory_region_init_ram(&low, NULL, "low", 0x10000, NULL));
    g_assert_true(memory_region_init_ram(&high, NULL, "high", 0x1000, NULL));
    memory_region_init_alias(&alias, NULL, "alias", &low, 0x8000, 0x1000);
    memory_region_add_subregion(&root, 0x10000, &low);
    memory_region_add_subregion_overlap(&root, 0x14000, &high, 1);
    memory_region_add_subregion(&root, 0x40000, &alias);

    sec = address_space_lookup(&as, 0x14800);
    g_assert_true(sec.mr == &high);
    g_assert_cmpuint(sec.offset_within_region, ==, 0x800);
    g_assert_cmpuint(sec.len, ==, 0x800);
    sec = address_space_lookup(&as, 0x15000);
    g_assert_true(sec.mr == &low);
    g_assert_cmpuint(sec.offset_within_region, ==, 0x5000);

    /* The alias shows low's bytes at 0x8000.. */
    p = memory_region_get_ram_ptr(&low);
    p[0x8010] = 0xab;
    sec = address_space_lookup(&as, 0x40010);
    g_assert_true(sec.mr == &low);
    g_assert_cmpuint(sec.offset_within_region, ==, 0x8010);

    /* Disabling the high region uncovers low again. */
    memory_region_set_enabled(&high, false);
    sec = address_space_lookup(&as, 0x14800);
    g_assert_true(sec.mr == &low);

    /* A hole reports its extent. */
    sec = address_space_lookup(&as, 0x20000);
    g_assert_null(sec.mr);
    g_assert_cmpuint(sec.len, ==, 0x20000);
    address_space_destroy(&as);
    memory_region_destroy(&alias);
    memory_region_destroy(&high);
    memory_region_destroy(&low);
    memory_region_destroy(&root);
}

/*
 * A lower-priority region that starts in a gap and ends under a higher
 * one: the gap's piece must still be found (the view stays sorted).
 */
static void test_gap_before_higher(void)
{
    MemoryRegion root, a, b, low;
    AddressSpace as;
    MemoryRegionSection sec;

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-gap");
    g_assert_true(memory_region_init_ram(&a, NULL, "a", 0x1000, NULL));
    g_assert_true(memory_region_init_ram(&b, NULL, "b", 0x1000, NULL));
    g_assert_true(memory_region_init_ram(&low, NULL, "low", 0x2000, NULL));
    memory_region_add_subregion_overlap(&root, 0x1000, &a, 1);
    memory_region_add_subregion_overlap(&root, 0x10000, &b, 1);
    memory_region_add_subregion(&root, 0, &low);
    sec = address_space_lookup(&as, 0x800);
    g_assert_true(sec.mr == &low);
    sec = address_space_lookup(&as, 0x1800);
    g_assert_true(sec.mr == &a);
    sec = address_space_lookup(&as, 0x10800);
    g_assert_true(sec.mr == &b);
    address_space_destroy(&as);
    memory_region_destroy(&low);
    memory_region_destroy(&b);
    memory_region_destroy(&a);
    memory_region_destroy(&root);
}

static void test_mmio_sizes(void)
{
    MemoryRegion root, dev_mr, strict_mr;
    AddressSpace as;
    FakeDev dev = { 0 }, strict = { 0 };
    uint64_t v;

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-mmio");
    memory_region_init_io(&dev_mr, NULL, &fake_ops_4, &dev, "dev", 16);
    memory_region_init_io(&strict_mr, NULL, &fake_ops_strict, &strict, "strict",
                          16);
    memory_region_add_subregion(&root, 0x1000, &dev_mr);
    memory_region_add_subregion(&root, 0x2000, &strict_mr);

    /* An 8-byte access is split into two implemented 4-byte ones. */
    g_assert_cmpuint(address_space_store(&as, 0x1000, 8, 0x1122334455667788ULL),
                     ==, MEMTX_OK);
    g_assert_cmpint(dev.writes, ==, 2);
    g_assert_cmpuint(address_space_load(&as, 0x1000, 8, &v), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x1122334455667788ULL);
    /* A 1-byte read is widened to 4 and the right byte extracted. */
    g_assert_cmpuint(address_space_load(&as, 0x1005, 1, &v), ==, MEMTX_OK);
    g_assert_cmphex(v, ==, 0x33);
    g_assert_cmpuint(dev.last_size, ==, 4);

    /* The strict device rejects a 1-byte access and unaligned ones. */
    g_assert_cmpuint(address_space_load(&as, 0x2000, 1, &v), ==, MEMTX_ERROR);
    g_assert_cmphex(v, ==, 0);
    g_assert_cmpuint(address_space_load(&as, 0x2002, 4, &v), ==, MEMTX_ERROR);
    g_assert_cmpint(strict.reads, ==, 0);

    /* Holes read as zero and report a decode error. */
    v = 0xdead;
    g_assert_cmpuint(address_space_load(&as, 0x3000, 4, &v), ==,
                     MEMTX_DECODE_ERROR);
    g_assert_cmphex(v, ==, 0);
    address_space_destroy(&as);
    memory_region_destroy(&dev_mr);
    memory_region_destroy(&strict_mr);
    memory_region_destroy(&root);
}

static void test_rom_and_map(void)
{
    MemoryRegion root, ram, rom;
    AddressSpace as;
    uint8_t buf[8] = { 1, 2, 3, 4, 5, 6, 7, 8 }, out[8];
    hwaddr len;
    uint8_t *host;

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-rom");
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", 0x1000, NULL));
    g_assert_true(memory_region_init_rom(&rom, NULL, "rom", 0x1000, NULL));
    memory_region_add_subregion(&root, 0x0, &rom);
    memory_region_add_subregion(&root, 0x1000, &ram);

    /* Guest writes to ROM are dropped; loader writes land. */
    address_space_write(&as, 0x10, buf, 8);
    address_space_read(&as, 0x10, out, 8);
    g_assert_cmpint(out[0], ==, 0);
    address_space_write_rom(&as, 0x10, buf, 8);
    address_space_read(&as, 0x10, out, 8);
    g_assert_cmpmem(out, 8, buf, 8);

    /* A write spanning ROM into RAM: only the RAM part lands. */
    address_space_write(&as, 0xffc, buf, 8);
    address_space_read(&as, 0x1000, out, 4);
    g_assert_cmpmem(out, 4, buf + 4, 4);

    /* map clips to the RAM and refuses ROM for writing and holes. */
    len = 0x10000;
    host = address_space_map(&as, 0x1800, &len, true);
    g_assert_nonnull(host);
    g_assert_cmpuint(len, ==, 0x800);
    len = 16;
    g_assert_null(address_space_map(&as, 0x10, &len, true));
    g_assert_nonnull(address_space_map(&as, 0x10, &len, false));
    len = 16;
    g_assert_null(address_space_map(&as, 0x5000, &len, false));
    g_assert_cmpuint(len, ==, 0);

    /* DMA that wraps around the address space is refused. */
    g_assert_cmpuint(dma_memory_read(&as, UINT64_MAX - 3, out, 8), ==,
                     MEMTX_DECODE_ERROR);
    address_space_destroy(&as);
    memory_region_destroy(&ram);
    memory_region_destroy(&rom);
    memory_region_destroy(&root);
}

/* A ROM device view: reads from RAM, guest writes to its ops (split). */
static void test_rom_device_view(void)
{
    static const MemoryRegionOps byte_ops = {
        .read = fake_read,
        .write = fake_write,
        .endianness = DEVICE_LITTLE_ENDIAN,
        .valid = { .min_access_size = 1, .max_access_size = 4 },
        .impl = { .min_access_size = 1, .max_access_size = 1 },
    };
    MemoryRegion root, ram, view;
    AddressSpace as;
    FakeDev d = { 0 };
    uint8_t buf[4] = { 0x98, 1, 2, 3 }, out[4];

    memory_region_init(&root, NULL, "root", UINT64_MAX);
    address_space_init(&as, &root, "test-romd");
    g_assert_true(memory_region_init_ram(&ram, NULL, "ram", 0x1000, NULL));
    memset(memory_region_get_ram_ptr(&ram), 0x5a, 0x1000);
    memory_region_init_rom_device_view(&view, NULL, &byte_ops, &d, "view", &ram,
                                       0, 0x1000);
    memory_region_add_subregion(&root, 0x2000, &view);

    address_space_write(&as, 0x2010, buf, 4);
    g_assert_cmpint(d.writes, ==, 4); /* four byte cycles */
    g_assert_cmpmem(d.regs, 4, buf, 4);
    address_space_read(&as, 0x2010, out, 4);
    g_assert_cmpint(d.reads, ==, 0);
    g_assert_cmphex(out[0], ==, 0x5a); /* the RAM, unchanged */
    address_space_write_rom(&as, 0x2010, buf, 4);
    address_space_read(&as, 0x2010, out, 4);
    g_assert_cmpmem(out, 4, buf, 4);
    g_assert_true(address_space_is_ram_range(&as, 0x2000, 0x1000, false));
    g_assert_false(address_space_is_ram_range(&as, 0x2000, 0x1000, true));
    address_space_destroy(&as);
    memory_region_destroy(&view);
    memory_region_destroy(&ram);
    memory_region_destroy(&root);
}

static void test_mtree(void)
{
    g_autoptr(GString) s = g_string_new("");
    MemoryRegion ram;

    g_assert_true(
        memory_region_init_ram(&ram, NULL, "mtree-ram", 0x1000, NULL));
    memory_region_add_subregion(get_system_memory(), 0x80000000, &ram);
    mtree_info(s);
    g_assert_nonnull(strstr(s->str, "address-space: memory\n"));
    g_assert_nonnull(strstr(s->str, "0000000080000000-0000000080000fff "
                                    "(prio 0, ram): mtree-ram"));
    memory_region_destroy(&ram);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/memory/priority-and-alias", test_priority_and_alias);
    g_test_add_func("/memory/gap-before-higher", test_gap_before_higher);
    g_test_add_func("/memory/mmio-sizes", test_mmio_sizes);
    g_test_add_func("/memory/big-endian", test_big_endian);
    g_test_add_func("/memory/rom-and-map", test_rom_and_map);
    g_test_add_func("/memory/rom-device-view", test_rom_device_view);
    g_test_add_func("/memory/mtree", test_mtree);
    return g_test_run();
}
