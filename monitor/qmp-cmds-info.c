/*
 * QMP queries libvirt makes when it probes a binary and starts a domain:
 * the schema, target, KVM state, UUID, chardevs, I/O threads, TPMs,
 * command-line options and migration capabilities. Each answers from the
 * state it describes (an empty list where this emulator has none of a
 * kind) so that what libvirt concludes is true of us.
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "monitor/qmp-cmds.h"
#include "monitor/qmp-commands.gen.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "sysemu/sysemu.h"
#include "sysemu/vl.h"
#include "sysemu/accel.h"

JsonNode *qmp_query_qmp_schema(JsonObject *args, GError **errp)
{
    g_autoptr(JsonParser) parser = json_parser_new();

    /* Generated text: a parse failure is our bug, not the client's. */
    g_assert(json_parser_load_from_data(parser, qmp_gen_schema_json, -1, NULL));
    return json_node_copy(json_parser_get_root(parser));
}

JsonNode *qmp_query_target(JsonObject *args, GError **errp)
{
    JsonObject *info = json_object_new();

    json_object_set_string_member(info, "arch", target_name());
    return qmp_node_from_object(info);
}

JsonNode *qmp_query_kvm(JsonObject *args, GError **errp)
{
    JsonObject *info = json_object_new();

    /* As QEMU: built into this binary ("present"), in use ("enabled"). */
    json_object_set_boolean_member(info, "enabled", kvm_enabled());
    json_object_set_boolean_member(info, "present", kvm_available());
    return qmp_node_from_object(info);
}

JsonNode *qmp_query_uuid(JsonObject *args, GError **errp)
{
    JsonObject *info = json_object_new();

    json_object_set_string_member(info, "UUID", qemu_uuid_string());
    return qmp_node_from_object(info);
}

/* No TPM device or backend exists in this emulator. */
JsonNode *qmp_query_tpm_models(JsonObject *args, GError **errp)
{
    return qmp_node_from_array(json_array_new());
}

JsonNode *qmp_query_tpm_types(JsonObject *args, GError **errp)
{
    return qmp_node_from_array(json_array_new());
}

/* -object iothread does not exist (yet): there are none to list. */
JsonNode *qmp_query_iothreads(JsonObject *args, GError **errp)
{
    return qmp_node_from_array(json_array_new());
}

/* The -add-fd sets (util/fdset.c). */
JsonNode *qmp_query_fdsets(JsonObject *args, GError **errp)
{
    return qmp_node_from_array(fdset_query());
}

static void add_chardev(Chardev *chr, void *opaque)
{
    JsonObject *info = json_object_new();

    json_object_set_string_member(info, "label", chr->label);
    json_object_set_string_member(info, "filename",
                                  chr->filename ? chr->filename : "");
    /* A frontend is attached and the channel is open. */
    json_object_set_boolean_member(info, "frontend-open",
                                   chr->be && chr->be_open);
    json_array_add_object_element(opaque, info);
}

JsonNode *qmp_query_chardev(JsonObject *args, GError **errp)
{
    JsonArray *arr = json_array_new();

    qemu_chr_foreach(add_chardev, arr);
    return qmp_node_from_array(arr);
}

/*
 * Migration is not implemented; the one capability we list, "events"
 * (MIGRATION events), can be switched on and off truthfully because no
 * migration ever runs to send one.
 */
static bool migrate_events;

JsonNode *qmp_query_migrate_capabilities(JsonObject *args, GError **errp)
{
    JsonArray *arr = json_array_new();
    JsonObject *cap = json_object_new();

    json_object_set_string_member(cap, "capability", "events");
    json_object_set_boolean_member(cap, "state", migrate_events);
    json_array_add_object_element(arr, cap);
    return qmp_node_from_array(arr);
}

JsonNode *qmp_migrate_set_capabilities(JsonObject *args, GError **errp)
{
    JsonArray *caps = json_object_get_array_member(args, "capabilities");
    guint n = json_array_get_length(caps);
    bool events = migrate_events;

    for (guint i = 0; i < n; i++) {
        JsonNode *node = json_array_get_element(caps, i);
        JsonObject *cap;
        JsonNode *name, *state;

        cap = JSON_NODE_HOLDS_OBJECT(node) ? json_node_get_object(node) : NULL;
        name = cap ? json_object_get_member(cap, "capability") : NULL;
        state = cap ? json_object_get_member(cap, "state") : NULL;
        if (!name || !state || !JSON_NODE_HOLDS_VALUE(name) ||
            json_node_get_value_type(name) != G_TYPE_STRING ||
            !JSON_NODE_HOLDS_VALUE(state) ||
            json_node_get_value_type(state) != G_TYPE_BOOLEAN) {
            error_setg(errp,
                       "Invalid parameter type for 'capabilities[%u]', "
                       "expected: MigrationCapabilityStatus",
                       i);
            return NULL;
        }
        if (strcmp(json_node_get_string(name), "events")) {
            error_setg(errp,
                       "Parameter 'capability' does not accept value '%s'",
                       json_node_get_string(name));
            return NULL;
        }
        events = json_node_get_boolean(state);
    }
    migrate_events = events; /* all or nothing */
    return qmp_empty_return();
}

static const char *const opt_type_names[] = {
    [QEMU_OPT_STRING] = "string",
    [QEMU_OPT_BOOL] = "boolean",
    [QEMU_OPT_NUMBER] = "number",
    [QEMU_OPT_SIZE] = "size",
};

static JsonObject *option_info(const CmdlineOptList *l)
{
    JsonObject *info = json_object_new();
    JsonArray *params = json_array_new();

    for (const QemuOptDesc *d = l->desc; d && d->name; d++) {
        JsonObject *p = json_object_new();

        json_object_set_string_member(p, "name", d->name);
        json_object_set_string_member(p, "type", opt_type_names[d->type]);
        json_array_add_object_element(params, p);
    }
    json_object_set_array_member(info, "parameters", params);
    json_object_set_string_member(info, "option", l->name);
    return info;
}

JsonNode *qmp_query_command_line_options(JsonObject *args, GError **errp)
{
    const char *only = json_object_has_member(args, "option")
                           ? json_object_get_string_member(args, "option")
                           : NULL;
    JsonArray *arr = json_array_new();
    size_t n;
    const CmdlineOptList *lists = qemu_cmdline_opt_lists(&n);

    for (size_t i = 0; i < n; i++) {
        if (!only || !strcmp(only, lists[i].name)) {
            json_array_add_object_element(arr, option_info(&lists[i]));
        }
    }
    if (only && !json_array_get_length(arr)) {
        json_array_unref(arr);
        error_setg(errp, "invalid option name: %s", only);
        return NULL;
    }
    return qmp_node_from_array(arr);
}
