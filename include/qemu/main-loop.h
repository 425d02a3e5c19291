/*
 * The main loop: GLib's default GMainContext (fd watches, sources), poll
 * hooks, QEMU timers and bottom halves. The big lock is held everywhere except
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

/*
 * A poll hook puts file descriptors into every poll of the main loop
 * without a GSource, for a user whose descriptors change from one
 * iteration to the next and who must run every iteration (slirp): GLib
 * wakes its context up on each poll a source adds or removes, and a
 * source ready every iteration starves the lower priorities. Before the
 * poll, fill appends GPollFDs (revents 0) to fds and may set *timeout_ms
 * (-1 when called: no limit) to bound the sleep; after it, dispatch gets
 * the same GPollFDs back with their revents (failed: the poll itself
 * failed, e.g. EINTR). Both run on the main loop thread, big lock held,
 * dispatch before GLib's sources.
 */
typedef struct MainLoopPollHook {
    void (*fill)(void *opaque, GArray *fds, int *timeout_ms);
    void (*dispatch)(void *opaque, const GPollFD *fds, guint n, bool failed);
} MainLoopPollHook;
void main_loop_add_poll_hook(const MainLoopPollHook *hook, void *opaque);
/* Safe from inside a hook or a GSource: it is not called again. */
void main_loop_remove_poll_hook(const MainLoopPollHook *hook, void *opaque);

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
