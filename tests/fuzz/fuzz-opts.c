/*
 * The command line's option-value parsers: key=value lists (-machine,
 * -smp, -m, -cpu, -object, -device ...), the number and size parsers
 * their values go through, -d's item list, and typed QOM property values
 * as -cpu and -machine set them.
 *
 * Input: the first byte picks the implied key (the name a first bare
 * value gets, as "-m 1G" means size=1G); the rest, up to a NUL (argv
 * strings have none), is the option argument.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/option.h"
#include "qemu/cutils.h"
#include "hw/riscv/virt.h"

static const char *const implied_keys[] = {
    NULL,    "type",  "size",     "cpus",  "chardev", "driver",
    "model", "guest", "qom-type", "accel", "path",
};

/* Scratch objects whose typed properties take the values. */
static Object *scratch_cpu, *scratch_machine;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    scratch_cpu = object_new("rv64-riscv-cpu");
    scratch_machine = object_new(TYPE_RISCV_VIRT_MACHINE);
    return 0;
}

static void parse_values(GPtrArray *opts)
{
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];
        GError *err = NULL;
        uint64_t v;

        qemu_strtou64(o->value, &v);
        qemu_strtosz(o->value, &v);
        qemu_strtosz_MiB(o->value, &v);
        g_assert(qemu_opt_get(opts, o->key) != NULL);
        if (!object_property_parse(scratch_cpu, o->key, o->value, &err)) {
            g_clear_error(&err);
        }
        if (!object_property_parse(scratch_machine, o->key, o->value, &err)) {
            g_clear_error(&err);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_autofree char *arg = NULL;
    GPtrArray *opts;
    GError *err = NULL;
    int saved_loglevel = qemu_loglevel;

    if (size == 0) {
        return -1;
    }
    arg = g_strndup((const char *)data + 1, size - 1);
    opts = qemu_opts_parse(
        arg, implied_keys[data[0] % ARRAY_SIZE(implied_keys)], &err);
    if (opts) {
        GHashTable *h;

        g_assert(err == NULL);
        parse_values(opts);
        h = qemu_opts_to_hash(opts);
        g_hash_table_unref(h);
        if (opts->len) {
            g_autofree char *key = g_strdup(((QemuOpt *)opts->pdata[0])->key);

            g_assert(qemu_opt_del(opts, key));
            g_assert(qemu_opt_get(opts, key) == NULL);
        }
        qemu_opts_free(opts);
    } else {
        g_assert(err != NULL);
        g_clear_error(&err);
    }
    if (!qemu_set_log_items(arg, &err)) {
        g_clear_error(&err);
    }
    qemu_loglevel = saved_loglevel;
    return 0;
}
