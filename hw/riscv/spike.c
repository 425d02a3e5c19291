/*
 * The riscv64 `spike` board, as QEMU's: the machine of the Spike ISA
 * simulator. RAM at 0x80000000, a mask ROM with the reset vector, an
 * ACLINT (SiFive CLINT layout) for timer and software interrupts, and
 * Spike's host-target interface (HTIF) as the console and the way out.
 *
 * The HTIF lives where the loaded ELF's `tohost` and `fromhost` symbols
 * are (the -kernel ELF first, then the -bios ELF), laid over RAM; with no
 * such symbols it sits at SPIKE_HTIF (fromhost at +0, tohost at +8), and
 * the device tree's /htif node gives that address.
 */
#include "qemu/osdep.h"

#include <libfdt.h>

#include "hw/char/riscv_htif.h"
#include "hw/loader.h"
#include "hw/riscv/boot.h"
#include "hw/riscv/riscv_soc.h"
#include "hw/riscv/virt.h" /* MemMapEntry */
#include "hw/sysbus.h"
#include "sysemu/vl.h"
#include "target/riscv/cpu.h"

#define SPIKE_CPUS_MAX      8
#define SPIKE_TIMEBASE_FREQ 10000000ULL
#define SPIKE_FDT_MAX_SIZE  (1 * MiB)
#define SPIKE_HTIF_PRIORITY 1 /* above RAM */

enum {
    SPIKE_MROM,
    SPIKE_HTIF,
    SPIKE_CLINT,
    SPIKE_DRAM,
    SPIKE_MEMMAP_COUNT,
};

static const MemMapEntry spike_memmap[SPIKE_MEMMAP_COUNT] = {
    [SPIKE_MROM] = { 0x1000, 0xf000 },
    [SPIKE_HTIF] = { 0x1000000, 0x1000 },
    [SPIKE_CLINT] = { 0x2000000, 0x10000 },
    [SPIKE_DRAM] = { 0x80000000, 0x0 },
};

#define TYPE_RISCV_SPIKE_MACHINE MACHINE_TYPE_NAME("spike")
OBJECT_DECLARE_SIMPLE_TYPE(SpikeState, RISCV_SPIKE_MACHINE)

struct SpikeState {
    MachineState parent_obj;
    DeviceState *harts[SPIKE_CPUS_MAX];
    DeviceState *swi;    /* ACLINT MSWI, at SPIKE_CLINT */
    DeviceState *mtimer; /* ACLINT MTIMER, at SPIKE_CLINT + 0x4000 */
    DeviceState *htif;
    MemoryRegion mrom;
    /* Where the HTIF words are: from the ELF, or the fixed fallback. */
    bool htif_from_elf;
    bool have_fromhost;
    hwaddr tohost;
    hwaddr fromhost;
};

/* tohost/fromhost of an ELF image; false if it is not an ELF with them. */
static bool spike_find_htif_symbols(SpikeState *s, const char *path)
{
    g_autoptr(GError) err = NULL;
    uint64_t addr;

    if (!path || !loader_file_is_elf(path) ||
        !load_elf_find_symbol(path, "tohost", &addr, &err)) {
        return false;
    }
    s->tohost = addr;
    g_clear_error(&err);
    s->have_fromhost = load_elf_find_symbol(path, "fromhost", &addr, &err);
    s->fromhost = addr;
    return true;
}

static bool spike_locate_htif(SpikeState *s, GError **errp)
{
    MachineState *ms = MACHINE(s);
    const char *fw = ms->firmware;

    if (fw && (!strcmp(fw, "none") || !strcmp(fw, "default"))) {
        fw = NULL;
    }
    s->htif_from_elf = spike_find_htif_symbols(s, ms->kernel_filename) ||
                       spike_find_htif_symbols(s, fw);
    if (!s->htif_from_elf) {
        /* As QEMU 7.2 (and OpenSBI's reading of the reg): fromhost first. */
        s->fromhost = spike_memmap[SPIKE_HTIF].base;
        s->tohost = s->fromhost + 8;
        s->have_fromhost = true;
        return true;
    }
    if (s->tohost > HWADDR_MAX - 8 ||
        (s->have_fromhost && s->fromhost > HWADDR_MAX - 8)) {
        error_setg(errp, "HTIF: tohost/fromhost at the end of memory");
        return false;
    }
    if (s->have_fromhost &&
        (s->fromhost + 8 > s->tohost && s->tohost + 8 > s->fromhost)) {
        error_setg(errp,
                   "HTIF: tohost (0x%" HWADDR_PRIx
                   ") and fromhost (0x%" HWADDR_PRIx ") overlap",
                   s->tohost, s->fromhost);
        return false;
    }
    return true;
}

static bool spike_create_htif(SpikeState *s, GError **errp)
{
    Chardev *serial = serial_hd(0);

    s->htif = riscv_soc_new_device(MACHINE(s), TYPE_RISCV_HTIF, "htif");
    if (serial && !object_property_parse(OBJECT(s->htif), "chardev",
                                         serial->label, errp)) {
        return false;
    }
    return sysbus_realize(SYS_BUS_DEVICE(s->htif), errp);
}

/*
 * Lay the HTIF words over RAM. Done after the images are loaded: the
 * loader wants RAM under everything it writes.
 */
static void spike_map_htif(SpikeState *s)
{
    MemoryRegion *sysmem = get_system_memory();
    HTIFState *h = RISCV_HTIF(s->htif);

    memory_region_add_subregion_overlap(sysmem, s->tohost, &h->tohost_mmio,
                                        SPIKE_HTIF_PRIORITY);
    if (s->have_fromhost) {
        memory_region_add_subregion_overlap(
            sysmem, s->fromhost, &h->fromhost_mmio, SPIKE_HTIF_PRIORITY);
    }
}

/* The device tree, with libfdt's sequential writer. */
typedef struct SpikeFdt {
    void *fdt;
    int err;
} SpikeFdt;

static void sf_check(SpikeFdt *w, int ret)
{
    if (!w->err && ret < 0) {
        w->err = ret;
    }
}

static void sf_begin(SpikeFdt *w, const char *name)
{
    if (!w->err) {
        sf_check(w, fdt_begin_node(w->fdt, name));
    }
}

static void sf_end(SpikeFdt *w)
{
    if (!w->err) {
        sf_check(w, fdt_end_node(w->fdt));
    }
}

static void sf_u32(SpikeFdt *w, const char *name, uint32_t val)
{
    if (!w->err) {
        sf_check(w, fdt_property_u32(w->fdt, name, val));
    }
}

static void sf_str(SpikeFdt *w, const char *name, const char *val)
{
    if (!w->err) {
        sf_check(w, fdt_property_string(w->fdt, name, val));
    }
}

static void sf_bytes(SpikeFdt *w, const char *name, const void *val, int len)
{
    if (!w->err) {
        sf_check(w, fdt_property(w->fdt, name, val, len));
    }
}

static void sf_cells(SpikeFdt *w, const char *name, const uint32_t *cells,
                     unsigned n)
{
    g_autofree fdt32_t *be = g_new(fdt32_t, n);

    for (unsigned i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    sf_bytes(w, name, be, n * sizeof(*be));
}

static void sf_reg(SpikeFdt *w, uint64_t base, uint64_t size)
{
    const uint32_t cells[] = { base >> 32, (uint32_t)base, size >> 32,
                               (uint32_t)size };

    sf_cells(w, "reg", cells, ARRAY_SIZE(cells));
}

/* The hart's ISA string (its "isa" property), or a fallback. */
static char *spike_isa_string(DeviceState *hart)
{
    const Property *p =
        object_class_find_prop(object_get_class(OBJECT(hart)), "isa");
    char *val = NULL;

    if (p && p->type == PROP_TYPE_STRING) {
        val = object_property_get_str(OBJECT(hart), "isa", NULL);
    }
    if (!val || !*val) {
        g_free(val);
        val = g_strdup("rv64imafdc_zicsr_zifencei");
    }
    return val;
}

/*
 * As QEMU's spike: phandles are handed out from the last hart to the
 * first (the last hart's cpu node gets 1, its interrupt controller 2),
 * while the nodes are listed from hart 0 up.
 */
static void spike_fdt_write(SpikeState *s, SpikeFdt *w)
{
    MachineState *ms = MACHINE(s);
    unsigned n = ms->smp_cpus;
    static const char clint_compat[] = "sifive,clint0\0riscv,clint0";
    g_autofree uint32_t *cpu_ph = g_new(uint32_t, n);
    g_autofree uint32_t *intc_ph = g_new(uint32_t, n);
    g_autofree uint32_t *irqs = g_new(uint32_t, n * 4);
    char name[64];
    uint32_t phandle = 1;
    int i;

    for (i = n - 1; i >= 0; i--) {
        cpu_ph[i] = phandle++;
        intc_ph[i] = phandle++;
    }

    sf_check(w, fdt_finish_reservemap(w->fdt));
    sf_begin(w, "");
    sf_u32(w, "#address-cells", 2);
    sf_u32(w, "#size-cells", 2);
    sf_str(w, "compatible", "ucbbar,spike-bare-dev");
    sf_str(w, "model", "ucbbar,spike-bare,qemu");

    sf_begin(w, "chosen");
    if (ms->kernel_cmdline && *ms->kernel_cmdline) {
        sf_str(w, "bootargs", ms->kernel_cmdline);
    }
    sf_str(w, "stdout-path", "/htif");
    sf_end(w);

    snprintf(name, sizeof(name), "memory@%" PRIx64,
             (uint64_t)spike_memmap[SPIKE_DRAM].base);
    sf_begin(w, name);
    sf_str(w, "device_type", "memory");
    sf_reg(w, spike_memmap[SPIKE_DRAM].base, ms->ram_size);
    sf_end(w);

    sf_begin(w, "cpus");
    sf_u32(w, "#address-cells", 1);
    sf_u32(w, "#size-cells", 0);
    sf_u32(w, "timebase-frequency", SPIKE_TIMEBASE_FREQ);
    for (i = 0; i < (int)n; i++) {
        g_autofree char *isa = spike_isa_string(s->harts[i]);
        static const char intc_compat[] = "riscv,cpu-intc";

        snprintf(name, sizeof(name), "cpu@%d", i);
        sf_begin(w, name);
        sf_u32(w, "phandle", cpu_ph[i]);
        sf_str(w, "device_type", "cpu");
        sf_u32(w, "reg", i);
        sf_str(w, "status", "okay");
        sf_str(w, "compatible", "riscv");
        sf_str(w, "riscv,isa", isa);
        sf_str(w, "mmu-type", "riscv,sv48"); /* what QEMU's spike says */
        sf_begin(w, "interrupt-controller");
        sf_u32(w, "#interrupt-cells", 1);
        sf_bytes(w, "interrupt-controller", NULL, 0);
        sf_str(w, "compatible", intc_compat);
        sf_u32(w, "phandle", intc_ph[i]);
        sf_end(w);
        sf_end(w);
    }
    sf_begin(w, "cpu-map");
    sf_begin(w, "cluster0");
    for (i = 0; i < (int)n; i++) {
        snprintf(name, sizeof(name), "core%d", i);
        sf_begin(w, name);
        sf_u32(w, "cpu", cpu_ph[i]);
        sf_end(w);
    }
    sf_end(w);
    sf_end(w);
    sf_end(w);

    sf_begin(w, "soc");
    sf_u32(w, "#address-cells", 2);
    sf_u32(w, "#size-cells", 2);
    sf_str(w, "compatible", "simple-bus");
    sf_bytes(w, "ranges", NULL, 0);
    snprintf(name, sizeof(name), "clint@%" PRIx64,
             (uint64_t)spike_memmap[SPIKE_CLINT].base);
    sf_begin(w, name);
    for (i = 0; i < (int)n; i++) {
        irqs[i * 4 + 0] = intc_ph[i];
        irqs[i * 4 + 1] = IRQ_M_SOFT;
        irqs[i * 4 + 2] = intc_ph[i];
        irqs[i * 4 + 3] = IRQ_M_TIMER;
    }
    sf_cells(w, "interrupts-extended", irqs, n * 4);
    sf_reg(w, spike_memmap[SPIKE_CLINT].base, spike_memmap[SPIKE_CLINT].size);
    sf_bytes(w, "compatible", clint_compat, sizeof(clint_compat));
    sf_end(w);
    sf_end(w);

    sf_begin(w, "htif");
    if (!s->htif_from_elf) {
        sf_reg(w, spike_memmap[SPIKE_HTIF].base, spike_memmap[SPIKE_HTIF].size);
    }
    sf_str(w, "compatible", "ucb,htif0");
    sf_end(w);

    sf_end(w);
    if (!w->err) {
        sf_check(w, fdt_finish(w->fdt));
    }
}

static bool spike_create_fdt(SpikeState *s, GError **errp)
{
    MachineState *ms = MACHINE(s);
    int size = 16 * KiB;

    for (;;) {
        SpikeFdt w = { .fdt = g_malloc0(size) };

        w.err = fdt_create(w.fdt, size);
        if (!w.err) {
            spike_fdt_write(s, &w);
        }
        if (!w.err) {
            g_free(ms->fdt);
            ms->fdt_size = fdt_totalsize(w.fdt);
            ms->fdt = g_realloc(w.fdt, ms->fdt_size);
            return true;
        }
        g_free(w.fdt);
        if (w.err != -FDT_ERR_NOSPACE || size >= SPIKE_FDT_MAX_SIZE) {
            error_setg(errp, "spike: cannot create the device tree: %s",
                       fdt_strerror(w.err));
            return false;
        }
        size *= 2;
    }
}

static bool spike_machine_init(MachineState *ms, GError **errp)
{
    SpikeState *s = RISCV_SPIKE_MACHINE(ms);
    MemoryRegion *sysmem = get_system_memory();

    if (ms->smp_cpus == 0 || ms->smp_cpus > SPIKE_CPUS_MAX) {
        error_setg(errp, "spike: %u harts; it takes 1 to %u", ms->smp_cpus,
                   SPIKE_CPUS_MAX);
        return false;
    }
    ms->ram = g_new0(MemoryRegion, 1);
    if (!memory_region_init_ram(ms->ram, OBJECT(ms), "riscv.spike.ram",
                                ms->ram_size, errp) ||
        !memory_region_init_rom(&s->mrom, OBJECT(ms), "riscv.spike.mrom",
                                spike_memmap[SPIKE_MROM].size, errp)) {
        return false;
    }
    memory_region_add_subregion(sysmem, spike_memmap[SPIKE_DRAM].base, ms->ram);
    memory_region_add_subregion(sysmem, spike_memmap[SPIKE_MROM].base,
                                &s->mrom);

    if (!riscv_soc_create_harts(ms, s->harts, spike_memmap[SPIKE_MROM].base,
                                errp) ||
        !riscv_soc_create_aclint(ms, s->harts, spike_memmap[SPIKE_CLINT].base,
                                 SPIKE_TIMEBASE_FREQ, &s->swi, &s->mtimer,
                                 errp) ||
        !spike_locate_htif(s, errp) || !spike_create_htif(s, errp) ||
        !spike_create_fdt(s, errp) ||
        !riscv_boot_setup(ms, spike_memmap[SPIKE_MROM].base,
                          spike_memmap[SPIKE_MROM].size,
                          spike_memmap[SPIKE_DRAM].base, errp)) {
        return false;
    }
    spike_map_htif(s);
    return true;
}

static void spike_machine_class_init(ObjectClass *oc, void *data)
{
    MachineClass *mc = MACHINE_CLASS(oc);

    mc->name = "spike";
    mc->desc = "RISC-V Spike board";
    mc->init = spike_machine_init;
    mc->max_cpus = SPIKE_CPUS_MAX;
    mc->default_ram_size = 128 * MiB;
    mc->default_cpu_type = TYPE_RISCV_CPU_BASE64;
    mc->is_default = false; /* `virt` is ours */
}

static const TypeInfo spike_machine_info = {
    .name = TYPE_RISCV_SPIKE_MACHINE,
    .parent = TYPE_MACHINE,
    .instance_size = sizeof(SpikeState),
    .class_init = spike_machine_class_init,
};

static void spike_machine_register_types(void)
{
    type_register_static(&spike_machine_info);
}

type_init(spike_machine_register_types)
