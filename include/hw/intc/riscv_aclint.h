/*
 * RISC-V ACLINT: the software-interrupt device (MSWI/SSWI) and the machine
 * timer (MTIMER), laid out as the SiFive CLINT.
 *
 * riscv.aclint.swi: one 32-bit register per hart, 4 bytes apart. MSWI:
 * bit 0 is the hart's MSIP, read/write, and drives gpio-out (unnamed) line
 * n of hart hartid-base + n (to be wired to IRQ_M_SOFT). SSWI (sswi=1):
 * writing 1 to bit 0 raises the line (to IRQ_S_SOFT); reads return 0.
 *
 * riscv.aclint.mtimer: mtimecmp of each hart (8 bytes apart, from
 * timecmp-base) and mtime (at time-base), accessible as 32 or 64 bits.
 * mtime counts at timebase-freq from the virtual clock. gpio-out (unnamed)
 * line n (to IRQ_M_TIMER) is high while mtime >= mtimecmp[n].
 */
#ifndef HW_INTC_RISCV_ACLINT_H
#define HW_INTC_RISCV_ACLINT_H

#include "hw/sysbus.h"
#include "qemu/timer.h"

#define TYPE_RISCV_ACLINT_SWI    "riscv.aclint.swi"
#define TYPE_RISCV_ACLINT_MTIMER "riscv.aclint.mtimer"
OBJECT_DECLARE_SIMPLE_TYPE(RISCVAclintSwiState, RISCV_ACLINT_SWI)
OBJECT_DECLARE_SIMPLE_TYPE(RISCVAclintMTimerState, RISCV_ACLINT_MTIMER)

#define RISCV_ACLINT_MAX_HARTS             4095
#define RISCV_ACLINT_SWI_SIZE              0x4000
#define RISCV_ACLINT_DEFAULT_MTIMER_SIZE   0x8000
#define RISCV_ACLINT_DEFAULT_MTIMECMP      0x0
#define RISCV_ACLINT_DEFAULT_MTIME         0x7ff8
#define RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ 10000000

struct RISCVAclintSwiState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
    /* Properties */
    uint32_t hartid_base;
    uint32_t num_harts;
    uint32_t sswi; /* 0: MSWI, 1: SSWI */
    /* State */
    bool *msip;     /* [num_harts], MSWI only */
    qemu_irq *irqs; /* [num_harts] */
};

typedef struct RISCVAclintMTimerHart {
    RISCVAclintMTimerState *mtimer;
    uint32_t index; /* hart hartid-base + index */
    uint64_t timecmp;
    QEMUTimer timer; /* fires when mtime reaches timecmp */
} RISCVAclintMTimerHart;

struct RISCVAclintMTimerState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
    /* Properties */
    uint32_t hartid_base;
    uint32_t num_harts;
    uint32_t timecmp_base;
    uint32_t time_base;
    uint32_t aperture_size;
    uint32_t timebase_freq;
    /* State: mtime = ticks of the virtual clock + time_offset (mod 2^64) */
    uint64_t time_offset;
    RISCVAclintMTimerHart *harts; /* [num_harts] */
    qemu_irq *irqs;               /* [num_harts] */
};

/* The current mtime value of a realized riscv.aclint.mtimer. */
uint64_t riscv_aclint_mtimer_get_time(DeviceState *mtimer);

/*
 * The QEMU_CLOCK_VIRTUAL time (ns) at which mtime reaches ticks: the
 * current time if it already has, INT64_MAX if it never will within the
 * clock's range. For timers that compare against mtime (Sstc stimecmp).
 */
int64_t riscv_aclint_mtimer_deadline_ns(DeviceState *mtimer, uint64_t ticks);

#endif
