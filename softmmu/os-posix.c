/*
 * Process-level options: -pidfile, -daemonize and -overcommit mem-lock,
 * as libvirt and init scripts use them.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/os-posix.h"
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static char *pidfile_path;
static int daemon_pipe = -1; /* the child's end: one byte says "ready" */

static void remove_pidfile(void)
{
    struct stat st_path, st_fd;
    char buf[32];
    int fd;

    if (!pidfile_path) {
        return;
    }
    /* Only our own file: another instance may have replaced it. */
    fd = open(pidfile_path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t n = read(fd, buf, sizeof(buf) - 1);

        if (n > 0 && fstat(fd, &st_fd) == 0 &&
            stat(pidfile_path, &st_path) == 0 &&
            st_fd.st_ino == st_path.st_ino) {
            buf[n] = 0;
            if (strtol(buf, NULL, 10) == getpid()) {
                unlink(pidfile_path);
            }
        }
        close(fd);
    }
}

/*
 * Create (or reuse) path, hold a write lock on it for the process's life
 * so a second instance fails, write our pid, and remove it at exit.
 */
bool qemu_write_pidfile(const char *path, GError **errp)
{
    g_autofree char *text = g_strdup_printf("%d\n", (int)getpid());
    struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);

    if (fd < 0) {
        error_setg(errp, "cannot create PID file: Cannot open pid file: %s",
                   g_strerror(errno));
        return false;
    }
    if (fcntl(fd, F_SETLK, &lock) < 0) {
        error_setg(errp, "cannot create PID file: Cannot lock pid file: %s",
                   g_strerror(errno));
        close(fd);
        return false;
    }
    if (ftruncate(fd, 0) < 0 ||
        write(fd, text, strlen(text)) != (ssize_t)strlen(text)) {
        error_setg(errp, "cannot create PID file: Failed to write pid file: %s",
                   g_strerror(errno));
        close(fd);
        return false;
    }
    /* fd stays open: closing it would drop the lock. */
    pidfile_path = g_strdup(path);
    atexit(remove_pidfile);
    return true;
}

/*
 * -daemonize: fork now; the parent waits until the child reports that
 * start-up is done (monitors listening) and exits 0, or 1 if the child
 * failed or died first, so a caller that sees the parent exit can connect.
 */
void qemu_daemonize_begin(void)
{
    int fds[2];
    pid_t pid;
    char c = 0;

    if (pipe2(fds, O_CLOEXEC) < 0) {
        error_report("cannot daemonize: %s", g_strerror(errno));
        exit(1);
    }
    pid = fork();
    if (pid < 0) {
        error_report("cannot daemonize: %s", g_strerror(errno));
        exit(1);
    }
    if (pid > 0) {
        ssize_t n;

        close(fds[1]);
        do {
            n = read(fds[0], &c, 1);
        } while (n < 0 && errno == EINTR);
        /* EOF without the byte: the child failed during start-up. */
        _exit(n == 1 && c == 'R' ? 0 : 1);
    }
    close(fds[0]);
    daemon_pipe = fds[1];
    setsid();
}

bool qemu_daemonized(void)
{
    return daemon_pipe >= 0;
}

/* Start-up is done: detach from the terminal and release the parent. */
void qemu_daemonize_finish(void)
{
    int null;

    if (daemon_pipe < 0) {
        return;
    }
    null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, STDIN_FILENO);
        dup2(null, STDOUT_FILENO);
        dup2(null, STDERR_FILENO);
        close(null);
    }
    if (chdir("/") < 0) {
        /* Harmless: only relative paths opened later would be affected. */
    }
    while (write(daemon_pipe, "R", 1) < 0 && errno == EINTR) {
    }
    close(daemon_pipe);
    daemon_pipe = -1;
}

/* -overcommit mem-lock=on|on-fault: keep guest RAM out of swap. */
bool qemu_mem_lock(bool on_fault, GError **errp)
{
    int flags = MCL_CURRENT | MCL_FUTURE | (on_fault ? MCL_ONFAULT : 0);

    if (mlockall(flags) < 0) {
        error_setg(errp, "locking memory failed: %s", g_strerror(errno));
        return false;
    }
    return true;
}
