/*
 * The null chardev: output is discarded and there is never input.
 * "vc" (a graphical console, which this emulator does not have) is a null
 * chardev under another name, so `-serial vc` and `info chardev` look as
 * in QEMU with -display none.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"

static bool null_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    if (!qemu_chr_opts_check(opts, NULL, errp)) {
        return false;
    }
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
    return true;
}

static int null_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    return len;
}

static void null_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = data;
    cc->open = null_chr_open;
    cc->chr_write = null_chr_write;
}

static const TypeInfo null_chr_types[] = {
    {
        .name = TYPE_CHARDEV_NULL,
        .parent = TYPE_CHARDEV,
        .instance_size = sizeof(Chardev),
        .class_init = null_chr_class_init,
        .class_data = (void *)"null",
    },
    {
        .name = TYPE_CHARDEV_VC,
        .parent = TYPE_CHARDEV,
        .instance_size = sizeof(Chardev),
        .class_init = null_chr_class_init,
        .class_data = (void *)"vc",
    },
};

static void null_chr_register_types(void)
{
    type_register_static_array(null_chr_types, ARRAY_SIZE(null_chr_types));
}

type_init(null_chr_register_types)
