/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * auth: the authoritative view of a name. A resolver gives one answer;
 * receivers ask whichever authoritative server their resolver picks. So
 * for a name (the PTR owner of an address, after an RFC 2317 CNAME, or a
 * PTR target's A/AAAA) find its zone (the SOA in the answer or authority
 * section, RFC 2308 3), the zone's NS set, each NS name's A and AAAA, and
 * ask every one of those addresses directly, without recursion (RD clear),
 * for the data and the zone's SOA serial, all at once, within the deadline.
 *
 * auth_lookup does that I/O over lib/dns; auth_judge is the pure judge:
 * the servers agree (OK), disagree on the data or the serial (a change
 * half-propagated, a secondary that stopped transferring), or a server is
 * lame (REFUSED, SERVFAIL, no AA, no answer): RFC 1912 2.8, RFC 8499.
 *
 * Not done: DNSSEC, following a CNAME at the authoritative servers (the
 * owner asked is the one the resolver's CNAME chain ended at), more than
 * AUTH_MAX_SERVERS addresses per zone (the rest are counted, not asked).
 */
#ifndef RDNS_AUTH_H
#define RDNS_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns.h"
#include "output.h"
#include "rdns.h"
#include "verdict.h"

#define AUTH_MAX_SERVERS DNS_MAX_SERVERS /* addresses asked per zone */
#define AUTH_DATA_MAX 256                /* an answer set as text: "a., b." */
/* Seconds a server is waited for at most (within the deadline): a
   resolver moves on after far less, so a server this slow is lame. */
#define AUTH_WAIT 2.0

/* What is asked of each server. */
enum auth_kind {
	AUTH_PTR,  /* the PTR of the name */
	AUTH_ADDR, /* the A and the AAAA of the name */
};

/* One authoritative server address and what it said. */
struct auth_server {
	char ns[RDNS_NAME_TEXT_MAX];   /* the NS name */
	char addr[RDNS_ADDR_TEXT_MAX]; /* the address asked */
	enum dns_status status;        /* the worst of its data answers */
	bool aa;                       /* every data answer had AA set */
	bool unreachable;              /* no route from here (family) */
	bool have_serial;              /* the zone's SOA came back */
	uint32_t serial;
	char data[AUTH_DATA_MAX];  /* sorted answer set, or "" */
	char error[DNS_ERROR_MAX]; /* why, when status is not an answer */
	double elapsed;            /* seconds of its slowest answer */
};

/* The view of one name. The caller sets kind and name; auth_lookup the
 * rest. */
struct auth_view {
	enum auth_kind kind;
	char name[RDNS_NAME_TEXT_MAX]; /* presentation form */
	bool zone_found;
	char zone[RDNS_NAME_TEXT_MAX];
	size_t nns;     /* NS names of the zone */
	size_t skipped; /* addresses beyond AUTH_MAX_SERVERS, NS without one */
	struct auth_server srv[AUTH_MAX_SERVERS];
	size_t nsrv;
	char error[DNS_ERROR_MAX]; /* why the zone or its servers are unknown */
};

/*
 * Fill the n views (kind and name set by the caller): the zone, NS names
 * and their addresses through the recursive resolver rec, then every
 * server address directly on port (53 unless a lab says otherwise), over
 * UDP with TCP on truncation, before deadline (clock_now() seconds) and
 * for at most AUTH_WAIT seconds (a silent server is lame, not a reason to
 * use up -t).
 * *dns_time (may be NULL) grows by the seconds spent. Returns 0, or -1 when
 * memory ran out (the views then say so in error).
 */
int auth_lookup(const struct dns_resolver *rec, unsigned port,
    struct auth_view *v, size_t n, double deadline, double *dns_time);

/* What the plugin chose. */
struct auth_policy {
	enum state lame_state;     /* a lame server (default WARNING) */
	enum state disagree_state; /* servers disagree (default WARNING) */
	enum state timeout_state;  /* the view could not be taken (-t) */
};

/* Defaults: lame and disagreeing servers WARNING (receivers mostly still
 * get an answer), a view not taken in time UNKNOWN. */
void auth_policy_init(struct auth_policy *p);

/* Counts of a view, for perfdata. */
struct auth_facts {
	size_t servers;  /* addresses asked */
	size_t lame;     /* of them lame */
	size_t outdated; /* answering with other data or an older serial */
};

#define AUTH_VERDICTS_MAX (2 + AUTH_MAX_SERVERS)

/*
 * Judge view v of subject (the address or name the line starts with; in
 * presentation form or sanitised) into out[0..], at most max verdicts;
 * returns how many:
 *
 *   -t state   the zone, its NS or their addresses could not be found
 *   disagree   servers answer differently, or with different serials:
 *              "NS (ADDR) still serves the old PTR X, serial A vs B on NS2
 *              (Y): the change is half-propagated"
 *   lame       a server REFUSED, SERVFAILed, did not answer or answered
 *              without AA: "NS (ADDR, WHY) is lame for ZONE: ..."
 *   OK         "the N authoritative servers of ZONE (M addresses) agree:
 *              DATA, serial S"
 *
 * followed by one -v detail per server ("NS (ADDR): DATA, serial S, AA,
 * T ms").
 */
size_t auth_judge(const struct auth_view *v, const char *subject,
    const struct auth_policy *p, struct verdict *out, size_t max);

/*
 * The resolver's answer a for the same name against view v: when every
 * answering authoritative server agrees on other data than a (the change
 * is made at the source, the resolver still has the old answer cached),
 * out is set (STATE_OK, a finding of time, not of fault): "SUBJECT: fixed
 * at the source (PTR NEW, serial S); the resolver (SERVER) still has OLD
 * cached: receivers may see the old answer for up to N s more" (N: the
 * TTL left on a, or its negative TTL, RFC 2308 5). Returns true when set.
 */
bool auth_judge_cache(const struct auth_view *v, const char *subject,
    const struct dns_answer *a, struct verdict *out);

/* Fill f from v. */
void auth_judge_facts(const struct auth_view *v, struct auth_facts *f);

#endif /* RDNS_AUTH_H */
