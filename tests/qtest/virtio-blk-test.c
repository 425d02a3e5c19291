/*
 * virtio-blk-device through virtio-mmio, driven by hand: configuration,
 * reads and writes that reach the image file (scattered over descriptors
 * that cross pages, too), flush, GET_ID, discard and
 * write-zeroes, bad requests, read-only drives, snapshot=on and -blockdev.
 * The same checks run against Debian's QEMU.
 */
#include "libvirtio.h"
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#define VIRTIO_ID_BLOCK 2
#define DISK_SIZE       (1 * 1024 * 1024)
#define T_IN            0
#define T_OUT           1
#define T_FLUSH         4
#define T_GET_ID        8
#define T_DISCARD       11
#define T_WRITE_ZEROES  13
#define S_OK            0
#define S_IOERR         1
#define S_UNSUPP        2
#define F_RO            (1ull << 5)
#define F_FLUSH         (1ull << 9)
#define F_DISCARD       (1ull << 13)
#define F_WRITE_ZEROES  (1ull << 14)

typedef struct Disk {
    char *dir, *path;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq;
    uint64_t hdr, data, status;
} Disk;

/* A raw image of DISK_SIZE bytes, byte i holding i * 7 (mod 256). */
static void make_image(Disk *k)
{
    g_autofree uint8_t *buf = g_malloc(DISK_SIZE);

    for (size_t i = 0; i < DISK_SIZE; i++) {
        buf[i] = i * 7;
    }
    k->dir = g_dir_make_tmp("virtio-blk-XXXXXX", NULL);
    k->path = g_build_filename(k->dir, "disk.img", NULL);
    g_assert_true(g_file_set_contents(k->path, (char *)buf, DISK_SIZE, NULL));
}

static void disk_start(Disk *k, const char *fmt_args, uint64_t features)
{
    g_autofree char *args = g_strdup_printf(fmt_args, k->path);

    k->qts = qtest_initf("-M virt %s", args);
    qvirtio_start(&k->d, k->qts, qvirtio_find(k->qts, VIRTIO_ID_BLOCK));
    qvirtio_run_vm(k->qts);
    if (!k->d.legacy) {
        features |= VF_VERSION_1;
    }
    g_assert_true(qvirtio_set_features(&k->d, features));
    qvirtqueue_setup(&k->d, &k->vq, 0, 16);
    qvirtio_driver_ok(&k->d);
    k->hdr = qvirtio_alloc(&k->d, 16, 16);
    k->status = qvirtio_alloc(&k->d, 1, 1);
    k->data = qvirtio_alloc(&k->d, 64 * 1024, 4096);
}

static void disk_stop(Disk *k)
{
    qtest_quit(k->qts);
    unlink(k->path);
    rmdir(k->dir);
    g_free(k->path);
    g_free(k->dir);
}

/* One request: header, len bytes of data at k->data, status. */
static uint8_t request(Disk *k, uint32_t type, uint64_t sector, uint32_t len,
                       bool data_in)
{
    uint32_t id, used_len;
    uint16_t next = 1;

    qtest_writel(k->qts, k->hdr, type);
    qtest_writel(k->qts, k->hdr + 4, 0);
    qtest_writeq(k->qts, k->hdr + 8, sector);
    qtest_writeb(k->qts, k->status, 0xee);
    qvirtqueue_write_desc(&k->d, k->vq.desc, 0, k->hdr, 16, VDESC_F_NEXT, 1);
    if (len) {
        qvirtqueue_write_desc(&k->d, k->vq.desc, 1, k->data, len,
                              VDESC_F_NEXT | (data_in ? VDESC_F_WRITE : 0), 2);
        next = 2;
    }
    qvirtqueue_write_desc(&k->d, k->vq.desc, next, k->status, 1, VDESC_F_WRITE,
                          0);
    qvirtqueue_kick(&k->d, &k->vq, 0);
    g_assert_true(qvirtqueue_wait_used(&k->d, &k->vq, &id, &used_len));
    g_assert_cmpuint(id, ==, 0);
    return qtest_readb(k->qts, k->status);
}

static uint32_t config32(Disk *k, unsigned off)
{
    return qtest_readl(k->qts, k->d.base + VMMIO_CONFIG + off);
}

static void host_bytes(Disk *k, uint64_t off, uint8_t *buf, size_t len)
{
    FILE *f = fopen(k->path, "rb");

    g_assert_nonnull(f);
    g_assert_cmpint(fseek(f, off, SEEK_SET), ==, 0);
    g_assert_cmpuint(fread(buf, 1, len, f), ==, len);
    fclose(f);
}

static void check_config(const char *args)
{
    Disk k;

    make_image(&k);
    disk_start(&k, args, 0);
    /* capacity, in 512-byte sectors */
    g_assert_cmpuint(config32(&k, 0), ==, DISK_SIZE / 512);
    g_assert_cmpuint(config32(&k, 4), ==, 0);
    g_assert_cmpuint(config32(&k, 20), ==, 512); /* blk_size */
    g_assert_true(qvirtio_device_features(&k.d) & F_FLUSH);
    g_assert_false(qvirtio_device_features(&k.d) & F_RO);
    disk_stop(&k);
}

static void test_config_legacy(void)
{
    check_config("-drive file=%s,format=raw,if=none,id=d0 "
                 "-device virtio-blk-device,drive=d0");
}

static void test_config_modern(void)
{
    check_config("-global virtio-mmio.force-legacy=false "
                 "-drive file=%s,format=raw,if=none,id=d0 "
                 "-device virtio-blk-device,drive=d0");
}

/* Read sector 2: the image's bytes. */
static void test_read(void)
{
    Disk k;
    uint8_t buf[512];

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               0);
    g_assert_cmpuint(request(&k, T_IN, 2, 512, true), ==, S_OK);
    qtest_memread(k.qts, k.data, buf, sizeof(buf));
    for (int i = 0; i < 512; i++) {
        g_assert_cmphex(buf[i], ==, (uint8_t)((1024 + i) * 7));
    }
    disk_stop(&k);
}

/* A write then a flush: the host file has the data when the flush is done. */
static void test_write_flush(void)
{
    Disk k;
    uint8_t buf[4096];

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               F_FLUSH);
    qtest_memset(k.qts, k.data, 0x5a, 4096);
    g_assert_cmpuint(request(&k, T_OUT, 8, 4096, false), ==, S_OK);
    g_assert_cmpuint(request(&k, T_FLUSH, 0, 0, false), ==, S_OK);
    host_bytes(&k, 8 * 512, buf, sizeof(buf));
    for (int i = 0; i < 4096; i++) {
        g_assert_cmphex(buf[i], ==, 0x5a);
    }
    /* And it reads back. */
    qtest_memset(k.qts, k.data, 0, 4096);
    g_assert_cmpuint(request(&k, T_IN, 8, 4096, true), ==, S_OK);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 4095), ==, 0x5a);
    disk_stop(&k);
}

/* Kick the chain at head 0 and wait for it: returns the used length. */
static uint32_t kick_wait(Disk *k)
{
    uint32_t id, used_len;

    qvirtqueue_kick(&k->d, &k->vq, 0);
    g_assert_true(qvirtqueue_wait_used(&k->d, &k->vq, &id, &used_len));
    g_assert_cmpuint(id, ==, 0);
    return used_len;
}

/*
 * Data over several descriptors that cross page boundaries, with the
 * header sharing a descriptor with data (writes) and the status byte
 * sharing one with data (reads): any layout (2.7.4.3) lands byte-exact.
 */
static void test_scatter(void)
{
    const uint64_t page = 4096;
    g_autofree uint8_t *buf = g_malloc(2048);
    g_autofree uint8_t *got = g_malloc(2048);
    uint64_t a, b, c;
    Disk k;

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               F_FLUSH);
    /* Three pieces, each starting before a page boundary it crosses. */
    a = qvirtio_alloc(&k.d, 2 * page, page) + page - 300;
    b = qvirtio_alloc(&k.d, 2 * page, page) + page - 1;
    c = qvirtio_alloc(&k.d, 2 * page, page) + page - 100;

    /* Read sectors 3-6: 700 + 1000 + (348 + status) bytes. */
    qtest_writel(k.qts, k.hdr, T_IN);
    qtest_writel(k.qts, k.hdr + 4, 0);
    qtest_writeq(k.qts, k.hdr + 8, 3);
    qtest_writeb(k.qts, c + 348, 0xee);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 0, k.hdr, 16, VDESC_F_NEXT, 1);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 1, a, 700,
                          VDESC_F_NEXT | VDESC_F_WRITE, 2);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 2, b, 1000,
                          VDESC_F_NEXT | VDESC_F_WRITE, 3);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 3, c, 349, VDESC_F_WRITE, 0);
    g_assert_cmpuint(kick_wait(&k), ==, 2049);
    g_assert_cmphex(qtest_readb(k.qts, c + 348), ==, S_OK);
    qtest_memread(k.qts, a, got, 700);
    qtest_memread(k.qts, b, got + 700, 1000);
    qtest_memread(k.qts, c, got + 1700, 348);
    for (int i = 0; i < 2048; i++) {
        g_assert_cmphex(got[i], ==, (uint8_t)((3 * 512 + i) * 7));
    }

    /* Write sectors 10-13: header + 500 bytes, then 1548, then status. */
    for (int i = 0; i < 2048; i++) {
        buf[i] = i * 13 + 5;
    }
    qtest_writel(k.qts, a, T_OUT);
    qtest_writel(k.qts, a + 4, 0);
    qtest_writeq(k.qts, a + 8, 10);
    qtest_memwrite(k.qts, a + 16, buf, 500);
    qtest_memwrite(k.qts, b, buf + 500, 1548);
    qtest_writeb(k.qts, k.status, 0xee);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 0, a, 516, VDESC_F_NEXT, 1);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 1, b, 1548, VDESC_F_NEXT, 2);
    qvirtqueue_write_desc(&k.d, k.vq.desc, 2, k.status, 1, VDESC_F_WRITE, 0);
    kick_wait(&k);
    g_assert_cmphex(qtest_readb(k.qts, k.status), ==, S_OK);
    g_assert_cmpuint(request(&k, T_FLUSH, 0, 0, false), ==, S_OK);
    host_bytes(&k, 10 * 512, got, 2048);
    g_assert_cmpmem(got, 2048, buf, 2048);
    /* The sectors around it are untouched. */
    host_bytes(&k, 9 * 512 + 511, got, 1);
    g_assert_cmphex(got[0], ==, (uint8_t)((9 * 512 + 511) * 7));
    host_bytes(&k, 14 * 512, got, 1);
    g_assert_cmphex(got[0], ==, (uint8_t)(14 * 512 * 7));
    disk_stop(&k);
}

static void test_out_of_range(void)
{
    Disk k;

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               0);
    g_assert_cmpuint(request(&k, T_IN, DISK_SIZE / 512, 512, true), ==,
                     S_IOERR);
    g_assert_cmpuint(request(&k, T_IN, UINT64_MAX, 512, true), ==, S_IOERR);
    g_assert_cmpuint(request(&k, 0x7777, 0, 0, false), ==, S_UNSUPP);
    disk_stop(&k);
}

static void test_get_id(void)
{
    Disk k;
    char id[21] = { 0 };

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0,serial=SN-1234",
               0);
    g_assert_cmpuint(request(&k, T_GET_ID, 0, 20, true), ==, S_OK);
    qtest_memread(k.qts, k.data, id, 20);
    g_assert_cmpstr(id, ==, "SN-1234");
    disk_stop(&k);
}

static void test_write_zeroes(void)
{
    Disk k;
    uint8_t buf[1024];

    make_image(&k);
    disk_start(&k,
               "-global virtio-mmio.force-legacy=false "
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               F_WRITE_ZEROES);
    /* One segment: sector 4, 2 sectors, no flags. */
    qtest_writeq(k.qts, k.data, 4);
    qtest_writel(k.qts, k.data + 8, 2);
    qtest_writel(k.qts, k.data + 12, 0);
    g_assert_cmpuint(request(&k, T_WRITE_ZEROES, 0, 16, false), ==, S_OK);
    g_assert_cmpuint(request(&k, T_FLUSH, 0, 0, false), ==, S_OK);
    host_bytes(&k, 4 * 512, buf, sizeof(buf));
    for (int i = 0; i < 1024; i++) {
        g_assert_cmphex(buf[i], ==, 0);
    }
    /* Its neighbours are untouched. */
    host_bytes(&k, 6 * 512, buf, 1);
    g_assert_cmphex(buf[0], ==, (uint8_t)(6 * 512 * 7));
    disk_stop(&k);
}

/* The open flags of the emulator's descriptor for path (-1: none). */
static long image_fd_flags(Disk *k)
{
    g_autofree char *fds =
        g_strdup_printf("/proc/%d/fd", (int)qtest_pid(k->qts));
    g_autoptr(GDir) dir = g_dir_open(fds, 0, NULL);
    const char *name;

    g_assert_nonnull(dir);
    while ((name = g_dir_read_name(dir))) {
        g_autofree char *link = g_build_filename(fds, name, NULL);
        g_autofree char *target = g_file_read_link(link, NULL);
        g_autofree char *info = NULL, *fdinfo = NULL;
        const char *flags;

        if (!target || strcmp(target, k->path)) {
            continue;
        }
        fdinfo =
            g_strdup_printf("/proc/%d/fdinfo/%s", (int)qtest_pid(k->qts), name);
        g_assert_true(g_file_get_contents(fdinfo, &info, NULL, NULL));
        flags = strstr(info, "flags:");
        g_assert_nonnull(flags);
        return strtol(flags + 6, NULL, 8);
    }
    return -1;
}

/*
 * cache=none: the image is open with O_DIRECT, and writes that are not
 * whole 4 KiB blocks (one 512-byte sector) still land exactly.
 */
static void test_cache_none(void)
{
    uint8_t buf[1536];
    Disk k;

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0,cache=none "
               "-device virtio-blk-device,drive=d0",
               F_FLUSH);
    g_assert_cmphex(image_fd_flags(&k) & O_DIRECT, ==, O_DIRECT);
    qtest_memset(k.qts, k.data, 0xc3, 512);
    g_assert_cmpuint(request(&k, T_OUT, 3, 512, false), ==, S_OK);
    qtest_memset(k.qts, k.data, 0x3c, 8192);
    g_assert_cmpuint(request(&k, T_OUT, 16, 8192, false), ==, S_OK);
    g_assert_cmpuint(request(&k, T_FLUSH, 0, 0, false), ==, S_OK);
    host_bytes(&k, 2 * 512, buf, sizeof(buf));
    for (int i = 0; i < 1536; i++) {
        uint8_t want = i / 512 == 1 ? 0xc3 : (uint8_t)((2 * 512 + i) * 7);

        g_assert_cmphex(buf[i], ==, want);
    }
    host_bytes(&k, 16 * 512, buf, 1);
    g_assert_cmphex(buf[0], ==, 0x3c);
    /* Reads: unaligned (3 sectors from 2) and aligned. */
    g_assert_cmpuint(request(&k, T_IN, 2, 1536, true), ==, S_OK);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 512), ==, 0xc3);
    g_assert_cmphex(qtest_readb(k.qts, k.data), ==, (uint8_t)(2 * 512 * 7));
    disk_stop(&k);
    /* writeback does not bypass the host cache. */
    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               0);
    g_assert_cmphex(image_fd_flags(&k) & O_DIRECT, ==, 0);
    disk_stop(&k);
}

static long allocated_kib(Disk *k)
{
    struct stat st;

    g_assert_cmpint(stat(k->path, &st), ==, 0);
    return st.st_blocks / 2;
}

/* One discard of the first 512 KiB. */
static uint8_t discard_half(Disk *k)
{
    qtest_writeq(k->qts, k->data, 0);
    qtest_writel(k->qts, k->data + 8, 1024);
    qtest_writel(k->qts, k->data + 12, 0);
    return request(k, T_DISCARD, 0, 16, false);
}

/* discard=unmap punches a hole in the image; discard=ignore does not. */
static void test_discard(void)
{
    long before;
    Disk k;

    make_image(&k);
    disk_start(&k,
               "-global virtio-mmio.force-legacy=false "
               "-drive file=%s,format=raw,if=none,id=d0,discard=unmap "
               "-device virtio-blk-device,drive=d0",
               F_DISCARD);
    before = allocated_kib(&k);
    g_assert_cmpint(before, >=, 1024);
    g_assert_cmpuint(discard_half(&k), ==, S_OK);
    g_assert_cmpint(allocated_kib(&k), <=, before - 512);
    g_assert_cmpuint(request(&k, T_IN, 8, 512, true), ==, S_OK);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 7), ==, 0);
    disk_stop(&k);
    make_image(&k);
    disk_start(&k,
               "-global virtio-mmio.force-legacy=false "
               "-drive file=%s,format=raw,if=none,id=d0 "
               "-device virtio-blk-device,drive=d0",
               F_DISCARD);
    before = allocated_kib(&k);
    g_assert_cmpuint(discard_half(&k), ==, S_OK);
    g_assert_cmpint(allocated_kib(&k), ==, before);
    disk_stop(&k);
}

static void test_read_only(void)
{
    Disk k;
    uint8_t b;

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0,readonly=on "
               "-device virtio-blk-device,drive=d0",
               0);
    g_assert_true(qvirtio_device_features(&k.d) & F_RO);
    qtest_memset(k.qts, k.data, 0x11, 512);
    g_assert_cmpuint(request(&k, T_OUT, 0, 512, false), ==, S_IOERR);
    host_bytes(&k, 0, &b, 1);
    g_assert_cmphex(b, ==, 0);
    disk_stop(&k);
}

/* snapshot=on: the guest sees its writes, the image never changes. */
static void test_snapshot(void)
{
    Disk k;
    uint8_t buf[512];

    make_image(&k);
    disk_start(&k,
               "-drive file=%s,format=raw,if=none,id=d0,snapshot=on "
               "-device virtio-blk-device,drive=d0",
               F_FLUSH);
    qtest_memset(k.qts, k.data, 0x77, 512);
    g_assert_cmpuint(request(&k, T_OUT, 1, 512, false), ==, S_OK);
    g_assert_cmpuint(request(&k, T_FLUSH, 0, 0, false), ==, S_OK);
    qtest_memset(k.qts, k.data, 0, 1024);
    g_assert_cmpuint(request(&k, T_IN, 0, 1024, true), ==, S_OK);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 1), ==, 7);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 512), ==, 0x77);
    host_bytes(&k, 512, buf, 512);
    for (int i = 0; i < 512; i++) {
        g_assert_cmphex(buf[i], ==, (uint8_t)((512 + i) * 7));
    }
    disk_stop(&k);
}

static void test_blockdev(void)
{
    Disk k;

    make_image(&k);
    disk_start(&k,
               "-blockdev driver=file,node-name=f0,filename=%s "
               "-blockdev driver=raw,node-name=disk0,file=f0 "
               "-device virtio-blk-device,drive=disk0",
               0);
    g_assert_cmpuint(config32(&k, 0), ==, DISK_SIZE / 512);
    g_assert_cmpuint(request(&k, T_IN, 0, 512, true), ==, S_OK);
    g_assert_cmphex(qtest_readb(k.qts, k.data + 3), ==, 21);
    disk_stop(&k);
}

/* Bad options: one line naming them, exit status 1 (QEMU's messages). */
static void test_cli_errors(void)
{
    static const struct {
        const char *args, *msg;
    } cases[] = {
        { "-device virtio-blk-device", "drive property not set" },
        { "-device virtio-blk-device,drive=nope",
          "Property 'virtio-blk-device.drive' can't find value 'nope'" },
        { "-drive file=%s,format=raw,if=none,id=d0,cache=bogus",
          "invalid cache option" },
        { "-drive file=%s.missing,format=raw,if=none,id=d0", "Could not open" },
        { "-drive file=%s,format=qcow2,if=none,id=d0",
          "Image is not in qcow2 format" },
        { "-drive file=%s,format=raw,if=none,id=d0 "
          "-device virtio-blk-device,drive=d0 "
          "-device virtio-blk-device,drive=d0",
          "Drive 'd0' is already in use by another device" },
    };
    Disk k;

    make_image(&k);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *args = NULL, *out = NULL, *err = NULL;
        g_autofree char *line = g_strdup_printf(cases[i].args, k.path);

        args = g_strdup_printf("-M virt -display none -nodefaults %s", line);
        g_assert_cmpint(qtest_run_binary(args, &out, &err), ==, 1);
        if (!strstr(err, cases[i].msg)) {
            g_error("%s: expected \"%s\", got: %s", line, cases[i].msg, err);
        }
    }
    unlink(k.path);
    rmdir(k.dir);
    g_free(k.path);
    g_free(k.dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-blk/config/legacy", test_config_legacy);
    qtest_add_func("/virtio-blk/config/modern", test_config_modern);
    qtest_add_func("/virtio-blk/read", test_read);
    qtest_add_func("/virtio-blk/write-flush", test_write_flush);
    qtest_add_func("/virtio-blk/scatter", test_scatter);
    qtest_add_func("/virtio-blk/out-of-range", test_out_of_range);
    qtest_add_func("/virtio-blk/get-id", test_get_id);
    qtest_add_func("/virtio-blk/write-zeroes", test_write_zeroes);
    qtest_add_func("/virtio-blk/cache-none", test_cache_none);
    qtest_add_func("/virtio-blk/discard", test_discard);
    qtest_add_func("/virtio-blk/read-only", test_read_only);
    qtest_add_func("/virtio-blk/snapshot", test_snapshot);
    qtest_add_func("/virtio-blk/blockdev", test_blockdev);
    qtest_add_func("/virtio-blk/cli-errors", test_cli_errors);
    return g_test_run();
}
