/*
 * QMP's view of the object model: qom-list-types, qom-list, qom-get,
 * qom-list-properties and device-list-properties. Everything comes from
 * the type registry and the per-class property tables (qom/object.c), so
 * a new device or property shows up here without being listed twice.
 */
#include "qemu/osdep.h"
#include "monitor/qmp-cmds.h"
#include "monitor/qmp-commands.gen.h"
#include "hw/qdev-core.h"
#include "qapi/error.h"

/*
 * QEMU's type names: "link<TYPE>" for links; device properties by their
 * C type ("str", "uint32"), other objects' by their JSON one ("string",
 * "int"), as QEMU's two property layers name them.
 */
static char *prop_type_text(const Property *prop, bool device)
{
    if (prop->type == PROP_TYPE_LINK) {
        return g_strdup_printf("link<%s>",
                               prop->link_type ? prop->link_type : "object");
    }
    if (!device && prop->type != PROP_TYPE_BOOL) {
        bool str =
            prop->type == PROP_TYPE_STRING || prop->type == PROP_TYPE_CHR;

        return g_strdup(str ? "string" : "int");
    }
    return g_strdup(property_type_name(prop));
}

typedef struct PropList {
    JsonArray *arr;
    bool device;
} PropList;

static JsonObject *prop_info(const char *name, const char *type)
{
    JsonObject *info = json_object_new();

    json_object_set_string_member(info, "name", name);
    json_object_set_string_member(info, "type", type);
    return info;
}

/* The default a class gives a property, as JSON (none for links, chardevs). */
static void set_default(JsonObject *info, const Property *prop)
{
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        json_object_set_boolean_member(info, "default-value", prop->defval);
        break;
    case PROP_TYPE_INT32:
    case PROP_TYPE_INT64:
        json_object_set_int_member(info, "default-value",
                                   (int64_t)prop->defval);
        break;
    case PROP_TYPE_STRING:
        if (prop->defstr) {
            json_object_set_string_member(info, "default-value", prop->defstr);
        }
        break;
    case PROP_TYPE_LINK:
    case PROP_TYPE_CHR:
        break;
    default:
        if (prop->defval <= INT64_MAX) {
            json_object_set_int_member(info, "default-value", prop->defval);
        } else {
            json_object_set_double_member(info, "default-value",
                                          (double)prop->defval);
        }
        break;
    }
}

static void add_class_prop(const Property *prop, void *opaque)
{
    PropList *l = opaque;
    g_autofree char *type = prop_type_text(prop, l->device);
    JsonObject *info = prop_info(prop->name, type);

    if (prop->desc) {
        json_object_set_string_member(info, "description", prop->desc);
    }
    set_default(info, prop);
    json_array_add_object_element(l->arr, info);
}

JsonNode *qmp_qom_list_types(JsonObject *args, GError **errp)
{
    const char *implements =
        json_object_has_member(args, "implements")
            ? json_object_get_string_member(args, "implements")
            : TYPE_OBJECT;
    bool abstract = json_object_has_member(args, "abstract") &&
                    json_object_get_boolean_member(args, "abstract");
    g_autoptr(GSList) list = object_class_get_list(implements, abstract);
    JsonArray *arr = json_array_new();

    for (GSList *l = list; l; l = l->next) {
        ObjectClass *parent = object_class_get_parent(l->data);
        JsonObject *info = json_object_new();

        json_object_set_string_member(info, "name",
                                      object_class_get_name(l->data));
        if (object_class_is_abstract(l->data)) {
            json_object_set_boolean_member(info, "abstract", true);
        }
        if (parent) {
            json_object_set_string_member(info, "parent",
                                          object_class_get_name(parent));
        }
        json_array_add_object_element(arr, info);
    }
    return qmp_node_from_array(arr);
}

static ObjectClass *find_class(JsonObject *args, const char *parent,
                               GError **errp)
{
    const char *name = json_object_get_string_member(args, "typename");
    ObjectClass *oc = object_class_by_name(name);

    if (!oc) {
        error_set_class(errp, QEMU_ERROR_DEVICE_NOT_FOUND,
                        "The device type '%s' could not be found", name);
        return NULL;
    }
    if (!object_class_dynamic_cast(oc, parent)) {
        error_setg(errp, "Parameter 'typename' expects %s",
                   !strcmp(parent, TYPE_DEVICE) ? "device type" : "object");
        return NULL;
    }
    if (object_class_is_abstract(oc)) {
        error_setg(errp, "Parameter 'typename' expects a non-abstract type");
        return NULL;
    }
    return oc;
}

static JsonNode *class_props(JsonObject *args, const char *parent,
                             GError **errp)
{
    ObjectClass *oc = find_class(args, parent, errp);
    PropList l;

    if (!oc) {
        return NULL;
    }
    l.arr = json_array_new();
    l.device = object_class_dynamic_cast(oc, TYPE_DEVICE) != NULL;
    /* Every object has its type name; devices list only their own. */
    if (!l.device) {
        json_array_add_object_element(l.arr, prop_info("type", "string"));
    }
    object_class_foreach_prop(oc, add_class_prop, &l);
    return qmp_node_from_array(l.arr);
}

JsonNode *qmp_qom_list_properties(JsonObject *args, GError **errp)
{
    return class_props(args, TYPE_OBJECT, errp);
}

JsonNode *qmp_device_list_properties(JsonObject *args, GError **errp)
{
    return class_props(args, TYPE_DEVICE, errp);
}

static Object *find_object(JsonObject *args, GError **errp)
{
    const char *path = json_object_get_string_member(args, "path");
    bool ambiguous = false;
    Object *obj = object_resolve_path(path, &ambiguous);

    if (!obj) {
        if (ambiguous) {
            error_setg(errp, "Path '%s' is ambiguous", path);
        } else {
            error_set_class(errp, QEMU_ERROR_DEVICE_NOT_FOUND,
                            "Device '%s' not found", path);
        }
    }
    return obj;
}

static int add_child(Object *child, void *opaque)
{
    g_autofree char *type =
        g_strdup_printf("child<%s>", object_get_typename(child));

    json_array_add_object_element(opaque, prop_info(child->name, type));
    return 0;
}

static void add_obj_prop(const Property *prop, void *opaque)
{
    PropList *l = opaque;
    g_autofree char *type = prop_type_text(prop, l->device);

    json_array_add_object_element(l->arr, prop_info(prop->name, type));
}

static bool qdev_is_realized(DeviceState *dev)
{
    return dev->realized;
}

/* Nothing here is hot-plugged or hot-pluggable (no device_add yet). */
static bool qdev_false(DeviceState *dev)
{
    (void)dev;
    return false;
}

/*
 * Every device's state flags, read-only here (QEMU also lets a client set
 * "realized"; nothing of ours needs that and it would bypass -device's
 * checks). libvirt and scripts read them with qom-get.
 */
static const struct {
    const char *name;
    bool (*get)(DeviceState *dev);
} device_flags[] = {
    { "realized", qdev_is_realized },
    { "hotplugged", qdev_false },
    { "hotpluggable", qdev_false },
};

JsonNode *qmp_qom_list(JsonObject *args, GError **errp)
{
    Object *obj = find_object(args, errp);
    PropList l;

    if (!obj) {
        return NULL;
    }
    l.arr = json_array_new();
    l.device = object_dynamic_cast(obj, TYPE_DEVICE) != NULL;
    json_array_add_object_element(l.arr, prop_info("type", "string"));
    object_child_foreach(obj, add_child, l.arr);
    object_class_foreach_prop(object_get_class(obj), add_obj_prop, &l);
    for (guint i = 0; l.device && i < G_N_ELEMENTS(device_flags); i++) {
        json_array_add_object_element(l.arr,
                                      prop_info(device_flags[i].name, "bool"));
    }
    return qmp_node_from_array(l.arr);
}

/* A property's current value as the JSON type its kind has. */
static JsonNode *prop_value(Object *obj, const Property *prop)
{
    g_autofree char *text = object_property_print(obj, prop);
    JsonNode *node = json_node_new(JSON_NODE_VALUE);
    guint64 u;

    switch (prop->type) {
    case PROP_TYPE_BOOL:
        json_node_set_boolean(node, !strcmp(text, "true"));
        break;
    case PROP_TYPE_STRING:
    case PROP_TYPE_LINK:
    case PROP_TYPE_CHR:
        json_node_set_string(node, text);
        break;
    case PROP_TYPE_INT32:
    case PROP_TYPE_INT64:
        json_node_set_int(node, g_ascii_strtoll(text, NULL, 0));
        break;
    default:
        u = g_ascii_strtoull(text, NULL, 0);
        if (u <= INT64_MAX) {
            json_node_set_int(node, u);
        } else {
            json_node_set_double(node, (double)u); /* as QEMU prints them */
        }
        break;
    }
    return node;
}

JsonNode *qmp_qom_get(JsonObject *args, GError **errp)
{
    Object *obj = find_object(args, errp);
    const char *name = json_object_get_string_member(args, "property");
    const Property *prop;
    JsonNode *node;

    if (!obj) {
        return NULL;
    }
    if (!strcmp(name, "type")) {
        node = json_node_new(JSON_NODE_VALUE);
        json_node_set_string(node, object_get_typename(obj));
        return node;
    }
    for (guint i = 0; object_dynamic_cast(obj, TYPE_DEVICE) &&
                      i < G_N_ELEMENTS(device_flags);
         i++) {
        if (!strcmp(name, device_flags[i].name)) {
            node = json_node_new(JSON_NODE_VALUE);
            json_node_set_boolean(node, device_flags[i].get(DEVICE(obj)));
            return node;
        }
    }
    prop = object_class_find_prop(object_get_class(obj), name);
    if (!prop) {
        error_setg(errp, "Property '%s.%s' not found", object_get_typename(obj),
                   name);
        return NULL;
    }
    return prop_value(obj, prop);
}
