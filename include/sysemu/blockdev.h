/*
 * The block options of the command line: -drive, -blockdev, -snapshot.
 */
#ifndef SYSEMU_BLOCKDEV_H
#define SYSEMU_BLOCKDEV_H

#include "sysemu/block-backend.h"

/*
 * -drive file=,format=raw|qcow2,if=virtio|pflash|none,unit=,id=,readonly=,
 * cache=writeback|none|writethrough|unsafe,discard=ignore|unmap,snapshot=.
 * For if=virtio, *device is set to the -device options of the disk to
 * create (freed by the caller), otherwise NULL. if=pflash drives are the
 * machine's to take by unit (0-7; unit= or the first free one), named
 * pflashN unless id= names them.
 */
BlockBackend *drive_new(const char *optstr, bool snapshot, char **device,
                        GError **errp);
/* The if=pflash drive of that unit, or NULL. */
BlockBackend *drive_get_pflash(unsigned unit);
/* -blockdev driver=file|raw|qcow2,node-name=,... */
BlockDriverState *blockdev_new(const char *optstr, GError **errp);

#endif
