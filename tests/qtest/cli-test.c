/*
 * The command line: bad values get one line naming the option and exit
 * status 1; help listings and -version exit 0.
 */
#include "libqtest.h"
#include <string.h>
#include <unistd.h>

typedef struct BadArg {
    const char *args;
    const char *expect; /* substring of the one error line */
} BadArg;

static const BadArg bad_args[] = {
    { "-m foo", "-m foo: Parameter 'size' expects a size" },
    { "-m 0", "-m 0: Parameter 'size' expects a size" },
    { "-m size=1G,bogus=1", "-m size=1G,bogus=1: Invalid parameter 'bogus'" },
    { "-foo", "-foo: invalid option" },
    { "-m", "-m: requires an argument" },
    { "-M bogus", "unsupported machine type" },
    { "-smp x", "-smp x: Parameter 'smp.cpus' expects integer" },
    { "-smp 1000", "Invalid SMP CPUs 1000. The max CPUs supported by machine "
                   "'virt' is 512" },
    { "-cpu nope", "-cpu nope: unable to find CPU model 'nope'" },
    { "-cpu rv64,bogus=1", "-cpu rv64,bogus=1: Property "
                           "'rv64-riscv-cpu.bogus' not found" },
    { "-cpu rv64,c=maybe", "-cpu rv64,c=maybe: can't apply global "
                           "rv64-riscv-cpu.c=maybe: Parameter 'c' expects "
                           "'on' or 'off'" },
    { "-cpu rv64,d=on,f=off", "D extension requires F extension" },
    { "-cpu rv64,cbom_blocksize=100",
      "cbom_blocksize and cboz_blocksize must be powers of 2 from 8 to 4096" },
    { "-cpu rv64,Zfh=on,d=off,f=off",
      "Zfh/Zfhmin extensions require F extension" },
    { "-cpu rv64,pmu-num=30", "Number of counters exceeds maximum available" },
    { "-d nope", "-d nope: Unknown log item 'nope'" },
    { "-accel kvm", "-accel kvm: invalid accelerator kvm" },
    { "-machine virt,bogus=1", "Property 'virt-machine.bogus' not found" },
    { "-global virtio-mmio.nope=1", "-global virtio-mmio.nope=1: Property "
                                    "'virtio-mmio.nope' not found" },
    { "-global nodev.x=1", "'nodev' is not a valid device model name" },
    { "-global virtio-mmio.force-legacy=maybe",
      "Parameter 'force-legacy' expects 'on' or 'off'" },
    { "-device nodev", "-device nodev: 'nodev' is not a valid device model "
                       "name" },
    { "-display gtk", "-display gtk: Parameter 'type' does not accept value "
                      "'gtk'" },
    { "-mon chardev=nochr", "chardev \"nochr\" not found" },
    { "-object nosuchtype,id=x", "invalid object type: nosuchtype" },
    { "-object secret,id=s0", "-object secret,id=s0: Either 'data' or 'file' "
                              "must be provided" },
    { "-serial bogus:x", "-serial bogus:x:" },
    { "-D /nonexistent/dir/log", "could not open log file" },
    { "disk.img", "disk.img: drive options are not supported" },
};

static void test_bad_arg(gconstpointer data)
{
    const BadArg *b = data;
    g_autofree char *args = g_strdup_printf("-display none %s", b->args);
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) lines = NULL;
    int status = qtest_run_binary(args, &out, &err);

    g_assert_cmpint(status, ==, 1);
    lines = g_strsplit(g_strchomp(err), "\n", -1);
    if (!strstr(lines[0], b->expect)) {
        g_error("'%s': expected '%s' in: %s", b->args, b->expect, err);
    }
    /* One line, except the machine-type error and its hint. */
    g_assert_cmpint(g_strv_length(lines), <=,
                    strstr(b->expect, "unsupported") ? 2 : 1);
    g_assert_true(g_str_has_prefix(lines[0], "qemu-system-riscv64: "));
}

static void expect_listing(const char *args, const char *needle)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary(args, &out, &err);

    g_assert_cmpint(status, ==, 0);
    if (!strstr(out, needle)) {
        g_error("'%s': expected '%s' in: %s", args, needle, out);
    }
}

static void test_help_listings(void)
{
    expect_listing("-machine help", "virt ");
    expect_listing("-M help", "RISC-V VirtIO board");
    expect_listing("-machine virt,help", "dumpdtb=<str>");
    expect_listing("-device help", "name \"riscv.sifive.plic\"");
    expect_listing("-device riscv.sifive.plic,help", "num-sources=<uint32>");
    expect_listing("-device serial-mm,help", "chardev=<str>");
    expect_listing("-cpu help", "rv64");
    expect_listing("-cpu rv64,help", "zba=<bool>");
    expect_listing("-d help", "guest_errors");
    expect_listing("-accel help", "qtest");
    expect_listing("-version", "QEMU emulator version");
    expect_listing("-h", "-machine");
    expect_listing("-object help", "secret");
}

/* -cpu properties reach every hart: the device tree's ISA string shows it. */
static void test_cpu_props_isa(void)
{
    g_autofree char *dir = g_dir_make_tmp("cli-test-XXXXXX", NULL);
    g_autofree char *dtb = g_build_filename(dir, "x.dtb", NULL);
    g_autofree char *args =
        g_strdup_printf("-M virt,dumpdtb=%s -smp 2 -cpu "
                        "rv64,c=off,zba=off,Zihintpause=off,zbc=off,"
                        "zicbom=off,zicbop=off,zicboz=off",
                        dtb);
    g_autofree char *out = NULL, *err = NULL, *cmd = NULL;
    g_autofree char *isa = NULL;
    g_autofree char *fdtget = g_find_program_in_path("fdtget");

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 0);
    if (!fdtget) {
        unlink(dtb);
        rmdir(dir);
        g_test_skip("fdtget (device-tree-compiler) not installed");
        return;
    }
    cmd = g_strdup_printf("fdtget %s /cpus/cpu@1 riscv,isa", dtb);
    g_assert_true(g_spawn_command_line_sync(cmd, &isa, NULL, NULL, NULL));
    g_assert_cmpstr(g_strchomp(isa), ==,
                    "rv64imafd_zicntr_zicsr_zifencei_zihpm_zbb_zbs_sstc");
    unlink(dtb);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(bad_args); i++) {
        g_autofree char *path = g_strdup_printf("/cli/bad-arg/%zu", i);
        g_test_add_data_func(path, &bad_args[i], test_bad_arg);
    }
    g_test_add_func("/cli/help-listings", test_help_listings);
    g_test_add_func("/cli/cpu-props-isa", test_cpu_props_isa);
    return g_test_run();
}
