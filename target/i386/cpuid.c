/*
 * The CPUID feature words and the shaping of KVM's supported CPUID into
 * one vCPU's (see cpuid.h). Bit names are the ones QEMU's users type
 * (`-cpu qemu64,+avx`); the bit positions come from the Intel SDM vol. 2A
 * (CPUID, tables 3-8 to 3-11), AMD's APM vol. 3 (appendix E) and the KVM
 * API document ("KVM CPUID bits").
 */
#include "qemu/osdep.h"
#include "target/i386/cpuid.h"

const FeatureWordInfo feature_word_info[FEATURE_WORDS] = {
    [FEAT_1_EDX] = {
        .leaf = 1, .reg = CPUID_EDX,
        .names = {
            "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce",
            "cx8", "apic", NULL, "sep", "mtrr", "pge", "mca", "cmov",
            "pat", "pse36", "pn", "clflush", NULL, "ds", "acpi", "mmx",
            "fxsr", "sse", "sse2", "ss", "ht", "tm", "ia64", "pbe",
        },
    },
    [FEAT_1_ECX] = {
        .leaf = 1, .reg = CPUID_ECX,
        .names = {
            "pni", "pclmulqdq", "dtes64", "monitor", "ds-cpl", "vmx", "smx",
            "est", "tm2", "ssse3", "cid", NULL, "fma", "cx16", "xtpr", "pdcm",
            NULL, "pcid", "dca", "sse4.1", "sse4.2", "x2apic", "movbe",
            "popcnt", "tsc-deadline", "aes", "xsave", NULL /* osxsave */,
            "avx", "f16c", "rdrand", "hypervisor",
        },
    },
    [FEAT_6_EAX] = {
        .leaf = 6, .reg = CPUID_EAX,
        .names = { [2] = "arat" },
    },
    [FEAT_7_0_EBX] = {
        .leaf = 7, .subleaf = 0, .reg = CPUID_EBX,
        .names = {
            "fsgsbase", "tsc-adjust", "sgx", "bmi1", "hle", "avx2", NULL,
            "smep", "bmi2", "erms", "invpcid", "rtm", NULL, NULL, "mpx", NULL,
            "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma",
            NULL, "clflushopt", "clwb", "intel-pt", "avx512pf", "avx512er",
            "avx512cd", "sha-ni", "avx512bw", "avx512vl",
        },
    },
    [FEAT_7_0_ECX] = {
        .leaf = 7, .subleaf = 0, .reg = CPUID_ECX,
        .names = {
            [1] = "avx512vbmi", [2] = "umip", [3] = "pku", [5] = "waitpkg",
            [6] = "avx512vbmi2", [8] = "gfni", [9] = "vaes",
            [10] = "vpclmulqdq", [11] = "avx512vnni", [12] = "avx512bitalg",
            [14] = "avx512-vpopcntdq", [16] = "la57", [22] = "rdpid",
            [25] = "cldemote", [27] = "movdiri", [28] = "movdir64b",
        },
    },
    [FEAT_7_0_EDX] = {
        .leaf = 7, .subleaf = 0, .reg = CPUID_EDX,
        .names = {
            [4] = "fsrm", [8] = "avx512-vp2intersect", [10] = "md-clear",
            [14] = "serialize", [26] = "spec-ctrl", [27] = "stibp",
            [29] = "arch-capabilities", [31] = "ssbd",
        },
    },
    [FEAT_7_1_EAX] = {
        .leaf = 7, .subleaf = 1, .reg = CPUID_EAX,
        .names = { [4] = "avx-vnni", [5] = "avx512-bf16" },
    },
    [FEAT_D_1_EAX] = {
        .leaf = 0xd, .subleaf = 1, .reg = CPUID_EAX,
        .names = { "xsaveopt", "xsavec", "xgetbv1", "xsaves" },
    },
    [FEAT_8000_0001_EDX] = {
        .leaf = 0x80000001, .reg = CPUID_EDX,
        .names = {
            [11] = "syscall", [20] = "nx", [22] = "mmxext", [25] = "fxsr-opt",
            [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm", [30] = "3dnowext",
            [31] = "3dnow",
        },
    },
    [FEAT_8000_0001_ECX] = {
        .leaf = 0x80000001, .reg = CPUID_ECX,
        .names = {
            "lahf-lm", "cmp-legacy", "svm", "extapic", "cr8legacy", "abm",
            "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop",
            "skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL, "nodeid-msr",
            NULL, "tbm", "topoext", "perfctr-core", "perfctr-nb",
        },
    },
    [FEAT_8000_0007_EDX] = {
        .leaf = 0x80000007, .reg = CPUID_EDX,
        .names = { [8] = "invtsc" },
    },
    [FEAT_8000_0008_EBX] = {
        .leaf = 0x80000008, .reg = CPUID_EBX,
        .names = {
            [0] = "clzero", [2] = "xsaveerptr", [9] = "wbnoinvd",
            [12] = "ibpb", [14] = "ibrs", [15] = "amd-stibp",
            [24] = "amd-ssbd", [25] = "virt-ssbd", [26] = "amd-no-ssb",
        },
    },
    [FEAT_KVM] = {
        .leaf = 0x40000001, .reg = CPUID_EAX,
        .names = {
            "kvmclock", "kvm-nopiodelay", "kvm-mmu", "kvmclock",
            "kvm-asyncpf", "kvm-steal-time", "kvm-pv-eoi", "kvm-pv-unhalt",
            NULL, "kvm-pv-tlb-flush", "kvm-asyncpf-vmexit", "kvm-pv-ipi",
            "kvm-poll-control", "kvm-pv-sched-yield", "kvm-asyncpf-int",
            "kvm-msi-ext-dest-id", [24] = "kvmclock-stable-bit",
        },
    },
};

/* ---- flag names ---- */

static GArray *flags_sorted;

static gint flag_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(((const X86FeatureFlag *)a)->name,
                  ((const X86FeatureFlag *)b)->name);
}

const X86FeatureFlag *x86_feature_flags(size_t *count)
{
    if (!flags_sorted) {
        GArray *a = g_array_new(FALSE, FALSE, sizeof(X86FeatureFlag));

        for (int w = 0; w < FEATURE_WORDS; w++) {
            for (int b = 0; b < 32; b++) {
                const char *n = feature_word_info[w].names[b];
                bool merged = false;

                for (guint i = 0; n && i < a->len && !merged; i++) {
                    X86FeatureFlag *f = &g_array_index(a, X86FeatureFlag, i);

                    if (!strcmp(f->name, n)) {
                        g_assert(f->word == (FeatureWord)w);
                        f->mask |= 1u << b;
                        merged = true;
                    }
                }
                if (n && !merged) {
                    X86FeatureFlag f = { n, w, 1u << b };

                    g_array_append_val(a, f);
                }
            }
        }
        g_array_sort(a, flag_cmp);
        flags_sorted = a;
    }
    *count = flags_sorted->len;
    return (const X86FeatureFlag *)flags_sorted->data;
}

const X86FeatureFlag *x86_feature_flag_find(const char *name)
{
    size_t n;
    const X86FeatureFlag *f = x86_feature_flags(&n);
    X86FeatureFlag key = { .name = name };

    return bsearch(&key, f, n, sizeof(*f),
                   (int (*)(const void *, const void *))flag_cmp);
}

char *x86_feature_bit_name(FeatureWord w, int bit)
{
    const FeatureWordInfo *fi = &feature_word_info[w];
    static const char reg_names[4][4] = { "EAX", "EBX", "ECX", "EDX" };
    g_autofree char *leaf =
        fi->subleaf ? g_strdup_printf("%02XH.%02XH", fi->leaf, fi->subleaf)
                    : g_strdup_printf("%02XH", fi->leaf);

    return g_strdup_printf("CPUID.%s:%s%s%s [bit %d]", leaf, reg_names[fi->reg],
                           fi->names[bit] ? "." : "",
                           fi->names[bit] ? fi->names[bit] : "", bit);
}

bool x86_parse_feature_list(const char *list, FeatureWordArray f,
                            const char **bad)
{
    g_auto(GStrv) names = g_strsplit(list ? list : "", " ", -1);

    for (char **n = names; *n; n++) {
        const X86FeatureFlag *flag;

        if (!**n) {
            continue;
        }
        flag = x86_feature_flag_find(*n);
        if (!flag) {
            *bad = g_intern_string(*n);
            return false;
        }
        f[flag->word] |= flag->mask;
    }
    return true;
}

/* ---- identification ---- */

/* Leaf 1 EAX: stepping 3:0, model 7:4, family 11:8, ext. 19:16/27:20. */
uint32_t x86_cpuid_version(uint32_t family, uint32_t model, uint32_t stepping)
{
    uint32_t v = (stepping & 0xf) | ((model & 0xf) << 4) | ((model >> 4) << 16);

    if (family > 0xf) {
        v |= (0xfu << 8) | ((family - 0xf) << 20);
    } else {
        v |= family << 8;
    }
    return v;
}

/* ---- shaping ---- */

static uint32_t *entry_reg(struct kvm_cpuid_entry2 *e, int reg)
{
    uint32_t *regs[4] = { &e->eax, &e->ebx, &e->ecx, &e->edx };

    return regs[reg];
}

/* Leaves whose subleaf selects the answer (ECX is an input). */
static bool leaf_has_subleaves(uint32_t leaf)
{
    return leaf == 4 || leaf == 7 || leaf == 0xb || leaf == 0xd ||
           leaf == 0xf || leaf == 0x10 || leaf == 0x12 || leaf == 0x14 ||
           leaf == 0x17 || leaf == 0x18 || leaf == 0x1d || leaf == 0x1e ||
           leaf == 0x1f || leaf == 0x20 || leaf == 0x8000001d ||
           leaf == 0x80000020;
}

struct kvm_cpuid_entry2 *x86_cpuid_find(struct kvm_cpuid_entry2 *e, uint32_t n,
                                        uint32_t leaf, uint32_t subleaf)
{
    for (uint32_t i = 0; i < n; i++) {
        if (e[i].function == leaf &&
            (!leaf_has_subleaves(leaf) || e[i].index == subleaf)) {
            return &e[i];
        }
    }
    return NULL;
}

uint32_t x86_cpuid_word(const struct kvm_cpuid_entry2 *e, uint32_t n,
                        FeatureWord w)
{
    const FeatureWordInfo *fi = &feature_word_info[w];
    struct kvm_cpuid_entry2 *hit =
        x86_cpuid_find((struct kvm_cpuid_entry2 *)e, n, fi->leaf, fi->subleaf);

    return hit ? *entry_reg(hit, fi->reg) : 0;
}

static uint32_t named_mask(FeatureWord w)
{
    uint32_t m = 0;

    for (int b = 0; b < 32; b++) {
        m |= feature_word_info[w].names[b] ? 1u << b : 0;
    }
    return m;
}

/*
 * The XSAVE state components (XCR0 bits, SDM vol. 1, 13.1) a fixed model
 * may enable, from its features: x87 and SSE always, AVX, MPX's two,
 * AVX-512's three, PKRU.
 */
static uint64_t xcr0_allowed(const FeatureWordArray f)
{
    uint64_t m = 0x3;

    if (!(f[FEAT_1_ECX] & (1u << 26))) { /* xsave */
        return 0;
    }
    m |= f[FEAT_1_ECX] & (1u << 28) ? 1u << 2 : 0;   /* avx */
    m |= f[FEAT_7_0_EBX] & (1u << 14) ? 3u << 3 : 0; /* mpx */
    m |= f[FEAT_7_0_EBX] & (1u << 16) ? 7u << 5 : 0; /* avx512f */
    m |= f[FEAT_7_0_ECX] & (1u << 3) ? 1u << 9 : 0;  /* pku */
    return m;
}

static void set_vendor(struct kvm_cpuid_entry2 *e, const char *v)
{
    /* EBX, EDX, ECX hold the 12 characters in that order. */
    memcpy(&e->ebx, v, 4);
    memcpy(&e->edx, v + 4, 4);
    memcpy(&e->ecx, v + 8, 4);
}

/* Leaves 0x80000002-4: 48 bytes of brand string, NUL-padded. */
static void set_brand(struct kvm_cpuid_entry2 *e, const char *id)
{
    char buf[48] = { 0 };
    uint32_t part = e->function - 0x80000002;

    strncpy(buf, id, sizeof(buf) - 1);
    memcpy(&e->eax, buf + part * 16, 4);
    memcpy(&e->ebx, buf + part * 16 + 4, 4);
    memcpy(&e->ecx, buf + part * 16 + 8, 4);
    memcpy(&e->edx, buf + part * 16 + 12, 4);
}

/* Is leaf within the ranges this vCPU reports? */
static bool leaf_in_range(uint32_t leaf, uint32_t level, uint32_t xlevel)
{
    if (leaf < 0x40000000) {
        return leaf <= level;
    }
    if (leaf < 0x80000000) {
        return leaf <= 0x4fffffff; /* hypervisor leaves: KVM's */
    }
    return leaf <= xlevel;
}

/* Leaf 0xD: the components allowed, their sizes. */
static void shape_xsave(struct kvm_cpuid_entry2 *out, uint32_t n,
                        uint64_t allowed)
{
    struct kvm_cpuid_entry2 *l0 = x86_cpuid_find(out, n, 0xd, 0);
    uint32_t max_size = 512 + 64; /* legacy region and header */

    if (!l0) {
        return;
    }
    l0->eax &= (uint32_t)allowed;
    l0->edx &= (uint32_t)(allowed >> 32);
    for (uint32_t i = 0; i < n; i++) {
        struct kvm_cpuid_entry2 *e = &out[i];

        if (e->function != 0xd || e->index < 2 || e->index >= 64) {
            continue;
        }
        if (!(allowed & (1ULL << e->index))) {
            e->eax = e->ebx = e->ecx = e->edx = 0;
        } else if (!(e->ecx & 1) && e->ebx + e->eax > max_size) {
            max_size = e->ebx + e->eax; /* user state: offset + size */
        }
    }
    l0->ecx = max_size;
    if (l0->ebx > max_size) {
        l0->ebx = max_size;
    }
}

struct kvm_cpuid2 *x86_cpuid_build(const X86CPUIDConfig *cfg,
                                   const struct kvm_cpuid_entry2 *sup,
                                   uint32_t nsup, FeatureWordArray missing)
{
    struct kvm_cpuid2 *c =
        g_malloc0(sizeof(*c) + nsup * sizeof(struct kvm_cpuid_entry2));
    FeatureWordArray got;
    uint32_t level = cfg->level, xlevel = cfg->xlevel;
    struct kvm_cpuid_entry2 *e;

    /* The ranges: the host's, or the model's where the host has them. */
    e = x86_cpuid_find((struct kvm_cpuid_entry2 *)sup, nsup, 0, 0);
    level = cfg->host || !e ? (e ? e->eax : 0) : MIN(level, e->eax);
    e = x86_cpuid_find((struct kvm_cpuid_entry2 *)sup, nsup, 0x80000000, 0);
    xlevel = cfg->host || !e ? (e ? e->eax : 0) : MIN(xlevel, e->eax);

    for (int w = 0; w < FEATURE_WORDS; w++) {
        uint32_t s = x86_cpuid_word(sup, nsup, w);

        got[w] = cfg->features[w] & s;
        if (cfg->host) {
            got[w] |= s & ~named_mask(w);
        }
        missing[w] = cfg->features[w] & ~s;
    }
    /* AMD: 0x80000001 EDX repeats leaf 1 EDX's bits 0-9, 12-17, 23-24. */
    if (!cfg->host && !strcmp(cfg->vendor, "AuthenticAMD")) {
        got[FEAT_8000_0001_EDX] |= got[FEAT_1_EDX] & 0x0183f3ff;
    }

    for (uint32_t i = 0; i < nsup; i++) {
        if (leaf_in_range(sup[i].function, level, xlevel)) {
            c->entries[c->nent++] = sup[i];
        }
    }
    for (int w = 0; w < FEATURE_WORDS; w++) {
        const FeatureWordInfo *fi = &feature_word_info[w];

        e = x86_cpuid_find(c->entries, c->nent, fi->leaf, fi->subleaf);
        if (e) {
            *entry_reg(e, fi->reg) = got[w];
        }
    }
    for (uint32_t i = 0; i < c->nent; i++) {
        e = &c->entries[i];
        switch (e->function) {
        case 0:
            e->eax = level;
            if (!cfg->host) {
                set_vendor(e, cfg->vendor);
            }
            break;
        case 1:
            if (!cfg->host) {
                e->eax = cfg->version;
            }
            /* The initial APIC id is ours (SDM: EBX[31:24]). */
            e->ebx = (e->ebx & 0x00ffffff) | (cfg->apic_id << 24);
            break;
        case 0xb:
        case 0x1f:
            e->edx = cfg->apic_id; /* the x2APIC id */
            break;
        case 0x80000000:
            e->eax = xlevel;
            if (!cfg->host) {
                set_vendor(e, cfg->vendor);
            }
            break;
        case 0x80000002:
        case 0x80000003:
        case 0x80000004:
            if (!cfg->host && cfg->model_id) {
                set_brand(e, cfg->model_id);
            }
            break;
        }
    }
    if (!cfg->host) {
        shape_xsave(c->entries, c->nent, xcr0_allowed(got));
    }
    return c;
}
