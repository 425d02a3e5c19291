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
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

typedef struct Tables {
    Loaded l;
    uint8_t *fadt, *madt, *dsdt;
} Tables;

/* Run the loader and find the FADT, MADT and DSDT from the RSDP. */
static void load_tables(QTestState *s, Tables *t)
{
    uint8_t *rsdp, *rsdt;

    /* Firmware programs the PM base first (SeaBIOS: 0x600, enabled). */
    pc_pci_writel(s, DEVFN(1, 3), 0x40, 0x601);
    pc_pci_writeb(s, DEVFN(1, 3), 0x80, 1);
    run_loader(s, &t->l);
    rsdp = find_blob(&t->l, "etc/acpi/rsdp")->data;
    g_assert_cmpmem(rsdp, 8, "RSD PTR ", 8);
    g_assert_cmphex(sum(rsdp, 20), ==, 0);
    rsdt = table(&t->l, le32(rsdp + 16), "RSDT");
    t->fadt = t->madt = NULL;
    for (uint32_t o = 36; o < le32(rsdt + 4); o += 4) {
        uint8_t *h = at(&t->l, le32(rsdt + o), 36);

        if (!memcmp(h, "FACP", 4)) {
            t->fadt = table(&t->l, le32(rsdt + o), "FACP");
        } else if (!memcmp(h, "APIC", 4)) {
            t->madt = table(&t->l, le32(rsdt + o), "APIC");
        }
    }
    g_assert_nonnull(t->fadt);
    g_assert_nonnull(t->madt);
    t->dsdt = table(&t->l, le32(t->fadt + 40), "DSDT");
}

static void free_tables(Tables *t)
{
    for (int i = 0; i < t->l.n; i++) {
        g_free(t->l.blobs[i].data);
    }
}

static void test_tables(void)
{
    QTestState *s = qtest_init(ARGS);
    Tables t = { .l.n = 0 };
    uint8_t *fadt, *madt, *facs, *dsdt;
    uint16_t pm;
    int cpus = 0;

    load_tables(s, &t);
    fadt = t.fadt;
    madt = t.madt;
    dsdt = t.dsdt;
    /* \_S5 (soft-off), and PCI0 whose _HID is EisaId ("PNP0A03"). */
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "_S5_", 4));
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "PCI0", 4));
    g_assert_nonnull(memmem(dsdt, le32(dsdt + 4), "\x41\xd0\x0a\x03", 4));
    facs = at(&t.l, le32(fadt + 36), 64);
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
    free_tables(&t);
    qtest_quit(s);
}

/*
 * The DSDT's AML with comments and white space taken out (what
 * "iasl -d" gives, decompiled from the bytes): NULL when iasl is missing.
 */
static char *decompile_dsdt(const uint8_t *dsdt)
{
    g_autofree char *iasl = g_find_program_in_path("iasl");
    g_autofree char *dir = NULL, *dat = NULL, *dsl = NULL, *text = NULL;
    g_autofree char *out = NULL, *err = NULL;
    g_autoptr(GRegex) comments =
        g_regex_new("//[^\n]*|/\\*.*?\\*/|\\s+", G_REGEX_DOTALL, 0, NULL);
    char *argv[] = { iasl, (char *)"-d", (char *)"dsdt.dat", NULL };
    int status;

    if (!iasl) {
        return NULL;
    }
    dir = g_dir_make_tmp("acpi-dsdt-XXXXXX", NULL);
    g_assert_nonnull(dir);
    dat = g_build_filename(dir, "dsdt.dat", NULL);
    dsl = g_build_filename(dir, "dsdt.dsl", NULL);
    g_assert_true(g_file_set_contents(dat, (char *)dsdt, le32(dsdt + 4), NULL));
    g_assert_true(g_spawn_sync(dir, argv, NULL, 0, NULL, NULL, &out, &err,
                               &status, NULL));
    if (!g_spawn_check_wait_status(status, NULL) ||
        !g_file_get_contents(dsl, &text, NULL, NULL)) {
        g_error("iasl -d failed:\n%s%s", out, err);
    }
    g_assert_null(strstr(out, "Error"));
    g_assert_null(strstr(err, "Error"));
    unlink(dat);
    unlink(dsl);
    rmdir(dir);
    return g_regex_replace_literal(comments, text, -1, 0, "", 0, NULL);
}

static void assert_aml(const char *aml, const char *pattern)
{
    if (!g_regex_match_simple(pattern, aml, 0, 0)) {
        g_error("DSDT lacks %s:\n%s", pattern, aml);
    }
}

/*
 * What Linux and firmware look for in the DSDT, as the AML decompiles:
 * the ISA bridge (00:01.0), and the 8042's keyboard and mouse,
 * the RTC and COM1; a _PRT; the PCI interrupt links with their methods.
 */
static void test_dsdt(void)
{
    QTestState *s = qtest_init(ARGS " -serial null");
    Tables t = { .l.n = 0 };
    g_autofree char *aml = NULL;

    load_tables(s, &t);
    aml = decompile_dsdt(t.dsdt);
    if (!aml) {
        printf("SKIP: iasl not found (install acpica-tools): DSDT not "
               "decompiled\n");
        g_test_skip("iasl not found (acpica-tools)");
    } else {
        assert_aml(aml, "Device\\(\\w+\\)\\{Name\\(_ADR,0x00010000\\)");
        assert_aml(aml, "EisaId\\(\"PNP0303\"\\).*IO\\(Decode16,0x0060,"
                        "0x0060,0x0[01],0x01,\\)IO\\(Decode16,0x0064,0x0064,"
                        "0x0[01],0x01,\\)IRQNoFlags\\(\\)\\{1\\}");
        assert_aml(aml, "EisaId\\(\"PNP0F13\"\\).*IRQNoFlags\\(\\)"
                        "\\{12\\}");
        assert_aml(aml, "EisaId\\(\"PNP0B00\"\\).*IO\\(Decode16,0x0070,"
                        "0x0070,0x0[01],0x0[28],\\)IRQNoFlags\\(\\)\\{8\\}");
        assert_aml(aml, "EisaId\\(\"PNP0501\"\\).*IO\\(Decode16,0x03F8,"
                        "0x03F8,0x0[01],0x08,\\)IRQNoFlags\\(\\)\\{4\\}");
        assert_aml(aml, "(Name\\(_PRT,Package\\(0x80\\)|Method\\(_PRT,0)");
        for (char c = 'A'; c <= 'D'; c++) {
            g_autofree char *link = g_strdup_printf(
                "Device\\(LNK%c\\)\\{Name\\(_HID,EisaId\\(\"PNP0C0F\"\\)"
                "\\).*Method\\(_SRS,1",
                c);

            assert_aml(aml, link);
        }
    }
    free_tables(&t);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/acpi/tables", test_tables);
    qtest_add_func("/acpi/dsdt", test_dsdt);
    return g_test_run();
}
