/*
 * key=value option lists.
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

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

static bool opt_value_ok(QemuOptType type, const char *v)
{
    uint64_t n;

    switch (type) {
    case QEMU_OPT_BOOL:
        return !strcmp(v, "on") || !strcmp(v, "off");
    case QEMU_OPT_NUMBER:
        return qemu_strtou64(v, &n);
    case QEMU_OPT_SIZE:
        return qemu_strtosz(v, &n);
    default:
        return true;
    }
}

static const char *const opt_expects[][2] = {
    /* QemuOpts wording, keyval wording */
    [QEMU_OPT_BOOL] = { "'on' or 'off'", "'on' or 'off'" },
    [QEMU_OPT_NUMBER] = { "a number", "integer" },
    [QEMU_OPT_SIZE] = { "a non-negative number below 2^64", "size" },
};

static bool opt_check(const QemuOpt *o, const QemuOptDesc *desc,
                      const char *group, GError **errp)
{
    g_autofree char *name =
        group ? g_strdup_printf("%s.%s", group, o->key) : g_strdup(o->key);

    for (; desc->name; desc++) {
        if (!strcmp(desc->name, o->key)) {
            if (opt_value_ok(desc->type, o->value)) {
                return true;
            }
            error_setg(errp, "Parameter '%s' expects %s", name,
                       opt_expects[desc->type][group != NULL]);
            return false;
        }
    }
    if (group) {
        error_setg(errp, "Parameter '%s' is unexpected", name);
    } else {
        error_setg(errp, "Invalid parameter '%s'", name);
    }
    return false;
}

GPtrArray *qemu_opts_parse_checked(const char *str, const char *implied_key,
                                   const QemuOptDesc *desc, const char *group,
                                   GError **errp)
{
    GPtrArray *opts = qemu_opts_parse(str, implied_key, errp);

    for (guint i = 0; opts && i < opts->len; i++) {
        if (!opt_check(opts->pdata[i], desc, group, errp)) {
            qemu_opts_free(opts);
            return NULL;
        }
    }
    return opts;
}

char *qemu_opts_redact(const char *str, const char *key)
{
    GString *out = g_string_new("");
    size_t klen = strlen(key);
    const char *p = str;

    while (*p) {
        g_autofree char *elem = get_element(&p);

        if (out->len) {
            g_string_append_c(out, ',');
        }
        if (!strncmp(elem, key, klen) && elem[klen] == '=') {
            g_string_append_printf(out, "%s=<hidden>", key);
            continue;
        }
        for (const char *e = elem; *e; e++) {
            if (*e == ',') {
                g_string_append_c(out, ','); /* written back as ",," */
            }
            g_string_append_c(out, *e);
        }
    }
    return g_string_free(out, FALSE);
}
