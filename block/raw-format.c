/*
 * The "raw" format: the guest sees the child node's bytes as they are.
 */
#include "qemu/osdep.h"
#include "block/block.h"

static bool raw_open(BlockDriverState *bs, GHashTable *opts, GError **errp)
{
    bs->filename = g_strdup(bs->file->filename);
    return true;
}

static int raw_pread(BlockDriverState *bs, uint64_t offset, void *buf,
                     uint64_t len)
{
    return bdrv_pread(bs->file, offset, buf, len);
}

static int raw_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                      uint64_t len)
{
    return bdrv_pwrite(bs->file, offset, buf, len);
}

static int raw_preadv(BlockDriverState *bs, uint64_t offset,
                      const struct iovec *iov, int niov)
{
    return bdrv_preadv(bs->file, offset, iov, niov);
}

static int raw_pwritev(BlockDriverState *bs, uint64_t offset,
                       const struct iovec *iov, int niov)
{
    return bdrv_pwritev(bs->file, offset, iov, niov);
}

static int raw_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    return bdrv_discard(bs->file, offset, len);
}

static int raw_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len,
                            bool unmap)
{
    return bdrv_write_zeroes(bs->file, offset, len, unmap);
}

static int64_t raw_getlength(BlockDriverState *bs)
{
    return bdrv_getlength(bs->file);
}

const BlockDriver bdrv_raw = {
    .format_name = "raw",
    .is_format = true,
    .open = raw_open,
    .pread = raw_pread,
    .pwrite = raw_pwrite,
    .preadv = raw_preadv,
    .pwritev = raw_pwritev,
    .discard = raw_discard,
    .write_zeroes = raw_write_zeroes,
    .getlength = raw_getlength,
};
