/*
 * Address translation of a RISC-V hart: Sv39/48/57 page-table walks for
 * S/U, and with the hypervisor extension the two-stage translation of
 * V=1 (VS-stage through vsatp, G-stage through hgatp with the x4 root),
 * Svnapot and Svpbmt PTEs (privileged spec 1.12, "Supervisor-Level ISA"
 * and "Hypervisor Extension", "Two-Stage Address Translation").
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "exec/memory.h"

/* The outcome of one stage's walk, mapped to a cause by the caller. */
typedef enum WalkResult {
    WALK_OK,
    WALK_PAGE_FAULT,   /* of this stage: page fault or guest-page fault */
    WALK_ACCESS_FAULT, /* PMP or no RAM behind a PTE */
    WALK_GUEST_FAULT,  /* G-stage fault of a VS-stage PTE access (recorded) */
} WalkResult;

/* What one stage walks with. */
typedef struct WalkStage {
    uint64_t root; /* (guest) physical address of the root table */
    int levels;    /* 3, 4, 5 */
    bool gstage;   /* G-stage: x4 root, every access counts as U-mode */
    bool user;     /* effective privilege U */
    bool sum;      /* S may load/store U pages */
    bool mxr;      /* executable pages are readable */
    bool hlvx;     /* execute permission takes the place of read */
    bool pbmte;    /* Svpbmt enabled for this stage */
    bool gpa_ptes; /* VS-stage: PTE addresses are guest physical */
} WalkStage;

/* A whole translation: the access and what a fault records. */
typedef struct Walk {
    CPURISCVState *env;
    MMUAccessType type; /* the original access (faults are reported so) */
    bool hlvx;
    uint64_t fault_gpa;
    uint32_t fault_tinst;
} Walk;

static RISCVException page_fault(MMUAccessType type, bool guest)
{
    switch (type) {
    case MMU_INST_FETCH:
        return guest ? RISCV_EXCP_INST_GUEST_PAGE_FAULT
                     : RISCV_EXCP_INST_PAGE_FAULT;
    case MMU_DATA_STORE:
        return guest ? RISCV_EXCP_STORE_GUEST_PAGE_FAULT
                     : RISCV_EXCP_STORE_PAGE_FAULT;
    default:
        return guest ? RISCV_EXCP_LOAD_GUEST_PAGE_FAULT
                     : RISCV_EXCP_LOAD_PAGE_FAULT;
    }
}

static int mode_levels(uint64_t mode)
{
    switch (mode) {
    case SATP_MODE_SV39:
        return 3;
    case SATP_MODE_SV48:
        return 4;
    case SATP_MODE_SV57:
        return 5;
    default:
        return 0; /* Bare (CSR writes keep MODE valid) */
    }
}

static WalkResult gstage_translate(Walk *w, uint64_t gpa,
                                   MMUAccessType perm_type, bool implicit,
                                   uint64_t *pa, int *prot);

/*
 * A host pointer to the 8-byte PTE at pte_addr, or the walk result that
 * prevents it: a VS-stage PTE address is guest physical and goes through
 * G-stage first (as an implicit load, or store for an A/D update); then
 * PMP must allow the implicit S-level access and RAM must be there.
 */
static WalkResult pte_map(Walk *w, const WalkStage *st, uint64_t pte_addr,
                          bool write, uint64_t **ptep)
{
    MMUAccessType t = write ? MMU_DATA_STORE : MMU_DATA_LOAD;
    hwaddr len = 8;
    void *p;

    if (st->gpa_ptes) {
        uint64_t pa;
        int prot;
        WalkResult r = gstage_translate(w, pte_addr, t, true, &pa, &prot);

        if (r != WALK_OK) {
            if (r == WALK_PAGE_FAULT) {
                w->fault_gpa = pte_addr;
                w->fault_tinst = write ? TINST_PTE_WRITE : TINST_PTE_READ;
                return WALK_GUEST_FAULT;
            }
            return r;
        }
        pte_addr = pa;
    }
    if (!riscv_pmp_check(w->env, pte_addr, 8, t, PRV_S, NULL)) {
        return WALK_ACCESS_FAULT;
    }
    p = address_space_map(&address_space_memory, pte_addr, &len, write);
    if (!p || len < 8) {
        if (p) {
            address_space_unmap(&address_space_memory, p, len, write);
        }
        return WALK_ACCESS_FAULT;
    }
    *ptep = p;
    return WALK_OK;
}

/* Reserved PTE bits and encodings (Svpbmt, Svnapot when enabled). */
static bool pte_reserved(CPURISCVState *env, const WalkStage *st, uint64_t pte,
                         bool leaf, int level)
{
    RISCVCPUConfig *cfg = &env_cpu(env)->cfg;
    uint64_t pbmt = (pte & PTE_PBMT) >> PTE_PBMT_SHIFT;

    if (pte & PTE_RESERVED) {
        return true;
    }
    if (pbmt && (!cfg->ext_svpbmt || !st->pbmte || pbmt == 3 || !leaf)) {
        return true;
    }
    if (pte & PTE_N) {
        /* Svnapot: only 64 KiB pages (a level-0 leaf with ppn[3:0] = 8). */
        uint64_t ppn = (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT;
        return !cfg->ext_svnapot || !leaf || level != 0 || (ppn & 0xf) != 8;
    }
    return false;
}

/* The permissions a leaf PTE grants this stage's access (0 = fault). */
static int leaf_prot(const WalkStage *st, uint64_t pte)
{
    int p = PAGE_READ | PAGE_WRITE | PAGE_EXEC;

    if (pte & PTE_U) {
        /* S may read/write U pages only with SUM, never run them */
        if (!st->user && !st->sum) {
            return 0;
        }
        if (!st->user) {
            p &= ~PAGE_EXEC;
        }
    } else if (st->user) {
        return 0; /* G-stage: every access is a U-mode one */
    }
    if (st->hlvx ? !(pte & PTE_X)
                 : !((pte & PTE_R) || (st->mxr && (pte & PTE_X)))) {
        p &= ~PAGE_READ;
    }
    if (!(pte & PTE_W)) {
        p &= ~PAGE_WRITE;
    }
    if (!(pte & PTE_X)) {
        p &= ~PAGE_EXEC;
    }
    return p;
}

static int type_prot(MMUAccessType type)
{
    return type == MMU_INST_FETCH   ? PAGE_EXEC
           : type == MMU_DATA_STORE ? PAGE_WRITE
                                    : PAGE_READ;
}

/*
 * Walk one stage for va (already range-checked by the caller) with the
 * permissions of perm_type; set A (and D for a store) as the spec's
 * hardware updating scheme does: an atomic compare-and-swap, starting
 * over when the PTE changed under us.
 */
static WalkResult walk_stage(Walk *w, const WalkStage *st, uint64_t va,
                             MMUAccessType perm_type, uint64_t *pa, int *prot)
{
restart:;
    uint64_t table = st->root;

    for (int level = st->levels - 1; level >= 0; level--) {
        int shift = TARGET_PAGE_BITS + 9 * level;
        int idx_bits = 9 + ((st->gstage && level == st->levels - 1) ? 2 : 0);
        uint64_t pte_addr =
            table + ((va >> shift) & ((1ULL << idx_bits) - 1)) * 8;
        uint64_t *ptep = NULL;
        uint64_t pte, ppn, want;
        bool leaf;
        int p;
        WalkResult r = pte_map(w, st, pte_addr, false, &ptep);

        if (r != WALK_OK) {
            return r;
        }
        pte = __atomic_load_n(ptep, __ATOMIC_ACQUIRE);
        address_space_unmap(&address_space_memory, ptep, 8, false);

        leaf = (pte & (PTE_R | PTE_X)) != 0;
        if (!(pte & PTE_V) || (!(pte & PTE_R) && (pte & PTE_W)) ||
            pte_reserved(w->env, st, pte, leaf, level)) {
            return WALK_PAGE_FAULT;
        }
        ppn = (pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT;
        if (!leaf) {
            if (level == 0) {
                return WALK_PAGE_FAULT;
            }
            table = ppn << TARGET_PAGE_BITS;
            continue;
        }
        /* A leaf: superpages must be aligned. */
        if (ppn & ((1ULL << (9 * level)) - 1)) {
            return WALK_PAGE_FAULT;
        }
        p = leaf_prot(st, pte);
        if (!(p & type_prot(perm_type))) {
            return WALK_PAGE_FAULT;
        }
        want = pte | PTE_A | (perm_type == MMU_DATA_STORE ? PTE_D : 0);
        if (want != pte) {
            uint64_t *wp = NULL;
            bool swapped;

            r = pte_map(w, st, pte_addr, true, &wp);
            if (r != WALK_OK) {
                return r;
            }
            swapped = __atomic_compare_exchange_n(
                wp, &pte, want, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
            address_space_unmap(&address_space_memory, wp, 8, true);
            if (!swapped) {
                goto restart;
            }
            pte = want;
        }
        /* A clean page is not writable until a store sets D. */
        if (!(pte & PTE_D)) {
            p &= ~PAGE_WRITE;
        }
        if (pte & PTE_N) {
            /* Svnapot 64 KiB: ppn[3:0] come from the address. */
            ppn = (ppn & ~0xfULL) | ((va >> TARGET_PAGE_BITS) & 0xf);
        }
        *pa = (ppn << TARGET_PAGE_BITS) | (va & ((1ULL << shift) - 1));
        *prot = p;
        return WALK_OK;
    }
    g_assert_not_reached();
}

/*
 * G-stage (hgatp): guest physical to supervisor physical. Implicit
 * accesses of the VS-stage walk check plain read/write permission
 * (sstatus.MXR applies to explicit loads only).
 */
static WalkResult gstage_translate(Walk *w, uint64_t gpa,
                                   MMUAccessType perm_type, bool implicit,
                                   uint64_t *pa, int *prot)
{
    CPURISCVState *env = w->env;
    int levels = mode_levels(env->hgatp >> SATP_MODE_SHIFT);
    WalkStage st = {
        .root = (env->hgatp & SATP_PPN_MASK) << TARGET_PAGE_BITS,
        .levels = levels,
        .gstage = true,
        .user = true,
        .mxr = !implicit && (env->mstatus & MSTATUS_MXR),
        .hlvx = !implicit && w->hlvx,
        .pbmte = (env->menvcfg & MENVCFG_PBMTE) != 0,
    };

    if (!levels) {
        *pa = gpa;
        *prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return WALK_OK;
    }
    /* Sv39x4 and up: bits above the widened address must be zero. */
    if (gpa >> (TARGET_PAGE_BITS + 9 * levels + 2)) {
        return WALK_PAGE_FAULT;
    }
    return walk_stage(w, &st, gpa, perm_type, pa, prot);
}

/* Bits 63..va_bits-1 must all equal bit va_bits-1. */
static bool va_in_range(uint64_t va, int levels)
{
    int va_bits = TARGET_PAGE_BITS + 9 * levels;
    int64_t sext = (int64_t)(va << (64 - va_bits)) >> (64 - va_bits);

    return (uint64_t)sext == va;
}

static RISCVException walk_cause(Walk *w, WalkResult r, bool guest)
{
    switch (r) {
    case WALK_PAGE_FAULT:
        return page_fault(w->type, guest);
    case WALK_GUEST_FAULT:
        return page_fault(w->type, true);
    default:
        return riscv_access_fault(w->type);
    }
}

/* V=1: VS-stage (vsatp) then G-stage for the guest physical address. */
static RISCVException translate_virt(Walk *w, uint64_t va, int mmu_idx,
                                     uint64_t *paddr, int *prot)
{
    CPURISCVState *env = w->env;
    int levels = mode_levels(env->vsatp >> SATP_MODE_SHIFT);
    MMUAccessType perm = w->type;
    uint64_t gpa = va;
    int prot_vs = PAGE_READ | PAGE_WRITE | PAGE_EXEC, prot_g;
    WalkResult r;

    if (levels) {
        WalkStage st = {
            .root = (env->vsatp & SATP_PPN_MASK) << TARGET_PAGE_BITS,
            .levels = levels,
            .user = mmu_idx == MMU_IDX_VU,
            .sum = mmu_idx == MMU_IDX_VS_SUM,
            .mxr =
                (env->vsstatus & MSTATUS_MXR) || (env->mstatus & MSTATUS_MXR),
            .hlvx = w->hlvx,
            .pbmte = (env->henvcfg & env->menvcfg & MENVCFG_PBMTE) != 0,
            .gpa_ptes = true,
        };

        if (!va_in_range(va, levels)) {
            return page_fault(w->type, false);
        }
        r = walk_stage(w, &st, va, perm, &gpa, &prot_vs);
        if (r != WALK_OK) {
            return walk_cause(w, r, false);
        }
    }
    r = gstage_translate(w, gpa, perm, false, paddr, &prot_g);
    if (r != WALK_OK) {
        if (r == WALK_PAGE_FAULT) {
            w->fault_gpa = gpa;
            w->fault_tinst = 0;
        }
        return walk_cause(w, r, true);
    }
    *prot = prot_vs & prot_g;
    return RISCV_EXCP_NONE;
}

RISCVException riscv_translate(CPURISCVState *env, uint64_t vaddr,
                               MMUAccessType type, int mmu_idx, uint64_t *paddr,
                               int *prot, uint64_t *fault_gpa,
                               uint32_t *fault_tinst)
{
    Walk w = { .env = env, .type = type, .hlvx = mmu_idx & MMU_IDX_HLVX };
    RISCVException ret;
    int levels;

    mmu_idx &= ~MMU_IDX_HLVX;
    *fault_gpa = 0;
    *fault_tinst = 0;
    if (mmu_idx == MMU_IDX_M) {
        *paddr = vaddr;
        *prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return RISCV_EXCP_NONE;
    }
    if (riscv_mmu_idx_virt(mmu_idx)) {
        ret = translate_virt(&w, vaddr, mmu_idx, paddr, prot);
        *fault_gpa = w.fault_gpa;
        *fault_tinst = w.fault_tinst;
        return ret;
    }
    levels = mode_levels(env->satp >> SATP_MODE_SHIFT);
    if (!levels) {
        *paddr = vaddr;
        *prot = PAGE_READ | PAGE_WRITE | PAGE_EXEC;
        return RISCV_EXCP_NONE;
    }
    if (!va_in_range(vaddr, levels)) {
        return page_fault(type, false);
    } else {
        WalkStage st = {
            .root = (env->satp & SATP_PPN_MASK) << TARGET_PAGE_BITS,
            .levels = levels,
            .user = mmu_idx == MMU_IDX_U,
            .sum = mmu_idx == MMU_IDX_S_SUM,
            .mxr = (env->mstatus & MSTATUS_MXR) != 0,
            .pbmte = (env->menvcfg & MENVCFG_PBMTE) != 0,
        };
        WalkResult r = walk_stage(&w, &st, vaddr, type, paddr, prot);

        return r == WALK_OK ? RISCV_EXCP_NONE : walk_cause(&w, r, false);
    }
}

RISCVException riscv_get_physical_address(CPURISCVState *env, uint64_t vaddr,
                                          MMUAccessType type, int mmu_idx,
                                          uint64_t *paddr, int *prot)
{
    uint64_t gpa;
    uint32_t tinst;

    return riscv_translate(env, vaddr, type, mmu_idx, paddr, prot, &gpa,
                           &tinst);
}

/* ---- htinst / mtinst ---- */

/*
 * The 32-bit load or store a compressed one stands for, with only the
 * fields the transformation keeps (opcode, funct3, rd or rs2); 0 if it is
 * not a load or store.
 */
static uint32_t expand_compressed_mem(uint32_t c)
{
    unsigned f3 = (c >> 13) & 7;
    unsigned quadrant = c & 3;
    unsigned reg = quadrant == 0 ? ((c >> 2) & 7) + 8
                                 : (f3 < 4 ? (c >> 7) & 0x1f : (c >> 2) & 0x1f);
    /* funct3 1/2/3: fld, lw, ld; 5/6/7: fsd, sw, sd (both quadrants). */
    static const uint8_t width[8] = { 0, 3, 2, 3, 0, 3, 2, 3 };
    bool fp = f3 == 1 || f3 == 5;

    if ((quadrant != 0 && quadrant != 2) || f3 == 0 || f3 == 4) {
        return 0;
    }
    if (f3 < 4) {
        return (reg << 7) | (width[f3] << 12) | (fp ? 0x07 : 0x03);
    }
    return (reg << 20) | (width[f3] << 12) | (fp ? 0x27 : 0x23);
}

uint32_t riscv_transform_insn(uint32_t insn, uint64_t offset)
{
    bool compressed = (insn & 3) != 3;
    uint32_t t;

    if (compressed) {
        insn = expand_compressed_mem(insn & 0xffff);
    }
    switch (insn & 0x7f) {
    case 0x03: /* loads: funct3, rd, opcode */
    case 0x07:
        t = insn & 0x00007fff;
        break;
    case 0x23: /* stores: rs2, funct3, opcode */
    case 0x27:
        t = insn & 0x01f0707f;
        break;
    case 0x2f: /* atomics: everything but rs1 */
        t = insn & ~(0x1fu << 15);
        break;
    case 0x73: /* HLV, HLVX, HSV: funct3 4, funct7 0110xxx */
        if (((insn >> 12) & 7) != 4 || (insn >> 28) != 6) {
            return 0;
        }
        t = insn & ~(0x1fu << 15);
        break;
    default:
        return 0;
    }
    t |= (uint32_t)(offset & 0x1f) << 15;
    return compressed ? t & ~2u : t;
}
