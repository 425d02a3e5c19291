/*
 * The chardev layer seen from a frontend: option parsing and its errors,
 * and the null, file, socket, pty and mux backends driven through the
 * main loop.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "qemu/main-loop.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <termios.h>
#include <unistd.h>

static char *tmpdir;

/* A frontend that records what it gets. */
typedef struct FakeFe {
    CharBackend be;
    const char *name;
    int can_read;    /* what chr_can_read answers */
    int max_chunk;   /* the largest chr_read seen */
    GString *in;     /* bytes received */
    GString *events; /* "name:open name:in ..." */
} FakeFe;

static int fe_can_read(void *opaque)
{
    FakeFe *fe = opaque;

    return fe->can_read;
}

static void fe_read(void *opaque, const uint8_t *buf, int size)
{
    FakeFe *fe = opaque;

    g_assert_cmpint(size, <=, fe->can_read);
    fe->max_chunk = MAX(fe->max_chunk, size);
    g_string_append_len(fe->in, (const char *)buf, size);
}

static void fe_event(void *opaque, QEMUChrEvent event)
{
    static const char *const names[] = {
        [CHR_EVENT_BREAK] = "break",  [CHR_EVENT_OPENED] = "open",
        [CHR_EVENT_MUX_IN] = "in",    [CHR_EVENT_MUX_OUT] = "out",
        [CHR_EVENT_CLOSED] = "close",
    };
    FakeFe *fe = opaque;

    g_string_append_printf(fe->events, "%s%s:%s", fe->events->len ? " " : "",
                           fe->name, names[event]);
}

static void fe_attach(FakeFe *fe, const char *name, Chardev *chr,
                      GString *events)
{
    g_autoptr(GError) err = NULL;

    memset(fe, 0, sizeof(*fe));
    fe->name = name;
    fe->can_read = 4096;
    fe->in = g_string_new(NULL);
    fe->events = events ? events : g_string_new(NULL);
    g_assert_true(qemu_chr_fe_init(&fe->be, chr, &err));
    g_assert_no_error(err);
    qemu_chr_fe_set_handlers(&fe->be, fe_can_read, fe_read, fe_event, fe);
}

static void fe_detach(FakeFe *fe, bool own_events)
{
    qemu_chr_fe_deinit(&fe->be);
    g_string_free(fe->in, TRUE);
    if (own_events) {
        g_string_free(fe->events, TRUE);
    }
}

static void fe_write(FakeFe *fe, const char *s)
{
    g_assert_cmpint(
        qemu_chr_fe_write_all(&fe->be, (const uint8_t *)s, strlen(s)), ==,
        strlen(s));
}

/* Run the main loop until cond holds; fail after 5 seconds. */
static void run_until(bool (*cond)(void *opaque), void *opaque)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (!cond(opaque)) {
        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        main_loop_wait(true);
        g_usleep(1000);
    }
}

static void run_for_ms(int ms)
{
    gint64 end = g_get_monotonic_time() + ms * 1000;

    while (g_get_monotonic_time() < end) {
        main_loop_wait(true);
        g_usleep(1000);
    }
}

typedef struct {
    GString *s;
    const char *want;
} WaitStr;

static bool str_contains(void *opaque)
{
    WaitStr *w = opaque;

    return strstr(w->s->str, w->want) != NULL;
}

static void run_until_contains(GString *s, const char *want)
{
    WaitStr w = { s, want };

    run_until(str_contains, &w);
}

/* Read from fd until want has arrived (or 5 s pass). */
static void read_until(int fd, GString *got, const char *want)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (!strstr(got->str, want)) {
        struct pollfd pfd = { .fd = fd, .events = POLLIN };
        char buf[512];
        ssize_t n;

        g_assert_cmpint(g_get_monotonic_time(), <, deadline);
        /* Let the emulator side run too. */
        main_loop_wait(true);
        if (poll(&pfd, 1, 10) <= 0) {
            continue;
        }
        n = read(fd, buf, sizeof(buf));
        g_assert_cmpint(n, >, 0);
        g_string_append_len(got, buf, n);
    }
}

static void write_str(int fd, const char *s)
{
    g_assert_cmpint(write(fd, s, strlen(s)), ==, strlen(s));
}

static void expect_opts_error(const char *optstr, const char *msg)
{
    g_autoptr(GError) err = NULL;

    g_assert_null(qemu_chr_new_from_opts_str(optstr, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, msg);
}

static void expect_short_error(const char *spec, const char *msg)
{
    g_autoptr(GError) err = NULL;

    g_assert_null(qemu_chr_new("short", spec, &err));
    g_assert_nonnull(err);
    g_assert_cmpstr(err->message, ==, msg);
    g_assert_null(qemu_chr_find("short"));
}

static void test_errors(void)
{
    g_autoptr(GError) err = NULL;
    Chardev *chr;

    expect_opts_error("foo,id=x", "'foo' is not a valid char driver name");
    expect_opts_error("null", "chardev: no id specified");
    expect_opts_error("id=x", "chardev: \"x\" missing backend");
    expect_opts_error("null,id=x,foo=1", "Invalid parameter 'foo'");
    expect_opts_error("null,id=1x", "Parameter 'id' expects an identifier\n"
                                    "Identifiers consist of letters, digits, "
                                    "'-', '.', '_', starting with a letter.");
    expect_opts_error("file,id=x", "chardev: file: no filename given");
    expect_opts_error("file,id=x,path=/nonexistent/dir/f",
                      "Could not open '/nonexistent/dir/f': "
                      "No such file or directory");
    expect_opts_error("socket,id=x,path=/tmp/x.sock,server=maybe",
                      "Parameter 'server' expects 'on' or 'off'");
    expect_opts_error("socket,id=x,host=localhost",
                      "chardev: socket: no port given");
    expect_opts_error("socket,id=x,path=/nonexistent/s",
                      "Failed to connect to '/nonexistent/s': "
                      "No such file or directory");
    expect_opts_error("socket,id=x,path=/nonexistent/s,wait=off",
                      "'wait' option is incompatible with socket in client "
                      "connect mode");
    expect_opts_error("null,id=x,mux=perhaps",
                      "Parameter 'mux' expects 'on' or 'off'");
    g_assert_null(qemu_chr_find("x"));

    chr = qemu_chr_new_from_opts_str("null,id=dup", &err);
    g_assert_no_error(err);
    expect_opts_error("null,id=dup", "Duplicate ID 'dup' for chardev");
    expect_opts_error("file,id=dup,path=/dev/null",
                      "Duplicate ID 'dup' for chardev");

    expect_short_error("foo", "'foo' is not a valid char driver");
    expect_short_error("null,id=x", "'null,id=x' is not a valid char driver");
    expect_short_error("mon:foo", "'foo' is not a valid char driver");
    expect_short_error("tcp:localhost", "'tcp:localhost': expected "
                                        "tcp:HOST:PORT");
    expect_short_error("chardev:nope", "chardev 'nope' not found");
    expect_short_error("unix:/tmp/x.sock,server=on,bogus=1",
                       "Invalid parameter 'bogus'");

    /* "none" is no chardev, and no error either. */
    g_assert_null(qemu_chr_new("short", "none", &err));
    g_assert_no_error(err);
    /* "chardev:ID" is the existing one. */
    g_assert_true(qemu_chr_new("short", "chardev:dup", &err) == chr);
    g_assert_no_error(err);
    object_unparent(OBJECT(chr));
    g_assert_null(qemu_chr_find("dup"));
}

static void count_one(Chardev *chr, void *opaque)
{
    GString *s = opaque;

    g_string_append_printf(s, "%s=%s;", chr->label, chr->filename);
}

static void test_null(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) list = g_string_new(NULL);
    Chardev *chr = qemu_chr_new_from_opts_str("null,id=n0", &err);
    Chardev *vc = qemu_chr_new("vc0", "vc", &err);
    FakeFe fe, other;

    g_assert_no_error(err);
    g_assert_nonnull(chr);
    g_assert_true(qemu_chr_find("n0") == chr);
    g_assert_cmpstr(chr->label, ==, "n0");
    g_assert_cmpstr(chr->filename, ==, "null");
    g_assert_true(chr->be_open);
    qemu_chr_foreach(count_one, list);
    g_assert_cmpstr(list->str, ==, "n0=null;vc0=vc;");

    /* An open backend announces itself to a new frontend. */
    fe_attach(&fe, "fe", chr, NULL);
    g_assert_cmpstr(fe.events->str, ==, "fe:open");
    g_assert_true(qemu_chr_fe_backend_connected(&fe.be));
    g_assert_true(qemu_chr_fe_get_driver(&fe.be) == chr);
    fe_write(&fe, "into the void");
    qemu_chr_fe_printf(&fe.be, "%d bytes", 42);
    run_for_ms(5);
    g_assert_cmpstr(fe.in->str, ==, "");

    /* One frontend per (non-mux) chardev. */
    memset(&other, 0, sizeof(other));
    g_assert_false(qemu_chr_fe_init(&other.be, chr, &err));
    g_assert_cmpstr(err->message, ==, "Device 'n0' is in use");
    g_clear_error(&err);
    fe_detach(&fe, true);
    g_assert_false(qemu_chr_fe_backend_connected(&fe.be));
    g_assert_true(qemu_chr_fe_init(&other.be, chr, &err));
    qemu_chr_fe_deinit(&other.be);

    object_unparent(OBJECT(chr));
    object_unparent(OBJECT(vc));
    g_assert_null(qemu_chr_find("n0"));
}

static void test_file(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "out,1.txt", NULL);
    g_auto(GStrv) parts = g_strsplit(path, ",", -1);
    /* ",," in an option value stands for one ',' */
    g_autofree char *escaped = g_strjoinv(",,", parts);
    g_autofree char *opts = NULL;
    g_autofree char *spec = NULL;
    g_autofree char *contents = NULL;
    Chardev *chr;
    FakeFe fe;

    opts = g_strdup_printf("file,id=f0,path=%s", escaped);
    chr = qemu_chr_new_from_opts_str(opts, &err);
    g_assert_no_error(err);
    fe_attach(&fe, "fe", chr, NULL);
    fe_write(&fe, "hello ");
    fe_write(&fe, "file\n");
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello file\n");
    g_clear_pointer(&contents, g_free);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));

    /* append=on keeps what is there; the default truncates. */
    g_free(opts);
    opts = g_strdup_printf("file,id=f1,path=%s,append=on", escaped);
    chr = qemu_chr_new_from_opts_str(opts, &err);
    g_assert_no_error(err);
    fe_attach(&fe, "fe", chr, NULL);
    fe_write(&fe, "more\n");
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "hello file\nmore\n");
    g_clear_pointer(&contents, g_free);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));

    /* The short form takes the rest of the spec as the path. */
    spec = g_strdup_printf("file:%s", path);
    chr = qemu_chr_new("f2", spec, &err);
    g_assert_no_error(err);
    fe_attach(&fe, "fe", chr, NULL);
    fe_write(&fe, "new");
    g_assert_true(g_file_get_contents(path, &contents, NULL, NULL));
    g_assert_cmpstr(contents, ==, "new");
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
}

/* A new unix stream socket, and path as its address in *sa. */
static int unix_socket(const char *path, struct sockaddr_un *sa)
{
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    *sa = (struct sockaddr_un){ .sun_family = AF_UNIX };
    g_strlcpy(sa->sun_path, path, sizeof(sa->sun_path));
    return fd;
}

static int unix_connect(const char *path)
{
    struct sockaddr_un sa;
    int fd = unix_socket(path, &sa);

    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static bool chr_is_open(void *opaque)
{
    return ((Chardev *)opaque)->be_open;
}

static bool chr_is_closed(void *opaque)
{
    return !((Chardev *)opaque)->be_open;
}

/* Bytes both ways, OPENED/CLOSED, and a second client after the first. */
static void exchange_with_client(Chardev *chr, FakeFe *fe,
                                 int (*connect_client)(void *), void *arg)
{
    g_autoptr(GString) got = g_string_new(NULL);
    int client;

    for (int round = 0; round < 2; round++) {
        g_string_truncate(got, 0);
        g_string_truncate(fe->in, 0);
        client = connect_client(arg);
        run_until(chr_is_open, chr);
        g_assert_true(g_str_has_suffix(fe->events->str, "fe:open"));

        write_str(client, "ping");
        run_until_contains(fe->in, "ping");
        g_assert_cmpstr(fe->in->str, ==, "ping");
        fe_write(fe, "pong");
        read_until(client, got, "pong");
        g_assert_cmpstr(got->str, ==, "pong");

        close(client);
        run_until(chr_is_closed, chr);
        g_assert_true(g_str_has_suffix(fe->events->str, "fe:close"));
        g_assert_true(g_str_has_prefix(chr->filename, "disconnected:"));
    }
    g_assert_cmpstr(fe->events->str, ==, "fe:open fe:close fe:open fe:close");
}

static int connect_unix_arg(void *path)
{
    return unix_connect(path);
}

static void test_socket_unix_server(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "srv.sock", NULL);
    g_autofree char *opts =
        g_strdup_printf("socket,id=s0,path=%s,server=on,wait=off", path);
    g_autofree char *desc =
        g_strdup_printf("disconnected:unix:%s,server=on", path);
    g_autofree char *connected = g_strdup_printf("unix:%s,server=on", path);
    Chardev *chr = qemu_chr_new_from_opts_str(opts, &err);
    FakeFe fe;

    g_assert_no_error(err);
    g_assert_cmpstr(chr->filename, ==, desc);
    g_assert_false(chr->be_open);
    fe_attach(&fe, "fe", chr, NULL);
    g_assert_cmpstr(fe.events->str, ==, "");
    /* Nobody listening: output is dropped, not blocking. */
    fe_write(&fe, "lost");

    exchange_with_client(chr, &fe, connect_unix_arg, path);

    /* While connected, `info chardev` shows the connection. */
    {
        int client = unix_connect(path);

        run_until(chr_is_open, chr);
        g_assert_cmpstr(chr->filename, ==, connected);
        close(client);
        run_until(chr_is_closed, chr);
    }
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
    /* The server's socket file goes away with it. */
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

/*
 * fd=N: a listening socket passed in (as libvirt passes its monitor's)
 * serves clients like one we made; the path stays (it is not ours); bad
 * fds are refused.
 */
static void test_socket_fd(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "fd.sock", NULL);
    struct sockaddr_un sa;
    int lfd = unix_socket(path, &sa);
    g_autofree char *opts = NULL;
    Chardev *chr;
    FakeFe fe;

    g_assert_cmpint(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    opts = g_strdup_printf("socket,id=fd0,fd=%d,server=on,wait=off", lfd);
    chr = qemu_chr_new_from_opts_str(opts, &err);
    g_assert_no_error(err);
    fe_attach(&fe, "fe", chr, NULL);
    exchange_with_client(chr, &fe, connect_unix_arg, path);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
    g_assert_true(g_file_test(path, G_FILE_TEST_EXISTS));
    unlink(path);

    g_assert_null(qemu_chr_new_from_opts_str(
        "socket,id=fd1,fd=99999,server=on,wait=off", &err));
    g_assert_cmpstr(err->message, ==,
                    "chardev: socket: fd=99999 is not an open socket");
    g_clear_error(&err);
    g_assert_null(qemu_chr_new_from_opts_str(
        "socket,id=fd2,fd=0,path=/x,server=on,wait=off", &err));
    g_assert_cmpstr(err->message, ==,
                    "None or one of 'path', 'fd' or 'host' option required.");
}

/* A socket file at path, bound and closed: what a killed run leaves. */
static void make_stale_socket(const char *path)
{
    struct sockaddr_un sa;
    int fd = unix_socket(path, &sa);

    g_assert_cmpint(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    close(fd);
}

/*
 * The listener's path: a regular file there is refused and left alone
 * (QEMU 7.2 deletes it), a stale socket is replaced, and the new socket
 * file's mode follows the umask, as QEMU's.
 */
static void test_socket_unix_path(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "path.sock", NULL);
    g_autofree char *opts =
        g_strdup_printf("socket,id=p0,path=%s,server=on,wait=off", path);
    g_autofree char *want = g_strdup_printf(
        "Failed to bind socket to %s: the file exists and is not a socket",
        path);
    g_autofree char *content = NULL;
    struct stat st;
    mode_t old_mask;
    Chardev *chr;

    g_assert_true(g_file_set_contents(path, "keep", -1, NULL));
    expect_opts_error(opts, want);
    g_assert_true(g_file_get_contents(path, &content, NULL, NULL));
    g_assert_cmpstr(content, ==, "keep");
    g_assert_null(qemu_chr_find("p0"));
    unlink(path);

    make_stale_socket(path);
    old_mask = umask(077);
    chr = qemu_chr_new_from_opts_str(opts, &err);
    umask(old_mask);
    g_assert_no_error(err);
    g_assert_cmpint(lstat(path, &st), ==, 0);
    g_assert_true(S_ISSOCK(st.st_mode));
    g_assert_cmpint(st.st_mode & 0777, ==, 0700);
    object_unparent(OBJECT(chr));
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
}

/*
 * While the frontend can take nothing, the input watch must not poll the
 * fd (no busy loop); once it can, input arrives in chunks it can take.
 */
static void test_socket_flow_control(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "flow.sock", NULL);
    g_autofree char *spec = g_strdup_printf("unix:%s,server=on,wait=off", path);
    Chardev *chr = qemu_chr_new("flow", spec, &err);
    FakeFe fe;
    int client;

    g_assert_no_error(err);
    fe_attach(&fe, "fe", chr, NULL);
    client = unix_connect(path);
    run_until(chr_is_open, chr);

    fe.can_read = 0;
    write_str(client, "0123456789abcdefghij");
    run_for_ms(20);
    g_assert_cmpstr(fe.in->str, ==, "");
    /* Data is waiting on the fd, yet nothing is ready to dispatch. */
    g_assert_false(g_main_context_pending(NULL));

    fe.can_read = 7;
    qemu_chr_fe_accept_input(&fe.be);
    run_until_contains(fe.in, "abcdefghij");
    g_assert_cmpstr(fe.in->str, ==, "0123456789abcdefghij");
    g_assert_cmpint(fe.max_chunk, ==, 7);

    close(client);
    run_until(chr_is_closed, chr);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
}

static gpointer connect_later(gpointer path)
{
    g_usleep(100 * 1000);
    return GINT_TO_POINTER(unix_connect(path));
}

/* server=on with the default wait=on blocks until a client is there. */
static void test_socket_wait(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "wait.sock", NULL);
    g_autofree char *opts =
        g_strdup_printf("socket,id=w0,path=%s,server=on", path);
    GThread *thread = g_thread_new("client", connect_later, path);
    Chardev *chr = qemu_chr_new_from_opts_str(opts, &err);
    int client = GPOINTER_TO_INT(g_thread_join(thread));
    g_autoptr(GString) got = g_string_new(NULL);
    FakeFe fe;

    g_assert_no_error(err);
    g_assert_true(chr->be_open);
    fe_attach(&fe, "fe", chr, NULL);
    g_assert_cmpstr(fe.events->str, ==, "fe:open");
    fe_write(&fe, "hi");
    read_until(client, got, "hi");
    close(client);
    run_until(chr_is_closed, chr);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
}

/* Client mode: connect at open to a listener of ours. */
static void test_socket_client(void)
{
    g_autoptr(GError) err = NULL;
    g_autofree char *path = g_build_filename(tmpdir, "cli.sock", NULL);
    g_autofree char *opts = g_strdup_printf("socket,id=c0,path=%s", path);
    g_autoptr(GString) got = g_string_new(NULL);
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int lfd = socket(AF_UNIX, SOCK_STREAM, 0), peer;
    Chardev *chr;
    FakeFe fe;

    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    g_assert_cmpint(listen(lfd, 1), ==, 0);
    chr = qemu_chr_new_from_opts_str(opts, &err);
    g_assert_no_error(err);
    peer = accept(lfd, NULL, NULL);
    g_assert_cmpint(peer, >=, 0);
    fe_attach(&fe, "fe", chr, NULL);
    g_assert_cmpstr(fe.events->str, ==, "fe:open");
    fe_write(&fe, "from client");
    read_until(peer, got, "from client");
    write_str(peer, "from server");
    run_until_contains(fe.in, "from server");
    close(peer);
    run_until(chr_is_closed, chr);
    g_assert_cmpstr(fe.events->str, ==, "fe:open fe:close");
    /* No reconnection: output is dropped from now on. */
    fe_write(&fe, "dropped");
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
    close(lfd);
    unlink(path);
}

static int tcp_port;

static int connect_tcp_arg(void *unused)
{
    struct sockaddr_in sa = { .sin_family = AF_INET,
                              .sin_port = htons(tcp_port) };
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static void test_socket_tcp(void)
{
    g_autoptr(GError) err = NULL;
    Chardev *chr =
        qemu_chr_new("t0", "tcp:127.0.0.1:0,server=on,wait=off", &err);
    const char *prefix = "disconnected:tcp:127.0.0.1:";
    FakeFe fe;

    g_assert_no_error(err);
    /* Port 0 picks a free one; the description names it. */
    g_assert_true(g_str_has_prefix(chr->filename, prefix));
    g_assert_true(g_str_has_suffix(chr->filename, ",server=on"));
    tcp_port = atoi(chr->filename + strlen(prefix));
    g_assert_cmpint(tcp_port, >, 0);
    fe_attach(&fe, "fe", chr, NULL);
    exchange_with_client(chr, &fe, connect_tcp_arg, NULL);
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
}

static void test_pty(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) got = g_string_new(NULL);
    g_autofree char *big = g_malloc0(256 * 1024);
    Chardev *chr = qemu_chr_new("p0", "pty", &err);
    const char *name;
    struct termios tty;
    FakeFe fe;
    int slave;

    g_assert_no_error(err);
    g_assert_true(g_str_has_prefix(chr->filename, "pty:/dev/pts/"));
    name = chr->filename + 4;
    fe_attach(&fe, "fe", chr, NULL);
    g_assert_false(chr->be_open);
    /* No one on the slave: far more than the pty buffers, not blocking. */
    g_assert_cmpint(qemu_chr_fe_write_all(&fe.be, (uint8_t *)big, 256 * 1024),
                    ==, 256 * 1024);

    slave = open(name, O_RDWR | O_NOCTTY);
    g_assert_cmpint(slave, >=, 0);
    /* The slave passes bytes unchanged. */
    g_assert_cmpint(tcgetattr(slave, &tty), ==, 0);
    g_assert_false(tty.c_lflag & (ICANON | ECHO));
    fe_write(&fe, "to the terminal");
    read_until(slave, got, "to the terminal");
    g_assert_cmpstr(got->str, ==, "to the terminal");
    run_until(chr_is_open, chr);
    write_str(slave, "typed");
    run_until_contains(fe.in, "typed");
    g_assert_cmpstr(fe.in->str, ==, "typed");

    close(slave);
    run_until(chr_is_closed, chr);
    g_assert_cmpstr(fe.events->str, ==, "fe:open fe:close");
    fe_write(&fe, "nobody there");
    fe_detach(&fe, true);
    object_unparent(OBJECT(chr));
}

/* A mux over a unix socket whose client plays the terminal. */
static void test_mux(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) events = g_string_new(NULL);
    g_autoptr(GString) got = g_string_new(NULL);
    g_autofree char *path = g_build_filename(tmpdir, "mux.sock", NULL);
    g_autofree char *spec =
        g_strdup_printf("mon:unix:%s,server=on,wait=off", path);
    Chardev *mux = qemu_chr_new("m0", spec, &err);
    Chardev *base;
    FakeFe a, b;
    int term;
    const char *p;

    g_assert_no_error(err);
    g_assert_cmpstr(mux->filename, ==, "mux");
    base = qemu_chr_find("m0-base");
    g_assert_nonnull(base);
    g_assert_true(g_str_has_prefix(base->filename, "disconnected:unix:"));

    /* Each frontend takes the focus as it installs its handlers. */
    fe_attach(&a, "A", mux, events);
    fe_attach(&b, "B", mux, events);
    g_assert_cmpint(a.be.tag, ==, 0);
    g_assert_cmpint(b.be.tag, ==, 1);
    g_assert_cmpstr(events->str, ==, "A:in A:out B:in");
    run_for_ms(5);
    g_assert_false(mux->be_open);

    term = unix_connect(path);
    run_until(chr_is_open, mux);
    g_assert_cmpstr(events->str, ==, "A:in A:out B:in A:open B:open");

    /* Input goes to the focus, B; output of both reaches the terminal. */
    write_str(term, "to-b");
    run_until_contains(b.in, "to-b");
    fe_write(&a, "[from a]");
    fe_write(&b, "[from b]");
    read_until(term, got, "[from a][from b]");

    /* C-a c: the focus moves on to A. */
    write_str(term, "\x01"
                    "c"
                    "to-a");
    run_until_contains(a.in, "to-a");
    g_assert_cmpstr(a.in->str, ==, "to-a");
    g_assert_cmpstr(b.in->str, ==, "to-b");
    g_assert_true(g_str_has_suffix(events->str, "B:out A:in"));

    /* C-a C-a passes one Ctrl-A; an unknown escape is dropped. */
    write_str(term, "\x01\x01"
                    "\x01z"
                    "!");
    run_until_contains(a.in, "!");
    g_assert_cmpstr(a.in->str, ==, "to-a\x01!");

    /* C-a b is a break for the focus. */
    write_str(term, "\x01"
                    "b");
    run_until_contains(events, "A:break");

    /* C-a h writes the help to the terminal, frontends see nothing. */
    g_string_truncate(got, 0);
    write_str(term, "\x01h");
    read_until(term, got, "C-a C-a  sends C-a\n\r");
    g_assert_true(g_str_has_prefix(got->str, "\n\rC-a h    print this help"
                                             "\n\rC-a x    exit emulator\n\r"));
    g_assert_nonnull(strstr(got->str, "C-a c    switch between console and "
                                      "monitor\n\r"));
    g_assert_cmpstr(a.in->str, ==, "to-a\x01!");

    /* Input A cannot take yet waits in the mux until it asks for more. */
    a.can_read = 0;
    write_str(term, "held");
    run_for_ms(20);
    g_assert_cmpstr(a.in->str, ==, "to-a\x01!");
    a.can_read = 100;
    qemu_chr_fe_accept_input(&a.be);
    run_until_contains(a.in, "held");

    /* C-a t: time stamps at the start of each output line. */
    write_str(term, "\x01t");
    run_for_ms(20);
    g_string_truncate(got, 0);
    fe_write(&b, "one\ntwo");
    read_until(term, got, "two");
    g_assert_true(g_str_has_prefix(got->str, "one\n[00:00:0"));
    p = strstr(got->str, "] two");
    g_assert_nonnull(p);
    g_assert_cmpint(p - got->str, ==, strlen("one\n[00:00:00.000"));
    write_str(term, "\x01t");
    run_for_ms(20);
    g_string_truncate(got, 0);
    fe_write(&b, "\nthree");
    read_until(term, got, "three");
    g_assert_cmpstr(got->str, ==, "\nthree");

    /* Two C-a c in a row come back to A. */
    g_string_truncate(events, 0);
    write_str(term, "\x01"
                    "c"
                    "\x01"
                    "c");
    run_until_contains(events, "B:out A:in");
    g_assert_cmpstr(events->str, ==, "A:out B:in B:out A:in");

    /* The terminal going away closes every frontend. */
    close(term);
    run_until(chr_is_closed, mux);
    g_assert_true(g_str_has_suffix(events->str, "A:close B:close"));

    fe_detach(&a, false);
    fe_detach(&b, false);
    object_unparent(OBJECT(mux));
    object_unparent(OBJECT(base));
}

/* A mux over an open backend announces OPENED after start-up. */
static void test_mux_deferred_open(void)
{
    g_autoptr(GError) err = NULL;
    g_autoptr(GString) events = g_string_new(NULL);
    Chardev *mux = qemu_chr_new_from_opts_str("null,id=m1,mux=on", &err);
    FakeFe mon, uart, late;

    g_assert_no_error(err);
    g_assert_nonnull(qemu_chr_find("m1-base"));
    fe_attach(&mon, "mon", mux, events);
    fe_attach(&uart, "uart", mux, events);
    g_assert_cmpstr(events->str, ==, "mon:in mon:out uart:in");
    main_loop_wait(true);
    g_assert_cmpstr(events->str, ==,
                    "mon:in mon:out uart:in mon:open uart:open");
    /* A frontend attached later hears it at once. */
    g_string_truncate(events, 0);
    fe_attach(&late, "late", mux, events);
    g_assert_cmpstr(events->str, ==, "uart:out late:in late:open");
    /* Output reaches the null backend without complaint. */
    fe_write(&mon, "(qemu) ");

    fe_detach(&late, false);
    fe_detach(&uart, false);
    fe_detach(&mon, false);
    qemu_chr_cleanup();
    g_assert_null(qemu_chr_find("m1"));
    g_assert_null(qemu_chr_find("m1-base"));
}

int main(int argc, char **argv)
{
    int ret;

    g_test_init(&argc, &argv, NULL);
    qemu_init_main_loop();
    tmpdir = g_dir_make_tmp("test-char-XXXXXX", NULL);
    g_assert_nonnull(tmpdir);

    g_test_add_func("/char/errors", test_errors);
    g_test_add_func("/char/null", test_null);
    g_test_add_func("/char/file", test_file);
    g_test_add_func("/char/socket/unix-server", test_socket_unix_server);
    g_test_add_func("/char/socket/unix-path", test_socket_unix_path);
    g_test_add_func("/char/socket/fd", test_socket_fd);
    g_test_add_func("/char/socket/flow-control", test_socket_flow_control);
    g_test_add_func("/char/socket/wait", test_socket_wait);
    g_test_add_func("/char/socket/client", test_socket_client);
    g_test_add_func("/char/socket/tcp", test_socket_tcp);
    g_test_add_func("/char/pty", test_pty);
    g_test_add_func("/char/mux", test_mux);
    g_test_add_func("/char/mux/deferred-open", test_mux_deferred_open);
    ret = g_test_run();

    qemu_chr_cleanup();
    {
        g_autoptr(GDir) dir = g_dir_open(tmpdir, 0, NULL);
        const char *name;

        while (dir && (name = g_dir_read_name(dir))) {
            g_autofree char *p = g_build_filename(tmpdir, name, NULL);

            unlink(p);
        }
    }
    rmdir(tmpdir);
    g_free(tmpdir);
    return ret;
}
