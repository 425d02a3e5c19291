/*
 * `info registers` for x86-64: the layout QEMU's users know (RAX=...,
 * segment lines "SEL BASE LIMIT FLAGS", control registers).
 */
#include "qemu/osdep.h"
#include "target/i386/cpu.h"

static const char *const gpr_names[16] = {
    "RAX", "RCX", "RDX", "RBX", "RSP", "RBP", "RSI", "RDI",
    "R8 ", "R9 ", "R10", "R11", "R12", "R13", "R14", "R15",
};
/* Printed in this order: RAX RBX RCX RDX / RSI RDI RBP RSP / R8.. */
static const uint8_t gpr_print_order[16] = { R_EAX, R_EBX, R_ECX, R_EDX,
                                             R_ESI, R_EDI, R_EBP, R_ESP,
                                             8,     9,     10,    11,
                                             12,    13,    14,    15 };
static const char *const seg_names[X86_NB_SEGS] = { "ES", "CS", "SS",
                                                    "DS", "FS", "GS" };

static void dump_seg(GString *out, const char *name, const SegmentCache *sc,
                     bool wide)
{
    g_string_append_printf(out, "%-3s=%04x %0*" PRIx64 " %08x %08x\n", name,
                           sc->selector, wide ? 16 : 8, sc->base, sc->limit,
                           sc->flags);
}

/* DF and the arithmetic flags as letters, '-' when clear (QEMU's set). */
static void dump_eflags(GString *out, uint64_t f)
{
    static const struct {
        int bit;
        char c;
    } bits[] = { { 10, 'D' }, { 11, 'O' }, { 7, 'S' }, { 6, 'Z' },
                 { 4, 'A' },  { 2, 'P' },  { 0, 'C' } };

    g_string_append_c(out, '[');
    for (size_t i = 0; i < ARRAY_SIZE(bits); i++) {
        g_string_append_c(out, (f >> bits[i].bit) & 1 ? bits[i].c : '-');
    }
    g_string_append_c(out, ']');
}

static const char *const gpr32_names[8] = { "EAX", "ECX", "EDX", "EBX",
                                            "ESP", "EBP", "ESI", "EDI" };

/*
 * Like QEMU: 64-bit registers while running 64-bit code (EFER.LMA and
 * CS.L), else the 32-bit layout (real and protected mode).
 */
void x86_cpu_dump_state(CPUState *cs, GString *out)
{
    CPUX86State *env = x86_env(cs);
    bool wide = (env->efer & EFER_LMA) && (env->segs[R_CS].flags & DESC_L_MASK);
    int w = wide ? 16 : 8;
    int n = wide ? 16 : 8;

    for (int i = 0; i < n; i++) {
        int r = gpr_print_order[i];

        g_string_append_printf(out, "%s=%0*" PRIx64 "%s",
                               wide ? gpr_names[r] : gpr32_names[r], w,
                               wide ? env->regs[r] : (uint32_t)env->regs[r],
                               (i % 4) == 3 ? "\n" : " ");
    }
    g_string_append_printf(out, "%s=%0*" PRIx64 " EFL=%08" PRIx64 " ",
                           wide ? "RIP" : "EIP", w,
                           wide ? env->rip : (uint32_t)env->rip, env->eflags);
    dump_eflags(out, env->eflags);
    g_string_append_printf(out, " CPL=%u II=0 A20=1 SMM=0 HLT=%d\n",
                           (env->segs[R_SS].flags >> DESC_DPL_SHIFT) & 3,
                           env->halted);
    for (int s = 0; s < X86_NB_SEGS; s++) {
        dump_seg(out, seg_names[s], &env->segs[s], wide);
    }
    dump_seg(out, "LDT", &env->ldt, wide);
    dump_seg(out, "TR", &env->tr, wide);
    g_string_append_printf(out, "GDT=     %0*" PRIx64 " %08x\n", w,
                           env->gdt.base, env->gdt.limit);
    g_string_append_printf(out, "IDT=     %0*" PRIx64 " %08x\n", w,
                           env->idt.base, env->idt.limit);
    g_string_append_printf(out,
                           "CR0=%08" PRIx64 " CR2=%0*" PRIx64 " CR3=%0*" PRIx64
                           " CR4=%08" PRIx64 "\n",
                           env->cr[0], w, env->cr[2], w, env->cr[3],
                           env->cr[4]);
    for (int i = 0; i < 4; i++) {
        g_string_append_printf(out, "DR%d=%016" PRIx64 " ", i, env->dr[i]);
    }
    g_string_append_printf(out, "\nDR6=%016" PRIx64 " DR7=%016" PRIx64 "\n",
                           env->dr[6], env->dr[7]);
    g_string_append_printf(out, "EFER=%016" PRIx64 "\n", env->efer);
    g_string_append_printf(out,
                           "FCW=%04x MXCSR=%08x XCR0=%016" PRIx64
                           " APICBASE=%016" PRIx64 "\n",
                           env->fpuc, env->mxcsr, env->xcr0, env->apic_base);
}
