/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * fcrdns.h - the forward-confirmed reverse DNS walk (FCrDNS).
 *
 * For each address: ask its PTR (phase 1, every address at once), then
 * ask A (IPv4) or AAAA (IPv6) of every PTR name (phase 2, every name at
 * once, each name asked once per family), and judge whether a PTR name
 * resolves back to the address. This is what receivers enforce (Postfix
 * reject_unknown_client_hostname, Gmail 550 5.7.25).
 *
 * The lookups go through an injected function, so that the walk can be
 * tested without a network; fcrdns_lookup_dns() is the real one over
 * lib/dns (which follows CNAME chains, bounded and loop-safe). The walk
 * itself has exactly two rounds of queries: it cannot loop.
 *
 * Nothing here prints or exits.
 */
#ifndef RDNS_FCRDNS_H
#define RDNS_FCRDNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "rdns.h"

/* PTR names per address that are followed; more are counted, not asked. */
#define FCRDNS_MAX_NAMES 16
/* Forward addresses kept per name for the message ("-> 192.0.2.7"). */
#define FCRDNS_MAX_KEEP 4
#define FCRDNS_SLICE 1024 /* forward queries per lookup call */

/* One question for the lookup. */
struct fcrdns_query {
	const char *qname; /* presentation form, trailing dot */
	uint16_t qtype;    /* DNS_T_PTR, DNS_T_A or DNS_T_AAAA */
};

/*
 * The injected lookup: run the n queries of q at once and point ans[i] at
 * the answer of q[i]. The answers stay owned by the lookup and valid until
 * its next call with the same ctx (or until the ctx is released); the walk
 * copies what it keeps. Every ans[i] must be set, never NULL, and must
 * hold a status; a query that cannot be made must come back with a "could
 * not tell" status (DNS_ERROR and a reason in error), never NXDOMAIN.
 *
 * ctx:      the caller's context, passed through.
 * deadline: absolute clock_now() seconds; queries left then are timeouts.
 *
 * Returns 0, or -1 on an internal failure (the answers must still each
 * hold a status).
 */
typedef int (*fcrdns_lookup_fn)(void *ctx, const struct fcrdns_query *q,
    size_t n, double deadline, const struct dns_answer **ans);

/* How one PTR name fared in phase 2. */
enum fcrdns_name_result {
	FCRDNS_NAME_CONFIRMS,   /* resolves to the address */
	FCRDNS_NAME_NXDOMAIN,   /* the name does not exist */
	FCRDNS_NAME_NO_ADDRESS, /* exists, no A (AAAA) record */
	FCRDNS_NAME_OTHER,      /* resolves, but to other addresses only */
	FCRDNS_NAME_INVALID,    /* not a usable host name: not asked */
	FCRDNS_NAME_UNSURE,     /* SERVFAIL, REFUSED, timeout, error */
	FCRDNS_NAME_NOT_ASKED,  /* beyond FCRDNS_MAX_NAMES */
};

struct fcrdns_name {
	char *name; /* the PTR name as received (escaped
	               presentation form); owned */
	enum fcrdns_name_result result;
	enum rdns_name_check check; /* why it is FCRDNS_NAME_INVALID */
	enum dns_status status;     /* of the forward query */
	char *cname;                /* the final name when the forward query
	                               went through CNAMEs, else NULL; owned */
	struct rdns_addr addr[FCRDNS_MAX_KEEP]; /* what it resolved to */
	size_t naddr;                           /* kept in addr */
	size_t naddr_total;                     /* in the answer */
	char *error;    /* why it could not tell, or NULL; owned */
	double elapsed; /* seconds of the forward query */
};

/* The verdict for one address. */
enum fcrdns_verdict {
	FCRDNS_CONFIRMED,     /* every PTR name resolves back */
	FCRDNS_PARTIAL,       /* several PTR names, some confirm */
	FCRDNS_NOT_CONFIRMED, /* definitely not: no PTR, or no PTR name
	                         resolves back */
	FCRDNS_UNSURE,        /* could not tell */
};

struct fcrdns_result {
	struct rdns_addr addr;
	enum fcrdns_verdict verdict;
	enum dns_status ptr_status; /* of the PTR query */
	char *ptr_error;    /* why the PTR query could not tell; owned */
	char *ptr_cname;    /* the PTR owner after CNAMEs (RFC 2317),
	                       NULL when there was none; owned */
	char *zone;         /* the reverse zone (SOA owner), or NULL; owned */
	char *zone_contact; /* the SOA RNAME, or NULL; owned */
	double ptr_elapsed; /* seconds of the PTR query */
	bool
	    ptr_ad; /* its answer had AD (asked with DO: dns_resolver.dnssec) */
	struct fcrdns_name *names; /* nnames entries; owned */
	size_t nnames;
	size_t nconfirm; /* names that confirm */
};

/*
 * Run the walk for n addresses.
 *
 * addrs:    in; n addresses (AF_INET or AF_INET6), duplicates allowed.
 * lookup:   the lookup function; called once for the PTRs (phase 1) and,
 *           when there is a PTR name to ask, once per FCRDNS_SLICE
 *           distinct forward queries (phase 2).
 * ctx:      passed to lookup.
 * deadline: absolute, passed to lookup.
 * out:      out; n results, out[i] for addrs[i], each always written
 *           (release them with fcrdns_result_release even on failure).
 *
 * Verdicts: the PTR query could not tell: UNSURE. No PTR (NXDOMAIN, no
 * data): NOT_CONFIRMED. Else, all asked names confirm: CONFIRMED; some
 * confirm: PARTIAL; none confirms and one could not tell: UNSURE; none:
 * NOT_CONFIRMED. A name that is not a valid host name (rdns_name_check) is
 * not asked and never confirms (Postfix treats such a client as unknown).
 *
 * Returns 0, or -1 when memory ran out or a lookup failed internally; the
 * results then say "could not tell" where nothing is known.
 */
int fcrdns_walk(const struct rdns_addr *addrs, size_t n,
    fcrdns_lookup_fn lookup, void *ctx, double deadline,
    struct fcrdns_result *out);

/* Free what a result owns; the struct may be reused. NULL is fine. */
void fcrdns_result_release(struct fcrdns_result *r);

/*
 * Alignment for a host name given by the operator: does a confirming PTR
 * name of r equal host (rdns_name_equal)? Returns true when one does.
 */
bool fcrdns_aligned(const struct fcrdns_result *r, const char *host);

/* "confirmed", "partly confirmed", "not confirmed", "could not tell". */
const char *fcrdns_verdict_str(enum fcrdns_verdict v);

/* The context of fcrdns_lookup_dns(). */
struct fcrdns_dns {
	const struct dns_resolver *res; /* not owned */
	struct dns_batch *batch;        /* of the last call; owned */
	struct dns_answer refused;      /* for a name the batch refused */
};

/* Set d up over r (r must outlive d). */
void fcrdns_dns_init(struct fcrdns_dns *d, const struct dns_resolver *r);
/* Free the last batch; the answers it gave are gone. NULL is fine. */
void fcrdns_dns_release(struct fcrdns_dns *d);

/*
 * The lookup over lib/dns: ctx is a struct fcrdns_dns. All n queries go
 * into one batch (lib/dns bounds the queries in flight); the batch lives
 * until the next call or fcrdns_dns_release(). A name the batch refuses
 * gets DNS_ERROR "not a valid DNS name".
 */
int fcrdns_lookup_dns(void *ctx, const struct fcrdns_query *q, size_t n,
    double deadline, const struct dns_answer **ans);

#endif /* RDNS_FCRDNS_H */
