/*
 * The hart's CSR file, traps and interrupts, page-table walks and PMP,
 * driven directly on a hand-built hart (no execution engine).
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "exec/cpu-ldst.h"
#include "target/riscv/cpu.h"

/*
 * Engine services the code under test calls. Weak, so that the real ones
 * win once accel/tcg provides them.
 */
__attribute__((weak)) void tlb_flush(CPURISCVState *env)
{
}

__attribute__((weak)) void tlb_flush_page(CPURISCVState *env, uint64_t vaddr)
{
}

__attribute__((weak)) void cpu_exit_request(CPURISCVState *env, uint32_t flag)
{
}

#define RAM_BASE 0x80000000ULL
#define RAM_SIZE (4 * 1024 * 1024)

static MemoryRegion ram;
static uint8_t *ram_host;
static uint64_t fake_time;

static uint64_t fake_rdtime(void *opaque)
{
    return fake_time;
}

static RISCVCPU *new_cpu(void)
{
    RISCVCPU *cpu = g_new0(RISCVCPU, 1);
    CPURISCVState *env = &cpu->env;

    env->misa = MISA_MXL_RV64 | RVI | RVM | RVA | RVF | RVD | RVC | RVS | RVU;
    env->priv = PRV_M;
    env->exception = RISCV_EXCP_NONE;
    env->load_res = -1;
    cpu->cfg.ext_zicsr = cpu->cfg.ext_zicntr = cpu->cfg.ext_zihpm = true;
    cpu->cfg.ext_sstc = cpu->cfg.mmu = cpu->cfg.pmp = true;
    cpu->cfg.satp_max_mode = SATP_MODE_SV57;
    return cpu;
}

static uint64_t csr_read(CPURISCVState *env, int csrno)
{
    uint64_t v = 0xdeadbeef;

    g_assert_cmpint(riscv_csrrw(env, csrno, &v, 0, 0), ==, RISCV_EXCP_NONE);
    return v;
}

static void csr_write(CPURISCVState *env, int csrno, uint64_t val)
{
    g_assert_cmpint(riscv_csrrw(env, csrno, NULL, val, ~0ULL), ==,
                    RISCV_EXCP_NONE);
}

static bool csr_ok(CPURISCVState *env, int csrno, uint64_t mask)
{
    uint64_t v;
    RISCVException e = riscv_csrrw(env, csrno, &v, 0, mask);

    g_assert(e == RISCV_EXCP_NONE || e == RISCV_EXCP_ILLEGAL_INST);
    return e == RISCV_EXCP_NONE;
}

/* ---- CSR access rules ---- */

static void test_csr_access(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t v;

    g_assert_cmpstr(riscv_csr_name(CSR_MSTATUS), ==, "mstatus");
    g_assert_cmpstr(riscv_csr_name(CSR_PMPADDR0 + 13), ==, "pmpaddr13");
    g_assert_cmpstr(riscv_csr_name(CSR_HPMCOUNTER3 + 4), ==, "hpmcounter7");
    g_assert_cmpstr(riscv_csr_name(CSR_MHPMEVENT31), ==, "mhpmevent31");
    g_assert_null(riscv_csr_name(0x7c0));
    g_assert_null(riscv_csr_name(5000));

    /* Unknown CSRs are illegal in every mode. */
    g_assert_false(csr_ok(env, 0x7c0, 0));
    g_assert_false(csr_ok(env, CSR_MCYCLE + 1, 0));
    g_assert_false(csr_ok(env, -1, 0));

    /* Read-only machine information. */
    g_assert_cmpuint(csr_read(env, CSR_MVENDORID), ==, 0);
    g_assert_cmpuint(csr_read(env, CSR_MARCHID), ==, 0);
    g_assert_cmpuint(csr_read(env, CSR_MIMPID), ==, 0);
    g_assert_cmpuint(csr_read(env, CSR_MCONFIGPTR), ==, 0);
    env->mhartid = 3;
    g_assert_cmpuint(csr_read(env, CSR_MHARTID), ==, 3);
    g_assert_false(csr_ok(env, CSR_MHARTID, 1)); /* write to read-only */
    g_assert_cmpuint(env->mhartid, ==, 3);

    /* misa is read-only in value: writes are ignored. */
    csr_write(env, CSR_MISA, 0);
    g_assert_cmpuint(csr_read(env, CSR_MISA), ==, env->misa);
    g_assert_cmpuint(env->misa & RVS, !=, 0);

    /* Privilege from bits 9:8. */
    env->priv = PRV_S;
    g_assert_false(csr_ok(env, CSR_MSTATUS, 0));
    g_assert_false(csr_ok(env, CSR_MSCRATCH, 0));
    g_assert_true(csr_ok(env, CSR_SSTATUS, 0));
    g_assert_true(csr_ok(env, CSR_SSCRATCH, ~0ULL));
    env->priv = PRV_U;
    g_assert_false(csr_ok(env, CSR_SSTATUS, 0));
    g_assert_false(csr_ok(env, CSR_SATP, 0));

    /* The debugger bypasses privilege, not existence or read-only. */
    g_assert_cmpint(riscv_csrrw_debug(env, CSR_MSTATUS, &v, 0, 0), ==,
                    RISCV_EXCP_NONE);
    g_assert_cmpint(riscv_csrrw_debug(env, 0x7c0, &v, 0, 0), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpint(riscv_csrrw_debug(env, CSR_MHARTID, &v, 1, 1), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    env->priv = PRV_M;

    /* Read-modify-write: old value back, only masked bits change. */
    csr_write(env, CSR_MSCRATCH, 0x1234);
    g_assert_cmpint(riscv_csrrw(env, CSR_MSCRATCH, &v, 0xff00, 0xf000), ==,
                    RISCV_EXCP_NONE);
    g_assert_cmpuint(v, ==, 0x1234);
    g_assert_cmpuint(csr_read(env, CSR_MSCRATCH), ==, 0xf234);

    /* No S-mode: S CSRs vanish. */
    env->misa &= ~RVS;
    g_assert_false(csr_ok(env, CSR_SSTATUS, 0));
    g_assert_false(csr_ok(env, CSR_SATP, 0));
    g_assert_false(csr_ok(env, CSR_MIDELEG, 0));
}

static void test_csr_fp(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    g_assert_false(csr_ok(env, CSR_FFLAGS, 0)); /* FS = Off */
    g_assert_false(csr_ok(env, CSR_FCSR, 0));
    csr_write(env, CSR_MSTATUS, (uint64_t)FS_INITIAL << MSTATUS_FS_SHIFT);
    csr_write(env, CSR_FCSR, 0xffff);
    g_assert_cmpuint(env->fflags, ==, 0x1f);
    g_assert_cmpuint(env->frm, ==, 7);
    g_assert_cmpuint(csr_read(env, CSR_FCSR), ==, 0xff);
    g_assert_cmpuint(csr_read(env, CSR_MSTATUS) & MSTATUS_FS, ==, MSTATUS_FS);
    g_assert_cmpuint(csr_read(env, CSR_MSTATUS) & MSTATUS_SD, ==, MSTATUS_SD);
    csr_write(env, CSR_FRM, RM_RUP);
    csr_write(env, CSR_FFLAGS, FFLAG_NV);
    g_assert_cmpuint(csr_read(env, CSR_FCSR), ==, (RM_RUP << 5) | FFLAG_NV);
    /* U-mode may use them. */
    env->priv = PRV_U;
    g_assert_true(csr_ok(env, CSR_FRM, 7));
    /* No F/D at all: illegal even with FS set. */
    env->misa &= ~(RVF | RVD);
    g_assert_false(csr_ok(env, CSR_FFLAGS, 0));
}

/* The cache-block fields of menvcfg/senvcfg exist with their extension. */
static void test_csr_envcfg_cbo(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    const uint64_t cbo = MENVCFG_CBIE | MENVCFG_CBCFE | MENVCFG_CBZE;

    csr_write(env, CSR_MENVCFG, cbo);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG) & cbo, ==, 0);
    cpu->cfg.ext_zicboz = true;
    csr_write(env, CSR_MENVCFG, cbo);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG) & cbo, ==, MENVCFG_CBZE);
    cpu->cfg.ext_zicbom = true;
    csr_write(env, CSR_MENVCFG, cbo);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG) & cbo, ==, cbo);
    /* CBIE = 10 is reserved: the field keeps its value. */
    csr_write(env, CSR_MENVCFG, 2ULL << 4);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG) & MENVCFG_CBIE, ==,
                    MENVCFG_CBIE);
    csr_write(env, CSR_SENVCFG, (1ULL << 4) | MENVCFG_CBZE);
    g_assert_cmphex(csr_read(env, CSR_SENVCFG) & cbo, ==,
                    (1ULL << 4) | MENVCFG_CBZE);
}

/* tselect, tdata1-3, tinfo: only with -cpu debug=on. */
static void test_csr_triggers(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    g_assert_false(csr_ok(env, CSR_TSELECT, 0));
    cpu->cfg.debug = true;
    riscv_trigger_reset(env);
    g_assert_cmphex(csr_read(env, CSR_TINFO), ==, 1 << 2);
    g_assert_cmphex(csr_read(env, CSR_TDATA1), ==, 2ULL << 60);
    csr_write(env, CSR_TSELECT, RISCV_TRIGGERS); /* WARL: ignored */
    g_assert_cmpuint(csr_read(env, CSR_TSELECT), ==, 0);
    csr_write(env, CSR_TSELECT, RISCV_TRIGGERS - 1);
    csr_write(env, CSR_TDATA2, 0x80001000);
    csr_write(env, CSR_TDATA1, (2ULL << 60) | (1 << 6) | 1); /* m, load */
    g_assert_true(env->mem_triggers_armed);
    g_assert_true(riscv_trigger_mem_on_page(env, 0x80001000, MMU_DATA_LOAD));
    g_assert_false(riscv_trigger_mem_on_page(env, 0x80001000, MMU_DATA_STORE));
    g_assert_false(riscv_trigger_mem_on_page(env, 0x80002000, MMU_DATA_LOAD));
    csr_write(env, CSR_TDATA1, 5ULL << 60); /* another type: ignored */
    g_assert_cmphex(csr_read(env, CSR_TDATA1), ==, (2ULL << 60) | (1 << 6) | 1);
    csr_write(env, CSR_TDATA3, 1);
    g_assert_cmphex(csr_read(env, CSR_TDATA3), ==, 0);
    csr_write(env, CSR_TDATA1, 2ULL << 60);
    g_assert_false(env->mem_triggers_armed);
}

static void test_csr_counters(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->instret = 100;
    g_assert_cmpuint(csr_read(env, CSR_CYCLE), ==, 100);
    g_assert_cmpuint(csr_read(env, CSR_INSTRET), ==, 100);
    /*
     * riscv_csrrw is a CSR instruction: its write wins over its own
     * retirement, so the engine's +1 for it does not show.
     */
    csr_write(env, CSR_MINSTRET, 1000);
    env->instret += 1;
    g_assert_cmpuint(csr_read(env, CSR_MINSTRET), ==, 1000);
    env->instret += 5;
    g_assert_cmpuint(csr_read(env, CSR_INSTRET), ==, 1005);
    g_assert_cmpuint(csr_read(env, CSR_MINSTRET), ==, 1005);
    g_assert_cmpuint(csr_read(env, CSR_MCYCLE), ==, 106);
    g_assert_false(csr_ok(env, CSR_INSTRET, 1)); /* read-only view */
    /* A CSR instruction ending a block also sees the block's earlier
     * instructions, which env->instret counts only after the block. */
    env->insns_before = 3;
    g_assert_cmpuint(csr_read(env, CSR_MINSTRET), ==, 1008);
    env->insns_before = 0;

    /* mcountinhibit freezes (counting the inhibiting instruction) and
     * resumes. */
    csr_write(env, CSR_MCOUNTINHIBIT, 0x7);
    g_assert_cmpuint(csr_read(env, CSR_MCOUNTINHIBIT), ==, 0x5);
    env->instret += 50;
    g_assert_cmpuint(csr_read(env, CSR_MINSTRET), ==, 1006);
    csr_write(env, CSR_MCYCLE, 7);
    csr_write(env, CSR_MCOUNTINHIBIT, 0);
    env->instret += 1 + 3;
    g_assert_cmpuint(csr_read(env, CSR_MINSTRET), ==, 1009);
    g_assert_cmpuint(csr_read(env, CSR_MCYCLE), ==, 10);

    /* hpm counters read zero; their events are stored. */
    csr_write(env, CSR_MHPMCOUNTER3, 55);
    g_assert_cmpuint(csr_read(env, CSR_MHPMCOUNTER3), ==, 0);
    g_assert_cmpuint(csr_read(env, CSR_HPMCOUNTER31), ==, 0);
    csr_write(env, CSR_MHPMEVENT3 + 1, 9);
    g_assert_cmpuint(csr_read(env, CSR_MHPMEVENT3 + 1), ==, 9);

    /* time needs a time source. */
    g_assert_false(csr_ok(env, CSR_TIME, 0));
    env->rdtime_fn = fake_rdtime;
    fake_time = 4242;
    g_assert_cmpuint(csr_read(env, CSR_TIME), ==, 4242);

    /* Counter enables: S needs mcounteren, U also scounteren. */
    env->priv = PRV_S;
    g_assert_false(csr_ok(env, CSR_CYCLE, 0));
    g_assert_false(csr_ok(env, CSR_MCYCLE, 0));
    env->priv = PRV_M;
    csr_write(env, CSR_MCOUNTEREN, 0xffffffff00000005ULL);
    g_assert_cmpuint(csr_read(env, CSR_MCOUNTEREN), ==, 5);
    env->priv = PRV_S;
    g_assert_true(csr_ok(env, CSR_CYCLE, 0));
    g_assert_false(csr_ok(env, CSR_TIME, 0));
    g_assert_true(csr_ok(env, CSR_INSTRET, 0));
    csr_write(env, CSR_SCOUNTEREN, 1);
    env->priv = PRV_U;
    g_assert_true(csr_ok(env, CSR_CYCLE, 0));
    g_assert_false(csr_ok(env, CSR_INSTRET, 0));
    g_assert_false(csr_ok(env, CSR_SCOUNTEREN, 0));

    /* Without Zicntr the counters are gone. */
    env->priv = PRV_M;
    cpu->cfg.ext_zicntr = false;
    g_assert_false(csr_ok(env, CSR_CYCLE, 0));
    g_assert_true(csr_ok(env, CSR_HPMCOUNTER3, 0));
}

static void test_csr_mstatus(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t writable = MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE |
                        MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS |
                        MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM |
                        MSTATUS_TW | MSTATUS_TSR;
    uint64_t v;

    /* UXL/SXL read 2 even straight after reset (mstatus zeroed). */
    g_assert_cmphex(csr_read(env, CSR_MSTATUS), ==,
                    (2ULL << 32) | (2ULL << 34));
    csr_write(env, CSR_MSTATUS, ~0ULL);
    v = csr_read(env, CSR_MSTATUS);
    g_assert_cmphex(v, ==, writable | MSTATUS_SD | (2ULL << 32) | (2ULL << 34));
    csr_write(env, CSR_MSTATUS, 0);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS), ==,
                    (2ULL << 32) | (2ULL << 34));

    /* MPP is WARL: 2 is not a mode, the old value stays. */
    csr_write(env, CSR_MSTATUS, (uint64_t)PRV_S << MSTATUS_MPP_SHIFT);
    csr_write(env, CSR_MSTATUS, 2ULL << MSTATUS_MPP_SHIFT);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS) & MSTATUS_MPP, ==,
                    (uint64_t)PRV_S << MSTATUS_MPP_SHIFT);

    /* sstatus is a view: M bits are invisible and unwritable through it. */
    csr_write(env, CSR_MSTATUS, MSTATUS_MIE | MSTATUS_TVM);
    csr_write(env, CSR_SSTATUS, ~0ULL);
    v = csr_read(env, CSR_SSTATUS);
    g_assert_cmphex(v, ==,
                    MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS |
                        MSTATUS_SUM | MSTATUS_MXR | MSTATUS_SD | (2ULL << 32));
    v = csr_read(env, CSR_MSTATUS);
    g_assert_cmphex(v & (MSTATUS_MIE | MSTATUS_TVM), ==,
                    MSTATUS_MIE | MSTATUS_TVM);
    csr_write(env, CSR_SSTATUS, 0);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS) & MSTATUS_MIE, ==, MSTATUS_MIE);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS) & MSTATUS_SIE, ==, 0);

    /* Delegation registers: WARL. */
    csr_write(env, CSR_MEDELEG, ~0ULL);
    v = csr_read(env, CSR_MEDELEG);
    g_assert_cmphex(v, ==, 0xb3ff);
    g_assert_cmphex(v & (1ULL << RISCV_EXCP_M_ECALL), ==, 0);
    csr_write(env, CSR_MIDELEG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MIDELEG), ==,
                    MIP_SSIP | MIP_STIP | MIP_SEIP);

    /* mie / sie */
    csr_write(env, CSR_MIE, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MIE), ==, 0xaaa);
    csr_write(env, CSR_MIDELEG, MIP_STIP);
    g_assert_cmphex(csr_read(env, CSR_SIE), ==, MIP_STIP);
    csr_write(env, CSR_SIE, 0);
    g_assert_cmphex(csr_read(env, CSR_MIE), ==, 0xaaa & ~MIP_STIP);
}

static void test_csr_mip(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t v;

    /* Only SSIP, STIP, SEIP are software-writable in mip. */
    csr_write(env, CSR_MIP, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MIP), ==, MIP_SSIP | MIP_STIP | MIP_SEIP);
    csr_write(env, CSR_MIP, 0);

    /* A device line reads in mip but is not latched by csrrs. */
    env->mip_lines = MIP_SEIP | MIP_MTIP;
    g_assert_cmpint(riscv_csrrw(env, CSR_MIP, &v, MIP_SSIP, MIP_SSIP), ==,
                    RISCV_EXCP_NONE);
    g_assert_cmphex(v, ==, MIP_SEIP | MIP_MTIP);
    env->mip_lines = 0;
    g_assert_cmphex(csr_read(env, CSR_MIP), ==, MIP_SSIP);

    /* sip shows the delegated bits; only SSIP is writable there. */
    g_assert_cmphex(csr_read(env, CSR_SIP), ==, 0);
    csr_write(env, CSR_MIDELEG, MIP_SSIP | MIP_STIP);
    csr_write(env, CSR_MIP, MIP_STIP);
    g_assert_cmphex(csr_read(env, CSR_SIP), ==, MIP_STIP);
    csr_write(env, CSR_SIP, MIP_SSIP);
    g_assert_cmphex(csr_read(env, CSR_SIP), ==, MIP_SSIP | MIP_STIP);
    csr_write(env, CSR_SIP, 0);
    g_assert_cmphex(csr_read(env, CSR_MIP), ==, MIP_STIP);
}

static void test_csr_tvec_epc(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    csr_write(env, CSR_MTVEC, 0x80000101);
    g_assert_cmphex(csr_read(env, CSR_MTVEC), ==, 0x80000101);
    csr_write(env, CSR_MTVEC, 0x90000002); /* reserved mode: ignored */
    g_assert_cmphex(csr_read(env, CSR_MTVEC), ==, 0x80000101);
    csr_write(env, CSR_STVEC, 0x80200000);
    csr_write(env, CSR_STVEC, 0x80200003);
    g_assert_cmphex(csr_read(env, CSR_STVEC), ==, 0x80200000);

    csr_write(env, CSR_MEPC, 0x80000003);
    g_assert_cmphex(csr_read(env, CSR_MEPC), ==, 0x80000002);
    csr_write(env, CSR_SEPC, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_SEPC), ==, ~1ULL);
    env->misa &= ~RVC;
    g_assert_cmphex(csr_read(env, CSR_MEPC), ==, 0x80000000);
    g_assert_cmphex(csr_read(env, CSR_SEPC), ==, ~3ULL);

    csr_write(env, CSR_MCAUSE, 0x8000000000000007ULL);
    g_assert_cmphex(csr_read(env, CSR_MCAUSE), ==, 0x8000000000000007ULL);
    csr_write(env, CSR_STVAL, 0x1234);
    g_assert_cmphex(csr_read(env, CSR_STVAL), ==, 0x1234);

    /* envcfg: only FIOM and STCE. */
    csr_write(env, CSR_MENVCFG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG), ==,
                    MENVCFG_FIOM | MENVCFG_STCE);
    csr_write(env, CSR_SENVCFG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_SENVCFG), ==, MENVCFG_FIOM);
    cpu->cfg.ext_sstc = false;
    csr_write(env, CSR_MENVCFG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MENVCFG), ==, MENVCFG_FIOM);
}

static void test_csr_satp(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t sv39 = ((uint64_t)SATP_MODE_SV39 << SATP_MODE_SHIFT) |
                    (0xabcdULL << SATP_ASID_SHIFT) | 0x80123;

    csr_write(env, CSR_SATP, sv39);
    g_assert_cmphex(csr_read(env, CSR_SATP), ==, sv39);
    csr_write(env, CSR_SATP, 5ULL << SATP_MODE_SHIFT); /* reserved mode */
    g_assert_cmphex(csr_read(env, CSR_SATP), ==, sv39);
    csr_write(env, CSR_SATP, (uint64_t)SATP_MODE_SV57 << SATP_MODE_SHIFT);
    g_assert_cmphex(csr_read(env, CSR_SATP), ==,
                    (uint64_t)SATP_MODE_SV57 << SATP_MODE_SHIFT);
    cpu->cfg.satp_max_mode = SATP_MODE_SV39;
    csr_write(env, CSR_SATP, (uint64_t)SATP_MODE_SV48 << SATP_MODE_SHIFT);
    g_assert_cmphex(csr_read(env, CSR_SATP), ==,
                    (uint64_t)SATP_MODE_SV57 << SATP_MODE_SHIFT);
    csr_write(env, CSR_SATP, 0);
    g_assert_cmphex(csr_read(env, CSR_SATP), ==, 0);

    /* TVM traps satp in S-mode only. */
    env->mstatus |= MSTATUS_TVM;
    g_assert_true(csr_ok(env, CSR_SATP, 0));
    env->priv = PRV_S;
    g_assert_false(csr_ok(env, CSR_SATP, 0));
    env->mstatus &= ~MSTATUS_TVM;
    g_assert_true(csr_ok(env, CSR_SATP, ~0ULL));
}

static void test_csr_sstc(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->rdtime_fn = fake_rdtime;
    fake_time = 1000;
    csr_write(env, CSR_STIMECMP, 2000);
    /* STCE off: STIP is the software bit. */
    g_assert_cmphex(csr_read(env, CSR_MIP) & MIP_STIP, ==, 0);
    csr_write(env, CSR_MIP, MIP_STIP);
    g_assert_cmphex(csr_read(env, CSR_MIP) & MIP_STIP, ==, MIP_STIP);
    env->priv = PRV_S;
    g_assert_false(csr_ok(env, CSR_STIMECMP, 0));
    env->priv = PRV_M;
    csr_write(env, CSR_MENVCFG, MENVCFG_STCE);
    /* STCE on: STIP = time >= stimecmp, read-only. */
    g_assert_cmphex(csr_read(env, CSR_MIP) & MIP_STIP, ==, 0);
    fake_time = 2000;
    g_assert_cmphex(csr_read(env, CSR_MIP) & MIP_STIP, ==, MIP_STIP);
    csr_write(env, CSR_MIP, 0);
    g_assert_cmphex(csr_read(env, CSR_MIP) & MIP_STIP, ==, MIP_STIP);
    env->priv = PRV_S;
    g_assert_false(csr_ok(env, CSR_STIMECMP, 0)); /* mcounteren.TM = 0 */
    env->mcounteren = 1 << 1;
    csr_write(env, CSR_STIMECMP, 5000);
    g_assert_cmphex(riscv_cpu_read_mip(env) & MIP_STIP, ==, 0);
    env->mideleg = MIP_STIP;
    fake_time = 5000;
    g_assert_cmphex(csr_read(env, CSR_SIP) & MIP_STIP, ==, MIP_STIP);
    env->priv = PRV_U;
    g_assert_false(csr_ok(env, CSR_STIMECMP, 0));
    cpu->cfg.ext_sstc = false;
    env->priv = PRV_M;
    g_assert_false(csr_ok(env, CSR_STIMECMP, 0));
}

/* ---- Traps ---- */

static void test_trap_delegation(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->mtvec = 0x80000000;
    env->stvec = 0x80200000;
    env->medeleg = 1ULL << RISCV_EXCP_LOAD_PAGE_FAULT;

    /* A delegated exception from U goes to S. */
    env->priv = PRV_U;
    env->pc = 0x1000;
    env->mstatus |= MSTATUS_SIE;
    env->exception = RISCV_EXCP_LOAD_PAGE_FAULT;
    env->badaddr = 0xdead000;
    env->load_res = 0x80001000;
    riscv_cpu_do_trap(env, -1);
    g_assert_cmphex(env->load_res, ==, UINT64_MAX);
    g_assert_cmpuint(env->priv, ==, PRV_S);
    g_assert_cmphex(env->pc, ==, 0x80200000);
    g_assert_cmphex(env->scause, ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmphex(env->sepc, ==, 0x1000);
    g_assert_cmphex(env->stval, ==, 0xdead000);
    g_assert_cmphex(env->mstatus & (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP),
                    ==, MSTATUS_SPIE);
    g_assert_cmpint(env->exception, ==, RISCV_EXCP_NONE);
    g_assert_cmphex(env->mcause, ==, 0);

    /* sret returns to U with SIE restored. */
    env->load_res = 0x80001000;
    helper_sret(env);
    g_assert_cmphex(env->load_res, ==, UINT64_MAX);
    g_assert_cmpuint(env->priv, ==, PRV_U);
    g_assert_cmphex(env->pc, ==, 0x1000);
    g_assert_cmphex(env->mstatus & (MSTATUS_SIE | MSTATUS_SPIE), ==,
                    MSTATUS_SIE | MSTATUS_SPIE);

    /* An undelegated one from S goes to M. */
    env->priv = PRV_S;
    env->pc = 0x2000;
    env->mstatus |= MSTATUS_MIE;
    env->exception = RISCV_EXCP_ILLEGAL_INST;
    env->badaddr = 0x13;
    riscv_cpu_do_trap(env, -1);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    g_assert_cmphex(env->pc, ==, 0x80000000);
    g_assert_cmphex(env->mcause, ==, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmphex(env->mepc, ==, 0x2000);
    g_assert_cmphex(env->mtval, ==, 0x13);
    g_assert_cmphex(env->mstatus & (MSTATUS_MIE | MSTATUS_MPIE), ==,
                    MSTATUS_MPIE);
    g_assert_cmphex(env->mstatus & MSTATUS_MPP, ==,
                    (uint64_t)PRV_S << MSTATUS_MPP_SHIFT);

    /* Delegation never lowers the privilege: from M it stays in M. */
    env->pc = 0x3000;
    env->exception = RISCV_EXCP_LOAD_PAGE_FAULT;
    env->badaddr = 0;
    riscv_cpu_do_trap(env, -1);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    g_assert_cmphex(env->mepc, ==, 0x3000);
    g_assert_cmphex(env->mstatus & MSTATUS_MPP, ==, MSTATUS_MPP);

    /* mret back to M, then to S with MPRV cleared. */
    env->mepc = 0x4000;
    helper_mret(env);
    g_assert_cmpuint(env->priv, ==, PRV_M);
    g_assert_cmphex(env->pc, ==, 0x4000);
    g_assert_cmphex(env->mstatus & MSTATUS_MPP, ==, 0); /* U after mret */
    env->mstatus |= MSTATUS_MPRV | ((uint64_t)PRV_S << MSTATUS_MPP_SHIFT);
    env->mstatus &= ~MSTATUS_MPIE;
    env->mstatus |= MSTATUS_MIE;
    helper_mret(env);
    g_assert_cmpuint(env->priv, ==, PRV_S);
    g_assert_cmphex(env->mstatus & (MSTATUS_MPRV | MSTATUS_MIE), ==, 0);
    g_assert_cmphex(env->mstatus & MSTATUS_MPIE, ==, MSTATUS_MPIE);
}

static void test_trap_vectored(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->mtvec = 0x80000001;
    env->stvec = 0x80200001;
    env->mideleg = MIP_STIP;
    env->pc = 0x5000;
    env->priv = PRV_S;
    riscv_cpu_do_trap(env, IRQ_M_TIMER);
    g_assert_cmphex(env->pc, ==, 0x80000000 + 4 * IRQ_M_TIMER);
    g_assert_cmphex(env->mcause, ==, RISCV_CAUSE_INTERRUPT | IRQ_M_TIMER);
    g_assert_cmphex(env->mtval, ==, 0);

    env->priv = PRV_U;
    riscv_cpu_do_trap(env, IRQ_S_TIMER);
    g_assert_cmpuint(env->priv, ==, PRV_S);
    g_assert_cmphex(env->pc, ==, 0x80200000 + 4 * IRQ_S_TIMER);
    g_assert_cmphex(env->scause, ==, RISCV_CAUSE_INTERRUPT | IRQ_S_TIMER);

    /* Exceptions always go to the base. */
    env->exception = RISCV_EXCP_BREAKPOINT;
    riscv_cpu_do_trap(env, -1);
    g_assert_cmphex(env->pc, ==, 0x80000000);
}

/* Run fn; return the exception it raised or RISCV_EXCP_NONE. */
static int run_catching(CPURISCVState *env, void (*fn)(CPURISCVState *))
{
    env->exception = RISCV_EXCP_NONE;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        fn(env);
        return RISCV_EXCP_NONE;
    }
    return env->exception;
}

static void do_sfence_all(CPURISCVState *env)
{
    helper_sfence_vma(env, 0, 0, true, true);
}

static void test_system_insns(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->priv = PRV_S;
    g_assert_cmpint(run_catching(env, helper_mret), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmphex(env->badaddr, ==, 0x30200073); /* tval = the insn */
    env->priv = PRV_U;
    g_assert_cmpint(run_catching(env, helper_sret), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpint(run_catching(env, helper_wfi), ==, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmphex(env->badaddr, ==, 0x10500073);
    g_assert_cmpint(run_catching(env, do_sfence_all), ==,
                    RISCV_EXCP_ILLEGAL_INST);

    env->priv = PRV_S;
    env->mstatus |= MSTATUS_TSR | MSTATUS_TW | MSTATUS_TVM;
    g_assert_cmpint(run_catching(env, helper_sret), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpint(run_catching(env, helper_wfi), ==, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpint(run_catching(env, do_sfence_all), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    env->mstatus &= ~(MSTATUS_TSR | MSTATUS_TW | MSTATUS_TVM);
    g_assert_cmpint(run_catching(env, do_sfence_all), ==, RISCV_EXCP_NONE);

    /* WFI sleeps unless an enabled interrupt is pending. */
    env->priv = PRV_S;
    g_assert_cmpint(run_catching(env, helper_wfi), ==, RISCV_EXCP_NONE);
    g_assert_true(env->halted);
    env->halted = false;
    env->mie = MIP_MTIP;
    env->mip_lines = MIP_MTIP;
    g_assert_cmpint(run_catching(env, helper_wfi), ==, RISCV_EXCP_NONE);
    g_assert_false(env->halted);
    /* In M-mode TW does not matter. */
    env->priv = PRV_M;
    env->mstatus |= MSTATUS_TW;
    env->mip_lines = 0;
    g_assert_cmpint(run_catching(env, helper_wfi), ==, RISCV_EXCP_NONE);
    g_assert_true(env->halted);
}

static void test_irq_priority(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    env->mie = 0xaaa;
    env->mip_lines = MIP_MEIP | MIP_MSIP | MIP_MTIP | MIP_SEIP;
    env->mip = MIP_SSIP | MIP_STIP;
    g_assert_true(riscv_cpu_has_work(env));

    /* M-mode with MIE clear: nothing taken. */
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, -1);
    env->mstatus |= MSTATUS_MIE;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_M_EXT);
    env->mip_lines &= ~MIP_MEIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_M_SOFT);
    env->mip_lines &= ~MIP_MSIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_M_TIMER);
    env->mip_lines &= ~MIP_MTIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_S_EXT);
    env->mip_lines = 0;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_S_SOFT);
    env->mip = MIP_STIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_S_TIMER);

    /* Delegated interrupts are never taken in M. */
    env->mideleg = MIP_SSIP | MIP_STIP | MIP_SEIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, -1);
    /* In S: with SIE clear no; in U always. */
    env->priv = PRV_S;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, -1);
    env->mstatus |= MSTATUS_SIE;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_S_TIMER);
    env->mstatus &= ~MSTATUS_SIE;
    env->priv = PRV_U;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_S_TIMER);

    /* An M interrupt preempts S regardless of MIE, and beats S ones. */
    env->priv = PRV_S;
    env->mstatus &= ~MSTATUS_MIE;
    env->mstatus |= MSTATUS_SIE;
    env->mip |= MIP_SEIP;
    env->mip_lines = MIP_MTIP;
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, IRQ_M_TIMER);

    /* Not enabled in mie: no work, nothing pending. */
    env->mie = 0;
    g_assert_false(riscv_cpu_has_work(env));
    g_assert_cmpint(riscv_cpu_pending_interrupt(env), ==, -1);
}

/* ---- MMU ---- */

static uint64_t next_table;

static void ram_reset(void)
{
    memset(ram_host, 0, RAM_SIZE);
    next_table = RAM_BASE + 0x1000;
}

static uint64_t pte_get(uint64_t pa)
{
    uint64_t v;

    g_assert(pa >= RAM_BASE && pa + 8 <= RAM_BASE + RAM_SIZE);
    memcpy(&v, ram_host + (pa - RAM_BASE), 8);
    return v;
}

static void pte_put(uint64_t pa, uint64_t v)
{
    g_assert(pa >= RAM_BASE && pa + 8 <= RAM_BASE + RAM_SIZE);
    memcpy(ram_host + (pa - RAM_BASE), &v, 8);
}

static uint64_t alloc_table(void)
{
    uint64_t t = next_table;

    next_table += 0x1000;
    g_assert(next_table <= RAM_BASE + RAM_SIZE / 2);
    return t;
}

static uint64_t make_pte(uint64_t pa, uint64_t flags)
{
    return ((pa >> 12) << PTE_PPN_SHIFT) | flags | PTE_V;
}

/*
 * Map va -> pa with a leaf at `leaf_level` (0 = 4 KiB page); returns the
 * leaf PTE's physical address.
 */
static uint64_t map(uint64_t root, int levels, uint64_t va, uint64_t pa,
                    int leaf_level, uint64_t flags)
{
    uint64_t table = root;

    for (int level = levels - 1;; level--) {
        uint64_t pte_addr = table + ((va >> (12 + 9 * level)) & 0x1ff) * 8;
        uint64_t pte;
        if (level == leaf_level) {
            pte_put(pte_addr, make_pte(pa, flags));
            return pte_addr;
        }
        pte = pte_get(pte_addr);
        if (!(pte & PTE_V)) {
            pte = make_pte(alloc_table(), 0);
            pte_put(pte_addr, pte);
        }
        table = ((pte & PTE_PPN_MASK) >> PTE_PPN_SHIFT) << 12;
    }
}

/* PMP entry 15: everything, for S and U (as OpenSBI sets up). */
static void pmp_allow_all(CPURISCVState *env)
{
    env->pmpaddr[15] = (1ULL << 54) - 1;
    env->pmpcfg[15] = (PMP_A_NAPOT << PMP_A_SHIFT) | PMP_R | PMP_W | PMP_X;
}

static uint64_t setup_satp(CPURISCVState *env, int mode, uint64_t *root)
{
    pmp_allow_all(env);
    *root = alloc_table();
    env->satp = ((uint64_t)mode << SATP_MODE_SHIFT) | (*root >> 12);
    return env->satp;
}

static RISCVException xlate(CPURISCVState *env, uint64_t va, MMUAccessType type,
                            int mmu_idx, uint64_t *pa, int *prot)
{
    *pa = 0;
    *prot = -1;
    return riscv_get_physical_address(env, va, type, mmu_idx, pa, prot);
}

#define RWX (PTE_R | PTE_W | PTE_X)
#define AD  (PTE_A | PTE_D)

static void check_mode(int mode, int levels)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t root, pa, pte_addr;
    int prot;
    /* A high canonical address: sign-extended from bit va_bits-1. */
    int va_bits = 12 + 9 * levels;
    uint64_t hi_va = ~0ULL << (va_bits - 1) | 0x5000;

    ram_reset();
    setup_satp(env, mode, &root);

    /* 4 KiB page, already accessed and dirty. */
    map(root, levels, 0x40001000, RAM_BASE + 0x300000, 0, RWX | AD);
    g_assert_cmpint(
        xlate(env, 0x40001234, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x300234);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);

    /* High half. */
    map(root, levels, hi_va, RAM_BASE + 0x301000, 0, PTE_R | AD);
    g_assert_cmpint(xlate(env, hi_va + 8, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x301008);
    g_assert_cmpint(prot, ==, PAGE_READ);
    g_assert_cmpint(xlate(env, hi_va, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_STORE_PAGE_FAULT);
    g_assert_cmpint(xlate(env, hi_va, MMU_INST_FETCH, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_INST_PAGE_FAULT);

    /* Non-canonical: the bit above the top one flipped. */
    g_assert_cmpint(xlate(env, 0x40001234 | (1ULL << (va_bits - 1)),
                          MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmpint(xlate(env, 0x40001234 | (1ULL << 63), MMU_INST_FETCH,
                          MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_INST_PAGE_FAULT);

    /* 2 MiB superpage (level 1). */
    map(root, levels, 0x60000000, RAM_BASE + 0x200000, 1, PTE_R | PTE_X | AD);
    g_assert_cmpint(
        xlate(env, 0x601fff00, MMU_INST_FETCH, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x3fff00);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_EXEC);
    /* Misaligned 2 MiB superpage. */
    map(root, levels, 0x60200000, RAM_BASE + 0x201000, 1, PTE_R | AD);
    g_assert_cmpint(
        xlate(env, 0x60200000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);

    /* 1 GiB superpage (level 2), identity at RAM_BASE. */
    map(root, levels, RAM_BASE, RAM_BASE, 2, RWX | AD);
    g_assert_cmpint(xlate(env, RAM_BASE + 0x12345678, MMU_DATA_STORE, MMU_IDX_S,
                          &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x12345678);
    /* Misaligned 1 GiB superpage. */
    map(root, levels, 0xc0000000, RAM_BASE + 0x200000, 2, PTE_R | AD);
    g_assert_cmpint(
        xlate(env, 0xc0000000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);

    /* A/D: a load sets A only, leaves the page read-only in the TLB. */
    pte_addr = map(root, levels, 0x7000, RAM_BASE + 0x302000, 0, RWX);
    g_assert_cmpint(xlate(env, 0x7000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pte_get(pte_addr) & AD, ==, PTE_A);
    g_assert_cmpint(prot & PAGE_WRITE, ==, 0);
    g_assert_cmpint(xlate(env, 0x7000, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pte_get(pte_addr) & AD, ==, AD);
    g_assert_cmpint(prot & PAGE_WRITE, ==, PAGE_WRITE);
    /* M-mode does not translate. */
    g_assert_cmpint(xlate(env, 0x7000, MMU_DATA_LOAD, MMU_IDX_M, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, 0x7000);

    /* Nothing mapped at this address: invalid PTE. */
    g_assert_cmpint(xlate(env, 0x9000, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_STORE_PAGE_FAULT);
}

static void test_mmu_sv39(void)
{
    check_mode(SATP_MODE_SV39, 3);
}

static void test_mmu_sv48(void)
{
    check_mode(SATP_MODE_SV48, 4);
}

static void test_mmu_sv57(void)
{
    check_mode(SATP_MODE_SV57, 5);
}

static void test_mmu_faults(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t root, pa, pte_addr;
    int prot;

    ram_reset();
    setup_satp(env, SATP_MODE_SV39, &root);

    /* W without R is reserved. */
    map(root, 3, 0x1000, RAM_BASE + 0x300000, 0, PTE_W | AD);
    g_assert_cmpint(xlate(env, 0x1000, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_STORE_PAGE_FAULT);
    /* Reserved bits, PBMT, N. */
    pte_addr = map(root, 3, 0x2000, RAM_BASE + 0x300000, 0, RWX | AD);
    g_assert_cmpint(xlate(env, 0x2000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    pte_put(pte_addr, pte_get(pte_addr) | (1ULL << 54));
    g_assert_cmpint(xlate(env, 0x2000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    pte_put(pte_addr, (pte_get(pte_addr) & ~(1ULL << 54)) | (1ULL << 61));
    g_assert_cmpint(xlate(env, 0x2000, MMU_INST_FETCH, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_INST_PAGE_FAULT);
    pte_put(pte_addr, (pte_get(pte_addr) & ~PTE_PBMT) | PTE_N);
    g_assert_cmpint(xlate(env, 0x2000, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_STORE_PAGE_FAULT);

    /* A pointer PTE at level 0 is a fault. */
    map(root, 3, 0x3000, RAM_BASE + 0x300000, 0, 0);
    g_assert_cmpint(xlate(env, 0x3000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);

    /* Page tables outside RAM: access fault of the access's type. */
    map(root, 3, 0x100000000ULL, 0x10000000, 1, 0); /* pointer to MMIO hole */
    g_assert_cmpint(
        xlate(env, 0x100000000ULL, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_ACCESS_FAULT);
    g_assert_cmpint(
        xlate(env, 0x100000000ULL, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_STORE_AMO_ACCESS_FAULT);
    g_assert_cmpint(
        xlate(env, 0x100000000ULL, MMU_INST_FETCH, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_INST_ACCESS_FAULT);

    /* PMP denies the walker (an S-mode access): access fault. */
    /* entry 0: [0, RAM_BASE + 2 MiB) holds the tables, no permissions */
    env->pmpaddr[0] = (RAM_BASE + RAM_SIZE / 2) >> 2;
    env->pmpcfg[0] = (PMP_A_TOR << PMP_A_SHIFT);
    env->pmpaddr[1] = ~0ULL >> 10;
    env->pmpcfg[1] = (PMP_A_TOR << PMP_A_SHIFT) | PMP_R | PMP_W | PMP_X;
    g_assert_cmpint(xlate(env, 0x2000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_ACCESS_FAULT);
    env->pmpcfg[0] |= PMP_R;
    map(root, 3, 0x4000, RAM_BASE + 0x300000, 0, RWX);
    /* Readable tables but the A update needs W. */
    g_assert_cmpint(xlate(env, 0x4000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_ACCESS_FAULT);
    env->pmpcfg[0] |= PMP_W;
    g_assert_cmpint(xlate(env, 0x4000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
}

static void test_mmu_sum_mxr(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    uint64_t root, pa;
    int prot;

    ram_reset();
    setup_satp(env, SATP_MODE_SV39, &root);
    map(root, 3, 0x10000, RAM_BASE + 0x300000, 0, RWX | PTE_U | AD);
    map(root, 3, 0x11000, RAM_BASE + 0x301000, 0, RWX | AD);
    map(root, 3, 0x12000, RAM_BASE + 0x302000, 0, PTE_X | AD);
    map(root, 3, 0x13000, RAM_BASE + 0x303000, 0, PTE_X | PTE_U | AD);

    /* U page: U yes, S only with SUM and never to execute. */
    g_assert_cmpint(xlate(env, 0x10000, MMU_INST_FETCH, MMU_IDX_U, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    g_assert_cmpint(xlate(env, 0x10000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmpint(
        xlate(env, 0x10000, MMU_DATA_STORE, MMU_IDX_S_SUM, &pa, &prot), ==,
        RISCV_EXCP_NONE);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_WRITE);
    g_assert_cmpint(xlate(env, 0x10000, MMU_INST_FETCH, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_INST_PAGE_FAULT);
    g_assert_cmpint(
        xlate(env, 0x10000, MMU_INST_FETCH, MMU_IDX_S_SUM, &pa, &prot), ==,
        RISCV_EXCP_INST_PAGE_FAULT);

    /* S page: never from U. */
    g_assert_cmpint(xlate(env, 0x11000, MMU_DATA_LOAD, MMU_IDX_U, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmpint(
        xlate(env, 0x11000, MMU_DATA_LOAD, MMU_IDX_S_SUM, &pa, &prot), ==,
        RISCV_EXCP_NONE);

    /* Execute-only: readable only with MXR. */
    g_assert_cmpint(xlate(env, 0x12000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    g_assert_cmpint(xlate(env, 0x13000, MMU_DATA_LOAD, MMU_IDX_U, &pa, &prot),
                    ==, RISCV_EXCP_LOAD_PAGE_FAULT);
    env->mstatus |= MSTATUS_MXR;
    g_assert_cmpint(xlate(env, 0x12000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmpint(prot, ==, PAGE_READ | PAGE_EXEC);
    g_assert_cmpint(xlate(env, 0x13000, MMU_DATA_LOAD, MMU_IDX_U, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmpint(xlate(env, 0x12000, MMU_DATA_STORE, MMU_IDX_S, &pa, &prot),
                    ==, RISCV_EXCP_STORE_PAGE_FAULT);

    /* Bare mode: identity with all permissions. */
    env->satp = 0;
    g_assert_cmpint(xlate(env, 0x12000, MMU_DATA_STORE, MMU_IDX_U, &pa, &prot),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, 0x12000);
}

static void test_mmu_index(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_M);
    env->mstatus |= MSTATUS_MPRV; /* MPP = U */
    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_U);
    g_assert_cmpint(riscv_mmu_index(env, true), ==, MMU_IDX_M);
    env->mstatus |= ((uint64_t)PRV_S << MSTATUS_MPP_SHIFT) | MSTATUS_SUM;
    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_S_SUM);
    env->priv = PRV_S;
    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_S_SUM);
    g_assert_cmpint(riscv_mmu_index(env, true), ==, MMU_IDX_S);
    env->mstatus &= ~MSTATUS_SUM;
    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_S);
    env->priv = PRV_U;
    g_assert_cmpint(riscv_mmu_index(env, false), ==, MMU_IDX_U);
}

/* ---- PMP ---- */

static bool pmp_ok(CPURISCVState *env, uint64_t addr, unsigned size,
                   MMUAccessType type, uint64_t priv)
{
    int page_prot;

    return riscv_pmp_check(env, addr, size, type, priv, &page_prot);
}

/* ---- Hypervisor extension ---- */

static RISCVCPU *new_cpu_h(void)
{
    RISCVCPU *cpu = new_cpu();

    cpu->env.misa |= RVH;
    cpu->cfg.ext_h = cpu->cfg.ext_svnapot = cpu->cfg.ext_svpbmt = true;
    return cpu;
}

/* WARL rules of the H CSRs, garbage included (csr_hyp.c's header). */
static void test_csr_hyp_warl(void)
{
    g_autofree RISCVCPU *cpu = new_cpu_h();
    CPURISCVState *env = &cpu->env;

    csr_write(env, CSR_HSTATUS, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HSTATUS), ==,
                    HSTATUS_GVA | HSTATUS_SPV | HSTATUS_SPVP | HSTATUS_HU |
                        HSTATUS_VTVM | HSTATUS_VTW | HSTATUS_VTSR |
                        (2ULL << 32));
    csr_write(env, CSR_HEDELEG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HEDELEG), ==, 0xb1ff);
    csr_write(env, CSR_HIDELEG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HIDELEG), ==, 0x444);
    csr_write(env, CSR_MEDELEG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_MEDELEG), ==, 0xf0b7ff);
    csr_write(env, CSR_MIDELEG, 0);
    g_assert_cmphex(csr_read(env, CSR_MIDELEG), ==, 0x444);
    csr_write(env, CSR_HCOUNTEREN, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HCOUNTEREN), ==, 0xffffffff);
    csr_write(env, CSR_HGEIE, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HGEIE), ==, 0);
    /* hgatp: VMIDLEN 14, PPN[1:0] zero, unsupported MODE -> Bare. */
    csr_write(env, CSR_HGATP, (8ULL << 60) | ~(0xfULL << 60));
    g_assert_cmphex(csr_read(env, CSR_HGATP), ==,
                    (8ULL << 60) | (0x3fffULL << 44) | (SATP_PPN_MASK & ~3ULL));
    csr_write(env, CSR_HGATP, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HGATP) >> 60, ==, 0);
    /* vsatp: an unsupported MODE leaves it alone. */
    csr_write(env, CSR_VSATP, (9ULL << 60) | 5);
    csr_write(env, CSR_VSATP, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_VSATP), ==, (9ULL << 60) | 5);
    /* vsstatus: UXL 64-bit, SD from FS. */
    csr_write(env, CSR_VSSTATUS, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_VSSTATUS), ==,
                    MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS |
                        MSTATUS_SUM | MSTATUS_MXR | (2ULL << 32) | MSTATUS_SD);
    /* henvcfg: PBMTE/STCE only as far as menvcfg allows. */
    csr_write(env, CSR_HENVCFG, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HENVCFG), ==, MENVCFG_FIOM);
    csr_write(env, CSR_MENVCFG, MENVCFG_PBMTE | MENVCFG_STCE);
    g_assert_cmphex(csr_read(env, CSR_HENVCFG), ==,
                    MENVCFG_FIOM | MENVCFG_PBMTE | MENVCFG_STCE);
    /* Anything goes for htinst/htval/mtinst/mtval2. */
    csr_write(env, CSR_HTINST, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_HTINST), ==, ~0ULL);
    /* mstatus.MPV/GVA only with H. */
    csr_write(env, CSR_MSTATUS, MSTATUS_MPV | MSTATUS_GVA);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS) & (MSTATUS_MPV | MSTATUS_GVA),
                    ==, MSTATUS_MPV | MSTATUS_GVA);
    csr_write(env, CSR_MSTATUS, 0);
    env->misa &= ~RVH;
    g_assert_false(csr_ok(env, CSR_HSTATUS, 0));
    csr_write(env, CSR_MSTATUS, MSTATUS_MPV | MSTATUS_GVA);
    g_assert_cmphex(csr_read(env, CSR_MSTATUS) & (MSTATUS_MPV | MSTATUS_GVA),
                    ==, 0);
}

/* V=1: redirection to VS CSRs and virtual-instruction exceptions. */
static void test_csr_hyp_virt(void)
{
    g_autofree RISCVCPU *cpu = new_cpu_h();
    CPURISCVState *env = &cpu->env;
    uint64_t v;

    env->sscratch = 1;
    env->vsscratch = 2;
    env->priv = PRV_S;
    g_assert_cmphex(csr_read(env, CSR_HSTATUS), ==, 2ULL << 32); /* HS */
    env->virt_enabled = true;
    g_assert_cmphex(csr_read(env, CSR_SSCRATCH), ==, 2);
    csr_write(env, CSR_SSCRATCH, 3);
    g_assert_cmphex(env->vsscratch, ==, 3);
    g_assert_cmphex(env->sscratch, ==, 1);
    g_assert_cmpint(riscv_csrrw(env, CSR_HSTATUS, &v, 0, 0), ==,
                    RISCV_EXCP_VIRT_INSTRUCTION_FAULT);
    g_assert_cmpint(riscv_csrrw(env, CSR_VSSTATUS, &v, 0, 0), ==,
                    RISCV_EXCP_VIRT_INSTRUCTION_FAULT);
    g_assert_cmpint(riscv_csrrw(env, CSR_MSTATUS, &v, 0, 0), ==,
                    RISCV_EXCP_ILLEGAL_INST);
    env->hstatus = HSTATUS_VTVM;
    g_assert_cmpint(riscv_csrrw(env, CSR_SATP, &v, 0, 0), ==,
                    RISCV_EXCP_VIRT_INSTRUCTION_FAULT);
    env->hstatus = 0;
    env->mstatus |= MSTATUS_TVM; /* HS-only */
    g_assert_cmpint(riscv_csrrw(env, CSR_SATP, &v, 0, 0), ==, RISCV_EXCP_NONE);
    env->priv = PRV_U;
    g_assert_cmpint(riscv_csrrw(env, CSR_SSTATUS, &v, 0, 0), ==,
                    RISCV_EXCP_VIRT_INSTRUCTION_FAULT);
    /* sip/sie in V=1 are vsip/vsie: the hideleg'd VS bits shifted down. */
    env->priv = PRV_S;
    env->hideleg = MIP_VSSIP;
    env->hvip = MIP_VSSIP | MIP_VSTIP;
    g_assert_cmphex(csr_read(env, CSR_SIP), ==, MIP_SSIP);
    csr_write(env, CSR_SIP, 0);
    g_assert_cmphex(env->hvip, ==, MIP_VSTIP);
}

/* htinst transformations (mmu.c), compressed forms included. */
static void test_transform_insn(void)
{
    g_assert_cmphex(riscv_transform_insn(0x0085b503, 0), ==, 0x3503);
    g_assert_cmphex(riscv_transform_insn(0x6588, 0), ==, 0x3501); /* c.ld */
    g_assert_cmphex(riscv_transform_insn(0x00c5a223, 0), ==, 0xc02023);
    g_assert_cmphex(riscv_transform_insn(0x00c5a52f, 0), ==, 0xc0252f);
    g_assert_cmphex(riscv_transform_insn(0x0085b503, 4), ==, 0x23503);
    g_assert_cmphex(riscv_transform_insn(0x6ac5c073, 0), ==, 0x6ac04073);
    g_assert_cmphex(riscv_transform_insn(0x00000013, 0), ==, 0); /* addi */
    g_assert_cmphex(riscv_transform_insn(0x30200073, 0), ==, 0); /* mret */
}

/* Svnapot (64 KiB) and Svpbmt PTEs. */
static void test_mmu_svnapot_svpbmt(void)
{
    g_autofree RISCVCPU *cpu = new_cpu_h();
    CPURISCVState *env = &cpu->env;
    uint64_t root, pa, pte_addr;
    int prot;

    ram_reset();
    setup_satp(env, SATP_MODE_SV39, &root);
    /* NAPOT: ppn[3:0] = 8 at level 0; bits 15:12 come from the address. */
    pte_addr = map(root, 3, 0x40010000, RAM_BASE + 0x310000, 0, PTE_R | AD);
    for (int i = 15; i >= 0; i--) { /* software replicates it 16 times */
        pte_put(pte_addr + 8 * i,
                pte_get(pte_addr) | PTE_N | (8ULL << PTE_PPN_SHIFT));
    }
    g_assert_cmpint(
        xlate(env, 0x40010000 + 0x5123, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot),
        ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x315123);
    /* N with another ppn[3:0] is reserved. */
    pte_put(pte_addr, pte_get(pte_addr) ^ (1ULL << PTE_PPN_SHIFT));
    tlb_flush(env);
    g_assert_cmpint(
        xlate(env, 0x40010000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);
    cpu->cfg.ext_svnapot = false;
    pte_put(pte_addr, pte_get(pte_addr) ^ (1ULL << PTE_PPN_SHIFT));
    g_assert_cmpint(
        xlate(env, 0x40010000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);
    /* PBMT: reserved unless menvcfg.PBMTE; value 3 always reserved. */
    pte_addr = map(root, 3, 0x40020000, RAM_BASE + 0x320000, 0, PTE_R | AD);
    pte_put(pte_addr, pte_get(pte_addr) | (1ULL << PTE_PBMT_SHIFT));
    g_assert_cmpint(
        xlate(env, 0x40020000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);
    csr_write(env, CSR_MENVCFG, MENVCFG_PBMTE);
    g_assert_cmpint(
        xlate(env, 0x40020000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_NONE);
    pte_put(pte_addr, pte_get(pte_addr) | PTE_PBMT);
    g_assert_cmpint(
        xlate(env, 0x40020000, MMU_DATA_LOAD, MMU_IDX_S, &pa, &prot), ==,
        RISCV_EXCP_LOAD_PAGE_FAULT);
}

/* Two stages: G-stage root of 16 KiB, U bit required, GPA width. */
static void test_mmu_two_stage(void)
{
    g_autofree RISCVCPU *cpu = new_cpu_h();
    CPURISCVState *env = &cpu->env;
    uint64_t groot, vroot, pa, gpa;
    uint32_t tinst;
    int prot;

    ram_reset();
    pmp_allow_all(env);
    /* A 16 KiB-aligned root: four tables. */
    while (next_table & 0x3fff) {
        alloc_table();
    }
    groot = alloc_table();
    alloc_table();
    alloc_table();
    alloc_table();
    env->hgatp = (8ULL << 60) | (groot >> 12);
    /* GPA 0x10000000000 (root index 1024: the x4 part) -> RAM. */
    pte_put(groot + 1024 * 8, make_pte(RAM_BASE, 0)); /* gigapage below */
    pte_put(groot + 1024 * 8, 0);
    pte_put(groot + 2 * 8, make_pte(RAM_BASE, RWX | PTE_U | AD));
    env->vsatp = 0;
    g_assert_cmpint(riscv_translate(env, RAM_BASE + 0x1234, MMU_DATA_LOAD,
                                    MMU_IDX_VS, &pa, &prot, &gpa, &tinst),
                    ==, RISCV_EXCP_NONE);
    g_assert_cmphex(pa, ==, RAM_BASE + 0x1234);
    /* Beyond 41 bits: a guest-page fault with the GPA. */
    g_assert_cmpint(riscv_translate(env, 1ULL << 41, MMU_DATA_STORE, MMU_IDX_VS,
                                    &pa, &prot, &gpa, &tinst),
                    ==, RISCV_EXCP_STORE_GUEST_PAGE_FAULT);
    g_assert_cmphex(gpa, ==, 1ULL << 41);
    /* No U bit at G-stage: guest-page fault even from VS. */
    pte_put(groot + 2 * 8, make_pte(RAM_BASE, RWX | AD));
    g_assert_cmpint(riscv_translate(env, RAM_BASE, MMU_INST_FETCH, MMU_IDX_VS,
                                    &pa, &prot, &gpa, &tinst),
                    ==, RISCV_EXCP_INST_GUEST_PAGE_FAULT);
    pte_put(groot + 2 * 8, make_pte(RAM_BASE, RWX | PTE_U | AD));
    /* VS-stage table whose PTE GPA is unmapped: pseudoinstruction. */
    vroot = alloc_table();
    env->vsatp = (8ULL << 60) | (vroot >> 12);
    pte_put(vroot, make_pte(0xc0000000ULL, 0)); /* GPA 0xc0000000: hole */
    g_assert_cmpint(riscv_translate(env, 0x1000, MMU_DATA_LOAD, MMU_IDX_VS, &pa,
                                    &prot, &gpa, &tinst),
                    ==, RISCV_EXCP_LOAD_GUEST_PAGE_FAULT);
    g_assert_cmphex(gpa, ==, 0xc0000000ULL);
    g_assert_cmphex(tinst, ==, TINST_PTE_READ);
    /* Garbage hgatp from a hostile guest: an architectural fault. */
    csr_write(env, CSR_HGATP, ~0ULL);
    env->hgatp = (8ULL << 60) | SATP_PPN_MASK; /* a root nowhere */
    g_assert_cmpint(riscv_translate(env, 0x1000, MMU_DATA_LOAD, MMU_IDX_VS, &pa,
                                    &prot, &gpa, &tinst),
                    ==, RISCV_EXCP_LOAD_ACCESS_FAULT);
}

static void test_pmp(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    int page_prot;

    /* Nothing set up: M passes, S/U fail. */
    g_assert_true(pmp_ok(env, 0x80000000, 4, MMU_DATA_LOAD, PRV_M));
    g_assert_false(pmp_ok(env, 0x80000000, 4, MMU_DATA_LOAD, PRV_S));
    g_assert_false(pmp_ok(env, 0x80000000, 4, MMU_INST_FETCH, PRV_U));
    /* No PMP at all: everything passes. */
    cpu->cfg.pmp = false;
    g_assert_true(pmp_ok(env, 0x80000000, 4, MMU_DATA_LOAD, PRV_U));
    g_assert_false(csr_ok(env, CSR_PMPCFG0, 0));
    cpu->cfg.pmp = true;

    /* Only even pmpcfg exist; entries 16..63 are read-only zero. */
    g_assert_false(csr_ok(env, CSR_PMPCFG0 + 1, 0));
    g_assert_true(csr_ok(env, CSR_PMPCFG0 + 4, 0));
    csr_write(env, CSR_PMPCFG0 + 4, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_PMPCFG0 + 4), ==, 0);
    csr_write(env, CSR_PMPADDR0 + 20, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_PMPADDR0 + 20), ==, 0);
    csr_write(env, CSR_PMPADDR0 + 15, ~0ULL);
    g_assert_cmphex(csr_read(env, CSR_PMPADDR0 + 15), ==, (1ULL << 54) - 1);
    csr_write(env, CSR_PMPADDR0 + 15, 0);

    /* cfg WARL: R=0 W=1 loses W; bits 6:5 read zero. */
    csr_write(env, CSR_PMPCFG0, 0x62);
    g_assert_cmphex(csr_read(env, CSR_PMPCFG0), ==, 0);

    /*
     * entry 0: NA4 at 0x80000000, no permissions
     * entry 1: NAPOT 0x80000000..0x80000fff, R
     * entry 2: TOR 0x80000000 (pmpaddr1's bits...) - use entry 3 instead
     * entry 3: TOR [pmpaddr2, pmpaddr3) = [0x80001000, 0x80003000), RX
     * entry 4: NAPOT everything, RWX (OpenSBI's catch-all)
     */
    csr_write(env, CSR_PMPADDR0, 0x80000000 >> 2);
    csr_write(env, CSR_PMPADDR0 + 1, (0x80000000 >> 2) | 0x1ff);
    csr_write(env, CSR_PMPADDR0 + 2, 0x80001000 >> 2);
    csr_write(env, CSR_PMPADDR0 + 3, 0x80003000 >> 2);
    csr_write(env, CSR_PMPADDR0 + 4, ~0ULL);
    csr_write(
        env, CSR_PMPCFG0,
        ((uint64_t)(PMP_A_NA4 << PMP_A_SHIFT) << 0) |
            ((uint64_t)((PMP_A_NAPOT << PMP_A_SHIFT) | PMP_R) << 8) |
            ((uint64_t)((PMP_A_TOR << PMP_A_SHIFT) | PMP_R | PMP_X) << 24) |
            ((uint64_t)((PMP_A_NAPOT << PMP_A_SHIFT) | PMP_R | PMP_W | PMP_X)
             << 32));

    /* NA4 wins over the NAPOT it is inside (lowest number first). */
    g_assert_false(pmp_ok(env, 0x80000000, 4, MMU_DATA_LOAD, PRV_S));
    g_assert_true(pmp_ok(env, 0x80000004, 4, MMU_DATA_LOAD, PRV_S));
    g_assert_false(pmp_ok(env, 0x80000004, 4, MMU_DATA_STORE, PRV_S));
    /* Partly inside the NA4 entry: fails. */
    g_assert_false(pmp_ok(env, 0x80000002, 4, MMU_DATA_LOAD, PRV_S));
    /* Straddling the NAPOT end into TOR: partial match fails. */
    g_assert_false(pmp_ok(env, 0x80000ffc, 8, MMU_DATA_LOAD, PRV_S));
    /* TOR range */
    g_assert_true(pmp_ok(env, 0x80001000, 8, MMU_INST_FETCH, PRV_U));
    g_assert_true(pmp_ok(env, 0x80002ff8, 8, MMU_DATA_LOAD, PRV_U));
    g_assert_false(pmp_ok(env, 0x80002000, 4, MMU_DATA_STORE, PRV_U));
    /* Above TOR: catch-all. */
    g_assert_true(pmp_ok(env, 0x80003000, 8, MMU_DATA_STORE, PRV_U));
    g_assert_true(pmp_ok(env, 0xffffffffff000ULL, 8, MMU_DATA_STORE, PRV_S));
    /* Unlocked entries do not bind M. */
    g_assert_true(pmp_ok(env, 0x80000000, 4, MMU_DATA_STORE, PRV_M));

    /* page_prot: uniform pages only. */
    g_assert_true(
        riscv_pmp_check(env, 0x80001000, 4, MMU_DATA_LOAD, PRV_S, &page_prot));
    g_assert_cmpint(page_prot, ==, PAGE_READ | PAGE_EXEC);
    g_assert_true(
        riscv_pmp_check(env, 0x80000004, 4, MMU_DATA_LOAD, PRV_S, &page_prot));
    g_assert_cmpint(page_prot, ==, 0);
    g_assert_true(
        riscv_pmp_check(env, 0x80000000, 4, MMU_DATA_LOAD, PRV_M, &page_prot));
    g_assert_cmpint(page_prot, ==, 0);
    g_assert_true(
        riscv_pmp_check(env, 0x80003000, 4, MMU_DATA_LOAD, PRV_M, &page_prot));
    g_assert_cmpint(page_prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);
    g_assert_true(
        riscv_pmp_check(env, 0x80003000, 4, MMU_DATA_LOAD, PRV_U, &page_prot));
    g_assert_cmpint(page_prot, ==, PAGE_READ | PAGE_WRITE | PAGE_EXEC);

    /* Lock entry 3 (TOR): M is now bound and pmpaddr2/3 are frozen. */
    csr_write(env, CSR_PMPCFG0,
              csr_read(env, CSR_PMPCFG0) | ((uint64_t)PMP_L << 24));
    g_assert_false(pmp_ok(env, 0x80002000, 4, MMU_DATA_STORE, PRV_M));
    g_assert_true(pmp_ok(env, 0x80002000, 4, MMU_DATA_LOAD, PRV_M));
    csr_write(env, CSR_PMPADDR0 + 2, 0);
    csr_write(env, CSR_PMPADDR0 + 3, 0);
    g_assert_cmphex(csr_read(env, CSR_PMPADDR0 + 2), ==, 0x80001000 >> 2);
    g_assert_cmphex(csr_read(env, CSR_PMPADDR0 + 3), ==, 0x80003000 >> 2);
    /* The locked cfg byte ignores writes; its neighbours do not. */
    csr_write(env, CSR_PMPCFG0, 0);
    g_assert_cmphex(
        csr_read(env, CSR_PMPCFG0), ==,
        (uint64_t)((PMP_A_TOR << PMP_A_SHIFT) | PMP_R | PMP_X | PMP_L) << 24);
    /* pmpaddr1 is still writable (entry 2 is not locked). */
    csr_write(env, CSR_PMPADDR0 + 1, 5);
    g_assert_cmphex(csr_read(env, CSR_PMPADDR0 + 1), ==, 5);

    /* TOR with an empty range matches nothing. */
    env->pmpaddr[5] = 0x100;
    env->pmpaddr[6] = 0x80;
    env->pmpcfg[6] = (PMP_A_TOR << PMP_A_SHIFT) | PMP_R;
    g_assert_false(pmp_ok(env, 0x300, 4, MMU_DATA_LOAD, PRV_S));
    /* TOR entry 0 starts at 0. */
    env->pmpcfg[3] = 0;
    env->pmpaddr[0] = 0x1000 >> 2;
    env->pmpcfg[0] = (PMP_A_TOR << PMP_A_SHIFT) | PMP_X;
    g_assert_true(pmp_ok(env, 0, 4, MMU_INST_FETCH, PRV_U));
    g_assert_true(pmp_ok(env, 0xffc, 4, MMU_INST_FETCH, PRV_U));
    g_assert_false(pmp_ok(env, 0x1000, 4, MMU_INST_FETCH, PRV_U));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);

    g_assert_true(
        memory_region_init_ram(&ram, NULL, "test-ram", RAM_SIZE, NULL));
    memory_region_add_subregion(get_system_memory(), RAM_BASE, &ram);
    ram_host = memory_region_get_ram_ptr(&ram);

    g_test_add_func("/riscv/csr/access", test_csr_access);
    g_test_add_func("/riscv/csr/fp", test_csr_fp);
    g_test_add_func("/riscv/csr/counters", test_csr_counters);
    g_test_add_func("/riscv/csr/envcfg-cbo", test_csr_envcfg_cbo);
    g_test_add_func("/riscv/csr/triggers", test_csr_triggers);
    g_test_add_func("/riscv/csr/mstatus", test_csr_mstatus);
    g_test_add_func("/riscv/csr/mip", test_csr_mip);
    g_test_add_func("/riscv/csr/tvec-epc", test_csr_tvec_epc);
    g_test_add_func("/riscv/csr/satp", test_csr_satp);
    g_test_add_func("/riscv/csr/sstc", test_csr_sstc);
    g_test_add_func("/riscv/trap/delegation", test_trap_delegation);
    g_test_add_func("/riscv/trap/vectored", test_trap_vectored);
    g_test_add_func("/riscv/trap/system-insns", test_system_insns);
    g_test_add_func("/riscv/irq/priority", test_irq_priority);
    g_test_add_func("/riscv/mmu/sv39", test_mmu_sv39);
    g_test_add_func("/riscv/mmu/sv48", test_mmu_sv48);
    g_test_add_func("/riscv/mmu/sv57", test_mmu_sv57);
    g_test_add_func("/riscv/mmu/faults", test_mmu_faults);
    g_test_add_func("/riscv/mmu/sum-mxr", test_mmu_sum_mxr);
    g_test_add_func("/riscv/mmu/index", test_mmu_index);
    g_test_add_func("/riscv/pmp/rules", test_pmp);
    g_test_add_func("/riscv/hyp/csr-warl", test_csr_hyp_warl);
    g_test_add_func("/riscv/hyp/csr-virt", test_csr_hyp_virt);
    g_test_add_func("/riscv/hyp/transform-insn", test_transform_insn);
    g_test_add_func("/riscv/hyp/two-stage", test_mmu_two_stage);
    g_test_add_func("/riscv/mmu/svnapot-svpbmt", test_mmu_svnapot_svpbmt);
    return g_test_run();
}
