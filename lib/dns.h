/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * dns: DNS queries for the plugins, over ldns's wire codec and our own
 * sockets and poll() loop.
 *
 * A resolver is a list of servers (given, or the nameserver lines of
 * /etc/resolv.conf) and a port. A batch holds any number of queries, runs
 * up to max_inflight of them at once over one poll() loop, retransmits
 * over UDP, moves to the next server (on silence, refusal, or any error
 * RCODE: SERVFAIL, REFUSED, FORMERR, NOTIMP), asks a server that failed
 * again after `retry` seconds (DNS_ATTEMPTS failures at most), retries over
 * TCP when an answer is truncated (RFC 1035 4.2.1, RFC 7766; at most 32
 * connections at once, the rest queue, as they do when no descriptor is
 * free), follows CNAME chains (bounded and loop-safe, RFC 1034 3.6.2), and
 * stops at the caller's absolute deadline.
 *
 * Memory is bounded by the plugin, not by the zone: an answer keeps its
 * first DNS_MAX_RECORDS records (counting the rest), each name in a string
 * of its own size, so a query costs at most about 7 KB + 64 x (48 B + the
 * name), and a TCP reply buffer is sized by the reply.
 *
 * This is the only module that includes ldns; no ldns type appears here.
 * It does not validate DNSSEC; with dns_resolver.dnssec it sends EDNS0
 * with DO and reads the AD bit of a validating resolver.
 */
#ifndef RDNS_DNS_H
#define RDNS_DNS_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "rdns.h"

#define DNS_MAX_SERVERS 8      /* -s options, or nameserver lines used */
#define DNS_MAX_RECORDS 64     /* records kept per answer; see nrr_more */
#define DNS_ATTEMPTS 2         /* rounds over the servers after hard failures */
#define DNS_MAX_CNAME 16       /* CNAME hops followed before giving up */
#define DNS_SERVER_TEXT_MAX 64 /* "[2001:db8::53]#65535" */
#define DNS_ERROR_MAX 256

enum dns_type {
	DNS_T_A = 1,
	DNS_T_NS = 2,
	DNS_T_CNAME = 5,
	DNS_T_SOA = 6,
	DNS_T_PTR = 12,
	DNS_T_MX = 15,
	DNS_T_TXT = 16,
	DNS_T_AAAA = 28,
};

/*
 * What a query came to. The first three are answers ("yes" or a definite
 * "no"); the others mean the question could not be answered ("could not
 * tell"), and must never be reported as a missing record.
 */
enum dns_status {
	DNS_OK,       /* records of the type asked for */
	DNS_NXDOMAIN, /* the name does not exist */
	DNS_NODATA,   /* the name exists, no record of that type */
	DNS_SERVFAIL,
	DNS_REFUSED,
	DNS_TIMEOUT, /* no usable answer before the deadline */
	DNS_ERROR,   /* anything else: bad reply, network error, loop */
};

/*
 * One record kept from an answer. data is sized to its text (a zone can
 * serve names of 1,000 escaped characters, but most are short), and owned
 * by the answer: dns_answer_release() frees it with the array.
 */
struct dns_record {
	uint16_t type;
	uint16_t pref; /* MX preference */
	uint32_t ttl;
	struct rdns_addr addr; /* A and AAAA */
	/* A/AAAA: the address; PTR/NS/CNAME/MX: the name, escaped (\DDD);
	 * TXT: the strings joined, raw bytes (network text: sanitise it
	 * before printing), a NUL byte as 0x7f;
	 * always a NUL-terminated string, never NULL in a kept record */
	char *data;
};

struct dns_answer {
	enum dns_status status;
	int rcode; /* RCODE of the last reply, -1 when none */
	uint16_t qtype;
	char qname[RDNS_NAME_TEXT_MAX]; /* the name asked for */
	char name[RDNS_NAME_TEXT_MAX];  /* the final name after CNAMEs */
	unsigned cname_hops;            /* CNAMEs followed */
	struct dns_record *rr; /* owned; nrr records of qtype at name */
	size_t nrr;            /* at most DNS_MAX_RECORDS */
	size_t nrr_more; /* records of qtype at name beyond the cap: counted,
	                    not kept (so a caller can say "and N more") */
	bool have_soa;   /* an SOA came in the answer or authority */
	char zone[RDNS_NAME_TEXT_MAX]; /* the SOA's owner: the zone */
	char soa_mname[RDNS_NAME_TEXT_MAX];
	char soa_rname[RDNS_NAME_TEXT_MAX];
	uint32_t soa_serial;
	uint32_t soa_ttl;     /* the SOA record's TTL (as the server sent) */
	uint32_t soa_minimum; /* its MINIMUM field: with soa_ttl, the
	                         negative TTL (RFC 2308 5) */
	bool aa;              /* authoritative answer */
	bool ad;        /* AD: the resolver validated it (RFC 4035 3.2.3) */
	bool edns;      /* the reply carried an OPT record (RFC 6891) */
	bool tcp;       /* the final reply came over TCP */
	unsigned sends; /* datagrams and TCP queries sent */
	double elapsed; /* seconds from the first send to the end */
	char server[DNS_SERVER_TEXT_MAX]; /* who answered or was tried last */
	char error[DNS_ERROR_MAX];        /* why, for SERVFAIL .. ERROR */
};

struct dns_server {
	struct sockaddr_storage sa;
	socklen_t salen;
	char text[DNS_SERVER_TEXT_MAX]; /* "127.0.0.1#5300" */
};

/*
 * What the batches of one run learnt about a server, so that a later batch
 * (the next phase of a check) does not wait for a silent server again.
 */
struct dns_server_health {
	unsigned answers;  /* replies taken from it */
	unsigned silences; /* retransmission timers that ran out on it */
	unsigned failures; /* hard failures: refused, error RCODEs, I/O */
	unsigned served;   /* answers that were not an error RCODE */
	/* Its error RCODEs are its answer, not a restart: it served others,
	 * or refused again after being held back once. */
	bool rcode_final;
};

struct dns_resolver {
	struct dns_server srv[DNS_MAX_SERVERS];
	size_t nsrv;
	bool tcp;              /* TCP only */
	unsigned max_inflight; /* queries at once, default 256 */
	double retry;          /* seconds before a UDP query is sent again */
	unsigned skipped;      /* resolv.conf nameserver lines not used */
	char skipped_why[DNS_ERROR_MAX]; /* the first of them, and why */
	/*
	 * Written by the batches through a const resolver: health points at
	 * health_store of this very struct (set by dns_resolver_init), so a
	 * resolver must not be copied after init.
	 */
	struct dns_server_health health_store[DNS_MAX_SERVERS];
	struct dns_server_health *health;
	/* Queries go out without RD (RFC 1035 4.1.1): for asking
	 * authoritative servers directly (lib/auth). Default false. */
	bool norecurse;
	/* EDNS0 (RFC 6891) with DO (RFC 3225) on every query, so that a
	 * validating resolver sets AD; and CD, to get the data of a zone
	 * that fails validation (RFC 4035 3.2.2). Default false. */
	bool dnssec;
	bool checking_disabled;
};

/*
 * Set up r from the text addresses in servers (n of them), or, when n is 0,
 * from the "nameserver" lines of resolv_conf (NULL: /etc/resolv.conf). port
 * applies to every server. Lines are read whole, however long; the first
 * DNS_MAX_SERVERS usable servers are taken (as glibc takes MAXNS = 3, we
 * take more: an explicit list of up to 8 is common in test labs). Link-local
 * IPv6 servers with a %scope (fe80::1%eth0) are used with that interface;
 * entries that cannot be used are counted in r->skipped with the reason of
 * the first in r->skipped_why. Returns 0, or -1 with a reason in err.
 */
int dns_resolver_init(struct dns_resolver *r, const char *const *servers,
    size_t n, unsigned port, bool tcp, const char *resolv_conf, char *err,
    size_t errlen);

struct dns_batch;

/* A new empty batch over r (r must outlive it); NULL when out of memory. */
struct dns_batch *dns_batch_new(const struct dns_resolver *r);
/* Free the batch, its queries and their answers; NULL is fine. */
void dns_batch_free(struct dns_batch *b);
/*
 * Empty b for the next round of queries: its queries and their answers
 * are freed; its sockets, ID table and buffers stay, so a check that asks
 * round after round (a /16 in chunks) does not set them up each time. A
 * late reply to a query of an earlier round is a stray (its ID is free,
 * or its question does not match).
 */
void dns_batch_clear(struct dns_batch *b);
/*
 * Queue a query for qname (presentation form, \DDD escapes allowed) and
 * qtype. Returns its index (0, 1, ...), or -1 with errno EINVAL when the
 * name is not valid and ENOMEM when memory ran out.
 */
int dns_batch_add(struct dns_batch *b, const char *qname, uint16_t qtype);
/*
 * dns_batch_add for one server of the resolver only (index into r->srv):
 * no failover, its REFUSED/SERVFAIL/error is the answer, a timeout sends
 * again to it. For asking each authoritative server its own copy.
 * Returns the index, or -1 (bad name or server index, out of memory).
 */
int dns_batch_add_at(struct dns_batch *b, const char *qname, uint16_t qtype,
    size_t server);
/* Number of queries added so far. */
size_t dns_batch_count(const struct dns_batch *b);
/*
 * Run every queued query until all are answered or the absolute deadline
 * (clock_now() seconds) passes; those left get DNS_TIMEOUT. Queries added
 * after a run are run by the next call. Returns 0, or -1 on an internal
 * failure (out of memory, poll error) with every open query set to
 * DNS_ERROR.
 */
int dns_batch_run(struct dns_batch *b, double deadline);
/*
 * dns_batch_run for a batch that may be NULL or empty (then nothing is
 * done and 0 returned), its seconds added to *dns_time (when not NULL):
 * the stopwatch every phase of a check keeps around its batch.
 */
int dns_batch_run_timed(struct dns_batch *b, double deadline, double *dns_time);
/*
 * The answer of query idx; owned by the batch, valid until
 * dns_batch_free(b); NULL for a bad idx.
 */
const struct dns_answer *dns_batch_answer(const struct dns_batch *b,
    size_t idx);

/*
 * One query, run to the end. out is filled (and owns its records: release
 * with dns_answer_release). Returns 0, or -1 when the query could not even
 * be started (bad name, out of memory): then out->status is DNS_ERROR.
 */
int dns_lookup(const struct dns_resolver *r, const char *qname, uint16_t qtype,
    double deadline, struct dns_answer *out);
/* Free out's records; the struct may be reused. NULL is fine. */
void dns_answer_release(struct dns_answer *a);

/* "NOERROR", "NXDOMAIN", "no data", "SERVFAIL", "REFUSED", "timeout", "error"
 */
const char *dns_status_str(enum dns_status s);
/* "A", "PTR", ... for the types of enum dns_type; "other" for the rest. */
const char *dns_type_str(uint16_t type);
/* True for the "could not tell" statuses (SERVFAIL, REFUSED, timeout, error).
 */
bool dns_status_unsure(enum dns_status s);

/*
 * The reply parser, exposed for tests and fuzzing: check that the reply in
 * wire (len bytes) answers query id for qname/qtype and extract it into out
 * (records appended; out->qname/qtype must be set by the caller).
 * Returns one of enum dns_parse_result. On DNS_PARSE_FOLLOW the caller asks
 * again for out->name (a CNAME target whose data was not in the reply).
 */
enum dns_parse_result {
	DNS_PARSE_DONE,      /* out->status is final */
	DNS_PARSE_FOLLOW,    /* re-ask for out->name */
	DNS_PARSE_MISMATCH,  /* not a reply to this query: ignore it */
	DNS_PARSE_TRUNCATED, /* TC set: ask again over TCP */
	DNS_PARSE_MALFORMED, /* id matches but it cannot be parsed */
};
enum dns_parse_result dns_parse_reply(const uint8_t *wire, size_t len,
    uint16_t id, const char *qname, uint16_t qtype, struct dns_answer *out);

#endif /* RDNS_DNS_H */
