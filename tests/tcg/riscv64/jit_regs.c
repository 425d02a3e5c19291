/*
 * Precise state with guest registers held in host registers: one block
 * computes sixteen registers (several written twice, some in registers a
 * host call clobbers), then a probe instruction in the middle of the same
 * block faults or calls out, and the block goes on. A trap must see each
 * register as the instructions before the probe left it; code after a
 * probe that returns must see them too. Each probe runs 20 times, so the
 * block is translated (-accel tcg,jit-hot is 8 by default).
 */
#include "testlib.h"

#define PLIC_PRIORITY1 0xc000004UL /* reads 0 after reset */

/* x18..x27 (s2..s11), x12..x17 (a2..a7): the registers computed. */
static const int regs[16] = { 18, 19, 20, 21, 22, 23, 24, 25,
                              26, 27, 12, 13, 14, 15, 16, 17 };

#define COMPUTE          \
    "add  s2, a0, a0\n"  \
    "addi s3, s2, 7\n"   \
    "xor  s4, s3, a0\n"  \
    "slli s5, s4, 3\n"   \
    "sub  s6, s5, s2\n"  \
    "or   s7, s6, s3\n"  \
    "and  s8, s7, s5\n"  \
    "mul  s9, s8, s3\n"  \
    "divu s10, s9, s3\n" \
    "srai s11, s9, 5\n"  \
    "addw a2, s11, s4\n" \
    "sltu a3, s2, s9\n"  \
    "add  a4, s2, s3\n"  \
    "add  a5, a4, s4\n"  \
    "add  a6, a5, s5\n"  \
    "add  a7, a6, s6\n"  \
    "add  s2, s2, a7\n"

/* After the probe: two registers change, then all are stored. */
#define STORE_ALL                                                           \
    "addi s2, s2, 1\n"                                                      \
    "addi a7, a7, 1\n"                                                      \
    "sd s2, 0(%[o])\n sd s3, 8(%[o])\n sd s4, 16(%[o])\n sd s5, 24(%[o])\n" \
    "sd s6, 32(%[o])\n sd s7, 40(%[o])\n sd s8, 48(%[o])\n"                 \
    "sd s9, 56(%[o])\n sd s10, 64(%[o])\n sd s11, 72(%[o])\n"               \
    "sd a2, 80(%[o])\n sd a3, 88(%[o])\n sd a4, 96(%[o])\n"                 \
    "sd a5, 104(%[o])\n sd a6, 112(%[o])\n sd a7, 120(%[o])\n"              \
    "sd t3, 128(%[o])\n"

#define CLOBBERS                                                              \
    "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a2", "a3", \
        "a4", "a5", "a6", "a7", "t3", "t4", "memory"

/* One function per probe; t4 holds the probe's address operand, t3 its
 * result (preset to 0x5a so a skipped load leaves a known value). */
#define PROBE_FN(name, insn)                                                 \
    static __attribute__((noinline)) void name(u64 seed, u64 addr, u64 *out) \
    {                                                                        \
        register u64 a0 __asm__("a0") = seed;                                \
        __asm__ volatile("mv t4, %[p]\n li t3, 0x5a\n" COMPUTE insn          \
                         "\n" STORE_ALL                                      \
                         :                                                   \
                         : "r"(a0), [p] "r"(addr), [o] "r"(out)              \
                         : CLOBBERS);                                        \
    }

PROBE_FN(probe_load, "ld t3, 0(t4)")
PROBE_FN(probe_store, "sd s2, 0(t4)")
PROBE_FN(probe_csr, "csrr t3, 0x8ff") /* custom CSR: not implemented */
PROBE_FN(probe_mmio, "lw t3, 0(t4)")
PROBE_FN(probe_call, "csrr t3, mtvec")

/* The sixteen values at the probe, as COMPUTE leaves them. */
static void expected(u64 a, u64 r[16])
{
    u64 s2 = a + a, s3 = s2 + 7, s4 = s3 ^ a, s5 = s4 << 3, s6 = s5 - s2;
    u64 s7 = s6 | s3, s8 = s7 & s5, s9 = s8 * s3, s10 = s9 / s3;
    u64 s11 = (u64)((s64)s9 >> 5), a2 = (u64)(s64)(s32)(s11 + s4);
    u64 a3 = s2 < s9, a4 = s2 + s3, a5 = a4 + s4, a6 = a5 + s5, a7 = a6 + s6;
    u64 v[16] = { s2 + a7, s3,  s4, s5, s6, s7, s8, s9,
                  s10,     s11, a2, a3, a4, a5, a6, a7 };

    for (int i = 0; i < 16; i++) {
        r[i] = v[i];
    }
}

static u64 seen[32];
static u64 fault_cause;
static int faults;

static int copy_frame(struct trap_frame *f, u64 cause)
{
    for (int i = 0; i < 32; i++) {
        seen[i] = f->x[i];
    }
    fault_cause = cause;
    faults++;
    csr_write(mepc, csr_read(mepc) + 4);
    return 1;
}

typedef void ProbeFn(u64 seed, u64 addr, u64 *out);

/* Run probe 20 times; want_cause: the fault expected at the probe, or -1. */
static void run(ProbeFn *probe, u64 addr, s64 want_cause, u64 want_t3)
{
    for (u64 n = 0; n < 20; n++) {
        u64 seed = 0x123456789abcdefULL * (n + 1) ^ (n << 40);
        u64 want[16], out[17];

        expected(seed, want);
        faults = 0;
        probe(seed, addr, out);
        CHECK_EQ(faults, want_cause < 0 ? 0 : 1);
        if (want_cause >= 0) {
            CHECK_EQ(fault_cause, (u64)want_cause);
            for (int i = 0; i < 16; i++) {
                CHECK_EQ(seen[regs[i]], want[i]);
            }
        }
        want[0] += 1;  /* s2 */
        want[15] += 1; /* a7 */
        for (int i = 0; i < 16; i++) {
            CHECK_EQ(out[i], want[i]);
        }
        CHECK_EQ(out[16], want_t3);
    }
}

int main(void)
{
    m_exc_hook = copy_frame;
    run(probe_load, UNMAPPED_ADDR, CAUSE_LOAD_ACCESS, 0x5a);
    run(probe_store, UNMAPPED_ADDR, CAUSE_STORE_ACCESS, 0x5a);
    run(probe_csr, 0, CAUSE_ILLEGAL_INSN, 0x5a);
    run(probe_mmio, PLIC_PRIORITY1, -1, 0);
    run(probe_call, 0, -1, csr_read(mtvec));
    m_exc_hook = 0;
    return 0;
}
