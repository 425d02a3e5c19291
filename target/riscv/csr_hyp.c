/*
 * The hypervisor extension's CSRs (privileged spec 1.12, "Hypervisor
 * Extension": hstatus ... hgatp, the VS CSRs, "Machine-Level CSRs").
 * They exist only with misa.H. WARL choices:
 * - hstatus: VSXL is read-only 2 (64-bit), VSBE read-only 0, VGEIN
 *   read-only 0 (GEILEN is 0: no guest external interrupts until AIA).
 * - hgatp: a MODE that is not Bare or Sv39x4..Sv57x4 (up to the hart's
 *   satp modes) is written as Bare (the other fields are kept); 14 VMID
 *   bits; PPN[1:0] read as zero. hgeie/hgeip are read-only zero.
 * - vsatp: a write with an unsupported MODE is ignored (also through satp
 *   when V=1).
 * - htval, htinst, mtval2, mtinst hold any value written.
 */
#include "qemu/osdep.h"
#include "target/riscv/csr_internal.h"
#include "exec/cpu-ldst.h"

#define HSTATUS_WRITABLE                                                    \
    (HSTATUS_GVA | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_HU | HSTATUS_VTVM | \
     HSTATUS_VTW | HSTATUS_VTSR)

/* vsstatus: the sstatus bits VS-mode owns. */
#define VSSTATUS_WRITABLE                                                  \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_SUM | \
     MSTATUS_MXR)

static RISCVCPUConfig *cfg_of(CPURISCVState *env)
{
    return &env_cpu(env)->cfg;
}

/* ---- Predicates ---- */

/* Any hypervisor or VS CSR: needs H (V=1 is refused by csr.c first). */
RISCVException pred_hyp(CPURISCVState *env, int csrno, bool debug)
{
    return riscv_has_ext(env, RVH) ? RISCV_EXCP_NONE : RISCV_EXCP_ILLEGAL_INST;
}

/* hgatp: HS-mode accesses trap with mstatus.TVM. */
RISCVException pred_hgatp(CPURISCVState *env, int csrno, bool debug)
{
    if (!riscv_has_ext(env, RVH)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (!debug && env->priv == PRV_S && !env->virt_enabled &&
        (env->mstatus & MSTATUS_TVM)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/* vstimecmp by its own number: as stimecmp for HS-mode (Sstc). */
RISCVException pred_vstimecmp(CPURISCVState *env, int csrno, bool debug)
{
    if (!riscv_has_ext(env, RVH) || !cfg_of(env)->ext_sstc) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (debug || env->priv == PRV_M) {
        return RISCV_EXCP_NONE;
    }
    if (!(env->menvcfg & MENVCFG_STCE) ||
        !(env->mcounteren & (1ULL << (CSR_TIME & 0x1f)))) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/* ---- hstatus, delegation, counters, time delta ---- */

RISCVException read_hstatus(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = (env->hstatus & HSTATUS_WRITABLE) | (2ULL << 32); /* VSXL = 64 */
    return RISCV_EXCP_NONE;
}

RISCVException write_hstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    env->hstatus = val & HSTATUS_WRITABLE;
    return RISCV_EXCP_NONE;
}

RISCVException read_hedeleg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->hedeleg;
    return RISCV_EXCP_NONE;
}

RISCVException write_hedeleg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->hedeleg = val & HEDELEG_WRITABLE;
    return RISCV_EXCP_NONE;
}

RISCVException read_hideleg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->hideleg;
    return RISCV_EXCP_NONE;
}

/* Only the VS-level interrupts can be delegated to VS-mode. */
RISCVException write_hideleg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->hideleg = val & MIP_VS_INTS;
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

RISCVException read_hcounteren(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->hcounteren;
    return RISCV_EXCP_NONE;
}

RISCVException write_hcounteren(CPURISCVState *env, int csrno, uint64_t val)
{
    env->hcounteren = (uint32_t)val;
    return RISCV_EXCP_NONE;
}

RISCVException read_htimedelta(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->htimedelta;
    return RISCV_EXCP_NONE;
}

RISCVException write_htimedelta(CPURISCVState *env, int csrno, uint64_t val)
{
    env->htimedelta = val;
    riscv_sstc_rearm(env); /* the VS timer's deadline moved */
    return RISCV_EXCP_NONE;
}

/* ---- henvcfg ---- */

/* PBMTE and STCE read zero while menvcfg's are zero. */
RISCVException read_henvcfg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->henvcfg &
           (MENVCFG_FIOM | MENVCFG_CBIE | MENVCFG_CBCFE | MENVCFG_CBZE |
            (env->menvcfg & (MENVCFG_PBMTE | MENVCFG_STCE)));
    return RISCV_EXCP_NONE;
}

RISCVException write_henvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mask = MENVCFG_FIOM;
    uint64_t old = env->henvcfg;

    if (cfg_of(env)->ext_sstc) {
        mask |= MENVCFG_STCE;
    }
    if (cfg_of(env)->ext_svpbmt) {
        mask |= MENVCFG_PBMTE;
    }
    /* CBIE/CBCFE/CBZE gate VS/VU-mode cache-block operations (Zicbo*). */
    env->henvcfg = (val & mask) | riscv_envcfg_cbo_fields(env, old, val);
    if ((old ^ env->henvcfg) & MENVCFG_PBMTE) {
        tlb_flush_mask(env, MMU_MASK_VIRT);
    }
    riscv_sstc_rearm(env);
    return RISCV_EXCP_NONE;
}

/* ---- Interrupts: hie, hip, hvip, vsie, vsip ---- */

RISCVException read_hie(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->mie & MIP_VS_INTS;
    return RISCV_EXCP_NONE;
}

RISCVException write_hie(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mie = (env->mie & ~MIP_VS_INTS) | (val & MIP_VS_INTS);
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

/* Replace the bits of hvip in mask (VSSIP is also hip/mip/vsip's). */
static void hvip_update(CPURISCVState *env, uint64_t new_value, uint64_t mask)
{
    mask &= MIP_VS_INTS;
    if (mask) {
        env->hvip = (env->hvip & ~mask) | (new_value & mask);
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
}

/* hip: the VS-level pending bits; only VSSIP is writable. */
RISCVException rmw_hip(CPURISCVState *env, int csrno, uint64_t *ret,
                       uint64_t new_value, uint64_t write_mask)
{
    if (ret) {
        *ret = riscv_cpu_read_mip(env) & MIP_VS_INTS;
    }
    hvip_update(env, new_value, write_mask & MIP_VSSIP);
    return RISCV_EXCP_NONE;
}

RISCVException rmw_hvip(CPURISCVState *env, int csrno, uint64_t *ret,
                        uint64_t new_value, uint64_t write_mask)
{
    if (ret) {
        *ret = env->hvip & MIP_VS_INTS;
    }
    hvip_update(env, new_value, write_mask);
    return RISCV_EXCP_NONE;
}

/*
 * vsip/vsie: the VS-level bits delegated by hideleg, shifted down one
 * place (VSSIP appears as SSIP ...). Only vsip.SSIP is writable.
 */
RISCVException rmw_vsip(CPURISCVState *env, int csrno, uint64_t *ret,
                        uint64_t new_value, uint64_t write_mask)
{
    if (ret) {
        *ret = (riscv_cpu_read_mip(env) & env->hideleg & MIP_VS_INTS) >> 1;
    }
    hvip_update(env, new_value << 1,
                (write_mask << 1) & env->hideleg & MIP_VSSIP);
    return RISCV_EXCP_NONE;
}

RISCVException read_vsie(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = (env->mie & env->hideleg & MIP_VS_INTS) >> 1;
    return RISCV_EXCP_NONE;
}

RISCVException write_vsie(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mask = env->hideleg & MIP_VS_INTS;

    env->mie = (env->mie & ~mask) | ((val << 1) & mask);
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

/* ---- VS trap state ---- */

/* UXL reads 2 (64-bit); SD summarises FS. */
RISCVException read_vsstatus(CPURISCVState *env, int csrno, uint64_t *val)
{
    uint64_t s = (env->vsstatus & VSSTATUS_WRITABLE) | (2ULL << 32);

    if ((s & MSTATUS_FS) == MSTATUS_FS) {
        s |= MSTATUS_SD;
    }
    *val = s;
    return RISCV_EXCP_NONE;
}

RISCVException write_vsstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t old = env->vsstatus;

    if (!riscv_has_ext(env, RVF | RVD)) {
        val &= ~MSTATUS_FS;
    }
    env->vsstatus = val & VSSTATUS_WRITABLE;
    riscv_cpu_update_mmu_idx(env); /* vsstatus.SUM picks VS or VS_SUM */
    if ((old ^ env->vsstatus) & (MSTATUS_SUM | MSTATUS_MXR)) {
        tlb_flush_mask(env, MMU_MASK_VIRT);
    }
    if ((old ^ env->vsstatus) & MSTATUS_SIE) {
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
    return RISCV_EXCP_NONE;
}

RISCVException read_vstimecmp(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->vstimecmp;
    return RISCV_EXCP_NONE;
}

RISCVException write_vstimecmp(CPURISCVState *env, int csrno, uint64_t val)
{
    env->vstimecmp = val;
    riscv_sstc_rearm(env);
    return RISCV_EXCP_NONE;
}

/* ---- Translation: vsatp, hgatp ---- */

static bool satp_mode_supported(CPURISCVState *env, uint64_t mode)
{
    RISCVCPUConfig *cfg = cfg_of(env);

    return mode == SATP_MODE_BARE ||
           (cfg->mmu && mode >= SATP_MODE_SV39 && mode <= cfg->satp_max_mode);
}

RISCVException read_vsatp(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->vsatp;
    return RISCV_EXCP_NONE;
}

/* Like satp: an unsupported MODE ignores the write. */
RISCVException write_vsatp(CPURISCVState *env, int csrno, uint64_t val)
{
    if (!satp_mode_supported(env, val >> SATP_MODE_SHIFT)) {
        return RISCV_EXCP_NONE;
    }
    val &= (0xfULL << SATP_MODE_SHIFT) | (SATP_ASID_MASK << SATP_ASID_SHIFT) |
           SATP_PPN_MASK;
    if (val != env->vsatp) {
        env->vsatp = val;
        tlb_flush_mask(env, MMU_MASK_VIRT);
    }
    return RISCV_EXCP_NONE;
}

RISCVException read_hgatp(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->hgatp;
    return RISCV_EXCP_NONE;
}

/* Sv39x4..Sv57x4 share satp's MODE numbers (8..10). */
RISCVException write_hgatp(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mode = val >> SATP_MODE_SHIFT;

    if (!satp_mode_supported(env, mode)) {
        mode = SATP_MODE_BARE;
    }
    val = (mode << SATP_MODE_SHIFT) |
          (val & (HGATP_VMID_MASK << HGATP_VMID_SHIFT)) |
          (val & SATP_PPN_MASK & ~3ULL);
    if (val != env->hgatp) {
        env->hgatp = val;
        tlb_flush_mask(env, MMU_MASK_VIRT);
    }
    return RISCV_EXCP_NONE;
}
