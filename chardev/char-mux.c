/*
 * The multiplexer: several frontends (a serial port and the HMP monitor)
 * share one backend, for -nographic and "mon:stdio". Output from every
 * frontend goes to the backend; input goes to the frontend holding the
 * focus. Ctrl-A is the escape key:
 *   C-a h  print the help listing     C-a x    quit
 *   C-a c  focus the next frontend    C-a t    toggle output timestamps
 *   C-a b  send a break               C-a s    save disks (nothing here)
 *   C-a C-a  send one Ctrl-A
 *
 * A frontend takes the focus when it installs its handlers, so with the
 * monitor attached before the serial port the serial port starts with it.
 * The mux announces CHR_EVENT_OPENED to its frontends from the main loop,
 * once all of them (attached during start-up) are there.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"
#include "sysemu/runstate.h"

#define MUX_MAX_FRONTENDS 4
#define MUX_BUF_SIZE      32

typedef struct MuxChardev {
    Chardev parent_obj;
    CharBackend base; /* our frontend on the wrapped chardev */
    CharBackend *fe[MUX_MAX_FRONTENDS];
    int focus; /* index in fe[], or -1 */
    bool escape_pending;
    bool timestamps;
    int64_t ts_start_ms; /* -1: set at the next stamp */
    bool linestart;      /* tracked only while timestamps are on, as QEMU */
    /* Input for each frontend that it could not take yet. */
    uint8_t buf[MUX_MAX_FRONTENDS][MUX_BUF_SIZE];
    int buf_len[MUX_MAX_FRONTENDS];
    bool flushing;
    bool started;
    guint start_tag;
    guint flush_tag;
} MuxChardev;

#define MUX_CHARDEV(obj) OBJECT_CHECK(MuxChardev, (obj), TYPE_CHARDEV_MUX)

static void mux_send_event(MuxChardev *m, int i, QEMUChrEvent event)
{
    CharBackend *be = i >= 0 ? m->fe[i] : NULL;

    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

static void mux_broadcast(MuxChardev *m, QEMUChrEvent event)
{
    for (int i = 0; i < MUX_MAX_FRONTENDS; i++) {
        mux_send_event(m, i, event);
    }
}

/* Output */

static int mux_base_write(MuxChardev *m, const uint8_t *buf, int len)
{
    return len > 0 ? qemu_chr_fe_write_all(&m->base, buf, len) : 0;
}

static void mux_write_stamp(MuxChardev *m)
{
    int64_t now = g_get_monotonic_time() / 1000;
    int64_t ms;
    char stamp[40];

    if (m->ts_start_ms < 0) {
        m->ts_start_ms = now;
    }
    ms = now - m->ts_start_ms;
    snprintf(stamp, sizeof(stamp), "[%02d:%02d:%02d.%03d] ",
             (int)(ms / 3600000), (int)(ms / 60000 % 60), (int)(ms / 1000 % 60),
             (int)(ms % 1000));
    mux_base_write(m, (const uint8_t *)stamp, strlen(stamp));
}

/* Every frontend's output, with a time stamp at line starts if wanted. */
static int mux_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    MuxChardev *m = MUX_CHARDEV(chr);
    int start = 0;
    int r;

    for (int i = 0; m->timestamps && i < len; i++) {
        if (m->linestart) {
            r = mux_base_write(m, buf + start, i - start);
            if (r < 0) {
                return r;
            }
            start = i;
            mux_write_stamp(m);
        }
        m->linestart = buf[i] == '\n';
    }
    r = mux_base_write(m, buf + start, len - start);
    return r < 0 ? r : len;
}

static void mux_puts(MuxChardev *m, const char *s)
{
    mux_chr_write(&m->parent_obj, (const uint8_t *)s, strlen(s));
}

static void mux_print_help(MuxChardev *m)
{
    static const char *const lines[] = {
        "C-a h    print this help",
        "C-a x    exit emulator",
        "C-a s    save disk data back to file (if -snapshot)",
        "C-a t    toggle console timestamps",
        "C-a b    send break (magic sysrq)",
        "C-a c    switch between console and monitor",
        "C-a C-a  sends C-a",
    };

    mux_puts(m, "\n\r");
    for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
        mux_puts(m, lines[i]);
        mux_puts(m, "\n\r");
    }
}

/* Input */

/* Pass frontend i what it can take of its queued input. */
static void mux_flush(MuxChardev *m, int i)
{
    CharBackend *be;

    if (i < 0 || m->flushing) {
        return;
    }
    m->flushing = true;
    while ((be = m->fe[i]) && be->chr_read && m->buf_len[i] > 0) {
        uint8_t chunk[MUX_BUF_SIZE];
        int n = be->chr_can_read ? be->chr_can_read(be->opaque) : m->buf_len[i];

        n = MIN(n, m->buf_len[i]);
        if (n <= 0) {
            break;
        }
        memcpy(chunk, m->buf[i], n);
        m->buf_len[i] -= n;
        memmove(m->buf[i], m->buf[i] + n, m->buf_len[i]);
        be->chr_read(be->opaque, chunk, n);
    }
    m->flushing = false;
}

static gboolean mux_flush_cb(gpointer opaque)
{
    MuxChardev *m = opaque;

    m->flush_tag = 0;
    mux_flush(m, m->focus);
    return G_SOURCE_REMOVE;
}

static void mux_set_focus(MuxChardev *m, int i)
{
    if (m->focus >= 0) {
        mux_send_event(m, m->focus, CHR_EVENT_MUX_OUT);
    }
    m->focus = i;
    mux_send_event(m, i, CHR_EVENT_MUX_IN);
    mux_flush(m, i);
}

/* C-a c: the next attached frontend, round the ring (maybe itself). */
static void mux_focus_next(MuxChardev *m)
{
    for (int k = 1; k <= MUX_MAX_FRONTENDS; k++) {
        int i = (m->focus + k) % MUX_MAX_FRONTENDS;

        if (m->fe[i]) {
            mux_set_focus(m, i);
            return;
        }
    }
}

static void mux_queue(MuxChardev *m, uint8_t c)
{
    int i = m->focus;

    if (i >= 0 && m->fe[i] && m->buf_len[i] < MUX_BUF_SIZE) {
        m->buf[i][m->buf_len[i]++] = c;
    }
}

static void mux_escape(MuxChardev *m, uint8_t c)
{
    switch (c) {
    case 'h':
    case '?':
        mux_print_help(m);
        break;
    case 'x':
        mux_puts(m, "QEMU: Terminated\n\r");
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    case 's':
        /* No block devices: nothing to write back. */
        break;
    case 'b':
        mux_send_event(m, m->focus, CHR_EVENT_BREAK);
        break;
    case 'c':
        mux_flush(m, m->focus);
        mux_focus_next(m);
        break;
    case 't':
        m->timestamps = !m->timestamps;
        m->ts_start_ms = -1;
        break;
    case MUX_ESCAPE_CHAR:
        mux_queue(m, c);
        break;
    default:
        /* An unknown escape is dropped. */
        break;
    }
}

static int mux_can_read(void *opaque)
{
    MuxChardev *m = opaque;
    int i = m->focus;
    CharBackend *be;

    if (i < 0 || !(be = m->fe[i])) {
        /* Nobody to give input to: still read it, for the escapes. */
        return MUX_BUF_SIZE;
    }
    if (m->buf_len[i] > 0 && !m->flush_tag && be->chr_can_read &&
        be->chr_can_read(be->opaque) > 0) {
        /* The frontend has room again without telling us. */
        m->flush_tag = g_idle_add(mux_flush_cb, m);
        g_main_context_wakeup(NULL);
    }
    return MUX_BUF_SIZE - m->buf_len[i];
}

static void mux_read(void *opaque, const uint8_t *buf, int size)
{
    MuxChardev *m = opaque;

    for (int k = 0; k < size; k++) {
        if (m->escape_pending) {
            m->escape_pending = false;
            mux_escape(m, buf[k]);
        } else if (buf[k] == MUX_ESCAPE_CHAR) {
            m->escape_pending = true;
        } else {
            mux_queue(m, buf[k]);
        }
        /* Deliver as we go, so a later C-a c cannot strand input. */
        mux_flush(m, m->focus);
    }
}

/* Events of the wrapped chardev. */
static void mux_base_event(void *opaque, QEMUChrEvent event)
{
    MuxChardev *m = opaque;
    Chardev *chr = &m->parent_obj;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (m->started && !chr->be_open) {
            chr->be_open = true;
            mux_broadcast(m, CHR_EVENT_OPENED);
        }
        break;
    case CHR_EVENT_CLOSED:
        if (chr->be_open) {
            chr->be_open = false;
            mux_broadcast(m, CHR_EVENT_CLOSED);
        }
        break;
    case CHR_EVENT_BREAK:
        mux_send_event(m, m->focus, CHR_EVENT_BREAK);
        break;
    default:
        break;
    }
}

/* First main-loop turn: every start-up frontend is attached now. */
static gboolean mux_start_cb(gpointer opaque)
{
    MuxChardev *m = opaque;

    m->start_tag = 0;
    m->started = true;
    if (m->base.chr && m->base.chr->be_open) {
        mux_base_event(m, CHR_EVENT_OPENED);
    }
    return G_SOURCE_REMOVE;
}

/* The hooks char.c calls for frontends of a mux */

bool mux_chr_attach_frontend(Chardev *chr, CharBackend *be, GError **errp)
{
    MuxChardev *m = MUX_CHARDEV(chr);

    for (int i = 0; i < MUX_MAX_FRONTENDS; i++) {
        if (m->fe[i] == be) {
            return true;
        }
    }
    for (int i = 0; i < MUX_MAX_FRONTENDS; i++) {
        if (!m->fe[i]) {
            m->fe[i] = be;
            m->buf_len[i] = 0;
            be->tag = i;
            return true;
        }
    }
    error_setg(errp, "Too many frontends on multiplexed chardev '%s'",
               chr->label);
    return false;
}

void mux_chr_detach_frontend(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = MUX_CHARDEV(chr);
    int i = be->tag;

    if (i < 0 || i >= MUX_MAX_FRONTENDS || m->fe[i] != be) {
        return;
    }
    m->fe[i] = NULL;
    m->buf_len[i] = 0;
    if (m->focus == i) {
        m->focus = -1;
        mux_focus_next(m);
    }
}

void mux_chr_take_focus(Chardev *chr, CharBackend *be)
{
    MuxChardev *m = MUX_CHARDEV(chr);
    int i = be->tag;

    if (i >= 0 && i < MUX_MAX_FRONTENDS && m->fe[i] == be) {
        mux_set_focus(m, i);
    }
}

/* The chardev */

static void mux_chr_init(Object *obj)
{
    MuxChardev *m = MUX_CHARDEV(obj);

    m->focus = -1;
    m->ts_start_ms = -1;
}

static bool mux_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    static const char *const known[] = { "chardev", NULL };
    MuxChardev *m = MUX_CHARDEV(chr);
    const char *id = qemu_chr_opt_get(opts, "chardev");
    Chardev *base;

    if (!qemu_chr_opts_check(opts, known, errp)) {
        return false;
    }
    if (!id) {
        error_setg(errp, "chardev: mux: no chardev given");
        return false;
    }
    base = qemu_chr_find(id);
    if (!base) {
        error_setg(errp, "chardev: mux: chardev '%s' not found", id);
        return false;
    }
    if (!qemu_chr_fe_init(&m->base, base, errp)) {
        return false;
    }
    qemu_chr_fe_set_handlers(&m->base, mux_can_read, mux_read, mux_base_event,
                             m);
    m->start_tag = g_idle_add(mux_start_cb, m);
    return true;
}

static void mux_chr_accept_input(Chardev *chr)
{
    MuxChardev *m = MUX_CHARDEV(chr);

    mux_flush(m, m->focus);
    qemu_chr_fe_accept_input(&m->base);
}

static void mux_chr_close(Chardev *chr)
{
    MuxChardev *m = MUX_CHARDEV(chr);

    if (m->start_tag) {
        g_source_remove(m->start_tag);
        m->start_tag = 0;
    }
    if (m->flush_tag) {
        g_source_remove(m->flush_tag);
        m->flush_tag = 0;
    }
    qemu_chr_fe_deinit(&m->base);
    for (int i = 0; i < MUX_MAX_FRONTENDS; i++) {
        if (m->fe[i]) {
            m->fe[i]->chr = NULL;
            m->fe[i] = NULL;
        }
    }
}

static void mux_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = "mux";
    cc->is_mux = true;
    cc->open = mux_chr_open;
    cc->chr_write = mux_chr_write;
    cc->chr_accept_input = mux_chr_accept_input;
    cc->chr_close = mux_chr_close;
}

static const TypeInfo mux_chr_info = {
    .name = TYPE_CHARDEV_MUX,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(MuxChardev),
    .instance_init = mux_chr_init,
    .class_init = mux_chr_class_init,
};

static void mux_chr_register_types(void)
{
    type_register_static(&mux_chr_info);
}

type_init(mux_chr_register_types)
