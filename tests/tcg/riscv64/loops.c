/*
 * Interrupts reach a hart spinning in code that never leaves by itself:
 * a jump to itself, a loop of two blocks that jump to each other, and a
 * loop polling memory. With translated blocks chained to each other the
 * engine sees these only through the check on backward jumps. The timer
 * interrupt's hook moves mepc past the loop.
 */
#include "testlib.h"

static volatile u64 escape;
static volatile int fired;

static void hook(u64 irq)
{
    fired++;
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    if (escape) {
        csr_write(mepc, escape);
    }
}

/* The timer fires 20000 ticks (2 ms) from now. */
static void arm(void)
{
    fired = 0;
    mmio_write64(CLINT_MTIMECMP(0), mmio_read64(CLINT_MTIME) + 20000);
}

static void test_jump_to_self(void)
{
    u64 tmp;

    arm();
    __asm__ volatile("la %0, 2f\n"
                     "sd %0, 0(%1)\n"
                     "csrs mstatus, 8\n"
                     "1: j 1b\n"
                     "2: csrc mstatus, 8\n"
                     : "=&r"(tmp)
                     : "r"(&escape)
                     : "memory");
    escape = 0;
    CHECK_EQ(fired, 1);
}

static void test_two_block_loop(void)
{
    u64 tmp, count = 0;

    arm();
    __asm__ volatile("la %0, 3f\n"
                     "sd %0, 0(%2)\n"
                     "csrs mstatus, 8\n"
                     "1: addi %1, %1, 1\n"
                     "j 2f\n"
                     "2: addi %1, %1, 1\n"
                     "j 1b\n"
                     "3: csrc mstatus, 8\n"
                     : "=&r"(tmp), "+r"(count)
                     : "r"(&escape)
                     : "memory");
    escape = 0;
    CHECK_EQ(fired, 1);
}

static void test_poll(void)
{
    arm();
    csr_set(mstatus, MSTATUS_MIE);
    while (!fired) {
    }
    csr_clear(mstatus, MSTATUS_MIE);
    CHECK_EQ(fired, 1);
}

/*
 * Registers at interrupts taken in a tight loop of one translated block:
 * the handler must see them as a block boundary leaves them (s3 = 3 * s2,
 * s4 = 4 * s2), with the ones the block holds in host registers written
 * back. Ten interrupts, 2000 ticks apart.
 */
static volatile int broken;

static void hook_check_regs(u64 irq)
{
    struct trap_frame *f = m_trap_frame;

    if (f->x[19] != 3 * f->x[18] || f->x[20] != 4 * f->x[18]) {
        broken++;
    }
    fired++;
    mmio_write64(CLINT_MTIMECMP(0),
                 fired < 10 ? mmio_read64(CLINT_MTIME) + 2000 : ~0UL);
}

static void test_loop_registers(void)
{
    m_irq_hook = hook_check_regs;
    broken = 0;
    arm();
    __asm__ volatile("li s2, 0\n"
                     "li s3, 0\n"
                     "li s4, 0\n"
                     "csrs mstatus, 8\n"
                     ".balign 64\n" /* the loop stays in one page */
                     "1: addi s2, s2, 1\n"
                     "addi s3, s3, 3\n"
                     "add s4, s3, s2\n"
                     "lw t0, 0(%0)\n"
                     "slti t0, t0, 10\n"
                     "bnez t0, 1b\n"
                     "csrc mstatus, 8\n"
                     :
                     : "r"(&fired)
                     : "s2", "s3", "s4", "t0", "memory");
    m_irq_hook = hook;
    CHECK_EQ(fired, 10);
    CHECK_EQ(broken, 0);
}

int main(void)
{
    m_irq_hook = hook;
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    csr_write(mie, 1UL << IRQ_M_TIMER);
    test_jump_to_self();
    test_two_block_loop();
    test_poll();
    test_loop_registers();
    return 0;
}
