/*
 * -sandbox's filter, installed in a child process: what it denies is
 * denied (the process is killed, or gets EPERM), the rest still works.
 */
#include "qemu/osdep.h"
#include "sysemu/sandbox.h"
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

/* Run fn in a child with the sandbox on; its wait status. */
static int in_sandbox(const char *spawn, const char *resource, void (*fn)(void))
{
    pid_t pid = fork();
    int status;

    g_assert_cmpint(pid, >=, 0);
    if (pid == 0) {
        GError *err = NULL;

        if (!sandbox_configure("on", NULL, NULL, spawn, resource, &err) ||
            !sandbox_start(&err)) {
            _exit(100);
        }
        fn();
        _exit(0);
    }
    g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
    return status;
}

static void do_fork(void)
{
    pid_t pid = fork();

    if (pid == 0) {
        _exit(0);
    }
    _exit(pid > 0 ? 1 : 2);
}

static void do_affinity(void)
{
    cpu_set_t set;

    CPU_ZERO(&set);
    CPU_SET(0, &set);
    _exit(sched_setaffinity(0, sizeof(set), &set) < 0 && errno == EPERM ? 0
                                                                        : 3);
}

static void *thread_fn(void *arg)
{
    return arg;
}

static void do_thread_and_reboot(void)
{
    GThread *t = g_thread_new("t", thread_fn, (void *)1);

    if (g_thread_join(t) != (void *)1) {
        _exit(4);
    }
    syscall(SYS_reboot, 0, 0, 0, NULL); /* denied in every set: killed */
    _exit(5);
}

static void test_spawn_denied(void)
{
    int status = in_sandbox("deny", NULL, do_fork);

    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGSYS);
    /* Without spawn=deny, fork works. */
    status = in_sandbox(NULL, NULL, do_fork);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 1);
}

static void test_resourcecontrol_eperm(void)
{
    int status = in_sandbox(NULL, "deny", do_affinity);

    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

static void test_threads_allowed_reboot_killed(void)
{
    int status = in_sandbox("deny", NULL, do_thread_and_reboot);

    g_assert_true(WIFSIGNALED(status));
    g_assert_cmpint(WTERMSIG(status), ==, SIGSYS);
}

static void test_bad_values(void)
{
    GError *err = NULL;

    g_assert_false(sandbox_configure("on", "maybe", NULL, NULL, NULL, &err));
    g_assert_cmpstr(err->message, ==, "invalid argument for obsolete");
    g_clear_error(&err);
    g_assert_false(sandbox_configure("on", NULL, NULL, "children", NULL, &err));
    g_assert_cmpstr(err->message, ==, "invalid argument for spawn");
    g_clear_error(&err);
    g_assert_true(sandbox_configure("off", NULL, NULL, NULL, NULL, &err));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sandbox/spawn-denied", test_spawn_denied);
    g_test_add_func("/sandbox/resourcecontrol-eperm",
                    test_resourcecontrol_eperm);
    g_test_add_func("/sandbox/threads-allowed-reboot-killed",
                    test_threads_allowed_reboot_killed);
    g_test_add_func("/sandbox/bad-values", test_bad_values);
    return g_test_run();
}
