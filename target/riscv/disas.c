/*
 * Disassembler: the same generated pattern table as the decoder, each
 * pattern's operand template filled in (see scripts/decodegen.py).
 * Output follows `objdump -M no-aliases` mnemonics (compressed
 * instructions keep their c. names), with ", " between operands,
 * immediates in decimal except lui/auipc/c.lui (hex, as objdump), and
 * branch/jump targets as absolute 0x... addresses.
 */
#include "qemu/osdep.h"
#include "target/riscv/translate.h"
#include "target/riscv/insn-handlers.h"

static const char *const rm_names[8] = {
    "rne", "rtz", "rdn", "rup", "rmm", "unknown", "unknown", "dyn",
};

/* A bounded string builder over the caller's buffer. */
typedef struct DisasOut {
    char *buf;
    size_t size;
    size_t len; /* characters wanted so far (may exceed size - 1) */
} DisasOut;

static void G_GNUC_PRINTF(2, 3) out_printf(DisasOut *o, const char *fmt, ...)
{
    va_list ap;
    size_t room = o->len < o->size ? o->size - o->len : 0;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(room ? o->buf + o->len : NULL, room, fmt, ap);
    va_end(ap);
    if (n > 0) {
        o->len += n;
    }
}

/* Drop a ", " just written (before an omitted optional operand). */
static void out_drop_sep(DisasOut *o)
{
    if (o->len >= 2 && o->len < o->size && o->buf[o->len - 2] == ',' &&
        o->buf[o->len - 1] == ' ') {
        o->len -= 2;
        o->buf[o->len] = '\0';
    }
}

static void out_fence_set(DisasOut *o, unsigned set)
{
    if (!set) {
        out_printf(o, "0");
        return;
    }
    out_printf(o, "%s%s%s%s", set & 8 ? "i" : "", set & 4 ? "o" : "",
               set & 2 ? "r" : "", set & 1 ? "w" : "");
}

static bool out_operand(DisasOut *o, const char *tok, size_t n,
                        const DecodedInsn *d, uint64_t pc)
{
#define IS(s) (n == strlen(s) && !memcmp(tok, s, n))
    const char *name;

    if (IS("rd")) {
        out_printf(o, "%s", riscv_gpr_names[d->rd & 31]);
    } else if (IS("rs1")) {
        out_printf(o, "%s", riscv_gpr_names[d->rs1 & 31]);
    } else if (IS("rs2")) {
        out_printf(o, "%s", riscv_gpr_names[d->rs2 & 31]);
    } else if (IS("rs3")) {
        out_printf(o, "%s", riscv_gpr_names[d->rs3 & 31]);
    } else if (IS("frd")) {
        out_printf(o, "%s", riscv_fpr_names[d->rd & 31]);
    } else if (IS("frs1")) {
        out_printf(o, "%s", riscv_fpr_names[d->rs1 & 31]);
    } else if (IS("frs2")) {
        out_printf(o, "%s", riscv_fpr_names[d->rs2 & 31]);
    } else if (IS("frs3")) {
        out_printf(o, "%s", riscv_fpr_names[d->rs3 & 31]);
    } else if (IS("imm")) {
        out_printf(o, "%" PRId64, d->imm);
    } else if (IS("uimm")) {
        out_printf(o, "0x%" PRIx64, ((uint64_t)d->imm >> 12) & 0xfffff);
    } else if (IS("target")) {
        out_printf(o, "0x%" PRIx64, pc + (uint64_t)d->imm);
    } else if (IS("csr")) {
        name = riscv_csr_name((int)d->imm);
        if (name) {
            out_printf(o, "%s", name);
        } else {
            out_printf(o, "0x%x", (unsigned)d->imm);
        }
    } else if (IS("zimm")) {
        out_printf(o, "%u", d->rs1);
    } else if (IS("rm")) {
        if ((d->rm & 7) == 7) {
            out_drop_sep(o);
        } else {
            out_printf(o, "%s", rm_names[d->rm & 7]);
        }
    } else if (IS("pred")) {
        out_fence_set(o, (d->imm >> 4) & 0xf);
    } else if (IS("succ")) {
        out_fence_set(o, d->imm & 0xf);
    } else {
        return false;
    }
    return true;
#undef IS
}

static const char *aqrl_suffix(unsigned aqrl)
{
    static const char *const suffix[4] = { "", ".rl", ".aq", ".aqrl" };

    return suffix[aqrl & 3];
}

void riscv_disas(uint64_t pc, uint32_t insn, char *buf, size_t buflen)
{
    DisasOut o = { .buf = buf, .size = buflen, .len = 0 };
    const RiscvInsnPattern *p;
    DecodedInsn d = { 0 };
    const char *t;

    if (buflen) {
        buf[0] = '\0';
    }
    if ((insn & 3) == 3) {
        p = riscv_insn_match32(insn);
    } else {
        insn &= 0xffff;
        p = riscv_insn_match16(insn);
    }
    if (p) {
        p->extract(insn, &d);
        if ((p->nz & RISCV_NZ_RD && d.rd == 0) ||
            (p->nz & RISCV_NZ_RS1 && d.rs1 == 0) ||
            (p->nz & RISCV_NZ_RS2 && d.rs2 == 0) ||
            (p->nz & RISCV_NZ_IMM && d.imm == 0)) {
            p = NULL; /* a reserved encoding */
        }
    }
    if (!p) {
        out_printf(&o, ".insn 0x%0*x", (insn & 3) == 3 ? 8 : 4, insn);
        return;
    }

    out_printf(&o, "%s", p->name);
    t = p->disas;
    if (!strncmp(t, "aqrl", 4)) {
        out_printf(&o, "%s", aqrl_suffix(d.rm));
        t += 4;
    }
    while (*t == ' ') {
        t++;
    }
    if (*t) {
        out_printf(&o, " ");
    }
    while (*t) {
        if (g_ascii_isalpha(*t)) {
            size_t n = 0;

            while (g_ascii_isalnum(t[n])) {
                n++;
            }
            if (!out_operand(&o, t, n, &d, pc)) {
                out_printf(&o, "%.*s", (int)n, t);
            }
            t += n;
        } else {
            out_printf(&o, "%c", *t++);
        }
    }
}
