/*
 * RV64I (and the C forms of it): arithmetic, shifts, compares, branches,
 * jumps and links, loads with sign/zero extension, stores, misaligned
 * accesses (performed by the virt machine's harts, no trap), fence.i.
 */
#include "testlib.h"

static void test_arith(void)
{
    CHECK_EQ(OP_RR("add", 0x7fffffffffffffffUL, 1UL), 0x8000000000000000UL);
    CHECK_EQ(OP_RR("sub", 0UL, 1UL), ~0UL);
    CHECK_EQ(OP_RR("addw", 0x7fffffffUL, 1UL), 0xffffffff80000000UL);
    CHECK_EQ(OP_RR("addw", 0x123456789UL, 0UL), 0x23456789UL);
    CHECK_EQ(OP_RR("subw", 0UL, 1UL), ~0UL);
    CHECK_EQ(OP_RR("subw", 0x100000000UL, 0UL), 0UL);
    CHECK_EQ(OP_RI("addi", 5UL, -6), ~0UL);
    CHECK_EQ(OP_RI("addi", 0UL, 2047), 2047UL);
    CHECK_EQ(OP_RI("addi", 0UL, -2048), (u64)-2048);
    CHECK_EQ(OP_RI("addiw", 0x7fffffffUL, 1), 0xffffffff80000000UL);
    CHECK_EQ(OP_RI("addiw", 0xffffffff00000001UL, 0), 1UL);
    CHECK_EQ(OP_RR("and", 0xff00ff00ff00ff00UL, 0x0ff00ff00ff00ff0UL),
             0x0f000f000f000f00UL);
    CHECK_EQ(OP_RR("or", 0xff00UL, 0x0ff0UL), 0xfff0UL);
    CHECK_EQ(OP_RR("xor", 0xff00UL, 0x0ff0UL), 0xf0f0UL);
    CHECK_EQ(OP_RI("andi", ~0UL, -16), ~0xfUL);
    CHECK_EQ(OP_RI("ori", 0UL, -1), ~0UL);
    CHECK_EQ(OP_RI("xori", 0x5555UL, -1), ~0x5555UL);
    CHECK_EQ(OP_RR("slt", (u64)-1, 0UL), 1UL);
    CHECK_EQ(OP_RR("slt", 0UL, (u64)-1), 0UL);
    CHECK_EQ(OP_RR("sltu", (u64)-1, 0UL), 0UL);
    CHECK_EQ(OP_RR("sltu", 0UL, (u64)-1), 1UL);
    CHECK_EQ(OP_RI("slti", (u64)-5, -4), 1UL);
    CHECK_EQ(OP_RI("sltiu", 5UL, -1), 1UL); /* -1 is all ones unsigned */
    CHECK_EQ(OP_RI("sltiu", 0UL, 1), 1UL);  /* seqz */
    u64 r;
    __asm__ volatile("lui %0, 0x80000" : "=r"(r));
    CHECK_EQ(r, 0xffffffff80000000UL);
    __asm__ volatile("lui %0, 0x7ffff" : "=r"(r));
    CHECK_EQ(r, 0x7ffff000UL);
    u64 here, a;
    __asm__ volatile("1: auipc %0, 0\n la %1, 1b" : "=r"(a), "=r"(here));
    CHECK_EQ(a, here);
    __asm__ volatile("1: auipc %0, 0xfffff\n la %1, 1b" : "=r"(a), "=r"(here));
    CHECK_EQ(a, here - 0x1000);
    /* Writes to x0 are dropped. */
    __asm__ volatile("li x0, 5\n addi x0, x0, 7\n mv %0, x0" : "=r"(r));
    CHECK_EQ(r, 0UL);
}

static void test_shifts(void)
{
    CHECK_EQ(OP_RR("sll", 1UL, 63UL), 1UL << 63);
    CHECK_EQ(OP_RR("sll", 1UL, 64UL), 1UL); /* only 6 bits of rs2 */
    CHECK_EQ(OP_RR("srl", 1UL << 63, 63UL), 1UL);
    CHECK_EQ(OP_RR("sra", 1UL << 63, 63UL), ~0UL);
    CHECK_EQ(OP_RR("sra", 1UL << 63, 0x7fUL), ~0UL);
    CHECK_EQ(OP_RI("slli", 3UL, 62), 0xc000000000000000UL);
    CHECK_EQ(OP_RI("srli", ~0UL, 60), 0xfUL);
    CHECK_EQ(OP_RI("srai", 0x8000000000000000UL, 4), 0xf800000000000000UL);
    CHECK_EQ(OP_RR("sllw", 1UL, 31UL), 0xffffffff80000000UL);
    CHECK_EQ(OP_RR("sllw", 1UL, 32UL), 1UL); /* only 5 bits of rs2 */
    CHECK_EQ(OP_RR("srlw", 0xffffffff80000000UL, 31UL), 1UL);
    CHECK_EQ(OP_RR("srlw", 0xffffffff80000000UL, 0UL), 0xffffffff80000000UL);
    CHECK_EQ(OP_RR("sraw", 0x80000000UL, 31UL), ~0UL);
    CHECK_EQ(OP_RR("sraw", 0x1234500000000000UL, 4UL), 0UL);
    CHECK_EQ(OP_RI("slliw", 0x1UL, 31), 0xffffffff80000000UL);
    CHECK_EQ(OP_RI("srliw", ~0UL, 28), 0xfUL);
    CHECK_EQ(OP_RI("sraiw", 0x80000000UL, 31), ~0UL);
    CHECK_EQ(OP_RI("srliw", 0xffffffff00000010UL, 0), 0x10UL);
}

#define BR(insn, a, b)                                                    \
    ({                                                                    \
        u64 t_;                                                           \
        __asm__ volatile("li %0, 1\n " insn " %1, %2, 1f\n li %0, 0\n 1:" \
                         : "=&r"(t_)                                      \
                         : "r"(a), "r"(b));                               \
        t_;                                                               \
    })

static void test_branches(void)
{
    CHECK_EQ(BR("beq", 5UL, 5UL), 1UL);
    CHECK_EQ(BR("beq", 5UL, 6UL), 0UL);
    CHECK_EQ(BR("bne", 5UL, 6UL), 1UL);
    CHECK_EQ(BR("bne", 5UL, 5UL), 0UL);
    CHECK_EQ(BR("blt", (u64)-1, 0UL), 1UL);
    CHECK_EQ(BR("blt", 0UL, (u64)-1), 0UL);
    CHECK_EQ(BR("blt", 3UL, 3UL), 0UL);
    CHECK_EQ(BR("bge", 3UL, 3UL), 1UL);
    CHECK_EQ(BR("bge", (u64)-1, 0UL), 0UL);
    CHECK_EQ(BR("bltu", 0UL, (u64)-1), 1UL);
    CHECK_EQ(BR("bltu", (u64)-1, 0UL), 0UL);
    CHECK_EQ(BR("bgeu", (u64)-1, 0UL), 1UL);
    CHECK_EQ(BR("bgeu", 0UL, (u64)-1), 0UL);
    /* Backward branch: a loop counting to 10. */
    u64 n = 0;
    __asm__ volatile("li t0, 10\n 1: addi %0, %0, 1\n blt %0, t0, 1b"
                     : "+r"(n)::"t0");
    CHECK_EQ(n, 10UL);
    /* Compressed branches. */
    u64 t;
    __asm__ volatile(".option push\n .option rvc\n li %0, 1\n mv a0, %1\n"
                     " c.beqz a0, 1f\n li %0, 0\n 1:\n .option pop"
                     : "=&r"(t)
                     : "r"(0UL)
                     : "a0");
    CHECK_EQ(t, 1UL);
    __asm__ volatile(".option push\n .option rvc\n li %0, 1\n mv a0, %1\n"
                     " c.bnez a0, 1f\n li %0, 0\n 1:\n .option pop"
                     : "=&r"(t)
                     : "r"(0UL)
                     : "a0");
    CHECK_EQ(t, 0UL);
}

static void test_jumps(void)
{
    u64 link, target;
    /* jal links pc + 4, c.jal does not exist on RV64: c.jalr links pc + 2. */
    __asm__ volatile(".option push\n .option norvc\n"
                     " jal %0, 1f\n 2: nop\n 1: la %1, 2b\n .option pop"
                     : "=r"(link), "=r"(target));
    CHECK_EQ(link, target);
    __asm__ volatile(".option push\n .option norvc\n"
                     " la t0, 1f\n jalr %0, 0(t0)\n 2: nop\n 1: la %1, 2b\n"
                     " .option pop"
                     : "=r"(link), "=r"(target)::"t0");
    CHECK_EQ(link, target);
    /* jalr clears bit 0 of the target and may use rd == rs1. */
    __asm__ volatile(".option push\n .option norvc\n"
                     " la %0, 1f\n addi %0, %0, 1\n jalr %0, 0(%0)\n 2: nop\n"
                     " 1: la %1, 2b\n .option pop"
                     : "=&r"(link), "=r"(target));
    CHECK_EQ(link, target);
    /* jalr with a negative offset. */
    __asm__ volatile(".option push\n .option norvc\n"
                     " la t0, 1f + 16\n jalr %0, -16(t0)\n 2: nop\n"
                     " 1: la %1, 2b\n .option pop"
                     : "=r"(link), "=r"(target)::"t0");
    CHECK_EQ(link, target);
    /* Compressed: c.jalr links pc + 2, c.jr and c.j do not link. */
    __asm__ volatile(".option push\n .option rvc\n"
                     " la t0, 1f\n c.jalr t0\n 2: c.nop\n 1: la %1, 2b\n"
                     " mv %0, ra\n .option pop"
                     : "=r"(link), "=r"(target)::"t0", "ra");
    CHECK_EQ(link, target);
    u64 r;
    __asm__ volatile(".option push\n .option rvc\n li %0, 0\n"
                     " la t0, 1f\n c.jr t0\n li %0, 1\n 1: c.j 2f\n li %0, 2\n"
                     " 2: .option pop"
                     : "=&r"(r)::"t0");
    CHECK_EQ(r, 0UL);
}

static void test_compressed_alu(void)
{
    u64 r;
    __asm__ volatile(".option push\n .option rvc\n c.li a0, -32\n"
                     " c.addi a0, 31\n c.addiw a0, 0\n mv %0, a0\n .option pop"
                     : "=r"(r)::"a0");
    CHECK_EQ(r, ~0UL);
    __asm__ volatile(".option push\n .option rvc\n c.lui a0, 0xfffe0\n"
                     " mv %0, a0\n .option pop"
                     : "=r"(r)::"a0");
    CHECK_EQ(r, 0xfffffffffffe0000UL);
    __asm__ volatile(".option push\n .option rvc\n li a0, 0x7fffffff\n"
                     " li a1, 1\n c.addw a0, a1\n mv %0, a0\n .option pop"
                     : "=r"(r)::"a0", "a1");
    CHECK_EQ(r, 0xffffffff80000000UL);
    __asm__ volatile(".option push\n .option rvc\n li a0, 0\n li a1, 1\n"
                     " c.subw a0, a1\n mv %0, a0\n .option pop"
                     : "=r"(r)::"a0", "a1");
    CHECK_EQ(r, ~0UL);
    __asm__ volatile(".option push\n .option rvc\n li a0, -1\n"
                     " c.srli a0, 60\n c.slli a0, 4\n mv %0, a0\n .option pop"
                     : "=r"(r)::"a0");
    CHECK_EQ(r, 0xf0UL);
    __asm__ volatile(".option push\n .option rvc\n li a0, -256\n"
                     " c.srai a0, 4\n c.andi a0, -3\n mv %0, a0\n .option pop"
                     : "=r"(r)::"a0");
    CHECK_EQ(r, (u64)-16);
    __asm__ volatile(
        ".option push\n .option rvc\n li a0, 12\n li a1, 10\n"
        " c.and a0, a1\n c.or a0, a1\n c.xor a0, a1\n c.sub a0, a1\n"
        " c.mv a1, a0\n c.add a1, a0\n mv %0, a1\n .option pop"
        : "=r"(r)::"a0", "a1");
    /* 12&10=8, |10=10, ^10=0, -10=-10, a1=-10, a1+=-10 */
    CHECK_EQ(r, (u64)-20);
    u64 sp_before, sp_after;
    __asm__ volatile(".option push\n .option rvc\n mv %0, sp\n"
                     " c.addi16sp sp, -64\n c.addi4spn a0, sp, 8\n"
                     " mv %1, a0\n c.addi16sp sp, 64\n .option pop"
                     : "=r"(sp_before), "=r"(sp_after)::"a0");
    CHECK_EQ(sp_after, sp_before - 64 + 8);
}

static volatile u64 mem[4] __attribute__((aligned(16)));

static void test_loads_stores(void)
{
    volatile uint8_t *b = (volatile uint8_t *)mem;
    mem[0] = 0x8182838485868788UL;
    mem[1] = 0;
    u64 r;
    __asm__ volatile("lb %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0xffffffffffffff88UL);
    __asm__ volatile("lbu %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0x88UL);
    __asm__ volatile("lh %0, 2(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0xffffffffffff8586UL);
    __asm__ volatile("lhu %0, 2(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0x8586UL);
    __asm__ volatile("lw %0, 4(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0xffffffff81828384UL);
    __asm__ volatile("lwu %0, 4(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0x81828384UL);
    __asm__ volatile("ld %0, 0(%1)" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0x8182838485868788UL);
    __asm__ volatile("ld %0, -8(%1)" : "=r"(r) : "r"(b + 16));
    CHECK_EQ(r, 0UL);
    __asm__ volatile("sb %1, 8(%0)" ::"r"(b), "r"(0x1ffUL) : "memory");
    __asm__ volatile("sh %1, 10(%0)" ::"r"(b), "r"(0x12345UL) : "memory");
    __asm__ volatile("sw %1, 12(%0)" ::"r"(b), "r"(0xaabbccdd11UL) : "memory");
    CHECK_EQ(mem[1], 0xbbccdd11234500ffUL);
    __asm__ volatile("sd %1, 8(%0)" ::"r"(b), "r"(0x0102030405060708UL)
                     : "memory");
    CHECK_EQ(mem[1], 0x0102030405060708UL);
    /* Compressed loads and stores. */
    __asm__ volatile(".option push\n .option rvc\n mv a0, %1\n"
                     " c.lw a1, 4(a0)\n c.sw a1, 16(a0)\n c.ld a2, 0(a0)\n"
                     " c.sd a2, 24(a0)\n mv %0, a1\n .option pop"
                     : "=r"(r)
                     : "r"(b)
                     : "a0", "a1", "a2", "memory");
    CHECK_EQ(r, 0xffffffff81828384UL);
    CHECK_EQ(mem[2] & 0xffffffffUL, 0x81828384UL);
    CHECK_EQ(mem[3], 0x8182838485868788UL);
    u64 s;
    __asm__ volatile(".option push\n .option rvc\n addi sp, sp, -16\n"
                     " li a0, -5\n c.sdsp a0, 8(sp)\n c.swsp a0, 0(sp)\n"
                     " c.lwsp %0, 0(sp)\n c.ldsp %1, 8(sp)\n addi sp, sp, 16\n"
                     " .option pop"
                     : "=r"(r), "=r"(s)::"a0", "memory");
    CHECK_EQ(r, (u64)-5);
    CHECK_EQ(s, (u64)-5);
    /* Loads into x0 still happen but leave x0 zero. */
    __asm__ volatile("ld x0, 0(%1)\n mv %0, x0" : "=r"(r) : "r"(b));
    CHECK_EQ(r, 0UL);
}

static void test_misaligned(void)
{
    volatile uint8_t *b = (volatile uint8_t *)mem;
    u64 r;
    mem[0] = 0x8877665544332211UL;
    mem[1] = 0xffeeddccbbaa9988UL;
    /* The virt machine's harts perform misaligned accesses in RAM. */
    TRAP_EXPECT(__asm__ volatile("ld %0, 3(%1)" : "=r"(r) : "r"(b)));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 0xaa99888877665544UL);
    TRAP_EXPECT(__asm__ volatile("lw %0, 7(%1)" : "=r"(r) : "r"(b)));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 0xffffffffaa998888UL);
    TRAP_EXPECT(__asm__ volatile("lhu %0, 1(%1)" : "=r"(r) : "r"(b)));
    CHECK_NO_TRAP();
    CHECK_EQ(r, 0x3322UL);
    TRAP_EXPECT(
        __asm__ volatile("sd %1, 5(%0)" ::"r"(b), "r"(0x0102030405060708UL)
                         : "memory"));
    CHECK_NO_TRAP();
    CHECK_EQ(mem[0], 0x0607085544332211UL);
    CHECK_EQ(mem[1], 0xffeedd0102030405UL);
    TRAP_EXPECT(__asm__ volatile("sw %1, 14(%0)" ::"r"(b), "r"(0x11223344UL)
                                 : "memory"));
    CHECK_NO_TRAP();
    CHECK_EQ(mem[1], 0x3344dd0102030405UL);
    CHECK_EQ(mem[2] & 0xffff, 0x1122UL);
    trap.armed = 0;
}

static void test_fence(void)
{
    /* Self-modifying code: patch an "li a0, 1" into "li a0, 2". */
    static u32 code[2] __attribute__((aligned(8)));
    u64 (*fn)(void) = (u64(*)(void))code;
    code[0] = 0x00100513; /* addi a0, x0, 1 */
    code[1] = 0x00008067; /* jalr x0, 0(ra) */
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(fn(), 1UL);
    code[0] = 0x00200513; /* addi a0, x0, 2 */
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(fn(), 2UL);
    __asm__ volatile("fence rw, rw\n fence iorw, iorw\n fence.tso" ::
                         : "memory");
}

int main(void)
{
    test_arith();
    test_shifts();
    test_branches();
    test_jumps();
    test_compressed_alu();
    test_loads_stores();
    test_misaligned();
    test_fence();
    return 0;
}
