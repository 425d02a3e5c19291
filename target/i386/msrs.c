/*
 * The saved MSRs (see msrs.h), in the order they go back into KVM: the
 * TSC before what counts from it (TSC_ADJUST, TSC_DEADLINE).
 */
#include "qemu/osdep.h"
#include "target/i386/msrs.h"

/* SDM vol. 3, 11.12.4: PA0-PA7 = WB WT UC- UC, twice. */
#define PAT_RESET 0x0007040600070406ULL

const X86SavedMSR x86_saved_msrs[] = {
    { 0x10, 0, "IA32_TSC" },
    { 0x3b, 0, "IA32_TSC_ADJUST" },
    { 0x48, 0, "IA32_SPEC_CTRL" },
    { 0x174, 0, "IA32_SYSENTER_CS" },
    { 0x175, 0, "IA32_SYSENTER_ESP" },
    { 0x176, 0, "IA32_SYSENTER_EIP" },
    { 0x1a0, 1, "IA32_MISC_ENABLE" }, /* fast strings enabled */
    { 0x277, PAT_RESET, "IA32_PAT" },
    /* MTRRs: all disabled after reset (SDM vol. 3, 11.11.5). */
    { 0x2ff, 0, "IA32_MTRR_DEF_TYPE" },
    { 0x200, 0, "IA32_MTRR_PHYSBASE0" },
    { 0x201, 0, "IA32_MTRR_PHYSMASK0" },
    { 0x202, 0, "IA32_MTRR_PHYSBASE1" },
    { 0x203, 0, "IA32_MTRR_PHYSMASK1" },
    { 0x204, 0, "IA32_MTRR_PHYSBASE2" },
    { 0x205, 0, "IA32_MTRR_PHYSMASK2" },
    { 0x206, 0, "IA32_MTRR_PHYSBASE3" },
    { 0x207, 0, "IA32_MTRR_PHYSMASK3" },
    { 0x208, 0, "IA32_MTRR_PHYSBASE4" },
    { 0x209, 0, "IA32_MTRR_PHYSMASK4" },
    { 0x20a, 0, "IA32_MTRR_PHYSBASE5" },
    { 0x20b, 0, "IA32_MTRR_PHYSMASK5" },
    { 0x20c, 0, "IA32_MTRR_PHYSBASE6" },
    { 0x20d, 0, "IA32_MTRR_PHYSMASK6" },
    { 0x20e, 0, "IA32_MTRR_PHYSBASE7" },
    { 0x20f, 0, "IA32_MTRR_PHYSMASK7" },
    { 0x250, 0, "IA32_MTRR_FIX64K_00000" },
    { 0x258, 0, "IA32_MTRR_FIX16K_80000" },
    { 0x259, 0, "IA32_MTRR_FIX16K_A0000" },
    { 0x268, 0, "IA32_MTRR_FIX4K_C0000" },
    { 0x269, 0, "IA32_MTRR_FIX4K_C8000" },
    { 0x26a, 0, "IA32_MTRR_FIX4K_D0000" },
    { 0x26b, 0, "IA32_MTRR_FIX4K_D8000" },
    { 0x26c, 0, "IA32_MTRR_FIX4K_E0000" },
    { 0x26d, 0, "IA32_MTRR_FIX4K_E8000" },
    { 0x26e, 0, "IA32_MTRR_FIX4K_F0000" },
    { 0x26f, 0, "IA32_MTRR_FIX4K_F8000" },
    { 0x6e0, 0, "IA32_TSC_DEADLINE" },
    { 0xc0000081, 0, "IA32_STAR" },
    { 0xc0000082, 0, "IA32_LSTAR" },
    { 0xc0000083, 0, "IA32_CSTAR" },
    { 0xc0000084, 0, "IA32_FMASK" },
    { 0xc0000102, 0, "IA32_KERNEL_GS_BASE" },
    { 0xc0000103, 0, "IA32_TSC_AUX" },
    /* KVM's paravirtual MSRs: all off after reset. */
    { 0x4b564d00, 0, "MSR_KVM_WALL_CLOCK_NEW" },
    { 0x4b564d01, 0, "MSR_KVM_SYSTEM_TIME_NEW" },
    { 0x4b564d02, 0, "MSR_KVM_ASYNC_PF_EN" },
    { 0x4b564d03, 0, "MSR_KVM_STEAL_TIME" },
    { 0x4b564d04, 0, "MSR_KVM_PV_EOI_EN" },
    { 0x4b564d05, 1, "MSR_KVM_POLL_CONTROL" }, /* polling allowed */
};

const size_t x86_saved_msr_count = ARRAY_SIZE(x86_saved_msrs);

G_STATIC_ASSERT(ARRAY_SIZE(x86_saved_msrs) <= X86_SAVED_MSRS);

void x86_msrs_reset(CPUX86State *env)
{
    for (size_t i = 0; i < x86_saved_msr_count; i++) {
        env->msrs[i] = x86_saved_msrs[i].reset;
    }
}
