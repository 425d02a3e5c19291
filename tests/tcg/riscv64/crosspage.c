/*
 * A 32-bit instruction whose second half lies on a page that cannot be
 * fetched: the fetch fault names the instruction in sepc/mepc and the
 * faulting page in mtval.  Privileged spec (20211203) 3.1.16: for an
 * instruction fetch fault mtval holds "the virtual address of the portion
 * of the instruction that caused the fault", while mepc (3.1.14) holds the
 * address of the instruction itself.  Here an Sv39 page whose successor is
 * not mapped (a page fault); crosspage-ram.c has the end-of-RAM access
 * fault.
 */
#include "testlib.h"

#define PTE_V           (1UL << 0)
#define PTE_R           (1UL << 1)
#define PTE_W           (1UL << 2)
#define PTE_X           (1UL << 3)
#define PTE_A           (1UL << 6)
#define PTE_D           (1UL << 7)
#define LEAF(pa, flags) ((((u64)(pa)) >> 12) << 10 | (flags) | PTE_V)
#define TABLE(pa)       ((((u64)(pa)) >> 12) << 10 | PTE_V)
#define SATP_SV39       (8UL << 60)
#define VA_BASE         0x40000000UL

/* The low half of "addi x0, x0, 0": bits 1:0 = 11, so 32 bits long. */
#define NOP_LOW 0x0013

static u64 s_call(u64 va)
{
    return ((u64(*)(void))va)();
}

static u64 *zeroed_page(u64 pa)
{
    u64 *p = (u64 *)pa;

    for (int i = 0; i < 512; i++) {
        p[i] = 0;
    }
    return p;
}

static void test_unmapped_next_page(void)
{
    u64 free = ((u64)__free_mem + 4095) & ~4095UL;
    u64 *root = zeroed_page(free);
    u64 *mid = zeroed_page(free + 4096);
    u64 *l0 = zeroed_page(free + 2 * 4096);
    u64 code_pa = free + 3 * 4096;
    u64 insn = VA_BASE + 4096 - 2;

    zeroed_page(code_pa);
    *(volatile uint16_t *)(code_pa + 4096 - 2) = NOP_LOW;
    /* Identity 1G page for the test itself; VA_BASE: code, then nothing. */
    root[2] = LEAF(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_A | PTE_D);
    root[1] = TABLE(mid);
    mid[0] = TABLE(l0);
    l0[0] = LEAF(code_pa, PTE_R | PTE_X | PTE_A);
    csr_write(satp, SATP_SV39 | ((u64)root >> 12));
    __asm__ volatile("sfence.vma; fence.i" ::: "memory");

    TRAP_EXPECT(run_in_mode(PRV_S, s_call, insn));
    CHECK_TRAP(CAUSE_FETCH_PAGE_FAULT, VA_BASE + 4096);
    CHECK_EQ(trap.epc, insn);
    CHECK_EQ(trap.from, (u64)PRV_S);
    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}

int main(void)
{
    test_unmapped_next_page();
    return 0;
}
