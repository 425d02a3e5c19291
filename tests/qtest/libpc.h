/*
 * Helpers for the x86_64 pc machine's qtests: PCI configuration
 * mechanism #1 and fw_cfg through the I/O ports and by DMA.
 */
#ifndef TESTS_QTEST_LIBPC_H
#define TESTS_QTEST_LIBPC_H

#include "libqtest.h"

#define PCI_CFG(bus, devfn, reg) \
    (0x80000000U | ((bus) << 16) | ((devfn) << 8) | ((reg)&0xfc))
#define DEVFN(slot, fn) (((slot) << 3) | (fn))

uint32_t pc_pci_readl(QTestState *s, int devfn, int reg);
uint16_t pc_pci_readw(QTestState *s, int devfn, int reg);
uint8_t pc_pci_readb(QTestState *s, int devfn, int reg);
void pc_pci_writel(QTestState *s, int devfn, int reg, uint32_t v);
void pc_pci_writew(QTestState *s, int devfn, int reg, uint16_t v);
void pc_pci_writeb(QTestState *s, int devfn, int reg, uint8_t v);

/* fw_cfg */
#define FWCFG_SIGNATURE   0x00
#define FWCFG_ID          0x01
#define FWCFG_RAM_SIZE    0x03
#define FWCFG_NB_CPUS     0x05
#define FWCFG_BOOT_DEVICE 0x0c
#define FWCFG_MAX_CPUS    0x0f
#define FWCFG_FILE_DIR    0x19
#define FWCFG_DMA_ERROR   0x01
#define FWCFG_DMA_READ    0x02
#define FWCFG_DMA_SKIP    0x04
#define FWCFG_DMA_SELECT  0x08
#define FWCFG_DMA_WRITE   0x10

void pc_fw_cfg_select(QTestState *s, uint16_t key);
void pc_fw_cfg_read(QTestState *s, void *buf, size_t len);
uint64_t pc_fw_cfg_get_le(QTestState *s, uint16_t key, unsigned size);
/* A file's select key and size; false if the directory lacks it. */
bool pc_fw_cfg_find_file(QTestState *s, const char *name, uint16_t *key,
                         uint32_t *size);
/* A whole file (g_free it), or NULL. */
uint8_t *pc_fw_cfg_read_file(QTestState *s, const char *name, uint32_t *size);
/*
 * DMA: writes the access structure at access_addr in guest memory, starts
 * it and returns the control word it left there.
 */
uint32_t pc_fw_cfg_dma(QTestState *s, uint64_t access_addr, uint32_t control,
                       uint32_t length, uint64_t address);

#endif
