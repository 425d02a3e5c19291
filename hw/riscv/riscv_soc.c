/*
 * Building blocks the RISC-V boards share.
 */
#include "qemu/osdep.h"
#include "hw/riscv/riscv_soc.h"
#include "hw/sysbus.h"
#include "hw/intc/riscv_aclint.h"
#include "target/riscv/cpu.h"

DeviceState *riscv_soc_new_device(MachineState *ms, const char *type,
                                  const char *name)
{
    Object *soc = container_get(OBJECT(ms), "soc");
    Object *obj = object_new(type);

    object_property_add_child(soc, name, obj);
    object_unref(obj);
    return DEVICE(obj);
}

bool riscv_soc_map_device(DeviceState *dev, hwaddr base, GError **errp)
{
    if (!sysbus_realize(SYS_BUS_DEVICE(dev), errp)) {
        return false;
    }
    sysbus_mmio_map(SYS_BUS_DEVICE(dev), 0, base);
    return true;
}

bool riscv_soc_create_harts(MachineState *ms, DeviceState **harts,
                            hwaddr resetvec, GError **errp)
{
    Object *array = container_get(OBJECT(ms), "soc0");

    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        g_autofree char *name = g_strdup_printf("harts[%u]", i);
        Object *cpu = object_new(ms->cpu_type);

        object_property_add_child(array, name, cpu);
        object_unref(cpu);
        harts[i] = DEVICE(cpu);
        if (!object_property_set_uint(cpu, "hartid", i, errp) ||
            !object_property_set_uint(cpu, "resetvec", resetvec, errp) ||
            !qdev_realize(DEVICE(cpu), errp)) {
            return false;
        }
    }
    return true;
}

static uint64_t aclint_rdtime(void *opaque)
{
    return riscv_aclint_mtimer_get_time(opaque);
}

static int64_t aclint_time_deadline(void *opaque, uint64_t ticks)
{
    return riscv_aclint_mtimer_deadline_ns(opaque, ticks);
}

bool riscv_soc_create_aclint(MachineState *ms, DeviceState **harts, hwaddr base,
                             uint64_t timebase_freq, DeviceState **swi,
                             DeviceState **mtimer, GError **errp)
{
    unsigned n = ms->smp_cpus;

    *swi = riscv_soc_new_device(ms, "riscv.aclint.swi", "swi");
    object_property_set_uint(OBJECT(*swi), "num-harts", n, NULL);
    if (!riscv_soc_map_device(*swi, base, errp)) {
        return false;
    }
    *mtimer = riscv_soc_new_device(ms, "riscv.aclint.mtimer", "mtimer");
    object_property_set_uint(OBJECT(*mtimer), "num-harts", n, NULL);
    object_property_set_uint(OBJECT(*mtimer), "timebase-freq", timebase_freq,
                             NULL);
    if (!riscv_soc_map_device(*mtimer, base + RISCV_ACLINT_SWI_SIZE, errp)) {
        return false;
    }
    for (unsigned i = 0; i < n; i++) {
        qdev_connect_gpio_out(*swi, i, qdev_get_gpio_in(harts[i], IRQ_M_SOFT));
        qdev_connect_gpio_out(*mtimer, i,
                              qdev_get_gpio_in(harts[i], IRQ_M_TIMER));
        riscv_cpu_set_rdtime_fn(RISCV_CPU(harts[i]), aclint_rdtime,
                                aclint_time_deadline, *mtimer);
    }
    return true;
}
