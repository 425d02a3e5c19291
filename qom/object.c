/*
 * The object model: type registry, classes, instances, the composition
 * tree and property tables.
 */
#include "qemu/osdep.h"
#include "qom/object.h"

struct TypeImpl {
    TypeInfo info;
    struct TypeImpl *parent_type;
    ObjectClass *klass;
    size_t class_size;
    size_t instance_size;
    GPtrArray *prop_tables; /* const Property * arrays of this type */
};

typedef struct GlobalProp {
    char *driver;
    char *prop;
    char *value;
} GlobalProp;

static GHashTable *type_table;
static GPtrArray *global_props;
static PropChrSetter chr_setter;
static PropChrPrinter chr_printer;

static GHashTable *type_table_get(void)
{
    if (!type_table) {
        type_table = g_hash_table_new(g_str_hash, g_str_equal);
    }
    return type_table;
}

Type type_register_static(const TypeInfo *info)
{
    struct TypeImpl *ti = g_new0(struct TypeImpl, 1);

    g_assert(info->name);
    g_assert(!g_hash_table_lookup(type_table_get(), info->name));
    ti->info = *info;
    ti->prop_tables = g_ptr_array_new();
    g_hash_table_insert(type_table_get(), (gpointer)info->name, ti);
    return ti;
}

void type_register_static_array(const TypeInfo *infos, int n)
{
    for (int i = 0; i < n; i++) {
        type_register_static(&infos[i]);
    }
}

static Type type_get_by_name(const char *name)
{
    return name ? g_hash_table_lookup(type_table_get(), name) : NULL;
}

static void type_initialize(Type ti)
{
    Type parent;

    if (ti->klass) {
        return;
    }
    parent = type_get_by_name(ti->info.parent);
    g_assert(parent || !ti->info.parent);
    ti->parent_type = parent;
    if (parent) {
        type_initialize(parent);
    }
    ti->class_size = ti->info.class_size ? ti->info.class_size
                     : parent            ? parent->class_size
                                         : sizeof(ObjectClass);
    ti->instance_size = ti->info.instance_size ? ti->info.instance_size
                        : parent               ? parent->instance_size
                                               : sizeof(Object);
    ti->klass = g_malloc0(ti->class_size);
    if (parent) {
        g_assert(ti->class_size >= parent->class_size);
        memcpy(ti->klass, parent->klass, parent->class_size);
    }
    ti->klass->type = ti;
    if (ti->info.class_init) {
        ti->info.class_init(ti->klass, ti->info.class_data);
    }
}

static bool type_is_ancestor(Type type, Type target)
{
    for (; type; type = type->parent_type) {
        if (type == target) {
            return true;
        }
    }
    return false;
}

ObjectClass *object_class_by_name(const char *typename)
{
    Type ti = type_get_by_name(typename);

    if (!ti) {
        return NULL;
    }
    type_initialize(ti);
    return ti->klass;
}

ObjectClass *object_get_class(Object *obj)
{
    return obj->klass;
}

const char *object_class_get_name(ObjectClass *klass)
{
    return klass->type->info.name;
}

const char *object_get_typename(Object *obj)
{
    return object_class_get_name(obj->klass);
}

ObjectClass *object_class_get_parent(ObjectClass *klass)
{
    Type parent = klass->type->parent_type;

    return parent ? parent->klass : NULL;
}

bool object_class_is_abstract(ObjectClass *klass)
{
    return klass->type->info.abstract;
}

ObjectClass *object_class_dynamic_cast(ObjectClass *klass, const char *typename)
{
    Type target;

    /*
     * Most casts name the object's own type (a device's read/write on
     * every access): the same name string, or an equal one, needs no
     * hash-table lookup.
     */
    if (klass && (klass->type->info.name == typename ||
                  !strcmp(klass->type->info.name, typename))) {
        return klass;
    }
    target = type_get_by_name(typename);
    if (!klass || !target) {
        return NULL;
    }
    return type_is_ancestor(klass->type, target) ? klass : NULL;
}

ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line)
{
    ObjectClass *ret = object_class_dynamic_cast(klass, typename);

    if (!ret && klass) {
        g_error("%s:%d: class %s is not a %s", file, line,
                object_class_get_name(klass), typename);
    }
    return ret;
}

Object *object_dynamic_cast(Object *obj, const char *typename)
{
    if (obj && object_class_dynamic_cast(obj->klass, typename)) {
        return obj;
    }
    return NULL;
}

Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line)
{
    if (obj && !object_dynamic_cast(obj, typename)) {
        g_error("%s:%d: object %s is not a %s", file, line,
                object_get_typename(obj), typename);
    }
    return obj;
}

static gint class_name_cmp(gconstpointer a, gconstpointer b)
{
    return strcmp(object_class_get_name((ObjectClass *)a),
                  object_class_get_name((ObjectClass *)b));
}

GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract)
{
    GHashTableIter iter;
    gpointer value;
    GSList *list = NULL;

    g_hash_table_iter_init(&iter, type_table_get());
    while (g_hash_table_iter_next(&iter, NULL, &value)) {
        Type ti = value;

        type_initialize(ti);
        if (!include_abstract && ti->info.abstract) {
            continue;
        }
        if (implements_type &&
            !object_class_dynamic_cast(ti->klass, implements_type)) {
            continue;
        }
        list = g_slist_prepend(list, ti->klass);
    }
    return g_slist_sort(list, class_name_cmp);
}

/* Properties */

void object_class_add_props(ObjectClass *klass, const Property *props)
{
    g_ptr_array_add(klass->type->prop_tables, (gpointer)props);
}

static void type_foreach_prop(Type ti,
                              void (*fn)(const Property *prop, void *opaque),
                              void *opaque)
{
    if (!ti) {
        return;
    }
    type_foreach_prop(ti->parent_type, fn, opaque);
    for (guint i = 0; i < ti->prop_tables->len; i++) {
        for (const Property *p = ti->prop_tables->pdata[i]; p->name; p++) {
            fn(p, opaque);
        }
    }
}

void object_class_foreach_prop(ObjectClass *klass,
                               void (*fn)(const Property *prop, void *opaque),
                               void *opaque)
{
    type_foreach_prop(klass->type, fn, opaque);
}

const Property *object_class_find_prop(ObjectClass *klass, const char *name)
{
    for (Type ti = klass->type; ti; ti = ti->parent_type) {
        for (guint i = 0; i < ti->prop_tables->len; i++) {
            for (const Property *p = ti->prop_tables->pdata[i]; p->name; p++) {
                if (!strcmp(p->name, name)) {
                    return p;
                }
            }
        }
    }
    return NULL;
}

const char *property_type_name(const Property *prop)
{
    static const char *const names[] = {
        [PROP_TYPE_BOOL] = "bool",     [PROP_TYPE_UINT8] = "uint8",
        [PROP_TYPE_UINT16] = "uint16", [PROP_TYPE_UINT32] = "uint32",
        [PROP_TYPE_UINT64] = "uint64", [PROP_TYPE_INT32] = "int32",
        [PROP_TYPE_INT64] = "int64",   [PROP_TYPE_SIZE] = "size",
        [PROP_TYPE_STRING] = "str",    [PROP_TYPE_LINK] = "link",
        [PROP_TYPE_CHR] = "str",
    };
    return names[prop->type];
}

static void *prop_ptr(Object *obj, const Property *prop)
{
    return (char *)obj + prop->offset;
}

static uint64_t prop_uint_max(const Property *prop)
{
    switch (prop->type) {
    case PROP_TYPE_UINT8:
        return UINT8_MAX;
    case PROP_TYPE_UINT16:
        return UINT16_MAX;
    case PROP_TYPE_UINT32:
        return UINT32_MAX;
    default:
        return UINT64_MAX;
    }
}

/* Store an integer into the field, with the range already checked. */
static void prop_store_int(Object *obj, const Property *prop, uint64_t v)
{
    void *p = prop_ptr(obj, prop);

    switch (prop->type) {
    case PROP_TYPE_BOOL:
        *(bool *)p = v != 0;
        break;
    case PROP_TYPE_UINT8:
        *(uint8_t *)p = v;
        break;
    case PROP_TYPE_UINT16:
        *(uint16_t *)p = v;
        break;
    case PROP_TYPE_UINT32:
        *(uint32_t *)p = v;
        break;
    case PROP_TYPE_INT32:
        *(int32_t *)p = (int32_t)v;
        break;
    case PROP_TYPE_UINT64:
    case PROP_TYPE_INT64:
    case PROP_TYPE_SIZE:
        *(uint64_t *)p = v;
        break;
    default:
        g_assert_not_reached();
    }
}

static uint64_t prop_load_int(Object *obj, const Property *prop)
{
    void *p = prop_ptr(obj, prop);

    switch (prop->type) {
    case PROP_TYPE_BOOL:
        return *(bool *)p;
    case PROP_TYPE_UINT8:
        return *(uint8_t *)p;
    case PROP_TYPE_UINT16:
        return *(uint16_t *)p;
    case PROP_TYPE_UINT32:
        return *(uint32_t *)p;
    case PROP_TYPE_INT32:
        return (uint64_t)(int64_t) * (int32_t *)p;
    case PROP_TYPE_UINT64:
    case PROP_TYPE_INT64:
    case PROP_TYPE_SIZE:
        return *(uint64_t *)p;
    default:
        g_assert_not_reached();
    }
}

static bool parse_bool(const char *s, bool *out)
{
    if (!strcmp(s, "on") || !strcmp(s, "yes") || !strcmp(s, "true")) {
        *out = true;
        return true;
    }
    if (!strcmp(s, "off") || !strcmp(s, "no") || !strcmp(s, "false")) {
        *out = false;
        return true;
    }
    return false;
}

static const Property *find_prop_or_error(Object *obj, const char *name,
                                          GError **errp)
{
    const Property *prop = object_class_find_prop(obj->klass, name);

    if (!prop) {
        error_setg(errp, "Property '%s.%s' not found", object_get_typename(obj),
                   name);
    }
    return prop;
}

static bool prop_set_link(Object *obj, const Property *prop, Object *target,
                          GError **errp)
{
    Object **p = prop_ptr(obj, prop);

    if (target && prop->link_type &&
        !object_dynamic_cast(target, prop->link_type)) {
        error_setg(errp, "Property '%s' expects an object of type '%s'",
                   prop->name, prop->link_type);
        return false;
    }
    if (target) {
        object_ref(target);
    }
    if (*p) {
        object_unref(*p);
    }
    *p = target;
    return true;
}

static bool parse_integer_prop(Object *obj, const Property *prop,
                               const char *value, GError **errp)
{
    uint64_t v;
    gint64 sv;

    switch (prop->type) {
    case PROP_TYPE_SIZE:
        if (!qemu_strtosz(value, &v)) {
            error_setg(errp, "Parameter '%s' expects a size", prop->name);
            return false;
        }
        break;
    case PROP_TYPE_INT32:
    case PROP_TYPE_INT64: {
        int64_t lo = prop->type == PROP_TYPE_INT32 ? INT32_MIN : INT64_MIN;
        int64_t hi = prop->type == PROP_TYPE_INT32 ? INT32_MAX : INT64_MAX;

        char *end;

        errno = 0;
        sv = g_ascii_strtoll(value, &end, 0);
        if (!*value || *end || errno || sv < lo || sv > hi) {
            error_setg(errp, "Parameter '%s' expects %s", prop->name,
                       property_type_name(prop));
            return false;
        }
        v = (uint64_t)sv;
        break;
    }
    default:
        if (!qemu_strtou64(value, &v) || v > prop_uint_max(prop)) {
            error_setg(errp, "Parameter '%s' expects %s", prop->name,
                       property_type_name(prop));
            return false;
        }
        break;
    }
    prop_store_int(obj, prop, v);
    return true;
}

bool object_property_parse(Object *obj, const char *name, const char *value,
                           GError **errp)
{
    const Property *prop = find_prop_or_error(obj, name, errp);
    bool b;

    if (!prop) {
        return false;
    }
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        if (!parse_bool(value, &b)) {
            error_setg(errp, "Parameter '%s' expects 'on' or 'off'", name);
            return false;
        }
        prop_store_int(obj, prop, b);
        return true;
    case PROP_TYPE_STRING: {
        char **p = prop_ptr(obj, prop);

        g_free(*p);
        *p = g_strdup(value);
        return true;
    }
    case PROP_TYPE_LINK: {
        Object *target = object_resolve_path(value, NULL);

        if (!target) {
            g_autofree char *path = g_strdup_printf("/objects/%s", value);
            target = object_resolve_path(path, NULL);
        }
        if (!target) {
            error_setg(errp, "Device '%s' not found", value);
            return false;
        }
        return prop_set_link(obj, prop, target, errp);
    }
    case PROP_TYPE_CHR:
        g_assert(chr_setter);
        return chr_setter(prop_ptr(obj, prop), value, errp);
    default:
        return parse_integer_prop(obj, prop, value, errp);
    }
}

char *object_property_print(Object *obj, const Property *prop)
{
    uint64_t v;

    switch (prop->type) {
    case PROP_TYPE_BOOL:
        return g_strdup(prop_load_int(obj, prop) ? "true" : "false");
    case PROP_TYPE_STRING: {
        char **p = prop_ptr(obj, prop);
        return g_strdup(*p ? *p : "");
    }
    case PROP_TYPE_LINK: {
        Object **p = prop_ptr(obj, prop);
        return *p ? object_get_canonical_path(*p) : g_strdup("");
    }
    case PROP_TYPE_CHR:
        return chr_printer ? chr_printer(prop_ptr(obj, prop)) : g_strdup("");
    case PROP_TYPE_INT32:
    case PROP_TYPE_INT64:
        v = prop_load_int(obj, prop);
        return g_strdup_printf("%" PRId64, (int64_t)v);
    default:
        v = prop_load_int(obj, prop);
        return g_strdup_printf("%" PRIu64, v);
    }
}

static const Property *find_typed_prop(Object *obj, const char *name,
                                       bool (*ok)(PropertyType t),
                                       GError **errp)
{
    const Property *prop = find_prop_or_error(obj, name, errp);

    if (prop && !ok(prop->type)) {
        error_setg(errp, "Property '%s' has type '%s'", name,
                   property_type_name(prop));
        return NULL;
    }
    return prop;
}

static bool is_bool(PropertyType t)
{
    return t == PROP_TYPE_BOOL;
}

static bool is_int(PropertyType t)
{
    return t >= PROP_TYPE_UINT8 && t <= PROP_TYPE_SIZE;
}

static bool is_str(PropertyType t)
{
    return t == PROP_TYPE_STRING;
}

static bool is_link(PropertyType t)
{
    return t == PROP_TYPE_LINK;
}

bool object_property_set_bool(Object *obj, const char *name, bool v,
                              GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_bool, errp);

    if (prop) {
        prop_store_int(obj, prop, v);
    }
    return prop != NULL;
}

bool object_property_set_uint(Object *obj, const char *name, uint64_t v,
                              GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_int, errp);

    if (!prop) {
        return false;
    }
    if (prop->type != PROP_TYPE_INT32 && prop->type != PROP_TYPE_INT64 &&
        v > prop_uint_max(prop)) {
        error_setg(errp, "Property '%s' value %" PRIu64 " out of range", name,
                   v);
        return false;
    }
    prop_store_int(obj, prop, v);
    return true;
}

bool object_property_set_int(Object *obj, const char *name, int64_t v,
                             GError **errp)
{
    return object_property_set_uint(obj, name, (uint64_t)v, errp);
}

bool object_property_set_str(Object *obj, const char *name, const char *v,
                             GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_str, errp);
    char **p;

    if (!prop) {
        return false;
    }
    p = prop_ptr(obj, prop);
    g_free(*p);
    *p = g_strdup(v);
    return true;
}

bool object_property_set_link(Object *obj, const char *name, Object *v,
                              GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_link, errp);

    return prop && prop_set_link(obj, prop, v, errp);
}

uint64_t object_property_get_uint(Object *obj, const char *name, GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_int, errp);

    return prop ? prop_load_int(obj, prop) : 0;
}

bool object_property_get_bool(Object *obj, const char *name, GError **errp)
{
    const Property *prop = find_typed_prop(obj, name, is_bool, errp);

    return prop ? prop_load_int(obj, prop) : false;
}

char *object_property_get_str(Object *obj, const char *name, GError **errp)
{
    const Property *prop = find_prop_or_error(obj, name, errp);

    return prop ? object_property_print(obj, prop) : NULL;
}

void object_set_chr_prop_hooks(PropChrSetter set, PropChrPrinter print)
{
    chr_setter = set;
    chr_printer = print;
}

/* Globals */

bool object_register_global_prop(const char *driver, const char *prop,
                                 const char *value, GError **errp)
{
    ObjectClass *oc = object_class_by_name(driver);
    GlobalProp *g;

    if (!oc) {
        error_setg(errp, "'%s' is not a valid device model name", driver);
        return false;
    }
    if (!object_class_find_prop(oc, prop)) {
        error_setg(errp, "Property '%s.%s' not found", driver, prop);
        return false;
    }
    if (!global_props) {
        global_props = g_ptr_array_new();
    }
    g = g_new0(GlobalProp, 1);
    g->driver = g_strdup(driver);
    g->prop = g_strdup(prop);
    g->value = g_strdup(value);
    g_ptr_array_add(global_props, g);
    return true;
}

bool object_apply_global_props(Object *obj, GError **errp)
{
    if (!global_props) {
        return true;
    }
    for (guint i = 0; i < global_props->len; i++) {
        GlobalProp *g = global_props->pdata[i];

        if (!object_dynamic_cast(obj, g->driver)) {
            continue;
        }
        if (!object_property_parse(obj, g->prop, g->value, errp)) {
            error_prepend(errp, "can't apply global %s.%s=%s: ", g->driver,
                          g->prop, g->value);
            return false;
        }
    }
    return true;
}

static void set_default(const Property *prop, void *opaque)
{
    Object *obj = opaque;

    switch (prop->type) {
    case PROP_TYPE_STRING:
        *(char **)prop_ptr(obj, prop) = g_strdup(prop->defstr);
        break;
    case PROP_TYPE_LINK:
    case PROP_TYPE_CHR:
        break;
    default:
        prop_store_int(obj, prop, prop->defval);
        break;
    }
}

static void free_prop(const Property *prop, void *opaque)
{
    Object *obj = opaque;

    if (prop->type == PROP_TYPE_STRING) {
        char **p = prop_ptr(obj, prop);
        g_free(*p);
        *p = NULL;
    } else if (prop->type == PROP_TYPE_LINK) {
        prop_set_link(obj, prop, NULL, NULL);
    }
}

/* Instances */

static void object_init_with_type(Object *obj, Type ti)
{
    if (ti->parent_type) {
        object_init_with_type(obj, ti->parent_type);
    }
    if (ti->info.instance_init) {
        ti->info.instance_init(obj);
    }
}

static void object_initialize_with_type(void *data, size_t size, Type ti)
{
    Object *obj = data;
    GError *err = NULL;

    type_initialize(ti);
    g_assert(!ti->info.abstract);
    g_assert(size >= ti->instance_size);
    memset(obj, 0, ti->instance_size);
    obj->klass = ti->klass;
    obj->ref = 1;
    obj->children = g_ptr_array_new();
    type_foreach_prop(ti, set_default, obj);
    object_init_with_type(obj, ti);
    if (!object_apply_global_props(obj, &err)) {
        /* -global values are checked when given; this is user input. */
        error_report_err(err);
        exit(1);
    }
}

void object_initialize(void *obj, size_t size, const char *typename)
{
    Type ti = type_get_by_name(typename);

    g_assert(ti);
    object_initialize_with_type(obj, size, ti);
}

Object *object_new(const char *typename)
{
    Type ti = type_get_by_name(typename);
    Object *obj;

    g_assert(ti);
    type_initialize(ti);
    obj = g_malloc0(ti->instance_size);
    object_initialize_with_type(obj, ti->instance_size, ti);
    obj->heap = true;
    return obj;
}

void object_initialize_child(Object *parent, const char *name, void *child,
                             size_t size, const char *typename)
{
    object_initialize(child, size, typename);
    object_property_add_child(parent, name, OBJECT(child));
    object_unref(OBJECT(child));
}

void object_ref(Object *obj)
{
    obj->ref++;
}

static void object_finalize(Object *obj)
{
    while (obj->children->len) {
        object_unparent(
            g_ptr_array_index(obj->children, obj->children->len - 1));
    }
    for (Type ti = obj->klass->type; ti; ti = ti->parent_type) {
        if (ti->info.instance_finalize) {
            ti->info.instance_finalize(obj);
        }
    }
    type_foreach_prop(obj->klass->type, free_prop, obj);
    g_ptr_array_free(obj->children, TRUE);
    g_free(obj->name);
    if (obj->heap) {
        g_free(obj);
    }
}

void object_unref(Object *obj)
{
    if (!obj) {
        return;
    }
    g_assert(obj->ref > 0);
    if (--obj->ref == 0) {
        object_finalize(obj);
    }
}

/* The composition tree */

static Object *object_find_child(Object *parent, const char *name)
{
    for (guint i = 0; i < parent->children->len; i++) {
        Object *c = parent->children->pdata[i];

        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

void object_property_add_child(Object *parent, const char *name, Object *child)
{
    g_assert(!child->parent);
    g_assert(!object_find_child(parent, name));
    child->name = g_strdup(name);
    child->parent = parent;
    object_ref(child);
    g_ptr_array_add(parent->children, child);
}

void object_unparent(Object *obj)
{
    Object *parent = obj->parent;

    if (!parent) {
        return;
    }
    g_ptr_array_remove(parent->children, obj);
    obj->parent = NULL;
    object_unref(obj);
}

Object *object_resolve_path_component(Object *parent, const char *name)
{
    return object_find_child(parent, name);
}

unsigned object_child_count(Object *obj)
{
    return obj->children->len;
}

int object_child_foreach(Object *obj, int (*fn)(Object *child, void *opaque),
                         void *opaque)
{
    for (guint i = 0; i < obj->children->len; i++) {
        int ret = fn(obj->children->pdata[i], opaque);

        if (ret) {
            return ret;
        }
    }
    return 0;
}

static const TypeInfo container_info = {
    .name = TYPE_CONTAINER,
    .parent = TYPE_OBJECT,
};

static const TypeInfo object_info = {
    .name = TYPE_OBJECT,
    .instance_size = sizeof(Object),
    .class_size = sizeof(ObjectClass),
    .abstract = true,
};

static void object_register_types(void)
{
    type_register_static(&object_info);
    type_register_static(&container_info);
}

type_init(object_register_types)

    Object *object_get_root(void)
{
    static Object *root;

    if (!root) {
        root = object_new(TYPE_CONTAINER);
    }
    return root;
}

Object *container_get(Object *root, const char *path)
{
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    Object *obj = root;

    for (int i = 0; parts[i]; i++) {
        Object *child;

        if (!parts[i][0]) {
            continue;
        }
        child = object_find_child(obj, parts[i]);
        if (!child) {
            child = object_new(TYPE_CONTAINER);
            object_property_add_child(obj, parts[i], child);
            object_unref(child);
        }
        obj = child;
    }
    return obj;
}

char *object_get_canonical_path(Object *obj)
{
    GString *s = g_string_new("");

    if (!obj->parent) {
        return g_string_free(s, FALSE), g_strdup("/");
    }
    for (; obj->parent; obj = obj->parent) {
        g_string_prepend(s, obj->name);
        g_string_prepend_c(s, '/');
    }
    return g_string_free(s, FALSE);
}

static Object *resolve_abs(Object *root, char **parts)
{
    Object *obj = root;

    for (int i = 0; parts[i] && obj; i++) {
        if (parts[i][0]) {
            obj = object_find_child(obj, parts[i]);
        }
    }
    return obj;
}

/* Search the subtree for objects whose path ends with parts[0..n). */
static void resolve_partial(Object *obj, char **parts, int n,
                            const char *typename, Object **found, int *count)
{
    Object *o = obj;
    int i;

    for (i = n - 1; i >= 0 && o && o->parent; i--) {
        if (strcmp(o->name, parts[i])) {
            break;
        }
        o = o->parent;
    }
    if (i < 0 && obj->parent &&
        (!typename || object_dynamic_cast(obj, typename))) {
        *found = obj;
        (*count)++;
    }
    for (guint c = 0; c < obj->children->len; c++) {
        resolve_partial(obj->children->pdata[c], parts, n, typename, found,
                        count);
    }
}

Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous)
{
    g_auto(GStrv) parts = NULL;
    Object *found = NULL;
    int count = 0;

    if (ambiguous) {
        *ambiguous = false;
    }
    if (!path || !path[0]) {
        return NULL;
    }
    parts = g_strsplit(path, "/", -1);
    if (path[0] == '/') {
        found = resolve_abs(object_get_root(), parts);
        if (found && typename && !object_dynamic_cast(found, typename)) {
            return NULL;
        }
        return found;
    }
    resolve_partial(object_get_root(), parts, g_strv_length(parts), typename,
                    &found, &count);
    if (count > 1) {
        if (ambiguous) {
            *ambiguous = true;
        }
        return NULL;
    }
    return found;
}

Object *object_resolve_path(const char *path, bool *ambiguous)
{
    return object_resolve_path_type(path, NULL, ambiguous);
}
