/*
 * Run state and the requests that change it. Devices, QMP and signal
 * handlers only post requests; the main loop carries them out between
 * iterations, so no handler re-enters device code.
 */
#include "qemu/osdep.h"
#include "sysemu/runstate.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "monitor/monitor.h"
#include "sysemu/cpus.h"

typedef struct ResetEntry {
    QEMUResetHandler *func;
    void *opaque;
} ResetEntry;

static struct {
    RunState state;
    bool no_shutdown;
    bool no_reboot;
    int shutdown_requested; /* ShutdownCause, 0 = none */
    int exit_code;
    int reset_requested; /* ShutdownCause */
    int powerdown_requested;
    GArray *reset_handlers; /* ResetEntry */
} rs = { .state = RUN_STATE_PRELAUNCH };

static const char *const runstate_names[] = {
    [RUN_STATE_PRELAUNCH] = "prelaunch",
    [RUN_STATE_RUNNING] = "running",
    [RUN_STATE_PAUSED] = "paused",
    [RUN_STATE_SHUTDOWN] = "shutdown",
    [RUN_STATE_DEBUG] = "debug",
    [RUN_STATE_INTERNAL_ERROR] = "internal-error",
    [RUN_STATE_GUEST_PANICKED] = "guest-panicked",
};

static const char *const cause_names[] = {
    [SHUTDOWN_CAUSE_NONE] = "none",
    [SHUTDOWN_CAUSE_HOST_ERROR] = "host-error",
    [SHUTDOWN_CAUSE_HOST_QMP_QUIT] = "host-qmp-quit",
    [SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET] = "host-qmp-system-reset",
    [SHUTDOWN_CAUSE_HOST_SIGNAL] = "host-signal",
    [SHUTDOWN_CAUSE_HOST_UI] = "host-ui",
    [SHUTDOWN_CAUSE_GUEST_SHUTDOWN] = "guest-shutdown",
    [SHUTDOWN_CAUSE_GUEST_RESET] = "guest-reset",
    [SHUTDOWN_CAUSE_GUEST_PANIC] = "guest-panic",
    [SHUTDOWN_CAUSE_SUBSYSTEM_RESET] = "subsystem-reset",
};

RunState runstate_get(void)
{
    return rs.state;
}

const char *runstate_name(RunState state)
{
    return runstate_names[state];
}

bool runstate_is_running(void)
{
    return rs.state == RUN_STATE_RUNNING;
}

void runstate_set(RunState state)
{
    rs.state = state;
}

const char *shutdown_cause_name(ShutdownCause cause)
{
    return cause_names[cause];
}

void vm_start(void)
{
    if (runstate_is_running()) {
        return;
    }
    cpu_enable_ticks();
    runstate_set(RUN_STATE_RUNNING);
    cpus_resume_all();
    qmp_event_send("RESUME", NULL);
}

void vm_stop(RunState state)
{
    if (!runstate_is_running()) {
        /* As QEMU: stopping a VM that never started leaves it prelaunch. */
        if (rs.state != RUN_STATE_PRELAUNCH) {
            runstate_set(state);
        }
        return;
    }
    cpus_pause_all();
    cpu_disable_ticks();
    runstate_set(state);
    qmp_event_send("STOP", NULL);
}

void qemu_set_no_shutdown(bool on)
{
    rs.no_shutdown = on;
}

void qemu_set_no_reboot(bool on)
{
    rs.no_reboot = on;
}

void qemu_system_shutdown_request(ShutdownCause cause)
{
    rs.shutdown_requested = cause;
    qemu_notify_event();
}

void qemu_system_shutdown_request_with_code(ShutdownCause cause, int exit_code)
{
    rs.exit_code = exit_code;
    qemu_system_shutdown_request(cause);
}

void qemu_system_reset_request(ShutdownCause cause)
{
    if (rs.no_reboot && cause != SHUTDOWN_CAUSE_SUBSYSTEM_RESET) {
        rs.shutdown_requested = cause;
    } else {
        rs.reset_requested = cause;
    }
    qemu_notify_event();
}

void qemu_system_powerdown_request(void)
{
    rs.powerdown_requested = 1;
    qemu_notify_event();
}

void qemu_system_clear_requests(void)
{
    rs.shutdown_requested = 0;
    rs.exit_code = 0;
    rs.reset_requested = 0;
    rs.powerdown_requested = 0;
}

void qemu_register_reset(QEMUResetHandler *func, void *opaque)
{
    ResetEntry e = { func, opaque };

    if (!rs.reset_handlers) {
        rs.reset_handlers = g_array_new(FALSE, FALSE, sizeof(ResetEntry));
    }
    g_array_append_val(rs.reset_handlers, e);
}

void qemu_system_reset(ShutdownCause cause)
{
    MachineState *ms = qdev_get_machine();

    if (ms) {
        qdev_reset_all(OBJECT(ms));
        if (MACHINE_GET_CLASS(ms)->reset) {
            MACHINE_GET_CLASS(ms)->reset(ms);
        }
    }
    for (guint i = 0; rs.reset_handlers && i < rs.reset_handlers->len; i++) {
        ResetEntry *e = &g_array_index(rs.reset_handlers, ResetEntry, i);
        e->func(e->opaque);
    }
    cpus_synchronize_post_reset();
    if (cause != SHUTDOWN_CAUSE_NONE) {
        JsonObject *data = json_object_new();

        json_object_set_boolean_member(data, "guest",
                                       cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        json_object_set_string_member(data, "reason",
                                      shutdown_cause_name(cause));
        qmp_event_send("RESET", data);
    }
}

/* Returns true when the main loop must end. */
static bool main_loop_should_exit(void)
{
    if (rs.shutdown_requested) {
        ShutdownCause cause = rs.shutdown_requested;
        JsonObject *data = json_object_new();

        rs.shutdown_requested = 0;
        json_object_set_boolean_member(data, "guest",
                                       cause >= SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
        json_object_set_string_member(data, "reason",
                                      shutdown_cause_name(cause));
        qmp_event_send("SHUTDOWN", data);
        if (rs.no_shutdown && cause != SHUTDOWN_CAUSE_HOST_QMP_QUIT &&
            cause != SHUTDOWN_CAUSE_HOST_SIGNAL &&
            cause != SHUTDOWN_CAUSE_HOST_UI) {
            vm_stop(RUN_STATE_SHUTDOWN);
            return false;
        }
        return true;
    }
    if (rs.reset_requested) {
        ShutdownCause cause = rs.reset_requested;

        bool running = runstate_is_running();

        rs.reset_requested = 0;
        /* Harts on their own threads stop first (-accel tcg,thread=multi). */
        if (running) {
            cpus_pause_all();
        }
        qemu_system_reset(cause);
        if (running) {
            cpus_resume_all();
        }
        if (rs.state == RUN_STATE_SHUTDOWN) {
            vm_start();
        }
    }
    if (rs.powerdown_requested) {
        rs.powerdown_requested = 0;
        qmp_event_send("POWERDOWN", NULL);
    }
    return false;
}

int qemu_main_loop(void)
{
    while (!main_loop_should_exit()) {
        main_loop_wait(false);
    }
    return rs.exit_code;
}
