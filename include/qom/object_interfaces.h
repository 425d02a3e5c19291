/*
 * User-creatable objects: -object TYPE,id=ID,prop=value,...
 */
#ifndef QOM_OBJECT_INTERFACES_H
#define QOM_OBJECT_INTERFACES_H

#include "qom/object.h"

typedef struct UserCreatableClass {
    ObjectClass parent_class;
    const char *desc;
    /* Called after all properties are set; the object is then usable. */
    bool (*complete)(Object *obj, GError **errp);
} UserCreatableClass;

#define USER_CREATABLE_CLASS(klass) \
    OBJECT_CLASS_CHECK(UserCreatableClass, klass, TYPE_USER_CREATABLE)
#define USER_CREATABLE_GET_CLASS(obj) \
    OBJECT_GET_CLASS(UserCreatableClass, obj, TYPE_USER_CREATABLE)

/* The /objects container. */
Object *object_get_objects_root(void);

#endif
