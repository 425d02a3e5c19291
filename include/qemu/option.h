/*
 * key=value,key=value option lists, as -machine, -device, -chardev take.
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include "qemu/osdep.h"

typedef struct QemuOpt {
    char *key;
    char *value;
} QemuOpt;

/*
 * Parse "virt,dumpdtb=x,,y,accel=tcg". A first element without '=' is the
 * value of implied_key (if implied_key is NULL it is an error, unless it
 * is "help"). ",," is a literal comma. A bare key later in the list means
 * key=on. Returns a GPtrArray of QemuOpt in order (free with
 * qemu_opts_free), or NULL with *errp set.
 */
GPtrArray *qemu_opts_parse(const char *str, const char *implied_key,
                           GError **errp);
void qemu_opts_free(GPtrArray *opts);
typedef enum QemuOptType {
    QEMU_OPT_STRING,
    QEMU_OPT_BOOL,   /* on or off */
    QEMU_OPT_NUMBER, /* qemu_strtou64() */
    QEMU_OPT_SIZE,   /* qemu_strtosz() */
} QemuOptType;

typedef struct QemuOptDesc {
    const char *name; /* NULL ends a table */
    QemuOptType type;
} QemuOptDesc;

/*
 * The one option-value parser of the command line: qemu_opts_parse(),
 * then every key must be in desc and its value of the type given there.
 * Errors use QEMU's words: QemuOpts style ("Invalid parameter 'k'",
 * "Parameter 'k' expects a number") or, with a group such as "smp", keyval
 * style ("Parameter 'smp.k' is unexpected", "... expects integer").
 */
GPtrArray *qemu_opts_parse_checked(const char *str, const char *implied_key,
                                   const QemuOptDesc *desc, const char *group,
                                   GError **errp);
/*
 * str for error messages, with the value of every key=VALUE element
 * replaced by "<hidden>" (e.g. a secret's data). Free it.
 */
char *qemu_opts_redact(const char *str, const char *key);

/*
 * -object/-device JSON syntax ('{"qom-type": "secret", "id": "s0"}'): the
 * same options as key=value text (util/json-opts.c), or NULL with *errp.
 */
char *qemu_opts_from_json(const char *text, GError **errp);
/* The last value of key, or NULL. */
const char *qemu_opt_get(GPtrArray *opts, const char *key);
/* Remove every entry of key; returns whether any existed. */
bool qemu_opt_del(GPtrArray *opts, const char *key);
/* A key -> value table of the options (last one wins). */
GHashTable *qemu_opts_to_hash(GPtrArray *opts);

#endif
