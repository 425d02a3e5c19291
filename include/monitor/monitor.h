/*
 * The monitors: QMP (JSON) and HMP (human) on chardevs.
 */
#ifndef MONITOR_MONITOR_H
#define MONITOR_MONITOR_H

#include "qemu/osdep.h"
#include "chardev/char.h"
#include <json-glib/json-glib.h>

/*
 * Start a monitor on chr: QMP (control=true) or HMP. -qmp, -monitor and
 * -mon chardev=ID,mode=control|readline end up here.
 */
bool monitor_init(Chardev *chr, bool control, bool pretty, GError **errp);
void monitor_cleanup(void);

/*
 * Broadcast a QMP event to every QMP monitor that has negotiated
 * capabilities: {"timestamp": {...}, "event": NAME, "data": DATA}.
 * Takes ownership of data, which may be NULL.
 */
void qmp_event_send(const char *name, JsonObject *data);

/*
 * Run one HMP command line ("info qtree") and return its output.
 * Used by the HMP monitor and by QMP's human-monitor-command. *cur_cpu
 * is the monitor's current CPU, which `cpu N` changes.
 */
char *hmp_run_command(const char *cmdline, int *cur_cpu);

#endif
