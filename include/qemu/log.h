/*
 * Debug logging selected with -d ITEMS, written to stderr or -D FILE.
 */
#ifndef QEMU_LOG_H
#define QEMU_LOG_H

#include "qemu/osdep.h"

#define CPU_LOG_TB_OUT_ASM (1 << 0)
#define CPU_LOG_TB_IN_ASM (1 << 1)
#define CPU_LOG_TB_OP (1 << 2)
#define CPU_LOG_INT (1 << 4)
#define CPU_LOG_EXEC (1 << 5)
#define CPU_LOG_TB_CPU (1 << 8)
#define LOG_GUEST_ERROR (1 << 11)
#define LOG_UNIMP (1 << 10)

extern int qemu_loglevel;

static inline bool qemu_loglevel_mask(int mask)
{
    return (qemu_loglevel & mask) != 0;
}

void qemu_log(const char *fmt, ...) G_GNUC_PRINTF(1, 2);

#define qemu_log_mask(MASK, FMT, ...)                  \
    do {                                               \
        if (unlikely(qemu_loglevel_mask(MASK))) {      \
            qemu_log(FMT, ##__VA_ARGS__);              \
        }                                              \
    } while (0)

/* Parse a -d list ("guest_errors,int"); false with *errp on an unknown item. */
bool qemu_set_log_items(const char *items, GError **errp);
/* Send the log to FILE instead of stderr (-D). */
bool qemu_set_log_filename(const char *filename, GError **errp);
/* Print the -d help listing. */
void qemu_print_log_usage(FILE *f);

#endif
