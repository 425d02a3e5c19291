/*
 * The i440FX host bridge (82441FX PMC, datasheet 290549): the
 * configuration mechanism #1 ports (PCI 3.0 3.2.2.3.2; section 3.1 of the
 * datasheet), and function 00:00.0 (8086:1237) whose Programmable
 * Attribute Map registers (PAM0-PAM6, 0x59-0x5F, datasheet 3.2.18) route
 * reads and writes of each piece of 0xC0000-0xFFFFF to shadow DRAM or to
 * PCI (where the BIOS ROM is): RE (bit 0 of a nibble) sends reads to DRAM,
 * WE (bit 1) writes. SeaBIOS sets them to copy itself into RAM and then
 * write-protects the copy.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "hw/pci-host/i440fx.h"
#include "sysemu/runstate.h"

#define CONFADD_ENABLE (1U << 31)
#define RCR_SRST       0x02 /* system reset (vs. CPU only) */
#define RCR_RCPU       0x04 /* 0 -> 1: reset */

/* PAM */

/* Segment i's register and nibble: PAM0[7:4] is 0xF0000-0xFFFFF. */
static void pam_segment_reg(int i, unsigned *reg, unsigned *shift)
{
    if (i == 0) {
        *reg = I440FX_PAM;
        *shift = 4;
    } else {
        *reg = I440FX_PAM + 1 + (i - 1) / 2;
        *shift = (i - 1) % 2 ? 4 : 0;
    }
}

static void pam_update(I440FXState *d)
{
    for (int i = 0; i < PAM_SEGMENTS; i++) {
        PAMSegment *seg = &d->pam[i];
        unsigned reg, shift;
        uint8_t mode;

        pam_segment_reg(i, &reg, &shift);
        mode = (PCI_DEVICE(d)->config[reg] >> shift) & 3;
        if (mode == seg->mode || !seg->ram.name) {
            continue;
        }
        seg->mode = mode;
        memory_region_set_enabled(&seg->write_ro, mode == 2);
        memory_region_set_enabled(&seg->ram_ro, mode == 1);
        memory_region_set_enabled(&seg->ram, mode == 3);
    }
}

static uint64_t pam_write_only_read(void *opaque, hwaddr addr, unsigned size)
{
    PAMSegment *seg = opaque;
    I440FXHostState *h = I440FX_PCI_HOST(seg->ram.owner);
    uint64_t v = 0;

    /* WE only: reads go to PCI, which decodes the BIOS ROM there. */
    address_space_read(&h->pci_as, seg->start + addr, &v, size);
    return le64toh(v);
}

static void pam_write_only_write(void *opaque, hwaddr addr, uint64_t val,
                                 unsigned size)
{
    PAMSegment *seg = opaque;
    I440FXHostState *h = I440FX_PCI_HOST(seg->ram.owner);
    uint8_t *p =
        (uint8_t *)memory_region_get_ram_ptr(h->ram) + seg->start + addr;

    for (unsigned i = 0; i < size; i++) {
        p[i] = val >> (i * 8);
    }
}

static const MemoryRegionOps pam_write_only_ops = {
    .read = pam_write_only_read,
    .write = pam_write_only_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 8, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 8 },
};

static void pam_init(I440FXHostState *h)
{
    for (int i = 0; i < PAM_SEGMENTS; i++) {
        PAMSegment *seg = &h->dev->pam[i];
        uint64_t size = i == 0 ? 64 * KiB : 16 * KiB;
        g_autofree char *name = NULL;

        seg->start = i == 0 ? 0xf0000 : 0xc0000 + (i - 1) * 16 * KiB;
        if (memory_region_size(h->ram) < seg->start + size) {
            continue; /* no DRAM to shadow into: always PCI */
        }
        name = g_strdup_printf("pam-ram-%" HWADDR_PRIx, seg->start);
        memory_region_init_alias(&seg->ram, OBJECT(h), name, h->ram, seg->start,
                                 size);
        g_free(name);
        name = g_strdup_printf("pam-rom-%" HWADDR_PRIx, seg->start);
        memory_region_init_rom_view(&seg->ram_ro, OBJECT(h), name, h->ram,
                                    seg->start, size);
        g_free(name);
        name = g_strdup_printf("pam-pci-%" HWADDR_PRIx, seg->start);
        memory_region_init_io(&seg->write_ro, OBJECT(h), &pam_write_only_ops,
                              seg, name, size);
        seg->ram.enabled = seg->ram_ro.enabled = seg->write_ro.enabled = false;
        memory_region_add_subregion_overlap(h->system_memory, seg->start,
                                            &seg->ram, 1);
        memory_region_add_subregion_overlap(h->system_memory, seg->start,
                                            &seg->ram_ro, 1);
        memory_region_add_subregion_overlap(h->system_memory, seg->start,
                                            &seg->write_ro, 1);
    }
}

/* Function 00:00.0 */

static void i440fx_config_write(PCIDevice *dev, uint32_t addr, uint32_t val,
                                unsigned len)
{
    if (addr < I440FX_PAM + 7 && addr + len > I440FX_PAM) {
        pam_update(I440FX_PCI_DEVICE(dev));
    }
}

static void i440fx_realize(PCIDevice *dev, GError **errp)
{
    /* PAM0[3:0] is reserved; SMRAM's D_LCK (bit 4) is not modelled. */
    dev->wmask[I440FX_PAM] = 0xf0;
    memset(dev->wmask + I440FX_PAM + 1, 0xff, 6);
    dev->wmask[I440FX_SMRAM] = 0x68;
}

static void i440fx_reset(PCIDevice *dev)
{
    I440FXState *d = I440FX_PCI_DEVICE(dev);
    /* The host, once pam_init() has run (realize resets before). */
    Object *owner = d->pam[0].ram.owner;
    bool ram = owner && I440FX_PCI_HOST(owner)->pam_ram_at_reset;

    /* PAM nibble 3: read/write RAM (i440FX datasheet 3.2.18). */
    memset(dev->config + I440FX_PAM, ram ? 0x33 : 0, 7);
    dev->config[I440FX_PAM] &= 0xf0;  /* PAM0[3:0] is reserved */
    dev->config[I440FX_SMRAM] = 0x02; /* C_BASE_SEG: 0xA0000 */
    for (int i = 0; i < PAM_SEGMENTS; i++) {
        d->pam[i].mode = 0xff; /* force the update */
    }
    pam_update(d);
}

static void i440fx_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "Host bridge";
    pc->vendor_id = 0x8086;
    pc->device_id = 0x1237;
    pc->revision = 0x02;
    pc->class_id = 0x0600; /* host bridge */
    pc->status = 0x0200;   /* DEVSEL# medium */
    pc->realize = i440fx_realize;
    pc->reset = i440fx_reset;
    pc->config_write = i440fx_config_write;
}

/* Configuration mechanism #1 */

/*
 * CONFADD at 0xCF8 takes dword accesses only; a byte at 0xCF9 is the
 * PIIX3's reset control register (82371SB datasheet 4.1.17), which shares
 * the port.
 */
static uint64_t conf_addr_read(void *opaque, hwaddr addr, unsigned size)
{
    I440FXHostState *h = opaque;

    if (addr == 1 && size == 1) {
        return h->rcr;
    }
    return size == 4 ? h->config_reg : (1ULL << (size * 8)) - 1;
}

static void conf_addr_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    I440FXHostState *h = opaque;

    if (addr == 0 && size == 4) {
        h->config_reg = val;
    } else if (addr == 1 && size == 1) {
        if ((val & RCR_RCPU) && !(h->rcr & RCR_RCPU)) {
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
        }
        h->rcr = val & RCR_SRST;
    } else {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "i440fx: %u-byte write to CONFADD+%u ignored\n", size,
                      (unsigned)addr);
    }
}

static const MemoryRegionOps conf_addr_ops = {
    .read = conf_addr_read,
    .write = conf_addr_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* CONFDATA: bus 0 only; with CONFADD's enable bit clear, nothing. */
static bool conf_target(I440FXHostState *h, hwaddr addr, int *devfn,
                        uint32_t *reg)
{
    if (!(h->config_reg & CONFADD_ENABLE) || ((h->config_reg >> 16) & 0xff)) {
        return false;
    }
    *devfn = (h->config_reg >> 8) & 0xff;
    *reg = (h->config_reg & 0xfc) | addr;
    return true;
}

static uint64_t conf_data_read(void *opaque, hwaddr addr, unsigned size)
{
    I440FXHostState *h = opaque;
    int devfn;
    uint32_t reg;

    if (!conf_target(h, addr, &devfn, &reg)) {
        return (1ULL << (size * 8)) - 1;
    }
    return pci_bus_config_read(h->bus, devfn, reg, size);
}

static void conf_data_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    I440FXHostState *h = opaque;
    int devfn;
    uint32_t reg;

    if (conf_target(h, addr, &devfn, &reg)) {
        pci_bus_config_write(h->bus, devfn, reg, val, size);
    }
}

static const MemoryRegionOps conf_data_ops = {
    .read = conf_data_read,
    .write = conf_data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

/* INTx# of slot S pin P goes to PIRQ (S - 1 + P) mod 4, as QEMU wires it. */
static int i440fx_map_irq(PCIDevice *dev, int pin)
{
    return (PCI_SLOT(dev->devfn) + pin - 1) & 3;
}

static void i440fx_host_reset(DeviceState *dev)
{
    I440FXHostState *h = I440FX_PCI_HOST(dev);

    h->config_reg = 0;
    h->rcr = 0;
}

static void i440fx_host_instance_init(Object *obj)
{
    qdev_init_gpio_out_named(DEVICE(obj), I440FX_PCI_HOST(obj)->pirq, "pirq",
                             I440FX_PIRQS);
}

I440FXHostState *i440fx_init(Object *parent, MemoryRegion *system_memory,
                             MemoryRegion *pci_memory, MemoryRegion *ram,
                             GError **errp)
{
    I440FXHostState *h = I440FX_PCI_HOST(object_new(TYPE_I440FX_PCI_HOST));
    PCIDevice *d;

    object_property_add_child(parent, "i440fx", OBJECT(h));
    object_unref(OBJECT(h));
    h->system_memory = system_memory;
    h->pci_memory = pci_memory;
    h->ram = ram;
    if (!qdev_realize(DEVICE(h), errp)) {
        return NULL;
    }
    address_space_init(&h->pci_as, pci_memory, "pci-memory");
    memory_region_init_io(&h->conf_mem, OBJECT(h), &conf_addr_ops, h,
                          "pci-conf-idx", 4);
    /* Above anything a BAR or PMBA may put there: the host claims them. */
    memory_region_add_subregion_overlap(get_system_io(), I440FX_CONF_ADDR,
                                        &h->conf_mem, 2);
    memory_region_init_io(&h->data_mem, OBJECT(h), &conf_data_ops, h,
                          "pci-conf-data", 4);
    memory_region_add_subregion_overlap(get_system_io(), I440FX_CONF_DATA,
                                        &h->data_mem, 2);
    /* The bus drives the host's PIRQ outputs (connected later). */
    h->bus = pci_bus_new(OBJECT(h), "pci.0", pci_memory, get_system_io(),
                         i440fx_map_irq, h->pirq, I440FX_PIRQS);
    d = pci_create_simple(h->bus, PCI_DEVFN(0, 0), TYPE_I440FX_PCI_DEVICE,
                          OBJECT(h), "i440FX", errp);
    if (!d) {
        return NULL;
    }
    h->dev = I440FX_PCI_DEVICE(d);
    pam_init(h);
    return h;
}

static void i440fx_host_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "i440FX PCI host bridge";
    dc->reset = i440fx_host_reset;
}

static const TypeInfo i440fx_types[] = {
    {
        .name = TYPE_I440FX_PCI_HOST,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(I440FXHostState),
        .instance_init = i440fx_host_instance_init,
        .class_init = i440fx_host_class_init,
    },
    {
        .name = TYPE_I440FX_PCI_DEVICE,
        .parent = TYPE_PCI_DEVICE,
        .instance_size = sizeof(I440FXState),
        .class_size = sizeof(PCIDeviceClass),
        .class_init = i440fx_class_init,
    },
};

static void i440fx_register_types(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(i440fx_types); i++) {
        type_register_static(&i440fx_types[i]);
    }
}

type_init(i440fx_register_types)
