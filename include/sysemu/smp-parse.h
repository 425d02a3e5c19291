/*
 * The -smp option's topology rules (softmmu/smp-parse.c).
 */
#ifndef SYSEMU_SMP_PARSE_H
#define SYSEMU_SMP_PARSE_H

#include "qemu/osdep.h"
#include "qemu/option.h"

typedef struct SmpConfig {
    uint64_t cpus;     /* harts created */
    uint64_t max_cpus; /* sockets * dies * clusters * cores * threads */
} SmpConfig;

/*
 * Parse and check -smp ARG as QEMU 7.2 does: omitted counts are filled
 * in, the product must equal maxcpus and maxcpus be at least cpus. The
 * machine's own limits are the caller's to check.
 */
/* -smp's parameters, for query-command-line-options. */
extern const QemuOptDesc smp_opts_desc[];

bool smp_parse(const char *arg, SmpConfig *out, GError **errp);

#endif
