/*
 * The stdio chardev: input from fd 0, output to fd 1. When stdin is a
 * terminal it is switched to character-at-a-time input without echo, as
 * QEMU does; Ctrl-C still raises SIGINT unless signal=off or the raw mode
 * of -nographic (qemu_chr_set_stdio_raw) is on. The terminal settings are
 * restored at exit.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"

#include <termios.h>
#include <unistd.h>

static struct termios stdio_saved_tty;
static bool stdio_tty_saved;
static bool stdio_raw; /* -nographic: Ctrl-C goes to the guest */
static bool stdio_signal = true;
static bool stdio_in_use; /* only one stdio chardev may exist */

static void stdio_restore_tty(void)
{
    if (stdio_tty_saved) {
        tcsetattr(STDIN_FILENO, TCSANOW, &stdio_saved_tty);
    }
}

/* No echo, no line editing, 8-bit input; output processing stays on. */
static void stdio_apply_tty(void)
{
    struct termios tty;

    if (!isatty(STDIN_FILENO)) {
        return;
    }
    if (!stdio_tty_saved) {
        if (tcgetattr(STDIN_FILENO, &stdio_saved_tty) < 0) {
            return;
        }
        stdio_tty_saved = true;
        atexit(stdio_restore_tty);
    }
    tty = stdio_saved_tty;
    tty.c_iflag &=
        ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
    tty.c_oflag |= OPOST;
    tty.c_lflag &= ~(ECHO | ECHONL | ICANON | IEXTEN);
    if (stdio_raw || !stdio_signal) {
        tty.c_lflag &= ~ISIG;
    }
    tty.c_cflag &= ~(CSIZE | PARENB);
    tty.c_cflag |= CS8;
    tty.c_cc[VMIN] = 1;
    tty.c_cc[VTIME] = 0;
    tcsetattr(STDIN_FILENO, TCSANOW, &tty);
}

void qemu_chr_set_stdio_raw(bool raw)
{
    stdio_raw = raw;
    if (raw || stdio_in_use) {
        stdio_apply_tty();
    } else {
        stdio_restore_tty();
    }
}

static void stdio_chr_eof(Chardev *chr)
{
    /* stdin closed (or /dev/null): stop reading, keep writing. */
    qemu_chr_remove_read_watch(chr);
}

static bool stdio_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    static const char *const known[] = { "signal", NULL };
    bool signal;

    if (!qemu_chr_opts_check(opts, known, errp) ||
        !qemu_chr_opt_get_bool(opts, "signal", true, &signal, errp)) {
        return false;
    }
    if (stdio_in_use) {
        error_setg(errp, "cannot use stdio by multiple character devices");
        return false;
    }
    stdio_in_use = true;
    stdio_signal = signal;
    stdio_apply_tty();
    chr->read_source =
        qemu_chr_add_read_watch(chr, STDIN_FILENO, stdio_chr_eof);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    return true;
}

static int stdio_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    ssize_t n;

    do {
        n = write(STDOUT_FILENO, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN) {
            return -EAGAIN;
        }
        /* stdout is gone: nothing more can be shown, drop the output. */
        return len;
    }
    return n;
}

static void stdio_chr_close(Chardev *chr)
{
    qemu_chr_remove_read_watch(chr);
    /* Only the instance that opened owns the terminal. */
    if (chr->be_open) {
        stdio_in_use = false;
        stdio_signal = true;
        if (!stdio_raw) {
            stdio_restore_tty();
        }
    }
}

static int stdio_chr_out_fd(Chardev *chr)
{
    return STDOUT_FILENO;
}

static void stdio_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = "stdio";
    cc->open = stdio_chr_open;
    cc->chr_write = stdio_chr_write;
    cc->chr_out_fd = stdio_chr_out_fd;
    cc->chr_close = stdio_chr_close;
}

static const TypeInfo stdio_chr_info = {
    .name = TYPE_CHARDEV_STDIO,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(Chardev),
    .class_init = stdio_chr_class_init,
};

static void stdio_chr_register_types(void)
{
    type_register_static(&stdio_chr_info);
}

type_init(stdio_chr_register_types)
