/*
 * What the monitor's three files share: the QMP command table
 * (monitor/qmp-cmds.c), the HMP monitor's constructor (monitor/hmp.c) and
 * version information. Not for use outside monitor/.
 */
#ifndef MONITOR_QMP_CMDS_H
#define MONITOR_QMP_CMDS_H

#include "qemu/osdep.h"
#include "chardev/char.h"
#include <json-glib/json-glib.h>

/*
 * QEMU_VERSION (the QEMU interface level, 7.2.0) and QEMU_PKGVERSION (our
 * name and version: query-version's "package") come from meson.build.
 */

/* {"qemu": {"micro": M, "minor": m, "major": X}, "package": "..."} */
JsonObject *qmp_version_info(void);

/* The JSON type a command argument must have. */
typedef enum {
    QMP_ARG_STRING,
    QMP_ARG_INT,
    QMP_ARG_BOOL,
    QMP_ARG_ARRAY,
    QMP_ARG_OBJECT,
    QMP_ARG_NUMBER, /* integer or floating point */
    QMP_ARG_ANY,
} QmpArgType;

typedef struct QmpArg {
    const char *name;
    QmpArgType type;
    bool optional;
    const char *const *enum_values; /* NULL-ended, for enum arguments */
} QmpArg;

/*
 * A command's handler: args holds only declared members of the declared
 * types (the dispatcher checked them). Returns the "return" value (a new
 * node) or NULL with *errp set.
 */
typedef JsonNode *QmpCommandFunc(JsonObject *args, GError **errp);

typedef struct QmpCommand {
    const char *name;
    QmpCommandFunc *fn;
    const QmpArg *args; /* ended by { NULL }; NULL for none */
} QmpCommand;

/*
 * Generated from qapi/qmp-schema.json by scripts/qapi-gen.py: the command
 * table (in query-commands order) and query-qmp-schema's reply text.
 */
extern const QmpCommand qmp_gen_commands[];
extern const size_t qmp_gen_command_count;
extern const char qmp_gen_schema_json[];

/* The command called name, or NULL. */
const QmpCommand *qmp_command_find(const char *name);
/* Every command, in query-commands order; *n gets the count. */
const QmpCommand *qmp_command_table(size_t *n);
/* "string", "integer", ... as "Invalid parameter type" errors name it. */
const char *qmp_arg_type_name(QmpArgType type);

/* The number of harts, for human-monitor-command's cpu-index check. */
int qmp_cpu_count(void);

/* Reply helpers for handlers: a node holding obj / arr; {}. */
JsonNode *qmp_node_from_object(JsonObject *obj);
JsonNode *qmp_node_from_array(JsonArray *arr);
JsonNode *qmp_empty_return(void);

/* An HMP monitor on chr (monitor_init with control=false). */
bool hmp_monitor_init(Chardev *chr, GError **errp);
void hmp_monitor_cleanup(void);

#endif
