/*
 * The x86_64 `pc` machine as QEMU 7.2 starts it: SeaBIOS mapped so that
 * its last bytes are both just below 4 GiB and below 1 MiB, RAM from 0,
 * the CPU in its reset state (SDM vol. 3, 9.1.1), QMP's view of KVM and
 * the target, and the I/O port space through the qtest port commands.
 */
#include "libqtest.h"
#include <string.h>
#include <sys/wait.h>

#define BIOS "/usr/share/seabios/bios-256k.bin"

static void test_bios_mapped(void)
{
    g_autofree char *bios = NULL;
    gsize size;
    uint8_t top[16], isa[16];
    QTestState *s;

    if (!g_file_get_contents(BIOS, &bios, &size, NULL)) {
        g_test_skip("no " BIOS " (Debian's seabios package)");
        return;
    }
    s = qtest_init("-M pc");
    qtest_memread(s, 0xfffffff0, top, sizeof(top));
    qtest_memread(s, 0xffff0, isa, sizeof(isa));
    g_assert_cmpmem(top, sizeof(top), bios + size - 16, 16);
    g_assert_cmpmem(isa, sizeof(isa), bios + size - 16, 16);
    /* The BIOS is ROM: a write does not change it. */
    qtest_writeb(s, 0xfffffff0, top[0] ^ 0xff);
    g_assert_cmpuint(qtest_readb(s, 0xfffffff0), ==, top[0]);
    qtest_quit(s);
}

static void test_ram(void)
{
    QTestState *s = qtest_init("-M pc -m 256M");

    qtest_writeq(s, 0x100000, 0x1122334455667788ULL);
    g_assert_cmphex(qtest_readq(s, 0x100000), ==, 0x1122334455667788ULL);
    qtest_writel(s, 256 * 1024 * 1024 - 4, 0xcafef00d);
    g_assert_cmphex(qtest_readl(s, 256 * 1024 * 1024 - 4), ==, 0xcafef00d);
    qtest_quit(s);
}

static void test_reset_state(void)
{
    QTestState *s = qtest_init("-M pc");
    g_autofree char *regs = qtest_hmp(s, "info registers");

    g_assert_nonnull(strstr(regs, "EDX=00060fb1")); /* qemu64: 15/107/1 */
    g_assert_nonnull(strstr(regs, "EIP=0000fff0 EFL=00000002"));
    g_assert_nonnull(strstr(regs, "CS =f000 ffff0000 0000ffff 00009b00"));
    g_assert_nonnull(strstr(regs, "SS =0000 00000000 0000ffff 00009300"));
    g_assert_nonnull(strstr(regs, "LDT=0000 00000000 0000ffff 00008200"));
    g_assert_nonnull(strstr(regs, "TR =0000 00000000 0000ffff 00008b00"));
    g_assert_nonnull(strstr(regs, "CR0=60000010 CR2=00000000"));
    g_assert_nonnull(strstr(regs, "DR6=00000000ffff0ff0 DR7=0000000000000400"));
    qtest_quit(s);
}

static void test_qmp_kvm_and_target(void)
{
    QTestState *s = qtest_init("-M pc");
    JsonObject *r = qtest_qmp(s, "{'execute': 'query-kvm'}");
    JsonObject *ret = json_object_get_object_member(r, "return");
    g_autofree char *info = NULL;

    /* Built in, not in use (qtest here; tcg, stopped, for Debian's). */
    g_assert_true(json_object_get_boolean_member(ret, "present"));
    g_assert_false(json_object_get_boolean_member(ret, "enabled"));
    json_object_unref(r);
    info = qtest_hmp(s, "info kvm");
    g_assert_cmpstr(info, ==, "kvm support: disabled\r\n");
    r = qtest_qmp(s, "{'execute': 'query-target'}");
    ret = json_object_get_object_member(r, "return");
    g_assert_cmpstr(json_object_get_string_member(ret, "arch"), ==, "x86_64");
    json_object_unref(r);
    r = qtest_qmp(s, "{'execute': 'query-cpus-fast'}");
    g_assert_cmpstr(json_object_get_string_member(
                        json_array_get_object_element(
                            json_object_get_array_member(r, "return"), 0),
                        "qom-path"),
                    ==, "/machine/unattached/device[0]");
    json_object_unref(r);
    qtest_quit(s);
}

/* A port nothing decodes reads all ones at every width; writes vanish. */
static void test_ioport_unassigned(void)
{
    QTestState *s = qtest_init("-M pc");
    g_autofree char *r = NULL;

    qtest_outb(s, 0x4000, 0x12);
    qtest_outw(s, 0x4000, 0x1234);
    qtest_outl(s, 0x4000, 0x12345678);
    g_assert_cmphex(qtest_inb(s, 0x4000), ==, 0xff);
    g_assert_cmphex(qtest_inw(s, 0x4001), ==, 0xffff);
    g_assert_cmphex(qtest_inl(s, 0x4002), ==, 0xffffffff);
    g_assert_cmphex(qtest_inb(s, 0xffff), ==, 0xff);
    /* The reply's format, as QEMU's: at least four hex digits. */
    r = qtest_raw_cmd(s, "inb 0x4000");
    g_assert_cmpstr(r, ==, "OK 0x00ff");
    qtest_quit(s);
}

/* isa-debug-exit through OUT: status (v << 1) | 1 at each width. */
static void test_ioport_debug_exit(void)
{
    static const struct {
        unsigned size;
        uint32_t value;
        int status;
    } cases[] = { { 1, 0x05, 11 }, { 2, 0x21, 67 }, { 4, 0x7f, 255 } };

    for (unsigned i = 0; i < G_N_ELEMENTS(cases); i++) {
        QTestState *s =
            qtest_init("-M pc -device isa-debug-exit,iobase=0xf4,iosize=4");
        int status;

        g_assert_cmphex(qtest_inb(s, 0xf4), ==, 0);
        status = qtest_out_expect_exit(s, 0xf4, cases[i].value, cases[i].size);
        g_assert_true(WIFEXITED(status));
        g_assert_cmpint(WEXITSTATUS(status), ==, cases[i].status);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/bios-mapped", test_bios_mapped);
    qtest_add_func("/pc/ram", test_ram);
    qtest_add_func("/pc/reset-state", test_reset_state);
    qtest_add_func("/pc/qmp-kvm-target", test_qmp_kvm_and_target);
    qtest_add_func("/pc/ioport/unassigned", test_ioport_unassigned);
    qtest_add_func("/pc/ioport/debug-exit", test_ioport_debug_exit);
    return g_test_run();
}
