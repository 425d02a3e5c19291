/*
 * The program gdb-rsp.py debugs: the test stops it at gdb_stop_here,
 * steps, rewrites `value` and moves the pc to gdb_resume_here, which
 * reports `value`. Its own INT3, run while the debugger has a breakpoint
 * in, must still reach its #BP handler (KVM gives the exception back).
 */
#include "mb-lib.h"

#define NOT_REDIRECTED 0x3d /* the test did not move the pc */
#define OWN_INT3_LOST  0x3e /* the program's INT3 never reached it */

volatile uint32_t value = 1;
static volatile uint32_t own_breakpoints;

static void on_breakpoint(int vec)
{
    own_breakpoints++;
}

__attribute__((noinline)) void gdb_stop_here(void)
{
    value += 2;
}

__attribute__((noinline, noreturn)) void gdb_resume_here(void)
{
    guest_exit(own_breakpoints == 1 ? value : OWN_INT3_LOST);
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    set_handler(3, on_breakpoint);
    __asm__ volatile("int3");
    gdb_stop_here();
    guest_exit(NOT_REDIRECTED);
}
