/*
 * A hostile guest: U-mode runs random code in a 64 KiB sandbox (the only
 * memory PMP gives it), jumping into the middle of instructions, storing
 * into the code it runs, looping forever. Every trap lands in M-mode,
 * which counts it, scrambles the registers (some pointing into the
 * sandbox, so loads, stores and jumps land there) and resumes at a random
 * halfword of the sandbox; a timer interrupt breaks endless loops. The
 * emulator must survive 20000 traps and exit normally.
 */
#include "testlib.h"

#define SANDBOX_SIZE 0x10000UL
#define TRAPS        20000
#define TICKS        2000 /* 200 us between timer interrupts */

static u64 rng = 0x9e3779b97f4a7c15UL;
static volatile u64 n_traps;

static u64 next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Major opcodes worth forcing into random words: mostly valid ones. */
static const u32 opcodes[] = { 0x03, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x2f,
                               0x33, 0x37, 0x3b, 0x63, 0x67, 0x6f, 0x73 };

static void fill(u32 *code)
{
    for (u64 i = 0; i < SANDBOX_SIZE / 4; i++) {
        u32 w = (u32)next();
        u64 k = next() % 4;

        if (k < 2) {
            w = (w & ~0x7fu) | opcodes[next() % 14];
        }
        code[i] = w; /* k == 2: compressed pairs, k == 3: anything */
    }
}

static u64 sandbox(void)
{
    return (u64)__free_mem;
}

/* Resume somewhere random in the sandbox with scrambled registers. */
static void resume_random(struct trap_frame *f)
{
    n_traps++;
    if (n_traps >= TRAPS) {
        test_exit(0);
    }
    for (int r = 1; r < 32; r++) {
        u64 v = next();
        f->x[r] = (v & 1) ? sandbox() + (v >> 8) % SANDBOX_SIZE : v;
    }
    csr_write(mepc, sandbox() + (next() % SANDBOX_SIZE & ~1UL));
    csr_clear(mstatus, MSTATUS_MPP); /* back to U */
}

static int exc_hook(struct trap_frame *f, u64 cause)
{
    resume_random(f);
    return 1;
}

/* The timer: leave whatever loop U-mode is in. */
static void irq_hook(u64 irq)
{
    mmio_write64(CLINT_MTIMECMP(0), mmio_read64(CLINT_MTIME) + TICKS);
    n_traps++;
    if (n_traps >= TRAPS) {
        test_exit(0);
    }
    csr_write(mepc, sandbox() + (next() % SANDBOX_SIZE & ~1UL));
}

int main(void)
{
    u64 base = sandbox();

    fill((u32 *)base);
    __asm__ volatile("fence.i" ::: "memory");
    /* PMP entry 0: the sandbox only (NAPOT, RWX); U gets nothing else. */
    csr_write(pmpaddr0, (base | (SANDBOX_SIZE / 2 - 1)) >> 2);
    csr_write(pmpcfg0, 0x1f);
    m_exc_hook = exc_hook;
    m_irq_hook = irq_hook;
    mmio_write64(CLINT_MTIMECMP(0), mmio_read64(CLINT_MTIME) + TICKS);
    csr_write(mie, 1UL << IRQ_M_TIMER);
    run_in_mode(PRV_U, (u64(*)(u64))base, 0);
    /* Only a U-mode ecall at run_in_mode's own address returns here. */
    return 0;
}
