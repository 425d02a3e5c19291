/*
 * The -rtc option (softmmu/rtc-base.c).
 */
#ifndef SYSEMU_RTC_H
#define SYSEMU_RTC_H

#include "qemu/osdep.h"
#include "qemu/timer.h"

/* base=utc|localtime|YYYY-MM-DD[THH:MM:SS]; false with *errp otherwise. */
bool rtc_set_base(const char *base, GError **errp);
/* Guest RTC time = host UTC + this, at start-up and after a reset. */
int64_t rtc_base_offset_sec(void);
/* The same in ns, clamped to +-146 years (any date works in seconds). */
int64_t rtc_base_offset_ns(void);
/* clock=host|rt|vm; false with *errp otherwise. */
bool rtc_set_clock(const char *name, GError **errp);
/* The clock the PC's RTC follows (host unless -rtc clock=). */
QEMUClockType rtc_clock_type(void);

#endif
