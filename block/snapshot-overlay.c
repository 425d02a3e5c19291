/*
 * snapshot=on / -snapshot: a throw-away overlay. Writes go, a 4 KiB block
 * at a time, to a temporary file deleted as soon as it is created; a
 * bitmap says which blocks the overlay holds, the rest are read from the
 * base node, which is opened read-only and never written.
 */
#include "qemu/osdep.h"
#include "block/block.h"
#include <unistd.h>

#define OVERLAY_BLOCK 4096

typedef struct BDRVOverlayState {
    BlockDriverState *tmp; /* a "file" node on the deleted temp file */
    uint64_t length;
    unsigned long *written; /* one bit per block */
} BDRVOverlayState;

static bool block_written(BDRVOverlayState *s, uint64_t b)
{
    return s->written[b / (8 * sizeof(long))] >> (b % (8 * sizeof(long))) & 1;
}

static void mark_written(BDRVOverlayState *s, uint64_t b)
{
    s->written[b / (8 * sizeof(long))] |= 1ul << (b % (8 * sizeof(long)));
}

static int overlay_pread(BlockDriverState *bs, uint64_t offset, void *buf,
                         uint64_t len)
{
    BDRVOverlayState *s = bs->opaque;
    uint8_t *p = buf;

    while (len > 0) {
        uint64_t b = offset / OVERLAY_BLOCK;
        uint64_t l = MIN(len, OVERLAY_BLOCK - offset % OVERLAY_BLOCK);
        int r =
            b < DIV_ROUND_UP(s->length, OVERLAY_BLOCK) && block_written(s, b)
                ? bdrv_pread(s->tmp, offset, p, l)
                : bdrv_pread(bs->backing, offset, p, l);

        if (r < 0) {
            return r;
        }
        p += l;
        offset += l;
        len -= l;
    }
    return 0;
}

static int overlay_pwrite(BlockDriverState *bs, uint64_t offset,
                          const void *buf, uint64_t len)
{
    BDRVOverlayState *s = bs->opaque;
    const uint8_t *p = buf;
    uint8_t block[OVERLAY_BLOCK];

    if (offset + len > s->length) {
        return -EINVAL;
    }
    while (len > 0) {
        uint64_t b = offset / OVERLAY_BLOCK;
        uint64_t in = offset % OVERLAY_BLOCK;
        uint64_t l = MIN(len, OVERLAY_BLOCK - in);
        int r;

        /* A partial first write of a block copies the base's block in. */
        if (l < OVERLAY_BLOCK && !block_written(s, b)) {
            r = overlay_pread(bs, offset - in, block, OVERLAY_BLOCK);
            memcpy(block + in, p, l);
            r = r ? r : bdrv_pwrite(s->tmp, offset - in, block, OVERLAY_BLOCK);
        } else {
            r = bdrv_pwrite(s->tmp, offset, p, l);
        }
        if (r < 0) {
            return r;
        }
        mark_written(s, b);
        p += l;
        offset += l;
        len -= l;
    }
    return 0;
}

static int64_t overlay_getlength(BlockDriverState *bs)
{
    return ((BDRVOverlayState *)bs->opaque)->length;
}

static void overlay_close(BlockDriverState *bs)
{
    BDRVOverlayState *s = bs->opaque;

    bdrv_unref(s->tmp);
    g_free(s->written);
}

const BlockDriver bdrv_snapshot_overlay = {
    .format_name = "snapshot-overlay",
    .instance_size = sizeof(BDRVOverlayState),
    .close = overlay_close,
    .pread = overlay_pread,
    .pwrite = overlay_pwrite,
    .getlength = overlay_getlength,
};

BlockDriverState *bdrv_new_snapshot_overlay(BlockDriverState *base,
                                            GError **errp)
{
    g_autoptr(GHashTable) opts =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    g_autofree char *path = NULL;
    BlockDriverState *bs;
    BDRVOverlayState *s;
    int64_t len = bdrv_getlength(base);
    int fd;

    if (len < 0) {
        error_setg(errp, "Could not get the size of '%s': %s", base->filename,
                   g_strerror(-len));
        return NULL;
    }
    fd = g_file_open_tmp("qemu-riscv-snapshot-XXXXXX", &path, errp);
    if (fd < 0) {
        return NULL;
    }
    close(fd);
    g_hash_table_insert(opts, "driver", g_strdup("file"));
    g_hash_table_insert(opts, "filename", g_strdup(path));
    bs = bdrv_new_node(&bdrv_snapshot_overlay);
    s = bs->opaque;
    s->tmp = bdrv_open_opts(opts, errp);
    unlink(path);
    if (!s->tmp) {
        bdrv_unref(bs);
        return NULL;
    }
    s->length = len;
    s->written = g_new0(
        unsigned long,
        DIV_ROUND_UP(DIV_ROUND_UP(len, OVERLAY_BLOCK), 8 * sizeof(long)) + 1);
    bs->backing = base;
    bs->filename = g_strdup(base->filename);
    return bs;
}
