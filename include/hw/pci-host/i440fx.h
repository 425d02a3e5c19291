/*
 * The i440FX host bridge (Intel 82441FX PMC, datasheet 290549): PCI
 * configuration mechanism #1 at 0xCF8/0xCFC, bus 0, and its own function
 * 00:00.0 with the PAM registers that shadow 0xC0000-0xFFFFF.
 */
#ifndef HW_PCI_HOST_I440FX_H
#define HW_PCI_HOST_I440FX_H

#include "hw/pci/pci.h"

#define TYPE_I440FX_PCI_HOST "i440FX-pcihost"
OBJECT_DECLARE_SIMPLE_TYPE(I440FXHostState, I440FX_PCI_HOST)
#define TYPE_I440FX_PCI_DEVICE "i440FX"
OBJECT_DECLARE_SIMPLE_TYPE(I440FXState, I440FX_PCI_DEVICE)

#define I440FX_CONF_ADDR 0xcf8
#define I440FX_CONF_DATA 0xcfc
#define I440FX_PAM       0x59 /* PAM0..PAM6: 0x59..0x5f */
#define I440FX_SMRAM     0x72
#define I440FX_PIRQS     4 /* PIRQA#..PIRQD# */

/* 0xC0000-0xEFFFF in 16 KiB pieces (PAM1..6), then 0xF0000-0xFFFFF. */
#define PAM_SEGMENTS 13

typedef struct PAMSegment {
    MemoryRegion ram;      /* RE|WE: shadow RAM */
    MemoryRegion ram_ro;   /* RE: shadow RAM, writes go to PCI (dropped) */
    MemoryRegion write_ro; /* WE: reads from PCI, writes to RAM */
    hwaddr start;
    uint8_t mode; /* the PAM nibble's RE (bit 0) and WE (bit 1) */
} PAMSegment;

struct I440FXState {
    PCIDevice parent_obj;
    PAMSegment pam[PAM_SEGMENTS];
};

struct I440FXHostState {
    DeviceState parent_obj;
    uint32_t config_reg; /* CONFADD */
    uint8_t rcr;         /* the PIIX3's reset control register, 0xCF9 */
    MemoryRegion conf_mem, data_mem;
    /* Set by i440fx_init() */
    MemoryRegion *system_memory, *pci_memory, *ram;
    AddressSpace pci_as; /* what PAM's "PCI" side reads */
    PCIBus *bus;
    I440FXState *dev;
    qemu_irq pirq[I440FX_PIRQS]; /* outputs "pirq" */
    /*
     * Set by the board when no firmware runs (-bios none): reset leaves
     * 0xC0000-0xFFFFF as read/write RAM, as a BIOS would have before
     * starting a kernel, instead of PCI (whose reads miss: a kernel's
     * scan of the BIOS area would be 256 Ki exits).
     */
    bool pam_ram_at_reset;
};

/*
 * The host bridge as child "i440fx" of parent: PCI memory (pci_memory, a
 * container the caller has placed under system memory) and system I/O,
 * PAM shadowing of ram (mapped from 0) in system_memory.
 */
I440FXHostState *i440fx_init(Object *parent, MemoryRegion *system_memory,
                             MemoryRegion *pci_memory, MemoryRegion *ram,
                             GError **errp);

#endif
