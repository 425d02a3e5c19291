/*
 * A RISC-V hart. For now it holds only what the interrupt controllers
 * drive (the mip bits); the execution engine fills in the rest.
 */
#ifndef TARGET_RISCV_CPU_H
#define TARGET_RISCV_CPU_H

#include "qemu/osdep.h"
#include "hw/qdev-core.h"

#define TYPE_RISCV_CPU "riscv-cpu"
#define TYPE_RISCV_CPU_BASE64 "rv64-riscv-cpu"
OBJECT_DECLARE_SIMPLE_TYPE(RISCVCPU, RISCV_CPU)

/* Interrupt numbers (privileged spec, mip/mie bit positions). */
#define IRQ_S_SOFT 1
#define IRQ_M_SOFT 3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT 9
#define IRQ_M_EXT 11
#define IRQ_LOCAL_MAX 16

struct RISCVCPU {
    DeviceState parent_obj;
    uint32_t hartid;
    uint64_t resetvec;
    uint64_t mip; /* lines driven by devices; gpio-in n sets bit n */
};

#endif
