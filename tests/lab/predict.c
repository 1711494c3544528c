/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * predict: the receivers' view of a client, through lib only, for the
 * receivers' lab (tests/integration/receivers.sh).
 *
 *   predict SERVER[#PORT] ADDRESS [HELO]
 *
 * Gathers the facts as a plugin does (lib/dns.c against SERVER: the PTR of
 * ADDRESS, A and AAAA of every PTR name, A, AAAA and MX of HELO, the
 * generic-name verdicts), calls receivers_judge() for every receiver and
 * prints one line per rule:
 *   RECEIVER|RULE|SETUP<TAB>STAGE CODE[ ENHANCED] TEXT<TAB>OUTCOME
 * ("RCPT 250" for an accept, "- 0 outcome text" for a published rule
 * without a code, "DATA 0 RULE=score,..." for SpamAssassin's rules), then
 * the summary line "summary<TAB>..." and the SpamAssassin rules the judge
 * knows, "spamassassin-rules<TAB>RULE,...".
 * Exit 0, 1 when the lookups could not be run, 2 on a usage error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "dns.h"
#include "generic.h"
#include "rdns.h"
#include "receivers.h"

#define PREDICT_TIMEOUT 10.0

static void
take(const struct dns_answer *a, struct receivers_fwd *fw)
{
	size_t i;

	fw->status = a->status;
	fw->n = 0;
	for (i = 0; i < a->nrr && fw->n < RECEIVERS_MAX_ADDR; i++) {
		fw->addr[fw->n++] = a->rr[i].addr;
	}
}

/* The HELO is a name to look up: not a literal, and a name lib/dns takes. */
static int
helo_queries(struct dns_batch *b, const char *helo, int idx[3])
{
	static const uint16_t types[3] = {DNS_T_A, DNS_T_AAAA, DNS_T_MX};
	size_t i;

	for (i = 0; i < 3; i++) {
		idx[i] = -1;
		if (helo != NULL && helo[0] != '[') {
			idx[i] = dns_batch_add(b, helo, types[i]);
		}
	}
	return 0;
}

int
main(int argc, char *argv[])
{
	struct dns_resolver res;
	struct dns_batch *b = NULL;
	struct receivers_facts f;
	struct receivers_result r;
	const struct dns_answer *a;
	char rev[RDNS_REVERSE_MAX], err[DNS_ERROR_MAX], server[64], line[2048];
	const char *servers[1];
	unsigned port = 53;
	int helo_idx[3], ptr_idx, fwd_idx[RECEIVERS_MAX_PTR][2];
	int mx_idx[RECEIVERS_MAX_ADDR][2];
	size_t nmx = 0;
	double deadline;
	char *hash;
	size_t i;
	int rc = 1;

	if (argc < 3 || argc > 4 || strlen(argv[1]) >= sizeof(server)) {
		fprintf(stderr,
		    "usage: predict SERVER[#PORT] ADDRESS [HELO]\n");
		return 2;
	}
	snprintf(server, sizeof(server), "%s", argv[1]);
	hash = strchr(server, '#');
	if (hash != NULL) {
		*hash = '\0';
		port = (unsigned)strtoul(hash + 1, NULL, 10);
	}
	receivers_facts_init(&f);
	if (rdns_addr_parse(argv[2], &f.client, NULL) != 0 ||
	    rdns_reverse_name(&f.client, rev, sizeof(rev)) != 0) {
		fprintf(stderr, "predict: bad address '%s'\n", argv[2]);
		return 2;
	}
	f.helo = argc == 4 ? argv[3] : NULL;
	servers[0] = server;
	if (dns_resolver_init(&res, servers, 1, port, false, NULL, err,
	        sizeof(err)) != 0) {
		fprintf(stderr, "predict: %s\n", err);
		return 1;
	}
	deadline = clock_now() + PREDICT_TIMEOUT;
	b = dns_batch_new(&res);
	if (b == NULL) {
		goto out;
	}
	/* Round 1: the PTR and the HELO name's answers. */
	ptr_idx = dns_batch_add(b, rev, DNS_T_PTR);
	helo_queries(b, f.helo, helo_idx);
	if (ptr_idx < 0 || dns_batch_run(b, deadline) != 0) {
		goto out;
	}
	a = dns_batch_answer(b, (size_t)ptr_idx);
	f.ptr_status = a->status;
	for (i = 0; i < a->nrr && f.nptr < RECEIVERS_MAX_PTR; i++) {
		struct generic_result g;
		struct receivers_ptr *p = &f.ptr[f.nptr++];

		snprintf(p->name, sizeof(p->name), "%s", a->rr[i].data);
		generic_classify(&f.client, p->name, &g);
		p->generic = g.verdict;
	}
	if (helo_idx[0] >= 0) {
		take(dns_batch_answer(b, (size_t)helo_idx[0]), &f.helo_a);
	}
	if (helo_idx[1] >= 0) {
		take(dns_batch_answer(b, (size_t)helo_idx[1]), &f.helo_aaaa);
	}
	if (helo_idx[2] >= 0) {
		a = dns_batch_answer(b, (size_t)helo_idx[2]);
		f.helo_mx = a->status;
		/* Round 2 also asks for the addresses of its MX hosts. */
		for (i = 0; i < a->nrr && nmx < RECEIVERS_MAX_ADDR; i++) {
			mx_idx[nmx][0] =
			    dns_batch_add(b, a->rr[i].data, DNS_T_A);
			mx_idx[nmx][1] =
			    dns_batch_add(b, a->rr[i].data, DNS_T_AAAA);
			nmx++;
		}
	}
	/* Round 2: A and AAAA of every PTR name. */
	for (i = 0; i < f.nptr; i++) {
		fwd_idx[i][0] = dns_batch_add(b, f.ptr[i].name, DNS_T_A);
		fwd_idx[i][1] = dns_batch_add(b, f.ptr[i].name, DNS_T_AAAA);
	}
	if (dns_batch_run(b, deadline) != 0) {
		goto out;
	}
	for (i = 0; i < f.nptr; i++) {
		if (fwd_idx[i][0] >= 0) {
			take(dns_batch_answer(b, (size_t)fwd_idx[i][0]),
			    &f.ptr[i].a);
		}
		if (fwd_idx[i][1] >= 0) {
			take(dns_batch_answer(b, (size_t)fwd_idx[i][1]),
			    &f.ptr[i].aaaa);
		}
	}

	for (i = 0; i < nmx; i++) {
		bool has = false;
		size_t k;

		for (k = 0; k < 2; k++) {
			if (mx_idx[i][k] >= 0) {
				a = dns_batch_answer(b, (size_t)mx_idx[i][k]);
				has =
				    has || (a->status == DNS_OK && a->nrr > 0);
			}
		}
		if (!has) {
			f.helo_mx_noaddr++;
		}
	}

	receivers_judge(&f, RECEIVERS_ALL, &r);
	for (i = 0; i < r.n; i++) {
		const struct receivers_verdict *v = &r.v[i];

		printf("%s|%s|%s\t%s %d%s%s %s\t%s\n", v->name, v->rule,
		    v->setup, v->stage[0] != '\0' ? v->stage : "-", v->code,
		    v->enhanced[0] != '\0' ? " " : "", v->enhanced,
		    v->outcome == RECEIVERS_ACCEPT ? "accept" : v->text,
		    receivers_outcome_str(v->outcome));
	}
	receivers_summary(&r, line, sizeof(line));
	printf("summary\t%s\n", line);
	printf("spamassassin-rules\t");
	for (i = 0; receivers_spamassassin_rules()[i] != NULL; i++) {
		printf("%s%s", i > 0 ? "," : "",
		    receivers_spamassassin_rules()[i]);
	}
	printf("\n");
	rc = 0;
out:
	if (rc != 0) {
		fprintf(stderr, "predict: the lookups could not be run\n");
	}
	dns_batch_free(b);
	return rc;
}
