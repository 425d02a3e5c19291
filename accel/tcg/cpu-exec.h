/*
 * The execution engine's interface to the rest of the emulator.
 */
#ifndef ACCEL_TCG_CPU_EXEC_H
#define ACCEL_TCG_CPU_EXEC_H

#include "target/riscv/cpu.h"

/* A hart was realized: the engine takes it into its round-robin. */
void cpu_exec_realize(RISCVCPU *cpu);
/* Start the vCPU thread (not under the qtest accelerator). */
void cpu_exec_start_thread(void);
/* Let the harts run / stop them (vm_start / vm_stop). */
void cpu_exec_resume_all(void);
void cpu_exec_pause_all(void);
/* Executed instructions since start (for benchmarks). */
uint64_t cpu_exec_total_instructions(void);
/* HMP "info jit": instructions, exceptions and code-cache size so far. */
void cpu_exec_info_jit(GString *out);

#endif
