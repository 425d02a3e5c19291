/*
 * Machine-wide settings from the command line that several subsystems read.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include "qemu/osdep.h"

/*
 * -name NAME: the VM's name, as query-name and `info name` report it.
 * NULL (the default) means no name was given.
 */
void qemu_set_name(const char *name);
const char *qemu_get_name(void);

#endif
