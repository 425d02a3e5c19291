/*
 * qcow2 reference counts: a refcount table of refcount blocks, each a
 * cluster of big-endian counters (16 bits: refcount_order 4, the only
 * width written). New clusters are appended at the end of the file, so
 * allocation never has to search; clusters freed by discards are given
 * back to the host (hole punching) but not reused. A table too small for
 * the file is moved to a bigger one.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "block/qcow2.h"

uint64_t qcow2_alloc_offset(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t off = s->next_free++ << s->cluster_bits;

    s->file_len = MAX(s->file_len, off + s->cluster_size);
    return off;
}

/* A new refcount block for table index rti, at the end of the file. */
static int new_refblock(BlockDriverState *bs, uint64_t rti, uint64_t *rb_off)
{
    BDRVQcow2State *s = bs->opaque;
    unsigned rb_bits = s->cluster_bits - 1;
    uint64_t off = qcow2_alloc_offset(bs);
    uint64_t idx = off >> s->cluster_bits;
    uint8_t *table;
    uint8_t be[8];
    int r = qcow2_cache_new(bs, &s->rb_cache, off, &table);

    if (r) {
        return r;
    }
    /* The block counts itself when it lies in the range it covers. */
    if (idx >> rb_bits == rti) {
        uint8_t one[2] = { 0, 1 };

        r = qcow2_cache_write(bs, &s->rb_cache, off,
                              2 * (idx & ((1ull << rb_bits) - 1)), one, 2);
    } else {
        r = qcow2_refcount_update(bs, idx, 1);
    }
    if (r < 0) {
        return r;
    }
    stq_be_p(be, off);
    r = bdrv_pwrite(bs->file, s->reft_offset + 8 * rti, be, 8);
    if (r == 0) {
        s->reft[rti] = off;
        *rb_off = off;
    }
    return r;
}

/* Entries a refcount table needs to cover clusters [0, end). */
static uint64_t reft_entries_for(BDRVQcow2State *s, uint64_t end)
{
    return (end >> (s->cluster_bits - 1)) + 1;
}

/* Point the header at the refcount table: offset and size in one write. */
static int write_reft_header(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t h[12];

    stq_be_p(h, s->reft_offset);
    stl_be_p(h + 8, s->reft_entries * 8 / s->cluster_size);
    return bdrv_pwrite(bs->file, QCOW2_H_REFT_OFFSET, h, sizeof(h));
}

/* The size of a table that covers rti, itself and its refcount blocks. */
static uint64_t grown_reft_clusters(BDRVQcow2State *s, uint64_t rti)
{
    uint64_t entries = MAX(s->reft_entries * 2, rti + 1), clusters;

    for (;;) {
        uint64_t need;

        clusters = DIV_ROUND_UP(entries * 8, s->cluster_size);
        /* New clusters: the table, and a refcount block or two for it. */
        need = reft_entries_for(s, s->next_free + 2 * clusters + 4);
        if (need <= entries) {
            return clusters;
        }
        entries = need;
    }
}

/*
 * The table has no entry for refcount block rti: move it to a bigger one
 * at the end of the file (qcow2 spec, "Refcount table"). Write the new
 * table, count its clusters (new refcount blocks are entered in it), make
 * that durable, switch the header, then free the old table's clusters.
 * A crash before the header write leaks the new clusters, no more.
 */
static int grow_reftable(BlockDriverState *bs, uint64_t rti)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t old_off = s->reft_offset, old_entries = s->reft_entries;
    uint64_t old_clusters = old_entries * 8 / s->cluster_size;
    uint64_t clusters = grown_reft_clusters(s, rti);
    uint64_t entries = clusters * s->cluster_size / 8, off;
    g_autofree uint8_t *be = NULL;
    int r;

    if (entries * 8 > QCOW2_MAX_REFT_BYTES) {
        return qcow2_corrupt(bs,
                             "refcount table full at %" PRIu64
                             " bytes, the most an image may have",
                             old_entries * 8);
    }
    off = qcow2_alloc_offset(bs);
    for (uint64_t i = 1; i < clusters; i++) {
        qcow2_alloc_offset(bs); /* appends: the table is contiguous */
    }
    be = g_malloc0(clusters * s->cluster_size);
    for (uint64_t i = 0; i < old_entries; i++) {
        stq_be_p(be + 8 * i, s->reft[i]);
    }
    r = bdrv_pwrite(bs->file, off, be, clusters * s->cluster_size);
    if (r) {
        return r;
    }
    s->reft = g_renew(uint64_t, s->reft, entries);
    memset(s->reft + old_entries, 0, (entries - old_entries) * 8);
    s->reft_offset = off;
    s->reft_entries = entries;
    for (uint64_t i = 0; i < clusters && r >= 0; i++) {
        r = qcow2_refcount_update(bs, (off >> s->cluster_bits) + i, 1);
    }
    if (r < 0) {
        return r;
    }
    r = bdrv_flush(bs->file);
    if (!r) {
        r = write_reft_header(bs);
    }
    for (uint64_t i = 0; i < old_clusters && r >= 0; i++) {
        r = qcow2_refcount_update(bs, (old_off >> s->cluster_bits) + i, -1);
    }
    return MIN(r, 0);
}

int qcow2_refcount_update(BlockDriverState *bs, uint64_t cluster, int delta)
{
    BDRVQcow2State *s = bs->opaque;
    unsigned rb_bits = s->cluster_bits - 1; /* 16-bit entries */
    uint64_t rti = cluster >> rb_bits;
    unsigned pos = 2 * (cluster & ((1ull << rb_bits) - 1));
    uint64_t rb_off;
    uint8_t *table, be[2];
    int64_t v;
    int r;

    if (rti >= s->reft_entries) {
        r = grow_reftable(bs, rti);
        if (r) {
            return r;
        }
    }
    rb_off = s->reft[rti] & QCOW2_OFFSET_MASK;
    if (!rb_off) {
        r = new_refblock(bs, rti, &rb_off);
        if (r) {
            return r;
        }
    } else if (!qcow2_offset_ok(s, rb_off, s->cluster_size)) {
        return qcow2_corrupt(
            bs, "refcount block 0x%" PRIx64 " outside the image", rb_off);
    }
    r = qcow2_cache_get(bs, &s->rb_cache, rb_off, &table);
    if (r) {
        return r;
    }
    v = (int64_t)lduw_be_p(table + pos) + delta;
    if (v < 0 || v > 0xffff) {
        return qcow2_corrupt(bs, "refcount %s for cluster %" PRIu64,
                             v < 0 ? "underflow" : "overflow", cluster);
    }
    stw_be_p(be, v);
    r = qcow2_cache_write(bs, &s->rb_cache, rb_off, pos, be, 2);
    return r ? r : (int)v;
}

/* The host clusters a compressed entry's bytes lie in. */
static void compressed_span(BDRVQcow2State *s, uint64_t l2e, uint64_t *first,
                            uint64_t *last)
{
    unsigned x = 62 - (s->cluster_bits - 8);
    uint64_t off = l2e & ((1ull << x) - 1);
    uint64_t sectors = ((l2e >> x) & ((1ull << (s->cluster_bits - 8)) - 1)) + 1;
    uint64_t end = (off & ~511ull) + sectors * 512 - 1;

    *first = off >> s->cluster_bits;
    *last = end >> s->cluster_bits;
}

int qcow2_free_entry(BlockDriverState *bs, uint64_t l2e)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t first, last, host;
    int r = 0;

    switch (qcow2_entry_type(s, l2e)) {
    case QCOW2_CLUSTER_COMPRESSED:
        compressed_span(s, l2e, &first, &last);
        for (uint64_t c = first; c <= last && r >= 0; c++) {
            r = qcow2_refcount_update(bs, c, -1);
        }
        return MIN(r, 0);
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO:
        host = l2e & QCOW2_OFFSET_MASK;
        if (!host) {
            return 0;
        }
        r = qcow2_refcount_update(bs, host >> s->cluster_bits, -1);
        if (r != 0) {
            return MIN(r, 0); /* still used elsewhere, or an error */
        }
        /* Give the space back to the host (a no-op unless discard=unmap). */
        return bdrv_discard(bs->file, host, s->cluster_size);
    default:
        return 0;
    }
}
