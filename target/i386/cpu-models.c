/*
 * The CPU models `-cpu` names: identification and features, as data.
 * Feature lists are what the processor family has (Intel SDM vol. 2A,
 * AMD's processor revision guides) as KVM can run it: no VMX/SVM, no
 * MONITOR; every fixed model also gets the KVM defaults in cpu.c
 * (x2apic, tsc-deadline, the kvmclock leaves).
 */
#include "qemu/osdep.h"
#include "target/i386/cpuid.h"

#define BASE32_FEATURES                                                    \
    "fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 " \
    "clflush mmx fxsr sse sse2 "
#define BASE64_FEATURES BASE32_FEATURES "pni cx16 syscall nx lm "

const X86CPUModel x86_cpu_models[] = {
    {
        .name = "qemu64",
        .model_id = "QEMU Virtual CPU version 2.5+",
        .vendor = "AuthenticAMD",
        .family = 15,
        .model = 107,
        .stepping = 1,
        .level = 0xd,
        .xlevel = 0x8000000a,
        .features = BASE64_FEATURES "lahf-lm",
    },
    {
        .name = "qemu32",
        .model_id = "QEMU Virtual CPU version 2.5+",
        .vendor = "GenuineIntel",
        .family = 6,
        .model = 6,
        .stepping = 3,
        .level = 4,
        .xlevel = 0x80000004,
        .features = BASE32_FEATURES "pni",
    },
    {
        .name = "kvm64",
        .model_id = "Common KVM processor",
        .vendor = "GenuineIntel",
        .family = 15,
        .model = 6,
        .stepping = 1,
        .level = 0xd,
        .xlevel = 0x80000008,
        .features = BASE64_FEATURES,
    },
    {
        .name = "Skylake-Client",
        .model_id = "Intel Core Processor (Skylake)",
        .vendor = "GenuineIntel",
        .family = 6,
        .model = 94,
        .stepping = 3,
        .level = 0xd,
        .xlevel = 0x80000008,
        .features = BASE64_FEATURES
        "vme ss pclmulqdq ssse3 fma pcid sse4.1 sse4.2 movbe popcnt aes "
        "xsave avx f16c rdrand pdpe1gb rdtscp lahf-lm abm 3dnowprefetch "
        "fsgsbase tsc-adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm mpx "
        "rdseed adx smap clflushopt xsaveopt xsavec xgetbv1 arat",
    },
    {
        .name = "EPYC-v4",
        .model_id = "AMD EPYC-v4 Processor",
        .vendor = "AuthenticAMD",
        .family = 23,
        .model = 1,
        .stepping = 2,
        .level = 0xd,
        .xlevel = 0x8000001e,
        .features = BASE64_FEATURES
        "vme ht pclmulqdq ssse3 fma sse4.1 sse4.2 movbe popcnt aes xsave "
        "avx f16c rdrand mmxext fxsr-opt pdpe1gb rdtscp lahf-lm cmp-legacy "
        "cr8legacy abm sse4a misalignsse 3dnowprefetch osvw topoext "
        "perfctr-core fsgsbase bmi1 avx2 smep bmi2 rdseed adx smap "
        "clflushopt sha-ni xsaveopt xsavec xgetbv1 arat clzero xsaveerptr "
        "ibpb",
    },
    {
        .name = "max",
        .desc = "Enables all features supported by the accelerator in the "
                "current host",
        .host = true,
    },
    {
        .name = "host",
        .desc = "processor with all supported host features",
        .host = true,
    },
};

const size_t x86_cpu_model_count = ARRAY_SIZE(x86_cpu_models);
