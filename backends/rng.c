/*
 * Entropy backends: rng-builtin reads the host's getrandom(), rng-random a
 * file (non-blocking: an empty pool gives nothing now, not a stall).
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "sysemu/rng.h"
#include <fcntl.h>
#include <sys/random.h>
#include <unistd.h>

size_t rng_backend_fill(RngBackend *rng, void *buf, size_t len)
{
    return RNG_BACKEND_GET_CLASS(rng)->fill(rng, buf, len);
}

static size_t rng_builtin_fill(RngBackend *rng, void *buf, size_t len)
{
    ssize_t n = getrandom(buf, len, GRND_NONBLOCK);

    return n > 0 ? (size_t)n : 0;
}

static size_t rng_random_fill(RngBackend *rng, void *buf, size_t len)
{
    ssize_t n;

    do {
        n = read(rng->fd, buf, len);
    } while (n < 0 && errno == EINTR);
    return n > 0 ? (size_t)n : 0;
}

static bool rng_random_complete(Object *obj, GError **errp)
{
    RngBackend *rng = RNG_BACKEND(obj);

    rng->fd = qemu_open(rng->filename, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
    if (rng->fd < 0) {
        error_setg(errp, "Could not open '%s': %s", rng->filename,
                   g_strerror(errno));
        return false;
    }
    return true;
}

static void rng_backend_init(Object *obj)
{
    RNG_BACKEND(obj)->fd = -1;
}

static void rng_backend_finalize(Object *obj)
{
    RngBackend *rng = RNG_BACKEND(obj);

    if (rng->fd >= 0) {
        close(rng->fd);
    }
}

static const Property rng_random_props[] = {
    DEFINE_PROP_STRING_DEF("filename", RngBackend, filename, "/dev/urandom"),
    DEFINE_PROP_END_OF_LIST(),
};

static void rng_builtin_class_init(ObjectClass *oc, void *data)
{
    RngBackendClass *rc = (RngBackendClass *)oc;

    rc->parent_class.desc = "entropy from the host's getrandom()";
    rc->fill = rng_builtin_fill;
}

static void rng_random_class_init(ObjectClass *oc, void *data)
{
    RngBackendClass *rc = (RngBackendClass *)oc;

    rc->parent_class.desc = "entropy read from a file (filename=)";
    rc->parent_class.complete = rng_random_complete;
    rc->fill = rng_random_fill;
    object_class_add_props(oc, rng_random_props);
}

static const TypeInfo rng_types[] = {
    {
        .name = TYPE_RNG_BACKEND,
        .parent = TYPE_USER_CREATABLE,
        .instance_size = sizeof(RngBackend),
        .instance_init = rng_backend_init,
        .instance_finalize = rng_backend_finalize,
        .abstract = true,
        .class_size = sizeof(RngBackendClass),
    },
    {
        .name = TYPE_RNG_BUILTIN,
        .parent = TYPE_RNG_BACKEND,
        .class_init = rng_builtin_class_init,
    },
    {
        .name = TYPE_RNG_RANDOM,
        .parent = TYPE_RNG_BACKEND,
        .class_init = rng_random_class_init,
    },
};

static void rng_register_types(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(rng_types); i++) {
        type_register_static(&rng_types[i]);
    }
}

type_init(rng_register_types)
