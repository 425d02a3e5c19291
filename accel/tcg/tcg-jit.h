/*
 * The translator's interface to the engine (accel/tcg/tcg-jit.c): blocks
 * get host code when the translator is on (the default on x86-64 hosts;
 * `-accel tcg,interp=on` keeps the interpreter), run through an entry
 * trampoline, and are chained to each other by patching jumps.
 */
#ifndef ACCEL_TCG_TCG_JIT_H
#define ACCEL_TCG_TCG_JIT_H

#include "accel/tcg/tb.h"

/* -accel tcg,KEY=VALUE: interp=on|off, tb-size=MiB, thread=single|multi,
 * jit-hot=N. */
bool tcg_accel_set_option(const char *key, const char *value, GError **errp);
/* Is the translator in use? (Maps the code buffer on first call.) */
bool jit_enabled(void);
/*
 * Blocks run interpreted until their jit_hot_count-th run (8 unless
 * -accel tcg,jit-hot=N): code that runs once or twice (boot, the hostile
 * test's random code) is not worth translating.
 */
extern uint32_t jit_hot_count;
/*
 * One host thread per hart (thread=multi) for a machine of ncpus harts?
 * As -accel tcg,thread= says, else (the default) when the host has a core
 * for each hart: with more harts than cores, a guest spinlock's holder is
 * descheduled while the others spin (docs/design.md, "Threads").
 */
bool tcg_thread_multi(unsigned ncpus);
/* Give tb host code; leaves tb->code NULL when it cannot (interpreted).
 * May drop every block, tb included (it then runs once more). Takes
 * tb_lock; the chaining functions below run under it. */
void jit_translate(CPUArchState *env, TranslationBlock *tb);
/* Run tb's code (and any blocks chained to it). Returns the last block
 * run | JIT_EXIT_* (tcg/x86_64/translate.h). */
uintptr_t jit_exec(CPUArchState *env, TranslationBlock *tb);
/* Patch from's direct exit `slot` to jump straight into to, if valid. */
void jit_chain(TranslationBlock *from, int slot, TranslationBlock *to);
/* tb is being invalidated: undo every chained jump into and out of it. */
void jit_unlink(TranslationBlock *tb);
/* Every block was dropped: reuse the code buffer. */
void jit_flush(void);

#endif
