/*
 * Zicsr rules: unknown CSRs and writes to read-only CSRs are illegal
 * instructions (mtval = the instruction bits), csrrs/csrrc with x0 do not
 * write, M CSRs are out of reach from S, counters need mcounteren /
 * scounteren below M, and WARL fields keep legal values (mtvec mode, satp
 * mode, misa).  sstatus/sie/sip are views of the M registers.
 */
#include "testlib.h"

static void test_illegal(void)
{
    TRAP_EXPECT(__asm__ volatile("csrr a0, 0x8ff" ::: "a0"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x8ff02573UL);
    TRAP_EXPECT(__asm__ volatile("csrw mvendorid, zero"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xf1101073UL);
    TRAP_EXPECT(__asm__ volatile("csrw cycle, zero"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0001073UL);
    TRAP_EXPECT(__asm__ volatile("csrrwi zero, mhartid, 1"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xf140d073UL);
    /* csrrs/csrrc with rs1 = x0 (or zimm = 0) read without writing. */
    u64 v;
    TRAP_EXPECT(__asm__ volatile("csrrs %0, mvendorid, zero" : "=r"(v)));
    CHECK_NO_TRAP();
    TRAP_EXPECT(__asm__ volatile("csrrci %0, mhartid, 0" : "=r"(v)));
    CHECK_NO_TRAP();
    CHECK_EQ(v, 0UL);
    trap.armed = 0;
}

static void test_ids(void)
{
    u64 misa = csr_read(misa);
    const u64 want = (1UL << ('I' - 'A')) | (1UL << ('M' - 'A')) |
                     (1UL << ('A' - 'A')) | (1UL << ('F' - 'A')) |
                     (1UL << ('D' - 'A')) | (1UL << ('C' - 'A')) |
                     (1UL << ('S' - 'A')) | (1UL << ('U' - 'A'));
    CHECK_EQ(misa >> 62, 2UL); /* MXL = 64 */
    CHECK_EQ(misa & want, want);
    CHECK_EQ(misa & (1UL << ('E' - 'A')), 0UL);
    /* misa is not writable on these harts. */
    csr_write(misa, 0);
    CHECK_EQ(csr_read(misa), misa);
    CHECK_EQ(csr_read(mhartid), 0UL);
    CHECK_EQ(csr_read(mvendorid), 0UL);
}

static void test_mstatus(void)
{
    u64 s = csr_read(mstatus);
    CHECK_EQ((s >> 32) & 3, 2UL); /* UXL = 64 */
    CHECK_EQ((s >> 34) & 3, 2UL); /* SXL = 64 */
    /* FS dirty shows in SD. */
    csr_set(mstatus, MSTATUS_FS);
    CHECK(csr_read(mstatus) >> 63);
    csr_clear(mstatus, MSTATUS_FS);
    CHECK_EQ(csr_read(mstatus) >> 63, 0UL);
    csr_set(mstatus, 1UL << 13);
    /* sstatus is a window on mstatus. */
    csr_set(sstatus, MSTATUS_SIE);
    CHECK(csr_read(mstatus) & MSTATUS_SIE);
    csr_clear(mstatus, MSTATUS_SIE);
    CHECK_EQ(csr_read(sstatus) & MSTATUS_SIE, 0UL);
    csr_set(mstatus, MSTATUS_MPIE);
    CHECK_EQ(csr_read(sstatus) & (MSTATUS_MPIE | MSTATUS_MPP), 0UL);
    csr_set(sstatus, MSTATUS_MPP); /* not in sstatus: ignored */
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(sstatus, MSTATUS_MPP);
    CHECK_EQ(csr_read(mstatus) & MSTATUS_MPP, 0UL);
    csr_set(sstatus, MSTATUS_SUM | MSTATUS_MXR);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_SUM | MSTATUS_MXR),
             MSTATUS_SUM | MSTATUS_MXR);
    csr_clear(mstatus, MSTATUS_SUM | MSTATUS_MXR);
}

static void test_warl(void)
{
    u64 old = csr_read(mtvec);
    /* Reserved mtvec modes (2, 3) leave mtvec as it was. */
    csr_write(mtvec, 0x80001002UL);
    CHECK_EQ(csr_read(mtvec), old);
    csr_write(mtvec, 0x80001003UL);
    CHECK_EQ(csr_read(mtvec), old);
    csr_write(mtvec, (u64)m_vector_table | 1);
    CHECK_EQ(csr_read(mtvec), (u64)m_vector_table | 1);
    csr_write(mtvec, old);
    /* satp: an unsupported mode leaves satp unchanged. */
    csr_write(satp, 0);
    csr_write(satp, (1UL << 60) | 5);
    CHECK_EQ(csr_read(satp), 0UL);
    csr_write(satp, (8UL << 60) | 5);
    CHECK_EQ(csr_read(satp), (8UL << 60) | 5);
    csr_write(satp, 0);
    /* medeleg: the synchronous exceptions can be delegated. */
    csr_write(medeleg, ~0UL);
    CHECK(csr_read(medeleg) & (1UL << CAUSE_USER_ECALL));
    CHECK(csr_read(medeleg) & (1UL << CAUSE_LOAD_PAGE_FAULT));
    csr_write(medeleg, 0);
    /* mideleg: the S interrupts can be delegated, the M ones not. */
    csr_write(mideleg, ~0UL);
    u64 d = csr_read(mideleg);
    CHECK_EQ(d & 0x222, 0x222UL);
    CHECK_EQ(d & 0x888, 0UL);
    /* sie is mie masked by mideleg. */
    csr_write(mie, 0);
    csr_write(sie, ~0UL);
    CHECK_EQ(csr_read(mie) & 0xaaa, 0x222UL);
    CHECK_EQ(csr_read(sie) & 0xaaa, 0x222UL);
    csr_write(mideleg, 0);
    CHECK_EQ(csr_read(sie) & 0xaaa, 0UL);
    csr_write(mie, 0);
    /* mip: MTIP and MSIP are read-only (driven by the CLINT). */
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    csr_set(mip, (1UL << IRQ_M_TIMER) | (1UL << IRQ_M_SOFT));
    CHECK_EQ(csr_read(mip) & 0x88, 0UL);
    csr_set(mip, 1UL << IRQ_S_SOFT);
    CHECK(csr_read(mip) & (1UL << IRQ_S_SOFT));
    csr_clear(mip, 1UL << IRQ_S_SOFT);
    CHECK_EQ(csr_read(mip) & 0x2, 0UL);
}

static u64 read_cycle(u64 unused)
{
    return csr_read(cycle);
}
static u64 read_time(u64 unused)
{
    return csr_read(time);
}
static u64 read_instret(u64 unused)
{
    return csr_read(instret);
}
static u64 read_mstatus(u64 unused)
{
    return csr_read(mstatus);
}
static u64 read_sstatus(u64 unused)
{
    return csr_read(sstatus);
}

static void test_privilege(void)
{
    /* M CSRs from S and S CSRs from U are illegal. */
    TRAP_EXPECT(run_in_mode(PRV_S, read_mstatus, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x30002573UL | (0UL << 7)); /* a0 */
    CHECK_EQ(trap.from, (u64)PRV_S);
    TRAP_EXPECT(run_in_mode(PRV_U, read_sstatus, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x10002573UL);
    TRAP_EXPECT(run_in_mode(PRV_S, read_sstatus, 0));
    CHECK_NO_TRAP();
    /* Counters below M need the enables, U needs both. */
    csr_write(mcounteren, 0);
    csr_write(scounteren, 0);
    TRAP_EXPECT(run_in_mode(PRV_S, read_cycle, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0002573UL);
    TRAP_EXPECT(run_in_mode(PRV_S, read_time, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0102573UL);
    TRAP_EXPECT(run_in_mode(PRV_S, read_instret, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0202573UL);
    csr_write(mcounteren, 7);
    TRAP_EXPECT(run_in_mode(PRV_S, read_cycle, 0));
    CHECK_NO_TRAP();
    TRAP_EXPECT(run_in_mode(PRV_S, read_time, 0));
    CHECK_NO_TRAP();
    TRAP_EXPECT(run_in_mode(PRV_U, read_cycle, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0002573UL);
    CHECK_EQ(trap.from, (u64)PRV_U);
    csr_write(scounteren, 1); /* CY only */
    TRAP_EXPECT(run_in_mode(PRV_U, read_cycle, 0));
    CHECK_NO_TRAP();
    TRAP_EXPECT(run_in_mode(PRV_U, read_time, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xc0102573UL);
    csr_write(mcounteren, 0);
    csr_write(scounteren, 0);
    trap.armed = 0;
    /* Counters count. */
    u64 c0 = csr_read(cycle), i0 = csr_read(instret);
    for (volatile int i = 0; i < 100; i++) {
    }
    CHECK(csr_read(cycle) > c0);
    CHECK(csr_read(instret) > i0 + 100);
    CHECK_EQ(csr_read(mcycle) >= c0, 1);
}

static u64 read_satp(u64 unused)
{
    return csr_read(satp);
}
static u64 do_sfence(u64 unused)
{
    __asm__ volatile("sfence.vma" ::: "memory");
    return 0;
}
static u64 do_sret(u64 unused)
{
    __asm__ volatile("sret");
    return 0;
}
static u64 nothing(u64 x)
{
    return x;
}

static void test_trap_virtualization(void)
{
    /* TVM: satp and sfence.vma are illegal in S. */
    csr_set(mstatus, MSTATUS_TVM);
    TRAP_EXPECT(run_in_mode(PRV_S, read_satp, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x18002573UL);
    TRAP_EXPECT(run_in_mode(PRV_S, do_sfence, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x12000073UL);
    csr_clear(mstatus, MSTATUS_TVM);
    TRAP_EXPECT(run_in_mode(PRV_S, read_satp, 0));
    CHECK_NO_TRAP();
    /* TSR: sret is illegal in S. */
    csr_set(mstatus, MSTATUS_TSR);
    TRAP_EXPECT(run_in_mode(PRV_S, do_sret, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x10200073UL);
    csr_clear(mstatus, MSTATUS_TSR);
    trap.armed = 0;
}

static void test_xret(void)
{
    /*
     * run_in_mode enters S with mret and comes back through a trap and
     * another mret to M: mret leaves MPP = U and MPIE = 1.  (Priv 1.12
     * also has mret below M clear MPRV; QEMU 7.2 does not, so that is not
     * checked.)
     */
    csr_clear(mstatus, MSTATUS_MPIE);
    CHECK_EQ(run_in_mode(PRV_S, nothing, 7), 7UL);
    u64 s = csr_read(mstatus);
    CHECK_EQ(s & MSTATUS_MPP, 0UL);
    CHECK(s & MSTATUS_MPIE);
}

int main(void)
{
    test_illegal();
    test_ids();
    test_mstatus();
    test_warl();
    test_privilege();
    test_trap_virtualization();
    test_xret();
    return 0;
}
