/*
 * A 32-bit instruction at the very end of RAM: its second half lies in a
 * hole, so fetching it is an access fault with mepc = the instruction and
 * mtval = the end of RAM, the address of the faulting portion (privileged
 * spec 20211203, 3.1.14 and 3.1.16; crosspage.c has the page-fault case).
 * Ours only: Debian's QEMU 7.2 aborts here (assertion `phys_page != -1'
 * in translator_access).  Run with -m 128M so RAM ends at 0x88000000.
 */
#include "testlib.h"

#define RAM_END 0x88000000UL

/* The low half of "addi x0, x0, 0": bits 1:0 = 11, so 32 bits long. */
#define NOP_LOW 0x0013

static void call(u64 va)
{
    __asm__ volatile("fence.i" ::: "memory");
    ((void (*)(void))va)();
}

int main(void)
{
    u64 insn = RAM_END - 2;

    *(volatile uint16_t *)insn = NOP_LOW;
    /* Several times: a fault must leave nothing behind each time. */
    for (int i = 0; i < 3; i++) {
        TRAP_EXPECT(call(insn));
        CHECK_TRAP(CAUSE_FETCH_ACCESS, RAM_END);
        CHECK_EQ(trap.epc, insn);
    }
    return 0;
}
