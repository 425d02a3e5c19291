/*
 * fw_cfg on the x86_64 pc machine (QEMU's docs/specs/fw_cfg.txt), against
 * ours and Debian's QEMU 7.2: the signature and ID, the generic items,
 * the file directory and its files, and the DMA interface (read, skip,
 * select, zero fill past the end, and its errors).
 */
#include "libpc.h"
#include <string.h>

#define ARGS "-M pc -m 256M -smp 2 -nodefaults"
#define BUF  0x10000 /* guest RAM the tests DMA into */
#define DESC 0x20000 /* where the access structure goes */

static void test_signature(void)
{
    QTestState *s = qtest_init(ARGS);
    char sig[5] = "";

    pc_fw_cfg_select(s, FWCFG_SIGNATURE);
    pc_fw_cfg_read(s, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    /* Past the end: zeros. */
    g_assert_cmphex(qtest_inb(s, 0x511), ==, 0);
    /* Traditional interface and DMA. */
    g_assert_cmphex(pc_fw_cfg_get_le(s, FWCFG_ID, 4), ==, 3);
    /* The DMA register reads "QEMU CFG", big-endian. */
    g_assert_cmphex(qtest_inl(s, 0x514), ==, 0x554d4551);
    g_assert_cmphex(qtest_inl(s, 0x518), ==, 0x47464320);
    /* An item that does not exist reads zeros. */
    pc_fw_cfg_select(s, 0x3ff0);
    g_assert_cmphex(qtest_inb(s, 0x511), ==, 0);
    qtest_quit(s);
}

static void test_items(void)
{
    QTestState *s = qtest_init(ARGS);

    g_assert_cmphex(pc_fw_cfg_get_le(s, FWCFG_RAM_SIZE, 8), ==, 256 << 20);
    g_assert_cmpuint(pc_fw_cfg_get_le(s, FWCFG_NB_CPUS, 2), ==, 2);
    g_assert_cmpuint(pc_fw_cfg_get_le(s, FWCFG_MAX_CPUS, 2), ==, 2);
    /* The boot order is the CMOS's (and "bootorder"): no boot device. */
    g_assert_cmpuint(pc_fw_cfg_get_le(s, FWCFG_BOOT_DEVICE, 2), ==, 0);
    qtest_quit(s);
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/* The directory: sorted by name, with the files firmware needs. */
static void test_file_dir(void)
{
    static const char *const need[] = {
        "bootorder",          "etc/acpi/rsdp", "etc/acpi/tables",
        "etc/boot-fail-wait", "etc/e820",      "etc/table-loader",
    };
    QTestState *s = qtest_init(ARGS);
    uint8_t n[4], e[64];
    char prev[57] = "";
    uint32_t count;
    unsigned found = 0;

    pc_fw_cfg_select(s, FWCFG_FILE_DIR);
    pc_fw_cfg_read(s, n, 4);
    count = be32(n);
    g_assert_cmpuint(count, >=, G_N_ELEMENTS(need));
    g_assert_cmpuint(count, <, 64);
    for (uint32_t i = 0; i < count; i++) {
        char name[57] = "";

        pc_fw_cfg_read(s, e, sizeof(e));
        memcpy(name, e + 8, 56);
        g_assert_cmpstr(prev, <, name);
        strcpy(prev, name);
        /* Files are items from 0x20 up. */
        g_assert_cmpuint(e[4] << 8 | e[5], >=, 0x20);
        for (size_t j = 0; j < G_N_ELEMENTS(need); j++) {
            found += !strcmp(name, need[j]);
        }
    }
    g_assert_cmpuint(found, ==, G_N_ELEMENTS(need));
    qtest_quit(s);
}

/* etc/e820: 20-byte entries; RAM from 0 covers all 256 MiB. */
static void test_e820(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t size;
    g_autofree uint8_t *e820 = pc_fw_cfg_read_file(s, "etc/e820", &size);
    g_autofree uint8_t *wait =
        pc_fw_cfg_read_file(s, "etc/boot-fail-wait", &size);
    bool ram = false;

    g_assert_nonnull(e820);
    g_assert_nonnull(wait);
    pc_fw_cfg_find_file(s, "etc/e820", &(uint16_t){ 0 }, &size);
    g_assert_cmpuint(size % 20, ==, 0);
    for (uint32_t off = 0; off < size; off += 20) {
        uint64_t addr, len;
        uint32_t type;

        memcpy(&addr, e820 + off, 8);
        memcpy(&len, e820 + off + 8, 8);
        memcpy(&type, e820 + off + 16, 4);
        if (type == 1 && addr == 0) {
            g_assert_cmphex(GUINT64_FROM_LE(len), ==, 256 << 20);
            ram = true;
        }
    }
    g_assert_true(ram);
    /* No -boot reboot-timeout: -1, wait forever. */
    g_assert_cmphex(wait[0] & wait[1] & wait[2] & wait[3], ==, 0xff);
    qtest_quit(s);
}

/*
 * From 3.5 GiB of RAM up, 3 GiB below 4 GiB and the rest from 4 GiB, as
 * the CMOS has it: the whole table. The default CPU (qemu64) is AMD's, so
 * AMD's HyperTransport range comes first (QEMU 7.1 on); no KVM here, so
 * not its pages.
 */
static void test_e820_above_4g(void)
{
    QTestState *s = qtest_init("-M pc -m 5G -nodefaults");
    const uint64_t want[][3] = { { 0xfd00000000ULL, 12ULL << 30, 2 },
                                 { 0, 3ULL << 30, 1 },
                                 { 4ULL << 30, 2ULL << 30, 1 } };
    uint32_t size;
    g_autofree uint8_t *e820 = pc_fw_cfg_read_file(s, "etc/e820", &size);

    g_assert_nonnull(e820);
    g_assert_cmpuint(size, ==, sizeof(want) / sizeof(want[0]) * 20);
    for (unsigned i = 0; i < G_N_ELEMENTS(want); i++) {
        uint64_t addr, len;
        uint32_t type;

        memcpy(&addr, e820 + i * 20, 8);
        memcpy(&len, e820 + i * 20 + 8, 8);
        memcpy(&type, e820 + i * 20 + 16, 4);
        g_assert_cmphex(GUINT64_FROM_LE(addr), ==, want[i][0]);
        g_assert_cmphex(GUINT64_FROM_LE(len), ==, want[i][1]);
        g_assert_cmpuint(GUINT32_FROM_LE(type), ==, want[i][2]);
    }
    g_assert_cmphex(pc_fw_cfg_get_le(s, FWCFG_RAM_SIZE, 8), ==, 5ULL << 30);
    qtest_quit(s);
    /* An Intel vCPU: just the two RAM ranges. */
    s = qtest_init("-M pc -m 5G -nodefaults -cpu qemu32");
    g_free(pc_fw_cfg_read_file(s, "etc/e820", &size));
    g_assert_cmpuint(size, ==, 2 * 20);
    qtest_quit(s);
}

/* DMA: select and read a file whole; the same bytes as the data port. */
static void test_dma_read(void)
{
    QTestState *s = qtest_init(ARGS);
    uint32_t size;
    uint16_t key;
    g_autofree uint8_t *ports = pc_fw_cfg_read_file(s, "etc/e820", &size);
    g_autofree uint8_t *dma = g_malloc0(size);

    g_assert_true(pc_fw_cfg_find_file(s, "etc/e820", &key, &size));
    g_assert_cmphex(
        pc_fw_cfg_dma(s, DESC,
                      (uint32_t)key << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
                      size, BUF),
        ==, 0);
    qtest_memread(s, BUF, dma, size);
    g_assert_cmpmem(dma, size, ports, size);
    qtest_quit(s);
}

/* Skip, then read: the offset moves; past the end the buffer is zeroed. */
static void test_dma_skip_and_end(void)
{
    QTestState *s = qtest_init(ARGS);
    uint8_t buf[8];

    qtest_memset(s, BUF, 0xaa, sizeof(buf));
    g_assert_cmphex(
        pc_fw_cfg_dma(s, DESC,
                      FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_SKIP,
                      2, 0),
        ==, 0);
    g_assert_cmphex(pc_fw_cfg_dma(s, DESC, FWCFG_DMA_READ, sizeof(buf), BUF),
                    ==, 0);
    qtest_memread(s, BUF, buf, sizeof(buf));
    g_assert_cmpmem(buf, sizeof(buf), "MU\0\0\0\0\0\0", 8);
    /* The port interface continues where DMA stopped: at the end. */
    g_assert_cmphex(qtest_inb(s, 0x511), ==, 0);
    /* No operation at all: control comes back 0, nothing written. */
    qtest_memset(s, BUF, 0xaa, sizeof(buf));
    g_assert_cmphex(pc_fw_cfg_dma(s, DESC, FWCFG_DMA_SELECT, 8, BUF), ==, 0);
    g_assert_cmphex(qtest_readb(s, BUF), ==, 0xaa);
    qtest_quit(s);
}

/* Items are read-only: a DMA write fails with the error bit. */
static void test_dma_write_refused(void)
{
    QTestState *s = qtest_init(ARGS);
    char sig[5] = "";

    qtest_memwrite(s, BUF, "XXXX", 4);
    g_assert_cmphex(pc_fw_cfg_dma(s, DESC,
                                  FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT |
                                      FWCFG_DMA_WRITE,
                                  4, BUF),
                    ==, FWCFG_DMA_ERROR);
    pc_fw_cfg_select(s, FWCFG_SIGNATURE);
    pc_fw_cfg_read(s, sig, 4);
    g_assert_cmpstr(sig, ==, "QEMU");
    qtest_quit(s);
}

/*
 * A destination that is not RAM (the PCI hole above 256 MiB, or running
 * past the end of RAM): the error bit.
 */
static void test_dma_bad_address(void)
{
    QTestState *s = qtest_init(ARGS);

    g_assert_cmphex(
        pc_fw_cfg_dma(s, DESC,
                      FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
                      4, 0x40000000),
        ==, FWCFG_DMA_ERROR);
    g_assert_cmphex(
        pc_fw_cfg_dma(s, DESC,
                      FWCFG_SIGNATURE << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
                      0x100000, (256 << 20) - 16),
        ==, FWCFG_DMA_ERROR);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/fw_cfg/signature", test_signature);
    qtest_add_func("/fw_cfg/items", test_items);
    qtest_add_func("/fw_cfg/file-dir", test_file_dir);
    qtest_add_func("/fw_cfg/e820", test_e820);
    qtest_add_func("/fw_cfg/e820-above-4g", test_e820_above_4g);
    qtest_add_func("/fw_cfg/dma/read", test_dma_read);
    qtest_add_func("/fw_cfg/dma/skip-and-end", test_dma_skip_and_end);
    qtest_add_func("/fw_cfg/dma/write-refused", test_dma_write_refused);
    qtest_add_func("/fw_cfg/dma/bad-address", test_dma_bad_address);
    return g_test_run();
}
