/*
 * The pc machine's ACPI tables as firmware gets them through fw_cfg,
 * against ours and Debian's QEMU 7.2: run "etc/table-loader" the way
 * SeaBIOS does (ALLOCATE, ADD_POINTER, ADD_CHECKSUM) at made-up
 * addresses, then check what ACPI 6.4 chapter 5 requires: the RSDP and
 * every table sum to zero, the RSDT reaches a FADT and an MADT, the FADT
 * reaches the DSDT and FACS, SCI is IRQ 9 and the PM blocks follow PMBA.
 */
#include "libpc.h"
#include <inttypes.h>
#include <string.h>

#define ARGS "-M pc -nodefaults -smp 2"

typedef struct Blob {
    char name[57];
    uint8_t *data;
    uint32_t size;
    uint64_t addr; /* where "ALLOCATE" put it */
} Blob;

typedef struct Loaded {
    Blob blobs[8];
    int n;
} Loaded;

static Blob *find_blob(Loaded *l, const char *name)
{
    for (int i = 0; i < l->n; i++) {
        if (!strcmp(l->blobs[i].name, name)) {
            return &l->blobs[i];
        }
    }
    g_error("table-loader names '%s', never allocated", name);
}

/* The blob holding guest address addr, and the offset in it. */
static uint8_t *at(Loaded *l, uint64_t addr, uint32_t len)
{
    for (int i = 0; i < l->n; i++) {
        Blob *b = &l->blobs[i];

        if (addr >= b->addr && addr + len <= b->addr + b->size) {
            return b->data + (addr - b->addr);
        }
    }
    g_error("address 0x%" PRIx64 " (+%u) is in no loaded file", addr, len);
}

static uint8_t sum(const uint8_t *p, uint32_t len)
{
    uint8_t s = 0;

    for (uint32_t i = 0; i < len; i++) {
        s += p[i];
    }
    return s;
}

static void run_loader(QTestState *s, Loaded *l)
{
    uint32_t size;
    g_autofree uint8_t *cmds =
        pc_fw_cfg_read_file(s, "etc/table-loader", &size);
    uint64_t next = 0x100000;

    g_assert_nonnull(cmds);
    g_assert_cmpuint(size % 128, ==, 0);
    for (uint32_t off = 0; off < size; off += 128) {
        uint8_t *c = cmds + off;
        uint32_t cmd;

        memcpy(&cmd, c, 4);
        if (cmd == 1) { /* ALLOCATE file, align, zone */
            Blob *b = &l->blobs[l->n++];
            uint32_t align;

            g_assert_cmpint(l->n, <=, G_N_ELEMENTS(l->blobs));
            memcpy(b->name, c + 4, 56);
            memcpy(&align, c + 60, 4);
            b->data = pc_fw_cfg_read_file(s, b->name, &b->size);
            g_assert_nonnull(b->data);
            next = (next + align - 1) & ~(uint64_t)(align - 1);
            b->addr = next;
            next += b->size;
        } else if (cmd == 2) { /* ADD_POINTER dest, src, offset, size */
            Blob *dst = find_blob(l, (char *)c + 4);
            Blob *src = find_blob(l, (char *)c + 60);
            uint32_t o;
            uint8_t n = c[120];
            uint64_t v = 0;

            memcpy(&o, c + 116, 4);
            g_assert_cmpuint(o + n, <=, dst->size);
            memcpy(&v, dst->data + o, n);
            v += src->addr;
            memcpy(dst->data + o, &v, n);
        } else if (cmd == 3) { /* ADD_CHECKSUM file, offset, start, len */
            Blob *b = find_blob(l, (char *)c + 4);
            uint32_t o, start, len;

            memcpy(&o, c + 60, 4);
            memcpy(&start, c + 64, 4);
            memcpy(&len, c + 68, 4);
            g_assert_cmpuint(start + len, <=, b->size);
            g_assert_cmpuint(o, <, b->size);
            b->data[o] -= sum(b->data + start, len);
        }
    }
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

/* A table at addr: signature sig, checksum right; returns it. */
static uint8_t *table(Loaded *l, uint64_t addr, const char *sig)
{
    uint8_t *t = at(l, addr, 36);

    g_assert_cmpmem(t, 4, sig, 4);
    t = at(l, addr, le32(t + 4));
    g_assert_cmphex(sum(t, le32(t + 4)), ==, 0);
    return t;
}

static void test_tables(void)
{
    QTestState *s = qtest_init(ARGS);
    Loaded l = { .n = 0 };
    Blob *rsdp_blob;
    uint8_t *rsdp, *rsdt, *fadt = NULL, *madt = NULL, *facs, *dsdt;
    uint16_t pm;
    int cpus = 0;

    /* Firmware programs the PM base first (SeaBIOS: 0x600, enabled). */
    pc_pci_writel(s, DEVFN(1, 3), 0x40, 0x601);
    pc_pci_writeb(s, DEVFN(1, 3), 0x80, 1);
    run_loader(s, &l);
    rsdp_blob = find_blob(&l, "etc/acpi/rsdp");
    rsdp = rsdp_blob->data;
    g_assert_cmpmem(rsdp, 8, "RSD PTR ", 8);
    g_assert_cmphex(sum(rsdp, 20), ==, 0);
    rsdt = table(&l, le32(rsdp + 16), "RSDT");
    for (uint32_t o = 36; o < le32(rsdt + 4); o += 4) {
        uint8_t *t = at(&l, le32(rsdt + o), 36);

        if (!memcmp(t, "FACP", 4)) {
            fadt = table(&l, le32(rsdt + o), "FACP");
        } else if (!memcmp(t, "APIC", 4)) {
            madt = table(&l, le32(rsdt + o), "APIC");
        }
    }
    g_assert_nonnull(fadt);
    g_assert_nonnull(madt);
    dsdt = table(&l, le32(fadt + 40), "DSDT");
    /* \_S5 (soft-off), and PCI0 whose _HID is EisaId ("PNP0A03"). */
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "_S5_", 4));
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "PCI0", 4));
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "\x41\xd0\x0a\x03", 4));
    facs = at(&l, le32(fadt + 36), 64);
    g_assert_cmpmem(facs, 4, "FACS", 4);
    g_assert_cmpuint(le32(fadt + 36) % 64, ==, 0);
    /* SCI_INT 9; PM1a event, control and timer in the PIIX4 block. */
    g_assert_cmpuint(fadt[46] | fadt[47] << 8, ==, 9);
    pm = le32(fadt + 56);
    g_assert_cmphex(pm, ==, 0x600);
    g_assert_cmphex(le32(fadt + 64), ==, pm + 4);
    g_assert_cmphex(le32(fadt + 76), ==, pm + 8);
    g_assert_cmpuint(fadt[88], ==, 4); /* PM1_EVT_LEN */
    g_assert_cmpuint(fadt[89], ==, 2); /* PM1_CNT_LEN */
    g_assert_cmpuint(fadt[91], ==, 4); /* PM_TMR_LEN */
    /* MADT: the local APIC address, one enabled local APIC per CPU. */
    g_assert_cmphex(le32(madt + 36), ==, 0xfee00000);
    for (uint32_t o = 44; o < le32(madt + 4); o += madt[o + 1]) {
        g_assert_cmpuint(madt[o + 1], >=, 2);
        if (madt[o] == 0 && (le32(madt + o + 4) & 1)) {
            cpus++;
        } else if (madt[o] == 1) {
            g_assert_cmphex(le32(madt + o + 4), ==, 0xfec00000);
        }
    }
    g_assert_cmpint(cpus, ==, 2);
    for (int i = 0; i < l.n; i++) {
        g_free(l.blobs[i].data);
    }
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/acpi/tables", test_tables);
    return g_test_run();
}
