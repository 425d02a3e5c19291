/*
 * The "file" protocol driver: a host file (or block device) through
 * pread/pwrite, fdatasync for flushes and fallocate for discards and
 * zeroing. Reads past the end of the file return zeros, as for a sparse
 * image that was never written there.
 *
 * cache.direct=on (cache=none, directsync) opens with O_DIRECT: the host
 * page cache is bypassed, and requests must be aligned in offset, length
 * and memory. Aligned requests go straight through; others go through an
 * aligned bounce buffer, writes as read-modify-write of the blocks they
 * touch (a backend runs one request at a time, so nothing races them).
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "block/block.h"
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/falloc.h>

/*
 * O_DIRECT alignment: the logical block size of the disk under the file
 * system is at most this, and so is the page size buffers align to.
 */
#define DIRECT_ALIGN 4096

typedef struct BDRVFileState {
    int fd;
} BDRVFileState;

static bool file_open(BlockDriverState *bs, GHashTable *opts, GError **errp)
{
    BDRVFileState *s = bs->opaque;
    const char *filename = g_hash_table_lookup(opts, "filename");
    struct stat st;

    s->fd = -1;
    if (!filename) {
        error_setg(errp, "Parameter 'filename' is missing");
        return false;
    }
    bs->filename = g_strdup(filename);
    g_hash_table_remove(opts, "filename");
    s->fd = qemu_open(bs->filename,
                      (bs->read_only ? O_RDONLY : O_RDWR) | O_CLOEXEC |
                          (bs->direct ? O_DIRECT : 0),
                      0);
    /* auto-read-only=on: a file we may not write is opened read-only. */
    if (s->fd < 0 && bs->auto_read_only && !bs->read_only &&
        (errno == EACCES || errno == EROFS || errno == EPERM)) {
        bs->read_only = true;
        s->fd =
            qemu_open(bs->filename,
                      O_RDONLY | O_CLOEXEC | (bs->direct ? O_DIRECT : 0), 0);
    }
    if (s->fd < 0) {
        error_setg(errp, "Could not open '%s': %s", bs->filename,
                   g_strerror(errno));
        return false;
    }
    if (fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        error_setg(errp, "Could not open '%s': Is a directory", bs->filename);
        return false;
    }
    return true;
}

static void file_close(BlockDriverState *bs)
{
    BDRVFileState *s = bs->opaque;

    if (s->fd >= 0) {
        close(s->fd);
    }
}

static int do_pread(int fd, uint64_t offset, void *buf, uint64_t len)
{
    uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pread(fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0) {
            return -errno;
        }
        if (n == 0 || (n % DIRECT_ALIGN && (fcntl(fd, F_GETFL) & O_DIRECT))) {
            /* Past the end (a short O_DIRECT read ends at the end too). */
            memset(p + (n > 0 ? n : 0), 0, len - (n > 0 ? n : 0));
            return 0;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

static int do_pwrite(int fd, uint64_t offset, const void *buf, uint64_t len)
{
    const uint8_t *p = buf;

    while (len > 0) {
        ssize_t n = pwrite(fd, p, len, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return n < 0 ? -errno : -EIO;
        }
        p += n;
        offset += n;
        len -= n;
    }
    return 0;
}

static bool direct_aligned(uint64_t offset, const void *buf, uint64_t len)
{
    return !((offset | len | (uintptr_t)buf) % DIRECT_ALIGN);
}

/* The aligned span [*start, *start + *span) around a request. */
static void direct_span(uint64_t offset, uint64_t len, uint64_t *start,
                        uint64_t *span)
{
    *start = offset & ~(uint64_t)(DIRECT_ALIGN - 1);
    *span = DIV_ROUND_UP(offset + len, DIRECT_ALIGN) * DIRECT_ALIGN - *start;
}

static int file_pread(BlockDriverState *bs, uint64_t offset, void *buf,
                      uint64_t len)
{
    BDRVFileState *s = bs->opaque;
    uint64_t start, span;
    void *bounce;
    int r;

    if (!bs->direct || direct_aligned(offset, buf, len)) {
        return do_pread(s->fd, offset, buf, len);
    }
    direct_span(offset, len, &start, &span);
    bounce = g_aligned_alloc(1, span, DIRECT_ALIGN);
    r = do_pread(s->fd, start, bounce, span);
    if (r == 0) {
        memcpy(buf, (uint8_t *)bounce + (offset - start), len);
    }
    g_aligned_free(bounce);
    return r;
}

static int file_pwrite(BlockDriverState *bs, uint64_t offset, const void *buf,
                       uint64_t len)
{
    BDRVFileState *s = bs->opaque;
    uint64_t start, span, last;
    uint8_t *bounce;
    int r = 0;

    if (!bs->direct || direct_aligned(offset, buf, len)) {
        return do_pwrite(s->fd, offset, buf, len);
    }
    direct_span(offset, len, &start, &span);
    bounce = g_aligned_alloc(1, span, DIRECT_ALIGN);
    /* Read the partly written first and last blocks, then merge. */
    last = start + span - DIRECT_ALIGN;
    if (offset != start) {
        r = do_pread(s->fd, start, bounce, DIRECT_ALIGN);
    }
    if (r == 0 && (offset + len) % DIRECT_ALIGN &&
        (last != start || offset == start)) {
        r = do_pread(s->fd, last, bounce + (last - start), DIRECT_ALIGN);
    }
    if (r == 0) {
        memcpy(bounce + (offset - start), buf, len);
        r = do_pwrite(s->fd, start, bounce, span);
    }
    g_aligned_free(bounce);
    return r;
}

static bool iov_direct_aligned(uint64_t offset, const struct iovec *iov,
                               int niov)
{
    for (int i = 0; i < niov; i++) {
        if (!direct_aligned(offset, iov[i].iov_base, iov[i].iov_len)) {
            return false;
        }
    }
    return true;
}

/*
 * preadv/pwritev until every buffer is done (short transfers resume where
 * they stopped); a read that reaches the end of the file zeroes the rest.
 */
static int do_prwv(int fd, uint64_t offset, const struct iovec *iov, int niov,
                   bool write)
{
    g_autofree struct iovec *v = g_memdup2(iov, niov * sizeof(*iov));
    struct iovec *cur = v;
    int left = niov;

    while (left > 0) {
        int cnt = MIN(left, IOV_MAX);
        ssize_t n = write ? pwritev(fd, cur, cnt, offset)
                          : preadv(fd, cur, cnt, offset);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || (n == 0 && write)) {
            return n < 0 ? -errno : -EIO;
        }
        if (n == 0 ||
            (!write && n % DIRECT_ALIGN && (fcntl(fd, F_GETFL) & O_DIRECT))) {
            /* Past the end: what was not read reads as zeros. */
            for (; left > 0; cur++, left--) {
                size_t z = MIN((size_t)n, cur->iov_len);

                memset((uint8_t *)cur->iov_base + z, 0, cur->iov_len - z);
                n -= z;
            }
            return 0;
        }
        offset += n;
        for (; left > 0 && (size_t)n >= cur->iov_len; cur++, left--) {
            n -= cur->iov_len;
        }
        if (left > 0) {
            cur->iov_base = (uint8_t *)cur->iov_base + n;
            cur->iov_len -= n;
        }
    }
    return 0;
}

/*
 * Vectored I/O in one system call when it can go straight through (no
 * O_DIRECT, or every buffer aligned); else buffer by buffer, through the
 * aligned bounce of file_pread/file_pwrite.
 */
static int file_prwv(BlockDriverState *bs, uint64_t offset,
                     const struct iovec *iov, int niov, bool write)
{
    BDRVFileState *s = bs->opaque;
    int r = 0;

    if (!bs->direct || iov_direct_aligned(offset, iov, niov)) {
        return do_prwv(s->fd, offset, iov, niov, write);
    }
    for (int i = 0; i < niov && !r; i++) {
        r = write ? file_pwrite(bs, offset, iov[i].iov_base, iov[i].iov_len)
                  : file_pread(bs, offset, iov[i].iov_base, iov[i].iov_len);
        offset += iov[i].iov_len;
    }
    return r;
}

static int file_preadv(BlockDriverState *bs, uint64_t offset,
                       const struct iovec *iov, int niov)
{
    return file_prwv(bs, offset, iov, niov, false);
}

static int file_pwritev(BlockDriverState *bs, uint64_t offset,
                        const struct iovec *iov, int niov)
{
    return file_prwv(bs, offset, iov, niov, true);
}

static int file_flush(BlockDriverState *bs)
{
    BDRVFileState *s = bs->opaque;

    if (bs->no_flush) {
        return 0;
    }
    return fdatasync(s->fd) < 0 ? -errno : 0;
}

static int file_discard(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
    BDRVFileState *s = bs->opaque;

    if (fallocate(s->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset,
                  len) < 0 &&
        errno != EOPNOTSUPP) {
        return -errno;
    }
    return 0;
}

static int file_write_zeroes(BlockDriverState *bs, uint64_t offset,
                             uint64_t len, bool unmap)
{
    BDRVFileState *s = bs->opaque;
    int mode = unmap ? FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE
                     : FALLOC_FL_ZERO_RANGE;
    g_autofree uint8_t *zero = NULL;
    uint64_t chunk = 1 * MiB;
    int r = 0;

    if (fallocate(s->fd, mode, offset, len) == 0) {
        return 0;
    }
    /* Not supported here: write the zeros. */
    zero = g_malloc0(MIN(len, chunk));
    for (uint64_t done = 0; done < len && r == 0; done += chunk) {
        r = file_pwrite(bs, offset + done, zero, MIN(chunk, len - done));
    }
    return r;
}

static int64_t file_getlength(BlockDriverState *bs)
{
    BDRVFileState *s = bs->opaque;
    off_t end = lseek(s->fd, 0, SEEK_END);

    return end < 0 ? -errno : end;
}

const BlockDriver bdrv_file = {
    .format_name = "file",
    .instance_size = sizeof(BDRVFileState),
    .open = file_open,
    .close = file_close,
    .pread = file_pread,
    .pwrite = file_pwrite,
    .preadv = file_preadv,
    .pwritev = file_pwritev,
    .flush = file_flush,
    .discard = file_discard,
    .write_zeroes = file_write_zeroes,
    .getlength = file_getlength,
};
