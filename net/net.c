/*
 * Net clients, their links and their queues (see include/net/net.h), and
 * the monitor's view of them (set_link, info network).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "net/net.h"

typedef struct NetPacket {
    size_t len;
    uint8_t data[];
} NetPacket;

/* Every client, in creation order (`info network` lists them so). */
static GPtrArray *net_clients;
static unsigned nic_mac_next;

NetClientState *qemu_new_net_client(const NetClientInfo *info,
                                    NetClientState *peer, const char *name,
                                    void *opaque)
{
    NetClientState *nc = g_new0(NetClientState, 1);

    nc->info = info;
    nc->name = g_strdup(name);
    nc->opaque = opaque;
    g_queue_init(&nc->incoming);
    if (peer) {
        g_assert(!peer->peer);
        nc->peer = peer;
        peer->peer = nc;
    }
    if (!net_clients) {
        net_clients = g_ptr_array_new();
    }
    g_ptr_array_add(net_clients, nc);
    return nc;
}

void qemu_purge_queued_packets(NetClientState *nc)
{
    g_queue_clear_full(&nc->incoming, g_free);
    nc->incoming_bytes = 0;
}

void qemu_del_net_client(NetClientState *nc)
{
    if (nc->info->cleanup) {
        nc->info->cleanup(nc);
    }
    if (nc->peer) {
        nc->peer->peer = NULL;
    }
    qemu_purge_queued_packets(nc);
    g_ptr_array_remove(net_clients, nc);
    g_free(nc->name);
    g_free(nc->info_str);
    g_free(nc);
}

/*
 * Backends only: a NIC belongs to its device, which may still look at it
 * (a vCPU waiting for the big lock); without its peer it sends nowhere.
 */
void net_cleanup(void)
{
    for (guint i = net_clients ? net_clients->len : 0; i-- > 0;) {
        NetClientState *nc = net_clients->pdata[i];

        if (strcmp(nc->info->type, "nic")) {
            qemu_del_net_client(nc);
        }
    }
}

void net_check_clients(void)
{
    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = net_clients->pdata[i];

        if (!nc->peer && strcmp(nc->info->type, "nic")) {
            warn_report("netdev %s has no peer", nc->name);
        }
    }
}

NetClientState *qemu_find_netdev(const char *id)
{
    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = net_clients->pdata[i];

        if (strcmp(nc->info->type, "nic") && !strcmp(nc->name, id)) {
            return nc;
        }
    }
    return NULL;
}

static bool can_receive(NetClientState *nc)
{
    return !nc->info->can_receive || nc->info->can_receive(nc);
}

static void enqueue(NetClientState *nc, const uint8_t *buf, size_t len)
{
    NetPacket *p;

    if (nc->incoming.length >= NET_QUEUE_MAX_PACKETS ||
        nc->incoming_bytes + len > NET_QUEUE_MAX_BYTES) {
        nc->dropped++;
        return;
    }
    p = g_malloc(sizeof(*p) + len);
    p->len = len;
    memcpy(p->data, buf, len);
    g_queue_push_tail(&nc->incoming, p);
    nc->incoming_bytes += len;
}

void qemu_flush_queued_packets(NetClientState *nc)
{
    NetPacket *p;

    if (nc->delivering) {
        return; /* the outer call goes on with the queue */
    }
    nc->delivering = true;
    while ((p = g_queue_peek_head(&nc->incoming)) && can_receive(nc)) {
        if (!nc->info->receive(nc, p->data, p->len)) {
            break;
        }
        g_queue_pop_head(&nc->incoming);
        nc->incoming_bytes -= p->len;
        g_free(p);
    }
    nc->delivering = false;
}

void qemu_send_packet(NetClientState *sender, const uint8_t *buf, size_t len)
{
    NetClientState *peer = sender->peer;

    if (!peer || sender->link_down || peer->link_down) {
        return; /* as a cable pulled out: the frame is lost */
    }
    /*
     * Keep the order: a frame goes behind those already waiting, and a
     * receiver that sends from inside its receive callback (slirp
     * answering at once) gets the answer after it returned.
     */
    if (peer->delivering || !g_queue_is_empty(&peer->incoming) ||
        !can_receive(peer)) {
        enqueue(peer, buf, len);
        qemu_flush_queued_packets(peer);
        return;
    }
    peer->delivering = true;
    if (!peer->info->receive(peer, buf, len)) {
        enqueue(peer, buf, len);
    }
    peer->delivering = false;
    qemu_flush_queued_packets(peer);
}

char *qemu_nic_default_name(const char *model)
{
    for (unsigned n = 0;; n++) {
        g_autofree char *name = g_strdup_printf("%s.%u", model, n);
        bool used = false;

        for (guint i = 0; net_clients && i < net_clients->len; i++) {
            used |=
                !strcmp(((NetClientState *)net_clients->pdata[i])->name, name);
        }
        if (!used) {
            return g_steal_pointer(&name);
        }
    }
}

void qemu_nic_default_mac(uint8_t mac[ETH_ALEN])
{
    static const uint8_t base[ETH_ALEN] = {
        0x52, 0x54, 0x00, 0x12, 0x34, 0x56
    };

    memcpy(mac, base, ETH_ALEN);
    mac[5] += nic_mac_next++;
}

bool net_parse_macaddr(const char *str, uint8_t mac[ETH_ALEN])
{
    for (int i = 0; i < ETH_ALEN; i++) {
        char *end;
        unsigned long v;

        if (!g_ascii_isxdigit(str[0])) {
            return false;
        }
        v = strtoul(str, &end, 16);
        if (v > 0xff || end - str > 2 ||
            *end != (i == ETH_ALEN - 1 ? '\0' : ':')) {
            return false;
        }
        mac[i] = v;
        str = end + 1;
    }
    return true;
}

/* Monitor */

static void set_link_one(NetClientState *nc, bool up)
{
    nc->link_down = !up;
    if (nc->info->link_status_changed) {
        nc->info->link_status_changed(nc);
    }
}

bool net_set_link(const char *name, bool up, GError **errp)
{
    bool found = false;

    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = net_clients->pdata[i];

        if (strcmp(nc->name, name)) {
            continue;
        }
        found = true;
        set_link_one(nc, up);
        /* A backend's link is its NIC's too, as a cable has two ends. */
        if (nc->peer) {
            set_link_one(nc->peer, up);
        }
    }
    if (!found) {
        error_set_class(errp, QEMU_ERROR_DEVICE_NOT_FOUND,
                        "Device '%s' not found", name);
    }
    return found;
}

static void info_line(GString *out, NetClientState *nc, const char *prefix)
{
    g_string_append_printf(out, "%s%s: index=0,type=%s,%s\n", prefix, nc->name,
                           nc->info->type, nc->info_str ? nc->info_str : "");
}

/* As QEMU: each NIC, its backend below it after " \\ "; then lone ones. */
void net_info(GString *out)
{
    for (guint i = 0; net_clients && i < net_clients->len; i++) {
        NetClientState *nc = net_clients->pdata[i];

        if (!strcmp(nc->info->type, "nic")) {
            info_line(out, nc, "");
            if (nc->peer) {
                info_line(out, nc->peer, " \\ ");
            }
        } else if (!nc->peer) {
            info_line(out, nc, "");
        }
    }
}
