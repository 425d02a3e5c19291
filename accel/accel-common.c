/*
 * The accelerator base type and the choice among accelerators: each
 * -accel (or the -machine accel= list) is tried in order, the first that
 * initialises for the machine is used, and its AccelOps run the vCPUs.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "sysemu/accel.h"
#include "sysemu/cpus.h"

static AccelState *accel_in_use;

AccelState *current_accel(void)
{
    return accel_in_use;
}

const char *current_accel_name(void)
{
    return accel_in_use ? ACCEL_GET_CLASS(accel_in_use)->name : NULL;
}

bool kvm_available(void)
{
    return object_class_by_name(ACCEL_CLASS_NAME("kvm")) != NULL;
}

bool kvm_enabled(void)
{
    return !g_strcmp0(current_accel_name(), "kvm");
}

static gint compare_names(gconstpointer a, gconstpointer b)
{
    return strcmp(a, b);
}

GSList *accel_list_names(void)
{
    GSList *classes = object_class_get_list(TYPE_ACCEL, false);
    GSList *names = NULL;

    for (GSList *l = classes; l; l = l->next) {
        names = g_slist_insert_sorted(
            names, (gpointer)ACCEL_CLASS(l->data)->name, compare_names);
    }
    g_slist_free(classes);
    return names;
}

static G_NORETURN void accel_fail(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

static void accel_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    error_vreport(fmt, ap);
    va_end(ap);
    exit(1);
}

static void accel_set_options(AccelState *as, GPtrArray *opts)
{
    AccelClass *ac = ACCEL_GET_CLASS(as);
    g_autoptr(GError) err = NULL;

    for (guint i = 0; opts && i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];
        bool ok = ac->set_option ? ac->set_option(as, o->key, o->value, &err)
                                 : object_property_parse(OBJECT(as), o->key,
                                                         o->value, &err);
        if (!ok) {
            accel_fail("%s", err->message);
        }
    }
}

/* Returns the initialised accelerator, or NULL (reported) to try the next. */
static AccelState *accel_try(AccelChoice *c, MachineState *ms)
{
    g_autofree char *type = g_strconcat(c->name, ACCEL_CLASS_SUFFIX, NULL);
    ObjectClass *oc = object_class_by_name(type);
    g_autoptr(GError) err = NULL;
    AccelState *as;

    if (!oc || !object_class_dynamic_cast(oc, TYPE_ACCEL) ||
        object_class_is_abstract(oc)) {
        error_report("invalid accelerator %s", c->name);
        return NULL;
    }
    as = ACCEL(object_new(type));
    accel_set_options(as, c->opts);
    if (ACCEL_GET_CLASS(as)->init_machine &&
        !ACCEL_GET_CLASS(as)->init_machine(as, ms, &err)) {
        if (err->message[0]) {
            fprintf(stderr, "%s\n", err->message);
        }
        error_report("failed to initialize %s: %s", c->name,
                     g_strerror(err->code));
        object_unref(OBJECT(as));
        return NULL;
    }
    return as;
}

AccelState *accel_configure(GPtrArray *choices, MachineState *ms)
{
    bool init_failed = false;

    for (guint i = 0; i < choices->len && !accel_in_use; i++) {
        AccelChoice *c = choices->pdata[i];

        if (c->cmdline) {
            loc_set_cmdline("-accel", c->cmdline);
        }
        accel_in_use = accel_try(c, ms);
        init_failed |= !accel_in_use;
        loc_set_none();
    }
    if (!accel_in_use) {
        if (!init_failed) {
            accel_fail("no accelerator found");
        }
        exit(1);
    }
    if (init_failed) {
        error_report("falling back to %s", current_accel_name());
    }
    cpus_register_accel(ACCEL_GET_CLASS(accel_in_use)->ops);
    return accel_in_use;
}

static const TypeInfo accel_type = {
    .name = TYPE_ACCEL,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(AccelState),
    .abstract = true,
    .class_size = sizeof(AccelClass),
};

static void accel_register_types(void)
{
    type_register_static(&accel_type);
}

type_init(accel_register_types)
