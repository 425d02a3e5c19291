/*
 * The qtest protocol server (-qtest CHARDEV) and accelerator (-accel qtest).
 */
#ifndef SYSEMU_QTEST_H
#define SYSEMU_QTEST_H

#include "qemu/osdep.h"

/* Serve the qtest protocol on the chardev given by spec (-qtest SPEC). */
bool qtest_server_init(const char *spec, const char *logfile, GError **errp);
/* Close the server at exit (before the chardevs go). */
void qtest_server_cleanup(void);
/* The qtest accelerator is in use: the virtual clock is manual. */
bool qtest_enabled(void);
void qtest_set_enabled(bool on);

#endif
