/*
 * An x86-64 CPU: the architectural state (CPUX86State) that the KVM
 * accelerator moves in and out of the kernel, and the device (X86CPU).
 * No instruction is emulated here: x86_64 guests run under -accel kvm.
 */
#ifndef TARGET_I386_CPU_H
#define TARGET_I386_CPU_H

#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "target/i386/cpuid.h"

#define TYPE_X86_CPU "x86_64-cpu"
OBJECT_DECLARE_TYPE(X86CPU, X86CPUClass, X86_CPU)

/* General registers in encoding order. */
enum { R_EAX, R_ECX, R_EDX, R_EBX, R_ESP, R_EBP, R_ESI, R_EDI };
/* Segment registers in encoding order. */
enum { R_ES, R_CS, R_SS, R_DS, R_FS, R_GS, X86_NB_SEGS };

/*
 * A segment register's hidden part. flags holds the attribute bits where
 * a descriptor's second dword has them (SDM vol. 3, 3.4.5): type 8-11,
 * S 12, DPL 13-14, P 15, AVL 20, L 21, D/B 22, G 23.
 */
typedef struct SegmentCache {
    uint32_t selector;
    uint64_t base;
    uint32_t limit;
    uint32_t flags;
} SegmentCache;

#define DESC_TYPE_SHIFT 8
#define DESC_S_MASK     (1u << 12)
#define DESC_DPL_SHIFT  13
#define DESC_P_MASK     (1u << 15)
#define DESC_AVL_MASK   (1u << 20)
#define DESC_L_MASK     (1u << 21)
#define DESC_B_MASK     (1u << 22)
#define DESC_G_MASK     (1u << 23)

#define CR0_PE_MASK              (1u << 0)
#define CR0_ET_MASK              (1u << 4)
#define CR0_NW_MASK              (1u << 29)
#define CR0_CD_MASK              (1u << 30)
#define EFLAGS_FIXED             0x2          /* bit 1 always reads one */
#define EFER_LMA                 (1ULL << 10) /* long mode active */
#define MSR_IA32_APICBASE_BSP    (1ULL << 8)
#define MSR_IA32_APICBASE_ENABLE (1ULL << 11)
#define APIC_DEFAULT_ADDRESS     0xfee00000ULL

/* The MSRs saved and restored (target/i386/kvm.c's table has them). */
#define X86_SAVED_MSRS 64
/* The -cpu flags a model can have (cpuid.c's names; fewer in fact). */
#define X86_MAX_FLAGS 256

typedef struct CPUX86State {
    uint64_t regs[16];
    uint64_t rip;
    uint64_t eflags;
    SegmentCache segs[X86_NB_SEGS];
    SegmentCache ldt, tr;
    SegmentCache gdt, idt; /* base and limit only */
    uint64_t cr[5];        /* cr0, (cr1), cr2, cr3, cr4 */
    uint64_t cr8;
    uint64_t efer;
    uint64_t apic_base;
    uint64_t dr[8];
    uint64_t xcr0;
    uint32_t mxcsr;
    uint16_t fpuc;          /* x87 control word */
    uint16_t fpus;          /* x87 status word */
    uint8_t fptag_abridged; /* FXSAVE's one bit per register */
    uint8_t fpregs[8][16];  /* ST0-7 (80 bits each, FXSAVE layout) */
    uint8_t xmm[16][16];
    /* KVM's multiprocessing state (KVM_MP_STATE_*): runnable, waiting
     * for INIT/SIPI, halted. */
    uint32_t mp_state;
    /* Reset since the state was last given to KVM: also reset the LAPIC. */
    bool reset_pending;
    /* A boot loader stands in for the firmware since the reset: the LAPIC
     * goes to KVM in the virtual wire mode a BIOS leaves. */
    bool lapic_virtual_wire;
    /* MSR values, in the order of kvm.c's table (those KVM has). */
    uint64_t msrs[X86_SAVED_MSRS];
    uint64_t msrs_present; /* bit i: msrs[i] exists in KVM */
    /* The XSAVE image KVM_GET/SET_XSAVE move (NULL without XSAVE). */
    uint8_t *xsave;
    size_t xsave_len;
    uint32_t tsc_khz; /* the guest's TSC rate, 0 unknown */
    /* Identification (CPUID leaf 1 EAX), also EDX at reset. */
    uint32_t cpuid_version;
    bool halted;
} CPUX86State;

struct X86CPU {
    CPUState parent_obj;
    CPUX86State env;
    uint32_t apic_id;
    /* The -cpu flags (x86_feature_flags() order) and what they add up to. */
    bool flag_props[X86_MAX_FLAGS];
    FeatureWordArray features;
    int64_t tsc_frequency; /* -cpu ...,tsc-frequency=HZ; 0: the host's */
};

/* A model (-cpu NAME); host and max take the host's identification. */
struct X86CPUClass {
    CPUClass parent_class;
    const X86CPUModel *model;
};

static inline CPUX86State *x86_env(CPUState *cs)
{
    return &container_of(cs, X86CPU, parent_obj)->env;
}

/*
 * Flat 32-bit protected mode at eip (for boot loaders: multiboot, Linux's
 * 32-bit boot protocol): CS and the data segments with these selectors,
 * base 0, limit 4 GiB; CR0.PE; interrupts off. The GDT is the caller's.
 * The local APIC as the firmware the loader stands in for leaves it:
 * virtual wire mode (MP spec 1.4, 3.6.2.2), LINT0 ExtINT, LINT1 NMI.
 */
void x86_cpu_enter_flat32(X86CPU *cpu, uint32_t eip, uint16_t cs, uint16_t ds);

/* What CPUID should say for this CPU, from its model and flags. */
void x86_cpu_cpuid_config(X86CPU *cpu, X86CPUIDConfig *cfg);

/* The HMP `info registers` text. */
void x86_cpu_dump_state(CPUState *cs, GString *out);

#endif
