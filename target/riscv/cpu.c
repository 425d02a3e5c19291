/*
 * The RISC-V hart device: -cpu properties, the ISA string, reset, and the
 * interrupt inputs devices drive.
 */
#include "qemu/osdep.h"
#include "sysemu/sysemu.h"
#include "target/riscv/cpu.h"
#include "exec/cpu-ldst.h"
#include "accel/tcg/cpu-exec.h"
#include "accel/tcg/tcg-cpu-ops.h"
#include "target/riscv/gdbstub.h"

extern const TCGCPUOps riscv_tcg_ops; /* tcg-ops.c */

/* ABI register names, as the disassembler, dumps and gdb show them. */
const char *const riscv_gpr_names[32] = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

const char *const riscv_fpr_names[32] = {
    "ft0", "ft1", "ft2",  "ft3",  "ft4", "ft5", "ft6",  "ft7",
    "fs0", "fs1", "fa0",  "fa1",  "fa2", "fa3", "fa4",  "fa5",
    "fa6", "fa7", "fs2",  "fs3",  "fs4", "fs5", "fs6",  "fs7",
    "fs8", "fs9", "fs10", "fs11", "ft8", "ft9", "ft10", "ft11",
};

/* A device line changed: mip_lines is shared with the vCPU thread. */
static void riscv_cpu_set_irq(void *opaque, int irq, int level)
{
    RISCVCPU *cpu = opaque;
    uint64_t bit = 1ULL << irq;

    if (level) {
        __atomic_fetch_or(&cpu->env.mip_lines, bit, __ATOMIC_SEQ_CST);
    } else {
        __atomic_fetch_and(&cpu->env.mip_lines, ~bit, __ATOMIC_SEQ_CST);
    }
    cpu_exit_request(&cpu->env, EXIT_REQUEST_IRQ);
}

void riscv_cpu_set_rdtime_fn(RISCVCPU *cpu, uint64_t (*fn)(void *),
                             int64_t (*deadline)(void *, uint64_t),
                             void *opaque)
{
    cpu->env.rdtime_fn = fn;
    cpu->env.rdtime_deadline_fn = deadline;
    cpu->env.rdtime_opaque = opaque;
}

/* Sstc: (v)stimecmp reached; riscv_cpu_read_mip() derives (VS)TIP. */
static void riscv_stimer_cb(void *opaque)
{
    RISCVCPU *cpu = opaque;

    cpu_exit_request(&cpu->env, EXIT_REQUEST_IRQ);
}

static const Property riscv_cpu_props[] = {
    DEFINE_PROP_UINT32("hartid", RISCVCPU, hartid, 0),
    DEFINE_PROP_UINT64("resetvec", RISCVCPU, resetvec, 0x1000),
    DEFINE_PROP_BOOL("a", RISCVCPU, cfg.ext_a, true),
    DEFINE_PROP_BOOL("c", RISCVCPU, cfg.ext_c, true),
    DEFINE_PROP_BOOL("d", RISCVCPU, cfg.ext_d, true),
    DEFINE_PROP_BOOL("f", RISCVCPU, cfg.ext_f, true),
    DEFINE_PROP_BOOL("m", RISCVCPU, cfg.ext_m, true),
    DEFINE_PROP_BOOL("Zicsr", RISCVCPU, cfg.ext_zicsr, true),
    DEFINE_PROP_BOOL("Zifencei", RISCVCPU, cfg.ext_zifencei, true),
    DEFINE_PROP_BOOL("zicntr", RISCVCPU, cfg.ext_zicntr, true),
    DEFINE_PROP_BOOL("zihpm", RISCVCPU, cfg.ext_zihpm, true),
    DEFINE_PROP_BOOL("Zihintpause", RISCVCPU, cfg.ext_zihintpause, true),
    DEFINE_PROP_BOOL("zicbom", RISCVCPU, cfg.ext_zicbom, true),
    DEFINE_PROP_BOOL("zicbop", RISCVCPU, cfg.ext_zicbop, true),
    DEFINE_PROP_BOOL("zicboz", RISCVCPU, cfg.ext_zicboz, true),
    DEFINE_PROP_UINT16("cbom_blocksize", RISCVCPU, cfg.cbom_blocksize, 64),
    DEFINE_PROP_UINT16("cboz_blocksize", RISCVCPU, cfg.cboz_blocksize, 64),
    DEFINE_PROP_BOOL("Zfh", RISCVCPU, cfg.ext_zfh, false),
    DEFINE_PROP_BOOL("Zfhmin", RISCVCPU, cfg.ext_zfhmin, false),
    DEFINE_PROP_BOOL("zba", RISCVCPU, cfg.ext_zba, true),
    DEFINE_PROP_BOOL("zbb", RISCVCPU, cfg.ext_zbb, true),
    DEFINE_PROP_BOOL("zbc", RISCVCPU, cfg.ext_zbc, true),
    DEFINE_PROP_BOOL("zbs", RISCVCPU, cfg.ext_zbs, true),
    DEFINE_PROP_BOOL("zbkb", RISCVCPU, cfg.ext_zbkb, false),
    DEFINE_PROP_BOOL("zbkc", RISCVCPU, cfg.ext_zbkc, false),
    DEFINE_PROP_BOOL("zbkx", RISCVCPU, cfg.ext_zbkx, false),
    DEFINE_PROP_BOOL("sstc", RISCVCPU, cfg.ext_sstc, true),
    DEFINE_PROP_BOOL("h", RISCVCPU, cfg.ext_h, true),
    DEFINE_PROP_BOOL("svinval", RISCVCPU, cfg.ext_svinval, true),
    DEFINE_PROP_BOOL("svnapot", RISCVCPU, cfg.ext_svnapot, true),
    DEFINE_PROP_BOOL("svpbmt", RISCVCPU, cfg.ext_svpbmt, true),
    DEFINE_PROP_BOOL("mmu", RISCVCPU, cfg.mmu, true),
    DEFINE_PROP_BOOL("pmp", RISCVCPU, cfg.pmp, true),
    DEFINE_PROP_BOOL("debug", RISCVCPU, cfg.debug, true),
    DEFINE_PROP_UINT8("pmu-num", RISCVCPU, cfg.pmu_num, 16),
    DEFINE_PROP_UINT32("mvendorid", RISCVCPU, cfg.mvendorid, 0),
    DEFINE_PROP_UINT64("marchid", RISCVCPU, cfg.marchid, RISCV_CPU_MARCHID),
    DEFINE_PROP_UINT64("mimpid", RISCVCPU, cfg.mimpid, RISCV_CPU_MIMPID),
    DEFINE_PROP_STRING("isa", RISCVCPU, isa),
    DEFINE_PROP_STRING("mmu-type", RISCVCPU, mmu_type),
    DEFINE_PROP_END_OF_LIST(),
};

/*
 * Multi-letter extensions in the order the ISA string lists them: Z
 * extensions by category (i, then f, then b ...), alphabetically within
 * one, then S extensions.
 */
typedef struct RISCVIsaExt {
    const char *name;
    size_t cfg_offset; /* of the bool in RISCVCPUConfig */
} RISCVIsaExt;

#define ISA_EXT(name, field)                  \
    {                                         \
        name, offsetof(RISCVCPUConfig, field) \
    }
static const RISCVIsaExt riscv_isa_exts[] = {
    ISA_EXT("zicbom", ext_zicbom),
    ISA_EXT("zicbop", ext_zicbop),
    ISA_EXT("zicboz", ext_zicboz),
    ISA_EXT("zicntr", ext_zicntr),
    ISA_EXT("zicsr", ext_zicsr),
    ISA_EXT("zifencei", ext_zifencei),
    ISA_EXT("zihintpause", ext_zihintpause),
    ISA_EXT("zihpm", ext_zihpm),
    ISA_EXT("zfh", ext_zfh),
    ISA_EXT("zfhmin", ext_zfhmin),
    ISA_EXT("zba", ext_zba),
    ISA_EXT("zbb", ext_zbb),
    ISA_EXT("zbc", ext_zbc),
    ISA_EXT("zbkb", ext_zbkb),
    ISA_EXT("zbkc", ext_zbkc),
    ISA_EXT("zbkx", ext_zbkx),
    ISA_EXT("zbs", ext_zbs),
    ISA_EXT("sstc", ext_sstc),
    ISA_EXT("svinval", ext_svinval),
    ISA_EXT("svnapot", ext_svnapot),
    ISA_EXT("svpbmt", ext_svpbmt),
};

static char *riscv_isa_string(RISCVCPU *cpu)
{
    CPURISCVState *env = &cpu->env;
    GString *s = g_string_new("rv64i");
    static const char order[] = "mafdch";

    for (const char *p = order; *p; p++) {
        if (env->misa & (1ULL << (*p - 'a'))) {
            g_string_append_c(s, *p);
        }
    }
    for (size_t i = 0; i < ARRAY_SIZE(riscv_isa_exts); i++) {
        const bool *on = (const bool *)((const char *)&cpu->cfg +
                                        riscv_isa_exts[i].cfg_offset);
        if (*on) {
            g_string_append_printf(s, "_%s", riscv_isa_exts[i].name);
        }
    }
    return g_string_free(s, FALSE);
}

/* A cache block lies within a page, and cbo.zero stores doublewords. */
static bool riscv_cbo_blocksize_ok(unsigned size)
{
    return size >= 8 && size <= TARGET_PAGE_SIZE && !(size & (size - 1));
}

static void riscv_cpu_realize(DeviceState *dev, GError **errp)
{
    RISCVCPU *cpu = RISCV_CPU(dev);
    CPURISCVState *env = &cpu->env;

    env->misa = MISA_MXL_RV64 | RVI | RVS | RVU | (cpu->cfg.ext_a ? RVA : 0) |
                (cpu->cfg.ext_c ? RVC : 0) | (cpu->cfg.ext_d ? RVD : 0) |
                (cpu->cfg.ext_f ? RVF : 0) | (cpu->cfg.ext_m ? RVM : 0) |
                (cpu->cfg.ext_h ? RVH : 0);
    if ((env->misa & RVD) && !(env->misa & RVF)) {
        error_setg(errp, "D extension requires F extension");
        return;
    }
    if ((env->misa & (RVF | RVD)) && !cpu->cfg.ext_zicsr) {
        error_setg(errp, "F extension requires Zicsr");
        return;
    }
    if ((cpu->cfg.ext_zfh || cpu->cfg.ext_zfhmin) && !(env->misa & RVF)) {
        error_setg(errp, "Zfh/Zfhmin extensions require F extension");
        return;
    }
    /* Zfh includes Zfhmin; the ISA string names both. */
    cpu->cfg.ext_zfhmin |= cpu->cfg.ext_zfh;
    if (!riscv_cbo_blocksize_ok(cpu->cfg.cbom_blocksize) ||
        !riscv_cbo_blocksize_ok(cpu->cfg.cboz_blocksize)) {
        error_setg(errp, "cbom_blocksize and cboz_blocksize must be powers "
                         "of 2 from 8 to 4096");
        return;
    }
    if (cpu->cfg.pmu_num > 29) {
        error_setg(errp, "Number of counters exceeds maximum available");
        return;
    }
    if (cpu->cfg.ext_sstc && !cpu->cfg.ext_zicsr) {
        error_setg(errp, "sstc requires Zicsr");
        return;
    }
    if (cpu->cfg.ext_h && !cpu->cfg.mmu) {
        error_setg(errp, "H extension requires the MMU (mmu=on)");
        return;
    }
    cpu->cfg.satp_max_mode = cpu->cfg.mmu ? SATP_MODE_SV57 : SATP_MODE_BARE;
    g_free(cpu->isa);
    cpu->isa = riscv_isa_string(cpu);
    g_free(cpu->mmu_type);
    cpu->mmu_type = g_strdup(cpu->cfg.mmu ? "riscv,sv57" : "riscv,none");
    env->stimer = timer_new_ns(QEMU_CLOCK_VIRTUAL, riscv_stimer_cb, cpu);
    env->vstimer = timer_new_ns(QEMU_CLOCK_VIRTUAL, riscv_stimer_cb, cpu);
    qemu_init_vcpu(CPU(cpu), errp);
}

static void riscv_cpu_reset(DeviceState *dev)
{
    RISCVCPU *cpu = RISCV_CPU(dev);
    CPURISCVState *env = &cpu->env;

    /* Device lines (mip_lines) are wires: a reset does not change them. */
    memset(env->gpr, 0, sizeof(env->gpr));
    memset(env->fpr, 0, sizeof(env->fpr));
    env->pc = cpu->resetvec;
    env->priv = PRV_M;
    env->virt_enabled = false;
    env->mstatus = 0;
    env->mhartid = cpu->hartid;
    env->medeleg = env->mie = env->mip = 0;
    /* With H, mideleg's VS-level bits are read-only one. */
    env->mideleg = riscv_has_ext(env, RVH) ? MIP_VS_INTS : 0;
    env->hstatus = env->hedeleg = env->hideleg = env->hcounteren = 0;
    env->htimedelta = env->htval = env->htinst = env->hgatp = 0;
    env->henvcfg = env->hvip = env->vsstatus = env->vstvec = 0;
    env->vsscratch = env->vsepc = env->vscause = env->vstval = 0;
    env->vsatp = env->mtval2 = env->mtinst = 0;
    env->vstimecmp = UINT64_MAX;
    env->trap_gpa = env->trap_tinst = 0;
    env->trap_gva = false;
    env->split_base = UINT64_MAX;
    env->mtvec = env->mscratch = env->mepc = env->mcause = env->mtval = 0;
    env->stvec = env->sscratch = env->sepc = env->scause = env->stval = 0;
    env->mcounteren = env->scounteren = env->mcountinhibit = 0;
    env->menvcfg = env->senvcfg = env->satp = 0;
    env->stimecmp = UINT64_MAX;
    env->fflags = env->frm = 0;
    env->instret = env->mcycle_offset = env->minstret_offset = 0;
    memset(env->mhpmevent, 0, sizeof(env->mhpmevent));
    memset(env->mhpmcounter, 0, sizeof(env->mhpmcounter));
    memset(env->pmpcfg, 0, sizeof(env->pmpcfg));
    memset(env->pmpaddr, 0, sizeof(env->pmpaddr));
    riscv_drop_reservation(env);
    riscv_trigger_reset(env);
    env->exception = RISCV_EXCP_NONE;
    env->badaddr = 0;
    env->halted = false;
    riscv_cpu_update_mmu_idx(env);
    if (env->stimer) {
        timer_del(env->stimer);
    }
    if (env->vstimer) {
        timer_del(env->vstimer);
    }
    tlb_flush(env);
    tb_flush(env);
}

/* The CSRs `info registers` shows, in order; h: only with the H extension. */
typedef struct DumpCsr {
    const char *name;
    size_t offset; /* of a uint64_t in CPURISCVState */
    bool h;
} DumpCsr;

#define DUMP(field, h)                            \
    {                                             \
#field, offsetof(CPURISCVState, field), h \
    }
static const DumpCsr dump_csrs[] = {
    DUMP(mhartid, false),  DUMP(mstatus, false),   DUMP(hstatus, true),
    DUMP(vsstatus, true),  DUMP(mie, false),       DUMP(mideleg, false),
    DUMP(hideleg, true),   DUMP(medeleg, false),   DUMP(hedeleg, true),
    DUMP(mtvec, false),    DUMP(stvec, false),     DUMP(vstvec, true),
    DUMP(mepc, false),     DUMP(sepc, false),      DUMP(vsepc, true),
    DUMP(mcause, false),   DUMP(scause, false),    DUMP(vscause, true),
    DUMP(mtval, false),    DUMP(stval, false),     DUMP(vstval, true),
    DUMP(htval, true),     DUMP(mtval2, true),     DUMP(satp, false),
    DUMP(vsatp, true),     DUMP(hgatp, true),      DUMP(stimecmp, false),
    DUMP(vstimecmp, true), DUMP(htimedelta, true),
};
#undef DUMP

/* HMP `info registers` and -d cpu. */
static void riscv_cpu_dump_state(CPUState *cs, GString *out)
{
    CPURISCVState *env = cpu_env(cs);
    bool h = riscv_has_ext(env, RVH);

    g_string_append_printf(out, " pc       %016" PRIx64 "\n", env->pc);
    g_string_append_printf(out, " priv     %c\n", "USHM"[env->priv & 3]);
    if (h) {
        g_string_append_printf(out, " V        %d\n", env->virt_enabled);
    }
    g_string_append_printf(out, " mip      %016" PRIx64 "\n",
                           riscv_cpu_read_mip(env));
    for (size_t i = 0; i < G_N_ELEMENTS(dump_csrs); i++) {
        const DumpCsr *d = &dump_csrs[i];

        if (!d->h || h) {
            g_string_append_printf(out, " %-8s %016" PRIx64 "\n", d->name,
                                   *(uint64_t *)((char *)env + d->offset));
        }
    }
    for (int i = 0; i < 32; i++) {
        g_string_append_printf(out, " x%-2d/%-4s %016" PRIx64 "%s", i,
                               riscv_gpr_names[i], env->gpr[i],
                               (i % 4) == 3 ? "\n" : " ");
    }
    for (int i = 0; i < 32; i++) {
        g_string_append_printf(out, " f%-2d      %016" PRIx64 "%s", i,
                               env->fpr[i], (i % 4) == 3 ? "\n" : " ");
    }
}

static bool riscv_cpu_class_has_work(CPUState *cs)
{
    return riscv_cpu_has_work(cpu_env(cs));
}

static uint64_t riscv_cpu_get_pc(CPUState *cs)
{
    return cpu_env(cs)->pc;
}

static void riscv_cpu_set_pc(CPUState *cs, uint64_t pc)
{
    cpu_env(cs)->pc = pc;
}

static void riscv_cpu_init(Object *obj)
{
    qdev_init_gpio_in(DEVICE(obj), riscv_cpu_set_irq, IRQ_LOCAL_MAX);
}

static void riscv_cpu_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    CPUClass *cc = CPU_CLASS(oc);

    cc->dump_state = riscv_cpu_dump_state;
    cc->has_work = riscv_cpu_class_has_work;
    cc->get_pc = riscv_cpu_get_pc;
    cc->set_pc = riscv_cpu_set_pc;
    cc->gdb_num_core_regs = RISCV_GDB_NUM_CORE;
    cc->gdb_num_regs = RISCV_GDB_NUM_REGS;
    cc->gdb_read_register = riscv_gdb_read_register;
    cc->gdb_write_register = riscv_gdb_write_register;
    cc->gdb_get_xml = riscv_gdb_get_xml;
    cc->gdb_rw_memory = riscv_gdb_rw_memory;
    cc->tcg_ops = &riscv_tcg_ops;
    dc->desc = "RISC-V hart";
    dc->realize = riscv_cpu_realize;
    dc->reset = riscv_cpu_reset;
    device_class_set_props(dc, riscv_cpu_props);
}

static const TypeInfo riscv_cpu_types[] = {
    {
        .name = TYPE_RISCV_CPU,
        .parent = TYPE_CPU,
        .instance_size = sizeof(RISCVCPU),
        .instance_init = riscv_cpu_init,
        .abstract = true,
        .class_size = sizeof(CPUClass),
        .class_init = riscv_cpu_class_init,
    },
    {
        .name = TYPE_RISCV_CPU_BASE64,
        .parent = TYPE_RISCV_CPU,
    },
};

static void riscv_cpu_register_types(void)
{
    type_register_static_array(riscv_cpu_types, ARRAY_SIZE(riscv_cpu_types));
}

type_init(riscv_cpu_register_types)
