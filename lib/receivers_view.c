/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "receivers_view.h"

/*
 * receivers_view: the operator decides what a receiver's answer is worth
 * (a 4xx is a delay, a 5xx a bounce); lib applies it.
 */

void
receivers_policy_init(struct receivers_policy *p)
{
	p->select = RECEIVERS_DEFAULT;
	p->reject = STATE_CRITICAL;
	p->defer = STATE_WARNING;
	p->score = STATE_OK;
}

int
receivers_policy_parse(const char *arg, struct receivers_policy *p, char *err,
    size_t errlen)
{
	char item[64];
	const char *s = arg;
	const char *comma;
	char *eq;
	enum state st;
	size_t n;

	while (*s != '\0') {
		comma = strchr(s, ',');
		n = comma != NULL ? (size_t)(comma - s) : strlen(s);
		if (n == 0 || n >= sizeof(item)) {
			snprintf(err, errlen,
			    "invalid --receiver-states: expected "
			    "OUTCOME=STATE,... (reject, defer, score)");
			return -1;
		}
		memcpy(item, s, n);
		item[n] = '\0';
		eq = strchr(item, '=');
		if (eq == NULL || state_parse(eq + 1, &st) != 0) {
			snprintf(err, errlen,
			    "invalid --receiver-states item '%.60s': expected "
			    "reject, defer or "
			    "score=ok|warning|critical|unknown",
			    item);
			return -1;
		}
		*eq = '\0';
		if (strcasecmp(item, "reject") == 0) {
			p->reject = st;
		} else if (strcasecmp(item, "defer") == 0) {
			p->defer = st;
		} else if (strcasecmp(item, "score") == 0) {
			p->score = st;
		} else {
			snprintf(err, errlen,
			    "invalid --receiver-states outcome '%.40s': "
			    "expected reject, defer or score",
			    item);
			return -1;
		}
		s += n;
		if (*s == ',') {
			s++;
		}
	}
	return 0;
}

void
receivers_view(const struct receivers_result *r,
    const struct receivers_policy *p, const char *addr_text, struct verdict *v,
    char *cause, size_t causelen)
{
	const struct receivers_verdict *w = receivers_worst(r);
	char summary[RECEIVERS_SUMMARY_MAX];
	char shown[RECEIVERS_SUMMARY_MAX];
	enum state st = STATE_OK;
	bool helo;

	summary[0] = '\0';
	(void)receivers_summary(r, summary, sizeof(summary));
	if (w == NULL || summary[0] == '\0') {
		snprintf(summary, sizeof(summary),
		    "every selected receiver accepts");
	} else if (w->outcome == RECEIVERS_REJECT) {
		st = p->reject;
	} else if (w->outcome == RECEIVERS_DEFER) {
		st = p->defer;
	} else if (w->outcome == RECEIVERS_SCORE) {
		st = p->score;
	}
	/* The summary holds names from DNS and the HELO as sent. */
	output_sanitize(shown, sizeof(shown), summary, strlen(summary));
	/* A HELO rule is the mail admin's to fix, a client rule the PTR's. */
	helo = w != NULL && strcasestr(w->rule, "helo") != NULL;
	verdict_set(v, st,
	    st == STATE_OK ? PIECE_NONE
	    : helo         ? PIECE_HELO
	                   : PIECE_PTR,
	    st == STATE_OK ? FIXER_NONE
	    : helo         ? FIXER_MAIL_ADMIN
	                   : FIXER_ZONE_HOLDER,
	    "%s: receivers: %s", addr_text, shown);
	snprintf(cause, causelen, "receivers: %s", shown);
	v->cause = cause;
}
