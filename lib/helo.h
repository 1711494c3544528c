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
#include "rdns.h"

/* Size of a judgement's text, NUL included. */
#define HELO_TEXT_MAX 1024

/* A name claimed by the host that sends from an address. */
struct helo_claim {
	const char *name;      /* the HELO (or banner) name, a valid FQDN */
	const char *word;      /* how the text calls it: "banner", "HELO" */
	struct rdns_addr addr; /* the address the mail comes from */
	/*
	 * Mail to receivers with IPv6 leaves from this (IPv6) address: a
	 * failure says to add the IPv6 PTR or to keep the MTA on IPv4.
	 */
	bool ipv6_egress;
};

/* How the judgement ends: a state, a line, and whether name = PTR. */
struct helo_verdict {
	enum state state;
	bool match;  /* the name is a PTR name that resolves back */
	bool unsure; /* the DNS could not tell: state is the
	                timeout state, not a finding */
	/* The line; the name is escaped (output_sanitize), PTR names are
	   in DNS presentation form: print it through lib/output. */
	char text[HELO_TEXT_MAX];
};

/*
 * Does judging c need the forward (A or AAAA) answer of c->name? Only when
 * the PTR was found and the name is not one of its names.
 */
bool helo_needs_forward(const struct helo_claim *c,
    const struct fcrdns_result *r);

/*
 * Judge c against r, the FCrDNS walk of c->addr, and fwd, the A (AAAA for
 * an IPv6 address) answer of c->name (NULL when not asked, see
 * helo_needs_forward). strict: a name that differs from the PTR is
 * CRITICAL even when it resolves to the address. timeout_state: the state
 * of "the DNS could not tell".
 *
 *   OK        name = a PTR name of the address, which resolves back
 *   WARNING   that, but another PTR name does not resolve back; or the
 *             name differs from a PTR that confirms but resolves to the
 *             address itself (CRITICAL with strict)
 *   CRITICAL  no PTR; the PTR name does not resolve back; the name
 *             differs and does not resolve to the address
 */
void helo_judge(const struct helo_claim *c, const struct fcrdns_result *r,
    const struct dns_answer *fwd, bool strict, enum state timeout_state,
    struct helo_verdict *v);

/*
 * "a, b" of what a PTR name resolved to (up to FCRDNS_MAX_KEEP addresses),
 * or what the lookup said ("NXDOMAIN", "no address", ...), into buf.
 */
void helo_name_target(const struct fcrdns_name *n, char *buf, size_t len);

#endif /* RDNS_HELO_H */
