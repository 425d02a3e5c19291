/*
 * The pty chardev: a pseudo-terminal whose slave (/dev/pts/N, printed at
 * start-up) a user opens with a terminal program. While no one has the
 * slave open, output is dropped rather than blocking the guest; the
 * master is checked for a reader on every write and once a second.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <termios.h>
#include <unistd.h>

#define PTY_POLL_MS 1000

typedef struct PtyChardev {
    Chardev parent_obj;
    int master;
    bool connected;
    guint poll_tag;  /* the once-a-second check while disconnected */
    guint check_tag; /* an immediate check, scheduled from a write */
} PtyChardev;

#define PTY_CHARDEV(obj) OBJECT_CHECK(PtyChardev, (obj), TYPE_CHARDEV_PTY)

static void pty_chr_init(Object *obj)
{
    PTY_CHARDEV(obj)->master = -1;
}

/* Whether some process has the slave open: otherwise the master hangs up. */
static bool pty_slave_open(PtyChardev *s)
{
    struct pollfd pfd = { .fd = s->master, .events = POLLIN };

    if (poll(&pfd, 1, 0) < 0) {
        return false;
    }
    return !(pfd.revents & POLLHUP);
}

static void pty_update_state(PtyChardev *s);

static gboolean pty_poll_cb(gpointer opaque)
{
    PtyChardev *s = opaque;

    s->poll_tag = 0;
    pty_update_state(s);
    return G_SOURCE_REMOVE;
}

static gboolean pty_check_cb(gpointer opaque)
{
    PtyChardev *s = opaque;

    s->check_tag = 0;
    pty_update_state(s);
    return G_SOURCE_REMOVE;
}

static void pty_hangup(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    qemu_chr_remove_read_watch(chr);
    s->connected = false;
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    pty_update_state(s);
}

/* Connect or keep polling; only ever called from the main loop. */
static void pty_update_state(PtyChardev *s)
{
    Chardev *chr = &s->parent_obj;

    if (s->connected) {
        return;
    }
    if (!pty_slave_open(s)) {
        if (!s->poll_tag) {
            s->poll_tag = g_timeout_add(PTY_POLL_MS, pty_poll_cb, s);
        }
        return;
    }
    if (s->poll_tag) {
        g_source_remove(s->poll_tag);
        s->poll_tag = 0;
    }
    s->connected = true;
    chr->read_source = qemu_chr_add_read_watch(chr, s->master, pty_hangup);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
}

static bool pty_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    struct termios tty;
    char name[64];
    int slave;

    if (!qemu_chr_opts_check(opts, NULL, errp)) {
        return false;
    }
    if (openpty(&s->master, &slave, NULL, NULL, NULL) < 0) {
        error_setg(errp, "Failed to create PTY: %s", g_strerror(errno));
        s->master = -1;
        return false;
    }
    if (ptsname_r(s->master, name, sizeof(name)) != 0) {
        g_strlcpy(name, "?", sizeof(name));
    }
    /* The guest's bytes pass unchanged: no echo, no line discipline. */
    if (tcgetattr(slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(slave, TCSAFLUSH, &tty);
    }
    close(slave);
    fcntl(s->master, F_SETFL, fcntl(s->master, F_GETFL) | O_NONBLOCK);
    fcntl(s->master, F_SETFD, FD_CLOEXEC);

    qemu_chr_set_filename(chr, "pty:%s", name);
    fprintf(stderr, "char device redirected to %s (label %s)\n", name,
            chr->label);
    pty_update_state(s);
    return true;
}

static int pty_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    PtyChardev *s = PTY_CHARDEV(chr);
    ssize_t n;

    if (!s->connected) {
        if (!pty_slave_open(s)) {
            return len; /* no reader: drop */
        }
        /* Someone opened the slave: announce it from the main loop. */
        if (!s->check_tag) {
            s->check_tag = g_idle_add(pty_check_cb, s);
        }
    }
    do {
        n = write(s->master, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        if (errno == EAGAIN) {
            return -EAGAIN;
        }
        return len; /* the reader went away (EIO): drop */
    }
    return n;
}

static void pty_chr_close(Chardev *chr)
{
    PtyChardev *s = PTY_CHARDEV(chr);

    qemu_chr_remove_read_watch(chr);
    if (s->poll_tag) {
        g_source_remove(s->poll_tag);
        s->poll_tag = 0;
    }
    if (s->check_tag) {
        g_source_remove(s->check_tag);
        s->check_tag = 0;
    }
    if (s->master >= 0) {
        close(s->master);
        s->master = -1;
    }
}

static int pty_chr_out_fd(Chardev *chr)
{
    return PTY_CHARDEV(chr)->master;
}

static void pty_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = "pty";
    cc->open = pty_chr_open;
    cc->chr_write = pty_chr_write;
    cc->chr_out_fd = pty_chr_out_fd;
    cc->chr_close = pty_chr_close;
}

static const TypeInfo pty_chr_info = {
    .name = TYPE_CHARDEV_PTY,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(PtyChardev),
    .instance_init = pty_chr_init,
    .class_init = pty_chr_class_init,
};

static void pty_chr_register_types(void)
{
    type_register_static(&pty_chr_info);
}

type_init(pty_chr_register_types)
