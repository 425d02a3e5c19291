/*
 * What the CSR table (csr.c) and the files holding groups of CSRs
 * (csr_hyp.c) share: the function types of a table entry and the
 * hypervisor-extension CSR functions.
 */
#ifndef TARGET_RISCV_CSR_INTERNAL_H
#define TARGET_RISCV_CSR_INTERNAL_H

#include "target/riscv/cpu.h"

typedef RISCVException CSRPredicateFn(CPURISCVState *env, int csrno,
                                      bool debug);
typedef RISCVException CSRReadFn(CPURISCVState *env, int csrno, uint64_t *val);
typedef RISCVException CSRWriteFn(CPURISCVState *env, int csrno, uint64_t val);
typedef RISCVException CSRRmwFn(CPURISCVState *env, int csrno, uint64_t *ret,
                                uint64_t new_value, uint64_t write_mask);

/* Re-arm the Sstc timers (stimecmp, vstimecmp) or stop them (csr.c). */
void riscv_sstc_rearm(CPURISCVState *env);
/* The cache-block fields of an xenvcfg write (Zicbom/Zicboz; csr.c). */
uint64_t riscv_envcfg_cbo_fields(CPURISCVState *env, uint64_t old,
                                 uint64_t val);
/* A CSR of xtvec's format: a reserved MODE ignores the write (csr.c). */
bool riscv_tvec_legal(uint64_t val);

/* ---- csr_hyp.c: the H extension's CSRs ---- */
CSRPredicateFn pred_hyp, pred_hgatp, pred_vstimecmp;
CSRReadFn read_hstatus, read_hedeleg, read_hideleg, read_hie, read_hcounteren,
    read_htimedelta, read_henvcfg, read_hgatp, read_vsstatus, read_vsie,
    read_vstimecmp, read_vsatp;
CSRWriteFn write_hstatus, write_hedeleg, write_hideleg, write_hie,
    write_hcounteren, write_htimedelta, write_henvcfg, write_hgatp,
    write_vsstatus, write_vsie, write_vstimecmp, write_vsatp;
CSRRmwFn rmw_hip, rmw_hvip, rmw_vsip;

/* The VS interrupt bits that mip/mie gain with H. */
/*
 * Exceptions hedeleg can delegate (the spec's "writable" bits); medeleg
 * can also delegate ECALL from S (and, with H, the VS/guest ones).
 */
#define HEDELEG_WRITABLE                                                   \
    ((1ULL << RISCV_EXCP_INST_ADDR_MIS) |                                  \
     (1ULL << RISCV_EXCP_INST_ACCESS_FAULT) |                              \
     (1ULL << RISCV_EXCP_ILLEGAL_INST) | (1ULL << RISCV_EXCP_BREAKPOINT) | \
     (1ULL << RISCV_EXCP_LOAD_ADDR_MIS) |                                  \
     (1ULL << RISCV_EXCP_LOAD_ACCESS_FAULT) |                              \
     (1ULL << RISCV_EXCP_STORE_AMO_ADDR_MIS) |                             \
     (1ULL << RISCV_EXCP_STORE_AMO_ACCESS_FAULT) |                         \
     (1ULL << RISCV_EXCP_U_ECALL) | (1ULL << RISCV_EXCP_INST_PAGE_FAULT) | \
     (1ULL << RISCV_EXCP_LOAD_PAGE_FAULT) |                                \
     (1ULL << RISCV_EXCP_STORE_PAGE_FAULT))

#define H_MIE_BITS MIP_VS_INTS

#endif
