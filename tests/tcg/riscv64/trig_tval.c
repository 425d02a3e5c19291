/*
 * What our trigger module does differently from QEMU 7.2; runs on ours
 * only. A trigger's breakpoint reports the matching address in tval: the
 * privileged spec (20211203, 3.1.16 "mtval") says a breakpoint on an
 * instruction fetch, load or store that writes mtval nonzero writes the
 * faulting virtual address there; QEMU 7.2 writes 0 (which the spec also
 * allows, but tells the handler nothing). tinfo lists type 2 only (QEMU
 * 7.2 also has type 6, mcontrol6, which we do not implement).
 */
#include "trig.h"

static volatile u64 var[2];

int main(void)
{
    CHECK_EQ(csr_read(0x7a4), 1UL << 2); /* tinfo */

    csr_write(0x7a2, (u64)target_fn);
    csr_write(0x7a1, TDATA1_TYPE2 | MC_S | MC_EXECUTE);
    TRAP_EXPECT(run_in_mode(PRV_S, target_fn, 0));
    CHECK_TRAP(CAUSE_BREAKPOINT, (u64)target_fn);

    csr_write(0x7a1, TDATA1_TYPE2);
    csr_write(0x7a2, (u64)&var[1]);
    csr_write(0x7a1, TDATA1_TYPE2 | MC_M | MC_LOAD | MC_STORE);
    TRAP_EXPECT((void)var[1]);
    CHECK_TRAP(CAUSE_BREAKPOINT, (u64)&var[1]);
    TRAP_EXPECT(var[1] = 3);
    CHECK_TRAP(CAUSE_BREAKPOINT, (u64)&var[1]);
    /* An access that does not touch the byte does not match. */
    TRAP_EXPECT(var[0] = 3);
    CHECK_NO_TRAP();
    csr_write(0x7a1, TDATA1_TYPE2);
    CHECK_EQ(var[1], 0UL); /* the store did not happen */
    return 0;
}
