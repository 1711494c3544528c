/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * hosts: turn the -H values of a plugin into the addresses to check.
 *
 * An address literal is taken as it is (an IPv4-mapped IPv6 address as
 * IPv4); a host name is looked up, A and AAAA at once in one batch, so a
 * dual-stack host is checked on both families (-4/-6 restrict it). What
 * goes wrong with a value is recorded as a result of its own: a literal of
 * the wrong family or a value that is neither an address nor a name
 * (UNKNOWN), a name that does not exist or has no address (CRITICAL), a
 * lookup that could not tell (the -t state).
 */
#ifndef RDNS_HOSTS_H
#define RDNS_HOSTS_H

#include <stddef.h>

#include "output.h"
#include "rdns.h"

struct dns_answer;
struct dns_resolver;
struct opts_common;
struct output;

#define HOSTS_MAX 256 /* addresses of one run */

struct hosts {
	struct rdns_addr addr[HOSTS_MAX]; /* each address once */
	size_t n;
	double dns_time; /* seconds spent looking names up */
};

/*
 * Fill h from c->hosts, within max addresses (at most HOSTS_MAX), looking
 * names up through r before deadline; problems go to out as results.
 */
void hosts_collect(struct hosts *h, size_t max, const struct opts_common *c,
    const struct dns_resolver *r, double deadline, struct output *out);

/*
 * Judge the A and AAAA answers of one name (either may be NULL, not both)
 * that gave found usable addresses: STATE_OK and "" when that is all, or
 * the state and text of what is wrong: "could not tell the addresses of
 * NAME: WHY" (timeout_state; even with some addresses, as the others may
 * be the bad ones), "NAME does not exist (NXDOMAIN)" or "NAME has no A
 * record" (CRITICAL). family is the -4/-6 restriction (AF_UNSPEC: both).
 */
enum state hosts_judge(const struct dns_answer *a4, const struct dns_answer *a6,
    size_t found, int family, enum state timeout_state, char *text, size_t len);

#endif /* RDNS_HOSTS_H */
