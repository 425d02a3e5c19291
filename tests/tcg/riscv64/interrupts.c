/*
 * M-mode interrupts from the CLINT (ACLINT MSWI/MTIMER): MSIP through the
 * msip register, MTIP through mtimecmp vs mtime; the enables (mie, MIE,
 * always-on below M), vectored mtvec, and the priority MSI > MTI.
 * Runs with -smp 2: hart 1's msip must not reach hart 0.
 */
#include "testlib.h"

static volatile u64 order[4];
static volatile int n_irqs;

static void irq_hook(u64 irq)
{
    if (n_irqs < 4) {
        order[n_irqs] = irq;
    }
    n_irqs++;
    if (irq == IRQ_M_SOFT) {
        mmio_write32(CLINT_MSIP(0), 0);
    } else if (irq == IRQ_M_TIMER) {
        mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    }
}

static void spin(int n)
{
    for (volatile int i = 0; i < n; i++) {
    }
}

static u64 spin_in_s(u64 n)
{
    spin(n);
    return n_irqs;
}

static void reset_irqs(void)
{
    n_irqs = 0;
    for (int i = 0; i < 4; i++) {
        order[i] = ~0UL;
    }
}

static void test_msip(void)
{
    mmio_write32(CLINT_MSIP(0), 1);
    CHECK_EQ(mmio_read32(CLINT_MSIP(0)), 1U);
    CHECK(csr_read(mip) & (1UL << IRQ_M_SOFT));
    /* Pending but not enabled: nothing. */
    csr_write(mie, 1UL << IRQ_M_SOFT);
    spin(100);
    CHECK_EQ(n_irqs, 0);
    /* MIE on: taken. */
    csr_set(mstatus, MSTATUS_MIE);
    spin(100);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(n_irqs, 1);
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_M_SOFT);
    CHECK_EQ(trap.tval, 0UL);
    CHECK_EQ(csr_read(mip) & (1UL << IRQ_M_SOFT), 0UL);
    /* Below M, M interrupts are taken whatever MIE says. */
    reset_irqs();
    mmio_write32(CLINT_MSIP(0), 1);
    CHECK_EQ(run_in_mode(PRV_S, spin_in_s, 100), 1UL);
    CHECK_EQ(trap.from, (u64)PRV_S);
    /* Another hart's msip is not ours. */
    reset_irqs();
    mmio_write32(CLINT_MSIP(1), 1);
    CHECK_EQ(mmio_read32(CLINT_MSIP(1)), 1U);
    CHECK_EQ(csr_read(mip) & (1UL << IRQ_M_SOFT), 0UL);
    mmio_write32(CLINT_MSIP(1), 0);
    /* Only bit 0 of msip is implemented. */
    mmio_write32(CLINT_MSIP(0), 0xfffffffe);
    CHECK_EQ(mmio_read32(CLINT_MSIP(0)), 0U);
    csr_write(mie, 0);
}

static void test_mtip(void)
{
    reset_irqs();
    u64 now = mmio_read64(CLINT_MTIME);
    CHECK(mmio_read64(CLINT_MTIME) >= now);
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    CHECK_EQ(csr_read(mip) & (1UL << IRQ_M_TIMER), 0UL);
    mmio_write64(CLINT_MTIMECMP(0), 0);
    CHECK(csr_read(mip) & (1UL << IRQ_M_TIMER));
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    CHECK_EQ(csr_read(mip) & (1UL << IRQ_M_TIMER), 0UL);
    /* A deadline 1000 ticks (100 us) ahead fires, and not before. */
    csr_write(mie, 1UL << IRQ_M_TIMER);
    csr_set(mstatus, MSTATUS_MIE);
    u64 deadline = mmio_read64(CLINT_MTIME) + 1000;
    mmio_write64(CLINT_MTIMECMP(0), deadline);
    while (!n_irqs && mmio_read64(CLINT_MTIME) < deadline + 10000000) {
    }
    u64 after = mmio_read64(CLINT_MTIME);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(n_irqs, 1);
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_M_TIMER);
    CHECK(after >= deadline);
    CHECK_EQ(csr_read(time) >= deadline, 1);
    csr_write(mie, 0);
}

static void test_vectored(void)
{
    u64 old = csr_read(mtvec);
    reset_irqs();
    csr_write(mtvec, (u64)m_vector_table | 1);
    csr_write(mie, (1UL << IRQ_M_SOFT) | (1UL << IRQ_M_TIMER));
    mmio_write32(CLINT_MSIP(0), 1);
    csr_set(mstatus, MSTATUS_MIE);
    spin(100);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(n_irqs, 1);
    CHECK_EQ(trap.vector, IRQ_M_SOFT);
    mmio_write64(CLINT_MTIMECMP(0), 0);
    csr_set(mstatus, MSTATUS_MIE);
    spin(100);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(n_irqs, 2);
    CHECK_EQ(trap.vector, IRQ_M_TIMER);
    /* Exceptions use the base address. */
    TRAP_EXPECT(__asm__ volatile("ebreak"));
    CHECK_EQ(trap.vector, 0);
    csr_write(mie, 0);
    csr_write(mtvec, old);
}

static void test_priority(void)
{
    reset_irqs();
    csr_write(mie, (1UL << IRQ_M_SOFT) | (1UL << IRQ_M_TIMER));
    mmio_write64(CLINT_MTIMECMP(0), 0);
    mmio_write32(CLINT_MSIP(0), 1);
    csr_set(mstatus, MSTATUS_MIE);
    spin(100);
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(n_irqs, 2);
    CHECK_EQ(order[0], (u64)IRQ_M_SOFT);
    CHECK_EQ(order[1], (u64)IRQ_M_TIMER);
    csr_write(mie, 0);
}

int main(void)
{
    m_irq_hook = irq_hook;
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    test_msip();
    test_mtip();
    test_vectored();
    test_priority();
    return 0;
}
