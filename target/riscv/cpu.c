/*
 * The RISC-V hart device. Until the execution engine exists it only holds
 * the interrupt-pending bits that the CLINT and PLIC drive.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"

static void riscv_cpu_set_irq(void *opaque, int irq, int level)
{
    RISCVCPU *cpu = opaque;

    if (level) {
        cpu->mip |= 1ULL << irq;
    } else {
        cpu->mip &= ~(1ULL << irq);
    }
}

static void riscv_cpu_init(Object *obj)
{
    qdev_init_gpio_in(DEVICE(obj), riscv_cpu_set_irq, IRQ_LOCAL_MAX);
}

static void riscv_cpu_reset(DeviceState *dev)
{
    /* mip bits are wires driven by devices; they are not reset here. */
}

static const Property riscv_cpu_props[] = {
    DEFINE_PROP_UINT32("hartid", RISCVCPU, hartid, 0),
    DEFINE_PROP_UINT64("resetvec", RISCVCPU, resetvec, 0x1000),
    DEFINE_PROP_END_OF_LIST(),
};

static void riscv_cpu_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "RISC-V hart";
    dc->reset = riscv_cpu_reset;
    device_class_set_props(dc, riscv_cpu_props);
}

static const TypeInfo riscv_cpu_types[] = {
    {
        .name = TYPE_RISCV_CPU,
        .parent = TYPE_DEVICE,
        .instance_size = sizeof(RISCVCPU),
        .instance_init = riscv_cpu_init,
        .abstract = true,
        .class_size = sizeof(DeviceClass),
        .class_init = riscv_cpu_class_init,
    },
    {
        .name = TYPE_RISCV_CPU_BASE64,
        .parent = TYPE_RISCV_CPU,
    },
};

static void riscv_cpu_register_types(void)
{
    type_register_static_array(riscv_cpu_types, ARRAY_SIZE(riscv_cpu_types));
}

type_init(riscv_cpu_register_types)
