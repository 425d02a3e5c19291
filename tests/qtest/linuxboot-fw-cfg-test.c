/*
 * -kernel/-initrd/-append with a Linux bzImage on the pc machine, against
 * ours and Debian's QEMU 7.2: the fw_cfg items a boot ROM reads (setup,
 * kernel, command line, initrd: addresses, sizes, data) and the boot
 * header as a boot loader fills it in (Linux's boot.rst), from a small
 * made-up image (boot protocol 2.08, three setup sectors).
 */
#include "libpc.h"
#include <string.h>
#include <unistd.h>

#define SETUP_SECTS 3
#define SETUP_SIZE  ((SETUP_SECTS + 1) * 512)
#define KERNEL_SIZE 1000
#define INITRD_SIZE 5000
#define CMDLINE     "console=ttyS0 quiet"

enum {
    SETUP_ADDR_ITEM = 0x16,
    SETUP_SIZE_ITEM = 0x17,
    SETUP_DATA_ITEM = 0x18,
    KERNEL_ADDR_ITEM = 0x07,
    KERNEL_SIZE_ITEM = 0x08,
    KERNEL_DATA_ITEM = 0x11,
    INITRD_ADDR_ITEM = 0x0a,
    INITRD_SIZE_ITEM = 0x0b,
    INITRD_DATA_ITEM = 0x12,
    CMDLINE_ADDR_ITEM = 0x13,
    CMDLINE_SIZE_ITEM = 0x14,
    CMDLINE_DATA_ITEM = 0x15,
};

static uint32_t le32(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = v >> (8 * i);
    }
}

static void test_bzimage(void)
{
    g_autofree char *dir = g_dir_make_tmp("linuxboot-fw-cfg-XXXXXX", NULL);
    g_autofree char *kpath = g_build_filename(dir, "bzImage", NULL);
    g_autofree char *ipath = g_build_filename(dir, "initrd", NULL);
    uint8_t *image = g_malloc0(SETUP_SIZE + KERNEL_SIZE);
    uint8_t *rd = g_malloc(INITRD_SIZE);
    uint8_t setup[SETUP_SIZE], kernel[KERNEL_SIZE], cmd[sizeof(CMDLINE)];
    uint8_t *initrd = g_malloc(INITRD_SIZE);
    QTestState *s;
    uint32_t initrd_addr, size;
    uint16_t key;

    image[0x1f1] = SETUP_SECTS;
    image[0x1fe] = 0x55; /* boot_flag */
    image[0x1ff] = 0xaa;
    memcpy(image + 0x202, "HdrS", 4);
    image[0x206] = 0x08; /* protocol 2.08 */
    image[0x207] = 0x02;
    image[0x211] = 0x01;              /* LOADED_HIGH */
    put32(image + 0x22c, 0x37ffffff); /* ramdisk_max */
    put32(image + 0x238, 2047);       /* cmdline_size */
    for (int i = 0; i < KERNEL_SIZE; i++) {
        image[SETUP_SIZE + i] = i * 7;
    }
    for (int i = 0; i < INITRD_SIZE; i++) {
        rd[i] = i * 13 + 1;
    }
    g_assert_true(g_file_set_contents(kpath, (char *)image,
                                      SETUP_SIZE + KERNEL_SIZE, NULL));
    g_assert_true(g_file_set_contents(ipath, (char *)rd, INITRD_SIZE, NULL));
    s = qtest_initf("-M pc -m 128M -nodefaults -kernel %s -initrd %s "
                    "-append '" CMDLINE "'",
                    kpath, ipath);

    g_assert_cmphex(pc_fw_cfg_get_le(s, SETUP_ADDR_ITEM, 4), ==, 0x10000);
    g_assert_cmpuint(pc_fw_cfg_get_le(s, SETUP_SIZE_ITEM, 4), ==, SETUP_SIZE);
    g_assert_cmphex(pc_fw_cfg_get_le(s, KERNEL_ADDR_ITEM, 4), ==, 0x100000);
    g_assert_cmpuint(pc_fw_cfg_get_le(s, KERNEL_SIZE_ITEM, 4), ==, KERNEL_SIZE);
    g_assert_cmphex(pc_fw_cfg_get_le(s, CMDLINE_ADDR_ITEM, 4), ==, 0x20000);
    g_assert_cmpuint(pc_fw_cfg_get_le(s, CMDLINE_SIZE_ITEM, 4), ==,
                     sizeof(CMDLINE));
    g_assert_cmpuint(pc_fw_cfg_get_le(s, INITRD_SIZE_ITEM, 4), ==, INITRD_SIZE);
    initrd_addr = pc_fw_cfg_get_le(s, INITRD_ADDR_ITEM, 4);
    /*
     * Page-aligned, as high as the low RAM less QEMU's room for the ACPI
     * tables (160 KiB) allows.
     */
    g_assert_cmphex(initrd_addr, ==,
                    ((128 << 20) - 0x28000 - 1 - INITRD_SIZE) & ~0xfffu);

    pc_fw_cfg_select(s, KERNEL_DATA_ITEM);
    pc_fw_cfg_read(s, kernel, sizeof(kernel));
    g_assert_cmpmem(kernel, sizeof(kernel), image + SETUP_SIZE, KERNEL_SIZE);
    pc_fw_cfg_select(s, CMDLINE_DATA_ITEM);
    pc_fw_cfg_read(s, cmd, sizeof(cmd));
    g_assert_cmpmem(cmd, sizeof(cmd), CMDLINE, sizeof(CMDLINE));
    pc_fw_cfg_select(s, INITRD_DATA_ITEM);
    pc_fw_cfg_read(s, initrd, INITRD_SIZE);
    g_assert_cmpmem(initrd, INITRD_SIZE, rd, INITRD_SIZE);

    /* The header as a boot loader leaves it. */
    pc_fw_cfg_select(s, SETUP_DATA_ITEM);
    pc_fw_cfg_read(s, setup, sizeof(setup));
    g_assert_cmphex(setup[0x210], ==, 0xb0); /* type_of_loader */
    g_assert_cmphex(setup[0x211], ==, 0x81); /* CAN_USE_HEAP */
    g_assert_cmphex(setup[0x224] | setup[0x225] << 8, ==, 0xfe00);
    g_assert_cmphex(le32(setup + 0x228), ==, 0x20000); /* cmd_line_ptr */
    g_assert_cmphex(le32(setup + 0x218), ==, initrd_addr);
    g_assert_cmpuint(le32(setup + 0x21c), ==, INITRD_SIZE);
    /* The rest of the setup code is untouched. */
    g_assert_cmpmem(setup + 0x240, SETUP_SIZE - 0x240, image + 0x240,
                    SETUP_SIZE - 0x240);
    g_assert_true(
        pc_fw_cfg_find_file(s, "genroms/linuxboot_dma.bin", &key, &size));
    g_assert_cmpuint(size, >, 0);
    qtest_quit(s);
    unlink(kpath);
    unlink(ipath);
    rmdir(dir);
    g_free(image);
    g_free(rd);
    g_free(initrd);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    if (!g_file_test("/usr/share/qemu/linuxboot_dma.bin", G_FILE_TEST_EXISTS)) {
        g_test_message("SKIP: no /usr/share/qemu/linuxboot_dma.bin "
                       "(Debian's qemu-system-data)");
    } else {
        qtest_add_func("/pc/linuxboot-fw-cfg/bzimage", test_bzimage);
    }
    return g_test_run();
}
