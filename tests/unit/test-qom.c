/*
 * The object model: inheritance, casts, properties, globals, the tree.
 */
#include "qemu/osdep.h"
#include "qom/object.h"

#define TYPE_ANIMAL "test-animal"
#define TYPE_DOG    "test-dog"

typedef struct Animal {
    Object parent;
    uint32_t legs;
    bool tame;
    uint64_t weight;
    char *name;
    int32_t temp;
    Object *friend;
    int init_calls;
} Animal;

typedef struct AnimalClass {
    ObjectClass parent;
    const char *(*sound)(void);
} AnimalClass;

static int finalized;

static const char *animal_sound(void)
{
    return "...";
}

static const char *dog_sound(void)
{
    return "woof";
}

static const Property animal_props[] = {
    DEFINE_PROP_UINT32("legs", Animal, legs, 4),
    DEFINE_PROP_BOOL("tame", Animal, tame, false),
    DEFINE_PROP_SIZE("weight", Animal, weight, 0),
    DEFINE_PROP_STRING_DEF("name", Animal, name, "rex"),
    DEFINE_PROP_INT32("temp", Animal, temp, -5),
    DEFINE_PROP_LINK("friend", Animal, friend, TYPE_ANIMAL),
    DEFINE_PROP_END_OF_LIST(),
};

static void animal_class_init(ObjectClass *oc, void *data)
{
    ((AnimalClass *)oc)->sound = animal_sound;
    object_class_add_props(oc, animal_props);
}

static void dog_class_init(ObjectClass *oc, void *data)
{
    ((AnimalClass *)oc)->sound = dog_sound;
}

static void animal_init(Object *obj)
{
    ((Animal *)obj)->init_calls++;
}

static void animal_finalize(Object *obj)
{
    finalized++;
}

static const TypeInfo test_types[] = {
    {
        .name = TYPE_ANIMAL,
        .parent = TYPE_OBJECT,
        .instance_size = sizeof(Animal),
        .class_size = sizeof(AnimalClass),
        .class_init = animal_class_init,
        .instance_init = animal_init,
        .instance_finalize = animal_finalize,
    },
    {
        .name = TYPE_DOG,
        .parent = TYPE_ANIMAL,
        .class_init = dog_class_init,
    },
};

static void test_inheritance(void)
{
    Object *dog = object_new(TYPE_DOG);
    Object *cat = object_new(TYPE_ANIMAL);
    AnimalClass *dc = (AnimalClass *)object_get_class(dog);

    g_assert_nonnull(object_dynamic_cast(dog, TYPE_ANIMAL));
    g_assert_null(object_dynamic_cast(cat, TYPE_DOG));
    g_assert_cmpstr(dc->sound(), ==, "woof");
    g_assert_cmpstr(((AnimalClass *)object_get_class(cat))->sound(), ==, "...");
    g_assert_cmpint(((Animal *)dog)->init_calls, ==, 1);
    g_assert_cmpstr(
        object_class_get_name(object_class_get_parent(object_get_class(dog))),
        ==, TYPE_ANIMAL);
    object_unref(dog);
    object_unref(cat);
}

static void test_props(void)
{
    Object *obj = object_new(TYPE_DOG);
    Animal *a = (Animal *)obj;
    g_autoptr(GError) err = NULL;
    g_autofree char *s = NULL;

    /* Defaults, inherited from the parent's table. */
    g_assert_cmpuint(a->legs, ==, 4);
    g_assert_cmpstr(a->name, ==, "rex");
    g_assert_cmpint(a->temp, ==, -5);

    g_assert_true(object_property_parse(obj, "legs", "0x10", &err));
    g_assert_cmpuint(a->legs, ==, 16);
    g_assert_true(object_property_parse(obj, "tame", "on", &err));
    g_assert_true(a->tame);
    g_assert_true(object_property_parse(obj, "weight", "2G", &err));
    g_assert_cmpuint(a->weight, ==, 2 * GiB);
    g_assert_true(object_property_parse(obj, "temp", "-40", &err));
    g_assert_cmpint(a->temp, ==, -40);
    s = object_property_print(
        obj, object_class_find_prop(object_get_class(obj), "weight"));
    g_assert_cmpstr(s, ==, "2147483648");

    /* Bad values name the property and leave the value alone. */
    g_assert_false(object_property_parse(obj, "legs", "4294967296", &err));
    g_assert_nonnull(strstr(err->message, "'legs'"));
    g_clear_error(&err);
    g_assert_cmpuint(a->legs, ==, 16);
    g_assert_false(object_property_parse(obj, "tame", "maybe", &err));
    g_clear_error(&err);
    g_assert_false(object_property_parse(obj, "legs", "-1", &err));
    g_clear_error(&err);
    g_assert_false(object_property_parse(obj, "wings", "2", &err));
    g_assert_cmpstr(err->message, ==, "Property 'test-dog.wings' not found");
    object_unref(obj);
}

static void test_tree_and_links(void)
{
    Object *root = container_get(object_get_root(), "/zoo/pen");
    Object *a = object_new(TYPE_ANIMAL), *b = object_new(TYPE_DOG);
    g_autofree char *path = NULL;
    g_autoptr(GError) err = NULL;
    bool ambiguous;
    int before = finalized;

    object_property_add_child(root, "a", a);
    object_property_add_child(root, "b", b);
    object_unref(a);
    object_unref(b);
    path = object_get_canonical_path(b);
    g_assert_cmpstr(path, ==, "/zoo/pen/b");
    g_assert_true(object_resolve_path("/zoo/pen/a", NULL) == a);
    g_assert_true(object_resolve_path("pen/b", &ambiguous) == b);
    g_assert_false(ambiguous);
    g_assert_null(object_resolve_path("/zoo/nope", NULL));

    g_assert_true(object_property_parse(a, "friend", "/zoo/pen/b", &err));
    g_assert_true(((Animal *)a)->friend == b);
    g_assert_false(object_property_parse(a, "friend", "/zoo", &err));
    g_clear_error(&err);

    /* Unparenting drops the tree's reference; the link keeps b alive. */
    object_unparent(b);
    g_assert_cmpint(finalized, ==, before);
    object_unparent(a);
    g_assert_cmpint(finalized, ==, before + 2);
}

static void test_globals(void)
{
    g_autoptr(GError) err = NULL;
    Object *obj;

    g_assert_false(object_register_global_prop("no-such-type", "x", "1", &err));
    g_clear_error(&err);
    g_assert_false(object_register_global_prop(TYPE_DOG, "wings", "1", &err));
    g_clear_error(&err);
    g_assert_true(object_register_global_prop(TYPE_ANIMAL, "legs", "3", &err));
    /* Applies to subtypes too. */
    obj = object_new(TYPE_DOG);
    g_assert_cmpuint(((Animal *)obj)->legs, ==, 3);
    object_unref(obj);
}

static void test_class_list(void)
{
    GSList *list = object_class_get_list(TYPE_ANIMAL, false);

    g_assert_cmpint(g_slist_length(list), ==, 2);
    g_assert_cmpstr(object_class_get_name(list->data), ==, TYPE_ANIMAL);
    g_slist_free(list);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    type_register_static_array(test_types, ARRAY_SIZE(test_types));
    g_test_add_func("/qom/inheritance", test_inheritance);
    g_test_add_func("/qom/props", test_props);
    g_test_add_func("/qom/tree-and-links", test_tree_and_links);
    g_test_add_func("/qom/class-list", test_class_list);
    g_test_add_func("/qom/globals", test_globals);
    return g_test_run();
}
