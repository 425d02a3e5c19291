/*
 * Helpers shared by the chardev backends (chardev/char-*.c); not part of
 * the public interface in include/chardev/char.h.
 */
#ifndef CHARDEV_CHAR_INTERNAL_H
#define CHARDEV_CHAR_INTERNAL_H

#include "chardev/char.h"

#define TYPE_CHARDEV_NULL   "chardev-null"
#define TYPE_CHARDEV_VC     "chardev-vc"
#define TYPE_CHARDEV_FILE   "chardev-file"
#define TYPE_CHARDEV_STDIO  "chardev-stdio"
#define TYPE_CHARDEV_PTY    "chardev-pty"
#define TYPE_CHARDEV_SOCKET "chardev-socket"

/* The ASCII code of the mux escape key, Ctrl-A. */
#define MUX_ESCAPE_CHAR 0x01

/*
 * Option access for ChardevClass.open(). "backend", "id" and "mux" are
 * handled by char.c; a backend lists the keys it knows (NULL-terminated)
 * and any other key is "Invalid parameter 'KEY'".
 */
bool qemu_chr_opts_check(ChardevOptions *opts, const char *const *known,
                         GError **errp);
const char *qemu_chr_opt_get(ChardevOptions *opts, const char *key);
/* on/off (also yes/no, true/false); *val = def when the key is absent. */
bool qemu_chr_opt_get_bool(ChardevOptions *opts, const char *key, bool def,
                           bool *val, GError **errp);

/* Replace chr->filename (the `info chardev` description). */
void qemu_chr_set_filename(Chardev *chr, const char *fmt, ...)
    G_GNUC_PRINTF(2, 3);
/* Destroy chr->read_source, if any. */
void qemu_chr_remove_read_watch(Chardev *chr);

/* The mux (char-mux.c), called by the frontend helpers in char.c. */
bool mux_chr_attach_frontend(Chardev *mux, CharBackend *be, GError **errp);
void mux_chr_detach_frontend(Chardev *mux, CharBackend *be);
/* be installed handlers: it takes the input focus (MUX_OUT, then MUX_IN). */
void mux_chr_take_focus(Chardev *mux, CharBackend *be);

#endif
