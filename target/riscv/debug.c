/*
 * The trigger module (Sdtrig, RISC-V Debug Specification 0.13 and 1.0,
 * chapter 5) as QEMU 7.2 offers it to a native debugger: RISCV_TRIGGERS
 * mcontrol (type 2) triggers matching the address of an instruction
 * executed, a load or a store, whose action is a breakpoint exception
 * (cause 3) with tval = the matching address.
 *
 * tdata1 keeps type 2 and only the m, s, u, execute, store and load bits
 * (select = 0 address, timing = 0 before, match = 0 equal, chain = 0,
 * action = 0, sizelo = 0 any size, dmode = 0: the other fields read 0).
 * A write with another type is ignored (WARL), as in QEMU 7.2.
 *
 * Cost when nothing is armed: none on the hot paths. Execute triggers
 * are found when a block is built: the instruction at a trigger's address
 * gets exec_trigger_check as its handler, which checks the trigger and
 * then runs the instruction. Pages holding a load or store trigger's
 * address get no TLB entry for that access type, so those accesses take
 * the slow path, which checks. A tdata write drops the blocks and this
 * hart's TLB so both are rebuilt accordingly.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"

#define TDATA1_TYPE2 (2ULL << 60)
#define MC_M         (1ULL << 6)
#define MC_S         (1ULL << 4)
#define MC_U         (1ULL << 3)
#define MC_EXECUTE   (1ULL << 2)
#define MC_STORE     (1ULL << 1)
#define MC_LOAD      (1ULL << 0)
#define MC_WRITABLE  (MC_M | MC_S | MC_U | MC_EXECUTE | MC_STORE | MC_LOAD)
#define TINFO_TYPE2  (1ULL << 2)

/* Execute triggers armed in any hart (blocks are shared by all harts). */
static unsigned exec_triggers_armed;

void riscv_trigger_reset(CPURISCVState *env)
{
    env->tselect = 0;
    for (int i = 0; i < RISCV_TRIGGERS; i++) {
        env->tdata1[i] = TDATA1_TYPE2;
        env->tdata2[i] = 0;
    }
    riscv_trigger_changed(env);
}

/* Recount what is armed after a change, and drop what depends on it. */
void riscv_trigger_changed(CPURISCVState *env)
{
    unsigned exec = 0;

    env->mem_triggers_armed = false;
    for (int i = 0; i < RISCV_TRIGGERS; i++) {
        env->mem_triggers_armed |= (env->tdata1[i] & (MC_LOAD | MC_STORE)) != 0;
    }
    for (int h = 0; h < riscv_cpu_count(); h++) {
        CPURISCVState *e = &riscv_cpu_by_index(h)->env;
        for (int i = 0; i < RISCV_TRIGGERS; i++) {
            exec += (e->tdata1[i] & MC_EXECUTE) != 0;
        }
    }
    exec_triggers_armed = exec;
    tlb_flush(env);
    tb_flush(env);
}

uint64_t riscv_trigger_csr_read(CPURISCVState *env, int csrno)
{
    switch (csrno) {
    case CSR_TSELECT:
        return env->tselect;
    case CSR_TDATA1:
        return env->tdata1[env->tselect];
    case CSR_TDATA2:
        return env->tdata2[env->tselect];
    case CSR_TINFO:
        return TINFO_TYPE2;
    default: /* tdata3: mcontrol has no fields there (no textra) */
        return 0;
    }
}

void riscv_trigger_csr_write(CPURISCVState *env, int csrno, uint64_t val)
{
    switch (csrno) {
    case CSR_TSELECT:
        if (val < RISCV_TRIGGERS) { /* WARL: others leave it */
            env->tselect = val;
        }
        return;
    case CSR_TDATA1:
        if ((val >> 60) != 2) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "tdata1: trigger type %" PRIu64
                          " not supported (only 2, mcontrol)\n",
                          val >> 60);
            return;
        }
        env->tdata1[env->tselect] = TDATA1_TYPE2 | (val & MC_WRITABLE);
        break;
    case CSR_TDATA2:
        env->tdata2[env->tselect] = val;
        break;
    default: /* tdata3: nothing to keep; tinfo is read-only */
        return;
    }
    riscv_trigger_changed(env);
}

/* Does the trigger's m/s/u bit cover the current privilege? */
static bool trigger_mode_ok(CPURISCVState *env, uint64_t tdata1)
{
    switch (env->priv) {
    case PRV_M:
        return tdata1 & MC_M;
    case PRV_S:
        return tdata1 & MC_S;
    default:
        return tdata1 & MC_U;
    }
}

bool riscv_trigger_exec_armed_at(uint64_t pc)
{
    if (!exec_triggers_armed) {
        return false;
    }
    for (int h = 0; h < riscv_cpu_count(); h++) {
        CPURISCVState *e = &riscv_cpu_by_index(h)->env;
        for (int i = 0; i < RISCV_TRIGGERS; i++) {
            if ((e->tdata1[i] & MC_EXECUTE) && e->tdata2[i] == pc) {
                return true;
            }
        }
    }
    return false;
}

/*
 * The handler of an instruction at an execute trigger's address: the
 * breakpoint comes before the instruction runs (timing = 0); otherwise
 * the instruction is decoded again and run.
 */
void exec_trigger_check(CPURISCVState *env, const DecodedInsn *d)
{
    DecodedInsn real;

    for (int i = 0; i < RISCV_TRIGGERS; i++) {
        if ((env->tdata1[i] & MC_EXECUTE) && env->tdata2[i] == d->pc &&
            trigger_mode_ok(env, env->tdata1[i])) {
            riscv_raise_exception(env, RISCV_EXCP_BREAKPOINT, d->pc);
        }
    }
    riscv_decode(env, riscv_tb_flags(env), d->pc, d->raw & 0xffff, d->raw >> 16,
                 &real);
    real.fn(env, &real);
}

bool riscv_trigger_mem_on_page(CPURISCVState *env, uint64_t page,
                               MMUAccessType type)
{
    uint64_t bit = type == MMU_DATA_STORE ? MC_STORE : MC_LOAD;

    for (int i = 0; i < RISCV_TRIGGERS; i++) {
        if ((env->tdata1[i] & bit) &&
            (env->tdata2[i] & TARGET_PAGE_MASK) == page) {
            return true;
        }
    }
    return false;
}

/*
 * A load or store of [addr, addr + size) matches a trigger whose address
 * is one of the bytes accessed; the breakpoint comes before the access.
 */
void riscv_trigger_check_mem(CPURISCVState *env, uint64_t addr, unsigned size,
                             MMUAccessType type)
{
    uint64_t bit = type == MMU_DATA_STORE ? MC_STORE : MC_LOAD;

    for (int i = 0; i < RISCV_TRIGGERS; i++) {
        if ((env->tdata1[i] & bit) && env->tdata2[i] - addr < size &&
            trigger_mode_ok(env, env->tdata1[i])) {
            riscv_raise_exception(env, RISCV_EXCP_BREAKPOINT, addr);
        }
    }
}
