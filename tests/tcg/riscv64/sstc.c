/*
 * Sstc (stimecmp, menvcfg.STCE): STIP follows time >= stimecmp, and
 * stimecmp = -1, the way Linux stops its timer, never fires, just as
 * mtimecmp = -1 never does on the ACLINT.  Both arm a host timer at the
 * end of time, which the emulator must treat as "never" (no overflow in
 * its deadline arithmetic: the ASan/UBSan build checks that).
 */
#include "testlib.h"

#define CSR_MENVCFG  0x30a
#define CSR_STIMECMP 0x14d
#define MENVCFG_STCE (1UL << 63)
#define MIP_STIP     (1UL << IRQ_S_TIMER)
#define TICKS_PER_MS 10000UL /* the virt machine's 10 MHz timebase */

/* Spin for ms milliseconds of mtime. */
static void spin_ms(u64 ms)
{
    u64 end = mmio_read64(CLINT_MTIME) + ms * TICKS_PER_MS;

    while (mmio_read64(CLINT_MTIME) < end) {
    }
}

/* Wait up to ms milliseconds for STIP; returns whether it rose. */
static int wait_stip(u64 ms)
{
    u64 end = mmio_read64(CLINT_MTIME) + ms * TICKS_PER_MS;

    while (mmio_read64(CLINT_MTIME) < end) {
        if (csr_read(mip) & MIP_STIP) {
            return 1;
        }
    }
    return 0;
}

int main(void)
{
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    csr_write(CSR_MENVCFG, MENVCFG_STCE);
    CHECK(csr_read(CSR_MENVCFG) & MENVCFG_STCE);

    /* The end of time: nothing fires, for a while of running. */
    csr_write(CSR_STIMECMP, ~0UL);
    spin_ms(20);
    CHECK_EQ(csr_read(mip) & MIP_STIP, 0);
    CHECK_EQ(csr_read(mip) & (1UL << IRQ_M_TIMER), 0);

    /* A near deadline does fire; -1 again clears it. */
    csr_write(CSR_STIMECMP, mmio_read64(CLINT_MTIME) + TICKS_PER_MS);
    CHECK(wait_stip(1000));
    csr_write(CSR_STIMECMP, ~0UL);
    CHECK_EQ(csr_read(mip) & MIP_STIP, 0);

    /* Large but finite deadlines are fine too. */
    csr_write(CSR_STIMECMP, ~0UL - 1);
    mmio_write64(CLINT_MTIMECMP(0), ~0UL - 1);
    spin_ms(5);
    CHECK_EQ(csr_read(mip) & (MIP_STIP | (1UL << IRQ_M_TIMER)), 0);
    mmio_write64(CLINT_MTIMECMP(0), ~0UL);
    csr_write(CSR_MENVCFG, 0);
    return 0;
}
