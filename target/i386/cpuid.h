/*
 * CPUID as data: the feature words (one CPUID leaf/subleaf register each,
 * with the names `-cpu MODEL,+name` uses for its bits), the CPU models,
 * and the function that shapes what KVM supports into what one vCPU
 * reports (Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E; the KVM
 * API document, "KVM CPUID bits").
 */
#ifndef TARGET_I386_CPUID_H
#define TARGET_I386_CPUID_H

#include "qemu/osdep.h"
#include <linux/kvm.h>

typedef enum FeatureWord {
    FEAT_1_EDX,
    FEAT_1_ECX,
    FEAT_6_EAX,
    FEAT_7_0_EBX,
    FEAT_7_0_ECX,
    FEAT_7_0_EDX,
    FEAT_7_1_EAX,
    FEAT_D_1_EAX,
    FEAT_8000_0001_EDX,
    FEAT_8000_0001_ECX,
    FEAT_8000_0007_EDX,
    FEAT_8000_0008_EBX,
    FEAT_KVM, /* 0x40000001 EAX: KVM's paravirtual features */
    FEATURE_WORDS
} FeatureWord;

typedef uint32_t FeatureWordArray[FEATURE_WORDS];

/* Registers as CPUID returns them. */
enum { CPUID_EAX, CPUID_EBX, CPUID_ECX, CPUID_EDX };

typedef struct FeatureWordInfo {
    uint32_t leaf;
    uint32_t subleaf;
    int reg; /* CPUID_EAX.. */
    const char *names[32];
} FeatureWordInfo;

extern const FeatureWordInfo feature_word_info[FEATURE_WORDS];

/* One `-cpu` flag: the bits it controls (kvmclock is two). */
typedef struct X86FeatureFlag {
    const char *name;
    FeatureWord word;
    uint32_t mask;
} X86FeatureFlag;

/* Every distinct flag name, sorted; *count set. */
const X86FeatureFlag *x86_feature_flags(size_t *count);
/* The flag called name, or NULL. */
const X86FeatureFlag *x86_feature_flag_find(const char *name);
/* "CPUID.01H:ECX.avx [bit 28]", as QEMU's warnings name a bit. */
char *x86_feature_bit_name(FeatureWord w, int bit);

/* A CPU model (-cpu NAME). */
typedef struct X86CPUModel {
    const char *name;
    const char *model_id; /* the brand string, leaves 0x80000002-4 */
    const char *vendor;   /* 12 characters */
    uint32_t family, model, stepping;
    uint32_t level, xlevel; /* highest basic / extended leaf */
    const char *features;   /* flag names, space-separated */
    /* host and max: the host's identification and everything KVM offers */
    bool host;
    const char *desc; /* for -cpu help when model_id does not say it */
} X86CPUModel;

extern const X86CPUModel x86_cpu_models[];
extern const size_t x86_cpu_model_count;

/* The features a model string names, OR-ed into f; false on a bad name. */
bool x86_parse_feature_list(const char *list, FeatureWordArray f,
                            const char **bad);

/* CPUID leaf 1 EAX from family/model/stepping. */
uint32_t x86_cpuid_version(uint32_t family, uint32_t model, uint32_t stepping);

/* What one vCPU reports. */
typedef struct X86CPUIDConfig {
    bool host; /* identification and unnamed bits from the host */
    char vendor[13];
    uint32_t version; /* leaf 1 EAX (ignored with host) */
    uint32_t level, xlevel;
    const char *model_id;
    FeatureWordArray features; /* wanted (before what KVM offers) */
    uint32_t apic_id;
} X86CPUIDConfig;

/*
 * Build the vCPU's CPUID from the supported entries sup[0..nsup): every
 * feature word is wanted & supported (host: plus the supported bits that
 * have no name), identification and ranges from cfg, the XSAVE leaf
 * trimmed to the state components the features allow. missing[] gets the
 * wanted bits KVM lacks. Returns a kvm_cpuid2 for KVM_SET_CPUID2.
 */
struct kvm_cpuid2 *x86_cpuid_build(const X86CPUIDConfig *cfg,
                                   const struct kvm_cpuid_entry2 *sup,
                                   uint32_t nsup, FeatureWordArray missing);

/* A feature word's value in a CPUID table (0 when the leaf is absent). */
uint32_t x86_cpuid_word(const struct kvm_cpuid_entry2 *e, uint32_t n,
                        FeatureWord w);
/* The entry for leaf/subleaf, or NULL. */
struct kvm_cpuid_entry2 *x86_cpuid_find(struct kvm_cpuid_entry2 *e, uint32_t n,
                                        uint32_t leaf, uint32_t subleaf);

#endif
