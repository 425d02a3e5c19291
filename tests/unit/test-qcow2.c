/*
 * The qcow2 driver against images made by Debian's qemu-img and qemu-io
 * at test time: reading what they wrote (plain, compressed, zero and
 * backing clusters), writing so that `qemu-img check` is satisfied and
 * `qemu-img convert` sees our data, and corrupt images (patched bytes)
 * that must fail with an error, never crash.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "block/block.h"
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define MB (1024 * 1024)

static char *dir;

static bool have_qemu_img(void)
{
    if (g_file_test("/usr/bin/qemu-img", G_FILE_TEST_IS_EXECUTABLE) &&
        g_file_test("/usr/bin/qemu-io", G_FILE_TEST_IS_EXECUTABLE)) {
        return true;
    }
    g_test_skip("SKIP: /usr/bin/qemu-img or qemu-io missing (qemu-utils)");
    return false;
}

static char *path(const char *name)
{
    return g_build_filename(dir, name, NULL);
}

/* Run a shell command; its exit status. */
static int sh(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static int sh(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL;
    g_autofree char *out = NULL, *err = NULL;
    const char *argv[] = { "/bin/sh", "-c", NULL, NULL };
    int status = -1;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    argv[2] = cmd;
    g_assert_true(g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL,
                               NULL, &out, &err, &status, NULL));
    if (!WIFEXITED(status) || WEXITSTATUS(status)) {
        g_test_message("%s:\n%s%s", cmd, out, err);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static BlockDriverState *open_image(const char *file, bool ro, GError **errp)
{
    g_autoptr(GHashTable) o =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);

    g_hash_table_insert(o, "driver", g_strdup("qcow2"));
    g_hash_table_insert(o, "file.filename", g_strdup(file));
    g_hash_table_insert(o, "read-only", g_strdup(ro ? "on" : "off"));
    return bdrv_open_opts(o, errp);
}

static BlockDriverState *open_ok(const char *file, bool ro)
{
    g_autoptr(GError) err = NULL;
    BlockDriverState *bs = open_image(file, ro, &err);

    g_assert_no_error(err);
    g_assert_nonnull(bs);
    return bs;
}

static void assert_bytes(BlockDriverState *bs, uint64_t off, uint64_t len,
                         uint8_t v)
{
    g_autofree uint8_t *buf = g_malloc(len);

    g_assert_cmpint(bdrv_pread(bs, off, buf, len), ==, 0);
    for (uint64_t i = 0; i < len; i++) {
        if (buf[i] != v) {
            g_error("byte 0x%" PRIx64 " is 0x%x, not 0x%x", off + i, buf[i], v);
        }
    }
}

static void fill(BlockDriverState *bs, uint64_t off, uint64_t len, uint8_t v)
{
    g_autofree uint8_t *buf = g_malloc(len);

    memset(buf, v, len);
    g_assert_cmpint(bdrv_pwrite(bs, off, buf, len), ==, 0);
}

/* What qemu-io wrote, we read; unwritten clusters read as zeros. */
static void test_read_qemu_io(void)
{
    g_autofree char *img = path("read.qcow2");
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    g_assert_cmpint(sh("qemu-img create -q -f qcow2 %s 4M", img), ==, 0);
    g_assert_cmpint(sh("qemu-io -f qcow2 -c 'write -q -P 0xab 65536 131072' "
                       "-c 'write -q -P 0xcd 3000 100' %s",
                       img),
                    ==, 0);
    bs = open_ok(img, true);
    g_assert_cmpint(bdrv_getlength(bs), ==, 4 * MB);
    assert_bytes(bs, 65536, 131072, 0xab);
    assert_bytes(bs, 3000, 100, 0xcd);
    assert_bytes(bs, 0, 3000, 0);
    assert_bytes(bs, 196608, 4 * MB - 196608, 0);
    bdrv_unref(bs);
}

/* Our writes: qemu-img check is clean and qemu-io reads our data. */
static void write_check(bool direct)
{
    g_autofree char *img = path("write.qcow2");
    g_autoptr(GHashTable) o =
        g_hash_table_new_full(g_str_hash, g_str_equal, NULL, g_free);
    g_autoptr(GError) err = NULL;
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    g_assert_cmpint(sh("qemu-img create -q -f qcow2 %s 64M", img), ==, 0);
    g_hash_table_insert(o, "driver", g_strdup("qcow2"));
    g_hash_table_insert(o, "file.filename", g_strdup(img));
    g_hash_table_insert(o, "cache.direct", g_strdup(direct ? "on" : "off"));
    bs = bdrv_open_opts(o, &err);
    g_assert_no_error(err);
    g_assert_true(bs->file->direct == direct);
    fill(bs, 512, 1024, 0x11);          /* inside one cluster */
    fill(bs, 65536 - 100, 300, 0x22);   /* across a boundary */
    fill(bs, 40 * MB, 3 * 65536, 0x33); /* whole clusters, new L2 */
    fill(bs, 600, 10, 0x44);            /* rewrite in place */
    assert_bytes(bs, 512, 88, 0x11);
    assert_bytes(bs, 600, 10, 0x44);
    assert_bytes(bs, 65536 - 100, 300, 0x22);
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    bdrv_unref(bs);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
    g_assert_cmpint(sh("qemu-io -f qcow2 -c 'read -q -P 0x33 %d 196608' "
                       "-c 'read -q -P 0x44 600 10' %s | grep -q Pattern; "
                       "test $? -ne 0",
                       40 * MB, img),
                    ==, 0);
}

static void test_write_check(void)
{
    write_check(false);
}

/*
 * The same through O_DIRECT (cache=none): small metadata updates and
 * unaligned data go through aligned bounce buffers.
 */
static void test_write_check_direct(void)
{
    write_check(true);
}

/*
 * 512-byte clusters: a refcount block covers 256 clusters and a one-cluster
 * refcount table 64 blocks, 8 MiB of file. Writing 24 MiB outgrows it
 * (more than once): qemu-img check is clean, qemu-io reads the data.
 */
static void test_refcount_growth(void)
{
    g_autofree char *img = path("grow.qcow2");
    g_autofree char *hdr = NULL;
    BlockDriverState *bs;
    uint32_t reft_clusters;
    gsize len;

    if (!have_qemu_img()) {
        return;
    }
    g_assert_cmpint(
        sh("qemu-img create -q -f qcow2 -o cluster_size=512 %s 64M", img), ==,
        0);
    g_assert_true(g_file_get_contents(img, &hdr, &len, NULL));
    g_assert_cmpuint(ldl_be_p(hdr + 56), ==, 1); /* one-cluster table */
    bs = open_ok(img, false);
    for (unsigned i = 0; i < 24; i++) {
        fill(bs, (uint64_t)i * MB, MB, 0x40 + i);
    }
    assert_bytes(bs, 0, MB, 0x40);
    assert_bytes(bs, 23 * MB, MB, 0x40 + 23);
    g_assert_cmpint(bdrv_flush(bs), ==, 0);
    bdrv_unref(bs);
    g_free(hdr);
    g_assert_true(g_file_get_contents(img, &hdr, &len, NULL));
    reft_clusters = ldl_be_p(hdr + 56);
    g_assert_cmpuint(reft_clusters, >, 1);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
    g_assert_cmpint(sh("qemu-io -f qcow2 -c 'read -q -P 0x40 0 1M' "
                       "-c 'read -q -P 0x57 23M 1M' %s | grep -q Pattern; "
                       "test $? -ne 0",
                       img),
                    ==, 0);
    /* Our own reopen takes the new table, and writes on. */
    bs = open_ok(img, false);
    assert_bytes(bs, 12 * MB, MB, 0x40 + 12);
    fill(bs, 30 * MB, MB, 0x99);
    bdrv_unref(bs);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
}

/* Compressed clusters (qemu-img convert -c): read, then overwritten. */
static void test_compressed(void)
{
    g_autofree char *raw = path("c.raw");
    g_autofree char *img = path("c.qcow2");
    g_autofree uint8_t *want = g_malloc(MB);
    g_autofree uint8_t *got = g_malloc(MB);
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    for (int i = 0; i < MB; i++) {
        want[i] = (i / 1000) * 13 + (i % 7);
    }
    g_assert_true(g_file_set_contents(raw, (char *)want, MB, NULL));
    g_assert_cmpint(sh("qemu-img convert -c -f raw -O qcow2 %s %s", raw, img),
                    ==, 0);
    bs = open_ok(img, false);
    g_assert_cmpint(bdrv_pread(bs, 0, got, MB), ==, 0);
    g_assert_cmpmem(got, MB, want, MB);
    memset(want + 70000, 0x5e, 100);
    fill(bs, 70000, 100, 0x5e);
    g_assert_cmpint(bdrv_pread(bs, 0, got, MB), ==, 0);
    g_assert_cmpmem(got, MB, want, MB);
    bdrv_unref(bs);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
    /* qemu-img sees what we wrote. */
    g_assert_true(g_file_set_contents(raw, (char *)want, MB, NULL));
    g_assert_cmpint(sh("qemu-img convert -O raw %s %s.out && cmp %s.out %s",
                       img, raw, raw, raw),
                    ==, 0);
}

/* A backing file shows through until a cluster is written. */
static void test_backing(void)
{
    g_autofree char *base = path("base.raw");
    g_autofree char *img = path("top.qcow2");
    g_autofree uint8_t *b = g_malloc(MB);
    BlockDriverState *bs;
    gsize len;

    if (!have_qemu_img()) {
        return;
    }
    memset(b, 0x99, MB);
    g_assert_true(g_file_set_contents(base, (char *)b, MB, NULL));
    g_assert_cmpint(
        sh("qemu-img create -q -f qcow2 -b %s -F raw %s 2M", base, img), ==, 0);
    bs = open_ok(img, false);
    assert_bytes(bs, 0, MB, 0x99);
    assert_bytes(bs, MB, MB, 0); /* past the backing file's end */
    fill(bs, 1000, 10, 0x01);
    assert_bytes(bs, 990, 10, 0x99);
    assert_bytes(bs, 1000, 10, 0x01);
    assert_bytes(bs, 1010, 65536 - 1010, 0x99);
    bdrv_unref(bs);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
    /* The backing file is untouched. */
    g_free(b);
    g_assert_true(g_file_get_contents(base, (char **)&b, &len, NULL));
    g_assert_cmpuint(len, ==, MB);
    for (gsize i = 0; i < len; i++) {
        g_assert_cmphex(b[i], ==, 0x99);
    }
}

/* Zero clusters from qemu-io, and our write-zeroes and discard. */
static void test_zero_clusters(void)
{
    g_autofree char *img = path("z.qcow2");
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    g_assert_cmpint(sh("qemu-img create -q -f qcow2 %s 4M", img), ==, 0);
    g_assert_cmpint(sh("qemu-io -f qcow2 -c 'write -q -P 0x66 0 1M' "
                       "-c 'write -q -z 0 128k' %s",
                       img),
                    ==, 0);
    bs = open_ok(img, false);
    assert_bytes(bs, 0, 131072, 0);
    assert_bytes(bs, 131072, 65536, 0x66);
    g_assert_cmpint(bdrv_write_zeroes(bs, 196608, 131072, true), ==, 0);
    assert_bytes(bs, 196608, 131072, 0);
    g_assert_cmpint(bdrv_write_zeroes(bs, 400000, 1000, false), ==, 0);
    assert_bytes(bs, 400000, 1000, 0);
    bs->discard_unmap = true;
    g_assert_cmpint(bdrv_discard(bs, 524288, 131072), ==, 0);
    assert_bytes(bs, 524288, 131072, 0);
    assert_bytes(bs, 655360, 65536, 0x66);
    bdrv_unref(bs);
    g_assert_cmpint(sh("qemu-img check -q %s", img), ==, 0);
}

/* Corrupt images: patch big-endian fields. */
static void patch(const char *file, uint64_t off, uint64_t v, int bytes)
{
    FILE *f = fopen(file, "r+b");
    uint8_t b[8];

    g_assert_nonnull(f);
    for (int i = 0; i < bytes; i++) {
        b[i] = v >> (8 * (bytes - 1 - i));
    }
    g_assert_cmpint(fseek(f, off, SEEK_SET), ==, 0);
    g_assert_cmpuint(fwrite(b, 1, bytes, f), ==, bytes);
    fclose(f);
}

static uint64_t peek(const char *file, uint64_t off, int bytes)
{
    FILE *f = fopen(file, "rb");
    uint8_t b[8];
    uint64_t v = 0;

    g_assert_nonnull(f);
    g_assert_cmpint(fseek(f, off, SEEK_SET), ==, 0);
    g_assert_cmpuint(fread(b, 1, bytes, f), ==, bytes);
    fclose(f);
    for (int i = 0; i < bytes; i++) {
        v = v << 8 | b[i];
    }
    return v;
}

static char *fresh_image(const char *name)
{
    char *img = path(name);

    g_assert_cmpint(sh("qemu-img create -q -f qcow2 %s 4M && qemu-io -f qcow2 "
                       "-c 'write -q -P 0x42 0 64k' %s",
                       img, img),
                    ==, 0);
    return img;
}

static void expect_open_error(const char *img, const char *msg)
{
    g_autoptr(GError) err = NULL;
    BlockDriverState *bs = open_image(img, false, &err);

    if (bs) {
        g_error("%s: opened, expected \"%s\"", img, msg);
    }
    g_assert_nonnull(err);
    if (!strstr(err->message, msg)) {
        g_error("expected \"%s\" in \"%s\"", msg, err->message);
    }
}

static void test_corrupt_header(void)
{
    static const struct {
        uint64_t off, v;
        int bytes;
        const char *msg;
    } cases[] = {
        { 0, 0x12345678, 4, "not in qcow2 format" },
        { 4, 7, 4, "Unsupported qcow2 version 7" },
        { 20, 30, 4, "unsupported cluster size" },
        { 20, 2, 4, "unsupported cluster size" },
        { 36, 0, 4, "L1 table of 0 entries is too small" },
        { 36, 0x7fffffff, 4, "too large" },
        { 40, 0x7fff0000, 8, "L1 table at 0x7fff0000 is outside" },
        { 40, 0x10001, 8, "L1 table at 0x10001 is outside" },
        { 48, 0xffff000000, 8, "refcount table at 0xffff000000 is outside" },
        { 56, 0x7fffffff, 4, "bad refcount table size" },
        { 72, 1ull << 40, 8, "unsupported incompatible features" },
        { 100, 0x7fffffff, 4, "bad header length" },
        { 8, 70000, 8, "bad backing file name location" },
        { 8, 60000, 8, "empty backing file name" },
    };

    if (!have_qemu_img()) {
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *img = fresh_image("hdr.qcow2");

        g_test_message("patching 0x%" PRIx64, cases[i].off);
        patch(img, cases[i].off, cases[i].v, cases[i].bytes);
        if (cases[i].off == 8) {
            patch(img, 16, 10, 4); /* a name length, with the bad offset */
        }
        expect_open_error(img, cases[i].msg);
    }
}

/* An L2 entry pointing outside the file: -EIO on read and write. */
static void test_l2_outside(void)
{
    g_autofree char *img = NULL;
    BlockDriverState *bs;
    uint8_t buf[512];
    uint64_t l2;

    if (!have_qemu_img()) {
        return;
    }
    img = fresh_image("l2.qcow2");
    l2 = peek(img, peek(img, 40, 8), 8) & 0x00fffffffffffe00ull;
    patch(img, l2, 0x8000ff0000000000ull, 8);
    bs = open_ok(img, false);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, 512), ==, -EIO);
    g_assert_cmpint(bdrv_pwrite(bs, 0, buf, 512), <, 0);
    /* And an L1 entry pointing outside. */
    bdrv_unref(bs);
    patch(img, peek(img, 40, 8), 0x80000fff00000000ull, 8);
    bs = open_ok(img, true);
    g_assert_cmpint(bdrv_pread(bs, 0, buf, 512), ==, -EIO);
    bdrv_unref(bs);
}

/* The refcount of the next cluster we would allocate is already 0xffff. */
static void test_refcount_overflow(void)
{
    g_autofree char *img = NULL;
    BlockDriverState *bs;
    uint8_t buf[512] = { 0 };
    uint64_t rb, next;
    struct stat st;

    if (!have_qemu_img()) {
        return;
    }
    img = fresh_image("rc.qcow2");
    g_assert_cmpint(stat(img, &st), ==, 0);
    next = (st.st_size + 65535) / 65536;
    rb = peek(img, peek(img, 48, 8), 8);
    patch(img, rb + 2 * next, 0xffff, 2);
    bs = open_ok(img, false);
    g_assert_cmpint(bdrv_pwrite(bs, 2 * MB, buf, 512), ==, -EIO);
    /* Nothing more is written once the image is known to be corrupt. */
    g_assert_cmpint(bdrv_pwrite(bs, 0, buf, 512), <, 0);
    assert_bytes(bs, 0, 512, 0x42);
    bdrv_unref(bs);
}

/* Images we cannot write are refused read-write, accepted read-only. */
static void test_snapshot_image_read_only(void)
{
    g_autofree char *img = NULL;
    BlockDriverState *bs;

    if (!have_qemu_img()) {
        return;
    }
    img = fresh_image("snap.qcow2");
    g_assert_cmpint(sh("qemu-img snapshot -c s1 %s", img), ==, 0);
    expect_open_error(img, "internal snapshots");
    bs = open_ok(img, true);
    assert_bytes(bs, 0, 65536, 0x42);
    bdrv_unref(bs);
}

int main(int argc, char **argv)
{
    int r;

    g_test_init(&argc, &argv, NULL);
    dir = g_dir_make_tmp("test-qcow2-XXXXXX", NULL);
    g_test_add_func("/qcow2/read-qemu-io", test_read_qemu_io);
    g_test_add_func("/qcow2/write-check", test_write_check);
    g_test_add_func("/qcow2/write-check-direct", test_write_check_direct);
    g_test_add_func("/qcow2/refcount-growth", test_refcount_growth);
    g_test_add_func("/qcow2/compressed", test_compressed);
    g_test_add_func("/qcow2/backing", test_backing);
    g_test_add_func("/qcow2/zero-clusters", test_zero_clusters);
    g_test_add_func("/qcow2/corrupt/header", test_corrupt_header);
    g_test_add_func("/qcow2/corrupt/l2-outside", test_l2_outside);
    g_test_add_func("/qcow2/corrupt/refcount-overflow", test_refcount_overflow);
    g_test_add_func("/qcow2/snapshot-image-read-only",
                    test_snapshot_image_read_only);
    r = g_test_run();
    sh("rm -rf %s", dir);
    g_free(dir);
    return r;
}
