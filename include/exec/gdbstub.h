/*
 * The gdb remote-serial-protocol stub (-s, -gdb DEV) and what it needs
 * from the execution engine (breakpoints, single-step) and from the
 * target (registers, the target description, debugger memory access).
 */
#ifndef EXEC_GDBSTUB_H
#define EXEC_GDBSTUB_H

#include "target/riscv/cpu.h"

#define DEFAULT_GDBSTUB_PORT "1234"

/* ---- gdbstub/gdbstub.c ---- */

/*
 * Serve gdb on a chardev given in short syntax ("tcp::1234",
 * "unix:PATH,server=on", "none"). A "tcp:" device is always a listening
 * server that does not wait for the first connection.
 */
bool gdbserver_start(const char *device, GError **errp);
/*
 * The engine stopped the VM (vm_stop(RUN_STATE_DEBUG)) because cpu hit
 * a breakpoint or finished a single step. Called with the big lock held
 * from the vCPU thread; the stop reply is sent from the main loop.
 */
void gdb_notify_debug_stop(RISCVCPU *cpu);
/* gdb connected before the VM started: start-up must not run the guest. */
bool gdbserver_hold_start(void);

/* ---- accel/tcg/cpu-exec.c (all with the big lock held) ---- */

/* Software breakpoints at a virtual address, for every hart. */
void cpu_breakpoint_insert(uint64_t pc);
bool cpu_breakpoint_remove(uint64_t pc); /* false if there was none */
void cpu_breakpoint_remove_all(void);
/* Single-step this hart (the others stay put) or NULL for none. */
void cpu_single_step(RISCVCPU *cpu);
/*
 * On the next resume each hart ignores a breakpoint at its current pc
 * for its first instruction (so continuing from a breakpoint works).
 */
void cpu_debug_skip_current_pc(void);

/* ---- target/riscv/gdbstub.c ---- */

/*
 * gdb register numbers: x0-x31 are 0-31, pc is 32, f0-f31 are 33-64 and
 * CSR n is 65 + n (fflags 66, frm 67, fcsr 68); then the virtual
 * register priv (the privilege level). All are 64 bits wide.
 */
#define RISCV_GDB_REG_PC   32
#define RISCV_GDB_REG_F0   33
#define RISCV_GDB_REG_CSR0 65
#define RISCV_GDB_NUM_CORE 33 /* the 'g' packet: x0-x31, pc */
#define RISCV_GDB_REG_PRIV (RISCV_GDB_REG_CSR0 + 4096)
#define RISCV_GDB_NUM_REGS (RISCV_GDB_REG_PRIV + 1)

bool riscv_gdb_read_register(RISCVCPU *cpu, int n, uint64_t *val);
bool riscv_gdb_write_register(RISCVCPU *cpu, int n, uint64_t val);
/* The target description annex ("target.xml", ...) or NULL. */
const char *riscv_gdb_get_xml(const char *annex);
/*
 * Read or write guest memory at a virtual address as the hart sees it
 * (physical when translation fails); writes also go to ROM and drop
 * translated code. False if some byte is not backed by memory.
 */
bool riscv_gdb_rw_memory(RISCVCPU *cpu, uint64_t addr, uint8_t *buf, size_t len,
                         bool is_write);

#endif
