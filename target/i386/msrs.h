/*
 * The model-specific registers a vCPU's state includes beyond KVM's
 * register sets: which ones, and their values after reset (Intel SDM
 * vol. 3, 9.1 and 11.12.4 "IA32_PAT", vol. 4 "Model-Specific
 * Registers"; the KVM API document, "KVM-specific MSRs").
 */
#ifndef TARGET_I386_MSRS_H
#define TARGET_I386_MSRS_H

#include "target/i386/cpu.h"

typedef struct X86SavedMSR {
    uint32_t index;
    uint64_t reset;
    const char *name;
} X86SavedMSR;

extern const X86SavedMSR x86_saved_msrs[];
extern const size_t x86_saved_msr_count;

/* env->msrs[] to the reset values. */
void x86_msrs_reset(CPUX86State *env);

#endif
