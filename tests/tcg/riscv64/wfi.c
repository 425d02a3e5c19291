/*
 * WFI: sleeps until an interrupt is pending and enabled in mie, even with
 * mstatus.MIE clear (then execution just continues after the WFI); with
 * MIE set the interrupt is taken.  From U-mode WFI is illegal, from S too
 * when mstatus.TW is set.
 */
#include "testlib.h"

static volatile int fired;

static void irq_hook(u64 irq)
{
    fired++;
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
}

static u64 do_wfi(u64 x)
{
    __asm__ volatile("wfi");
    return x;
}

int main(void)
{
    m_irq_hook = irq_hook;
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    csr_write(mie, 1UL << IRQ_M_TIMER);

    /* MIE clear: wakes up when the timer is due, no trap. */
    u64 deadline = mmio_read64(CLINT_MTIME) + 100000; /* 10 ms */
    mmio_write64(CLINT_MTIMECMP(0), deadline);
    __asm__ volatile("wfi");
    CHECK(mmio_read64(CLINT_MTIME) >= deadline);
    CHECK(csr_read(mip) & (1UL << IRQ_M_TIMER));
    CHECK_EQ(fired, 0);

    /* MIE set: the interrupt is taken right after the WFI. */
    deadline = mmio_read64(CLINT_MTIME) + 100000;
    mmio_write64(CLINT_MTIMECMP(0), deadline);
    csr_set(mstatus, MSTATUS_MIE);
    __asm__ volatile("wfi");
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(fired, 1);
    CHECK(mmio_read64(CLINT_MTIME) >= deadline);
    csr_write(mie, 0);

    /* Privilege: illegal in U; in S only with TW. */
    TRAP_EXPECT(run_in_mode(PRV_U, do_wfi, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x10500073UL);
    csr_set(mstatus, MSTATUS_TW);
    TRAP_EXPECT(run_in_mode(PRV_S, do_wfi, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x10500073UL);
    csr_clear(mstatus, MSTATUS_TW);
    return 0;
}
