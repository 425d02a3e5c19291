/*
 * The translated-code buffer: a memfd mapped read-write and, elsewhere,
 * read-execute (see code-buffer.h).
 */
#include "qemu/osdep.h"
#include "accel/tcg/code-buffer.h"
#include <sys/mman.h>

static struct {
    uint8_t *rw;
    uint8_t *rx;
    size_t size;
    size_t used;
    size_t floor; /* code_buffer_keep(): never reused */
} buf;

bool code_buffer_init(size_t size, GError **errp)
{
    int fd = memfd_create("qemu-riscv-jit", MFD_CLOEXEC);
    void *rw, *rx;

    if (fd < 0 || ftruncate(fd, size) < 0) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "code buffer: memfd of %zu bytes: %s", size,
                    g_strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        return false;
    }
    rw = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    rx = rw == MAP_FAILED
             ? MAP_FAILED
             : mmap(NULL, size, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
    close(fd);
    if (rx == MAP_FAILED) {
        g_set_error(errp, G_FILE_ERROR, g_file_error_from_errno(errno),
                    "code buffer: mapping %zu bytes: %s", size,
                    g_strerror(errno));
        if (rw != MAP_FAILED) {
            munmap(rw, size);
        }
        return false;
    }
    buf.rw = rw;
    buf.rx = rx;
    buf.size = size;
    buf.used = 0;
    return true;
}

bool code_buffer_ready(void)
{
    return buf.rw != NULL;
}

uint8_t *code_buffer_next(size_t *room)
{
    *room = buf.size - buf.used;
    return buf.rw + buf.used;
}

void code_buffer_commit(size_t len)
{
    g_assert(len <= buf.size - buf.used);
    /* Keep block entries 16-byte aligned, as the host's fetch prefers. */
    buf.used = MIN(buf.size, (buf.used + len + 15) & ~(size_t)15);
}

void code_buffer_keep(void)
{
    buf.floor = buf.used;
}

void code_buffer_reset(void)
{
    buf.used = buf.floor;
}

void *code_buffer_rx(const uint8_t *rw)
{
    return buf.rx + (rw - buf.rw);
}

ptrdiff_t code_buffer_rx_delta(void)
{
    return buf.rx - buf.rw;
}
