/*
 * The TCG engine's hooks into the target it is compiled for (QEMU's
 * TCGCPUOps): everything the engine needs to know about the guest
 * architecture beyond the state layout of "cpu.h" goes through these.
 * The target's CPUClass points at its table (cc->tcg_ops).
 */
#ifndef ACCEL_TCG_TCG_CPU_OPS_H
#define ACCEL_TCG_TCG_CPU_OPS_H

#include "cpu.h"
#include "translate.h"

typedef struct TranslationBlock TranslationBlock;

typedef enum MemFaultKind {
    MEM_FAULT_ACCESS,     /* no memory there, or it refused the access */
    MEM_FAULT_MISALIGNED, /* an atomic access that is not aligned */
} MemFaultKind;

struct TCGCPUOps {
    /*
     * Take the highest-priority pending interrupt that is enabled, if
     * any (a halted CPU wakes up). Logs it under -d int.
     */
    void (*exec_interrupt)(CPUArchState *env);
    /* Take the exception an instruction raised (recorded in env). */
    void (*do_exception)(CPUArchState *env);
    /*
     * Translate vaddr for an access of size bytes at mmu_idx, checking
     * every permission; raises the fault (does not return) on failure.
     * Returns the physical address; *cache_prot gets the PAGE_* rights
     * the TLB may cache for the whole page (0: cache nothing).
     */
    uint64_t (*tlb_fill)(CPUArchState *env, uint64_t vaddr, unsigned size,
                         MMUAccessType type, int mmu_idx, int *cache_prot);
    /* Raise the fault of an access the memory system refused. */
    G_NORETURN_FUNCPTR void (*raise_mem_fault)(CPUArchState *env,
                                               MemFaultKind kind,
                                               MMUAccessType type,
                                               uint64_t vaddr, int mmu_idx);
    /* Data watchpoints: raise the debug exception if the access matches
     * (called only while env->mem_triggers_armed). */
    void (*check_watchpoint)(CPUArchState *env, uint64_t addr, unsigned size,
                             MMUAccessType type);
    /*
     * Decode instructions from hdr->pc into insns until a block end,
     * setting hdr's n, end_pc, ends_with_jump, check_irq and phys_pc2.
     * Fetches with tlb_fetch() and may fault out of here (siglongjmp).
     */
    void (*decode_block)(CPUArchState *env, TranslationBlock *hdr,
                         DecodedInsn *insns);
    /* One instruction as text (-d in_asm, op). */
    void (*disas)(uint64_t pc, uint32_t insn, char *buf, size_t buflen);
};

/* The table of the CPUs the engine runs (set when the first is realized). */
extern const TCGCPUOps *tcg_cpu_ops;

#endif
