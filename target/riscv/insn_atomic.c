/*
 * A extension handlers: LR/SC and the AMOs.
 *
 * Every access is made with a host atomic on the RAM page the address
 * maps to (cpu_atomic_host_addr). All of them are sequentially consistent,
 * which satisfies any aq/rl combination, so d->rm is not looked at: AMOs
 * and SC are locked read-modify-writes (full barriers on x86), and LR
 * starts with a full fence, since an x86 load may pass an earlier store
 * (RVWMO, preserved program order: LR.aqrl is ordered after it).
 *
 * The reservation is the physical address and the value LR read. SC
 * succeeds when the address matches and memory still holds that value
 * (a compare-and-swap); other harts' stores and AMOs break it as well
 * (cpu_break_reservations).
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"

/* HANDLER(lr_w) defines exec_lr_w, the handler the decoder names. */
#define HANDLER(name) void exec_##name(CPURISCVState *env, const DecodedInsn *d)

#define NO_RESERVATION UINT64_MAX

/*
 * The host pointer for an atomic access of size bytes at addr, which must
 * be naturally aligned (misaligned raises `mis` with tval = addr).
 */
static void *atomic_addr(CPURISCVState *env, uint64_t addr, unsigned size,
                         RISCVException mis, uint64_t *paddr)
{
    if (addr & (size - 1)) {
        riscv_raise_exception(env, mis, addr);
    }
    return cpu_atomic_host_addr(env, addr, size, paddr);
}

/* Other harts' stores clear it from their threads (cpu_break_reservations). */
static inline uint64_t load_res(CPURISCVState *env)
{
    return __atomic_load_n(&env->load_res, __ATOMIC_RELAXED);
}

static inline uint64_t sext32(uint32_t v)
{
    return (uint64_t)(int64_t)(int32_t)v;
}

/* ---- LR / SC ---- */

HANDLER(lr_w)
{
    uint64_t paddr;
    uint32_t *p =
        atomic_addr(env, env->gpr[d->rs1], 4, RISCV_EXCP_LOAD_ADDR_MIS, &paddr);
    uint64_t val;

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    val = sext32(__atomic_load_n(p, __ATOMIC_SEQ_CST));

    env->load_val = val;
    __atomic_store_n(&env->load_res, paddr, __ATOMIC_SEQ_CST);
    cpu_reservation_watch(paddr);
    env->gpr[d->rd] = val;
}

HANDLER(lr_d)
{
    uint64_t paddr;
    uint64_t *p =
        atomic_addr(env, env->gpr[d->rs1], 8, RISCV_EXCP_LOAD_ADDR_MIS, &paddr);
    uint64_t val;

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    val = __atomic_load_n(p, __ATOMIC_SEQ_CST);

    env->load_val = val;
    __atomic_store_n(&env->load_res, paddr, __ATOMIC_SEQ_CST);
    cpu_reservation_watch(paddr);
    env->gpr[d->rd] = val;
}

/*
 * SC: rd = 0 on success, 1 on failure; the reservation is gone either
 * way. Without any reservation SC fails at once, touching no memory.
 */
#define SC(name, type, size)                                                 \
    HANDLER(name)                                                            \
    {                                                                        \
        uint64_t addr = env->gpr[d->rs1], paddr;                             \
        type src = env->gpr[d->rs2], expected = env->load_val;               \
        bool ok = false;                                                     \
                                                                             \
        if (addr & (size - 1)) {                                             \
            riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ADDR_MIS, addr); \
        }                                                                    \
        if (load_res(env) != NO_RESERVATION) {                               \
            type *p = cpu_atomic_host_addr(env, addr, size, &paddr);         \
            ok = load_res(env) == paddr &&                                   \
                 __atomic_compare_exchange_n(p, &expected, src, false,       \
                                             __ATOMIC_SEQ_CST,               \
                                             __ATOMIC_SEQ_CST);              \
            if (ok) {                                                        \
                cpu_break_reservations(paddr, size);                         \
            }                                                                \
        }                                                                    \
        riscv_drop_reservation(env);                                         \
        env->gpr[d->rd] = !ok;                                               \
    }

SC(sc_w, uint32_t, 4)
SC(sc_d, uint64_t, 8)

/* ---- AMOs ---- */

/*
 * rd = the old memory value (sign-extended for .w), memory = op(old, rs2).
 * `op` is an expression of p (the host pointer) and src (rs2) giving the
 * old value.
 */
#define AMO(name, type, size, op)                                     \
    HANDLER(name)                                                     \
    {                                                                 \
        uint64_t paddr;                                               \
        type src = env->gpr[d->rs2];                                  \
        type *p = atomic_addr(env, env->gpr[d->rs1], size,            \
                              RISCV_EXCP_STORE_AMO_ADDR_MIS, &paddr); \
        type old = (op);                                              \
        cpu_break_reservations(paddr, size);                          \
        env->gpr[d->rd] = size == 4 ? sext32(old) : old;              \
    }

#define SEQ __ATOMIC_SEQ_CST

/*
 * min/max have no host builtin: a compare-and-swap loop storing `pick`,
 * an expression of old (memory) and src (rs2).
 */
#define DEFINE_AMO_CAS(name, type, pick)                               \
    static type name(type *p, type src)                                \
    {                                                                  \
        type old = __atomic_load_n(p, __ATOMIC_RELAXED), new;          \
        do {                                                           \
            new = (pick);                                              \
        } while (!__atomic_compare_exchange_n(p, &old, new, true, SEQ, \
                                              __ATOMIC_RELAXED));      \
        return old;                                                    \
    }

DEFINE_AMO_CAS(amo_min32, uint32_t, (int32_t)old < (int32_t)src ? old : src)
DEFINE_AMO_CAS(amo_max32, uint32_t, (int32_t)old > (int32_t)src ? old : src)
DEFINE_AMO_CAS(amo_minu32, uint32_t, old < src ? old : src)
DEFINE_AMO_CAS(amo_maxu32, uint32_t, old > src ? old : src)
DEFINE_AMO_CAS(amo_min64, uint64_t, (int64_t)old < (int64_t)src ? old : src)
DEFINE_AMO_CAS(amo_max64, uint64_t, (int64_t)old > (int64_t)src ? old : src)
DEFINE_AMO_CAS(amo_minu64, uint64_t, old < src ? old : src)
DEFINE_AMO_CAS(amo_maxu64, uint64_t, old > src ? old : src)

AMO(amoswap_w, uint32_t, 4, __atomic_exchange_n(p, src, SEQ))
AMO(amoadd_w, uint32_t, 4, __atomic_fetch_add(p, src, SEQ))
AMO(amoxor_w, uint32_t, 4, __atomic_fetch_xor(p, src, SEQ))
AMO(amoand_w, uint32_t, 4, __atomic_fetch_and(p, src, SEQ))
AMO(amoor_w, uint32_t, 4, __atomic_fetch_or(p, src, SEQ))
AMO(amomin_w, uint32_t, 4, amo_min32(p, src))
AMO(amomax_w, uint32_t, 4, amo_max32(p, src))
AMO(amominu_w, uint32_t, 4, amo_minu32(p, src))
AMO(amomaxu_w, uint32_t, 4, amo_maxu32(p, src))

AMO(amoswap_d, uint64_t, 8, __atomic_exchange_n(p, src, SEQ))
AMO(amoadd_d, uint64_t, 8, __atomic_fetch_add(p, src, SEQ))
AMO(amoxor_d, uint64_t, 8, __atomic_fetch_xor(p, src, SEQ))
AMO(amoand_d, uint64_t, 8, __atomic_fetch_and(p, src, SEQ))
AMO(amoor_d, uint64_t, 8, __atomic_fetch_or(p, src, SEQ))
AMO(amomin_d, uint64_t, 8, amo_min64(p, src))
AMO(amomax_d, uint64_t, 8, amo_max64(p, src))
AMO(amominu_d, uint64_t, 8, amo_minu64(p, src))
AMO(amomaxu_d, uint64_t, 8, amo_maxu64(p, src))
