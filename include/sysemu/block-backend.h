/*
 * Block backends: what a device (virtio-blk) attaches to. A backend has a
 * name (-drive id=), a root node, the cache mode's write-cache setting,
 * and one I/O thread: requests run there in submission order and their
 * callbacks run later, with the big lock held, on that thread (when the
 * lock is free) or on the main loop.
 */
#ifndef SYSEMU_BLOCK_BACKEND_H
#define SYSEMU_BLOCK_BACKEND_H

#include "block/block.h"

typedef struct BlockBackend BlockBackend;
/* ret is 0 or -errno. */
typedef void BlockCompletionFunc(void *opaque, int ret);

/* A backend on root (takes the caller's reference); name may be NULL. */
BlockBackend *blk_new(const char *name, BlockDriverState *root);
BlockBackend *blk_by_name(const char *name);
/* Call fn on every backend, in creation order. */
void blk_foreach(void (*fn)(BlockBackend *blk, void *opaque), void *opaque);
/* The device attached (a DeviceState), or NULL. */
void *blk_get_attached_dev(BlockBackend *blk);
const char *blk_name(BlockBackend *blk);
BlockDriverState *blk_bs(BlockBackend *blk);
/* Claim for a device; false if another device has it. */
bool blk_attach_dev(BlockBackend *blk, void *dev);
bool blk_is_read_only(BlockBackend *blk);
int64_t blk_getlength(BlockBackend *blk);
/* Write cache on (writeback) or off (writethrough: flush every write). */
void blk_set_enable_write_cache(BlockBackend *blk, bool wce);
bool blk_enable_write_cache(BlockBackend *blk);

/*
 * Asynchronous requests. Reads and writes transfer the buffers of iov,
 * back to back on the disk from offset; iov (the array and the buffers)
 * must stay valid until cb runs.
 */
void blk_aio_preadv(BlockBackend *blk, uint64_t offset, const struct iovec *iov,
                    int niov, BlockCompletionFunc *cb, void *opaque);
void blk_aio_pwritev(BlockBackend *blk, uint64_t offset,
                     const struct iovec *iov, int niov, BlockCompletionFunc *cb,
                     void *opaque);
void blk_aio_flush(BlockBackend *blk, BlockCompletionFunc *cb, void *opaque);
void blk_aio_discard(BlockBackend *blk, uint64_t offset, uint64_t len,
                     BlockCompletionFunc *cb, void *opaque);
void blk_aio_write_zeroes(BlockBackend *blk, uint64_t offset, uint64_t len,
                          bool unmap, BlockCompletionFunc *cb, void *opaque);
/* Wait until every submitted request has completed (callbacks run). */
void blk_drain(BlockBackend *blk);

#endif
