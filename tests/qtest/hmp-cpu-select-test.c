/*
 * The monitor's current CPU, as QEMU's HMP has it: `info registers` shows
 * only the current CPU (CPU#0 at first) under a "CPU#N" heading, `cpu N`
 * changes it, `info registers -a` shows every CPU, `info registers N` one,
 * `info cpus` stars the current one; bad indexes get QEMU's messages.
 * human-monitor-command's cpu-index picks the CPU for that command only.
 */
#include "libqtest.h"
#include <string.h>

static int count(const char *s, const char *what)
{
    int n = 0;

    for (s = strstr(s, what); s; s = strstr(s + 1, what)) {
        n++;
    }
    return n;
}

/* Is out one CPU's registers, CPU#index's (its mhartid)? */
static void assert_one_cpu(const char *out, int index)
{
    g_autofree char *head = g_strdup_printf("CPU#%d\r\n", index);
    g_autofree char *hart = g_strdup_printf(" mhartid  %016x", index);

    g_assert_cmpint(count(out, "CPU#"), ==, 1);
    g_assert_nonnull(strstr(out, head));
    g_assert_nonnull(strstr(out, hart));
}

static void test_current_cpu(void)
{
    QTestState *s = qtest_init("-M virt -smp 3");
    g_autofree char *first = qtest_hmp(s, "info registers");
    g_autofree char *set = NULL, *after = NULL;
    g_autofree char *all = qtest_hmp(s, "info registers -a");
    g_autofree char *two = qtest_hmp(s, "info registers 2");

    assert_one_cpu(first, 0);
    g_assert_cmpint(count(all, "CPU#"), ==, 3);
    g_assert_true(strstr(all, "CPU#0") < strstr(all, "CPU#2"));
    assert_one_cpu(two, 2);

    /* Each human-monitor-command starts on CPU 0 unless cpu-index says. */
    set = qtest_hmp(s, "cpu 1");
    g_assert_cmpstr(set, ==, "");
    after = qtest_hmp(s, "info registers");
    assert_one_cpu(after, 0);
    qtest_quit(s);
}

/* human-monitor-command with cpu-index; returns the output (free it). */
static char *hmp_on_cpu(QTestState *s, int cpu, const char *cmd)
{
    JsonObject *r = qtest_qmp(s,
                              "{\"execute\": \"human-monitor-command\", "
                              "\"arguments\": {\"command-line\": \"%s\", "
                              "\"cpu-index\": %d}}",
                              cmd, cpu);
    char *out = g_strdup(json_object_get_string_member(r, "return"));

    json_object_unref(r);
    return out;
}

static void test_cpu_index_arg(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");
    g_autofree char *regs = hmp_on_cpu(s, 1, "info registers");
    g_autofree char *cpus = hmp_on_cpu(s, 1, "info cpus");

    assert_one_cpu(regs, 1);
    g_assert_nonnull(strstr(cpus, "* CPU #1:"));
    g_assert_nonnull(strstr(cpus, "  CPU #0:"));
    qtest_quit(s);
}

static void test_bad_index(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");
    g_autofree char *cpu = qtest_hmp(s, "cpu 2");
    g_autofree char *regs = qtest_hmp(s, "info registers 7");

    g_assert_cmpstr(cpu, ==, "invalid CPU index\r\n");
    g_assert_cmpstr(regs, ==, "CPU#7 not available\r\n");
    qtest_quit(s);
}

/*
 * On a monitor of its own (-monitor stdio), `cpu 1` stays in force for the
 * commands after it.
 */
static void test_cpu_sticks(void)
{
    g_autofree char *dir = g_dir_make_tmp("hmp-cpu-XXXXXX", NULL);
    g_autofree char *in = g_build_filename(dir, "in", NULL);
    g_autofree char *args = NULL, *out = NULL, *err = NULL;
    const char *regs;

    g_assert_true(g_file_set_contents(
        in, "cpu 1\ninfo registers\ninfo cpus\nquit\n", -1, NULL));
    args = g_strdup_printf("-M virt -smp 2 -S -bios none -display none "
                           "-nodefaults -monitor stdio <%s",
                           in);
    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 0);
    regs = strstr(out, "CPU#1\r\n");
    g_assert_nonnull(regs);
    g_assert_null(strstr(out, "CPU#0"));
    g_assert_nonnull(strstr(regs, " mhartid  0000000000000001"));
    g_assert_nonnull(strstr(out, "* CPU #1:"));
    unlink(in);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/hmp/current-cpu", test_current_cpu);
    qtest_add_func("/hmp/cpu-index-arg", test_cpu_index_arg);
    qtest_add_func("/hmp/bad-index", test_bad_index);
    qtest_add_func("/hmp/cpu-sticks", test_cpu_sticks);
    return g_test_run();
}
