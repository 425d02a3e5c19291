/*
 * The device tree of the riscv64 virt board.
 *
 * Node names and properties are those QEMU 7.2's virt machine gives the
 * devices this board has (memory, harts, CLINT, PLIC, 16550 UART, goldfish
 * RTC, SiFive test device and eight virtio-mmio transports); devices the
 * board does not have are not described. The tree is written with libfdt's
 * sequential-write functions, nodes in the order QEMU's tree lists them.
 */
#include "qemu/osdep.h"

#include <libfdt.h>

#include "hw/riscv/virt.h"
#include "target/riscv/cpu.h"

#define VIRT_SERIAL_CLOCK 3686400 /* 0x384000, as QEMU reports */
#define VIRT_FDT_MAX_SIZE (64 * MiB)

/* A tree being written; after the first libfdt error the rest is skipped. */
typedef struct FdtWriter {
    void *fdt;
    int err;
} FdtWriter;

#define FW(w, call)              \
    do {                         \
        if (!(w)->err) {         \
            int ret_ = (call);   \
            if (ret_ < 0) {      \
                (w)->err = ret_; \
            }                    \
        }                        \
    } while (0)

static void fw_begin(FdtWriter *w, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void fw_begin(FdtWriter *w, const char *fmt, ...)
{
    g_autofree char *name = NULL;
    va_list ap;

    va_start(ap, fmt);
    name = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    FW(w, fdt_begin_node(w->fdt, name));
}

static void fw_end(FdtWriter *w)
{
    FW(w, fdt_end_node(w->fdt));
}

static void fw_u32(FdtWriter *w, const char *name, uint32_t val)
{
    FW(w, fdt_property_u32(w->fdt, name, val));
}

static void fw_str(FdtWriter *w, const char *name, const char *val)
{
    FW(w, fdt_property_string(w->fdt, name, val));
}

static void fw_empty(FdtWriter *w, const char *name)
{
    FW(w, fdt_property(w->fdt, name, NULL, 0));
}

/* A string-list property from a NULL-terminated array. */
static void fw_strings(FdtWriter *w, const char *name, const char *const *list)
{
    g_autoptr(GByteArray) buf = g_byte_array_new();

    for (; *list; list++) {
        g_byte_array_append(buf, (const guint8 *)*list, strlen(*list) + 1);
    }
    FW(w, fdt_property(w->fdt, name, buf->data, buf->len));
}

static void fw_cells(FdtWriter *w, const char *name, const uint32_t *cells,
                     size_t n)
{
    g_autofree fdt32_t *be = g_new(fdt32_t, n);
    size_t i;

    for (i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    FW(w, fdt_property(w->fdt, name, be, n * sizeof(*be)));
}

/* reg = <base size> with two address and two size cells. */
static void fw_reg(FdtWriter *w, hwaddr base, uint64_t size)
{
    const uint32_t cells[] = { base >> 32, (uint32_t)base, size >> 32,
                               (uint32_t)size };

    fw_cells(w, "reg", cells, ARRAY_SIZE(cells));
}

/* A string property of the hart object, or fallback (free the result). */
static char *virt_hart_str(DeviceState *hart, const char *prop,
                           const char *fallback)
{
    const Property *p;
    char *val;

    if (!hart) {
        return g_strdup(fallback);
    }
    p = object_class_find_prop(object_get_class(OBJECT(hart)), prop);
    if (!p || p->type != PROP_TYPE_STRING) {
        return g_strdup(fallback);
    }
    val = object_property_get_str(OBJECT(hart), prop, NULL);
    if (!val || !*val) {
        g_free(val);
        return g_strdup(fallback);
    }
    return val;
}

static char *virt_isa_string(DeviceState *hart)
{
    return virt_hart_str(hart, "isa", "rv64imafdc_zicsr_zifencei");
}

static char *virt_mmu_type(DeviceState *hart)
{
    return virt_hart_str(hart, "mmu-type", "riscv,sv57");
}

/*
 * The cache-block sizes of Zicbom and Zicboz (the bindings Linux reads,
 * as QEMU writes them), when the hart has the extension.
 */
static void virt_fdt_cbo_sizes(FdtWriter *w, DeviceState *hart)
{
    Object *obj = OBJECT(hart);

    if (!hart) {
        return;
    }
    if (object_property_get_bool(obj, "zicbom", NULL)) {
        fw_u32(w, "riscv,cbom-block-size",
               object_property_get_uint(obj, "cbom_blocksize", NULL));
    }
    if (object_property_get_bool(obj, "zicboz", NULL)) {
        fw_u32(w, "riscv,cboz-block-size",
               object_property_get_uint(obj, "cboz_blocksize", NULL));
    }
}

typedef struct VirtPhandles {
    uint32_t *cpu;  /* per hart */
    uint32_t *intc; /* per hart: its local interrupt controller */
    uint32_t plic;
    uint32_t test;
} VirtPhandles;

static void virt_fdt_cpus(FdtWriter *w, RISCVVirtState *s,
                          const VirtPhandles *ph)
{
    unsigned n = MACHINE(s)->smp_cpus;
    static const char *const intc_compat[] = { "riscv,cpu-intc", NULL };
    unsigned i;

    fw_begin(w, "cpus");
    fw_u32(w, "#address-cells", 1);
    fw_u32(w, "#size-cells", 0);
    fw_u32(w, "timebase-frequency", VIRT_TIMEBASE_FREQ);
    for (i = 0; i < n; i++) {
        g_autofree char *isa = virt_isa_string(s->harts[i]);
        g_autofree char *mmu = virt_mmu_type(s->harts[i]);

        fw_begin(w, "cpu@%u", i);
        fw_u32(w, "phandle", ph->cpu[i]);
        fw_str(w, "device_type", "cpu");
        fw_u32(w, "reg", i);
        fw_str(w, "status", "okay");
        fw_str(w, "compatible", "riscv");
        fw_str(w, "riscv,isa", isa);
        fw_str(w, "mmu-type", mmu);
        virt_fdt_cbo_sizes(w, s->harts[i]);
        fw_begin(w, "interrupt-controller");
        fw_u32(w, "#interrupt-cells", 1);
        fw_empty(w, "interrupt-controller");
        fw_strings(w, "compatible", intc_compat);
        fw_u32(w, "phandle", ph->intc[i]);
        fw_end(w);
        fw_end(w);
    }
    fw_begin(w, "cpu-map");
    fw_begin(w, "cluster0");
    for (i = 0; i < n; i++) {
        fw_begin(w, "core%u", i);
        fw_u32(w, "cpu", ph->cpu[i]);
        fw_end(w);
    }
    fw_end(w);
    fw_end(w);
    fw_end(w);
}

/* interrupts-extended = <intc[0] a intc[0] b intc[1] a ...> */
static void virt_fdt_irqs_per_hart(FdtWriter *w, unsigned n,
                                   const VirtPhandles *ph, uint32_t a,
                                   uint32_t b)
{
    g_autofree uint32_t *cells = g_new(uint32_t, n * 4);
    unsigned i;

    for (i = 0; i < n; i++) {
        cells[i * 4 + 0] = ph->intc[i];
        cells[i * 4 + 1] = a;
        cells[i * 4 + 2] = ph->intc[i];
        cells[i * 4 + 3] = b;
    }
    fw_cells(w, "interrupts-extended", cells, n * 4);
}

static void virt_fdt_soc(FdtWriter *w, RISCVVirtState *s,
                         const VirtPhandles *ph)
{
    const MemMapEntry *map = virt_memmap;
    unsigned n = MACHINE(s)->smp_cpus;
    static const char *const test_compat[] = { "sifive,test1", "sifive,test0",
                                               "syscon", NULL };
    static const char *const plic_compat[] = { "sifive,plic-1.0.0",
                                               "riscv,plic0", NULL };
    static const char *const clint_compat[] = { "sifive,clint0", "riscv,clint0",
                                                NULL };
    int i;

    fw_begin(w, "soc");
    fw_u32(w, "#address-cells", 2);
    fw_u32(w, "#size-cells", 2);
    fw_str(w, "compatible", "simple-bus");
    fw_empty(w, "ranges");

    fw_begin(w, "rtc@%" HWADDR_PRIx, map[VIRT_RTC].base);
    fw_str(w, "compatible", "google,goldfish-rtc");
    fw_reg(w, map[VIRT_RTC].base, map[VIRT_RTC].size);
    fw_u32(w, "interrupt-parent", ph->plic);
    fw_u32(w, "interrupts", VIRT_RTC_IRQ);
    fw_end(w);

    fw_begin(w, "serial@%" HWADDR_PRIx, map[VIRT_UART0].base);
    fw_str(w, "compatible", "ns16550a");
    fw_reg(w, map[VIRT_UART0].base, map[VIRT_UART0].size);
    fw_u32(w, "clock-frequency", VIRT_SERIAL_CLOCK);
    fw_u32(w, "interrupt-parent", ph->plic);
    fw_u32(w, "interrupts", VIRT_UART0_IRQ);
    fw_end(w);

    fw_begin(w, "test@%" HWADDR_PRIx, map[VIRT_TEST].base);
    fw_strings(w, "compatible", test_compat);
    fw_reg(w, map[VIRT_TEST].base, map[VIRT_TEST].size);
    fw_u32(w, "phandle", ph->test);
    fw_end(w);

    /* Highest address first, as QEMU lists them (Linux probes in order). */
    for (i = VIRT_MMIO_COUNT - 1; i >= 0; i--) {
        hwaddr base = map[VIRT_VIRTIO].base + i * map[VIRT_VIRTIO].size;

        fw_begin(w, "virtio_mmio@%" HWADDR_PRIx, base);
        fw_str(w, "compatible", "virtio,mmio");
        fw_reg(w, base, map[VIRT_VIRTIO].size);
        fw_u32(w, "interrupt-parent", ph->plic);
        fw_u32(w, "interrupts", VIRT_VIRTIO_IRQ + i);
        fw_end(w);
    }

    fw_begin(w, "plic@%" HWADDR_PRIx, map[VIRT_PLIC].base);
    fw_u32(w, "phandle", ph->plic);
    fw_strings(w, "compatible", plic_compat);
    fw_reg(w, map[VIRT_PLIC].base, map[VIRT_PLIC].size);
    fw_u32(w, "riscv,ndev", VIRT_IRQCHIP_NUM_SOURCES);
    /* Context 2i is hart i's M-mode, 2i + 1 its S-mode external line. */
    virt_fdt_irqs_per_hart(w, n, ph, IRQ_M_EXT, IRQ_S_EXT);
    fw_empty(w, "interrupt-controller");
    fw_u32(w, "#address-cells", 0);
    fw_u32(w, "#interrupt-cells", 1);
    fw_end(w);

    fw_begin(w, "clint@%" HWADDR_PRIx, map[VIRT_CLINT].base);
    fw_strings(w, "compatible", clint_compat);
    fw_reg(w, map[VIRT_CLINT].base, map[VIRT_CLINT].size);
    virt_fdt_irqs_per_hart(w, n, ph, IRQ_M_SOFT, IRQ_M_TIMER);
    fw_end(w);

    fw_end(w);
}

/* The whole tree into buf; a libfdt error code on failure. */
static int virt_fdt_write(RISCVVirtState *s, void *buf, int bufsize)
{
    MachineState *ms = MACHINE(s);
    const MemMapEntry *map = virt_memmap;
    FdtWriter w = { .fdt = buf };
    VirtPhandles ph;
    uint32_t next_phandle = 1;
    uint32_t seed[8];
    unsigned i;

    ph.cpu = g_new(uint32_t, ms->smp_cpus);
    ph.intc = g_new(uint32_t, ms->smp_cpus);
    for (i = 0; i < ms->smp_cpus; i++) {
        ph.cpu[i] = next_phandle++;
        ph.intc[i] = next_phandle++;
    }
    ph.plic = next_phandle++;
    ph.test = next_phandle++;

    FW(&w, fdt_create(buf, bufsize));
    FW(&w, fdt_finish_reservemap(buf));
    fw_begin(&w, "%s", "");
    fw_u32(&w, "#address-cells", 2);
    fw_u32(&w, "#size-cells", 2);
    fw_str(&w, "compatible", "riscv-virtio");
    fw_str(&w, "model", "riscv-virtio,qemu");

    fw_begin(&w, "chosen");
    if (ms->kernel_cmdline && *ms->kernel_cmdline) {
        fw_str(&w, "bootargs", ms->kernel_cmdline);
    }
    {
        g_autofree char *stdout_path =
            g_strdup_printf("/soc/serial@%" HWADDR_PRIx, map[VIRT_UART0].base);

        fw_str(&w, "stdout-path", stdout_path);
    }
    /* Entropy for the guest kernel's RNG, as QEMU provides. */
    for (i = 0; i < ARRAY_SIZE(seed); i++) {
        seed[i] = g_random_int();
    }
    fw_cells(&w, "rng-seed", seed, ARRAY_SIZE(seed));
    fw_end(&w);

    /* syscon-poweroff/-reboot drive the test device (Linux drivers). */
    fw_begin(&w, "poweroff");
    fw_str(&w, "compatible", "syscon-poweroff");
    fw_u32(&w, "regmap", ph.test);
    fw_u32(&w, "offset", 0);
    fw_u32(&w, "value", 0x5555); /* the test device's "pass" exit */
    fw_end(&w);

    fw_begin(&w, "reboot");
    fw_str(&w, "compatible", "syscon-reboot");
    fw_u32(&w, "regmap", ph.test);
    fw_u32(&w, "offset", 0);
    fw_u32(&w, "value", 0x7777); /* the test device's "reset" */
    fw_end(&w);

    fw_begin(&w, "memory@%" HWADDR_PRIx, map[VIRT_DRAM].base);
    fw_str(&w, "device_type", "memory");
    fw_reg(&w, map[VIRT_DRAM].base, ms->ram_size);
    fw_end(&w);

    virt_fdt_cpus(&w, s, &ph);
    virt_fdt_soc(&w, s, &ph);

    fw_end(&w);
    FW(&w, fdt_finish(buf));

    g_free(ph.cpu);
    g_free(ph.intc);
    return w.err;
}

bool virt_create_fdt(RISCVVirtState *s, GError **errp)
{
    MachineState *ms = MACHINE(s);
    int size = 64 * KiB;

    if (ms->smp_cpus == 0) {
        error_setg(errp, "virt: no harts to describe in the device tree");
        return false;
    }
    for (;;) {
        void *buf = g_malloc0(size);
        int err = virt_fdt_write(s, buf, size);

        if (err == 0) {
            g_free(ms->fdt);
            ms->fdt_size = fdt_totalsize(buf);
            ms->fdt = g_realloc(buf, ms->fdt_size);
            return true;
        }
        g_free(buf);
        if (err != -FDT_ERR_NOSPACE || size >= VIRT_FDT_MAX_SIZE) {
            error_setg(errp, "virt: cannot create the device tree: %s",
                       fdt_strerror(err));
            return false;
        }
        size *= 2;
    }
}
