/*
 * HMP `info registers`: each hart's state after reset (the reset vector,
 * machine mode, its hart id).
 */
#include "libqtest.h"
#include <string.h>

static void test_info_registers(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");
    g_autofree char *out = qtest_hmp(s, "info registers -a");
    const char *cpu1 = strstr(out, "CPU#1");

    g_assert_nonnull(strstr(out, "CPU#0"));
    g_assert_nonnull(cpu1);
    g_assert_nonnull(strstr(out, " pc       0000000000001000"));
    g_assert_nonnull(strstr(out, " priv     M"));
    g_assert_nonnull(strstr(cpu1, " mhartid  0000000000000001"));
    /* mtimecmp resets to 0, so the timer line is up from the start. */
    g_assert_nonnull(strstr(out, " mip      0000000000000080"));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/hmp/info-registers", test_info_registers);
    return g_test_run();
}
