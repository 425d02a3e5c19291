/*
 * The qcow2 image format (QEMU's docs/interop/qcow2.txt, versions 2 and
 * 3): a header, a two-level table (L1 -> L2 -> data clusters) mapping the
 * guest's disk onto the image file, and reference counts for every
 * cluster the image uses.
 *
 * Every field read from an image is validated before it is used: table
 * offsets must be cluster-aligned and inside the file, sizes bounded, and
 * unknown incompatible features refuse the image. A bad entry found while
 * running fails that request with -EIO and a one-line error, never a
 * crash, and stops all writes to the image.
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include "block/block.h"

#define QCOW2_MAGIC             0x514649fbu /* "QFI\xfb" */
#define QCOW2_MIN_CLUSTER_BITS  9
#define QCOW2_MAX_CLUSTER_BITS  21
#define QCOW2_MAX_L1_BYTES      (32 * MiB)
#define QCOW2_MAX_REFT_BYTES    (8 * MiB)
#define QCOW2_MAX_BACKING_NAME  1023
#define QCOW2_MAX_BACKING_DEPTH 16

/* Header fields (big-endian) */
enum {
    QCOW2_H_MAGIC = 0,
    QCOW2_H_VERSION = 4,
    QCOW2_H_BACKING_OFFSET = 8,
    QCOW2_H_BACKING_SIZE = 16,
    QCOW2_H_CLUSTER_BITS = 20,
    QCOW2_H_SIZE = 24,
    QCOW2_H_CRYPT = 32,
    QCOW2_H_L1_SIZE = 36,
    QCOW2_H_L1_OFFSET = 40,
    QCOW2_H_REFT_OFFSET = 48,
    QCOW2_H_REFT_CLUSTERS = 56,
    QCOW2_H_NB_SNAPSHOTS = 60,
    QCOW2_H_SNAPSHOTS_OFFSET = 64,
    QCOW2_H_V2_LENGTH = 72,
    QCOW2_H_INCOMPAT = 72,
    QCOW2_H_COMPAT = 80,
    QCOW2_H_AUTOCLEAR = 88,
    QCOW2_H_REFCOUNT_ORDER = 96,
    QCOW2_H_HEADER_LENGTH = 100,
    QCOW2_H_COMPRESSION_TYPE = 104,
    QCOW2_H_V3_LENGTH = 104,
};

/* Incompatible feature bits */
#define QCOW2_INCOMPAT_DIRTY       (1ull << 0)
#define QCOW2_INCOMPAT_CORRUPT     (1ull << 1)
#define QCOW2_INCOMPAT_DATA_FILE   (1ull << 2)
#define QCOW2_INCOMPAT_COMPRESSION (1ull << 3)
#define QCOW2_INCOMPAT_EXTL2       (1ull << 4)

/* Header extension types */
#define QCOW2_EXT_END         0
#define QCOW2_EXT_BACKING_FMT 0xe2792acau

/* Table entries */
#define QCOW_OFLAG_COPIED     (1ull << 63)
#define QCOW_OFLAG_COMPRESSED (1ull << 62)
#define QCOW_OFLAG_ZERO       (1ull << 0)
#define QCOW2_OFFSET_MASK     0x00fffffffffffe00ull
#define QCOW2_L1E_RESERVED    0x7f000000000001ffull
#define QCOW2_L2E_RESERVED    0x3f000000000001feull

/* A small write-through cache of table clusters (L2 tables, refblocks). */
#define QCOW2_CACHE_SIZE 16
typedef struct Qcow2Cache {
    uint64_t offset[QCOW2_CACHE_SIZE]; /* 0: empty slot */
    uint64_t used[QCOW2_CACHE_SIZE];
    uint8_t *data[QCOW2_CACHE_SIZE];
    uint64_t clock;
} Qcow2Cache;

typedef enum {
    QCOW2_CLUSTER_UNALLOCATED,
    QCOW2_CLUSTER_ZERO,
    QCOW2_CLUSTER_COMPRESSED,
    QCOW2_CLUSTER_NORMAL,
} Qcow2ClusterType;

typedef struct BDRVQcow2State {
    unsigned version;
    unsigned cluster_bits;
    uint64_t cluster_size;
    unsigned l2_bits; /* log2 of entries per L2 table */
    uint64_t size;    /* the guest's disk */
    uint32_t l1_size;
    uint64_t l1_offset;
    uint64_t *l1; /* host order */
    uint64_t reft_offset;
    uint64_t reft_entries;
    uint64_t *reft; /* host order */
    unsigned refcount_order;
    uint32_t nb_snapshots;
    uint64_t incompat, autoclear;
    uint64_t file_len;  /* the image file's length, grows with writes */
    uint64_t next_free; /* the next cluster index to allocate (appends) */
    bool writable;
    bool corrupt; /* a bad entry was found: no more writes */
    Qcow2Cache l2_cache, rb_cache;
    uint8_t *cbuf; /* compressed data */
    uint8_t *dbuf; /* decompressed cluster, for dbuf_entry */
    uint64_t dbuf_entry;
    char *backing_name;
    char *backing_fmt;
} BDRVQcow2State;

extern const BlockDriver bdrv_qcow2;

/* qcow2-cache.c */
int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table);
/* A fresh zeroed table at offset, written to the file. */
int qcow2_cache_new(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                    uint8_t **table);
/* Change len bytes at pos of the cached table, writing them through. */
int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset,
                      unsigned pos, const void *bytes, unsigned len);
void qcow2_cache_free(Qcow2Cache *c);

/* qcow2-refcount.c */
/* Add delta to a cluster's refcount: the new count, or -errno. */
int qcow2_refcount_update(BlockDriverState *bs, uint64_t cluster, int delta);
/* Reserve the next cluster at the end of the file (no refcount yet). */
uint64_t qcow2_alloc_offset(BlockDriverState *bs);
/* Drop one reference from every cluster an L2 entry's data uses. */
int qcow2_free_entry(BlockDriverState *bs, uint64_t l2e);

/* qcow2-cluster.c */
/* Report a corrupt image: one line, -EIO, no more writes. */
int qcow2_corrupt(BlockDriverState *bs, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
bool qcow2_offset_ok(BDRVQcow2State *s, uint64_t off, uint64_t len);
Qcow2ClusterType qcow2_entry_type(BDRVQcow2State *s, uint64_t l2e);
/* The L2 entry for the guest offset (0 when unallocated), validated. */
int qcow2_get_entry(BlockDriverState *bs, uint64_t guest, uint64_t *l2e);
/* Point the guest offset's L2 entry at value (allocating the L2 table). */
int qcow2_set_entry(BlockDriverState *bs, uint64_t guest, uint64_t value);
/* The whole guest cluster that l2e maps, into buf (cluster_size). */
int qcow2_read_cluster(BlockDriverState *bs, uint64_t guest, uint64_t l2e,
                       uint8_t *buf);

#endif
