/*
 * Control and status registers (privileged spec 1.12, Zicsr, Zicntr,
 * Zihpm, Sstc, PMP).
 *
 * The CSRs are a table indexed by number. Each entry names the register,
 * a predicate that says whether the register exists and whether the
 * current privilege may use it (beyond the privilege and read-only rules
 * encoded in the number itself, which riscv_csrrw checks for all), and
 * read and write functions. Writes receive the merged value (old bits
 * outside the write mask, new ones inside); registers whose read value is
 * not what a read-modify-write should write back (mip, sip) have an rmw
 * function instead.
 *
 * WARL choices (all documented where they are made):
 * - misa is read-only: writes are ignored.
 * - mtvec/stvec with a reserved mode (>= 2) ignore the whole write.
 * - satp with an unsupported MODE ignores the whole write; ASID has 16
 *   implemented bits.
 * - mhpmcounter3..(2+pmu-num) store what is written (no events are
 *   counted, as in QEMU 7.2); higher ones read zero; mhpmeventN store any
 *   value
 *   (no event is counted).
 * - Unimplemented PMP entries (16..63) are read-only zero.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "target/riscv/cpu.h"
#include "exec/cpu-ldst.h"
#include "target/riscv/csr_internal.h"

typedef struct RISCVCSR {
    const char *name;
    CSRPredicateFn *pred;
    CSRReadFn *read;
    CSRWriteFn *write; /* NULL for read-only registers */
    CSRRmwFn *rmw;     /* replaces read/write when set */
} RISCVCSR;

static RISCVCPUConfig *csr_cfg(CPURISCVState *env)
{
    return &env_cpu(env)->cfg;
}

/* ---- Predicates ---- */

static RISCVException pred_any(CPURISCVState *env, int csrno, bool debug)
{
    return RISCV_EXCP_NONE;
}

static RISCVException pred_debug(CPURISCVState *env, int csrno, bool debug)
{
    return csr_cfg(env)->debug ? RISCV_EXCP_NONE : RISCV_EXCP_ILLEGAL_INST;
}

static RISCVException pred_smode(CPURISCVState *env, int csrno, bool debug)
{
    return riscv_has_ext(env, RVS) ? RISCV_EXCP_NONE : RISCV_EXCP_ILLEGAL_INST;
}

/* fflags, frm, fcsr: need F and mstatus.FS != Off. */
static RISCVException pred_fs(CPURISCVState *env, int csrno, bool debug)
{
    if (!riscv_has_ext(env, RVF | RVD)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (!debug && !riscv_fs_enabled(env)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/*
 * cycle, time, instret, hpmcounter3..31 (0xc00..0xc1f): exist with
 * Zicntr / Zihpm; below M-mode the mcounteren bit must be set, and in
 * U-mode also the scounteren bit.
 */
static RISCVException pred_counter(CPURISCVState *env, int csrno, bool debug)
{
    RISCVCPUConfig *cfg = csr_cfg(env);
    int idx = csrno & 0x1f;

    if (idx < 3 ? !cfg->ext_zicntr : !cfg->ext_zihpm) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (csrno == CSR_TIME && !env->rdtime_fn) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (debug || env->priv == PRV_M) {
        return RISCV_EXCP_NONE;
    }
    if (!(env->mcounteren & (1ULL << idx))) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    /* V=1: hcounteren (and scounteren in VU) give virtual-instruction. */
    if (env->virt_enabled && !(env->hcounteren & (1ULL << idx))) {
        return RISCV_EXCP_VIRT_INSTRUCTION_FAULT;
    }
    if (env->priv == PRV_U && riscv_has_ext(env, RVS) &&
        !(env->scounteren & (1ULL << idx))) {
        return env->virt_enabled ? RISCV_EXCP_VIRT_INSTRUCTION_FAULT
                                 : RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/* mcycle, minstret, mhpmcounterN, mhpmeventN, mcountinhibit. */
static RISCVException pred_mcounter(CPURISCVState *env, int csrno, bool debug)
{
    int idx = csrno & 0x1f;
    RISCVCPUConfig *cfg = csr_cfg(env);

    if (csrno == CSR_MCOUNTINHIBIT) {
        return cfg->ext_zicntr || cfg->ext_zihpm ? RISCV_EXCP_NONE
                                                 : RISCV_EXCP_ILLEGAL_INST;
    }
    if (idx < 3 ? !cfg->ext_zicntr : !cfg->ext_zihpm) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/*
 * satp: HS-mode accesses trap when mstatus.TVM is set; VS-mode ones (to
 * vsatp) when hstatus.VTVM is, with a virtual-instruction exception.
 */
static RISCVException pred_satp(CPURISCVState *env, int csrno, bool debug)
{
    if (!riscv_has_ext(env, RVS)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (debug || env->priv != PRV_S) {
        return RISCV_EXCP_NONE;
    }
    if (env->virt_enabled) {
        return (env->hstatus & HSTATUS_VTVM) ? RISCV_EXCP_VIRT_INSTRUCTION_FAULT
                                             : RISCV_EXCP_NONE;
    }
    return (env->mstatus & MSTATUS_TVM) ? RISCV_EXCP_ILLEGAL_INST
                                        : RISCV_EXCP_NONE;
}

/*
 * stimecmp (Sstc): below M-mode both menvcfg.STCE and mcounteren.TM must
 * be set.
 */
static RISCVException pred_sstc(CPURISCVState *env, int csrno, bool debug)
{
    if (!csr_cfg(env)->ext_sstc || !riscv_has_ext(env, RVS)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (debug || env->priv == PRV_M) {
        return RISCV_EXCP_NONE;
    }
    if (!(env->menvcfg & MENVCFG_STCE) ||
        !(env->mcounteren & (1ULL << (CSR_TIME & 0x1f)))) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    /* V=1 (vstimecmp): henvcfg.STCE and hcounteren.TM too. */
    if (env->virt_enabled &&
        (!(env->henvcfg & MENVCFG_STCE) ||
         !(env->hcounteren & (1ULL << (CSR_TIME & 0x1f))))) {
        return RISCV_EXCP_VIRT_INSTRUCTION_FAULT;
    }
    return RISCV_EXCP_NONE;
}

/* PMP: RV64 has only the even-numbered pmpcfg registers. */
static RISCVException pred_pmp(CPURISCVState *env, int csrno, bool debug)
{
    if (!csr_cfg(env)->pmp) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (csrno >= CSR_PMPCFG0 && csrno <= CSR_PMPCFG15 && (csrno & 1)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    return RISCV_EXCP_NONE;
}

/* ---- Floating point ---- */

static RISCVException read_fflags(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->fflags;
    return RISCV_EXCP_NONE;
}

static RISCVException write_fflags(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
    riscv_mark_fs_dirty(env);
    return RISCV_EXCP_NONE;
}

static RISCVException read_frm(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->frm;
    return RISCV_EXCP_NONE;
}

/* frm is WARL-free: any 3-bit value is kept; using a reserved one traps. */
static RISCVException write_frm(CPURISCVState *env, int csrno, uint64_t val)
{
    env->frm = val & 7;
    riscv_mark_fs_dirty(env);
    return RISCV_EXCP_NONE;
}

static RISCVException read_fcsr(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = (env->frm << 5) | env->fflags;
    return RISCV_EXCP_NONE;
}

static RISCVException write_fcsr(CPURISCVState *env, int csrno, uint64_t val)
{
    env->fflags = val & 0x1f;
    env->frm = (val >> 5) & 7;
    riscv_mark_fs_dirty(env);
    return RISCV_EXCP_NONE;
}

/* ---- Counters ---- */

/*
 * cycle and instret both count retired instructions. A counter reads
 * the retired count plus its offset; while inhibited (mcountinhibit) the
 * offset holds the frozen value itself.
 *
 * env->instret advances once per block, after it; a CSR instruction ends
 * its block, so while one runs env->insns_before of its block's
 * instructions have retired on top of env->instret (0 for the debugger).
 * A write made by an instruction wins over that instruction's own
 * retirement (privileged spec 3.1.11): the next instruction reads the
 * value written.
 */
static uint64_t *counter_offset(CPURISCVState *env, int idx)
{
    return idx == 0 ? &env->mcycle_offset : &env->minstret_offset;
}

static uint64_t retired(CPURISCVState *env)
{
    return env->instret + env->insns_before;
}

/* The count at which a value written now is seen by the next instruction. */
static uint64_t retired_after_write(CPURISCVState *env)
{
    return retired(env) + (env->in_csr_insn ? 1 : 0);
}

static RISCVException read_counter(CPURISCVState *env, int csrno, uint64_t *val)
{
    int idx = csrno & 0x1f;

    if (idx == 0 || idx == 2) {
        uint64_t off = *counter_offset(env, idx);
        *val = (env->mcountinhibit & (1ULL << idx)) ? off : retired(env) + off;
    } else {
        /* Programmable counters keep what was written; none count. */
        *val = idx < 3 + env_cpu(env)->cfg.pmu_num ? env->mhpmcounter[idx] : 0;
    }
    return RISCV_EXCP_NONE;
}

static RISCVException write_mcounter(CPURISCVState *env, int csrno,
                                     uint64_t val)
{
    int idx = csrno & 0x1f;

    if (idx == 0 || idx == 2) {
        *counter_offset(env, idx) = (env->mcountinhibit & (1ULL << idx))
                                        ? val
                                        : val - retired_after_write(env);
    }
    if (idx >= 3 && idx < 3 + env_cpu(env)->cfg.pmu_num) {
        env->mhpmcounter[idx] = val;
    }
    /* Counters beyond pmu-num are hardwired to zero. */
    return RISCV_EXCP_NONE;
}

/* V=1 reads time + htimedelta. */
static RISCVException read_time(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->rdtime_fn(env->rdtime_opaque) +
           (env->virt_enabled ? env->htimedelta : 0);
    return RISCV_EXCP_NONE;
}

static RISCVException read_mcountinhibit(CPURISCVState *env, int csrno,
                                         uint64_t *val)
{
    *val = env->mcountinhibit;
    return RISCV_EXCP_NONE;
}

/* Bit 1 (time) is read-only zero; the others are kept. */
static RISCVException write_mcountinhibit(CPURISCVState *env, int csrno,
                                          uint64_t val)
{
    uint64_t newv = val & 0xfffffffdULL;

    for (int idx = 0; idx <= 2; idx += 2) {
        uint64_t bit = 1ULL << idx;
        uint64_t *off = counter_offset(env, idx);
        if ((newv & bit) && !(env->mcountinhibit & bit)) {
            *off = retired_after_write(env) + *off; /* freeze */
        } else if (!(newv & bit) && (env->mcountinhibit & bit)) {
            *off = *off - retired_after_write(env); /* resume */
        }
    }
    env->mcountinhibit = newv;
    return RISCV_EXCP_NONE;
}

static RISCVException read_mhpmevent(CPURISCVState *env, int csrno,
                                     uint64_t *val)
{
    *val = env->mhpmevent[csrno - CSR_MHPMEVENT3 + 3];
    return RISCV_EXCP_NONE;
}

static RISCVException write_mhpmevent(CPURISCVState *env, int csrno,
                                      uint64_t val)
{
    env->mhpmevent[csrno - CSR_MHPMEVENT3 + 3] = val;
    return RISCV_EXCP_NONE;
}

/* ---- Machine information ---- */

static RISCVException read_zero(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = 0;
    return RISCV_EXCP_NONE;
}

/* tselect, tdata1-3, tinfo: the trigger module (debug.c). */
static RISCVException read_trigger(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = riscv_trigger_csr_read(env, csrno);
    return RISCV_EXCP_NONE;
}

static RISCVException write_trigger(CPURISCVState *env, int csrno, uint64_t val)
{
    riscv_trigger_csr_write(env, csrno, val);
    return RISCV_EXCP_NONE;
}

/* mvendorid, marchid, mimpid: the -cpu properties. */
static RISCVException read_machine_id(CPURISCVState *env, int csrno,
                                      uint64_t *val)
{
    const RISCVCPUConfig *cfg = csr_cfg(env);

    *val = csrno == CSR_MVENDORID ? cfg->mvendorid
           : csrno == CSR_MARCHID ? cfg->marchid
                                  : cfg->mimpid;
    return RISCV_EXCP_NONE;
}

/* hgeie: GEILEN is 0, so every bit is read-only zero. */
static RISCVException write_ignore(CPURISCVState *env, int csrno, uint64_t val)
{
    return RISCV_EXCP_NONE;
}

static RISCVException read_mhartid(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->mhartid;
    return RISCV_EXCP_NONE;
}

static RISCVException read_misa(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->misa;
    return RISCV_EXCP_NONE;
}

/* misa is WARL; this hart does not let software turn extensions off. */
static RISCVException write_misa(CPURISCVState *env, int csrno, uint64_t val)
{
    return RISCV_EXCP_NONE;
}

/* ---- Status ---- */

#define SSTATUS_MASK                                                       \
    (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_VS | \
     MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL |   \
     MSTATUS_SD)

/* Bits that decide which translation or permissions apply. */
#define MSTATUS_MMU_BITS \
    (MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MPP | MSTATUS_MPV)

/*
 * The architectural value: UXL and SXL are read-only 2 (64-bit) when U
 * and S exist (whatever reset left in env->mstatus), SD summarises FS.
 */
static uint64_t mstatus_value(CPURISCVState *env, uint64_t s)
{
    s &= ~(MSTATUS_SD | MSTATUS_UXL | MSTATUS_SXL);
    if (riscv_has_ext(env, RVU)) {
        s |= 2ULL << 32;
    }
    if (riscv_has_ext(env, RVS)) {
        s |= 2ULL << 34;
    }
    if ((s & MSTATUS_FS) == MSTATUS_FS || (s & MSTATUS_VS) == MSTATUS_VS ||
        (s & MSTATUS_XS) == MSTATUS_XS) {
        s |= MSTATUS_SD;
    }
    return s;
}

static RISCVException read_mstatus(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = mstatus_value(env, env->mstatus);
    return RISCV_EXCP_NONE;
}

/* Apply a new value for the writable bits in mask. */
static void mstatus_update(CPURISCVState *env, uint64_t val, uint64_t mask)
{
    uint64_t old = env->mstatus;
    uint64_t s;

    if (!riscv_has_ext(env, RVS)) {
        mask &= ~(MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM |
                  MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TSR);
    }
    if (!riscv_has_ext(env, RVU)) {
        mask &= ~(MSTATUS_MPRV | MSTATUS_TW);
    }
    if (!riscv_has_ext(env, RVF | RVD)) {
        mask &= ~MSTATUS_FS;
    }
    if (!riscv_has_ext(env, RVH)) {
        mask &= ~(MSTATUS_MPV | MSTATUS_GVA);
    }
    /* MPP is WARL: only supported modes are kept. */
    if (mask & MSTATUS_MPP) {
        uint64_t mpp = (val & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
        bool ok = mpp == PRV_M || (mpp == PRV_S && riscv_has_ext(env, RVS)) ||
                  (mpp == PRV_U && riscv_has_ext(env, RVU));
        if (!ok) {
            mask &= ~MSTATUS_MPP;
        }
    }
    s = (old & ~mask) | (val & mask);
    /* VS and XS are Off. */
    s &= ~(MSTATUS_VS | MSTATUS_XS);
    env->mstatus = mstatus_value(env, s);
    riscv_cpu_update_mmu_idx(env);
    if ((old ^ env->mstatus) & MSTATUS_MMU_BITS) {
        tlb_flush(env);
    }
    if ((old ^ env->mstatus) & (MSTATUS_MIE | MSTATUS_SIE)) {
        cpu_exit_request(env, EXIT_REQUEST_IRQ); /* look again at irqs */
    }
}

static RISCVException write_mstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    mstatus_update(env, val,
                   MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE |
                       MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_MPRV |
                       MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW |
                       MSTATUS_TSR | MSTATUS_MPV | MSTATUS_GVA);
    return RISCV_EXCP_NONE;
}

static RISCVException read_sstatus(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = mstatus_value(env, env->mstatus) & SSTATUS_MASK;
    return RISCV_EXCP_NONE;
}

static RISCVException write_sstatus(CPURISCVState *env, int csrno, uint64_t val)
{
    mstatus_update(env, val,
                   MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS |
                       MSTATUS_SUM | MSTATUS_MXR);
    return RISCV_EXCP_NONE;
}

/* ---- Traps and interrupts ---- */

#define DELEGABLE_EXCPS (HEDELEG_WRITABLE | (1ULL << RISCV_EXCP_S_ECALL))
/* With H: ECALL from VS-mode, guest-page faults, virtual instruction. */
#define H_DELEGABLE_EXCPS                          \
    ((1ULL << RISCV_EXCP_VS_ECALL) |               \
     (1ULL << RISCV_EXCP_INST_GUEST_PAGE_FAULT) |  \
     (1ULL << RISCV_EXCP_LOAD_GUEST_PAGE_FAULT) |  \
     (1ULL << RISCV_EXCP_VIRT_INSTRUCTION_FAULT) | \
     (1ULL << RISCV_EXCP_STORE_GUEST_PAGE_FAULT))

#define S_MODE_INTS (MIP_SSIP | MIP_STIP | MIP_SEIP)
#define ALL_INTS    (S_MODE_INTS | MIP_MSIP | MIP_MTIP | MIP_MEIP)

static RISCVException read_medeleg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->medeleg;
    return RISCV_EXCP_NONE;
}

/* WARL: only exceptions that exist and may be delegated (not M ECALL). */
static RISCVException write_medeleg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->medeleg = val & (DELEGABLE_EXCPS |
                          (riscv_has_ext(env, RVH) ? H_DELEGABLE_EXCPS : 0));
    return RISCV_EXCP_NONE;
}

static RISCVException read_mideleg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->mideleg;
    return RISCV_EXCP_NONE;
}

static RISCVException write_mideleg(CPURISCVState *env, int csrno, uint64_t val)
{
    /* With H, the VS-level interrupts are read-only one. */
    env->mideleg =
        (val & S_MODE_INTS) | (riscv_has_ext(env, RVH) ? MIP_VS_INTS : 0);
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

static RISCVException read_mie(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->mie;
    return RISCV_EXCP_NONE;
}

static RISCVException write_mie(CPURISCVState *env, int csrno, uint64_t val)
{
    env->mie = val & (ALL_INTS | (riscv_has_ext(env, RVH) ? H_MIE_BITS : 0));
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

static RISCVException read_sie(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->mie & env->mideleg & S_MODE_INTS;
    return RISCV_EXCP_NONE;
}

/* sie: only the delegated enables are visible and writable. */
static RISCVException write_sie(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mask = env->mideleg & S_MODE_INTS;

    env->mie = (env->mie & ~mask) | (val & mask);
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
    return RISCV_EXCP_NONE;
}

/* The software-writable mip bits (STIP only while Sstc does not own it). */
static uint64_t mip_writable(CPURISCVState *env)
{
    uint64_t mask = MIP_SSIP | MIP_STIP | MIP_SEIP;

    if (csr_cfg(env)->ext_sstc && (env->menvcfg & MENVCFG_STCE)) {
        mask &= ~MIP_STIP;
    }
    return mask;
}

/*
 * mip: reads see software bits | device lines | Sstc STIP; a read-modify-
 * write only changes the software bits (so a device's SEIP line is not
 * latched into the software SEIP bit by csrrs).
 */
static RISCVException rmw_mip(CPURISCVState *env, int csrno, uint64_t *ret,
                              uint64_t new_value, uint64_t write_mask)
{
    uint64_t old = riscv_cpu_read_mip(env);
    uint64_t mask = write_mask & mip_writable(env);

    /* mip.VSSIP is hvip.VSSIP. */
    if (riscv_has_ext(env, RVH) && (write_mask & MIP_VSSIP)) {
        env->hvip = (env->hvip & ~MIP_VSSIP) | (new_value & MIP_VSSIP);
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
    if (mask) {
        env->mip = (env->mip & ~mask) | (new_value & mask);
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
    if (ret) {
        *ret = old;
    }
    return RISCV_EXCP_NONE;
}

/* sip: the delegated bits of mip; only SSIP is writable. */
static RISCVException rmw_sip(CPURISCVState *env, int csrno, uint64_t *ret,
                              uint64_t new_value, uint64_t write_mask)
{
    uint64_t old = riscv_cpu_read_mip(env) & env->mideleg & S_MODE_INTS;
    uint64_t mask = write_mask & env->mideleg & MIP_SSIP;

    if (mask) {
        env->mip = (env->mip & ~mask) | (new_value & mask);
        cpu_exit_request(env, EXIT_REQUEST_IRQ);
    }
    if (ret) {
        *ret = old;
    }
    return RISCV_EXCP_NONE;
}

static uint64_t *trap_csr(CPURISCVState *env, int csrno)
{
    switch (csrno) {
    case CSR_MTVEC:
        return &env->mtvec;
    case CSR_MSCRATCH:
        return &env->mscratch;
    case CSR_MEPC:
        return &env->mepc;
    case CSR_MCAUSE:
        return &env->mcause;
    case CSR_MTVAL:
        return &env->mtval;
    case CSR_STVEC:
        return &env->stvec;
    case CSR_SSCRATCH:
        return &env->sscratch;
    case CSR_SEPC:
        return &env->sepc;
    case CSR_SCAUSE:
        return &env->scause;
    case CSR_STVAL:
        return &env->stval;
    case CSR_VSTVEC:
        return &env->vstvec;
    case CSR_VSSCRATCH:
        return &env->vsscratch;
    case CSR_VSEPC:
        return &env->vsepc;
    case CSR_VSCAUSE:
        return &env->vscause;
    case CSR_VSTVAL:
        return &env->vstval;
    case CSR_HTVAL:
        return &env->htval;
    case CSR_HTINST:
        return &env->htinst;
    case CSR_MTVAL2:
        return &env->mtval2;
    case CSR_MTINST:
        return &env->mtinst;
    default:
        g_assert_not_reached();
    }
}

/*
 * xscratch, xcause, xtval (also vs-, htval, htinst, mtval2, mtinst):
 * plain 64-bit registers.
 */
static RISCVException read_plain(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = *trap_csr(env, csrno);
    return RISCV_EXCP_NONE;
}

static RISCVException write_plain(CPURISCVState *env, int csrno, uint64_t val)
{
    *trap_csr(env, csrno) = val;
    return RISCV_EXCP_NONE;
}

/*
 * xtvec: MODE 0 (direct) or 1 (vectored). A reserved mode makes the whole
 * write be ignored (WARL; QEMU 7.2 does the same).
 */
bool riscv_tvec_legal(uint64_t val)
{
    if ((val & 3) >= 2) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: reserved trap vector mode %d ignored\n", __func__,
                      (int)(val & 3));
        return false;
    }
    return true;
}

static RISCVException write_tvec(CPURISCVState *env, int csrno, uint64_t val)
{
    if (riscv_tvec_legal(val)) {
        *trap_csr(env, csrno) = val;
    }
    return RISCV_EXCP_NONE;
}

/* xepc: bit 0 is zero; bit 1 reads zero while C is disabled. */
static RISCVException read_epc(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = *trap_csr(env, csrno) & (riscv_has_ext(env, RVC) ? ~1ULL : ~3ULL);
    return RISCV_EXCP_NONE;
}

static RISCVException write_epc(CPURISCVState *env, int csrno, uint64_t val)
{
    *trap_csr(env, csrno) = val & ~1ULL;
    return RISCV_EXCP_NONE;
}

static RISCVException read_mcounteren(CPURISCVState *env, int csrno,
                                      uint64_t *val)
{
    *val = csrno == CSR_MCOUNTEREN ? env->mcounteren : env->scounteren;
    return RISCV_EXCP_NONE;
}

static RISCVException write_mcounteren(CPURISCVState *env, int csrno,
                                       uint64_t val)
{
    if (csrno == CSR_MCOUNTEREN) {
        env->mcounteren = (uint32_t)val;
    } else {
        env->scounteren = (uint32_t)val;
    }
    return RISCV_EXCP_NONE;
}

/* ---- Environment configuration and Sstc ---- */

static void timer_rearm(CPURISCVState *env, QEMUTimer *t, bool on,
                        uint64_t ticks)
{
    if (!t) {
        return;
    }
    if (on && env->rdtime_deadline_fn) {
        timer_mod(t, env->rdtime_deadline_fn(env->rdtime_opaque, ticks));
    } else {
        timer_del(t);
    }
}

/*
 * Re-arm the Sstc timers for the current stimecmp and vstimecmp (the VS
 * one compares time + htimedelta), or stop them.
 */
void riscv_sstc_rearm(CPURISCVState *env)
{
    bool on = csr_cfg(env)->ext_sstc && (env->menvcfg & MENVCFG_STCE);
    /* Timers belong to the main loop: under the big lock. */
    bool locked = qemu_mutex_lock_iothread_if_unlocked();

    timer_rearm(env, env->stimer, on, env->stimecmp);
    timer_rearm(env, env->vstimer,
                on && riscv_has_ext(env, RVH) && (env->henvcfg & MENVCFG_STCE),
                env->vstimecmp - env->htimedelta);
    qemu_mutex_unlock_iothread_if(locked);
    /* STIP/VSTIP may have changed right now. */
    cpu_exit_request(env, EXIT_REQUEST_IRQ);
}

static RISCVException read_menvcfg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->menvcfg;
    return RISCV_EXCP_NONE;
}

/*
 * The cache-block fields menvcfg and senvcfg share: CBIE and CBCFE with
 * Zicbom, CBZE with Zicboz. CBIE = 10 is reserved: a write of it leaves
 * the field as it was (WARL).
 */
uint64_t riscv_envcfg_cbo_fields(CPURISCVState *env, uint64_t old, uint64_t val)
{
    const RISCVCPUConfig *cfg = csr_cfg(env);
    uint64_t r = 0;

    if (cfg->ext_zicbom) {
        r |= val & MENVCFG_CBCFE;
        r |= ((val & MENVCFG_CBIE) == (2ULL << 4) ? old : val) & MENVCFG_CBIE;
    }
    if (cfg->ext_zicboz) {
        r |= val & MENVCFG_CBZE;
    }
    return r;
}

/*
 * FIOM, the cache-block fields, (with Sstc) STCE and (with Svpbmt) PBMTE
 * are implemented.
 */
static RISCVException write_menvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    uint64_t mask = MENVCFG_FIOM;
    uint64_t old = env->menvcfg;

    if (csr_cfg(env)->ext_sstc) {
        mask |= MENVCFG_STCE;
    }
    if (csr_cfg(env)->ext_svpbmt) {
        mask |= MENVCFG_PBMTE;
    }
    env->menvcfg =
        (val & mask) | riscv_envcfg_cbo_fields(env, env->menvcfg, val);
    if ((old ^ env->menvcfg) & MENVCFG_PBMTE) {
        tlb_flush(env);
    }
    riscv_sstc_rearm(env);
    return RISCV_EXCP_NONE;
}

static RISCVException read_senvcfg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->senvcfg;
    return RISCV_EXCP_NONE;
}

static RISCVException write_senvcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    env->senvcfg =
        (val & MENVCFG_FIOM) | riscv_envcfg_cbo_fields(env, env->senvcfg, val);
    return RISCV_EXCP_NONE;
}

static RISCVException read_stimecmp(CPURISCVState *env, int csrno,
                                    uint64_t *val)
{
    *val = env->stimecmp;
    return RISCV_EXCP_NONE;
}

static RISCVException write_stimecmp(CPURISCVState *env, int csrno,
                                     uint64_t val)
{
    env->stimecmp = val;
    riscv_sstc_rearm(env);
    return RISCV_EXCP_NONE;
}

/* ---- Address translation ---- */

static RISCVException read_satp(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = env->satp;
    return RISCV_EXCP_NONE;
}

/*
 * satp is WARL: a MODE this hart does not support (anything but Bare and
 * Sv39 up to cfg.satp_max_mode) makes the whole write be ignored. All 16
 * ASID bits are implemented (the TLB does not tag by ASID: any satp write
 * flushes it).
 */
static RISCVException write_satp(CPURISCVState *env, int csrno, uint64_t val)
{
    RISCVCPUConfig *cfg = csr_cfg(env);
    uint64_t mode = val >> SATP_MODE_SHIFT;
    bool ok = mode == SATP_MODE_BARE || (cfg->mmu && mode >= SATP_MODE_SV39 &&
                                         mode <= cfg->satp_max_mode);

    if (!ok) {
        return RISCV_EXCP_NONE;
    }
    val &= (0xfULL << SATP_MODE_SHIFT) | (SATP_ASID_MASK << SATP_ASID_SHIFT) |
           SATP_PPN_MASK;
    if (val != env->satp) {
        env->satp = val;
        tlb_flush(env);
    }
    return RISCV_EXCP_NONE;
}

/* ---- PMP ---- */

static RISCVException read_pmpcfg(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = riscv_pmp_read_cfg(env, csrno - CSR_PMPCFG0);
    return RISCV_EXCP_NONE;
}

static RISCVException write_pmpcfg(CPURISCVState *env, int csrno, uint64_t val)
{
    if (riscv_pmp_write_cfg(env, csrno - CSR_PMPCFG0, val)) {
        tlb_flush(env);
    }
    return RISCV_EXCP_NONE;
}

static RISCVException read_pmpaddr(CPURISCVState *env, int csrno, uint64_t *val)
{
    *val = riscv_pmp_read_addr(env, csrno - CSR_PMPADDR0);
    return RISCV_EXCP_NONE;
}

static RISCVException write_pmpaddr(CPURISCVState *env, int csrno, uint64_t val)
{
    riscv_pmp_write_addr(env, csrno - CSR_PMPADDR0, val);
    tlb_flush(env);
    return RISCV_EXCP_NONE;
}

/* ---- The table ---- */

#define CTR(n)                                                              \
    [CSR_CYCLE + n] = { "hpmcounter" #n, pred_counter, read_counter },      \
                 [CSR_MCYCLE + n] = { "mhpmcounter" #n, pred_mcounter,      \
                                      read_counter, write_mcounter },       \
                 [CSR_MCOUNTINHIBIT + n] = { "mhpmevent" #n, pred_mcounter, \
                                             read_mhpmevent,                \
                                             write_mhpmevent },
#define PMPCFG(n) \
    [CSR_PMPCFG0 + n] = { "pmpcfg" #n, pred_pmp, read_pmpcfg, write_pmpcfg },
#define PMPADDR(n)  \
    [CSR_PMPADDR0 + \
        n] = { "pmpaddr" #n, pred_pmp, read_pmpaddr, write_pmpaddr },

static const RISCVCSR csr_table[4096] = {
    /* Unprivileged: floating point and counters */
    [CSR_FFLAGS] = { "fflags", pred_fs, read_fflags, write_fflags },
    [CSR_FRM] = { "frm", pred_fs, read_frm, write_frm },
    [CSR_FCSR] = { "fcsr", pred_fs, read_fcsr, write_fcsr },
    CTR(3) CTR(4) CTR(5) CTR(6) CTR(7) CTR(8) CTR(9) CTR(10) CTR(11) CTR(12)
        CTR(13) CTR(14) CTR(15) CTR(16) CTR(17) CTR(18) CTR(19) CTR(20) CTR(21)
            CTR(22) CTR(23) CTR(24) CTR(25) CTR(26) CTR(27) CTR(28) CTR(29)
                CTR(30) CTR(31)[CSR_CYCLE] = { "cycle", pred_counter,
                                               read_counter },
    [CSR_TIME] = { "time", pred_counter, read_time },
    [CSR_INSTRET] = { "instret", pred_counter, read_counter },

    /* Supervisor */
    [CSR_SSTATUS] = { "sstatus", pred_smode, read_sstatus, write_sstatus },
    [CSR_SIE] = { "sie", pred_smode, read_sie, write_sie },
    [CSR_STVEC] = { "stvec", pred_smode, read_plain, write_tvec },
    [CSR_SCOUNTEREN] = { "scounteren", pred_smode, read_mcounteren,
                         write_mcounteren },
    [CSR_SENVCFG] = { "senvcfg", pred_smode, read_senvcfg, write_senvcfg },
    [CSR_SSCRATCH] = { "sscratch", pred_smode, read_plain, write_plain },
    [CSR_SEPC] = { "sepc", pred_smode, read_epc, write_epc },
    [CSR_SCAUSE] = { "scause", pred_smode, read_plain, write_plain },
    [CSR_STVAL] = { "stval", pred_smode, read_plain, write_plain },
    [CSR_SIP] = { "sip", pred_smode, NULL, NULL, rmw_sip },
    [CSR_STIMECMP] = { "stimecmp", pred_sstc, read_stimecmp, write_stimecmp },
    [CSR_SATP] = { "satp", pred_satp, read_satp, write_satp },

    /* Virtual supervisor (H): S-level accesses land here when V=1 */
    [CSR_VSSTATUS] = { "vsstatus", pred_hyp, read_vsstatus, write_vsstatus },
    [CSR_VSIE] = { "vsie", pred_hyp, read_vsie, write_vsie },
    [CSR_VSTVEC] = { "vstvec", pred_hyp, read_plain, write_tvec },
    [CSR_VSSCRATCH] = { "vsscratch", pred_hyp, read_plain, write_plain },
    [CSR_VSEPC] = { "vsepc", pred_hyp, read_epc, write_epc },
    [CSR_VSCAUSE] = { "vscause", pred_hyp, read_plain, write_plain },
    [CSR_VSTVAL] = { "vstval", pred_hyp, read_plain, write_plain },
    [CSR_VSIP] = { "vsip", pred_hyp, NULL, NULL, rmw_vsip },
    [CSR_VSTIMECMP] = { "vstimecmp", pred_vstimecmp, read_vstimecmp,
                        write_vstimecmp },
    [CSR_VSATP] = { "vsatp", pred_hyp, read_vsatp, write_vsatp },

    /* Hypervisor (H) */
    [CSR_HSTATUS] = { "hstatus", pred_hyp, read_hstatus, write_hstatus },
    [CSR_HEDELEG] = { "hedeleg", pred_hyp, read_hedeleg, write_hedeleg },
    [CSR_HIDELEG] = { "hideleg", pred_hyp, read_hideleg, write_hideleg },
    [CSR_HIE] = { "hie", pred_hyp, read_hie, write_hie },
    [CSR_HTIMEDELTA] = { "htimedelta", pred_hyp, read_htimedelta,
                         write_htimedelta },
    [CSR_HCOUNTEREN] = { "hcounteren", pred_hyp, read_hcounteren,
                         write_hcounteren },
    [CSR_HGEIE] = { "hgeie", pred_hyp, read_zero, write_ignore },
    [CSR_HENVCFG] = { "henvcfg", pred_hyp, read_henvcfg, write_henvcfg },
    [CSR_HTVAL] = { "htval", pred_hyp, read_plain, write_plain },
    [CSR_HIP] = { "hip", pred_hyp, NULL, NULL, rmw_hip },
    [CSR_HVIP] = { "hvip", pred_hyp, NULL, NULL, rmw_hvip },
    [CSR_HTINST] = { "htinst", pred_hyp, read_plain, write_plain },
    [CSR_HGATP] = { "hgatp", pred_hgatp, read_hgatp, write_hgatp },
    [CSR_HGEIP] = { "hgeip", pred_hyp, read_zero },

    /* Machine information */
    [CSR_MVENDORID] = { "mvendorid", pred_any, read_machine_id },
    [CSR_MARCHID] = { "marchid", pred_any, read_machine_id },
    [CSR_MIMPID] = { "mimpid", pred_any, read_machine_id },
    [CSR_MHARTID] = { "mhartid", pred_any, read_mhartid },
    [CSR_MCONFIGPTR] = { "mconfigptr", pred_any, read_zero },

    /* Machine trap setup and handling */
    [CSR_MSTATUS] = { "mstatus", pred_any, read_mstatus, write_mstatus },
    [CSR_MISA] = { "misa", pred_any, read_misa, write_misa },
    [CSR_MEDELEG] = { "medeleg", pred_smode, read_medeleg, write_medeleg },
    [CSR_MIDELEG] = { "mideleg", pred_smode, read_mideleg, write_mideleg },
    [CSR_MIE] = { "mie", pred_any, read_mie, write_mie },
    [CSR_MTVEC] = { "mtvec", pred_any, read_plain, write_tvec },
    [CSR_MCOUNTEREN] = { "mcounteren", pred_any, read_mcounteren,
                         write_mcounteren },
    [CSR_MENVCFG] = { "menvcfg", pred_any, read_menvcfg, write_menvcfg },
    [CSR_MCOUNTINHIBIT] = { "mcountinhibit", pred_mcounter, read_mcountinhibit,
                            write_mcountinhibit },
    [CSR_MSCRATCH] = { "mscratch", pred_any, read_plain, write_plain },
    [CSR_MEPC] = { "mepc", pred_any, read_epc, write_epc },
    [CSR_MCAUSE] = { "mcause", pred_any, read_plain, write_plain },
    [CSR_MTVAL] = { "mtval", pred_any, read_plain, write_plain },
    [CSR_MIP] = { "mip", pred_any, NULL, NULL, rmw_mip },
    [CSR_MTINST] = { "mtinst", pred_hyp, read_plain, write_plain },
    [CSR_MTVAL2] = { "mtval2", pred_hyp, read_plain, write_plain },

    /* Trigger module (tinfo is read-only: writes are ignored) */
    [CSR_TSELECT] = { "tselect", pred_debug, read_trigger, write_trigger },
    [CSR_TDATA1] = { "tdata1", pred_debug, read_trigger, write_trigger },
    [CSR_TDATA2] = { "tdata2", pred_debug, read_trigger, write_trigger },
    [CSR_TDATA3] = { "tdata3", pred_debug, read_trigger, write_trigger },
    [CSR_TINFO] = { "tinfo", pred_debug, read_trigger, write_trigger },

    /* Memory protection */
    PMPCFG(0) PMPCFG(1) PMPCFG(2) PMPCFG(3) PMPCFG(4) PMPCFG(5) PMPCFG(6)
        PMPCFG(7) PMPCFG(8) PMPCFG(9) PMPCFG(10) PMPCFG(11) PMPCFG(12) PMPCFG(
            13) PMPCFG(14) PMPCFG(15) PMPADDR(0) PMPADDR(1) PMPADDR(2)
            PMPADDR(3) PMPADDR(4) PMPADDR(5) PMPADDR(6) PMPADDR(7) PMPADDR(8)
                PMPADDR(9) PMPADDR(10) PMPADDR(11) PMPADDR(12) PMPADDR(13)
                    PMPADDR(14) PMPADDR(15) PMPADDR(16) PMPADDR(17) PMPADDR(18)
                        PMPADDR(19) PMPADDR(20) PMPADDR(21) PMPADDR(22) PMPADDR(
                            23) PMPADDR(24) PMPADDR(25) PMPADDR(26) PMPADDR(27)
                            PMPADDR(28) PMPADDR(29) PMPADDR(30) PMPADDR(31)
                                PMPADDR(32) PMPADDR(33) PMPADDR(34) PMPADDR(35)
                                    PMPADDR(36) PMPADDR(37) PMPADDR(38) PMPADDR(
                                        39) PMPADDR(40) PMPADDR(41) PMPADDR(42)
                                        PMPADDR(43) PMPADDR(44) PMPADDR(45)
                                            PMPADDR(46) PMPADDR(47) PMPADDR(
                                                48) PMPADDR(49) PMPADDR(50)
                                                PMPADDR(51) PMPADDR(52) PMPADDR(
                                                    53) PMPADDR(54) PMPADDR(55)
                                                    PMPADDR(56) PMPADDR(57)
                                                        PMPADDR(58) PMPADDR(
                                                            59) PMPADDR(60)
                                                            PMPADDR(61) PMPADDR(
                                                                62) PMPADDR(63)

                                                                /* Machine
                                                                   counters */
                                                                [CSR_MCYCLE] = { "mcycle",
                                                                                 pred_mcounter,
                                                                                 read_counter,
                                                                                 write_mcounter },
    [CSR_MINSTRET] = { "minstret", pred_mcounter, read_counter,
                       write_mcounter },
};

/*
 * The privilege the CSR number asks for (bits 9:8; 2 = hypervisor, which
 * HS-mode has). When V=1, a CSR that HS-mode could access but VS/VU-mode
 * may not raises a virtual-instruction exception (H extension, "Trap
 * Cause Codes"); M-level ones stay illegal.
 */
static RISCVException csr_privilege_check(CPURISCVState *env,
                                          const RISCVCSR *csr, int csrno)
{
    int need = (csrno >> 8) & 3;
    int have = env->priv;

    if (have == PRV_S && !env->virt_enabled && riscv_has_ext(env, RVH)) {
        have = 2;
    }
    if (have >= need) {
        return RISCV_EXCP_NONE;
    }
    if (env->virt_enabled && need != PRV_M &&
        csr->pred(env, csrno, true) == RISCV_EXCP_NONE) {
        return RISCV_EXCP_VIRT_INSTRUCTION_FAULT;
    }
    return RISCV_EXCP_ILLEGAL_INST;
}

static RISCVException csr_access(CPURISCVState *env, int csrno,
                                 uint64_t *ret_value, uint64_t new_value,
                                 uint64_t write_mask, bool debug)
{
    const RISCVCSR *csr;
    RISCVException ret;
    uint64_t old;

    if (csrno < 0 || csrno >= ARRAY_SIZE(csr_table)) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    csr = &csr_table[csrno];
    if (!csr->pred) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    /* Bits 11:10 == 3: read-only. Bits 9:8: lowest privilege allowed. */
    if (write_mask && ((csrno >> 10) & 3) == 3) {
        return RISCV_EXCP_ILLEGAL_INST;
    }
    if (!debug) {
        ret = csr_privilege_check(env, csr, csrno);
        if (ret != RISCV_EXCP_NONE) {
            return ret;
        }
    }
    ret = csr->pred(env, csrno, debug);
    if (ret != RISCV_EXCP_NONE) {
        return ret;
    }
    /* V=1: an S-level CSR with a VS counterpart (0x1xx -> 0x2xx) is it. */
    if (env->virt_enabled && !debug && ((csrno >> 8) & 3) == PRV_S &&
        csr_table[csrno + 0x100].pred) {
        csrno += 0x100;
        csr = &csr_table[csrno];
    }
    if (csr->rmw) {
        return csr->rmw(env, csrno, ret_value, new_value, write_mask);
    }
    ret = csr->read(env, csrno, &old);
    if (ret != RISCV_EXCP_NONE) {
        return ret;
    }
    if (write_mask) {
        if (!csr->write) {
            return RISCV_EXCP_ILLEGAL_INST;
        }
        ret = csr->write(env, csrno,
                         (old & ~write_mask) | (new_value & write_mask));
        if (ret != RISCV_EXCP_NONE) {
            return ret;
        }
    }
    if (ret_value) {
        *ret_value = old;
    }
    return RISCV_EXCP_NONE;
}

RISCVException riscv_csrrw(CPURISCVState *env, int csrno, uint64_t *ret_value,
                           uint64_t new_value, uint64_t write_mask)
{
    RISCVException ret;

    env->in_csr_insn = true;
    ret = csr_access(env, csrno, ret_value, new_value, write_mask, false);
    env->in_csr_insn = false;
    return ret;
}

RISCVException riscv_csrrw_debug(CPURISCVState *env, int csrno,
                                 uint64_t *ret_value, uint64_t new_value,
                                 uint64_t write_mask)
{
    return csr_access(env, csrno, ret_value, new_value, write_mask, true);
}

const char *riscv_csr_name(int csrno)
{
    if (csrno < 0 || csrno >= ARRAY_SIZE(csr_table)) {
        return NULL;
    }
    return csr_table[csrno].name;
}
