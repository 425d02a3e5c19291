/*
 * Svinval, Svnapot and Svpbmt (privileged spec 1.12 chapters of the same
 * names), run with -cpu rv64,svinval=on,svnapot=on,svpbmt=on (QEMU 7.2
 * has them off by default):
 * - the Svinval instructions are legal where SFENCE.VMA (HINVAL: where
 *   HFENCE) is, illegal in U-mode, virtual instructions in V=1;
 * - a NAPOT PTE maps 64 KiB (address bits 15:12 pass through);
 * - PBMT needs menvcfg.PBMTE, and value 3 is reserved: page faults.
 */
#include "testlib.h"

#define PTE_V           (1UL << 0)
#define PTE_R           (1UL << 1)
#define PTE_W           (1UL << 2)
#define PTE_X           (1UL << 3)
#define PTE_A           (1UL << 6)
#define PTE_D           (1UL << 7)
#define PTE_N           (1UL << 63)
#define PBMT(v)         ((u64)(v) << 61)
#define LEAF(pa, flags) ((((u64)(pa)) >> 12) << 10 | (flags) | PTE_V)
#define TABLE(pa)       ((((u64)(pa)) >> 12) << 10 | PTE_V)
#define SATP_SV39       (8UL << 60)
#define MENVCFG_PBMTE   (1UL << 62)

static u64 next_page;

static u64 *alloc_pages(int n, u64 align)
{
    u64 *p;

    next_page = (next_page + align - 1) & ~(align - 1);
    p = (u64 *)next_page;
    next_page += 4096 * n;
    for (int i = 0; i < 512 * n; i++) {
        p[i] = 0;
    }
    return p;
}

static u64 do_sinval(u64 x)
{
    __asm__ volatile(".word 0x16000073" ::: "memory"); /* sinval.vma */
    __asm__ volatile(".word 0x18000073" ::: "memory"); /* sfence.w.inval */
    __asm__ volatile(".word 0x18100073" ::: "memory"); /* sfence.inval.ir */
    return x + 1;
}

static u64 do_sinval_vma(u64 x)
{
    __asm__ volatile(".word 0x16000073" ::: "memory");
    return x;
}

static __attribute__((unused)) u64 do_sfence_w_inval(u64 x)
{
    __asm__ volatile(".word 0x18000073" ::: "memory");
    return x;
}

static u64 do_hinval_gvma(u64 x)
{
    __asm__ volatile(".word 0x66000073" ::: "memory");
    return x;
}

static u64 do_hinval(u64 x)
{
    __asm__ volatile(".word 0x26000073" ::: "memory"); /* hinval.vvma */
    __asm__ volatile(".word 0x66000073" ::: "memory"); /* hinval.gvma */
    return x + 1;
}

static u64 s_load(u64 va)
{
    return *(volatile u64 *)va;
}

static void check_svinval(void)
{
    /* (tval may be 0 or the instruction: QEMU 7.2 writes 0.) */
    CHECK_EQ(run_in_mode(PRV_S, do_sinval, 1), 2UL);
    TRAP_EXPECT(run_in_mode(PRV_U, do_sinval_vma, 1));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 lets U-mode run SFENCE.W.INVAL. Svinval: it is as
     * privileged as SINVAL.VMA (illegal in U-mode).
     */
    TRAP_EXPECT(run_in_mode(PRV_U, do_sfence_w_inval, 1));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
#endif
    CHECK_EQ(run_in_mode(PRV_S, do_hinval, 1), 2UL);
    TRAP_EXPECT(run_in_mode(PRV_U, do_hinval_gvma, 1));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
    /* V=1: HINVAL is a virtual instruction, SINVAL works. */
    csr_write(0x680, 0); /* hgatp Bare */
    csr_write(0x280, 0); /* vsatp Bare */
    CHECK_EQ(run_in_vmode(PRV_S, do_sinval, 3), 4UL);
    TRAP_EXPECT(run_in_vmode(PRV_S, do_hinval_gvma, 1));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
}

static void check_napot_pbmt(void)
{
    u64 *root = alloc_pages(1, 4096);
    u64 *l1 = alloc_pages(1, 4096);
    u64 *l0 = alloc_pages(1, 4096);
    u64 *big = alloc_pages(16, 0x10000); /* 64 KiB, aligned */

    for (int i = 0; i < 16; i++) {
        big[i * 512] = 0x1000 + i;
    }
    root[2] = LEAF(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    root[1] = TABLE(l1);
    l1[0] = TABLE(l0);
    /* 0x40010000: one NAPOT 64 KiB mapping, written in all 16 PTEs. */
    for (int i = 0; i < 16; i++) {
        l0[16 + i] = LEAF((u64)big | 0x8000, PTE_R | PTE_A) | PTE_N;
    }
    /* 0x40000000: PBMT=NC; 0x40001000: PBMT=3 (reserved). */
    l0[0] = LEAF(big, PTE_R | PTE_A) | PBMT(1);
    l0[1] = LEAF(big, PTE_R | PTE_A) | PBMT(3);
    csr_write(satp, SATP_SV39 | ((u64)root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");

    for (int i = 0; i < 16; i++) {
        CHECK_EQ(run_in_mode(PRV_S, s_load, 0x40010000UL + i * 4096),
                 0x1000UL + i);
    }
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 ignores menvcfg.PBMTE. Svpbmt: with PBMTE=0 the hart acts
     * as without Svpbmt, so the PBMT bits are reserved: a page fault.
     */
    csr_clear(menvcfg, MENVCFG_PBMTE);
    __asm__ volatile("sfence.vma" ::: "memory");
    TRAP_EXPECT(run_in_mode(PRV_S, s_load, 0x40000000UL));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, 0x40000000UL);
#endif
    csr_set(menvcfg, MENVCFG_PBMTE);
    CHECK(csr_read(menvcfg) & MENVCFG_PBMTE);
    __asm__ volatile("sfence.vma" ::: "memory");
    CHECK_EQ(run_in_mode(PRV_S, s_load, 0x40000000UL), 0x1000UL);
#ifdef SPEC_CASES
    /* QEMU 7.2 accepts PBMT=3. Svpbmt: the value 3 is reserved. */
    TRAP_EXPECT(run_in_mode(PRV_S, s_load, 0x40001000UL));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, 0x40001000UL);
#endif
    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}

int main(void)
{
    next_page = (u64)__free_mem;
    check_svinval();
    check_napot_pbmt();
    return 0;
}
