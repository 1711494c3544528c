/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/*
 * hostile_dns: a DNS server that breaks the rules on purpose, for the
 * integration tests (tests/integration/hostile_dns.sh). It binds UDP and
 * TCP on one loopback address and port, writes its pid, and answers every
 * query in one of the "modes" of the table below: cut packets, TC and then
 * a broken TCP answer, compression-pointer loops, answers for another name
 * or with another ID, 300 PTR records, 255-octet names, labels holding NUL,
 * newline and '|', CNAME loops and 20-step chains, SERVFAIL, REFUSED,
 * FORMERR, NOTIMP, silence, late answers, and zones as big as a message
 * holds (-n MX hosts with -n addresses each, -n PTR names per address):
 * what the plugin keeps of them must stay bounded.
 *
 * The mode of a query comes from its name ("-m auto", the default), so one
 * server serves every test:
 *   N.2.0.192.in-addr.arpa            mode number N (192.0.2.N)
 *   x.y.<18 zeros>.f.f.f.f.8.b.d.0.1.0.0.2.ip6.arpa
 *                                     mode number 0xYX (2001:db8:ffff::YX)
 *   MODE.hostile.test                 the mode of that name (A/AAAA too)
 *   hN.hostile.test                   "ok" with number N: the forward name
 *                                     of the PTR answers, so that FCrDNS
 *                                     of 192.0.2.N can succeed
 *   hK.many.hostile.test              "ok" with the number of ptr300
 *   the 253-character name of name255 name255 (A/AAAA: its address)
 *   sK.step.hostile.test              step K of the "cname_steps" chain
 *   X.manymx.hostile.test             "manymx": A/AAAA of its MX hosts
 *   D.C.18.198.in-addr.arpa           "manyptr" (198.18.0.0/16, so that a
 *                                     whole prefix has -n PTRs each)
 *   D.C.19.198.in-addr.arpa           "manya" (198.19.0.0/16: a PTR name
 *                                     with -n addresses, 198.19.x.y)
 *   anything else                     NXDOMAIN
 * "-m MODE" applies one mode to every query instead.
 *
 * The wire format follows RFC 1035 4.1 (message, 4.1.4 compression) and
 * 4.2.1/4.2.2 (UDP answers over 512 octets are truncated with TC set, TCP
 * messages carry a two-byte length). No EDNS. It is a test tool: it trusts
 * nothing it reads but does not try to be a useful server.
 *
 * It exits by itself after -l seconds (default 600), and on SIGTERM, SIGINT
 * or SIGHUP (taken through a signalfd: no global state).
 *
 * Usage: hostile_dns -a ADDR -p PORT -f PIDFILE [-l SECONDS] [-m MODE]
 *        [-d DELAY_MS] [-n COUNT] [-r REFUSE_MS] [-q]
 * -n is the record count of the "many" modes (default 1000); -r answers
 * REFUSED to every query during the first REFUSE_MS ms (a resolver that
 * is starting), then as the mode says.
 * With -p 0 it picks a port free for both UDP and TCP and prints it on
 * stdout (one line) once both sockets are bound and the pid file is written.
 * Each query is logged on stderr unless -q is given.
 */

#define H_MAX_CONNS 64
#define H_MSG_MAX 65535
#define H_UDP_MAX 512
#define H_DEFAULT_LIFETIME 600L
#define H_MAX_LIFETIME 86400L
#define H_DEFAULT_DELAY_MS 3000L
#define H_PORT_TRIES 64
#define H_PENDING_MAX 64
#define H_NAME_TEXT_MAX 1024
#define H_CHAIN 20 /* CNAME chain length of the chain modes */
#define H_MANY_PTR 300
#define H_DEFAULT_COUNT 1000
#define H_MAX_COUNT 1500 /* 1,500 MX records still fit in a TCP message */

/* What the transport does with the message a mode built. */
enum action {
	ACT_REPLY,         /* send it (UDP: TC and no records if > 512) */
	ACT_NONE,          /* send nothing; TCP keeps the connection */
	ACT_CUT,           /* send it cut inside the last record, TC clear */
	ACT_TC,            /* UDP and TCP: header and question, TC set */
	ACT_LATE,          /* UDP: send it after the -d delay; TCP: none */
	ACT_OTHER_ID,      /* send it with another ID */
	ACT_OTHER_ID_THEN, /* another ID now, the right one 100 ms later */
	ACT_SHORT,         /* a 6-byte message */
	ACT_GARBAGE,       /* our ID, QR set, then bytes that parse as
	                      nothing */
};

/* What a TC mode does when the client comes back over TCP. */
enum tcp_fault {
	TCP_FINE,       /* the same as UDP would have done */
	TCP_SHORT_BODY, /* length says N, fewer bytes, then close */
	TCP_CLOSE,      /* close without a byte */
	TCP_GARBAGE,    /* a framed message of garbage with our ID */
	TCP_TC_AGAIN,   /* a framed TC message again */
	TCP_GOOD,       /* a good answer */
};

/* A parsed query. */
struct query {
	uint16_t id;
	uint16_t qtype;
	bool rd;
	const uint8_t *question;    /* points into the datagram */
	size_t qlen;                /* name + type + class */
	char name[H_NAME_TEXT_MAX]; /* lowercase text, "\DDD" escapes */
	unsigned num;               /* the number of the name (192.0.2.N, hN) */
	unsigned step;              /* sK.step.hostile.test: K */
	bool is_step;
	unsigned count; /* -n: records of the "many" modes */
};

/* A message under construction. */
struct msg {
	uint8_t b[H_MSG_MAX];
	size_t len;
	bool overflow;
};

struct mode;
typedef enum action (
    *build_fn)(const struct mode *m, const struct query *q, struct msg *out);

struct mode {
	const char *name;
	unsigned num; /* 192.0.2.num */
	build_fn build;
	enum action udp;    /* what UDP does with the message */
	enum tcp_fault tcp; /* what TCP does */
	const char *what;   /* for the usage text */
};

/* A UDP reply waiting for its time. */
struct pending {
	bool used;
	double due;
	struct sockaddr_storage to;
	socklen_t tolen;
	size_t len;
	uint8_t b[H_UDP_MAX];
};

struct conn {
	int fd;
	uint8_t *in; /* 2 + H_MSG_MAX */
	size_t have;
};

struct server {
	const struct mode *fixed; /* -m MODE, or NULL for auto */
	long delay_ms;
	unsigned count;      /* -n */
	double refuse_until; /* -r: REFUSED to everything until then */
	bool quiet;
	int udp_fd;
	int tcp_fd;
	int sig_fd;
	struct conn conns[H_MAX_CONNS];
	size_t nconns;
	struct pending pend[H_PENDING_MAX];
	struct msg out; /* the message being built */
};

static enum action build_ok(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_rcode(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_ptr_loop(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_other_name(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_many(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_name255(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_bad_bytes(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_cname_loop(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_cname_chain(const struct mode *m,
    const struct query *q, struct msg *out);
static enum action build_cname_steps(const struct mode *m,
    const struct query *q, struct msg *out);
static enum action build_nxdomain(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_many_mx(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_many_ptr(const struct mode *m, const struct query *q,
    struct msg *out);
static enum action build_many_a(const struct mode *m, const struct query *q,
    struct msg *out);

/*
 * The modes. num is the last octet of the 192.0.2.N address (and the low
 * byte of 2001:db8:ffff::N) that selects it; keep it stable, the tests
 * name it.
 */
static const struct mode modes[] = {
    {"ok", 1, build_ok, ACT_REPLY, TCP_FINE, "a good PTR (hN.hostile.test)"},
    {"cut", 2, build_ok, ACT_CUT, TCP_FINE,
        "answer cut inside its record, TC clear"},
    {"tc_short", 3, build_ok, ACT_TC, TCP_SHORT_BODY,
        "TC; over TCP the length says more than is sent, then close"},
    {"tc_close", 4, build_ok, ACT_TC, TCP_CLOSE,
        "TC; over TCP the connection is closed without a byte"},
    {"tc_garbage", 5, build_ok, ACT_TC, TCP_GARBAGE,
        "TC; over TCP a framed message of garbage with our ID"},
    {"tc_again", 6, build_ok, ACT_TC, TCP_TC_AGAIN, "TC over UDP and over TCP"},
    {"tc_ok", 7, build_ok, ACT_TC, TCP_GOOD, "TC; over TCP a good answer"},
    {"ptr_loop", 8, build_ptr_loop, ACT_REPLY, TCP_FINE,
        "PTR data is a compression pointer to itself"},
    {"other_name", 9, build_other_name, ACT_REPLY, TCP_FINE,
        "answer for another name"},
    {"other_id", 10, build_ok, ACT_OTHER_ID, TCP_FINE,
        "answer with another query ID"},
    {"other_id_then_right", 11, build_ok, ACT_OTHER_ID_THEN, TCP_FINE,
        "another ID first, the right answer 100 ms later"},
    {"ptr300", 12, build_many, ACT_REPLY, TCP_FINE,
        "300 PTR records (TC over UDP, whole over TCP)"},
    {"name255", 13, build_name255, ACT_REPLY, TCP_FINE,
        "a PTR name of 255 octets, the longest there is"},
    {"bad_bytes", 14, build_bad_bytes, ACT_REPLY, TCP_FINE,
        "PTR labels holding NUL, newline and '|'"},
    {"cname_loop", 15, build_cname_loop, ACT_REPLY, TCP_FINE,
        "CNAME to a name whose CNAME points back"},
    {"cname_chain", 16, build_cname_chain, ACT_REPLY, TCP_FINE,
        "a 20-step CNAME chain in one answer"},
    {"cname_steps", 17, build_cname_steps, ACT_REPLY, TCP_FINE,
        "a 20-step CNAME chain, one step per answer"},
    {"servfail", 18, build_rcode, ACT_REPLY, TCP_FINE, "SERVFAIL"},
    {"refused", 19, build_rcode, ACT_REPLY, TCP_FINE, "REFUSED"},
    {"formerr", 20, build_rcode, ACT_REPLY, TCP_FINE, "FORMERR"},
    {"silent", 21, build_ok, ACT_NONE, TCP_FINE, "no answer at all"},
    {"late", 22, build_ok, ACT_LATE, TCP_FINE,
        "a good answer after -d ms (TCP: none)"},
    {"short", 23, build_ok, ACT_SHORT, TCP_FINE, "a 6-byte message"},
    {"nxdomain", 24, build_nxdomain, ACT_REPLY, TCP_FINE,
        "a correct NXDOMAIN with SOA (the control case)"},
    {"garbage", 25, build_ok, ACT_GARBAGE, TCP_FINE,
        "our ID and QR, then garbage"},
    {"notimp", 26, build_rcode, ACT_REPLY, TCP_FINE, "NOTIMP (RCODE 4)"},
    {"manymx", 27, build_many_mx, ACT_REPLY, TCP_FINE,
        "-n MX hosts mxK.manymx.hostile.test, each with -n A records"},
    {"manyptr", 28, build_many_ptr, ACT_REPLY, TCP_FINE,
        "-n PTR names pK.manyptr.hostile.test (which do not exist)"},
    {"manya", 29, build_many_a, ACT_REPLY, TCP_FINE,
        "PTR a.manya.hostile.test, whose A are -n addresses 198.19.x.y"},
};

#define NMODES (sizeof(modes) / sizeof(modes[0]))

/* --- building messages ---------------------------------------------------- */

static void
put(struct msg *m, const void *p, size_t n)
{
	if (m->overflow || n > sizeof(m->b) - m->len) {
		m->overflow = true;
		return;
	}
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

static void
put16(struct msg *m, unsigned v)
{
	uint8_t b[2] = {(uint8_t)(v >> 8), (uint8_t)v};

	put(m, b, 2);
}

static void
put32(struct msg *m, uint32_t v)
{
	put16(m, v >> 16);
	put16(m, v & 0xffff);
}

/* Bump one of the four 16-bit counts of the header (0 = QD .. 3 = AR). */
static void
count(struct msg *m, int which)
{
	size_t at = 4 + 2 * (size_t)which;
	unsigned v = (unsigned)m->b[at] << 8 | m->b[at + 1];

	v++;
	m->b[at] = (uint8_t)(v >> 8);
	m->b[at + 1] = (uint8_t)v;
}

/* A name in plain dotted text (no escapes) in wire form. */
static void
put_name(struct msg *m, const char *text)
{
	const char *p = text;
	size_t n;

	while (*p != '\0') {
		n = strcspn(p, ".");
		if (n == 0 || n > 63) {
			m->overflow = true;
			return;
		}
		put(m, (const uint8_t[]){(uint8_t)n}, 1);
		put(m, p, n);
		p += n;
		if (*p == '.') {
			p++;
		}
	}
	put(m, (const uint8_t[]){0}, 1);
}

/* Header and the question of q; rcode and flags as given. */
static void
start_reply(struct msg *m, const struct query *q, unsigned rcode, bool tc)
{
	m->len = 0;
	m->overflow = false;
	put16(m, q->id);
	/* QR, opcode 0, AA, TC, RD as asked, RA; RCODE. */
	put16(m, 0x8000 | 0x0400 | (tc ? 0x0200 : 0) | (q->rd ? 0x0100 : 0) |
	             0x0080 | (rcode & 0xf));
	put16(m, 1);
	put16(m, 0);
	put16(m, 0);
	put16(m, 0);
	put(m, q->question, q->qlen);
}

/* Start a resource record: owner already written; type, class IN, TTL. */
static size_t
rr_head(struct msg *m, unsigned type)
{
	size_t at;

	put16(m, type);
	put16(m, 1);
	put32(m, 300);
	at = m->len;
	put16(m, 0); /* RDLENGTH, set by rr_end */
	return at;
}

static void
rr_end(struct msg *m, size_t at)
{
	size_t n;

	if (m->overflow) {
		return;
	}
	n = m->len - at - 2;
	m->b[at] = (uint8_t)(n >> 8);
	m->b[at + 1] = (uint8_t)n;
}

/* The owner "the question's name": a pointer to offset 12 (RFC 1035 4.1.4). */
static void
put_qname_ptr(struct msg *m)
{
	put16(m, 0xc000 | 12);
}

/* The record a good answer holds for q (number num), owner already out. */
static void
put_good_data(struct msg *m, const struct query *q, unsigned num)
{
	char name[64];
	size_t at;

	switch (q->qtype) {
	case 1: /* A: 192.0.2.num */
		at = rr_head(m, 1);
		put(m, (const uint8_t[]){192, 0, 2, (uint8_t)num}, 4);
		rr_end(m, at);
		break;
	case 28: /* AAAA: 2001:db8:ffff::num */
		at = rr_head(m, 28);
		put(m,
		    (const uint8_t[]){0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0,
		        0, 0, 0, 0, 0, 0, 0, (uint8_t)num},
		    16);
		rr_end(m, at);
		break;
	default: /* PTR, and whatever else was asked: a PTR */
		snprintf(name, sizeof(name), "h%u.hostile.test", num);
		at = rr_head(m, 12);
		put_name(m, name);
		rr_end(m, at);
		break;
	}
}

/* Is there a record for this type at all? (PTR, A, AAAA) */
static bool
have_type(const struct query *q)
{
	return q->qtype == 12 || q->qtype == 1 || q->qtype == 28;
}

/* The SOA of the zone the name is in, in the authority section. */
static void
put_soa(struct msg *m, const struct query *q)
{
	size_t at;
	bool rev = strstr(q->name, "in-addr.arpa") != NULL ||
	           strstr(q->name, "ip6.arpa") != NULL;

	put_name(m, rev ? (strstr(q->name, "ip6") != NULL
	                          ? "f.f.f.f.8.b.d.0.1.0.0.2.ip6.arpa"
	                          : "2.0.192.in-addr.arpa")
	                : "hostile.test");
	at = rr_head(m, 6);
	put_name(m, "ns.hostile.test");
	put_name(m, "hostmaster.hostile.test");
	put32(m, 1);
	put32(m, 3600);
	put32(m, 600);
	put32(m, 86400);
	put32(m, 60);
	rr_end(m, at);
	count(m, 2);
}

static enum action
build_ok(const struct mode *md, const struct query *q, struct msg *out)
{
	start_reply(out, q, 0, false);
	if (!have_type(q)) {
		put_soa(out, q);
		return md->udp;
	}
	put_qname_ptr(out);
	put_good_data(out, q, q->num);
	count(out, 1);
	return md->udp;
}

static enum action
build_rcode(const struct mode *md, const struct query *q, struct msg *out)
{
	unsigned rcode = strcmp(md->name, "servfail") == 0  ? 2
	                 : strcmp(md->name, "refused") == 0 ? 5
	                 : strcmp(md->name, "notimp") == 0  ? 4
	                                                    : 1;

	start_reply(out, q, rcode, false);
	return md->udp;
}

static enum action
build_nxdomain(const struct mode *md, const struct query *q, struct msg *out)
{
	start_reply(out, q, 3, false);
	put_soa(out, q);
	return md->udp;
}

/* PTR data that is a pointer to itself (RFC 1035 4.1.4 forbids loops). */
static enum action
build_ptr_loop(const struct mode *md, const struct query *q, struct msg *out)
{
	size_t self;

	start_reply(out, q, 0, false);
	put_qname_ptr(out);
	put16(out, 12);
	put16(out, 1);
	put32(out, 300);
	put16(out, 2);
	self = out->len;
	put16(out, 0xc000 | (unsigned)self);
	count(out, 1);
	return md->udp;
}

/* Question and answer for "other.hostile.test", same ID and type. */
static enum action
build_other_name(const struct mode *md, const struct query *q, struct msg *out)
{
	struct query other = *q;
	uint8_t question[64];
	struct msg *tmp = out;
	size_t n;

	/* Encode the other question into out, copy it out, start again. */
	tmp->len = 0;
	tmp->overflow = false;
	put_name(tmp, "other.hostile.test");
	put16(tmp, q->qtype);
	put16(tmp, 1);
	n = tmp->len;
	if (tmp->overflow || n > sizeof(question)) {
		return ACT_NONE;
	}
	memcpy(question, tmp->b, n);
	other.question = question;
	other.qlen = n;
	start_reply(out, &other, 0, false);
	put_qname_ptr(out);
	put_good_data(out, &other, q->num);
	count(out, 1);
	return md->udp;
}

static enum action
build_many(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[64];
	size_t at;
	unsigned i;

	start_reply(out, q, 0, false);
	for (i = 0; i < H_MANY_PTR; i++) {
		snprintf(name, sizeof(name), "h%u.many.hostile.test", i);
		put_qname_ptr(out);
		at = rr_head(out,
		    q->qtype == 1 || q->qtype == 28 ? 12 : q->qtype);
		put_name(out, name);
		rr_end(out, at);
		count(out, 1);
	}
	return md->udp;
}

/* -n A records 198.B.K/256.K%256 (198.18.0.0/15: benchmark space). */
static void
put_many_a(struct msg *out, const struct query *q, uint8_t b)
{
	size_t at;
	unsigned i;

	for (i = 0; i < q->count && !out->overflow; i++) {
		put_qname_ptr(out);
		at = rr_head(out, 1);
		put(out,
		    (const uint8_t[]){198, b, (uint8_t)(i >> 8), (uint8_t)i},
		    4);
		rr_end(out, at);
		count(out, 1);
	}
}

/* MX: -n hosts; A of a host: -n addresses; the rest: no data. */
static enum action
build_many_mx(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[64];
	size_t at;
	unsigned i;

	start_reply(out, q, 0, false);
	if (q->qtype == 15) {
		for (i = 0; i < q->count && !out->overflow; i++) {
			snprintf(name, sizeof(name), "mx%u.manymx.hostile.test",
			    i);
			put_qname_ptr(out);
			at = rr_head(out, 15);
			put16(out, i % 100);
			put_name(out, name);
			rr_end(out, at);
			count(out, 1);
		}
	} else if (q->qtype == 1) {
		put_many_a(out, q, 18);
	} else {
		put_soa(out, q);
	}
	return md->udp;
}

/* PTR: a.manya.hostile.test; its A: -n addresses 198.19.x.y. */
static enum action
build_many_a(const struct mode *md, const struct query *q, struct msg *out)
{
	size_t at;

	start_reply(out, q, 0, false);
	if (q->qtype == 12) {
		put_qname_ptr(out);
		at = rr_head(out, 12);
		put_name(out, "a.manya.hostile.test");
		rr_end(out, at);
		count(out, 1);
	} else if (q->qtype == 1) {
		put_many_a(out, q, 19);
	} else {
		put_soa(out, q);
	}
	return md->udp;
}

/* PTR: -n names; anything else: no data. */
static enum action
build_many_ptr(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[64];
	size_t at;
	unsigned i;

	start_reply(out, q, 0, false);
	if (q->qtype != 12) {
		put_soa(out, q);
		return md->udp;
	}
	for (i = 0; i < q->count && !out->overflow; i++) {
		snprintf(name, sizeof(name), "p%u.manyptr.hostile.test", i);
		put_qname_ptr(out);
		at = rr_head(out, 12);
		put_name(out, name);
		rr_end(out, at);
		count(out, 1);
	}
	return md->udp;
}

/*
 * The longest name there is: 63 + 63 + 63 + 48 octets of labels, then
 * hostile.test (255 octets in wire form, 253 in text without the dot).
 * Its A/AAAA are the good data, so FCrDNS of 192.0.2.13 can succeed.
 */
static void
name255(char *name, size_t len)
{
	size_t i;

	for (i = 0; i < 240 && i + 1 < len; i++) {
		name[i] = (char)(i == 63 || i == 127 || i == 191
		                     ? '.'
		                     : (i < 191 ? 'x' : 'y'));
	}
	snprintf(name + i, len - i, ".hostile.test");
}

static enum action
build_name255(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[256];
	size_t at;

	start_reply(out, q, 0, false);
	put_qname_ptr(out);
	if (q->qtype == 1 || q->qtype == 28) {
		put_good_data(out, q, md->num);
	} else {
		name255(name, sizeof(name));
		at = rr_head(out, 12);
		put_name(out, name);
		rr_end(out, at);
	}
	count(out, 1);
	return md->udp;
}

/* "a\000b.c\010d.e|f.hostile.test.": NUL, newline and '|' inside labels. */
static enum action
build_bad_bytes(const struct mode *md, const struct query *q, struct msg *out)
{
	static const uint8_t name[] = {3, 'a', 0, 'b', 3, 'c', '\n', 'd', 3,
	    'e', '|', 'f', 7, 'h', 'o', 's', 't', 'i', 'l', 'e', 4, 't', 'e',
	    's', 't', 0};
	size_t at;

	start_reply(out, q, 0, false);
	put_qname_ptr(out);
	at = rr_head(out, 12);
	put(out, name, sizeof(name));
	rr_end(out, at);
	count(out, 1);
	return md->udp;
}

/* QNAME CNAME a.loop.hostile.test, a.loop.hostile.test CNAME QNAME. */
static enum action
build_cname_loop(const struct mode *md, const struct query *q, struct msg *out)
{
	size_t at;

	start_reply(out, q, 0, false);
	put_qname_ptr(out);
	at = rr_head(out, 5);
	put_name(out, "a.loop.hostile.test");
	rr_end(out, at);
	count(out, 1);
	put_name(out, "a.loop.hostile.test");
	at = rr_head(out, 5);
	put_qname_ptr(out);
	rr_end(out, at);
	count(out, 1);
	return md->udp;
}

/* QNAME -> c1 -> ... -> c20, and c20 has the data: 20 CNAMEs at once. */
static enum action
build_cname_chain(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[64];
	size_t at;
	unsigned i;

	start_reply(out, q, 0, false);
	for (i = 0; i < H_CHAIN; i++) {
		if (i == 0) {
			put_qname_ptr(out);
		} else {
			snprintf(name, sizeof(name), "c%u.chain.hostile.test",
			    i);
			put_name(out, name);
		}
		at = rr_head(out, 5);
		snprintf(name, sizeof(name), "c%u.chain.hostile.test", i + 1);
		put_name(out, name);
		rr_end(out, at);
		count(out, 1);
	}
	put_name(out, name);
	put_good_data(out, q, md->num);
	count(out, 1);
	return md->udp;
}

/* QNAME -> s1.step, s1 -> s2, ... one CNAME per answer; s20 has data. */
static enum action
build_cname_steps(const struct mode *md, const struct query *q, struct msg *out)
{
	char name[64];
	size_t at;

	start_reply(out, q, 0, false);
	put_qname_ptr(out);
	if (q->is_step && q->step >= H_CHAIN) {
		put_good_data(out, q, md->num);
	} else {
		snprintf(name, sizeof(name), "s%u.step.hostile.test",
		    q->is_step ? q->step + 1 : 1);
		at = rr_head(out, 5);
		put_name(out, name);
		rr_end(out, at);
	}
	count(out, 1);
	return md->udp;
}

/* --- reading queries --------------------------------------------------------
 */

/* Decimal label text into *out (no sign, no leading zero); -1 otherwise. */
static int
label_number(const char *s, size_t n, unsigned max, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	if (n == 0 || n > 5 || (n > 1 && s[0] == '0')) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') {
			return -1;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max) {
		return -1;
	}
	*out = v;
	return 0;
}

static int
hex_nibble(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	return -1;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s);
	size_t k = strlen(suffix);

	return n >= k && strcmp(s + n - k, suffix) == 0;
}

/*
 * Parse a query datagram: header, one question with an uncompressed name.
 * Returns 0, or -1 for anything we will not answer.
 */
static int
parse_query(const uint8_t *b, size_t len, struct query *q)
{
	size_t pos = 12;
	size_t o = 0;
	uint8_t lab;
	size_t i;

	memset(q, 0, sizeof(*q));
	if (len < 12 || (b[2] & 0x80) != 0 || (b[4] << 8 | b[5]) != 1) {
		return -1;
	}
	q->id = (uint16_t)(b[0] << 8 | b[1]);
	q->rd = (b[2] & 0x01) != 0;
	for (;;) {
		if (pos >= len) {
			return -1;
		}
		lab = b[pos++];
		if (lab == 0) {
			break;
		}
		if (lab > 63 || pos + lab > len || pos - 12 + lab > 255) {
			return -1;
		}
		for (i = 0; i < lab; i++) {
			unsigned char c = b[pos + i];

			if (o + 6 > sizeof(q->name)) {
				return -1;
			}
			if (c >= 'A' && c <= 'Z') {
				c = (unsigned char)(c - 'A' + 'a');
			}
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c == '-' || c == '_' || c == '/') {
				q->name[o++] = (char)c;
			} else {
				o += (size_t)snprintf(q->name + o,
				    sizeof(q->name) - o, "\\%03u", c);
			}
		}
		q->name[o++] = '.';
		pos += lab;
	}
	if (o == 0) {
		q->name[o++] = '.';
	}
	q->name[o] = '\0';
	if (pos + 4 > len) {
		return -1;
	}
	q->qtype = (uint16_t)(b[pos] << 8 | b[pos + 1]);
	q->question = b + 12;
	q->qlen = pos + 4 - 12;
	return 0;
}

static const struct mode *
mode_by_name(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < NMODES; i++) {
		if (strlen(modes[i].name) == n &&
		    strncmp(modes[i].name, name, n) == 0) {
			return &modes[i];
		}
	}
	return NULL;
}

static const struct mode *
mode_by_num(unsigned num)
{
	size_t i;

	for (i = 0; i < NMODES; i++) {
		if (modes[i].num == num) {
			return &modes[i];
		}
	}
	return NULL;
}

/* The number of a mode by its name; 0 (no mode) when there is none. */
static unsigned
num_of(const char *name)
{
	const struct mode *m = mode_by_name(name, strlen(name));

	return m != NULL ? m->num : 0;
}

/* The mode of a query by its name (see the top comment); NULL: NXDOMAIN. */
static const struct mode *
mode_of(struct query *q)
{
	const char *n = q->name;
	size_t first = strcspn(n, ".");
	const struct mode *m;
	int lo;
	int hi;

	if (ends_with(n, ".2.0.192.in-addr.arpa.") &&
	    label_number(n, first, 255, &q->num) == 0) {
		return mode_by_num(q->num);
	}
	if (ends_with(n, ".0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	                 "f.f.f.f.8.b.d.0.1.0.0.2.ip6.arpa.") &&
	    strlen(n) > 4 && n[1] == '.' && n[3] == '.') {
		lo = hex_nibble(n[0]);
		hi = hex_nibble(n[2]);
		if (lo < 0 || hi < 0) {
			return NULL;
		}
		q->num = (unsigned)(hi << 4 | lo);
		return mode_by_num(q->num);
	}
	if (ends_with(n, ".18.198.in-addr.arpa.")) {
		return mode_by_name("manyptr", 7);
	}
	if (ends_with(n, ".19.198.in-addr.arpa.")) {
		return mode_by_name("manya", 5);
	}
	if (!ends_with(n, ".hostile.test.")) {
		return NULL;
	}
	if (ends_with(n, ".manymx.hostile.test.")) {
		q->num = num_of("manymx");
		return mode_by_num(q->num);
	}
	if (ends_with(n, ".manya.hostile.test.")) {
		q->num = num_of("manya");
		return mode_by_num(q->num);
	}
	if (n[0] == 'h' && ends_with(n, ".many.hostile.test.") &&
	    label_number(n + 1, first - 1, 1000, &q->step) == 0) {
		/* The 300 names of ptr300 all point back to its address. */
		q->num = num_of("ptr300");
		return mode_by_name("ok", 2);
	}
	if (n[0] == 'h' && label_number(n + 1, first - 1, 255, &q->num) == 0) {
		return mode_by_name("ok", 2);
	}
	if (first == 63 && strlen(n) == 254) {
		q->num = num_of("name255");
		return mode_by_num(q->num);
	}
	if (n[0] == 's' && strncmp(n + first, ".step.", 6) == 0 &&
	    label_number(n + 1, first - 1, 1000, &q->step) == 0) {
		q->is_step = true;
		q->num = num_of("cname_steps");
		return mode_by_num(q->num);
	}
	m = mode_by_name(n, first);
	if (m != NULL) {
		q->num = m->num;
	}
	return m;
}

/* --- the transport -------------------------------------------------------- */

/* A message with TC set, no records: header and question of q. */
static void
tc_only(struct msg *m, const struct query *q)
{
	start_reply(m, q, 0, true);
}

static double
now_seconds(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0.0;
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
send_udp(struct server *srv, const uint8_t *b, size_t len,
    const struct sockaddr_storage *to, socklen_t tolen)
{
	(void)sendto(srv->udp_fd, b, len, 0, (const struct sockaddr *)to,
	    tolen);
}

/* Queue a UDP reply for later; dropped when the queue is full. */
static void
send_later(struct server *srv, double delay, const uint8_t *b, size_t len,
    const struct sockaddr_storage *to, socklen_t tolen)
{
	size_t i;

	if (len > H_UDP_MAX) {
		return;
	}
	for (i = 0; i < H_PENDING_MAX; i++) {
		struct pending *p = &srv->pend[i];

		if (!p->used) {
			p->used = true;
			p->due = now_seconds() + delay;
			p->to = *to;
			p->tolen = tolen;
			p->len = len;
			memcpy(p->b, b, len);
			return;
		}
	}
}

/* Send the replies whose time came; returns ms to the next one, or -1. */
static int
flush_pending(struct server *srv)
{
	double now = now_seconds();
	double next = -1.0;
	size_t i;

	for (i = 0; i < H_PENDING_MAX; i++) {
		struct pending *p = &srv->pend[i];

		if (!p->used) {
			continue;
		}
		if (p->due <= now) {
			send_udp(srv, p->b, p->len, &p->to, p->tolen);
			p->used = false;
		} else if (next < 0.0 || p->due - now < next) {
			next = p->due - now;
		}
	}
	return next < 0.0 ? -1 : (int)(next * 1000.0) + 1;
}

/* Garbage that carries our ID and QR: the parser is reached and fails. */
static void
garbage(struct msg *m, const struct query *q)
{
	static const uint8_t junk[] = {0x81, 0x80, 0x00, 0x01, 0x00, 0x01, 0x00,
	    0x00, 0x00, 0x00, 0x3f, 0xff, 0xc0, 0xff, 0x00, 0x0c, 0x00, 0x01,
	    0xc0, 0x0c, 0xde, 0xad, 0xbe, 0xef};

	m->len = 0;
	m->overflow = false;
	put16(m, q->id);
	put(m, junk, sizeof(junk));
}

static void
log_query(const struct server *srv, const char *proto, const struct query *q,
    const struct mode *m)
{
	if (!srv->quiet) {
		fprintf(stderr, "hostile_dns: %s type %u %s -> %s\n", proto,
		    (unsigned)q->qtype, q->name,
		    m != NULL ? m->name : "nxdomain");
	}
}

static const struct mode *
choose(struct server *srv, struct query *q)
{
	const struct mode *m = mode_of(q);

	if (srv->fixed != NULL) {
		if (q->num == 0) {
			q->num = srv->fixed->num;
		}
		return srv->fixed;
	}
	return m;
}

/* Build the answer to q; returns the action. */
static enum action
answer(struct server *srv, struct query *q, const struct mode **mp)
{
	const struct mode *m = choose(srv, q);
	enum action act;

	*mp = m;
	q->count = srv->count;
	if (srv->refuse_until > 0.0 && now_seconds() < srv->refuse_until) {
		start_reply(&srv->out, q, 5, false);
		return ACT_REPLY;
	}
	if (m == NULL) {
		start_reply(&srv->out, q, 3, false);
		put_soa(&srv->out, q);
		return ACT_REPLY;
	}
	act = m->build(m, q, &srv->out);
	if (srv->out.overflow) {
		return ACT_NONE;
	}
	return act;
}

static void
on_udp(struct server *srv, const uint8_t *b, size_t len,
    const struct sockaddr_storage *from, socklen_t fromlen)
{
	struct query q;
	const struct mode *m;
	struct msg *o = &srv->out;
	enum action act;
	uint16_t bad;

	if (parse_query(b, len, &q) != 0) {
		return;
	}
	act = answer(srv, &q, &m);
	log_query(srv, "udp", &q, m);
	if (act != ACT_NONE && act != ACT_TC && o->len > H_UDP_MAX) {
		/* RFC 1035 4.2.1: over 512 octets, truncate and set TC. */
		act = ACT_TC;
	}
	switch (act) {
	case ACT_NONE:
		return;
	case ACT_REPLY:
		break;
	case ACT_CUT:
		/* Inside the last record's data, TC clear. */
		if (o->len > 12 + q.qlen + 3) {
			o->len -= 3;
		}
		break;
	case ACT_TC:
		tc_only(o, &q);
		break;
	case ACT_LATE:
		send_later(srv, (double)srv->delay_ms / 1000.0, o->b, o->len,
		    from, fromlen);
		return;
	case ACT_OTHER_ID:
	case ACT_OTHER_ID_THEN:
		if (act == ACT_OTHER_ID_THEN) {
			send_later(srv, 0.1, o->b, o->len, from, fromlen);
		}
		bad = (uint16_t)(q.id ^ 0x5a5a);
		o->b[0] = (uint8_t)(bad >> 8);
		o->b[1] = (uint8_t)bad;
		break;
	case ACT_SHORT:
		o->len = 6;
		break;
	case ACT_GARBAGE:
		garbage(o, &q);
		break;
	}
	send_udp(srv, o->b, o->len, from, fromlen);
}

/* Write all of b to a non-blocking socket, waiting up to 1 s for room. */
static int
write_all(int fd, const uint8_t *b, size_t len)
{
	struct pollfd p;
	ssize_t k;

	while (len > 0) {
		k = send(fd, b, len, MSG_NOSIGNAL);
		if (k < 0) {
			if (errno != EAGAIN && errno != EWOULDBLOCK &&
			    errno != EINTR) {
				return -1;
			}
			p.fd = fd;
			p.events = POLLOUT;
			if (poll(&p, 1, 1000) <= 0) {
				return -1;
			}
			continue;
		}
		b += k;
		len -= (size_t)k;
	}
	return 0;
}

static int
write_framed(int fd, const uint8_t *b, size_t len, size_t send_len)
{
	uint8_t hdr[2] = {(uint8_t)(len >> 8), (uint8_t)len};

	if (write_all(fd, hdr, 2) != 0) {
		return -1;
	}
	return write_all(fd, b, send_len);
}

/*
 * One whole query arrived over TCP. Returns 0 to keep the connection, -1
 * to close it.
 */
static int
on_tcp_query(struct server *srv, struct conn *c, const uint8_t *b, size_t len)
{
	struct query q;
	const struct mode *m;
	struct msg *o = &srv->out;
	enum action act;

	if (parse_query(b, len, &q) != 0) {
		return -1;
	}
	act = answer(srv, &q, &m);
	log_query(srv, "tcp", &q, m);
	switch (m != NULL ? m->tcp : TCP_FINE) {
	case TCP_SHORT_BODY:
		(void)write_framed(c->fd, o->b, o->len + 40, o->len);
		return -1;
	case TCP_CLOSE:
		return -1;
	case TCP_GARBAGE:
		garbage(o, &q);
		return write_framed(c->fd, o->b, o->len, o->len);
	case TCP_TC_AGAIN:
		tc_only(o, &q);
		return write_framed(c->fd, o->b, o->len, o->len);
	case TCP_GOOD:
		return write_framed(c->fd, o->b, o->len, o->len);
	case TCP_FINE:
		break;
	}
	switch (act) {
	case ACT_NONE:
	case ACT_LATE:
		return 0; /* hold the connection, say nothing */
	case ACT_CUT:
		if (o->len > 12 + q.qlen + 3) {
			o->len -= 3;
		}
		break;
	case ACT_TC:
		tc_only(o, &q);
		break;
	case ACT_OTHER_ID:
	case ACT_OTHER_ID_THEN:
		o->b[0] ^= 0x5a;
		o->b[1] ^= 0x5a;
		break;
	case ACT_SHORT:
		o->len = 6;
		break;
	case ACT_GARBAGE:
		garbage(o, &q);
		break;
	case ACT_REPLY:
		break;
	}
	return write_framed(c->fd, o->b, o->len, o->len);
}

/* Read what is there; answer every whole message. -1: close it. */
static int
read_tcp(struct server *srv, struct conn *c)
{
	ssize_t n;
	size_t need;

	n = read(c->fd, c->in + c->have, 2 + H_MSG_MAX - c->have);
	if (n == 0) {
		return -1;
	}
	if (n < 0) {
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR
		           ? 0
		           : -1;
	}
	c->have += (size_t)n;
	while (c->have >= 2) {
		need = 2 + ((size_t)c->in[0] << 8 | c->in[1]);
		if (c->have < need) {
			break;
		}
		if (on_tcp_query(srv, c, c->in + 2, need - 2) != 0) {
			return -1;
		}
		memmove(c->in, c->in + need, c->have - need);
		c->have -= need;
	}
	return 0;
}

/* --- sockets, signals, the loop ------------------------
 */

static void
usage(FILE *fp)
{
	size_t i;

	fprintf(fp,
	    "usage: hostile_dns -a ADDR -p PORT -f PIDFILE "
	    "[-l SECONDS] [-m MODE] [-d DELAY_MS] [-n COUNT] "
	    "[-r REFUSE_MS] [-q]\n"
	    "  -a ADDR      IPv4 or IPv6 address to bind (numeric)\n"
	    "  -p PORT      UDP and TCP port; 0 picks one and prints "
	    "it\n"
	    "  -f PIDFILE   file to write the pid to\n"
	    "  -l SECONDS   exit after this long (default %ld, max "
	    "%ld)\n"
	    "  -m MODE      one mode for every query; default auto "
	    "(by the query name)\n"
	    "  -d DELAY_MS  delay of the \"late\" mode (default %ld)\n"
	    "  -n COUNT     records of the \"many\" modes (default %d, "
	    "max %d)\n"
	    "  -r REFUSE_MS REFUSED to every query for this long after "
	    "the start\n"
	    "  -q           do not log queries on stderr\n"
	    "modes (N: query 192.0.2.N or MODE.hostile.test):\n",
	    H_DEFAULT_LIFETIME, H_MAX_LIFETIME, H_DEFAULT_DELAY_MS,
	    H_DEFAULT_COUNT, H_MAX_COUNT);
	for (i = 0; i < NMODES; i++) {
		fprintf(fp, "  %2u %-20s %s\n", modes[i].num, modes[i].name,
		    modes[i].what);
	}
}

/* Decimal in [min, max] into *out; -1 on anything else. */
static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	if (s == NULL || *s < '0' || *s > '9') {
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		return -1;
	}
	*out = v;
	return 0;
}

/* Numeric address and port into *ss; -1 when addr is not an IP literal. */
static int
make_sockaddr(const char *addr, unsigned int port, struct sockaddr_storage *ss,
    socklen_t *sslen)
{
	struct addrinfo hints;
	struct addrinfo *res = NULL;
	char portstr[16];
	int n;

	n = snprintf(portstr, sizeof(portstr), "%u", port);
	if (n < 0 || (size_t)n >= sizeof(portstr)) {
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if (getaddrinfo(addr, portstr, &hints, &res) != 0 || res == NULL) {
		return -1;
	}
	if (res->ai_addrlen > sizeof(*ss)) {
		freeaddrinfo(res);
		return -1;
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static void
set_port(struct sockaddr_storage *ss, unsigned int port)
{
	if (ss->ss_family == AF_INET6) {
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
	} else {
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	}
}

static unsigned int
get_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		return 0;
	}
	if (ss.ss_family == AF_INET6) {
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* A non-blocking socket of type on ss, bound; -1 with errno set on failure. */
static int
bind_one(const struct sockaddr_storage *ss, socklen_t sslen, int type)
{
	int fd;
	int one = 1;
	int saved;

	fd = socket(ss->ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -1;
	}
	if (ss->ss_family == AF_INET6) {
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
		    sizeof(one));
	}
	if (type == SOCK_STREAM) {
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
	}
	if (bind(fd, (const struct sockaddr *)ss, sslen) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * Bind TCP (listening) and UDP on the same port. With port 0 the kernel
 * picks the TCP port and UDP follows; when that UDP port is taken, try again.
 */
static int
bind_both(struct server *srv, const char *addr, unsigned int port, char *err,
    size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	unsigned int chosen;
	int tries;

	if (make_sockaddr(addr, port, &ss, &sslen) != 0) {
		snprintf(err, errlen, "not a numeric IP address: %s", addr);
		return -1;
	}
	for (tries = 0; tries < H_PORT_TRIES; tries++) {
		set_port(&ss, port);
		srv->tcp_fd = bind_one(&ss, sslen, SOCK_STREAM);
		if (srv->tcp_fd < 0) {
			snprintf(err, errlen, "tcp bind %s port %u: %s", addr,
			    port, strerror(errno));
			return -1;
		}
		if (listen(srv->tcp_fd, 16) != 0) {
			snprintf(err, errlen, "listen: %s", strerror(errno));
			return -1;
		}
		chosen = get_port(srv->tcp_fd);
		set_port(&ss, chosen);
		srv->udp_fd = bind_one(&ss, sslen, SOCK_DGRAM);
		if (srv->udp_fd >= 0) {
			return (int)chosen;
		}
		if (port != 0 || errno != EADDRINUSE) {
			snprintf(err, errlen, "udp bind %s port %u: %s", addr,
			    chosen, strerror(errno));
			return -1;
		}
		close(srv->tcp_fd);
		srv->tcp_fd = -1;
	}
	snprintf(err, errlen, "no port free for both udp and tcp on %s", addr);
	return -1;
}

static int
write_pidfile(const char *path, char *err, size_t errlen)
{
	char buf[32];
	int fd;
	int n;

	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		snprintf(err, errlen, "pid does not fit");
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (write(fd, buf, (size_t)n) != (ssize_t)n) {
		snprintf(err, errlen, "%s: write failed", path);
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Block the stop signals and return a signalfd that reports them. */
static int
open_sigfd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) {
		return -1;
	}
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

static void
accept_conn(struct server *srv)
{
	int fd;
	uint8_t *in;

	fd = accept4(srv->tcp_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		return;
	}
	in = malloc(2 + H_MSG_MAX);
	if (srv->nconns >= H_MAX_CONNS || in == NULL) {
		free(in);
		close(fd);
		return;
	}
	srv->conns[srv->nconns].fd = fd;
	srv->conns[srv->nconns].in = in;
	srv->conns[srv->nconns].have = 0;
	srv->nconns++;
}

static void
drop_conn(struct server *srv, size_t i)
{
	close(srv->conns[i].fd);
	free(srv->conns[i].in);
	srv->nconns--;
	srv->conns[i] = srv->conns[srv->nconns];
}

static void
read_udp(struct server *srv, uint8_t *buf, size_t bufsize)
{
	struct sockaddr_storage from;
	socklen_t fromlen;
	ssize_t n;
	int i;

	/* Drain a bounded batch so one flood cannot starve the other fds. */
	for (i = 0; i < 64; i++) {
		fromlen = sizeof(from);
		n = recvfrom(srv->udp_fd, buf, bufsize, 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n < 0) {
			return;
		}
		on_udp(srv, buf, (size_t)n, &from, fromlen);
	}
}

/* The event loop; returns when the deadline passes or a signal arrives. */
static void
serve(struct server *srv, double deadline, uint8_t *buf, size_t bufsize)
{
	struct pollfd pfd[3 + H_MAX_CONNS];
	size_t i;
	size_t nconns;
	double left;
	int timeout;
	int next;
	int r;

	for (;;) {
		next = flush_pending(srv);
		left = deadline - now_seconds();
		if (!(left > 0.0)) {
			return;
		}
		timeout = left > 3600.0 ? 3600000 : (int)(left * 1000.0) + 1;
		if (next >= 0 && next < timeout) {
			timeout = next;
		}
		pfd[0].fd = srv->sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = srv->udp_fd;
		pfd[1].events = POLLIN;
		pfd[2].fd = srv->tcp_fd;
		pfd[2].events = srv->nconns < H_MAX_CONNS ? POLLIN : 0;
		nconns = srv->nconns;
		for (i = 0; i < nconns; i++) {
			pfd[3 + i].fd = srv->conns[i].fd;
			pfd[3 + i].events = POLLIN;
			pfd[3 + i].revents = 0;
		}
		r = poll(pfd, 3 + nconns, timeout);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			return;
		}
		if (pfd[0].revents != 0) {
			return;
		}
		/* Last to first: drop_conn moves the last entry down. */
		for (i = nconns; i > 0; i--) {
			if (pfd[3 + i - 1].revents == 0) {
				continue;
			}
			if (read_tcp(srv, &srv->conns[i - 1]) != 0) {
				drop_conn(srv, i - 1);
			}
		}
		if (pfd[1].revents != 0) {
			read_udp(srv, buf, bufsize);
		}
		if (pfd[2].revents != 0) {
			accept_conn(srv);
		}
	}
}

static void
close_all(struct server *srv)
{
	while (srv->nconns > 0) {
		drop_conn(srv, srv->nconns - 1);
	}
	if (srv->udp_fd >= 0) {
		close(srv->udp_fd);
	}
	if (srv->tcp_fd >= 0) {
		close(srv->tcp_fd);
	}
	if (srv->sig_fd >= 0) {
		close(srv->sig_fd);
	}
}

int
main(int argc, char **argv)
{
	struct server *srv;
	const char *addr = NULL;
	const char *pidfile = NULL;
	const char *modename = "auto";
	long port = -1;
	long lifetime = H_DEFAULT_LIFETIME;
	long delay = H_DEFAULT_DELAY_MS;
	long count = H_DEFAULT_COUNT;
	long refuse_ms = 0;
	bool quiet = false;
	char err[256];
	uint8_t *buf;
	int chosen;
	int c;
	int rc = 0;

	while ((c = getopt(argc, argv, "a:p:f:l:m:d:n:r:qh")) != -1) {
		switch (c) {
		case 'a':
			addr = optarg;
			break;
		case 'p':
			if (parse_long(optarg, 0, 65535, &port) != 0) {
				fprintf(stderr, "hostile_dns: bad port: %s\n",
				    optarg);
				return 2;
			}
			break;
		case 'f':
			pidfile = optarg;
			break;
		case 'l':
			if (parse_long(optarg, 1, H_MAX_LIFETIME, &lifetime) !=
			    0) {
				fprintf(stderr,
				    "hostile_dns: bad lifetime: %s\n", optarg);
				return 2;
			}
			break;
		case 'm':
			modename = optarg;
			break;
		case 'd':
			if (parse_long(optarg, 0, 600000, &delay) != 0) {
				fprintf(stderr, "hostile_dns: bad delay: %s\n",
				    optarg);
				return 2;
			}
			break;
		case 'n':
			if (parse_long(optarg, 1, H_MAX_COUNT, &count) != 0) {
				fprintf(stderr, "hostile_dns: bad count: %s\n",
				    optarg);
				return 2;
			}
			break;
		case 'r':
			if (parse_long(optarg, 0, 600000, &refuse_ms) != 0) {
				fprintf(stderr,
				    "hostile_dns: bad refuse time: %s\n",
				    optarg);
				return 2;
			}
			break;
		case 'q':
			quiet = true;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || addr == NULL || pidfile == NULL || port < 0) {
		usage(stderr);
		return 2;
	}

	srv = calloc(1, sizeof(*srv));
	buf = malloc(H_MSG_MAX);
	if (srv == NULL || buf == NULL) {
		fprintf(stderr, "hostile_dns: out of memory\n");
		free(srv);
		free(buf);
		return 1;
	}
	srv->udp_fd = -1;
	srv->tcp_fd = -1;
	srv->sig_fd = -1;
	srv->delay_ms = delay;
	srv->count = (unsigned)count;
	srv->quiet = quiet;
	if (refuse_ms > 0) {
		srv->refuse_until = now_seconds() + (double)refuse_ms / 1000.0;
	}
	if (strcmp(modename, "auto") != 0) {
		srv->fixed = mode_by_name(modename, strlen(modename));
		if (srv->fixed == NULL) {
			fprintf(stderr, "hostile_dns: unknown mode: %s\n",
			    modename);
			rc = 2;
			goto out;
		}
	}
	srv->sig_fd = open_sigfd();
	if (srv->sig_fd < 0) {
		fprintf(stderr, "hostile_dns: signalfd: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}
	chosen = bind_both(srv, addr, (unsigned int)port, err, sizeof(err));
	if (chosen < 0) {
		fprintf(stderr, "hostile_dns: %s\n", err);
		rc = 1;
		goto out;
	}
	if (write_pidfile(pidfile, err, sizeof(err)) != 0) {
		fprintf(stderr, "hostile_dns: pid file %s\n", err);
		rc = 1;
		goto out;
	}
	if (port == 0) {
		printf("%d\n", chosen);
		if (fflush(stdout) != 0) {
			(void)unlink(pidfile);
			rc = 1;
			goto out;
		}
	}
	serve(srv, now_seconds() + (double)lifetime, buf, H_MSG_MAX);
	(void)unlink(pidfile);
out:
	close_all(srv);
	free(srv);
	free(buf);
	return rc;
}
