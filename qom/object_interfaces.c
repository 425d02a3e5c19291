/*
 * User-creatable objects (-object).
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qom/object_interfaces.h"

Object *object_get_objects_root(void)
{
    return container_get(object_get_root(), "/objects");
}

Object *user_creatable_add(const char *typename, const char *id,
                           GHashTable *props, GError **errp)
{
    ObjectClass *oc = object_class_by_name(typename);
    UserCreatableClass *ucc;
    GHashTableIter iter;
    gpointer key, value;
    g_autofree char *path = g_strdup_printf("/objects/%s", id ? id : "");
    Object *obj;

    if (!oc || !object_class_dynamic_cast(oc, TYPE_USER_CREATABLE) ||
        object_class_is_abstract(oc)) {
        error_setg(errp, "invalid object type: %s", typename);
        return NULL;
    }
    if (!id) {
        error_setg(errp, "Parameter 'id' is missing");
        return NULL;
    }
    if (!id_wellformed(id)) {
        error_setg(errp, "Parameter 'id' expects an identifier");
        return NULL;
    }
    if (object_resolve_path(path, NULL)) {
        error_setg(errp,
                   "attempt to add duplicate property '%s' to object "
                   "(type 'container')",
                   id);
        return NULL;
    }
    obj = object_new(typename);
    if (props) {
        g_hash_table_iter_init(&iter, props);
        while (g_hash_table_iter_next(&iter, &key, &value)) {
            if (!object_property_parse(obj, key, value, errp)) {
                object_unref(obj);
                return NULL;
            }
        }
    }
    ucc = USER_CREATABLE_CLASS(oc);
    if (ucc->complete && !ucc->complete(obj, errp)) {
        object_unref(obj);
        return NULL;
    }
    object_property_add_child(object_get_objects_root(), id, obj);
    object_unref(obj);
    return obj;
}

static const TypeInfo user_creatable_info = {
    .name = TYPE_USER_CREATABLE,
    .parent = TYPE_OBJECT,
    .abstract = true,
    .class_size = sizeof(UserCreatableClass),
};

static void user_creatable_register_types(void)
{
    type_register_static(&user_creatable_info);
}

type_init(user_creatable_register_types)
