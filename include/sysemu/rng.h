/*
 * Entropy backends for virtio-rng: -object rng-builtin,id=ID (the host's
 * getrandom) and -object rng-random,id=ID,filename=FILE (a file or device,
 * /dev/urandom by default).
 */
#ifndef SYSEMU_RNG_H
#define SYSEMU_RNG_H

#include "qom/object_interfaces.h"

#define TYPE_RNG_BACKEND "rng-backend"
#define TYPE_RNG_BUILTIN "rng-builtin"
#define TYPE_RNG_RANDOM  "rng-random"

typedef struct RngBackend RngBackend;

typedef struct RngBackendClass {
    UserCreatableClass parent_class;
    /* Fill up to len bytes of buf; returns how many (0 if none now). */
    size_t (*fill)(RngBackend *rng, void *buf, size_t len);
} RngBackendClass;

struct RngBackend {
    Object parent_obj;
    char *filename; /* rng-random */
    int fd;         /* rng-random, -1 until opened */
};

#define RNG_BACKEND(obj) OBJECT_CHECK(RngBackend, (obj), TYPE_RNG_BACKEND)
#define RNG_BACKEND_GET_CLASS(obj) \
    OBJECT_GET_CLASS(RngBackendClass, obj, TYPE_RNG_BACKEND)

size_t rng_backend_fill(RngBackend *rng, void *buf, size_t len);

#endif
