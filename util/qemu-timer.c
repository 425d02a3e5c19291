/*
 * Timers on the realtime, virtual and host clocks.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "qemu/main-loop.h"

/* Pending timers of each clock, sorted by expiry. */
static GList *active_timers[QEMU_CLOCK_MAX];

/* Provided by softmmu/cpu-timers.c */
int64_t cpu_get_virtual_clock(void);

int64_t qemu_clock_get_ns(QEMUClockType type)
{
    switch (type) {
    case QEMU_CLOCK_REALTIME:
        return g_get_monotonic_time() * 1000;
    case QEMU_CLOCK_VIRTUAL:
        return cpu_get_virtual_clock();
    case QEMU_CLOCK_HOST:
        return g_get_real_time() * 1000;
    default:
        g_assert_not_reached();
    }
}

void timer_init_ns(QEMUTimer *ts, QEMUClockType type, QEMUTimerCB *cb,
                   void *opaque)
{
    ts->type = type;
    ts->cb = cb;
    ts->opaque = opaque;
    ts->expire_time = -1;
}

QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
    QEMUTimer *ts = g_new0(QEMUTimer, 1);

    timer_init_ns(ts, type, cb, opaque);
    return ts;
}

static gint timer_cmp(gconstpointer a, gconstpointer b)
{
    const QEMUTimer *x = a, *y = b;

    return x->expire_time < y->expire_time ? -1
                                           : x->expire_time > y->expire_time;
}

void timer_del(QEMUTimer *ts)
{
    if (ts->expire_time >= 0) {
        active_timers[ts->type] = g_list_remove(active_timers[ts->type], ts);
        ts->expire_time = -1;
    }
}

int64_t qemu_timer_deadline_add(int64_t now, uint64_t delta_ns)
{
    if (now < 0) {
        now = 0;
    }
    if (delta_ns >= (uint64_t)(QEMU_TIMER_NEVER - now)) {
        return QEMU_TIMER_NEVER;
    }
    return now + (int64_t)delta_ns;
}

void timer_mod(QEMUTimer *ts, int64_t expire_ns)
{
    timer_del(ts);
    if (expire_ns >= QEMU_TIMER_NEVER) {
        return; /* never comes */
    }
    ts->expire_time = MAX(expire_ns, 0);
    active_timers[ts->type] =
        g_list_insert_sorted(active_timers[ts->type], ts, timer_cmp);
    if (active_timers[ts->type]->data == ts) {
        qemu_notify_event(); /* the main loop may sleep too long */
    }
}

bool timer_pending(QEMUTimer *ts)
{
    return ts->expire_time >= 0;
}

int64_t timer_expire_time_ns(QEMUTimer *ts)
{
    return ts->expire_time;
}

void timer_free(QEMUTimer *ts)
{
    if (ts) {
        timer_del(ts);
        g_free(ts);
    }
}

int64_t qemu_clock_next_expiry(QEMUClockType type)
{
    GList *first = active_timers[type];

    return first ? ((QEMUTimer *)first->data)->expire_time : -1;
}

int64_t qemu_clock_deadline_ns(QEMUClockType type)
{
    int64_t next = qemu_clock_next_expiry(type);

    if (next < 0) {
        return -1;
    }
    return MAX(next - qemu_clock_get_ns(type), 0);
}

int qemu_timers_timeout_ms(void)
{
    int64_t best = -1;

    for (int t = 0; t < QEMU_CLOCK_MAX; t++) {
        int64_t d;

        if (t == QEMU_CLOCK_VIRTUAL && qemu_clock_is_manual()) {
            continue;
        }
        d = qemu_clock_deadline_ns(t);
        if (d >= 0 && (best < 0 || d < best)) {
            best = d;
        }
    }
    if (best < 0) {
        return -1;
    }
    /* Round up without adding to best, which may be near INT64_MAX. */
    best = best / 1000000 + (best % 1000000 != 0);
    return (int)MIN(best, INT32_MAX);
}

bool qemu_clock_run_timers(QEMUClockType type)
{
    int64_t now = qemu_clock_get_ns(type);
    bool ran = false;

    /* A callback may modify or delete any timer: re-read the head each time. */
    while (active_timers[type]) {
        QEMUTimer *ts = active_timers[type]->data;

        if (ts->expire_time > now) {
            break;
        }
        timer_del(ts);
        ts->cb(ts->opaque);
        ran = true;
    }
    return ran;
}

bool qemu_clock_run_all_timers(void)
{
    bool ran = false;

    for (int t = 0; t < QEMU_CLOCK_MAX; t++) {
        ran |= qemu_clock_run_timers(t);
    }
    return ran;
}
