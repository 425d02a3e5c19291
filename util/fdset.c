/*
 * File descriptor sets: see include/qemu/fdset.h. Descriptors are kept
 * close-on-exec; the sets live as long as the process (no remove-fd yet).
 */
#include "qemu/osdep.h"
#include "qemu/fdset.h"
#include "qapi/error.h"
#include <fcntl.h>

#define FDSET_PREFIX "/dev/fdset/"

typedef struct FdEntry {
    int fd;
    char *opaque;
} FdEntry;

typedef struct FdSet {
    int64_t id;
    GArray *fds; /* FdEntry */
} FdSet;

static GPtrArray *fdsets; /* FdSet *, in the order they were made */

static FdSet *fdset_find(int64_t id)
{
    for (guint i = 0; fdsets && i < fdsets->len; i++) {
        FdSet *s = fdsets->pdata[i];

        if (s->id == id) {
            return s;
        }
    }
    return NULL;
}

bool fdset_add_fd(int fd, int64_t set, const char *opaque, GError **errp)
{
    FdSet *s;
    FdEntry e;

    if (fd < 0 || fcntl(fd, F_GETFD) < 0) {
        error_setg(errp, "fd %d is not an open file descriptor", fd);
        return false;
    }
    if (fd <= STDERR_FILENO) {
        error_setg(errp, "fd %d is a standard I/O stream", fd);
        return false;
    }
    if (set < 0) {
        error_setg(errp, "set must be a non-negative number");
        return false;
    }
    e.fd = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    if (e.fd < 0) {
        error_setg(errp, "cannot duplicate fd %d: %s", fd, g_strerror(errno));
        return false;
    }
    e.opaque = g_strdup(opaque);
    s = fdset_find(set);
    if (!s) {
        if (!fdsets) {
            fdsets = g_ptr_array_new();
        }
        s = g_new0(FdSet, 1);
        s->id = set;
        s->fds = g_array_new(false, false, sizeof(FdEntry));
        g_ptr_array_add(fdsets, s);
    }
    g_array_append_val(s->fds, e);
    return true;
}

/* "/dev/fdset/S" -> S, or -1 if path is not such a name. */
static int64_t fdset_id_of(const char *path)
{
    const char *p = path + strlen(FDSET_PREFIX);
    char *end;
    gint64 id;

    if (strncmp(path, FDSET_PREFIX, strlen(FDSET_PREFIX)) ||
        !g_ascii_isdigit(*p)) {
        return -1;
    }
    errno = 0;
    id = g_ascii_strtoll(p, &end, 10);
    return *end || errno ? -1 : id;
}

int qemu_open(const char *path, int flags, mode_t mode)
{
    int64_t id = fdset_id_of(path);
    FdSet *s;

    if (id < 0) {
        return open(path, flags | O_CLOEXEC, mode);
    }
    s = fdset_find(id);
    if (!s) {
        errno = ENOENT;
        return -1;
    }
    for (guint i = 0; i < s->fds->len; i++) {
        int fd = g_array_index(s->fds, FdEntry, i).fd;
        int fl = fcntl(fd, F_GETFL);

        if (fl >= 0 && (fl & O_ACCMODE) == (flags & O_ACCMODE)) {
            /* Status flags the caller asked for (O_DIRECT, O_NONBLOCK). */
            int want = fl | (flags & (O_DIRECT | O_NONBLOCK));
            int dup = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);

            if (dup >= 0 && want != fl && fcntl(dup, F_SETFL, want) < 0) {
                int saved = errno;

                close(dup);
                errno = saved;
                return -1;
            }
            return dup;
        }
    }
    errno = EACCES;
    return -1;
}

JsonArray *fdset_query(void)
{
    JsonArray *sets = json_array_new();

    for (guint i = 0; fdsets && i < fdsets->len; i++) {
        FdSet *s = fdsets->pdata[i];
        JsonObject *set = json_object_new();
        JsonArray *fds = json_array_new();

        for (guint j = 0; j < s->fds->len; j++) {
            FdEntry *e = &g_array_index(s->fds, FdEntry, j);
            JsonObject *info = json_object_new();

            json_object_set_int_member(info, "fd", e->fd);
            if (e->opaque) {
                json_object_set_string_member(info, "opaque", e->opaque);
            }
            json_array_add_object_element(fds, info);
        }
        json_object_set_int_member(set, "fdset-id", s->id);
        json_object_set_array_member(set, "fds", fds);
        json_array_add_object_element(sets, set);
    }
    return sets;
}
