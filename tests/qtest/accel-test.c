/*
 * Accelerator choice on the riscv64 binary, as QEMU 7.2 does it: -accel
 * options and -machine accel= lists are tried in order, an unknown one
 * is reported and the next tried ("falling back to tcg"); none left is
 * exit status 1. KVM is not built for riscv64 guests on this host, so
 * query-kvm answers present=false, enabled=false.
 */
#include "libqtest.h"
#include <string.h>

/* A guest that writes FINISHER_PASS to the sifive_test finisher. */
static const uint32_t finish_guest[] = {
    0x001002b7, /* lui  t0, 0x100        t0 = 0x100000 */
    0x00005337, /* lui  t1, 5 */
    0x55530313, /* addi t1, t1, 0x555    t1 = 0x5555 */
    0x0062a023, /* sw   t1, 0(t0) */
    0x0000006f, /* j    . */
};

/* Run the finishing guest with args; returns the exit status, *err. */
static int run_guest(const char *args, char **err)
{
    g_autofree char *dir = g_dir_make_tmp("accel-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "guest.bin", NULL);
    g_autofree char *cmd = NULL;
    g_autofree char *out = NULL;
    int status;

    g_assert_true(g_file_set_contents(path, (const char *)finish_guest,
                                      sizeof(finish_guest), NULL));
    cmd = g_strdup_printf("-M virt -bios none -kernel %s -display none "
                          "-serial none -monitor none %s",
                          path, args);
    status = qtest_run_binary(cmd, &out, err);
    unlink(path);
    rmdir(dir);
    return status;
}

static void expect_fallback(const char *args, const char *first_line)
{
    g_autofree char *err = NULL;

    g_assert_cmpint(run_guest(args, &err), ==, 0);
    if (!strstr(err, first_line) || !strstr(err, ": falling back to tcg")) {
        g_error("'%s': expected '%s' then the fallback in: %s", args,
                first_line, err);
    }
}

static void test_machine_accel_list(void)
{
    expect_fallback("-M accel=kvm:tcg", ": invalid accelerator kvm\n");
}

static void test_accel_repeated(void)
{
    expect_fallback("-accel kvm -accel tcg",
                    ": -accel kvm: invalid accelerator kvm\n");
}

static void test_none_left(void)
{
    g_autofree char *err = NULL;

    g_assert_cmpint(run_guest("-accel nope -accel nada", &err), ==, 1);
    g_assert_nonnull(strstr(err, "-accel nope: invalid accelerator nope\n"));
    g_assert_nonnull(strstr(err, "-accel nada: invalid accelerator nada\n"));
    g_assert_null(strstr(err, "falling back"));
}

static void test_accel_help(void)
{
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(qtest_run_binary("-accel help", &out, &err), ==, 0);
    g_assert_nonnull(strstr(out, "Accelerators supported in QEMU binary:\n"));
    g_assert_nonnull(strstr(out, "\ntcg\n"));
    g_assert_null(strstr(out, "kvm"));
}

/* The first -accel that works is used: tcg runs, even with qtest after. */
static void test_query_kvm(void)
{
    QTestState *s = qtest_init("-M virt -accel kvm -accel tcg -S");
    JsonObject *r = qtest_qmp(s, "{'execute': 'query-kvm'}");
    JsonObject *ret = json_object_get_object_member(r, "return");
    g_autofree char *info = NULL;

    g_assert_false(json_object_get_boolean_member(ret, "enabled"));
    g_assert_false(json_object_get_boolean_member(ret, "present"));
    json_object_unref(r);
    info = qtest_hmp(s, "info kvm");
    g_assert_cmpstr(info, ==, "kvm support: not compiled\r\n");
    r = qtest_qmp(s, "{'execute': 'query-target'}");
    ret = json_object_get_object_member(r, "return");
    g_assert_cmpstr(json_object_get_string_member(ret, "arch"), ==, "riscv64");
    json_object_unref(r);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/accel/machine-accel-list", test_machine_accel_list);
    qtest_add_func("/accel/repeated", test_accel_repeated);
    qtest_add_func("/accel/none-left", test_none_left);
    qtest_add_func("/accel/help", test_accel_help);
    qtest_add_func("/accel/query-kvm", test_query_kvm);
    return g_test_run();
}
