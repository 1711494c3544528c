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

static void say(struct helo_verdict *v, enum state st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct helo_verdict *v, enum state st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
	v->state = st;
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
    struct helo_verdict *v)
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
		say(v, STATE_CRITICAL,
		    "%s has no PTR record (%s), %s %s: the holder of the "
		    "address block must add PTR %s%s%s",
		    a, dns_status_str(r->ptr_status), word, name, name,
		    r->zone != NULL ? " in zone " : "",
		    r->zone != NULL ? r->zone : "");
		return;
	}
	if (r->ptr_status != DNS_OK || best == NULL) {
		v->unsure = true;
		say(v, timeout_state, "%s: could not tell the PTR, %s", a,
		    r->ptr_error != NULL ? r->ptr_error
		                         : dns_status_str(r->ptr_status));
		return;
	}
	if (same != NULL && same->result == FCRDNS_NAME_CONFIRMS) {
		v->match = true;
		if (bad != NULL) {
			helo_name_target(bad, to, sizeof(to));
			say(v, STATE_WARNING,
			    "%s: %s %s = PTR, but PTR %s -> %s: a receiver may "
			    "pick that name, remove it",
			    a, word, name, bad->name, to);
			return;
		}
		say(v, STATE_OK, "%s: %s %s = PTR %s -> %s", a, word, name,
		    same->name, a);
		return;
	}
	if (same != NULL) {
		helo_name_target(same, to, sizeof(to));
		if (same->result == FCRDNS_NAME_UNSURE) {
			v->unsure = true;
			say(v, timeout_state,
			    "%s: %s %s = PTR, but could not tell whether it "
			    "resolves back: %s",
			    a, word, name, to);
			return;
		}
		say(v, STATE_CRITICAL,
		    "%s: %s %s = PTR, but %s -> %s: FCrDNS fails, set the %s "
		    "record of %s to %s",
		    a, word, name, same->name, to, rtype, name, a);
		return;
	}
	/* The name differs from every PTR name. */
	if (fwd == NULL || dns_status_unsure(fwd->status)) {
		v->unsure = true;
		say(v, timeout_state,
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
		say(v, st,
		    "%s: %s %s, PTR %s, %s -> %s: set the PTR to %s at the "
		    "IP owner, or the %s to %s",
		    a, word, name, best->name, name, to, name, word,
		    bare(best->name, plain, sizeof(plain)));
		return;
	}
	if (best->result == FCRDNS_NAME_CONFIRMS) {
		say(v, STATE_CRITICAL,
		    "%s: %s %s, PTR %s, %s -> %s: set the %s to %s, or the "
		    "PTR to %s at the IP owner and the %s record of %s to %s",
		    a, word, name, best->name, name, to, word,
		    bare(best->name, plain, sizeof(plain)), name, rtype, name,
		    a);
		return;
	}
	helo_name_target(best, to2, sizeof(to2));
	say(v, STATE_CRITICAL,
	    "%s: %s %s, PTR %s, %s -> %s, %s -> %s: nothing resolves back, "
	    "fix the PTR at the IP owner and the %s record, or the %s",
	    a, word, name, best->name, name, to, best->name, to2, rtype, word);
}

void
helo_judge(const struct helo_claim *c, const struct fcrdns_result *r,
    const struct dns_answer *fwd, bool strict, enum state timeout_state,
    struct helo_verdict *v)
{
	size_t n;

	memset(v, 0, sizeof(*v));
	judge(c, r, fwd, strict, timeout_state, v);
	/*
	 * A dual-stack MTA sends over IPv6 wherever the receiver has an
	 * AAAA MX: that path needs its own PTR, or the MTA must stay on
	 * IPv4. "Could not tell" is not a finding to add advice to.
	 */
	if (c->ipv6_egress && c->addr.family == AF_INET6 && !v->unsure &&
	    (v->state == STATE_CRITICAL || v->state == STATE_WARNING)) {
		n = strlen(v->text);
		snprintf(v->text + n, sizeof(v->text) - n,
		    " (mail to IPv6 receivers leaves from here: add this "
		    "IPv6 PTR, or keep the MTA on IPv4 - Postfix "
		    "inet_protocols = ipv4 or smtp_bind_address6)");
	}
}
