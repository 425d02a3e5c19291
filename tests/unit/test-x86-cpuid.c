/*
 * CPUID as -cpu shapes it: a model's identification and features within
 * what a (made-up, EPYC-like) KVM supports, +flag/-flag, the XSAVE leaf
 * trimmed to the features, the host model, and the names in warnings.
 */
#include "qemu/osdep.h"
#include "target/i386/cpu.h"
#include "target/i386/cpuid.h"

#define B(n) (1u << (n))

static void put_vendor(struct kvm_cpuid_entry2 *e, const char *v)
{
    memcpy(&e->ebx, v, 4);
    memcpy(&e->edx, v + 4, 4);
    memcpy(&e->ecx, v + 8, 4);
}

/* What KVM_GET_SUPPORTED_CPUID might say on an AMD host. */
static const struct kvm_cpuid_entry2 *host_table(uint32_t *n)
{
    static struct kvm_cpuid_entry2 t[32];
    uint32_t i = 0;

#define ENTRY(f, idx, a, b, c, d)                        \
    t[i++] = (struct kvm_cpuid_entry2){ .function = (f), \
                                        .index = (idx),  \
                                        .eax = (a),      \
                                        .ebx = (b),      \
                                        .ecx = (c),      \
                                        .edx = (d) }
    ENTRY(0, 0, 0x16, 0, 0, 0);
    put_vendor(&t[0], "AuthenticAMD");
    /* leaf 1: SSE3..AVX, RDRAND, an unnamed bit 11, x2apic,
     * tsc-deadline, hypervisor (as kvm.c adds them) */
    ENTRY(1, 0, 0x00830f10, 0x00020800,
          B(0) | B(1) | B(9) | B(11) | B(12) | B(13) | B(19) | B(20) | B(21) |
              B(22) | B(23) | B(24) | B(25) | B(26) | B(28) | B(29) | B(30) |
              B(31),
          0x178bfbff);
    ENTRY(7, 0, 0, B(3) | B(5) | B(16), 0, 0);
    ENTRY(0xb, 0, 1, 1, 0x100, 0);
    ENTRY(0xd, 0, 0xe7, 0x240, 0x988, 0);
    ENTRY(0xd, 1, 0xf, 0, 0, 0);
    ENTRY(0xd, 2, 256, 576, 0, 0);
    ENTRY(0xd, 5, 64, 832, 0, 0);
    ENTRY(0xd, 6, 512, 896, 0, 0);
    ENTRY(0xd, 7, 1024, 1408, 0, 0);
    ENTRY(0x14, 0, 1, 0, 0, 0);
    ENTRY(0x40000000, 0, 0x40000001, 0, 0, 0);
    ENTRY(0x40000001, 0, 0x01007efb, 0, 0, 0);
    ENTRY(0x80000000, 0, 0x80000021, 0, 0, 0);
    put_vendor(&t[i - 1], "AuthenticAMD");
    ENTRY(0x80000001, 0, 0, 0, B(0) | B(2) | B(5) | B(6),
          B(11) | B(20) | B(22) | B(29) | 0x0183f3ff);
    ENTRY(0x80000002, 0, 0x20444d41, 0x43595045, 0, 0); /* "AMD EPYC" */
    ENTRY(0x80000003, 0, 0, 0, 0, 0);
    ENTRY(0x80000004, 0, 0, 0, 0, 0);
    ENTRY(0x8000001e, 0, 0, 0x100, 0, 0);
#undef ENTRY
    *n = i;
    return t;
}

typedef struct Built {
    struct kvm_cpuid2 *c;
    FeatureWordArray missing;
} Built;

/* A CPU of model with "flag=on|off" settings, and its CPUID. */
static Built build(const char *model, const char *const *settings,
                   uint32_t apic_id)
{
    g_autofree char *type = g_strdup_printf("%s-" TYPE_X86_CPU, model);
    X86CPU *cpu = X86_CPU(object_new(type));
    X86CPUIDConfig cfg;
    uint32_t n;
    const struct kvm_cpuid_entry2 *sup = host_table(&n);
    Built b;

    for (; settings && *settings; settings += 2) {
        g_assert_true(
            object_property_parse(OBJECT(cpu), settings[0], settings[1], NULL));
    }
    cpu->apic_id = apic_id;
    x86_cpu_cpuid_config(cpu, &cfg);
    b.c = x86_cpuid_build(&cfg, sup, n, b.missing);
    object_unref(OBJECT(cpu));
    return b;
}

static struct kvm_cpuid_entry2 *leaf(Built *b, uint32_t f, uint32_t i)
{
    return x86_cpuid_find(b->c->entries, b->c->nent, f, i);
}

static void check_vendor(struct kvm_cpuid_entry2 *e, const char *v)
{
    char got[13] = { 0 };

    memcpy(got, &e->ebx, 4);
    memcpy(got + 4, &e->edx, 4);
    memcpy(got + 8, &e->ecx, 4);
    g_assert_cmpstr(got, ==, v);
}

static void test_qemu64(void)
{
    Built b = build("qemu64", NULL, 3);
    struct kvm_cpuid_entry2 *e;
    char brand[49] = { 0 };

    e = leaf(&b, 0, 0);
    g_assert_cmphex(e->eax, ==, 0xd); /* the model's level */
    check_vendor(e, "AuthenticAMD");
    g_assert_null(leaf(&b, 0x14, 0));       /* above the level */
    g_assert_null(leaf(&b, 0x8000001e, 0)); /* above the xlevel */
    g_assert_cmphex(leaf(&b, 0x80000000, 0)->eax, ==, 0x8000000a);
    e = leaf(&b, 1, 0);
    g_assert_cmphex(e->eax, ==, 0x00060fb1); /* family 15 model 107 */
    g_assert_cmphex(e->ebx >> 24, ==, 3);    /* the APIC id */
    /* pni cx16 x2apic tsc-deadline hypervisor; not avx, not bit 11 */
    g_assert_cmphex(e->ecx, ==, B(0) | B(13) | B(21) | B(24) | B(31));
    g_assert_cmphex(e->edx & B(26), ==, B(26)); /* sse2 */
    g_assert_cmphex(leaf(&b, 0xb, 0)->edx, ==, 3);
    g_assert_cmphex(leaf(&b, 7, 0)->ebx, ==, 0);
    /* AMD: lm, nx, syscall, and leaf 1 EDX's bits repeated */
    e = leaf(&b, 0x80000001, 0);
    g_assert_cmphex(e->edx & (B(29) | B(20) | B(11) | B(0)), ==,
                    B(29) | B(20) | B(11) | B(0));
    g_assert_cmphex(e->ecx, ==, B(0)); /* lahf-lm; no svm, abm */
    /* kvmclock (both bits), nopiodelay, asyncpf, steal time, pv-eoi,
     * stable bit */
    g_assert_cmphex(leaf(&b, 0x40000001, 0)->eax, ==,
                    B(0) | B(1) | B(3) | B(4) | B(5) | B(6) | B(24));
    /* No XSAVE in qemu64: no state components. */
    g_assert_cmphex(leaf(&b, 0xd, 0)->eax, ==, 0);
    for (uint32_t f = 0x80000002; f <= 0x80000004; f++) {
        e = leaf(&b, f, 0);
        memcpy(brand + (f - 0x80000002) * 16, &e->eax, 4);
        memcpy(brand + (f - 0x80000002) * 16 + 4, &e->ebx, 4);
        memcpy(brand + (f - 0x80000002) * 16 + 8, &e->ecx, 4);
        memcpy(brand + (f - 0x80000002) * 16 + 12, &e->edx, 4);
    }
    g_assert_cmpstr(brand, ==, "QEMU Virtual CPU version 2.5+");
    for (int w = 0; w < FEATURE_WORDS; w++) {
        g_assert_cmphex(b.missing[w], ==, 0);
    }
    g_free(b.c);
}

static void test_plus_minus(void)
{
    const char *const set[] = { "avx", "on",       "xsave", "on", "sse2",
                                "off", "kvmclock", "off",   NULL };
    Built b = build("qemu64", set, 0);
    struct kvm_cpuid_entry2 *d0 = leaf(&b, 0xd, 0);

    g_assert_cmphex(leaf(&b, 1, 0)->ecx & (B(26) | B(28)), ==, B(26) | B(28));
    g_assert_cmphex(leaf(&b, 1, 0)->edx & B(26), ==, 0);
    g_assert_cmphex(leaf(&b, 0x40000001, 0)->eax & (B(0) | B(3)), ==, 0);
    /* XSAVE: x87, SSE, AVX; AVX-512's components gone */
    g_assert_cmphex(d0->eax, ==, 0x7);
    g_assert_cmphex(d0->ecx, ==, 576 + 256);
    g_assert_cmphex(leaf(&b, 0xd, 2)->eax, ==, 256);
    g_assert_cmphex(leaf(&b, 0xd, 5)->eax, ==, 0);
    g_assert_cmphex(leaf(&b, 0xd, 7)->ebx, ==, 0);
    g_free(b.c);
}

static void test_missing(void)
{
    const char *const set[] = { "la57", "on", "avx2", "on", NULL };
    Built b = build("qemu64", set, 0);
    g_autofree char *name = x86_feature_bit_name(FEAT_7_0_ECX, 16);

    g_assert_cmphex(b.missing[FEAT_7_0_ECX], ==, B(16)); /* la57 */
    g_assert_cmphex(b.missing[FEAT_7_0_EBX], ==, 0);
    g_assert_cmphex(leaf(&b, 7, 0)->ebx, ==, B(5));
    g_assert_cmphex(leaf(&b, 7, 0)->ecx, ==, 0);
    g_assert_cmpstr(name, ==, "CPUID.07H:ECX.la57 [bit 16]");
    g_free(b.c);
}

static void test_host(void)
{
    const char *const set[] = { "avx", "off", NULL };
    Built b = build("host", set, 1);
    struct kvm_cpuid_entry2 *e = leaf(&b, 1, 0);

    check_vendor(leaf(&b, 0, 0), "AuthenticAMD");
    g_assert_cmphex(leaf(&b, 0, 0)->eax, ==, 0x16);
    g_assert_nonnull(leaf(&b, 0x14, 0));
    g_assert_nonnull(leaf(&b, 0x8000001e, 0));
    g_assert_cmphex(e->eax, ==, 0x00830f10);
    g_assert_cmphex(e->ecx & (B(11) | B(28) | B(25)), ==, B(11) | B(25));
    g_assert_cmphex(leaf(&b, 0xd, 0)->eax, ==, 0xe7); /* untouched */
    g_assert_cmphex(e->ebx >> 24, ==, 1);
    g_free(b.c);
}

/* Every model's features name real flags; EPYC-v4 is AMD family 23. */
static void test_models(void)
{
    for (size_t i = 0; i < x86_cpu_model_count; i++) {
        FeatureWordArray f = { 0 };
        const char *bad = NULL;

        g_assert_true(
            x86_parse_feature_list(x86_cpu_models[i].features, f, &bad));
        g_assert_null(bad);
    }
    {
        Built b = build("EPYC-v4", NULL, 0);

        g_assert_cmphex(leaf(&b, 1, 0)->eax, ==, 0x00800f12);
        g_assert_cmphex(leaf(&b, 7, 0)->ebx & B(5), ==, B(5)); /* avx2 */
        g_assert_cmphex(leaf(&b, 0xd, 0)->eax, ==, 0x7);
        g_free(b.c);
    }
    g_assert_nonnull(x86_feature_flag_find("sse4.2"));
    g_assert_null(x86_feature_flag_find("sse4_2x"));
    g_assert_cmphex(x86_feature_flag_find("kvmclock")->mask, ==, B(0) | B(3));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/x86/cpuid/qemu64", test_qemu64);
    g_test_add_func("/x86/cpuid/plus-minus", test_plus_minus);
    g_test_add_func("/x86/cpuid/missing", test_missing);
    g_test_add_func("/x86/cpuid/host", test_host);
    g_test_add_func("/x86/cpuid/models", test_models);
    return g_test_run();
}
