/*
 * The virtual clock's source: host time that stands still while the VM
 * is stopped, or (under the qtest accelerator) a value set by the test.
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"

static struct {
    bool enabled;   /* the VM runs */
    int64_t offset; /* virtual = realtime + offset while enabled */
    int64_t frozen; /* virtual time while disabled */
    bool manual;    /* qtest: moves only on clock_step/clock_set */
    int64_t manual_ns;
} vclock;

int64_t cpu_get_virtual_clock(void);

int64_t cpu_get_virtual_clock(void)
{
    if (vclock.manual) {
        return vclock.manual_ns;
    }
    if (!vclock.enabled) {
        return vclock.frozen;
    }
    return qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + vclock.offset;
}

void cpu_enable_ticks(void)
{
    if (!vclock.enabled) {
        vclock.offset = vclock.frozen - qemu_clock_get_ns(QEMU_CLOCK_REALTIME);
        vclock.enabled = true;
    }
}

void cpu_disable_ticks(void)
{
    if (vclock.enabled) {
        vclock.frozen = cpu_get_virtual_clock();
        vclock.enabled = false;
    }
}

void qemu_clock_set_manual(bool manual)
{
    vclock.manual = manual;
}

bool qemu_clock_is_manual(void)
{
    return vclock.manual;
}

void qemu_clock_advance_manual(int64_t dest)
{
    /* Step through each deadline so timers see the time they asked for. */
    for (;;) {
        int64_t next = qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL);

        if (next < 0 || next > dest) {
            break;
        }
        vclock.manual_ns = MAX(vclock.manual_ns, next);
        qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL);
    }
    vclock.manual_ns = MAX(vclock.manual_ns, dest);
    qemu_clock_run_timers(QEMU_CLOCK_VIRTUAL);
}

void qemu_clock_rewind_manual(void)
{
    g_assert(vclock.manual);
    g_assert(qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL) < 0);
    vclock.manual_ns = 0;
}
