/*
 * The x86-64 backend: turns a block of decoded RISC-V instructions into
 * host code. The decoder (target/riscv/decode.c, from the .decode tables)
 * has already picked each instruction's handler; the backend recognises
 * the handlers of the hot integer instructions and emits inline code for
 * them, and calls the handler for everything else.
 *
 * Host code conventions (see accel/tcg/tcg-jit.c for entry and exits):
 * - RBX holds env. Guest registers live in env->gpr between blocks;
 *   within a block the ones its inline code uses most (up to ten) are
 *   held in host registers (RBP, R12-R15, which calls keep, then RDI,
 *   R8-R11, reloaded after a call), each loaded at its first read and
 *   written back before every call, slow path and exit: a fault, a
 *   handler or the next block sees env->gpr as the interpreter leaves it.
 * - Before anything that may fault (a handler call, a load/store slow
 *   path) the code stores the instruction's pc in env->pc and its index
 *   in the block in env->insns_before, so the trap path and counter
 *   reads count exactly the instructions that retired.
 * - F/D arithmetic, compares, moves, loads and stores are inline for the
 *   common case (fflags.NX already set, round to nearest, FS already
 *   Dirty, V=0, operands NaN-boxed, a result well inside the normal
 *   range; MXCSR is the default on a vCPU thread): anything else jumps
 *   out of line to the instruction's handler, which does it all.
 * - Every edge that may close a loop checks env->pending_flags and
 *   counts down env->exec_budget, leaving when either says so, so chained
 *   blocks and loops stay interruptible: a direct jump or branch to an
 *   address at or before its own, an indirect jump and a jump to another
 *   page (both through the jump cache). A cycle of blocks has at least
 *   one such edge (their addresses cannot all increase around it), so
 *   forward edges go unchecked; the dispatcher checks before it enters a
 *   block.
 * - An exit returns to the dispatcher with RAX = the block's address |
 *   the exit kind (JIT_EXIT_*).
 */
#ifndef TCG_X86_64_TRANSLATE_H
#define TCG_X86_64_TRANSLATE_H

#include "accel/tcg/tb.h"
#include "tcg/x86_64/emit.h"

#define JIT_EXIT_SLOT0   0 /* direct exit 0 (may be chained) */
#define JIT_EXIT_SLOT1   1 /* direct exit 1 (may be chained) */
#define JIT_EXIT_NOCHAIN 2 /* env->pc is set; nothing to chain */
#define JIT_EXIT_MASK    3

typedef struct JitTarget {
    const void *epilogue; /* executable address of the common exit */
    bool chain;           /* emit chainable exits and the indirect lookup */
    int mmu_idx;          /* the data MMU index the block runs with */
    bool rvc;             /* C is on: 2-byte aligned jump targets are fine
                           * (misa is fixed, as the decoder assumes too) */
} JitTarget;

/*
 * Emit tb's code at e (writable view; rx_delta = executable - writable).
 * Fills tb->jmp_rel/jmp_stub/jmp_pc. Returns false when e overflowed.
 */
bool x86_translate_block(TranslationBlock *tb, X86Emit *e, ptrdiff_t rx_delta,
                         const JitTarget *t);
/* Emit the entry trampoline jit_enter(env, code) and the epilogue; returns
 * the epilogue's writable address. */
uint8_t *x86_emit_trampoline(X86Emit *e);
/* How one instruction was translated, for -d op. */
const char *x86_insn_kind(const DecodedInsn *d);

#endif
