/*
 * Physical memory protection (privileged spec 1.12, section 3.7).
 *
 * RISCV_PMP_ENTRIES (16) entries are implemented with a grain of 4 bytes;
 * entries 16..63 are read-only zero. The lowest-numbered entry that
 * overlaps an access decides it; an access that the entry covers only in
 * part fails. M-mode accesses that no entry matches succeed; S- and
 * U-mode accesses that no entry matches fail (the spec's rule when at
 * least one entry is implemented).
 *
 * WARL choices: the reserved R=0/W=1 combination is stored with W cleared;
 * the reserved cfg bits 6:5 read zero; pmpaddr holds bits 55:2 of an
 * address (54 bits).
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"

#define PMPADDR_MASK ((1ULL << 54) - 1)

static bool pmp_implemented(CPURISCVState *env)
{
    return env_cpu(env)->cfg.pmp;
}

static int pmp_mode(CPURISCVState *env, int i)
{
    return (env->pmpcfg[i] & PMP_A) >> PMP_A_SHIFT;
}

static bool pmp_locked(CPURISCVState *env, int i)
{
    return (env->pmpcfg[i] & PMP_L) != 0;
}

/*
 * The byte range entry i covers, as [*start, *end] inclusive (so a range
 * reaching the top of the address space needs no 65th bit). False when
 * the entry is off or matches nothing.
 */
static bool pmp_range(CPURISCVState *env, int i, uint64_t *start, uint64_t *end)
{
    uint64_t a = env->pmpaddr[i];

    switch (pmp_mode(env, i)) {
    case PMP_A_TOR: {
        uint64_t lo = i == 0 ? 0 : env->pmpaddr[i - 1] << 2;
        uint64_t hi = a << 2;
        if (lo >= hi) {
            return false;
        }
        *start = lo;
        *end = hi - 1;
        return true;
    }
    case PMP_A_NA4:
        *start = a << 2;
        *end = *start + 3;
        return true;
    case PMP_A_NAPOT: {
        /* k trailing ones: a region of 2^(k+3) bytes. */
        int k = __builtin_ctzll(~a);
        uint64_t size_m1 = (k + 3 >= 64) ? ~0ULL : (1ULL << (k + 3)) - 1;
        *start = (a << 2) & ~size_m1;
        *end = *start + size_m1;
        return true;
    }
    default:
        return false;
    }
}

/* The permissions entry i grants to priv (PMP_R/W/X). */
static int pmp_entry_perms(CPURISCVState *env, int i, uint64_t priv)
{
    if (priv == PRV_M && !pmp_locked(env, i)) {
        return PMP_R | PMP_W | PMP_X;
    }
    return env->pmpcfg[i] & (PMP_R | PMP_W | PMP_X);
}

static int pmp_to_page_prot(int perms)
{
    return ((perms & PMP_R) ? PAGE_READ : 0) |
           ((perms & PMP_W) ? PAGE_WRITE : 0) |
           ((perms & PMP_X) ? PAGE_EXEC : 0);
}

/*
 * Which permissions hold for all of [lo, hi] (inclusive): the lowest
 * overlapping entry decides; 0 when it covers the range only in part. The
 * default when nothing overlaps is everything for M, nothing for S/U.
 */
static int pmp_range_perms(CPURISCVState *env, uint64_t lo, uint64_t hi,
                           uint64_t priv)
{
    for (int i = 0; i < RISCV_PMP_ENTRIES; i++) {
        uint64_t s, e;
        if (!pmp_range(env, i, &s, &e) || e < lo || s > hi) {
            continue;
        }
        if (s > lo || e < hi) {
            return 0; /* partial match fails */
        }
        return pmp_entry_perms(env, i, priv);
    }
    return priv == PRV_M ? PMP_R | PMP_W | PMP_X : 0;
}

bool riscv_pmp_check(CPURISCVState *env, uint64_t addr, unsigned size,
                     MMUAccessType type, uint64_t priv, int *page_prot)
{
    uint64_t page = addr & TARGET_PAGE_MASK;
    int need, perms;

    if (!pmp_implemented(env)) {
        if (page_prot) {
            *page_prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        }
        return true;
    }
    if (page_prot) {
        *page_prot = pmp_to_page_prot(
            pmp_range_perms(env, page, page + TARGET_PAGE_SIZE - 1, priv));
    }
    if (size == 0) {
        size = 1;
    }
    need = type == MMU_INST_FETCH   ? PMP_X
           : type == MMU_DATA_STORE ? PMP_W
                                    : PMP_R;
    perms = pmp_range_perms(env, addr, addr + size - 1, priv);
    return (perms & need) != 0;
}

/* pmpcfgN (N even on RV64) holds the cfg bytes of entries 4N..4N+7. */
bool riscv_pmp_write_cfg(CPURISCVState *env, int csr_index, uint64_t val)
{
    bool changed = false;

    for (int b = 0; b < 8; b++) {
        int i = csr_index * 4 + b;
        uint8_t cfg = (val >> (8 * b)) & 0xff;

        if (i >= RISCV_PMP_ENTRIES || pmp_locked(env, i)) {
            continue;
        }
        cfg &= PMP_L | PMP_A | PMP_X | PMP_W | PMP_R;
        if ((cfg & (PMP_R | PMP_W)) == PMP_W) {
            cfg &= ~PMP_W; /* R=0 W=1 is reserved */
        }
        if (cfg != env->pmpcfg[i]) {
            env->pmpcfg[i] = cfg;
            changed = true;
        }
    }
    return changed;
}

uint64_t riscv_pmp_read_cfg(CPURISCVState *env, int csr_index)
{
    uint64_t val = 0;

    for (int b = 0; b < 8; b++) {
        int i = csr_index * 4 + b;
        if (i >= 0 && i < RISCV_PMP_ENTRIES) {
            val |= (uint64_t)env->pmpcfg[i] << (8 * b);
        }
    }
    return val;
}

/*
 * pmpaddr i is locked when entry i is, and also when entry i + 1 is a
 * locked TOR entry (i is its bottom).
 */
void riscv_pmp_write_addr(CPURISCVState *env, int index, uint64_t val)
{
    if (index < 0 || index >= RISCV_PMP_ENTRIES || pmp_locked(env, index)) {
        return;
    }
    if (index + 1 < RISCV_PMP_ENTRIES && pmp_locked(env, index + 1) &&
        pmp_mode(env, index + 1) == PMP_A_TOR) {
        return;
    }
    env->pmpaddr[index] = val & PMPADDR_MASK;
}

uint64_t riscv_pmp_read_addr(CPURISCVState *env, int index)
{
    if (index < 0 || index >= RISCV_PMP_ENTRIES) {
        return 0;
    }
    return env->pmpaddr[index];
}
