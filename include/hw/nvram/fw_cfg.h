/*
 * QEMU's firmware configuration device (fw_cfg; QEMU's
 * docs/specs/fw_cfg.txt): numbered items and a directory of named files
 * the firmware reads through a selector and a data port, or by DMA.
 */
#ifndef HW_NVRAM_FW_CFG_H
#define HW_NVRAM_FW_CFG_H

#include "exec/memory.h"
#include "hw/qdev-core.h"

/* Item numbers (selector values), as QEMU's */
enum {
    FW_CFG_SIGNATURE = 0x00,
    FW_CFG_ID = 0x01,
    FW_CFG_UUID = 0x02,
    FW_CFG_RAM_SIZE = 0x03,
    FW_CFG_NOGRAPHIC = 0x04,
    FW_CFG_NB_CPUS = 0x05,
    FW_CFG_MACHINE_ID = 0x06,
    FW_CFG_KERNEL_ADDR = 0x07,
    FW_CFG_KERNEL_SIZE = 0x08,
    FW_CFG_KERNEL_CMDLINE = 0x09,
    FW_CFG_INITRD_ADDR = 0x0a,
    FW_CFG_INITRD_SIZE = 0x0b,
    FW_CFG_BOOT_DEVICE = 0x0c,
    FW_CFG_NUMA = 0x0d,
    FW_CFG_BOOT_MENU = 0x0e,
    FW_CFG_MAX_CPUS = 0x0f,
    FW_CFG_KERNEL_ENTRY = 0x10,
    FW_CFG_KERNEL_DATA = 0x11,
    FW_CFG_INITRD_DATA = 0x12,
    FW_CFG_CMDLINE_ADDR = 0x13,
    FW_CFG_CMDLINE_SIZE = 0x14,
    FW_CFG_CMDLINE_DATA = 0x15,
    FW_CFG_SETUP_ADDR = 0x16,
    FW_CFG_SETUP_SIZE = 0x17,
    FW_CFG_SETUP_DATA = 0x18,
    FW_CFG_FILE_DIR = 0x19,
    FW_CFG_FILE_FIRST = 0x20,
    FW_CFG_WRITE_CHANNEL = 0x4000, /* deprecated: writes are ignored */
    FW_CFG_ARCH_LOCAL = 0x8000,
    FW_CFG_ENTRY_MASK = 0x3fff,
};

#define FW_CFG_VERSION     0x01 /* FW_CFG_ID: the port interface */
#define FW_CFG_VERSION_DMA 0x02 /* FW_CFG_ID: the DMA interface */

/* FWCfgDmaAccess.control bits */
#define FW_CFG_DMA_CTL_ERROR  0x01
#define FW_CFG_DMA_CTL_READ   0x02
#define FW_CFG_DMA_CTL_SKIP   0x04
#define FW_CFG_DMA_CTL_SELECT 0x08
#define FW_CFG_DMA_CTL_WRITE  0x10
/* What a read of the DMA address register gives: "QEMU CFG". */
#define FW_CFG_DMA_SIGNATURE 0x51454d5520434647ULL

#define FW_CFG_MAX_FILE_PATH 56

#define TYPE_FW_CFG_IO "fw_cfg_io"
#define TYPE_FW_CFG    TYPE_FW_CFG_IO
OBJECT_DECLARE_SIMPLE_TYPE(FWCfgState, FW_CFG)

/* Called when the firmware selects the item, before it reads. */
typedef void FWCfgSelectCb(void *opaque);

typedef struct FWCfgEntry {
    uint8_t *data;
    uint32_t len;
    bool owned; /* data is freed with the entry */
    FWCfgSelectCb *select_cb;
    void *opaque;
} FWCfgEntry;

typedef struct FWCfgFile {
    uint32_t size; /* big-endian in the directory */
    uint16_t select;
    char name[FW_CFG_MAX_FILE_PATH];
} FWCfgFile;

struct FWCfgState {
    DeviceState parent_obj;
    uint32_t iobase, dma_iobase;
    MemoryRegion comb_io, dma_io;
    AddressSpace *dma_as;
    GArray *entries;    /* FWCfgEntry, indexed by item number (no flags) */
    GArray *arch;       /* FWCfgEntry of the FW_CFG_ARCH_LOCAL items */
    GArray *files;      /* FWCfgFile, sorted by name */
    uint16_t cur_entry; /* the selector as written */
    uint32_t cur_offset;
    uint64_t dma_addr; /* the high half written so far */
};

/*
 * The I/O-port device as child "fw_cfg" of parent: selector/data at
 * iobase (0x510), the DMA address register at dma_iobase (0x514) doing DMA
 * in dma_as.
 */
FWCfgState *fw_cfg_init_io_dma(Object *parent, uint32_t iobase,
                               uint32_t dma_iobase, AddressSpace *dma_as,
                               GError **errp);

/* Items: data is copied (the little-endian helpers store integers). */
void fw_cfg_add_bytes(FWCfgState *s, uint16_t key, const void *data,
                      size_t len);
void fw_cfg_add_string(FWCfgState *s, uint16_t key, const char *value);
void fw_cfg_add_i16(FWCfgState *s, uint16_t key, uint16_t value);
void fw_cfg_add_i32(FWCfgState *s, uint16_t key, uint32_t value);
void fw_cfg_add_i64(FWCfgState *s, uint16_t key, uint64_t value);
/* A named file in the directory; data is copied. */
void fw_cfg_add_file(FWCfgState *s, const char *name, const void *data,
                     size_t len);
/*
 * A file whose data stays the caller's (len fixed) and may be refreshed
 * by select_cb when the firmware selects it.
 */
void fw_cfg_add_file_callback(FWCfgState *s, const char *name,
                              FWCfgSelectCb *select_cb, void *opaque,
                              void *data, size_t len);

#endif
