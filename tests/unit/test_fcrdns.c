/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "dns.h"
#include "fcrdns.h"
#include "rdns.h"

/*
 * Unit tests of lib/fcrdns.c: the FCrDNS walk against a fake lookup that
 * answers from a static table (no network). Every classification, CNAME'd
 * names, RFC 2317 PTRs, several PTRs, invalid names that are never asked,
 * IPv6, the two-round bound and the query de-duplication.
 */

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_DATA 20

/* One fake DNS answer: for qname/qtype, status and data. */
struct fake {
	const char *qname;
	uint16_t qtype;
	enum dns_status st;
	const char *final;          /* name after CNAMEs, NULL: none */
	const char *data[MAX_DATA]; /* PTR names or addresses */
};

#define R4 ".100.51.198.in-addr.arpa."
#define R6 "8.b.d.0.1.0.0.2.ip6.arpa."
#define Z20 "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
#define E ".example.test."

static const struct fake zone[] = {
    {"10" R4, DNS_T_PTR, DNS_OK, NULL, {"mail" E}},
    {"9" R4, DNS_T_PTR, DNS_OK, NULL, {"MAIL.example.test"}},
    {"mail" E, DNS_T_A, DNS_OK, NULL, {"198.51.100.10", "127.0.0.3"}},
    {"mail" E, DNS_T_AAAA, DNS_OK, NULL, {"2001:db8::10"}},
    {"11" R4, DNS_T_PTR, DNS_OK, NULL, {"moved" E}},
    {"moved" E, DNS_T_A, DNS_OK, NULL, {"198.51.100.99"}},
    {"12" R4, DNS_T_PTR, DNS_OK, NULL, {"alias" E}},
    {"alias" E, DNS_T_A, DNS_OK, "target" E, {"198.51.100.12"}},
    {"13" R4, DNS_T_PTR, DNS_OK, NULL, {"ghost" E}},
    {"ghost" E, DNS_T_A, DNS_NXDOMAIN, NULL, {NULL}},
    {"15" R4, DNS_T_PTR, DNS_OK, NULL, {"noaddr" E}},
    {"noaddr" E, DNS_T_A, DNS_NODATA, NULL, {NULL}},
    {"20" R4, DNS_T_PTR, DNS_OK, NULL, {"multi1" E, "multi2" E}},
    {"multi1" E, DNS_T_A, DNS_OK, NULL, {"198.51.100.21"}},
    {"multi2" E, DNS_T_A, DNS_OK, NULL, {"198.51.100.20"}},
    {"40" R4, DNS_T_PTR, DNS_NXDOMAIN, NULL, {NULL}},
    {"41" R4, DNS_T_PTR, DNS_NODATA, NULL, {NULL}},
    {"42" R4, DNS_T_PTR, DNS_SERVFAIL, NULL, {NULL}},
    {"43" R4, DNS_T_PTR, DNS_TIMEOUT, NULL, {NULL}},
    {"44" R4, DNS_T_PTR, DNS_OK, NULL, {"sf" E}},
    {"sf" E, DNS_T_A, DNS_SERVFAIL, NULL, {NULL}},
    {"45" R4, DNS_T_PTR, DNS_OK, NULL, {"refused" E}},
    {"refused" E, DNS_T_A, DNS_REFUSED, NULL, {NULL}},
    {"46" R4, DNS_T_PTR, DNS_OK, NULL, {"sf" E, "ok46" E}},
    {"ok46" E, DNS_T_A, DNS_OK, NULL, {"198.51.100.46"}},
    {"47" R4, DNS_T_PTR, DNS_OK, NULL, {"198.51.100.47."}},
    {"48" R4, DNS_T_PTR, DNS_OK, NULL, {"loop" E}},
    {"loop" E, DNS_T_A, DNS_ERROR, NULL, {NULL}},
    {"49" R4, DNS_T_PTR, DNS_OK, NULL, {"49" R4}},
    {"50" R4, DNS_T_PTR, DNS_OK, NULL, {"ghost" E, "moved" E}},
    {"51" R4, DNS_T_PTR, DNS_OK, NULL, {"sf" E, "ghost" E}},
    {"52" R4, DNS_T_PTR, DNS_OK, NULL,
        {"m0" E, "m1" E, "m2" E, "m3" E, "m4" E, "m5" E, "m6" E, "m7" E, "m8" E,
            "m9" E, "m10" E, "m11" E, "m12" E, "m13" E, "m14" E, "m15" E,
            "m16" E, "m17" E}},
    {"65.113.0.203.in-addr.arpa.", DNS_T_PTR, DNS_OK,
        "65.64/26.113.0.203.in-addr.arpa.", {"classless" E}},
    {"classless" E, DNS_T_A, DNS_OK, NULL, {"203.0.113.65"}},
    {"0.1.0.0." Z20 R6, DNS_T_PTR, DNS_OK, NULL, {"mail" E}},
    {"1.5.0.0." Z20 R6, DNS_T_PTR, DNS_NXDOMAIN, NULL, {NULL}},
    {"2.5.0.0." Z20 R6, DNS_T_PTR, DNS_OK, NULL, {"v4only" E}},
    {"v4only" E, DNS_T_AAAA, DNS_NODATA, NULL, {NULL}},
    {"3.5.0.0." Z20 R6, DNS_T_PTR, DNS_OK, NULL, {"moved" E}},
    {"moved" E, DNS_T_AAAA, DNS_OK, NULL, {"2001:db8::99"}},
};

/* What the fake saw, and the answers of its last round (owned). */
struct fake_log {
	size_t calls;      /* lookup rounds */
	size_t queries;    /* queries in all rounds */
	size_t unexpected; /* queries not in zone[] */
	char last_unexpected[RDNS_NAME_TEXT_MAX];
	size_t asked_mail_a; /* "mail.example.test." A */
	bool fail;           /* return -1 */
	struct dns_answer *last;
	size_t nlast;
};

static void
fake_release(struct fake_log *log)
{
	size_t i;

	for (i = 0; i < log->nlast; i++) {
		dns_answer_release(&log->last[i]);
	}
	free(log->last);
	log->last = NULL;
	log->nlast = 0;
}

static int
fake_lookup(void *ctx, const struct fcrdns_query *qs, size_t n, double deadline,
    const struct dns_answer **ans)
{
	struct fake_log *log = ctx;
	struct dns_answer *q;
	size_t i;
	size_t k;
	size_t j;

	(void)deadline;
	fake_release(log);
	log->calls++;
	log->last = calloc(n, sizeof(*log->last));
	assert_non_null(log->last);
	log->nlast = n;
	for (i = 0; i < n; i++) {
		const struct fake *f = NULL;

		q = &log->last[i];
		ans[i] = q;
		snprintf(q->qname, sizeof(q->qname), "%s", qs[i].qname);
		q->qtype = qs[i].qtype;
		log->queries++;
		for (k = 0; k < N_ELEMS(zone); k++) {
			if (zone[k].qtype == q->qtype &&
			    rdns_name_equal(zone[k].qname, q->qname)) {
				f = &zone[k];
				break;
			}
		}
		if (q->qtype == DNS_T_A &&
		    strcmp(q->qname, "mail.example.test.") == 0) {
			log->asked_mail_a++;
		}
		snprintf(q->name, sizeof(q->name), "%s", q->qname);
		q->elapsed = 0.001;
		if (f == NULL) {
			log->unexpected++;
			snprintf(log->last_unexpected,
			    sizeof(log->last_unexpected), "%.200s %u", q->qname,
			    (unsigned)q->qtype);
			q->status = DNS_REFUSED;
			snprintf(q->error, sizeof(q->error), "unexpected");
			continue;
		}
		q->status = f->st;
		if (f->final != NULL) {
			q->cname_hops = 1;
			snprintf(q->name, sizeof(q->name), "%s", f->final);
		}
		if (f->st == DNS_ERROR) {
			snprintf(q->error, sizeof(q->error), "CNAME loop at %s",
			    f->qname);
		} else if (dns_status_unsure(f->st)) {
			snprintf(q->error, sizeof(q->error), "%s from fake",
			    dns_status_str(f->st));
		}
		if (f->st != DNS_OK) {
			continue;
		}
		j = 0;
		while (j < MAX_DATA && f->data[j] != NULL) {
			j++;
		}
		q->rr = calloc(j, sizeof(*q->rr));
		assert_non_null(q->rr);
		q->nrr = j;
		for (j = 0; j < q->nrr; j++) {
			struct dns_record *rr = &q->rr[j];

			rr->type = q->qtype;
			rr->data = strdup(f->data[j]); /* owned by q */
			assert_non_null(rr->data);
			if (q->qtype == DNS_T_A || q->qtype == DNS_T_AAAA) {
				assert_int_equal(rdns_addr_parse(f->data[j],
				                     &rr->addr, NULL),
				    0);
			}
		}
	}
	return log->fail ? -1 : 0;
}

/* One address and what the walk must say about it. */
struct walk_case {
	const char *addr;
	enum fcrdns_verdict verdict;
	enum dns_status ptr_status;
	size_t nnames;
	size_t nconfirm;
	/* per name: result, and for OTHER the first address kept */
	enum fcrdns_name_result res[3];
	const char *other;
	const char *cname;     /* forward CNAME target of the first name */
	const char *ptr_cname; /* RFC 2317 */
	bool ptr_error;        /* ptr_error set */
	bool name_error;       /* first name has an error text */
};

static const struct walk_case cases[] = {
    {"198.51.100.10", FCRDNS_CONFIRMED, DNS_OK, 1, 1, {FCRDNS_NAME_CONFIRMS},
        NULL, NULL, NULL, false, false},
    {"198.51.100.9", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0, {FCRDNS_NAME_OTHER},
        "198.51.100.10", NULL, NULL, false, false},
    {"198.51.100.11", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0, {FCRDNS_NAME_OTHER},
        "198.51.100.99", NULL, NULL, false, false},
    {"198.51.100.12", FCRDNS_CONFIRMED, DNS_OK, 1, 1, {FCRDNS_NAME_CONFIRMS},
        NULL, "target.example.test.", NULL, false, false},
    {"198.51.100.13", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0,
        {FCRDNS_NAME_NXDOMAIN}, NULL, NULL, NULL, false, false},
    {"198.51.100.15", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0,
        {FCRDNS_NAME_NO_ADDRESS}, NULL, NULL, NULL, false, false},
    {"198.51.100.20", FCRDNS_PARTIAL, DNS_OK, 2, 1,
        {FCRDNS_NAME_OTHER, FCRDNS_NAME_CONFIRMS}, "198.51.100.21", NULL, NULL,
        false, false},
    {"198.51.100.40", FCRDNS_NOT_CONFIRMED, DNS_NXDOMAIN, 0, 0, {0}, NULL, NULL,
        NULL, false, false},
    {"198.51.100.41", FCRDNS_NOT_CONFIRMED, DNS_NODATA, 0, 0, {0}, NULL, NULL,
        NULL, false, false},
    {"198.51.100.42", FCRDNS_UNSURE, DNS_SERVFAIL, 0, 0, {0}, NULL, NULL, NULL,
        true, false},
    {"198.51.100.43", FCRDNS_UNSURE, DNS_TIMEOUT, 0, 0, {0}, NULL, NULL, NULL,
        true, false},
    {"198.51.100.44", FCRDNS_UNSURE, DNS_OK, 1, 0, {FCRDNS_NAME_UNSURE}, NULL,
        NULL, NULL, false, true},
    {"198.51.100.45", FCRDNS_UNSURE, DNS_OK, 1, 0, {FCRDNS_NAME_UNSURE}, NULL,
        NULL, NULL, false, true},
    {"198.51.100.46", FCRDNS_PARTIAL, DNS_OK, 2, 1,
        {FCRDNS_NAME_UNSURE, FCRDNS_NAME_CONFIRMS}, NULL, NULL, NULL, false,
        true},
    {"198.51.100.47", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0, {FCRDNS_NAME_INVALID},
        NULL, NULL, NULL, false, false},
    {"198.51.100.48", FCRDNS_UNSURE, DNS_OK, 1, 0, {FCRDNS_NAME_UNSURE}, NULL,
        NULL, NULL, false, true},
    {"198.51.100.49", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0, {FCRDNS_NAME_INVALID},
        NULL, NULL, NULL, false, false},
    {"198.51.100.50", FCRDNS_NOT_CONFIRMED, DNS_OK, 2, 0,
        {FCRDNS_NAME_NXDOMAIN, FCRDNS_NAME_OTHER}, NULL, NULL, NULL, false,
        false},
    {"198.51.100.51", FCRDNS_UNSURE, DNS_OK, 2, 0,
        {FCRDNS_NAME_UNSURE, FCRDNS_NAME_NXDOMAIN}, NULL, NULL, NULL, false,
        true},
    {"203.0.113.65", FCRDNS_CONFIRMED, DNS_OK, 1, 1, {FCRDNS_NAME_CONFIRMS},
        NULL, NULL, "65.64/26.113.0.203.in-addr.arpa.", false, false},
    {"2001:db8::10", FCRDNS_CONFIRMED, DNS_OK, 1, 1, {FCRDNS_NAME_CONFIRMS},
        NULL, NULL, NULL, false, false},
    {"2001:db8::51", FCRDNS_NOT_CONFIRMED, DNS_NXDOMAIN, 0, 0, {0}, NULL, NULL,
        NULL, false, false},
    {"2001:db8::52", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0,
        {FCRDNS_NAME_NO_ADDRESS}, NULL, NULL, NULL, false, false},
    {"2001:db8::53", FCRDNS_NOT_CONFIRMED, DNS_OK, 1, 0, {FCRDNS_NAME_OTHER},
        "2001:db8::99", NULL, NULL, false, false},
    {"::ffff:198.51.100.10", FCRDNS_CONFIRMED, DNS_OK, 1, 1,
        {FCRDNS_NAME_CONFIRMS}, NULL, NULL, NULL, false, false},
};

static const char *
show(const char *s)
{
	return s == NULL ? "(null)" : s;
}

/* Check one result against its case; returns the number of mismatches. */
static int
check_case(const struct walk_case *c, const struct fcrdns_result *r)
{
	int bad = 0;
	size_t j;
	char got[RDNS_ADDR_TEXT_MAX] = "";

#define CHECK(cond, ...)                                                       \
	do {                                                                   \
		if (!(cond)) {                                                 \
			print_error("%s: ", c->addr);                          \
			print_error(__VA_ARGS__);                              \
			print_error("\n");                                     \
			bad++;                                                 \
		}                                                              \
	} while (0)
	CHECK(r->verdict == c->verdict, "verdict %s, want %s",
	    fcrdns_verdict_str(r->verdict), fcrdns_verdict_str(c->verdict));
	CHECK(r->ptr_status == c->ptr_status, "PTR status %s, want %s",
	    dns_status_str(r->ptr_status), dns_status_str(c->ptr_status));
	CHECK(r->nnames == c->nnames, "%zu names, want %zu", r->nnames,
	    c->nnames);
	CHECK(r->nconfirm == c->nconfirm, "%zu confirm, want %zu", r->nconfirm,
	    c->nconfirm);
	CHECK((r->ptr_error != NULL) == c->ptr_error, "ptr_error '%s'",
	    show(r->ptr_error));
	CHECK((r->ptr_cname == NULL && c->ptr_cname == NULL) ||
	          (r->ptr_cname != NULL && c->ptr_cname != NULL &&
	              strcmp(r->ptr_cname, c->ptr_cname) == 0),
	    "ptr_cname '%s', want '%s'", show(r->ptr_cname),
	    show(c->ptr_cname));
	for (j = 0; j < r->nnames && j < c->nnames && j < 3; j++) {
		CHECK(r->names[j].result == c->res[j],
		    "name %zu (%s) result %d, want %d", j,
		    show(r->names[j].name), (int)r->names[j].result,
		    (int)c->res[j]);
	}
	if (r->nnames == 0 || c->nnames == 0) {
		return bad;
	}
	CHECK((r->names[0].error != NULL) == c->name_error, "name error '%s'",
	    show(r->names[0].error));
	CHECK((r->names[0].cname == NULL && c->cname == NULL) ||
	          (r->names[0].cname != NULL && c->cname != NULL &&
	              strcmp(r->names[0].cname, c->cname) == 0),
	    "cname '%s', want '%s'", show(r->names[0].cname), show(c->cname));
	if (c->other != NULL) {
		CHECK(r->names[0].naddr > 0, "no address kept");
		if (r->names[0].naddr > 0) {
			rdns_addr_format(&r->names[0].addr[0], got,
			    sizeof(got));
		}
		CHECK(strcmp(got, c->other) == 0, "kept %s, want %s", got,
		    c->other);
	}
#undef CHECK
	return bad;
}

/* Every case, one address at a time: each classification. */
static void
test_fcrdns_each_classification(void **state)
{
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(cases); i++) {
		struct rdns_addr a;
		struct fcrdns_result r;
		struct fake_log log;

		memset(&log, 0, sizeof(log));
		assert_int_equal(rdns_addr_parse(cases[i].addr, &a, NULL), 0);
		assert_int_equal(fcrdns_walk(&a, 1, fake_lookup, &log, 0.0, &r),
		    0);
		fake_release(&log);
		bad += check_case(&cases[i], &r);
		if (log.unexpected > 0) {
			print_error("%s: unexpected query %s\n", cases[i].addr,
			    log.last_unexpected);
			bad++;
		}
		if (log.calls > 2) {
			print_error("%s: %zu lookup rounds\n", cases[i].addr,
			    log.calls);
			bad++;
		}
		fcrdns_result_release(&r);
	}
	assert_int_equal(bad, 0);
}

/* All cases in one walk: two rounds, the same verdicts, names asked once. */
static void
test_fcrdns_all_at_once(void **state)
{
	struct rdns_addr a[N_ELEMS(cases)];
	struct fcrdns_result r[N_ELEMS(cases)];
	struct fake_log log;
	size_t i;
	int bad = 0;

	(void)state;
	memset(&log, 0, sizeof(log));
	for (i = 0; i < N_ELEMS(cases); i++) {
		assert_int_equal(rdns_addr_parse(cases[i].addr, &a[i], NULL),
		    0);
	}
	assert_int_equal(fcrdns_walk(a, N_ELEMS(cases), fake_lookup, &log, 0.0,
	                     r),
	    0);
	fake_release(&log);
	for (i = 0; i < N_ELEMS(cases); i++) {
		bad += check_case(&cases[i], &r[i]);
		fcrdns_result_release(&r[i]);
	}
	assert_int_equal(bad, 0);
	assert_int_equal(log.calls, 2);
	assert_int_equal(log.unexpected, 0);
	/* .10, .9 (MAIL. upper case) and ::ffff:.10 share one A query. */
	assert_int_equal(log.asked_mail_a, 1);
}

/* A zone without a table: 10.0.0.I has 16 PTR names nI-J.example.test.,
 * each with the address 10.0.0.I; the largest lookup is recorded. */
struct gen_log {
	size_t calls;
	size_t max_n;
	struct dns_answer *last;
	size_t nlast;
};

static void
gen_release(struct gen_log *log)
{
	size_t i;

	for (i = 0; i < log->nlast; i++) {
		dns_answer_release(&log->last[i]);
	}
	free(log->last);
	log->last = NULL;
	log->nlast = 0;
}

static int
gen_lookup(void *ctx, const struct fcrdns_query *qs, size_t n, double deadline,
    const struct dns_answer **ans)
{
	struct gen_log *log = ctx;
	size_t i;
	size_t j;
	unsigned host;
	unsigned k;

	(void)deadline;
	gen_release(log);
	log->calls++;
	log->max_n = n > log->max_n ? n : log->max_n;
	log->last = calloc(n, sizeof(*log->last));
	assert_non_null(log->last);
	log->nlast = n;
	for (i = 0; i < n; i++) {
		struct dns_answer *q = &log->last[i];
		bool ptr = qs[i].qtype == DNS_T_PTR;
		char data[64];

		ans[i] = q;
		q->qtype = qs[i].qtype;
		q->status = DNS_OK;
		snprintf(q->qname, sizeof(q->qname), "%s", qs[i].qname);
		snprintf(q->name, sizeof(q->name), "%s", qs[i].qname);
		assert_int_equal(sscanf(qs[i].qname,
		                     ptr ? "%u.0.0.10.in-addr.arpa."
		                         : "n%u-%u.example.test.",
		                     &host, &k),
		    ptr ? 1 : 2);
		q->nrr = ptr ? 16 : 1;
		q->rr = calloc(q->nrr, sizeof(*q->rr));
		assert_non_null(q->rr);
		for (j = 0; j < q->nrr; j++) {
			q->rr[j].type = q->qtype;
			if (ptr) {
				snprintf(data, sizeof(data),
				    "n%u-%zu.example.test.", host, j);
			} else {
				snprintf(data, sizeof(data), "10.0.0.%u", host);
				assert_int_equal(rdns_addr_parse(data,
				                     &q->rr[j].addr, NULL),
				    0);
			}
			q->rr[j].data = strdup(data);
			assert_non_null(q->rr[j].data);
		}
	}
	return 0;
}

/* 100 addresses x 16 distinct names: 1,600 forward queries asked in
 * slices of FCRDNS_SLICE (bounded memory), every name still judged. */
static void
test_fcrdns_forward_slices(void **state)
{
	struct rdns_addr a[100];
	struct fcrdns_result r[100];
	struct gen_log log;
	char text[32];
	size_t i;

	(void)state;
	memset(&log, 0, sizeof(log));
	for (i = 0; i < 100; i++) {
		snprintf(text, sizeof(text), "10.0.0.%zu", i);
		assert_int_equal(rdns_addr_parse(text, &a[i], NULL), 0);
	}
	assert_int_equal(fcrdns_walk(a, 100, gen_lookup, &log, 0.0, r), 0);
	gen_release(&log);
	assert_int_equal(log.calls,
	    1 + (1600 + FCRDNS_SLICE - 1) / FCRDNS_SLICE);
	assert_true(log.max_n <= FCRDNS_SLICE);
	for (i = 0; i < 100; i++) {
		assert_int_equal(r[i].verdict, FCRDNS_CONFIRMED);
		assert_int_equal(r[i].nnames, 16);
		assert_int_equal(r[i].nconfirm, 16);
		fcrdns_result_release(&r[i]);
	}
}

/* Invalid PTR names (numeric, inside in-addr.arpa) are never asked. */
static void
test_fcrdns_invalid_not_asked(void **state)
{
	static const char *const addrs[] = {"198.51.100.47", "198.51.100.49"};
	static const enum rdns_name_check want[] = {RDNS_NAME_NUMERIC,
	    RDNS_NAME_REVERSE_ZONE};
	size_t i;

	(void)state;
	for (i = 0; i < N_ELEMS(addrs); i++) {
		struct rdns_addr a;
		struct fcrdns_result r;
		struct fake_log log;

		memset(&log, 0, sizeof(log));
		assert_int_equal(rdns_addr_parse(addrs[i], &a, NULL), 0);
		assert_int_equal(fcrdns_walk(&a, 1, fake_lookup, &log, 0.0, &r),
		    0);
		fake_release(&log);
		if (log.calls != 1 || log.queries != 1 ||
		    r.names[0].check != want[i]) {
			print_error("%s: %zu rounds, %zu queries, check %d\n",
			    addrs[i], log.calls, log.queries,
			    (int)r.names[0].check);
		}
		assert_int_equal(log.calls, 1);
		assert_int_equal(log.queries, 1);
		assert_int_equal(r.names[0].check, want[i]);
		fcrdns_result_release(&r);
	}
}

/* More PTR names than FCRDNS_MAX_NAMES: the rest are kept, not asked. */
static void
test_fcrdns_name_cap(void **state)
{
	struct rdns_addr a;
	struct fcrdns_result r;
	struct fake_log log;

	(void)state;
	memset(&log, 0, sizeof(log));
	assert_int_equal(rdns_addr_parse("198.51.100.52", &a, NULL), 0);
	assert_int_equal(fcrdns_walk(&a, 1, fake_lookup, &log, 0.0, &r), 0);
	fake_release(&log);
	assert_int_equal(r.nnames, 18);
	assert_int_equal(log.queries, 1 + FCRDNS_MAX_NAMES);
	assert_int_equal(r.names[FCRDNS_MAX_NAMES].result,
	    FCRDNS_NAME_NOT_ASKED);
	/* m0..m15 are not in the fake zone: REFUSED, could not tell. */
	assert_int_equal(r.verdict, FCRDNS_UNSURE);
	fcrdns_result_release(&r);
}

/* Alignment for -H NAME: a confirming PTR name must be the name. */
static void
test_fcrdns_aligned(void **state)
{
	static const struct {
		const char *addr;
		const char *host;
		bool aligned;
	} t[] = {
	    {"198.51.100.10", "mail.example.test", true},
	    {"198.51.100.10", "MAIL.EXAMPLE.TEST.", true},
	    {"198.51.100.10", "www.example.test", false},
	    {"198.51.100.12", "alias.example.test", true},
	    {"198.51.100.12", "target.example.test", false},
	    {"198.51.100.20", "multi2.example.test", true},
	    {"198.51.100.20", "multi1.example.test", false},
	    {"198.51.100.11", "moved.example.test", false},
	    {"198.51.100.40", "mail.example.test", false},
	};
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < N_ELEMS(t); i++) {
		struct rdns_addr a;
		struct fcrdns_result r;
		struct fake_log log;

		memset(&log, 0, sizeof(log));
		assert_int_equal(rdns_addr_parse(t[i].addr, &a, NULL), 0);
		assert_int_equal(fcrdns_walk(&a, 1, fake_lookup, &log, 0.0, &r),
		    0);
		fake_release(&log);
		if (fcrdns_aligned(&r, t[i].host) != t[i].aligned) {
			print_error("%s %s: aligned %d, want %d\n", t[i].addr,
			    t[i].host, !t[i].aligned, t[i].aligned);
			bad++;
		}
		fcrdns_result_release(&r);
	}
	assert_int_equal(bad, 0);
	assert_false(fcrdns_aligned(NULL, "x.test"));
}

/* No addresses: no lookup. All PTRs missing: no second round. */
static void
test_fcrdns_rounds(void **state)
{
	struct rdns_addr a[2];
	struct fcrdns_result r[2];
	struct fake_log log;

	(void)state;
	memset(&log, 0, sizeof(log));
	memset(a, 0, sizeof(a));
	assert_int_equal(fcrdns_walk(a, 0, fake_lookup, &log, 0.0, r), 0);
	assert_int_equal(log.calls, 0);
	assert_int_equal(rdns_addr_parse("198.51.100.40", &a[0], NULL), 0);
	assert_int_equal(rdns_addr_parse("2001:db8::51", &a[1], NULL), 0);
	assert_int_equal(fcrdns_walk(a, 2, fake_lookup, &log, 0.0, r), 0);
	fake_release(&log);
	assert_int_equal(log.calls, 1);
	assert_int_equal(log.queries, 2);
	fcrdns_result_release(&r[0]);
	fcrdns_result_release(&r[1]);
}

/* A lookup that fails internally: -1, and every result still judged. */
static void
test_fcrdns_lookup_failure(void **state)
{
	struct rdns_addr a;
	struct fcrdns_result r;
	struct fake_log log;

	(void)state;
	memset(&log, 0, sizeof(log));
	log.fail = true;
	assert_int_equal(rdns_addr_parse("198.51.100.10", &a, NULL), 0);
	assert_int_equal(fcrdns_walk(&a, 1, fake_lookup, &log, 0.0, &r), -1);
	fake_release(&log);
	assert_int_equal(r.verdict, FCRDNS_CONFIRMED);
	fcrdns_result_release(&r);
	fcrdns_result_release(NULL);
}

/* The lib/dns lookup: a name the batch refuses is an error, not NXDOMAIN. */
static void
test_fcrdns_lookup_dns_refused_name(void **state)
{
	static const char *const servers[] = {"127.0.0.1"};
	static const struct fcrdns_query q[] = {
	    {"a..b.example.test.", DNS_T_A},
	    {"", DNS_T_PTR},
	};
	const struct dns_answer *ans[N_ELEMS(q)];
	struct dns_resolver res;
	struct fcrdns_dns d;
	char err[256];
	size_t i;

	(void)state;
	assert_int_equal(dns_resolver_init(&res, servers, 1, 9, false, NULL,
	                     err, sizeof(err)),
	    0);
	fcrdns_dns_init(&d, &res);
	assert_int_equal(fcrdns_lookup_dns(&d, q, N_ELEMS(q), 0.0, ans), 0);
	for (i = 0; i < N_ELEMS(q); i++) {
		assert_non_null(ans[i]);
		if (ans[i]->status != DNS_ERROR) {
			print_error("'%s': status %s\n", q[i].qname,
			    dns_status_str(ans[i]->status));
		}
		assert_int_equal(ans[i]->status, DNS_ERROR);
		assert_true(dns_status_unsure(ans[i]->status));
		assert_string_equal(ans[i]->error, "not a valid DNS name");
	}
	fcrdns_dns_release(&d);
	fcrdns_dns_release(&d);
	fcrdns_dns_release(NULL);
}

static void
test_fcrdns_verdict_str(void **state)
{
	(void)state;
	assert_string_equal(fcrdns_verdict_str(FCRDNS_CONFIRMED), "confirmed");
	assert_string_equal(fcrdns_verdict_str(FCRDNS_PARTIAL),
	    "partly confirmed");
	assert_string_equal(fcrdns_verdict_str(FCRDNS_NOT_CONFIRMED),
	    "not confirmed");
	assert_string_equal(fcrdns_verdict_str(FCRDNS_UNSURE),
	    "could not tell");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_fcrdns_each_classification),
	    cmocka_unit_test(test_fcrdns_all_at_once),
	    cmocka_unit_test(test_fcrdns_forward_slices),
	    cmocka_unit_test(test_fcrdns_invalid_not_asked),
	    cmocka_unit_test(test_fcrdns_name_cap),
	    cmocka_unit_test(test_fcrdns_aligned),
	    cmocka_unit_test(test_fcrdns_rounds),
	    cmocka_unit_test(test_fcrdns_lookup_failure),
	    cmocka_unit_test(test_fcrdns_lookup_dns_refused_name),
	    cmocka_unit_test(test_fcrdns_verdict_str),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
