/*
 * Conventional PCI (PCI Local Bus Specification 3.0): a bus of up to 256
 * functions, each with a 256-byte type 0 configuration header (6.1) whose
 * read-only, writable and write-1-to-clear bits are masks, Base Address
 * Registers mapped into the bus's memory or I/O space while the command
 * register enables that decoding (6.2.5.1), and INTx# pins swizzled onto
 * the host's interrupt lines.
 */
#ifndef HW_PCI_PCI_H
#define HW_PCI_PCI_H

#include "exec/memory.h"
#include "qemu/bswap.h"
#include "hw/qdev-core.h"

/* Type 0 header offsets (PCI 3.0 6.1) */
#define PCI_VENDOR_ID           0x00
#define PCI_DEVICE_ID           0x02
#define PCI_COMMAND             0x04
#define PCI_STATUS              0x06
#define PCI_REVISION_ID         0x08
#define PCI_CLASS_PROG          0x09
#define PCI_CLASS_DEVICE        0x0a
#define PCI_CACHE_LINE_SIZE     0x0c
#define PCI_LATENCY_TIMER       0x0d
#define PCI_HEADER_TYPE         0x0e
#define PCI_BASE_ADDRESS_0      0x10
#define PCI_SUBSYSTEM_VENDOR_ID 0x2c
#define PCI_SUBSYSTEM_ID        0x2e
#define PCI_ROM_ADDRESS         0x30
#define PCI_INTERRUPT_LINE      0x3c
#define PCI_INTERRUPT_PIN       0x3d
#define PCI_CONFIG_SIZE         256

#define PCI_COMMAND_IO            0x0001
#define PCI_COMMAND_MEMORY        0x0002
#define PCI_COMMAND_MASTER        0x0004
#define PCI_COMMAND_PARITY        0x0040
#define PCI_COMMAND_SERR          0x0100
#define PCI_COMMAND_INTX_DISABLE  0x0400
#define PCI_STATUS_INTERRUPT      0x0008
#define PCI_HEADER_TYPE_MULTI     0x80
#define PCI_BASE_ADDRESS_SPACE_IO 0x01
#define PCI_BASE_ADDRESS_MEM_64   0x04
#define PCI_NUM_BARS              6
#define PCI_NUM_PINS              4 /* INTA#..INTD# */

#define PCI_DEVFN(slot, fn) ((((slot)&0x1f) << 3) | ((fn)&7))
#define PCI_SLOT(devfn)     (((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)     ((devfn)&7)

#define TYPE_PCI_BUS "PCI"
OBJECT_DECLARE_SIMPLE_TYPE(PCIBus, PCI_BUS)
#define TYPE_PCI_DEVICE "pci-device"
OBJECT_DECLARE_TYPE(PCIDevice, PCIDeviceClass, PCI_DEVICE)

/* Which of the host's interrupt lines a function's pin (0 = INTA#) drives. */
typedef int (*PCIMapIRQFn)(PCIDevice *dev, int pin);

struct PCIBus {
    Object parent_obj;
    MemoryRegion *mem; /* where memory BARs are mapped */
    MemoryRegion *io;  /* where I/O BARs are mapped */
    PCIDevice *devices[256];
    /* The host's interrupt lines; each is the OR of the pins mapped to it. */
    qemu_irq *irqs;
    int *irq_count;
    int nirq;
    PCIMapIRQFn map_irq;
};

typedef struct PCIBAR {
    MemoryRegion *mr; /* NULL: not implemented */
    uint8_t type;     /* PCI_BASE_ADDRESS_SPACE_IO or memory flags */
    uint64_t mapped;  /* address it is mapped at, or PCI_BAR_UNMAPPED */
} PCIBAR;
#define PCI_BAR_UNMAPPED UINT64_MAX

struct PCIDevice {
    DeviceState parent_obj;
    PCIBus *bus;
    char *addr; /* property "addr": "SLOT[.FN]" in hex, or NULL for any */
    int devfn;
    uint8_t config[PCI_CONFIG_SIZE];
    uint8_t wmask[PCI_CONFIG_SIZE];   /* bits software may write */
    uint8_t w1cmask[PCI_CONFIG_SIZE]; /* bits a 1 clears */
    PCIBAR bars[PCI_NUM_BARS];
    bool intx_level; /* the device's INTx# before INTX_DISABLE */
    bool intx_out;   /* what the bus sees */
};

struct PCIDeviceClass {
    DeviceClass parent_class;
    uint16_t vendor_id;
    uint16_t device_id;
    uint8_t revision;
    uint16_t class_id; /* base class << 8 | subclass */
    uint8_t header_type;
    uint16_t status;       /* at reset: the device's DEVSEL timing etc. */
    uint8_t interrupt_pin; /* 0: none, 1 = INTA# .. 4 */
    /* Set up BARs and the masks of device-specific registers. */
    void (*realize)(PCIDevice *dev, GError **errp);
    /* After the common part of a reset (command, BARs, interrupt line). */
    void (*reset)(PCIDevice *dev);
    /* After a write has been applied to config[] through the masks. */
    void (*config_write)(PCIDevice *dev, uint32_t addr, uint32_t val,
                         unsigned len);
    /* Optional: a register whose read value is computed. */
    uint32_t (*config_read)(PCIDevice *dev, uint32_t addr, unsigned len);
};

/* A bus mapping BARs into mem and io, with nirq interrupt lines. */
PCIBus *pci_bus_new(Object *parent, const char *name, MemoryRegion *mem,
                    MemoryRegion *io, PCIMapIRQFn map_irq, qemu_irq *irqs,
                    int nirq);
/*
 * Configuration access to bus 0's function devfn at offset addr (len 1, 2
 * or 4, naturally aligned); an absent function reads all ones.
 */
uint32_t pci_bus_config_read(PCIBus *bus, int devfn, uint32_t addr,
                             unsigned len);
void pci_bus_config_write(PCIBus *bus, int devfn, uint32_t addr, uint32_t val,
                          unsigned len);

/*
 * Create, plug and realize a function of type typename at devfn (-1: the
 * first free slot) as child name of parent.
 */
PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *typename,
                             Object *parent, const char *name, GError **errp);

/* For realize: BAR n decodes mr (a power of two, at least 16 or 4 bytes). */
void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr);
/* The device's INTx# pin (the one in its class) goes to level. */
void pci_set_irq(PCIDevice *dev, int level);

/* Configuration space is little-endian. */
static inline void pci_set_word(uint8_t *p, uint16_t v)
{
    stw_le_p(p, v);
}

static inline void pci_set_long(uint8_t *p, uint32_t v)
{
    stl_le_p(p, v);
}

static inline uint16_t pci_get_word(const uint8_t *p)
{
    return lduw_le_p(p);
}

static inline uint32_t pci_get_long(const uint8_t *p)
{
    return ldl_le_p(p);
}

#endif
