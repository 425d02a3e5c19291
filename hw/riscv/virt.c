/*
 * The riscv64 `virt` board: QEMU's memory map, a hart array, PLIC, ACLINT,
 * NS16550A UART, goldfish RTC, SiFive test finisher, eight virtio-mmio
 * transports, and a device tree describing them.
 */
#include "qemu/osdep.h"
#include "hw/riscv/virt.h"
#include "hw/riscv/boot.h"
#include "hw/sysbus.h"
#include "sysemu/vl.h"
#include "target/riscv/cpu.h"
#include "hw/riscv/riscv_soc.h"

const MemMapEntry virt_memmap[VIRT_MEMMAP_COUNT] = {
    [VIRT_MROM] = { 0x1000, 0xf000 },
    [VIRT_TEST] = { 0x100000, 0x1000 },
    [VIRT_RTC] = { 0x101000, 0x1000 },
    [VIRT_CLINT] = { 0x2000000, 0x10000 },
    [VIRT_PLIC] = { 0xc000000, 0x600000 },
    [VIRT_UART0] = { 0x10000000, 0x100 },
    [VIRT_VIRTIO] = { 0x10001000, 0x1000 },
    [VIRT_DRAM] = { 0x80000000, 0x0 },
};

#define ACLINT_SWI_SIZE 0x4000

static bool virt_create_intc(RISCVVirtState *s, GError **errp)
{
    MachineState *ms = MACHINE(s);
    unsigned n = ms->smp_cpus;
    g_autoptr(GString) hart_config = g_string_new("");

    for (unsigned i = 0; i < n; i++) {
        g_string_append(hart_config, i ? ",MS" : "MS");
    }
    s->plic = riscv_soc_new_device(MACHINE(s), "riscv.sifive.plic", "plic");
    if (!object_property_set_str(OBJECT(s->plic), "hart-config",
                                 hart_config->str, errp)) {
        return false;
    }
    object_property_set_uint(OBJECT(s->plic), "num-sources",
                             VIRT_IRQCHIP_NUM_SOURCES, NULL);
    object_property_set_uint(OBJECT(s->plic), "num-priorities",
                             VIRT_IRQCHIP_NUM_PRIORITIES, NULL);
    object_property_set_uint(OBJECT(s->plic), "aperture-size",
                             virt_memmap[VIRT_PLIC].size, NULL);
    if (!riscv_soc_map_device(s->plic, virt_memmap[VIRT_PLIC].base, errp)) {
        return false;
    }

    if (!riscv_soc_create_aclint(ms, s->harts, virt_memmap[VIRT_CLINT].base,
                                 VIRT_TIMEBASE_FREQ, &s->swi, &s->mtimer,
                                 errp)) {
        return false;
    }

    for (unsigned i = 0; i < n; i++) {
        qdev_connect_gpio_out(s->plic, 2 * i,
                              qdev_get_gpio_in(s->harts[i], IRQ_M_EXT));
        qdev_connect_gpio_out(s->plic, 2 * i + 1,
                              qdev_get_gpio_in(s->harts[i], IRQ_S_EXT));
    }
    return true;
}

/* A sysbus device at base whose IRQ 0 goes to PLIC source irq. */
static DeviceState *virt_create_peripheral(RISCVVirtState *s, const char *type,
                                           const char *name, hwaddr base,
                                           int irq, GError **errp)
{
    DeviceState *dev = riscv_soc_new_device(MACHINE(s), type, name);

    if (!riscv_soc_map_device(dev, base, errp)) {
        return NULL;
    }
    if (irq >= 0) {
        sysbus_connect_irq(SYS_BUS_DEVICE(dev), 0,
                           qdev_get_gpio_in(s->plic, irq));
    }
    return dev;
}

static bool virt_create_peripherals(RISCVVirtState *s, GError **errp)
{
    Chardev *serial = serial_hd(0);

    s->uart0 = riscv_soc_new_device(MACHINE(s), "serial-mm", "uart0");
    if (serial && !object_property_parse(OBJECT(s->uart0), "chardev",
                                         serial->label, errp)) {
        return false;
    }
    if (!riscv_soc_map_device(s->uart0, virt_memmap[VIRT_UART0].base, errp)) {
        return false;
    }
    sysbus_connect_irq(SYS_BUS_DEVICE(s->uart0), 0,
                       qdev_get_gpio_in(s->plic, VIRT_UART0_IRQ));

    s->rtc =
        virt_create_peripheral(s, "goldfish_rtc", "rtc",
                               virt_memmap[VIRT_RTC].base, VIRT_RTC_IRQ, errp);
    s->test = virt_create_peripheral(s, "riscv.sifive.test", "test",
                                     virt_memmap[VIRT_TEST].base, -1, errp);
    if (!s->rtc || !s->test) {
        return false;
    }
    for (int i = 0; i < VIRT_MMIO_COUNT; i++) {
        g_autofree char *name = g_strdup_printf("virtio-mmio[%d]", i);
        hwaddr base =
            virt_memmap[VIRT_VIRTIO].base + i * virt_memmap[VIRT_VIRTIO].size;

        s->virtio[i] = virt_create_peripheral(s, "virtio-mmio", name, base,
                                              VIRT_VIRTIO_IRQ + i, errp);
        if (!s->virtio[i]) {
            return false;
        }
    }
    return true;
}

static bool virt_machine_init(MachineState *ms, GError **errp)
{
    RISCVVirtState *s = RISCV_VIRT_MACHINE(ms);
    MemoryRegion *sysmem = get_system_memory();

    ms->ram = g_new0(MemoryRegion, 1);
    if (!memory_region_init_ram(ms->ram, OBJECT(ms), "riscv_virt_board.ram",
                                ms->ram_size, errp) ||
        !memory_region_init_rom(&s->mrom, OBJECT(ms), "riscv_virt_board.mrom",
                                virt_memmap[VIRT_MROM].size, errp)) {
        return false;
    }
    memory_region_add_subregion(sysmem, virt_memmap[VIRT_DRAM].base, ms->ram);
    memory_region_add_subregion(sysmem, virt_memmap[VIRT_MROM].base, &s->mrom);

    return riscv_soc_create_harts(ms, s->harts, virt_memmap[VIRT_MROM].base,
                                  errp) &&
           virt_create_intc(s, errp) && virt_create_peripherals(s, errp) &&
           virt_create_fdt(s, errp) &&
           riscv_boot_setup(ms, virt_memmap[VIRT_MROM].base,
                            virt_memmap[VIRT_MROM].size,
                            virt_memmap[VIRT_DRAM].base, errp);
}

static void virt_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "virt";
    mc->desc = "RISC-V VirtIO board";
    mc->init = virt_machine_init;
    mc->max_cpus = VIRT_CPUS_MAX;
    mc->default_ram_size = 128 * MiB;
    mc->default_cpu_type = TYPE_RISCV_CPU_BASE64;
    mc->is_default = true;
}

static const TypeInfo virt_machine_info = {
    .name = TYPE_RISCV_VIRT_MACHINE,
    .parent = TYPE_MACHINE,
    .instance_size = sizeof(RISCVVirtState),
    .class_init = virt_machine_class_init,
};

static void virt_machine_register_types(void)
{
    type_register_static(&virt_machine_info);
}

type_init(virt_machine_register_types)
