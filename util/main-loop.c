/*
 * The main loop: GLib's default context, poll hooks, QEMU timers and
 * bottom halves, with the big lock released only while sleeping in poll().
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"

struct QEMUBH {
    QEMUBHFunc *cb;
    void *opaque;
    gint scheduled; /* atomic: set from any thread */
    bool deleted;
};

static GMutex bql;
static __thread bool bql_held;
static gint bql_waiters; /* threads blocked in qemu_mutex_lock_iothread */
static GMutex bh_lock;
static GPtrArray *bhs;
static GArray *poll_fds;

typedef struct PollHookEntry {
    const MainLoopPollHook *hook; /* NULL once removed */
    void *opaque;
    bool filled;    /* it filled this iteration (not added since) */
    guint first, n; /* its GPollFDs in poll_fds this iteration */
} PollHookEntry;

static GPtrArray *poll_hooks;

void qemu_mutex_lock_iothread(void)
{
    /* Announce the wait so a vCPU thread running guest code yields. */
    g_atomic_int_inc(&bql_waiters);
    g_mutex_lock(&bql);
    g_atomic_int_dec_and_test(&bql_waiters);
    bql_held = true;
}

bool qemu_mutex_trylock_iothread(void)
{
    if (!g_mutex_trylock(&bql)) {
        return false;
    }
    bql_held = true;
    return true;
}

bool qemu_iothread_lock_wanted(void)
{
    return g_atomic_int_get(&bql_waiters) > 0;
}

void qemu_cond_wait_iothread(GCond *cond)
{
    bql_held = false;
    g_cond_wait(cond, &bql);
    bql_held = true;
}

void qemu_cond_timedwait_iothread(GCond *cond, int ms)
{
    bql_held = false;
    g_cond_wait_until(cond, &bql, g_get_monotonic_time() + ms * 1000);
    bql_held = true;
}

void qemu_mutex_unlock_iothread(void)
{
    bql_held = false;
    g_mutex_unlock(&bql);
}

bool qemu_mutex_iothread_locked(void)
{
    return bql_held;
}

bool qemu_mutex_lock_iothread_if_unlocked(void)
{
    if (bql_held) {
        return false;
    }
    qemu_mutex_lock_iothread();
    return true;
}

void qemu_mutex_unlock_iothread_if(bool taken)
{
    if (taken) {
        qemu_mutex_unlock_iothread();
    }
}

void qemu_init_main_loop(void)
{
    if (!poll_fds) {
        poll_fds = g_array_new(FALSE, FALSE, sizeof(GPollFD));
        bhs = g_ptr_array_new();
        poll_hooks = g_ptr_array_new_with_free_func(g_free);
        qemu_mutex_lock_iothread();
    }
}

void qemu_notify_event(void)
{
    g_main_context_wakeup(g_main_context_default());
}

QEMUBH *qemu_bh_new(QEMUBHFunc *cb, void *opaque)
{
    QEMUBH *bh = g_new0(QEMUBH, 1);

    bh->cb = cb;
    bh->opaque = opaque;
    qemu_init_main_loop();
    g_mutex_lock(&bh_lock);
    g_ptr_array_add(bhs, bh);
    g_mutex_unlock(&bh_lock);
    return bh;
}

void qemu_bh_schedule(QEMUBH *bh)
{
    g_atomic_int_set(&bh->scheduled, 1);
    qemu_notify_event();
}

void qemu_bh_cancel(QEMUBH *bh)
{
    g_atomic_int_set(&bh->scheduled, 0);
}

void qemu_bh_delete(QEMUBH *bh)
{
    g_atomic_int_set(&bh->scheduled, 0);
    bh->deleted = true; /* freed by the next bh_poll */
}

/* Run scheduled bottom halves; returns true if any ran. */
static bool bh_poll(void)
{
    bool ran = false;

    for (guint i = 0; i < bhs->len; i++) {
        QEMUBH *bh = bhs->pdata[i];

        if (g_atomic_int_compare_and_exchange(&bh->scheduled, 1, 0)) {
            bh->cb(bh->opaque);
            ran = true;
        }
    }
    g_mutex_lock(&bh_lock);
    for (guint i = bhs->len; i-- > 0;) {
        QEMUBH *bh = bhs->pdata[i];

        if (bh->deleted) {
            g_ptr_array_remove_index(bhs, i);
            g_free(bh);
        }
    }
    g_mutex_unlock(&bh_lock);
    return ran;
}

static bool bh_pending(void)
{
    for (guint i = 0; i < bhs->len; i++) {
        if (g_atomic_int_get(&((QEMUBH *)bhs->pdata[i])->scheduled)) {
            return true;
        }
    }
    return false;
}

void main_loop_add_poll_hook(const MainLoopPollHook *hook, void *opaque)
{
    PollHookEntry *e = g_new0(PollHookEntry, 1);

    e->hook = hook;
    e->opaque = opaque;
    qemu_init_main_loop();
    g_ptr_array_add(poll_hooks, e);
}

/* Forgotten at once; the entry goes at the next iteration's fill. */
void main_loop_remove_poll_hook(const MainLoopPollHook *hook, void *opaque)
{
    for (guint i = 0; i < poll_hooks->len; i++) {
        PollHookEntry *e = poll_hooks->pdata[i];

        if (e->hook == hook && e->opaque == opaque) {
            e->hook = NULL;
            return;
        }
    }
}

/* Append the hooks' GPollFDs to poll_fds, lowering *timeout for them. */
static void poll_hooks_fill(int *timeout)
{
    for (guint i = poll_hooks->len; i-- > 0;) {
        if (!((PollHookEntry *)poll_hooks->pdata[i])->hook) {
            g_ptr_array_remove_index(poll_hooks, i);
        }
    }
    for (guint i = 0; i < poll_hooks->len; i++) {
        PollHookEntry *e = poll_hooks->pdata[i];
        int t = -1;

        e->filled = true;
        e->first = poll_fds->len;
        e->hook->fill(e->opaque, poll_fds, &t);
        e->n = poll_fds->len - e->first;
        if (t >= 0 && (*timeout < 0 || t < *timeout)) {
            *timeout = t;
        }
    }
}

static void poll_hooks_dispatch(bool failed)
{
    for (guint i = 0; i < poll_hooks->len; i++) {
        PollHookEntry *e = poll_hooks->pdata[i];

        if (e->hook && e->filled) {
            e->hook->dispatch(e->opaque,
                              &g_array_index(poll_fds, GPollFD, e->first), e->n,
                              failed);
        }
    }
}

void main_loop_wait(bool nonblocking)
{
    GMainContext *ctx = g_main_context_default();
    gint max_priority, timeout, n, ret;

    qemu_init_main_loop();
    g_main_context_acquire(ctx);
    g_main_context_prepare(ctx, &max_priority);
    for (;;) {
        n = g_main_context_query(ctx, max_priority, &timeout,
                                 (GPollFD *)poll_fds->data, poll_fds->len);
        if ((guint)n <= poll_fds->len) {
            break;
        }
        g_array_set_size(poll_fds, n);
    }
    g_array_set_size(poll_fds, n);
    poll_hooks_fill(&timeout);
    if (nonblocking || bh_pending()) {
        timeout = 0;
    } else {
        int t = qemu_timers_timeout_ms();

        if (t >= 0 && (timeout < 0 || t < timeout)) {
            timeout = t;
        }
    }
    qemu_mutex_unlock_iothread();
    ret = g_poll((GPollFD *)poll_fds->data, poll_fds->len, timeout);
    qemu_mutex_lock_iothread();
    poll_hooks_dispatch(ret < 0);
    if (g_main_context_check(ctx, max_priority, (GPollFD *)poll_fds->data, n)) {
        g_main_context_dispatch(ctx);
    }
    g_main_context_release(ctx);
    qemu_clock_run_all_timers();
    bh_poll();
}
