/*
 * NS16550A UART of the virt machine (UART0 at 0x10000000, PLIC source 10):
 * registers, loopback, FIFOs, interrupt identification, the interrupt
 * reaching the PLIC, and bytes to and from a socket chardev.
 *
 * Everything here holds for QEMU 7.2 too, except the tests that need the
 * qtest accelerator's clock or check MSR delta bits in loopback (which QEMU
 * does not set): those skip on a binary without the qtest accelerator.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "libqtest.h"

#define UART_BASE 0x10000000
#define UART_IRQ  10

/* Registers (byte offsets). */
#define RBR 0 /* read, DLAB=0 */
#define THR 0 /* write, DLAB=0 */
#define DLL 0 /* DLAB=1 */
#define IER 1 /* DLAB=0 */
#define DLM 1 /* DLAB=1 */
#define IIR 2 /* read */
#define FCR 2 /* write */
#define LCR 3
#define MCR 4
#define LSR 5
#define MSR 6
#define SCR 7

#define IER_ERBFI 0x01
#define IER_ETBEI 0x02
#define IER_ELSI  0x04
#define IER_EDSSI 0x08

#define IIR_NO_INT 0x01
#define IIR_MSI    0x00
#define IIR_THRI   0x02
#define IIR_RDI    0x04
#define IIR_RLSI   0x06
#define IIR_CTI    0x0c
#define IIR_FIFO   0xc0

#define FCR_FIFO_EN  0x01
#define FCR_RX_RESET 0x02
#define FCR_TX_RESET 0x04
#define FCR_TRIG_1   0x00
#define FCR_TRIG_4   0x40
#define FCR_TRIG_8   0x80

#define LCR_8N1  0x03
#define LCR_DLAB 0x80

#define MCR_DTR  0x01
#define MCR_RTS  0x02
#define MCR_OUT1 0x04
#define MCR_OUT2 0x08
#define MCR_LOOP 0x10

#define LSR_DR   0x01
#define LSR_OE   0x02
#define LSR_THRE 0x20
#define LSR_TEMT 0x40

#define MSR_DCTS 0x01
#define MSR_DDSR 0x02
#define MSR_TERI 0x04
#define MSR_DDCD 0x08
#define MSR_CTS  0x10
#define MSR_DSR  0x20
#define MSR_RI   0x40
#define MSR_DCD  0x80

#define PLIC_BASE          0x0c000000
#define PLIC_PRIORITY(src) (PLIC_BASE + 4 * (src))
#define PLIC_PENDING       (PLIC_BASE + 0x1000)
#define PLIC_ENABLE_CTX0   (PLIC_BASE + 0x2000)
#define PLIC_CLAIM_CTX0    (PLIC_BASE + 0x200004)

static uint8_t uart_read(QTestState *s, unsigned reg)
{
    return qtest_readb(s, UART_BASE + reg);
}

static void uart_write(QTestState *s, unsigned reg, uint8_t v)
{
    qtest_writeb(s, UART_BASE + reg, v);
}

#define assert_reg(s, reg, expected) \
    g_assert_cmphex(uart_read((s), (reg)), ==, (expected))

static void test_reset_values(void)
{
    QTestState *s = qtest_init("-M virt");

    assert_reg(s, RBR, 0x00);
    assert_reg(s, IER, 0x00);
    assert_reg(s, IIR, IIR_NO_INT);
    assert_reg(s, LCR, 0x00);
    assert_reg(s, MCR, MCR_OUT2);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    assert_reg(s, MSR, MSR_DCD | MSR_DSR | MSR_CTS);
    assert_reg(s, SCR, 0x00);
    /* The divisor latch starts at 12. */
    uart_write(s, LCR, LCR_DLAB);
    assert_reg(s, DLL, 12);
    assert_reg(s, DLM, 0);
    qtest_quit(s);
}

static void test_scratch(void)
{
    static const uint8_t values[] = { 0xff, 0x5a, 0xa5, 0x01, 0x00 };
    QTestState *s = qtest_init("-M virt");

    for (size_t i = 0; i < G_N_ELEMENTS(values); i++) {
        uart_write(s, SCR, values[i]);
        assert_reg(s, SCR, values[i]);
    }
    qtest_quit(s);
}

static void test_divisor_latch(void)
{
    QTestState *s = qtest_init("-M virt");

    uart_write(s, LCR, LCR_DLAB | LCR_8N1);
    assert_reg(s, LCR, LCR_DLAB | LCR_8N1);
    uart_write(s, DLL, 0x34);
    uart_write(s, DLM, 0x12);
    assert_reg(s, DLL, 0x34);
    assert_reg(s, DLM, 0x12);

    /* DLAB clear: offsets 0 and 1 are RBR and IER again. */
    uart_write(s, LCR, LCR_8N1);
    assert_reg(s, LCR, LCR_8N1);
    assert_reg(s, RBR, 0x00);
    assert_reg(s, IER, 0x00);
    /* Nothing was transmitted into the receiver or enabled. */
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    uart_write(s, IER, IER_ELSI);
    assert_reg(s, IER, IER_ELSI);

    /* The latch kept its value. */
    uart_write(s, LCR, LCR_DLAB | LCR_8N1);
    assert_reg(s, DLL, 0x34);
    assert_reg(s, DLM, 0x12);
    uart_write(s, LCR, LCR_8N1);
    assert_reg(s, IER, IER_ELSI);
    qtest_quit(s);
}

/* Accesses wider than a byte act on the low byte of one register. */
static void test_wide_access(void)
{
    QTestState *s = qtest_init("-M virt");

    g_assert_cmphex(qtest_readl(s, UART_BASE + MCR), ==, MCR_OUT2);
    g_assert_cmphex(qtest_readw(s, UART_BASE + MSR), ==,
                    MSR_DCD | MSR_DSR | MSR_CTS);
    /* The upper bytes reach neither the LSR, the MSR nor the SCR. */
    qtest_writel(s, UART_BASE + MCR, 0x11223300 | MCR_OUT1);
    assert_reg(s, MCR, MCR_OUT1);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    assert_reg(s, SCR, 0x00);
    qtest_writew(s, UART_BASE + MSR, 0x5566); /* read-only */
    assert_reg(s, SCR, 0x00);

    /* In loopback, a 32-bit THR write sends the low byte only. */
    qtest_writel(s, UART_BASE + MCR, MCR_LOOP);
    qtest_writel(s, UART_BASE + THR, 0x41424344);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    g_assert_cmphex(qtest_readq(s, UART_BASE + RBR), ==, 0x44);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    qtest_quit(s);
}

static void test_loopback(void)
{
    QTestState *s = qtest_init("-M virt");

    uart_write(s, MCR, MCR_LOOP);
    assert_reg(s, MCR, MCR_LOOP);
    uart_write(s, THR, 'A');
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    assert_reg(s, RBR, 'A');
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);

    /* Without FIFOs a second byte overwrites an unread one: overrun. */
    uart_write(s, THR, 'B');
    uart_write(s, THR, 'C');
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_OE | LSR_DR);
    /* Reading LSR cleared OE. */
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    assert_reg(s, RBR, 'C');
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    qtest_quit(s);
}

/* In loopback the modem inputs follow the MCR outputs. */
static void test_loopback_modem_lines(void)
{
    QTestState *s = qtest_init("-M virt");

    uart_write(s, MCR, MCR_LOOP | MCR_DTR | MCR_RTS | MCR_OUT1 | MCR_OUT2);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==,
                    MSR_DSR | MSR_CTS | MSR_RI | MSR_DCD);
    uart_write(s, MCR, MCR_LOOP | MCR_DTR);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_DSR);
    uart_write(s, MCR, MCR_LOOP | MCR_RTS);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_CTS);
    uart_write(s, MCR, MCR_LOOP | MCR_OUT1);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_RI);
    uart_write(s, MCR, MCR_LOOP | MCR_OUT2);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_DCD);
    /* Linux's probe: RTS | OUT2 reads back as CTS | DCD. */
    uart_write(s, MCR, MCR_LOOP | MCR_RTS | MCR_OUT2);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_CTS | MSR_DCD);
    uart_write(s, MCR, MCR_LOOP);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, 0);
    /* Out of loopback the line's own inputs are back. */
    uart_write(s, MCR, MCR_OUT2);
    g_assert_cmphex(uart_read(s, MSR) & 0xf0, ==, MSR_DCD | MSR_DSR | MSR_CTS);
    qtest_quit(s);
}

/*
 * The datasheet's loopback: changes of the modem inputs set the delta bits,
 * which raise the modem status interrupt. QEMU 7.2 sets no delta bits.
 */
static void test_loopback_modem_deltas(void)
{
    QTestState *s;

    if (!qtest_has_accel()) {
        g_test_skip("QEMU 7.2 sets no MSR delta bits in loopback");
        return;
    }
    s = qtest_init("-M virt");
    uart_write(s, MCR, MCR_LOOP | MCR_RTS | MCR_OUT2 | MCR_DTR);
    uart_read(s, MSR); /* clear the deltas of entering loopback */
    assert_reg(s, MSR, MSR_CTS | MSR_DCD | MSR_DSR);

    uart_write(s, IER, IER_EDSSI);
    assert_reg(s, IIR, IIR_NO_INT);
    uart_write(s, MCR, MCR_LOOP | MCR_OUT2 | MCR_OUT1);
    assert_reg(s, IIR, IIR_MSI);
    g_assert_true(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ));
    /* RI rose (no TERI), CTS and DSR fell; reading MSR clears deltas. */
    assert_reg(s, MSR, MSR_DCD | MSR_RI | MSR_DCTS | MSR_DDSR);
    assert_reg(s, MSR, MSR_DCD | MSR_RI);
    assert_reg(s, IIR, IIR_NO_INT);
    /* RI falling sets TERI; DCD falling sets DDCD. */
    uart_write(s, MCR, MCR_LOOP);
    assert_reg(s, IIR, IIR_MSI);
    assert_reg(s, MSR, MSR_TERI | MSR_DDCD);
    assert_reg(s, IIR, IIR_NO_INT);
    qtest_quit(s);
}

static void test_fifo(void)
{
    static const char msg[] = "0123456789abcdef";
    QTestState *s = qtest_init("-M virt");

    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, FCR, FCR_FIFO_EN | FCR_RX_RESET | FCR_TX_RESET);
    for (int i = 0; i < 5; i++) {
        uart_write(s, THR, msg[i]);
    }
    for (int i = 0; i < 5; i++) {
        assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
        assert_reg(s, RBR, msg[i]);
    }
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);

    /* 16 bytes fit; the 17th is lost and sets OE. */
    for (int i = 0; i < 16; i++) {
        uart_write(s, THR, msg[i]);
    }
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    uart_write(s, THR, 'X');
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_OE | LSR_DR);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    for (int i = 0; i < 16; i++) {
        assert_reg(s, RBR, msg[i]);
    }
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);

    /* Resetting the receiver FIFO empties it. */
    uart_write(s, THR, 'a');
    uart_write(s, THR, 'b');
    uart_write(s, FCR, FCR_FIFO_EN | FCR_RX_RESET);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    uart_write(s, THR, 'c');
    assert_reg(s, RBR, 'c');

    /* So does turning the FIFOs off, or on. */
    uart_write(s, THR, 'd');
    uart_write(s, FCR, 0);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    uart_write(s, THR, 'e');
    uart_write(s, FCR, FCR_FIFO_EN);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);
    qtest_quit(s);
}

static void test_iir(void)
{
    QTestState *s = qtest_init("-M virt");

    assert_reg(s, IIR, IIR_NO_INT);

    /* THRE: raised when ETBEI is enabled with the THR empty... */
    uart_write(s, IER, IER_ETBEI);
    assert_reg(s, IIR, IIR_THRI);
    /* ...cleared by reading the IIR that reports it... */
    assert_reg(s, IIR, IIR_NO_INT);
    /* ...and raised again once a written byte has left. */
    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, THR, 'x');
    /* Received data ranks above THRE. */
    uart_write(s, IER, IER_ETBEI | IER_ERBFI);
    assert_reg(s, IIR, IIR_RDI);
    assert_reg(s, IIR, IIR_RDI);
    assert_reg(s, RBR, 'x');
    assert_reg(s, IIR, IIR_THRI);
    assert_reg(s, IIR, IIR_NO_INT);

    /* Receiver line status ranks above received data; LSR clears it. */
    uart_write(s, IER, IER_ERBFI | IER_ELSI);
    uart_write(s, THR, 'y');
    uart_write(s, THR, 'z');
    assert_reg(s, IIR, IIR_RLSI);
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_OE | LSR_DR);
    assert_reg(s, IIR, IIR_RDI);
    assert_reg(s, RBR, 'z');
    assert_reg(s, IIR, IIR_NO_INT);

    /* With FIFOs the top bits are set. */
    uart_write(s, IER, 0);
    uart_write(s, FCR, FCR_FIFO_EN | FCR_TRIG_1);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, IER, IER_ERBFI);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, THR, '1');
    assert_reg(s, IIR, IIR_FIFO | IIR_RDI);
    assert_reg(s, RBR, '1');
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);

    /* Trigger level 4: data below it does not interrupt (yet). */
    uart_write(s, FCR, FCR_FIFO_EN | FCR_TRIG_4);
    for (int i = 0; i < 3; i++) {
        uart_write(s, THR, 'a' + i);
    }
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT | LSR_DR);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, THR, 'd');
    assert_reg(s, IIR, IIR_FIFO | IIR_RDI);
    assert_reg(s, RBR, 'a');
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);

    /* Turning the FIFOs off clears the top bits. */
    uart_write(s, FCR, 0);
    assert_reg(s, IIR, IIR_NO_INT);

    /* Emptying the transmitter (FIFO enable change, TX reset): THRE. */
    uart_write(s, IER, IER_ETBEI);
    assert_reg(s, IIR, IIR_THRI);
    assert_reg(s, IIR, IIR_NO_INT);
    uart_write(s, FCR, FCR_FIFO_EN);
    assert_reg(s, IIR, IIR_FIFO | IIR_THRI);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, FCR, FCR_FIFO_EN);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, FCR, FCR_FIFO_EN | FCR_TX_RESET);
    assert_reg(s, IIR, IIR_FIFO | IIR_THRI);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    uart_write(s, FCR, 0);
    assert_reg(s, IIR, IIR_THRI);
    qtest_quit(s);
}

/*
 * With the FIFOs on and fewer bytes than the trigger level, the character
 * timeout interrupt comes after four character times without a byte being
 * received or read. At 8N1 (10 bits) and divisor 12 of 230400 bit/s that is
 * 4 * 10 / 19200 s, about 2.08 ms.
 */
static void test_char_timeout(void)
{
    QTestState *s;

    if (!qtest_has_accel()) {
        g_test_skip("needs the qtest accelerator's clock_step");
        return;
    }
    s = qtest_init("-M virt");
    uart_write(s, LCR, LCR_8N1);
    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, FCR, FCR_FIFO_EN | FCR_TRIG_8);
    uart_write(s, IER, IER_ERBFI);
    uart_write(s, THR, 'a');
    uart_write(s, THR, 'b');
    qtest_clock_step(s, 2000000);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    g_assert_false(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ));
    qtest_clock_step(s, 100000);
    assert_reg(s, IIR, IIR_FIFO | IIR_CTI);
    g_assert_true(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ));

    /* A read clears it and starts the timer again. */
    assert_reg(s, RBR, 'a');
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    qtest_clock_step(s, 2100000);
    assert_reg(s, IIR, IIR_FIFO | IIR_CTI);
    assert_reg(s, RBR, 'b');
    /* Empty: no more timeouts. */
    qtest_clock_step(s, 10000000);
    assert_reg(s, IIR, IIR_FIFO | IIR_NO_INT);
    qtest_quit(s);
}

static void test_plic_pending(void)
{
    QTestState *s = qtest_init("-M virt");

    g_assert_cmphex(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ), ==, 0);
    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, IER, IER_ERBFI);
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ), ==, 0);
    uart_write(s, THR, 'A');
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ), ==,
                    1u << UART_IRQ);
    qtest_quit(s);
}

static void test_plic_claim(void)
{
    QTestState *s = qtest_init("-M virt");

    qtest_writel(s, PLIC_PRIORITY(UART_IRQ), 1);
    qtest_writel(s, PLIC_ENABLE_CTX0, 1u << UART_IRQ);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, 0);

    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, IER, IER_ERBFI);
    uart_write(s, THR, 'A');
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, UART_IRQ);
    /* Claimed: no longer pending. */
    g_assert_cmphex(qtest_readl(s, PLIC_PENDING) & (1u << UART_IRQ), ==, 0);
    assert_reg(s, RBR, 'A');
    qtest_writel(s, PLIC_CLAIM_CTX0, UART_IRQ);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, 0);

    /* THRE reaches the PLIC too. */
    uart_write(s, IER, IER_ETBEI);
    g_assert_cmpuint(qtest_readl(s, PLIC_CLAIM_CTX0), ==, UART_IRQ);
    qtest_quit(s);
}

/* Bytes through a socket chardev, both ways. */
static void test_chardev_socket(void)
{
    static const char in[] = "hello";
    static const char out[] = "world!";
    g_autofree char *dir = g_dir_make_tmp("serial-test-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "sock", NULL);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    char buf[sizeof(out)] = { 0 };
    size_t got = 0;
    QTestState *s;
    int fd;

    g_assert_nonnull(dir);
    g_assert_cmpuint(strlen(path), <, sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    s = qtest_initf("-M virt -chardev socket,id=s0,path=%s,server=on,wait=off"
                    " -serial chardev:s0",
                    path);
    fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert_cmpint(fd, >=, 0);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), ==, 0);

    /* Host to guest: the FIFOs are off, so one byte at a time. */
    g_assert_cmpint(write(fd, in, strlen(in)), ==, strlen(in));
    for (size_t i = 0; i < strlen(in); i++) {
        int tries = 0;

        while (!(uart_read(s, LSR) & LSR_DR)) {
            g_assert_cmpint(++tries, <, 500);
            g_usleep(10000);
        }
        assert_reg(s, RBR, in[i]);
    }
    assert_reg(s, LSR, LSR_THRE | LSR_TEMT);

    /* Guest to host: the connection is up, as input arrived through it. */
    for (size_t i = 0; i < strlen(out); i++) {
        uart_write(s, THR, out[i]);
    }
    while (got < strlen(out)) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        ssize_t n;

        g_assert_cmpint(poll(&pfd, 1, 5000), ==, 1);
        n = read(fd, buf + got, sizeof(buf) - 1 - got);
        g_assert_cmpint(n, >, 0);
        got += n;
    }
    g_assert_cmpstr(buf, ==, out);

    /* Loopback keeps the bytes from the line. */
    uart_write(s, MCR, MCR_LOOP);
    uart_write(s, THR, 'L');
    assert_reg(s, RBR, 'L');
    uart_write(s, MCR, MCR_OUT2);
    {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };

        g_assert_cmpint(poll(&pfd, 1, 100), ==, 0);
    }

    close(fd);
    qtest_quit(s);
    unlink(path);
    rmdir(dir);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/serial/reset-values", test_reset_values);
    qtest_add_func("/serial/scratch", test_scratch);
    qtest_add_func("/serial/divisor-latch", test_divisor_latch);
    qtest_add_func("/serial/wide-access", test_wide_access);
    qtest_add_func("/serial/loopback", test_loopback);
    qtest_add_func("/serial/loopback-modem-lines", test_loopback_modem_lines);
    qtest_add_func("/serial/loopback-modem-deltas", test_loopback_modem_deltas);
    qtest_add_func("/serial/fifo", test_fifo);
    qtest_add_func("/serial/iir", test_iir);
    qtest_add_func("/serial/char-timeout", test_char_timeout);
    qtest_add_func("/serial/plic-pending", test_plic_pending);
    qtest_add_func("/serial/plic-claim", test_plic_claim);
    qtest_add_func("/serial/chardev-socket", test_chardev_socket);
    return g_test_run();
}
