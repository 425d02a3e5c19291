/*
 * The pc machine's ACPI tables, shared between acpi-build.c (the tables
 * and their loader) and acpi-dsdt.c (the DSDT's AML).
 */
#ifndef HW_I386_ACPI_DSDT_H
#define HW_I386_ACPI_DSDT_H

#include "hw/i386/pc.h"

#define PC_IOAPIC_ADDR 0xfec00000U
#define PC_LAPIC_ADDR  0xfee00000U

/* The DSDT's definition block, appended to t (after the table header). */
void pc_dsdt_build(GByteArray *t, PCMachineState *pcms, MachineState *ms);

#endif
