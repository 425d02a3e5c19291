/*
 * Cache-block operations: Zicbom (cbo.clean, cbo.flush, cbo.inval) and
 * Zicboz (cbo.zero), CMO extensions 1.0.1. Zicbop's prefetch.i/r/w are
 * ORI hints with rd = x0 and decode as ORI: nothing to do here.
 *
 * The hart has no caches and memory is coherent, so clean, flush and
 * inval only check that they may run (menvcfg/senvcfg gates) and that the
 * block may be accessed; cbo.zero writes zeros over its whole block.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/translate.h"
#include "exec/cpu-ldst.h"
#include "exec/memory.h"

#define HANDLER(name) void exec_##name(CPURISCVState *env, const DecodedInsn *d)

/* henvcfg gates VS and VU mode (CMO 1.0.1, 2.5 and 3.x). */
static uint64_t riscv_henvcfg(CPURISCVState *env)
{
    return env->henvcfg;
}

/*
 * May the instruction run, given its enable field `field` (CBIE, CBCFE
 * or CBZE; zero in a register means disabled)? M-mode always may; below
 * that menvcfg gates (illegal instruction), then henvcfg for V = 1
 * (virtual instruction), then senvcfg for U and VU mode (illegal in U,
 * virtual instruction in VU).
 */
static void cbo_check_enabled(CPURISCVState *env, const DecodedInsn *d,
                              uint64_t field)
{
    if (env->priv == PRV_M) {
        return;
    }
    if (!(env->menvcfg & field)) {
        riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, d->raw);
    }
    if (env->virt_enabled && !(riscv_henvcfg(env) & field)) {
        riscv_raise_exception(env, RISCV_EXCP_VIRT_INSTRUCTION_FAULT, d->raw);
    }
    if (env->priv == PRV_U && !(env->senvcfg & field)) {
        riscv_raise_exception(env,
                              env->virt_enabled
                                  ? RISCV_EXCP_VIRT_INSTRUCTION_FAULT
                                  : RISCV_EXCP_ILLEGAL_INST,
                              d->raw);
    }
}

/*
 * The physical address of the block holding vaddr, checked for an access
 * of type `type` (CMO 1.0.1, 2.5.2: management instructions may access a
 * block wherever a load or a store may; every failure is reported as a
 * store page fault or store access fault, tval = the effective address).
 * A page that allows stores allows loads (W without R is reserved), so
 * management instructions ask for load permission and do not set D.
 */
static uint64_t cbo_block_paddr(CPURISCVState *env, uint64_t vaddr,
                                unsigned size, MMUAccessType type)
{
    int mmu_idx = cpu_data_mmu_index(env);
    uint64_t base = vaddr & ~(uint64_t)(size - 1), paddr;
    int prot, page_prot;
    RISCVException ex;
    uint64_t priv = env->priv;

    ex = riscv_get_physical_address(env, base, type, mmu_idx, &paddr, &prot);
    if (ex == RISCV_EXCP_LOAD_PAGE_FAULT || ex == RISCV_EXCP_STORE_PAGE_FAULT) {
        riscv_raise_exception(env, RISCV_EXCP_STORE_PAGE_FAULT, vaddr);
    }
    if (ex != RISCV_EXCP_NONE) {
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ACCESS_FAULT, vaddr);
    }
    if (priv == PRV_M && (env->mstatus & MSTATUS_MPRV)) {
        priv = (env->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
    }
    if (!riscv_pmp_check(env, paddr, size, type, priv, &page_prot) &&
        (type == MMU_DATA_STORE ||
         !riscv_pmp_check(env, paddr, size, MMU_DATA_STORE, priv,
                          &page_prot))) {
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ACCESS_FAULT, vaddr);
    }
    if (!address_space_lookup(&address_space_memory, paddr).mr) {
        /* Nothing there: neither a load nor a store may access it. */
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ACCESS_FAULT, vaddr);
    }
    return paddr;
}

/* clean, flush, inval: no caches, so only the checks. */
static void cbo_manage(CPURISCVState *env, const DecodedInsn *d, uint64_t field)
{
    const RISCVCPUConfig *cfg = &env_cpu(env)->cfg;

    cbo_check_enabled(env, d, field);
    cbo_block_paddr(env, env->gpr[d->rs1], cfg->cbom_blocksize, MMU_DATA_LOAD);
}

HANDLER(cbo_clean)
{
    cbo_manage(env, d, MENVCFG_CBCFE);
}

HANDLER(cbo_flush)
{
    cbo_manage(env, d, MENVCFG_CBCFE);
}

/* With CBIE = 01 it is a flush; without caches both do the same. */
HANDLER(cbo_inval)
{
    cbo_manage(env, d, MENVCFG_CBIE);
}

/* A store of zeros over the whole block (CMO 1.0.1, 3.x "cbo.zero"). */
HANDLER(cbo_zero)
{
    const RISCVCPUConfig *cfg = &env_cpu(env)->cfg;
    uint64_t vaddr = env->gpr[d->rs1];
    uint64_t base = vaddr & ~(uint64_t)(cfg->cboz_blocksize - 1);

    cbo_check_enabled(env, d, MENVCFG_CBZE);
    /* Check the block first, so a fault leaves memory alone. */
    cbo_block_paddr(env, vaddr, cfg->cboz_blocksize, MMU_DATA_STORE);
    for (unsigned off = 0; off < cfg->cboz_blocksize; off += 8) {
        cpu_stq(env, base + off, 0);
    }
}
