/*
 * medeleg / mideleg: delegated exceptions from U and S go to the S handler
 * (stvec), with scause/stval/sepc and sstatus.SPP; from M they never do.
 */
#include "testlib.h"

static u64 do_ecall(u64 x)
{
    __asm__ volatile("ecall");
    return x + 1;
}

static u64 do_illegal(u64 x)
{
    __asm__ volatile(".word 0x0000000b");
    return x + 2;
}

static u64 do_load(u64 addr)
{
    return *(volatile u64 *)addr;
}

static u64 do_ebreak(u64 x)
{
    __asm__ volatile("ebreak");
    return x;
}

static void m_irq_clear(u64 irq)
{
    csr_clear(mip, 1UL << irq);
}

static u64 ssoft_seen;
static void s_irq(u64 irq)
{
    ssoft_seen = irq;
    csr_clear(sip, 1UL << IRQ_S_SOFT);
}

static volatile u64 s_order[3];
static volatile int s_n;
static void s_irq_order(u64 irq)
{
    if (s_n < 3) {
        s_order[s_n] = irq;
    }
    s_n++;
    /* M-mode owns STIP; S can clear SSIP. */
    if (irq == IRQ_S_SOFT) {
        csr_clear(sip, 1UL << IRQ_S_SOFT);
    } else {
        csr_clear(sie, 1UL << irq);
    }
}

static u64 u_spin(u64 n)
{
    for (volatile u64 i = 0; i < n; i++) {
    }
    return s_n;
}

static u64 s_wait_ssip(u64 x)
{
    csr_set(sstatus, MSTATUS_SIE);
    for (int i = 0; i < 1000 && !ssoft_seen; i++) {
    }
    csr_clear(sstatus, MSTATUS_SIE);
    return ssoft_seen;
}

int main(void)
{
    csr_write(medeleg, (1UL << CAUSE_USER_ECALL) | (1UL << CAUSE_ILLEGAL_INSN) |
                           (1UL << CAUSE_LOAD_ACCESS));

    TRAP_EXPECT(CHECK_EQ(run_in_mode(PRV_U, do_ecall, 1), 2UL));
    CHECK_TRAP(CAUSE_USER_ECALL, 0UL);
    CHECK_EQ(trap.handler, (u64)PRV_S);
    CHECK_EQ(trap.from, (u64)PRV_U);
    CHECK(trap.epc >= (u64)do_ecall && trap.epc < (u64)do_ecall + 16);

    TRAP_EXPECT(CHECK_EQ(run_in_mode(PRV_S, do_illegal, 1), 3UL));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xbUL);
    CHECK_EQ(trap.handler, (u64)PRV_S);
    CHECK_EQ(trap.from, (u64)PRV_S);
    CHECK(trap.status & MSTATUS_SPP);

    TRAP_EXPECT(run_in_mode(PRV_U, do_load, UNMAPPED_ADDR + 0x10));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 0x10);
    CHECK_EQ(trap.handler, (u64)PRV_S);
    CHECK_EQ(trap.status & MSTATUS_SPP, 0UL);

    /* Not delegated: ebreak and ecall from S go to M. */
    TRAP_EXPECT(run_in_mode(PRV_U, do_ebreak, 0));
    CHECK_TRAP(CAUSE_BREAKPOINT, 0UL);
    CHECK_EQ(trap.handler, (u64)PRV_M);
    TRAP_EXPECT(run_in_mode(PRV_S, do_ecall, 0));
    CHECK_TRAP(CAUSE_SUPERVISOR_ECALL, 0UL);
    CHECK_EQ(trap.handler, (u64)PRV_M);

    /* Delegation never applies to traps taken in M. */
    TRAP_EXPECT(__asm__ volatile(".word 0x0000000b"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xbUL);
    CHECK_EQ(trap.handler, (u64)PRV_M);

    /* A delegated interrupt: SSIP, taken in S with SIE set. */
    csr_write(mideleg, 1UL << IRQ_S_SOFT);
    csr_write(mie, 1UL << IRQ_S_SOFT);
    s_irq_hook = s_irq;
    csr_set(mip, 1UL << IRQ_S_SOFT);
    /* In M, a delegated interrupt is not taken even with MIE. */
    csr_set(mstatus, MSTATUS_MIE);
    for (volatile int i = 0; i < 100; i++) {
    }
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(ssoft_seen, 0UL);
    CHECK_EQ(run_in_mode(PRV_S, s_wait_ssip, 0), (u64)IRQ_S_SOFT);
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_S_SOFT);
    CHECK_EQ(trap.handler, (u64)PRV_S);

    /*
     * From U, S interrupts are taken whatever SIE says; with SSIP and STIP
     * both pending, SSI goes first.
     */
    s_irq_hook = s_irq_order;
    csr_write(mideleg, (1UL << IRQ_S_SOFT) | (1UL << IRQ_S_TIMER));
    csr_write(mie, (1UL << IRQ_S_SOFT) | (1UL << IRQ_S_TIMER));
    csr_clear(mstatus, MSTATUS_SIE);
    csr_set(mip, (1UL << IRQ_S_SOFT) | (1UL << IRQ_S_TIMER));
    CHECK_EQ(run_in_mode(PRV_U, u_spin, 1000), 2UL);
    CHECK_EQ(s_order[0], (u64)IRQ_S_SOFT);
    CHECK_EQ(s_order[1], (u64)IRQ_S_TIMER);
    CHECK_EQ(trap.from, (u64)PRV_U);
    CHECK_EQ(trap.handler, (u64)PRV_S);
    /* In S with SIE clear, nothing is taken. */
    s_n = 0;
    csr_write(mie, 1UL << IRQ_S_TIMER);
    CHECK(csr_read(mip) & (1UL << IRQ_S_TIMER));
    CHECK_EQ(run_in_mode(PRV_S, u_spin, 1000), 0UL);
    csr_clear(mip, 1UL << IRQ_S_TIMER);

    /* Not delegated: an S interrupt goes to M, even from S. */
    csr_write(mideleg, 0);
    m_irq_hook = m_irq_clear;
    csr_write(mie, 1UL << IRQ_S_SOFT);
    csr_set(mip, 1UL << IRQ_S_SOFT);
    run_in_mode(PRV_S, u_spin, 1000);
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_S_SOFT);
    CHECK_EQ(trap.handler, (u64)PRV_M);
    CHECK_EQ(trap.from, (u64)PRV_S);
    csr_write(mie, 0);
    csr_write(mideleg, 0);
    csr_write(medeleg, 0);
    return 0;
}
