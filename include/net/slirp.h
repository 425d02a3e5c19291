/*
 * The user-mode network backend (-netdev user) on libslirp: a private
 * 10.0.2.0/24 network with a gateway, DHCP and DNS, whose connections
 * become the host's sockets; hostfwd= forwards host ports to the guest.
 */
#ifndef NET_SLIRP_H
#define NET_SLIRP_H

#include "qemu/option.h"
#include "net/net.h"

/* The options -netdev user takes besides type and id. */
extern const QemuOptDesc net_slirp_opts[];

NetClientState *net_init_slirp(GPtrArray *opts, const char *id, GError **errp);

#endif
