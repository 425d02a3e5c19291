/*
 * The trigger module (Sdtrig: tselect, tdata1-3, mcontrol = type 2),
 * checked on ours and on QEMU 7.2, which agree on all of this: two
 * triggers, tdata1 reset to type 2 with nothing armed, tselect and the
 * unsupported tdata1 fields WARL, execute/load/store address matches in
 * the modes the m/s/u bits select raising a breakpoint (cause 3) at the
 * instruction, before it runs. tval is checked by trig_tval.c (ours).
 */
#include "trig.h"

static volatile u64 var[4];

static u64 load_var1(u64 unused)
{
    return var[1];
}

static u64 store_var2(u64 v)
{
    var[2] = v;
    return 0;
}

static u64 read_tselect(u64 unused)
{
    return csr_read(0x7a0);
}

static void arm(int n, u64 tdata1, u64 addr)
{
    csr_write(0x7a0, n);
    csr_write(0x7a1, TDATA1_TYPE2); /* disarm while changing the address */
    csr_write(0x7a2, addr);
    csr_write(0x7a1, tdata1);
}

static void test_registers(void)
{
    CHECK_EQ(csr_read(0x7a0), 0UL);
    CHECK_EQ(csr_read(0x7a1), TDATA1_TYPE2);
    csr_write(0x7a0, 1);
    CHECK_EQ(csr_read(0x7a0), 1UL);
    CHECK_EQ(csr_read(0x7a1), TDATA1_TYPE2);
    csr_write(0x7a0, 2); /* no third trigger: ignored */
    CHECK_EQ(csr_read(0x7a0), 1UL);
    csr_write(0x7a0, 0);
    /* dmode, match, chain and action are not supported: they read 0. */
    csr_write(0x7a1, TDATA1_TYPE2 | (1UL << 59) | (3UL << 7) | (1UL << 11) |
                         (1UL << 12) | MC_M | MC_STORE);
    CHECK_EQ(csr_read(0x7a1), TDATA1_TYPE2 | MC_M | MC_STORE);
    /* Another type is not supported: the write is ignored. */
    csr_write(0x7a1, 3UL << 60);
    CHECK_EQ(csr_read(0x7a1), TDATA1_TYPE2 | MC_M | MC_STORE);
    csr_write(0x7a1, TDATA1_TYPE2);
    csr_write(0x7a2, 0x12345678UL);
    CHECK_EQ(csr_read(0x7a2), 0x12345678UL);
    csr_write(0x7a3, 0x1234);
    CHECK_EQ(csr_read(0x7a3), 0UL);
    /* Only M-mode may touch them. */
    TRAP_EXPECT(run_in_mode(PRV_S, read_tselect, 0));
    CHECK_EQ(trap.count, 1UL);
    CHECK_EQ(trap.cause, (u64)CAUSE_ILLEGAL_INSN);
}

static void test_execute(void)
{
    arm(0, TDATA1_TYPE2 | MC_S | MC_EXECUTE, (u64)target_fn);
    TRAP_EXPECT(run_in_mode(PRV_S, target_fn, 0));
    CHECK_EQ(trap.count, 1UL);
    CHECK_EQ(trap.cause, (u64)CAUSE_BREAKPOINT);
    CHECK_EQ(trap.epc, (u64)target_fn);
    /* U is not selected: no breakpoint; M neither. */
    TRAP_EXPECT(run_in_mode(PRV_U, target_fn, 0));
    CHECK_NO_TRAP();
    TRAP_EXPECT(target_fn(1));
    CHECK_NO_TRAP();
    /* Disarmed: the function runs. */
    csr_write(0x7a1, TDATA1_TYPE2);
    TRAP_EXPECT(CHECK_EQ(run_in_mode(PRV_S, target_fn, 41), 42UL));
    CHECK_NO_TRAP();
}

static void test_load_store(void)
{
    arm(1, TDATA1_TYPE2 | MC_S | MC_U | MC_LOAD, (u64)&var[1]);
    TRAP_EXPECT(run_in_mode(PRV_S, load_var1, 0));
    CHECK_EQ(trap.count, 1UL);
    CHECK_EQ(trap.cause, (u64)CAUSE_BREAKPOINT);
    TRAP_EXPECT(run_in_mode(PRV_U, load_var1, 0));
    CHECK_EQ(trap.cause, (u64)CAUSE_BREAKPOINT);
    /* A store there, and a load elsewhere on the page, do not match. */
    TRAP_EXPECT(var[1] = 5);
    TRAP_EXPECT(run_in_mode(PRV_S, store_var2, 7));
    CHECK_NO_TRAP();
    CHECK_EQ(var[2], 7UL);
    /* Store trigger in M mode: the store does not happen. */
    arm(0, TDATA1_TYPE2 | MC_M | MC_STORE, (u64)&var[2]);
    TRAP_EXPECT(var[2] = 9);
    CHECK_EQ(trap.count, 1UL);
    CHECK_EQ(trap.cause, (u64)CAUSE_BREAKPOINT);
    CHECK_EQ(var[2], 7UL);
    TRAP_EXPECT(CHECK_EQ(var[3], 0UL));
    CHECK_NO_TRAP();
    csr_write(0x7a1, TDATA1_TYPE2);
    csr_write(0x7a0, 1);
    csr_write(0x7a1, TDATA1_TYPE2);
    csr_write(0x7a0, 0);
    TRAP_EXPECT(var[2] = 9);
    CHECK_NO_TRAP();
    CHECK_EQ(var[2], 9UL);
}

int main(void)
{
    test_registers();
    test_execute();
    test_load_store();
    return 0;
}
