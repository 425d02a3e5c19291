/*
 * One in-memory file for the fuzzers of file formats; see fuzz-file.h.
 */
#include "qemu/osdep.h"
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz-file.h"

static int fuzz_fd = -1;
static char fuzz_path[64];

const char *fuzz_file_init(void)
{
    fuzz_fd = memfd_create("fuzz-input", MFD_CLOEXEC);
    if (fuzz_fd < 0) {
        perror("fuzz: memfd_create");
        abort();
    }
    snprintf(fuzz_path, sizeof(fuzz_path), "/proc/self/fd/%d", fuzz_fd);
    return fuzz_path;
}

void fuzz_file_set(const uint8_t *data, size_t size)
{
    if (ftruncate(fuzz_fd, 0) < 0 ||
        (size && pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)) {
        perror("fuzz: writing the input file");
        abort();
    }
}
