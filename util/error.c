/*
 * Error reporting in QEMU's style: "qemu-system-riscv64: -m foo: message".
 */
#include "qemu/osdep.h"

G_DEFINE_QUARK(qemu - error - quark, qemu_error)

static const char *progname = "qemu";
static char *loc_text; /* "-m foo" or NULL */

const char *qemu_error_class_name(int code)
{
    switch (code) {
    case QEMU_ERROR_COMMAND_NOT_FOUND:
        return "CommandNotFound";
    case QEMU_ERROR_DEVICE_NOT_FOUND:
        return "DeviceNotFound";
    case QEMU_ERROR_DEVICE_NOT_ACTIVE:
        return "DeviceNotActive";
    default:
        return "GenericError";
    }
}

void error_set_class(GError **errp, QemuErrorClass cls, const char *fmt, ...)
{
    va_list ap;

    if (!errp) {
        return;
    }
    g_assert(*errp == NULL);
    va_start(ap, fmt);
    *errp = g_error_new_valist(QEMU_ERROR, cls, fmt, ap);
    va_end(ap);
}

void error_setg(GError **errp, const char *fmt, ...)
{
    va_list ap;

    if (!errp) {
        return;
    }
    g_assert(*errp == NULL);
    va_start(ap, fmt);
    *errp = g_error_new_valist(QEMU_ERROR, QEMU_ERROR_GENERIC, fmt, ap);
    va_end(ap);
}

void error_prepend(GError **errp, const char *fmt, ...)
{
    va_list ap;
    char *prefix, *msg;

    if (!errp || !*errp) {
        return;
    }
    va_start(ap, fmt);
    prefix = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    msg = g_strconcat(prefix, (*errp)->message, NULL);
    g_free((*errp)->message);
    (*errp)->message = msg;
    g_free(prefix);
}

void error_set_progname(const char *argv0)
{
    const char *slash = strrchr(argv0, '/');

    progname = slash ? slash + 1 : argv0;
}

const char *error_get_progname(void)
{
    return progname;
}

void loc_set_cmdline(const char *opt, const char *arg)
{
    g_free(loc_text);
    loc_text = arg ? g_strdup_printf("%s %s", opt, arg) : g_strdup(opt);
}

void loc_set_none(void)
{
    g_free(loc_text);
    loc_text = NULL;
}

static bool timestamps;
static char *guest_name;

void error_set_timestamps(bool on)
{
    timestamps = on;
}

void error_set_guest_name(const char *name)
{
    g_free(guest_name);
    guest_name = g_strdup(name);
}

static void vreport(const char *kind, const char *fmt, va_list ap)
{
    GString *s = g_string_new("");

    /* -msg timestamp=on: ISO 8601 UTC with microseconds, as QEMU. */
    if (timestamps) {
        g_autoptr(GDateTime) now = g_date_time_new_now_utc();
        g_autofree char *text = g_date_time_format(now, "%Y-%m-%dT%H:%M:%S");

        g_string_append_printf(s, "%s.%06dZ ", text,
                               g_date_time_get_microsecond(now));
    }
    if (guest_name) {
        g_string_append_printf(s, "%s ", guest_name);
    }
    g_string_append(s, progname);

    g_string_append(s, ": ");
    if (loc_text) {
        g_string_append_printf(s, "%s: ", loc_text);
    }
    g_string_append(s, kind);
    g_string_append_vprintf(s, fmt, ap);
    g_string_append_c(s, '\n');
    fputs(s->str, stderr);
    g_string_free(s, TRUE);
}

void error_vreport(const char *fmt, va_list ap)
{
    vreport("", fmt, ap);
}

void error_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport("", fmt, ap);
    va_end(ap);
}

void warn_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport("warning: ", fmt, ap);
    va_end(ap);
}

void info_report(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vreport("info: ", fmt, ap);
    va_end(ap);
}

void error_report_err(GError *err)
{
    error_report("%s", err->message);
    g_error_free(err);
}
