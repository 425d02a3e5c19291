/*
 * x86-64 under KVM: the vCPU's CPUID (from KVM_GET_SUPPORTED_CPUID, with
 * the model's identification and this CPU's APIC id), moving CPUX86State
 * in and out of the kernel (KVM_{GET,SET}_{REGS,SREGS,FPU,MP_STATE}, and
 * the LAPIC after a reset), and the VM-wide setup the pc machine asks for.
 * (KVM API document 4.11-4.14, 4.20, 4.38-4.39, 4.46, 4.57.)
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/kvm.h"
#include "target/i386/cpu.h"
#include "target/i386/kvm-x86.h"
#include <sys/ioctl.h>
#include <linux/kvm.h>

/* Below the BIOS, as QEMU places them: real mode needs both on VMX. */
#define KVM_IDENTITY_MAP_ADDR 0xfeffc000ULL
#define KVM_TSS_ADDR          (KVM_IDENTITY_MAP_ADDR + 0x1000)

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
    return kvm_irqchip_create(errp) && kvm_pit_create(errp);
}

/* KVM_GET_SUPPORTED_CPUID, growing the buffer until it fits. */
static struct kvm_cpuid2 *get_supported_cpuid(GError **errp)
{
    for (int n = 64; n <= 4096; n *= 2) {
        struct kvm_cpuid2 *c =
            g_malloc0(sizeof(*c) + n * sizeof(struct kvm_cpuid_entry2));
        int ret;

        c->nent = n;
        ret = kvm_ioctl(kvm_dev_fd(), KVM_GET_SUPPORTED_CPUID, c);
        if (ret >= 0) {
            return c;
        }
        g_free(c);
        if (ret != -E2BIG) {
            error_setg(errp, "KVM_GET_SUPPORTED_CPUID failed: %s",
                       g_strerror(-ret));
            return NULL;
        }
    }
    error_setg(errp, "KVM_GET_SUPPORTED_CPUID: too many entries");
    return NULL;
}

/*
 * What this CPU reports: the host's supported set, with the model's
 * family/model/stepping (leaf 1 EAX) unless -cpu host, and its own
 * initial APIC id (leaf 1 EBX[31:24], x2APIC leaves 0xb/0x1f EDX).
 */
static void shape_cpuid(X86CPU *cpu, struct kvm_cpuid2 *c)
{
    X86CPUClass *xcc = X86_CPU_GET_CLASS(cpu);

    for (uint32_t i = 0; i < c->nent; i++) {
        struct kvm_cpuid_entry2 *e = &c->entries[i];

        switch (e->function) {
        case 1:
            if (!xcc->host_model) {
                e->eax = cpu->env.cpuid_version;
            } else {
                cpu->env.cpuid_version = e->eax;
            }
            e->ebx = (e->ebx & 0x00ffffff) | (cpu->apic_id << 24);
            break;
        case 0xb:
        case 0x1f:
            e->edx = cpu->apic_id;
            break;
        }
    }
}

static bool x86_kvm_init_vcpu(CPUState *cs, int fd, GError **errp)
{
    X86CPU *cpu = X86_CPU(cs);
    g_autofree struct kvm_cpuid2 *c = get_supported_cpuid(errp);
    int ret;

    if (!c) {
        return false;
    }
    cpu->apic_id = cs->cpu_index;
    shape_cpuid(cpu, c);
    ret = kvm_ioctl(fd, KVM_SET_CPUID2, c);
    if (ret < 0) {
        error_setg(errp, "KVM_SET_CPUID2 failed: %s", g_strerror(-ret));
        return false;
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
 * flat destination format.
 */
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
        ret = kvm_ioctl(fd, KVM_SET_LAPIC, &l);
    }
    if (ret < 0) {
        error_setg(errp, "KVM_{GET,SET}_LAPIC: %s", g_strerror(-ret));
        return false;
    }
    return true;
}

static bool x86_kvm_put_registers(CPUState *cs, int fd, GError **errp)
{
    X86CPU *cpu = X86_CPU(cs);
    CPUX86State *env = &cpu->env;
    struct kvm_regs regs;
    struct kvm_sregs sregs;
    struct kvm_fpu fpu;
    struct kvm_mp_state mp = { .mp_state = env->mp_state };
    int ret;

    if (env->reset_pending && !put_lapic_reset(cpu, fd, errp)) {
        return false;
    }
    regs_to_kvm(&regs, env);
    sregs_to_kvm(&sregs, env);
    fpu_to_kvm(&fpu, env);
    if ((ret = kvm_ioctl(fd, KVM_SET_SREGS, &sregs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_SET_REGS, &regs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_SET_FPU, &fpu)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_SET_MP_STATE, &mp)) < 0) {
        error_setg(errp, "setting registers: %s", g_strerror(-ret));
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
    struct kvm_fpu fpu;
    struct kvm_mp_state mp;
    int ret;

    if ((ret = kvm_ioctl(fd, KVM_GET_REGS, &regs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_GET_SREGS, &sregs)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_GET_FPU, &fpu)) < 0 ||
        (ret = kvm_ioctl(fd, KVM_GET_MP_STATE, &mp)) < 0) {
        error_setg(errp, "getting registers: %s", g_strerror(-ret));
        return false;
    }
    regs_from_kvm(env, &regs);
    sregs_from_kvm(env, &sregs);
    fpu_from_kvm(env, &fpu);
    env->mp_state = mp.mp_state;
    env->halted = mp.mp_state == KVM_MP_STATE_HALTED;
    return true;
}

const KVMCPUOps x86_kvm_ops = {
    .init_vcpu = x86_kvm_init_vcpu,
    .put_registers = x86_kvm_put_registers,
    .get_registers = x86_kvm_get_registers,
};
