/*
 * Sv39, Sv48, Sv57 translation for S and U: 4K pages, 2M and 1G
 * superpages, hardware A/D updates, and each page fault (cause and stval =
 * the virtual address): invalid PTE, W without R, missing permission, U
 * page from S without SUM (and never for fetch), S page from U, MXR,
 * misaligned superpage, non-canonical address.  MPRV applies translation to
 * M-mode loads and stores.  Code and stacks stay identity-mapped by a 1G
 * page so the test runs in S-mode under every mode.
 */
#include "testlib.h"

#define PTE_V           (1UL << 0)
#define PTE_R           (1UL << 1)
#define PTE_W           (1UL << 2)
#define PTE_X           (1UL << 3)
#define PTE_U           (1UL << 4)
#define PTE_G           (1UL << 5)
#define PTE_A           (1UL << 6)
#define PTE_D           (1UL << 7)
#define RWX             (PTE_R | PTE_W | PTE_X)
#define LEAF(pa, flags) ((((u64)(pa)) >> 12) << 10 | (flags) | PTE_V)
#define TABLE(pa)       ((((u64)(pa)) >> 12) << 10 | PTE_V)

#define SATP_SV39 (8UL << 60)
#define SATP_SV48 (9UL << 60)
#define SATP_SV57 (10UL << 60)

static u64 next_page;

static u64 *alloc_page(void)
{
    u64 *p = (u64 *)next_page;
    next_page += 4096;
    for (int i = 0; i < 512; i++) {
        p[i] = 0;
    }
    return p;
}

static u64 s_load(u64 va)
{
    return *(volatile u64 *)va;
}

static u64 s_store(u64 va)
{
    *(volatile u64 *)va = 0x5a5a;
    return 0;
}

static u64 s_call(u64 va)
{
    return ((u64(*)(void))va)();
}

static u64 ret42(void)
{
    return 42;
}

/* Physical data pages. */
static u64 data_pa, data2_pa, big_pa;
/* Two code pages: "li a0, 1; ret" and "li a0, 2; ret". */
static u64 code1_pa, code2_pa;
/* Leaf table for VA 0x40000000..0x401fffff (4K pages). */
static u64 *l0;
/* The table holding the identity 1G page of RAM (VA 0x80000000). */
static u64 *ident;

/*
 * Runs fn in mode; for U-mode the identity page of the code and stack is
 * made a U page for the time of the call (S can neither execute U pages
 * nor, without SUM, touch them).
 */
static u64 run_as(int mode, u64 (*fn)(u64), u64 arg)
{
    if (mode == PRV_U) {
        ident[2] |= PTE_U;
        __asm__ volatile("sfence.vma" ::: "memory");
    }
    u64 r = run_in_mode(mode, fn, arg);
    ident[2] &= ~PTE_U;
    __asm__ volatile("sfence.vma" ::: "memory");
    return r;
}

#define VA_BASE 0x40000000UL
#define VA(n)   (VA_BASE + (n)*4096UL)

static void set_pte(int n, u64 pte)
{
    l0[n] = pte;
    __asm__ volatile("sfence.vma" ::: "memory");
}

/*
 * In S-mode: call the code at VA(8) 20 times (its block gets translated
 * and into the jump cache), point VA(8) at the other code page with an
 * SFENCE.VMA of that page only, call it 20 times more: the new code must
 * run every time. Returns the sum (20 * 1 + 20 * 100 * 2).
 */
static u64 s_remap_code(u64 unused)
{
    u64 (*volatile f)(void) = (u64(*)(void))VA(8);
    u64 sum = 0;

    for (int i = 0; i < 20; i++) {
        sum += f();
    }
    l0[8] = LEAF(code2_pa, PTE_R | PTE_X | PTE_A);
    __asm__ volatile("sfence.vma %0" ::"r"(VA(8)) : "memory");
    for (int i = 0; i < 20; i++) {
        sum += 100 * f();
    }
    return sum;
}

#define LOAD_FAULTS(mode, va)                  \
    do {                                       \
        TRAP_EXPECT(run_as(mode, s_load, va)); \
        CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, va); \
    } while (0)
#define STORE_FAULTS(mode, va)                  \
    do {                                        \
        TRAP_EXPECT(run_as(mode, s_store, va)); \
        CHECK_TRAP(CAUSE_STORE_PAGE_FAULT, va); \
    } while (0)
#define LOAD_WORKS(mode, va, want)                  \
    do {                                            \
        u64 r_;                                     \
        TRAP_EXPECT(r_ = run_as(mode, s_load, va)); \
        CHECK_NO_TRAP();                            \
        CHECK_EQ(r_, want);                         \
    } while (0)

/*
 * Builds the tables for `levels` levels: the root maps VA 0x80000000 (1G)
 * to itself and the 0x40000000 gigabyte through 4K pages in l0, with a 2M
 * superpage at 0x40200000 and a 1G alias of RAM at 0xc0000000 (read and
 * execute) for the superpage tests.
 */
static u64 build(int levels)
{
    u64 *root = alloc_page();
    u64 *l1 = root;
    for (int i = levels; i > 3; i--) {
        u64 *t = alloc_page();
        l1[0] = TABLE(t);
        l1 = t;
    }
    /* l1 now is the table indexed by VA[38:30]. */
    ident = l1;
    l1[2] = LEAF(0x80000000UL, RWX | PTE_A | PTE_D);
    l1[3] = LEAF(0x80000000UL, PTE_R | PTE_X | PTE_A);
    /* 1G leaf whose PPN[1] is not zero: misaligned gigapage. */
    l1[4] = LEAF(0x80200000UL, PTE_R | PTE_A);
    u64 *mid = alloc_page();
    l1[1] = TABLE(mid);
    l0 = alloc_page();
    mid[0] = TABLE(l0);
    mid[1] = LEAF(big_pa, PTE_R | PTE_W | PTE_A | PTE_D);
    /* 2M leaf whose PPN[0] is not zero: misaligned superpage. */
    mid[2] = LEAF(big_pa + 4096, PTE_R | PTE_A);
    return (u64)root;
}

static void test_mode(u64 mode, int levels)
{
    u64 root = build(levels);
    volatile u64 *data = (volatile u64 *)data_pa;
    data[0] = 0x1111;
    ((volatile u64 *)data2_pa)[0] = 0x2222;
    ((volatile u64 *)big_pa)[0x1238 / 8] = 0x3333;

    u64 r;

    csr_write(satp, mode | (root >> 12));
    CHECK_EQ(csr_read(satp), mode | (root >> 12));
    __asm__ volatile("sfence.vma" ::: "memory");

    /* A valid 4K page; the same VA on another page after sfence.vma. */
    set_pte(0, LEAF(data_pa, PTE_R | PTE_W | PTE_A | PTE_D));
    LOAD_WORKS(PRV_S, VA(0) + 0, 0x1111UL);
    set_pte(0, LEAF(data2_pa, PTE_R | PTE_W | PTE_A | PTE_D));
    LOAD_WORKS(PRV_S, VA(0), 0x2222UL);
    TRAP_EXPECT(run_as(PRV_S, s_store, VA(0) + 8));
    CHECK_NO_TRAP();
    CHECK_EQ(((volatile u64 *)data2_pa)[1], 0x5a5aUL);

    /* Not valid. */
    set_pte(1, LEAF(data_pa, PTE_R | PTE_W | PTE_A | PTE_D) & ~PTE_V);
    LOAD_FAULTS(PRV_S, VA(1) + 16);
    STORE_FAULTS(PRV_S, VA(1) + 24);
    /* W without R is reserved: faults for loads and stores. */
    set_pte(2, LEAF(data_pa, PTE_W | PTE_A | PTE_D));
    LOAD_FAULTS(PRV_S, VA(2));
    STORE_FAULTS(PRV_S, VA(2));
    /* Read-only: stores fault. */
    set_pte(3, LEAF(data_pa, PTE_R | PTE_A | PTE_D));
    LOAD_WORKS(PRV_S, VA(3), 0x1111UL);
    STORE_FAULTS(PRV_S, VA(3) + 8);
    /* Execute-only: loads need MXR. */
    set_pte(4, LEAF(data_pa, PTE_X | PTE_A));
    LOAD_FAULTS(PRV_S, VA(4));
    csr_set(mstatus, MSTATUS_MXR);
    LOAD_WORKS(PRV_S, VA(4), 0x1111UL);
    csr_clear(mstatus, MSTATUS_MXR);

    /* U pages: S needs SUM for data, and can never execute them. */
    set_pte(5, LEAF(data_pa, PTE_R | PTE_W | PTE_U | PTE_A | PTE_D));
    LOAD_WORKS(PRV_U, VA(5), 0x1111UL);
    LOAD_FAULTS(PRV_S, VA(5));
    STORE_FAULTS(PRV_S, VA(5));
    csr_set(mstatus, MSTATUS_SUM);
    LOAD_WORKS(PRV_S, VA(5), 0x1111UL);
    csr_clear(mstatus, MSTATUS_SUM);
    /* S pages from U fault. */
    LOAD_FAULTS(PRV_U, VA(3));
    /* U code is not executable in S, even with SUM. */
    u64 code_off = (u64)ret42 & 0xfff;
    set_pte(6, LEAF((u64)ret42 & ~0xfffUL, PTE_R | PTE_X | PTE_U | PTE_A));
    csr_set(mstatus, MSTATUS_SUM);
    TRAP_EXPECT(run_as(PRV_S, s_call, VA(6) + code_off));
    CHECK_TRAP(CAUSE_FETCH_PAGE_FAULT, VA(6) + code_off);
    csr_clear(mstatus, MSTATUS_SUM);

    /* A and D are set by the hardware walk. */
    set_pte(7, LEAF(data_pa, PTE_R | PTE_W));
    LOAD_WORKS(PRV_S, VA(7), 0x1111UL);
    CHECK_EQ(l0[7] & (PTE_A | PTE_D), PTE_A);
    TRAP_EXPECT(run_as(PRV_S, s_store, VA(7)));
    CHECK_NO_TRAP();
    CHECK_EQ(l0[7] & (PTE_A | PTE_D), PTE_A | PTE_D);
    data[0] = 0x1111;

    /* A code page remapped with an SFENCE.VMA of just that page. */
    set_pte(8, LEAF(code1_pa, PTE_R | PTE_X | PTE_A));
    TRAP_EXPECT(r = run_as(PRV_S, s_remap_code, 0));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 4020UL);

    /* 2M superpage, misaligned 2M superpage. */
    LOAD_WORKS(PRV_S, VA_BASE + 0x200000 + 0x1238, 0x3333UL);
    LOAD_FAULTS(PRV_S, VA_BASE + 0x400000 + 8);
    /* 1G superpage alias of RAM, read + execute, no write. */
    LOAD_WORKS(PRV_S, (u64)&data_pa + 0x40000000UL, data_pa);
    STORE_FAULTS(PRV_S, (u64)&data_pa + 0x40000000UL);
    TRAP_EXPECT(r = run_as(PRV_S, s_call, (u64)ret42 + 0x40000000UL));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 42UL);
    LOAD_FAULTS(PRV_S, 0x100000000UL + 0x10);
    /* Fetch from a page without X. */
    TRAP_EXPECT(run_as(PRV_S, s_call, VA(0)));
    CHECK_TRAP(CAUSE_FETCH_PAGE_FAULT, VA(0));

    /* Delegated page faults reach the S handler with stval. */
    csr_write(medeleg,
              (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT));
    LOAD_FAULTS(PRV_S, VA(1) + 40);
    CHECK_EQ(trap.handler, (u64)PRV_S);
    STORE_FAULTS(PRV_S, VA(3));
    CHECK_EQ(trap.handler, (u64)PRV_S);
    CHECK_EQ(trap.from, (u64)PRV_S);
    csr_write(medeleg, 0);

    /* Non-canonical: the bits above the VA width must copy its top bit. */
    u64 bad = 1UL << (12 + 9 * levels);
    LOAD_FAULTS(PRV_S, bad);

    /* MPRV: M-mode loads translated as MPP's mode. */
    csr_clear(mstatus, MSTATUS_MPP);
    csr_set(mstatus, (u64)PRV_S << 11);
    csr_set(mstatus, MSTATUS_MPRV);
    u64 v = *(volatile u64 *)VA(3);
    csr_clear(mstatus, MSTATUS_MPRV);
    CHECK_EQ(v, 0x1111UL);
    /* M-mode itself is never translated. */
    TRAP_EXPECT(mmio_read64(OPAQUE(UNMAPPED_ADDR)));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR);

    csr_write(satp, 0);
    __asm__ volatile("sfence.vma" ::: "memory");
}

int main(void)
{
    next_page = (u64)__free_mem;
    big_pa = next_page; /* 2M aligned */
    next_page += 0x200000;
    data_pa = (u64)alloc_page();
    data2_pa = (u64)alloc_page();
    code1_pa = (u64)alloc_page();
    code2_pa = (u64)alloc_page();
    ((volatile u32 *)code1_pa)[0] = 0x00100513; /* li a0, 1 */
    ((volatile u32 *)code1_pa)[1] = 0x00008067; /* ret */
    ((volatile u32 *)code2_pa)[0] = 0x00200513; /* li a0, 2 */
    ((volatile u32 *)code2_pa)[1] = 0x00008067;
    __asm__ volatile("fence.i" ::: "memory");
    test_mode(SATP_SV39, 3);
    test_mode(SATP_SV48, 4);
    test_mode(SATP_SV57, 5);
    return 0;
}
