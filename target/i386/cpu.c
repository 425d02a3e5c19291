/*
 * The x86-64 CPU device: a type per model of cpu-models.c with a boolean
 * property per CPUID flag (defaults: the model's features), tsc-frequency,
 * the architectural reset state (SDM vol. 3, 9.1.1 "Processor State After
 * Reset"), `-cpu help`, and gdb's view.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "sysemu/accel.h"
#include "sysemu/kvm.h"
#include "target/i386/cpu.h"
#include "target/i386/kvm-x86.h"
#include "target/i386/msrs.h"

static void x86_set_seg(SegmentCache *sc, uint32_t selector, uint64_t base,
                        uint32_t limit, uint32_t flags)
{
    sc->selector = selector;
    sc->base = base;
    sc->limit = limit;
    sc->flags = flags;
}

void x86_cpu_enter_flat32(X86CPU *cpu, uint32_t eip, uint16_t cs, uint16_t ds)
{
    CPUX86State *env = &cpu->env;
    uint32_t flat = DESC_P_MASK | DESC_S_MASK | DESC_B_MASK | DESC_G_MASK;

    env->rip = eip;
    env->eflags = EFLAGS_FIXED; /* IF and VM clear */
    env->cr[0] = CR0_PE_MASK | CR0_ET_MASK;
    for (int s = 0; s < X86_NB_SEGS; s++) {
        /* code: execute/read, accessed; data: read/write, accessed */
        x86_set_seg(&env->segs[s], s == R_CS ? cs : ds, 0, 0xffffffff,
                    flat | ((s == R_CS ? 0xbu : 0x3u) << DESC_TYPE_SHIFT));
    }
    env->lapic_virtual_wire = true;
}

static void x86_cpu_reset(DeviceState *dev)
{
    X86CPU *cpu = X86_CPU(dev);
    CPUX86State *env = &cpu->env;
    uint32_t data_flags = DESC_P_MASK | DESC_S_MASK | (3u << DESC_TYPE_SHIFT);

    memset(env->regs, 0, sizeof(env->regs));
    env->regs[R_EDX] = env->cpuid_version; /* Table 9-1 */
    env->rip = 0xfff0;
    env->eflags = EFLAGS_FIXED;
    /* CS: F000, base FFFF0000, so the first fetch is at FFFFFFF0. */
    x86_set_seg(&env->segs[R_CS], 0xf000, 0xffff0000, 0xffff,
                DESC_P_MASK | DESC_S_MASK | (0xbu << DESC_TYPE_SHIFT));
    for (int s = 0; s < X86_NB_SEGS; s++) {
        if (s != R_CS) {
            x86_set_seg(&env->segs[s], 0, 0, 0xffff, data_flags);
        }
    }
    x86_set_seg(&env->ldt, 0, 0, 0xffff, DESC_P_MASK | (2u << DESC_TYPE_SHIFT));
    x86_set_seg(&env->tr, 0, 0, 0xffff,
                DESC_P_MASK | (0xbu << DESC_TYPE_SHIFT));
    x86_set_seg(&env->gdt, 0, 0, 0xffff, 0);
    x86_set_seg(&env->idt, 0, 0, 0xffff, 0);
    memset(env->cr, 0, sizeof(env->cr));
    env->cr[0] = CR0_CD_MASK | CR0_NW_MASK | CR0_ET_MASK;
    env->cr8 = 0;
    env->efer = 0;
    memset(env->dr, 0, sizeof(env->dr));
    env->dr[6] = 0xffff0ff0;
    env->dr[7] = 0x400;
    env->xcr0 = 1; /* x87 state always enabled */
    env->mxcsr = 0x1f80;
    env->fpuc = 0x37f;
    env->apic_base = APIC_DEFAULT_ADDRESS | MSR_IA32_APICBASE_ENABLE |
                     (CPU(cpu)->cpu_index == 0 ? MSR_IA32_APICBASE_BSP : 0);
    env->fpus = 0;
    env->fptag_abridged = 0;
    memset(env->fpregs, 0, sizeof(env->fpregs));
    memset(env->xmm, 0, sizeof(env->xmm));
    /* Every XSAVE component in its initial state (XSTATE_BV 0). */
    if (env->xsave) {
        memset(env->xsave, 0, env->xsave_len);
    }
    x86_msrs_reset(env);
    /* The BSP runs; APs wait for INIT-SIPI (KVM_MP_STATE_UNINITIALIZED). */
    env->mp_state = CPU(cpu)->cpu_index == 0 ? 0 : 1;
    env->halted = false;
    env->reset_pending = true;
    env->lapic_virtual_wire = false;
}

/* The features the flag properties add up to. */
static void x86_cpu_collect_features(X86CPU *cpu)
{
    size_t n;
    const X86FeatureFlag *flags = x86_feature_flags(&n);

    memset(cpu->features, 0, sizeof(cpu->features));
    for (size_t i = 0; i < n; i++) {
        if (cpu->flag_props[i]) {
            cpu->features[flags[i].word] |= flags[i].mask;
        }
    }
}

void x86_cpu_cpuid_config(X86CPU *cpu, X86CPUIDConfig *cfg)
{
    const X86CPUModel *m = X86_CPU_GET_CLASS(cpu)->model;

    x86_cpu_collect_features(cpu);
    *cfg = (X86CPUIDConfig){
        .host = m->host,
        .version = x86_cpuid_version(m->family, m->model, m->stepping),
        .level = m->level,
        .xlevel = m->xlevel,
        .model_id = m->model_id,
        .apic_id = cpu->apic_id,
    };
    g_strlcpy(cfg->vendor, m->vendor ? m->vendor : "", sizeof(cfg->vendor));
    memcpy(cfg->features, cpu->features, sizeof(cfg->features));
}

static void x86_cpu_realize(DeviceState *dev, GError **errp)
{
    X86CPU *cpu = X86_CPU(dev);
    const X86CPUModel *m = X86_CPU_GET_CLASS(cpu)->model;

    if (!strcmp(m->name, "host") && !kvm_enabled()) {
        error_setg(errp, "CPU model 'host' requires KVM or HVF");
        return;
    }
    if (cpu->tsc_frequency < 0) {
        error_setg(errp, "tsc-frequency must not be negative");
        return;
    }
    x86_cpu_collect_features(cpu);
    cpu->env.cpuid_version =
        x86_cpuid_version(m->family, m->model, m->stepping);
    if (qemu_init_vcpu(CPU(cpu), errp)) {
        cpu->apic_id = CPU(cpu)->cpu_index;
    }
}

static bool x86_cpu_has_work(CPUState *cs)
{
    return false; /* interrupts are the in-kernel LAPIC's business */
}

static uint64_t x86_cpu_get_pc(CPUState *cs)
{
    CPUX86State *env = x86_env(cs);

    return env->segs[R_CS].base + env->rip;
}

static void x86_cpu_set_pc(CPUState *cs, uint64_t pc)
{
    x86_env(cs)->rip = pc;
}

/*
 * gdb's amd64 core registers: rax rbx rcx rdx rsi rdi rbp rsp r8-r15 (8
 * bytes), rip (8), eflags and cs ss ds es fs gs (4 each).
 */
#define X86_GDB_NUM_CORE 24
static const uint8_t gdb_gpr_order[16] = { R_EAX, R_EBX, R_ECX, R_EDX,
                                           R_ESI, R_EDI, R_EBP, R_ESP,
                                           8,     9,     10,    11,
                                           12,    13,    14,    15 };
static const uint8_t gdb_seg_order[6] = { R_CS, R_SS, R_DS, R_ES, R_FS, R_GS };

static int gdb_put(uint8_t *buf, uint64_t v, int size)
{
    for (int i = 0; i < size; i++) {
        buf[i] = v >> (8 * i);
    }
    return size;
}

static uint64_t gdb_get(const uint8_t *buf, int size)
{
    uint64_t v = 0;

    for (int i = 0; i < size; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return v;
}

static int x86_gdb_read_register(CPUState *cs, int n, uint8_t *buf)
{
    CPUX86State *env = x86_env(cs);

    if (n < 16) {
        return gdb_put(buf, env->regs[gdb_gpr_order[n]], 8);
    } else if (n == 16) {
        return gdb_put(buf, env->rip, 8);
    } else if (n == 17) {
        return gdb_put(buf, env->eflags, 4);
    } else if (n < X86_GDB_NUM_CORE) {
        return gdb_put(buf, env->segs[gdb_seg_order[n - 18]].selector, 4);
    }
    return 0;
}

/* Segment selectors are read-only here: their hidden parts would lag. */
static int x86_gdb_write_register(CPUState *cs, int n, const uint8_t *buf)
{
    CPUX86State *env = x86_env(cs);

    if (n < 16) {
        env->regs[gdb_gpr_order[n]] = gdb_get(buf, 8);
        return 8;
    } else if (n == 16) {
        env->rip = gdb_get(buf, 8);
        return 8;
    } else if (n == 17) {
        env->eflags = gdb_get(buf, 4) | EFLAGS_FIXED;
        return 4;
    }
    return 0;
}

static const char *x86_gdb_get_xml(const char *annex)
{
    return NULL; /* gdb's built-in amd64 layout */
}

/*
 * gdb's addresses are linear: under KVM the vCPU's page tables translate
 * them (KVM_TRANSLATE); where that fails (no KVM, the vCPU running, not
 * mapped) the address is taken as physical, as the CPUClass hook says.
 */
static bool x86_gdb_translate(CPUState *cs, uint64_t vaddr, uint64_t *paddr)
{
    return kvm_enabled() && kvm_translate(cs, vaddr, paddr);
}

static bool x86_gdb_write(uint64_t pa, const uint8_t *buf, size_t len)
{
    return address_space_write_rom(&address_space_memory, pa, buf, len) ==
           MEMTX_OK;
}

static bool x86_gdb_rw_memory(CPUState *cs, uint64_t addr, uint8_t *buf,
                              size_t len, bool is_write)
{
    return cpu_debug_rw_pages(cs, addr, buf, len, is_write, x86_gdb_translate,
                              x86_gdb_write);
}

static gint x86_model_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp((*(const X86CPUModel *const *)a)->name,
                  (*(const X86CPUModel *const *)b)->name);
}

/* -cpu help, in QEMU's layout: models, then the flags, wrapped. */
static void x86_cpu_list_models(void)
{
    g_autoptr(GPtrArray) names = g_ptr_array_new();
    size_t n;
    const X86FeatureFlag *flags = x86_feature_flags(&n);
    int col = 0;

    printf("Available CPUs:\n");
    for (size_t i = 0; i < x86_cpu_model_count; i++) {
        g_ptr_array_add(names, (gpointer)&x86_cpu_models[i]);
    }
    g_ptr_array_sort(names, x86_model_cmp);
    for (guint i = 0; i < names->len; i++) {
        const X86CPUModel *m = names->pdata[i];

        printf("x86 %-20s  %s\n", m->name, m->desc ? m->desc : m->model_id);
    }
    printf("\nRecognized CPUID flags:\n");
    for (size_t i = 0; i < n; i++) {
        int len = strlen(flags[i].name);

        if (col && col + 1 + len > 75) {
            printf("\n");
            col = 0;
        }
        printf("%s%s", col ? " " : "  ", flags[i].name);
        col += (col ? 1 : 2) + len;
    }
    printf("\n");
}

static const Property x86_cpu_props[] = {
    DEFINE_PROP_INT64("tsc-frequency", X86CPU, tsc_frequency, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void x86_cpu_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    CPUClass *cc = CPU_CLASS(oc);

    dc->desc = "x86-64 CPU";
    dc->realize = x86_cpu_realize;
    dc->reset = x86_cpu_reset;
    cc->dump_state = x86_cpu_dump_state;
    cc->has_work = x86_cpu_has_work;
    cc->get_pc = x86_cpu_get_pc;
    cc->set_pc = x86_cpu_set_pc;
    cc->gdb_num_core_regs = X86_GDB_NUM_CORE;
    cc->gdb_num_regs = X86_GDB_NUM_CORE;
    cc->gdb_read_register = x86_gdb_read_register;
    cc->gdb_write_register = x86_gdb_write_register;
    cc->gdb_get_xml = x86_gdb_get_xml;
    cc->gdb_rw_memory = x86_gdb_rw_memory;
    cc->kvm_ops = &x86_kvm_ops;
    cc->list_models = x86_cpu_list_models;
    cc->plus_minus_flags = true;
    object_class_add_props(oc, x86_cpu_props);
}

/*
 * Under KVM every fixed model also has these (as QEMU's KVM defaults):
 * the x2APIC and TSC-deadline timer the in-kernel LAPIC provides, the
 * hypervisor bit and KVM's paravirtual clock leaves.
 */
static const char x86_kvm_default_features[] =
    "x2apic tsc-deadline hypervisor kvmclock kvm-nopiodelay kvm-asyncpf "
    "kvm-steal-time kvm-pv-eoi kvmclock-stable-bit";

/* A flag property per CPUID flag, defaulting to the model's features. */
static void x86_model_class_init(ObjectClass *oc, void *data)
{
    const X86CPUModel *m = data;
    X86CPUClass *xcc = X86_CPU_CLASS(oc);
    FeatureWordArray f = { 0 };
    const char *bad = NULL;
    size_t n;
    const X86FeatureFlag *flags = x86_feature_flags(&n);
    Property *props = g_new0(Property, n + 1);

    g_assert(n <= X86_MAX_FLAGS);
    xcc->model = m;
    if (!m->host) {
        bool ok = x86_parse_feature_list(m->features, f, &bad) &&
                  x86_parse_feature_list(x86_kvm_default_features, f, &bad);

        if (!ok) {
            g_error("CPU model %s: unknown feature '%s'", m->name, bad);
        }
    }
    for (size_t i = 0; i < n; i++) {
        props[i] = (Property){
            .name = flags[i].name,
            .type = PROP_TYPE_BOOL,
            .offset = offsetof(X86CPU, flag_props) + i,
            .defval = m->host || (f[flags[i].word] & flags[i].mask) != 0,
        };
    }
    object_class_add_props(oc, props);
}

static const TypeInfo x86_cpu_type = {
    .name = TYPE_X86_CPU,
    .parent = TYPE_CPU,
    .instance_size = sizeof(X86CPU),
    .abstract = true,
    .class_size = sizeof(X86CPUClass),
    .class_init = x86_cpu_class_init,
};

static void x86_cpu_register_types(void)
{
    type_register_static(&x86_cpu_type);
    for (size_t i = 0; i < x86_cpu_model_count; i++) {
        TypeInfo ti = {
            .name = g_strdup_printf("%s-" TYPE_X86_CPU, x86_cpu_models[i].name),
            .parent = TYPE_X86_CPU,
            .class_init = x86_model_class_init,
            .class_data = (void *)&x86_cpu_models[i],
        };

        type_register_static(&ti);
    }
}

type_init(x86_cpu_register_types)
