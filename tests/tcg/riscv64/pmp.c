/*
 * PMP: TOR, NA4 and NAPOT regions, the lowest-numbered match wins, S/U
 * are checked and M is not (unless the entry is locked), partial matches
 * fail, locked entries ignore writes.  Entry 15 is a catch-all RWX entry,
 * without which S/U could access nothing.
 */
#include "testlib.h"

#define PMP_R     0x01
#define PMP_W     0x02
#define PMP_X     0x04
#define PMP_TOR   0x08
#define PMP_NA4   0x10
#define PMP_NAPOT 0x18
#define PMP_L     0x80

static volatile u64 region[1024] __attribute__((aligned(4096)));

static u64 s_load(u64 a)
{
    return *(volatile u64 *)a;
}

static u64 s_load32(u64 a)
{
    return *(volatile u32 *)a;
}

static u64 s_store(u64 a)
{
    *(volatile u64 *)a = 0x77;
    return 0;
}

static u64 s_call(u64 a)
{
    return ((u64(*)(void))a)();
}

__attribute__((aligned(16))) static u64 ret42(void)
{
    return 42;
}

static void set_cfg(int i, u64 cfg)
{
    /* pmpcfg0 holds entries 0..7, pmpcfg2 entries 8..15. */
    if (i < 8) {
        csr_clear(pmpcfg0, 0xffUL << (8 * i));
        csr_set(pmpcfg0, cfg << (8 * i));
    } else {
        csr_clear(pmpcfg2, 0xffUL << (8 * (i - 8)));
        csr_set(pmpcfg2, cfg << (8 * (i - 8)));
    }
}

#define FAULTS(mode, fn, addr, cause)             \
    do {                                          \
        TRAP_EXPECT(run_in_mode(mode, fn, addr)); \
        CHECK_TRAP(cause, addr);                  \
    } while (0)
#define WORKS(mode, fn, addr)                     \
    do {                                          \
        TRAP_EXPECT(run_in_mode(mode, fn, addr)); \
        CHECK_NO_TRAP();                          \
    } while (0)

int main(void)
{
    u64 base = (u64)region;
    csr_write(pmpaddr15, ~0UL);
    set_cfg(15, PMP_NAPOT | PMP_R | PMP_W | PMP_X);
    csr_write(pmpcfg0, 0);
    CHECK_EQ(csr_read(pmpcfg2) >> 56, 0x1fUL);
    csr_write(pmpaddr0, 0x12345);
    CHECK_EQ(csr_read(pmpaddr0), 0x12345UL);

    /* TOR [base, base + 1K): read-only. */
    csr_write(pmpaddr0, base >> 2);
    csr_write(pmpaddr1, (base + 1024) >> 2);
    set_cfg(1, PMP_TOR | PMP_R);
    __asm__ volatile("sfence.vma" ::: "memory");
    WORKS(PRV_S, s_load, base + 8);
    FAULTS(PRV_S, s_store, base + 8, CAUSE_STORE_ACCESS);
    FAULTS(PRV_U, s_store, base + 1016, CAUSE_STORE_ACCESS);
    WORKS(PRV_S, s_store, base + 1024); /* past the top: catch-all */
    WORKS(PRV_S, s_store, base - 8);
    /* M ignores unlocked entries. */
    region[1] = 5;
    CHECK_EQ(region[1], 5UL);

    /* NA4 over base + 2048, no permission; lower entry number wins. */
    csr_write(pmpaddr2, (base + 2048) >> 2);
    set_cfg(2, PMP_NA4);
    FAULTS(PRV_S, s_load32, base + 2048, CAUSE_LOAD_ACCESS);
    WORKS(PRV_S, s_load32, base + 2052);
    /* An access only partly inside a region fails. */
    FAULTS(PRV_S, s_load, base + 2048, CAUSE_LOAD_ACCESS);

    /* NAPOT 1K at base + 3072: execute only. */
    csr_write(pmpaddr3, ((base + 3072) >> 2) | ((1024 / 2 - 1) >> 2));
    set_cfg(3, PMP_NAPOT | PMP_X);
    FAULTS(PRV_S, s_load, base + 3072 + 1016, CAUSE_LOAD_ACCESS);
    FAULTS(PRV_U, s_store, base + 3072, CAUSE_STORE_ACCESS);
    WORKS(PRV_S, s_load, base + 4096);

    /* Fetch: NA4 without X over ret42's first instruction. */
    csr_write(pmpaddr4, (u64)ret42 >> 2);
    set_cfg(4, PMP_NA4 | PMP_R);
    FAULTS(PRV_S, s_call, (u64)ret42, CAUSE_FETCH_ACCESS);
    set_cfg(4, PMP_NA4 | PMP_R | PMP_X);
    u64 r;
    TRAP_EXPECT(r = run_in_mode(PRV_S, s_call, (u64)ret42));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 42UL);

    /* Locked: applies to M too, and the entry ignores writes. */
    csr_write(pmpaddr5, (base + 2056) >> 2);
    set_cfg(5, PMP_NA4 | PMP_L);
    TRAP_EXPECT(mmio_read32(base + 2056));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, base + 2056);
    set_cfg(5, PMP_NA4 | PMP_R | PMP_W);
    CHECK_EQ((csr_read(pmpcfg0) >> 40) & 0xff, (u64)(PMP_NA4 | PMP_L));
    csr_write(pmpaddr5, 0);
    CHECK_EQ(csr_read(pmpaddr5), (base + 2056) >> 2);
    TRAP_EXPECT(mmio_write32(base + 2056, 1));
    CHECK_TRAP(CAUSE_STORE_ACCESS, base + 2056);
    /* M accesses next to it are fine. */
    CHECK_EQ(mmio_read32(base + 2060), 0U);
    return 0;
}
