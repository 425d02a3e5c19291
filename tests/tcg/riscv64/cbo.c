/*
 * Zicbom, Zicboz, Zicbop (CMO extensions 1.0.1); runs on ours only:
 * QEMU 7.2 has none of them (its cbo.* encodings are illegal).
 *
 * cbo.zero zeroes exactly its 64-byte block (the address need not be
 * aligned); clean/flush/inval have no visible effect on memory. Below M
 * each needs its menvcfg field (CBCFE, CBIE, CBZE) and in U also its
 * senvcfg field, else an illegal-instruction trap with tval = the
 * instruction (2.5, 3.x); CBIE = 10 is reserved. Faults are store faults
 * with tval = the effective address. Prefetches are hints.
 */
#include "testlib.h"

#define CBO_INVAL_A0 0x0005200fUL
#define CBO_CLEAN_A0 0x0015200fUL
#define CBO_FLUSH_A0 0x0025200fUL
#define CBO_ZERO_A0  0x0045200fUL

#define MENVCFG_CBIE_FLUSH (1UL << 4)
#define MENVCFG_CBIE_INVAL (3UL << 4)
#define MENVCFG_CBCFE      (1UL << 6)
#define MENVCFG_CBZE       (1UL << 7)

static volatile unsigned char buf[256] __attribute__((aligned(64)));

/* The operand is always a0, so the instruction bits are known. */
#define DEF_CBO(name, insn)                                  \
    static u64 name(u64 addr)                                \
    {                                                        \
        register u64 a0 __asm__("a0") = addr;                \
        __asm__ volatile(insn " (a0)" ::"r"(a0) : "memory"); \
        return 0;                                            \
    }
DEF_CBO(do_zero, "cbo.zero")
DEF_CBO(do_clean, "cbo.clean")
DEF_CBO(do_flush, "cbo.flush")
DEF_CBO(do_inval, "cbo.inval")

static void fill(void)
{
    for (unsigned i = 0; i < sizeof(buf); i++) {
        buf[i] = (unsigned char)(i + 1);
    }
}

static void test_zero_block(void)
{
    fill();
    do_zero((u64)&buf[64 + 37]); /* an unaligned address in block 1 */
    for (unsigned i = 0; i < sizeof(buf); i++) {
        CHECK_EQ(buf[i], (i >= 64 && i < 128) ? 0 : (unsigned char)(i + 1));
    }
    /* Management operations leave memory as it is. */
    fill();
    do_clean((u64)&buf[0]);
    do_flush((u64)&buf[64]);
    do_inval((u64)&buf[128]);
    for (unsigned i = 0; i < sizeof(buf); i++) {
        CHECK_EQ(buf[i], (unsigned char)(i + 1));
    }
}

static void test_prefetch(void)
{
    TRAP_EXPECT(__asm__ volatile("prefetch.i 0(%0)\n prefetch.r 64(%0)\n"
                                 "prefetch.w -64(%0)" ::"r"(UNMAPPED_ADDR)));
    CHECK_NO_TRAP();
}

/* Each gate: illegal below M until the fields allow it. */
static void test_gates(void)
{
    csr_write(menvcfg, 0);
    csr_write(senvcfg, 0);
    fill();
    TRAP_EXPECT(run_in_mode(PRV_S, do_zero, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_ZERO_A0);
    CHECK_EQ(buf[0], 1); /* nothing written */
    TRAP_EXPECT(run_in_mode(PRV_S, do_clean, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_CLEAN_A0);
    TRAP_EXPECT(run_in_mode(PRV_S, do_flush, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_FLUSH_A0);
    TRAP_EXPECT(run_in_mode(PRV_S, do_inval, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_INVAL_A0);

    csr_write(menvcfg, MENVCFG_CBZE | MENVCFG_CBCFE | MENVCFG_CBIE_FLUSH);
    CHECK_EQ(csr_read(menvcfg) & 0xf0,
             MENVCFG_CBZE | MENVCFG_CBCFE | MENVCFG_CBIE_FLUSH);
    TRAP_EXPECT(run_in_mode(PRV_S, do_zero, (u64)buf));
    CHECK_NO_TRAP();
    CHECK_EQ(buf[0], 0);
    TRAP_EXPECT(run_in_mode(PRV_S, do_clean, (u64)buf));
    CHECK_NO_TRAP();
    TRAP_EXPECT(run_in_mode(PRV_S, do_inval, (u64)buf)); /* as a flush */
    CHECK_NO_TRAP();
    /* U also needs senvcfg. */
    TRAP_EXPECT(run_in_mode(PRV_U, do_zero, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_ZERO_A0);
    TRAP_EXPECT(run_in_mode(PRV_U, do_flush, (u64)buf));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_FLUSH_A0);
    csr_write(senvcfg, MENVCFG_CBZE | MENVCFG_CBCFE);
    fill();
    TRAP_EXPECT(run_in_mode(PRV_U, do_zero, (u64)&buf[200]));
    CHECK_NO_TRAP();
    CHECK_EQ(buf[192], 0);
    CHECK_EQ(buf[191], 192);
    TRAP_EXPECT(run_in_mode(PRV_U, do_flush, (u64)buf));
    CHECK_NO_TRAP();
    TRAP_EXPECT(run_in_mode(PRV_U, do_inval, (u64)buf)); /* senvcfg.CBIE 0 */
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, CBO_INVAL_A0);

    /* CBIE = 10 is reserved: the write leaves the field alone. */
    csr_write(menvcfg, 2UL << 4);
    CHECK_EQ(csr_read(menvcfg) & MENVCFG_CBIE_INVAL, MENVCFG_CBIE_FLUSH);
    csr_write(senvcfg, MENVCFG_CBIE_INVAL);
    CHECK_EQ(csr_read(senvcfg) & MENVCFG_CBIE_INVAL, MENVCFG_CBIE_INVAL);
    csr_write(menvcfg, 0);
    csr_write(senvcfg, 0);
}

/* Faults are store faults with tval = the effective address. */
static void test_faults(void)
{
    TRAP_EXPECT(do_zero(UNMAPPED_ADDR + 8));
    CHECK_TRAP(CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8);
    TRAP_EXPECT(do_clean(UNMAPPED_ADDR + 8));
    CHECK_TRAP(CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8);
    TRAP_EXPECT(do_inval(UNMAPPED_ADDR));
    CHECK_TRAP(CAUSE_STORE_ACCESS, UNMAPPED_ADDR);
}

int main(void)
{
    test_zero_block();
    test_prefetch();
    test_gates();
    test_faults();
    return 0;
}
