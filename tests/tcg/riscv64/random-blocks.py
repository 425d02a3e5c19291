#!/usr/bin/env python3
"""Generate a random bare-metal RISC-V program for the engine differential
test (tests/tcg/diff-engines.sh): straight-line runs, forward branches,
counted loops, jumps, loads and stores around a page boundary (misaligned
and page-crossing ones included), atomics, a few FP operations, counter
reads, stores of new instructions into the code ahead, and faults (loads/stores to unmapped addresses, illegal
instructions, ecall/ebreak) that a trap handler skips.

Usage: random-blocks.py SEED OUTPUT.S
The same seed always gives the same program.
"""
import random
import sys

# x8 (s0) points into the data area, x9 (s1) counts loops, x31 (t6) holds
# jump targets and x5 (t0) is the trap handler's scratch.
POOL = [1, 2, 3, 4, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
        22, 23, 24, 25, 26, 27, 28, 29, 30]
SPECIAL = [0, 1, 2, 0xffffffffffffffff, 0x8000000000000000,
           0x7fffffffffffffff, 0x7fffffff, 0x80000000, 0xffffffff80000000,
           0xffffffff, 0x100000000, 0xfff, 0x1000, 0x12345678]

RR = ("add sub and or xor sll srl sra slt sltu addw subw sllw srlw sraw "
      "mul mulh mulhu mulhsu mulw div divu rem remu divw divuw remw remuw "
      "sh1add sh2add sh3add add.uw andn orn xnor min max minu maxu rol ror "
      "rolw rorw bclr bset binv bext").split()
RI = "addi andi ori xori slti sltiu addiw".split()
SH = "slli srli srai bclri bseti binvi bexti rori".split()
SHW = "slliw srliw sraiw roriw".split()
R1 = "clz ctz cpop clzw ctzw cpopw sext.b sext.h zext.h rev8 orc.b".split()
LOADS = {"lb": 1, "lh": 2, "lw": 4, "ld": 8, "lbu": 1, "lhu": 2, "lwu": 4}
STORES = {"sb": 1, "sh": 2, "sw": 4, "sd": 8}


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.out = []
        self.label = 0

    def emit(self, s):
        self.out.append("    " + s)

    def new_label(self):
        self.label += 1
        return "L%d" % self.label

    def reg(self, dest=False):
        r = self.r
        if dest and r.random() < 0.04:
            return "x0"
        if not dest and r.random() < 0.06:
            return "x0"
        return "x%d" % r.choice(POOL)

    def value(self):
        r = self.r
        if r.random() < 0.4:
            return r.choice(SPECIAL)
        return r.getrandbits(64)

    def alu(self):
        r = self.r
        k = r.random()
        if k < 0.35:
            self.emit("%s %s, %s, %s" % (r.choice(RR), self.reg(True),
                                         self.reg(), self.reg()))
        elif k < 0.6:
            self.emit("%s %s, %s, %d" % (r.choice(RI), self.reg(True),
                                         self.reg(), r.randint(-2048, 2047)))
        elif k < 0.72:
            self.emit("%s %s, %s, %d" % (r.choice(SH), self.reg(True),
                                         self.reg(), r.randint(0, 63)))
        elif k < 0.8:
            self.emit("%s %s, %s, %d" % (r.choice(SHW), self.reg(True),
                                         self.reg(), r.randint(0, 31)))
        elif k < 0.88:
            self.emit("%s %s, %s" % (r.choice(R1), self.reg(True), self.reg()))
        elif k < 0.94:
            self.emit("lui %s, %d" % (self.reg(True), r.randint(0, 0xfffff)))
        else:
            self.emit("auipc %s, %d" % (self.reg(True), r.randint(0, 0xfffff)))

    def mem(self):
        r = self.r
        off = r.randint(-2048, 2047)
        if r.random() < 0.5:
            # Near the page boundary at s0: misaligned and crossing.
            off = r.randint(-12, 4)
        if r.random() < 0.5:
            op = r.choice(list(LOADS))
            self.emit("%s %s, %d(s0)" % (op, self.reg(True), off))
        else:
            op = r.choice(list(STORES))
            self.emit("%s %s, %d(s0)" % (op, self.reg(), off))

    def atomic(self):
        r = self.r
        off = r.randrange(-2048, 2040, 8)
        self.emit("addi t6, s0, %d" % off)
        k = r.random()
        if k < 0.6:
            op = r.choice("amoadd amoswap amoxor amoand amoor amomin amomax "
                          "amominu amomaxu".split())
            self.emit("%s.%s %s, %s, (t6)" % (op, r.choice("wd"),
                                              self.reg(True), self.reg()))
        else:
            w = r.choice("wd")
            self.emit("lr.%s %s, (t6)" % (w, self.reg(True)))
            if r.random() < 0.5:
                self.alu()
            self.emit("sc.%s %s, %s, (t6)" % (w, self.reg(True), self.reg()))

    def fp(self):
        r = self.r
        f = ["f%d" % r.randint(0, 31) for _ in range(4)]
        k = r.random()
        if k < 0.3:
            self.emit("fmv.d.x %s, %s" % (f[0], self.reg()))
        elif k < 0.6:
            self.emit("%s %s, %s, %s" % (r.choice(["fadd.d", "fmul.d",
                                                   "fdiv.d", "fsub.s"]),
                                         f[0], f[1], f[2]))
        elif k < 0.8:
            self.emit("fmadd.d %s, %s, %s, %s" % tuple(f))
        else:
            self.emit("fmv.x.d %s, %s" % (self.reg(True), f[0]))

    def fault(self):
        r = self.r
        k = r.random()
        self.emit(".option push")
        self.emit(".option norvc")
        if k < 0.35:
            self.emit("%s %s, %d(x0)" % (r.choice(list(LOADS)), self.reg(True),
                                         r.randint(0, 2047)))
        elif k < 0.6:
            self.emit("%s %s, %d(x0)" % (r.choice(list(STORES)), self.reg(),
                                         r.randint(0, 2047)))
        elif k < 0.75:
            self.emit(".word 0")  # illegal
        elif k < 0.88:
            self.emit("ecall")
        else:
            self.emit("ebreak")
        self.emit(".option pop")

    def counters(self):
        self.emit("csrr %s, %s" % (self.reg(True),
                                   self.r.choice(["minstret", "mcycle",
                                                  "instret", "cycle"])))

    def straight(self, n):
        for _ in range(n):
            k = self.r.random()
            if k < 0.55:
                self.alu()
            elif k < 0.8:
                self.mem()
            elif k < 0.85:
                self.atomic()
            elif k < 0.9:
                self.fp()
            elif k < 0.96:
                self.fault()
            else:
                self.counters()

    def branch(self):
        r = self.r
        done = self.new_label()
        op = r.choice("beq bne blt bge bltu bgeu".split())
        self.emit("%s %s, %s, %s" % (op, self.reg(), self.reg(), done))
        self.straight(r.randint(1, 6))
        self.out.append(done + ":")

    def loop(self):
        r = self.r
        top = self.new_label()
        self.emit("li s1, %d" % r.randint(1, 40))
        self.out.append(top + ":")
        self.straight(r.randint(1, 12))
        if r.random() < 0.3:
            self.branch()
        self.emit("addi s1, s1, -1")
        self.emit("bnez s1, %s" % top)

    def jump(self):
        r = self.r
        target = self.new_label()
        if r.random() < 0.5:
            self.emit("jal %s, %s" % (self.reg(True), target))
        else:
            self.emit("la t6, %s" % target)
            self.emit("jalr %s, 0(t6)" % self.reg(True))
        self.straight(r.randint(0, 3))
        self.out.append(target + ":")

    def smc(self):
        """Store a new instruction into a slot further on (self-modifying
        code), with or without FENCE.I; s1 is free outside loops."""
        r = self.r
        slot = self.new_label()
        rd = r.choice(POOL)
        rs = r.choice(POOL)
        funct3, imm = r.choice([(0, r.randint(-2048, 2047)),  # addi
                                (4, r.randint(-2048, 2047)),  # xori
                                (1, r.randint(0, 63))])       # slli
        word = ((imm & 0xfff) << 20) | (rs << 15) | (funct3 << 12) | \
            (rd << 7) | 0x13
        self.emit("la t6, %s" % slot)
        self.emit("li s1, 0x%x" % word)
        self.emit("sw s1, 0(t6)")
        if r.random() < 0.7:
            self.emit("fence.i")
        self.straight(r.randint(0, 3))
        self.emit(".option push")
        self.emit(".option norvc")
        self.out.append(slot + ":")
        self.emit("addi x0, x0, 0")
        self.emit(".option pop")

    def program(self, pieces):
        self.out += [
            "# Generated by tests/tcg/riscv64/random-blocks.py: do not edit.",
            "    .section .text.init, \"ax\"",
            "    .globl _start",
            "_start:",
            "    la t0, trap",
            "    csrw mtvec, t0",
            "    li t0, 0x2000",
            "    csrs mstatus, t0",
            "    la s0, data + 0x1000",
        ]
        for x in POOL:
            self.emit("li x%d, 0x%x" % (x, self.value()))
        for i in range(32):
            self.emit("fmv.d.x f%d, x%d" % (i, POOL[i % len(POOL)]))
        for _ in range(pieces):
            self.r.choice([self.straight_piece, self.branch, self.loop,
                           self.loop, self.jump, self.smc])()
        self.out += [
            "    # Fold the data area into t1 so memory is compared too.",
            "    la t2, data",
            "    li t3, 1536",
            "    li t1, 0",
            "1:  ld t4, 0(t2)",
            "    add t1, t1, t4",
            "    slli t4, t1, 7",
            "    xor t1, t1, t4",
            "    addi t2, t2, 8",
            "    addi t3, t3, -1",
            "    bnez t3, 1b",
            "    .globl test_exit",
            "test_exit:",
            "    li t2, 0x100000",
            "    li t3, 0x5555",
            "    sw t3, 0(t2)",
            "2:  j 2b",
            "",
            "    # Every trap here comes from a 4-byte instruction: skip it.",
            "    .align 2",
            "trap:",
            "    csrw mscratch, t0",
            "    csrr t0, mepc",
            "    addi t0, t0, 4",
            "    csrw mepc, t0",
            "    csrr t0, mscratch",
            "    mret",
            "",
            "    .data",
            "    .align 12",
            "data:",
        ]
        for _ in range(1536):
            self.out.append("    .quad 0x%x" % self.r.getrandbits(64))
        return "\n".join(self.out) + "\n"

    def straight_piece(self):
        self.straight(self.r.randint(1, 20))


def main():
    seed = int(sys.argv[1])
    with open(sys.argv[2], "w") as f:
        f.write(Gen(seed).program(150))


if __name__ == "__main__":
    main()
