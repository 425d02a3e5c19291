/*
 * libqtest: the test-side client of the qtest protocol and QMP.
 *
 * The test listens on two unix sockets and starts the emulator, which
 * connects to them as a client (-qtest unix:PATH, -chardev socket,path=),
 * so there is no race with the emulator's start-up.
 */
#include "libqtest.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#define QTEST_TIMEOUT_MS 60000
#define MAX_IRQ          1024

struct QTestState {
    pid_t pid;
    int qtest_fd;
    int qmp_fd;
    GString *qtest_buf;
    GString *qmp_buf;
    GQueue *events; /* JsonObject *, QMP events not yet consumed */
    bool irq_level[MAX_IRQ];
    char *tmpdir;
    int exit_status;
    bool exited;
};

static GList *live_states;

const char *qtest_binary(void)
{
    const char *bin = getenv("QTEST_QEMU_BINARY");

    if (!bin) {
        fprintf(stderr, "QTEST_QEMU_BINARY is not set: it must name the "
                        "qemu-system-ARCH to test\n");
        exit(1);
    }
    return bin;
}

const char *qtest_get_arch(void)
{
    const char *bin = qtest_binary();
    const char *p = strstr(bin, "qemu-system-");

    return p ? p + strlen("qemu-system-") : "riscv64";
}

pid_t qtest_pid(QTestState *s)
{
    return s->pid;
}

bool qtest_has_accel(void)
{
    static int has = -1;

    if (has < 0) {
        g_autofree char *out = NULL;
        g_autofree char *cmd =
            g_strdup_printf("%s -accel help", qtest_binary());

        has = g_spawn_command_line_sync(cmd, &out, NULL, NULL, NULL) && out &&
              strstr(out, "\nqtest");
    }
    return has;
}

static void kill_all_children(void)
{
    for (GList *l = live_states; l; l = l->next) {
        QTestState *s = l->data;
        if (s->pid > 0 && !s->exited) {
            kill(s->pid, SIGKILL);
        }
    }
}

static void abort_handler(int sig)
{
    kill_all_children();
    signal(sig, SIG_DFL);
    raise(sig);
}

static void install_cleanup(void)
{
    static bool done;

    if (!done) {
        done = true;
        atexit(kill_all_children);
        signal(SIGABRT, abort_handler);
        signal(SIGPIPE, SIG_IGN);
    }
}

static int listen_unix(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

    g_assert(fd >= 0);
    g_assert(strlen(path) < sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    g_assert(bind(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0);
    g_assert(listen(fd, 1) == 0);
    return fd;
}

/* Has the child exited? Records its status. */
static bool child_exited(QTestState *s, bool block)
{
    int status;

    if (s->exited) {
        return true;
    }
    if (waitpid(s->pid, &status, block ? 0 : WNOHANG) == s->pid) {
        s->exited = true;
        s->exit_status = status;
    }
    return s->exited;
}

static int accept_or_die(QTestState *s, int lfd, const char *what)
{
    struct pollfd pfd = { .fd = lfd, .events = POLLIN };
    int waited = 0, fd;

    while (poll(&pfd, 1, 100) == 0) {
        waited += 100;
        if (child_exited(s, false)) {
            g_error("%s exited (status %d) before connecting its %s socket",
                    qtest_binary(), s->exit_status, what);
        }
        if (waited > QTEST_TIMEOUT_MS) {
            g_error("timed out waiting for the %s connection", what);
        }
    }
    fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
    g_assert(fd >= 0);
    return fd;
}

/*
 * The emulator closed a socket: fail the test with its exit status (or
 * say it is still running after 5 s) rather than an opaque assertion.
 */
static G_NORETURN void connection_lost(QTestState *s, const char *op,
                                       const char *why)
{
    for (int i = 0; i < 250 && !child_exited(s, false); i++) {
        g_usleep(20000);
    }
    if (s->exited) {
        g_error("%s to %s failed (%s); it exited with status %d", op,
                qtest_binary(), why, s->exit_status);
    }
    g_error("%s to %s failed (%s); it is still running", op, qtest_binary(),
            why);
}

/* Read one line (without the newline) from fd into a new string. */
static char *read_line(QTestState *s, int fd, GString *buf)
{
    for (;;) {
        char *nl = memchr(buf->str, '\n', buf->len);
        char tmp[4096];
        ssize_t n;

        if (nl) {
            gsize len = nl - buf->str;
            char *line = g_strndup(buf->str, len);

            g_string_erase(buf, 0, len + 1);
            if (len && line[len - 1] == '\r') {
                line[len - 1] = 0;
            }
            return line;
        }
        n = read(fd, tmp, sizeof(tmp));
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            connection_lost(s, "read", n < 0 ? g_strerror(errno) : "EOF");
        }
        g_string_append_len(buf, tmp, n);
    }
}

/* Write everything; EPIPE (SIGPIPE is ignored) means the emulator left. */
static void write_all(QTestState *s, int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t n = write(fd, data, len);

        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            int err = n < 0 ? errno : EIO;

            connection_lost(s, "write", g_strerror(err));
        }
        data += n;
        len -= n;
    }
}

static JsonObject *parse_object(const char *text)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    g_autoptr(GError) err = NULL;
    JsonNode *root;

    if (!json_parser_load_from_data(parser, text, -1, &err)) {
        g_error("QMP sent invalid JSON (%s): %s", err->message, text);
    }
    root = json_parser_get_root(parser);
    g_assert(root && JSON_NODE_HOLDS_OBJECT(root));
    return json_object_ref(json_node_get_object(root));
}

JsonObject *qtest_qmp_receive(QTestState *s)
{
    g_autofree char *line = NULL;

    do {
        g_free(line);
        line = read_line(s, s->qmp_fd, s->qmp_buf);
    } while (!line[0]);
    return parse_object(line);
}

/* The next reply, queueing events that arrive first. */
static JsonObject *qmp_receive_reply(QTestState *s)
{
    for (;;) {
        JsonObject *msg = qtest_qmp_receive(s);

        if (!json_object_has_member(msg, "event")) {
            return msg;
        }
        g_queue_push_tail(s->events, msg);
    }
}

void qtest_qmp_send_raw(QTestState *s, const char *text)
{
    write_all(s, s->qmp_fd, text, strlen(text));
}

JsonObject *qtest_qmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmd = NULL, *line = NULL;

    va_start(ap, fmt);
    cmd = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    /*
     * One write, newline included: the emulator may act on the command
     * (quit) as soon as its closing brace arrives, and a second write would
     * then meet a closed socket.
     */
    line = g_strconcat(cmd, "\n", NULL);
    qtest_qmp_send_raw(s, line);
    return qmp_receive_reply(s);
}

JsonObject *qtest_qmp_eventwait(QTestState *s, const char *event)
{
    for (GList *l = s->events->head; l; l = l->next) {
        JsonObject *msg = l->data;

        if (!strcmp(json_object_get_string_member(msg, "event"), event)) {
            g_queue_delete_link(s->events, l);
            return msg;
        }
    }
    for (;;) {
        JsonObject *msg = qtest_qmp_receive(s);

        if (json_object_has_member(msg, "event") &&
            !strcmp(json_object_get_string_member(msg, "event"), event)) {
            return msg;
        }
        if (json_object_has_member(msg, "event")) {
            g_queue_push_tail(s->events, msg);
        } else {
            json_object_unref(msg);
        }
    }
}

bool qmp_has_error(JsonObject *reply)
{
    return json_object_has_member(reply, "error");
}

const char *qmp_error_class(JsonObject *reply)
{
    JsonObject *err;

    if (!qmp_has_error(reply)) {
        return NULL;
    }
    err = json_object_get_object_member(reply, "error");
    return json_object_get_string_member(err, "class");
}

char *qtest_hmp(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *cmdline = NULL;
    g_autoptr(JsonBuilder) b = json_builder_new();
    g_autoptr(JsonGenerator) gen = json_generator_new();
    g_autoptr(JsonNode) root = NULL;
    g_autofree char *text = NULL;
    JsonObject *reply;
    char *ret;

    va_start(ap, fmt);
    cmdline = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "execute");
    json_builder_add_string_value(b, "human-monitor-command");
    json_builder_set_member_name(b, "arguments");
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "command-line");
    json_builder_add_string_value(b, cmdline);
    json_builder_end_object(b);
    json_builder_end_object(b);
    root = json_builder_get_root(b);
    json_generator_set_root(gen, root);
    text = json_generator_to_data(gen, NULL);
    reply = qtest_qmp(s, "%s", text);
    g_assert(!qmp_has_error(reply));
    ret = g_strdup(json_object_get_string_member(reply, "return"));
    json_object_unref(reply);
    return ret;
}

/* qtest protocol */

static void handle_irq_line(QTestState *s, const char *line)
{
    int n;
    char what[8];

    if (sscanf(line, "IRQ %7s %d", what, &n) == 2 && n >= 0 && n < MAX_IRQ) {
        s->irq_level[n] = !strcmp(what, "raise");
    }
}

char *qtest_raw_cmd(QTestState *s, const char *line)
{
    write_all(s, s->qtest_fd, line, strlen(line));
    write_all(s, s->qtest_fd, "\n", 1);
    for (;;) {
        char *reply = read_line(s, s->qtest_fd, s->qtest_buf);

        if (strncmp(reply, "IRQ ", 4)) {
            return reply;
        }
        handle_irq_line(s, reply);
        g_free(reply);
    }
}

/* Send a command that must succeed; returns the text after "OK". */
static char *qtest_cmd(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static char *qtest_cmd(QTestState *s, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *line = NULL;
    char *reply, *ret;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    reply = qtest_raw_cmd(s, line);
    if (strncmp(reply, "OK", 2)) {
        g_error("qtest command '%s' failed: %s", line, reply);
    }
    ret = g_strdup(reply[2] ? reply + 3 : "");
    g_free(reply);
    return ret;
}

static uint64_t qtest_cmd_u64(QTestState *s, const char *line)
{
    g_autofree char *r = qtest_cmd(s, "%s", line);

    return g_ascii_strtoull(r, NULL, 0);
}

#define DEFINE_RW(suffix, type)                                    \
    void qtest_write##suffix(QTestState *s, uint64_t addr, type v) \
    {                                                              \
        g_free(qtest_cmd(s,                                        \
                         "write" #suffix " 0x%" G_GINT64_MODIFIER  \
                         "x 0x%" G_GINT64_MODIFIER "x",            \
                         addr, (uint64_t)v));                      \
    }                                                              \
    type qtest_read##suffix(QTestState *s, uint64_t addr)          \
    {                                                              \
        g_autofree char *line = g_strdup_printf(                   \
            "read" #suffix " 0x%" G_GINT64_MODIFIER "x", addr);    \
        return (type)qtest_cmd_u64(s, line);                       \
    }

DEFINE_RW(b, uint8_t)
DEFINE_RW(w, uint16_t)
DEFINE_RW(l, uint32_t)
DEFINE_RW(q, uint64_t)

#define DEFINE_IO(suffix, type)                                              \
    void qtest_out##suffix(QTestState *s, uint16_t port, type v)             \
    {                                                                        \
        g_free(qtest_cmd(s, "out" #suffix " 0x%x 0x%x", port, (unsigned)v)); \
    }                                                                        \
    type qtest_in##suffix(QTestState *s, uint16_t port)                      \
    {                                                                        \
        g_autofree char *line = g_strdup_printf("in" #suffix " 0x%x", port); \
        return (type)qtest_cmd_u64(s, line);                                 \
    }

DEFINE_IO(b, uint8_t)
DEFINE_IO(w, uint16_t)
DEFINE_IO(l, uint32_t)

void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    g_autofree char *r =
        qtest_cmd(s, "read 0x%" G_GINT64_MODIFIER "x 0x%zx", addr, size);
    uint8_t *p = data;

    g_assert(!strncmp(r, "0x", 2) && strlen(r) == 2 + 2 * size);
    for (size_t i = 0; i < size; i++) {
        p[i] = g_ascii_xdigit_value(r[2 + 2 * i]) << 4 |
               g_ascii_xdigit_value(r[3 + 2 * i]);
    }
}

void qtest_memwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    GString *hex = g_string_new("");
    const uint8_t *p = data;

    for (size_t i = 0; i < size; i++) {
        g_string_append_printf(hex, "%02x", p[i]);
    }
    g_free(qtest_cmd(s, "write 0x%" G_GINT64_MODIFIER "x 0x%zx 0x%s", addr,
                     size, hex->str));
    g_string_free(hex, TRUE);
}

void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size)
{
    g_autofree char *r =
        qtest_cmd(s, "b64read 0x%" G_GINT64_MODIFIER "x 0x%zx", addr, size);
    gsize len;
    g_autofree guchar *dec = g_base64_decode(r, &len);

    g_assert_cmpuint(len, ==, size);
    memcpy(data, dec, size);
}

void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data, size_t size)
{
    g_autofree char *enc = g_base64_encode(data, size);

    g_free(qtest_cmd(s, "b64write 0x%" G_GINT64_MODIFIER "x 0x%zx %s", addr,
                     size, enc));
}

void qtest_memset(QTestState *s, uint64_t addr, uint8_t patt, size_t size)
{
    g_free(qtest_cmd(s, "memset 0x%" G_GINT64_MODIFIER "x 0x%zx 0x%02x", addr,
                     size, patt));
}

int64_t qtest_clock_step_next(QTestState *s)
{
    return (int64_t)qtest_cmd_u64(s, "clock_step");
}

int64_t qtest_clock_step(QTestState *s, int64_t step)
{
    g_autofree char *line =
        g_strdup_printf("clock_step %" G_GINT64_FORMAT, step);
    return (int64_t)qtest_cmd_u64(s, line);
}

int64_t qtest_clock_set(QTestState *s, int64_t val)
{
    g_autofree char *line = g_strdup_printf("clock_set %" G_GINT64_FORMAT, val);
    return (int64_t)qtest_cmd_u64(s, line);
}

void qtest_irq_intercept_in(QTestState *s, const char *qom_path)
{
    g_free(qtest_cmd(s, "irq_intercept_in %s", qom_path));
}

void qtest_irq_intercept_out(QTestState *s, const char *qom_path)
{
    g_free(qtest_cmd(s, "irq_intercept_out %s", qom_path));
}

bool qtest_get_irq(QTestState *s, int n)
{
    struct pollfd pfd = { .fd = s->qtest_fd, .events = POLLIN };

    g_assert(n >= 0 && n < MAX_IRQ);
    /* Take in any IRQ lines that arrived without a command. */
    while (poll(&pfd, 1, 0) > 0) {
        char tmp[4096];
        ssize_t r = read(s->qtest_fd, tmp, sizeof(tmp));
        char *nl;

        if (r <= 0) {
            break;
        }
        g_string_append_len(s->qtest_buf, tmp, r);
        while ((nl = memchr(s->qtest_buf->str, '\n', s->qtest_buf->len))) {
            g_autofree char *line = read_line(s, s->qtest_fd, s->qtest_buf);
            handle_irq_line(s, line);
        }
    }
    return s->irq_level[n];
}

void qtest_set_irq_in(QTestState *s, const char *qom_path, const char *name,
                      int n, int level)
{
    g_free(qtest_cmd(s, "set_irq_in %s %s %d %d", qom_path,
                     name ? name : "unnamed", n, level));
}

/* Start and stop */

QTestState *qtest_init(const char *extra_args)
{
    QTestState *s = g_new0(QTestState, 1);
    g_autofree char *qtest_path = NULL, *qmp_path = NULL, *cmd = NULL;
    int qtest_lfd, qmp_lfd;
    JsonObject *msg;

    install_cleanup();
    s->tmpdir = g_dir_make_tmp("qtest-XXXXXX", NULL);
    g_assert(s->tmpdir);
    qtest_path = g_build_filename(s->tmpdir, "qtest.sock", NULL);
    qmp_path = g_build_filename(s->tmpdir, "qmp.sock", NULL);
    qtest_lfd = listen_unix(qtest_path);
    qmp_lfd = listen_unix(qmp_path);
    cmd = g_strdup_printf(
        "exec %s -qtest unix:%s -qtest-log /dev/null "
        "-chardev socket,path=%s,id=qtest-qmp -mon "
        "chardev=qtest-qmp,mode=control "
        "-display none %s %s",
        qtest_binary(), qtest_path, qmp_path, extra_args ? extra_args : "",
        /* Last, as QEMU's: a test's own -accel is
         * tried first. */
        qtest_has_accel()                     ? "-accel qtest"
        : !strcmp(qtest_get_arch(), "x86_64") ? "-S"
                                              : "-S -bios none");
    s->pid = fork();
    g_assert(s->pid >= 0);
    if (s->pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        execlp("/bin/sh", "sh", "-c", cmd, (char *)NULL);
        _exit(127);
    }
    live_states = g_list_prepend(live_states, s);
    s->qtest_buf = g_string_new("");
    s->qmp_buf = g_string_new("");
    s->events = g_queue_new();
    s->qtest_fd = accept_or_die(s, qtest_lfd, "qtest");
    s->qmp_fd = accept_or_die(s, qmp_lfd, "QMP");
    close(qtest_lfd);
    close(qmp_lfd);
    unlink(qtest_path);
    unlink(qmp_path);

    msg = qtest_qmp_receive(s);
    g_assert(json_object_has_member(msg, "QMP"));
    json_object_unref(msg);
    msg = qtest_qmp(s, "{\"execute\": \"qmp_capabilities\"}");
    g_assert(!qmp_has_error(msg));
    json_object_unref(msg);
    return s;
}

QTestState *qtest_initf(const char *fmt, ...)
{
    va_list ap;
    g_autofree char *args = NULL;

    va_start(ap, fmt);
    args = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    return qtest_init(args);
}

static void qtest_free(QTestState *s)
{
    live_states = g_list_remove(live_states, s);
    close(s->qtest_fd);
    close(s->qmp_fd);
    g_string_free(s->qtest_buf, TRUE);
    g_string_free(s->qmp_buf, TRUE);
    g_queue_free_full(s->events, (GDestroyNotify)json_object_unref);
    rmdir(s->tmpdir);
    g_free(s->tmpdir);
    g_free(s);
}

int qtest_wait_exit(QTestState *s)
{
    int status;

    child_exited(s, true);
    status = s->exit_status;
    qtest_free(s);
    return status;
}

static const char size_suffix[] = {
    [1] = 'b', [2] = 'w', [4] = 'l', [8] = 'q'
};

/* Send LINE and wait for the exit; the reply may never come. */
static int send_expect_exit(QTestState *s, const char *line)
{
    write_all(s, s->qtest_fd, line, strlen(line));
    return qtest_wait_exit(s);
}

int qtest_write_expect_exit(QTestState *s, uint64_t addr, uint64_t v,
                            unsigned size)
{
    g_autofree char *line = NULL;

    g_assert(size == 1 || size == 2 || size == 4 || size == 8);
    line = g_strdup_printf("write%c 0x%" G_GINT64_MODIFIER
                           "x 0x%" G_GINT64_MODIFIER "x\n",
                           size_suffix[size], addr, v);
    return send_expect_exit(s, line);
}

int qtest_out_expect_exit(QTestState *s, uint16_t port, uint32_t v,
                          unsigned size)
{
    g_autofree char *line = NULL;

    g_assert(size == 1 || size == 2 || size == 4);
    line = g_strdup_printf("out%c 0x%x 0x%x\n", size_suffix[size], port, v);
    return send_expect_exit(s, line);
}

void qtest_quit(QTestState *s)
{
    if (!child_exited(s, false)) {
        kill(s->pid, SIGTERM);
        for (int i = 0; i < 100 && !child_exited(s, false); i++) {
            g_usleep(20000);
        }
        if (!child_exited(s, false)) {
            kill(s->pid, SIGKILL);
            child_exited(s, true);
        }
    }
    qtest_free(s);
}

void qtest_add_func(const char *path, void (*fn)(void))
{
    g_autofree char *full = g_strdup_printf("/%s%s%s", qtest_get_arch(),
                                            path[0] == '/' ? "" : "/", path);
    g_test_add_func(full, fn);
}

int qtest_run_binary(const char *args, char **out, char **err)
{
    g_autofree char *cmd = g_strdup_printf("exec %s %s", qtest_binary(), args);
    const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
    int status = -1;
    g_autoptr(GError) gerr = NULL;

    if (!g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                      out, err, &status, &gerr)) {
        g_error("cannot run %s: %s", qtest_binary(), gerr->message);
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
