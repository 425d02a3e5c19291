/*
 * TLB internals shared by the engine's files.
 */
#ifndef ACCEL_TCG_CPUTLB_H
#define ACCEL_TCG_CPUTLB_H

#include "exec/memory.h"
#include "target/riscv/cpu.h"

MemoryRegionSection tlb_translate(CPURISCVState *env, uint64_t vaddr,
                                  unsigned size, MMUAccessType type,
                                  int mmu_idx, uint64_t *paddr_out);
/* Host pointer of pc and the bytes readable there; raises faults. */
const uint8_t *tlb_fetch(CPURISCVState *env, uint64_t pc, uint64_t *paddr,
                         uint64_t *avail);
void tlb_remove_write_access(uint64_t paddr);
void tb_jmp_cache_clear(CPURISCVState *env);

#endif
