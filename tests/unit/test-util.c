/*
 * Option lists, number and size parsing, timers on the manual clock.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qemu/timer.h"
#include "sysemu/smp-parse.h"

static void test_strtosz(void)
{
    uint64_t v;

    g_assert_true(qemu_strtosz("4096", &v));
    g_assert_cmpuint(v, ==, 4096);
    g_assert_true(qemu_strtosz("2G", &v));
    g_assert_cmpuint(v, ==, 2 * GiB);
    g_assert_true(qemu_strtosz("1.5k", &v));
    g_assert_cmpuint(v, ==, 1536);
    g_assert_true(qemu_strtosz_MiB("512", &v));
    g_assert_cmpuint(v, ==, 512 * MiB);
    g_assert_true(qemu_strtosz_MiB("1G", &v));
    g_assert_cmpuint(v, ==, GiB);
    g_assert_false(qemu_strtosz("foo", &v));
    g_assert_false(qemu_strtosz("-1", &v));
    g_assert_false(qemu_strtosz("12X", &v));
    g_assert_false(qemu_strtosz("16E", &v));
    g_assert_false(qemu_strtosz_MiB("18446744073709551615", &v));
    /* QEMU 7.2's rules: fractions need a unit above B, unless zero. */
    g_assert_true(qemu_strtosz_MiB("1.0", &v));
    g_assert_cmpuint(v, ==, MiB);
    g_assert_true(qemu_strtosz("0.5G", &v));
    g_assert_cmpuint(v, ==, 512 * MiB);
    g_assert_true(qemu_strtosz("0x10k", &v));
    g_assert_cmpuint(v, ==, 16 * KiB);
    g_assert_true(qemu_strtosz("15E", &v));
    g_assert_cmpuint(v, ==, 15ULL << 60);
    g_assert_false(qemu_strtosz_MiB("1.5", &v));
    g_assert_false(qemu_strtosz("1.5B", &v));
    g_assert_false(qemu_strtosz("1e3", &v));
    g_assert_false(qemu_strtosz("1e3M", &v));
    g_assert_false(qemu_strtosz("0x1.8G", &v));
    g_assert_false(qemu_strtosz("inf", &v));
    g_assert_false(qemu_strtosz("nan", &v));
    g_assert_false(qemu_strtosz("1.", &v));
    g_assert_false(qemu_strtosz(".5G", &v));
    g_assert_false(qemu_strtosz("18446744073709551616", &v));
    g_assert_false(qemu_strtosz("17179869184G", &v));
    g_assert_true(qemu_strtou64("0x10", &v));
    g_assert_cmpuint(v, ==, 16);
    g_assert_false(qemu_strtou64("10 ", &v));
    g_assert_false(qemu_strtou64("", &v));
}

static void test_opts(void)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *o =
        qemu_opts_parse("virt,dumpdtb=a,,b.dtb,x,help", "type", &err);

    g_assert_nonnull(o);
    g_assert_cmpuint(o->len, ==, 4);
    g_assert_cmpstr(qemu_opt_get(o, "type"), ==, "virt");
    g_assert_cmpstr(qemu_opt_get(o, "dumpdtb"), ==, "a,b.dtb");
    g_assert_cmpstr(qemu_opt_get(o, "x"), ==, "on");
    g_assert_cmpstr(qemu_opt_get(o, "help"), ==, "on");
    g_assert_true(qemu_opt_del(o, "x"));
    g_assert_null(qemu_opt_get(o, "x"));
    qemu_opts_free(o);

    o = qemu_opts_parse("", "type", &err);
    g_assert_nonnull(o);
    qemu_opts_free(o);
    o = qemu_opts_parse("a=1,,,=2", NULL, &err);
    g_assert_null(o);
    g_assert_nonnull(err);
}

static int fired[3];
static int64_t fired_at[3];

static void timer_cb(void *opaque)
{
    int i = GPOINTER_TO_INT(opaque);

    fired[i]++;
    fired_at[i] = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static void test_manual_clock_timers(void)
{
    QEMUTimer *t0 =
        timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, GINT_TO_POINTER(0));
    QEMUTimer *t1 =
        timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, GINT_TO_POINTER(1));
    QEMUTimer *t2 =
        timer_new_ns(QEMU_CLOCK_VIRTUAL, timer_cb, GINT_TO_POINTER(2));

    qemu_clock_set_manual(true);
    qemu_clock_advance_manual(1000);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 1000);
    timer_mod(t0, 1500);
    timer_mod(t1, 1200);
    timer_mod(t2, 5000);
    g_assert_cmpint(qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL), ==, 1200);
    timer_del(t2);
    qemu_clock_advance_manual(2000);
    /* Each timer ran once, seeing the time it asked for. */
    g_assert_cmpint(fired[0], ==, 1);
    g_assert_cmpint(fired[1], ==, 1);
    g_assert_cmpint(fired[2], ==, 0);
    g_assert_cmpint(fired_at[1], ==, 1200);
    g_assert_cmpint(fired_at[0], ==, 1500);
    g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), ==, 2000);
    g_assert_false(timer_pending(t0));
    g_assert_cmpint(qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL), ==, -1);
    timer_free(t0);
    timer_free(t1);
    timer_free(t2);
}

/*
 * The end of time: a deadline at QEMU_TIMER_NEVER is not armed, one just
 * before it makes the poll timeout saturate rather than overflow, and
 * deadline arithmetic saturates there.
 */
static void test_timer_never(void)
{
    QEMUTimer *t =
        timer_new_ns(QEMU_CLOCK_REALTIME, timer_cb, GINT_TO_POINTER(2));
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

    g_assert_cmpint(qemu_clock_next_expiry(QEMU_CLOCK_REALTIME), ==, -1);
    timer_mod(t, QEMU_TIMER_NEVER - 1);
    g_assert_true(timer_pending(t));
    g_assert_cmpint(qemu_timers_timeout_ms(), ==, INT32_MAX);
    timer_mod(t, now + 1500000);
    g_assert_cmpint(qemu_timers_timeout_ms(), <=, 2);
    timer_mod(t, QEMU_TIMER_NEVER);
    g_assert_false(timer_pending(t));
    g_assert_cmpint(qemu_clock_next_expiry(QEMU_CLOCK_REALTIME), ==, -1);
    g_assert_cmpint(qemu_timer_deadline_add(now, 5), ==, now + 5);
    g_assert_cmpint(qemu_timer_deadline_add(now, UINT64_MAX), ==,
                    QEMU_TIMER_NEVER);
    g_assert_cmpint(qemu_timer_deadline_add(INT64_MAX - 10, 10), ==,
                    QEMU_TIMER_NEVER);
    g_assert_cmpint(qemu_timer_deadline_add(INT64_MAX - 10, 9), ==,
                    INT64_MAX - 1);
    timer_free(t);
}

static const QemuOptDesc test_desc[] = {
    { "n", QEMU_OPT_NUMBER },
    { "b", QEMU_OPT_BOOL },
    { "sz", QEMU_OPT_SIZE },
    { "s", QEMU_OPT_STRING },
    { NULL },
};

static void expect_checked_error(const char *str, const char *group,
                                 const char *msg)
{
    g_autoptr(GError) err = NULL;

    g_assert_null(qemu_opts_parse_checked(str, "s", test_desc, group, &err));
    g_assert_cmpstr(err->message, ==, msg);
}

static void test_opts_checked(void)
{
    g_autoptr(GError) err = NULL;
    GPtrArray *o = qemu_opts_parse_checked("x,n=0x10,b=on,sz=1.5k", "s",
                                           test_desc, NULL, &err);
    g_autofree char *red = qemu_opts_redact("a,data=x,,y,b=1,,2", "data");

    g_assert_nonnull(o);
    g_assert_cmpstr(qemu_opt_get(o, "s"), ==, "x");
    qemu_opts_free(o);
    expect_checked_error("x,bogus=1", NULL, "Invalid parameter 'bogus'");
    expect_checked_error("x,bogus=1", "grp",
                         "Parameter 'grp.bogus' is unexpected");
    expect_checked_error("n=1.5", NULL, "Parameter 'n' expects a number");
    expect_checked_error("n=x", "grp", "Parameter 'grp.n' expects integer");
    expect_checked_error("b=maybe", NULL,
                         "Parameter 'b' expects 'on' or 'off'");
    expect_checked_error("sz=1e3", NULL,
                         "Parameter 'sz' expects a "
                         "non-negative number below 2^64");
    g_assert_cmpstr(red, ==, "a,data=<hidden>,b=1,,2");
}

static uint64_t smp_cpus(const char *arg, uint64_t *max)
{
    g_autoptr(GError) err = NULL;
    SmpConfig c;

    g_assert_true(smp_parse(arg, &c, &err));
    *max = c.max_cpus;
    return c.cpus;
}

static void expect_smp_error(const char *arg, const char *prefix)
{
    g_autoptr(GError) err = NULL;
    SmpConfig c;

    g_assert_false(smp_parse(arg, &c, &err));
    if (!g_str_has_prefix(err->message, prefix)) {
        g_error("-smp %s: expected '%s...', got '%s'", arg, prefix,
                err->message);
    }
}

static void test_smp_parse(void)
{
    uint64_t max;

    g_assert_cmpuint(smp_cpus("4", &max), ==, 4);
    g_assert_cmpuint(max, ==, 4);
    g_assert_cmpuint(smp_cpus("sockets=2,cores=2,threads=2", &max), ==, 8);
    g_assert_cmpuint(smp_cpus("2,maxcpus=4", &max), ==, 2);
    g_assert_cmpuint(max, ==, 4);
    g_assert_cmpuint(smp_cpus("4,sockets=2", &max), ==, 4);
    /* Products beyond 32 bits are kept, for the machine to refuse. */
    g_assert_cmpuint(smp_cpus("sockets=65536,cores=65536", &max), ==,
                     1ULL << 32);
    expect_smp_error("sockets=4294967296,cores=4294967296,threads=2",
                     "Invalid CPU topology: the product of the hierarchy "
                     "does not fit");
    expect_smp_error("sockets=4294967296,threads=4294967296,cpus=4",
                     "Invalid CPU topology: product of the hierarchy must");
    expect_smp_error("4,maxcpus=2", "Invalid CPU topology: maxcpus must be");
    expect_smp_error("dies=2", "dies not supported");
    expect_smp_error("clusters=3", "clusters not supported");
    expect_smp_error("cpus=1.5", "Parameter 'smp.cpus' expects integer");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/util/strtosz", test_strtosz);
    g_test_add_func("/util/opts", test_opts);
    g_test_add_func("/util/opts-checked", test_opts_checked);
    g_test_add_func("/util/smp-parse", test_smp_parse);
    g_test_add_func("/util/manual-clock-timers", test_manual_clock_timers);
    g_test_add_func("/util/timer-never", test_timer_never);
    return g_test_run();
}
