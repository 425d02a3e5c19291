/*
 * key=value option lists.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"

static void qemu_opt_free(gpointer p)
{
    QemuOpt *o = p;

    g_free(o->key);
    g_free(o->value);
    g_free(o);
}

/* Read up to an unescaped ',' (or the end); ",," gives ','. */
static char *get_element(const char **pp)
{
    GString *s = g_string_new("");
    const char *p = *pp;

    while (*p) {
        if (*p == ',') {
            if (p[1] != ',') {
                break;
            }
            p++;
        }
        g_string_append_c(s, *p++);
    }
    *pp = *p ? p + 1 : p;
    return g_string_free(s, FALSE);
}

GPtrArray *qemu_opts_parse(const char *str, const char *implied_key,
                           GError **errp)
{
    GPtrArray *opts = g_ptr_array_new_with_free_func(qemu_opt_free);
    const char *p = str;
    bool first = true;

    while (*p || first) {
        g_autofree char *elem = get_element(&p);
        char *eq = strchr(elem, '=');
        QemuOpt *o = g_new0(QemuOpt, 1);

        if (eq) {
            o->key = g_strndup(elem, eq - elem);
            o->value = g_strdup(eq + 1);
        } else if (first && implied_key) {
            o->key = g_strdup(implied_key);
            o->value = g_strdup(elem);
        } else if (!strcmp(elem, "help") || !strcmp(elem, "?")) {
            o->key = g_strdup("help");
            o->value = g_strdup("on");
        } else {
            o->key = g_strdup(elem);
            o->value = g_strdup("on");
        }
        first = false;
        if (!o->key[0]) {
            qemu_opt_free(o);
            if (!*p && !eq) {
                break; /* empty string or trailing comma */
            }
            error_setg(errp, "Invalid parameter ''");
            g_ptr_array_free(opts, TRUE);
            return NULL;
        }
        g_ptr_array_add(opts, o);
    }
    return opts;
}

void qemu_opts_free(GPtrArray *opts)
{
    if (opts) {
        g_ptr_array_free(opts, TRUE);
    }
}

const char *qemu_opt_get(GPtrArray *opts, const char *key)
{
    for (guint i = opts->len; i-- > 0;) {
        QemuOpt *o = opts->pdata[i];

        if (!strcmp(o->key, key)) {
            return o->value;
        }
    }
    return NULL;
}

bool qemu_opt_del(GPtrArray *opts, const char *key)
{
    bool found = false;

    for (guint i = opts->len; i-- > 0;) {
        QemuOpt *o = opts->pdata[i];

        if (!strcmp(o->key, key)) {
            g_ptr_array_remove_index(opts, i);
            found = true;
        }
    }
    return found;
}

GHashTable *qemu_opts_to_hash(GPtrArray *opts)
{
    GHashTable *h =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);

    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];

        g_hash_table_insert(h, g_strdup(o->key), g_strdup(o->value));
    }
    return h;
}
