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
/* The last value of key, or NULL. */
const char *qemu_opt_get(GPtrArray *opts, const char *key);
/* Remove every entry of key; returns whether any existed. */
bool qemu_opt_del(GPtrArray *opts, const char *key);
/* A key -> value table of the options (last one wins). */
GHashTable *qemu_opts_to_hash(GPtrArray *opts);

#endif
