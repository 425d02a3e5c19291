/*
 * JSON syntax for -object, -device and -blockdev (what libvirt passes):
 * a JSON object (nested ones as dotted keys) becomes the key=value text the
 * option parsers already read, with ',' in values doubled as ",,".
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include <json-glib/json-glib.h>

static bool append_members(GString *out, const char *prefix, JsonObject *obj,
                           GError **errp);

static bool append_value(GString *out, const char *key, JsonNode *v,
                         GError **errp)
{
    if (JSON_NODE_HOLDS_OBJECT(v)) {
        /* {"cache": {"direct": true}} is cache.direct=on, as in QEMU. */
        return append_members(out, key, json_node_get_object(v), errp);
    }
    if (!JSON_NODE_HOLDS_VALUE(v)) {
        error_setg(errp, "Parameter '%s': only scalar values are supported",
                   key);
        return false;
    }
    g_string_append_printf(out, "%s%s=", out->len ? "," : "", key);
    switch (json_node_get_value_type(v)) {
    case G_TYPE_STRING:
        for (const char *p = json_node_get_string(v); *p; p++) {
            g_string_append(out, *p == ',' ? ",," : (char[2]){ *p, 0 });
        }
        break;
    case G_TYPE_INT64:
        g_string_append_printf(out, "%" G_GINT64_FORMAT, json_node_get_int(v));
        break;
    case G_TYPE_BOOLEAN:
        g_string_append(out, json_node_get_boolean(v) ? "on" : "off");
        break;
    default:
        error_setg(errp,
                   "Parameter '%s': only strings, integers and "
                   "booleans are supported",
                   key);
        return false;
    }
    return true;
}

static bool append_members(GString *out, const char *prefix, JsonObject *obj,
                           GError **errp)
{
    g_autoptr(GList) members = json_object_get_members(obj);

    for (GList *l = members; l; l = l->next) {
        const char *name = l->data;
        g_autofree char *key =
            prefix ? g_strdup_printf("%s.%s", prefix, name) : g_strdup(name);

        if (strchr(name, ',') || strchr(name, '=') || !*name) {
            error_setg(errp, "Invalid parameter '%s'", key);
            return false;
        }
        if (!append_value(out, key, json_object_get_member(obj, name), errp)) {
            return false;
        }
    }
    return true;
}

char *qemu_opts_from_json(const char *text, GError **errp)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) out = g_string_new("");
    JsonNode *root;
    JsonObject *obj;

    if (!json_parser_load_from_data(parser, text, -1, &err)) {
        error_setg(errp, "JSON parse error, %s", err->message);
        return NULL;
    }
    root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        error_setg(errp, "JSON option must be an object");
        return NULL;
    }
    obj = json_node_get_object(root);
    if (!append_members(out, NULL, obj, errp)) {
        return NULL;
    }
    return g_strdup(out->str);
}
