/*
 * Disk benchmark run inside the guest (a static riscv64 Linux program):
 * on a block device opened with O_DIRECT (no guest page cache),
 *   seq-write  MiB/s writing the first SIZE MiB in 1 MiB blocks, pass
 *              after pass for SECONDS at least, then fdatasync
 *   seq-read   MiB/s reading them back the same way
 *   rand-read  4 KiB reads at random aligned offsets for SECONDS: IOPS
 *   rand-write 4 KiB writes at random aligned offsets for SECONDS: IOPS
 * timed with CLOCK_MONOTONIC in the guest. Prints one line per figure,
 * with the work done (MiB or operations) after the rate.
 *
 *     diskbench DEVICE SIZE_MIB SECONDS
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BIG   (1 << 20)
#define SMALL 4096

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Passes over the first mib MiB in 1 MiB blocks for at least secs. */
static int sequential(int fd, char *buf, long mib, double secs, int write)
{
    double t = now(), end = t + secs;
    long done = 0;

    do {
        for (long i = 0; i < mib; i++, done++) {
            ssize_t n = write ? pwrite(fd, buf, BIG, i * (off_t)BIG)
                              : pread(fd, buf, BIG, i * (off_t)BIG);

            if (n != BIG) {
                perror(write ? "pwrite" : "pread");
                return 1;
            }
        }
    } while (now() < end);
    if (write && fdatasync(fd)) {
        perror("fdatasync");
        return 1;
    }
    printf("DISKBENCH: seq-%s %.1f MiB/s %ld MiB\n", write ? "write" : "read",
           done / (now() - t), done);
    return 0;
}

static int random_io(int fd, char *buf, long mib, double secs, int write)
{
    long blocks = mib * (BIG / SMALL), ops = 0;
    uint64_t x = 88172645463325252ull;
    double t = now(), end = t + secs;

    while (now() < end) {
        for (int k = 0; k < 16; k++, ops++) {
            off_t off;

            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            off = (off_t)(x % blocks) * SMALL;
            if ((write ? pwrite(fd, buf, SMALL, off)
                       : pread(fd, buf, SMALL, off)) != SMALL) {
                perror("random I/O");
                return 1;
            }
        }
    }
    printf("DISKBENCH: rand-%s %.0f IOPS %ld ops\n", write ? "write" : "read",
           ops / (now() - t), ops);
    return 0;
}

int main(int argc, char **argv)
{
    long mib;
    double secs;
    char *buf;
    int fd;

    if (argc != 4) {
        fprintf(stderr, "usage: diskbench DEVICE SIZE_MIB SECONDS\n");
        return 2;
    }
    mib = atol(argv[2]);
    secs = atof(argv[3]);
    fd = open(argv[1], O_RDWR | O_DIRECT);
    if (fd < 0 || posix_memalign((void **)&buf, SMALL, BIG)) {
        perror(argv[1]);
        return 1;
    }
    memset(buf, 0x5a, BIG);
    if (sequential(fd, buf, mib, secs, 1) ||
        sequential(fd, buf, mib, secs, 0) || random_io(fd, buf, mib, secs, 0) ||
        random_io(fd, buf, mib, secs, 1)) {
        return 1;
    }
    printf("DISKBENCH: done\n");
    return 0;
}
