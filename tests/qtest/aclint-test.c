/*
 * The interrupt controllers of the virt machine seen from the harts: the
 * ACLINT timer (mtime, mtimecmp and the M timer line), the ACLINT MSWI
 * (MSIP and the M software line), and the PLIC's context lines with sources
 * driven directly.
 *
 * Needs our binary: clock_step, and the QOM paths of our virt machine
 * (/machine/soc0/harts[N], as QEMU names them, and /machine/soc/plic).
 */
#include "libqtest.h"

#define CLINT_BASE     0x02000000
#define MSIP(hart)     (CLINT_BASE + 4 * (hart))
#define MTIMECMP(hart) (CLINT_BASE + 0x4000 + 8 * (hart))
#define MTIME          (CLINT_BASE + 0xbff8)
#define TIMEBASE_FREQ  10000000
#define NS_PER_TICK    (1000000000 / TIMEBASE_FREQ)
#define NS_PER_SEC     1000000000LL

#define PLIC_BASE           0x0c000000
#define PLIC_PRIORITY(id)   (PLIC_BASE + 4 * (id))
#define PLIC_PENDING(w)     (PLIC_BASE + 0x1000 + 4 * (w))
#define PLIC_ENABLE(ctx, w) (PLIC_BASE + 0x2000 + 0x80 * (ctx) + 4 * (w))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)     (PLIC_THRESHOLD(ctx) + 4)
#define PLIC_PATH           "/machine/soc/plic"

/* Hart interrupt inputs (mip bits). */
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11

static const int hart_irqs[] = { IRQ_S_SOFT,  IRQ_M_SOFT, IRQ_S_TIMER,
                                 IRQ_M_TIMER, IRQ_S_EXT,  IRQ_M_EXT };

/* Only line `high` of the hart's interrupt inputs is raised (-1: none). */
static void assert_only_irq(QTestState *s, int high)
{
    for (size_t i = 0; i < G_N_ELEMENTS(hart_irqs); i++) {
        if (hart_irqs[i] == high) {
            g_assert_true(qtest_get_irq(s, hart_irqs[i]));
        } else {
            g_assert_false(qtest_get_irq(s, hart_irqs[i]));
        }
    }
}

static int64_t clock_now(QTestState *s)
{
    return qtest_clock_step(s, 0);
}

static uint64_t mtime(QTestState *s)
{
    return qtest_readq(s, MTIME);
}

/* The first virtual-clock instant at which mtime reads `ticks` more. */
static int64_t tick_deadline(QTestState *s, uint64_t ticks)
{
    int64_t now = clock_now(s);

    return (now / NS_PER_TICK + ticks) * NS_PER_TICK;
}

static void step_to(QTestState *s, int64_t ns)
{
    int64_t now = clock_now(s);

    g_assert_cmpint(ns, >=, now);
    g_assert_cmpint(qtest_clock_step(s, ns - now), ==, ns);
}

static void system_reset(QTestState *s)
{
    JsonObject *r = qtest_qmp(s, "{\"execute\": \"system_reset\"}");

    g_assert_false(qmp_has_error(r));
    json_object_unref(r);
    json_object_unref(qtest_qmp_eventwait(s, "RESET"));
}

/* ---- MTIMER ---- */

static void test_mtime_counts(void)
{
    QTestState *s = qtest_init("-M virt");
    uint64_t t0;

    /* The clock has not moved since the reset at start-up. */
    g_assert_cmphex(mtime(s), ==, 0);
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_cmpuint(mtime(s), ==, TIMEBASE_FREQ);
    t0 = mtime(s);
    qtest_clock_step(s, 3 * NS_PER_SEC);
    g_assert_cmpuint(mtime(s) - t0, ==, 3 * TIMEBASE_FREQ);

    /* Stepping less than a tick: the count moves on the tick boundary. */
    step_to(s, tick_deadline(s, 1) - 1);
    g_assert_cmpuint(mtime(s), ==, 4 * TIMEBASE_FREQ);
    qtest_clock_step(s, 1);
    g_assert_cmpuint(mtime(s), ==, 4 * TIMEBASE_FREQ + 1);
    qtest_quit(s);
}

static void test_mtime_write(void)
{
    QTestState *s = qtest_init("-M virt");

    /* 64-bit write, then counting carries into the high half. */
    qtest_writeq(s, MTIME, 0xfffffff6ULL);
    g_assert_cmphex(mtime(s), ==, 0xfffffff6ULL);
    qtest_clock_step(s, 10 * NS_PER_TICK);
    g_assert_cmphex(mtime(s), ==, 0x100000000ULL);
    g_assert_cmphex(qtest_readl(s, MTIME), ==, 0);
    g_assert_cmphex(qtest_readl(s, MTIME + 4), ==, 1);

    /* 32-bit writes replace one half. */
    qtest_writel(s, MTIME + 4, 0x12);
    g_assert_cmphex(mtime(s), ==, 0x1200000000ULL);
    qtest_writel(s, MTIME, 0x345);
    g_assert_cmphex(mtime(s), ==, 0x1200000345ULL);

    /* Counting goes on from the written value. */
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_cmphex(mtime(s), ==, 0x1200000345ULL + TIMEBASE_FREQ);
    qtest_quit(s);
}

static void test_mtimecmp_regs(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(1)), ==, 0);

    qtest_writeq(s, MTIMECMP(0), 0x123456789abcdef0ULL);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0x123456789abcdef0ULL);
    g_assert_cmphex(qtest_readl(s, MTIMECMP(0)), ==, 0x9abcdef0);
    g_assert_cmphex(qtest_readl(s, MTIMECMP(0) + 4), ==, 0x12345678);

    qtest_writel(s, MTIMECMP(1) + 4, 0x55);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(1)), ==, 0x5500000000ULL);
    qtest_writel(s, MTIMECMP(1), 0xaa);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(1)), ==, 0x55000000aaULL);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0x123456789abcdef0ULL);

    /* mtimecmp does not count. */
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(1)), ==, 0x55000000aaULL);
    qtest_quit(s);
}

static void test_timer_irq(void)
{
    QTestState *s = qtest_init("-M virt");
    int64_t deadline;
    uint64_t cmp;

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    assert_only_irq(s, -1);

    /* Rises exactly when mtime reaches mtimecmp, one second from now. */
    cmp = mtime(s) + TIMEBASE_FREQ;
    deadline = tick_deadline(s, TIMEBASE_FREQ);
    qtest_writeq(s, MTIMECMP(0), cmp);
    step_to(s, deadline - 1);
    g_assert_cmpuint(mtime(s), ==, cmp - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    g_assert_cmpuint(mtime(s), ==, cmp);
    assert_only_irq(s, IRQ_M_TIMER);
    /* Stays up while mtime >= mtimecmp. */
    qtest_clock_step(s, NS_PER_SEC);
    assert_only_irq(s, IRQ_M_TIMER);

    /* Moving mtimecmp later drops the line until the new deadline. */
    qtest_writeq(s, MTIMECMP(0), mtime(s) + 5);
    assert_only_irq(s, -1);
    deadline = tick_deadline(s, 5);
    step_to(s, deadline - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    assert_only_irq(s, IRQ_M_TIMER);

    /* mtimecmp == mtime counts as reached. */
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    assert_only_irq(s, -1);
    qtest_writeq(s, MTIMECMP(0), mtime(s));
    assert_only_irq(s, IRQ_M_TIMER);

    /* The largest mtimecmp is never reached. */
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    qtest_clock_step(s, 100 * NS_PER_SEC);
    assert_only_irq(s, -1);
    qtest_quit(s);
}

/* 32-bit updates of mtimecmp, as RV32 software does them. */
static void test_timer_irq_halves(void)
{
    QTestState *s = qtest_init("-M virt");
    uint64_t cmp;
    int64_t deadline;

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    qtest_writeq(s, MTIME, 0xfffffff0ULL);

    cmp = 0x100000010ULL; /* 32 ticks on */
    deadline = tick_deadline(s, 32);
    qtest_writel(s, MTIMECMP(0), 0xffffffff);
    qtest_writel(s, MTIMECMP(0) + 4, cmp >> 32);
    assert_only_irq(s, -1);
    qtest_writel(s, MTIMECMP(0), (uint32_t)cmp);
    assert_only_irq(s, -1);
    step_to(s, deadline - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    g_assert_cmphex(mtime(s), ==, cmp);
    assert_only_irq(s, IRQ_M_TIMER);
    qtest_quit(s);
}

/* Writing mtime re-evaluates the comparison both ways. */
static void test_timer_irq_mtime_write(void)
{
    QTestState *s = qtest_init("-M virt");
    int64_t deadline;

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), 1000000);
    assert_only_irq(s, -1);

    qtest_writeq(s, MTIME, 1000000);
    assert_only_irq(s, IRQ_M_TIMER);

    /* Set back: low until mtime catches up again. */
    qtest_writeq(s, MTIME, 999000);
    assert_only_irq(s, -1);
    deadline = tick_deadline(s, 1000);
    step_to(s, deadline - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    assert_only_irq(s, IRQ_M_TIMER);

    /* Set back again with a deadline armed: it moves with mtime. */
    qtest_writeq(s, MTIME, 999000);
    qtest_clock_step(s, 500 * NS_PER_TICK);
    assert_only_irq(s, -1);
    qtest_writeq(s, MTIME, 0);
    deadline = tick_deadline(s, 1000000);
    qtest_clock_step(s, 600 * NS_PER_TICK); /* past the old deadline */
    assert_only_irq(s, -1);
    step_to(s, deadline - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    g_assert_cmpuint(mtime(s), ==, 1000000);
    assert_only_irq(s, IRQ_M_TIMER);
    qtest_quit(s);
}

/* Each hart has its own comparator and line. */
static void test_timer_irq_per_hart(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");
    int64_t deadline;

    qtest_irq_intercept_in(s, "/machine/soc0/harts[1]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    qtest_writeq(s, MTIMECMP(1), UINT64_MAX);
    assert_only_irq(s, -1);

    qtest_writeq(s, MTIMECMP(0), 0);
    assert_only_irq(s, -1);

    deadline = tick_deadline(s, 100);
    qtest_writeq(s, MTIMECMP(1), mtime(s) + 100);
    qtest_writeq(s, MTIMECMP(0), mtime(s) + 50);
    step_to(s, deadline - 1);
    assert_only_irq(s, -1);
    qtest_clock_step(s, 1);
    assert_only_irq(s, IRQ_M_TIMER);

    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    assert_only_irq(s, IRQ_M_TIMER);
    qtest_quit(s);
}

/* ---- MSWI ---- */

static void test_msip(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 0);
    g_assert_cmphex(qtest_readl(s, MSIP(1)), ==, 0);
    assert_only_irq(s, -1);

    qtest_writel(s, MSIP(0), 1);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 1);
    assert_only_irq(s, IRQ_M_SOFT);

    /* Only bit 0 is implemented. */
    qtest_writel(s, MSIP(0), 0xfffffffe);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 0);
    assert_only_irq(s, -1);
    qtest_writel(s, MSIP(0), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 1);
    assert_only_irq(s, IRQ_M_SOFT);
    qtest_writel(s, MSIP(0), 0);
    assert_only_irq(s, -1);

    /* Hart 1's MSIP does not reach hart 0. */
    qtest_writel(s, MSIP(1), 1);
    g_assert_cmphex(qtest_readl(s, MSIP(1)), ==, 1);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 0);
    assert_only_irq(s, -1);
    qtest_quit(s);
}

/* ---- Malformed accesses: logged, ignored, reads of 0 ---- */

static void test_bad_access(void)
{
    QTestState *s = qtest_init("-M virt -d guest_errors");

    qtest_writel(s, MSIP(0), 1);
    qtest_writeq(s, MTIMECMP(0), 0x1122334455667788ULL);

    /* MSIP takes 4-byte accesses only. */
    g_assert_cmphex(qtest_readb(s, MSIP(0)), ==, 0);
    g_assert_cmphex(qtest_readw(s, MSIP(0)), ==, 0);
    qtest_writeb(s, MSIP(0), 0);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 1);
    /* No hart 1, nor anything past it. */
    qtest_writel(s, MSIP(1), 1);
    g_assert_cmphex(qtest_readl(s, MSIP(1)), ==, 0);
    g_assert_cmphex(qtest_readl(s, CLINT_BASE + 0x3ffc), ==, 0);

    /* mtimecmp and mtime take 4- and 8-byte accesses only. */
    g_assert_cmphex(qtest_readb(s, MTIMECMP(0)), ==, 0);
    g_assert_cmphex(qtest_readw(s, MTIMECMP(0) + 2), ==, 0);
    qtest_writew(s, MTIMECMP(0), 0);
    qtest_writeb(s, MTIMECMP(0) + 7, 0);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0x1122334455667788ULL);
    g_assert_cmphex(qtest_readw(s, MTIME), ==, 0);
    /*
     * A misaligned 8-byte qtest access takes the generic path, which (as
     * QEMU's) splits it into aligned 4-byte accesses: the high half of
     * mtimecmp[0] and the (absent) hart 1's low half.
     */
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0) + 4), ==, 0x11223344);
    qtest_writeq(s, MTIMECMP(0) + 4, 0);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0x55667788);
    qtest_writeq(s, MTIMECMP(0), 0x1122334455667788ULL);
    /* No hart 1; the gap up to mtime. */
    qtest_writeq(s, MTIMECMP(1), 5);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(1)), ==, 0);
    g_assert_cmphex(qtest_readq(s, CLINT_BASE + 0x8000), ==, 0);
    g_assert_cmphex(qtest_readq(s, MTIME - 8), ==, 0);

    /* PLIC: 4-byte accesses only; holes read 0. */
    qtest_writel(s, PLIC_PRIORITY(1), 3);
    g_assert_cmphex(qtest_readb(s, PLIC_PRIORITY(1)), ==, 0);
    qtest_writeb(s, PLIC_PRIORITY(1), 1);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(1)), ==, 3);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(96)), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_BASE + 0xffc), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(2, 0)), ==, 0); /* no ctx 2 */
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(2)), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(0) + 8), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_BASE + 0x5ffffc), ==, 0);
    /* Completing a source that was never claimed changes nothing. */
    qtest_writel(s, PLIC_CLAIM(0), 1);
    qtest_writel(s, PLIC_CLAIM(0), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    /* Still alive and well. */
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 1);
    qtest_quit(s);
}

static void test_reset(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    qtest_writel(s, MSIP(0), 1);
    qtest_clock_step(s, NS_PER_SEC);
    assert_only_irq(s, IRQ_M_SOFT);
    g_assert_cmpuint(mtime(s), ==, TIMEBASE_FREQ);

    /* mtime restarts at 0; mtimecmp is 0 again, so the timer is due. */
    system_reset(s);
    g_assert_cmphex(mtime(s), ==, 0);
    g_assert_cmphex(qtest_readq(s, MTIMECMP(0)), ==, 0);
    g_assert_cmphex(qtest_readl(s, MSIP(0)), ==, 0);
    assert_only_irq(s, IRQ_M_TIMER);
    qtest_clock_step(s, NS_PER_SEC);
    g_assert_cmpuint(mtime(s), ==, TIMEBASE_FREQ);
    qtest_quit(s);
}

/* ---- PLIC with sources driven directly ---- */

static void plic_source(QTestState *s, int id, int level)
{
    qtest_set_irq_in(s, PLIC_PATH, NULL, id, level);
}

static bool plic_pending(QTestState *s, uint32_t id)
{
    return (qtest_readl(s, PLIC_PENDING(id / 32)) >> (id % 32)) & 1;
}

static void plic_enable(QTestState *s, int ctx, uint32_t id)
{
    uint64_t reg = PLIC_ENABLE(ctx, id / 32);

    qtest_writel(s, reg, qtest_readl(s, reg) | (1u << (id % 32)));
}

/* Highest priority first; the lowest id among equals. */
static void test_plic_claim_order(void)
{
    QTestState *s = qtest_init("-M virt");
    static const struct {
        uint32_t id, prio;
    } src[] = { { 5, 2 }, { 7, 6 }, { 3, 6 }, { 40, 7 }, { 95, 1 } };
    static const uint32_t order[] = { 40, 3, 7, 5, 95 };

    for (size_t i = 0; i < G_N_ELEMENTS(src); i++) {
        qtest_writel(s, PLIC_PRIORITY(src[i].id), src[i].prio);
        plic_enable(s, 0, src[i].id);
        plic_source(s, src[i].id, 1);
        g_assert_true(plic_pending(s, src[i].id));
    }
    for (size_t i = 0; i < G_N_ELEMENTS(order); i++) {
        g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, order[i]);
        g_assert_false(plic_pending(s, order[i]));
    }
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    /* Threshold 5 hides everything at or below 5. */
    for (size_t i = 0; i < G_N_ELEMENTS(src); i++) {
        qtest_writel(s, PLIC_CLAIM(0), src[i].id);
    }
    qtest_writel(s, PLIC_THRESHOLD(0), 5);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 40);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 3);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 7);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);
    g_assert_true(plic_pending(s, 5));
    g_assert_true(plic_pending(s, 95));
    qtest_quit(s);
}

/* Level-triggered gateway: one request per claim/complete cycle. */
static void test_plic_level(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PRIORITY(5), 1);
    plic_enable(s, 0, 5);

    /* Source 0 does not exist. */
    plic_source(s, 0, 1);
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING(0)), ==, 0);

    plic_source(s, 5, 1);
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING(0)), ==, 1u << 5);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 5);
    /* In service: still asserted, but no new request yet. */
    g_assert_false(plic_pending(s, 5));
    plic_source(s, 5, 1);
    g_assert_false(plic_pending(s, 5));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    /* Completed while still asserted: pending again. */
    qtest_writel(s, PLIC_CLAIM(0), 5);
    g_assert_true(plic_pending(s, 5));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 5);

    /* Deasserted before completion: idle afterwards. */
    plic_source(s, 5, 0);
    qtest_writel(s, PLIC_CLAIM(0), 5);
    g_assert_false(plic_pending(s, 5));

    /* Completion by a context without the source enabled is ignored. */
    plic_source(s, 5, 1);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 5);
    qtest_writel(s, PLIC_CLAIM(1), 5);
    g_assert_false(plic_pending(s, 5));
    qtest_writel(s, PLIC_CLAIM(0), 5);
    g_assert_true(plic_pending(s, 5));
    qtest_quit(s);
}

/* Context 0 drives hart 0's M external line, context 1 its S line. */
static void test_plic_context_lines(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_irq_intercept_in(s, "/machine/soc0/harts[0]");
    qtest_writeq(s, MTIMECMP(0), UINT64_MAX);
    assert_only_irq(s, -1);

    qtest_writel(s, PLIC_PRIORITY(5), 3);
    plic_source(s, 5, 1);
    assert_only_irq(s, -1); /* not enabled anywhere */

    plic_enable(s, 0, 5);
    assert_only_irq(s, IRQ_M_EXT);
    qtest_writel(s, PLIC_THRESHOLD(0), 3);
    assert_only_irq(s, -1);
    qtest_writel(s, PLIC_THRESHOLD(0), 2);
    assert_only_irq(s, IRQ_M_EXT);
    qtest_writel(s, PLIC_PRIORITY(5), 0);
    assert_only_irq(s, -1);
    qtest_writel(s, PLIC_PRIORITY(5), 3);
    assert_only_irq(s, IRQ_M_EXT);

    /* Claimed: the line drops; completed, still asserted: back up. */
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 5);
    assert_only_irq(s, -1);
    qtest_writel(s, PLIC_CLAIM(0), 5);
    assert_only_irq(s, IRQ_M_EXT);

    /* Move the source to the S context. */
    qtest_writel(s, PLIC_ENABLE(0, 0), 0);
    plic_enable(s, 1, 5);
    assert_only_irq(s, IRQ_S_EXT);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(1)), ==, 5);
    assert_only_irq(s, -1);
    plic_source(s, 5, 0);
    qtest_writel(s, PLIC_CLAIM(1), 5);
    assert_only_irq(s, -1);
    qtest_quit(s);
}

/* With two harts, contexts 2 and 3 belong to hart 1. */
static void test_plic_second_hart(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    qtest_irq_intercept_in(s, "/machine/soc0/harts[1]");
    qtest_writeq(s, MTIMECMP(1), UINT64_MAX);
    assert_only_irq(s, -1);

    qtest_writel(s, PLIC_PRIORITY(33), 1);
    plic_source(s, 33, 1);
    plic_enable(s, 0, 33);
    plic_enable(s, 1, 33);
    assert_only_irq(s, -1);
    plic_enable(s, 3, 33);
    assert_only_irq(s, IRQ_S_EXT);
    plic_enable(s, 2, 33);
    g_assert_true(qtest_get_irq(s, IRQ_M_EXT));
    g_assert_true(qtest_get_irq(s, IRQ_S_EXT));

    /* Claimed by hart 0: gone for hart 1 too. */
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 33);
    assert_only_irq(s, -1);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/aclint/mtime/counts", test_mtime_counts);
    qtest_add_func("/aclint/mtime/write", test_mtime_write);
    qtest_add_func("/aclint/mtimecmp/regs", test_mtimecmp_regs);
    qtest_add_func("/aclint/mtimer/irq", test_timer_irq);
    qtest_add_func("/aclint/mtimer/irq-halves", test_timer_irq_halves);
    qtest_add_func("/aclint/mtimer/irq-mtime-write",
                   test_timer_irq_mtime_write);
    qtest_add_func("/aclint/mtimer/irq-per-hart", test_timer_irq_per_hart);
    qtest_add_func("/aclint/mswi/msip", test_msip);
    qtest_add_func("/aclint/bad-access", test_bad_access);
    qtest_add_func("/aclint/reset", test_reset);
    qtest_add_func("/plic/direct/claim-order", test_plic_claim_order);
    qtest_add_func("/plic/direct/level", test_plic_level);
    qtest_add_func("/plic/direct/context-lines", test_plic_context_lines);
    qtest_add_func("/plic/direct/second-hart", test_plic_second_hart);
    return g_test_run();
}
