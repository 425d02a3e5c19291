/*
 * The monitor's view of the memory balloon: at most one device registers,
 * and QMP's `balloon`/`query-balloon` go to it.
 */
#include "qemu/osdep.h"
#include "hw/boards.h"
#include "sysemu/balloon.h"

static const BalloonOps *balloon_ops;
static void *balloon_opaque;

bool qemu_balloon_register(const BalloonOps *ops, void *opaque, GError **errp)
{
    if (balloon_ops) {
        error_setg(errp, "Only one balloon device is supported");
        return false;
    }
    balloon_ops = ops;
    balloon_opaque = opaque;
    return true;
}

void qemu_balloon_unregister(void *opaque)
{
    if (balloon_opaque == opaque) {
        balloon_ops = NULL;
        balloon_opaque = NULL;
    }
}

static bool balloon_active(GError **errp)
{
    if (!balloon_ops) {
        error_set_class(errp, QEMU_ERROR_DEVICE_NOT_ACTIVE,
                        "No balloon device has been activated");
        return false;
    }
    return true;
}

bool qemu_balloon_set(int64_t target, GError **errp)
{
    MachineState *ms = qdev_get_machine();

    if (!balloon_active(errp)) {
        return false;
    }
    if (target <= 0) {
        error_setg(errp, "Parameter 'target' expects a size");
        return false;
    }
    /* More than the RAM there is means "give it all back". */
    balloon_ops->set_target(balloon_opaque,
                            MIN((uint64_t)target, ms->ram_size));
    return true;
}

bool qemu_balloon_query(uint64_t *actual, GError **errp)
{
    if (!balloon_active(errp)) {
        return false;
    }
    *actual = balloon_ops->get_actual(balloon_opaque);
    return true;
}
