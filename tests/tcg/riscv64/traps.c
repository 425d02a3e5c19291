/*
 * Synchronous exceptions taken to M-mode, each with its mcause, mtval and
 * mepc, and the mstatus stack (MPP, MPIE) they leave.  Page faults are in
 * paging.c, PMP faults in pmp.c.  (Misaligned fetch cannot happen: C is on.)
 */
#include "testlib.h"

static u64 do_ecall(u64 x)
{
    __asm__ volatile("ecall");
    return x + 1;
}

static u64 do_illegal(u64 x)
{
    __asm__ volatile(".word 0xffffffff");
    return x;
}

static u64 do_mret(u64 x)
{
    __asm__ volatile("mret");
    return x;
}

static u64 do_sret(u64 x)
{
    __asm__ volatile("sret");
    return x;
}

static u64 do_sfence(u64 x)
{
    __asm__ volatile("sfence.vma");
    return x;
}

/*
 * Reserved and unassigned encodings, each run from a buffer followed by a
 * return: all must be illegal instructions with the bits in mtval.
 */
static const u32 illegal32[] = {
    0x0200909b, /* slliw with shamt[5] set */
    0x0200d09b, /* srliw with shamt[5] set */
    0x04000033, /* OP with funct7 0000010 */
    0x00007003, /* LOAD funct3 7 */
    0x00004023, /* STORE funct3 4 */
    0x00002063, /* BRANCH funct3 2 */
    0x00001067, /* JALR funct3 1 */
    0x7b002573, /* csrr dcsr: debug mode only */
    0x0000000b, /* custom-0 */
    0xffffffff,
};
static const uint16_t illegal16[] = {
    0x0000, /* c.addi4spn, imm 0, rd' x8 */
    0x0004, /* c.addi4spn, imm 0, rd' x9 */
    0x6081, /* c.lui x1, 0 */
    0x6101, /* c.addi16sp 0 */
    0x8002, /* c.jr x0 */
    0x4002, /* c.lwsp x0 */
    0x6002, /* c.ldsp x0 */
};

static u32 code_buf[2] __attribute__((aligned(8)));

static void run_code(void)
{
    __asm__ volatile("fence.i" ::: "memory");
    ((void (*)(void))code_buf)();
}

static void test_illegal_encodings(void)
{
    for (unsigned i = 0; i < sizeof(illegal32) / sizeof(illegal32[0]); i++) {
        code_buf[0] = illegal32[i];
        code_buf[1] = 0x00008067; /* ret */
        TRAP_EXPECT(run_code());
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, (u64)illegal32[i]);
        CHECK_EQ(trap.epc, (u64)code_buf);
    }
    for (unsigned i = 0; i < sizeof(illegal16) / sizeof(illegal16[0]); i++) {
        code_buf[0] = illegal16[i] | (0x8082U << 16); /* c.jr ra */
        TRAP_EXPECT(run_code());
        CHECK_TRAP(CAUSE_ILLEGAL_INSN, (u64)illegal16[i]);
    }
}

static u64 here(void)
{
    u64 pc;
    __asm__ volatile("auipc %0, 0" : "=r"(pc));
    return pc;
}

int main(void)
{
    test_illegal_encodings();
    /* Illegal instructions: mtval holds the instruction bits. */
    TRAP_EXPECT(__asm__ volatile(".word 0x0000000b")); /* custom-0 */
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xbUL);
    TRAP_EXPECT(__asm__ volatile(".word 0xffffffff"));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xffffffffUL);
    TRAP_EXPECT(__asm__ volatile(".half 0")); /* c.unimp, 16 bits */
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0UL);
    /* A fault in U-mode is taken in M when not delegated. */
    TRAP_EXPECT(run_in_mode(PRV_U, do_illegal, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0xffffffffUL);
    CHECK_EQ(trap.from, (u64)PRV_U);
    CHECK_EQ(trap.handler, (u64)PRV_M);

    /* ecall from each mode: cause 8/9/11, mtval 0, mepc at the ecall. */
    u64 pc = here();
    TRAP_EXPECT(__asm__ volatile("ecall"));
    CHECK_TRAP(CAUSE_MACHINE_ECALL, 0UL);
    CHECK(trap.epc > pc && trap.epc < pc + 64);
    CHECK_EQ(trap.from, (u64)PRV_M);
    TRAP_EXPECT(CHECK_EQ(run_in_mode(PRV_S, do_ecall, 1), 2UL));
    CHECK_TRAP(CAUSE_SUPERVISOR_ECALL, 0UL);
    CHECK_EQ(trap.from, (u64)PRV_S);
    CHECK(trap.epc >= (u64)do_ecall && trap.epc < (u64)do_ecall + 16);
    TRAP_EXPECT(CHECK_EQ(run_in_mode(PRV_U, do_ecall, 1), 2UL));
    CHECK_TRAP(CAUSE_USER_ECALL, 0UL);
    CHECK_EQ(trap.from, (u64)PRV_U);

    /* ebreak and c.ebreak: cause 3; QEMU leaves mtval 0. */
    TRAP_EXPECT(__asm__ volatile(".option push\n .option norvc\n ebreak\n"
                                 " .option pop"));
    CHECK_TRAP(CAUSE_BREAKPOINT, 0UL);
    TRAP_EXPECT(__asm__ volatile("c.ebreak"));
    CHECK_TRAP(CAUSE_BREAKPOINT, 0UL);

    /* xRET from a lower mode is illegal: mret from S, sret from U. */
    TRAP_EXPECT(run_in_mode(PRV_S, do_mret, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x30200073UL);
    TRAP_EXPECT(run_in_mode(PRV_U, do_sret, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x10200073UL);
    /* sfence.vma from U is illegal too. */
    TRAP_EXPECT(run_in_mode(PRV_U, do_sfence, 0));
    CHECK_TRAP(CAUSE_ILLEGAL_INSN, 0x12000073UL);

    /* The trap stacks the interrupt enable: MPIE = old MIE, MIE = 0. */
    csr_set(mstatus, MSTATUS_MIE);
    TRAP_EXPECT(__asm__ volatile("ebreak"));
    CHECK(trap.status & MSTATUS_MPIE);
    CHECK_EQ(trap.status & MSTATUS_MIE, 0UL);
    CHECK_EQ((trap.status >> 11) & 3, 3UL);
    /* mret restored MIE from MPIE. */
    CHECK(csr_read(mstatus) & MSTATUS_MIE);
    csr_clear(mstatus, MSTATUS_MIE);

    /* Access faults on a hole in the address map: mtval = the address. */
    TRAP_EXPECT(mmio_read64(OPAQUE(UNMAPPED_ADDR)));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR);
    TRAP_EXPECT(mmio_read32(OPAQUE(UNMAPPED_ADDR + 4)));
    CHECK_TRAP(CAUSE_LOAD_ACCESS, UNMAPPED_ADDR + 4);
    TRAP_EXPECT(mmio_write64(OPAQUE(UNMAPPED_ADDR + 8), 1));
    CHECK_TRAP(CAUSE_STORE_ACCESS, UNMAPPED_ADDR + 8);
    /* Instruction fetch: mepc and mtval are the target. */
    TRAP_EXPECT(((void (*)(void))OPAQUE(UNMAPPED_ADDR))());
    CHECK_TRAP(CAUSE_FETCH_ACCESS, UNMAPPED_ADDR);
    CHECK_EQ(trap.epc, UNMAPPED_ADDR);
    return 0;
}
