/*
 * A hostile guest: harts running random bytes (wild jumps, bad CSRs,
 * junk page tables, stores into ROM and device registers) must only
 * trap, never crash or wedge the emulator. After a while of it, QMP and
 * the qtest protocol must still answer.
 *
 * Host memory budget: a guest must never grow the emulator's memory
 * beyond what its RAM and the code cache may take. After a fixed number
 * of guest steps (instructions plus exceptions, from HMP "info jit") on
 * two harts, the emulator's VmRSS may exceed its value at the start by
 * at most the guest RAM (-m), the code-cache budget (128 MiB, see
 * accel/tcg/tb.c) and 32 MiB of slack. A directed case, a loop of
 * fetches that fault on the second half of a 32-bit instruction, may
 * grow it by no more than the slack: it translates nothing.
 */
#include "libqtest.h"
#include <inttypes.h>
#include <string.h>
#include <unistd.h>

#define MIB              (1024 * 1024)
#define GUEST_RAM_MIB    16
#define CODE_BUDGET_MIB  128
#define RSS_SLACK_MIB    32
#define RANDOM_STEPS     (500 * 1000)
#define FAULT_LOOP_STEPS (200 * 1000)

/* VmRSS of the emulator in bytes. */
static uint64_t emulator_rss(QTestState *s)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/status", qtest_pid(s));
    g_autofree char *text = NULL;
    const char *line;

    g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
    line = strstr(text, "\nVmRSS:");
    g_assert_nonnull(line);
    return g_ascii_strtoull(line + strlen("\nVmRSS:"), NULL, 10) * 1024;
}

static uint64_t jit_counter(const char *text, const char *name)
{
    const char *p = strstr(text, name);

    g_assert_nonnull(p);
    return g_ascii_strtoull(p + strlen(name), NULL, 10);
}

/* Instructions executed plus exceptions taken, on all harts so far. */
static uint64_t guest_steps(QTestState *s)
{
    g_autofree char *out = qtest_hmp(s, "info jit");

    return jit_counter(out, "guest instructions: ") +
           jit_counter(out, "guest exceptions: ");
}

/*
 * Let the harts run `steps` guest steps. A guest that stops making
 * progress (every hart in WFI with nothing pending) ends the wait early:
 * it can no longer grow anything.
 */
static void run_steps(QTestState *s, uint64_t steps)
{
    uint64_t last = 0;
    int stalled = 0;

    for (;;) {
        uint64_t now = guest_steps(s);

        if (now >= steps) {
            return;
        }
        stalled = now == last ? stalled + 1 : 0;
        if (stalled == 50) {
            g_test_message("guest idle after %" PRIu64 " steps", now);
            return;
        }
        last = now;
        g_usleep(20 * 1000);
    }
}

static void check_rss(QTestState *s, uint64_t start, uint64_t allowed)
{
    uint64_t rss = emulator_rss(s);

    g_test_message("VmRSS %" PRIu64 " KiB at start, %" PRIu64 " KiB after",
                   start / 1024, rss / 1024);
    if (rss > start + allowed) {
        g_error("the guest grew the emulator by %" PRIu64
                " MiB (budget %" PRIu64 " MiB)",
                (rss - start) / MIB, allowed / MIB);
    }
}

static QTestState *start_image(const char *dir, const void *image, size_t size)
{
    g_autofree char *path = g_build_filename(dir, "image.bin", NULL);

    g_assert_true(g_file_set_contents(path, image, size, NULL));
    /* -accel tcg after libqtest's -accel qtest: the harts really run. */
    return qtest_initf("-M virt -smp 2 -m %dM -bios none -kernel %s -accel tcg",
                       GUEST_RAM_MIB, path);
}

static void cleanup_dir(const char *dir)
{
    g_autofree char *path = g_build_filename(dir, "image.bin", NULL);

    unlink(path);
    rmdir(dir);
}

static void run_random_image(guint32 seed)
{
    g_autofree char *dir = g_dir_make_tmp("hostile-XXXXXX", NULL);
    GRand *rand = g_rand_new_with_seed(seed);
    size_t size = 256 * 1024;
    g_autofree guint32 *buf = g_new(guint32, size / 4);
    QTestState *s;
    JsonObject *reply;
    uint64_t start;

    for (size_t i = 0; i < size / 4; i++) {
        buf[i] = g_rand_int(rand);
    }
    g_rand_free(rand);
    s = start_image(dir, buf, size);
    start = emulator_rss(s);
    run_steps(s, RANDOM_STEPS);
    check_rss(s, start,
              (uint64_t)(GUEST_RAM_MIB + CODE_BUDGET_MIB + RSS_SLACK_MIB) *
                  MIB);
    reply = qtest_qmp(s, "{\"execute\": \"query-status\"}");
    g_assert_false(qmp_has_error(reply));
    json_object_unref(reply);
    /* The UART's LSR still reads THRE|TEMT (0x60) in some form. */
    g_assert_cmphex(qtest_readb(s, 0x10000005) & 0x60, ==, 0x60);
    qtest_quit(s);
    cleanup_dir(dir);
}

static void test_random_code(void)
{
    for (guint32 seed = 1; seed <= 4; seed++) {
        run_random_image(seed);
    }
}

/*
 * Both harts: store the low half of a 32-bit instruction (0x0013, addi)
 * in the last two bytes of RAM, point mtvec at "jr t0" and jump there:
 * fetching its second half faults at the end of RAM, and the handler
 * jumps back, forever.
 */
static const guint32 fault_loop[] = {
    0x00100293, /* li    t0, 1 */
    0x01f29293, /* slli  t0, t0, 31       t0 = 0x80000000 */
    0x01000337, /* lui   t1, 0x1000       t1 = 16 MiB (GUEST_RAM_MIB) */
    0x006282b3, /* add   t0, t0, t1 */
    0xffe28293, /* addi  t0, t0, -2       t0 = end of RAM - 2 */
    0x01300313, /* li    t1, 0x13 */
    0x00629023, /* sh    t1, 0(t0) */
    0x00000397, /* auipc t2, 0 */
    0x00c38393, /* addi  t2, t2, 12       t2 = the jr below */
    0x30539073, /* csrw  mtvec, t2 */
    0x00028067, /* jr    t0 */
};

static void test_crosspage_fault_loop(void)
{
    g_autofree char *dir = g_dir_make_tmp("hostile-XXXXXX", NULL);
    QTestState *s = start_image(dir, fault_loop, sizeof(fault_loop));
    uint64_t start = emulator_rss(s);
    g_autofree char *regs = NULL;

    run_steps(s, FAULT_LOOP_STEPS);
    check_rss(s, start, (uint64_t)RSS_SLACK_MIB * MIB);
    /* The harts do loop on the fault: mcause 1, fetch access. */
    regs = qtest_hmp(s, "info registers");
    g_assert_nonnull(strstr(regs, " mcause   0000000000000001"));
    qtest_quit(s);
    cleanup_dir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/hostile/random-code", test_random_code);
    qtest_add_func("/hostile/crosspage-fault-loop", test_crosspage_fault_loop);
    return g_test_run();
}
