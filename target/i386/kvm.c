/*
 * x86-64 under KVM: the vCPU's CPUID (cpuid.c shapes KVM_GET_SUPPORTED_CPUID
 * by the model), its TSC rate, moving CPUX86State in and out of the kernel
 * (KVM_{GET,SET}_{REGS,SREGS,XSAVE or FPU,XCRS,MSRS,MP_STATE}, and the LAPIC
 * after a reset), and the VM-wide setup the pc machine asks for.
 * (KVM API document 4.11-4.14, 4.18-4.20, 4.38-4.39, 4.42-4.46, 4.55-4.57.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/accel.h"
#include "sysemu/kvm.h"
#include "sysemu/runstate.h"
#include "target/i386/cpu.h"
#include "target/i386/kvm-x86.h"
#include "target/i386/msrs.h"
#include <sys/ioctl.h>
#include <linux/kvm.h>

/* Below the BIOS, as QEMU places them: real mode needs both on VMX. */
#define KVM_IDENTITY_MAP_ADDR 0xfeffc000ULL
#define KVM_TSS_ADDR          (KVM_IDENTITY_MAP_ADDR + 0x1000)

/*
 * The in-kernel PICs, IOAPIC and PIT as a reset leaves them (KVM API
 * document 4.26-4.27, 4.62-4.63): the 8259s all clear but for their
 * edge/level registers, every IOAPIC pin masked, the PIT's counters in
 * mode 3 with count 0 (65536), channels 0 and 1 gated on (as QEMU's). A
 * reset in the middle of a run then finds them as at power-on.
 */
static void x86_kvm_reset_irqchip(void *opaque)
{
    struct kvm_pit_state2 pit = { .flags = 0 };
    int ret = 0;

    for (uint32_t chip = KVM_IRQCHIP_PIC_MASTER;
         ret >= 0 && chip <= KVM_IRQCHIP_IOAPIC; chip++) {
        struct kvm_irqchip c = { .chip_id = chip };

        ret = kvm_ioctl(kvm_vm_fd(), KVM_GET_IRQCHIP, &c);
        if (ret < 0) {
            break;
        }
        if (chip == KVM_IRQCHIP_IOAPIC) {
            uint64_t base = c.chip.ioapic.base_address;

            memset(&c.chip.ioapic, 0, sizeof(c.chip.ioapic));
            c.chip.ioapic.base_address = base;
            for (int i = 0; i < KVM_IOAPIC_NUM_PINS; i++) {
                c.chip.ioapic.redirtbl[i].bits = 1ULL << 16;
            }
        } else {
            uint8_t elcr = c.chip.pic.elcr, mask = c.chip.pic.elcr_mask;

            memset(&c.chip.pic, 0, sizeof(c.chip.pic));
            c.chip.pic.elcr = elcr;
            c.chip.pic.elcr_mask = mask;
        }
        ret = kvm_ioctl(kvm_vm_fd(), KVM_SET_IRQCHIP, &c);
    }
    for (int i = 0; ret >= 0 && i < 3; i++) {
        pit.channels[i].mode = 3;
        pit.channels[i].gate = i != 2;
    }
    if (ret >= 0) {
        ret = kvm_ioctl(kvm_vm_fd(), KVM_SET_PIT2, &pit);
    }
    if (ret < 0) {
        error_report("kvm: resetting the in-kernel PIC/IOAPIC/PIT: %s",
                     g_strerror(-ret));
    }
}

/*
 * The PC's GSIs, as QEMU routes them: ISA IRQs 0-15 to the 8259 pair
 * (but IRQ 2, the cascade) and every GSI to the IOAPIC pin of its number,
 * except that GSI 0 (the PIT) goes to pin 2, as the MADT's interrupt
 * source override says (ACPI 6.4, 5.2.12.5). The kernel's default would
 * send GSI 0 to pin 0.
 */
static bool x86_kvm_set_gsi_routes(GError **errp)
{
    struct kvm_irq_routing_entry e[15 + 23];
    unsigned n = 0;

    for (unsigned gsi = 0; gsi < 16; gsi++) {
        if (gsi != 2) {
            e[n++] = (struct kvm_irq_routing_entry){
                .gsi = gsi,
                .type = KVM_IRQ_ROUTING_IRQCHIP,
                .u.irqchip.irqchip =
                    gsi < 8 ? KVM_IRQCHIP_PIC_MASTER : KVM_IRQCHIP_PIC_SLAVE,
                .u.irqchip.pin = gsi % 8,
            };
        }
    }
    for (unsigned gsi = 0; gsi < 24; gsi++) {
        if (gsi != 2) {
            e[n++] = (struct kvm_irq_routing_entry){
                .gsi = gsi,
                .type = KVM_IRQ_ROUTING_IRQCHIP,
                .u.irqchip.irqchip = KVM_IRQCHIP_IOAPIC,
                .u.irqchip.pin = gsi ? gsi : 2,
            };
        }
    }
    g_assert(n == G_N_ELEMENTS(e));
    return kvm_irqchip_set_routes(e, n, errp);
}

bool x86_kvm_vm_init(GError **errp)
{
    uint64_t identity = KVM_IDENTITY_MAP_ADDR;
    int ret = kvm_ioctl(kvm_vm_fd(), KVM_SET_IDENTITY_MAP_ADDR, &identity);

    if (ret >= 0) {
        ret = kvm_ioctl(kvm_vm_fd(), KVM_SET_TSS_ADDR,
                        (void *)(uintptr_t)KVM_TSS_ADDR);
    }
    if (ret < 0) {
        error_setg(errp, "kvm: setting the TSS/identity map address: %s",
                   g_strerror(-ret));
        return false;
    }
    if (!kvm_irqchip_create(errp) || !x86_kvm_set_gsi_routes(errp) ||
        !kvm_pit_create(errp)) {
        return false;
    }
    qemu_register_reset(x86_kvm_reset_irqchip, NULL);
    return true;
}

/* KVM_GET_SUPPORTED_CPUID (once), growing the buffer until it fits. */
static struct kvm_cpuid2 *get_supported_cpuid(GError **errp)
{
    static struct kvm_cpuid2 *cached;

    for (int n = 64; !cached && n <= 4096; n *= 2) {
        struct kvm_cpuid2 *c =
            g_malloc0(sizeof(*c) + n * sizeof(struct kvm_cpuid_entry2));
        int ret;

        c->nent = n;
        ret = kvm_ioctl(kvm_dev_fd(), KVM_GET_SUPPORTED_CPUID, c);
        if (ret >= 0) {
            cached = c;
            break;
        }
        g_free(c);
        if (ret != -E2BIG) {
            error_setg(errp, "KVM_GET_SUPPORTED_CPUID failed: %s",
                       g_strerror(-ret));
            return NULL;
        }
    }
    if (!cached) {
        error_setg(errp, "KVM_GET_SUPPORTED_CPUID: too many entries");
    }
    return cached;
}

/*
 * What KVM can give a guest beyond what KVM_GET_SUPPORTED_CPUID lists
 * (KVM API document 4.46): the hypervisor bit, the x2APIC of the
 * in-kernel LAPIC, and its TSC-deadline mode where KVM has it.
 */
static void add_kvm_emulated(struct kvm_cpuid2 *sup)
{
    struct kvm_cpuid_entry2 *e = x86_cpuid_find(sup->entries, sup->nent, 1, 0);

    if (!e) {
        return;
    }
    e->ecx |= 1u << 31 | 1u << 21;
    if (kvm_check_extension(KVM_CAP_TSC_DEADLINE_TIMER)) {
        e->ecx |= 1u << 24;
    } else {
        e->ecx &= ~(1u << 24);
    }
}

static void warn_missing(FeatureWordArray missing)
{
    for (int w = 0; w < FEATURE_WORDS; w++) {
        for (int b = 0; b < 32; b++) {
            if (missing[w] & (1u << b)) {
                g_autofree char *n = x86_feature_bit_name(w, b);

                warn_report("host doesn't support requested feature: %s", n);
            }
        }
    }
}

/*
 * What this CPU reports: the model's features and identification (or the
 * host's, for host and max) within what KVM supports, and its own APIC id.
 */
static bool set_cpuid(X86CPU *cpu, int fd, GError **errp)
{
    const X86CPUModel *m = X86_CPU_GET_CLASS(cpu)->model;
    struct kvm_cpuid2 *sup = get_supported_cpuid(errp);
    g_autofree struct kvm_cpuid2 *patched = NULL;
    g_autofree struct kvm_cpuid2 *c = NULL;
    X86CPUIDConfig cfg;
    FeatureWordArray missing;
    struct kvm_cpuid_entry2 *l1;
    int ret;

    if (!sup) {
        return false;
    }
    patched =
        g_memdup2(sup, sizeof(*sup) + sup->nent * sizeof(sup->entries[0]));
    add_kvm_emulated(patched);
    x86_cpu_cpuid_config(cpu, &cfg);
    c = x86_cpuid_build(&cfg, patched->entries, patched->nent, missing);
    if (!m->host && CPU(cpu)->cpu_index == 0) {
        warn_missing(missing);
    }
    l1 = x86_cpuid_find(c->entries, c->nent, 1, 0);
    if (l1) {
        cpu->env.cpuid_version = l1->eax; /* EDX after reset */
    }
    ret = kvm_ioctl(fd, KVM_SET_CPUID2, c);
    if (ret < 0) {
        error_setg(errp, "KVM_SET_CPUID2 failed: %s", g_strerror(-ret));
        return false;
    }
    return true;
}

/* KVM_GET_MSR_INDEX_LIST (once): the MSRs KVM saves and restores. */
static GArray *msr_index_list(void)
{
    static GArray *list;
    struct kvm_msr_list probe = { .nmsrs = 0 };
    g_autofree struct kvm_msr_list *l = NULL;

    if (list) {
        return list;
    }
    list = g_array_new(FALSE, FALSE, sizeof(uint32_t));
    /* The first call fails with E2BIG and says how many there are. */
    kvm_ioctl(kvm_dev_fd(), KVM_GET_MSR_INDEX_LIST, &probe);
    l = g_malloc0(sizeof(*l) + probe.nmsrs * sizeof(uint32_t));
    l->nmsrs = probe.nmsrs;
    if (probe.nmsrs &&
        kvm_ioctl(kvm_dev_fd(), KVM_GET_MSR_INDEX_LIST, l) >= 0) {
        g_array_append_vals(list, l->indices, l->nmsrs);
    }
    return list;
}

static bool msr_listed(uint32_t index)
{
    GArray *list = msr_index_list();

    for (guint i = 0; i < list->len; i++) {
        if (g_array_index(list, uint32_t, i) == index) {
            return true;
        }
    }
    return false;
}

/* One MSR through KVM_{GET,SET}_MSRS; true if KVM took it. */
static bool msr_access(int fd, uint32_t index, uint64_t *value, bool set)
{
    g_autofree struct kvm_msrs *m =
        g_malloc0(sizeof(*m) + sizeof(struct kvm_msr_entry));
    int ret;

    m->nmsrs = 1;
    m->entries[0].index = index;
    m->entries[0].data = *value;
    ret = kvm_ioctl(fd, set ? KVM_SET_MSRS : KVM_GET_MSRS, m);
    *value = m->entries[0].data;
    return ret == 1;
}

/*
 * Which saved MSRs this vCPU has: listed by KVM_GET_MSR_INDEX_LIST, or
 * (the MTRRs, PAT and the like, which KVM always handles) readable.
 */
static void probe_msrs(CPUX86State *env, int fd)
{
    env->msrs_present = 0;
    for (size_t i = 0; i < x86_saved_msr_count; i++) {
        uint64_t v = 0;

        if (msr_listed(x86_saved_msrs[i].index) ||
            msr_access(fd, x86_saved_msrs[i].index, &v, false)) {
            env->msrs_present |= 1ULL << i;
        }
    }
}

/* -cpu ...,tsc-frequency=HZ: KVM_SET_TSC_KHZ, or the host's rate. */
static bool set_tsc_khz(X86CPU *cpu, int fd, GError **errp)
{
    int host_khz = kvm_ioctl(fd, KVM_GET_TSC_KHZ, NULL);
    uint64_t want = cpu->tsc_frequency / 1000;

    if (want && want != (uint64_t)host_khz) {
        int ret = want > UINT32_MAX ? -EINVAL
                  : kvm_check_extension(KVM_CAP_TSC_CONTROL)
                      ? kvm_ioctl(fd, KVM_SET_TSC_KHZ, (void *)(uintptr_t)want)
                      : -ENOTSUP;

        if (ret < 0) {
            error_setg(errp,
                       "Setting TSC frequency to %" PRIu64 " kHz failed: %s "
                       "(the host's is %d kHz)",
                       want, g_strerror(-ret), host_khz);
            return false;
        }
        cpu->env.tsc_khz = want;
    } else {
        cpu->env.tsc_khz = host_khz > 0 ? host_khz : 0;
    }
    return true;
}

static bool x86_kvm_init_vcpu(CPUState *cs, int fd, GError **errp)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    int xsave2;

    cpu->apic_id = cs->cpu_index;
    if (!set_cpuid(cpu, fd, errp) || !set_tsc_khz(cpu, fd, errp)) {
        return false;
    }
    probe_msrs(env, fd);
    if (kvm_check_extension(KVM_CAP_XSAVE)) {
        xsave2 = kvm_check_extension(KVM_CAP_XSAVE2);
        env->xsave_len = MAX(xsave2, (int)sizeof(struct kvm_xsave));
        env->xsave = g_malloc0(env->xsave_len);
    }
    return true;
}

/* ---- segments: our descriptor-layout flags <-> struct kvm_segment ---- */

static void seg_to_kvm(struct kvm_segment *k, const SegmentCache *sc)
{
    k->base = sc->base;
    k->limit = sc->limit;
    k->selector = sc->selector;
    k->type = (sc->flags >> DESC_TYPE_SHIFT) & 15;
    k->s = !!(sc->flags & DESC_S_MASK);
    k->dpl = (sc->flags >> DESC_DPL_SHIFT) & 3;
    k->present = !!(sc->flags & DESC_P_MASK);
    k->avl = !!(sc->flags & DESC_AVL_MASK);
    k->l = !!(sc->flags & DESC_L_MASK);
    k->db = !!(sc->flags & DESC_B_MASK);
    k->g = !!(sc->flags & DESC_G_MASK);
    k->unusable = !k->present;
}

static void seg_from_kvm(SegmentCache *sc, const struct kvm_segment *k)
{
    sc->base = k->base;
    sc->limit = k->limit;
    sc->selector = k->selector;
    sc->flags = (k->type << DESC_TYPE_SHIFT) | (k->s ? DESC_S_MASK : 0) |
                (k->dpl << DESC_DPL_SHIFT) | (k->present ? DESC_P_MASK : 0) |
                (k->avl ? DESC_AVL_MASK : 0) | (k->l ? DESC_L_MASK : 0) |
                (k->db ? DESC_B_MASK : 0) | (k->g ? DESC_G_MASK : 0);
}

/* Where each general register (encoding order) is in struct kvm_regs. */
static const size_t kvm_reg_offset[16] = {
    offsetof(struct kvm_regs, rax), offsetof(struct kvm_regs, rcx),
    offsetof(struct kvm_regs, rdx), offsetof(struct kvm_regs, rbx),
    offsetof(struct kvm_regs, rsp), offsetof(struct kvm_regs, rbp),
    offsetof(struct kvm_regs, rsi), offsetof(struct kvm_regs, rdi),
    offsetof(struct kvm_regs, r8),  offsetof(struct kvm_regs, r9),
    offsetof(struct kvm_regs, r10), offsetof(struct kvm_regs, r11),
    offsetof(struct kvm_regs, r12), offsetof(struct kvm_regs, r13),
    offsetof(struct kvm_regs, r14), offsetof(struct kvm_regs, r15),
};

static void regs_to_kvm(struct kvm_regs *r, const CPUX86State *env)
{
    for (int i = 0; i < 16; i++) {
        memcpy((uint8_t *)r + kvm_reg_offset[i], &env->regs[i], 8);
    }
    r->rip = env->rip;
    r->rflags = env->eflags;
}

static void regs_from_kvm(CPUX86State *env, const struct kvm_regs *r)
{
    for (int i = 0; i < 16; i++) {
        memcpy(&env->regs[i], (const uint8_t *)r + kvm_reg_offset[i], 8);
    }
    env->rip = r->rip;
    env->eflags = r->rflags;
}

static SegmentCache *sregs_segs(CPUX86State *env, int i)
{
    return &env->segs[i];
}

static void sregs_to_kvm(struct kvm_sregs *s, CPUX86State *env)
{
    struct kvm_segment *k[X86_NB_SEGS] = { &s->es, &s->cs, &s->ss,
                                           &s->ds, &s->fs, &s->gs };

    memset(s, 0, sizeof(*s));
    for (int i = 0; i < X86_NB_SEGS; i++) {
        seg_to_kvm(k[i], sregs_segs(env, i));
    }
    seg_to_kvm(&s->ldt, &env->ldt);
    seg_to_kvm(&s->tr, &env->tr);
    s->gdt.base = env->gdt.base;
    s->gdt.limit = env->gdt.limit;
    s->idt.base = env->idt.base;
    s->idt.limit = env->idt.limit;
    s->cr0 = env->cr[0];
    s->cr2 = env->cr[2];
    s->cr3 = env->cr[3];
    s->cr4 = env->cr[4];
    s->cr8 = env->cr8;
    s->efer = env->efer;
    s->apic_base = env->apic_base;
}

static void sregs_from_kvm(CPUX86State *env, struct kvm_sregs *s)
{
    struct kvm_segment *k[X86_NB_SEGS] = { &s->es, &s->cs, &s->ss,
                                           &s->ds, &s->fs, &s->gs };

    for (int i = 0; i < X86_NB_SEGS; i++) {
        seg_from_kvm(sregs_segs(env, i), k[i]);
    }
    seg_from_kvm(&env->ldt, &s->ldt);
    seg_from_kvm(&env->tr, &s->tr);
    env->gdt.base = s->gdt.base;
    env->gdt.limit = s->gdt.limit;
    env->idt.base = s->idt.base;
    env->idt.limit = s->idt.limit;
    env->cr[0] = s->cr0;
    env->cr[2] = s->cr2;
    env->cr[3] = s->cr3;
    env->cr[4] = s->cr4;
    env->cr8 = s->cr8;
    env->efer = s->efer;
    env->apic_base = s->apic_base;
}

static void fpu_to_kvm(struct kvm_fpu *f, const CPUX86State *env)
{
    memset(f, 0, sizeof(*f));
    memcpy(f->fpr, env->fpregs, sizeof(f->fpr));
    memcpy(f->xmm, env->xmm, sizeof(f->xmm));
    f->fcw = env->fpuc;
    f->fsw = env->fpus;
    f->ftwx = env->fptag_abridged;
    f->mxcsr = env->mxcsr;
}

static void fpu_from_kvm(CPUX86State *env, const struct kvm_fpu *f)
{
    memcpy(env->fpregs, f->fpr, sizeof(env->fpregs));
    memcpy(env->xmm, f->xmm, sizeof(env->xmm));
    env->fpuc = f->fcw;
    env->fpus = f->fsw;
    env->fptag_abridged = f->ftwx;
    env->mxcsr = f->mxcsr;
}

/*
 * The local APIC as a reset leaves it (SDM vol. 3, 10.4.7.1): ID, all LVT
 * entries masked, spurious vector 0xff with the APIC software-disabled,
 * flat destination format. When a boot loader stands in for the firmware,
 * LINT0 is ExtINT and LINT1 NMI, unmasked: the virtual wire mode a BIOS
 * sets up (MP spec 1.4, 3.6.2.2). KVM takes the 8259's INTR through an
 * unmasked ExtINT LINT0 only, and looks at the 8259 only when its output
 * rises: with LINT0 masked, a PIT tick raised before the kernel sets
 * LINT0 up stays in the 8259 unseen, and the in-kernel PIT, which waits
 * for each tick's acknowledge, never ticks again.
 */
#define APIC_LVT_NMI    (4u << 8) /* delivery modes, unmasked */
#define APIC_LVT_EXTINT (7u << 8)

static bool put_lapic_reset(X86CPU *cpu, int fd, GError **errp)
{
    struct kvm_lapic_state l;
    int ret;

    ret = kvm_ioctl(fd, KVM_GET_LAPIC, &l);
    if (ret >= 0) {
        uint32_t version;

        memcpy(&version, &l.regs[0x30], 4);
        memset(&l, 0, sizeof(l));
        memcpy(&l.regs[0x30], &version, 4);
        *(uint32_t *)&l.regs[0x20] = cpu->apic_id << 24;
        *(uint32_t *)&l.regs[0xe0] = 0xffffffff;
        *(uint32_t *)&l.regs[0xf0] = 0xff;
        for (int r = 0x320; r <= 0x370; r += 0x10) {
            *(uint32_t *)&l.regs[r] = 1u << 16;
        }
        *(uint32_t *)&l.regs[0x2f0] = 1u << 16; /* LVT CMCI */
        if (cpu->env.lapic_virtual_wire) {
            *(uint32_t *)&l.regs[0x350] = APIC_LVT_EXTINT; /* LVT LINT0 */
            *(uint32_t *)&l.regs[0x360] = APIC_LVT_NMI;    /* LVT LINT1 */
        }
        ret = kvm_ioctl(fd, KVM_SET_LAPIC, &l);
    }
    if (ret < 0) {
        error_setg(errp, "KVM_{GET,SET}_LAPIC: %s", g_strerror(-ret));
        return false;
    }
    return true;
}

/* ---- XSAVE, XCR0, MSRs ---- */

/* The FXSAVE layout of the XSAVE area's legacy region (SDM vol. 1, 10.5.1). */
#define XSAVE_FCW       0
#define XSAVE_FSW       2
#define XSAVE_FTW       4
#define XSAVE_MXCSR     24
#define XSAVE_ST        32
#define XSAVE_XMM       160
#define XSAVE_XSTATE_BV 512

static void xsave_from_env(CPUX86State *env)
{
    uint8_t *x = env->xsave;
    uint64_t bv;

    memcpy(x + XSAVE_FCW, &env->fpuc, 2);
    memcpy(x + XSAVE_FSW, &env->fpus, 2);
    x[XSAVE_FTW] = env->fptag_abridged;
    memcpy(x + XSAVE_MXCSR, &env->mxcsr, 4);
    memcpy(x + XSAVE_ST, env->fpregs, sizeof(env->fpregs));
    memcpy(x + XSAVE_XMM, env->xmm, sizeof(env->xmm));
    /* x87 and SSE state come from the region just written. */
    memcpy(&bv, x + XSAVE_XSTATE_BV, 8);
    bv |= 3;
    memcpy(x + XSAVE_XSTATE_BV, &bv, 8);
}

static void xsave_to_env(CPUX86State *env)
{
    const uint8_t *x = env->xsave;

    memcpy(&env->fpuc, x + XSAVE_FCW, 2);
    memcpy(&env->fpus, x + XSAVE_FSW, 2);
    env->fptag_abridged = x[XSAVE_FTW];
    memcpy(&env->mxcsr, x + XSAVE_MXCSR, 4);
    memcpy(env->fpregs, x + XSAVE_ST, sizeof(env->fpregs));
    memcpy(env->xmm, x + XSAVE_XMM, sizeof(env->xmm));
}

/* The x87/SSE state: KVM_{GET,SET}_XSAVE where KVM has it, else _FPU. */
static int put_fpu(int fd, CPUX86State *env)
{
    struct kvm_fpu fpu;

    if (env->xsave) {
        xsave_from_env(env);
        return kvm_ioctl(fd, KVM_SET_XSAVE, env->xsave);
    }
    fpu_to_kvm(&fpu, env);
    return kvm_ioctl(fd, KVM_SET_FPU, &fpu);
}

static int get_fpu(int fd, CPUX86State *env)
{
    struct kvm_fpu fpu;
    int ret;

    if (env->xsave) {
        ret =
            kvm_ioctl(fd,
                      env->xsave_len > sizeof(struct kvm_xsave) ? KVM_GET_XSAVE2
                                                                : KVM_GET_XSAVE,
                      env->xsave);
        if (ret >= 0) {
            xsave_to_env(env);
        }
        return ret;
    }
    ret = kvm_ioctl(fd, KVM_GET_FPU, &fpu);
    if (ret >= 0) {
        fpu_from_kvm(env, &fpu);
    }
    return ret;
}

static int put_xcr0(int fd, CPUX86State *env)
{
    struct kvm_xcrs x = { .nr_xcrs = 1, .xcrs[0] = { 0, 0, env->xcr0 } };

    return kvm_check_extension(KVM_CAP_XCRS) ? kvm_ioctl(fd, KVM_SET_XCRS, &x)
                                             : 0;
}

static int get_xcr0(int fd, CPUX86State *env)
{
    struct kvm_xcrs x;
    int ret;

    if (!kvm_check_extension(KVM_CAP_XCRS)) {
        return 0;
    }
    ret = kvm_ioctl(fd, KVM_GET_XCRS, &x);
    for (uint32_t i = 0; ret >= 0 && i < x.nr_xcrs && i < KVM_MAX_XCRS; i++) {
        if (x.xcrs[i].xcr == 0) {
            env->xcr0 = x.xcrs[i].value;
        }
    }
    return ret;
}

/*
 * The saved MSRs this vCPU has, in one KVM_{GET,SET}_MSRS. KVM stops at
 * the first one it refuses (the ioctl returns how many it did): that one
 * is dropped from this vCPU's set, with a warning, and the rest go again.
 */
static bool move_msrs(int fd, CPUX86State *env, bool set, GError **errp)
{
    g_autofree struct kvm_msrs *m = g_malloc0(
        sizeof(*m) + x86_saved_msr_count * sizeof(struct kvm_msr_entry));
    int8_t table[X86_SAVED_MSRS]; /* entry -> table index */
    int ret;

    for (;;) {
        m->nmsrs = 0;
        for (size_t i = 0; i < x86_saved_msr_count; i++) {
            if (env->msrs_present & (1ULL << i)) {
                table[m->nmsrs] = i;
                m->entries[m->nmsrs].index = x86_saved_msrs[i].index;
                m->entries[m->nmsrs++].data = env->msrs[i];
            }
        }
        ret = kvm_ioctl(fd, set ? KVM_SET_MSRS : KVM_GET_MSRS, m);
        if (ret < 0) {
            error_setg(errp, "KVM_%s_MSRS: %s", set ? "SET" : "GET",
                       g_strerror(-ret));
            return false;
        }
        if ((uint32_t)ret >= m->nmsrs) {
            break;
        }
        warn_report("kvm: %s refused, not saved any more",
                    x86_saved_msrs[table[ret]].name);
        env->msrs_present &= ~(1ULL << table[ret]);
    }
    for (uint32_t e = 0; !set && e < m->nmsrs; e++) {
        env->msrs[table[e]] = m->entries[e].data;
    }
    return true;
}

static bool x86_kvm_put_registers(CPUState *cs, int fd, GError **errp)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_mp_state mp = { .mp_state = env->mp_state };
    int ret;

    bool full = env->reset_pending;

    if (full && !put_lapic_reset(cpu, fd, errp)) {
        return false;
    }
    regs_to_kvm(&regs, env);
    sregs_to_kvm(&sregs, env);
    /* XCR0 before the XSAVE image whose components it enables. */
    /*
     * The MP state only after a reset, as the LAPIC: written back after a
     * mere read it could undo what the in-kernel LAPIC did meanwhile (a
     * SIPI received, an interrupt that woke a halted vCPU).
     */
    if ((ret = kvm_ioctl(fd, KVM_SET_SREGS, &sregs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_SET_REGS, &regs)) < 0 ||
        (ret = put_xcr0(fd, env)) < 0 || (ret = put_fpu(fd, env)) < 0 ||
        (full && (ret = kvm_ioctl(fd, KVM_SET_MP_STATE, &mp)) < 0)) {
        error_setg(errp, "setting registers: %s", g_strerror(-ret));
        return false;
    }
    /*
     * The MSRs only after a reset: written back after a mere read, the
     * TSC would lose the time since, and kvmclock would start over.
     */
    if (full && !move_msrs(fd, env, true, errp)) {
        return false;
    }
    env->reset_pending = false;
    return true;
}

static bool x86_kvm_get_registers(CPUState *cs, int fd, GError **errp)
{
    CPUX86State *env = x86_env(cs);
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_mp_state mp;
    int ret;

    if ((ret = kvm_ioctl(fd, KVM_GET_REGS, &regs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_GET_SREGS, &sregs)) < 0 ||
        (ret = get_fpu(fd, env)) < 0 || (ret = get_xcr0(fd, env)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_GET_MP_STATE, &mp)) < 0) {
        error_setg(errp, "getting registers: %s", g_strerror(-ret));
        return false;
    }
    if (!move_msrs(fd, env, false, errp)) {
        return false;
    }
    regs_from_kvm(env, &regs);
    sregs_from_kvm(env, &sregs);
    env->mp_state = mp.mp_state;
    env->halted = mp.mp_state == KVM_MP_STATE_HALTED;
    return true;
}

/* INT3 (SDM vol. 2, "INT n/INTO/INT3/INT1"): one byte, vector 3 (#BP). */
static const uint8_t x86_int3[] = { 0xcc };

#define X86_VECTOR_DB 1
#define X86_VECTOR_BP 3
#define X86_DR6_BS    (1u << 14) /* single step (SDM vol. 3, 18.2.3) */
#define X86_DR6_B_ALL 0xfu       /* B0-B3: which breakpoint matched */

/*
 * DR7 (SDM vol. 3, 18.2.4): per slot n a global enable bit (2n + 1), R/Wn
 * at 16 + 4n and LENn at 18 + 4n. Execution breakpoints take LEN 00;
 * data ones 1, 2, 4 or 8 bytes at an address aligned to it. There is no
 * read-only condition (R/W 11 is reads or writes), so gdb's read
 * watchpoints are refused, as QEMU does.
 */
#define X86_HW_BP_MAX        4
#define X86_DR7_G(n)         (2ull << (2 * (n)))
#define X86_DR7_ENABLED(n)   (3ull << (2 * (n)))
#define X86_DR7_RW_SHIFT(n)  (16 + 4 * (n))
#define X86_DR7_LEN_SHIFT(n) (18 + 4 * (n))

static const struct {
    int type;
    unsigned rw;
} x86_dr_rw[] = {
    { GDB_BREAKPOINT_HW, 0 },     /* instruction execution */
    { GDB_WATCHPOINT_WRITE, 1 },  /* data writes */
    { GDB_WATCHPOINT_ACCESS, 3 }, /* data reads or writes */
};

/* LENn by length; 0 in the table: not a length DR7 can say. */
static const unsigned x86_dr_len[9] = { [1] = 0, [2] = 1, [4] = 3, [8] = 2 };

static int x86_dr_rw_bits(int type)
{
    for (size_t i = 0; i < G_N_ELEMENTS(x86_dr_rw); i++) {
        if (x86_dr_rw[i].type == type) {
            return x86_dr_rw[i].rw;
        }
    }
    return -1;
}

static int x86_hw_breakpoint_check(const KVMHwBreakpoint *bp)
{
    if (x86_dr_rw_bits(bp->type) < 0) {
        return -ENOSYS;
    }
    if (bp->type == GDB_BREAKPOINT_HW) {
        return 0;
    }
    if (bp->len > 8 || (bp->len != 1 && !x86_dr_len[bp->len]) ||
        bp->addr % bp->len) {
        return -EINVAL;
    }
    return 0;
}

static void x86_hw_breakpoint_arch(struct kvm_guest_debug *dbg,
                                   const KVMHwBreakpoint *bp, int n)
{
    uint64_t dr7 = 0;

    dbg->control |= KVM_GUESTDBG_USE_HW_BP;
    for (int i = 0; i < n && i < X86_HW_BP_MAX; i++) {
        uint64_t len =
            bp[i].type == GDB_BREAKPOINT_HW ? 0 : x86_dr_len[bp[i].len];

        dbg->arch.debugreg[i] = bp[i].addr;
        dr7 |= X86_DR7_G(i) |
               (uint64_t)x86_dr_rw_bits(bp[i].type) << X86_DR7_RW_SHIFT(i) |
               len << X86_DR7_LEN_SHIFT(i);
    }
    dbg->arch.debugreg[7] = dr7;
}

/*
 * KVM reports an INT3 it intercepted with pc at the INT3 itself (it
 * faults into KVM before the trap is delivered), a step as #DB with
 * DR6.BS, a debug-register match as #DB with its Bn bit in DR6 (Bn can
 * be set for a slot DR7 leaves disabled: only enabled ones count). The
 * guest's own get the matching INJECT bit.
 */
static KVMDebugExit x86_kvm_debug_exit(CPUState *cs, const struct kvm_run *run,
                                       uint64_t *pc, int *hw_slot,
                                       uint32_t *reinject)
{
    const struct kvm_debug_exit_arch *d = &run->debug.arch;
    unsigned hits = d->dr6 & X86_DR6_B_ALL;

    for (int n = 0; n < X86_HW_BP_MAX; n++) {
        if (!(d->dr7 & X86_DR7_ENABLED(n))) {
            hits &= ~(1u << n);
        }
    }

    *pc = d->pc;
    switch (d->exception) {
    case X86_VECTOR_BP:
        *reinject = KVM_GUESTDBG_INJECT_BP;
        return KVM_DEBUG_BREAKPOINT;
    case X86_VECTOR_DB:
        *reinject = KVM_GUESTDBG_INJECT_DB;
        if (hits) {
            *hw_slot = __builtin_ctz(hits);
            return KVM_DEBUG_HW;
        }
        return d->dr6 & X86_DR6_BS ? KVM_DEBUG_STEP : KVM_DEBUG_OTHER;
    default:
        *reinject = 0;
        return KVM_DEBUG_OTHER;
    }
}

const KVMCPUOps x86_kvm_ops = {
    .init_vcpu = x86_kvm_init_vcpu,
    .put_registers = x86_kvm_put_registers,
    .get_registers = x86_kvm_get_registers,
    .sw_breakpoint = x86_int3,
    .sw_breakpoint_len = sizeof(x86_int3),
    .sw_breakpoint_control = KVM_GUESTDBG_USE_SW_BP,
    .debug_exit = x86_kvm_debug_exit,
    .hw_breakpoint_max = X86_HW_BP_MAX,
    .hw_breakpoint_check = x86_hw_breakpoint_check,
    .hw_breakpoint_arch = x86_hw_breakpoint_arch,
};
