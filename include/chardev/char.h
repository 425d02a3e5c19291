/*
 * Character devices: the host side of serial ports, monitors and qtest.
 *
 * A backend (Chardev: stdio, file, null, pty, socket, mux) moves bytes to
 * and from the host; a frontend (a UART, the monitor) owns a CharBackend
 * through which it writes and receives.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "qemu/osdep.h"
#include "qom/object.h"
#include <glib-unix.h>

typedef enum {
    CHR_EVENT_BREAK,
    CHR_EVENT_OPENED, /* a client connected / the backend is ready */
    CHR_EVENT_MUX_IN, /* the mux gave this frontend the input focus */
    CHR_EVENT_MUX_OUT,
    CHR_EVENT_CLOSED, /* the client disconnected */
} QEMUChrEvent;

/* How many bytes the frontend can take now (0: none, stop reading). */
typedef int IOCanReadHandler(void *opaque);
typedef void IOReadHandler(void *opaque, const uint8_t *buf, int size);
typedef void IOEventHandler(void *opaque, QEMUChrEvent event);

typedef struct Chardev Chardev;
typedef struct CharBackend {
    Chardev *chr;
    IOCanReadHandler *chr_can_read;
    IOReadHandler *chr_read;
    IOEventHandler *chr_event;
    void *opaque;
    int tag; /* index in a mux */
} CharBackend;

#define TYPE_CHARDEV "chardev"
typedef struct ChardevClass ChardevClass;

struct Chardev {
    Object parent_obj;
    char *label;          /* the -chardev id */
    char *filename;       /* a description, e.g. "unix:/tmp/x,server=on" */
    CharBackend *be;      /* the frontend attached, or NULL */
    bool be_open;         /* OPENED sent and not yet CLOSED */
    GSource *read_source; /* the backend's input watch, if any */
};

/* Options of one -chardev, as key=value pairs (backend name in "backend"). */
typedef GHashTable ChardevOptions;

struct ChardevClass {
    ObjectClass parent_class;
    /* -chardev BACKEND,...: the backend name, e.g. "socket". */
    const char *backend_name;
    /* Open the host side; keys it does not know are an error. */
    bool (*open)(Chardev *chr, ChardevOptions *opts, GError **errp);
    /* Write as much as possible; return bytes written or -errno. */
    int (*chr_write)(Chardev *chr, const uint8_t *buf, int len);
    /* The frontend's can_read may have changed; re-arm input. */
    void (*chr_accept_input)(Chardev *chr);
    /* The fd to poll for room after chr_write said -EAGAIN, or -1. */
    int (*chr_out_fd)(Chardev *chr);
    void (*chr_close)(Chardev *chr);
    /* Mux: which frontend gets input/focus. */
    bool is_mux;
};

#define CHARDEV(obj) OBJECT_CHECK(Chardev, (obj), TYPE_CHARDEV)
#define CHARDEV_GET_CLASS(obj) \
    OBJECT_GET_CLASS(ChardevClass, (obj), TYPE_CHARDEV)

/*
 * Create from -chardev syntax: "socket,id=mon0,path=/tmp/s,server=on,wait=off".
 * Errors as QEMU's: "'x' is not a valid char driver name",
 * "chardev: no id specified", "Invalid parameter 'foo'".
 */
Chardev *qemu_chr_new_from_opts_str(const char *optstr, GError **errp);
/*
 * Create from the short syntax of -serial, -monitor, -qmp, -qtest:
 * "stdio", "null", "none", "pty", "file:PATH",
 * "unix:PATH[,server=on,wait=off]", "tcp:HOST:PORT[,server=on,wait=off]",
 * "chardev:ID", "mon:stdio". The new chardev gets id label. "none" returns NULL
 * without an error; "chardev:ID" returns the existing chardev ID.
 */
Chardev *qemu_chr_new(const char *label, const char *spec, GError **errp);
Chardev *qemu_chr_find(const char *id);
/* Iterate all chardevs (for `info chardev`). */
void qemu_chr_foreach(void (*fn)(Chardev *chr, void *opaque), void *opaque);
void qemu_chr_cleanup(void);

/* Frontend side */
bool qemu_chr_fe_init(CharBackend *be, Chardev *chr, GError **errp);
void qemu_chr_fe_deinit(CharBackend *be);
void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *can_read,
                              IOReadHandler *read, IOEventHandler *event,
                              void *opaque);
/* Write everything (blocking as needed); returns len or -errno. */
int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len);
/*
 * Write what the host side takes now, without waiting: returns the bytes
 * taken (0 when it is full), or -errno. For frontends with flow control.
 */
int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len);
/*
 * Call fn(fd, cond, opaque) once, from the main loop, when the host side
 * may take output again (fn returns G_SOURCE_REMOVE). Returns the source
 * id for g_source_remove().
 */
guint qemu_chr_fe_add_out_watch(CharBackend *be, GUnixFDSourceFunc fn,
                                void *opaque);
/* The frontend can take more input now. */
void qemu_chr_fe_accept_input(CharBackend *be);
static inline bool qemu_chr_fe_backend_connected(CharBackend *be)
{
    return be->chr != NULL;
}
Chardev *qemu_chr_fe_get_driver(CharBackend *be);
void qemu_chr_fe_printf(CharBackend *be, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);

/* Backend side helpers */
/* Deliver input to the frontend (respecting its can_read). */
void qemu_chr_be_write(Chardev *chr, const uint8_t *buf, int len);
int qemu_chr_be_can_write(Chardev *chr);
void qemu_chr_be_event(Chardev *chr, QEMUChrEvent event);
/*
 * Watch fd for input on behalf of chr: when readable and the frontend can
 * take bytes, read up to that many and pass them on. The watch does not
 * poll while the frontend can take nothing. On EOF/error, calls eof_cb.
 */
GSource *qemu_chr_add_read_watch(Chardev *chr, int fd,
                                 void (*eof_cb)(Chardev *chr));

/* Put stdin in raw mode for -nographic and restore it at exit. */
void qemu_chr_set_stdio_raw(bool raw);

/* The chardev the mux wraps for -nographic / "mon:stdio". */
#define TYPE_CHARDEV_MUX "chardev-mux"

#endif
