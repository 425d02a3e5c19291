/*
 * TLB internals shared by the engine's files.
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include "exec/memory.h"
#include "cpu.h"

MemoryRegionSection tlb_translate(CPUArchState *env, uint64_t vaddr,
                                  unsigned size, MMUAccessType type,
                                  int mmu_idx, uint64_t *paddr_out);
/* Host pointer of pc and the bytes readable there; raises faults. */
const uint8_t *tlb_fetch(CPUArchState *env, uint64_t pc, uint64_t *paddr,
                         uint64_t *avail);
/* Stop fast-path stores to physical page paddr in every hart. */
void tlb_remove_write_access(uint64_t paddr);
/* Record that env's entry for vpage at mmu_idx may store to ppage
 * (tlb-wmap.c, so that tlb_remove_write_access finds it). */
void tlb_wmap_add(CPUArchState *env, int mmu_idx, uint64_t vpage,
                  uint64_t ppage);
void tb_jmp_cache_clear(CPUArchState *env);
/* Forget the jump cache's blocks that may hold code of virtual page vaddr
 * (those starting in it or in the page before). */
void tb_jmp_cache_clear_page(CPUArchState *env, uint64_t vaddr);

#endif
