/*
 * The block layer's graph: nodes (BlockDriverState) each run by a driver.
 * Protocol drivers ("file") reach the host; format drivers ("raw",
 * "qcow2") interpret a child node "file" and may have a "backing" node.
 *
 * Node I/O is synchronous: it runs on a BlockBackend's I/O thread (see
 * sysemu/block-backend.h), one request at a time per backend, or on the
 * main thread while images are opened. Results are 0 or -errno.
 */
#ifndef BLOCK_BLOCK_H
#define BLOCK_BLOCK_H

#include "qemu/osdep.h"
#include <sys/uio.h>

#define BDRV_SECTOR_SIZE 512

typedef struct BlockDriverState BlockDriverState;

typedef struct BlockDriver {
    const char *format_name;
    /* A format driver reads its image through the child node "file". */
    bool is_format;
    size_t instance_size;
    /* opts: the node's own options (child options already removed). */
    bool (*open)(BlockDriverState *bs, GHashTable *opts, GError **errp);
    void (*close)(BlockDriverState *bs);
    int (*pread)(BlockDriverState *bs, uint64_t offset, void *buf,
                 uint64_t len);
    int (*pwrite)(BlockDriverState *bs, uint64_t offset, const void *buf,
                  uint64_t len);
    /*
     * Optional: the same over the buffers of an I/O vector, read or
     * written in order from offset (else: pread/pwrite per buffer).
     */
    int (*preadv)(BlockDriverState *bs, uint64_t offset,
                  const struct iovec *iov, int niov);
    int (*pwritev)(BlockDriverState *bs, uint64_t offset,
                   const struct iovec *iov, int niov);
    /* Make completed writes durable (before the child's flush). */
    int (*flush)(BlockDriverState *bs);
    int (*discard)(BlockDriverState *bs, uint64_t offset, uint64_t len);
    int (*write_zeroes)(BlockDriverState *bs, uint64_t offset, uint64_t len,
                        bool unmap);
    int64_t (*getlength)(BlockDriverState *bs);
    /* Does this image look like ours (format probing)? */
    bool (*probe)(const uint8_t *head, size_t len);
} BlockDriver;

struct BlockDriverState {
    const BlockDriver *drv;
    void *opaque; /* the driver's state, drv->instance_size bytes */
    char *node_name;
    char *filename;
    bool read_only;
    bool auto_read_only; /* read-only when the file cannot be written */
    bool discard_unmap;  /* discard=unmap: discards reach the host */
    bool no_flush;       /* cache=unsafe / cache.no-flush=on */
    bool direct;         /* cache=none|directsync / cache.direct=on */
    BlockDriverState *file;
    BlockDriverState *backing;
    int refcnt;
};

/*
 * Open a node from flat options: driver= (file, raw, qcow2), node-name=,
 * filename= (file), file= (a node name) or file.KEY=..., backing=,
 * read-only=, auto-read-only=, discard=ignore|unmap, cache.no-flush=,
 * cache.direct= (the file protocol bypasses the host page cache). Consumes
 * nothing: opts is left as given. Unknown options are an error naming them.
 */
BlockDriverState *bdrv_open_opts(GHashTable *opts, GError **errp);
/* A node made elsewhere with node-name=name, or NULL. */
BlockDriverState *bdrv_find_node(const char *name);
/* Call fn on every node that has a node-name, in creation order. */
void bdrv_foreach_named(void (*fn)(BlockDriverState *bs, void *opaque),
                        void *opaque);
void bdrv_ref(BlockDriverState *bs);
void bdrv_unref(BlockDriverState *bs);
const BlockDriver *bdrv_find_format(const char *name);
/* The format of the image in bs ("qcow2" or "raw"). */
const char *bdrv_probe_format(BlockDriverState *bs);

int bdrv_pread(BlockDriverState *bs, uint64_t offset, void *buf, uint64_t len);
int bdrv_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                uint64_t len);
/* Vectored: the buffers of iov, back to back on the disk from offset. */
int bdrv_preadv(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                int niov);
int bdrv_pwritev(BlockDriverState *bs, uint64_t offset, const struct iovec *iov,
                 int niov);
int bdrv_flush(BlockDriverState *bs);
int bdrv_discard(BlockDriverState *bs, uint64_t offset, uint64_t len);
int bdrv_write_zeroes(BlockDriverState *bs, uint64_t offset, uint64_t len,
                      bool unmap);
int64_t bdrv_getlength(BlockDriverState *bs);

/* Drivers */
extern const BlockDriver bdrv_file;
extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_snapshot_overlay;

/*
 * A throw-away overlay over base (snapshot=on, -snapshot): writes go to a
 * deleted temporary file, reads of untouched blocks to base.
 */
BlockDriverState *bdrv_new_snapshot_overlay(BlockDriverState *base,
                                            GError **errp);

/* For drivers: a node with no driver state yet. */
BlockDriverState *bdrv_new_node(const BlockDriver *drv);

#endif
