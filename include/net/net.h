/*
 * The network backend layer: a NetClientState is one end of a point to
 * point link (a NIC and the backend it is wired to, its peer). A frame
 * sent by one end is delivered to its peer at once if the peer can take it
 * now, or else put on the peer's bounded incoming queue; the peer flushes
 * that queue when it can receive again (a NIC whose driver added buffers).
 * Beyond the bound, frames are dropped: a guest that never gives receive
 * buffers costs a fixed amount of memory.
 */
#ifndef NET_NET_H
#define NET_NET_H

#include "qemu/osdep.h"

#define ETH_ALEN 6

/* At most this many frames (and bytes) wait for a client. */
#define NET_QUEUE_MAX_PACKETS 1024
#define NET_QUEUE_MAX_BYTES   (4 * 1024 * 1024)

typedef struct NetClientState NetClientState;

typedef struct NetClientInfo {
    const char *type; /* "nic", "user", as `info network` names it */
    /* Can the client take a frame now? NULL: always. */
    bool (*can_receive)(NetClientState *nc);
    /*
     * Take one frame. Returns false if the client cannot take it after
     * all (it then stays first on the queue until the next flush).
     */
    bool (*receive)(NetClientState *nc, const uint8_t *buf, size_t len);
    /* nc->link_down changed. */
    void (*link_status_changed)(NetClientState *nc);
    /* Called before the client is freed. */
    void (*cleanup)(NetClientState *nc);
} NetClientInfo;

struct NetClientState {
    const NetClientInfo *info;
    char *name;     /* netdev id, or the NIC's name */
    char *info_str; /* the rest of its `info network` line */
    NetClientState *peer;
    bool link_down;
    void *opaque; /* the owner's state */
    /* Frames waiting for this client to receive them. */
    GQueue incoming;
    size_t incoming_bytes;
    uint64_t dropped; /* frames dropped because the queue was full */
    bool delivering;  /* inside info->receive: queue, do not recurse */
};

/* A new client named name, wired to peer (may be NULL). */
NetClientState *qemu_new_net_client(const NetClientInfo *info,
                                    NetClientState *peer, const char *name,
                                    void *opaque);
/* Unwire and free nc (its peer stays, unwired). */
void qemu_del_net_client(NetClientState *nc);
/* The backend (not NIC) client called id, or NULL. */
NetClientState *qemu_find_netdev(const char *id);
/* Send a frame from sender to its peer (dropped if either link is down). */
void qemu_send_packet(NetClientState *sender, const uint8_t *buf, size_t len);
/* Deliver what waits on nc's queue while nc can receive. */
void qemu_flush_queued_packets(NetClientState *nc);
/* Drop what waits on nc's queue (a NIC's reset). */
void qemu_purge_queued_packets(NetClientState *nc);
/* A free "model.N" name for a NIC without an id. */
char *qemu_nic_default_name(const char *model);
/* The MAC of the next NIC without mac=: 52:54:00:12:34:56, :57, ... */
void qemu_nic_default_mac(uint8_t mac[ETH_ALEN]);
/* Parse "52:54:00:12:34:56". */
bool net_parse_macaddr(const char *str, uint8_t mac[ETH_ALEN]);

/* QMP set_link / HMP set_link: every client called name, and its peer. */
bool net_set_link(const char *name, bool up, GError **errp);
/* HMP `info network`. */
void net_info(GString *out);

/* -netdev TYPE,id=ID,...; "help" lists the types. */
bool netdev_new(const char *optstr, GError **errp);
/*
 * -nic TYPE[,model=M][,mac=][,id=][,backend options]: a backend and the
 * -device string of its NIC (free it), or NULL with *errp set.
 */
char *nic_new(const char *optstr, GError **errp);
/* Print the backend types -netdev takes (-netdev help). */
void netdev_print_help(void);
/* Free every backend (at exit, so sockets close and nothing leaks). */
void net_cleanup(void);

/* Warn about backends no NIC was wired to, as QEMU does at start. */
void net_check_clients(void);

#endif
