/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "helo.h"

/*
 * helo: the judgement of check_smtp_helo_match, apart from how the name
 * and the address were learned (a banner, a Received header, a reflector).
 * A receiver's rule is FCrDNS plus "HELO = PTR"; the text names the record
 * to change and who holds it: the PTR at the holder of the address block,
 * the A/AAAA record and the HELO name at the mail admin.
 */

/* The verdict of a claim: the piece and who fixes it follow the state. */
static void say(struct verdict *v, enum state st, enum verdict_piece piece,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
say(struct verdict *v, enum state st, enum verdict_piece piece, const char *fmt,
    ...)
{
	va_list ap;

	memset(v, 0, sizeof(*v));
	v->state = st;
	v->piece = st == STATE_OK ? PIECE_NONE : piece;
	v->unsure = piece == PIECE_DNS;
	v->fixer = piece == PIECE_PTR   ? FIXER_ZONE_HOLDER
	           : piece == PIECE_DNS ? FIXER_NONE
	           : st == STATE_OK     ? FIXER_NONE
	                                : FIXER_MAIL_ADMIN;
	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
}

void
helo_name_target(const struct fcrdns_name *n, char *buf, size_t len)
{
	char a[RDNS_ADDR_TEXT_MAX];
	size_t used = 0;
	size_t i;
	int w;

	buf[0] = '\0';
	switch (n->result) {
	case FCRDNS_NAME_NXDOMAIN:
		snprintf(buf, len, "NXDOMAIN");
		return;
	case FCRDNS_NAME_NO_ADDRESS:
		snprintf(buf, len, "no address");
		return;
	case FCRDNS_NAME_INVALID:
		snprintf(buf, len, "not asked (%s)",
		    rdns_name_check_str(n->check));
		return;
	case FCRDNS_NAME_UNSURE:
		snprintf(buf, len, "could not tell (%s)",
		    n->error != NULL ? n->error : "error");
		return;
	case FCRDNS_NAME_NOT_ASKED:
		snprintf(buf, len, "not asked");
		return;
	case FCRDNS_NAME_CONFIRMS:
	case FCRDNS_NAME_OTHER:
		break;
	}
	for (i = 0; i < n->naddr && used < len; i++) {
		if (rdns_addr_format(&n->addr[i], a, sizeof(a)) != 0) {
			continue;
		}
		w = snprintf(buf + used, len - used, "%s%s", i > 0 ? ", " : "",
		    a);
		if (w < 0 || (size_t)w >= len - used) {
			break;
		}
		used += (size_t)w;
	}
	if (n->naddr_total > n->naddr && used < len) {
		snprintf(buf + used, len - used, ", ...");
	}
}

/* "a, b" of an A/AAAA answer, or what it said. */
static void
answer_target(const struct dns_answer *a, char *buf, size_t len)
{
	char text[RDNS_ADDR_TEXT_MAX];
	size_t used = 0;
	size_t i;
	int w;

	buf[0] = '\0';
	if (a->status == DNS_NXDOMAIN) {
		snprintf(buf, len, "NXDOMAIN");
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		snprintf(buf, len, "no address");
		return;
	}
	for (i = 0; i < a->nrr && i < FCRDNS_MAX_KEEP && used < len; i++) {
		if (rdns_addr_format(&a->rr[i].addr, text, sizeof(text)) != 0) {
			continue;
		}
		w = snprintf(buf + used, len - used, "%s%s", i > 0 ? ", " : "",
		    text);
		if (w < 0 || (size_t)w >= len - used) {
			break;
		}
		used += (size_t)w;
	}
}

/* Does the answer hold addr? */
static bool
answer_has(const struct dns_answer *a, const struct rdns_addr *addr)
{
	size_t i;

	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		if (rdns_addr_equal(&a->rr[i].addr, addr)) {
			return true;
		}
	}
	return false;
}

/* name without its trailing dot, for "set the banner to NAME". */
static const char *
bare(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	if (n > 1 && name[n - 1] == '.') {
		n--;
	}
	snprintf(buf, len, "%.*s", (int)n, name);
	return buf;
}

/* The PTR name of r equal to name, or NULL. */
static const struct fcrdns_name *
ptr_named(const struct fcrdns_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (rdns_name_equal(r->names[i].name, name)) {
			return &r->names[i];
		}
	}
	return NULL;
}

/* The first PTR name that confirms, else the first one. */
static const struct fcrdns_name *
ptr_best(const struct fcrdns_result *r)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result == FCRDNS_NAME_CONFIRMS) {
			return &r->names[i];
		}
	}
	return r->nnames > 0 ? &r->names[0] : NULL;
}

/* The first PTR name that does not confirm, or NULL. */
static const struct fcrdns_name *
ptr_unconfirmed(const struct fcrdns_result *r)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result != FCRDNS_NAME_CONFIRMS) {
			return &r->names[i];
		}
	}
	return NULL;
}

bool
helo_needs_forward(const struct helo_claim *c, const struct fcrdns_result *r)
{
	return r->ptr_status == DNS_OK && ptr_named(r, c->name) == NULL;
}

/* The judgement proper; v->text before the IPv6 hint. */
static void
judge(const struct helo_claim *c, const struct fcrdns_result *r,
    const struct dns_answer *fwd, bool strict, enum state timeout_state,
    struct verdict *v, enum helo_match *match)
{
	const struct fcrdns_name *same = ptr_named(r, c->name);
	const struct fcrdns_name *best = ptr_best(r);
	const struct fcrdns_name *bad = ptr_unconfirmed(r);
	char a[RDNS_ADDR_TEXT_MAX];
	char to[160];
	char to2[160];
	char plain[RDNS_NAME_TEXT_MAX];
	const char *rtype = c->addr.family == AF_INET ? "A" : "AAAA";
	const char *word = c->word;
	char name[RDNS_NAME_TEXT_MAX];
	enum state st;

	/* The name may come from a banner or a header: escape it. */
	output_sanitize(name, sizeof(name), c->name, strlen(c->name));
	if (rdns_addr_format(&c->addr, a, sizeof(a)) != 0) {
		snprintf(a, sizeof(a), "?");
	}
	if (r->ptr_status != DNS_OK && !dns_status_unsure(r->ptr_status)) {
		say(v, STATE_CRITICAL, PIECE_PTR,
		    "%s has no PTR record (%s), %s %s: the holder of the "
		    "address block must add PTR %s%s%s",
		    a, dns_status_str(r->ptr_status), word, name, name,
		    r->zone != NULL ? " in zone " : "",
		    r->zone != NULL ? r->zone : "");
		return;
	}
	if (r->ptr_status != DNS_OK || best == NULL) {
		say(v, timeout_state, PIECE_DNS,
		    "%s: could not tell the PTR, %s", a,
		    r->ptr_error != NULL ? r->ptr_error
		                         : dns_status_str(r->ptr_status));
		return;
	}
	if (same != NULL && same->result == FCRDNS_NAME_CONFIRMS) {
		*match = HELO_MATCHES;
		if (bad != NULL) {
			helo_name_target(bad, to, sizeof(to));
			say(v, STATE_WARNING, PIECE_PTR,
			    "%s: %s %s = PTR, but PTR %s -> %s: a receiver may "
			    "pick that name, remove it",
			    a, word, name, bad->name, to);
			return;
		}
		say(v, STATE_OK, PIECE_NONE, "%s: %s %s = PTR %s -> %s", a,
		    word, name, same->name, a);
		return;
	}
	if (same != NULL) {
		helo_name_target(same, to, sizeof(to));
		if (same->result == FCRDNS_NAME_UNSURE) {
			say(v, timeout_state, PIECE_DNS,
			    "%s: %s %s = PTR, but could not tell whether it "
			    "resolves back: %s",
			    a, word, name, to);
			return;
		}
		say(v, STATE_CRITICAL, PIECE_FORWARD,
		    "%s: %s %s = PTR, but %s -> %s: FCrDNS fails, set the %s "
		    "record of %s to %s",
		    a, word, name, same->name, to, rtype, name, a);
		return;
	}
	/* The name differs from every PTR name. */
	if (fwd == NULL || dns_status_unsure(fwd->status)) {
		say(v, timeout_state, PIECE_DNS,
		    "%s: %s %s, PTR %s, could not tell whether %s resolves "
		    "to %s: %s",
		    a, word, name, best->name, name, a,
		    fwd != NULL ? fwd->error : "not asked");
		return;
	}
	answer_target(fwd, to, sizeof(to));
	if (answer_has(fwd, &c->addr)) {
		st = strict ? STATE_CRITICAL : STATE_WARNING;
		if (best->result != FCRDNS_NAME_CONFIRMS) {
			st = STATE_CRITICAL;
		}
		say(v, st, PIECE_HELO,
		    "%s: %s %s, PTR %s, %s -> %s: set the PTR to %s at the "
		    "IP owner, or the %s to %s",
		    a, word, name, best->name, name, to, name, word,
		    bare(best->name, plain, sizeof(plain)));
		return;
	}
	if (best->result == FCRDNS_NAME_CONFIRMS) {
		say(v, STATE_CRITICAL, PIECE_HELO,
		    "%s: %s %s, PTR %s, %s -> %s: set the %s to %s, or the "
		    "PTR to %s at the IP owner and the %s record of %s to %s",
		    a, word, name, best->name, name, to, word,
		    bare(best->name, plain, sizeof(plain)), name, rtype, name,
		    a);
		return;
	}
	helo_name_target(best, to2, sizeof(to2));
	say(v, STATE_CRITICAL, PIECE_FORWARD,
	    "%s: %s %s, PTR %s, %s -> %s, %s -> %s: nothing resolves back, "
	    "fix the PTR at the IP owner and the %s record, or the %s",
	    a, word, name, best->name, name, to, best->name, to2, rtype, word);
}

bool
helo_judge_syntax(const struct helo_claim *c, struct verdict *v)
{
	enum rdns_name_check nc = rdns_name_check(c->name);
	char a[RDNS_ADDR_TEXT_MAX];
	char shown[RDNS_NAME_TEXT_MAX];

	if (nc == RDNS_NAME_VALID) {
		return false;
	}
	if (rdns_addr_format(&c->addr, a, sizeof(a)) != 0) {
		snprintf(a, sizeof(a), "?");
	}
	output_sanitize(shown, sizeof(shown), c->name, strlen(c->name));
	say(v, STATE_CRITICAL, PIECE_HELO, "%s: %s %s %s%s", a, c->word, shown,
	    nc == RDNS_NAME_ADDRESS_LITERAL
	        ? "is an address literal, which never matches a PTR"
	    : nc == RDNS_NAME_NOT_FQDN
	        ? "is not a fully-qualified domain name (receivers reject "
	          "it: Postfix reject_non_fqdn_helo_hostname)"
	        : "is not a valid host name: ",
	    nc == RDNS_NAME_ADDRESS_LITERAL || nc == RDNS_NAME_NOT_FQDN
	        ? ""
	        : rdns_name_check_str(nc));
	return true;
}

void
helo_judge(const struct helo_claim *c, const struct fcrdns_result *r,
    const struct dns_answer *fwd, const struct helo_policy *p,
    struct verdict *v, enum helo_match *match)
{
	enum helo_match m = HELO_DIFFERS;

	judge(c, r, fwd, p->strict, p->timeout_state, v, &m);
	if (match != NULL) {
		*match = m;
	}
	/*
	 * A dual-stack MTA sends over IPv6 wherever the receiver has an
	 * AAAA MX: that path needs its own PTR, or the MTA must stay on
	 * IPv4. "Could not tell" is not a finding to add advice to.
	 */
	if (c->ipv6_egress && c->addr.family == AF_INET6 && !v->unsure &&
	    (v->state == STATE_CRITICAL || v->state == STATE_WARNING)) {
		verdict_append(v,
		    " (mail to IPv6 receivers leaves from here: add this "
		    "IPv6 PTR, or keep the MTA on IPv4 - Postfix "
		    "inet_protocols = ipv4 or smtp_bind_address6)");
	}
}

bool
helo_judge_smtp(const struct helo_conversation *c, enum state timeout_state,
    struct verdict *v)
{
	char text[SMTP_LINE_MAX * 4];
	enum state st = STATE_CRITICAL;
	const struct smtp_reply *g = c->greet;

	if (c->st == SMTP_FAIL_TIMEOUT) {
		st = timeout_state;
	} else if (c->st == SMTP_FAIL_INTERNAL) {
		st = STATE_UNKNOWN;
	}
	if (c->st != SMTP_OK && c->step != NULL &&
	    strcmp(c->step, "connect") == 0) {
		verdict_set(v, st, PIECE_SMTP, FIXER_MAIL_ADMIN,
		    "cannot connect to %s: %s", c->where, c->sess->error);
		return true;
	}
	if (c->st != SMTP_OK && !c->greeted) {
		verdict_set(v, st, PIECE_SMTP, FIXER_MAIL_ADMIN,
		    "%s: no usable greeting: %s", c->where, c->sess->error);
		return true;
	}
	if (g->code != 220) {
		output_sanitize(text, sizeof(text), g->first, strlen(g->first));
		verdict_set(v, STATE_CRITICAL, PIECE_SMTP, FIXER_MAIL_ADMIN,
		    "%s: greeting %d %s: the server %s", c->where, g->code,
		    text,
		    g->code / 100 == 4   ? "turns mail away for now"
		    : g->code / 100 == 5 ? "refuses mail"
		                         : "does not greet with 220 (RFC 5321 "
		                           "4.2)");
		return true;
	}
	if (c->st != SMTP_OK) {
		verdict_set(v, st, PIECE_SMTP, FIXER_MAIL_ADMIN,
		    "%s: %s failed: %s", c->where, c->step, c->sess->error);
		return true;
	}
	if (c->reflect && c->ehlo->code != 250) {
		/* A receiver that refuses our HELO name refuses our mail. */
		output_sanitize(text, sizeof(text), c->ehlo->first,
		    strlen(c->ehlo->first));
		verdict_set(v, STATE_CRITICAL, PIECE_HELO, FIXER_MAIL_ADMIN,
		    "%s refused %s %s: %d %s", c->where,
		    c->sess->used_helo ? "HELO" : "EHLO", c->ehlo_sent,
		    c->ehlo->code, text);
		return true;
	}
	if (c->need_banner && c->banner[0] == '\0') {
		verdict_set(v, STATE_CRITICAL, PIECE_HELO, FIXER_MAIL_ADMIN,
		    "%s: the greeting names no host (220 needs a domain, RFC "
		    "5321 4.3.1)",
		    c->where);
		return true;
	}
	return false;
}

bool
helo_judge_greeting(const struct helo_conversation *c, struct verdict *v)
{
	char b[RDNS_NAME_TEXT_MAX];
	char e[RDNS_NAME_TEXT_MAX];

	if (!c->ehlo_done) {
		return false;
	}
	if (c->ehlo->code != 250) {
		output_sanitize(e, sizeof(e), c->ehlo->first,
		    strlen(c->ehlo->first));
		verdict_set(v, STATE_WARNING, PIECE_HELO, FIXER_MAIL_ADMIN,
		    "%s: %s %s refused: %d %s", c->addr,
		    c->sess->used_helo ? "HELO" : "EHLO", c->ehlo_sent,
		    c->ehlo->code, e);
		return true;
	}
	if (c->ehlo_name[0] != '\0' && c->banner[0] != '\0' &&
	    !rdns_name_equal(c->ehlo_name, c->banner) &&
	    strcmp(c->ehlo_name, c->banner) != 0) {
		output_sanitize(b, sizeof(b), c->banner, strlen(c->banner));
		output_sanitize(e, sizeof(e), c->ehlo_name,
		    strlen(c->ehlo_name));
		verdict_set(v, STATE_WARNING, PIECE_HELO, FIXER_MAIL_ADMIN,
		    "%s: greeting name %s and EHLO name %s differ", c->addr, b,
		    e);
		return true;
	}
	return false;
}

bool
helo_judge_response(const char *where, double seconds,
    const struct thresholds *th, struct verdict *v)
{
	enum state st = (enum state)thresholds_state(th, seconds);

	if (st == STATE_OK) {
		return false;
	}
	verdict_set(v, st, PIECE_TIMING, FIXER_NONE,
	    "%s: the SMTP conversation (connect, greeting, EHLO) took %.3f s",
	    where, seconds);
	return true;
}
