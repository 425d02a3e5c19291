/*
 * The "qcow2" format driver: opening (header, extensions, tables, backing
 * file, all validated), and guest reads and writes cluster by cluster.
 *
 * A write to a cluster that has no host cluster of its own (unallocated,
 * zero, compressed, or shared) builds the whole new cluster, appends it to
 * the file, and only then takes a reference and points the L2 entry at it:
 * a crash at any point leaves at worst a leaked cluster, never an entry
 * pointing at garbage. Metadata is written through, so a flush only has to
 * flush the file.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "block/qcow2.h"

/* Open nesting through backing files, to refuse loops. */
static int backing_depth;

static bool qcow2_probe(const uint8_t *head, size_t len)
{
    return len >= 8 && ldl_be_p(head) == QCOW2_MAGIC &&
           (ldl_be_p(head + 4) == 2 || ldl_be_p(head + 4) == 3);
}

static bool read_table(BlockDriverState *bs, uint64_t off, uint64_t entries,
                       uint64_t **out, const char *what, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t bytes = entries * 8;
    g_autofree uint8_t *raw = g_malloc(bytes ? bytes : 1);

    if (entries &&
        (!qcow2_offset_ok(s, off, bytes) || off + bytes > s->file_len)) {
        error_setg(errp, "qcow2: %s at 0x%" PRIx64 " is outside the image",
                   what, off);
        return false;
    }
    if (entries && bdrv_pread(bs->file, off, raw, bytes) < 0) {
        error_setg(errp, "qcow2: cannot read the %s", what);
        return false;
    }
    *out = g_new(uint64_t, entries ? entries : 1);
    for (uint64_t i = 0; i < entries; i++) {
        (*out)[i] = ldq_be_p(raw + 8 * i);
    }
    return true;
}

/* Header fields, checked one by one. */
static bool parse_header(BlockDriverState *bs, const uint8_t *h,
                         uint32_t *hdr_len, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2_span, need_l1;

    if (ldl_be_p(h + QCOW2_H_MAGIC) != QCOW2_MAGIC) {
        error_setg(errp, "Image is not in qcow2 format");
        return false;
    }
    s->version = ldl_be_p(h + QCOW2_H_VERSION);
    if (s->version != 2 && s->version != 3) {
        error_setg(errp, "Unsupported qcow2 version %u", s->version);
        return false;
    }
    s->cluster_bits = ldl_be_p(h + QCOW2_H_CLUSTER_BITS);
    if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS ||
        s->cluster_bits > QCOW2_MAX_CLUSTER_BITS) {
        error_setg(errp, "qcow2: unsupported cluster size: 2^%u",
                   s->cluster_bits);
        return false;
    }
    s->cluster_size = 1ull << s->cluster_bits;
    s->l2_bits = s->cluster_bits - 3;
    s->size = ldq_be_p(h + QCOW2_H_SIZE);
    if (ldl_be_p(h + QCOW2_H_CRYPT)) {
        error_setg(errp, "qcow2: encrypted images are not supported");
        return false;
    }
    s->l1_size = ldl_be_p(h + QCOW2_H_L1_SIZE);
    s->l1_offset = ldq_be_p(h + QCOW2_H_L1_OFFSET);
    s->reft_offset = ldq_be_p(h + QCOW2_H_REFT_OFFSET);
    s->reft_entries = (uint64_t)ldl_be_p(h + QCOW2_H_REFT_CLUSTERS)
                      << (s->cluster_bits - 3);
    s->nb_snapshots = ldl_be_p(h + QCOW2_H_NB_SNAPSHOTS);
    l2_span = s->cluster_size << s->l2_bits;
    if (s->size > (1ull << 60) ||
        (uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES) {
        error_setg(errp, "qcow2: image size or L1 table too large");
        return false;
    }
    need_l1 = DIV_ROUND_UP(s->size, l2_span);
    if (s->l1_size < need_l1) {
        error_setg(errp,
                   "qcow2: L1 table of %u entries is too small for "
                   "%" PRIu64 " bytes",
                   s->l1_size, s->size);
        return false;
    }
    if (s->reft_entries * 8 > QCOW2_MAX_REFT_BYTES || !s->reft_entries) {
        error_setg(errp, "qcow2: bad refcount table size");
        return false;
    }
    s->refcount_order = 4;
    *hdr_len = QCOW2_H_V2_LENGTH;
    if (s->version == 3) {
        s->incompat = ldq_be_p(h + QCOW2_H_INCOMPAT);
        s->autoclear = ldq_be_p(h + QCOW2_H_AUTOCLEAR);
        s->refcount_order = ldl_be_p(h + QCOW2_H_REFCOUNT_ORDER);
        *hdr_len = ldl_be_p(h + QCOW2_H_HEADER_LENGTH);
        if (*hdr_len < QCOW2_H_V3_LENGTH || *hdr_len > s->cluster_size ||
            s->refcount_order > 6) {
            error_setg(errp, "qcow2: bad header length or refcount order");
            return false;
        }
        if (*hdr_len > QCOW2_H_COMPRESSION_TYPE &&
            h[QCOW2_H_COMPRESSION_TYPE] != 0) {
            error_setg(errp, "qcow2: only zlib compression is supported");
            return false;
        }
    }
    if (s->incompat & ~(QCOW2_INCOMPAT_DIRTY | QCOW2_INCOMPAT_CORRUPT)) {
        error_setg(errp, "qcow2: unsupported incompatible features 0x%" PRIx64,
                   s->incompat);
        return false;
    }
    return true;
}

/* Header extensions, then the backing file name. */
static bool parse_extensions(BlockDriverState *bs, const uint8_t *h,
                             uint32_t pos, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t boff = ldq_be_p(h + QCOW2_H_BACKING_OFFSET);
    uint32_t bsize = ldl_be_p(h + QCOW2_H_BACKING_SIZE);

    while (pos + 8 <= s->cluster_size) {
        uint32_t type = ldl_be_p(h + pos), len = ldl_be_p(h + pos + 4);

        if (type == QCOW2_EXT_END) {
            break;
        }
        if (len > s->cluster_size - pos - 8) {
            error_setg(errp,
                       "qcow2: header extension 0x%x overflows the "
                       "header cluster",
                       type);
            return false;
        }
        if (type == QCOW2_EXT_BACKING_FMT && len < 32) {
            s->backing_fmt = g_strndup((const char *)h + pos + 8, len);
        }
        pos += 8 + ((len + 7) & ~7u);
    }
    if (boff) {
        if (bsize == 0 || bsize > QCOW2_MAX_BACKING_NAME ||
            boff >= s->cluster_size || bsize > s->cluster_size - boff) {
            error_setg(errp, "qcow2: bad backing file name location");
            return false;
        }
        s->backing_name = g_strndup((const char *)h + boff, bsize);
        if (!s->backing_name[0]) {
            error_setg(errp, "qcow2: empty backing file name");
            return false;
        }
    }
    return true;
}

static bool open_backing(BlockDriverState *bs, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    g_autoptr(GHashTable) o =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    g_autofree char *dir = g_path_get_dirname(bs->file->filename);
    g_autofree char *path = g_path_is_absolute(s->backing_name)
                                ? g_strdup(s->backing_name)
                                : g_build_filename(dir, s->backing_name, NULL);

    if (backing_depth >= QCOW2_MAX_BACKING_DEPTH) {
        error_setg(errp, "qcow2: backing chain deeper than %d (a loop?)",
                   QCOW2_MAX_BACKING_DEPTH);
        return false;
    }
    g_hash_table_insert(o, "driver",
                        g_strdup(s->backing_fmt ? s->backing_fmt : "raw"));
    g_hash_table_insert(o, "file.filename", g_strdup(path));
    g_hash_table_insert(o, "read-only", g_strdup("on"));
    if (!s->backing_fmt) {
        /* No format recorded: probe it, as QEMU does. */
        g_autoptr(GHashTable) p =
            g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
        BlockDriverState *f;

        g_hash_table_insert(p, "driver", g_strdup("file"));
        g_hash_table_insert(p, "filename", g_strdup(path));
        g_hash_table_insert(p, "read-only", g_strdup("on"));
        f = bdrv_open_opts(p, errp);
        if (!f) {
            return false;
        }
        g_hash_table_insert(o, "driver", g_strdup(bdrv_probe_format(f)));
        bdrv_unref(f);
    }
    backing_depth++;
    bs->backing = bdrv_open_opts(o, errp);
    backing_depth--;
    if (!bs->backing) {
        g_prefix_error(errp, "Could not open backing file: ");
        return false;
    }
    return true;
}

/* Can we write to this image? Say why not when read-write was asked. */
static bool check_writable(BlockDriverState *bs, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    const char *why = NULL;

    if (s->refcount_order != 4) {
        why = "refcount widths other than 16 bits";
    } else if (s->nb_snapshots) {
        why = "internal snapshots";
    } else if (s->incompat & QCOW2_INCOMPAT_DIRTY) {
        why = "dirty refcounts (run qemu-img check -r all)";
    } else if (s->incompat & QCOW2_INCOMPAT_CORRUPT) {
        why = "the corrupt flag (run qemu-img check -r all)";
    }
    if (why) {
        error_setg(errp,
                   "qcow2: cannot open '%s' read-write: %s are not "
                   "supported",
                   bs->file->filename, why);
        return false;
    }
    return true;
}

/* Autoclear features we do not maintain (bitmaps) must be dropped. */
static bool clear_autoclear(BlockDriverState *bs, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t zero[8] = { 0 };

    if (s->version < 3 || !s->autoclear) {
        return true;
    }
    if (bdrv_pwrite(bs->file, QCOW2_H_AUTOCLEAR, zero, 8) < 0) {
        error_setg(errp, "qcow2: cannot update the header");
        return false;
    }
    s->autoclear = 0;
    return true;
}

static bool qcow2_open(BlockDriverState *bs, GHashTable *opts, GError **errp)
{
    BDRVQcow2State *s = bs->opaque;
    uint8_t head[QCOW2_H_V3_LENGTH + 8] = { 0 };
    g_autofree uint8_t *cluster = NULL;
    int64_t flen = bdrv_getlength(bs->file);
    uint32_t hdr_len;

    bs->filename = g_strdup(bs->file->filename);
    if (flen < (int64_t)sizeof(head) ||
        bdrv_pread(bs->file, 0, head, sizeof(head)) < 0) {
        error_setg(errp, "Image is not in qcow2 format");
        return false;
    }
    s->file_len = flen;
    if (!parse_header(bs, head, &hdr_len, errp)) {
        return false;
    }
    cluster = g_malloc0(s->cluster_size);
    if (bdrv_pread(bs->file, 0, cluster, MIN(s->cluster_size, (uint64_t)flen)) <
            0 ||
        !parse_extensions(bs, cluster, hdr_len, errp) ||
        !read_table(bs, s->l1_offset, s->l1_size, &s->l1, "L1 table", errp) ||
        !read_table(bs, s->reft_offset, s->reft_entries, &s->reft,
                    "refcount table", errp)) {
        return false;
    }
    s->writable = !bs->read_only;
    if (s->writable &&
        (!check_writable(bs, errp) || !clear_autoclear(bs, errp))) {
        return false;
    }
    s->next_free = DIV_ROUND_UP((uint64_t)flen, s->cluster_size);
    s->cbuf = g_malloc(2 * s->cluster_size);
    s->dbuf = g_malloc(s->cluster_size);
    s->dbuf_entry = 0;
    return !s->backing_name || open_backing(bs, errp);
}

static void qcow2_close(BlockDriverState *bs)
{
    BDRVQcow2State *s = bs->opaque;

    qcow2_cache_free(&s->l2_cache);
    qcow2_cache_free(&s->rb_cache);
    g_free(s->l1);
    g_free(s->reft);
    g_free(s->cbuf);
    g_free(s->dbuf);
    g_free(s->backing_name);
    g_free(s->backing_fmt);
}

static int check_range(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    BDRVQcow2State *s = bs->opaque;

    return offset > s->size || len > s->size - offset ? -EINVAL : 0;
}

/*
 * One piece of a request: len bytes at in within the guest cluster at
 * offset; buf advances with the request (NULL for zeroes and discards).
 */
typedef int ClusterOp(BlockDriverState *bs, uint64_t offset, uint64_t in,
                      uint64_t len, uint8_t *buf);

/* Split [offset, offset + len) at cluster boundaries and run op on each. */
static int for_each_cluster(BlockDriverState *bs, uint64_t offset, uint64_t len,
                            uint8_t *buf, bool write, ClusterOp *op)
{
    BDRVQcow2State *s = bs->opaque;
    int r = check_range(bs, offset, len);

    if (write && (!s->writable || s->corrupt)) {
        return -EACCES;
    }
    while (r == 0 && len > 0) {
        uint64_t in = offset & (s->cluster_size - 1);
        uint64_t l = MIN(len, s->cluster_size - in);

        r = op(bs, offset, in, l, buf);
        buf = buf ? buf + l : NULL;
        offset += l;
        len -= l;
    }
    return r;
}

static int read_piece(BlockDriverState *bs, uint64_t offset, uint64_t in,
                      uint64_t len, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *cl = NULL;
    uint64_t l2e;
    int r = qcow2_get_entry(bs, offset, &l2e);

    if (r) {
        return r;
    }
    if (qcow2_entry_type(s, l2e) == QCOW2_CLUSTER_NORMAL) {
        return bdrv_pread(bs->file, (l2e & QCOW2_OFFSET_MASK) + in, buf, len);
    }
    cl = g_malloc(s->cluster_size);
    r = qcow2_read_cluster(bs, offset, l2e, cl);
    memcpy(buf, cl + in, len);
    return r;
}

static int qcow2_pread(BlockDriverState *bs, uint64_t offset, void *buf,
                       uint64_t len)
{
    return for_each_cluster(bs, offset, len, buf, false, read_piece);
}

/*
 * Give the guest cluster at offset a host cluster of its own holding its
 * current contents with data (len bytes at in) written over them.
 */
static int write_new_cluster(BlockDriverState *bs, uint64_t offset,
                             uint64_t l2e, uint64_t in, const uint8_t *data,
                             uint64_t len)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *cl = g_malloc(s->cluster_size);
    uint64_t host;
    int r = 0;

    if (len < s->cluster_size) {
        r = qcow2_read_cluster(bs, offset, l2e, cl);
    }
    if (r) {
        return r;
    }
    memcpy(cl + in, data, len);
    host = qcow2_alloc_offset(bs);
    r = bdrv_pwrite(bs->file, host, cl, s->cluster_size);
    if (r == 0) {
        r = qcow2_refcount_update(bs, host >> s->cluster_bits, 1);
    }
    if (r >= 0) {
        r = qcow2_set_entry(bs, offset, host | QCOW_OFLAG_COPIED);
    }
    /* The old data's references go last: a crash before leaks, no more. */
    return r < 0 ? r : qcow2_free_entry(bs, l2e);
}

static int write_piece(BlockDriverState *bs, uint64_t offset, uint64_t in,
                       uint64_t len, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2e;
    int r = qcow2_get_entry(bs, offset, &l2e);

    if (r) {
        return r;
    }
    if (qcow2_entry_type(s, l2e) == QCOW2_CLUSTER_NORMAL &&
        (l2e & QCOW_OFLAG_COPIED)) {
        return bdrv_pwrite(bs->file, (l2e & QCOW2_OFFSET_MASK) + in, buf, len);
    }
    return write_new_cluster(bs, offset, l2e, in, buf, len);
}

static int qcow2_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                        uint64_t len)
{
    return for_each_cluster(bs, offset, len, (uint8_t *)buf, true, write_piece);
}

/*
 * Whole clusters become zero clusters (v3) or, with no backing file to
 * show through, unallocated ones; their host clusters are freed.
 */
static int unmap_cluster(BlockDriverState *bs, uint64_t offset)
{
    BDRVQcow2State *s = bs->opaque;
    uint64_t l2e, value;
    int r = qcow2_get_entry(bs, offset, &l2e);

    if (r) {
        return r;
    }
    value = s->version >= 3 ? QCOW_OFLAG_ZERO : 0;
    if (l2e == value) {
        return 0;
    }
    r = qcow2_set_entry(bs, offset, value);
    return r ? r : qcow2_free_entry(bs, l2e);
}

static int zero_piece(BlockDriverState *bs, uint64_t offset, uint64_t in,
                      uint64_t len, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;
    g_autofree uint8_t *zero = NULL;

    if (len == s->cluster_size && s->version >= 3) {
        return unmap_cluster(bs, offset);
    }
    zero = g_malloc0(len);
    return write_piece(bs, offset, in, len, zero);
}

static int qcow2_write_zeroes(BlockDriverState *bs, uint64_t offset,
                              uint64_t len, bool unmap)
{
    return for_each_cluster(bs, offset, len, NULL, true, zero_piece);
}

/* Discarded data may read as anything: whole clusters are unmapped. */
static int discard_piece(BlockDriverState *bs, uint64_t offset, uint64_t in,
                         uint64_t len, uint8_t *buf)
{
    BDRVQcow2State *s = bs->opaque;

    if (len == s->cluster_size && (s->version >= 3 || !bs->backing)) {
        return unmap_cluster(bs, offset);
    }
    return 0;
}

static int qcow2_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    return for_each_cluster(bs, offset, len, NULL, true, discard_piece);
}

static int64_t qcow2_getlength(BlockDriverState *bs)
{
    return ((BDRVQcow2State *)bs->opaque)->size;
}

const BlockDriver bdrv_qcow2 = {
    .format_name = "qcow2",
    .is_format = true,
    .instance_size = sizeof(BDRVQcow2State),
    .open = qcow2_open,
    .close = qcow2_close,
    .pread = qcow2_pread,
    .pwrite = qcow2_pwrite,
    .discard = qcow2_discard,
    .write_zeroes = qcow2_write_zeroes,
    .getlength = qcow2_getlength,
    .probe = qcow2_probe,
};
