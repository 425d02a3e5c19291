/*
 * Guest memory accesses made by instruction handlers, through the hart's
 * software TLB. The fast path is inline: a TLB hit on guest RAM is a host
 * load or store. Anything else (a miss, MMIO, ROM, a page with translated
 * code, a misaligned access that crosses a page) goes to the slow path,
 * which translates, checks PMP, and may raise a fault (it does not return
 * then).
 *
 * Misaligned loads and stores are performed (as QEMU does); atomics
 * (LR/SC/AMO) must be aligned: the AMO helpers check that themselves.
 */
#ifndef EXEC_CPU_LDST_H
#define EXEC_CPU_LDST_H

#include "cpu.h"

uint64_t cpu_ld_slow(CPUArchState *env, uint64_t addr, unsigned size,
                     int mmu_idx);
void cpu_st_slow(CPUArchState *env, uint64_t addr, uint64_t val, unsigned size,
                 int mmu_idx);
/* Translate addr for an atomic access (must be aligned); returns the host
 * pointer of RAM or raises the fault. Also used by LR/SC. */
void *cpu_atomic_host_addr(CPUArchState *env, uint64_t addr, unsigned size,
                           uint64_t *paddr);

/* The MMU index data accesses use now (kept in env by the target). */
static inline int cpu_data_mmu_index(CPUArchState *env)
{
    return env->data_mmu_idx;
}

#define DEFINE_LD(name, type, size)                                          \
    static inline type name(CPUArchState *env, uint64_t addr)                \
    {                                                                        \
        int mmu_idx = cpu_data_mmu_index(env);                               \
        CPUTLBEntry *e =                                                     \
            &env->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)]; \
        if (likely(e->addr_read == (addr & TARGET_PAGE_MASK) &&              \
                   (addr & ~TARGET_PAGE_MASK) <= TARGET_PAGE_SIZE - size)) { \
            type v;                                                          \
            memcpy(&v, (void *)(e->addend + addr), size);                    \
            return v;                                                        \
        }                                                                    \
        return (type)cpu_ld_slow(env, addr, size, mmu_idx);                  \
    }

#define DEFINE_ST(name, type, size)                                          \
    static inline void name(CPUArchState *env, uint64_t addr, type v)        \
    {                                                                        \
        int mmu_idx = cpu_data_mmu_index(env);                               \
        CPUTLBEntry *e =                                                     \
            &env->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)]; \
        /* Atomic: other harts' threads clear it (tlb-wmap.c). */            \
        if (likely(__atomic_load_n(&e->addr_write, __ATOMIC_RELAXED) ==      \
                       (addr & TARGET_PAGE_MASK) &&                          \
                   (addr & ~TARGET_PAGE_MASK) <= TARGET_PAGE_SIZE - size)) { \
            memcpy((void *)(e->addend + addr), &v, size);                    \
            return;                                                          \
        }                                                                    \
        cpu_st_slow(env, addr, v, size, mmu_idx);                            \
    }

/* Little-endian host assumed (checked at build time in accel/tcg). */
DEFINE_LD(cpu_ldub, uint8_t, 1)
DEFINE_LD(cpu_lduw, uint16_t, 2)
DEFINE_LD(cpu_ldl, uint32_t, 4)
DEFINE_LD(cpu_ldq, uint64_t, 8)
DEFINE_ST(cpu_stb, uint8_t, 1)
DEFINE_ST(cpu_stw, uint16_t, 2)
DEFINE_ST(cpu_stl, uint32_t, 4)
DEFINE_ST(cpu_stq, uint64_t, 8)

/*
 * LR/SC reservations. cpu_reservation_watch() (called by LR) makes every
 * store to the reserved page, from any hart, take the slow path, which
 * calls cpu_break_reservations(): stores by other harts break the
 * reservation even when they write the value it holds.
 */
void cpu_reservation_watch(uint64_t paddr);
void cpu_break_reservations(uint64_t paddr, unsigned size);

/* ---- Engine services for target code ---- */
void tlb_flush(CPUArchState *env);
void tlb_flush_page(CPUArchState *env, uint64_t vaddr);
/* The same for the MMU indexes in mask (1 << MMU_IDX_*) only. */
void tlb_flush_mask(CPUArchState *env, unsigned mask);
void tlb_flush_page_mask(CPUArchState *env, uint64_t vaddr, unsigned mask);
/* Drop all translated blocks (reset; code page writes do it finer). */
void tb_flush(CPUArchState *env);
/* Make the hart leave its block loop soon (interrupt, stop). */
void cpu_exit_request(CPUArchState *env, uint32_t flag);

#endif
