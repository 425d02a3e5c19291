/*
 * Host memory backends (-object memory-backend-{ram,file,memfd}): guest
 * RAM whose host side the user chooses (backends/hostmem.c).
 */
#ifndef SYSEMU_HOSTMEM_H
#define SYSEMU_HOSTMEM_H

#include "qom/object_interfaces.h"
#include "exec/memory.h"

#define TYPE_MEMORY_BACKEND       "memory-backend"
#define TYPE_MEMORY_BACKEND_RAM   "memory-backend-ram"
#define TYPE_MEMORY_BACKEND_FILE  "memory-backend-file"
#define TYPE_MEMORY_BACKEND_MEMFD "memory-backend-memfd"

typedef struct HostMemoryBackend HostMemoryBackend;

typedef struct HostMemoryBackendClass {
    UserCreatableClass parent_class;
    /* The fd to map (-1: anonymous memory), or -1 with *errp set. */
    int (*open_fd)(HostMemoryBackend *b, bool *failed, GError **errp);
} HostMemoryBackendClass;

struct HostMemoryBackend {
    Object parent_obj;
    /* Properties */
    uint64_t size;
    bool share, merge, dump, prealloc, reserve;
    uint32_t prealloc_threads;
    char *mem_path;    /* file */
    uint64_t align;    /* file */
    bool discard_data; /* file */
    bool readonly;     /* file: refused, guest RAM must be writable */
    bool hugetlb;      /* memfd */
    bool seal;         /* memfd */
    /* State */
    int fd;
    MemoryRegion mr;
};

#define MEMORY_BACKEND(obj) \
    OBJECT_CHECK(HostMemoryBackend, (obj), TYPE_MEMORY_BACKEND)
#define MEMORY_BACKEND_GET_CLASS(obj) \
    OBJECT_GET_CLASS(HostMemoryBackendClass, obj, TYPE_MEMORY_BACKEND)

#endif
