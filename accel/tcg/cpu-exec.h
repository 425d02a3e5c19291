/*
 * The TCG engine's execution loop (accel/tcg/cpu-exec.c), as the tcg
 * accelerator (tcg-accel-ops.c) and the target it runs use it.
 */
#ifndef ACCEL_TCG_CPU_EXEC_H
#define ACCEL_TCG_CPU_EXEC_H

#include "cpu.h"

/* A CPU is being realized: the engine takes it into its round-robin. */
bool cpu_exec_realize(CPUState *cpu, GError **errp);
/* Give the CPU its thread: the one round-robin thread, made once, or
 * with -accel tcg,thread=multi one of its own. */
void cpu_exec_start_thread(CPUState *cpu);
/* Make the CPU look at its requests between blocks. */
void cpu_exec_kick(CPUState *cpu);
/* Ask the loop running env to leave guest code (EXIT_REQUEST_*). */
void cpu_exit_request(CPUArchState *env, uint32_t flag);
/* Let the CPUs run / stop them (vm_start / vm_stop). */
void cpu_exec_resume_all(void);
void cpu_exec_pause_all(void);
/* Executed instructions since start (for benchmarks). */
uint64_t cpu_exec_total_instructions(void);
/* HMP "info jit": instructions, exceptions and code-cache size so far. */
void cpu_exec_info_jit(GString *out);

/* The debugger's software breakpoints and single-step (big lock held). */
bool cpu_breakpoint_insert(uint64_t pc);
bool cpu_breakpoint_remove(uint64_t pc); /* false if there was none */
void cpu_breakpoint_remove_all(void);
/* Single-step this CPU (the others stay put) or NULL for none. */
void cpu_single_step(CPUState *cpu);
/*
 * On the next resume each CPU ignores a breakpoint at its current pc for
 * its first instruction (so continuing from a breakpoint works).
 */
void cpu_debug_skip_current_pc(void);

#endif
