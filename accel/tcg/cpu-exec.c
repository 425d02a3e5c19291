/*
 * The execution loop: harts run one after another on one vCPU thread,
 * block by block, checking interrupts between blocks. The thread holds
 * the big lock while guest code runs (so MMIO and device state need no
 * other locking) and hands it to the main loop whenever that waits.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "exec/cpu-ldst.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/tcg-jit.h"
#include "accel/tcg/tcg-cpu-ops.h"
#include "tcg/x86_64/translate.h"
#include "exec/gdbstub.h"
#include "sysemu/runstate.h"

#define HART_SLICE_BLOCKS 1024

const TCGCPUOps *tcg_cpu_ops;

static struct {
    GThread *thread;
    GCond cond;   /* run state changed, or a hart has work */
    bool running; /* vm_start'ed */
    uint64_t total_insns;
    uint64_t total_exceptions;
} vcpu;

void cpu_exit_request(CPUArchState *env, uint32_t flag)
{
    __atomic_fetch_or(&env->pending_flags, flag, __ATOMIC_SEQ_CST);
    if (vcpu.thread) {
        g_cond_broadcast(&vcpu.cond);
    }
}

/*
 * The debugger's breakpoints and single-step. While `active` is clear
 * (the usual case) the loop runs whole blocks; otherwise it runs one
 * instruction at a time, checking for breakpoints before each.
 */
static struct {
    bool active;
    GArray *bps;     /* uint64_t virtual addresses */
    int step_cpu;    /* cpu_index of the stepping hart, or -1 */
    GArray *skip_pc; /* per cpu_index: ignore a breakpoint here once */
} dbg = { .step_cpu = -1 };

static void dbg_update_active(void)
{
    dbg.active = (dbg.bps && dbg.bps->len) || dbg.step_cpu >= 0;
}

void cpu_breakpoint_insert(uint64_t pc)
{
    if (!dbg.bps) {
        dbg.bps = g_array_new(false, false, sizeof(uint64_t));
    }
    g_array_append_val(dbg.bps, pc);
    dbg_update_active();
}

bool cpu_breakpoint_remove(uint64_t pc)
{
    for (guint i = 0; dbg.bps && i < dbg.bps->len; i++) {
        if (g_array_index(dbg.bps, uint64_t, i) == pc) {
            g_array_remove_index_fast(dbg.bps, i);
            dbg_update_active();
            return true;
        }
    }
    return false;
}

void cpu_breakpoint_remove_all(void)
{
    if (dbg.bps) {
        g_array_set_size(dbg.bps, 0);
    }
    dbg_update_active();
}

void cpu_single_step(CPUState *cpu)
{
    dbg.step_cpu = cpu ? cpu->cpu_index : -1;
    dbg_update_active();
}

void cpu_debug_skip_current_pc(void)
{
    int n = cpu_count();

    if (!dbg.skip_pc) {
        dbg.skip_pc = g_array_new(false, false, sizeof(uint64_t));
    }
    /* Without breakpoints nothing consumes them: keep none stale. */
    g_array_set_size(dbg.skip_pc, dbg.active ? n : 0);
    for (int i = 0; i < (int)dbg.skip_pc->len; i++) {
        CPUState *cpu = cpu_by_index(i);

        if (cpu->cpu_index < n) {
            g_array_index(dbg.skip_pc, uint64_t, cpu->cpu_index) =
                cpu_env(cpu)->pc;
        }
    }
}

static bool dbg_breakpoint_hit(CPUState *cpu)
{
    uint64_t pc = cpu_env(cpu)->pc;
    bool skip = false;

    if (dbg.skip_pc && cpu->cpu_index < dbg.skip_pc->len) {
        uint64_t *s = &g_array_index(dbg.skip_pc, uint64_t, cpu->cpu_index);

        skip = *s == pc;
        *s = UINT64_MAX;
    }
    for (guint i = 0; !skip && dbg.bps && i < dbg.bps->len; i++) {
        if (g_array_index(dbg.bps, uint64_t, i) == pc) {
            return true;
        }
    }
    return false;
}

/* Stop everything for the debugger; the loop then leaves (not running). */
static void dbg_stop(CPUState *cpu)
{
    dbg.step_cpu = -1;
    dbg_update_active();
    vm_stop(RUN_STATE_DEBUG);
    gdb_notify_debug_stop(cpu);
}

uint64_t cpu_exec_total_instructions(void)
{
    return vcpu.total_insns;
}

void cpu_exec_info_jit(GString *out)
{
    g_string_append_printf(out, "guest instructions: %" PRIu64 "\n",
                           vcpu.total_insns);
    g_string_append_printf(out, "guest exceptions: %" PRIu64 "\n",
                           vcpu.total_exceptions);
    g_string_append_printf(out, "translated code: %zu bytes\n",
                           tb_cache_bytes());
}

static void log_block_entry(CPUArchState *env, TranslationBlock *tb)
{
    if (qemu_loglevel_mask(CPU_LOG_EXEC)) {
        qemu_log("Trace %d: [%016" PRIx64 "]\n", env_cpu_state(env)->cpu_index,
                 tb->pc);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_CPU)) {
        g_autoptr(GString) s = g_string_new("");
        cpu_dump_state(env_cpu_state(env), s);
        qemu_log("%s", s->str);
    }
}

/*
 * Interpret tb. env->insns_before counts the block's instructions before
 * the one running: counter reads (csr.c) and the trap path add it.
 */
static void run_block(CPUArchState *env, TranslationBlock *tb)
{
    const DecodedInsn *d = tb->insns;
    const DecodedInsn *end = d + tb->n;

    for (; d < end; d++) {
        env->pc = d->pc;
        env->insns_before = d - tb->insns;
        d->fn(env, d);
    }
    env->insns_before = 0;
    env->instret += tb->n;
    if (!tb->ends_with_jump) {
        env->pc = tb->end_pc;
    }
}

/*
 * Debug mode: run the single instruction at env->pc unless a breakpoint
 * is there. Returns true when the hart stopped for the debugger.
 */
static bool run_one_insn_debug(CPUState *cpu, volatile bool *stepping)
{
    CPUArchState *env = cpu_env(cpu);
    TranslationBlock *tb;
    const DecodedInsn *d;

    if (dbg_breakpoint_hit(cpu)) {
        dbg_stop(cpu);
        return true;
    }
    *stepping = dbg.step_cpu == cpu->cpu_index;
    tb = tb_find(env);
    d = &tb->insns[0];
    env->pc = d->pc;
    d->fn(env, d);
    if (!(d->flags & DECODE_ENDS_BLOCK)) {
        env->pc = d->pc + d->len;
    }
    env->instret++;
    vcpu.total_insns++;
    if (*stepping) {
        *stepping = false;
        dbg_stop(cpu);
        return true;
    }
    return false;
}

/*
 * Run tb's host code. Returns the block whose direct exit should be
 * chained to the next block found (NULL if none) in *chain and *slot, and
 * whether the loop should look at interrupts.
 */
static bool run_translated(CPUArchState *env, TranslationBlock *tb,
                           volatile int *budget, TranslationBlock **chain,
                           int *slot)
{
    uint64_t before = env->instret;
    uintptr_t ret;
    TranslationBlock *last;
    int kind;

    env->exec_budget = *budget;
    ret = jit_exec(env, tb);
    env->insns_before = 0; /* between blocks (the debugger reads it too) */
    *budget = env->exec_budget;
    vcpu.total_insns += env->instret - before;
    last = (TranslationBlock *)(ret & ~(uintptr_t)JIT_EXIT_MASK);
    kind = ret & JIT_EXIT_MASK;
    *chain = NULL;
    if (kind <= JIT_EXIT_SLOT1 && !last->invalid) {
        *chain = last;
        *slot = kind;
    }
    return kind == JIT_EXIT_NOCHAIN && last->check_irq;
}

/* Run one hart for up to a slice of blocks; returns whether it ran. */
static bool cpu_exec_hart(CPUState *cpu)
{
    CPUArchState *env = cpu_env(cpu);
    volatile int budget = HART_SLICE_BLOCKS;
    volatile bool check_irq = true;
    volatile bool stepping = false;
    TranslationBlock *volatile chain = NULL;
    volatile int chain_slot = 0;

    if (unlikely(dbg.active) && dbg.step_cpu >= 0 &&
        dbg.step_cpu != cpu->cpu_index) {
        return false; /* another hart single-steps */
    }
    riscv_fpu_vouch_host_env();
    if (sigsetjmp(env->jmp_env, 0)) {
        /* An instruction raised an exception; those before it retired. */
        env->instret += env->insns_before;
        env->insns_before = 0;
        vcpu.total_exceptions++;
        chain = NULL;
        tcg_cpu_ops->do_exception(env);
        check_irq = true;
        if (stepping) {
            /* The step ends at the trap handler. */
            stepping = false;
            dbg_stop(cpu);
            return true;
        }
    }
    while (budget-- > 0) {
        TranslationBlock *tb;

        tb_reap();
        env->insns_before = 0;
        if (unlikely(dbg.active) && dbg.step_cpu == cpu->cpu_index) {
            /* No interrupts while single-stepping (as QEMU's default). */
        } else if (/* A plain load first: the locked exchange only when set. */
                   (__atomic_load_n(&env->pending_flags, __ATOMIC_RELAXED) &&
                    __atomic_exchange_n(&env->pending_flags, 0,
                                        __ATOMIC_SEQ_CST)) ||
                   check_irq) {
            tcg_cpu_ops->exec_interrupt(env);
            check_irq = false;
        }
        if (env->halted) {
            if (!CPU_GET_CLASS(cpu)->has_work(cpu)) {
                break;
            }
            env->halted = false;
            check_irq = true;
            continue;
        }
        if (!vcpu.running || qemu_iothread_lock_wanted()) {
            break;
        }
        if (unlikely(dbg.active)) {
            if (run_one_insn_debug(cpu, &stepping)) {
                return true;
            }
            check_irq = true;
            continue;
        }
        tb = tb_find(env);
        if (!tb->code && ++tb->exec_count == jit_hot_count && jit_enabled()) {
            jit_translate(env, tb);
        }
        log_block_entry(env, tb);
        if (tb->code) {
            TranslationBlock *next_chain;
            int next_slot = 0;

            if (chain) {
                jit_chain(chain, chain_slot, tb);
            }
            check_irq =
                run_translated(env, tb, &budget, &next_chain, &next_slot);
            chain = next_chain;
            chain_slot = next_slot;
        } else {
            chain = NULL;
            run_block(env, tb);
            vcpu.total_insns += tb->n;
            check_irq = tb->check_irq;
        }
    }
    return !env->halted;
}

static gpointer vcpu_thread_fn(gpointer opaque)
{
    qemu_mutex_lock_iothread();
    for (;;) {
        bool any_ran = false;

        while (!vcpu.running) {
            qemu_cond_wait_iothread(&vcpu.cond);
        }
        CPU_FOREACH_INDEX(i)
        {
            any_ran |= cpu_exec_hart(cpu_by_index(i));
        }
        if (qemu_iothread_lock_wanted()) {
            qemu_mutex_unlock_iothread();
            while (qemu_iothread_lock_wanted()) {
                g_thread_yield();
            }
            qemu_mutex_lock_iothread();
        } else if (!any_ran) {
            /* All harts wait for interrupts: sleep until one is kicked. */
            bool work = false;

            CPU_FOREACH_INDEX(i)
            {
                CPUState *cpu = cpu_by_index(i);

                work |= cpu_env(cpu)->pending_flags ||
                        CPU_GET_CLASS(cpu)->has_work(cpu);
            }
            if (!work) {
                qemu_cond_timedwait_iothread(&vcpu.cond, 100);
            }
        }
    }
    return NULL;
}

bool cpu_exec_realize(CPUState *cpu, GError **errp)
{
    const TCGCPUOps *ops = CPU_GET_CLASS(cpu)->tcg_ops;

    if (!ops) {
        error_setg(errp, "CPU type '%s' cannot run under TCG",
                   object_get_typename(OBJECT(cpu)));
        return false;
    }
    tcg_cpu_ops = ops;
    tlb_flush(cpu_env(cpu));
    return true;
}

/* Round-robin: every vCPU runs on the one thread the first one starts. */
void cpu_exec_start_thread(CPUState *cpu)
{
    if (!vcpu.thread) {
        vcpu.thread = g_thread_new("vcpu", vcpu_thread_fn, NULL);
    }
    cpu->thread = vcpu.thread;
}

void cpu_exec_kick(CPUState *cpu)
{
    cpu_exit_request(cpu_env(cpu), EXIT_REQUEST_IRQ);
}

void cpu_exec_resume_all(void)
{
    vcpu.running = true;
    g_cond_broadcast(&vcpu.cond);
}

void cpu_exec_pause_all(void)
{
    /* The caller holds the lock, so no hart is inside a block now. */
    vcpu.running = false;
    CPU_FOREACH_INDEX(i)
    {
        cpu_exit_request(cpu_env(cpu_by_index(i)), EXIT_REQUEST_STOP);
    }
}
