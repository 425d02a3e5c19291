/*
 * -sandbox on[,obsolete=allow|deny][,elevateprivileges=allow|deny|children]
 * [,spawn=allow|deny][,resourcecontrol=allow|deny]: a seccomp filter
 * (libseccomp) installed on every thread once start-up is done. Everything
 * is allowed except the system calls of the sets switched on below, which
 * an emulator never needs: a compromised emulator cannot use them.
 *
 * The sets follow the option's documented meaning; the lists are ours.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/sandbox.h"
#include <sched.h>
#include <seccomp.h>

enum {
    SET_ALWAYS = 1 << 0,   /* with -sandbox on, whatever the options */
    SET_OBSOLETE = 1 << 1, /* obsolete=deny (the default) */
    SET_ELEVATE = 1 << 2,  /* elevateprivileges=deny|children */
    SET_SPAWN = 1 << 3,    /* spawn=deny */
    SET_RESOURCE = 1 << 4, /* resourcecontrol=deny */
};

typedef struct SandboxRule {
    const char *syscall;
    unsigned set;
    bool eperm; /* fail with EPERM instead of killing the process */
} SandboxRule;

static const SandboxRule rules[] = {
    /* Host administration: never an emulator's business. */
    { "reboot", SET_ALWAYS },
    { "kexec_load", SET_ALWAYS },
    { "kexec_file_load", SET_ALWAYS },
    { "swapon", SET_ALWAYS },
    { "swapoff", SET_ALWAYS },
    { "mount", SET_ALWAYS },
    { "umount2", SET_ALWAYS },
    { "pivot_root", SET_ALWAYS },
    { "init_module", SET_ALWAYS },
    { "finit_module", SET_ALWAYS },
    { "delete_module", SET_ALWAYS },
    { "syslog", SET_ALWAYS },
    { "acct", SET_ALWAYS },
    { "settimeofday", SET_ALWAYS },
    { "clock_settime", SET_ALWAYS },
    { "adjtimex", SET_ALWAYS },
    { "sethostname", SET_ALWAYS },
    { "setdomainname", SET_ALWAYS },
    { "quotactl", SET_ALWAYS },
    { "bpf", SET_ALWAYS },
    { "perf_event_open", SET_ALWAYS },
    /* Calls C libraries stopped using long ago. */
    { "uselib", SET_OBSOLETE },
    { "_sysctl", SET_OBSOLETE },
    { "sysfs", SET_OBSOLETE },
    { "ustat", SET_OBSOLETE },
    { "create_module", SET_OBSOLETE },
    { "get_kernel_syms", SET_OBSOLETE },
    { "query_module", SET_OBSOLETE },
    { "nfsservctl", SET_OBSOLETE },
    { "getpmsg", SET_OBSOLETE },
    { "putpmsg", SET_OBSOLETE },
    { "afs_syscall", SET_OBSOLETE },
    { "tuxcall", SET_OBSOLETE },
    { "security", SET_OBSOLETE },
    { "vserver", SET_OBSOLETE },
    { "bdflush", SET_OBSOLETE },
    { "vm86", SET_OBSOLETE },
    { "vm86old", SET_OBSOLETE },
    /* Changing identity. */
    { "setuid", SET_ELEVATE },
    { "setgid", SET_ELEVATE },
    { "setreuid", SET_ELEVATE },
    { "setregid", SET_ELEVATE },
    { "setresuid", SET_ELEVATE },
    { "setresgid", SET_ELEVATE },
    { "setfsuid", SET_ELEVATE },
    { "setfsgid", SET_ELEVATE },
    { "setgroups", SET_ELEVATE },
    { "capset", SET_ELEVATE },
    /* New processes (clone() is filtered by its flags, below). */
    { "fork", SET_SPAWN },
    { "vfork", SET_SPAWN },
    { "execve", SET_SPAWN },
    { "execveat", SET_SPAWN },
    /* Scheduling and affinity: EPERM, as callers expect failure. */
    { "setpriority", SET_RESOURCE, true },
    { "sched_setparam", SET_RESOURCE, true },
    { "sched_setscheduler", SET_RESOURCE, true },
    { "sched_setaffinity", SET_RESOURCE, true },
    { "sched_setattr", SET_RESOURCE, true },
};

static unsigned enabled_sets;
static bool requested;

static bool parse_allow_deny(const char *key, const char *v, bool children_ok,
                             unsigned set, GError **errp)
{
    if (!v || !strcmp(v, "allow")) {
        enabled_sets &= ~set;
    } else if (!strcmp(v, "deny") || (children_ok && !strcmp(v, "children"))) {
        enabled_sets |= set;
    } else {
        error_setg(errp, "invalid argument for %s", key);
        return false;
    }
    return true;
}

bool sandbox_configure(const char *enable, const char *obsolete,
                       const char *elevate, const char *spawn,
                       const char *resource, GError **errp)
{
    if (!strcmp(enable, "off")) {
        requested = false;
        return true;
    }
    if (strcmp(enable, "on")) {
        error_setg(errp, "Parameter 'enable' expects 'on' or 'off'");
        return false;
    }
    requested = true;
    enabled_sets = SET_ALWAYS | SET_OBSOLETE;
    return parse_allow_deny("obsolete", obsolete, false, SET_OBSOLETE, errp) &&
           parse_allow_deny("elevateprivileges", elevate, true, SET_ELEVATE,
                            errp) &&
           parse_allow_deny("spawn", spawn, false, SET_SPAWN, errp) &&
           parse_allow_deny("resourcecontrol", resource, false, SET_RESOURCE,
                            errp);
}

/*
 * spawn=deny: clone() must share the address space (threads; also the
 * sanitizers' helper tasks). A CLONE_VM child cannot run another program
 * either: execve is denied.
 */
static int deny_process_clone(scmp_filter_ctx ctx)
{
    return seccomp_rule_add(
        ctx, SCMP_ACT_KILL_PROCESS, SCMP_SYS(clone), 1,
        SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD | CLONE_VM, 0));
}

bool sandbox_start(GError **errp)
{
    scmp_filter_ctx ctx;
    int rc = 0;

    if (!requested) {
        return true;
    }
    ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx) {
        error_setg(errp, "failed to initialize seccomp context");
        return false;
    }
    /* Apply to every thread already running, not only this one. */
    rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);
    for (size_t i = 0; rc == 0 && i < G_N_ELEMENTS(rules); i++) {
        int nr = seccomp_syscall_resolve_name(rules[i].syscall);

        if (!(rules[i].set & enabled_sets) || nr == __NR_SCMP_ERROR) {
            continue; /* not in a chosen set, or not on this host */
        }
        rc = seccomp_rule_add(
            ctx, rules[i].eperm ? SCMP_ACT_ERRNO(EPERM) : SCMP_ACT_KILL_PROCESS,
            nr, 0);
    }
    if (rc == 0 && (enabled_sets & SET_SPAWN)) {
        rc = deny_process_clone(ctx);
        /* clone3's flags are behind a pointer: make glibc use clone. */
        if (rc == 0) {
            rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3),
                                  0);
        }
    }
    if (rc == 0) {
        rc = seccomp_load(ctx);
    }
    seccomp_release(ctx);
    if (rc < 0) {
        error_setg(errp,
                   "failed to install seccomp syscall filter in the "
                   "kernel: %s",
                   g_strerror(-rc));
        return false;
    }
    return true;
}
