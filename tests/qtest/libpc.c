/*
 * Helpers for the pc machine's qtests (see libpc.h).
 */
#include "libpc.h"
#include <string.h>

#define PCI_ADDR     0xcf8
#define PCI_DATA     0xcfc
#define FWCFG_CTL    0x510
#define FWCFG_DATA   0x511
#define FWCFG_DMA_HI 0x514
#define FWCFG_DMA_LO 0x518

uint32_t pc_pci_readl(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    return qtest_inl(s, PCI_DATA);
}

uint16_t pc_pci_readw(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    return qtest_inw(s, PCI_DATA + (reg & 2));
}

uint8_t pc_pci_readb(QTestState *s, int devfn, int reg)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    return qtest_inb(s, PCI_DATA + (reg & 3));
}

void pc_pci_writel(QTestState *s, int devfn, int reg, uint32_t v)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    qtest_outl(s, PCI_DATA, v);
}

void pc_pci_writew(QTestState *s, int devfn, int reg, uint16_t v)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    qtest_outw(s, PCI_DATA + (reg & 2), v);
}

void pc_pci_writeb(QTestState *s, int devfn, int reg, uint8_t v)
{
    qtest_outl(s, PCI_ADDR, PCI_CFG(0, devfn, reg));
    qtest_outb(s, PCI_DATA + (reg & 3), v);
}

void pc_fw_cfg_select(QTestState *s, uint16_t key)
{
    qtest_outw(s, FWCFG_CTL, key);
}

void pc_fw_cfg_read(QTestState *s, void *buf, size_t len)
{
    uint8_t *p = buf;

    for (size_t i = 0; i < len; i++) {
        p[i] = qtest_inb(s, FWCFG_DATA);
    }
}

uint64_t pc_fw_cfg_get_le(QTestState *s, uint16_t key, unsigned size)
{
    uint8_t b[8];
    uint64_t v = 0;

    pc_fw_cfg_select(s, key);
    pc_fw_cfg_read(s, b, size);
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)b[i] << (i * 8);
    }
    return v;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

bool pc_fw_cfg_find_file(QTestState *s, const char *name, uint16_t *key,
                         uint32_t *size)
{
    uint8_t n[4], e[64];
    uint32_t count;

    pc_fw_cfg_select(s, FWCFG_FILE_DIR);
    pc_fw_cfg_read(s, n, 4);
    count = be32(n);
    for (uint32_t i = 0; i < count; i++) {
        pc_fw_cfg_read(s, e, sizeof(e));
        if (!strncmp((char *)e + 8, name, 56)) {
            *size = be32(e);
            *key = e[4] << 8 | e[5];
            return true;
        }
    }
    return false;
}

uint8_t *pc_fw_cfg_read_file(QTestState *s, const char *name, uint32_t *size)
{
    uint16_t key;
    uint8_t *buf;

    if (!pc_fw_cfg_find_file(s, name, &key, size)) {
        return NULL;
    }
    buf = g_malloc0(*size + 1);
    if (*size <= 64) {
        pc_fw_cfg_select(s, key);
        pc_fw_cfg_read(s, buf, *size);
        return buf;
    }
    /* Bigger ones by DMA into guest RAM (1 MiB up), then out by qtest. */
    g_assert_cmphex(
        pc_fw_cfg_dma(s, 0x1000,
                      (uint32_t)key << 16 | FWCFG_DMA_SELECT | FWCFG_DMA_READ,
                      *size, 0x100000),
        ==, 0);
    qtest_memread(s, 0x100000, buf, *size);
    return buf;
}

uint32_t pc_fw_cfg_dma(QTestState *s, uint64_t access_addr, uint32_t control,
                       uint32_t length, uint64_t address)
{
    uint8_t a[16];

    for (int i = 0; i < 4; i++) {
        a[i] = control >> (24 - 8 * i);
        a[4 + i] = length >> (24 - 8 * i);
    }
    for (int i = 0; i < 8; i++) {
        a[8 + i] = address >> (56 - 8 * i);
    }
    qtest_memwrite(s, access_addr, a, sizeof(a));
    /* The register is big-endian: its bytes in order, through OUTL. */
    qtest_outl(s, FWCFG_DMA_HI,
               GUINT32_SWAP_LE_BE((uint32_t)(access_addr >> 32)));
    qtest_outl(s, FWCFG_DMA_LO, GUINT32_SWAP_LE_BE((uint32_t)access_addr));
    qtest_memread(s, access_addr, a, 4);
    return be32(a);
}
