/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * receivers_view: the receivers' view of one address as a verdict of the
 * suite (lib/verdict.h): which receivers would defer, reject or score its
 * mail (lib/receivers), and the state the operator gave each outcome.
 *
 * Pure: a receivers_result and a policy in, a verdict out.
 */
#ifndef RDNS_RECEIVERS_VIEW_H
#define RDNS_RECEIVERS_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "output.h"
#include "receivers.h"
#include "verdict.h"

/* What the plugin chose: the receivers, and a state per outcome. */
struct receivers_policy {
	unsigned select;   /* an OR of enum receivers_id */
	enum state reject; /* a 5xx (default CRITICAL) */
	enum state defer;  /* a 4xx (default WARNING) */
	enum state score;  /* marked as spam (default OK) */
};

/* The defaults: RECEIVERS_DEFAULT, CRITICAL, WARNING, OK. */
void receivers_policy_init(struct receivers_policy *p);

/*
 * Parse --receiver-states: "reject=critical,defer=warning,score=ok" (any
 * subset, any order; ok, warning, critical or unknown) into p. Returns 0,
 * or -1 with a one-line reason in err.
 */
int receivers_policy_parse(const char *arg, struct receivers_policy *p,
    char *err, size_t errlen);

/*
 * The verdict of r for the address addr_text: the state of the worst
 * outcome under p, and "ADDR: receivers: Postfix
 * reject_unknown_client_hostname would answer 450 4.7.25, Gmail 550 5.7.25"
 * (or "ADDR: receivers: every selected receiver accepts"). The names in
 * the text are escaped. v->cause is the summary after "receivers: ", so
 * that addresses a range shares one line.
 */
void receivers_view(const struct receivers_result *r,
    const struct receivers_policy *p, const char *addr_text, struct verdict *v,
    char *cause, size_t causelen);

#endif /* RDNS_RECEIVERS_VIEW_H */
