/*
 * The block graph: opening nodes from options, named nodes, and the I/O
 * entry points that check a request against the node before its driver
 * sees it.
 */
#include "qemu/osdep.h"
#include "block/block.h"
#include "block/qcow2.h"

/* Nodes with a node-name, for -blockdev references. */
static GPtrArray *named_nodes;

static const BlockDriver *const drivers[] = {
    &bdrv_file,
    &bdrv_raw,
    &bdrv_qcow2,
};

const BlockDriver *bdrv_find_format(const char *name)
{
    for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
        if (!strcmp(drivers[i]->format_name, name)) {
            return drivers[i];
        }
    }
    return NULL;
}

void bdrv_foreach_named(void (*fn)(BlockDriverState *bs, void *opaque),
                        void *opaque)
{
    for (guint i = 0; named_nodes && i < named_nodes->len; i++) {
        fn(named_nodes->pdata[i], opaque);
    }
}

BlockDriverState *bdrv_find_node(const char *name)
{
    for (guint i = 0; named_nodes && i < named_nodes->len; i++) {
        BlockDriverState *bs = named_nodes->pdata[i];

        if (!strcmp(bs->node_name, name)) {
            return bs;
        }
    }
    return NULL;
}

BlockDriverState *bdrv_new_node(const BlockDriver *drv)
{
    BlockDriverState *bs = g_new0(BlockDriverState, 1);

    bs->drv = drv;
    bs->opaque = g_malloc0(drv->instance_size ? drv->instance_size : 1);
    bs->refcnt = 1;
    return bs;
}

void bdrv_ref(BlockDriverState *bs)
{
    bs->refcnt++;
}

void bdrv_unref(BlockDriverState *bs)
{
    if (!bs || --bs->refcnt > 0) {
        return;
    }
    if (bs->drv->close) {
        bs->drv->close(bs);
    }
    if (bs->node_name && named_nodes) {
        g_ptr_array_remove(named_nodes, bs);
    }
    bdrv_unref(bs->backing);
    bdrv_unref(bs->file);
    g_free(bs->opaque);
    g_free(bs->node_name);
    g_free(bs->filename);
    g_free(bs);
}

static bool parse_onoff(GHashTable *opts, const char *key, bool *out,
                        GError **errp)
{
    const char *v = g_hash_table_lookup(opts, key);

    if (!v) {
        return true;
    }
    if (!strcmp(v, "on") || !strcmp(v, "true")) {
        *out = true;
    } else if (!strcmp(v, "off") || !strcmp(v, "false")) {
        *out = false;
    } else {
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
        return false;
    }
    g_hash_table_remove(opts, key);
    return true;
}

/* Options every node takes; removed from opts. */
static bool take_common_opts(BlockDriverState *bs, GHashTable *opts,
                             GError **errp)
{
    const char *discard = g_hash_table_lookup(opts, "discard");
    const char *name = g_hash_table_lookup(opts, "node-name");

    if (!parse_onoff(opts, "read-only", &bs->read_only, errp) ||
        !parse_onoff(opts, "auto-read-only", &bs->auto_read_only, errp) ||
        !parse_onoff(opts, "cache.no-flush", &bs->no_flush, errp) ||
        !parse_onoff(opts, "cache.direct", &bs->direct, errp)) {
        return false;
    }
    if (discard) {
        if (!strcmp(discard, "unmap") || !strcmp(discard, "on")) {
            bs->discard_unmap = true;
        } else if (strcmp(discard, "ignore") && strcmp(discard, "off")) {
            error_setg(errp, "Invalid discard option");
            return false;
        }
        g_hash_table_remove(opts, "discard");
    }
    if (name) {
        if (bdrv_find_node(name)) {
            error_setg(errp, "Duplicate nodes with node-name='%s'", name);
            return false;
        }
        bs->node_name = g_strdup(name);
        g_hash_table_remove(opts, "node-name");
    }
    return true;
}

/* The child's own options: "file.x=y" becomes "x=y"; inherits flags. */
static GHashTable *child_opts(GHashTable *opts, const char *child,
                              BlockDriverState *parent)
{
    GHashTable *sub =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    g_autofree char *prefix = g_strdup_printf("%s.", child);
    GHashTableIter it;
    gpointer k, v;

    g_hash_table_iter_init(&it, opts);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (g_str_has_prefix(k, prefix)) {
            g_hash_table_insert(sub, g_strdup((char *)k + strlen(prefix)),
                                g_strdup(v));
            g_hash_table_iter_remove(&it);
        }
    }
    if (!g_hash_table_contains(sub, "read-only")) {
        g_hash_table_insert(sub, g_strdup("read-only"),
                            g_strdup(parent->read_only ? "on" : "off"));
    }
    if (!g_hash_table_contains(sub, "discard") && parent->discard_unmap) {
        g_hash_table_insert(sub, g_strdup("discard"), g_strdup("unmap"));
    }
    if (!g_hash_table_contains(sub, "cache.no-flush") && parent->no_flush) {
        g_hash_table_insert(sub, g_strdup("cache.no-flush"), g_strdup("on"));
    }
    if (!g_hash_table_contains(sub, "cache.direct") && parent->direct) {
        g_hash_table_insert(sub, g_strdup("cache.direct"), g_strdup("on"));
    }
    return sub;
}

/* A format node's "file" child: a node name or nested options. */
static bool open_file_child(BlockDriverState *bs, GHashTable *opts,
                            GError **errp)
{
    const char *ref = g_hash_table_lookup(opts, "file");
    g_autoptr(GHashTable) sub = child_opts(opts, "file", bs);

    if (ref) {
        bs->file = bdrv_find_node(ref);
        if (!bs->file) {
            error_setg(errp, "Cannot find device='' nor node-name='%s'", ref);
            return false;
        }
        bdrv_ref(bs->file);
        g_hash_table_remove(opts, "file");
        return true;
    }
    if (g_hash_table_size(sub) <=
        1 + bs->discard_unmap + bs->no_flush + bs->direct) {
        error_setg(errp, "A block device must be specified for \"file\"");
        return false;
    }
    if (!g_hash_table_contains(sub, "driver")) {
        g_hash_table_insert(sub, g_strdup("driver"), g_strdup("file"));
    }
    bs->file = bdrv_open_opts(sub, errp);
    return bs->file != NULL;
}

static bool open_node(BlockDriverState *bs, GHashTable *opts, GError **errp)
{
    GHashTableIter it;
    gpointer k;

    if (!take_common_opts(bs, opts, errp)) {
        return false;
    }
    if (bs->drv->is_format && !open_file_child(bs, opts, errp)) {
        return false;
    }
    if (!bs->drv->open(bs, opts, errp)) {
        return false;
    }
    g_hash_table_iter_init(&it, opts);
    if (g_hash_table_iter_next(&it, &k, NULL)) {
        error_setg(errp, "Block format '%s' does not support the option '%s'",
                   bs->drv->format_name, (char *)k);
        return false;
    }
    return true;
}

BlockDriverState *bdrv_open_opts(GHashTable *in, GError **errp)
{
    g_autoptr(GHashTable) opts =
        g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    const char *name = g_hash_table_lookup(in, "driver");
    const BlockDriver *drv;
    BlockDriverState *bs;
    GHashTableIter it;
    gpointer k, v;

    if (!name) {
        error_setg(errp, "Parameter 'driver' is missing");
        return NULL;
    }
    drv = bdrv_find_format(name);
    if (!drv) {
        error_setg(errp, "Unknown driver '%s'", name);
        return NULL;
    }
    g_hash_table_iter_init(&it, in);
    while (g_hash_table_iter_next(&it, &k, &v)) {
        if (strcmp(k, "driver")) {
            g_hash_table_insert(opts, g_strdup(k), g_strdup(v));
        }
    }
    bs = bdrv_new_node(drv);
    if (!open_node(bs, opts, errp)) {
        g_free(bs->node_name);
        bs->node_name = NULL; /* not registered yet */
        bdrv_unref(bs);
        return NULL;
    }
    if (bs->node_name) {
        if (!named_nodes) {
            named_nodes = g_ptr_array_new();
        }
        g_ptr_array_add(named_nodes, bs);
    }
    return bs;
}

const char *bdrv_probe_format(BlockDriverState *bs)
{
    uint8_t head[512] = { 0 };

    if (bdrv_pread(bs, 0, head,
                   MIN(sizeof(head), (uint64_t)MAX(bdrv_getlength(bs), 0))) <
        0) {
        return "raw";
    }
    for (size_t i = 0; i < ARRAY_SIZE(drivers); i++) {
        if (drivers[i]->probe && drivers[i]->probe(head, sizeof(head))) {
            return drivers[i]->format_name;
        }
    }
    return "raw";
}

/* I/O */

static int check_request(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    if (offset + len < offset) {
        return -EINVAL;
    }
    return 0;
}

int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len)
{
    int r = check_request(bs, offset, len);

    return r ? r : bs->drv->pread(bs, offset, buf, len);
}

int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                uint64_t len)
{
    int r = check_request(bs, offset, len);

    if (bs->read_only) {
        return -EACCES;
    }
    return r ? r : bs->drv->pwrite(bs, offset, buf, len);
}

static uint64_t iov_size(const struct iovec *iov, int niov)
{
    uint64_t n = 0;

    for (int i = 0; i < niov; i++) {
        n += iov[i].iov_len;
    }
    return n;
}

int bdrv_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                int niov)
{
    int r = check_request(bs, offset, iov_size(iov, niov));

    if (r || bs->drv->preadv) {
        return r ? r : bs->drv->preadv(bs, offset, iov, niov);
    }
    for (int i = 0; i < niov && !r; i++) {
        r = bs->drv->pread(bs, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return r;
}

int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                 int niov)
{
    int r = check_request(bs, offset, iov_size(iov, niov));

    if (bs->read_only) {
        return -EACCES;
    }
    if (r || bs->drv->pwritev) {
        return r ? r : bs->drv->pwritev(bs, offset, iov, niov);
    }
    for (int i = 0; i < niov && !r; i++) {
        r = bs->drv->pwrite(bs, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return r;
}

int bdrv_flush(BlockDriverState *bs)
{
    int r = 0;

    if (!bs || bs->read_only) {
        return 0;
    }
    if (bs->drv->flush) {
        r = bs->drv->flush(bs);
    }
    if (r == 0 && bs->file) {
        r = bdrv_flush(bs->file);
    }
    return r;
}

int bdrv_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    int r = check_request(bs, offset, len);

    if (bs->read_only) {
        return -EACCES;
    }
    if (r || !bs->discard_unmap || !bs->drv->discard) {
        return r; /* discard=ignore: a successful no-op */
    }
    return bs->drv->discard(bs, offset, len);
}

int bdrv_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      bool unmap)
{
    int r = check_request(bs, offset, len);
    g_autofree uint8_t *zero = NULL;
    uint64_t chunk = 1 * MiB;

    if (bs->read_only) {
        return -EACCES;
    }
    if (r) {
        return r;
    }
    if (bs->drv->write_zeroes) {
        return bs->drv->write_zeroes(bs, offset, len,
                                     unmap && bs->discard_unmap);
    }
    zero = g_malloc0(MIN(len, chunk));
    for (uint64_t done = 0; done < len && r == 0; done += chunk) {
        r = bdrv_pwrite(bs, offset + done, zero, MIN(chunk, len - done));
    }
    return r;
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
    return bs->drv->getlength(bs);
}
