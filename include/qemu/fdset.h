/*
 * File descriptor sets (-add-fd fd=N,set=S[,opaque=TEXT]): a management
 * tool such as libvirt opens files itself and hands the descriptors over;
 * a file name /dev/fdset/S then means "a duplicate of a descriptor of set
 * S opened with the access mode asked for", wherever we open files.
 */
#ifndef QEMU_FDSET_H
#define QEMU_FDSET_H

#include "qemu/osdep.h"
#include <json-glib/json-glib.h>

/*
 * Take a duplicate of fd (inherited from the parent) into set `set`; the
 * caller closes fd. Errors name the option's fields.
 */
bool fdset_add_fd(int fd, int64_t set, const char *opaque, GError **errp);

/*
 * open(2), but for /dev/fdset/S a close-on-exec duplicate of a descriptor
 * of set S whose access mode (O_ACCMODE) is the one in flags: -1 with
 * errno ENOENT without such a set, EACCES without such a descriptor.
 */
int qemu_open(const char *path, int flags, mode_t mode);

/* QMP query-fdsets: [{"fdset-id": S, "fds": [{"fd": N, "opaque": T}]}] */
JsonArray *fdset_query(void);

#endif
