/*
 * Goldfish RTC of the virt machine: wall-clock time, setting it, and the
 * alarm interrupt (PLIC source 11). The RTC follows the host clock, which
 * runs even while the machine is stopped.
 */
#include "libqtest.h"

#define RTC_BASE        0x101000
#define TIME_LOW        0x00
#define TIME_HIGH       0x04
#define ALARM_LOW       0x08
#define ALARM_HIGH      0x0c
#define IRQ_ENABLED     0x10
#define CLEAR_ALARM     0x14
#define ALARM_STATUS    0x18
#define CLEAR_INTERRUPT 0x1c

#define RTC_IRQ             11
#define PLIC_BASE           0x0c000000
#define PLIC_PRIORITY(src)  (PLIC_BASE + 4 * (src))
#define PLIC_PENDING        (PLIC_BASE + 0x1000)
#define PLIC_ENABLE_CTX0    (PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD_CTX0 (PLIC_BASE + 0x200000)
#define PLIC_CLAIM_CTX0     (PLIC_BASE + 0x200004)

#define NS_PER_MS  1000000LL
#define NS_PER_SEC 1000000000LL

static uint32_t rtc_read(QTestState *s, unsigned reg)
{
    return qtest_readl(s, RTC_BASE + reg);
}

static void rtc_write(QTestState *s, unsigned reg, uint32_t val)
{
    qtest_writel(s, RTC_BASE + reg, val);
}

/* TIME_LOW first: it latches the high half. */
static uint64_t rtc_time(QTestState *s)
{
    uint64_t lo = rtc_read(s, TIME_LOW);

    return ((uint64_t)rtc_read(s, TIME_HIGH) << 32) | lo;
}

static void rtc_set_alarm(QTestState *s, uint64_t ns)
{
    rtc_write(s, ALARM_HIGH, ns >> 32);
    rtc_write(s, ALARM_LOW, (uint32_t)ns);
}

static bool rtc_irq_pending(QTestState *s)
{
    return qtest_readl(s, PLIC_PENDING) & (1u << RTC_IRQ);
}

/* Route source 11 to context 0 so it can be claimed. */
static void plic_enable_rtc(QTestState *s)
{
    qtest_writel(s, PLIC_PRIORITY(RTC_IRQ), 1);
    qtest_writel(s, PLIC_ENABLE_CTX0, 1u << RTC_IRQ);
    qtest_writel(s, PLIC_THRESHOLD_CTX0, 0);
}

static void plic_claim_complete_rtc(QTestState *s)
{
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, RTC_IRQ);
    g_assert_false(rtc_irq_pending(s));
    qtest_writel(s, PLIC_CLAIM_CTX0, RTC_IRQ);
}

/* Poll for the RTC interrupt for up to timeout_ms; true once it shows. */
static bool wait_rtc_irq(QTestState *s, int timeout_ms)
{
    for (int waited = 0; waited <= timeout_ms; waited += 5) {
        if (rtc_irq_pending(s)) {
            return true;
        }
        g_usleep(5000);
    }
    return rtc_irq_pending(s);
}

static void test_time_is_host_time(void)
{
    QTestState *s = qtest_init("-M virt");
    int64_t before = g_get_real_time() * 1000;
    int64_t t = rtc_time(s);
    int64_t after = g_get_real_time() * 1000;

    g_assert_cmpint(t, >=, before - 2 * NS_PER_SEC);
    g_assert_cmpint(t, <=, after + 2 * NS_PER_SEC);
    qtest_quit(s);
}

static void test_time_advances(void)
{
    QTestState *s = qtest_init("-M virt");
    uint64_t t1 = rtc_time(s);
    uint64_t t2;

    g_usleep(100 * 1000);
    t2 = rtc_time(s);
    g_assert_cmpuint(t2, >=, t1 + 90 * NS_PER_MS);
    g_assert_cmpuint(t2, <, t1 + 5 * NS_PER_SEC);
    qtest_quit(s);
}

/*
 * TIME_HIGH reads the half latched by the last TIME_LOW read: 0 before the
 * first one, although the time's high half is never 0 today.
 */
static void test_time_high_latched(void)
{
    QTestState *s = qtest_init("-M virt");

    uint64_t before, after;
    uint32_t high;

    g_assert_cmphex(rtc_read(s, TIME_HIGH), ==, 0);
    before = g_get_real_time() * 1000 - 2 * NS_PER_SEC;
    rtc_read(s, TIME_LOW);
    after = g_get_real_time() * 1000 + 2 * NS_PER_SEC;
    high = rtc_read(s, TIME_HIGH);
    g_assert_cmphex(high, >=, before >> 32);
    g_assert_cmphex(high, <=, after >> 32);
    qtest_quit(s);
}

static void test_set_time(void)
{
    /* 2001-09-09T01:46:40Z */
    const uint64_t target = 1000000000ULL * NS_PER_SEC;
    QTestState *s = qtest_init("-M virt");
    uint64_t t1, t2;

    rtc_write(s, TIME_HIGH, target >> 32);
    rtc_write(s, TIME_LOW, (uint32_t)target);
    t1 = rtc_time(s);
    g_assert_cmpuint(t1, >=, target);
    g_assert_cmpuint(t1, <, target + 2 * NS_PER_SEC);

    /* It keeps running from there. */
    g_usleep(50 * 1000);
    t2 = rtc_time(s);
    g_assert_cmpuint(t2, >=, t1 + 40 * NS_PER_MS);
    g_assert_cmpuint(t2, <, t1 + 5 * NS_PER_SEC);
    qtest_quit(s);
}

/* The set time survives a system reset; the alarm state does not. */
static void test_reset(void)
{
    const uint64_t target = 2000000000ULL * NS_PER_SEC;
    QTestState *s = qtest_init("-M virt");
    JsonObject *r;
    uint64_t t;

    rtc_write(s, TIME_HIGH, target >> 32);
    rtc_write(s, TIME_LOW, (uint32_t)target);
    rtc_write(s, IRQ_ENABLED, 1);
    rtc_set_alarm(s, target + 3600 * NS_PER_SEC);
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 1);

    r = qtest_qmp(s, "{'execute': 'system_reset'}");
    g_assert_false(qmp_has_error(r));
    json_object_unref(r);
    json_object_unref(qtest_qmp_eventwait(s, "RESET"));

    t = rtc_time(s);
    g_assert_cmpuint(t, >=, target);
    g_assert_cmpuint(t, <, target + 5 * NS_PER_SEC);
    g_assert_cmpuint(rtc_read(s, IRQ_ENABLED), ==, 0);
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 0);
    g_assert_cmphex(rtc_read(s, ALARM_LOW), ==, 0);
    g_assert_cmphex(rtc_read(s, ALARM_HIGH), ==, 0);
    qtest_quit(s);
}

static void test_alarm_fires(void)
{
    QTestState *s = qtest_init("-M virt");
    int64_t start = g_get_monotonic_time();
    uint64_t alarm;

    rtc_write(s, IRQ_ENABLED, 1);
    g_assert_cmpuint(rtc_read(s, IRQ_ENABLED), ==, 1);
    alarm = rtc_time(s) + 50 * NS_PER_MS;
    rtc_set_alarm(s, alarm);
    g_assert_cmphex(rtc_read(s, ALARM_LOW), ==, (uint32_t)alarm);
    g_assert_cmphex(rtc_read(s, ALARM_HIGH), ==, alarm >> 32);

    g_assert_true(wait_rtc_irq(s, 2000));
    g_assert_cmpint(g_get_monotonic_time() - start, >=, 40 * 1000);
    g_assert_cmpuint(rtc_time(s), >=, alarm);
    /* Once fired, the alarm is no longer armed. */
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 0);
    qtest_quit(s);
}

static void test_alarm_armed_and_cleared(void)
{
    QTestState *s = qtest_init("-M virt");

    rtc_write(s, IRQ_ENABLED, 1);
    rtc_set_alarm(s, rtc_time(s) + 3600 * NS_PER_SEC);
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 1);
    g_assert_false(rtc_irq_pending(s));

    rtc_write(s, CLEAR_ALARM, 0);
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 0);
    g_assert_false(rtc_irq_pending(s));
    qtest_quit(s);
}

/* A short alarm disarmed before it is due never fires. */
static void test_alarm_cancelled(void)
{
    QTestState *s = qtest_init("-M virt");

    rtc_write(s, IRQ_ENABLED, 1);
    rtc_set_alarm(s, rtc_time(s) + 200 * NS_PER_MS);
    rtc_write(s, CLEAR_ALARM, 0);
    g_assert_false(wait_rtc_irq(s, 400));
    qtest_quit(s);
}

static void test_alarm_in_past(void)
{
    QTestState *s = qtest_init("-M virt");

    rtc_write(s, IRQ_ENABLED, 1);
    rtc_set_alarm(s, rtc_time(s) - NS_PER_SEC);
    g_assert_true(rtc_irq_pending(s));
    g_assert_cmpuint(rtc_read(s, ALARM_STATUS), ==, 0);
    qtest_quit(s);
}

/* A fired alarm stays pending while masked and shows once enabled. */
static void test_alarm_masked(void)
{
    QTestState *s = qtest_init("-M virt");

    rtc_set_alarm(s, rtc_time(s) - NS_PER_SEC);
    g_assert_false(rtc_irq_pending(s));
    rtc_write(s, IRQ_ENABLED, 1);
    g_assert_true(rtc_irq_pending(s));
    qtest_quit(s);
}

/*
 * The interrupt stays asserted until CLEAR_INTERRUPT: after the PLIC claim
 * and completion, re-enabling it shows it again; after CLEAR_INTERRUPT, no.
 */
static void test_clear_interrupt(void)
{
    QTestState *s = qtest_init("-M virt");

    plic_enable_rtc(s);
    rtc_write(s, IRQ_ENABLED, 1);
    rtc_set_alarm(s, rtc_time(s) + 50 * NS_PER_MS);
    g_assert_true(wait_rtc_irq(s, 2000));

    plic_claim_complete_rtc(s);
    rtc_write(s, IRQ_ENABLED, 1);
    g_assert_true(rtc_irq_pending(s));

    rtc_write(s, CLEAR_INTERRUPT, 0);
    plic_claim_complete_rtc(s);
    rtc_write(s, IRQ_ENABLED, 1);
    g_assert_false(rtc_irq_pending(s));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, 0);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/rtc/time/host", test_time_is_host_time);
    qtest_add_func("/rtc/time/advances", test_time_advances);
    qtest_add_func("/rtc/time/high-latched", test_time_high_latched);
    qtest_add_func("/rtc/time/set", test_set_time);
    qtest_add_func("/rtc/reset", test_reset);
    qtest_add_func("/rtc/alarm/fires", test_alarm_fires);
    qtest_add_func("/rtc/alarm/armed-and-cleared",
                   test_alarm_armed_and_cleared);
    qtest_add_func("/rtc/alarm/cancelled", test_alarm_cancelled);
    qtest_add_func("/rtc/alarm/in-past", test_alarm_in_past);
    qtest_add_func("/rtc/alarm/masked", test_alarm_masked);
    qtest_add_func("/rtc/clear-interrupt", test_clear_interrupt);
    return g_test_run();
}
