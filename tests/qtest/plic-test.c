/*
 * The PLIC of the virt machine, as software sees it: priorities,
 * enables and thresholds (WARL to 7 priority levels), and claim/complete
 * of a real interrupt, raised by the UART in loopback (source 10).
 *
 * Only behaviour QEMU 7.2 shares: no clock, no direct driving of sources
 * (see aclint-test.c for those).
 */
#include "libqtest.h"

#define PLIC_BASE           0x0c000000
#define PLIC_PRIORITY(id)   (PLIC_BASE + 4 * (id))
#define PLIC_PENDING(w)     (PLIC_BASE + 0x1000 + 4 * (w))
#define PLIC_ENABLE(ctx, w) (PLIC_BASE + 0x2000 + 0x80 * (ctx) + 4 * (w))
#define PLIC_THRESHOLD(ctx) (PLIC_BASE + 0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)     (PLIC_THRESHOLD(ctx) + 4)
#define PLIC_NUM_SOURCES    96 /* ids 1..95 */
#define PLIC_MAX_PRIORITY   7

#define UART_BASE     0x10000000
#define UART_RBR      0 /* read: receive buffer; write: THR */
#define UART_IER      1
#define UART_MCR      4
#define UART_LSR      5
#define UART_IER_RDI  0x01
#define UART_MCR_LOOP 0x10
#define UART_LSR_DR   0x01
#define UART_IRQ      10

static void uart_write(QTestState *s, unsigned reg, uint8_t v)
{
    qtest_writeb(s, UART_BASE + reg, v);
}

static uint8_t uart_read(QTestState *s, unsigned reg)
{
    return qtest_readb(s, UART_BASE + reg);
}

static bool source_pending(QTestState *s, uint32_t id)
{
    return (qtest_readl(s, PLIC_PENDING(id / 32)) >> (id % 32)) & 1;
}

/* Loopback with the receive interrupt on: every byte sent raises IRQ 10. */
static void uart_setup_loopback(QTestState *s)
{
    uart_write(s, UART_MCR, UART_MCR_LOOP);
    uart_write(s, UART_IER, UART_IER_RDI);
}

static void uart_send(QTestState *s, uint8_t c)
{
    uart_write(s, UART_RBR, c);
    g_assert_cmphex(uart_read(s, UART_LSR) & UART_LSR_DR, ==, UART_LSR_DR);
}

/* Reading the byte back drops the UART's interrupt request. */
static void uart_drain(QTestState *s, uint8_t expect)
{
    g_assert_cmphex(uart_read(s, UART_RBR), ==, expect);
    g_assert_cmphex(uart_read(s, UART_LSR) & UART_LSR_DR, ==, 0);
}

static void test_reset_state(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    for (uint32_t id = 1; id < PLIC_NUM_SOURCES; id++) {
        g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(id)), ==, 0);
    }
    for (int w = 0; w < 3; w++) {
        g_assert_cmphex(qtest_readl(s, PLIC_PENDING(w)), ==, 0);
        for (int ctx = 0; ctx < 4; ctx++) {
            g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(ctx, w)), ==, 0);
        }
    }
    for (int ctx = 0; ctx < 4; ctx++) {
        g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(ctx)), ==, 0);
        g_assert_cmphex(qtest_readl(s, PLIC_CLAIM(ctx)), ==, 0);
    }
    qtest_quit(s);
}

/* Priorities are WARL: only the bits of 0..7 are kept. */
static void test_priority(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PRIORITY(1), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(1)), ==, PLIC_MAX_PRIORITY);
    qtest_writel(s, PLIC_PRIORITY(1), 5);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(1)), ==, 5);
    qtest_writel(s, PLIC_PRIORITY(1), 0xd);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(1)), ==, 5);
    qtest_writel(s, PLIC_PRIORITY(1), 8);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(1)), ==, 0);

    /* Each source has its own register, up to the last one (95). */
    for (uint32_t id = 1; id < PLIC_NUM_SOURCES; id++) {
        qtest_writel(s, PLIC_PRIORITY(id), id % 8);
    }
    for (uint32_t id = 1; id < PLIC_NUM_SOURCES; id++) {
        g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(id)), ==, id % 8);
    }

    /* Source 0 does not exist: its slot reads 0. */
    qtest_writel(s, PLIC_PRIORITY(0), 3);
    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(0)), ==, 0);
    qtest_quit(s);
}

/* One enable bit per source and context; contexts are independent. */
static void test_enable(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    qtest_writel(s, PLIC_ENABLE(0, 0), 0xfffffffe);
    qtest_writel(s, PLIC_ENABLE(0, 1), 0x12345678);
    qtest_writel(s, PLIC_ENABLE(0, 2), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 0)), ==, 0xfffffffe);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 1)), ==, 0x12345678);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 2)), ==, 0xffffffff);
    /* Sources 96 and up do not exist. */
    qtest_writel(s, PLIC_ENABLE(0, 3), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 3)), ==, 0);

    for (int ctx = 1; ctx < 4; ctx++) {
        g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(ctx, 0)), ==, 0);
    }
    qtest_writel(s, PLIC_ENABLE(3, 1), 0x400);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(3, 1)), ==, 0x400);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 1)), ==, 0x12345678);

    qtest_writel(s, PLIC_ENABLE(0, 1), 0);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 1)), ==, 0);
    qtest_quit(s);
}

static void test_threshold(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    qtest_writel(s, PLIC_THRESHOLD(0), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(0)), ==, PLIC_MAX_PRIORITY);
    qtest_writel(s, PLIC_THRESHOLD(3), 2);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(3)), ==, 2);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(1)), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(0)), ==, PLIC_MAX_PRIORITY);
    qtest_quit(s);
}

/* Pending bits belong to the sources: software writes do not change them. */
static void test_pending_read_only(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PENDING(0), 0xffffffff);
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING(0)), ==, 0);

    uart_setup_loopback(s);
    uart_send(s, 'p');
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING(0)), ==, 1u << UART_IRQ);
    qtest_writel(s, PLIC_PENDING(0), 0);
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING(0)), ==, 1u << UART_IRQ);
    qtest_quit(s);
}

static void test_claim_complete(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 1);
    qtest_writel(s, PLIC_ENABLE(0, 0), 1u << UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    uart_setup_loopback(s);
    uart_send(s, 'A');
    g_assert_true(source_pending(s, UART_IRQ));

    /* Context 1 (hart 0, S mode) has the source disabled. */
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(1)), ==, 0);
    g_assert_true(source_pending(s, UART_IRQ));

    /* Priority 1 does not exceed threshold 1. */
    qtest_writel(s, PLIC_THRESHOLD(0), 1);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);
    g_assert_true(source_pending(s, UART_IRQ));

    /* Priority 0 never interrupts, whatever the threshold. */
    qtest_writel(s, PLIC_THRESHOLD(0), 0);
    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 0);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);
    g_assert_true(source_pending(s, UART_IRQ));

    /* The claim returns the source and clears its pending bit. */
    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 2);
    qtest_writel(s, PLIC_THRESHOLD(0), 1);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    /* Serviced: the UART drops its request; completion leaves it idle. */
    uart_drain(s, 'A');
    qtest_writel(s, PLIC_CLAIM(0), UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);

    /* The next byte is a new interrupt. */
    uart_send(s, 'B');
    g_assert_true(source_pending(s, UART_IRQ));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, UART_IRQ);
    uart_drain(s, 'B');
    qtest_writel(s, PLIC_CLAIM(0), UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    qtest_quit(s);
}

/* A request stays pending after the source withdraws it. */
static void test_pending_latched(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 3);
    qtest_writel(s, PLIC_ENABLE(0, 0), 1u << UART_IRQ);
    uart_setup_loopback(s);
    uart_send(s, 'x');
    uart_drain(s, 'x');
    g_assert_true(source_pending(s, UART_IRQ));
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, UART_IRQ);
    qtest_writel(s, PLIC_CLAIM(0), UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    qtest_quit(s);
}

/* Any context with the source enabled may claim it, only once. */
static void test_claim_other_hart(void)
{
    QTestState *s = qtest_init("-M virt -smp 2");

    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 1);
    qtest_writel(s, PLIC_ENABLE(2, 0), 1u << UART_IRQ); /* hart 1, M */
    qtest_writel(s, PLIC_ENABLE(3, 0), 1u << UART_IRQ); /* hart 1, S */
    uart_setup_loopback(s);
    uart_send(s, 'c');

    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(0)), ==, 0);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(3)), ==, UART_IRQ);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM(2)), ==, 0);
    uart_drain(s, 'c');
    qtest_writel(s, PLIC_CLAIM(3), UART_IRQ);
    g_assert_false(source_pending(s, UART_IRQ));
    qtest_quit(s);
}

/* system_reset returns every register to 0. */
static void test_system_reset(void)
{
    QTestState *s = qtest_init("-M virt");
    JsonObject *r;

    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 4);
    qtest_writel(s, PLIC_ENABLE(0, 0), 1u << UART_IRQ);
    qtest_writel(s, PLIC_THRESHOLD(0), 2);
    uart_setup_loopback(s);
    uart_send(s, 'r');
    g_assert_true(source_pending(s, UART_IRQ));

    r = qtest_qmp(s, "{\"execute\": \"system_reset\"}");
    g_assert_false(qmp_has_error(r));
    json_object_unref(r);
    json_object_unref(qtest_qmp_eventwait(s, "RESET"));

    g_assert_cmphex(qtest_readl(s, PLIC_PRIORITY(UART_IRQ)), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_ENABLE(0, 0)), ==, 0);
    g_assert_cmphex(qtest_readl(s, PLIC_THRESHOLD(0)), ==, 0);
    g_assert_false(source_pending(s, UART_IRQ));
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/plic/reset-state", test_reset_state);
    qtest_add_func("/plic/priority", test_priority);
    qtest_add_func("/plic/enable", test_enable);
    qtest_add_func("/plic/threshold", test_threshold);
    qtest_add_func("/plic/pending-read-only", test_pending_read_only);
    qtest_add_func("/plic/claim-complete", test_claim_complete);
    qtest_add_func("/plic/pending-latched", test_pending_latched);
    qtest_add_func("/plic/claim-other-hart", test_claim_other_hart);
    qtest_add_func("/plic/system-reset", test_system_reset);
    return g_test_run();
}
