/*
 * virtio-blk-device against a hostile driver: data buffers that leave
 * guest RAM (cross its end, wrap around the address space, point at ROM
 * or at nothing) get a guest_errors line and DEVICE_NEEDS_RESET, complete
 * nothing, and move no data: the disk and the RAM part of a buffer stay
 * as they were. After a reset the device works again.
 *
 * Ours only: QEMU 7.2 maps such buffers through a bounce buffer and
 * completes the request, and logs differently.
 */
#include "libvirtio.h"
#include <unistd.h>

#define VIRTIO_ID_BLOCK 2
#define RAM_END         (VIRT_RAM_BASE + (128ull << 20))
#define MROM            0x1000ull
#define DISK_SIZE       (64 * 1024)
#define T_IN            0
#define T_OUT           1

typedef struct Blk {
    char *dir, *log, *img;
    QTestState *qts;
    QVirtioDev d;
    QVirtQueue vq;
    uint64_t hdr, status, data;
} Blk;

static void blk_setup(Blk *k)
{
    qvirtio_start(&k->d, k->qts, k->d.base);
    g_assert_true(qvirtio_set_features(&k->d, VF_VERSION_1));
    qvirtqueue_setup(&k->d, &k->vq, 0, 8);
    qvirtio_driver_ok(&k->d);
}

static void blk_start(Blk *k)
{
    g_autofree uint8_t *zero = g_malloc0(DISK_SIZE);

    k->dir = g_dir_make_tmp("virtio-blk-hostile-XXXXXX", NULL);
    k->log = g_build_filename(k->dir, "log", NULL);
    k->img = g_build_filename(k->dir, "disk.img", NULL);
    memset(zero, 0x33, DISK_SIZE);
    g_assert_true(g_file_set_contents(k->img, (char *)zero, DISK_SIZE, NULL));
    k->qts = qtest_initf("-M virt -d guest_errors -D %s "
                         "-global virtio-mmio.force-legacy=false "
                         "-drive file=%s,format=raw,if=none,id=d0 "
                         "-device virtio-blk-device,drive=d0",
                         k->log, k->img);
    k->d.base = qvirtio_find(k->qts, VIRTIO_ID_BLOCK);
    blk_setup(k);
    k->hdr = qvirtio_alloc(&k->d, 16, 16);
    k->status = qvirtio_alloc(&k->d, 1, 1);
    k->data = qvirtio_alloc(&k->d, 4096, 4096);
}

static void blk_stop(Blk *k)
{
    qtest_quit(k->qts);
    unlink(k->log);
    unlink(k->img);
    rmdir(k->dir);
    g_free(k->log);
    g_free(k->img);
    g_free(k->dir);
}

/* Submit header, one data buffer (addr, len) and the status byte. */
static void submit(Blk *k, uint32_t type, uint64_t addr, uint32_t len)
{
    qtest_writel(k->qts, k->hdr, type);
    qtest_writel(k->qts, k->hdr + 4, 0);
    qtest_writeq(k->qts, k->hdr + 8, 0);
    qtest_writeb(k->qts, k->status, 0xee);
    qvirtqueue_write_desc(&k->d, k->vq.desc, 0, k->hdr, 16, VDESC_F_NEXT, 1);
    qvirtqueue_write_desc(&k->d, k->vq.desc, 1, addr, len,
                          VDESC_F_NEXT | (type == T_IN ? VDESC_F_WRITE : 0), 2);
    qvirtqueue_write_desc(&k->d, k->vq.desc, 2, k->status, 1, VDESC_F_WRITE, 0);
    qvirtqueue_kick(&k->d, &k->vq, 0);
}

/* Refused: NEEDS_RESET, nothing used, logged; then a read works. */
static void assert_refused(Blk *k, const char *logged)
{
    g_autofree char *text = NULL;
    uint32_t id, len;

    g_assert_cmphex(qvirtio_status(&k->d) & VSTATUS_NEEDS_RESET, ==,
                    VSTATUS_NEEDS_RESET);
    g_assert_cmpuint(qvirtqueue_used_idx(&k->d, &k->vq), ==, 0);
    g_assert_cmphex(qtest_readb(k->qts, k->status), ==, 0xee);
    g_assert_true(g_file_get_contents(k->log, &text, NULL, NULL));
    if (!strstr(text, logged)) {
        g_error("expected \"%s\" in the log:\n%s", logged, text);
    }
    blk_setup(k);
    submit(k, T_IN, k->data, 512);
    g_assert_true(qvirtqueue_wait_used(&k->d, &k->vq, &id, &len));
    g_assert_cmpuint(len, ==, 513);
    g_assert_cmphex(qtest_readb(k->qts, k->status), ==, 0);
    g_assert_cmphex(qtest_readb(k->qts, k->data + 511), ==, 0x33);
}

/* The image file still holds its 0x33 bytes. */
static void assert_disk_untouched(Blk *k)
{
    g_autofree char *img = NULL;
    gsize n;

    g_assert_true(g_file_get_contents(k->img, &img, &n, NULL));
    g_assert_cmpuint(n, ==, DISK_SIZE);
    for (gsize i = 0; i < n; i++) {
        g_assert_cmphex((uint8_t)img[i], ==, 0x33);
    }
}

/* A read into a buffer whose second half is past the end of RAM. */
static void test_read_past_ram_end(void)
{
    Blk k;

    blk_start(&k);
    qtest_memset(k.qts, RAM_END - 256, 0x5a, 256);
    submit(&k, T_IN, RAM_END - 256, 512);
    assert_refused(&k, "is not writable guest RAM");
    for (int i = 0; i < 256; i++) {
        g_assert_cmphex(qtest_readb(k.qts, RAM_END - 256 + i), ==, 0x5a);
    }
    blk_stop(&k);
}

/* A buffer that wraps around the top of the address space. */
static void test_read_wraps(void)
{
    Blk k;

    blk_start(&k);
    submit(&k, T_IN, UINT64_MAX - 255, 512);
    assert_refused(&k, "is not writable guest RAM");
    blk_stop(&k);
}

/* A read into the boot ROM: ROM is not writable guest RAM. */
static void test_read_into_rom(void)
{
    uint32_t before = 0;
    Blk k;

    blk_start(&k);
    before = qtest_readl(k.qts, MROM);
    submit(&k, T_IN, MROM, 512);
    assert_refused(&k, "is not writable guest RAM");
    g_assert_cmphex(qtest_readl(k.qts, MROM), ==, before);
    blk_stop(&k);
}

/* Writes from a buffer in a hole, or half past RAM: the disk is unchanged. */
static void test_write_from_outside(void)
{
    Blk k;

    blk_start(&k);
    submit(&k, T_OUT, 0x0, 512);
    assert_refused(&k, "is not guest RAM");
    assert_disk_untouched(&k);
    blk_stop(&k);

    blk_start(&k);
    qtest_memset(k.qts, RAM_END - 256, 0x5a, 256);
    submit(&k, T_OUT, RAM_END - 256, 512);
    assert_refused(&k, "is not guest RAM");
    assert_disk_untouched(&k);
    blk_stop(&k);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/virtio-blk-hostile/read-past-ram-end",
                   test_read_past_ram_end);
    qtest_add_func("/virtio-blk-hostile/read-wraps", test_read_wraps);
    qtest_add_func("/virtio-blk-hostile/read-into-rom", test_read_into_rom);
    qtest_add_func("/virtio-blk-hostile/write-from-outside",
                   test_write_from_outside);
    return g_test_run();
}
