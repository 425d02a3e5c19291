/*
 * -sandbox (softmmu/sandbox.c): a seccomp system call filter.
 */
#ifndef SYSEMU_SANDBOX_H
#define SYSEMU_SANDBOX_H

#include "qemu/osdep.h"

/* Record -sandbox ENABLE[,obsolete=][,elevateprivileges=][,spawn=][,...]. */
bool sandbox_configure(const char *enable, const char *obsolete,
                       const char *elevate, const char *spawn,
                       const char *resource, GError **errp);
/* Install the filter on every thread (after start-up); no-op when off. */
bool sandbox_start(GError **errp);

#endif
