/*
 * Machine-wide settings from the command line that several subsystems read.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include "qemu/osdep.h"
#include "qemu/target-info.h" /* target_name() */

/*
 * -name NAME: the VM's name, as query-name and `info name` report it.
 * NULL (the default) means no name was given.
 */
void qemu_set_name(const char *name);
const char *qemu_get_name(void);

/*
 * -uuid: the VM's UUID as text (8-4-4-4-12 hex digits, lower case), as
 * query-uuid reports it; all zeroes when none was given, as in QEMU.
 * qemu_set_uuid() refuses text of any other shape.
 */
bool qemu_set_uuid(const char *text, GError **errp);
const char *qemu_uuid_string(void);

#endif
