/*
 * SiFive test finisher of the virt machine (0x100000): a guest write ends
 * the emulator with a status, or resets the machine.
 */
#include <sys/wait.h>
#include "libqtest.h"

#define FINISHER       0x100000
#define FINISHER_FAIL  0x3333
#define FINISHER_PASS  0x5555
#define FINISHER_RESET 0x7777

#define RTC_IRQ_ENABLED 0x101010
#define VIRTIO0_MAGIC   0x10001000

static int exit_status_after_write(uint32_t val, unsigned size)
{
    QTestState *s = qtest_init("-M virt");
    int status = qtest_write_expect_exit(s, FINISHER, val, size);

    g_assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_pass(void)
{
    g_assert_cmpint(exit_status_after_write(FINISHER_PASS, 4), ==, 0);
}

static void test_pass_halfword(void)
{
    g_assert_cmpint(exit_status_after_write(FINISHER_PASS, 2), ==, 0);
}

static void test_fail_code(void)
{
    g_assert_cmpint(exit_status_after_write(FINISHER_FAIL | (7 << 16), 4), ==,
                    7);
}

static void test_fail_code_zero(void)
{
    g_assert_cmpint(exit_status_after_write(FINISHER_FAIL, 4), ==, 0);
}

/* The machine resets (devices included) and keeps running. */
static void test_reset(void)
{
    QTestState *s = qtest_init("-M virt");
    JsonObject *ev, *data;

    qtest_writel(s, RTC_IRQ_ENABLED, 1);
    g_assert_cmpuint(qtest_readl(s, RTC_IRQ_ENABLED), ==, 1);

    qtest_writel(s, FINISHER, FINISHER_RESET);
    ev = qtest_qmp_eventwait(s, "RESET");
    data = json_object_get_object_member(ev, "data");
    g_assert_nonnull(data);
    g_assert_true(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==,
                    "guest-reset");
    json_object_unref(ev);

    g_assert_cmpuint(qtest_readl(s, RTC_IRQ_ENABLED), ==, 0);
    g_assert_cmphex(qtest_readl(s, VIRTIO0_MAGIC), ==, 0x74726976);
    qtest_quit(s);
}

/* Other values, and other offsets, do nothing. Reads return 0. */
static void test_ignored_writes(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, FINISHER, 0x1234);
    qtest_writel(s, FINISHER + 4, FINISHER_PASS);
    qtest_writel(s, FINISHER + 0xffc, FINISHER_FAIL | (3 << 16));
    g_assert_cmphex(qtest_readl(s, FINISHER), ==, 0);
    g_assert_cmphex(qtest_readl(s, VIRTIO0_MAGIC), ==, 0x74726976);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/test-finisher/pass", test_pass);
    qtest_add_func("/test-finisher/pass-halfword", test_pass_halfword);
    qtest_add_func("/test-finisher/fail-code", test_fail_code);
    qtest_add_func("/test-finisher/fail-code-zero", test_fail_code_zero);
    qtest_add_func("/test-finisher/reset", test_reset);
    qtest_add_func("/test-finisher/ignored-writes", test_ignored_writes);
    return g_test_run();
}
