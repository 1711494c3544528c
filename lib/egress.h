/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * egress: which of this host's addresses a connection to a destination
 * would leave from, as the kernel's routing picks it: what a receiver on
 * that path sees, and so whose PTR it looks up.
 */
#ifndef RDNS_EGRESS_H
#define RDNS_EGRESS_H

#include <stddef.h>

#include "rdns.h"

/*
 * A global IPv6 address to ask the routing table about: a.root-servers.net
 * (RFC 7720 keeps root server addresses stable). Nothing is ever sent to it.
 */
#define EGRESS_IPV6_INTERNET "2001:503:ba3e::2:30"

/*
 * The source address for dest: a UDP socket connected to dest (no datagram
 * is sent, connect() only routes) and getsockname().
 *
 * Returns 0, or -1 with err saying why (no route: "network is
 * unreachable").
 */
int egress_source(const struct rdns_addr *dest, struct rdns_addr *src,
    char *err, size_t errlen);

#endif /* RDNS_EGRESS_H */
