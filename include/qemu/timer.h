/*
 * Clocks and timers.
 *
 * QEMU_CLOCK_VIRTUAL is guest time in nanoseconds: it stands still while
 * the VM is stopped, and under the qtest accelerator it moves only on
 * clock_step/clock_set. QEMU_CLOCK_REALTIME is host monotonic time and
 * QEMU_CLOCK_HOST host wall-clock time (for RTCs).
 */
#ifndef QEMU_TIMER_H
#define QEMU_TIMER_H

#include "qemu/osdep.h"

#define NANOSECONDS_PER_SECOND 1000000000LL

typedef enum {
    QEMU_CLOCK_REALTIME,
    QEMU_CLOCK_VIRTUAL,
    QEMU_CLOCK_HOST,
    QEMU_CLOCK_MAX,
} QEMUClockType;

/*
 * The deadline rule every timer user shares: a deadline at QEMU_TIMER_NEVER
 * (INT64_MAX) never comes, so timer_mod() to it just deletes the timer.
 * Compute "now + delta" with qemu_timer_deadline_add(), which saturates
 * there instead of overflowing (e.g. stimecmp or mtimecmp = -1).
 */
#define QEMU_TIMER_NEVER INT64_MAX

typedef void QEMUTimerCB(void *opaque);

typedef struct QEMUTimer {
    QEMUClockType type;
    int64_t expire_time; /* -1 while not pending */
    QEMUTimerCB *cb;
    void *opaque;
} QEMUTimer;

int64_t qemu_clock_get_ns(QEMUClockType type);

static inline int64_t qemu_clock_get_ms(QEMUClockType type)
{
    return qemu_clock_get_ns(type) / 1000000;
}

void timer_init_ns(QEMUTimer *ts, QEMUClockType type, QEMUTimerCB *cb,
                   void *opaque);
QEMUTimer *timer_new_ns(QEMUClockType type, QEMUTimerCB *cb, void *opaque);
/* now + delta_ns, or QEMU_TIMER_NEVER if that is at or past it. */
int64_t qemu_timer_deadline_add(int64_t now, uint64_t delta_ns);
/*
 * Fire cb once the clock reaches expire_ns (absolute); QEMU_TIMER_NEVER
 * deletes the timer.
 */
void timer_mod(QEMUTimer *ts, int64_t expire_ns);
void timer_del(QEMUTimer *ts);
bool timer_pending(QEMUTimer *ts);
int64_t timer_expire_time_ns(QEMUTimer *ts);
void timer_free(QEMUTimer *ts); /* for timer_new_ns() timers */

/* Nanoseconds until the next timer of this clock fires, or -1 if none. */
int64_t qemu_clock_deadline_ns(QEMUClockType type);
/* The absolute time of the next timer of this clock, or -1 if none. */
int64_t qemu_clock_next_expiry(QEMUClockType type);
/*
 * The main loop's poll timeout: milliseconds (rounded up, at most
 * INT32_MAX) until the next timer of any clock fires, or -1 if none is
 * armed. The manual (qtest) virtual clock is left out: only clock_step
 * moves it.
 */
int qemu_timers_timeout_ms(void);
/* Run every expired timer of the clock; true if any ran. */
bool qemu_clock_run_timers(QEMUClockType type);
bool qemu_clock_run_all_timers(void);

/*
 * The virtual clock's source. Normally host monotonic time minus the time
 * spent stopped; the qtest accelerator replaces it with a settable value.
 */
void cpu_enable_ticks(void);             /* the VM runs: the clock moves */
void cpu_disable_ticks(void);            /* the VM stops: the clock freezes */
void qemu_clock_set_manual(bool manual); /* qtest */
bool qemu_clock_is_manual(void);
/* qtest: move the virtual clock to dest, running timers on the way. */
void qemu_clock_advance_manual(int64_t dest);
/*
 * qtest: back to time 0, so that the fuzzers start each input at the same
 * time. Only with no virtual timer pending (after a system reset).
 */
void qemu_clock_rewind_manual(void);

#endif
