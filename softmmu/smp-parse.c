/*
 * -smp [cpus=]N[,maxcpus=N][,sockets=N][,dies=N][,clusters=N][,cores=N]
 * [,threads=N]: QEMU's rules for filling in what is omitted and checking
 * the rest, with every product computed without overflow (a topology
 * whose product does not fit is refused, never wrapped).
 */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "sysemu/smp-parse.h"

enum {
    SMP_CPUS,
    SMP_MAXCPUS,
    SMP_SOCKETS,
    SMP_DIES,
    SMP_CLUSTERS,
    SMP_CORES,
    SMP_THREADS,
    SMP_N
};

const QemuOptDesc smp_opts_desc[] = {
    [SMP_CPUS] = { "cpus", QEMU_OPT_NUMBER },
    [SMP_MAXCPUS] = { "maxcpus", QEMU_OPT_NUMBER },
    [SMP_SOCKETS] = { "sockets", QEMU_OPT_NUMBER },
    [SMP_DIES] = { "dies", QEMU_OPT_NUMBER },
    [SMP_CLUSTERS] = { "clusters", QEMU_OPT_NUMBER },
    [SMP_CORES] = { "cores", QEMU_OPT_NUMBER },
    [SMP_THREADS] = { "threads", QEMU_OPT_NUMBER },
    [SMP_N] = { NULL },
};

/* *acc *= v; false (and *acc = UINT64_MAX) if that does not fit. */
static bool mul_ok(uint64_t *acc, uint64_t v)
{
    if (__builtin_mul_overflow(*acc, v, acc)) {
        *acc = UINT64_MAX;
        return false;
    }
    return true;
}

static bool smp_product(const uint64_t *v, uint64_t *out)
{
    *out = 1;
    return mul_ok(out, v[SMP_SOCKETS]) && mul_ok(out, v[SMP_DIES]) &&
           mul_ok(out, v[SMP_CLUSTERS]) && mul_ok(out, v[SMP_CORES]) &&
           mul_ok(out, v[SMP_THREADS]);
}

/*
 * Fill in what is omitted (0) of sockets, cores and threads from the
 * number of CPUs wanted (maxcpus, else cpus; 0 if neither is given).
 * Dies and clusters are 1 here. A product that saturates gives 0 and
 * fails the check that follows.
 */
static void smp_fill(uint64_t *v, uint64_t want)
{
    uint64_t others = 1;

    v[SMP_THREADS] = v[SMP_THREADS] ?: 1;
    if (!want) {
        v[SMP_SOCKETS] = v[SMP_SOCKETS] ?: 1;
        v[SMP_CORES] = v[SMP_CORES] ?: 1;
        return;
    }
    /* As QEMU 7.2 for new machines: prefer cores over sockets. */
    if (!v[SMP_CORES]) {
        v[SMP_SOCKETS] = v[SMP_SOCKETS] ?: 1;
        mul_ok(&others, v[SMP_SOCKETS]);
        mul_ok(&others, v[SMP_THREADS]);
        v[SMP_CORES] = want / others;
    } else if (!v[SMP_SOCKETS]) {
        mul_ok(&others, v[SMP_CORES]);
        mul_ok(&others, v[SMP_THREADS]);
        v[SMP_SOCKETS] = want / others;
    }
}

bool smp_parse(const char *arg, SmpConfig *out, GError **errp)
{
    GPtrArray *opts =
        qemu_opts_parse_checked(arg, "cpus", smp_opts_desc, "smp", errp);
    uint64_t v[SMP_N] = { 0 };
    uint64_t product;
    bool zero = false;

    if (!opts) {
        return false;
    }
    for (int k = 0; k < SMP_N; k++) {
        const char *s = qemu_opt_get(opts, smp_opts_desc[k].name);

        if (s) {
            g_assert(qemu_strtou64(s, &v[k])); /* checked by the parser */
            zero |= v[k] == 0;
        }
    }
    qemu_opts_free(opts);
    if (zero) {
        warn_report("Deprecated CPU topology (considered invalid): CPU "
                    "topology parameters must be greater than zero");
    }
    if (v[SMP_DIES] > 1) {
        error_setg(errp, "dies not supported by this machine's CPU topology");
        return false;
    }
    if (v[SMP_CLUSTERS] > 1) {
        error_setg(errp,
                   "clusters not supported by this machine's CPU topology");
        return false;
    }
    v[SMP_DIES] = v[SMP_CLUSTERS] = 1;
    smp_fill(v, v[SMP_MAXCPUS] ?: v[SMP_CPUS]);
    if (!smp_product(v, &product)) {
        error_setg(errp, "Invalid CPU topology: the product of the hierarchy "
                         "does not fit in 64 bits");
        return false;
    }
    v[SMP_MAXCPUS] = v[SMP_MAXCPUS] ?: (v[SMP_CPUS] ?: product);
    v[SMP_CPUS] = v[SMP_CPUS] ?: v[SMP_MAXCPUS];
    if (product != v[SMP_MAXCPUS]) {
        error_setg(errp,
                   "Invalid CPU topology: product of the hierarchy must match "
                   "maxcpus: sockets (%" PRIu64 ") * cores (%" PRIu64
                   ") * threads (%" PRIu64 ") != maxcpus (%" PRIu64 ")",
                   v[SMP_SOCKETS], v[SMP_CORES], v[SMP_THREADS],
                   v[SMP_MAXCPUS]);
        return false;
    }
    if (v[SMP_MAXCPUS] < v[SMP_CPUS]) {
        error_setg(errp,
                   "Invalid CPU topology: maxcpus must be equal to or greater "
                   "than smp: sockets (%" PRIu64 ") * cores (%" PRIu64
                   ") * threads (%" PRIu64 ") == maxcpus (%" PRIu64
                   ") < smp_cpus (%" PRIu64 ")",
                   v[SMP_SOCKETS], v[SMP_CORES], v[SMP_THREADS], v[SMP_MAXCPUS],
                   v[SMP_CPUS]);
        return false;
    }
    out->cpus = v[SMP_CPUS];
    out->max_cpus = v[SMP_MAXCPUS];
    return true;
}
