/*
 * The PIIX3 PCI-to-ISA bridge, function 00:01.0 (8086:7000; 82371SB
 * datasheet 290550, 2.2): a multi-function device's function 0, whose
 * PIRQ route control registers PIRQRC[A:D] (0x60-0x63, 2.2.11) steer the
 * PCI interrupt lines PIRQA#..PIRQD# to ISA IRQs.
 *
 * Inputs "pirq" (4): the PCI lines. Outputs "isa-irq" (16): the ISA IRQs,
 * each the OR of the PIRQs routed to it.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/pci/pci.h"

#define TYPE_PIIX3 "PIIX3"
OBJECT_DECLARE_SIMPLE_TYPE(PIIX3State, PIIX3)

#define PIIX_PIRQRC      0x60
#define PIRQRC_IRQROUTEN 0x80 /* 1: routing disabled */
#define PIIX_NUM_PIRQS   4
#define ISA_NUM_IRQS     16

/* IRQs a PIRQ may be steered to (2.2.11: 3-7, 9-12, 14, 15). */
#define PIRQ_ROUTABLE 0xdef8

struct PIIX3State {
    PCIDevice parent_obj;
    bool pirq_level[PIIX_NUM_PIRQS];
    uint16_t isa_level; /* what the outputs carry, one bit per IRQ */
    qemu_irq isa_irq[ISA_NUM_IRQS];
};

static int pirq_target(PIIX3State *s, int pirq)
{
    uint8_t r = PCI_DEVICE(s)->config[PIIX_PIRQRC + pirq];

    if ((r & PIRQRC_IRQROUTEN) || !(PIRQ_ROUTABLE & (1 << (r & 0xf)))) {
        return -1;
    }
    return r & 0xf;
}

static void piix3_update_irqs(PIIX3State *s)
{
    uint16_t level = 0;

    for (int p = 0; p < PIIX_NUM_PIRQS; p++) {
        int irq = pirq_target(s, p);

        if (irq >= 0 && s->pirq_level[p]) {
            level |= 1 << irq;
        }
    }
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        if ((level ^ s->isa_level) & (1 << i)) {
            qemu_set_irq(s->isa_irq[i], (level >> i) & 1);
        }
    }
    s->isa_level = level;
}

static void piix3_set_pirq(void *opaque, int n, int level)
{
    PIIX3State *s = opaque;

    s->pirq_level[n] = level != 0;
    piix3_update_irqs(s);
}

static void piix3_config_write(PCIDevice *dev, uint32_t addr, uint32_t val,
                               unsigned len)
{
    PIIX3State *s = PIIX3(dev);

    if (addr >= PIIX_PIRQRC + PIIX_NUM_PIRQS || addr + len <= PIIX_PIRQRC) {
        return;
    }
    for (int p = 0; p < PIIX_NUM_PIRQS; p++) {
        uint8_t r = dev->config[PIIX_PIRQRC + p];

        if (!(r & PIRQRC_IRQROUTEN) && pirq_target(s, p) < 0) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "PIIX3: PIRQ%c routed to reserved IRQ %d: not "
                          "routed\n",
                          'A' + p, r & 0xf);
        }
    }
    piix3_update_irqs(s);
}

static void piix3_realize(PCIDevice *dev, GError **errp)
{
    /* Device-specific registers are plain storage but for PIRQRC. */
    memset(dev->wmask + 0x40, 0xff, PCI_CONFIG_SIZE - 0x40);
    memset(dev->wmask + PIIX_PIRQRC, 0x8f, PIIX_NUM_PIRQS);
}

static void piix3_reset(PCIDevice *dev)
{
    PIIX3State *s = PIIX3(dev);

    memset(dev->config + 0x40, 0, PCI_CONFIG_SIZE - 0x40);
    /* Reset values of 2.2 that firmware may look at. */
    dev->config[0x4c] = 0x4d; /* IORT */
    dev->config[0x4e] = 0x03; /* XBCS */
    memset(dev->config + PIIX_PIRQRC, PIRQRC_IRQROUTEN, PIIX_NUM_PIRQS);
    dev->config[0x69] = 0x02; /* TOM */
    dev->config[0x70] = 0x80; /* MBIRQ0 */
    dev->config[0x76] = 0x0c; /* MBDMA */
    dev->config[0x77] = 0x0c;
    dev->config[0x78] = 0x02; /* PCSC */
    dev->config[0xa0] = 0x08; /* SMICNTL */
    dev->config[0xa8] = 0x0f; /* SEE */
    piix3_update_irqs(s);
}

static void piix3_instance_init(Object *obj)
{
    PIIX3State *s = PIIX3(obj);

    qdev_init_gpio_in_named(DEVICE(obj), piix3_set_pirq, "pirq",
                            PIIX_NUM_PIRQS);
    qdev_init_gpio_out_named(DEVICE(obj), s->isa_irq, "isa-irq", ISA_NUM_IRQS);
}

static void piix3_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "ISA bridge";
    pc->vendor_id = 0x8086;
    pc->device_id = 0x7000;
    pc->class_id = 0x0601; /* ISA bridge */
    pc->header_type = PCI_HEADER_TYPE_MULTI;
    pc->status = 0x0280; /* DEVSEL# medium, fast back-to-back */
    pc->realize = piix3_realize;
    pc->reset = piix3_reset;
    pc->config_write = piix3_config_write;
}

static const TypeInfo piix3_info = {
    .name = TYPE_PIIX3,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX3State),
    .instance_init = piix3_instance_init,
    .class_size = sizeof(PCIDeviceClass),
    .class_init = piix3_class_init,
};

static void piix3_register_types(void)
{
    type_register_static(&piix3_info);
}

type_init(piix3_register_types)
