/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * helo: judge a HELO name against the PTR and forward-confirmed reverse
 * DNS of the address the mail comes from, as receivers do (design.md's
 * table for check_smtp_helo_match), and say who must fix what.
 *
 * Pure: the DNS answers come in (an FCrDNS walk of the address, the A or
 * AAAA answer of the name), a state and one line of text go out. Nothing
 * here prints, allocates or does I/O.
 */
#ifndef RDNS_HELO_H
#define RDNS_HELO_H

#include <stdbool.h>
#include <stddef.h>

#include "dns.h"
#include "fcrdns.h"
#include "output.h"
#include "range.h"
#include "rdns.h"
#include "smtp.h"
#include "verdict.h"

/* A name claimed by the host that sends from an address. */
struct helo_claim {
	const char *name;      /* the HELO (or banner) name, as claimed */
	const char *word;      /* how the text calls it: "banner", "HELO" */
	struct rdns_addr addr; /* the address the mail comes from */
	/*
	 * Mail to receivers with IPv6 leaves from this (IPv6) address: a
	 * failure says to add the IPv6 PTR or to keep the MTA on IPv4.
	 */
	bool ipv6_egress;
};

/* What the plugin chose. */
struct helo_policy {
	bool strict; /* a name that differs from the PTR is CRITICAL even
	                when it resolves to the address */
	enum state timeout_state; /* the DNS could not tell */
};

/* How a judgement of a name compares it with the PTR. */
enum helo_match {
	HELO_NOT_JUDGED = -1, /* the name is no FQDN: never a PTR name */
	HELO_DIFFERS = 0,
	HELO_MATCHES = 1, /* the name is a PTR name that resolves back */
};

/*
 * Does judging c need the forward (A or AAAA) answer of c->name? Only when
 * the PTR was found and the name is not one of its names.
 */
bool helo_needs_forward(const struct helo_claim *c,
    const struct fcrdns_result *r);

/*
 * A claimed name that can never be a PTR name (CRITICAL): an address
 * literal, a name that is not fully qualified (Postfix
 * reject_non_fqdn_helo_hostname) or not a valid host name. true with the
 * finding in v; false when the name is to be judged by helo_judge.
 */
bool helo_judge_syntax(const struct helo_claim *c, struct verdict *v);

/*
 * Judge c (a valid FQDN: helo_judge_syntax first) against r, the FCrDNS
 * walk of c->addr, and fwd, the A (AAAA for
 * an IPv6 address) answer of c->name (NULL when not asked, see
 * helo_needs_forward). *match (may be NULL) says how the name compared.
 *
 *   OK        name = a PTR name of the address, which resolves back
 *   WARNING   that, but another PTR name does not resolve back; or the
 *             name differs from a PTR that confirms but resolves to the
 *             address itself (CRITICAL with p->strict)
 *   CRITICAL  no PTR; the PTR name does not resolve back; the name
 *             differs and does not resolve to the address
 *   -t state  the DNS could not tell (v->unsure)
 */
void helo_judge(const struct helo_claim *c, const struct fcrdns_result *r,
    const struct dns_answer *fwd, const struct helo_policy *p,
    struct verdict *v, enum helo_match *match);

/* One SMTP conversation as the plugin had it, for the judges below. */
struct helo_conversation {
	const char *where; /* "ADDR port P[ from SRC]" */
	const char *addr;  /* the server's address */
	const struct smtp_session *sess;
	enum smtp_status st; /* of the failed step, or SMTP_OK */
	const char *step;    /* the failed step: "connect", ..., or NULL */
	bool greeted;        /* a whole greeting came */
	bool ehlo_done;      /* a whole EHLO/HELO reply came */
	const struct smtp_reply *greet;
	const struct smtp_reply *ehlo;
	const char *ehlo_sent; /* the name we sent */
	const char *banner;    /* first word of the greeting, raw */
	const char *ehlo_name; /* first word of the EHLO reply, raw */
	bool reflect;          /* we stand in for the sender (--reflect) */
	bool need_banner;      /* the greeting's name is the one to judge */
};

/*
 * Did the conversation fail before there was a name to judge? true with
 * the finding in v: cannot connect, no usable greeting (the -t state on a
 * timeout, UNKNOWN on an internal error, else CRITICAL), a greeting other
 * than 220, a failed step, with reflect a refused EHLO, with need_banner
 * a greeting without a host name.
 */
bool helo_judge_smtp(const struct helo_conversation *c,
    enum state timeout_state, struct verdict *v);

/*
 * -H: what the server says of itself: a refused EHLO, or a greeting name
 * and an EHLO name that differ (WARNING). false when there is nothing to
 * say.
 */
bool helo_judge_greeting(const struct helo_conversation *c, struct verdict *v);

/*
 * An SMTP conversation (connect, greeting, EHLO) of seconds outside th
 * (-w/-c, as check_smtp's): true with "WHERE: the SMTP conversation took
 * N s" at the threshold's state in v.
 */
bool helo_judge_response(const char *where, double seconds,
    const struct thresholds *th, struct verdict *v);

/*
 * "a, b" of what a PTR name resolved to (up to FCRDNS_MAX_KEEP addresses),
 * or what the lookup said ("NXDOMAIN", "no address", ...), into buf.
 */
void helo_name_target(const struct fcrdns_name *n, char *buf, size_t len);

#endif /* RDNS_HELO_H */
