/*
 * Process-level options (softmmu/os-posix.c): -pidfile, -daemonize,
 * -overcommit mem-lock.
 */
#ifndef SYSEMU_OS_POSIX_H
#define SYSEMU_OS_POSIX_H

#include "qemu/osdep.h"

/* Write and lock the pid file; it is removed at exit. */
bool qemu_write_pidfile(const char *path, GError **errp);

/*
 * -daemonize: _begin forks (the parent waits and exits 0 once the child
 * calls _finish, 1 if the child exits first); _finish detaches stdio.
 */
void qemu_daemonize_begin(void);
void qemu_daemonize_finish(void);
bool qemu_daemonized(void);

/* mlockall() for -overcommit mem-lock=on (on_fault: =on-fault). */
bool qemu_mem_lock(bool on_fault, GError **errp);

#endif
