/*
 * The file chardev: output appended to, or written over, a host file
 * (`-chardev file,id=ID,path=FILE[,append=on]`, short form `file:FILE`).
 * Like QEMU 7.2 it takes no input.
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "chardev/char.h"
#include "char-internal.h"

#include <fcntl.h>
#include <unistd.h>

typedef struct FileChardev {
    Chardev parent_obj;
    int fd;
} FileChardev;

#define FILE_CHARDEV(obj) OBJECT_CHECK(FileChardev, (obj), TYPE_CHARDEV_FILE)

static void file_chr_init(Object *obj)
{
    FILE_CHARDEV(obj)->fd = -1;
}

static bool file_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    static const char *const known[] = { "path", "append", NULL };
    FileChardev *s = FILE_CHARDEV(chr);
    const char *path = qemu_chr_opt_get(opts, "path");
    bool append;
    int flags = O_WRONLY | O_CREAT | O_CLOEXEC;

    if (!qemu_chr_opts_check(opts, known, errp) ||
        !qemu_chr_opt_get_bool(opts, "append", false, &append, errp)) {
        return false;
    }
    if (!path) {
        error_setg(errp, "chardev: file: no filename given");
        return false;
    }
    flags |= append ? O_APPEND : O_TRUNC;
    s->fd = qemu_open(path, flags, 0666);
    if (s->fd < 0) {
        error_setg(errp, "Could not open '%s': %s", path, g_strerror(errno));
        return false;
    }
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    return true;
}

static int file_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    FileChardev *s = FILE_CHARDEV(chr);
    ssize_t n;

    do {
        n = write(s->fd, buf, len);
    } while (n < 0 && errno == EINTR);
    if (n < 0) {
        return errno == EAGAIN ? -EAGAIN : -errno;
    }
    return n;
}

static void file_chr_close(Chardev *chr)
{
    FileChardev *s = FILE_CHARDEV(chr);

    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static void file_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = "file";
    cc->open = file_chr_open;
    cc->chr_write = file_chr_write;
    cc->chr_close = file_chr_close;
}

static const TypeInfo file_chr_info = {
    .name = TYPE_CHARDEV_FILE,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(FileChardev),
    .instance_init = file_chr_init,
    .class_init = file_chr_class_init,
};

static void file_chr_register_types(void)
{
    type_register_static(&file_chr_info);
}

type_init(file_chr_register_types)
