/*
 * Errors: GLib's GError across module boundaries, plus QEMU-style error
 * reporting to stderr ("prog: location: message").
 */
#ifndef QAPI_ERROR_H
#define QAPI_ERROR_H

#include <glib.h>
#include <stdarg.h>

/* Error classes, as QMP names them in its error replies. */
typedef enum {
    QEMU_ERROR_GENERIC,           /* "GenericError" */
    QEMU_ERROR_COMMAND_NOT_FOUND, /* "CommandNotFound" */
    QEMU_ERROR_DEVICE_NOT_FOUND,  /* "DeviceNotFound" */
    QEMU_ERROR_DEVICE_NOT_ACTIVE, /* "DeviceNotActive" */
} QemuErrorClass;

#define QEMU_ERROR (qemu_error_quark())
GQuark qemu_error_quark(void);
const char *qemu_error_class_name(int code);

/* Set *errp (if errp is not NULL) to a GenericError with a formatted text. */
void error_setg(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
void error_set_class(GError **errp, QemuErrorClass cls, const char *fmt, ...)
    G_GNUC_PRINTF(3, 4);
/* Prepend text to an existing error's message. */
void error_prepend(GError **errp, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* The program name used as the prefix of every report. */
void error_set_progname(const char *argv0);
const char *error_get_progname(void);

/*
 * The location of user input being processed, printed after the program
 * name: "-m foo: " for a command-line option, "FILE:LINE: " for a file.
 */
void loc_set_cmdline(const char *opt, const char *arg);
void loc_set_none(void);

/* -msg timestamp=on, -msg guest-name=on: prefixes of reported messages. */
void error_set_timestamps(bool on);
void error_set_guest_name(const char *name);
void error_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void error_vreport(const char *fmt, va_list ap) G_GNUC_PRINTF(1, 0);
void warn_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
void info_report(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Report err with error_report() and free it. */
void error_report_err(GError *err);

#endif
