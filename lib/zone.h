/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * zone: the reverse zone that holds a PTR, its SOA contact and its NS: the
 * party that must change the PTR. One path for every plugin, so that -v
 * says the same thing everywhere.
 *
 * zone_lookup asks the SOA of each PTR owner name (the reverse name, or
 * the target of an RFC 2317 CNAME), all at once, then the NS of each zone
 * found, all at once. The lines are worded here.
 */
#ifndef RDNS_ZONE_H
#define RDNS_ZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "output.h"
#include "rdns.h"

struct zone_info {
	bool found; /* an SOA was found */
	char zone[RDNS_NAME_TEXT_MAX];
	char mname[RDNS_NAME_TEXT_MAX];
	char rname[RDNS_NAME_TEXT_MAX];
	uint32_t serial;
	char ns[OUTPUT_SUMMARY_MAX]; /* "ns1., ns2." or "" when unknown */
	char error[DNS_ERROR_MAX];   /* why the zone is unknown */
};

/*
 * Find the zone of each of the n owner names (presentation form) through r
 * before deadline into out[0..n-1]. *dns_time (may be NULL) grows by the
 * seconds spent. Returns 0, or -1 when memory ran out (out then says so).
 */
int zone_lookup(const struct dns_resolver *r, const char *const *owners,
    size_t n, double deadline, struct zone_info *out, double *dns_time);

/*
 * The -v line of an address: "ADDR: PTR lives in zone Z (SOA M R serial N,
 * NS LIST): changed by whoever holds that zone", or "ADDR: could not find
 * the reverse zone of OWNER (WHY)".
 */
void zone_line(const char *addr, const char *owner, const struct zone_info *z,
    char *buf, size_t len);

/*
 * The -v line of a PTR reached through a CNAME: "ADDR: REV is a CNAME to
 * TARGET (RFC 2317 classless delegation)".
 */
void zone_cname_line(const char *addr, const char *rev, const char *target,
    char *buf, size_t len);

#endif /* RDNS_ZONE_H */
