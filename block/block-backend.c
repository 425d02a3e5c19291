/*
 * Block backends (see sysemu/block-backend.h). Each backend has a
 * one-thread pool, so its requests run in order off the vCPU and main
 * threads; a finished request is queued and its callback runs on that
 * thread if the big lock is free, else from a bottom half on the main
 * loop.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "sysemu/block-backend.h"

typedef enum {
    BLK_READ,
    BLK_WRITE,
    BLK_FLUSH,
    BLK_DISCARD,
    BLK_WRITE_ZEROES,
} BlkReqType;

typedef struct BlkRequest {
    BlockBackend *blk;
    BlkReqType type;
    uint64_t offset, len;
    const struct iovec *iov; /* reads and writes: the data */
    int niov;
    bool unmap;
    int ret;
    BlockCompletionFunc *cb;
    void *opaque;
} BlkRequest;

struct BlockBackend {
    char *name;
    BlockDriverState *root;
    void *dev;
    bool wce;
    GThreadPool *pool;
    GMutex lock;
    GQueue done; /* BlkRequest *, finished, callback not yet run */
    unsigned in_flight;
    QEMUBH *bh;
};

static GPtrArray *backends;

static int blk_run(BlkRequest *req)
{
    BlockBackend *blk = req->blk;
    BlockDriverState *bs = blk->root;
    int r;

    switch (req->type) {
    case BLK_READ:
        return bdrv_preadv(bs, req->offset, req->iov, req->niov);
    case BLK_WRITE:
        r = bdrv_pwritev(bs, req->offset, req->iov, req->niov);
        /* Writethrough: a write completes once it is on the disk. */
        return r || blk->wce ? r : bdrv_flush(bs);
    case BLK_FLUSH:
        return bdrv_flush(bs);
    case BLK_DISCARD:
        return bdrv_discard(bs, req->offset, req->len);
    case BLK_WRITE_ZEROES:
        r = bdrv_write_zeroes(bs, req->offset, req->len, req->unmap);
        return r || blk->wce ? r : bdrv_flush(bs);
    }
    return -EINVAL;
}

static void blk_complete(void *opaque);

/*
 * On the I/O thread. The request completes here when the big lock is
 * free (it usually is: vCPUs run guest code without it), which saves
 * waking the main loop; otherwise the main loop's bottom half does it.
 * Never wait for the lock here: blk_drain holds it while it waits for
 * this thread's requests.
 */
static void blk_worker(gpointer data, gpointer user_data)
{
    BlkRequest *req = data;
    BlockBackend *blk = req->blk;

    req->ret = blk_run(req);
    g_mutex_lock(&blk->lock);
    g_queue_push_tail(&blk->done, req);
    g_mutex_unlock(&blk->lock);
    if (qemu_mutex_trylock_iothread()) {
        blk_complete(blk);
        qemu_mutex_unlock_iothread();
    } else {
        qemu_bh_schedule(blk->bh);
    }
}

/* Under the big lock. */
static void blk_complete(void *opaque)
{
    BlockBackend *blk = opaque;

    for (;;) {
        BlkRequest *req;

        g_mutex_lock(&blk->lock);
        req = g_queue_pop_head(&blk->done);
        g_mutex_unlock(&blk->lock);
        if (!req) {
            return;
        }
        blk->in_flight--;
        req->cb(req->opaque, req->ret);
        g_free(req);
    }
}

BlockBackend *blk_new(const char *name, BlockDriverState *root)
{
    BlockBackend *blk = g_new0(BlockBackend, 1);

    blk->name = g_strdup(name);
    blk->root = root;
    blk->wce = true;
    g_mutex_init(&blk->lock);
    g_queue_init(&blk->done);
    blk->bh = qemu_bh_new(blk_complete, blk);
    blk->pool = g_thread_pool_new(blk_worker, NULL, 1, FALSE, NULL);
    if (!backends) {
        backends = g_ptr_array_new();
    }
    g_ptr_array_add(backends, blk);
    return blk;
}

void blk_foreach(void (*fn)(BlockBackend *blk, void *opaque), void *opaque)
{
    for (guint i = 0; backends && i < backends->len; i++) {
        fn(backends->pdata[i], opaque);
    }
}

BlockBackend *blk_by_name(const char *name)
{
    for (guint i = 0; backends && i < backends->len; i++) {
        BlockBackend *blk = backends->pdata[i];

        if (blk->name && !strcmp(blk->name, name)) {
            return blk;
        }
    }
    return NULL;
}

const char *blk_name(BlockBackend *blk)
{
    return blk->name ? blk->name : "";
}

BlockDriverState *blk_bs(BlockBackend *blk)
{
    return blk->root;
}

void *blk_get_attached_dev(BlockBackend *blk)
{
    return blk->dev;
}

bool blk_attach_dev(BlockBackend *blk, void *dev)
{
    if (blk->dev) {
        return false;
    }
    blk->dev = dev;
    return true;
}

bool blk_is_read_only(BlockBackend *blk)
{
    return blk->root->read_only;
}

int64_t blk_getlength(BlockBackend *blk)
{
    return bdrv_getlength(blk->root);
}

void blk_set_enable_write_cache(BlockBackend *blk, bool wce)
{
    blk->wce = wce;
}

bool blk_enable_write_cache(BlockBackend *blk)
{
    return blk->wce;
}

static BlkRequest *blk_req_new(BlockBackend *blk, BlkReqType type,
                               uint64_t offset, uint64_t len,
                               BlockCompletionFunc *cb, void *opaque)
{
    BlkRequest *req = g_new0(BlkRequest, 1);

    *req = (BlkRequest){ .blk = blk,
                         .type = type,
                         .offset = offset,
                         .len = len,
                         .cb = cb,
                         .opaque = opaque };
    return req;
}

static void blk_submit(BlkRequest *req)
{
    req->blk->in_flight++;
    g_thread_pool_push(req->blk->pool, req, NULL);
}

static void blk_submit_rw(BlockBackend *blk, BlkReqType type, uint64_t offset,
                          const struct iovec *iov, int niov,
                          BlockCompletionFunc *cb, void *opaque)
{
    BlkRequest *req = blk_req_new(blk, type, offset, 0, cb, opaque);

    req->iov = iov;
    req->niov = niov;
    blk_submit(req);
}

void blk_aio_preadv(BlockBackend *blk, uint64_t offset, const struct iovec *iov,
                    int niov, BlockCompletionFunc *cb, void *opaque)
{
    blk_submit_rw(blk, BLK_READ, offset, iov, niov, cb, opaque);
}

void blk_aio_pwritev(BlockBackend *blk, uint64_t offset,
                     const struct iovec *iov, int niov, BlockCompletionFunc *cb,
                     void *opaque)
{
    blk_submit_rw(blk, BLK_WRITE, offset, iov, niov, cb, opaque);
}

void blk_aio_flush(BlockBackend *blk, BlockCompletionFunc *cb, void *opaque)
{
    blk_submit(blk_req_new(blk, BLK_FLUSH, 0, 0, cb, opaque));
}

void blk_aio_discard(BlockBackend *blk, uint64_t offset, uint64_t len,
                     BlockCompletionFunc *cb, void *opaque)
{
    blk_submit(blk_req_new(blk, BLK_DISCARD, offset, len, cb, opaque));
}

void blk_aio_write_zeroes(BlockBackend *blk, uint64_t offset, uint64_t len,
                          bool unmap, BlockCompletionFunc *cb, void *opaque)
{
    BlkRequest *req =
        blk_req_new(blk, BLK_WRITE_ZEROES, offset, len, cb, opaque);

    req->unmap = unmap;
    blk_submit(req);
}

void blk_drain(BlockBackend *blk)
{
    while (blk->in_flight) {
        g_usleep(1000);
        blk_complete(blk);
    }
}
