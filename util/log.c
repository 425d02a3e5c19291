/*
 * -d ITEMS and -D FILE: debug logging.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"

int qemu_loglevel;
static FILE *logfile;
static GMutex log_lock;

static const struct {
    int mask;
    const char *name;
    const char *help;
} log_items[] = {
    { CPU_LOG_TB_OUT_ASM, "out_asm", "show generated host code" },
    { CPU_LOG_TB_IN_ASM, "in_asm",
      "show target assembly code for each compiled block" },
    { CPU_LOG_TB_OP, "op", "show the decoded operations of each block" },
    { CPU_LOG_INT, "int", "show interrupts/exceptions in short format" },
    { CPU_LOG_EXEC, "exec", "show trace before each executed block" },
    { CPU_LOG_TB_CPU, "cpu", "show CPU registers before entering a block" },
    { LOG_GUEST_ERROR, "guest_errors",
      "log when the guest OS does something invalid (eg accessing a\n"
      "non-existent register)" },
    { LOG_UNIMP, "unimp", "log unimplemented functionality" },
};

void qemu_log(const char *fmt, ...)
{
    va_list ap;
    FILE *f = logfile ? logfile : stderr;

    g_mutex_lock(&log_lock);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fflush(f);
    g_mutex_unlock(&log_lock);
}

bool qemu_set_log_items(const char *items, GError **errp)
{
    g_auto(GStrv) parts = g_strsplit(items, ",", -1);
    int mask = 0;

    if (!parts[0]) {
        error_setg(errp, "No log items given: use -d help for a list");
        return false;
    }
    for (int i = 0; parts[i]; i++) {
        size_t j;

        if (!parts[i][0]) {
            error_setg(errp, "Empty log item: use -d help for a list");
            return false;
        }
        if (!strcmp(parts[i], "all")) {
            for (j = 0; j < ARRAY_SIZE(log_items); j++) {
                mask |= log_items[j].mask;
            }
            continue;
        }
        for (j = 0; j < ARRAY_SIZE(log_items); j++) {
            if (!strcmp(parts[i], log_items[j].name)) {
                mask |= log_items[j].mask;
                break;
            }
        }
        if (j == ARRAY_SIZE(log_items)) {
            error_setg(errp, "Unknown log item '%s': use -d help for a list",
                       parts[i]);
            return false;
        }
    }
    qemu_loglevel = mask;
    return true;
}

bool qemu_set_log_filename(const char *filename, GError **errp)
{
    FILE *f = fopen(filename, "w");

    if (!f) {
        error_setg(errp, "could not open log file '%s': %s", filename,
                   g_strerror(errno));
        return false;
    }
    if (logfile) {
        fclose(logfile);
    }
    logfile = f;
    return true;
}

void qemu_print_log_usage(FILE *f)
{
    fprintf(f, "Log items (comma separated):\n");
    for (size_t i = 0; i < ARRAY_SIZE(log_items); i++) {
        fprintf(f, "%-15s %s\n", log_items[i].name, log_items[i].help);
    }
}
