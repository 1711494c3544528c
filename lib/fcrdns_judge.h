/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * fcrdns_judge: the verdict on one address's FCrDNS walk (lib/fcrdns), as
 * check_fcrdns reports it, and the summary of a run over many addresses.
 *
 * Pure: a walk result and a policy in, a verdict out. Nothing here prints,
 * allocates or does I/O.
 */
#ifndef RDNS_FCRDNS_JUDGE_H
#define RDNS_FCRDNS_JUDGE_H

#include <stddef.h>

#include "fcrdns.h"
#include "output.h"
#include "range.h"
#include "verdict.h"

/* What the plugin chose. */
struct fcrdns_policy {
	const char *const *expect; /* -e names (any of them), nexpect */
	size_t nexpect;
	enum state generic_state;    /* a generic name (STATE_OK: not said) */
	enum state timeout_state;    /* the DNS could not tell */
	const struct thresholds *th; /* on the PTR lookup time, or NULL */
};

/*
 * Judge r. prefix: where the address came from ("mail.example.com: ",
 * targets_origin_prefix), or "". host: the name the operator gave when
 * the address is one of its addresses (the PTR should name it), else
 * NULL.
 *
 *   -t state  the PTR or every forward lookup could not tell
 *   CRITICAL  no PTR (verdict_no_ptr); no PTR name resolves back; with
 *             -e, the confirmed PTR is not an expected name
 *   WARNING   only some PTR names resolve back; the PTR does not name
 *             host (alignment)
 *   generic   a generic PTR name, at the generic state (OK: not said)
 *   -w/-c     the PTR lookup time outside the thresholds
 *   OK        "ADDR -> NAMES -> ADDR"
 *
 * v->tally says which count of the run the address adds to, v->cause what
 * groups it with other addresses of a range.
 */
void fcrdns_judge(const struct fcrdns_result *r, const char *prefix,
    const char *host, const struct fcrdns_policy *p, struct verdict *v);

/* What a run checked, for its status line. */
struct fcrdns_run_facts {
	size_t addresses;   /* distinct addresses walked */
	const char *domain; /* the one -D domain when it is all there is, or
	                       NULL */
	bool implicit_mx;   /* that domain has no MX */
	size_t mx_hosts;    /* that domain's MX hosts */
};

/*
 * The status line of a run with more than one verdict: "[DOMAIN: N MX
 * hosts, ]N addresses: N confirmed[, N partly], N failed[, N could not
 * tell][, worst: TEXT]" into buf.
 */
void fcrdns_judge_summary(const struct verdict_tally_sum *t,
    const struct fcrdns_run_facts *f, char *buf, size_t len);

#endif /* RDNS_FCRDNS_JUDGE_H */
