/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "fcrdns_judge.h"
#include "generic.h"
#include "rdns.h"

/*
 * fcrdns_judge: design.md's FCrDNS rows. The line shows each PTR name and
 * what it resolved to, and ends in the fix: the A/AAAA record (the mail
 * admin) or the PTR (the holder of the address block).
 */

/* Append printf text to buf at *used (silently cut when full). */
static void append(char *buf, size_t len, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (*used >= len) {
		return;
	}
	va_start(ap, fmt);
	w = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (w < 0) {
		return;
	}
	*used += (size_t)w < len - *used ? (size_t)w : len - *used - 1;
}

/* What one PTR name came to: "name -> 192.0.2.7, not 198.51.100.10". */
static void
name_phrase(const struct fcrdns_name *nm, const char *addr, const char *rr,
    char *buf, size_t len, size_t *used)
{
	char text[RDNS_ADDR_TEXT_MAX];
	size_t k;

	append(buf, len, used, "%s", nm->name);
	if (nm->cname != NULL) {
		append(buf, len, used, " (CNAME to %s)", nm->cname);
	}
	switch (nm->result) {
	case FCRDNS_NAME_CONFIRMS:
		append(buf, len, used, " -> %s", addr);
		break;
	case FCRDNS_NAME_OTHER:
		append(buf, len, used, " -> ");
		for (k = 0; k < nm->naddr; k++) {
			if (rdns_addr_format(&nm->addr[k], text,
			        sizeof(text)) != 0) {
				continue;
			}
			append(buf, len, used, "%s%s", k > 0 ? ", " : "", text);
		}
		if (nm->naddr_total > nm->naddr) {
			append(buf, len, used, " (and %zu more)",
			    nm->naddr_total - nm->naddr);
		}
		append(buf, len, used, ", not %s", addr);
		break;
	case FCRDNS_NAME_NXDOMAIN:
		append(buf, len, used, " does not exist (NXDOMAIN)");
		break;
	case FCRDNS_NAME_NO_ADDRESS:
		append(buf, len, used, " has no %s record", rr);
		break;
	case FCRDNS_NAME_INVALID:
		append(buf, len, used, " is not a valid host name (%s)",
		    rdns_name_check_str(nm->check));
		break;
	case FCRDNS_NAME_UNSURE:
		append(buf, len, used, ": could not tell its %s record, %s", rr,
		    nm->error != NULL ? nm->error : "error");
		break;
	case FCRDNS_NAME_NOT_ASKED:
		append(buf, len, used, " (not checked: more than %d PTR names)",
		    FCRDNS_MAX_NAMES);
		break;
	}
}

/* Why one PTR name does not confirm, as a group of a range says it. */
static const char *
name_cause(enum fcrdns_name_result res)
{
	switch (res) {
	case FCRDNS_NAME_OTHER:
		return "the PTR name resolves to another address";
	case FCRDNS_NAME_NXDOMAIN:
		return "the PTR name does not exist";
	case FCRDNS_NAME_NO_ADDRESS:
		return "the PTR name has no address";
	case FCRDNS_NAME_INVALID:
		return "the PTR is not a valid host name";
	default:
		return "no PTR name resolves back";
	}
}

/* The fix for a result whose names all fail, and who makes it. */
static const char *
fix_hint(const struct fcrdns_result *r, bool v6, enum verdict_piece *piece)
{
	size_t i;
	bool invalid_only = true;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result != FCRDNS_NAME_INVALID) {
			invalid_only = false;
		}
	}
	*piece = PIECE_FORWARD;
	if (invalid_only) {
		*piece = PIECE_PTR;
		return "fix the PTR";
	}
	if (r->nnames == 1 && r->names[0].result != FCRDNS_NAME_OTHER) {
		return v6 ? "add the AAAA record or fix the PTR"
		          : "add the A record or fix the PTR";
	}
	return v6 ? "fix the AAAA record or the PTR"
	          : "fix the A record or the PTR";
}

/* "PREFIX ADDR -> NAMES..." of a result that has PTR names. */
static void
names_line(const struct fcrdns_result *r, const char *prefix, const char *addr,
    char *line, size_t len)
{
	const char *rr = r->addr.family == AF_INET6 ? "AAAA" : "A";
	size_t used = 0;
	size_t i;

	line[0] = '\0';
	append(line, len, &used, "%s%s -> ", prefix, addr);
	if (r->verdict == FCRDNS_CONFIRMED) {
		for (i = 0; i < r->nnames; i++) {
			append(line, len, &used, "%s%s", i > 0 ? ", " : "",
			    r->names[i].name);
			if (r->names[i].cname != NULL) {
				append(line, len, &used, " (CNAME to %s)",
				    r->names[i].cname);
			}
		}
		append(line, len, &used, " -> %s", addr);
		return;
	}
	for (i = 0; i < r->nnames; i++) {
		if (i > 0) {
			append(line, len, &used, ", ");
		}
		name_phrase(&r->names[i], addr, rr, line, len, &used);
	}
}

/* Is a PTR name of r one of the expected names? */
static bool
expected(const struct fcrdns_result *r, const struct fcrdns_policy *p)
{
	size_t i;
	size_t k;

	for (i = 0; i < r->nnames; i++) {
		for (k = 0; k < p->nexpect; k++) {
			if (rdns_name_equal(p->expect[k], r->names[i].name)) {
				return true;
			}
		}
	}
	return false;
}

/* A confirmed address: generic name, alignment, lookup time, or OK. */
static void
judge_confirmed(const struct fcrdns_result *r, const char *line,
    const char *host, const struct fcrdns_policy *p, struct verdict *v)
{
	struct generic_result g = {GENERIC_SPECIFIC, 0, ""};
	const char *gname = NULL;
	enum state tst;
	size_t i;

	if (p->nexpect > 0 && !expected(r, p)) {
		verdict_set(v, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s, but expected %s: fix the PTR", line, p->expect[0]);
		v->cause = "the PTR is not the expected name";
		return;
	}
	for (i = 0; i < r->nnames && gname == NULL; i++) {
		generic_classify(&r->addr, r->names[i].name, &g);
		if (g.verdict == GENERIC_GENERIC) {
			gname = r->names[i].name;
		}
	}
	if (gname != NULL && p->generic_state != STATE_OK) {
		char reason[GENERIC_REASON_MAX];

		output_sanitize(reason, sizeof(reason), g.reason,
		    strlen(g.reason));
		verdict_set(v, p->generic_state, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s, but %s looks generic: %s, ask the holder of the "
		    "address block for a specific PTR",
		    line, gname, reason);
		v->cause = "the PTR name looks generic";
		return;
	}
	if (host != NULL && !fcrdns_aligned(r, host)) {
		verdict_set(v, STATE_WARNING, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s, but the PTR names %s, not %s: the alignment is off, "
		    "point the PTR at %s",
		    line, r->names[0].name, host, host);
		v->cause = "the PTR does not name the host";
		return;
	}
	tst = p->th != NULL
	          ? (enum state)thresholds_state(p->th, r->ptr_elapsed)
	          : STATE_OK;
	if (tst != STATE_OK) {
		verdict_set(v, tst, PIECE_TIMING, FIXER_NONE,
		    "%s, but the PTR lookup took %.3f s", line, r->ptr_elapsed);
		v->cause = "the PTR lookup was slow";
		return;
	}
	verdict_set(v, STATE_OK, PIECE_NONE, FIXER_NONE, "%s", line);
	v->cause = "confirmed";
}

void
fcrdns_judge(const struct fcrdns_result *r, const char *prefix,
    const char *host, const struct fcrdns_policy *p, struct verdict *v)
{
	char addr[RDNS_ADDR_TEXT_MAX];
	char line[VERDICT_TEXT_MAX];
	bool v6 = r->addr.family == AF_INET6;
	enum verdict_piece piece;
	const char *fix;

	if (rdns_addr_format(&r->addr, addr, sizeof(addr)) != 0) {
		snprintf(addr, sizeof(addr), "?");
	}
	if (r->verdict == FCRDNS_UNSURE && r->nnames == 0) {
		verdict_set(v, p->timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s%s: could not tell, %s", prefix, addr,
		    r->ptr_error != NULL ? r->ptr_error : "error");
		v->tally = TALLY_UNSURE;
		v->cause = "could not tell the PTR";
		return;
	}
	if (r->nnames == 0) {
		verdict_no_ptr(v, prefix, addr, dns_status_str(r->ptr_status),
		    r->zone, r->zone_contact);
		v->cause = "no PTR record";
		return;
	}
	names_line(r, prefix, addr, line, sizeof(line));
	switch (r->verdict) {
	case FCRDNS_NOT_CONFIRMED:
		fix = fix_hint(r, v6, &piece);
		verdict_set(v, STATE_CRITICAL, piece,
		    piece == PIECE_PTR ? FIXER_ZONE_HOLDER : FIXER_MAIL_ADMIN,
		    "%s: %s%s", line,
		    r->nnames > 1 ? "no PTR name resolves back, " : "", fix);
		v->tally = TALLY_FAILED;
		v->cause = name_cause(
		    r->nnames == 1 ? r->names[0].result : FCRDNS_NAME_UNSURE);
		return;
	case FCRDNS_UNSURE:
		verdict_set(v, p->timeout_state, PIECE_DNS, FIXER_NONE,
		    "%s: could not tell whether it resolves back", line);
		v->tally = TALLY_UNSURE;
		v->cause = "could not tell whether the PTR name resolves back";
		return;
	case FCRDNS_PARTIAL:
		verdict_set(v, STATE_WARNING, PIECE_PTR, FIXER_ZONE_HOLDER,
		    "%s: only %zu of %zu PTR names resolve back, a receiver "
		    "may pick another: remove the stray PTR or fix its %s "
		    "record",
		    line, r->nconfirm, r->nnames, v6 ? "AAAA" : "A");
		v->tally = TALLY_PARTIAL;
		v->cause = "only some PTR names resolve back";
		return;
	case FCRDNS_CONFIRMED:
		break;
	}
	judge_confirmed(r, line, host, p, v);
	v->tally = TALLY_CONFIRMED;
}

void
fcrdns_judge_summary(const struct verdict_tally_sum *t,
    const struct fcrdns_run_facts *f, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	if (f->domain != NULL) {
		if (f->implicit_mx) {
			append(buf, len, &used,
			    "%s has no MX, implicit MX: ", f->domain);
		} else {
			append(buf, len, &used, "%s: %zu MX host%s, ",
			    f->domain, f->mx_hosts,
			    f->mx_hosts == 1 ? "" : "s");
		}
	}
	append(buf, len, &used, "%zu address%s: %zu confirmed", f->addresses,
	    f->addresses == 1 ? "" : "es", t->confirmed);
	if (t->partial > 0) {
		append(buf, len, &used, ", %zu partly", t->partial);
	}
	append(buf, len, &used, ", %zu failed", t->failed);
	if (t->unsure > 0) {
		append(buf, len, &used, ", %zu could not tell", t->unsure);
	}
	if (t->worst != STATE_OK) {
		append(buf, len, &used, ", worst: %s", t->worst_text);
	}
}
