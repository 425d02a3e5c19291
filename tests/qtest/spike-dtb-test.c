/*
 * The spike board's device tree, dumped with -machine dumpdtb=FILE and
 * turned into source with dtc: node for node as QEMU 7.2's spike, except
 * the harts' riscv,isa strings (the CPU's extensions differ), which are
 * only checked to name an RV64 hart.
 */
#include <glib/gstdio.h>
#include "libqtest.h"

/* -M spike -smp 2 -m 256, riscv,isa lines taken out. */
static const char expected_smp2[] =
    "/dts-v1/;\n"
    "\n"
    "/ {\n"
    "\t#address-cells = <0x02>;\n"
    "\t#size-cells = <0x02>;\n"
    "\tcompatible = \"ucbbar,spike-bare-dev\";\n"
    "\tmodel = \"ucbbar,spike-bare,qemu\";\n"
    "\n"
    "\tchosen {\n"
    "\t\tstdout-path = \"/htif\";\n"
    "\t};\n"
    "\n"
    "\tmemory@80000000 {\n"
    "\t\tdevice_type = \"memory\";\n"
    "\t\treg = <0x00 0x80000000 0x00 0x10000000>;\n"
    "\t};\n"
    "\n"
    "\tcpus {\n"
    "\t\t#address-cells = <0x01>;\n"
    "\t\t#size-cells = <0x00>;\n"
    "\t\ttimebase-frequency = <0x989680>;\n"
    "\n"
    "\t\tcpu@0 {\n"
    "\t\t\tphandle = <0x03>;\n"
    "\t\t\tdevice_type = \"cpu\";\n"
    "\t\t\treg = <0x00>;\n"
    "\t\t\tstatus = \"okay\";\n"
    "\t\t\tcompatible = \"riscv\";\n"
    "\t\t\tmmu-type = \"riscv,sv48\";\n"
    "\n"
    "\t\t\tinterrupt-controller {\n"
    "\t\t\t\t#interrupt-cells = <0x01>;\n"
    "\t\t\t\tinterrupt-controller;\n"
    "\t\t\t\tcompatible = \"riscv,cpu-intc\";\n"
    "\t\t\t\tphandle = <0x04>;\n"
    "\t\t\t};\n"
    "\t\t};\n"
    "\n"
    "\t\tcpu@1 {\n"
    "\t\t\tphandle = <0x01>;\n"
    "\t\t\tdevice_type = \"cpu\";\n"
    "\t\t\treg = <0x01>;\n"
    "\t\t\tstatus = \"okay\";\n"
    "\t\t\tcompatible = \"riscv\";\n"
    "\t\t\tmmu-type = \"riscv,sv48\";\n"
    "\n"
    "\t\t\tinterrupt-controller {\n"
    "\t\t\t\t#interrupt-cells = <0x01>;\n"
    "\t\t\t\tinterrupt-controller;\n"
    "\t\t\t\tcompatible = \"riscv,cpu-intc\";\n"
    "\t\t\t\tphandle = <0x02>;\n"
    "\t\t\t};\n"
    "\t\t};\n"
    "\n"
    "\t\tcpu-map {\n"
    "\n"
    "\t\t\tcluster0 {\n"
    "\n"
    "\t\t\t\tcore0 {\n"
    "\t\t\t\t\tcpu = <0x03>;\n"
    "\t\t\t\t};\n"
    "\n"
    "\t\t\t\tcore1 {\n"
    "\t\t\t\t\tcpu = <0x01>;\n"
    "\t\t\t\t};\n"
    "\t\t\t};\n"
    "\t\t};\n"
    "\t};\n"
    "\n"
    "\tsoc {\n"
    "\t\t#address-cells = <0x02>;\n"
    "\t\t#size-cells = <0x02>;\n"
    "\t\tcompatible = \"simple-bus\";\n"
    "\t\tranges;\n"
    "\n"
    "\t\tclint@2000000 {\n"
    "\t\t\tinterrupts-extended = <0x04 0x03 0x04 0x07 0x02 0x03 0x02 0x07>;\n"
    "\t\t\treg = <0x00 0x2000000 0x00 0x10000>;\n"
    "\t\t\tcompatible = \"sifive,clint0\\0riscv,clint0\";\n"
    "\t\t};\n"
    "\t};\n"
    "\n"
    "\thtif {\n"
    "\t\treg = <0x00 0x1000000 0x00 0x1000>;\n"
    "\t\tcompatible = \"ucb,htif0\";\n"
    "\t};\n"
    "};\n";

/* Dump the tree for args; the dts text with riscv,isa lines separate. */
static char *dump_dts(const char *args, GPtrArray *isa_lines)
{
    g_autofree char *dir = g_dir_make_tmp("spike-dtb-XXXXXX", NULL);
    g_autofree char *dtb = NULL, *cmd = NULL, *out = NULL, *err = NULL;
    g_autofree char *dts = NULL, *dtc_err = NULL;
    g_auto(GStrv) lines = NULL;
    GString *kept = g_string_new("");
    const char *argv[] = { "dtc", "-I", "dtb", "-O", "dts", NULL, NULL };
    int status;

    g_assert(dir);
    dtb = g_build_filename(dir, "spike.dtb", NULL);
    cmd = g_strdup_printf("-M spike,dumpdtb=%s %s", dtb, args);
    g_assert_cmpint(qtest_run_binary(cmd, &out, &err), ==, 0);
    argv[5] = dtb;
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &dts, &dtc_err, &status, NULL));
    g_assert_true(g_spawn_check_wait_status(status, NULL));
    g_unlink(dtb);
    g_rmdir(dir);

    lines = g_strsplit(dts, "\n", -1);
    for (int i = 0; lines[i]; i++) {
        if (strstr(lines[i], "riscv,isa")) {
            g_ptr_array_add(isa_lines, g_strdup(lines[i]));
            continue;
        }
        g_string_append(kept, lines[i]);
        if (lines[i + 1]) {
            g_string_append_c(kept, '\n');
        }
    }
    return g_string_free(kept, FALSE);
}

static bool have_dtc(void)
{
    g_autofree char *dtc = g_find_program_in_path("dtc");

    if (!dtc) {
        g_test_skip("dtc not found");
    }
    return dtc != NULL;
}

static void test_smp2(void)
{
    g_autoptr(GPtrArray) isa = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *dts = NULL;

    if (!have_dtc()) {
        return;
    }
    dts = dump_dts("-smp 2 -m 256", isa);
    g_assert_cmpstr(dts, ==, expected_smp2);
    g_assert_cmpuint(isa->len, ==, 2);
    for (guint i = 0; i < isa->len; i++) {
        g_assert_nonnull(
            strstr(g_ptr_array_index(isa, i), "riscv,isa = \"rv64imafdc"));
    }
}

/* Defaults: one hart, 128 MiB; the fixed HTIF is described by reg. */
static void test_defaults(void)
{
    g_autoptr(GPtrArray) isa = g_ptr_array_new_with_free_func(g_free);
    g_autofree char *dts = NULL;

    if (!have_dtc()) {
        return;
    }
    dts = dump_dts("", isa);
    g_assert_cmpuint(isa->len, ==, 1);
    g_assert_nonnull(
        strstr(dts, "\treg = <0x00 0x80000000 0x00 0x8000000>;\n"));
    g_assert_nonnull(strstr(dts, "\t\t\tinterrupts-extended = "
                                 "<0x02 0x03 0x02 0x07>;\n"));
    g_assert_nonnull(strstr(dts, "\thtif {\n"
                                 "\t\treg = <0x00 0x1000000 0x00 0x1000>;\n"
                                 "\t\tcompatible = \"ucb,htif0\";\n"));
    g_assert_null(strstr(dts, "cpu@1"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/spike/dtb/smp2", test_smp2);
    qtest_add_func("/spike/dtb/defaults", test_defaults);
    return g_test_run();
}
