/*
 * The hypervisor extension (privileged spec 1.12, "Hypervisor Extension"):
 * M-mode sets up HS, a VS guest with G-stage (Sv39x4) and VS-stage (Sv39)
 * tables, and checks the CSRs and their WARL rules, where each trap cause
 * raised in V=1 lands (M, HS or VS through medeleg/hedeleg) with which
 * tval/htval/htinst/GVA, virtual-instruction exceptions, two-stage walks
 * and their faults, A/D updates at both stages, HLV/HLVX/HSV, HFENCE, and
 * virtual interrupts through hvip.
 *
 * Built twice: `hyp` runs on our binary and Debian's QEMU 7.2, whose
 * behaviour agrees there; `hyp-spec` (-DSPEC_CASES) adds the cases where
 * QEMU 7.2 departs from the spec and runs on ours only. Each such case
 * names the spec rule it checks.
 */
#include "testlib.h"

#define CSR_HSTATUS    0x600
#define CSR_HEDELEG    0x602
#define CSR_HIDELEG    0x603
#define CSR_HIE        0x604
#define CSR_HTIMEDELTA 0x605
#define CSR_HCOUNTEREN 0x606
#define CSR_HGEIE      0x607
#define CSR_HENVCFG    0x60a
#define CSR_HTVAL      0x643
#define CSR_HIP        0x644
#define CSR_HVIP       0x645
#define CSR_HTINST     0x64a
#define CSR_HGATP      0x680
#define CSR_HGEIP      0xe12
#define CSR_VSSTATUS   0x200
#define CSR_VSIE       0x204
#define CSR_VSTVEC     0x205
#define CSR_VSSCRATCH  0x240
#define CSR_VSEPC      0x241
#define CSR_VSCAUSE    0x242
#define CSR_VSTVAL     0x243
#define CSR_VSIP       0x244
#define CSR_VSATP      0x280
#define CSR_MTINST     0x34a
#define CSR_MTVAL2     0x34b

#define HSTATUS_GVA  (1UL << 6)
#define HSTATUS_SPV  (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_HU   (1UL << 9)
#define HSTATUS_VTVM (1UL << 20)
#define HSTATUS_VTW  (1UL << 21)
#define HSTATUS_VTSR (1UL << 22)
#define MSTATUS_MPV  (1UL << 39)

#define PTE_V           (1UL << 0)
#define PTE_R           (1UL << 1)
#define PTE_W           (1UL << 2)
#define PTE_X           (1UL << 3)
#define PTE_U           (1UL << 4)
#define PTE_A           (1UL << 6)
#define PTE_D           (1UL << 7)
#define AD              (PTE_A | PTE_D)
#define LEAF(pa, flags) ((((u64)(pa)) >> 12) << 10 | (flags) | PTE_V)
#define TABLE(pa)       ((((u64)(pa)) >> 12) << 10 | PTE_V)

#define MODE_SV39 (8UL << 60)

/* Guest physical layout (G-stage, Sv39x4). */
#define GPA_WIN      0xc0000000UL       /* 4K pages below */
#define GPA_DATA     (GPA_WIN + 0x0000) /* RW U */
#define GPA_RO       (GPA_WIN + 0x1000) /* R U */
#define GPA_NOU      (GPA_WIN + 0x2000) /* RW, no U: faults */
#define GPA_XO       (GPA_WIN + 0x3000) /* X U */
#define GPA_HOLE     (GPA_WIN + 0x4000) /* invalid */
#define GPA_FRESH    (GPA_WIN + 0x5000) /* RW U, A and D clear */
#define GPA_UNMAPPED 0x100000000UL      /* root entry 4: invalid */
/* Guest virtual layout (VS-stage, Sv39) when vsatp is on. */
#define GVA_DATA  0x40000000UL /* -> GPA_DATA */
#define GVA_XO    0x40001000UL /* X only -> GPA_DATA */
#define GVA_BADPT 0x40200008UL /* its level-0 VS table is at GPA_HOLE */
#define GVA_FRESH 0x40003000UL /* -> GPA_FRESH, VS PTE A/D clear */

extern char __strap_stack_top[];
static u64 next_page;
static u64 *groot, *gl0;
static u64 *vroot, *vl0;
static u64 data_pa, fresh_pa;

static u64 *alloc_pages(int n)
{
    u64 *p = (u64 *)next_page;

    next_page += 4096 * n;
    for (int i = 0; i < 512 * n; i++) {
        p[i] = 0;
    }
    return p;
}

static void hfence_gvma_all(void)
{
    __asm__ volatile(".word 0x62000073" ::: "memory"); /* hfence.gvma */
}

static void hfence_vvma_all(void)
{
    __asm__ volatile(".word 0x22000073" ::: "memory"); /* hfence.vvma */
}

/* G-stage: identity for the first 4 GiB but the window; all with U. */
static void setup_gstage(void)
{
    u64 *l1;

    groot = alloc_pages(4); /* 16 KiB root, 16 KiB aligned */
    l1 = alloc_pages(1);
    gl0 = alloc_pages(1);
    data_pa = (u64)alloc_pages(1);
    fresh_pa = (u64)alloc_pages(1);
    groot[0] = LEAF(0, PTE_R | PTE_W | PTE_X | PTE_U | AD);
    groot[1] = LEAF(0x40000000UL, PTE_R | PTE_W | PTE_X | PTE_U | AD);
    groot[2] = LEAF(0x80000000UL, PTE_R | PTE_W | PTE_X | PTE_U | AD);
    groot[3] = TABLE(l1);
    l1[0] = TABLE(gl0);
    gl0[0] = LEAF(data_pa, PTE_R | PTE_W | PTE_U | AD);
    gl0[1] = LEAF(data_pa, PTE_R | PTE_U | AD);
    gl0[2] = LEAF(data_pa, PTE_R | PTE_W | AD);
    gl0[3] = LEAF(data_pa, PTE_X | PTE_U | AD);
    gl0[5] = LEAF(fresh_pa, PTE_R | PTE_W | PTE_U);
}

/*
 * VS-stage: the guest's own tables, in guest RAM (identity-mapped GPAs):
 * identity gigapages for code and devices, and 4K pages at GVA 0x40000000.
 */
static void setup_vsstage(void)
{
    u64 *l1;

    vroot = alloc_pages(1);
    l1 = alloc_pages(1);
    vl0 = alloc_pages(1);
    vroot[0] = LEAF(0, PTE_R | PTE_W | PTE_X | AD);
    vroot[2] = LEAF(0x80000000UL, PTE_R | PTE_W | PTE_X | AD);
    vroot[1] = TABLE(l1);
    l1[0] = TABLE(vl0);
    vl0[0] = LEAF(GPA_DATA, PTE_R | PTE_W | AD);
    vl0[1] = LEAF(GPA_DATA, PTE_X | AD);
    l1[1] = TABLE(GPA_HOLE);
    vl0[3] = LEAF(GPA_FRESH, PTE_R | PTE_W);
    vl0[5] = LEAF(GPA_XO, PTE_X | AD); /* execute-only at both stages */
}

/* ---- Functions run in V=1 ---- */

static u64 v_load(u64 addr)
{
    return *(volatile u64 *)addr;
}

static u64 v_store(u64 addr)
{
    *(volatile u64 *)addr = 0x1234;
    return 0;
}

static u64 v_call(u64 addr)
{
    return ((u64(*)(void))addr)();
}

static u64 v_ecall(u64 x)
{
    register u64 a7 __asm__("a7") = 0;
    __asm__ volatile("ecall" : "+r"(a7)::"memory");
    return x;
}

static u64 v_illegal(u64 x)
{
    __asm__ volatile(".word 0x0000000b");
    return x;
}

static __attribute__((unused)) u64 v_cbo_zero(u64 addr)
{
    register u64 a0 __asm__("a0") = addr;
    __asm__ volatile(".word 0x0045200f" ::"r"(a0) : "memory"); /* cbo.zero */
    return 0;
}

static u64 v_ebreak(u64 x)
{
    __asm__ volatile("ebreak");
    return x;
}

static u64 v_read_hstatus(u64 x)
{
    return csr_read(0x600);
}

static u64 v_read_mstatus(u64 x)
{
    return csr_read(mstatus);
}

static u64 v_read_sstatus(u64 x)
{
    return csr_read(sstatus);
}

static __attribute__((unused)) u64 v_read_satp(u64 x)
{
    return csr_read(satp);
}

static u64 v_sret(u64 x)
{
    __asm__ volatile("sret");
    return x;
}

static u64 v_wfi(u64 x)
{
    __asm__ volatile("wfi");
    return x;
}

static u64 v_sfence(u64 x)
{
    __asm__ volatile("sfence.vma" ::: "memory");
    return x;
}

static u64 v_hfence(u64 x)
{
    hfence_vvma_all();
    return x;
}

static u64 v_rdtime(u64 x)
{
    return csr_read(time);
}

static u64 v_sscratch_swap(u64 x)
{
    return csr_swap(sscratch, x);
}

static u64 v_hlv(u64 addr)
{
    u64 v;
    __asm__ volatile(".insn r 0x73, 4, 0x36, %0, %1, x0" /* hlv.d */
                     : "=r"(v)
                     : "r"(addr)
                     : "memory");
    return v;
}

/* ---- Checks ---- */

static void check_csrs(void)
{
    CHECK(boot_misa & MISA_H);
    /* hedeleg: 0-8, 12, 13, 15 writable (the spec's table). */
    csr_write(CSR_HEDELEG, ~0UL);
    CHECK_EQ(csr_read(CSR_HEDELEG), 0xb1ffUL);
    csr_write(CSR_HEDELEG, 0);
    /* hideleg: only VSSIP, VSTIP, VSEIP. */
    csr_write(CSR_HIDELEG, ~0UL);
    CHECK_EQ(csr_read(CSR_HIDELEG), 0x444UL);
    csr_write(CSR_HIDELEG, 0);
    /* mideleg: the VS-level bits are read-only one. */
    csr_write(mideleg, 0);
    CHECK_EQ(csr_read(mideleg) & 0x444, 0x444UL);
    /* hie/hvip/hip: the VS-level bits. */
    csr_write(CSR_HVIP, ~0UL);
    CHECK_EQ(csr_read(CSR_HVIP), 0x444UL);
    CHECK_EQ(csr_read(CSR_HIP) & 0x444, 0x444UL);
    CHECK_EQ(csr_read(mip) & 0x444, 0x444UL);
    csr_write(CSR_HVIP, 0);
    CHECK_EQ(csr_read(CSR_HIP) & 0x444, 0UL);
    /* hip.VSSIP is hvip.VSSIP. */
    csr_set(CSR_HIP, 1UL << 2);
    CHECK_EQ(csr_read(CSR_HVIP), 4UL);
    csr_write(CSR_HVIP, 0);
    /* HS-level sip/sie never show the VS bits. */
    csr_write(mie, ~0UL);
    CHECK_EQ(csr_read(sie) & 0x444, 0UL);
    csr_write(mie, 0);
    /* hstatus fields keep their values; VSXL reads 64-bit. */
    csr_write(CSR_HSTATUS, HSTATUS_SPVP | HSTATUS_HU | HSTATUS_VTW);
    CHECK_EQ(csr_read(CSR_HSTATUS) & (HSTATUS_SPVP | HSTATUS_HU | HSTATUS_VTW),
             HSTATUS_SPVP | HSTATUS_HU | HSTATUS_VTW);
    CHECK_EQ((csr_read(CSR_HSTATUS) >> 32) & 3, 2UL);
    csr_write(CSR_HSTATUS, 0);
    /* Plain registers. */
    csr_write(CSR_VSSCRATCH, 0x1122334455667788UL);
    CHECK_EQ(csr_read(CSR_VSSCRATCH), 0x1122334455667788UL);
    csr_write(CSR_HTIMEDELTA, 12345);
    CHECK_EQ(csr_read(CSR_HTIMEDELTA), 12345UL);
    csr_write(CSR_HTIMEDELTA, 0);
#ifdef SPEC_CASES
    /* QEMU 7.2 keeps 64 bits. Spec "hcounteren": a 32-bit register. */
    csr_write(CSR_HCOUNTEREN, ~0UL);
    CHECK_EQ(csr_read(CSR_HCOUNTEREN), 0xffffffffUL);
#endif
    /* hgatp: Sv39x4 and VMID bits are kept (VMIDLEN probing). */
    csr_write(CSR_HGATP, MODE_SV39 | (0x3fffUL << 44));
    CHECK_EQ(csr_read(CSR_HGATP) >> 60, 8UL);
    CHECK((csr_read(CSR_HGATP) >> 44) & 1);
    csr_write(CSR_HGATP, 0);
    /* mstatus.MPV and GVA are writable. */
    csr_set(mstatus, MSTATUS_MPV | (1UL << 38));
    CHECK_EQ((csr_read(mstatus) >> 38) & 3, 3UL);
    csr_clear(mstatus, MSTATUS_MPV | (1UL << 38));
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 keeps any hgatp value. Spec "hgatp": PPN[1:0] read as zero
     * in the paged modes; an unsupported MODE is WARL (ours: Bare); VMID
     * has at most 14 bits.
     */
    csr_write(CSR_HGATP, MODE_SV39 | (0xffffUL << 44) | 0xfffUL);
    CHECK_EQ(csr_read(CSR_HGATP), MODE_SV39 | (0x3fffUL << 44) | 0xffcUL);
    csr_write(CSR_HGATP, (5UL << 60) | 0x100);
    CHECK_EQ(csr_read(CSR_HGATP) >> 60, 0UL);
    csr_write(CSR_HGATP, ~0UL); /* garbage: architectural result */
    CHECK_EQ(csr_read(CSR_HGATP) >> 60, 0UL);
    csr_write(CSR_HGATP, 0);
    /* Spec "vsatp": an unsupported MODE may ignore the write (ours). */
    csr_write(CSR_VSATP, MODE_SV39 | 0x123);
    csr_write(CSR_VSATP, (5UL << 60) | 0x456);
    CHECK_EQ(csr_read(CSR_VSATP), MODE_SV39 | 0x123);
    csr_write(CSR_VSATP, 0);
    /* hgeie/hgeip: GEILEN is 0. */
    csr_write(CSR_HGEIE, ~0UL);
    CHECK_EQ(csr_read(CSR_HGEIE), 0UL);
    CHECK_EQ(csr_read(CSR_HGEIP), 0UL);
    /* htinst holds what is written (garbage included). */
    csr_write(CSR_HTINST, 0xdeadbeefUL);
    CHECK_EQ(csr_read(CSR_HTINST), 0xdeadbeefUL);
    csr_write(CSR_HTINST, 0);
#endif
}

/* Traps from V=1, not delegated: M-mode, MPV=1, MPP = the nominal mode. */
static void check_traps_to_m(void)
{
    TRAP_EXPECT(run_in_vmode(PRV_S, v_ecall, 0));
    CHECK_TRAP(CAUSE_VS_ECALL, 0);
    CHECK_EQ(trap.handler, PRV_M);
    CHECK_EQ(trap.from, PRV_S);
    CHECK_EQ(trap.virt, 1);
    CHECK_EQ(trap.gva, 0);

    TRAP_EXPECT(run_in_vmode(PRV_U, v_ecall, 0));
    CHECK_TRAP(CAUSE_USER_ECALL, 0);
    CHECK_EQ(trap.from, PRV_U);
    CHECK_EQ(trap.virt, 1);

    TRAP_EXPECT(run_in_vmode(PRV_S, v_illegal, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x0000000b);
    CHECK_EQ(trap.virt, 1);

    /* From HS-mode MPV is 0. */
    TRAP_EXPECT(run_in_mode(PRV_S, v_ecall, 0));
    CHECK_TRAP(CAUSE_SUPERVISOR_ECALL, 0);
    CHECK_EQ(trap.virt, 0);
}

/* medeleg sends them to HS (SPV, SPVP), hedeleg further to VS. */
static void check_delegation(void)
{
    csr_write(medeleg, (1UL << CAUSE_ILLEGAL_INSN) | (1UL << CAUSE_VS_ECALL) |
                           (1UL << CAUSE_USER_ECALL));
    csr_write(CSR_HSTATUS, 0);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_illegal, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x0000000b);
    CHECK_EQ(trap.handler, PRV_S);
    CHECK_EQ(trap.from, PRV_S);
    CHECK_EQ(trap.virt, 1);
    CHECK(csr_read(CSR_HSTATUS) & HSTATUS_SPVP);

    TRAP_EXPECT(run_in_vmode(PRV_S, v_ecall, 0));
    CHECK_TRAP(CAUSE_VS_ECALL, 0);
    CHECK_EQ(trap.handler, PRV_S);

    TRAP_EXPECT(run_in_vmode(PRV_U, v_illegal, 0));
    CHECK_EQ(trap.handler, PRV_S);
    CHECK_EQ(trap.from, PRV_U);
    CHECK(!(csr_read(CSR_HSTATUS) & HSTATUS_SPVP));

    /* hedeleg: to VS-mode (vstvec), vscause/vstval, V stays 1. */
    csr_write(medeleg, csr_read(medeleg) | (1UL << CAUSE_BREAKPOINT));
    csr_write(CSR_HEDELEG,
              (1UL << CAUSE_ILLEGAL_INSN) | (1UL << CAUSE_BREAKPOINT));
    TRAP_EXPECT(run_in_vmode(PRV_S, v_ebreak, 0));
    CHECK_TRAP(CAUSE_BREAKPOINT, 0);
    CHECK_EQ(trap.handler, PRV_VS);
    CHECK_EQ(trap.from, PRV_S);
    TRAP_EXPECT(run_in_vmode(PRV_U, v_ebreak, 0));
    CHECK_EQ(trap.handler, PRV_VS);
    CHECK_EQ(trap.from, PRV_U);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 turns exception causes 2, 6 and 10 into 1, 5 and 9 when
     * delegating them to VS-mode, as if they were VS interrupts. Spec
     * "hideleg": only the interrupts are translated.
     */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_illegal, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x0000000b);
    CHECK_EQ(trap.handler, PRV_VS);
#endif
    /* An HS-mode trap is never delegated to VS. */
    TRAP_EXPECT(run_in_mode(PRV_S, v_illegal, 0));
    CHECK_EQ(trap.handler, PRV_S);
    CHECK_EQ(trap.virt, 0);
    csr_write(CSR_HEDELEG, 0);
    csr_write(medeleg, 0);
}

/* S-level CSRs are the VS ones when V=1. */
static void check_redirect(void)
{
    csr_write(sscratch, 0x5555);
    csr_write(CSR_VSSCRATCH, 0x7777);
    CHECK_EQ(run_in_vmode(PRV_S, v_sscratch_swap, 0x9999), 0x7777UL);
    CHECK_EQ(csr_read(CSR_VSSCRATCH), 0x9999UL);
    CHECK_EQ(csr_read(sscratch), 0x5555UL);
    csr_write(sscratch, (u64)__strap_stack_top);
}

/* Virtual-instruction exceptions (cause 22) and what stays illegal. */
static void check_virtual_instruction(void)
{
    u64 mcounteren = csr_read(mcounteren);

    TRAP_EXPECT(run_in_vmode(PRV_S, v_read_hstatus, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    CHECK_EQ(trap.tval, 0x60002573UL | 0); /* csrr a0, hstatus */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_read_mstatus, 0));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 raises illegal-instruction. Spec "Trap Cause Codes": in
     * VU-mode, an S-level CSR that HS-mode may access is a virtual
     * instruction.
     */
    TRAP_EXPECT(run_in_vmode(PRV_U, v_read_sstatus, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
#endif
    TRAP_EXPECT(run_in_mode(PRV_U, v_read_sstatus, 0));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);

    TRAP_EXPECT(run_in_vmode(PRV_S, v_hfence, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_hlv, 0x80000000UL));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    TRAP_EXPECT(run_in_mode(PRV_U, v_hfence, 0));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);

    /* VTSR, VTVM, VTW */
    csr_write(CSR_HSTATUS, HSTATUS_VTSR);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_sret, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    csr_write(CSR_HSTATUS, HSTATUS_VTVM);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 lets VS-mode read satp with VTVM. Spec "hstatus": VTVM
     * makes satp accesses from VS-mode virtual instructions.
     */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_read_satp, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
#endif
    TRAP_EXPECT(run_in_vmode(PRV_S, v_sfence, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    csr_write(CSR_HSTATUS, HSTATUS_VTW);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_wfi, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    csr_write(CSR_HSTATUS, 0);
    /* VU: SRET and WFI (TW=0) are virtual instructions too. */
#ifdef SPEC_CASES
    /*
     * QEMU 7.2: illegal-instruction. Spec "Trap Cause Codes": SRET in
     * VU-mode is a virtual instruction.
     */
    TRAP_EXPECT(run_in_vmode(PRV_U, v_sret, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
#endif
    TRAP_EXPECT(run_in_vmode(PRV_U, v_wfi, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    /* mstatus.TW wins: illegal. */
    csr_set(mstatus, MSTATUS_TW);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_wfi, 0));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
    csr_clear(mstatus, MSTATUS_TW);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 applies mstatus.TVM to VS-mode too. Spec "Machine Status":
     * TSR and TVM affect execution only in HS-mode.
     */
    csr_set(mstatus, MSTATUS_TVM);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_read_satp, 0));
    CHECK_NO_TRAP();
    csr_clear(mstatus, MSTATUS_TVM);
#endif

#ifdef SPEC_CASES
    /*
     * Zicboz in V=1: menvcfg.CBZE allows, henvcfg.CBZE clear gives a
     * virtual instruction (CMO 1.0.1); set, the guest may zero a block.
     * (Zicboz is off in QEMU 7.2's default rv64.)
     */
    u64 *block = alloc_pages(1);

    csr_set(menvcfg, 1UL << 7);
    csr_write(CSR_HENVCFG, 0);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_cbo_zero, (u64)block));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    csr_write(CSR_HENVCFG, 1UL << 7);
    block[0] = 5;
    TRAP_EXPECT(run_in_vmode(PRV_S, v_cbo_zero, (u64)block));
    CHECK_NO_TRAP();
    CHECK_EQ(block[0], 0UL);
    csr_write(CSR_HENVCFG, 0);
    csr_clear(menvcfg, 1UL << 7);
#endif
    /* Counters: hcounteren clear -> virtual instruction; time is offset. */
    csr_write(mcounteren, ~0UL);
    csr_write(CSR_HCOUNTEREN, 0);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_rdtime, 0));
    CHECK_EQ(trap.cause, CAUSE_VIRTUAL_INSN);
    csr_write(CSR_HCOUNTEREN, ~0UL);
    csr_write(CSR_HTIMEDELTA, 1UL << 40);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_rdtime, 0));
    CHECK_NO_TRAP();
    CHECK(run_in_vmode(PRV_S, v_rdtime, 0) >= (1UL << 40));
    csr_write(CSR_HTIMEDELTA, 0);
    csr_write(mcounteren, 0);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_rdtime, 0));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
    csr_write(mcounteren, mcounteren);
}

/* G-stage only (vsatp Bare): guest-page faults with htval/mtval2. */
static void check_gstage(void)
{
    csr_write(CSR_HGATP, MODE_SV39 | ((u64)groot >> 12));
    hfence_gvma_all();
    csr_write(CSR_VSATP, 0);

    *(volatile u64 *)data_pa = 0xabcdef;
    CHECK_EQ(run_in_vmode(PRV_S, v_load, GPA_DATA), 0xabcdefUL);
    CHECK_EQ(run_in_vmode(PRV_U, v_load, GPA_RO + 8), 0UL);
    run_in_vmode(PRV_S, v_store, GPA_DATA + 8);
    CHECK_EQ(*(volatile u64 *)(data_pa + 8), 0x1234UL);

    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GPA_HOLE + 0x18));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_HOLE + 0x18);
    CHECK_EQ(trap.tval2, (GPA_HOLE + 0x18) >> 2);
    CHECK_EQ(trap.gva, 1);
    CHECK_EQ(trap.virt, 1);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_store, GPA_RO));
    CHECK_TRAP(CAUSE_STORE_GUEST_PF, GPA_RO);
    CHECK_EQ(trap.tval2, GPA_RO >> 2);
    /* Every G-stage access is a U-mode one: no U bit, no access. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GPA_NOU));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_NOU);
    /* Wider than Sv39x4's 41 bits. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, 1UL << 45));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, 1UL << 45);
    CHECK_EQ(trap.tval2, (1UL << 45) >> 2);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_call, GPA_UNMAPPED));
    CHECK_TRAP(CAUSE_FETCH_GUEST_PF, GPA_UNMAPPED);
    CHECK_EQ(trap.tval2, GPA_UNMAPPED >> 2);
    /* Execute-only: not readable unless the HS-level MXR. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GPA_XO));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_XO);
#ifdef SPEC_CASES
    /*
     * QEMU 7.2 ignores it at G-stage. Spec "Two-Stage Address
     * Translation": MXR at HS-level overrides both stages.
     */
    csr_set(mstatus, MSTATUS_MXR);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GPA_XO));
    CHECK_NO_TRAP();
    csr_clear(mstatus, MSTATUS_MXR);
#endif

    /* A and D set by the G-stage walk. */
    run_in_vmode(PRV_S, v_load, GPA_FRESH);
    CHECK_EQ(gl0[5] & AD, PTE_A);
    run_in_vmode(PRV_S, v_store, GPA_FRESH);
    CHECK_EQ(gl0[5] & AD, AD);

    /* Delegated to HS: htval, SPV, GVA in hstatus. */
    csr_write(medeleg, 1UL << CAUSE_LOAD_GUEST_PF);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GPA_HOLE));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_HOLE);
    CHECK_EQ(trap.handler, PRV_S);
    CHECK_EQ(trap.tval2, GPA_HOLE >> 2);
    CHECK_EQ(trap.gva, 1);
    CHECK_EQ(trap.virt, 1);
    csr_write(medeleg, 0);
}

/* Two stages: VS-stage page faults go to VS with hedeleg; A/D both. */
static void check_two_stage(void)
{
    csr_write(CSR_VSATP, MODE_SV39 | ((u64)vroot >> 12));
    hfence_vvma_all();
    *(volatile u64 *)data_pa = 0x77;
    CHECK_EQ(run_in_vmode(PRV_S, v_load, GVA_DATA), 0x77UL);
    /* VS-stage fault, not delegated: M, cause 13, tval = GVA. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GVA_XO));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, GVA_XO);
    CHECK_EQ(trap.gva, 1);
    /* vsstatus.MXR makes it readable (G-stage allows reads). */
    csr_set(CSR_VSSTATUS, MSTATUS_MXR);
    CHECK_EQ(run_in_vmode(PRV_S, v_load, GVA_XO), 0x77UL);
    csr_clear(CSR_VSSTATUS, MSTATUS_MXR);
    /* Delegated to VS: vscause/vstval. */
    csr_write(medeleg, 1UL << CAUSE_LOAD_PAGE_FAULT);
    csr_write(CSR_HEDELEG, 1UL << CAUSE_LOAD_PAGE_FAULT);
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GVA_XO + 8));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, GVA_XO + 8);
    CHECK_EQ(trap.handler, PRV_VS);
    csr_write(CSR_HEDELEG, 0);
    csr_write(medeleg, 0);
    /* A VS-level PTE in a hole of the G-stage: a guest-page fault. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GVA_BADPT));
    CHECK_EQ(trap.cause, CAUSE_LOAD_GUEST_PF);
    CHECK_EQ(trap.tval, GVA_BADPT);
    CHECK_EQ(trap.tval2, GPA_HOLE >> 2);
    /* A/D at the VS stage (in guest memory) and the G-stage. */
    gl0[5] &= ~AD;
    hfence_gvma_all();
    run_in_vmode(PRV_S, v_load, GVA_FRESH);
    CHECK_EQ(vl0[3] & AD, PTE_A);
    CHECK_EQ(gl0[5] & AD, PTE_A);
    run_in_vmode(PRV_S, v_store, GVA_FRESH);
    CHECK_EQ(vl0[3] & AD, AD);
    CHECK_EQ(gl0[5] & AD, AD);
    /* HLV/HSV from HS-mode and M-mode through both stages. */
    csr_write(CSR_HSTATUS, HSTATUS_SPVP);
    CHECK_EQ(v_hlv(GVA_DATA), 0x77UL);
    CHECK_EQ(run_in_mode(PRV_S, v_hlv, GVA_DATA), 0x77UL);
#ifdef SPEC_CASES
    /*
     * HLV faults: at M, MPV=0 but GVA=1. QEMU 7.2 reports a VS-stage page
     * fault of an HLV from M-mode as an access fault. Spec "Hypervisor
     * Virtual-Machine Load and Store": translation as though V=1.
     */
    TRAP_EXPECT(v_hlv(GVA_XO));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, GVA_XO);
    CHECK_EQ(trap.gva, 1);
    CHECK_EQ(trap.virt, 0);
#endif
    /* U-mode: only with HU. */
    TRAP_EXPECT(run_in_mode(PRV_U, v_hlv, GVA_DATA));
    CHECK_EQ(trap.cause, CAUSE_ILLEGAL_INSN);
    csr_write(CSR_HSTATUS, HSTATUS_SPVP | HSTATUS_HU);
    CHECK_EQ(run_in_mode(PRV_U, v_hlv, GVA_DATA), 0x77UL);
    csr_write(CSR_HSTATUS, 0);
    csr_write(CSR_VSATP, 0);
    hfence_vvma_all();
}

/* ---- htinst / mtinst: transformed instructions and pseudoinstructions */

static u64 v_ld_a0_8a1(u64 addr)
{
    register u64 a1 __asm__("a1") = addr;
    register u64 a0 __asm__("a0");
    __asm__ volatile(".option push\n.option norvc\nld a0, 8(a1)\n"
                     ".option pop"
                     : "=r"(a0)
                     : "r"(a1)
                     : "memory");
    return a0;
}

static u64 v_c_ld_a0_8a1(u64 addr)
{
    register u64 a1 __asm__("a1") = addr;
    register u64 a0 __asm__("a0");
    __asm__ volatile("c.ld a0, 8(a1)" : "=r"(a0) : "r"(a1) : "memory");
    return a0;
}

static u64 v_sw_a2_4a1(u64 addr)
{
    register u64 a1 __asm__("a1") = addr;
    register u64 a2 __asm__("a2") = 5;
    __asm__ volatile(".option push\n.option norvc\nsw a2, 4(a1)\n"
                     ".option pop" ::"r"(a1),
                     "r"(a2)
                     : "memory");
    return 0;
}

static u64 v_amoadd_a0_a2_a1(u64 addr)
{
    register u64 a1 __asm__("a1") = addr;
    register u64 a2 __asm__("a2") = 5;
    register u64 a0 __asm__("a0");
    __asm__ volatile("amoadd.w a0, a2, (a1)"
                     : "=r"(a0)
                     : "r"(a1), "r"(a2)
                     : "memory");
    return a0;
}

static u64 v_hsv_w_a2_a1(u64 addr)
{
    register u64 a1 __asm__("a1") = addr;
    register u64 a2 __asm__("a2") = 0x99;
    /* hsv.w a2, (a1) */
    __asm__ volatile(".insn r 0x73, 4, 0x35, x0, a1, a2" ::"r"(a1), "r"(a2)
                     : "memory");
    return 0;
}

static u64 v_hlvx_wu(u64 addr)
{
    u64 v;
    __asm__ volatile(".insn r 0x73, 4, 0x34, %0, %1, x3" /* hlvx.wu */
                     : "=r"(v)
                     : "r"(addr)
                     : "memory");
    return v;
}

/*
 * QEMU 7.2 writes zero to mtinst/htinst for guest-page faults. Spec
 * "Transformed Instruction or Pseudoinstruction for mtinst or htinst":
 * zero is allowed for explicit accesses (we write the transformation,
 * which KVM uses), but a fault of an implicit VS-stage access with a
 * nonzero htval must write the pseudoinstruction.
 */
static __attribute__((unused)) void check_tinst(void)
{
    csr_write(CSR_HGATP, MODE_SV39 | ((u64)groot >> 12));
    csr_write(CSR_VSATP, 0);
    hfence_gvma_all();
    TRAP_EXPECT(run_in_vmode(PRV_S, v_ld_a0_8a1, GPA_HOLE));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_HOLE + 8);
    CHECK_EQ(trap.tinst, 0x3503UL); /* ld a0, 0(x0) */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_c_ld_a0_8a1, GPA_HOLE));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_HOLE + 8);
    CHECK_EQ(trap.tinst, 0x3501UL); /* the same, bit 1 clear */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_sw_a2_4a1, GPA_RO));
    CHECK_TRAP(CAUSE_STORE_GUEST_PF, GPA_RO + 4);
    CHECK_EQ(trap.tinst, 0x00c02023UL); /* sw a2, 0(x0) */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_amoadd_a0_a2_a1, GPA_RO));
    CHECK_TRAP(CAUSE_STORE_GUEST_PF, GPA_RO);
    CHECK_EQ(trap.tinst, 0x00c0252fUL); /* amoadd.w a0, a2, (x0) */
    /* A misaligned load from FRESH into unmapped 0x6000: offset 4. */
    TRAP_EXPECT(run_in_vmode(PRV_S, v_ld_a0_8a1, GPA_WIN + 0x6000 - 12));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GPA_WIN + 0x6000);
    CHECK_EQ(trap.tval2, (GPA_WIN + 0x6000) >> 2);
    CHECK_EQ(trap.tinst, 0x3503UL | (4 << 15));
    /* Delegated to HS: htinst. HSV from HS: transformed too, GVA=1. */
    csr_write(medeleg,
              (1UL << CAUSE_LOAD_GUEST_PF) | (1UL << CAUSE_STORE_GUEST_PF));
    TRAP_EXPECT(run_in_vmode(PRV_S, v_ld_a0_8a1, GPA_HOLE));
    CHECK_EQ(trap.handler, PRV_S);
    CHECK_EQ(trap.tinst, 0x3503UL);
    TRAP_EXPECT(run_in_mode(PRV_S, v_hsv_w_a2_a1, GPA_RO));
    CHECK_TRAP(CAUSE_STORE_GUEST_PF, GPA_RO);
    CHECK_EQ(trap.virt, 0);
    CHECK_EQ(trap.gva, 1);
    CHECK_EQ(trap.tinst, 0x6ac04073UL); /* hsv.w a2, (x0) */
    csr_write(medeleg, 0);
    /* Implicit: the VS-stage PTE read faulted: pseudoinstruction. */
    csr_write(CSR_VSATP, MODE_SV39 | ((u64)vroot >> 12));
    hfence_vvma_all();
    TRAP_EXPECT(run_in_vmode(PRV_S, v_load, GVA_BADPT));
    CHECK_TRAP(CAUSE_LOAD_GUEST_PF, GVA_BADPT);
    CHECK_EQ(trap.tinst, 0x3000UL);
    /* ... and a VS-stage A/D update: the write pseudoinstruction. */
    {
        u64 *ad_l1 = alloc_pages(1), *ad_l0 = alloc_pages(1);

        /* GVA 0xc0000000: its level-0 table is read-only at G-stage. */
        vroot[3] = TABLE(ad_l1);
        ad_l1[0] = TABLE(GPA_WIN + 0x6000);
        gl0[6] = LEAF(ad_l0, PTE_R | PTE_U | AD);
        ad_l0[4] = LEAF(GPA_DATA, PTE_R | PTE_W); /* A clear */
        hfence_gvma_all();
        TRAP_EXPECT(run_in_vmode(PRV_S, v_load, 0xc0004000UL));
        CHECK_TRAP(CAUSE_LOAD_GUEST_PF, 0xc0004000UL);
        CHECK_EQ(trap.tval2, (GPA_WIN + 0x6000 + 4 * 8) >> 2);
        CHECK_EQ(trap.tinst, 0x3020UL);
        vroot[3] = 0;
        gl0[6] = 0;
    }
    /* HLVX reads execute-only pages; HLV does not. */
    csr_write(CSR_HSTATUS, HSTATUS_SPVP);
    *(volatile u32 *)data_pa = 0x13;
    csr_write(CSR_HGATP, MODE_SV39 | ((u64)groot >> 12));
    CHECK_EQ(v_hlvx_wu(0x40005000UL), 0x13UL);
    TRAP_EXPECT(v_hlv(0x40005000UL));
    CHECK_TRAP(CAUSE_LOAD_PAGE_FAULT, 0x40005000UL);
    csr_write(CSR_HSTATUS, 0);
    csr_write(CSR_VSATP, 0);
    hfence_vvma_all();
}

/* Virtual interrupts through hvip: to VS with hideleg, else HS. */
static volatile u64 vs_irq_seen;
static void vs_irq(u64 irq)
{
    vs_irq_seen = irq;
    /* vsip.SSIP is hvip.VSSIP: the guest clears it; VSTIP/VSEIP via hie. */
    if (irq == IRQ_S_SOFT) {
        csr_clear(sip, 1UL << IRQ_S_SOFT);
    } else {
        csr_clear(sie, 1UL << irq);
    }
}

static u64 v_enable_and_spin(u64 bits)
{
    csr_write(sie, bits);
    csr_set(sstatus, MSTATUS_SIE);
    for (volatile int i = 0; i < 1000 && !vs_irq_seen; i++) {
    }
    csr_clear(sstatus, MSTATUS_SIE);
    return vs_irq_seen;
}

static void check_interrupts(void)
{
    vs_irq_hook = vs_irq;
    csr_write(CSR_HIDELEG, 0x444);
    csr_write(CSR_HVIP, 1UL << 2);
    vs_irq_seen = 0;
    TRAP_EXPECT(run_in_vmode(PRV_S, v_enable_and_spin, 1UL << IRQ_S_SOFT));
    CHECK_EQ(trap.handler, PRV_VS);
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_S_SOFT);
    CHECK_EQ(csr_read(CSR_HVIP), 0UL);
    csr_write(CSR_HVIP, 1UL << 6);
    vs_irq_seen = 0;
    TRAP_EXPECT(run_in_vmode(PRV_S, v_enable_and_spin, 1UL << IRQ_S_TIMER));
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_S_TIMER);
    csr_write(CSR_HVIP, 1UL << 10);
    vs_irq_seen = 0;
    TRAP_EXPECT(run_in_vmode(PRV_S, v_enable_and_spin, 1UL << IRQ_S_EXT));
    CHECK_EQ(trap.cause, CAUSE_INTR | IRQ_S_EXT);
    /* Still pending but not enabled in vsie: nothing at HS or VS. */
    vs_irq_seen = 0;
    TRAP_EXPECT(run_in_vmode(PRV_S, v_enable_and_spin, 0));
    CHECK_NO_TRAP();
    csr_write(CSR_HVIP, 0);
    csr_write(CSR_HIDELEG, 0);
    vs_irq_hook = 0;
}

int main(void)
{
    next_page = (u64)__free_mem;
    csr_write(CSR_VSTVEC, (u64)vs_trap_entry);
    csr_write(CSR_VSSCRATCH, (u64)__vstrap_stack_top);
    csr_set(CSR_VSSTATUS, MSTATUS_FS);
    setup_gstage();
    setup_vsstage();
    check_csrs();
    csr_write(CSR_VSSCRATCH, (u64)__vstrap_stack_top);
    check_traps_to_m();
    check_delegation();
    check_virtual_instruction();
    check_redirect();
    csr_write(CSR_VSSCRATCH, (u64)__vstrap_stack_top);
    check_gstage();
    check_two_stage();
#ifdef SPEC_CASES
    check_tinst();
#endif
    check_interrupts();
    return 0;
}
