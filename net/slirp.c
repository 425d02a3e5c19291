/*
 * -netdev user: libslirp behind a net client. Frames from the NIC go to
 * slirp_input(); slirp's frames come back through send_packet. Slirp's
 * sockets are polled by a main loop poll hook (its fill asks slirp which
 * fds and events it wants, its dispatch lets slirp handle them and run
 * its TCP timers); slirp's own timers are QEMU_CLOCK_VIRTUAL timers, as
 * QEMU's, so they stand still with the VM.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/main-loop.h"
#include "qemu/timer.h"
#include "qapi/error.h"
#include "net/slirp.h"
#include <slirp/libslirp.h>

typedef struct SlirpState {
    NetClientState *nc;
    Slirp *slirp;
    bool polled; /* its poll hook is in the main loop */
} SlirpState;

typedef struct SlirpTimer {
    QEMUTimer timer;
    SlirpState *s;
    SlirpTimerId id;
    void *cb_opaque;
} SlirpTimer;

const QemuOptDesc net_slirp_opts[] = {
    { "net", QEMU_OPT_STRING },      { "host", QEMU_OPT_STRING },
    { "dns", QEMU_OPT_STRING },      { "dhcpstart", QEMU_OPT_STRING },
    { "hostname", QEMU_OPT_STRING }, { "restrict", QEMU_OPT_BOOL },
    { "ipv4", QEMU_OPT_BOOL },       { "ipv6", QEMU_OPT_BOOL },
    { "hostfwd", QEMU_OPT_STRING },  { NULL },
};

/* Slirp's callbacks */

static ssize_t slirp_cb_send_packet(const void *buf, size_t len, void *opaque)
{
    SlirpState *s = opaque;

    qemu_send_packet(s->nc, buf, len);
    return len;
}

static void slirp_cb_guest_error(const char *msg, void *opaque)
{
    qemu_log_mask(LOG_GUEST_ERROR, "slirp: %s\n", msg);
}

static int64_t slirp_cb_clock_get_ns(void *opaque)
{
    return qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
}

static void slirp_timer_fire(void *opaque)
{
    SlirpTimer *t = opaque;

    slirp_handle_timer(t->s->slirp, t->id, t->cb_opaque);
}

static void *slirp_cb_timer_new_opaque(SlirpTimerId id, void *cb_opaque,
                                       void *opaque)
{
    SlirpTimer *t = g_new0(SlirpTimer, 1);

    t->s = opaque;
    t->id = id;
    t->cb_opaque = cb_opaque;
    timer_init_ns(&t->timer, QEMU_CLOCK_VIRTUAL, slirp_timer_fire, t);
    return t;
}

static void slirp_cb_timer_free(void *timer, void *opaque)
{
    SlirpTimer *t = timer;

    timer_del(&t->timer);
    g_free(t);
}

static void slirp_cb_timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
    SlirpTimer *t = timer;

    timer_mod(&t->timer, expire_ms > INT64_MAX / 1000000 ? QEMU_TIMER_NEVER
                                                         : expire_ms * 1000000);
}

static void slirp_cb_register_poll_fd(int fd, void *opaque)
{
}

static void slirp_cb_unregister_poll_fd(int fd, void *opaque)
{
}

static void slirp_cb_notify(void *opaque)
{
    qemu_notify_event();
}

static void slirp_cb_init_completed(Slirp *slirp, void *opaque)
{
    ((SlirpState *)opaque)->slirp = slirp;
}

static const SlirpCb slirp_callbacks = {
    .send_packet = slirp_cb_send_packet,
    .guest_error = slirp_cb_guest_error,
    .clock_get_ns = slirp_cb_clock_get_ns,
    .timer_free = slirp_cb_timer_free,
    .timer_mod = slirp_cb_timer_mod,
    .register_poll_fd = slirp_cb_register_poll_fd,
    .unregister_poll_fd = slirp_cb_unregister_poll_fd,
    .notify = slirp_cb_notify,
    .init_completed = slirp_cb_init_completed,
    .timer_new_opaque = slirp_cb_timer_new_opaque,
};

/* The main loop's poll hook */

static const struct {
    int slirp;
    GIOCondition glib;
} poll_events[] = {
    { SLIRP_POLL_IN, G_IO_IN },   { SLIRP_POLL_OUT, G_IO_OUT },
    { SLIRP_POLL_PRI, G_IO_PRI }, { SLIRP_POLL_ERR, G_IO_ERR },
    { SLIRP_POLL_HUP, G_IO_HUP },
};

/* Where slirp's GPollFDs go (fill) or come back (dispatch) this round. */
typedef struct SlirpPollFds {
    GArray *fds;        /* fill: the main loop's array */
    guint first;        /* fill: where slirp's start in it */
    const GPollFD *got; /* dispatch: slirp's, polled */
    guint n;
} SlirpPollFds;

static int slirp_add_poll(int fd, int events, void *opaque)
{
    SlirpPollFds *p = opaque;
    GPollFD pfd = { .fd = fd };

    for (size_t i = 0; i < ARRAY_SIZE(poll_events); i++) {
        if (events & poll_events[i].slirp) {
            pfd.events |= poll_events[i].glib;
        }
    }
    g_array_append_val(p->fds, pfd);
    return p->fds->len - 1 - p->first;
}

static int slirp_get_revents(int idx, void *opaque)
{
    SlirpPollFds *p = opaque;
    int revents = 0;

    if (idx < 0 || (guint)idx >= p->n) {
        return 0;
    }
    for (size_t i = 0; i < ARRAY_SIZE(poll_events); i++) {
        if (p->got[idx].revents & poll_events[i].glib) {
            revents |= poll_events[i].slirp;
        }
    }
    return revents;
}

/* Every iteration: the fds slirp asks for, and its timeout. */
static void slirp_poll_fill(void *opaque, GArray *fds, int *timeout_ms)
{
    SlirpState *s = opaque;
    SlirpPollFds p = { .fds = fds, .first = fds->len };
    uint32_t t = UINT32_MAX;

    slirp_pollfds_fill(s->slirp, &t, slirp_add_poll, &p);
    *timeout_ms = t > INT_MAX ? -1 : (int)t;
}

/* Every iteration, polled or not: slirp runs its TCP timers here too. */
static void slirp_poll_dispatch(void *opaque, const GPollFD *fds, guint n,
                                bool failed)
{
    SlirpState *s = opaque;
    SlirpPollFds p = { .got = fds, .n = n };

    slirp_pollfds_poll(s->slirp, failed, slirp_get_revents, &p);
}

static const MainLoopPollHook slirp_poll_hook = {
    .fill = slirp_poll_fill,
    .dispatch = slirp_poll_dispatch,
};

/* The net client */

static bool net_slirp_receive(NetClientState *nc, const uint8_t *buf,
                              size_t len)
{
    SlirpState *s = nc->opaque;

    if (len <= INT_MAX) {
        slirp_input(s->slirp, buf, len);
    }
    return true;
}

static void net_slirp_cleanup(NetClientState *nc)
{
    SlirpState *s = nc->opaque;

    if (s->polled) {
        main_loop_remove_poll_hook(&slirp_poll_hook, s);
    }
    if (s->slirp) {
        slirp_cleanup(s->slirp);
    }
    g_free(s);
}

static const NetClientInfo net_slirp_info = {
    .type = "user",
    .receive = net_slirp_receive,
    .cleanup = net_slirp_cleanup,
};

/* Options */

/* "10.0.2.0/24" or "10.0.2.0/255.255.255.0" (mask /24 if left out). */
static bool parse_net(const char *str, struct in_addr *net,
                      struct in_addr *mask)
{
    g_auto(GStrv) parts = g_strsplit(str, "/", 2);
    char *end;
    long bits;

    if (!inet_aton(parts[0], net)) {
        return false;
    }
    mask->s_addr = htonl(0xffffff00);
    if (parts[1]) {
        bits = strtol(parts[1], &end, 10);
        if (*end == '\0' && end != parts[1]) {
            if (bits < 0 || bits > 32) {
                return false;
            }
            mask->s_addr = htonl(bits ? 0xffffffffu << (32 - bits) : 0);
        } else if (!inet_aton(parts[1], mask)) {
            return false;
        }
    }
    return (net->s_addr & ~mask->s_addr) == 0;
}

/* An address option inside the network, or net + host_part if absent. */
static bool parse_member(GPtrArray *opts, const char *key, struct in_addr net,
                         struct in_addr mask, uint32_t host_part,
                         const char *what, struct in_addr *out, GError **errp)
{
    const char *v = qemu_opt_get(opts, key);

    if (!v) {
        out->s_addr = net.s_addr | htonl(host_part);
        return true;
    }
    if (!inet_aton(v, out)) {
        error_setg(errp, "Failed to parse %s address", what);
        return false;
    }
    if ((out->s_addr & mask.s_addr) != net.s_addr) {
        error_setg(errp, "%s doesn't belong to network", what);
        return false;
    }
    return true;
}

static bool parse_port(const char *str, int min, int *port)
{
    char *end;
    long v = strtol(str, &end, 10);

    if (!*str || *end || v < min || v > 65535) {
        return false;
    }
    *port = v;
    return true;
}

/* "ADDR:PORT" with ADDR possibly empty (then *addr is left as it is). */
static bool parse_endpoint(const char *str, struct in_addr *addr, int min_port,
                           int *port, bool *bad_addr)
{
    const char *colon = strrchr(str, ':');
    g_autofree char *a = NULL;

    *bad_addr = false;
    if (!colon) {
        return false;
    }
    a = g_strndup(str, colon - str);
    if (*a && !inet_aton(a, addr)) {
        *bad_addr = true;
        return false;
    }
    return parse_port(colon + 1, min_port, port);
}

/* hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT */
static bool add_hostfwd(SlirpState *s, const char *rule,
                        struct in_addr guest_default, GError **errp)
{
    g_auto(GStrv) proto = g_strsplit(rule, ":", 2);
    g_auto(GStrv) ends = NULL;
    struct in_addr host = { .s_addr = INADDR_ANY }, guest = guest_default;
    int host_port, guest_port, udp;
    const char *why = NULL;
    bool bad_addr;

    if (!proto[0] || !proto[1]) {
        why = "No : separators";
    } else if (strcmp(proto[0], "") && strcmp(proto[0], "tcp") &&
               strcmp(proto[0], "udp")) {
        why = "Bad protocol name";
    } else if (!(ends = g_strsplit(proto[1], "-", 2))[1]) {
        why = "No - separators";
    } else if (!parse_endpoint(ends[0], &host, 0, &host_port, &bad_addr)) {
        why = bad_addr ? "Bad host address" : "Bad host port";
    } else if (!parse_endpoint(ends[1], &guest, 1, &guest_port, &bad_addr)) {
        why = bad_addr ? "Bad guest address" : "Bad guest port";
    }
    if (why) {
        error_setg(errp, "Invalid host forwarding rule '%s' (%s)", rule, why);
        return false;
    }
    udp = !strcmp(proto[0], "udp");
    if (slirp_add_hostfwd(s->slirp, udp, host, host_port, guest, guest_port) <
        0) {
        error_setg(errp, "Could not set up host forwarding rule '%s'", rule);
        return false;
    }
    return true;
}

static bool opt_bool(GPtrArray *opts, const char *key, bool def)
{
    const char *v = qemu_opt_get(opts, key);

    return v ? !strcmp(v, "on") : def;
}

/* SlirpConfig from the options (IPv6 as QEMU's defaults: fec0::/64). */
static bool slirp_config(GPtrArray *opts, SlirpConfig *cfg, GError **errp)
{
    const char *net = qemu_opt_get(opts, "net");

    cfg->version = 4;
    cfg->restricted = opt_bool(opts, "restrict", false);
    cfg->in_enabled = opt_bool(opts, "ipv4", true);
    cfg->in6_enabled = opt_bool(opts, "ipv6", true);
    if (!cfg->in_enabled && !cfg->in6_enabled) {
        error_setg(errp, "IPv4 and IPv6 cannot both be disabled");
        return false;
    }
    if (net && !parse_net(net, &cfg->vnetwork, &cfg->vnetmask)) {
        error_setg(errp, "Failed to parse netmask");
        return false;
    }
    if (!net) {
        inet_aton("10.0.2.0", &cfg->vnetwork);
        inet_aton("255.255.255.0", &cfg->vnetmask);
    }
    if (!parse_member(opts, "host", cfg->vnetwork, cfg->vnetmask, 2, "Host",
                      &cfg->vhost, errp) ||
        !parse_member(opts, "dns", cfg->vnetwork, cfg->vnetmask, 3, "DNS",
                      &cfg->vnameserver, errp) ||
        !parse_member(opts, "dhcpstart", cfg->vnetwork, cfg->vnetmask, 15,
                      "DHCP", &cfg->vdhcp_start, errp)) {
        return false;
    }
    inet_pton(AF_INET6, "fec0::", &cfg->vprefix_addr6);
    cfg->vprefix_len = 64;
    inet_pton(AF_INET6, "fec0::2", &cfg->vhost6);
    inet_pton(AF_INET6, "fec0::3", &cfg->vnameserver6);
    cfg->vhostname = qemu_opt_get(opts, "hostname");
    return true;
}

NetClientState *net_init_slirp(GPtrArray *opts, const char *id, GError **errp)
{
    SlirpConfig cfg = { 0 };
    SlirpState *s;
    char net[INET_ADDRSTRLEN];

    if (!slirp_config(opts, &cfg, errp)) {
        return NULL;
    }
    s = g_new0(SlirpState, 1);
    s->nc = qemu_new_net_client(&net_slirp_info, NULL, id, s);
    inet_ntop(AF_INET, &cfg.vnetwork, net, sizeof(net));
    s->nc->info_str = g_strdup_printf("net=%s,restrict=%s", net,
                                      cfg.restricted ? "on" : "off");
    s->slirp = slirp_new(&cfg, &slirp_callbacks, s);
    if (!s->slirp) {
        error_setg(errp, "Failed to start the user network");
        qemu_del_net_client(s->nc);
        return NULL;
    }
    for (guint i = 0; i < opts->len; i++) {
        QemuOpt *o = opts->pdata[i];

        if (!strcmp(o->key, "hostfwd") &&
            !add_hostfwd(s, o->value, cfg.vdhcp_start, errp)) {
            qemu_del_net_client(s->nc);
            return NULL;
        }
    }
    main_loop_add_poll_hook(&slirp_poll_hook, s);
    s->polled = true;
    return s->nc;
}
