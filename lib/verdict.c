/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dns.h"
#include "rdns.h"
#include "verdict.h"

/*
 * verdict: the result struct of the judges, and the phrases two judges
 * would otherwise each write ("has no PTR record ... must add one" had
 * three copies that drifted apart).
 */

const char *
verdict_piece_str(enum verdict_piece p)
{
	switch (p) {
	case PIECE_NONE:
		return "none";
	case PIECE_PTR:
		return "ptr";
	case PIECE_FORWARD:
		return "forward";
	case PIECE_HELO:
		return "helo";
	case PIECE_MX:
		return "mx";
	case PIECE_INPUT:
		return "input";
	case PIECE_DNS:
		return "dns";
	case PIECE_SMTP:
		return "smtp";
	case PIECE_TIMING:
		return "timing";
	case PIECE_SPF:
		return "spf";
	}
	return "none";
}

const char *
verdict_fixer_str(enum verdict_fixer f)
{
	switch (f) {
	case FIXER_NONE:
		return "none";
	case FIXER_ZONE_HOLDER:
		return "reverse zone holder";
	case FIXER_MAIL_ADMIN:
		return "mail admin";
	case FIXER_OPERATOR:
		return "operator";
	}
	return "none";
}

void
verdict_set(struct verdict *v, enum state st, enum verdict_piece piece,
    enum verdict_fixer fixer, const char *fmt, ...)
{
	va_list ap;

	memset(v, 0, sizeof(*v));
	v->state = st;
	v->piece = piece;
	v->fixer = fixer;
	v->unsure = piece == PIECE_DNS;
	v->tally = TALLY_NONE;
	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
}

void
verdict_detail(struct verdict *v, const char *fmt, ...)
{
	va_list ap;

	memset(v, 0, sizeof(*v));
	v->state = STATE_OK;
	v->detail = true;
	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
}

void
verdict_append(struct verdict *v, const char *fmt, ...)
{
	size_t n = strlen(v->text);
	va_list ap;

	if (n + 1 >= sizeof(v->text)) {
		return;
	}
	va_start(ap, fmt);
	vsnprintf(v->text + n, sizeof(v->text) - n, fmt, ap);
	va_end(ap);
}

void
verdict_zone_hint(const char *zone, const char *contact, char *buf, size_t len)
{
	if (zone == NULL || zone[0] == '\0') {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, len, " (reverse zone %s, contact %s)", zone,
	    contact != NULL && contact[0] != '\0' ? contact : "?");
}

void
verdict_no_ptr(struct verdict *v, const char *prefix, const char *addr,
    const char *status, const char *zone, const char *contact)
{
	char hint[2 * RDNS_NAME_TEXT_MAX + 40];

	verdict_zone_hint(zone, contact, hint, sizeof(hint));
	verdict_set(v, STATE_CRITICAL, PIECE_PTR, FIXER_ZONE_HOLDER,
	    "%s%s has no PTR record (%s)%s: the holder of the address block "
	    "must add one",
	    prefix, addr, status, hint);
	v->tally = TALLY_FAILED;
}

void
verdict_join_names(const struct dns_answer *a, char *buf, size_t len)
{
	char tail[32];
	size_t i;
	size_t used = 0;
	size_t n;

	buf[0] = '\0';
	for (i = 0; i < a->nrr; i++) {
		size_t sep = i > 0 ? 2 : 0;

		n = strlen(a->rr[i].data);
		/* Keep room for the tail that counts the rest. */
		if (used + sep + n + sizeof(tail) >= len) {
			break;
		}
		memcpy(buf + used, ", ", sep);
		memcpy(buf + used + sep, a->rr[i].data, n);
		used += sep + n;
		buf[used] = '\0';
	}
	if (i < a->nrr || a->nrr_more > 0) {
		/* nrr_more: records past what lib/dns keeps of an answer. */
		n = (size_t)snprintf(tail, sizeof(tail), "%s(and %zu more)",
		    i > 0 ? " " : "", a->nrr - i + a->nrr_more);
		if (used + n < len) {
			memcpy(buf + used, tail, n + 1);
		}
	}
}

void
verdict_tally_init(struct verdict_tally_sum *t)
{
	memset(t, 0, sizeof(*t));
	t->worst = STATE_OK;
}

void
verdict_tally_add(struct verdict_tally_sum *t, const struct verdict *v)
{
	switch (v->tally) {
	case TALLY_CONFIRMED:
		t->confirmed++;
		break;
	case TALLY_PARTIAL:
		t->partial++;
		break;
	case TALLY_FAILED:
		t->failed++;
		break;
	case TALLY_UNSURE:
		t->unsure++;
		break;
	case TALLY_NONE:
		break;
	}
	if (t->results == 0 || (state_worst(t->worst, v->state) == v->state &&
	                           v->state != t->worst)) {
		t->worst = v->state;
		snprintf(t->worst_text, sizeof(t->worst_text), "%s", v->text);
	}
	t->results++;
}
