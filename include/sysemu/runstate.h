/*
 * VM run state, and the shutdown/reset/powerdown requests that devices,
 * QMP and signals make and the main loop carries out.
 */
#ifndef SYSEMU_RUNSTATE_H
#define SYSEMU_RUNSTATE_H

#include "qemu/osdep.h"

typedef enum {
    RUN_STATE_PRELAUNCH,
    RUN_STATE_RUNNING,
    RUN_STATE_PAUSED,
    RUN_STATE_SHUTDOWN,
    RUN_STATE_DEBUG,
    RUN_STATE_INTERNAL_ERROR,
    RUN_STATE_GUEST_PANICKED,
} RunState;

typedef enum {
    SHUTDOWN_CAUSE_NONE,
    SHUTDOWN_CAUSE_HOST_ERROR,
    SHUTDOWN_CAUSE_HOST_QMP_QUIT,
    SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET,
    SHUTDOWN_CAUSE_HOST_SIGNAL,
    SHUTDOWN_CAUSE_HOST_UI,
    SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
    SHUTDOWN_CAUSE_GUEST_RESET,
    SHUTDOWN_CAUSE_GUEST_PANIC,
    SHUTDOWN_CAUSE_SUBSYSTEM_RESET,
} ShutdownCause;

RunState runstate_get(void);
/* "running", "paused", "prelaunch", "shutdown", ... as query-status says. */
const char *runstate_name(RunState state);
bool runstate_is_running(void);
void runstate_set(RunState state);
/* "host-qmp-quit", "guest-shutdown", ... as the SHUTDOWN event says. */
const char *shutdown_cause_name(ShutdownCause cause);

void vm_start(void);          /* RESUME event; virtual clock runs */
void vm_stop(RunState state); /* STOP event; virtual clock freezes */

/* Requests: carried out by the main loop, in the order QEMU does. */
void qemu_system_shutdown_request(ShutdownCause cause);
/* Guest-initiated exit with a status (the SiFive test finisher). */
void qemu_system_shutdown_request_with_code(ShutdownCause cause, int exit_code);
void qemu_system_reset_request(ShutdownCause cause);
void qemu_system_powerdown_request(void);
/*
 * Drop the pending requests above. For the fuzzers, which run no main
 * loop and start each input from a machine with nothing pending.
 */
void qemu_system_clear_requests(void);
/* -no-shutdown, -no-reboot */
void qemu_set_no_shutdown(bool on);
void qemu_set_no_reboot(bool on);

/* Reset the machine now (devices, then the registered handlers). */
void qemu_system_reset(ShutdownCause cause);
typedef void QEMUResetHandler(void *opaque);
void qemu_register_reset(QEMUResetHandler *func, void *opaque);

/*
 * Run the main loop until a shutdown request is honoured; returns the
 * process exit status.
 */
int qemu_main_loop(void);

#endif
