/*
 * Harts on several host threads (-smp 4, -accel tcg,thread=multi; also
 * thread=single and Debian's QEMU, whose riscv64 default is one thread per
 * hart): every hart adds ITERS to three counters, through AMOADD.W,
 * through an LR.D/SC.D loop, and with a plain load and store under an
 * LR/SC spinlock (A extension: AMOs and LR/SC are atomic across harts);
 * the totals must be exact. Then hart 1 runs a loop of chained blocks,
 * with FENCE.I each time round, until hart 0 rewrites its first
 * instruction; hart 1 must see the new code (Zifencei).
 */
#include "testlib.h"

#define NHARTS   4
#define ITERS    20000
#define MTIME_HZ 10000000UL

static volatile u32 amo_counter;
static volatile u64 lrsc_counter;
static volatile u32 lock;
static volatile u64 locked_counter;
static volatile u32 started, finished;
static volatile u64 xmod_count, xmod_seen;

static void amo_add_w(volatile u32 *p, u32 v)
{
    __asm__ volatile("amoadd.w zero, %1, (%0)" : : "r"(p), "r"(v) : "memory");
}

static void lrsc_add_d(volatile u64 *p, u64 v)
{
    u64 old, tmp;

    __asm__ volatile("1: lr.d %0, (%2)\n"
                     "   add %1, %0, %3\n"
                     "   sc.d %1, %1, (%2)\n"
                     "   bnez %1, 1b"
                     : "=&r"(old), "=&r"(tmp)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void spin_lock(volatile u32 *l)
{
    u32 tmp;

    __asm__ volatile("1: lr.w.aq %0, (%1)\n"
                     "   bnez %0, 1b\n"
                     "   sc.w %0, %2, (%1)\n"
                     "   bnez %0, 1b"
                     : "=&r"(tmp)
                     : "r"(l), "r"(1)
                     : "memory");
}

static void spin_unlock(volatile u32 *l)
{
    __asm__ volatile("amoswap.w.rl zero, zero, (%0)" : : "r"(l) : "memory");
}

static u64 now(void)
{
    return mmio_read64(CLINT_MTIME);
}

/* Spin until *p reaches want or `secs` seconds of mtime pass. */
static int wait_for(volatile u32 *p, u32 want, u64 secs)
{
    u64 t0 = now();

    while (*p < want) {
        for (volatile int i = 0; i < 1000; i++) {
        }
        if (now() - t0 > secs * MTIME_HZ) {
            return 0;
        }
    }
    return 1;
}

static void work(void)
{
    for (int i = 0; i < ITERS; i++) {
        amo_add_w(&amo_counter, 1);
        lrsc_add_d(&lrsc_counter, 1);
        spin_lock(&lock);
        locked_counter = locked_counter + 1;
        spin_unlock(&lock);
    }
    amo_add_w(&finished, 1);
}

/*
 * Code in a page of its own (no data store lands there): a loop of three
 * chained blocks that counts in a2 (stored to *a3) until its first
 * instruction sets a0 to a1. Hart 0 patches that addi from 1 to 2.
 */
__asm__(".pushsection .text.xmod, \"ax\"\n"
        ".balign 4096\n"
        "xmod_code:\n"
        ".option push\n"
        ".option norvc\n"
        "    addi a0, zero, 1\n"
        "    addi a2, a2, 1\n"
        "    sd a2, 0(a3)\n"
        "    beq a0, a1, 2f\n"
        "    fence.i\n"
        "    j xmod_code\n"
        "2:  ret\n"
        ".option pop\n"
        ".balign 4096\n"
        ".popsection\n");
extern u32 xmod_code[];
#define ADDI_A0_ZERO_2 0x00200513U

static void xmod_run(void)
{
    register u64 a1 __asm__("a1") = 2;
    register u64 a2 __asm__("a2") = 0;
    register volatile u64 *a3 __asm__("a3") = &xmod_count;

    __asm__ volatile("jalr ra, 0(%[fn])"
                     : "+r"(a2)
                     : [fn] "r"(xmod_code), "r"(a1), "r"(a3)
                     : "ra", "a0", "memory");
    xmod_seen = 1;
}

static void secondary(u64 hart)
{
    smp_clear_msip(hart);
    amo_add_w(&started, 1);
    work();
    if (hart == 1) {
        xmod_run();
    }
}

int main(void)
{
    u64 t0;

    smp_start_all(secondary, NHARTS);
    CHECK(wait_for(&started, NHARTS - 1, 20));
    work();
    CHECK(wait_for(&finished, NHARTS, 60));
    CHECK_EQ(amo_counter, (u32)(NHARTS * ITERS));
    CHECK_EQ(lrsc_counter, (u64)(NHARTS * ITERS));
    CHECK_EQ(locked_counter, (u64)(NHARTS * ITERS));
    CHECK_EQ(lock, 0U);

    /* Hart 1 loops in xmod_code: let its blocks get hot and chained. */
    t0 = now();
    while (xmod_count < 20000 && now() - t0 < 20 * MTIME_HZ) {
    }
    CHECK(xmod_count >= 20000);
    CHECK_EQ(xmod_seen, 0UL);
    xmod_code[0] = ADDI_A0_ZERO_2;
    __asm__ volatile("fence rw, rw" ::: "memory");
    t0 = now();
    while (!xmod_seen && now() - t0 < 20 * MTIME_HZ) {
    }
    CHECK_EQ(xmod_seen, 1UL);
    return 0;
}
