/*
 * -cpu on qemu-system-x86_64 as QEMU 7.2 takes it: the model list and
 * flag names of `-cpu help`, one-line errors for an unknown model, flag or
 * value, +flag/-flag and flag=on|off as properties of the CPU, and the
 * CPUs of -smp in `info cpus` and query-cpus-fast.
 */
#include "libqtest.h"
#include <string.h>

static const char *accel(void)
{
    /* Debian's build has no qtest accelerator: TCG, stopped. */
    return qtest_has_accel() ? "-accel qtest" : "-accel tcg";
}

static void test_help(void)
{
    g_autofree char *out = NULL, *err = NULL;
    static const char *const models[] = {
        "Available CPUs:\n", "\nx86 qemu64 ", "\nx86 kvm64 ",
        "\nx86 max ",        "\nx86 host ",   "\nx86 Skylake-Client ",
    };
    static const char *const flags[] = { "avx",    "tsc-deadline", "kvmclock",
                                         "sse4.2", "x2apic",       "lm" };
    g_auto(GStrv) words = NULL;
    const char *list;

    g_assert_cmpint(qtest_run_binary("-cpu help", &out, &err), ==, 0);
    for (size_t i = 0; i < G_N_ELEMENTS(models); i++) {
        g_assert_nonnull(strstr(out, models[i]));
    }
    list = strstr(out, "Recognized CPUID flags:\n");
    g_assert_nonnull(list);
    words =
        g_strsplit_set(list + strlen("Recognized CPUID flags:\n"), " \n", -1);
    for (size_t i = 0; i < G_N_ELEMENTS(flags); i++) {
        g_assert_true(g_strv_contains((const char *const *)words, flags[i]));
    }
}

/* The command fails with status 1 and one stderr line containing msg. */
static void expect_error(const char *cpu, const char *msg)
{
    g_autofree char *args = g_strdup_printf(
        "-M pc -display none -S -nodefaults %s -cpu %s", accel(), cpu);
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
    g_assert_nonnull(strstr(err, msg));
    g_assert_cmpint(strchr(err, '\n') - err + 1, ==, strlen(err));
}

static void test_errors(void)
{
    expect_error("foo", "unable to find CPU model 'foo'");
    expect_error("qemu64,+foo", "Property 'qemu64-x86_64-cpu.foo' not found");
    expect_error("qemu64,foo=on", "Property 'qemu64-x86_64-cpu.foo' not found");
    expect_error("qemu64,avx=maybe", "Parameter 'avx' expects 'on' or 'off'");
    expect_error("qemu64,tsc-frequency=abc",
                 "Parameter 'tsc-frequency' expects");
}

/* Without KVM, -cpu host has nothing to copy. */
static void test_host_needs_kvm(void)
{
    expect_error("host", "CPU model 'host' requires KVM");
}

static JsonObject *qom_get(QTestState *s, const char *prop)
{
    return qtest_qmp(s,
                     "{'execute': 'qom-get', 'arguments': {'path': "
                     "'/machine/unattached/device[0]', 'property': '%s'}}",
                     prop);
}

static bool qom_get_bool(QTestState *s, const char *prop)
{
    JsonObject *r = qom_get(s, prop);
    bool v = json_object_get_boolean_member(r, "return");

    json_object_unref(r);
    return v;
}

static void test_flags(void)
{
    QTestState *s =
        qtest_init("-M pc -smp 2 -cpu "
                   "qemu64,+avx,-sse2,lahf-lm=off,tsc-frequency=1000000000");
    JsonObject *r;

    g_assert_true(qom_get_bool(s, "avx"));
    g_assert_false(qom_get_bool(s, "sse2"));
    g_assert_false(qom_get_bool(s, "lahf-lm"));
    g_assert_true(qom_get_bool(s, "lm"));    /* qemu64 has it */
    g_assert_false(qom_get_bool(s, "avx2")); /* and not this */
    r = qom_get(s, "tsc-frequency");
    g_assert_cmpint(json_object_get_int_member(r, "return"), ==, 1000000000);
    json_object_unref(r);
    qtest_quit(s);
}

static void test_smp_listed(void)
{
    QTestState *s = qtest_init("-M pc -smp 2");
    JsonObject *r = qtest_qmp(s, "{'execute': 'query-cpus-fast'}");
    JsonArray *cpus = json_object_get_array_member(r, "return");
    g_autofree char *info = qtest_hmp(s, "info cpus");

    g_assert_cmpint(json_array_get_length(cpus), ==, 2);
    for (guint i = 0; i < 2; i++) {
        JsonObject *c = json_array_get_object_element(cpus, i);

        g_assert_cmpint(json_object_get_int_member(c, "cpu-index"), ==, i);
        g_assert_true(
            g_str_has_prefix(json_object_get_string_member(c, "qom-path"),
                             "/machine/unattached/device["));
        g_assert_cmpint(json_object_get_int_member(c, "thread-id"), >, 0);
    }
    json_object_unref(r);
    g_assert_true(g_str_has_prefix(info, "* CPU #0: thread_id="));
    g_assert_nonnull(strstr(info, "\n  CPU #1: thread_id="));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/x86-cpu/help", test_help);
    qtest_add_func("/x86-cpu/errors", test_errors);
    qtest_add_func("/x86-cpu/host-needs-kvm", test_host_needs_kvm);
    qtest_add_func("/x86-cpu/flags", test_flags);
    qtest_add_func("/x86-cpu/smp-listed", test_smp_listed);
    return g_test_run();
}
