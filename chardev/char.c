/*
 * The character-device layer: the registry of chardevs (the QOM container
 * /chardevs), parsing of -chardev options and of the short syntax of
 * -serial/-monitor/-qmp/-qtest, the frontend and backend helpers, and the
 * input watch every fd-based backend uses.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"

#include <unistd.h>

#define CHARDEV_CONTAINER "/chardevs"

/* -chardev option strings */

/*
 * Split "a=b,c=d,,e" into key/value pairs (",," stands for one ',').
 * With implied_backend, a first element without '=' is the backend name.
 * Another element without '=' is a short-form boolean: "server" means
 * server=on and "nowait" means wait=off (but "nodelay" is nodelay=on);
 * warn says to report it as
 * deprecated, as QEMU does for -chardev.
 */
static bool chr_parse_opts(const char *str, bool implied_backend, bool warn,
                           ChardevOptions *opts, GError **errp)
{
    const char *p = str;
    bool first = true;

    while (*p) {
        GString *elem = g_string_new(NULL);
        char *eq;

        for (; *p; p++) {
            if (*p == ',') {
                if (p[1] != ',') {
                    break;
                }
                p++;
            }
            g_string_append_c(elem, *p);
        }
        if (*p == ',') {
            p++;
        }
        eq = strchr(elem->str, '=');
        if (eq) {
            *eq = '\0';
            g_hash_table_insert(opts, g_strdup(elem->str), g_strdup(eq + 1));
        } else if (first && implied_backend) {
            g_hash_table_insert(opts, g_strdup("backend"), g_strdup(elem->str));
        } else {
            /* "nodelay" is a key of its own, not delay=off. */
            bool off = g_str_has_prefix(elem->str, "no") &&
                       strcmp(elem->str, "nodelay") != 0;
            const char *key = off ? elem->str + 2 : elem->str;

            if (warn) {
                warn_report("short-form boolean option '%s' deprecated\n"
                            "Please use %s=%s instead",
                            elem->str, key, off ? "off" : "on");
            }
            g_hash_table_insert(opts, g_strdup(key),
                                g_strdup(off ? "off" : "on"));
        }
        g_string_free(elem, TRUE);
        first = false;
    }
    return true;
}

static ChardevOptions *chr_opts_new(void)
{
    return g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static void chr_opts_set(ChardevOptions *opts, const char *key,
                         const char *value)
{
    g_hash_table_insert(opts, g_strdup(key), g_strdup(value));
}

const char *qemu_chr_opt_get(ChardevOptions *opts, const char *key)
{
    return g_hash_table_lookup(opts, key);
}

bool qemu_chr_opt_get_bool(ChardevOptions *opts, const char *key, bool def,
                           bool *val, GError **errp)
{
    static const char *const on[] = { "on", "yes", "true", "y" };
    static const char *const off[] = { "off", "no", "false", "n" };
    const char *v = qemu_chr_opt_get(opts, key);

    *val = def;
    if (!v) {
        return true;
    }
    for (size_t i = 0; i < ARRAY_SIZE(on); i++) {
        if (!strcmp(v, on[i])) {
            *val = true;
            return true;
        }
        if (!strcmp(v, off[i])) {
            *val = false;
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' expects 'on' or 'off'", key);
    return false;
}

bool qemu_chr_opts_check(ChardevOptions *opts, const char *const *known,
                         GError **errp)
{
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init(&iter, opts);
    while (g_hash_table_iter_next(&iter, &key, NULL)) {
        bool ok = !strcmp(key, "backend") || !strcmp(key, "id") ||
                  !strcmp(key, "mux");

        for (const char *const *k = known; !ok && k && *k; k++) {
            ok = !strcmp(key, *k);
        }
        if (!ok) {
            error_setg(errp, "Invalid parameter '%s'", (const char *)key);
            return false;
        }
    }
    return true;
}

/* The registry */

static Object *chr_container(void)
{
    return container_get(object_get_root(), CHARDEV_CONTAINER);
}

typedef struct {
    const char *id;
    Chardev *found;
} ChrFindData;

static int chr_find_one(Object *child, void *opaque)
{
    ChrFindData *d = opaque;
    Chardev *chr = (Chardev *)object_dynamic_cast(child, TYPE_CHARDEV);

    if (chr && chr->label && !strcmp(chr->label, d->id)) {
        d->found = chr;
        return 1;
    }
    return 0;
}

Chardev *qemu_chr_find(const char *id)
{
    ChrFindData d = { .id = id };

    object_child_foreach(chr_container(), chr_find_one, &d);
    return d.found;
}

typedef struct {
    void (*fn)(Chardev *chr, void *opaque);
    void *opaque;
} ChrForeachData;

static int chr_foreach_one(Object *child, void *opaque)
{
    ChrForeachData *d = opaque;
    Chardev *chr = (Chardev *)object_dynamic_cast(child, TYPE_CHARDEV);

    if (chr) {
        d->fn(chr, d->opaque);
    }
    return 0;
}

void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque)
{
    ChrForeachData d = { .fn = fn, .opaque = opaque };

    object_child_foreach(chr_container(), chr_foreach_one, &d);
}

static int chr_collect(Object *child, void *opaque)
{
    g_ptr_array_add(opaque, child);
    return 0;
}

void qemu_chr_cleanup(void)
{
    GPtrArray *all = g_ptr_array_new();

    object_child_foreach(chr_container(), chr_collect, all);
    /* Muxes first: each holds a frontend on its base chardev. */
    for (guint i = 0; i < all->len; i++) {
        if (object_dynamic_cast(all->pdata[i], TYPE_CHARDEV_MUX)) {
            object_unparent(all->pdata[i]);
            all->pdata[i] = NULL;
        }
    }
    for (guint i = 0; i < all->len; i++) {
        if (all->pdata[i]) {
            object_unparent(all->pdata[i]);
        }
    }
    g_ptr_array_free(all, TRUE);
}

void qemu_chr_set_filename(Chardev *chr, const char *fmt, ...)
{
    va_list ap;

    g_free(chr->filename);
    va_start(ap, fmt);
    chr->filename = g_strdup_vprintf(fmt, ap);
    va_end(ap);
}

/* Creation */

static ChardevClass *chr_class_by_backend(const char *name)
{
    GSList *list = object_class_get_list(TYPE_CHARDEV, false);
    ChardevClass *found = NULL;

    for (GSList *l = list; l; l = l->next) {
        ChardevClass *cc =
            OBJECT_CLASS_CHECK(ChardevClass, l->data, TYPE_CHARDEV);

        if (cc->backend_name && !strcmp(cc->backend_name, name)) {
            found = cc;
            break;
        }
    }
    g_slist_free(list);
    return found;
}

/* Letters, digits, '-', '.', '_', starting with a letter (as QEMU). */
static bool chr_id_wellformed(const char *id)
{
    if (!g_ascii_isalpha(id[0])) {
        return false;
    }
    for (const char *p = id + 1; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-._", *p)) {
            return false;
        }
    }
    return true;
}

static Chardev *chr_open_new(const char *id, ChardevClass *cc,
                             ChardevOptions *opts, GError **errp)
{
    Object *obj;
    Chardev *chr;

    if (qemu_chr_find(id)) {
        error_setg(errp, "Duplicate ID '%s' for chardev", id);
        return NULL;
    }
    obj = object_new(object_class_get_name(OBJECT_CLASS(cc)));
    chr = CHARDEV(obj);
    chr->label = g_strdup(id);
    if (!cc->open(chr, opts, errp)) {
        object_unref(obj);
        return NULL;
    }
    if (!chr->filename) {
        chr->filename = g_strdup(cc->backend_name);
    }
    object_property_add_child(chr_container(), id, obj);
    object_unref(obj);
    return chr;
}

/*
 * Create the chardev opts describe. not_found is the format of the error
 * for an unknown backend name (which differs between -chardev and the
 * short syntax); name_for_error is the text it quotes.
 */
static Chardev *chr_new_from_opts(ChardevOptions *opts, const char *not_found,
                                  const char *name_for_error, GError **errp)
{
    /* Copies: the mux case rewrites "id" in opts. */
    g_autofree char *id = g_strdup(qemu_chr_opt_get(opts, "id"));
    g_autofree char *backend = g_strdup(qemu_chr_opt_get(opts, "backend"));
    ChardevClass *cc;
    ChardevOptions *mux_opts;
    g_autofree char *base_id = NULL;
    Chardev *base, *mux;
    bool want_mux;

    if (!id) {
        error_setg(errp, "chardev: no id specified");
        return NULL;
    }
    if (!backend) {
        error_setg(errp, "chardev: \"%s\" missing backend", id);
        return NULL;
    }
    if (!chr_id_wellformed(id)) {
        error_setg(errp, "Parameter 'id' expects an identifier\n"
                         "Identifiers consist of letters, digits, "
                         "'-', '.', '_', starting with a letter.");
        return NULL;
    }
    cc = chr_class_by_backend(backend);
    if (!cc) {
        error_setg(errp, not_found, name_for_error ? name_for_error : backend);
        return NULL;
    }
    if (!qemu_chr_opt_get_bool(opts, "mux", false, &want_mux, errp)) {
        return NULL;
    }
    if (!want_mux) {
        return chr_open_new(id, cc, opts, errp);
    }

    /* mux=on: the backend becomes ID-base, and the mux ID wraps it. */
    if (qemu_chr_find(id)) {
        error_setg(errp, "Duplicate ID '%s' for chardev", id);
        return NULL;
    }
    base_id = g_strdup_printf("%s-base", id);
    mux_opts = chr_opts_new();
    chr_opts_set(mux_opts, "backend", "mux");
    chr_opts_set(mux_opts, "id", id);
    chr_opts_set(mux_opts, "chardev", base_id);
    g_hash_table_remove(opts, "mux");
    chr_opts_set(opts, "id", base_id);
    base = chr_open_new(base_id, cc, opts, errp);
    mux = NULL;
    if (base) {
        mux = chr_open_new(id, chr_class_by_backend("mux"), mux_opts, errp);
        if (!mux) {
            object_unparent(OBJECT(base));
        }
    }
    g_hash_table_unref(mux_opts);
    return mux;
}

Chardev *qemu_chr_new_from_opts_str(const char *optstr, GError **errp)
{
    ChardevOptions *opts = chr_opts_new();
    Chardev *chr = NULL;

    if (chr_parse_opts(optstr, true, true, opts, errp)) {
        chr = chr_new_from_opts(opts, "'%s' is not a valid char driver name",
                                NULL, errp);
    }
    g_hash_table_unref(opts);
    return chr;
}

/* "PATH[,opts]" of unix:, "HOST:PORT[,opts]" of tcp: */
static bool chr_parse_socket_spec(const char *spec, const char *rest,
                                  bool is_tcp, ChardevOptions *opts,
                                  GError **errp)
{
    const char *comma = strchr(rest, ',');
    g_autofree char *addr =
        comma ? g_strndup(rest, comma - rest) : g_strdup(rest);

    if (comma && !chr_parse_opts(comma + 1, false, false, opts, errp)) {
        return false;
    }
    chr_opts_set(opts, "backend", "socket");
    if (!is_tcp) {
        chr_opts_set(opts, "path", addr);
        return true;
    }
    if (addr[0] == '[') {
        /* tcp:[::1]:4444 */
        char *close = strchr(addr, ']');

        if (!close || close[1] != ':') {
            error_setg(errp, "'%s': expected tcp:HOST:PORT", spec);
            return false;
        }
        *close = '\0';
        chr_opts_set(opts, "host", addr + 1);
        chr_opts_set(opts, "port", close + 2);
    } else {
        char *colon = strrchr(addr, ':');

        if (!colon) {
            error_setg(errp, "'%s': expected tcp:HOST:PORT", spec);
            return false;
        }
        *colon = '\0';
        chr_opts_set(opts, "host", addr);
        chr_opts_set(opts, "port", colon + 1);
    }
    return true;
}

/*
 * The short syntax: fill opts (without "id"). false with *errp on a
 * malformed or unknown spec.
 */
static bool chr_parse_short(const char *spec, ChardevOptions *opts,
                            GError **errp)
{
    static const char *const plain[] = { "stdio", "null", "pty", "vc" };

    for (size_t i = 0; i < ARRAY_SIZE(plain); i++) {
        if (!strcmp(spec, plain[i])) {
            chr_opts_set(opts, "backend", plain[i]);
            return true;
        }
    }
    if (g_str_has_prefix(spec, "file:")) {
        chr_opts_set(opts, "backend", "file");
        chr_opts_set(opts, "path", spec + 5);
        return true;
    }
    if (g_str_has_prefix(spec, "unix:")) {
        return chr_parse_socket_spec(spec, spec + 5, false, opts, errp);
    }
    if (g_str_has_prefix(spec, "tcp:")) {
        return chr_parse_socket_spec(spec, spec + 4, true, opts, errp);
    }
    error_setg(errp, "'%s' is not a valid char driver", spec);
    return false;
}

Chardev *qemu_chr_new(const char *label, const char *spec, GError **errp)
{
    ChardevOptions *opts;
    Chardev *chr = NULL;
    bool mux = false;

    if (!strcmp(spec, "none")) {
        /* "none": no chardev at all; NULL without an error. */
        return NULL;
    }
    if (g_str_has_prefix(spec, "chardev:")) {
        chr = qemu_chr_find(spec + 8);
        if (!chr) {
            error_setg(errp, "chardev '%s' not found", spec + 8);
        }
        return chr;
    }
    if (g_str_has_prefix(spec, "mon:")) {
        spec += 4;
        mux = true;
    }
    opts = chr_opts_new();
    if (chr_parse_short(spec, opts, errp)) {
        chr_opts_set(opts, "id", label);
        if (mux) {
            chr_opts_set(opts, "mux", "on");
            if (!strcmp(spec, "stdio")) {
                /* As QEMU: with "mon:stdio", Ctrl-C goes to the guest. */
                chr_opts_set(opts, "signal", "off");
            }
        }
        chr = chr_new_from_opts(opts, "'%s' is not a valid char driver", spec,
                                errp);
    }
    g_hash_table_unref(opts);
    return chr;
}

/* Frontend side */

static bool chr_is_mux(Chardev *chr)
{
    return CHARDEV_GET_CLASS(chr)->is_mux;
}

bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, GError **errp)
{
    if (!chr) {
        be->chr = NULL;
        return true;
    }
    if (chr_is_mux(chr)) {
        if (!mux_chr_attach_frontend(chr, be, errp)) {
            return false;
        }
    } else {
        if (chr->be && chr->be != be) {
            error_setg(errp, "Device '%s' is in use", chr->label);
            return false;
        }
        chr->be = be;
        be->tag = 0;
    }
    be->chr = chr;
    return true;
}

void qemu_chr_fe_deinit(CharBackend *be)
{
    Chardev *chr = be->chr;

    if (chr) {
        if (chr_is_mux(chr)) {
            mux_chr_detach_frontend(chr, be);
        } else if (chr->be == be) {
            chr->be = NULL;
        }
    }
    be->chr = NULL;
    be->chr_can_read = NULL;
    be->chr_read = NULL;
    be->chr_event = NULL;
    be->opaque = NULL;
    be->tag = 0;
}

void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event,
                              void *opaque)
{
    Chardev *chr = be->chr;
    bool fe_open = can_read || read || event;

    be->chr_can_read = can_read;
    be->chr_read = read;
    be->chr_event = event;
    be->opaque = opaque;
    if (!chr) {
        return;
    }
    if (fe_open && chr_is_mux(chr)) {
        mux_chr_take_focus(chr, be);
    }
    if (fe_open && chr->be_open && event) {
        event(opaque, CHR_EVENT_OPENED);
    }
    /* The input watch must look at the new can_read. */
    qemu_chr_fe_accept_input(be);
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
    Chardev *chr = be->chr;
    ChardevClass *cc;
    int done = 0;

    if (!chr) {
        return 0;
    }
    cc = CHARDEV_GET_CLASS(chr);
    while (done < len) {
        int r = cc->chr_write(chr, buf + done, len - done);

        if (r == -EAGAIN || r == 0) {
            /* The host side is full: wait for it, as QEMU does. */
            g_usleep(100);
            continue;
        }
        if (r < 0) {
            return r;
        }
        done += r;
    }
    return done;
}

int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
    int r;

    if (!be->chr) {
        return len; /* nothing attached: output goes nowhere */
    }
    r = CHARDEV_GET_CLASS(be->chr)->chr_write(be->chr, buf, len);
    return r == -EAGAIN ? 0 : r;
}

typedef struct OutRetry {
    GUnixFDSourceFunc fn;
    void *opaque;
} OutRetry;

static gboolean out_retry_cb(gpointer data)
{
    OutRetry *r = data;

    return r->fn(-1, G_IO_OUT, r->opaque);
}

guint qemu_chr_fe_add_out_watch(CharBackend *be, GUnixFDSourceFunc fn,
                                void *opaque)
{
    ChardevClass *cc = be->chr ? CHARDEV_GET_CLASS(be->chr) : NULL;
    int fd = cc && cc->chr_out_fd ? cc->chr_out_fd(be->chr) : -1;
    OutRetry *r;

    if (fd >= 0) {
        return g_unix_fd_add(fd, G_IO_OUT | G_IO_HUP | G_IO_ERR, fn, opaque);
    }
    /* No fd to poll (or none right now): try again shortly. */
    r = g_new(OutRetry, 1);
    r->fn = fn;
    r->opaque = opaque;
    return g_timeout_add_full(G_PRIORITY_DEFAULT, 1, out_retry_cb, r, g_free);
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
    Chardev *chr = be->chr;
    ChardevClass *cc;

    if (!chr) {
        return;
    }
    cc = CHARDEV_GET_CLASS(chr);
    if (cc->chr_accept_input) {
        cc->chr_accept_input(chr);
    }
    /* A poll already sleeping must recompute which fds it waits on. */
    g_main_context_wakeup(NULL);
}

Chardev *qemu_chr_fe_get_driver(CharBackend *be)
{
    return be->chr;
}

void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
{
    va_list ap;
    char *s;

    va_start(ap, fmt);
    s = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qemu_chr_fe_write_all(be, (const uint8_t *)s, strlen(s));
    g_free(s);
}

/* Backend side */

void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len)
{
    CharBackend *be = chr->be;

    if (be && be->chr_read && len > 0) {
        be->chr_read(be->opaque, buf, len);
    }
}

int qemu_chr_be_can_write(Chardev *chr)
{
    CharBackend *be = chr->be;

    if (!be || !be->chr_can_read) {
        return 0;
    }
    return be->chr_can_read(be->opaque);
}

void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event)
{
    CharBackend *be = chr->be;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (chr->be_open) {
            return;
        }
        chr->be_open = true;
        break;
    case CHR_EVENT_CLOSED:
        if (!chr->be_open) {
            return;
        }
        chr->be_open = false;
        break;
    default:
        break;
    }
    if (be && be->chr_event) {
        be->chr_event(be->opaque, event);
    }
}

/*
 * The input watch: a GSource on the default context that polls fd for
 * input only while the frontend can take bytes. While it cannot, the fd
 * is taken out of the poll set altogether (so neither input nor a
 * hang-up wakes the loop) until the frontend calls accept_input; the
 * set is brought up to date in prepare, before each poll.
 */
typedef struct ChrReadSource {
    GSource source;
    gpointer tag; /* the fd's poll record while polled, else NULL */
    int fd;
    Chardev *chr;
    void (*eof_cb)(Chardev *chr);
} ChrReadSource;

static gboolean chr_read_prepare(GSource *source, gint *timeout)
{
    ChrReadSource *s = (ChrReadSource *)source;
    bool want = qemu_chr_be_can_write(s->chr) > 0;

    *timeout = -1;
    if (want && !s->tag) {
        s->tag =
            g_source_add_unix_fd(source, s->fd, G_IO_IN | G_IO_HUP | G_IO_ERR);
    } else if (!want && s->tag) {
        g_source_remove_unix_fd(source, s->tag);
        s->tag = NULL;
    }
    return FALSE;
}

static gboolean chr_read_check(GSource *source)
{
    ChrReadSource *s = (ChrReadSource *)source;

    return s->tag && (g_source_query_unix_fd(source, s->tag) &
                      (G_IO_IN | G_IO_HUP | G_IO_ERR | G_IO_NVAL));
}

static gboolean chr_read_dispatch(GSource *source, GSourceFunc cb,
                                  gpointer data)
{
    ChrReadSource *s = (ChrReadSource *)source;
    uint8_t buf[4096];
    int avail = qemu_chr_be_can_write(s->chr);
    ssize_t n;

    if (avail <= 0) {
        return G_SOURCE_CONTINUE;
    }
    n = read(s->fd, buf, MIN((size_t)avail, sizeof(buf)));
    if (n > 0) {
        qemu_chr_be_write(s->chr, buf, n);
        return G_SOURCE_CONTINUE;
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
        return G_SOURCE_CONTINUE;
    }
    /* End of file or an error: the backend decides what that means. */
    if (s->eof_cb) {
        s->eof_cb(s->chr);
    }
    return G_SOURCE_REMOVE;
}

static GSourceFuncs chr_read_funcs = {
    .prepare = chr_read_prepare,
    .check = chr_read_check,
    .dispatch = chr_read_dispatch,
};

GSource *qemu_chr_add_read_watch(Chardev *chr, int fd,
                                 void (*eof_cb)(Chardev *chr))
{
    GSource *source = g_source_new(&chr_read_funcs, sizeof(ChrReadSource));
    ChrReadSource *s = (ChrReadSource *)source;

    s->fd = fd;
    s->chr = chr;
    s->eof_cb = eof_cb;
    g_source_set_name(source, "chardev-input");
    g_source_attach(source, NULL);
    return source;
}

void qemu_chr_remove_read_watch(Chardev *chr)
{
    if (chr->read_source) {
        g_source_destroy(chr->read_source);
        g_source_unref(chr->read_source);
        chr->read_source = NULL;
    }
}

/* The chardev base type */

static void chr_finalize(Object *obj)
{
    Chardev *chr = CHARDEV(obj);
    ChardevClass *cc = CHARDEV_GET_CLASS(chr);

    if (cc->chr_close) {
        cc->chr_close(chr);
    }
    qemu_chr_remove_read_watch(chr);
    if (chr->be) {
        chr->be->chr = NULL;
        chr->be = NULL;
    }
    g_free(chr->label);
    g_free(chr->filename);
}

/* PROP_TYPE_CHR: a device's "chardev" property names a chardev id. */
static bool chr_prop_set(void *backend, const char *id, GError **errp)
{
    CharBackend *be = backend;
    Chardev *chr = qemu_chr_find(id);

    if (!chr) {
        error_setg(errp, "Chardev '%s' not found", id);
        return false;
    }
    if (be->chr) {
        qemu_chr_fe_deinit(be);
    }
    return qemu_chr_fe_init(be, chr, errp);
}

static char *chr_prop_print(void *backend)
{
    CharBackend *be = backend;

    return g_strdup(be->chr && be->chr->label ? be->chr->label : "");
}

static const TypeInfo chardev_info = {
    .name = TYPE_CHARDEV,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(Chardev),
    .class_size = sizeof(ChardevClass),
    .abstract = true,
    .instance_finalize = chr_finalize,
};

static void chardev_register_types(void)
{
    type_register_static(&chardev_info);
    object_set_chr_prop_hooks(chr_prop_set, chr_prop_print);
}

type_init(chardev_register_types)
