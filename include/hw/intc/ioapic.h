/*
 * The pc machine's interrupt inputs ("ioapic"): one GPIO input per GSI.
 */
#ifndef HW_INTC_IOAPIC_H
#define HW_INTC_IOAPIC_H

#include "hw/qdev-core.h"

#define TYPE_IOAPIC     "ioapic"
#define IOAPIC_NUM_PINS 24

#endif
