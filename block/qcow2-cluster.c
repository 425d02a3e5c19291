/*
 * qcow2 cluster mapping: guest offset -> L1 entry -> L2 table -> L2 entry
 * (unallocated, zero, compressed or a host cluster), each entry checked
 * before it is followed; and reading one guest cluster whatever its kind
 * (backing file, zeros, zlib-compressed data, or the host cluster).
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "block/qcow2.h"
#include <zlib.h>

int qcow2_corrupt(BlockDriverState *bs, const char *fmt, ...)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree char *msg = NULL;
    va_list ap;

    va_start(ap, fmt);
    msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_report("qcow2: %s: corrupt image: %s", bs->filename, msg);
    s->corrupt = true;
    return -EIO;
}

/* Is [off, off + len) a cluster-aligned range starting inside the file? */
bool qcow2_offset_ok(BDRVQcow2State *s, uint64_t off, uint64_t len)
{
    return off && !(off & (s->cluster_size - 1)) && off < s->file_len &&
           off + len > off;
}

Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t l2e)
{
    if (l2e & QCOW_OFLAG_COMPRESSED) {
        return QCOW2_CLUSTER_COMPRESSED;
    }
    if (s->version >= 3 && (l2e & QCOW_OFLAG_ZERO)) {
        return QCOW2_CLUSTER_ZERO;
    }
    if (l2e & QCOW2_OFFSET_MASK) {
        return QCOW2_CLUSTER_NORMAL;
    }
    return QCOW2_CLUSTER_UNALLOCATED;
}

static int check_l2_entry(BlockDriverState *bs, uint64_t l2e)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t host = l2e & QCOW2_OFFSET_MASK;
    unsigned x = 62 - (s->cluster_bits - 8);

    switch (qcow2_entry_type(s, l2e)) {
    case QCOW2_CLUSTER_COMPRESSED:
        if ((l2e & ((1ull << x) - 1)) >= s->file_len) {
            return qcow2_corrupt(
                bs, "compressed cluster at 0x%" PRIx64 " outside the image",
                (uint64_t)(l2e & ((1ull << x) - 1)));
        }
        return 0;
    case QCOW2_CLUSTER_NORMAL:
    case QCOW2_CLUSTER_ZERO:
        if (l2e & QCOW2_L2E_RESERVED & ~QCOW_OFLAG_ZERO) {
            return qcow2_corrupt(bs,
                                 "L2 entry 0x%" PRIx64 " has reserved "
                                 "bits set",
                                 l2e);
        }
        if (host && !qcow2_offset_ok(s, host, s->cluster_size)) {
            return qcow2_corrupt(bs,
                                 "L2 entry points to 0x%" PRIx64
                                 ", outside the image or unaligned",
                                 host);
        }
        return 0;
    default:
        return 0;
    }
}

/* The L2 table offset for a guest offset, 0 if none; validated. */
static int l2_table_offset(BlockDriverState *bs, uint64_t guest,
                           uint64_t *l2_off)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1i = guest >> (s->cluster_bits + s->l2_bits);
    uint64_t l1e;

    if (l1i >= s->l1_size) {
        return qcow2_corrupt(bs, "offset 0x%" PRIx64 " beyond the L1 table",
                             guest);
    }
    l1e = s->l1[l1i];
    *l2_off = l1e & QCOW2_OFFSET_MASK;
    if (*l2_off && ((l1e & QCOW2_L1E_RESERVED) ||
                    !qcow2_offset_ok(s, *l2_off, s->cluster_size))) {
        return qcow2_corrupt(bs,
                             "L1 entry %" PRIu64 " (0x%" PRIx64
                             ") points outside the image or is malformed",
                             l1i, l1e);
    }
    return 0;
}

static unsigned l2_index(BDRVQcow2State *s, uint64_t guest)
{
    return (guest >> s->cluster_bits) & ((1u << s->l2_bits) - 1);
}

int qcow2_get_entry(BlockDriverState *bs, uint64_t guest, uint64_t *l2e)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_off;
    uint8_t *table;
    int r = l2_table_offset(bs, guest, &l2_off);

    *l2e = 0;
    if (r || !l2_off) {
        return r;
    }
    r = qcow2_cache_get(bs, &s->l2_cache, l2_off, &table);
    if (r) {
        return r;
    }
    *l2e = ldq_be_p(table + 8 * l2_index(s, guest));
    return check_l2_entry(bs, *l2e);
}

/* A new, empty L2 table for guest's L1 entry: table, refcount, L1. */
static int new_l2_table(BlockDriverState *bs, uint64_t guest, uint64_t *l2_off)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l1i = guest >> (s->cluster_bits + s->l2_bits);
    uint64_t off = qcow2_alloc_offset(bs);
    uint8_t *table, be[8];
    int r = qcow2_cache_new(bs, &s->l2_cache, off, &table);

    if (r == 0) {
        r = qcow2_refcount_update(bs, off >> s->cluster_bits, 1);
    }
    if (r < 0) {
        return r;
    }
    stq_be_p(be, off | QCOW_OFLAG_COPIED);
    r = bdrv_pwrite(bs->file, s->l1_offset + 8 * l1i, be, 8);
    if (r == 0) {
        s->l1[l1i] = off | QCOW_OFLAG_COPIED;
        *l2_off = off;
    }
    return r;
}

int qcow2_set_entry(BlockDriverState *bs, uint64_t guest, uint64_t value)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_off;
    uint8_t be[8];
    int r = l2_table_offset(bs, guest, &l2_off);

    if (r) {
        return r;
    }
    if (!l2_off) {
        r = new_l2_table(bs, guest, &l2_off);
    } else if (!(s->l1[guest >> (s->cluster_bits + s->l2_bits)] &
                 QCOW_OFLAG_COPIED)) {
        return qcow2_corrupt(bs, "shared L2 table (internal snapshots are "
                                 "not supported for writing)");
    }
    if (r) {
        return r;
    }
    stq_be_p(be, value);
    return qcow2_cache_write(bs, &s->l2_cache, l2_off, 8 * l2_index(s, guest),
                             be, 8);
}

/* Inflate a compressed cluster (raw deflate, as qemu-img writes it). */
static int read_compressed(BlockDriverState *bs, uint64_t l2e, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    unsigned x = 62 - (s->cluster_bits - 8);
    uint64_t off = l2e & ((1ull << x) - 1);
    uint64_t sectors = ((l2e >> x) & ((1ull << (s->cluster_bits - 8)) - 1)) + 1;
    uint64_t csize = sectors * 512 - (off & 511);
    z_stream z = { 0 };
    int r, zr;

    if (s->dbuf_entry == l2e) {
        memcpy(buf, s->dbuf, s->cluster_size);
        return 0;
    }
    r = bdrv_pread(bs->file, off, s->cbuf, csize);
    if (r) {
        return r;
    }
    if (inflateInit2(&z, -15) != Z_OK) {
        return -ENOMEM;
    }
    z.next_in = s->cbuf;
    z.avail_in = csize;
    z.next_out = buf;
    z.avail_out = s->cluster_size;
    zr = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if ((zr != Z_STREAM_END && zr != Z_BUF_ERROR) || z.avail_out != 0) {
        return qcow2_corrupt(bs,
                             "compressed cluster at 0x%" PRIx64
                             " does not inflate to a cluster",
                             off);
    }
    memcpy(s->dbuf, buf, s->cluster_size);
    s->dbuf_entry = l2e;
    return 0;
}

/* What the backing file holds for the guest cluster (zeros past its end). */
static int read_backing(BlockDriverState *bs, uint64_t guest, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    int64_t blen = bs->backing ? bdrv_getlength(bs->backing) : 0;
    uint64_t n;

    memset(buf, 0, s->cluster_size);
    if (blen < 0) {
        return blen;
    }
    if (guest >= (uint64_t)blen) {
        return 0;
    }
    n = MIN(s->cluster_size, (uint64_t)blen - guest);
    return bdrv_pread(bs->backing, guest, buf, n);
}

int qcow2_read_cluster(BlockDriverState *bs, uint64_t guest, uint64_t l2e,
                       uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;

    guest &= ~(s->cluster_size - 1);
    switch (qcow2_entry_type(s, l2e)) {
    case QCOW2_CLUSTER_UNALLOCATED:
        return read_backing(bs, guest, buf);
    case QCOW2_CLUSTER_ZERO:
        memset(buf, 0, s->cluster_size);
        return 0;
    case QCOW2_CLUSTER_COMPRESSED:
        return read_compressed(bs, l2e, buf);
    default:
        return bdrv_pread(bs->file, l2e & QCOW2_OFFSET_MASK, buf,
                          s->cluster_size);
    }
}
