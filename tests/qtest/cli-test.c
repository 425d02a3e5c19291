/*
 * The command line: bad values get one line naming the option and exit
 * status 1; help listings and -version exit 0.
 */
#include "libqtest.h"
#include <string.h>
#include <signal.h>
#include <unistd.h>

typedef struct BadArg {
    const char *args;
    const char *expect; /* substring of the one error line */
} BadArg;

static const BadArg bad_args[] = {
    { "-m foo", "-m foo: Parameter 'size' expects a non-negative number "
                "below 2^64" },
    /* Sizes as QEMU 7.2 reads them: no exponent, no fraction of a byte. */
    { "-m 1.5", "-m 1.5: Parameter 'size' expects a non-negative number" },
    { "-m 1e3", "-m 1e3: Parameter 'size' expects a non-negative number" },
    { "-m 1.5B", "-m 1.5B: Parameter 'size' expects a non-negative number" },
    { "-m 0x1.8G", "-m 0x1.8G: Parameter 'size' expects a non-negative" },
    { "-m 16E", "-m 16E: Parameter 'size' expects a non-negative number" },
    { "-m 2T", "-m 2T: ram size too large (at most 1T)" },
    /* -smp: QEMU's topology checks, products without wrapping. */
    { "-smp sockets=65536,cores=65536",
      "Invalid SMP CPUs 4294967296. The max CPUs supported by machine "
      "'virt' is 512" },
    { "-smp sockets=4294967296,threads=4294967296,cpus=4",
      "-smp sockets=4294967296,threads=4294967296,cpus=4: Invalid CPU "
      "topology: product of the hierarchy must match maxcpus" },
    { "-smp 4,maxcpus=2",
      "-smp 4,maxcpus=2: Invalid CPU topology: maxcpus must be equal to or "
      "greater than smp: sockets (1) * cores (2) * threads (1) == maxcpus "
      "(2) < smp_cpus (4)" },
    { "-smp cpus=3,sockets=2",
      "-smp cpus=3,sockets=2: Invalid CPU topology: product of the hierarchy "
      "must match maxcpus: sockets (2) * cores (1) * threads (1) != maxcpus "
      "(3)" },
    { "-smp dies=2",
      "-smp dies=2: dies not supported by this machine's CPU topology" },
    { "-smp clusters=2", "-smp clusters=2: clusters not supported" },
    { "-smp 2,bogus=1", "-smp 2,bogus=1: Parameter 'smp.bogus' is unexpected" },
    { "-name x,bogus=1", "-name x,bogus=1: Invalid parameter 'bogus'" },
    { "-name x,debug-threads=maybe",
      "Parameter 'debug-threads' expects 'on' or 'off'" },
    { "-accel tcg,bogus=1", "-accel tcg,bogus=1: Property 'tcg-accel.bogus' "
                            "not found" },
    { "-mon chardev=c,pretty=maybe",
      "Parameter 'pretty' expects 'on' or 'off'" },
    { "-d ''", "-d : No log items given: use -d help for a list" },
    { "-d in_asm,", "-d in_asm,: Empty log item" },
    { "-device ''", "-device : Parameter 'driver' is missing" },
    { "-qtest none",
      "-qtest none: Failed to initialize device for qtest: \"none\"" },
    { "-object secret,id=s,file=/", "Unable to read /: Error reading file" },
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
    { "-accel tcg,interp=maybe", "-accel tcg,interp=maybe: Parameter "
                                 "'interp' expects 'on' or 'off'" },
    { "-accel tcg,tb-size=0", "-accel tcg,tb-size=0: Parameter 'tb-size' "
                              "expects a size in MiB from 1 to 2048" },
    { "-accel tcg,thread=maybe",
      "Parameter 'thread' expects 'single' or 'multi'" },
    { "-accel qtest,interp=on", "Property 'qtest-accel.interp' not found" },
    { "-M virt,accel=tcg -accel tcg", "The -accel and \"-machine accel=\" "
                                      "options are incompatible" },
    { "-enable-kvm", "invalid accelerator kvm" },
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
    { "disk.img", "disk.img: Could not open 'disk.img'" },
    /* What libvirt passes, checked as QEMU checks it. */
    { "-uuid nope", "-uuid nope: Fail to parse UUID string." },
    { "-uuid 4b2ef5b8-0d6c-4e45-9a4a-4b1e8a7c5d1x",
      "Fail to parse UUID string." },
    { "-rtc base=yesterday", "-rtc base=yesterday: invalid datetime format" },
    { "-rtc base=2006-13-40", "invalid datetime format" },
    { "-rtc clock=vm1", "invalid option value 'vm1'" },
    { "-rtc bogus=1", "-rtc bogus=1: Invalid parameter 'bogus'" },
    { "-boot order=z", "-boot order=z: Invalid boot device 'z'" },
    { "-boot strict=maybe", "Parameter 'strict' expects 'on' or 'off'" },
    { "-add-fd fd=1,set=2", "-add-fd fd=1,set=2: fd 1 is a standard I/O "
                            "stream" },
    { "-add-fd fd=999,set=2", "fd 999 is not an open file descriptor" },
    { "-add-fd set=2", "parameters 'fd' and 'set' are required" },
    { "-drive file=/dev/fdset/9,format=raw,if=none,id=d0",
      "Could not open '/dev/fdset/9': No such file or directory" },
    { "-overcommit mem-lock=maybe",
      "Parameter 'mem-lock' does not accept value 'maybe'" },
    { "-audiodev alsa,id=a", "Parameter 'driver' does not accept value "
                             "'alsa'" },
    { "-audiodev none", "Parameter 'id' is missing" },
    { "-msg timestamp=maybe", "Parameter 'timestamp' expects 'on' or 'off'" },
    { "-object memory-backend-ram,id=m,size=0",
      "can't create backend with size 0" },
    { "-object memory-backend-file,id=m,size=1M", "mem-path property not set" },
    { "-object memory-backend-file,id=m,size=1M,mem-path=/nonexistent/x",
      "can't open backing store /nonexistent/x for guest RAM" },
    { "-machine virt,usb=on", "this machine has no USB controller" },
    { "-M none -smp 2", "Invalid SMP CPUs 2. The max CPUs supported by "
                        "machine 'none' is 1" },
    { "-device '{\"driver\": [1]}'", "Parameter 'driver': only scalar" },
    { "-object '{bad'", "JSON parse error" },
    { "-nographic -daemonize", "-nographic cannot be used with -daemonize" },
    { "-serial stdio -daemonize", "cannot use stdio with -daemonize" },
    { "-sandbox on,spawn=maybe", "invalid argument for spawn" },
    { "-sandbox maybe", "Parameter 'enable' expects 'on' or 'off'" },
    { "-sandbox on,bogus=1", "Invalid parameter 'bogus'" },
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

/*
 * Options QEMU 7.2 accepts: the emulator starts (under -S) and answers
 * QMP. Guest RAM is only reserved, so -m 64G starts in every build.
 */
static const char *const good_args[] = {
    "-m 0", "-m 1.0", "-m 1.5G", "-m 0x100", "-m 64G", "-smp 2,dies=1",
    "-smp threads=2", "-smp 4,sockets=2", "-smp 0", "-smp 2,maxcpus=4",
    "-name x,process=y,debug-threads=on",
    /* libvirt's start-up options */
    "-no-user-config -uuid cd40baae-3883-4710-a7e7-3b2168792f6f",
    "-rtc base=utc -boot strict=on -msg timestamp=on",
    "-rtc base=localtime,clock=host,driftfix=none",
    "-overcommit mem-lock=off -machine usb=off,dump-guest-core=off",
    "-audiodev '{\"id\":\"audio1\",\"driver\":\"none\"}'",
    "-object '{\"qom-type\":\"memory-backend-ram\",\"id\":\"r\","
    "\"size\":1048576,\"prealloc\":true}'",
    "-accel kvm:tcg", /* ours: a list in -accel too; kvm is not built */
};

static void test_good_arg(gconstpointer data)
{
    QTestState *s = qtest_initf("-S -bios none %s", (const char *)data);
    JsonObject *reply = qtest_qmp(s, "{\"execute\": \"query-status\"}");

    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    qtest_quit(s);
}

/* -msg timestamp=on: errors start with an ISO 8601 UTC time stamp. */
static void test_msg_timestamp(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary("-msg timestamp=on -foo", &out, &err);

    g_assert_cmpint(status, ==, 1);
    if (!g_regex_match_simple("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:"
                              "[0-9]{2}\\.[0-9]{6}Z qemu-system-riscv64: "
                              "-foo: invalid option\n$",
                              err, 0, 0)) {
        g_error("not a time-stamped error: %s", err);
    }
}

/*
 * -serial mon:stdio muxes the HMP monitor in with the serial port, as
 * -nographic does: Ctrl-A c reaches it, and it runs the commands that
 * follow (quit: the exit status is 0).
 */
static void test_serial_mon_stdio(void)
{
    g_autofree char *dir = g_dir_make_tmp("cli-mon-XXXXXX", NULL);
    g_autofree char *in = g_build_filename(dir, "in", NULL);
    g_autofree char *args = NULL, *out = NULL, *err = NULL;

    g_assert_true(
        g_file_set_contents(in, "\001cinfo status\nquit\n", -1, NULL));
    args = g_strdup_printf("-M virt -S -bios none -display none "
                           "-serial mon:stdio <%s",
                           in);
    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 0);
    g_assert_nonnull(strstr(out, "VM status: paused"));
    unlink(in);
    rmdir(dir);
}

static pid_t read_pidfile(const char *path)
{
    g_autofree char *text = NULL;

    if (!g_file_get_contents(path, &text, NULL, NULL)) {
        return -1;
    }
    return (pid_t)strtol(text, NULL, 10);
}

/*
 * -daemonize -pidfile, as libvirt probes: the command returns once the
 * monitor listens; the pid file names the daemon and is locked (a second
 * instance fails), and it is removed when the daemon exits.
 */
static void test_daemonize_pidfile(void)
{
    g_autofree char *dir = g_dir_make_tmp("cli-daemon-XXXXXX", NULL);
    g_autofree char *pidfile = g_build_filename(dir, "pid", NULL);
    g_autofree char *sock = g_build_filename(dir, "qmp", NULL);
    g_autofree char *args = g_strdup_printf(
        "-S -no-user-config -nodefaults -nographic -machine none,accel=tcg "
        "-qmp unix:%s,server=on,wait=off -pidfile %s -daemonize",
        sock, pidfile);
    g_autofree char *out = NULL, *err = NULL, *out2 = NULL, *err2 = NULL;
    pid_t pid;

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 0);
    g_assert_cmpstr(err, ==, "");
    g_assert_true(g_file_test(sock, G_FILE_TEST_EXISTS));
    pid = read_pidfile(pidfile);
    g_assert_cmpint(pid, >, 0);
    g_assert_cmpint(kill(pid, 0), ==, 0);

    g_assert_cmpint(qtest_run_binary(args, &out2, &err2), ==, 1);
    g_assert_nonnull(strstr(err2, "Cannot lock pid file"));
    g_assert_cmpint(read_pidfile(pidfile), ==, pid);

    kill(pid, SIGTERM);
    for (int i = 0; i < 500 && kill(pid, 0) == 0; i++) {
        g_usleep(10000);
    }
    g_assert_cmpint(kill(pid, 0), !=, 0);
    g_assert_false(g_file_test(pidfile, G_FILE_TEST_EXISTS));
    unlink(sock);
    rmdir(dir);
}

/*
 * -sandbox as libvirt passes it: the emulator runs, and every one of its
 * threads is under a seccomp filter (mode 2).
 */
static void test_sandbox_threads(void)
{
    QTestState *s = qtest_init(
        "-S -sandbox on,obsolete=deny,elevateprivileges=deny,spawn=deny,"
        "resourcecontrol=deny");
    JsonObject *reply = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_autofree char *dir = g_strdup_printf("/proc/%d/task", (int)qtest_pid(s));
    GDir *tasks = g_dir_open(dir, 0, NULL);
    const char *tid;
    int n = 0;

    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    g_assert_nonnull(tasks);
    while ((tid = g_dir_read_name(tasks))) {
        g_autofree char *path = g_strdup_printf("%s/%s/status", dir, tid);
        g_autofree char *status = NULL;

        g_assert_true(g_file_get_contents(path, &status, NULL, NULL));
        g_assert_nonnull(strstr(status, "\nSeccomp:\t2\n"));
        n++;
    }
    g_dir_close(tasks);
    g_assert_cmpint(n, >=, 1);
    qtest_quit(s);
}

/* An empty file boots nothing: refused as -kernel and -bios, as QEMU. */
static void test_empty_images(void)
{
    g_autofree char *dir = g_dir_make_tmp("cli-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "empty.bin", NULL);
    static const char *const opts[] = { "-kernel", "-bios" };

    g_assert_true(g_file_set_contents(path, "", 0, NULL));
    for (size_t i = 0; i < G_N_ELEMENTS(opts); i++) {
        g_autofree char *args =
            g_strdup_printf("-display none -M virt %s %s", opts[i], path);
        g_autofree char *out = NULL, *err = NULL;
        g_autofree char *want = g_strdup_printf("%s: empty file", path);

        g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
        if (!strstr(err, want)) {
            g_error("'%s': expected '%s' in: %s", args, want, err);
        }
    }
    unlink(path);
    rmdir(dir);
}

/* Errors about -object name the option but never echo a secret's data. */
static void test_secret_not_echoed(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary("-display none -object "
                                  "secret,id=s,data=SEK,,RIT,bogus=1",
                                  &out, &err);

    g_assert_cmpint(status, ==, 1);
    g_assert_nonnull(strstr(err, "-object secret,id=s,data=<hidden>,bogus=1"));
    g_assert_null(strstr(err, "SEK"));
    g_assert_null(strstr(err, "RIT"));
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

/*
 * `-machine TYPE,help` as QEMU 7.2 prints it: every option has a
 * description, in name order (libvirt and users read it).
 */
static void check_sorted_described(const char *args)
{
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) lines = NULL;
    g_autofree char *prev = g_strdup("");

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 0);
    lines = g_strsplit(out, "\n", -1);
    g_assert_nonnull(lines[0]);
    for (guint i = 1; lines[i] && lines[i][0]; i++) {
        g_autofree char *name =
            g_strndup(lines[i] + 2, strcspn(lines[i] + 2, "="));

        if (!strstr(lines[i], " - ")) {
            g_error("'%s': no description on '%s'", args, lines[i]);
        }
        if (strcmp(prev, name) >= 0) {
            g_error("'%s': '%s' listed after '%s'", args, name, prev);
        }
        g_free(prev);
        prev = g_steal_pointer(&name);
    }
}

static void test_help_listings(void)
{
    g_autofree char *out = NULL, *err = NULL;

    /* -d help lists the items and exits with status 1, as QEMU 7.2. */
    g_assert_cmpint(qtest_run_binary("-d help", &out, &err), ==, 1);
    g_assert_nonnull(strstr(out, "guest_errors"));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    /* Devices -device cannot create are not listed. */
    g_assert_cmpint(qtest_run_binary("-device help", &out, &err), ==, 0);
    g_assert_null(strstr(out, "riscv.sifive.plic"));
    g_clear_pointer(&out, g_free);
    g_clear_pointer(&err, g_free);
    /* -cpu help: bare model names, one a line. */
    g_assert_cmpint(qtest_run_binary("-cpu help", &out, &err), ==, 0);
    g_assert_true(g_str_has_prefix(out, "rv64\n") || strstr(out, "\nrv64\n"));
    g_assert_null(strstr(out, " "));
    expect_listing("-machine help", "virt ");
    expect_listing("-M help", "RISC-V VirtIO board");
    expect_listing("-machine virt,help", "virt-machine options:\n");
    expect_listing("-machine virt,help", "  dumpdtb=<string>       - ");
    expect_listing("-machine virt,help", "  usb=<bool>             - ");
    check_sorted_described("-machine virt,help");
    /* Only what -device can create, under QEMU's headings. */
    expect_listing("-device help", "Storage devices:\nname "
                                   "\"virtio-blk-device\", bus virtio-bus");
    expect_listing("-device help", "Misc devices:\nname "
                                   "\"virtio-balloon-device\", bus virtio-bus");
    expect_listing("-device help", "name \"virtconsole\", bus "
                                   "virtio-serial-bus");
    expect_listing("-chardev help", "Available chardev backend types: \n");
    expect_listing("-chardev help", "\n  socket\n");
    expect_listing("-device riscv.sifive.plic,help", "num-sources=<uint32>");
    expect_listing("-device serial-mm,help", "chardev=<str>");
    expect_listing("-cpu rv64,help", "zba=<bool>");
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
                        "zicbom=off,zicbop=off,zicboz=off,h=off,svnapot=off",
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
                    "rv64imafd_zicntr_zicsr_zifencei_zihpm_zbb_zbs_sstc_"
                    "svinval_svpbmt");
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
    for (size_t i = 0; i < G_N_ELEMENTS(good_args); i++) {
        g_autofree char *path = g_strdup_printf("/cli/good-arg/%zu", i);
        g_test_add_data_func(path, good_args[i], test_good_arg);
    }
    g_test_add_func("/cli/empty-images", test_empty_images);
    g_test_add_func("/cli/msg-timestamp", test_msg_timestamp);
    g_test_add_func("/cli/serial-mon-stdio", test_serial_mon_stdio);
    g_test_add_func("/cli/daemonize-pidfile", test_daemonize_pidfile);
    g_test_add_func("/cli/sandbox-threads", test_sandbox_threads);
    g_test_add_func("/cli/secret-not-echoed", test_secret_not_echoed);
    g_test_add_func("/cli/help-listings", test_help_listings);
    g_test_add_func("/cli/cpu-props-isa", test_cpu_props_isa);
    return g_test_run();
}
