#!/usr/bin/env python3
"""Turn the RISC-V instruction description files (*.decode) into C.

Usage:
  decodegen.py [--out-c FILE] [--out-h FILE] [--stubs FILE] INPUT.decode...
  decodegen.py --self-test

The description format (see also docs/decode-format.md)
-------------------------------------------------------
Blank lines and everything after '#' are ignored. A line ending in '\\'
continues on the next line. There are two kinds of lines.

Format lines start with '&' and name a way to fill a DecodedInsn from the
instruction bits, plus how the disassembler shows the operands:

  &NAME  FIELD=EXPR ...  disas="TEMPLATE"

  FIELD is one of rd, rs1, rs2, rs3, imm, rm; a field not given is 0.
  EXPR is either a decimal number, or a concatenation of bit ranges
      [HI:LO,BIT,HI:LO...]   most significant piece first
  optionally prefixed by 's' (sign-extend from the concatenation's width)
  and followed by '<<N' (shift left) and/or '+N' (add a constant), e.g.
      imm=s[31,7,30:25,11:8]<<1      B-type branch offset
      rd=[4:2]+8                     RVC 3-bit register x8..x15

  TEMPLATE is copied to the disassembly after the mnemonic, with these
  words replaced (anything else is copied literally):
      rd rs1 rs2 rs3       integer register ABI names
      frd frs1 frs2 frs3   FP register ABI names (frd also tells the
                           decoder that rd is an FP register, so rd = 0
                           stays f0 instead of becoming the x0 sink)
      imm                  imm in decimal
      uimm                 (imm >> 12) & 0xfffff in hex (lui/auipc/c.lui)
      target               pc + imm as absolute hex
      csr                  imm as a CSR name (number in hex if unknown)
      zimm                 rs1 as a decimal number (csr*i)
      rm                   the rounding mode name (rne, rtz, ...); when rm
                           is 7 (dyn) nothing, and a ", " just before it
                           is dropped too
      pred succ            fence predecessor/successor sets from imm
      aqrl                 ".aq"/".rl"/".aqrl" from rm, glued to the mnemonic

Instruction lines name one encoding:

  MNEMONIC  PATTERN...  [@FORMAT] [FIELD=EXPR...] [disas="..."] [FLAGS...]

  PATTERN is the instruction's bits, most significant first, as 0, 1 or
  '-' (don't care); it may be split into several words for readability.
  It must add up to 32 bits (insn32) or 16 bits (insn16). Inline FIELD=EXPR
  and disas= override (or replace) the format's.
  FLAGS:
      =HANDLER   run exec_HANDLER (default: the mnemonic with '.' -> '_');
                 used by RVC lines to name their 32-bit expansion
      !end       DECODE_ENDS_BLOCK: the handler sets env->pc
      ext=X      needs extension X (one of EXTS below); may be repeated;
                 16-bit lines always need C
      ext=X|Y    needs at least one of X, Y... (an instruction that several
                 extensions share, e.g. clmul in Zbc and Zbkc); once per line
      fp         needs mstatus.FS != Off
      nz=FIELD   the encoding is reserved (illegal) when FIELD, as extracted
                 from the bits before x0 becomes the sink, is zero
      !over      this line deliberately overrides later lines of its group
                 that overlap it (it is tested first). Without it, two
                 overlapping patterns in one group are a build error, and
                 so is a pattern that an earlier one hides completely.

Groups: 32-bit patterns are grouped by bits [6:0] (the major opcode), 16-bit
ones by quadrant and funct3 (bits [1:0] and [15:13]); those bits must be
fixed in every pattern. Within a group the patterns are tried in file order.

Output: a header (the pattern table type, extension bits and an
`InsnFn exec_NAME;` declaration of every handler) and a C file (the
pattern table, the field extractors and the two match functions).
"""

import argparse
import re
import shlex
import sys

FIELDS = ("rd", "rs1", "rs2", "rs3", "imm", "rm")
EXTS = ("M", "A", "F", "D", "C", "zba", "zbb", "zbs", "zicsr", "zifencei",
        "zbc", "zbkb", "zbkc", "zbkx", "zfh", "zfhmin", "zicbom", "zicboz",
        "H", "svinval")
NZ_BITS = {"rd": 1, "rs1": 2, "rs2": 4, "imm": 8}


class DecodeError(Exception):
    pass


class Expr:
    """A field expression: constant, or bit pieces with sext/shift/add."""

    RE = re.compile(r"^(s?)\[([0-9:,]+)\](?:<<(\d+))?(?:\+(\d+))?$")

    def __init__(self, text, width, where):
        self.text = text
        m = self.RE.match(text)
        if re.fullmatch(r"\d+", text):
            self.const = int(text)
            self.pieces = []
            return
        if not m:
            raise DecodeError(f"{where}: bad field expression '{text}'")
        self.const = None
        self.signed = m.group(1) == "s"
        self.shift = int(m.group(3) or 0)
        self.add = int(m.group(4) or 0)
        self.pieces = []
        for p in m.group(2).split(","):
            if ":" in p:
                hi, lo = (int(x) for x in p.split(":"))
            else:
                hi = lo = int(p)
            if hi < lo or hi >= width:
                raise DecodeError(f"{where}: bad bit range '{p}' in '{text}'")
            self.pieces.append((hi, lo))

    def width(self):
        return sum(hi - lo + 1 for hi, lo in self.pieces)

    def c_code(self):
        if self.const is not None:
            return str(self.const)
        parts = []
        pos = self.width()
        for hi, lo in self.pieces:
            w = hi - lo + 1
            pos -= w
            term = f"((insn >> {lo}) & 0x{(1 << w) - 1:x}u)"
            if pos:
                term = f"({term} << {pos})"
            parts.append(term)
        v = " | ".join(parts)
        w = self.width()
        if self.signed:
            v = f"decode_sext({v}, {w})"
        else:
            v = f"(int64_t)({v})"
        if self.shift:
            v = f"(int64_t)((uint64_t){v} << {self.shift})"
        if self.add:
            v = f"({v} + {self.add})"
        return v


class Format:
    def __init__(self, name, fields, disas):
        self.name = name
        self.fields = fields  # field -> Expr
        self.disas = disas


class Pattern:
    def __init__(self, name, width, bits, where):
        self.name = name
        self.width = width
        self.where = where
        self.mask = 0
        self.match = 0
        for i, ch in enumerate(bits):
            bit = width - 1 - i
            if ch in "01":
                self.mask |= 1 << bit
                if ch == "1":
                    self.match |= 1 << bit
        self.handler = name.replace(".", "_")
        self.fields = {}
        self.disas = ""
        self.ends = False
        self.fp = False
        self.exts = []
        self.exts_any = []  # at least one of these (ext=A|B)
        self.nz = []
        self.over = False
        self.index = -1

    def rd_fp(self):
        """rd is an FP register when the template shows it as frd."""
        return "frd" in re.findall(r"[a-z][a-z0-9]*", self.disas)

    def group(self):
        if self.width == 32:
            return self.match & 0x7F
        return ((self.match >> 13) << 2) | (self.match & 3)

    def overlaps(self, other):
        common = self.mask & other.mask
        return (self.match ^ other.match) & common == 0

    def covers(self, other):
        """Does every encoding of other also match self?"""
        return (self.mask & ~other.mask) == 0 and (
            other.match & self.mask
        ) == self.match


def split_lines(text):
    buf = ""
    lineno = 0
    start = 0
    for raw in text.split("\n"):
        lineno += 1
        line = raw.split("#", 1)[0].rstrip()
        if not buf:
            start = lineno
        if line.endswith("\\"):
            buf += line[:-1] + " "
            continue
        buf += line
        if buf.strip():
            yield start, buf.strip()
        buf = ""


def parse_file(path, width, formats, patterns):
    with open(path, encoding="utf-8") as f:
        parse_text(f.read(), path, width, formats, patterns)


def parse_text(text, path, width, formats, patterns):
    for lineno, line in split_lines(text):
        where = f"{path}:{lineno}"
        try:
            toks = shlex.split(line, posix=True)
        except ValueError as e:
            raise DecodeError(f"{where}: {e}")
        if toks[0].startswith("&"):
            name = toks[0][1:]
            if name in formats:
                raise DecodeError(f"{where}: format '{name}' defined twice")
            fields = {}
            disas = ""
            for t in toks[1:]:
                key, eq, val = t.partition("=")
                if not eq:
                    raise DecodeError(f"{where}: expected KEY=VALUE, got '{t}'")
                if key == "disas":
                    disas = val
                elif key in FIELDS:
                    fields[key] = Expr(val, width, where)
                else:
                    raise DecodeError(f"{where}: unknown field '{key}'")
            formats[name] = Format(name, fields, disas)
            continue

        name = toks[0]
        if not re.fullmatch(r"[a-z][a-z0-9.]*", name):
            raise DecodeError(f"{where}: bad mnemonic '{name}'")
        i = 1
        bits = ""
        while i < len(toks) and re.fullmatch(r"[01-]+", toks[i]):
            bits += toks[i]
            i += 1
        if len(bits) != width:
            raise DecodeError(
                f"{where}: pattern of '{name}' has {len(bits)} bits, "
                f"expected {width}")
        p = Pattern(name, width, bits, where)
        if width == 16:
            p.exts.append("C")
        inline = {}
        inline_disas = None
        fmt = None
        for t in toks[i:]:
            key, eq, val = t.partition("=")
            if t.startswith("@"):
                fmt = formats.get(t[1:])
                if fmt is None:
                    raise DecodeError(f"{where}: unknown format '{t}'")
            elif t.startswith("="):
                p.handler = t[1:].replace(".", "_")
            elif t == "!end":
                p.ends = True
            elif t == "!over":
                p.over = True
            elif t == "fp":
                p.fp = True
            elif key == "ext" and eq:
                alts = val.split("|")
                for a in alts:
                    if a not in EXTS:
                        raise DecodeError(f"{where}: unknown extension '{a}'")
                if len(alts) > 1:
                    if p.exts_any:
                        raise DecodeError(f"{where}: one ext=A|B per line")
                    p.exts_any = alts
                elif val not in p.exts:
                    p.exts.append(val)
            elif key == "nz" and eq:
                if val not in NZ_BITS:
                    raise DecodeError(f"{where}: nz= takes rd/rs1/rs2/imm")
                p.nz.append(val)
            elif key == "disas" and eq:
                inline_disas = val
            elif key in FIELDS and eq:
                inline[key] = Expr(val, width, where)
            else:
                raise DecodeError(f"{where}: unknown token '{t}'")
        if fmt is not None:
            p.fields = dict(fmt.fields)
            p.disas = fmt.disas
        p.fields.update(inline)
        if inline_disas is not None:
            p.disas = inline_disas
        for key in p.nz:
            if key not in p.fields:
                raise DecodeError(f"{where}: nz={key} but no {key} field")
        fixed = 0x7F if width == 32 else 0xE003
        if p.mask & fixed != fixed:
            raise DecodeError(
                f"{where}: '{name}' must fix the group bits (mask 0x{fixed:x})")
        patterns.append(p)


def check_groups(patterns):
    groups = {}
    for p in patterns:
        groups.setdefault((p.width, p.group()), []).append(p)
    for plist in groups.values():
        for i, a in enumerate(plist):
            for b in plist[i + 1:]:
                if not a.overlaps(b):
                    continue
                if a.covers(b):
                    raise DecodeError(
                        f"{b.where}: '{b.name}' can never match: "
                        f"'{a.name}' ({a.where}) comes first and covers it")
                if not a.over:
                    raise DecodeError(
                        f"{b.where}: '{b.name}' overlaps '{a.name}' "
                        f"({a.where}); mark the one to try first with !over")
    return groups


def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def gen_header(patterns):
    out = []
    w = out.append
    w("/* Generated by scripts/decodegen.py: do not edit. */")
    w("#ifndef TARGET_RISCV_INSN_HANDLERS_H")
    w("#define TARGET_RISCV_INSN_HANDLERS_H")
    w("")
    w('#include "target/riscv/translate.h"')
    w("")
    w("/* Extensions a pattern may need (RiscvInsnPattern.exts). */")
    for i, e in enumerate(EXTS):
        w(f"#define RISCV_EXT_{e.upper()} (1u << {i})")
    w("")
    w("/* Fields that must not be zero (RiscvInsnPattern.nz). */")
    for k, v in NZ_BITS.items():
        w(f"#define RISCV_NZ_{k.upper()} {v}")
    w("")
    w("typedef struct RiscvInsnPattern {")
    w("    const char *name;  /* mnemonic as printed */")
    w("    const char *disas; /* operand template, see decodegen.py */")
    w("    InsnFn *fn;")
    w("    void (*extract)(uint32_t insn, DecodedInsn *d);")
    w("    uint32_t mask, match;")
    w("    uint32_t exts;     /* RISCV_EXT_* all required */")
    w("    uint32_t exts_any; /* RISCV_EXT_*: one of them required (or 0) */")
    w("    uint8_t flags;     /* DECODE_* */")
    w("    uint8_t nz;        /* RISCV_NZ_*: reserved when zero */")
    w("    bool fp;           /* needs mstatus.FS != Off */")
    w("    bool rd_fp;        /* rd names an FP register (no x0 sink) */")
    w("    uint8_t len;       /* 2 or 4 */")
    w("} RiscvInsnPattern;")
    w("")
    w("extern const RiscvInsnPattern riscv_insn_patterns[];")
    w("extern const unsigned riscv_insn_pattern_count;")
    w("")
    w("/* The pattern a 32-bit (or 16-bit) instruction matches, or NULL. */")
    w("const RiscvInsnPattern *riscv_insn_match32(uint32_t insn);")
    w("const RiscvInsnPattern *riscv_insn_match16(uint32_t insn);")
    w("")
    w("/* Every handler the decoder can pick. */")
    for h in sorted({p.handler for p in patterns}):
        w(f"InsnFn exec_{h};")
    w("")
    w("#endif")
    return "\n".join(out) + "\n"


def gen_c(patterns, groups, header_name):
    out = []
    w = out.append
    w("/* Generated by scripts/decodegen.py: do not edit. */")
    w('#include "qemu/osdep.h"')
    w(f'#include "target/riscv/{header_name}"')
    w("")
    w("static inline int64_t decode_sext(uint64_t v, int width)")
    w("{")
    w("    return (int64_t)(v << (64 - width)) >> (64 - width);")
    w("}")
    w("")
    extractors = {}
    for p in patterns:
        key = tuple(
            (f, p.fields[f].c_code()) for f in FIELDS if f in p.fields)
        if key not in extractors:
            extractors[key] = f"extract_{len(extractors)}"
            w(f"static void {extractors[key]}(uint32_t insn, DecodedInsn *d)")
            w("{")
            used = dict(key)
            if not any("insn" in c for c in used.values()):
                w("    (void)insn;")
            for f in FIELDS:
                if f == "imm":
                    w(f"    d->imm = {used.get(f, '0')};")
                else:
                    w(f"    d->{f} = {used.get(f, '0')};")
            w("}")
            w("")
        p.extractor = extractors[key]

    w("const RiscvInsnPattern riscv_insn_patterns[] = {")
    for i, p in enumerate(patterns):
        p.index = i
        exts = " | ".join(f"RISCV_EXT_{e.upper()}" for e in p.exts) or "0"
        exts_any = " | ".join(
            f"RISCV_EXT_{e.upper()}" for e in p.exts_any) or "0"
        nz = " | ".join(f"RISCV_NZ_{k.upper()}" for k in p.nz) or "0"
        w(f"    [{i}] = {{")
        w(f"        .name = {c_string(p.name)},")
        w(f"        .disas = {c_string(p.disas)},")
        w(f"        .fn = exec_{p.handler},")
        w(f"        .extract = {p.extractor},")
        w(f"        .mask = 0x{p.mask:08x}u,")
        w(f"        .match = 0x{p.match:08x}u,")
        w(f"        .exts = {exts},")
        w(f"        .exts_any = {exts_any},")
        w(f"        .flags = {'DECODE_ENDS_BLOCK' if p.ends else '0'},")
        w(f"        .nz = {nz},")
        w(f"        .fp = {'true' if p.fp else 'false'},")
        w(f"        .rd_fp = {'true' if p.rd_fp() else 'false'},")
        w(f"        .len = {p.width // 8},")
        w("    },")
    w("};")
    w(f"const unsigned riscv_insn_pattern_count = {len(patterns)};")
    w("")
    for width, fname, sel in (
        (32, "riscv_insn_match32", "insn & 0x7f"),
        (16, "riscv_insn_match16", "((insn >> 13) << 2) | (insn & 3)"),
    ):
        w(f"const RiscvInsnPattern *{fname}(uint32_t insn)")
        w("{")
        if width == 16:
            w("    insn &= 0xffff;")
        w(f"    switch ({sel}) {{")
        for (gw, key), plist in sorted(groups.items()):
            if gw != width:
                continue
            w(f"    case 0x{key:02x}:")
            for p in plist:
                w(f"        if ((insn & 0x{p.mask:08x}u) == 0x{p.match:08x}u) {{")
                w(f"            return &riscv_insn_patterns[{p.index}]; "
                  f"/* {p.name} */")
                w("        }")
            w("        break;")
        w("    }")
        w("    return NULL;")
        w("}")
        w("")
    return "\n".join(out)


def gen_stubs(patterns, header_name):
    out = ["/* Generated by scripts/decodegen.py --stubs: test builds only. */",
           '#include "qemu/osdep.h"',
           f'#include "target/riscv/{header_name}"', ""]
    for h in sorted({p.handler for p in patterns}):
        if h == "illegal":
            continue
        out.append(f"void exec_{h}(CPURISCVState *env, const DecodedInsn *d)")
        out.append("{")
        out.append("}")
        out.append("")
    return "\n".join(out)


SELF_TESTS = [
    # (description, 32-bit decode text, expected error substring or None)
    ("disjoint patterns",
     "add 0000000 ----- ----- 000 ----- 0110011\n"
     "sub 0100000 ----- ----- 000 ----- 0110011\n", None),
    ("ambiguous overlap",
     "a 0000000 ----- ----- 000 ----- 0110011\n"
     "b 0000000 00000 ----- --- ----- 0110011\n", "overlaps"),
    ("override ordering",
     "b 0000000 00000 ----- 000 ----- 0110011 !over\n"
     "a 0000000 ----- ----- 000 ----- 0110011\n", None),
    ("hidden pattern",
     "a 0000000 ----- ----- 000 ----- 0110011 !over\n"
     "b 0000000 00000 ----- 000 ----- 0110011\n", "can never match"),
    ("group bits not fixed",
     "a 0000000 ----- ----- 000 ----- 01100-1\n", "group bits"),
    ("short pattern", "a 000 ----- 0110011\n", "expected 32"),
    ("bad field", "a ------- ----- ----- 000 ----- 0110011 imm=[40:3]\n",
     "bad bit range"),
    ("unknown extension",
     "a ------- ----- ----- 000 ----- 0110011 ext=Q\n", "unknown extension"),
    ("any-of extensions", "a ------- ----- ----- 000 ----- 0110011 "
     "ext=zbc|zbkc\n", None),
    ("unknown any-of extension",
     "a ------- ----- ----- 000 ----- 0110011 ext=zbc|Q\n",
     "unknown extension"),
    ("two any-of sets", "a ------- ----- ----- 000 ----- 0110011 "
     "ext=zbc|zbkc ext=zbb|zbkb\n", "one ext=A|B"),
]


def self_test():
    failed = 0
    for what, text, want in SELF_TESTS:
        err = None
        try:
            patterns = []
            parse_text(text, "<self-test>", 32, {}, patterns)
            check_groups(patterns)
        except DecodeError as e:
            err = str(e)
        ok = (err is None) if want is None else (err is not None
                                                  and want in err)
        print(f"{'ok' if ok else 'not ok'} - {what}: {err or 'accepted'}")
        failed += not ok
    print(f"{len(SELF_TESTS) - failed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--self-test", action="store_true",
                    help="check the generator's own error detection")
    ap.add_argument("inputs", nargs="*",
                    help="insn32.decode / insn16.decode (16 if the name "
                         "contains '16')")
    ap.add_argument("--out-c")
    ap.add_argument("--out-h")
    ap.add_argument("--stubs")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.inputs:
        ap.error("no input files")

    patterns = []
    try:
        for path in args.inputs:
            width = 16 if "16" in path.rsplit("/", 1)[-1] else 32
            parse_file(path, width, {}, patterns)
        groups = check_groups(patterns)
    except DecodeError as e:
        print(f"decodegen: error: {e}", file=sys.stderr)
        return 1
    header_name = "insn-handlers.h"
    if args.out_h:
        header_name = args.out_h.rsplit("/", 1)[-1]
        with open(args.out_h, "w", encoding="utf-8") as f:
            f.write(gen_header(patterns))
    if args.out_c:
        with open(args.out_c, "w", encoding="utf-8") as f:
            f.write(gen_c(patterns, groups, header_name))
    if args.stubs:
        with open(args.stubs, "w", encoding="utf-8") as f:
            f.write(gen_stubs(patterns, header_name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
