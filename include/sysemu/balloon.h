/*
 * The VM's memory balloon, as the monitor sees it (QMP `balloon`,
 * `query-balloon`): one balloon device registers here.
 */
#ifndef SYSEMU_BALLOON_H
#define SYSEMU_BALLOON_H

#include "qemu/osdep.h"

typedef struct BalloonOps {
    /* Ask the guest to leave it target bytes of RAM. */
    void (*set_target)(void *opaque, uint64_t target);
    /* The bytes of RAM the guest has now (RAM size minus its balloon). */
    uint64_t (*get_actual)(void *opaque);
} BalloonOps;

/* False (with QEMU's error) if a balloon is already registered. */
bool qemu_balloon_register(const BalloonOps *ops, void *opaque, GError **errp);
void qemu_balloon_unregister(void *opaque);

/* The monitor's side; errors as QEMU 7.2's (DeviceNotActive, ...). */
bool qemu_balloon_set(int64_t target, GError **errp);
bool qemu_balloon_query(uint64_t *actual, GError **errp);

#endif
