/*
 * A small object model: types with a parent, class and instance
 * initialisation, typed properties settable from key=value strings, and a
 * composition tree of named children ("/machine/soc/plic").
 */
#ifndef QOM_OBJECT_H
#define QOM_OBJECT_H

#include "qemu/osdep.h"

typedef struct TypeImpl *Type;
typedef struct ObjectClass ObjectClass;
typedef struct Object Object;
typedef struct Property Property;

#define TYPE_OBJECT    "object"
#define TYPE_CONTAINER "container"

struct ObjectClass {
    Type type;
};

struct Object {
    ObjectClass *klass;
    Object *parent; /* in the composition tree, or NULL */
    char *name;     /* this object's name in its parent */
    GPtrArray *children;
    unsigned ref;
    bool heap; /* allocated by object_new() */
};

typedef struct TypeInfo {
    const char *name;
    const char *parent;
    size_t instance_size;
    size_t class_size;
    bool abstract;
    void (*instance_init)(Object *obj);
    void (*instance_finalize)(Object *obj);
    void (*class_init)(ObjectClass *klass, void *data);
    void *class_data;
} TypeInfo;

Type type_register_static(const TypeInfo *info);
void type_register_static_array(const TypeInfo *infos, int n);

/* Run fn at program start: each file registers its own types. */
#define type_init(fn)                                                  \
    static void __attribute__((constructor)) qemu_type_init_##fn(void) \
    {                                                                  \
        fn();                                                          \
    }

#define OBJECT(obj)         ((Object *)(obj))
#define OBJECT_CLASS(klass) ((ObjectClass *)(klass))

Object *object_dynamic_cast(Object *obj, const char *typename);
Object *object_dynamic_cast_assert(Object *obj, const char *typename,
                                   const char *file, int line);
ObjectClass *object_class_dynamic_cast(ObjectClass *klass,
                                       const char *typename);
ObjectClass *object_class_dynamic_cast_assert(ObjectClass *klass,
                                              const char *typename,
                                              const char *file, int line);

#define OBJECT_CHECK(type, obj, name)                                  \
    ((type *)object_dynamic_cast_assert(OBJECT(obj), (name), __FILE__, \
                                        __LINE__))
#define OBJECT_CLASS_CHECK(class_type, klass, name)  \
    ((class_type *)object_class_dynamic_cast_assert( \
        OBJECT_CLASS(klass), (name), __FILE__, __LINE__))
#define OBJECT_GET_CLASS(class_type, obj, name) \
    OBJECT_CLASS_CHECK(class_type, object_get_class(OBJECT(obj)), name)

/*
 * OBJECT_DECLARE_TYPE(VirtState, VirtClass, VIRT_MACHINE) declares the casts
 * VIRT_MACHINE(obj), VIRT_MACHINE_CLASS(klass), VIRT_MACHINE_GET_CLASS(obj);
 * TYPE_VIRT_MACHINE must be defined as the type name.
 */
#define OBJECT_DECLARE_TYPE(Instance, Class, NAME)                       \
    typedef struct Instance Instance;                                    \
    typedef struct Class Class;                                          \
    static inline G_GNUC_UNUSED Instance *NAME(const void *obj)          \
    {                                                                    \
        return OBJECT_CHECK(Instance, obj, TYPE_##NAME);                 \
    }                                                                    \
    static inline G_GNUC_UNUSED Class *NAME##_CLASS(const void *klass)   \
    {                                                                    \
        return OBJECT_CLASS_CHECK(Class, klass, TYPE_##NAME);            \
    }                                                                    \
    static inline G_GNUC_UNUSED Class *NAME##_GET_CLASS(const void *obj) \
    {                                                                    \
        return OBJECT_GET_CLASS(Class, obj, TYPE_##NAME);                \
    }

/* As OBJECT_DECLARE_TYPE, for a type whose class adds nothing. */
#define OBJECT_DECLARE_SIMPLE_TYPE(Instance, NAME)              \
    typedef struct Instance Instance;                           \
    static inline G_GNUC_UNUSED Instance *NAME(const void *obj) \
    {                                                           \
        return OBJECT_CHECK(Instance, obj, TYPE_##NAME);        \
    }

ObjectClass *object_class_by_name(const char *typename);
ObjectClass *object_get_class(Object *obj);
const char *object_class_get_name(ObjectClass *klass);
const char *object_get_typename(Object *obj);
ObjectClass *object_class_get_parent(ObjectClass *klass);
bool object_class_is_abstract(ObjectClass *klass);
/* All classes that are (or derive from) implements_type, sorted by name. */
GSList *object_class_get_list(const char *implements_type,
                              bool include_abstract);

/* Allocate and initialise a new object (refcount 1). */
Object *object_new(const char *typename);
/* Initialise an object embedded in a larger struct. */
void object_initialize(void *obj, size_t size, const char *typename);
/* object_initialize() then add it as parent's child "name". */
void object_initialize_child(Object *parent, const char *name, void *child,
                             size_t size, const char *typename);
void object_ref(Object *obj);
void object_unref(Object *obj);

/* Composition tree. The parent takes a reference to the child. */
void object_property_add_child(Object *parent, const char *name, Object *child);
void object_unparent(Object *obj);
Object *object_get_root(void);
/* "/machine/soc", creating containers along the way. */
Object *container_get(Object *root, const char *path);
/*
 * An absolute path ("/machine/soc/plic"), or a partial one ("plic") that
 * must match the tail of exactly one path; *ambiguous is set otherwise.
 */
Object *object_resolve_path(const char *path, bool *ambiguous);
Object *object_resolve_path_type(const char *path, const char *typename,
                                 bool *ambiguous);
char *object_get_canonical_path(Object *obj);
/* parent's child called name, or NULL. */
Object *object_resolve_path_component(Object *parent, const char *name);
unsigned object_child_count(Object *obj);
/* Call fn on each child in insertion order; stops at a non-zero return. */
int object_child_foreach(Object *obj, int (*fn)(Object *child, void *opaque),
                         void *opaque);

/* Properties: declared per class as a table, stored in the instance. */
typedef enum {
    PROP_TYPE_BOOL,
    PROP_TYPE_UINT8,
    PROP_TYPE_UINT16,
    PROP_TYPE_UINT32,
    PROP_TYPE_UINT64,
    PROP_TYPE_INT32,
    PROP_TYPE_INT64,
    PROP_TYPE_SIZE,   /* uint64_t, accepts k/M/G/T suffixes */
    PROP_TYPE_STRING, /* char *, owned by the object */
    PROP_TYPE_LINK,   /* Object *, set from a path or /objects id */
    PROP_TYPE_CHR,    /* CharBackend, set from a -chardev id */
} PropertyType;

struct Property {
    const char *name;
    PropertyType type;
    size_t offset;
    uint64_t defval;       /* integer and bool types */
    const char *defstr;    /* string type */
    const char *link_type; /* link type: the type the target must have */
    const char *desc;
};

#define QEMU_PROP_DESC_(_n, _t, _s, _f, _d, _desc)              \
    {                                                           \
        .name = (_n), .type = (_t), .offset = offsetof(_s, _f), \
        .defval = (_d), .desc = (_desc)                         \
    }
#define QEMU_PROP_(_n, _t, _s, _f, _d) QEMU_PROP_DESC_(_n, _t, _s, _f, _d, NULL)
/* The _DESC forms carry the text `-machine TYPE,help` prints. */
#define DEFINE_PROP_BOOL_DESC(n, s, f, d, desc) \
    QEMU_PROP_DESC_(n, PROP_TYPE_BOOL, s, f, d, desc)
#define DEFINE_PROP_BOOL(n, s, f, d)   QEMU_PROP_(n, PROP_TYPE_BOOL, s, f, d)
#define DEFINE_PROP_UINT8(n, s, f, d)  QEMU_PROP_(n, PROP_TYPE_UINT8, s, f, d)
#define DEFINE_PROP_UINT16(n, s, f, d) QEMU_PROP_(n, PROP_TYPE_UINT16, s, f, d)
#define DEFINE_PROP_UINT32(n, s, f, d) QEMU_PROP_(n, PROP_TYPE_UINT32, s, f, d)
#define DEFINE_PROP_UINT64(n, s, f, d) QEMU_PROP_(n, PROP_TYPE_UINT64, s, f, d)
#define DEFINE_PROP_INT32(n, s, f, d) \
    QEMU_PROP_(n, PROP_TYPE_INT32, s, f, (uint64_t)(int64_t)(d))
#define DEFINE_PROP_INT64(n, s, f, d) \
    QEMU_PROP_(n, PROP_TYPE_INT64, s, f, (uint64_t)(int64_t)(d))
#define DEFINE_PROP_SIZE(n, s, f, d) QEMU_PROP_(n, PROP_TYPE_SIZE, s, f, d)
#define DEFINE_PROP_STRING(n, s, f)                                     \
    {                                                                   \
        .name = (n), .type = PROP_TYPE_STRING, .offset = offsetof(s, f) \
    }
#define DEFINE_PROP_STRING_DESC(n, s, f, d)                              \
    {                                                                    \
        .name = (n), .type = PROP_TYPE_STRING, .offset = offsetof(s, f), \
        .desc = (d)                                                      \
    }
#define DEFINE_PROP_STRING_DEF(n, s, f, d)                               \
    {                                                                    \
        .name = (n), .type = PROP_TYPE_STRING, .offset = offsetof(s, f), \
        .defstr = (d)                                                    \
    }
#define DEFINE_PROP_LINK(n, s, f, lt)                                  \
    {                                                                  \
        .name = (n), .type = PROP_TYPE_LINK, .offset = offsetof(s, f), \
        .link_type = (lt)                                              \
    }
#define DEFINE_PROP_CHR(n, s, f)                                     \
    {                                                                \
        .name = (n), .type = PROP_TYPE_CHR, .offset = offsetof(s, f) \
    }
#define DEFINE_PROP_END_OF_LIST() \
    {                             \
        .name = NULL              \
    }

/* Attach a property table (ended by DEFINE_PROP_END_OF_LIST) to a class. */
void object_class_add_props(ObjectClass *klass, const Property *props);
/* The class's (or a parent's) property of that name, or NULL. */
const Property *object_class_find_prop(ObjectClass *klass, const char *name);
/* Visit every property of a class and its parents, parents' first. */
void object_class_foreach_prop(ObjectClass *klass,
                               void (*fn)(const Property *prop, void *opaque),
                               void *opaque);
const char *property_type_name(const Property *prop);

/*
 * Set a property from user text. The error names the property:
 * "Property 'virtio-mmio.foo' not found", "Parameter 'x' expects a bool".
 */
bool object_property_parse(Object *obj, const char *name, const char *value,
                           GError **errp);
/* The value as text, as `info qtree` and help listings print it. */
char *object_property_print(Object *obj, const Property *prop);
bool object_property_set_bool(Object *obj, const char *name, bool v,
                              GError **errp);
bool object_property_set_uint(Object *obj, const char *name, uint64_t v,
                              GError **errp);
bool object_property_set_int(Object *obj, const char *name, int64_t v,
                             GError **errp);
bool object_property_set_str(Object *obj, const char *name, const char *v,
                             GError **errp);
bool object_property_set_link(Object *obj, const char *name, Object *v,
                              GError **errp);
uint64_t object_property_get_uint(Object *obj, const char *name, GError **errp);
bool object_property_get_bool(Object *obj, const char *name, GError **errp);
char *object_property_get_str(Object *obj, const char *name, GError **errp);

/*
 * -global DRIVER.PROP=VALUE: applied to every new object whose type is or
 * derives from DRIVER, after its defaults and before instance_init returns
 * to the creator. Registration checks the driver and property exist.
 */
bool object_register_global_prop(const char *driver, const char *prop,
                                 const char *value, GError **errp);
/* Apply the globals to obj; false with *errp if one fails to parse. */
bool object_apply_global_props(Object *obj, GError **errp);

/*
 * A hook the chardev layer installs so PROP_TYPE_CHR can look up ids
 * without qom depending on chardev.
 */
typedef bool (*PropChrSetter)(void *backend, const char *id, GError **errp);
typedef char *(*PropChrPrinter)(void *backend);
void object_set_chr_prop_hooks(PropChrSetter set, PropChrPrinter print);

/* User-creatable objects (-object TYPE,id=ID,...) live in /objects. */
#define TYPE_USER_CREATABLE "user-creatable"
Object *user_creatable_add(const char *typename, const char *id,
                           GHashTable *props, GError **errp);

#endif
