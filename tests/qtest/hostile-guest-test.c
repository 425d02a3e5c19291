/*
 * A hostile guest: harts running random bytes (wild jumps, bad CSRs,
 * junk page tables, stores into ROM and device registers) must only
 * trap, never crash or wedge the emulator. After a while of it, QMP and
 * the qtest protocol must still answer.
 */
#include "libqtest.h"
#include <string.h>
#include <unistd.h>

static void run_random_image(guint32 seed)
{
    g_autofree char *dir = g_dir_make_tmp("hostile-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "random.bin", NULL);
    GRand *rand = g_rand_new_with_seed(seed);
    size_t size = 256 * 1024;
    g_autofree guint32 *buf = g_new(guint32, size / 4);
    QTestState *s;
    JsonObject *reply;

    for (size_t i = 0; i < size / 4; i++) {
        buf[i] = g_rand_int(rand);
    }
    g_rand_free(rand);
    g_assert_true(g_file_set_contents(path, (char *)buf, size, NULL));

    /* -accel tcg after libqtest's -accel qtest: the harts really run. */
    s = qtest_initf("-M virt -smp 2 -bios none -kernel %s -accel tcg", path);
    g_usleep(1500 * 1000);
    reply = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    /* The UART's LSR still reads THRE|TEMT (0x60) in some form. */
    g_assert_cmphex(qtest_readb(s, 0x10000005) & 0x60, ==, 0x60);
    qtest_quit(s);
    unlink(path);
    rmdir(dir);
}

static void test_random_code(void)
{
    for (guint32 seed = 1; seed <= 4; seed++) {
        run_random_image(seed);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/hostile/random-code", test_random_code);
    return g_test_run();
}
