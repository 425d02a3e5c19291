/*
 * -rtc base=utc|localtime|DATE: where the guest's real-time clock starts,
 * as an offset from host UTC that RTC models add to QEMU_CLOCK_HOST; and
 * -rtc clock=host|rt|vm: the clock the PC's RTC (mc146818rtc) runs on
 * from there (the virtual clock stands still with the VM and, under
 * qtest, moves by clock_step). The goldfish RTC follows the host clock.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/rtc.h"

static int64_t base_offset_sec;
static QEMUClockType rtc_clock = QEMU_CLOCK_HOST;

QEMUClockType rtc_clock_type(void)
{
    return rtc_clock;
}

bool rtc_set_clock(const char *name, GError **errp)
{
    static const struct {
        const char *name;
        QEMUClockType type;
    } clocks[] = {
        { "host", QEMU_CLOCK_HOST },
        { "rt", QEMU_CLOCK_REALTIME },
        { "vm", QEMU_CLOCK_VIRTUAL },
    };

    for (size_t i = 0; i < G_N_ELEMENTS(clocks); i++) {
        if (!strcmp(name, clocks[i].name)) {
            rtc_clock = clocks[i].type;
            return true;
        }
    }
    error_setg(errp, "invalid option value '%s'", name);
    return false;
}

int64_t rtc_base_offset_sec(void)
{
    return base_offset_sec;
}

/* In ns, up to about 146 years either way (the rest of an int64_t's). */
int64_t rtc_base_offset_ns(void)
{
    const int64_t max_sec = INT64_MAX / 2 / NANOSECONDS_PER_SECOND;

    return MAX(MIN(base_offset_sec, max_sec), -max_sec) *
           NANOSECONDS_PER_SECOND;
}

/* "2006-06-17T16:01:21" or "2006-06-17", taken as UTC, as QEMU reads it. */
static bool parse_date(const char *s, int64_t *secs)
{
    g_autoptr(GDateTime) dt = NULL;
    g_autoptr(GTimeZone) utc = g_time_zone_new_utc();
    int y, mo, d, h = 0, mi = 0, sec = 0, n = 0;

    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
               &n) != 6 ||
        s[n]) {
        n = 0;
        h = mi = sec = 0;
        if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || s[n]) {
            return false;
        }
    }
    dt = g_date_time_new(utc, y, mo, d, h, mi, sec);
    if (!dt) {
        return false;
    }
    *secs = g_date_time_to_unix(dt);
    return true;
}

bool rtc_set_base(const char *base, GError **errp)
{
    int64_t secs;

    if (!strcmp(base, "utc")) {
        base_offset_sec = 0;
    } else if (!strcmp(base, "localtime")) {
        g_autoptr(GDateTime) now = g_date_time_new_now_local();

        base_offset_sec = g_date_time_get_utc_offset(now) / G_USEC_PER_SEC;
    } else if (parse_date(base, &secs)) {
        base_offset_sec = secs - g_get_real_time() / G_USEC_PER_SEC;
    } else {
        error_setg(errp, "invalid datetime format (valid formats: "
                         "'2006-06-17T16:01:21' or '2006-06-17')");
        return false;
    }
    return true;
}
