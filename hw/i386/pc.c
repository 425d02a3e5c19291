/*
 * The `pc` machine: RAM below 4 GiB up to 0xe0000000 (but for the legacy
 * VGA window 0xa0000-0xbffff, and 0xc0000-0xfffff, which the i440FX's PAM
 * registers shadow; only 3 GiB there from 3.5 GiB of RAM up, as QEMU's
 * i440FX) and the rest from 4 GiB, the BIOS ROM ending at 4 GiB with its
 * last 128 KiB also at 0xe0000 in PCI memory (where real-mode code starts
 * it), the I/O port space, the CPUs (whose reset vector FFFFFFF0 falls in
 * the BIOS), the ISA side (pc-isa.c), the PCI host (i440FX), the PIIX3
 * ISA bridge at 00:01.0 and PIIX4 power management at 00:01.3, fw_cfg
 * (fw_cfg.c) and the ACPI tables (acpi-build.c). -kernel: see
 * pc_load_kernel() below.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/i386/pc.h"
#include "hw/i386/linuxboot.h"
#include "hw/i386/multiboot.h"
#include "hw/loader.h"
#include "hw/pci-host/i440fx.h"
#include "hw/qdev-core.h"
#include "sysemu/accel.h"
#include "target/i386/cpu.h"
#include "target/i386/kvm-x86.h"

static bool pc_init_ram(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    MemoryRegion *sysmem = get_system_memory();

    pcms->below_4g_mem_size =
        ms->ram_size >= PC_LOWMEM_MAX ? PC_LOWMEM_GB_ALIGNED : ms->ram_size;
    pcms->above_4g_mem_size = ms->ram_size - pcms->below_4g_mem_size;
    ms->ram = g_new0(MemoryRegion, 1);
    if (!memory_region_init_ram(ms->ram, OBJECT(ms), "pc.ram", ms->ram_size,
                                errp)) {
        return false;
    }
    /* The legacy VGA window is not RAM (no VGA here: a hole). */
    memory_region_init_alias(&pcms->ram_low, OBJECT(ms), "ram-below-vga",
                             ms->ram, 0,
                             MIN(PC_VGA_LOW, pcms->below_4g_mem_size));
    memory_region_add_subregion(sysmem, 0, &pcms->ram_low);
    if (pcms->below_4g_mem_size > PC_BIOS_AREA_END) {
        memory_region_init_alias(&pcms->ram_below_4g, OBJECT(ms),
                                 "ram-below-4g", ms->ram, PC_BIOS_AREA_END,
                                 pcms->below_4g_mem_size - PC_BIOS_AREA_END);
        memory_region_add_subregion(sysmem, PC_BIOS_AREA_END,
                                    &pcms->ram_below_4g);
    }
    if (pcms->above_4g_mem_size) {
        memory_region_init_alias(
            &pcms->ram_above_4g, OBJECT(ms), "ram-above-4g", ms->ram,
            pcms->below_4g_mem_size, pcms->above_4g_mem_size);
        memory_region_add_subregion(sysmem, 4 * GiB, &pcms->ram_above_4g);
    }
    return true;
}

/*
 * The firmware: the -drive if=pflash units (pc-flash.c), else -bios FILE
 * (default: Debian's SeaBIOS): a whole number of 64 KiB blocks, at most
 * 16 MiB, as QEMU requires.
 */
static bool pc_init_bios(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    const char *name = ms->firmware && strcmp(ms->firmware, "default")
                           ? ms->firmware
                           : PC_DEFAULT_BIOS;
    g_autofree char *data = NULL;
    gsize size = 0;
    uint64_t isa_size;

    bool flash;

    if (!pc_flash_init(pcms, ms, &flash, errp)) {
        return false;
    }
    if (flash) {
        if (ms->firmware && strcmp(ms->firmware, "default") &&
            strcmp(ms->firmware, "none")) {
            error_setg(errp,
                       "-bios %s: the firmware is already in -drive "
                       "if=pflash",
                       ms->firmware);
            return false;
        }
        pcms->firmware = true;
        return true;
    }
    if (!strcmp(name, "none")) {
        return true;
    }
    pcms->firmware = true;
    if (!g_file_get_contents(name, &data, &size, NULL) || size == 0 ||
        size % (64 * KiB) || size > 16 * MiB) {
        error_setg(errp, "could not load PC BIOS '%s'", name);
        return false;
    }
    if (!memory_region_init_rom(&pcms->bios, OBJECT(ms), "pc.bios", size,
                                errp)) {
        return false;
    }
    memcpy(memory_region_get_ram_ptr(&pcms->bios), data, size);
    memory_region_add_subregion(get_system_memory(), 4 * GiB - size,
                                &pcms->bios);
    isa_size = MIN(size, PC_ISA_BIOS_SIZE);
    memory_region_init_alias(&pcms->isa_bios, OBJECT(ms), "isa-bios",
                             &pcms->bios, size - isa_size, isa_size);
    memory_region_add_subregion(&pcms->pci_memory, 1 * MiB - isa_size,
                                &pcms->isa_bios);
    return true;
}

/*
 * PCI memory under system memory (RAM wins where they overlap, as in
 * QEMU), the i440FX, the PIIX3 (its PIRQ inputs from the host's PIRQ
 * lines, its outputs on the ISA IRQs, i.e. the GSIs of pc-isa.c) and
 * PIIX4 PM (SCI on IRQ 9).
 */
static bool pc_init_pci(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    Object *unattached = container_get(OBJECT(ms), "unattached");
    PCIDevice *piix3, *pm;

    memory_region_init(&pcms->pci_memory, OBJECT(ms), "pci", UINT64_MAX);
    memory_region_add_subregion_overlap(get_system_memory(), 0,
                                        &pcms->pci_memory, -1);
    pcms->host = i440fx_init(OBJECT(ms), get_system_memory(), &pcms->pci_memory,
                             ms->ram, errp);
    if (!pcms->host) {
        return false;
    }
    piix3 = pci_create_simple(pcms->host->bus, PCI_DEVFN(1, 0), "PIIX3",
                              unattached, "piix3", errp);
    pm = piix3 ? pci_create_simple(pcms->host->bus, PCI_DEVFN(1, 3), "PIIX4_PM",
                                   unattached, "piix4-pm", errp)
               : NULL;
    if (!pm) {
        return false;
    }
    for (int i = 0; i < I440FX_PIRQS; i++) {
        qdev_connect_gpio_out_named(
            DEVICE(pcms->host), "pirq", i,
            qdev_get_gpio_in_named(DEVICE(piix3), "pirq", i));
    }
    for (int i = 0; i < ISA_NUM_IRQS; i++) {
        qdev_connect_gpio_out_named(DEVICE(piix3), "isa-irq", i,
                                    pcms->isa_bus->irqs[i]);
    }
    qdev_connect_gpio_out_named(DEVICE(pm), "sci", 0,
                                pcms->isa_bus->irqs[PC_SCI_IRQ]);
    return true;
}

/*
 * Whether the vCPUs are AMD's: QEMU (7.1 on) then reserves AMD's
 * HyperTransport range below 1 TiB in the e820 table (its vCPUs, like
 * ours, have 40 or more physical address bits). `host` and `max` take
 * the host's vendor, as under KVM.
 */
static bool pc_cpu_is_amd(MachineState *ms, DeviceState *cpu0)
{
    const X86CPUModel *m = X86_CPU_GET_CLASS(cpu0)->model;

    if (!m->host) {
        return m->vendor && !strcmp(m->vendor, "AuthenticAMD");
    }
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    return __builtin_cpu_is("amd");
#else
    return false;
#endif
}

/* As QEMU: /machine/unattached/device[N]. */
static bool pc_init_cpus(PCMachineState *pcms, MachineState *ms, GError **errp)
{
    Object *unattached = container_get(OBJECT(ms), "unattached");

    for (unsigned i = 0; i < ms->smp_cpus; i++) {
        g_autofree char *name = g_strdup_printf("device[%u]", i);
        Object *cpu = object_new(ms->cpu_type);

        object_property_add_child(unattached, name, cpu);
        object_unref(cpu);
        pcms->cpus[i] = DEVICE(cpu);
        if (!qdev_realize(DEVICE(cpu), errp)) {
            return false;
        }
    }
    pcms->amd_ht_hole = pc_cpu_is_amd(ms, pcms->cpus[0]);
    return true;
}

PCKernelConfig pc_kernel_config(PCMachineState *pcms, MachineState *ms)
{
    return (PCKernelConfig){
        .below_4g = pcms->below_4g_mem_size,
        .above_4g = pcms->above_4g_mem_size,
        .kernel = ms->kernel_filename,
        .initrd = ms->initrd_filename,
        .cmdline = ms->kernel_cmdline,
    };
}

/*
 * -kernel. A Linux bzImage's fw_cfg items (linuxboot-fw-cfg.c) are always
 * there, as in QEMU; with firmware (-bios, by default SeaBIOS) the
 * firmware boots it from them. With -bios none, or for a multiboot kernel
 * (which has no option ROM here), our loaders (linuxboot.c, multiboot.c)
 * put it in RAM and start CPU 0 in it after every reset.
 */
static bool pc_load_kernel(PCMachineState *pcms, MachineState *ms,
                           GError **errp)
{
    g_autoptr(GBytes) file = loader_read_file(ms->kernel_filename, errp);
    const uint8_t *data;
    size_t len;

    if (!file) {
        return false;
    }
    data = g_bytes_get_data(file, &len);
    if (!linux_is_bzimage(data, len)) {
        return multiboot_load(pcms, ms, errp);
    }
    if (!linux_fw_cfg_setup(pcms->fw_cfg, pcms, ms, pcms->firmware, errp)) {
        return false;
    }
    return pcms->firmware || linux_boot_load(pcms, ms, errp);
}

static bool pc_machine_init(MachineState *ms, GError **errp)
{
    PCMachineState *pcms = PC_MACHINE(ms);

    get_system_io();
    /* KVM's interrupt controllers and real-mode areas before any vCPU. */
    if (kvm_enabled() && !x86_kvm_vm_init(errp)) {
        return false;
    }
    if (!pc_init_ram(pcms, ms, errp) || !pc_init_cpus(pcms, ms, errp) ||
        !pc_isa_init(pcms, ms, errp) || !pc_init_pci(pcms, ms, errp) ||
        !pc_init_bios(pcms, ms, errp)) {
        return false;
    }
    pcms->host->pam_ram_at_reset = !pcms->firmware;
    pcms->fw_cfg = pc_fw_cfg_init(pcms, ms, errp);
    if (!pcms->fw_cfg) {
        return false;
    }
    pc_acpi_setup(pcms, ms);
    return !ms->kernel_filename || pc_load_kernel(pcms, ms, errp);
}

static void pc_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "pc";
    mc->desc = "Standard PC (i440FX + PIIX, 1996)";
    mc->init = pc_machine_init;
    mc->max_cpus = PC_CPUS_MAX;
    mc->default_ram_size = 128 * MiB;
    mc->default_cpu_type = "qemu64-x86_64-cpu";
    mc->is_default = true;
}

static const TypeInfo pc_machine_info = {
    .name = TYPE_PC_MACHINE,
    .parent = TYPE_MACHINE,
    .instance_size = sizeof(PCMachineState),
    .class_init = pc_machine_class_init,
};

static void pc_machine_register_types(void)
{
    type_register_static(&pc_machine_info);
}

type_init(pc_machine_register_types)
