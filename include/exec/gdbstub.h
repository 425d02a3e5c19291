/*
 * The gdb remote-serial-protocol stub (-s, -gdb DEV). It reaches CPUs
 * through CPUClass (registers, target description, debugger memory
 * access) and the accelerator through AccelOps (breakpoints, stepping).
 */
#ifndef EXEC_GDBSTUB_H
#define EXEC_GDBSTUB_H

#include "qemu/osdep.h"

typedef struct CPUState CPUState;

#define DEFAULT_GDBSTUB_PORT "1234"

/*
 * Serve gdb on a chardev given in short syntax ("tcp::1234",
 * "unix:PATH,server=on", "none"). A "tcp:" device is always a listening
 * server that does not wait for the first connection.
 */
bool gdbserver_start(const char *device, GError **errp);
/*
 * The accelerator stopped the VM (vm_stop(RUN_STATE_DEBUG)) because cpu
 * hit a breakpoint or finished a single step. Called with the big lock
 * held from the vCPU thread; the stop reply is sent from the main loop.
 */
void gdb_notify_debug_stop(CPUState *cpu);
/*
 * As gdb_notify_debug_stop, for a watchpoint of type (GDB_WATCHPOINT_*)
 * that an access to addr hit: the stop reply names it ("watch:ADDR;").
 */
void gdb_notify_watch_stop(CPUState *cpu, int type, uint64_t addr);
/* gdb connected before the VM started: start-up must not run the guest. */
bool gdbserver_hold_start(void);

#endif
