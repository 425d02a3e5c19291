/*
 * The execution loop: harts run block by block, checking interrupts
 * between blocks, either one after another on one vCPU thread that holds
 * the big lock while guest code runs (-accel tcg,thread=single: MMIO and
 * device state need no other locking; the main loop gets the lock
 * whenever it waits for it), or each on its own host thread that runs
 * guest code without the lock (thread=multi) and takes it only for
 * devices (MMIO, CSRs), the debugger, sleeping and stopping. See
 * docs/design.md, "Threads".
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
#include "exec/memory.h"
#include "hw/boards.h"

#define HART_SLICE_BLOCKS 1024

const TCGCPUOps *tcg_cpu_ops;

/* Harts with a thread of their own (thread=multi), by cpu_index. */
#define MAX_HART_THREADS 1024

static struct {
    GThread *thread;               /* thread=single: the one vCPU thread */
    bool multi;                    /* thread=multi threads were started */
    bool parked[MAX_HART_THREADS]; /* thread=multi, under the lock */
    GCond cond;                    /* run state changed, or a hart has work */
    GCond parked_cond;             /* a hart thread parked */
    bool running;                  /* atomic: vm_start'ed */
    int sleepers;                  /* atomic: threads waiting on cond */
    uint64_t total_insns;          /* atomic */
    uint64_t total_exceptions;     /* atomic */
} vcpu;

/* The hart a thread=multi thread runs (NULL on other threads). */
static __thread CPUState *thread_cpu;
/* Instructions counted by this thread, added to the total per slice. */
static __thread uint64_t thread_insns;
/* The block-cache generation this thread saw last (tb_exec_online). */
static __thread uint64_t thread_gen;

static bool vcpu_running(void)
{
    return __atomic_load_n(&vcpu.running, __ATOMIC_ACQUIRE);
}

/*
 * Kick a hart: its loop looks at the flag before the next block. A thread
 * that sleeps (WFI, parked) checks for work and waits on vcpu.cond without
 * dropping the lock in between, and every kick of another thread's hart
 * comes under the lock (devices, timers, CSR writes, pausing), so no
 * wake-up is lost; vcpu.sleepers, counted under the lock, saves the
 * wake-up (a syscall) while nobody sleeps.
 */
void cpu_exit_request(CPUArchState *env, uint32_t flag)
{
    __atomic_fetch_or(&env->pending_flags, flag, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&vcpu.sleepers, __ATOMIC_SEQ_CST)) {
        g_cond_broadcast(&vcpu.cond);
    }
}

/* Wait on vcpu.cond (the lock held), up to ms milliseconds unless -1. */
static void vcpu_sleep(int ms)
{
    __atomic_fetch_add(&vcpu.sleepers, 1, __ATOMIC_SEQ_CST);
    if (ms < 0) {
        qemu_cond_wait_iothread(&vcpu.cond);
    } else {
        qemu_cond_timedwait_iothread(&vcpu.cond, ms);
    }
    __atomic_fetch_sub(&vcpu.sleepers, 1, __ATOMIC_SEQ_CST);
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

bool cpu_breakpoint_insert(uint64_t pc)
{
    if (!dbg.bps) {
        dbg.bps = g_array_new(false, false, sizeof(uint64_t));
    }
    g_array_append_val(dbg.bps, pc);
    dbg_update_active();
    return true;
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
    return __atomic_load_n(&vcpu.total_insns, __ATOMIC_RELAXED);
}

void cpu_exec_info_jit(GString *out)
{
    g_string_append_printf(out, "guest instructions: %" PRIu64 "\n",
                           cpu_exec_total_instructions());
    g_string_append_printf(
        out, "guest exceptions: %" PRIu64 "\n",
        __atomic_load_n(&vcpu.total_exceptions, __ATOMIC_RELAXED));
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
    thread_insns++;
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
    thread_insns += env->instret - before;
    last = (TranslationBlock *)(ret & ~(uintptr_t)JIT_EXIT_MASK);
    kind = ret & JIT_EXIT_MASK;
    *chain = NULL;
    if (kind <= JIT_EXIT_SLOT1 &&
        !__atomic_load_n(&last->invalid, __ATOMIC_RELAXED)) {
        *chain = last;
        *slot = kind;
    }
    return kind == JIT_EXIT_NOCHAIN && last->check_irq;
}

/* The debugger's single instruction, under the big lock. */
static bool run_one_insn_debug_locked(CPUState *cpu, volatile bool *stepping)
{
    bool locked = qemu_mutex_lock_iothread_if_unlocked();
    bool stopped = run_one_insn_debug(cpu, stepping);

    qemu_mutex_unlock_iothread_if(locked);
    return stopped;
}

/*
 * Run one hart for up to a slice of blocks as vCPU thread `slot`;
 * returns whether it ran.
 */
static bool cpu_exec_hart_slice(CPUState *cpu, int slot)
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
        /* thread=multi: a device access or CSR may have raised with the
         * lock held; between blocks this thread never holds it. */
        if (thread_cpu && qemu_mutex_iothread_locked()) {
            qemu_mutex_unlock_iothread();
        }
        /* An instruction raised an exception; those before it retired. */
        env->instret += env->insns_before;
        env->insns_before = 0;
        __atomic_fetch_add(&vcpu.total_exceptions, 1, __ATOMIC_RELAXED);
        chain = NULL;
        tcg_cpu_ops->do_exception(env);
        check_irq = true;
        if (stepping) {
            /* The step ends at the trap handler. */
            bool locked = qemu_mutex_lock_iothread_if_unlocked();

            stepping = false;
            dbg_stop(cpu);
            qemu_mutex_unlock_iothread_if(locked);
            return true;
        }
    }
    while (budget-- > 0) {
        TranslationBlock *tb;

        /* Between blocks: blocks dropped since may be freed once every
         * thread got here; a block kept to chain from is dropped too. */
        if (tb_exec_online(slot, &thread_gen)) {
            chain = NULL;
        }
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
        if (!vcpu_running() || (!thread_cpu && qemu_iothread_lock_wanted())) {
            break;
        }
        if (unlikely(dbg.active)) {
            if (run_one_insn_debug_locked(cpu, &stepping)) {
                return true;
            }
            check_irq = true;
            continue;
        }
        tb = tb_find(env);
        if (!__atomic_load_n(&tb->code, __ATOMIC_ACQUIRE) &&
            __atomic_add_fetch(&tb->exec_count, 1, __ATOMIC_RELAXED) ==
                jit_hot_count &&
            jit_enabled()) {
            jit_translate(env, tb);
        }
        log_block_entry(env, tb);
        if (__atomic_load_n(&tb->code, __ATOMIC_ACQUIRE)) {
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
            thread_insns += tb->n;
            check_irq = tb->check_irq;
        }
    }
    return !env->halted;
}

static bool cpu_exec_hart(CPUState *cpu, int slot)
{
    bool ran = cpu_exec_hart_slice(cpu, slot);

    __atomic_fetch_add(&vcpu.total_insns, thread_insns, __ATOMIC_RELAXED);
    thread_insns = 0;
    return ran;
}

/* thread=single: every hart, in turn, on this thread. */
static gpointer vcpu_thread_fn(gpointer opaque)
{
    qemu_mutex_lock_iothread();
    for (;;) {
        bool any_ran = false;

        while (!vcpu_running()) {
            tb_exec_offline(0);
            vcpu_sleep(-1);
        }
        CPU_FOREACH_INDEX(i)
        {
            any_ran |= cpu_exec_hart(cpu_by_index(i), 0);
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
                tb_exec_offline(0);
                vcpu_sleep(100);
            }
        }
    }
    return NULL;
}

/* May this thread=multi hart run now? (Under the lock.) */
static bool hart_may_run(CPUState *cpu)
{
    CPUArchState *env = cpu_env(cpu);

    if (dbg.active && dbg.step_cpu >= 0 && dbg.step_cpu != cpu->cpu_index) {
        return false; /* another hart single-steps */
    }
    return !env->halted ||
           __atomic_load_n(&env->pending_flags, __ATOMIC_SEQ_CST) ||
           CPU_GET_CLASS(cpu)->has_work(cpu);
}

/*
 * Park while the VM is stopped, sleep while the hart waits for an
 * interrupt (WFI); 100 ms at most, as a safety net.
 */
static void hart_wait(CPUState *cpu)
{
    int i = cpu->cpu_index;

    tb_exec_offline(i);
    qemu_mutex_lock_iothread();
    for (;;) {
        bool run = vcpu_running();

        if (vcpu.parked[i] != !run) {
            vcpu.parked[i] = !run;
            g_cond_broadcast(&vcpu.parked_cond);
        }
        if (!run) {
            vcpu_sleep(-1);
        } else if (hart_may_run(cpu)) {
            break;
        } else {
            vcpu_sleep(100);
        }
    }
    qemu_mutex_unlock_iothread();
}

/* thread=multi: one hart on this thread, without the big lock. */
static gpointer hart_thread_fn(gpointer opaque)
{
    CPUState *cpu = opaque;
    bool ran = false;

    thread_cpu = cpu;
    for (;;) {
        if (!ran || !vcpu_running()) {
            hart_wait(cpu);
        }
        ran = cpu_exec_hart(cpu, cpu->cpu_index);
    }
    return NULL;
}

/* Have all hart threads but the caller's parked? (Under the lock.) */
static bool all_parked(void)
{
    CPU_FOREACH_INDEX(i)
    {
        CPUState *cpu = cpu_by_index(i);

        if (cpu->thread && !vcpu.parked[i] && cpu != thread_cpu) {
            return false;
        }
    }
    return true;
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

/*
 * thread=single: every vCPU runs on the one round-robin thread the first
 * one starts; thread=multi: each on a thread of its own.
 */
void cpu_exec_start_thread(CPUState *cpu)
{
    g_autofree char *name = NULL;

    if (!tcg_thread_multi(qdev_get_machine()->smp_cpus)) {
        if (!vcpu.thread) {
            tb_exec_slot_add(0);
            vcpu.thread = g_thread_new("vcpu", vcpu_thread_fn, NULL);
        }
        cpu->thread = vcpu.thread;
        return;
    }
    g_assert(cpu->cpu_index < MAX_HART_THREADS);
    vcpu.multi = true;
    tb_exec_slot_add(cpu->cpu_index);
    name = g_strdup_printf("CPU %d/TCG", cpu->cpu_index);
    cpu->thread = g_thread_new(name, hart_thread_fn, cpu);
}

void cpu_exec_kick(CPUState *cpu)
{
    cpu_exit_request(cpu_env(cpu), EXIT_REQUEST_IRQ);
}

void cpu_exec_resume_all(void)
{
    if (vcpu.multi) {
        /* Lay out the memory map now: hart threads only read it. */
        address_space_lookup(&address_space_memory, 0);
    }
    __atomic_store_n(&vcpu.running, true, __ATOMIC_RELEASE);
    g_cond_broadcast(&vcpu.cond);
}

/*
 * The caller holds the lock. thread=single: so no hart is inside a block
 * now. thread=multi: wait until every other hart thread parked (a hart
 * thread that stops the VM itself, for the debugger, parks on return).
 */
void cpu_exec_pause_all(void)
{
    __atomic_store_n(&vcpu.running, false, __ATOMIC_RELEASE);
    CPU_FOREACH_INDEX(i)
    {
        cpu_exit_request(cpu_env(cpu_by_index(i)), EXIT_REQUEST_STOP);
    }
    while (vcpu.multi && !all_parked()) {
        qemu_cond_wait_iothread(&vcpu.parked_cond);
    }
}
