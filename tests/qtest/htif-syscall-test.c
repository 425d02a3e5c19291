/*
 * Spike's HTIF (-M spike): syscall proxy and exit, with no ELF symbols, so at
 * its fixed address: fromhost at 0x1000000, tohost at 0x1000008 (as QEMU 7.2
 * has them). Commands are posted by writing tohost; answers are read from
 * fromhost.
 *
 * Ours only: QEMU 7.2 has no syscall proxy, and its exit ends the process
 * before the qtest write is acknowledged, which libqtest takes as a crash.
 */
#include <sys/wait.h>
#include "htif-common.h"

#define RAM       0x80000000ULL
#define MAGIC     (RAM + 0x1000) /* a syscall block */
#define BUF       (RAM + 0x2000)
#define SYS_WRITE 64
#define SYS_EXIT  93

/* Post a syscall block {nr, a0, a1, a2} and return the host's result. */
static int64_t htif_syscall(Htif *h, uint64_t nr, uint64_t a0, uint64_t a1,
                            uint64_t a2)
{
    qtest_writeq(h->qts, MAGIC, nr);
    qtest_writeq(h->qts, MAGIC + 8, a0);
    qtest_writeq(h->qts, MAGIC + 16, a1);
    qtest_writeq(h->qts, MAGIC + 24, a2);
    qtest_writeq(h->qts, TOHOST, MAGIC);
    g_assert_cmphex(qtest_readq(h->qts, TOHOST), ==, 0);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, 1);
    qtest_writeq(h->qts, FROMHOST, 0);
    return (int64_t)qtest_readq(h->qts, MAGIC);
}

static void test_syscall_write(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_memwrite(h->qts, BUF, "hello\n", 6);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 1, BUF, 6), ==, 6);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 2, BUF, 2), ==, 2);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 1, BUF, 0), ==, 0);
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "hello\nhe");
}

/* Bad fds and pointers outside RAM get -errno; nothing is printed. */
static void test_syscall_errors(void)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;

    qtest_memwrite(h->qts, BUF, "x", 1);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 3, BUF, 1), ==, -9);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 1, 0x10, 4), ==, -14);
    g_assert_cmpint(htif_syscall(h, SYS_WRITE, 1, UINT64_MAX - 1, 4), ==, -14);
    g_assert_cmpint(htif_syscall(h, 12345, 0, 0, 0), ==, -38);
    /* A block outside RAM: no answer, no crash. */
    qtest_writeq(h->qts, TOHOST, 0x10);
    g_assert_cmphex(qtest_readq(h->qts, FROMHOST), ==, 0);
    out = htif_stop(h, true);
    g_assert_cmpstr(out, ==, "");
}

static int exit_status(uint64_t tohost_val, bool via_syscall)
{
    Htif *h = htif_start();
    g_autofree char *out = NULL;
    int status;

    if (via_syscall) {
        qtest_writeq(h->qts, MAGIC, SYS_EXIT);
        qtest_writeq(h->qts, MAGIC + 8, tohost_val);
        qtest_writeq(h->qts, TOHOST, MAGIC);
    } else {
        qtest_writeq(h->qts, TOHOST, tohost_val);
    }
    status = qtest_wait_exit(h->qts);
    out = htif_stop(h, false);
    g_assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

static void test_exit_pass(void)
{
    g_assert_cmpint(exit_status(1, false), ==, 0);
}

static void test_exit_code(void)
{
    g_assert_cmpint(exit_status((5 << 1) | 1, false), ==, 5);
}

static void test_sys_exit(void)
{
    g_assert_cmpint(exit_status(3, true), ==, 3);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/htif/syscall-write", test_syscall_write);
    qtest_add_func("/htif/syscall-errors", test_syscall_errors);
    qtest_add_func("/htif/exit-pass", test_exit_pass);
    qtest_add_func("/htif/exit-code", test_exit_code);
    qtest_add_func("/htif/sys-exit", test_sys_exit);
    return g_test_run();
}
