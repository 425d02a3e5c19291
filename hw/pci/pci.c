/*
 * Conventional PCI: the bus (functions by devfn, configuration access,
 * interrupt lines) and what every function has in common (the type 0
 * header's masks, BAR decoding, INTx#). See include/hw/pci/pci.h.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "hw/pci/pci.h"

/* The bus */

PCIBus *pci_bus_new(Object *parent, const char *name, MemoryRegion *mem,
                    MemoryRegion *io, PCIMapIRQFn map_irq, qemu_irq *irqs,
                    int nirq)
{
    PCIBus *bus = PCI_BUS(object_new(TYPE_PCI_BUS));

    object_property_add_child(parent, name, OBJECT(bus));
    object_unref(OBJECT(bus));
    bus->mem = mem;
    bus->io = io;
    bus->map_irq = map_irq;
    bus->irqs = irqs;
    bus->nirq = nirq;
    bus->irq_count = g_new0(int, nirq);
    return bus;
}

static bool config_access_ok(uint32_t addr, unsigned len)
{
    return (len == 1 || len == 2 || len == 4) && addr % len == 0 &&
           addr + len <= PCI_CONFIG_SIZE;
}

uint32_t pci_bus_config_read(PCIBus *bus, int devfn, uint32_t addr,
                             unsigned len)
{
    PCIDevice *d = devfn >= 0 && devfn < 256 ? bus->devices[devfn] : NULL;
    PCIDeviceClass *pc;
    uint32_t v = 0;

    if (!config_access_ok(addr, len)) {
        return UINT32_MAX;
    }
    if (!d) {
        return len == 4 ? UINT32_MAX : (1U << (len * 8)) - 1;
    }
    pc = PCI_DEVICE_GET_CLASS(d);
    if (pc->config_read) {
        return pc->config_read(d, addr, len);
    }
    for (unsigned i = 0; i < len; i++) {
        v |= (uint32_t)d->config[addr + i] << (i * 8);
    }
    return v;
}

/* Map or unmap BARs after a write to the command register or a BAR. */
static void pci_update_mappings(PCIDevice *d)
{
    uint16_t cmd = pci_get_word(d->config + PCI_COMMAND);

    for (int i = 0; i < PCI_NUM_BARS; i++) {
        PCIBAR *b = &d->bars[i];
        bool io;
        uint64_t size, addr = PCI_BAR_UNMAPPED;
        MemoryRegion *space;

        if (!b->mr) {
            continue;
        }
        io = b->type & PCI_BASE_ADDRESS_SPACE_IO;
        space = io ? d->bus->io : d->bus->mem;
        size = memory_region_size(b->mr);
        if (cmd & (io ? PCI_COMMAND_IO : PCI_COMMAND_MEMORY)) {
            uint64_t base =
                pci_get_long(d->config + PCI_BASE_ADDRESS_0 + 4 * i) &
                ~(size - 1);
            uint64_t limit = io ? 0x10000 : 1ULL << 32;

            /* 0 is "not programmed"; a BAR past the space decodes nothing. */
            if (base != 0 && base + size <= limit) {
                addr = base;
            }
        }
        if (addr == b->mapped) {
            continue;
        }
        if (b->mapped != PCI_BAR_UNMAPPED) {
            memory_region_del_subregion(space, b->mr);
        }
        if (addr != PCI_BAR_UNMAPPED) {
            memory_region_add_subregion_overlap(space, addr, b->mr, 1);
        }
        b->mapped = addr;
    }
}

/* What the bus sees of INTx#: the level unless INTX_DISABLE (6.2.2). */
static void pci_update_irq(PCIDevice *d)
{
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    bool out = d->intx_level && !(pci_get_word(d->config + PCI_COMMAND) &
                                  PCI_COMMAND_INTX_DISABLE);
    PCIBus *bus = d->bus;
    int line;

    if (d->intx_level) {
        d->config[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
    } else {
        d->config[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
    }
    if (out == d->intx_out || !pc->interrupt_pin || !bus->map_irq) {
        d->intx_out = out;
        return;
    }
    d->intx_out = out;
    line = bus->map_irq(d, pc->interrupt_pin - 1);
    g_assert(line >= 0 && line < bus->nirq);
    bus->irq_count[line] += out ? 1 : -1;
    qemu_set_irq(bus->irqs[line], bus->irq_count[line] != 0);
}

static bool ranges_overlap(uint32_t a, unsigned alen, uint32_t b, unsigned blen)
{
    return a < b + blen && b < a + alen;
}

void pci_bus_config_write(PCIBus *bus, int devfn, uint32_t addr, uint32_t val,
                          unsigned len)
{
    PCIDevice *d = devfn >= 0 && devfn < 256 ? bus->devices[devfn] : NULL;
    PCIDeviceClass *pc;

    if (!d || !config_access_ok(addr, len)) {
        return; /* an absent function ignores writes */
    }
    pc = PCI_DEVICE_GET_CLASS(d);
    for (unsigned i = 0; i < len; i++) {
        uint8_t b = val >> (i * 8);
        uint8_t *c = &d->config[addr + i];

        *c = (*c & ~d->wmask[addr + i]) | (b & d->wmask[addr + i]);
        *c &= ~(b & d->w1cmask[addr + i]);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2) ||
        ranges_overlap(addr, len, PCI_BASE_ADDRESS_0, 4 * PCI_NUM_BARS)) {
        pci_update_mappings(d);
    }
    if (ranges_overlap(addr, len, PCI_COMMAND, 2)) {
        pci_update_irq(d);
    }
    if (pc->config_write) {
        pc->config_write(d, addr, val, len);
    }
}

static const TypeInfo pci_bus_info = {
    .name = TYPE_PCI_BUS,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(PCIBus),
};

/* Functions */

void pci_register_bar(PCIDevice *dev, int n, uint8_t type, MemoryRegion *mr)
{
    uint64_t size = memory_region_size(mr);
    uint32_t mask;

    g_assert(n >= 0 && n < PCI_NUM_BARS && !dev->bars[n].mr);
    g_assert(size && !(size & (size - 1)) && size <= 1ULL << 31);
    dev->bars[n].mr = mr;
    dev->bars[n].type = type;
    dev->bars[n].mapped = PCI_BAR_UNMAPPED;
    /* The address bits below the size read back as 0 (6.2.5.1). */
    mask =
        ~(uint32_t)(size - 1) & (type & PCI_BASE_ADDRESS_SPACE_IO ? ~3U : ~15U);
    pci_set_long(dev->wmask + PCI_BASE_ADDRESS_0 + 4 * n, mask);
    pci_set_long(dev->config + PCI_BASE_ADDRESS_0 + 4 * n, type);
}

void pci_set_irq(PCIDevice *dev, int level)
{
    dev->intx_level = level != 0;
    pci_update_irq(dev);
}

/* "SLOT" or "SLOT.FN" in hex, as QEMU's addr property. */
static bool parse_devfn(const char *s, int *devfn)
{
    char *end;
    unsigned long slot = strtoul(s, &end, 16), fn = 0;

    if (end == s || slot > 31) {
        return false;
    }
    if (*end == '.') {
        const char *f = end + 1;

        fn = strtoul(f, &end, 16);
        if (end == f || fn > 7) {
            return false;
        }
    }
    if (*end) {
        return false;
    }
    *devfn = PCI_DEVFN(slot, fn);
    return true;
}

static void pci_qdev_realize(DeviceState *qdev, GError **errp)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);
    bool ambiguous = false;
    int devfn = d->devfn;

    if (!d->bus) {
        /* -device: the machine's one PCI bus. */
        Object *b = object_resolve_path_type("pci.0", TYPE_PCI_BUS, &ambiguous);

        if (!b) {
            error_setg(errp, "No 'PCI' bus found for device '%s'",
                       object_get_typename(OBJECT(d)));
            return;
        }
        d->bus = PCI_BUS(b);
    }
    if (d->addr && !parse_devfn(d->addr, &devfn)) {
        error_setg(errp,
                   "Property '%s.addr' doesn't take value '%s' (expected "
                   "SLOT[.FUNCTION] in hex)",
                   object_get_typename(OBJECT(d)), d->addr);
        return;
    }
    if (devfn < 0) {
        for (devfn = 0; devfn < 256 && d->bus->devices[devfn]; devfn += 8) {
        }
        if (devfn >= 256) {
            error_setg(errp,
                       "PCI: no slot/function available for %s, all "
                       "in use",
                       object_get_typename(OBJECT(d)));
            return;
        }
    } else if (d->bus->devices[devfn]) {
        error_setg(errp,
                   "PCI: slot %d function %d not available for %s, in use "
                   "by %s",
                   PCI_SLOT(devfn), PCI_FUNC(devfn),
                   object_get_typename(OBJECT(d)),
                   object_get_typename(OBJECT(d->bus->devices[devfn])));
        return;
    }
    d->devfn = devfn;
    pci_set_word(d->config + PCI_VENDOR_ID, pc->vendor_id);
    pci_set_word(d->config + PCI_DEVICE_ID, pc->device_id);
    d->config[PCI_REVISION_ID] = pc->revision;
    pci_set_word(d->config + PCI_CLASS_DEVICE, pc->class_id);
    d->config[PCI_HEADER_TYPE] = pc->header_type;
    d->config[PCI_INTERRUPT_PIN] = pc->interrupt_pin;
    pci_set_word(d->wmask + PCI_COMMAND,
                 PCI_COMMAND_IO | PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER |
                     PCI_COMMAND_PARITY | PCI_COMMAND_SERR |
                     PCI_COMMAND_INTX_DISABLE);
    /* Status: error bits 15:11 and 8 are write-1-to-clear. */
    d->w1cmask[PCI_STATUS + 1] = 0xf9;
    d->wmask[PCI_CACHE_LINE_SIZE] = 0xff;
    d->wmask[PCI_LATENCY_TIMER] = 0xff;
    d->wmask[PCI_INTERRUPT_LINE] = 0xff;
    if (pc->realize) {
        GError *err = NULL;

        pc->realize(d, &err);
        if (err) {
            g_propagate_error(errp, err);
            return;
        }
    }
    d->bus->devices[devfn] = d;
}

static void pci_qdev_reset(DeviceState *qdev)
{
    PCIDevice *d = PCI_DEVICE(qdev);
    PCIDeviceClass *pc = PCI_DEVICE_GET_CLASS(d);

    if (!d->bus || d->bus->devices[d->devfn] != d) {
        return;
    }
    pci_set_word(d->config + PCI_COMMAND, 0);
    pci_set_word(d->config + PCI_STATUS, pc->status);
    d->config[PCI_CACHE_LINE_SIZE] = 0;
    d->config[PCI_LATENCY_TIMER] = 0;
    d->config[PCI_INTERRUPT_LINE] = 0;
    for (int i = 0; i < PCI_NUM_BARS; i++) {
        if (d->bars[i].mr) {
            pci_set_long(d->config + PCI_BASE_ADDRESS_0 + 4 * i,
                         d->bars[i].type);
        }
    }
    pci_update_mappings(d);
    d->intx_level = false;
    pci_update_irq(d);
    if (pc->reset) {
        pc->reset(d);
    }
}

PCIDevice *pci_create_simple(PCIBus *bus, int devfn, const char *typename,
                             Object *parent, const char *name, GError **errp)
{
    PCIDevice *d = PCI_DEVICE(object_new(typename));

    d->bus = bus;
    d->devfn = devfn;
    object_property_add_child(parent, name, OBJECT(d));
    object_unref(OBJECT(d));
    if (!qdev_realize(DEVICE(d), errp)) {
        object_unparent(OBJECT(d));
        return NULL;
    }
    return d;
}

static void pci_device_instance_init(Object *obj)
{
    PCI_DEVICE(obj)->devfn = -1;
}

static const Property pci_device_props[] = {
    DEFINE_PROP_STRING("addr", PCIDevice, addr),
    DEFINE_PROP_END_OF_LIST(),
};

static void pci_device_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->bus_type = TYPE_PCI_BUS;
    dc->realize = pci_qdev_realize;
    dc->reset = pci_qdev_reset;
    device_class_set_props(dc, pci_device_props);
}

static const TypeInfo pci_device_info = {
    .name = TYPE_PCI_DEVICE,
    .parent = TYPE_DEVICE,
    .abstract = true,
    .instance_size = sizeof(PCIDevice),
    .instance_init = pci_device_instance_init,
    .class_size = sizeof(PCIDeviceClass),
    .class_init = pci_device_class_init,
};

static void pci_register_types(void)
{
    type_register_static(&pci_bus_info);
    type_register_static(&pci_device_info);
}

type_init(pci_register_types)
