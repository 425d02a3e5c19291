/*
 * The kvm accelerator's start-up errors on the x86_64 binary, without
 * needing /dev/kvm: `-accel kvm,device=PATH` (ours) points it at a node
 * that is missing, as on a host without KVM. QEMU's messages: the
 * errno line of kvm_init, then "failed to initialize kvm", status 1; or
 * the fallback to the next accelerator.
 */
#include "libqtest.h"
#include <string.h>

static void test_missing_device(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary("-M pc -display none "
                                  "-accel kvm,device=/nonexistent/kvm",
                                  &out, &err);

    g_assert_cmpint(status, ==, 1);
    g_assert_cmpstr(err, ==,
                    "Could not access KVM kernel module: No such file or "
                    "directory\n"
                    "qemu-system-x86_64: -accel kvm,device=/nonexistent/kvm: "
                    "failed to initialize kvm: No such file or directory\n");
}

static void test_not_a_kvm_device(void)
{
    g_autofree char *out = NULL, *err = NULL;
    int status = qtest_run_binary("-M pc -display none "
                                  "-accel kvm,device=/dev/null",
                                  &out, &err);

    g_assert_cmpint(status, ==, 1);
    g_assert_nonnull(strstr(err, "kvm version too old\n"));
    g_assert_nonnull(strstr(err, "failed to initialize kvm: "));
}

static void test_fallback(void)
{
    QTestState *s = qtest_init("-M pc -accel kvm,device=/nonexistent/kvm");
    JsonObject *r = qtest_qmp(s, "{'execute': 'query-kvm'}");
    JsonObject *ret = json_object_get_object_member(r, "return");

    g_assert_true(json_object_get_boolean_member(ret, "present"));
    g_assert_false(json_object_get_boolean_member(ret, "enabled"));
    json_object_unref(r);
    qtest_quit(s);
}

static void test_bad_property(void)
{
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(
        qtest_run_binary("-M pc -display none -accel kvm,bogus=1", &out, &err),
        ==, 1);
    g_assert_cmpstr(err, ==,
                    "qemu-system-x86_64: -accel kvm,bogus=1: Property "
                    "'kvm-accel.bogus' not found\n");
}

/* No TCG for x86 guests here: the engine runs RISC-V only. */
static void test_no_tcg(void)
{
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint(
        qtest_run_binary("-M pc -display none -accel tcg", &out, &err), ==, 1);
    g_assert_cmpstr(err, ==,
                    "qemu-system-x86_64: -accel tcg: invalid accelerator "
                    "tcg\n");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/kvm/missing-device", test_missing_device);
    qtest_add_func("/kvm/not-a-kvm-device", test_not_a_kvm_device);
    qtest_add_func("/kvm/fallback", test_fallback);
    qtest_add_func("/kvm/bad-property", test_bad_property);
    qtest_add_func("/kvm/no-tcg", test_no_tcg);
    return g_test_run();
}
