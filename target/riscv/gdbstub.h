/*
 * RISC-V's side of the gdb stub (target/riscv/gdbstub.c), reached through
 * the CPUClass gdb hooks.
 *
 * gdb register numbers: x0-x31 are 0-31, pc is 32, f0-f31 are 33-64 and
 * CSR n is 65 + n (fflags 66, frm 67, fcsr 68); then the virtual
 * register priv (the privilege level). All are 64 bits wide.
 */
#ifndef TARGET_RISCV_GDBSTUB_H
#define TARGET_RISCV_GDBSTUB_H

#include "target/riscv/cpu.h"

#define RISCV_GDB_REG_PC   32
#define RISCV_GDB_REG_F0   33
#define RISCV_GDB_REG_CSR0 65
#define RISCV_GDB_NUM_CORE 33 /* the 'g' packet: x0-x31, pc */
#define RISCV_GDB_REG_PRIV (RISCV_GDB_REG_CSR0 + 4096)
#define RISCV_GDB_NUM_REGS (RISCV_GDB_REG_PRIV + 1)

int riscv_gdb_read_register(CPUState *cs, int n, uint8_t *buf);
int riscv_gdb_write_register(CPUState *cs, int n, const uint8_t *buf);
/* The target description annex ("target.xml", ...) or NULL. */
const char *riscv_gdb_get_xml(const char *annex);
/*
 * Read or write guest memory at a virtual address as the hart sees it
 * (physical when translation fails); writes also go to ROM and drop
 * translated code. False if some byte is not backed by memory.
 */
bool riscv_gdb_rw_memory(CPUState *cs, uint64_t addr, uint8_t *buf, size_t len,
                         bool is_write);

#endif
