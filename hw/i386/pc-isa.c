/*
 * The pc machine's ISA side: the GSIs (inputs of the "ioapic" device,
 * which forwards them to KVM's PIC and IOAPIC), the ISA bus whose IRQ n
 * is GSI n, and the PC's devices on it at QEMU's ports: COM1-COM4 for
 * -serial, the RTC/CMOS (filled by pc-cmos.c), port 0x92 and the 8042.
 * Each is /machine/unattached/NAME.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/char/serial.h"
#include "hw/i386/pc.h"
#include "hw/intc/ioapic.h"
#include "hw/isa/isa.h"
#include "hw/rtc/mc146818rtc.h"
#include "sysemu/vl.h"

#define PC_ISA_SERIAL_PORTS 4

/* A new device at /machine/unattached/NAME, to set up and realize. */
static DeviceState *pc_isa_device(MachineState *ms, const char *type,
                                  const char *name)
{
    DeviceState *dev = DEVICE(object_new(type));

    object_property_add_child(container_get(OBJECT(ms), "unattached"), name,
                              OBJECT(dev));
    object_unref(OBJECT(dev));
    return dev;
}

static bool pc_init_gsi(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    DeviceState *ioapic = DEVICE(object_new(TYPE_IOAPIC));
    qemu_irq irqs[ISA_NUM_IRQS];

    object_property_add_child(OBJECT(ms), "ioapic", OBJECT(ioapic));
    object_unref(OBJECT(ioapic));
    if (!qdev_realize(ioapic, errp)) {
        return false;
    }
    for (unsigned i = 0; i < ISA_NUM_IRQS; i++) {
        irqs[i] = qdev_get_gpio_in(ioapic, i);
    }
    pcms->isa_bus = isa_bus_new(OBJECT(ms));
    isa_bus_irqs(pcms->isa_bus, irqs);
    return true;
}

/*
 * COM1-COM4 for -serial (QEMU's serial_hds_isa_init): a port for each
 * serial chardev; COM1 also without one unless -nodefaults (QEMU's default
 * serial0 is a "vc", which without a display goes nowhere).
 */
static bool pc_init_serial(MachineState *ms, GError **errp)
{
    for (int i = 0; i < PC_ISA_SERIAL_PORTS; i++) {
        Chardev *chr = serial_hd(i);
        g_autofree char *name = g_strdup_printf("serial[%d]", i);
        g_autofree char *index = g_strdup_printf("%d", i);
        DeviceState *dev;

        if (!chr && (i > 0 || ms->nodefaults)) {
            continue;
        }
        dev = pc_isa_device(ms, TYPE_ISA_SERIAL, name);
        if ((chr && !object_property_parse(OBJECT(dev), "chardev", chr->label,
                                           errp)) ||
            !object_property_parse(OBJECT(dev), "index", index, errp) ||
            !qdev_realize(dev, errp)) {
            return false;
        }
    }
    return true;
}

bool pc_isa_init(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    DeviceState *rtc;

    if (!pc_init_gsi(pcms, ms, errp)) {
        return false;
    }
    rtc = pc_isa_device(ms, TYPE_MC146818_RTC, "rtc");
    return qdev_realize(rtc, errp) && pc_cmos_init(pcms, ms, rtc, errp) &&
           qdev_realize(pc_isa_device(ms, "port92", "port92"), errp) &&
           qdev_realize(pc_isa_device(ms, "i8042", "i8042"), errp) &&
           pc_init_serial(ms, errp);
}
