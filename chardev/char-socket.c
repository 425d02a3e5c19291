/*
 * The socket chardev: a stream socket, unix (path=) or TCP (host=,port=),
 * as a server (server=on: listen and serve one client at a time) or a
 * client (connect at start-up).
 *
 * A server with wait=on (the default) blocks at start-up until its first
 * client connects. Each connection is announced with CHR_EVENT_OPENED and
 * its end with CHR_EVENT_CLOSED, after which the server accepts again.
 * Output written while no client is connected is dropped.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "char-internal.h"
#include "qemu/cutils.h"

#include <glib-unix.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

typedef struct SocketChardev {
    Chardev parent_obj;
    bool is_unix;
    bool is_server;
    bool nodelay;
    char *path;      /* unix socket path */
    char *addr_desc; /* "unix:PATH,server=on", "tcp:127.0.0.1:4444" ... */
    int listen_fd;
    int fd;           /* the connection, or -1 */
    guint accept_tag; /* watch on listen_fd while no client */
    guint hup_tag;    /* disconnect scheduled after a failed send */
} SocketChardev;

#define SOCKET_CHARDEV(obj) \
    OBJECT_CHECK(SocketChardev, (obj), TYPE_CHARDEV_SOCKET)

static void socket_chr_init(Object *obj)
{
    SocketChardev *s = SOCKET_CHARDEV(obj);

    s->listen_fd = -1;
    s->fd = -1;
}

/* "HOST:PORT" in numeric form ("[HOST]:PORT" for IPv6). */
static char *sockaddr_to_str(const struct sockaddr *sa, socklen_t len)
{
    char host[NI_MAXHOST], serv[NI_MAXSERV];

    if (sa->sa_family == AF_UNIX) {
        const struct sockaddr_un *un = (const struct sockaddr_un *)sa;

        if (len <= offsetof(struct sockaddr_un, sun_path)) {
            return g_strdup("");
        }
        return g_strndup(un->sun_path,
                         len - offsetof(struct sockaddr_un, sun_path));
    }
    if (getnameinfo(sa, len, host, sizeof(host), serv, sizeof(serv),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
        return g_strdup("?");
    }
    if (sa->sa_family == AF_INET6) {
        return g_strdup_printf("[%s]:%s", host, serv);
    }
    return g_strdup_printf("%s:%s", host, serv);
}

static char *socket_local_str(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0) {
        return g_strdup("?");
    }
    return sockaddr_to_str((struct sockaddr *)&ss, len);
}

static char *socket_peer_str(int fd)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);

    if (getpeername(fd, (struct sockaddr *)&ss, &len) < 0) {
        return g_strdup("?");
    }
    return sockaddr_to_str((struct sockaddr *)&ss, len);
}

/* The `info chardev` text, as QEMU words it. */
static void socket_update_filename(SocketChardev *s)
{
    Chardev *chr = &s->parent_obj;
    g_autofree char *local = NULL;
    g_autofree char *peer = NULL;

    if (s->fd < 0) {
        qemu_chr_set_filename(chr, "disconnected:%s", s->addr_desc);
        return;
    }
    if (s->is_unix) {
        if (s->is_server) {
            qemu_chr_set_filename(chr, "%s", s->addr_desc);
        } else {
            local = socket_local_str(s->fd);
            qemu_chr_set_filename(chr, "unix:%s", local);
        }
        return;
    }
    local = socket_local_str(s->fd);
    peer = socket_peer_str(s->fd);
    qemu_chr_set_filename(chr, "tcp:%s%s <-> %s", local,
                          s->is_server ? ",server=on" : "", peer);
}

static void socket_start_accept(SocketChardev *s);

static void socket_disconnect(SocketChardev *s)
{
    Chardev *chr = &s->parent_obj;

    if (s->fd < 0) {
        return;
    }
    qemu_chr_remove_read_watch(chr);
    if (s->hup_tag) {
        g_source_remove(s->hup_tag);
        s->hup_tag = 0;
    }
    close(s->fd);
    s->fd = -1;
    socket_update_filename(s);
    qemu_chr_be_event(chr, CHR_EVENT_CLOSED);
    if (s->is_server) {
        socket_start_accept(s);
    }
}

static void socket_chr_eof(Chardev *chr)
{
    socket_disconnect(SOCKET_CHARDEV(chr));
}

static gboolean socket_hup_cb(gpointer opaque)
{
    SocketChardev *s = opaque;

    s->hup_tag = 0;
    socket_disconnect(s);
    return G_SOURCE_REMOVE;
}

static void socket_connected(SocketChardev *s, int fd)
{
    Chardev *chr = &s->parent_obj;

    s->fd = fd;
    /* Writers that must not block (virtio ports) get -EAGAIN instead. */
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    if (!s->is_unix && s->nodelay) {
        int one = 1;

        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    }
    socket_update_filename(s);
    chr->read_source = qemu_chr_add_read_watch(chr, fd, socket_chr_eof);
    qemu_chr_be_event(chr, CHR_EVENT_OPENED);
}

/* Accept one pending client; false if none was pending. */
static bool socket_accept_one(SocketChardev *s)
{
    int fd;

    do {
        fd = accept4(s->listen_fd, NULL, NULL, SOCK_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        return false;
    }
    socket_connected(s, fd);
    return true;
}

static gboolean socket_accept_cb(gint fd, GIOCondition cond, gpointer opaque)
{
    SocketChardev *s = opaque;

    if (!socket_accept_one(s)) {
        return G_SOURCE_CONTINUE;
    }
    /* One client at a time: the next waits in the backlog. */
    s->accept_tag = 0;
    return G_SOURCE_REMOVE;
}

static void socket_start_accept(SocketChardev *s)
{
    if (!s->accept_tag && s->listen_fd >= 0) {
        s->accept_tag =
            g_unix_fd_add(s->listen_fd, G_IO_IN, socket_accept_cb, s);
    }
}

/*
 * A socket file left at the path (by an earlier run) is replaced, as QEMU
 * does; any other file is refused rather than silently deleted. The new
 * socket file's mode follows the umask (docs/hostile-input.md).
 */
static bool unix_path_free(const char *path, GError **errp)
{
    struct stat st;

    if (lstat(path, &st) < 0) {
        return true; /* nothing there, or bind() reports why */
    }
    if (!S_ISSOCK(st.st_mode)) {
        error_setg(errp,
                   "Failed to bind socket to %s: the file exists and is not "
                   "a socket",
                   path);
        return false;
    }
    unlink(path);
    return true;
}

static bool socket_listen_unix(SocketChardev *s, GError **errp)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };

    if (strlen(s->path) >= sizeof(sa.sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", s->path);
        return false;
    }
    strcpy(sa.sun_path, s->path);
    if (!unix_path_free(s->path, errp)) {
        return false;
    }
    s->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s->listen_fd < 0) {
        error_setg(errp, "Failed to create socket: %s", g_strerror(errno));
        return false;
    }
    if (bind(s->listen_fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        error_setg(errp, "Failed to bind socket to %s: %s", s->path,
                   g_strerror(errno));
        close(s->listen_fd);
        s->listen_fd = -1; /* nothing of ours to unlink at close */
        return false;
    }
    if (listen(s->listen_fd, 1) < 0) {
        error_setg(errp, "Failed to listen on socket: %s", g_strerror(errno));
        return false;
    }
    s->addr_desc = g_strdup_printf("unix:%s,server=on", s->path);
    return true;
}

static bool socket_listen_tcp(SocketChardev *s, const char *host,
                              const char *port, GError **errp)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC,
                              .ai_socktype = SOCK_STREAM,
                              .ai_flags = AI_PASSIVE };
    struct addrinfo *res, *ai;
    g_autofree char *local = NULL;
    int rc, err = 0;

    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        error_setg(errp, "address resolution failed for %s:%s: %s", host, port,
                   gai_strerror(rc));
        return false;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                        ai->ai_protocol);
        int one = 1;

        if (fd < 0) {
            err = errno;
            continue;
        }
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (bind(fd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(fd, 1) < 0) {
            err = errno;
            close(fd);
            continue;
        }
        s->listen_fd = fd;
        break;
    }
    freeaddrinfo(res);
    if (s->listen_fd < 0) {
        error_setg(errp, "Failed to find an available port: %s",
                   g_strerror(err));
        return false;
    }
    local = socket_local_str(s->listen_fd);
    s->addr_desc = g_strdup_printf("tcp:%s,server=on", local);
    return true;
}

static bool socket_connect_unix(SocketChardev *s, GError **errp)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd, rc;

    if (strlen(s->path) >= sizeof(sa.sun_path)) {
        error_setg(errp, "UNIX socket path '%s' is too long", s->path);
        return false;
    }
    strcpy(sa.sun_path, s->path);
    s->addr_desc = g_strdup_printf("unix:%s", s->path);
    fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        error_setg(errp, "Failed to create socket: %s", g_strerror(errno));
        return false;
    }
    do {
        rc = connect(fd, (struct sockaddr *)&sa, sizeof(sa));
    } while (rc < 0 && errno == EINTR);
    if (rc < 0) {
        error_setg(errp, "Failed to connect to '%s': %s", s->path,
                   g_strerror(errno));
        close(fd);
        return false;
    }
    socket_connected(s, fd);
    return true;
}

static bool socket_connect_tcp(SocketChardev *s, const char *host,
                               const char *port, GError **errp)
{
    struct addrinfo hints = { .ai_family = AF_UNSPEC,
                              .ai_socktype = SOCK_STREAM };
    struct addrinfo *res, *ai;
    int rc, err = 0, fd = -1;

    s->addr_desc = g_strdup_printf("tcp:%s:%s", host, port);
    rc = getaddrinfo(host, port, &hints, &res);
    if (rc != 0) {
        error_setg(errp, "address resolution failed for %s:%s: %s", host, port,
                   gai_strerror(rc));
        return false;
    }
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
                    ai->ai_protocol);
        if (fd < 0) {
            err = errno;
            continue;
        }
        do {
            rc = connect(fd, ai->ai_addr, ai->ai_addrlen);
        } while (rc < 0 && errno == EINTR);
        if (rc == 0) {
            break;
        }
        err = errno;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) {
        error_setg(errp, "Failed to connect to '%s:%s': %s", host, port,
                   g_strerror(err));
        return false;
    }
    socket_connected(s, fd);
    return true;
}

/* server=on,wait=on: block until the first client connects. */
static bool socket_wait_first_client(SocketChardev *s, GError **errp)
{
    Chardev *chr = &s->parent_obj;
    struct pollfd pfd = { .fd = s->listen_fd, .events = POLLIN };

    info_report("QEMU waiting for connection on: %s", chr->filename);
    for (;;) {
        if (poll(&pfd, 1, -1) < 0 && errno != EINTR) {
            error_setg(errp, "Failed to accept connection: %s",
                       g_strerror(errno));
            return false;
        }
        if (socket_accept_one(s)) {
            return true;
        }
    }
}

/*
 * fd=N: a socket inherited from whoever started us (libvirt passes its
 * monitor socket this way): listening if server=on, else connected.
 */
static bool socket_adopt_fd(SocketChardev *s, const char *text, bool server,
                            GError **errp)
{
    struct sockaddr_storage ss;
    socklen_t len = sizeof(ss);
    int fd, listening = 0;
    socklen_t optlen = sizeof(listening);
    struct stat st;
    uint64_t v;

    fd = qemu_strtou64(text, &v) && v <= INT_MAX ? (int)v : -1;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode) ||
        getsockname(fd, (struct sockaddr *)&ss, &len) < 0 ||
        getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &optlen) < 0) {
        error_setg(errp, "chardev: socket: fd=%s is not an open socket", text);
        return false;
    }
    if (server != !!listening) {
        error_setg(errp, "chardev: socket: fd=%s is %s listening socket", text,
                   listening ? "a" : "not a");
        return false;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
    s->is_unix = ss.ss_family == AF_UNIX;
    s->addr_desc = g_strdup_printf("fd:%d%s", fd, server ? ",server=on" : "");
    if (!server) {
        socket_connected(s, fd);
        return true;
    }
    s->listen_fd = fd;
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    socket_update_filename(s);
    return true;
}

static bool socket_chr_open(Chardev *chr, ChardevOptions *opts, GError **errp)
{
    static const char *const known[] = { "path",    "host", "port",
                                         "server",  "wait", "delay",
                                         "nodelay", "fd",   NULL };
    SocketChardev *s = SOCKET_CHARDEV(chr);
    const char *path = qemu_chr_opt_get(opts, "path");
    const char *host = qemu_chr_opt_get(opts, "host");
    const char *port = qemu_chr_opt_get(opts, "port");
    const char *fd = qemu_chr_opt_get(opts, "fd");
    bool server, wait, delay, nodelay;

    if (!qemu_chr_opts_check(opts, known, errp) ||
        !qemu_chr_opt_get_bool(opts, "server", false, &server, errp) ||
        !qemu_chr_opt_get_bool(opts, "wait", true, &wait, errp) ||
        !qemu_chr_opt_get_bool(opts, "delay", true, &delay, errp) ||
        !qemu_chr_opt_get_bool(opts, "nodelay", false, &nodelay, errp)) {
        return false;
    }
    if (!server && qemu_chr_opt_get(opts, "wait")) {
        error_setg(errp, "'wait' option is incompatible with socket in "
                         "client connect mode");
        return false;
    }
    if (!!path + !!(host || port) + !!fd > 1) {
        error_setg(errp,
                   "None or one of 'path', 'fd' or 'host' option required.");
        return false;
    }
    s->is_server = server;
    s->nodelay = nodelay || !delay;
    if (fd) {
        if (!socket_adopt_fd(s, fd, server, errp)) {
            return false;
        }
        if (server && wait) {
            return socket_wait_first_client(s, errp);
        }
        if (server) {
            socket_start_accept(s);
        }
        return true;
    }
    if (!path && !host && !port) {
        error_setg(errp, "chardev: socket: 'path' or 'host' required");
        return false;
    }
    if (!path && (!port || !*port)) {
        error_setg(errp, "chardev: socket: no port given");
        return false;
    }
    if (!path && (!host || !*host)) {
        host = server ? "0.0.0.0" : "localhost";
    }
    s->is_server = server;
    s->is_unix = path != NULL;
    s->nodelay = nodelay || !delay;
    s->path = g_strdup(path);

    if (!server) {
        return s->is_unix ? socket_connect_unix(s, errp)
                          : socket_connect_tcp(s, host, port, errp);
    }
    if (!(s->is_unix ? socket_listen_unix(s, errp)
                     : socket_listen_tcp(s, host, port, errp))) {
        return false;
    }
    fcntl(s->listen_fd, F_SETFL, fcntl(s->listen_fd, F_GETFL) | O_NONBLOCK);
    socket_update_filename(s);
    if (wait) {
        return socket_wait_first_client(s, errp);
    }
    socket_start_accept(s);
    return true;
}

static int socket_chr_write(Chardev *chr, const uint8_t *buf, int len)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);
    ssize_t n;

    if (s->fd < 0) {
        return len; /* no client: drop */
    }
    do {
        n = send(s->fd, buf, len, MSG_NOSIGNAL);
    } while (n < 0 && errno == EINTR);
    if (n >= 0) {
        return n;
    }
    if (errno == EAGAIN) {
        return -EAGAIN;
    }
    /* The peer is gone: drop, and close outside the frontend's call. */
    if (!s->hup_tag) {
        s->hup_tag = g_idle_add(socket_hup_cb, s);
    }
    return len;
}

static void socket_chr_close(Chardev *chr)
{
    SocketChardev *s = SOCKET_CHARDEV(chr);

    qemu_chr_remove_read_watch(chr);
    if (s->hup_tag) {
        g_source_remove(s->hup_tag);
        s->hup_tag = 0;
    }
    if (s->accept_tag) {
        g_source_remove(s->accept_tag);
        s->accept_tag = 0;
    }
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
    if (s->listen_fd >= 0) {
        close(s->listen_fd);
        s->listen_fd = -1;
        if (s->is_unix && s->path) {
            unlink(s->path);
        }
    }
    g_free(s->path);
    s->path = NULL;
    g_free(s->addr_desc);
    s->addr_desc = NULL;
}

static int socket_chr_out_fd(Chardev *chr)
{
    return SOCKET_CHARDEV(chr)->fd;
}

static void socket_chr_class_init(ObjectClass *klass, void *data)
{
    ChardevClass *cc = OBJECT_CLASS_CHECK(ChardevClass, klass, TYPE_CHARDEV);

    cc->backend_name = "socket";
    cc->open = socket_chr_open;
    cc->chr_write = socket_chr_write;
    cc->chr_out_fd = socket_chr_out_fd;
    cc->chr_close = socket_chr_close;
}

static const TypeInfo socket_chr_info = {
    .name = TYPE_CHARDEV_SOCKET,
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(SocketChardev),
    .instance_init = socket_chr_init,
    .class_init = socket_chr_class_init,
};

static void socket_chr_register_types(void)
{
    type_register_static(&socket_chr_info);
}

type_init(socket_chr_register_types)
