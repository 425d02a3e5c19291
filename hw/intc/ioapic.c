/*
 * The pc machine's GSIs as the inputs of a device named "ioapic", as in
 * QEMU, so qtest's `irq_intercept_in ioapic` sees the ISA devices' lines
 * (GSI n is ISA IRQ n for n < 16; 82093AA datasheet, 3.2).
 *
 * The interrupt controllers themselves are KVM's: under -accel kvm each
 * level change goes to the in-kernel PIC and IOAPIC by GSI
 * (kvm_set_irq(), the routes of x86_kvm_vm_init()). Without an in-kernel
 * irqchip (qtest) nothing runs that could take an interrupt, so the
 * levels are only kept.
 */
#include "qemu/osdep.h"
#include "hw/intc/ioapic.h"
#include "sysemu/kvm.h"

OBJECT_DECLARE_SIMPLE_TYPE(IOAPICState, IOAPIC)

struct IOAPICState {
    DeviceState parent_obj;
    uint32_t level; /* one bit per GSI */
};

static void ioapic_set_irq(void *opaque, int gsi, int level)
{
    IOAPICState *s = opaque;
    uint32_t bit = 1u << gsi;

    if (!!(s->level & bit) == !!level) {
        return;
    }
    s->level ^= bit;
    if (kvm_irqchip_in_kernel()) {
        kvm_set_irq(gsi, !!level);
    }
}

static void ioapic_init(Object *obj)
{
    qdev_init_gpio_in(DEVICE(obj), ioapic_set_irq, IOAPIC_NUM_PINS);
}

static void ioapic_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->desc = "the PC's GSIs (KVM's PIC and IOAPIC)";
}

static const TypeInfo ioapic_info = {
    .name = TYPE_IOAPIC,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(IOAPICState),
    .instance_init = ioapic_init,
    .class_init = ioapic_class_init,
};

static void ioapic_register_types(void)
{
    type_register_static(&ioapic_info);
}

type_init(ioapic_register_types)
