/*
 * A store by a device (here: qtest, through the memory API like DMA)
 * breaks a hart's LR reservation, even when it writes the value the
 * reserved doubleword already holds. Without it, the SC succeeds.
 */
#include "libqtest.h"
#include <unistd.h>

#define X 0x80001000ULL /* reserved; X+8 go flag; X+16 SC result; X+24 done */

/* The guest, as assembled by riscv64-unknown-elf-as: */
static const uint32_t guest[] = {
    0x00080537, /* lui   a0, 0x80 */
    0x0015051b, /* addiw a0, a0, 1 */
    0x00c51513, /* slli  a0, a0, 12        a0 = X */
    0x100532af, /* lr.d  t0, (a0) */
    0x00853303, /* 1: ld t1, 8(a0) */
    0xfe030ee3, /* beq   t1, zero, 1b      wait for the go flag */
    0x185533af, /* sc.d  t2, t0, (a0) */
    0x00753823, /* sd    t2, 16(a0)        the SC result */
    0x00100e13, /* addi  t3, zero, 1 */
    0x01c53c23, /* sd    t3, 24(a0)        done */
    0x0000006f, /* 2: j 2b */
};

/* Run the guest; write X (with its own value) first if poke. Returns the
 * SC result: 0 = success. */
static uint64_t run_lrsc(bool poke)
{
    g_autofree char *dir = g_dir_make_tmp("lrsc-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "guest.bin", NULL);
    QTestState *s;
    uint64_t result;
    int i;

    g_assert_true(
        g_file_set_contents(path, (const char *)guest, sizeof(guest), NULL));
    s = qtest_initf("-M virt -bios none -kernel %s -accel tcg", path);
    /* Let the hart take the reservation and spin on the flag. */
    g_usleep(300 * 1000);
    if (poke) {
        qtest_writeq(s, X, qtest_readq(s, X));
    }
    qtest_writeq(s, X + 8, 1);
    for (i = 0; i < 500 && qtest_readq(s, X + 24) != 1; i++) {
        g_usleep(10 * 1000);
    }
    g_assert_cmpuint(qtest_readq(s, X + 24), ==, 1);
    result = qtest_readq(s, X + 16);
    qtest_quit(s);
    unlink(path);
    rmdir(dir);
    return result;
}

static void test_sc_succeeds_undisturbed(void)
{
    g_assert_cmpuint(run_lrsc(false), ==, 0);
}

static void test_device_store_breaks_reservation(void)
{
    g_assert_cmpuint(run_lrsc(true), !=, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/lrsc/undisturbed", test_sc_succeeds_undisturbed);
    qtest_add_func("/lrsc/device-store-breaks",
                   test_device_store_breaks_reservation);
    return g_test_run();
}
