/*
 * SiFive test finisher: a guest write to it ends the emulator with a pass or
 * fail status, or resets the machine.
 */
#ifndef HW_MISC_SIFIVE_TEST_H
#define HW_MISC_SIFIVE_TEST_H

#include "hw/sysbus.h"

#define TYPE_SIFIVE_TEST "riscv.sifive.test"
OBJECT_DECLARE_SIMPLE_TYPE(SiFiveTestState, SIFIVE_TEST)

#define SIFIVE_TEST_MMIO_SIZE 0x1000

/* The finisher register (offset 0): status in bits 15:0, code in 31:16. */
enum {
    FINISHER_FAIL = 0x3333,
    FINISHER_PASS = 0x5555,
    FINISHER_RESET = 0x7777,
};

struct SiFiveTestState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
};

#endif
