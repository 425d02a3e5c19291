/*
 * Blocks that branch back to their own start: the translator keeps the
 * guest registers such a block caches in host registers around the loop
 * (tcg/x86_64/translate.c, loop_back). Each loop here runs 200 times, so
 * it is translated (and chained to itself) early on, and something in its
 * body leaves the fast path: a call that clobbers the host registers
 * calls may use, a device load (always the slow path), a load that faults
 * part-way (the trap must see the registers as the iterations before it
 * left them), a store into the loop's own page (which drops the running
 * block), and code rewritten between two runs of the same loop.
 */
#include "testlib.h"

#define PLIC_PRIORITY1 0xc000004UL /* reads 0 after reset */
#define N              200

/*
 * mulhsu has no inline code: a call in the middle of the loop. g, n and a
 * are used most, so they get host registers that calls keep; of b, d, e,
 * f and h some get ones a call clobbers, and none is read after the call
 * in the same pass: the next pass must still see them.
 */
static void test_call(void)
{
    u64 a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, n = N;
    u64 wa = a, wb = b, wc = c, wd = d, we = e, wf = f, wg = g, wh = h;

    __asm__ volatile(
        "1: addi %[a], %[a], 3\n"
        "add %[b], %[b], %[a]\n"
        "xor %[d], %[d], %[b]\n"
        "add %[e], %[e], %[d]\n"
        "sub %[f], %[f], %[e]\n"
        "add %[h], %[h], %[f]\n"
        "mulhsu %[c], %[b], %[a]\n"
        "add %[g], %[g], %[c]\n"
        "add %[g], %[g], %[n]\n"
        "xor %[g], %[g], %[a]\n"
        "add %[g], %[g], %[n]\n"
        "addi %[n], %[n], -1\n"
        "bnez %[n], 1b\n"
        : [a] "+r"(a), [b] "+r"(b), [c] "+r"(c), [d] "+r"(d), [e] "+r"(e),
          [f] "+r"(f), [g] "+r"(g), [h] "+r"(h), [n] "+r"(n));
    for (u64 k = N; k > 0; k--) {
        wa += 3;
        wb += wa;
        wd ^= wb;
        we += wd;
        wf -= we;
        wh += wf;
        /* mulhsu: signed wb times unsigned wa, the high half */
        wc = (u64)(((__int128)(s64)wb * (unsigned __int128)wa) >> 64);
        wg = ((wg + wc + k) ^ wa) + k;
    }
    CHECK_EQ(a, wa);
    CHECK_EQ(b, wb);
    CHECK_EQ(c, wc);
    CHECK_EQ(d, wd);
    CHECK_EQ(e, we);
    CHECK_EQ(f, wf);
    CHECK_EQ(g, wg);
    CHECK_EQ(h, wh);
    CHECK_EQ(n, 0);
}

/* A device register (reads 0) loaded every iteration: the slow path. */
static void test_mmio(void)
{
    u64 a = 5, b = 9, t = 0, n = N;

    __asm__ volatile("1: lw %[t], 0(%[p])\n"
                     "add %[a], %[a], %[t]\n"
                     "addi %[a], %[a], 7\n"
                     "add %[b], %[b], %[a]\n"
                     "addi %[n], %[n], -1\n"
                     "bnez %[n], 1b\n"
                     : [a] "+r"(a), [b] "+r"(b), [t] "+r"(t), [n] "+r"(n)
                     : [p] "r"(PLIC_PRIORITY1));
    CHECK_EQ(t, 0);
    CHECK_EQ(a, 5 + 7 * N);
    CHECK_EQ(b, 9 + 7 * (u64)N * (N + 1) / 2 + 5 * (u64)N);
}

static u64 seen[32];
static int faults;

static int copy_frame(struct trap_frame *f, u64 cause)
{
    for (int i = 0; i < 32; i++) {
        seen[i] = f->x[i];
    }
    faults += cause == CAUSE_LOAD_ACCESS;
    csr_write(mepc, csr_read(mepc) + 4);
    return 1;
}

/*
 * Sum through a table of pointers; entry 150 points at nothing, so its
 * load faults (and is skipped, leaving the previous value).
 */
static u64 vals[N];
static u64 *ptrs[N];

static void test_fault(void)
{
    register u64 sum __asm__("s2") = 0;
    register u64 i __asm__("s3") = 0;
    register u64 **p __asm__("s4") = ptrs;
    u64 want = 0, prev = 0;

    for (int k = 0; k < N; k++) {
        vals[k] = 0x1000 + k * k;
        ptrs[k] = k == 150 ? (u64 *)UNMAPPED_ADDR : &vals[k];
    }
    faults = 0;
    m_exc_hook = copy_frame;
    __asm__ volatile(".option push\n"
                     ".option norvc\n"
                     "li t2, 0\n"
                     "1: ld t1, 0(%[p])\n"
                     "ld t2, 0(t1)\n"
                     "add %[sum], %[sum], t2\n"
                     "addi %[p], %[p], 8\n"
                     "addi %[i], %[i], 1\n"
                     "bne %[i], %[n], 1b\n"
                     ".option pop\n"
                     : [sum] "+r"(sum), [i] "+r"(i), [p] "+r"(p)
                     : [n] "r"((u64)N)
                     : "t1", "t2", "memory");
    m_exc_hook = 0;
    for (int k = 0; k < N; k++) {
        if (k == 150) {
            CHECK_EQ(seen[18], want); /* s2: the sum before it */
            CHECK_EQ(seen[19], 150);  /* s3 */
            CHECK_EQ(seen[20], (u64)&ptrs[150]);
            CHECK_EQ(seen[6], UNMAPPED_ADDR); /* t1 */
        } else {
            prev = vals[k];
        }
        want += prev;
    }
    CHECK_EQ(faults, 1);
    CHECK_EQ(sum, want);
    CHECK_EQ(i, N);
}

#define INSN_ADDI(rd, rs, imm) \
    (((u32)(imm) << 20) | ((u32)(rs) << 15) | ((u32)(rd) << 7) | 0x13u)
#define INSN_BNE_BACK(rs1, rs2, back)                                       \
    ((1u << 31) | (0x3fu << 25) | ((u32)(rs2) << 20) | ((u32)(rs1) << 15) | \
     (1u << 12) | (((-(back) >> 1) & 0xf) << 8) | (1u << 7) | 0x63u)
#define INSN_LW(rd, rs, imm)                                                  \
    (((u32)(imm) << 20) | ((u32)(rs) << 15) | (2u << 12) | ((u32)(rd) << 7) | \
     0x03u)
#define INSN_SW(rs2, rs1, imm)                                             \
    ((((u32)(imm) >> 5) << 25) | ((u32)(rs2) << 20) | ((u32)(rs1) << 15) | \
     (2u << 12) | (((u32)(imm)&0x1f) << 7) | 0x23u)
#define INSN_RET 0x00008067u

typedef u64 (*loop_fn)(u64 acc, u64 count);

/* acc (a0) += k, count (a1) times; ret. The branch goes back 8 bytes. */
static void write_add_loop(u32 *code, int k)
{
    code[0] = INSN_ADDI(10, 10, k);
    code[1] = INSN_ADDI(11, 11, -1 & 0xfff);
    code[2] = INSN_BNE_BACK(11, 0, 8);
    code[3] = INSN_RET;
    __asm__ volatile("fence.i" ::: "memory");
}

/* The same loop rewritten between runs: each run sees its own code. */
static void test_rewrite(u32 *code)
{
    for (int k = 1; k < 6; k++) {
        write_add_loop(code, k);
        CHECK_EQ(((loop_fn)code)(100, N), 100 + (u64)k * N);
    }
}

/*
 * A loop counting in a word of its own page: every store hits a page with
 * translated code, which drops the block while it runs.
 */
static void test_store_own_page(u32 *code)
{
    u32 *counter = code + 64;

    *counter = 0;
    code[0] = INSN_LW(5, 12, 256);  /* lw t0, 256(a2) */
    code[1] = INSN_ADDI(5, 5, 1);   /* addi t0, t0, 1 */
    code[2] = INSN_SW(5, 12, 256);  /* sw t0, 256(a2) */
    code[3] = INSN_ADDI(10, 10, 3); /* addi a0, a0, 3 */
    code[4] = INSN_ADDI(11, 11, -1 & 0xfff);
    code[5] = INSN_BNE_BACK(11, 0, 20);
    code[6] = INSN_RET;
    __asm__ volatile("fence.i" ::: "memory");
    u64 r;
    __asm__ volatile("mv a2, %[c]\n"
                     "li a0, 1\n"
                     "mv a1, %[n]\n"
                     "jalr ra, 0(%[c])\n"
                     "mv %[r], a0\n"
                     : [r] "=r"(r)
                     : [c] "r"(code), [n] "r"((u64)N)
                     : "a0", "a1", "a2", "t0", "ra", "memory");
    CHECK_EQ(r, 1 + 3 * (u64)N);
    CHECK_EQ(*counter, N);
}

int main(void)
{
    u32 *code = (u32 *)(((u64)__free_mem + 4095) & ~4095UL);

    for (int round = 0; round < 3; round++) {
        test_call();
        test_mmio();
        test_fault();
    }
    test_rewrite(code);
    test_store_own_page(code + 1024);
    return 0;
}
