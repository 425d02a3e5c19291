/*
 * The core QMP commands (status, version, machines, run control). The
 * command table and query-qmp-schema are generated from
 * qapi/qmp-schema.json (scripts/qapi-gen.py); the dispatcher in qmp.c
 * checks arguments against the table before calling a handler.
 */
#include "qemu/osdep.h"
#include <unistd.h>
#include "monitor/monitor.h"
#include "monitor/qmp-cmds.h"
#include "monitor/qmp-commands.gen.h"
#include "hw/boards.h"
#include "net/net.h"
#include "sysemu/balloon.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"
#include "hw/core/cpu.h"
#include "qemu/target-info.h"

JsonObject *qmp_version_info(void)
{
    JsonObject *info = json_object_new();
    JsonObject *qemu = json_object_new();
    int major = 0, minor = 0, micro = 0;

    sscanf(QEMU_VERSION, "%d.%d.%d", &major, &minor, &micro);
    json_object_set_int_member(qemu, "micro", micro);
    json_object_set_int_member(qemu, "minor", minor);
    json_object_set_int_member(qemu, "major", major);
    json_object_set_object_member(info, "qemu", qemu);
    json_object_set_string_member(info, "package", QEMU_PKGVERSION);
    return info;
}

const char *qmp_arg_type_name(QmpArgType type)
{
    static const char *const names[] = {
        [QMP_ARG_STRING] = "string", [QMP_ARG_INT] = "integer",
        [QMP_ARG_BOOL] = "boolean",  [QMP_ARG_ARRAY] = "array",
        [QMP_ARG_OBJECT] = "object", [QMP_ARG_NUMBER] = "number",
        [QMP_ARG_ANY] = "any",
    };

    return type < ARRAY_SIZE(names) && names[type] ? names[type] : "unknown";
}

JsonNode *qmp_node_from_object(JsonObject *obj)
{
    JsonNode *node = json_node_new(JSON_NODE_OBJECT);

    json_node_take_object(node, obj);
    return node;
}

JsonNode *qmp_node_from_array(JsonArray *arr)
{
    JsonNode *node = json_node_new(JSON_NODE_ARRAY);

    json_node_take_array(node, arr);
    return node;
}

/* The {} most commands return. */
JsonNode *qmp_empty_return(void)
{
    return qmp_node_from_object(json_object_new());
}

/* Every CPU, in composition-tree order (harts[0], harts[1], ...). */
static int collect_cpus(Object *obj, void *opaque)
{
    if (object_dynamic_cast(obj, TYPE_CPU)) {
        g_ptr_array_add(opaque, obj);
    }
    return object_child_foreach(obj, collect_cpus, opaque);
}

static GPtrArray *find_cpus(void)
{
    GPtrArray *cpus = g_ptr_array_new();

    collect_cpus(object_get_root(), cpus);
    return cpus;
}

int qmp_cpu_count(void)
{
    g_autoptr(GPtrArray) cpus = find_cpus();

    return cpus->len;
}

/* The commands */

JsonNode *qmp_capabilities(JsonObject *args, GError **errp)
{
    /* The session switches to command mode in qmp.c once this succeeds. */
    JsonArray *enable = json_object_has_member(args, "enable")
                            ? json_object_get_array_member(args, "enable")
                            : NULL;

    for (guint i = 0; enable && i < json_array_get_length(enable); i++) {
        JsonNode *cap = json_array_get_element(enable, i);

        if (!JSON_NODE_HOLDS_VALUE(cap) ||
            json_node_get_value_type(cap) != G_TYPE_STRING) {
            error_setg(errp,
                       "Invalid parameter type for 'enable[%u]', "
                       "expected: string",
                       i);
            return NULL;
        }
        if (strcmp(json_node_get_string(cap), "oob")) {
            /* QEMU 7.2 names the parameter 'null' here. */
            error_setg(errp, "Parameter 'null' does not accept value '%s'",
                       json_node_get_string(cap));
            return NULL;
        }
    }
    return qmp_empty_return();
}

JsonNode *qmp_query_version(JsonObject *args, GError **errp)
{
    return qmp_node_from_object(qmp_version_info());
}

JsonNode *qmp_query_status(JsonObject *args, GError **errp)
{
    JsonObject *info = json_object_new();

    json_object_set_string_member(info, "status",
                                  runstate_name(runstate_get()));
    json_object_set_boolean_member(info, "singlestep", false);
    json_object_set_boolean_member(info, "running", runstate_is_running());
    return qmp_node_from_object(info);
}

JsonNode *qmp_query_name(JsonObject *args, GError **errp)
{
    JsonObject *info = json_object_new();

    if (qemu_get_name()) {
        json_object_set_string_member(info, "name", qemu_get_name());
    }
    return qmp_node_from_object(info);
}

JsonNode *qmp_query_commands(JsonObject *args, GError **errp)
{
    JsonArray *list = json_array_new();
    size_t n;
    const QmpCommand *cmds = qmp_command_table(&n);

    for (size_t i = 0; i < n; i++) {
        JsonObject *info = json_object_new();

        json_object_set_string_member(info, "name", cmds[i].name);
        json_array_add_object_element(list, info);
    }
    return qmp_node_from_array(list);
}

JsonNode *qmp_query_machines(JsonObject *args, GError **errp)
{
    g_autoptr(GSList) classes = object_class_get_list(TYPE_MACHINE, false);
    JsonArray *list = json_array_new();

    for (GSList *l = classes; l; l = l->next) {
        MachineClass *mc = MACHINE_CLASS(l->data);
        JsonObject *info = json_object_new();
        g_autofree char *name = NULL;

        if (mc->name) {
            name = g_strdup(mc->name);
        } else {
            /* "foo-machine" -> "foo" */
            const char *type = object_class_get_name(l->data);

            name =
                g_strndup(type, g_str_has_suffix(type, TYPE_MACHINE_SUFFIX)
                                    ? strlen(type) - strlen(TYPE_MACHINE_SUFFIX)
                                    : strlen(type));
        }
        json_object_set_boolean_member(info, "hotpluggable-cpus", false);
        json_object_set_string_member(info, "name", name);
        json_object_set_boolean_member(info, "numa-mem-supported", false);
        if (mc->default_cpu_type) {
            json_object_set_string_member(info, "default-cpu-type",
                                          mc->default_cpu_type);
        }
        if (mc->is_default) {
            json_object_set_boolean_member(info, "is-default", true);
        }
        json_object_set_int_member(info, "cpu-max",
                                   mc->max_cpus ? mc->max_cpus : 1);
        json_object_set_boolean_member(info, "deprecated", false);
        json_array_add_object_element(list, info);
    }
    return qmp_node_from_array(list);
}

JsonNode *qmp_query_cpus_fast(JsonObject *args, GError **errp)
{
    g_autoptr(GPtrArray) cpus = find_cpus();
    JsonArray *list = json_array_new();

    for (guint i = 0; i < cpus->len; i++) {
        JsonObject *info = json_object_new();
        JsonObject *props = json_object_new();
        g_autofree char *path = object_get_canonical_path(cpus->pdata[i]);

        CPUState *cpu = CPU(cpus->pdata[i]);

        /* The vCPU's host thread; harts sharing the main loop's: its. */
        json_object_set_int_member(info, "thread-id",
                                   cpu->thread_id ? cpu->thread_id : getpid());
        json_object_set_int_member(props, "core-id", i);
        json_object_set_object_member(info, "props", props);
        json_object_set_string_member(info, "qom-path", path);
        json_object_set_int_member(info, "cpu-index", i);
        json_object_set_string_member(info, "target", target_name());
        json_array_add_object_element(list, info);
    }
    return qmp_node_from_array(list);
}

JsonNode *qmp_stop(JsonObject *args, GError **errp)
{
    vm_stop(RUN_STATE_PAUSED);
    return qmp_empty_return();
}

JsonNode *qmp_cont(JsonObject *args, GError **errp)
{
    RunState state = runstate_get();

    if (state == RUN_STATE_INTERNAL_ERROR || state == RUN_STATE_SHUTDOWN) {
        error_setg(errp, "Resetting the Virtual Machine is required");
        return NULL;
    }
    vm_start();
    return qmp_empty_return();
}

JsonNode *qmp_system_reset(JsonObject *args, GError **errp)
{
    qemu_system_reset_request(SHUTDOWN_CAUSE_HOST_QMP_SYSTEM_RESET);
    return qmp_empty_return();
}

JsonNode *qmp_system_powerdown(JsonObject *args, GError **errp)
{
    qemu_system_powerdown_request();
    return qmp_empty_return();
}

JsonNode *qmp_quit(JsonObject *args, GError **errp)
{
    /* The main loop exits after this reply has been written. */
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_QMP_QUIT);
    return qmp_empty_return();
}

JsonNode *qmp_human_monitor_command(JsonObject *args, GError **errp)
{
    g_autofree char *output = NULL;
    int cpu = 0; /* as QEMU's: a fresh monitor each time, on the first CPU */
    JsonNode *ret;

    if (json_object_has_member(args, "cpu-index")) {
        gint64 index = json_object_get_int_member(args, "cpu-index");

        if (index < 0 || index >= qmp_cpu_count()) {
            error_setg(errp, "Parameter 'cpu-index' expects a CPU number");
            return NULL;
        }
        cpu = index;
    }
    output = hmp_run_command(
        json_object_get_string_member(args, "command-line"), &cpu);
    ret = json_node_new(JSON_NODE_VALUE);
    json_node_set_string(ret, output);
    return ret;
}

JsonNode *qmp_balloon(JsonObject *args, GError **errp)
{
    if (!qemu_balloon_set(json_object_get_int_member(args, "value"), errp)) {
        return NULL;
    }
    return qmp_empty_return();
}

JsonNode *qmp_query_balloon(JsonObject *args, GError **errp)
{
    JsonObject *info;
    uint64_t actual;

    if (!qemu_balloon_query(&actual, errp)) {
        return NULL;
    }
    info = json_object_new();
    json_object_set_int_member(info, "actual", actual);
    return qmp_node_from_object(info);
}

JsonNode *qmp_set_link(JsonObject *args, GError **errp)
{
    if (!net_set_link(json_object_get_string_member(args, "name"),
                      json_object_get_boolean_member(args, "up"), errp)) {
        return NULL;
    }
    return qmp_empty_return();
}

const QmpCommand *qmp_command_table(size_t *n)
{
    *n = qmp_gen_command_count;
    return qmp_gen_commands;
}

const QmpCommand *qmp_command_find(const char *name)
{
    for (size_t i = 0; i < qmp_gen_command_count; i++) {
        if (!strcmp(qmp_gen_commands[i].name, name)) {
            return &qmp_gen_commands[i];
        }
    }
    return NULL;
}
