/*
 * A RISC-V hart: architectural state (CPURISCVState), the device that
 * holds it (RISCVCPU), and the interfaces between the decoder, the
 * instruction handlers, the CSR/trap/MMU code and the execution engine.
 *
 * Designed so the hypervisor extension slots in: `virt_enabled` is the V
 * bit, MMU indexes leave room for VS/VU, and translation goes through one
 * function that a second stage can wrap.
 */
#ifndef TARGET_RISCV_CPU_H
#define TARGET_RISCV_CPU_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "qemu/timer.h"
#include "target/riscv/cpu_bits.h"
#include <setjmp.h>

#define TYPE_RISCV_CPU        "riscv-cpu"
#define TYPE_RISCV_CPU_BASE64 "rv64-riscv-cpu"
OBJECT_DECLARE_SIMPLE_TYPE(RISCVCPU, RISCV_CPU)

/* A software TLB per hart and MMU index (see riscv_mmu_index()). */
#define TLB_BITS      8
#define TLB_SIZE      (1 << TLB_BITS)
#define MMU_IDX_U     0
#define MMU_IDX_S     1
#define MMU_IDX_S_SUM 2 /* S-mode with mstatus.SUM: may touch U pages */
#define MMU_IDX_M     3
/* V=1 (two-stage translation): VU, VS, VS with vsstatus.SUM. */
#define MMU_IDX_VU     4
#define MMU_IDX_VS     5
#define MMU_IDX_VS_SUM 6
#define NB_MMU_MODES   7
/*
 * Or'ed into a virtual MMU index by HLVX: execute permission stands for
 * read permission. Never cached in the TLB.
 */
#define MMU_IDX_HLVX 8
/* Masks of MMU indexes for the TLB flushes (tlb_flush_mask). */
#define MMU_MASK_HOST \
    ((1 << MMU_IDX_U) | (1 << MMU_IDX_S) | (1 << MMU_IDX_S_SUM))
#define MMU_MASK_VIRT \
    ((1 << MMU_IDX_VU) | (1 << MMU_IDX_VS) | (1 << MMU_IDX_VS_SUM))

static inline bool riscv_mmu_idx_virt(int mmu_idx)
{
    return (mmu_idx & ~MMU_IDX_HLVX) >= MMU_IDX_VU;
}

#define TARGET_PAGE_BITS 12
#define TARGET_PAGE_SIZE (1ULL << TARGET_PAGE_BITS)
#define TARGET_PAGE_MASK (~(TARGET_PAGE_SIZE - 1))

/*
 * A TLB entry maps one guest virtual page. A tag is the page address, or
 * TLB_INVALID; an access whose page does not equal the tag takes the slow
 * path (so MMIO, ROM writes and pages holding translated code are simply
 * never given a matching tag for that access type).
 */
#define TLB_INVALID (~0ULL)
typedef struct CPUTLBEntry {
    uint64_t addr_read;
    uint64_t addr_write;
    uint64_t addr_code;
    uintptr_t addend; /* host address = addend + guest virtual address */
    uint64_t paddr;   /* guest physical address of the page */
} CPUTLBEntry;

/*
 * Machine identification (marchid, mimpid): our own values, not QEMU's
 * (QEMU 7.2 puts its version in both). marchid is not registered with
 * RISC-V International; 0x2000 lies far above the open-source ids
 * allocated so far, so it names no other project. mimpid is the
 * emulator's version, 0x00MMmmpp (0.1.0). Both can be set with -cpu.
 */
#define RISCV_CPU_MARCHID 0x2000ULL
#define RISCV_CPU_MIMPID  0x000100ULL

/* Triggers of the trigger module, as in QEMU 7.2. */
#define RISCV_TRIGGERS 2

/* Extensions beyond misa letters, set by -cpu properties. */
typedef struct RISCVCPUConfig {
    bool ext_a, ext_c, ext_d, ext_f, ext_m; /* misa letters (I, S, U always) */
    bool ext_zicsr, ext_zifencei, ext_zicntr, ext_zihpm;
    bool ext_zihintpause;
    bool ext_zicbom, ext_zicbop, ext_zicboz;
    uint16_t cbom_blocksize, cboz_blocksize; /* bytes, power of 2 */
    bool ext_zfh, ext_zfhmin;
    bool ext_zba, ext_zbb, ext_zbc, ext_zbs;
    bool ext_zbkb, ext_zbkc, ext_zbkx;
    bool ext_sstc;
    uint32_t mvendorid;
    uint64_t marchid, mimpid;
    bool ext_h; /* misa.H */
    bool ext_svnapot, ext_svpbmt, ext_svinval;
    bool mmu, pmp;
    bool debug;      /* the trigger module (Sdtrig) */
    uint8_t pmu_num; /* programmable counters: mhpmcounter3..3+pmu_num-1 */
    uint8_t satp_max_mode; /* SATP_MODE_SV39/48/57 */
} RISCVCPUConfig;

typedef struct CPURISCVState CPURISCVState;

struct CPURISCVState {
    /*
     * x0..x31, then a sink: the decoder turns writes to x0 into writes
     * to gpr[32], so x0 always reads zero and handlers need no check.
     */
    uint64_t gpr[33];
    uint64_t fpr[32]; /* NaN-boxed: single values have the upper 32 bits 1 */
    uint64_t pc;      /* of the instruction being executed */

    uint64_t priv;     /* PRV_U, PRV_S, PRV_M */
    bool virt_enabled; /* H extension's V bit */
    uint64_t misa;     /* MXL and the letters; WARL, see csr.c */

    uint32_t fflags; /* fcsr.fflags (5 bits) */
    uint32_t frm;    /* fcsr.frm (3 bits) */

    /* Machine */
    uint64_t mstatus;
    uint64_t medeleg, mideleg;
    uint64_t mie;
    /*
     * mip: bits written by software (SSIP, STIP without Sstc, SEIP) and
     * lines driven by devices (MSIP, MTIP, MEIP, SEIP) are kept apart and
     * combined on read: `mip` holds the software bits, `mip_lines` the
     * device lines (updated atomically from the I/O thread).
     */
    uint64_t mip;
    uint64_t mip_lines;
    uint64_t mtvec, mscratch, mepc, mcause, mtval;
    uint64_t mcounteren, mcountinhibit, menvcfg;
    uint64_t mhartid;

    /* Supervisor */
    uint64_t stvec, sscratch, sepc, scause, stval;
    uint64_t scounteren, senvcfg, satp;
    uint64_t stimecmp;
    QEMUTimer *stimer; /* raises STIP at stimecmp (Sstc) */

    /*
     * Hypervisor extension. The VS CSRs are kept apart from the HS ones
     * (no swapping on V changes): when V=1, S-level CSR accesses are
     * redirected to them and traps, translation and SRET use them.
     */
    uint64_t hstatus, hedeleg, hideleg, hcounteren, htimedelta;
    uint64_t htval, htinst, hgatp, henvcfg;
    uint64_t hvip;     /* VSSIP (also mip.VSSIP), VSTIP, VSEIP */
    uint64_t vsstatus; /* SIE SPIE SPP FS SUM MXR (the rest is derived) */
    uint64_t vstvec, vsscratch, vsepc, vscause, vstval, vsatp;
    uint64_t vstimecmp;
    QEMUTimer *vstimer; /* raises VSTIP at vstimecmp - htimedelta (Sstc) */
    uint64_t mtval2, mtinst;

    /* Counters: cycle and instret both count retired instructions. */
    uint64_t instret; /* since reset, up to the current block */
    /* While an instruction runs: its block's instructions before it
     * (counter reads and the trap path add them; 0 between blocks). */
    uint32_t insns_before;
    bool in_csr_insn;       /* riscv_csrrw runs for an instruction */
    uint64_t mcycle_offset; /* written value minus instret at write */
    uint64_t minstret_offset;
    uint64_t mhpmevent[32]; /* 3..31 used */
    /* mhpmcounter3.. (pmu-num of them) hold what software writes; no
     * events are counted. The rest read zero. */
    uint64_t mhpmcounter[32];

    /* PMP */
    uint8_t pmpcfg[RISCV_PMP_ENTRIES];
    uint64_t pmpaddr[RISCV_PMP_ENTRIES];

    /* Trigger module (debug.c): tdata3 and tinfo hold nothing. */
    uint64_t tselect;
    uint64_t tdata1[RISCV_TRIGGERS], tdata2[RISCV_TRIGGERS];
    bool mem_triggers_armed; /* a load or store trigger is set */

    /* LR/SC reservation: physical address, or -1 when none. Atomic:
     * other harts' threads clear it (cpu_break_reservations). */
    uint64_t load_res;
    uint64_t load_val;

    /* Exceptions (set by riscv_raise_exception, taken by the engine) */
    int32_t exception; /* RISCVException, or RISCV_EXCP_NONE */
    uint64_t badaddr;  /* the tval */
    /* Set with a fault by the memory paths, consumed by the trap: */
    uint64_t trap_gpa;   /* guest-page faults: the guest physical address */
    uint64_t trap_tinst; /* transformed instruction or pseudoinstruction */
    bool trap_gva;       /* tval is a guest virtual address */
    /* The start of a misaligned access split in bytes, or UINT64_MAX. */
    uint64_t split_base;

    /* Engine state */
    CPUTLBEntry tlb[NB_MMU_MODES][TLB_SIZE];
    sigjmp_buf jmp_env;     /* riscv_raise_exception returns here */
    bool halted;            /* in WFI */
    uint8_t data_mmu_idx;   /* riscv_mmu_index(env, false), kept current */
    uint32_t pending_flags; /* atomic: EXIT_REQUEST_* for the loop */
    void *tb_jmp_cache;     /* accel/tcg: virtual PC -> block */
    int32_t exec_budget;    /* blocks left in this hart's time slice */

    /* Time source (the ACLINT mtimer) for rdtime and Sstc. */
    uint64_t (*rdtime_fn)(void *opaque);
    int64_t (*rdtime_deadline_fn)(void *opaque, uint64_t ticks);
    void *rdtime_opaque;
};

#define EXIT_REQUEST_IRQ  1 /* an interrupt line changed */
#define EXIT_REQUEST_STOP 2 /* the VM is stopping / must leave the loop */

struct RISCVCPU {
    CPUState parent_obj;
    CPURISCVState env;
    RISCVCPUConfig cfg;
    uint32_t hartid;
    uint64_t resetvec;
    /* The ISA string the device tree gives ("rv64imafdc_zicsr_..."). */
    char *isa;
    char *mmu_type; /* "riscv,sv57" ... */
};

static inline RISCVCPU *env_cpu(CPURISCVState *env)
{
    return container_of(env, RISCVCPU, env);
}

/*
 * What the TCG engine (compiled for this target) calls this target's
 * state, as QEMU's CPUArchState, and the conversions it needs.
 */
typedef CPURISCVState CPUArchState;

static inline CPUArchState *cpu_env(CPUState *cs)
{
    return &container_of(cs, RISCVCPU, parent_obj)->env;
}

static inline CPUState *env_cpu_state(CPUArchState *env)
{
    return &env_cpu(env)->parent_obj;
}

static inline void riscv_drop_reservation(CPURISCVState *env)
{
    __atomic_store_n(&env->load_res, UINT64_MAX, __ATOMIC_RELAXED);
}

static inline bool riscv_has_ext(CPURISCVState *env, uint64_t ext)
{
    return (env->misa & ext) != 0;
}

/* ---- Exceptions (target/riscv/cpu_helper.c) ---- */

/*
 * Raise an exception at env->pc: record cause and tval and long-jump back
 * to the execution loop, which calls riscv_cpu_do_trap().
 */
G_NORETURN void riscv_raise_exception(CPURISCVState *env, RISCVException cause,
                                      uint64_t tval);
/* Take the pending exception (env->exception) or interrupt irq (>= 0). */
void riscv_cpu_do_trap(CPURISCVState *env, int irq);
/* The highest-priority interrupt that is pending, enabled and not masked
 * for the current privilege, or -1. */
int riscv_cpu_pending_interrupt(CPURISCVState *env);
/* On a vCPU thread, before running guest code: make the host FP control
 * state the default (IEEE, round to nearest), which the FP handlers and
 * the translator's inline FP then rely on (fpu_helper.c). */
void riscv_fpu_vouch_host_env(void);
/* Any interrupt pending and enabled in mie (wakes WFI even if masked). */
bool riscv_cpu_has_work(CPURISCVState *env);
/* Effective mip: software bits | device lines | Sstc STIP. */
uint64_t riscv_cpu_read_mip(CPURISCVState *env);
/* Change priv (flushes what depends on it). */
void riscv_cpu_set_mode(CPURISCVState *env, uint64_t priv);

/* System instructions */
void helper_mret(CPURISCVState *env); /* sets env->pc */
void helper_sret(CPURISCVState *env); /* sets env->pc */
void helper_wfi(CPURISCVState *env);  /* may halt the hart */
void helper_sfence_vma(CPURISCVState *env, uint64_t vaddr, uint64_t asid,
                       bool all_addr, bool all_asid);
/* Change V (the block cache and the TLB are keyed by it: no flush). */
void riscv_cpu_set_virt(CPURISCVState *env, bool virt);
/*
 * Raise a virtual-instruction exception when V=1, else illegal-instruction,
 * with tval = the instruction (the helpers' common refusal).
 */
G_NORETURN void riscv_raise_virt_or_illegal(CPURISCVState *env, uint32_t insn);

/* ---- MMU and PMP (target/riscv/cpu_helper.c, pmp.c) ---- */

typedef enum MMUAccessType {
    MMU_DATA_LOAD = 0,
    MMU_DATA_STORE = 1,
    MMU_INST_FETCH = 2,
} MMUAccessType;

#define PAGE_READ  1
#define PAGE_WRITE 2
#define PAGE_EXEC  4

/*
 * The MMU index for data accesses (MPRV-aware) or instruction fetch.
 * Inline: every guest load and store asks for it.
 */
static inline int riscv_mmu_index(CPURISCVState *env, bool ifetch)
{
    uint64_t priv = env->priv;
    bool virt = env->virt_enabled;

    if (!ifetch && priv == PRV_M && (env->mstatus & MSTATUS_MPRV)) {
        priv = (env->mstatus & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT;
        virt = priv != PRV_M && (env->mstatus & MSTATUS_MPV);
    }
    if (unlikely(virt)) {
        if (priv == PRV_U) {
            return MMU_IDX_VU;
        }
        return (!ifetch && (env->vsstatus & MSTATUS_SUM)) ? MMU_IDX_VS_SUM
                                                          : MMU_IDX_VS;
    }
    switch (priv) {
    case PRV_M:
        return MMU_IDX_M;
    case PRV_S:
        return (!ifetch && (env->mstatus & MSTATUS_SUM)) ? MMU_IDX_S_SUM
                                                         : MMU_IDX_S;
    default:
        return MMU_IDX_U;
    }
}

/* The engine's name for it (QEMU's cpu_mmu_index). */
static inline int cpu_mmu_index(CPUArchState *env, bool ifetch)
{
    return riscv_mmu_index(env, ifetch);
}

/*
 * Recompute env->data_mmu_idx after priv or mstatus (MPRV, MPP, SUM)
 * changed, so loads and stores read it instead of deriving it each time.
 */
static inline void riscv_cpu_update_mmu_idx(CPURISCVState *env)
{
    env->data_mmu_idx = riscv_mmu_index(env, false);
}

/* The access-fault cause for an access type. */
static inline RISCVException riscv_access_fault(MMUAccessType type)
{
    switch (type) {
    case MMU_INST_FETCH:
        return RISCV_EXCP_INST_ACCESS_FAULT;
    case MMU_DATA_STORE:
        return RISCV_EXCP_STORE_AMO_ACCESS_FAULT;
    default:
        return RISCV_EXCP_LOAD_ACCESS_FAULT;
    }
}
/*
 * Translate vaddr for an access of the given type at MMU index mmu_idx:
 * walks the page tables (updating A/D), checks PMP on the walk. On
 * success returns RISCV_EXCP_NONE with *paddr and *prot (the page's
 * permissions for this mmu_idx). On failure returns the page-fault or
 * access-fault cause; nothing is raised.
 */
RISCVException riscv_get_physical_address(CPURISCVState *env, uint64_t vaddr,
                                          MMUAccessType type, int mmu_idx,
                                          uint64_t *paddr, int *prot);
/*
 * The same with what a guest-page fault needs for htval and htinst: on a
 * guest-page fault (causes 20, 21, 23) *fault_gpa gets the guest physical
 * address that faulted and *fault_tinst the pseudoinstruction when it was
 * an implicit access of the VS-stage walk (else 0). mmu_idx may carry
 * MMU_IDX_HLVX.
 */
RISCVException riscv_translate(CPURISCVState *env, uint64_t vaddr,
                               MMUAccessType type, int mmu_idx, uint64_t *paddr,
                               int *prot, uint64_t *fault_gpa,
                               uint32_t *fault_tinst);
/*
 * The transformation of a trapping load, store, AMO, HLV or HSV for
 * htinst/mtinst (H extension, "Transformed Instruction"); 0 for others.
 * offset: faulting address minus the access's first address.
 */
uint32_t riscv_transform_insn(uint32_t insn, uint64_t offset);
/*
 * PMP: may priv access [addr, addr+size) with access type? M-mode passes
 * when no locked entry matches. Sets *page_prot to the permissions that
 * hold for the whole page containing addr (0 if the page is not uniform),
 * so the TLB caches only whole-page answers.
 */
bool riscv_pmp_check(CPURISCVState *env, uint64_t addr, unsigned size,
                     MMUAccessType type, uint64_t priv, int *page_prot);
bool riscv_pmp_write_cfg(CPURISCVState *env, int csr_index, uint64_t val);
uint64_t riscv_pmp_read_cfg(CPURISCVState *env, int csr_index);
void riscv_pmp_write_addr(CPURISCVState *env, int index, uint64_t val);
uint64_t riscv_pmp_read_addr(CPURISCVState *env, int index);

/* ---- CSRs (target/riscv/csr.c) ---- */

/*
 * Read-modify-write CSR csrno: *ret_value gets the old value (if not
 * NULL); the bits in write_mask are replaced by new_value's. A pure read
 * passes write_mask 0 (then read-only CSRs are fine). Returns
 * RISCV_EXCP_NONE or the exception to raise (ILLEGAL_INST).
 */
RISCVException riscv_csrrw(CPURISCVState *env, int csrno, uint64_t *ret_value,
                           uint64_t new_value, uint64_t write_mask);
/* For the debugger: read/write without privilege checks. */
RISCVException riscv_csrrw_debug(CPURISCVState *env, int csrno,
                                 uint64_t *ret_value, uint64_t new_value,
                                 uint64_t write_mask);
const char *riscv_csr_name(int csrno); /* NULL if unknown */

/* ---- Trigger module (target/riscv/debug.c) ---- */

void riscv_trigger_reset(CPURISCVState *env);
/* After a tdata write: recount what is armed, drop blocks and the TLB. */
void riscv_trigger_changed(CPURISCVState *env);
/* tselect, tdata1-3, tinfo (the caller checks privilege and cfg.debug). */
uint64_t riscv_trigger_csr_read(CPURISCVState *env, int csrno);
void riscv_trigger_csr_write(CPURISCVState *env, int csrno, uint64_t val);
/* Has any hart an execute trigger at pc? (block building) */
bool riscv_trigger_exec_armed_at(uint64_t pc);
/* Has this hart a load (or store) trigger on the page? (TLB filling) */
bool riscv_trigger_mem_on_page(CPURISCVState *env, uint64_t page,
                               MMUAccessType type);
/* Raise the breakpoint if an access of [addr, addr + size) matches. */
void riscv_trigger_check_mem(CPURISCVState *env, uint64_t addr, unsigned size,
                             MMUAccessType type);

/* ---- FPU state (target/riscv/fpu_helper.c) ---- */

/* FS != Off? The decoder makes FP instructions illegal when not. */
static inline bool riscv_fs_enabled(CPURISCVState *env)
{
    return (env->mstatus & MSTATUS_FS) != 0 &&
           (!env->virt_enabled || (env->vsstatus & MSTATUS_FS) != 0);
}

/* Set mstatus.FS (and SD) to Dirty after any write of FP state. */
static inline void riscv_mark_fs_dirty(CPURISCVState *env)
{
    env->mstatus |= MSTATUS_FS | MSTATUS_SD;
    if (env->virt_enabled) {
        env->vsstatus |= MSTATUS_FS; /* both are Dirty when V=1 */
    }
}

/* ---- Hart-level API used by boards, monitor, gdbstub ---- */

/* Route rdtime/Sstc to a time source (the ACLINT mtimer). */
void riscv_cpu_set_rdtime_fn(RISCVCPU *cpu, uint64_t (*fn)(void *),
                             int64_t (*deadline)(void *, uint64_t),
                             void *opaque);
/* ABI names of x0..x31 ("zero", "ra", ...) and f0..f31 ("ft0", ...). */
extern const char *const riscv_gpr_names[32];
extern const char *const riscv_fpr_names[32];

/* All harts in creation order (every CPU of this binary is a hart). */
static inline RISCVCPU *riscv_cpu_by_index(int index)
{
    CPUState *cs = cpu_by_index(index);

    return cs ? container_of(cs, RISCVCPU, parent_obj) : NULL;
}

static inline int riscv_cpu_count(void)
{
    return cpu_count();
}

#endif
