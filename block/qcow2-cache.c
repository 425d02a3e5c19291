/*
 * qcow2 table cache: the most recently used L2 tables and refcount blocks
 * in memory. It is write-through: a change reaches the image file before
 * the call returns, so the file is always consistent up to the ordering
 * the callers choose (data, then refcounts, then the table that points).
 */
#include "qemu/osdep.h"
#include "block/qcow2.h"

static int cache_slot(Qcow2Cache *c, uint64_t offset)
{
    int victim = 0;

    for (int i = 0; i < QCOW2_CACHE_SIZE; i++) {
        if (c->offset[i] == offset) {
            return i;
        }
        if (c->used[i] < c->used[victim]) {
            victim = i;
        }
    }
    return -1 - victim;
}

static uint8_t *cache_take(BlockDriverState *bs, Qcow2Cache *c, int victim,
                           uint64_t offset)
{
    BDRVQcow2State *s = bs->opaque;

    if (!c->data[victim]) {
        c->data[victim] = g_malloc(s->cluster_size);
    }
    c->offset[victim] = 0;
    c->used[victim] = ++c->clock;
    return c->data[victim];
}

int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table)
{
    BDRVQcow2State *s = bs->opaque;
    int i = cache_slot(c, offset);
    int r;

    if (i >= 0) {
        c->used[i] = ++c->clock;
        *table = c->data[i];
        return 0;
    }
    i = -1 - i;
    *table = cache_take(bs, c, i, offset);
    r = bdrv_pread(bs->file, offset, *table, s->cluster_size);
    if (r == 0) {
        c->offset[i] = offset;
    }
    return r;
}

int qcow2_cache_new(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table)
{
    BDRVQcow2State *s = bs->opaque;
    int i = cache_slot(c, offset);
    int r;

    i = i >= 0 ? i : -1 - i;
    *table = cache_take(bs, c, i, offset);
    memset(*table, 0, s->cluster_size);
    r = bdrv_pwrite(bs->file, offset, *table, s->cluster_size);
    if (r == 0) {
        c->offset[i] = offset;
    }
    return r;
}

int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                      unsigned pos, const void *bytes, unsigned len)
{
    uint8_t *table;
    int r = qcow2_cache_get(bs, c, offset, &table);

    if (r) {
        return r;
    }
    memcpy(table + pos, bytes, len);
    return bdrv_pwrite(bs->file, offset + pos, bytes, len);
}

void qcow2_cache_free(Qcow2Cache *c)
{
    for (int i = 0; i < QCOW2_CACHE_SIZE; i++) {
        g_free(c->data[i]);
        c->data[i] = NULL;
    }
}
