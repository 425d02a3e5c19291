/*
 * Self-modifying code (Zifencei): code written by stores runs as written
 * after FENCE.I, whether it is rewritten every iteration, patched by the
 * block that runs it, or an instruction that crosses a page boundary.
 * The engine must drop exactly the blocks of the written page; stale
 * blocks would return the old values here. Also run with a 1 MiB code
 * buffer (tcg-jit suite), which the long rewritten function fills.
 */
#include "testlib.h"

#define INSN_ADDI_A0(imm) (((u32)(imm) << 20) | (10u << 7) | 0x13u)
#define INSN_RET          0x00008067u /* jalr x0, 0(ra) */

typedef unsigned short u16;
typedef u64 (*fn_t)(void);

/* Rewrite `li a0, i; ret` every iteration and call it. */
static void test_rewrite_loop(u32 *code)
{
    for (u32 i = 0; i < 300; i++) {
        code[0] = INSN_ADDI_A0(i & 0x7ff);
        code[1] = INSN_RET;
        __asm__ volatile("fence.i" ::: "memory");
        CHECK_EQ(((fn_t)code)(), i & 0x7ff);
    }
}

/*
 * Rewrite a long function (many blocks) every iteration: enough new code
 * to fill a small code buffer (-accel tcg,tb-size=1) several times, so
 * the translator's full flush runs while the program goes on.
 */
static void test_many_blocks(u32 *code)
{
    enum { N = 1000, ROUNDS = 300 };

    for (u32 r = 0; r < ROUNDS; r++) {
        for (u32 i = 0; i < N; i++) {
            /* addi a0, a0, (r + i) % 5 */
            code[i] = ((r + i) % 5) << 20 | 10u << 15 | 10u << 7 | 0x13u;
        }
        code[N] = INSN_RET;
        __asm__ volatile("fence.i" ::: "memory");
        u64 sum;
        __asm__ volatile("li a0, 0\n"
                         "jalr ra, 0(%1)\n"
                         "mv %0, a0\n"
                         : "=r"(sum)
                         : "r"(code)
                         : "a0", "ra", "memory");
        u64 want = 0;
        for (u32 i = 0; i < N; i++) {
            want += (r + i) % 5;
        }
        CHECK_EQ(sum, want);
    }
}

/*
 * A block that patches its own next instruction: the store hits the page
 * of the running block, FENCE.I ends the block and the new instruction
 * runs.
 */
static u64 patch_self(u32 new_insn)
{
    u64 r;

    __asm__ volatile(".option push\n"
                     ".option norvc\n"
                     "la t0, 1f\n"
                     "sw %1, 0(t0)\n"
                     "fence.i\n"
                     "1: addi a0, x0, 7\n"
                     "mv %0, a0\n"
                     ".option pop\n"
                     : "=r"(r)
                     : "r"(new_insn)
                     : "t0", "a0", "memory");
    return r;
}

/*
 * A 32-bit instruction whose halves lie on two pages: change only the
 * half on the second page and the instruction changes.
 */
static void test_cross_page(u32 *page_end)
{
    u16 *h = (u16 *)page_end - 1; /* the last halfword of the first page */
    u32 insn = INSN_ADDI_A0(0x123);
    fn_t fn = (fn_t)h;

    h[0] = (u16)insn;
    h[1] = (u16)(insn >> 16);
    h[2] = (u16)INSN_RET;
    h[3] = (u16)(INSN_RET >> 16);
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(fn(), 0x123);
    insn = INSN_ADDI_A0(0x456);
    h[1] = (u16)(insn >> 16); /* imm[11:4] are all in the upper half */
    __asm__ volatile("fence.i" ::: "memory");
    CHECK_EQ(fn(), 0x456);
}

int main(void)
{
    u32 *code = (u32 *)__free_mem;

    test_rewrite_loop(code);
    CHECK_EQ(patch_self(INSN_ADDI_A0(9)), 9);
    CHECK_EQ(patch_self(INSN_ADDI_A0(11)), 11);
    test_cross_page((u32 *)(__free_mem + 0x2000));
    test_many_blocks((u32 *)(__free_mem + 0x4000));
    return 0;
}
