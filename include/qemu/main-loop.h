/*
 * The main loop: GLib's default GMainContext (fd watches, sources) plus
 * QEMU timers and bottom halves. The big lock is held everywhere except
 * while the loop sleeps in poll().
 */
#ifndef QEMU_MAIN_LOOP_H
#define QEMU_MAIN_LOOP_H

#include "qemu/osdep.h"

void qemu_init_main_loop(void);
/* One iteration: poll (unless nonblocking), dispatch, timers, BHs. */
void main_loop_wait(bool nonblocking);
/* Wake the main loop from another thread. */
void qemu_notify_event(void);

typedef void QEMUBHFunc(void *opaque);
typedef struct QEMUBH QEMUBH;
QEMUBH *qemu_bh_new(QEMUBHFunc *cb, void *opaque);
/* Run cb once, soon, from the main loop; safe from any thread. */
void qemu_bh_schedule(QEMUBH *bh);
void qemu_bh_cancel(QEMUBH *bh);
void qemu_bh_delete(QEMUBH *bh);

void qemu_mutex_lock_iothread(void);
void qemu_mutex_unlock_iothread(void);
/* Take the big lock if no thread holds it; false (not taken) otherwise. */
bool qemu_mutex_trylock_iothread(void);
bool qemu_mutex_iothread_locked(void);
/*
 * For code that vCPU threads may run without the lock (MMIO, CSRs under
 * -accel tcg,thread=multi): take it unless this thread holds it already;
 * pass the result to qemu_mutex_unlock_iothread_if().
 */
bool qemu_mutex_lock_iothread_if_unlocked(void);
void qemu_mutex_unlock_iothread_if(bool taken);
/* Is a thread waiting for the lock (the vCPU thread then yields it)? */
bool qemu_iothread_lock_wanted(void);
/* Wait on cond, releasing the lock meanwhile. */
void qemu_cond_wait_iothread(GCond *cond);
void qemu_cond_timedwait_iothread(GCond *cond, int ms);

#endif
