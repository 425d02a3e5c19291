/*
 * The net layer's links and queues: delivery, order, the bound on what
 * waits for a receiver that cannot take frames, link down, a receiver
 * that sends from inside its receive callback, and the MAC parser.
 */
#include "qemu/osdep.h"
#include "net/net.h"

typedef struct Sink {
    bool open;                /* can_receive */
    GArray *got;              /* first byte of each frame received */
    NetClientState *reply_to; /* answer each frame at once, from inside */
} Sink;

static bool sink_can_receive(NetClientState *nc)
{
    return ((Sink *)nc->opaque)->open;
}

static bool sink_receive(NetClientState *nc, const uint8_t *buf, size_t len)
{
    Sink *s = nc->opaque;
    uint8_t answer = buf[0] + 100;

    g_array_append_val(s->got, buf[0]);
    if (s->reply_to) {
        qemu_send_packet(nc, &answer, 1);
    }
    return true;
}

static const NetClientInfo sink_info = {
    .type = "nic",
    .can_receive = sink_can_receive,
    .receive = sink_receive,
};

static const NetClientInfo backend_info = {
    .type = "test",
    .can_receive = sink_can_receive,
    .receive = sink_receive,
};

typedef struct Pair {
    Sink nic_sink, backend_sink;
    NetClientState *backend, *nic;
} Pair;

static void pair_init(Pair *p)
{
    memset(p, 0, sizeof(*p));
    p->nic_sink.got = g_array_new(FALSE, FALSE, 1);
    p->backend_sink.got = g_array_new(FALSE, FALSE, 1);
    p->nic_sink.open = p->backend_sink.open = true;
    p->backend =
        qemu_new_net_client(&backend_info, NULL, "b0", &p->backend_sink);
    p->nic = qemu_new_net_client(&sink_info, p->backend, "nic0", &p->nic_sink);
}

static void pair_free(Pair *p)
{
    qemu_del_net_client(p->nic);
    net_cleanup();
    g_assert_null(qemu_find_netdev("b0"));
    g_array_free(p->nic_sink.got, TRUE);
    g_array_free(p->backend_sink.got, TRUE);
}

static void send_byte(NetClientState *from, uint8_t b)
{
    qemu_send_packet(from, &b, 1);
}

static void test_deliver(void)
{
    Pair p;

    pair_init(&p);
    g_assert_true(qemu_find_netdev("b0") == p.backend);
    g_assert_null(qemu_find_netdev("nic0")); /* a NIC is no netdev */
    send_byte(p.backend, 7);
    send_byte(p.nic, 9);
    g_assert_cmpuint(p.nic_sink.got->len, ==, 1);
    g_assert_cmpuint(p.nic_sink.got->data[0], ==, 7);
    g_assert_cmpuint(p.backend_sink.got->len, ==, 1);
    g_assert_cmpuint(p.backend_sink.got->data[0], ==, 9);
    pair_free(&p);
}

/* A closed receiver: frames wait, in order, up to the bound. */
static void test_queue_bound(void)
{
    Pair p;

    pair_init(&p);
    p.nic_sink.open = false;
    for (unsigned i = 0; i < NET_QUEUE_MAX_PACKETS + 100; i++) {
        send_byte(p.backend, i);
    }
    g_assert_cmpuint(p.nic_sink.got->len, ==, 0);
    g_assert_cmpuint(p.nic->incoming.length, ==, NET_QUEUE_MAX_PACKETS);
    g_assert_cmpuint(p.nic->dropped, ==, 100);
    p.nic_sink.open = true;
    qemu_flush_queued_packets(p.nic);
    g_assert_cmpuint(p.nic_sink.got->len, ==, NET_QUEUE_MAX_PACKETS);
    for (unsigned i = 0; i < NET_QUEUE_MAX_PACKETS; i++) {
        g_assert_cmpuint((uint8_t)p.nic_sink.got->data[i], ==, (uint8_t)i);
    }
    g_assert_cmpuint(p.nic->incoming_bytes, ==, 0);
    pair_free(&p);
}

static void test_link_down(void)
{
    Pair p;
    GError *err = NULL;

    pair_init(&p);
    g_assert_true(net_set_link("b0", false, &err));
    g_assert_true(p.nic->link_down && p.backend->link_down);
    send_byte(p.backend, 1);
    send_byte(p.nic, 2);
    g_assert_cmpuint(p.nic_sink.got->len + p.backend_sink.got->len, ==, 0);
    g_assert_true(net_set_link("nic0", true, &err));
    send_byte(p.backend, 3);
    g_assert_cmpuint(p.nic_sink.got->len, ==, 1);
    g_assert_false(net_set_link("nope", true, &err));
    g_assert_nonnull(err);
    g_error_free(err);
    pair_free(&p);
}

/*
 * The backend answers inside its receive callback (as slirp does): the
 * answer reaches the NIC, which is itself still sending.
 */
static void test_reentrant(void)
{
    Pair p;

    pair_init(&p);
    p.backend_sink.reply_to = p.nic;
    p.nic_sink.reply_to = NULL;
    send_byte(p.nic, 5);
    g_assert_cmpuint(p.backend_sink.got->len, ==, 1);
    g_assert_cmpuint(p.nic_sink.got->len, ==, 1);
    g_assert_cmpuint(p.nic_sink.got->data[0], ==, 105);
    pair_free(&p);
}

static void test_macaddr(void)
{
    uint8_t mac[ETH_ALEN];

    g_assert_true(net_parse_macaddr("52:54:00:ab:CD:0f", mac));
    g_assert_cmpmem(mac, 6, "\x52\x54\x00\xab\xcd\x0f", 6);
    g_assert_false(net_parse_macaddr("52:54:00:ab:cd", mac));
    g_assert_false(net_parse_macaddr("52:54:00:ab:cd:0f:", mac));
    g_assert_false(net_parse_macaddr("152:54:00:ab:cd:0f", mac));
    g_assert_false(net_parse_macaddr("52-54-00-ab-cd-0f", mac));
    g_assert_false(net_parse_macaddr("", mac));
    g_assert_false(net_parse_macaddr("52:54:00:ab:cd:+f", mac));
}

static void test_info(void)
{
    Pair p;
    g_autoptr(GString) out = g_string_new("");

    pair_init(&p);
    p.nic->info_str = g_strdup("model=x");
    net_info(out);
    g_assert_cmpstr(out->str, ==,
                    "nic0: index=0,type=nic,model=x\n"
                    " \\ b0: index=0,type=test,\n");
    pair_free(&p);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/net/deliver", test_deliver);
    g_test_add_func("/net/queue-bound", test_queue_bound);
    g_test_add_func("/net/link-down", test_link_down);
    g_test_add_func("/net/reentrant", test_reentrant);
    g_test_add_func("/net/macaddr", test_macaddr);
    g_test_add_func("/net/info", test_info);
    return g_test_run();
}
