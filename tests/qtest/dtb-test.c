/*
 * The virt board's device tree (dumped with -machine dumpdtb=FILE and read
 * back with dtc/fdtget) and the boot setup: where -bios, -kernel and
 * -initrd land, the reset vector in the mask ROM, the fw_dynamic_info it
 * hands to the firmware, and the command-line errors.
 *
 * Our binary only: Debian's QEMU describes devices (PCI, flash, fw-cfg)
 * this board does not have.
 */
#include <elf.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>
#include "libqtest.h"

#define RAM_BASE              0x80000000ULL
#define MROM_BASE             0x1000ULL
#define FDT_MAGIC             0xd00dfeedU
#define FW_DYNAMIC_INFO_MAGIC 0x4942534fULL
#define KERNEL_SIZE           4096
#define INITRD_SIZE           3000
#define FW_SIZE               512

static char *tmpdir;
static char *kernel_path, *initrd_path, *fw_path, *fw_elf_path;
static bool have_dt_tools;

static char *tmp_path(const char *name)
{
    return g_build_filename(tmpdir, name, NULL);
}

static char *make_file(const char *name, size_t len, uint8_t seed)
{
    g_autofree uint8_t *data = g_malloc(len);
    char *path = tmp_path(name);
    size_t i;

    for (i = 0; i < len; i++) {
        data[i] = (uint8_t)(i * 13 + seed);
    }
    g_assert_true(g_file_set_contents(path, (char *)data, len, NULL));
    return path;
}

static void le16(uint8_t *p, uint16_t v)
{
    v = GUINT16_TO_LE(v);
    memcpy(p, &v, 2);
}

static void le32(uint8_t *p, uint32_t v)
{
    v = GUINT32_TO_LE(v);
    memcpy(p, &v, 4);
}

static void le64(uint8_t *p, uint64_t v)
{
    v = GUINT64_TO_LE(v);
    memcpy(p, &v, 8);
}

/* An ELF64 RISC-V executable: one segment of len bytes at paddr. */
static char *make_elf(const char *name, uint16_t machine, uint64_t paddr,
                      uint64_t entry, size_t len)
{
    size_t off = sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr);
    g_autofree uint8_t *f = g_malloc0(off + len);
    uint8_t *ph = f + sizeof(Elf64_Ehdr);
    char *path = tmp_path(name);
    size_t i;

    memcpy(f, ELFMAG, SELFMAG);
    f[EI_CLASS] = ELFCLASS64;
    f[EI_DATA] = ELFDATA2LSB;
    f[EI_VERSION] = EV_CURRENT;
    le16(f + offsetof(Elf64_Ehdr, e_type), ET_EXEC);
    le16(f + offsetof(Elf64_Ehdr, e_machine), machine);
    le32(f + offsetof(Elf64_Ehdr, e_version), EV_CURRENT);
    le64(f + offsetof(Elf64_Ehdr, e_entry), entry);
    le64(f + offsetof(Elf64_Ehdr, e_phoff), sizeof(Elf64_Ehdr));
    le16(f + offsetof(Elf64_Ehdr, e_ehsize), sizeof(Elf64_Ehdr));
    le16(f + offsetof(Elf64_Ehdr, e_phentsize), sizeof(Elf64_Phdr));
    le16(f + offsetof(Elf64_Ehdr, e_phnum), 1);
    le32(ph + offsetof(Elf64_Phdr, p_type), PT_LOAD);
    le32(ph + offsetof(Elf64_Phdr, p_flags), PF_R | PF_X);
    le64(ph + offsetof(Elf64_Phdr, p_offset), off);
    le64(ph + offsetof(Elf64_Phdr, p_vaddr), paddr);
    le64(ph + offsetof(Elf64_Phdr, p_paddr), paddr);
    le64(ph + offsetof(Elf64_Phdr, p_filesz), len);
    le64(ph + offsetof(Elf64_Phdr, p_memsz), len);
    for (i = 0; i < len; i++) {
        f[off + i] = (uint8_t)(i ^ 0x5a);
    }
    g_assert_true(g_file_set_contents(path, (char *)f, off + len, NULL));
    return path;
}

/*
 * Run "-M virt,dumpdtb=FILE -bios none ARGS" and check it exits 0 saying
 * so; returns the dump's path.
 */
static char *dump_dtb(const char *name, const char *args)
{
    char *dtb = tmp_path(name);
    g_autofree char *cmd =
        g_strdup_printf("-M virt,dumpdtb=%s -bios none %s", dtb, args);
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *msg = g_strdup_printf("dtb dumped to %s. Exiting.", dtb);
    int status = qtest_run_binary(cmd, &out, &err);

    if (status != 0 || !strstr(err, msg)) {
        g_error("%s: exit status %d, stderr: %s", cmd, status, err);
    }
    return dtb;
}

/* Run a tool; its stdout (trimmed) if it exits 0, else NULL. */
static char *run_tool(const char *const *argv)
{
    g_autofree char *out = NULL;
    g_autoptr(GError) err = NULL;
    int status;

    if (!g_spawn_sync(NULL, (char **)argv, NULL,
                      G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                      NULL, &out, NULL, &status, &err)) {
        g_error("cannot run %s: %s", argv[0], err->message);
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        return NULL;
    }
    return g_strdup(g_strstrip(out));
}

/* fdtget -t TYPE DTB NODE PROP, or NULL if the property is missing. */
static char *fdtget(const char *dtb, const char *type, const char *node,
                    const char *prop)
{
    const char *argv[] = { "fdtget", "-t", type, dtb, node, prop, NULL };

    return run_tool(argv);
}

static char *fdtget_str(const char *dtb, const char *node, const char *prop)
{
    return fdtget(dtb, "s", node, prop);
}

/* A property as cells (fdtget -t x); aborts if it is missing. */
static GArray *fdtget_cells(const char *dtb, const char *node, const char *prop)
{
    g_autofree char *text = fdtget(dtb, "x", node, prop);
    g_auto(GStrv) words = NULL;
    GArray *cells = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    int i;

    if (!text) {
        g_error("%s: no property %s in %s", dtb, prop, node);
    }
    words = g_strsplit_set(text, " \n", -1);
    for (i = 0; words[i]; i++) {
        if (*words[i]) {
            uint32_t v = g_ascii_strtoull(words[i], NULL, 16);

            g_array_append_val(cells, v);
        }
    }
    return cells;
}

static uint32_t fdtget_u32(const char *dtb, const char *node, const char *prop)
{
    g_autoptr(GArray) cells = fdtget_cells(dtb, node, prop);

    g_assert_cmpuint(cells->len, ==, 1);
    return g_array_index(cells, uint32_t, 0);
}

static uint64_t fdtget_u64(const char *dtb, const char *node, const char *prop)
{
    g_autoptr(GArray) cells = fdtget_cells(dtb, node, prop);

    g_assert_cmpuint(cells->len, ==, 2);
    return ((uint64_t)g_array_index(cells, uint32_t, 0) << 32) |
           g_array_index(cells, uint32_t, 1);
}

/* Subnode names of node, in order. */
static char **fdtget_subnodes(const char *dtb, const char *node)
{
    const char *argv[] = { "fdtget", "-l", dtb, node, NULL };
    g_autofree char *out = run_tool(argv);

    g_assert_nonnull(out);
    return g_strsplit(out, "\n", -1);
}

static void assert_str_prop(const char *dtb, const char *node, const char *prop,
                            const char *expect)
{
    g_autofree char *s = fdtget_str(dtb, node, prop);

    if (g_strcmp0(s, expect) != 0) {
        g_error("%s %s: \"%s\", expected \"%s\"", node, prop, s, expect);
    }
}

static void assert_str_prefix(const char *dtb, const char *node,
                              const char *prop, const char *prefix)
{
    g_autofree char *s = fdtget_str(dtb, node, prop);

    if (!s || !g_str_has_prefix(s, prefix)) {
        g_error("%s %s: \"%s\", expected \"%s...\"", node, prop, s, prefix);
    }
}

static bool dt_tools_or_skip(void)
{
    if (!have_dt_tools) {
        g_test_skip("dtc/fdtget not installed (package device-tree-compiler)");
    }
    return have_dt_tools;
}

static void assert_dtc_accepts(const char *dtb)
{
    const char *argv[] = { "dtc", "-I",        "dtb", "-O", "dts",
                           "-o",  "/dev/null", dtb,   NULL };
    g_autofree char *out = run_tool(argv);

    if (!out) {
        g_error("dtc rejects %s", dtb);
    }
}

static void assert_cells(GArray *cells, const uint32_t *expect, unsigned n)
{
    unsigned i;

    g_assert_cmpuint(cells->len, ==, n);
    for (i = 0; i < n; i++) {
        g_assert_cmphex(g_array_index(cells, uint32_t, i), ==, expect[i]);
    }
}

static void test_tree(void)
{
    g_autofree char *args = NULL, *dtb = NULL;
    g_auto(GStrv) cpus = NULL, soc = NULL;
    uint32_t intc[4], plic, test;
    uint32_t plic_irqs[16], clint_irqs[16];
    unsigned i, ncpus = 0, nvirtio = 0;

    if (!dt_tools_or_skip()) {
        return;
    }
    args = g_strdup_printf(
        "-smp 4 -m 2G -kernel %s -append 'console=ttyS0 foo'", kernel_path);
    dtb = dump_dtb("tree.dtb", args);
    assert_dtc_accepts(dtb);

    assert_str_prop(dtb, "/", "compatible", "riscv-virtio");
    assert_str_prop(dtb, "/", "model", "riscv-virtio,qemu");
    g_assert_cmpuint(fdtget_u32(dtb, "/", "#address-cells"), ==, 2);
    g_assert_cmpuint(fdtget_u32(dtb, "/", "#size-cells"), ==, 2);

    /* chosen: the command line and the console, no initrd */
    assert_str_prop(dtb, "/chosen", "bootargs", "console=ttyS0 foo");
    assert_str_prop(dtb, "/chosen", "stdout-path", "/soc/serial@10000000");
    g_assert_null(fdtget(dtb, "x", "/chosen", "linux,initrd-start"));

    /* memory: 2 GiB at RAM_BASE */
    {
        g_autoptr(GArray) reg = fdtget_cells(dtb, "/memory@80000000", "reg");
        const uint32_t expect[] = { 0, 0x80000000, 0, 0x80000000 };

        assert_cells(reg, expect, 4);
        assert_str_prop(dtb, "/memory@80000000", "device_type", "memory");
    }

    /* cpus: four harts, each with its interrupt controller */
    g_assert_cmpuint(fdtget_u32(dtb, "/cpus", "timebase-frequency"), ==,
                     10000000);
    g_assert_cmpuint(fdtget_u32(dtb, "/cpus", "#address-cells"), ==, 1);
    g_assert_cmpuint(fdtget_u32(dtb, "/cpus", "#size-cells"), ==, 0);
    cpus = fdtget_subnodes(dtb, "/cpus");
    for (i = 0; cpus[i]; i++) {
        ncpus += g_str_has_prefix(cpus[i], "cpu@");
    }
    g_assert_cmpuint(ncpus, ==, 4);
    for (i = 0; i < 4; i++) {
        g_autofree char *cpu = g_strdup_printf("/cpus/cpu@%u", i);
        g_autofree char *ic = g_strdup_printf("%s/interrupt-controller", cpu);
        g_autofree char *core =
            g_strdup_printf("/cpus/cpu-map/cluster0/core%u", i);

        g_assert_cmpuint(fdtget_u32(dtb, cpu, "reg"), ==, i);
        assert_str_prop(dtb, cpu, "device_type", "cpu");
        assert_str_prop(dtb, cpu, "status", "okay");
        assert_str_prefix(dtb, cpu, "riscv,isa", "rv64ima");
        assert_str_prefix(dtb, cpu, "mmu-type", "riscv,sv");
        assert_str_prop(dtb, ic, "compatible", "riscv,cpu-intc");
        g_assert_cmpuint(fdtget_u32(dtb, ic, "#interrupt-cells"), ==, 1);
        intc[i] = fdtget_u32(dtb, ic, "phandle");
        g_assert_cmpuint(fdtget_u32(dtb, core, "cpu"), ==,
                         fdtget_u32(dtb, cpu, "phandle"));
    }

    /* PLIC: 96 sources; M and S external lines of every hart */
    plic = fdtget_u32(dtb, "/soc/plic@c000000", "phandle");
    g_assert_cmpuint(fdtget_u32(dtb, "/soc/plic@c000000", "riscv,ndev"), ==,
                     96);
    for (i = 0; i < 4; i++) {
        plic_irqs[i * 4 + 0] = intc[i];
        plic_irqs[i * 4 + 1] = 11;
        plic_irqs[i * 4 + 2] = intc[i];
        plic_irqs[i * 4 + 3] = 9;
        clint_irqs[i * 4 + 0] = intc[i];
        clint_irqs[i * 4 + 1] = 3;
        clint_irqs[i * 4 + 2] = intc[i];
        clint_irqs[i * 4 + 3] = 7;
    }
    {
        g_autoptr(GArray) ie =
            fdtget_cells(dtb, "/soc/plic@c000000", "interrupts-extended");
        g_autoptr(GArray) reg = fdtget_cells(dtb, "/soc/plic@c000000", "reg");
        const uint32_t expect_reg[] = { 0, 0xc000000, 0, 0x600000 };

        assert_cells(ie, plic_irqs, 16);
        assert_cells(reg, expect_reg, 4);
    }
    {
        g_autoptr(GArray) ie =
            fdtget_cells(dtb, "/soc/clint@2000000", "interrupts-extended");
        g_autoptr(GArray) reg = fdtget_cells(dtb, "/soc/clint@2000000", "reg");
        const uint32_t expect_reg[] = { 0, 0x2000000, 0, 0x10000 };

        assert_cells(ie, clint_irqs, 16);
        assert_cells(reg, expect_reg, 4);
    }

    /* UART and RTC interrupts go to the PLIC */
    g_assert_cmpuint(fdtget_u32(dtb, "/soc/serial@10000000", "interrupts"), ==,
                     10);
    g_assert_cmpuint(
        fdtget_u32(dtb, "/soc/serial@10000000", "interrupt-parent"), ==, plic);
    g_assert_cmphex(fdtget_u32(dtb, "/soc/serial@10000000", "clock-frequency"),
                    ==, 0x384000);
    g_assert_cmpuint(fdtget_u32(dtb, "/soc/rtc@101000", "interrupts"), ==, 11);
    g_assert_cmpuint(fdtget_u32(dtb, "/soc/rtc@101000", "interrupt-parent"), ==,
                     plic);

    /* poweroff/reboot point at the test device */
    test = fdtget_u32(dtb, "/soc/test@100000", "phandle");
    g_assert_cmpuint(fdtget_u32(dtb, "/poweroff", "regmap"), ==, test);
    g_assert_cmphex(fdtget_u32(dtb, "/poweroff", "value"), ==, 0x5555);
    g_assert_cmpuint(fdtget_u32(dtb, "/reboot", "regmap"), ==, test);
    g_assert_cmphex(fdtget_u32(dtb, "/reboot", "value"), ==, 0x7777);

    /* eight virtio-mmio transports, highest address first, IRQs 1..8 */
    soc = fdtget_subnodes(dtb, "/soc");
    for (i = 0; soc[i]; i++) {
        if (g_str_has_prefix(soc[i], "virtio_mmio@")) {
            unsigned n = 8 - nvirtio;
            g_autofree char *want =
                g_strdup_printf("virtio_mmio@%x", 0x10000000 + n * 0x1000);
            g_autofree char *node = g_strdup_printf("/soc/%s", soc[i]);

            g_assert_cmpstr(soc[i], ==, want);
            g_assert_cmpuint(fdtget_u32(dtb, node, "interrupts"), ==, n);
            g_assert_cmpuint(fdtget_u32(dtb, node, "interrupt-parent"), ==,
                             plic);
            nvirtio++;
        }
    }
    g_assert_cmpuint(nvirtio, ==, 8);
}

/*
 * The ISA string of hart 0 with -cpu CPU: each extension of `on` is in
 * it and none of `off` (space-separated lists of multi-letter names).
 */
static void assert_isa(const char *name, const char *cpu, const char *on,
                       const char *off)
{
    g_autofree char *args = g_strdup_printf("-cpu %s", cpu);
    g_autofree char *dtb = dump_dtb(name, args);
    g_autofree char *isa = fdtget_str(dtb, "/cpus/cpu@0", "riscv,isa");
    g_auto(GStrv) parts = g_strsplit(isa, "_", -1);
    g_auto(GStrv) want = g_strsplit(on, " ", -1);
    g_auto(GStrv) nowant = g_strsplit(off, " ", -1);

    g_assert_true(g_str_has_prefix(isa, "rv64imafdc"));
    for (unsigned i = 0; want[i]; i++) {
        if (!g_strv_contains((const char *const *)parts, want[i])) {
            g_error("-cpu %s: riscv,isa \"%s\" lacks %s", cpu, isa, want[i]);
        }
    }
    for (unsigned i = 0; nowant[i]; i++) {
        if (g_strv_contains((const char *const *)parts, nowant[i])) {
            g_error("-cpu %s: riscv,isa \"%s\" has %s", cpu, isa, nowant[i]);
        }
    }
}

/* The extensions and their defaults (QEMU 7.2's where it has them). */
static void test_isa_string(void)
{
    if (!dt_tools_or_skip()) {
        return;
    }
    assert_isa("isa-default.dtb", "rv64",
               "zicbom zicbop zicboz zicsr zifencei zihintpause zba zbb zbc "
               "zbs sstc",
               "zbkb zbkc zbkx zfh zfhmin");
    assert_isa("isa-toggled.dtb",
               "rv64,Zihintpause=off,zbc=off,zbkb=on,zbkc=on,zbkx=on,"
               "zicbom=off,zicbop=off,zicboz=off",
               "zbkb zbkc zbkx", "zihintpause zbc zicbom zicbop zicboz");
    /* Zfh includes Zfhmin; QEMU 7.2 names only zfh. */
    assert_isa("isa-zfh.dtb", "rv64,Zfh=on", "zfh zfhmin", "");
    assert_isa("isa-zfhmin.dtb", "rv64,Zfhmin=on", "zfhmin", "zfh");
}

/* Zicbom/Zicboz block sizes: 64 unless set, absent without the extension. */
static void test_cbo_block_sizes(void)
{
    g_autofree char *def = NULL, *set = NULL, *off = NULL;

    if (!dt_tools_or_skip()) {
        return;
    }
    def = dump_dtb("cbo-default.dtb", "-cpu rv64");
    g_assert_cmpuint(fdtget_u32(def, "/cpus/cpu@0", "riscv,cbom-block-size"),
                     ==, 64);
    g_assert_cmpuint(fdtget_u32(def, "/cpus/cpu@0", "riscv,cboz-block-size"),
                     ==, 64);
    set = dump_dtb("cbo-set.dtb",
                   "-cpu rv64,cbom_blocksize=128,cboz_blocksize=256");
    g_assert_cmpuint(fdtget_u32(set, "/cpus/cpu@0", "riscv,cbom-block-size"),
                     ==, 128);
    g_assert_cmpuint(fdtget_u32(set, "/cpus/cpu@0", "riscv,cboz-block-size"),
                     ==, 256);
    off = dump_dtb("cbo-off.dtb", "-cpu rv64,zicbom=off,zicboz=off");
    g_assert_null(fdtget(off, "u", "/cpus/cpu@0", "riscv,cbom-block-size"));
    g_assert_null(fdtget(off, "u", "/cpus/cpu@0", "riscv,cboz-block-size"));
}

/* The initrd range in /chosen covers the file, in RAM, after the kernel. */
static void test_initrd_range(void)
{
    g_autofree char *args = NULL, *dtb = NULL;
    uint64_t start, end;

    if (!dt_tools_or_skip()) {
        return;
    }
    args = g_strdup_printf("-m 1G -kernel %s -initrd %s", kernel_path,
                           initrd_path);
    dtb = dump_dtb("initrd.dtb", args);
    assert_dtc_accepts(dtb);
    start = fdtget_u64(dtb, "/chosen", "linux,initrd-start");
    end = fdtget_u64(dtb, "/chosen", "linux,initrd-end");
    g_assert_cmphex(end - start, ==, INITRD_SIZE);
    g_assert_cmphex(start, >=, RAM_BASE + KERNEL_SIZE);
    g_assert_cmphex(end, <=, RAM_BASE + 1024 * 1024 * 1024);
    g_assert_null(fdtget(dtb, "s", "/chosen", "bootargs"));
}

/* -dtb replaces the generated tree; bootargs still come from -append. */
static void test_dtb_option(void)
{
    g_autofree char *args = NULL, *first = NULL, *second = NULL;
    g_auto(GStrv) cpus = NULL;

    if (!dt_tools_or_skip()) {
        return;
    }
    args = g_strdup_printf("-smp 3 -kernel %s -append one", kernel_path);
    first = dump_dtb("first.dtb", args);
    g_free(args);
    args = g_strdup_printf("-smp 1 -dtb %s -kernel %s -append two", first,
                           kernel_path);
    second = dump_dtb("second.dtb", args);
    assert_dtc_accepts(second);
    assert_str_prop(second, "/chosen", "bootargs", "two");
    cpus = fdtget_subnodes(second, "/cpus");
    g_assert_cmpstr(cpus[0], ==, "cpu@0");
    g_assert_cmpstr(cpus[2], ==, "cpu@2"); /* the file's three harts */
}

/* The command fails with status 1 and stderr containing msg. */
static void assert_fails(const char *args, const char *msg)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary(args, &out, &err);

    if (status != 1 || !strstr(err, msg)) {
        g_error("%s: exit status %d (expected 1), stderr \"%s\" (expected "
                "\"%s\")",
                args, status, err, msg);
    }
}

/*
 * A malformed version-9 tree (found by tests/fuzz/fuzz-dtb): libfdt
 * 1.6.1's checks read through a NULL pointer on it, so only version 17 is
 * taken.
 */
static char *make_old_version_dtb(void)
{
    static const uint8_t data[] = {
        0xd0, 0x0d, 0xfe, 0xed, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00,
        0x38, 0x00, 0x00, 0x00, 0x48, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00,
        0x00, 0x09, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x09, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x09,
    };
    char *path = tmp_path("version-9.dtb");

    g_assert_true(
        g_file_set_contents(path, (const char *)data, sizeof(data), NULL));
    return path;
}

static void test_errors(void)
{
    g_autofree char *garbage = make_file("garbage.dtb", 100, 1);
    g_autofree char *x86 =
        make_elf("x86.elf", EM_X86_64, RAM_BASE, RAM_BASE, 64);
    g_autofree char *outside =
        make_elf("outside.elf", EM_RISCV, 0x40000000, 0x40000000, 64);
    g_autofree char *missing = tmp_path("missing");
    g_autofree char *old_version = make_old_version_dtb();
    g_autofree char *args = NULL;

    assert_fails("-M virt -bios none -append 'console=ttyS0'",
                 "-append only allowed with -kernel option");
    args = g_strdup_printf("-M virt -bios none -initrd %s", initrd_path);
    assert_fails(args, "-initrd only allowed with -kernel option");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -kernel %s", x86);
    assert_fails(args, "is not RISC-V");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -kernel %s", outside);
    assert_fails(args, "not inside RAM or ROM");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -kernel %s", missing);
    assert_fails(args, "could not load kernel");
    g_free(args);
    args = g_strdup_printf("-M virt -bios %s", missing);
    assert_fails(args, "Unable to load the RISC-V firmware");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -kernel %s -initrd %s",
                           kernel_path, missing);
    assert_fails(args, "could not load ramdisk");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -dtb %s", garbage);
    assert_fails(args, "FDT_ERR_BADMAGIC");
    g_free(args);
    args = g_strdup_printf("-M virt -bios none -dtb %s", old_version);
    assert_fails(args, "FDT_ERR_BADVERSION");
}

/* Memory at addr holds the bytes of file. */
static void assert_mem_is_file(QTestState *qts, uint64_t addr, const char *file)
{
    g_autofree char *data = NULL;
    g_autofree uint8_t *mem = NULL;
    gsize len;

    g_assert_true(g_file_get_contents(file, &data, &len, NULL));
    mem = g_malloc(len);
    qtest_memread(qts, addr, mem, len);
    g_assert_cmpmem(mem, len, data, len);
}

/*
 * The reset vector: our code (a0 = mhartid, a1 = fdt, a2 = &info, jump),
 * then the jump target, the fdt address and fw_dynamic_info.
 */
static void assert_reset_vector(QTestState *qts, uint64_t entry,
                                uint64_t next_addr)
{
    static const uint32_t code[] = {
        0x00000297, /* auipc t0, 0 */
        0x02828613, /* addi a2, t0, 40 */
        0xf1402573, /* csrr a0, mhartid */
        0x0202b583, /* ld a1, 32(t0) */
        0x0182b283, /* ld t0, 24(t0) */
        0x00028067, /* jr t0 */
    };
    uint64_t fdt;
    unsigned i;

    for (i = 0; i < G_N_ELEMENTS(code); i++) {
        g_assert_cmphex(qtest_readl(qts, MROM_BASE + 4 * i), ==, code[i]);
    }
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 24), ==, entry);
    fdt = qtest_readq(qts, MROM_BASE + 32);
    g_assert_cmphex(fdt % (2 * 1024 * 1024), ==, 0);
    g_assert_cmphex(GUINT32_FROM_BE(qtest_readl(qts, fdt)), ==, FDT_MAGIC);
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 40), ==,
                    FW_DYNAMIC_INFO_MAGIC);
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 48), ==, 2); /* version */
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 56), ==, next_addr);
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 64), ==, 1); /* S-mode */
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 72), ==, 0); /* options */
    g_assert_cmphex(qtest_readq(qts, MROM_BASE + 80), ==, 0); /* boot hart */
}

/* -bios none: the kernel at RAM_BASE, entered straight from the ROM. */
static void test_boot_kernel_only(void)
{
    g_autofree char *dtb = NULL, *args = NULL;
    QTestState *qts;
    uint64_t start = 0;

    if (have_dt_tools) {
        args = g_strdup_printf("-m 256M -kernel %s -initrd %s", kernel_path,
                               initrd_path);
        dtb = dump_dtb("boot.dtb", args);
        start = fdtget_u64(dtb, "/chosen", "linux,initrd-start");
    }
    qts = qtest_initf("-M virt -m 256M -bios none -kernel %s -initrd %s",
                      kernel_path, initrd_path);
    assert_mem_is_file(qts, RAM_BASE, kernel_path);
    if (start) {
        assert_mem_is_file(qts, start, initrd_path);
    }
    assert_reset_vector(qts, RAM_BASE, RAM_BASE);
    qtest_quit(qts);
}

/* -bios none and nothing else: the ROM jumps to the start of RAM. */
static void test_boot_nothing(void)
{
    QTestState *qts = qtest_init("-M virt -bios none");

    assert_reset_vector(qts, RAM_BASE, 0);
    qtest_quit(qts);
}

/* Raw firmware at RAM_BASE; a raw kernel on the next 2 MiB boundary. */
static void test_boot_firmware_raw(void)
{
    QTestState *qts =
        qtest_initf("-M virt -bios %s -kernel %s", fw_path, kernel_path);

    assert_mem_is_file(qts, RAM_BASE, fw_path);
    assert_mem_is_file(qts, RAM_BASE + 0x200000, kernel_path);
    assert_reset_vector(qts, RAM_BASE, RAM_BASE + 0x200000);
    qtest_quit(qts);
}

/*
 * ELF firmware: loaded at its addresses, but the ROM enters the start of
 * RAM, as QEMU's virt does (the ELF's entry point is not used).
 */
static void test_boot_firmware_elf(void)
{
    QTestState *qts = qtest_initf("-M virt -bios %s", fw_elf_path);

    g_assert_cmphex(qtest_readb(qts, RAM_BASE + 0x41), ==, 0x41 ^ 0x5a);
    assert_reset_vector(qts, RAM_BASE, 0);
    qtest_quit(qts);
}

/*
 * QEMU_FIRMWARE_DIR/fw_dynamic.bin is the default firmware. (-bios default
 * is spelt out: libqtest may add -bios none.)
 */
static void test_boot_firmware_dir(void)
{
    g_autofree char *dir = tmp_path("fwdir");
    g_autofree char *fw = NULL;
    g_autofree char *data = NULL;
    gsize len;
    QTestState *qts;

    g_assert_cmpint(g_mkdir(dir, 0700), ==, 0);
    fw = g_build_filename(dir, "fw_dynamic.bin", NULL);
    g_assert_true(g_file_get_contents(fw_path, &data, &len, NULL));
    g_assert_true(g_file_set_contents(fw, data, len, NULL));
    g_setenv("QEMU_FIRMWARE_DIR", dir, TRUE);
    qts = qtest_initf("-M virt -bios default -kernel %s", kernel_path);
    g_unsetenv("QEMU_FIRMWARE_DIR");
    assert_mem_is_file(qts, RAM_BASE, fw);
    assert_reset_vector(qts, RAM_BASE, RAM_BASE + 0x200000);
    qtest_quit(qts);
    g_unlink(fw);
    g_rmdir(dir);
}

/* A system reset loads the images again. */
static void test_boot_reset_reloads(void)
{
    QTestState *qts = qtest_initf("-M virt -bios none -kernel %s", kernel_path);
    JsonObject *rsp;

    qtest_memset(qts, RAM_BASE, 0, KERNEL_SIZE);
    g_assert_cmphex(qtest_readq(qts, RAM_BASE), ==, 0);
    rsp = qtest_qmp(qts, "{'execute': 'system_reset'}");
    g_assert_false(qmp_has_error(rsp));
    json_object_unref(rsp);
    json_object_unref(qtest_qmp_eventwait(qts, "RESET"));
    assert_mem_is_file(qts, RAM_BASE, kernel_path);
    qtest_quit(qts);
}

static void remove_tmpdir(void)
{
    g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
    const char *name;

    while (dir && (name = g_dir_read_name(dir))) {
        g_autofree char *path = tmp_path(name);

        g_unlink(path);
    }
    g_rmdir(tmpdir);
}

int main(int argc, char **argv)
{
    g_autofree char *dtc = g_find_program_in_path("dtc");
    g_autofree char *fdtget_prog = g_find_program_in_path("fdtget");
    int ret;

    g_test_init(&argc, &argv, NULL);
    have_dt_tools = dtc && fdtget_prog;
    tmpdir = g_dir_make_tmp("dtb-test-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);
    kernel_path = make_file("Image", KERNEL_SIZE, 7);
    initrd_path = make_file("initrd", INITRD_SIZE, 99);
    fw_path = make_file("fw.bin", FW_SIZE, 42);
    fw_elf_path = make_elf("fw.elf", EM_RISCV, RAM_BASE, RAM_BASE + 0x40, 256);

    qtest_add_func("/dtb/virt/tree", test_tree);
    qtest_add_func("/dtb/virt/isa-string", test_isa_string);
    qtest_add_func("/dtb/virt/cbo-block-sizes", test_cbo_block_sizes);
    qtest_add_func("/dtb/virt/initrd-range", test_initrd_range);
    qtest_add_func("/dtb/virt/dtb-option", test_dtb_option);
    qtest_add_func("/boot/virt/errors", test_errors);
    qtest_add_func("/boot/virt/kernel-only", test_boot_kernel_only);
    qtest_add_func("/boot/virt/nothing", test_boot_nothing);
    qtest_add_func("/boot/virt/firmware-raw", test_boot_firmware_raw);
    qtest_add_func("/boot/virt/firmware-elf", test_boot_firmware_elf);
    qtest_add_func("/boot/virt/firmware-dir", test_boot_firmware_dir);
    qtest_add_func("/boot/virt/reset-reloads", test_boot_reset_reloads);
    ret = g_test_run();

    remove_tmpdir();
    g_free(kernel_path);
    g_free(initrd_path);
    g_free(fw_path);
    g_free(fw_elf_path);
    return ret;
}
