/*
 * Host memory backends: memory-backend-ram (anonymous memory),
 * memory-backend-file (a file or a temporary file in a directory, e.g. on
 * hugetlbfs) and memory-backend-memfd (a sealed memfd, shareable with
 * vhost-user processes). The object owns its mapping, set up when the
 * object is completed, with the madvise() hints its properties ask for.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/hostmem.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int ram_open_fd(HostMemoryBackend *b, bool *failed, GError **errp)
{
    return -1;
}

/* mem-path names a file (used as is) or a directory (a new unlinked file). */
static int file_open_fd(HostMemoryBackend *b, bool *failed, GError **errp)
{
    struct stat st;
    int fd;

    if (!b->mem_path) {
        error_setg(errp, "mem-path property not set");
        goto fail;
    }
    if (b->readonly) {
        error_setg(errp, "readonly=on is not supported: guest RAM must be "
                         "writable");
        goto fail;
    }
    if (b->align && b->size % b->align) {
        error_setg(errp, "backend memory size must be multiple of 0x%" PRIx64,
                   b->align);
        goto fail;
    }
    if (stat(b->mem_path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fd = open(b->mem_path, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    } else {
        fd = open(b->mem_path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    }
    if (fd < 0) {
        error_setg(errp, "can't open backing store %s for guest RAM: %s",
                   b->mem_path, g_strerror(errno));
        goto fail;
    }
    if (fstat(fd, &st) == 0 && (uint64_t)st.st_size < b->size &&
        ftruncate(fd, b->size) < 0) {
        error_setg(errp, "can't grow %s to %" PRIu64 " bytes: %s", b->mem_path,
                   b->size, g_strerror(errno));
        close(fd);
        goto fail;
    }
    return fd;
fail:
    *failed = true;
    return -1;
}

static int memfd_open_fd(HostMemoryBackend *b, bool *failed, GError **errp)
{
    int flags = MFD_CLOEXEC | (b->seal ? MFD_ALLOW_SEALING : 0) |
                (b->hugetlb ? MFD_HUGETLB : 0);
    int fd = memfd_create("memory-backend-memfd", flags);

    if (fd < 0 || ftruncate(fd, b->size) < 0) {
        error_setg(errp, "failed to create memfd: %s", g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        *failed = true;
        return -1;
    }
    /* The size is fixed from now on, for us and for whoever gets the fd. */
    if (b->seal &&
        fcntl(fd, F_ADD_SEALS, F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL) < 0) {
        error_setg(errp, "failed to seal memfd: %s", g_strerror(errno));
        close(fd);
        *failed = true;
        return -1;
    }
    return fd;
}

static void apply_hints(HostMemoryBackend *b, void *p)
{
    if (b->merge) {
        madvise(p, b->size, MADV_MERGEABLE);
    }
    if (!b->dump) {
        madvise(p, b->size, MADV_DONTDUMP);
    }
}

/* prealloc=on: fault every page in now, so a shortage shows at start. */
static bool prealloc(HostMemoryBackend *b, void *p, GError **errp)
{
    long page = sysconf(_SC_PAGESIZE);

    if (madvise(p, b->size, MADV_POPULATE_WRITE) == 0) {
        return true;
    }
    if (errno != EINVAL) {
        error_setg(errp, "preallocating memory failed: %s", g_strerror(errno));
        return false;
    }
    for (uint64_t off = 0; off < b->size; off += page) {
        volatile uint8_t *q = (uint8_t *)p + off;

        *q = *q;
    }
    return true;
}

static bool hostmem_complete(Object *obj, GError **errp)
{
    HostMemoryBackend *b = MEMORY_BACKEND(obj);
    bool failed = false;
    void *p;

    if (!b->size) {
        error_setg(errp, "can't create backend with size 0");
        return false;
    }
    b->fd = MEMORY_BACKEND_GET_CLASS(obj)->open_fd(b, &failed, errp);
    if (failed) {
        return false;
    }
    if (!memory_region_init_ram_from_fd(&b->mr, obj, object_get_typename(obj),
                                        b->size, b->fd, b->share, b->reserve,
                                        errp)) {
        return false;
    }
    p = memory_region_get_ram_ptr(&b->mr);
    apply_hints(b, p);
    return !b->prealloc || prealloc(b, p, errp);
}

static void hostmem_init(Object *obj)
{
    MEMORY_BACKEND(obj)->fd = -1;
}

static void hostmem_finalize(Object *obj)
{
    HostMemoryBackend *b = MEMORY_BACKEND(obj);

    /* discard-data=on: the file's contents need not reach the disk. */
    if (b->discard_data && b->fd >= 0) {
        fallocate(b->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0,
                  b->size);
    }
    if (b->mr.ram_ptr) {
        memory_region_destroy(&b->mr);
    }
    if (b->fd >= 0) {
        close(b->fd);
    }
}

static const Property hostmem_props[] = {
    DEFINE_PROP_SIZE("size", HostMemoryBackend, size, 0),
    DEFINE_PROP_BOOL("share", HostMemoryBackend, share, false),
    DEFINE_PROP_BOOL("merge", HostMemoryBackend, merge, true),
    DEFINE_PROP_BOOL("dump", HostMemoryBackend, dump, true),
    DEFINE_PROP_BOOL("prealloc", HostMemoryBackend, prealloc, false),
    DEFINE_PROP_UINT32("prealloc-threads", HostMemoryBackend, prealloc_threads,
                       1),
    DEFINE_PROP_BOOL("reserve", HostMemoryBackend, reserve, true),
    DEFINE_PROP_END_OF_LIST(),
};

static const Property file_props[] = {
    DEFINE_PROP_STRING("mem-path", HostMemoryBackend, mem_path),
    DEFINE_PROP_SIZE("align", HostMemoryBackend, align, 0),
    DEFINE_PROP_BOOL("discard-data", HostMemoryBackend, discard_data, false),
    DEFINE_PROP_BOOL("readonly", HostMemoryBackend, readonly, false),
    DEFINE_PROP_END_OF_LIST(),
};

static const Property memfd_props[] = {
    DEFINE_PROP_BOOL("hugetlb", HostMemoryBackend, hugetlb, false),
    DEFINE_PROP_BOOL("seal", HostMemoryBackend, seal, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void hostmem_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *hc = (HostMemoryBackendClass *)oc;

    hc->parent_class.complete = hostmem_complete;
    hc->open_fd = ram_open_fd;
    object_class_add_props(oc, hostmem_props);
}

static void file_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *hc = (HostMemoryBackendClass *)oc;

    hc->parent_class.desc = "guest RAM in a file or a directory (mem-path=)";
    hc->open_fd = file_open_fd;
    object_class_add_props(oc, file_props);
}

static void memfd_class_init(ObjectClass *oc, void *data)
{
    HostMemoryBackendClass *hc = (HostMemoryBackendClass *)oc;

    hc->parent_class.desc = "guest RAM in a (sealed) memfd";
    hc->open_fd = memfd_open_fd;
    object_class_add_props(oc, memfd_props);
}

static void ram_class_init(ObjectClass *oc, void *data)
{
    ((HostMemoryBackendClass *)oc)->parent_class.desc =
        "guest RAM in anonymous host memory";
}

static const TypeInfo hostmem_types[] = {
    {
        .name = TYPE_MEMORY_BACKEND,
        .parent = TYPE_USER_CREATABLE,
        .instance_size = sizeof(HostMemoryBackend),
        .instance_init = hostmem_init,
        .instance_finalize = hostmem_finalize,
        .abstract = true,
        .class_size = sizeof(HostMemoryBackendClass),
        .class_init = hostmem_class_init,
    },
    {
        .name = TYPE_MEMORY_BACKEND_RAM,
        .parent = TYPE_MEMORY_BACKEND,
        .class_init = ram_class_init,
    },
    {
        .name = TYPE_MEMORY_BACKEND_FILE,
        .parent = TYPE_MEMORY_BACKEND,
        .class_init = file_class_init,
    },
    {
        .name = TYPE_MEMORY_BACKEND_MEMFD,
        .parent = TYPE_MEMORY_BACKEND,
        .class_init = memfd_class_init,
    },
};

static void hostmem_register_types(void)
{
    for (size_t i = 0; i < ARRAY_SIZE(hostmem_types); i++) {
        type_register_static(&hostmem_types[i]);
    }
}

type_init(hostmem_register_types)
