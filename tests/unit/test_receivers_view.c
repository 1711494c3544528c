/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "receivers_view.h"

/*
 * Tests of lib/receivers_view: the policy (--receiver-states) and the
 * verdict of a judged address: the worst outcome's state, the text, the
 * piece and who fixes it.
 */

static void
test_receivers_policy_parse(void **unused)
{
	struct receivers_policy p;
	char err[160];

	(void)unused;
	receivers_policy_init(&p);
	assert_int_equal(p.reject, STATE_CRITICAL);
	assert_int_equal(p.defer, STATE_WARNING);
	assert_int_equal(p.score, STATE_OK);
	assert_int_equal(receivers_policy_parse("defer=critical,SCORE=warning",
	                     &p, err, sizeof(err)),
	    0);
	assert_int_equal(p.defer, STATE_CRITICAL);
	assert_int_equal(p.score, STATE_WARNING);
	assert_int_equal(p.reject, STATE_CRITICAL);
	assert_int_equal(receivers_policy_parse("reject=maybe", &p, err,
	                     sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "'reject=maybe'"));
	assert_int_equal(receivers_policy_parse("bounce=ok", &p, err,
	                     sizeof(err)),
	    -1);
	assert_non_null(strstr(err, "'bounce'"));
	assert_int_equal(receivers_policy_parse("reject=ok,,", &p, err,
	                     sizeof(err)),
	    -1);
}

/* One verdict of a receiver with an outcome and a reply. */
static void
add(struct receivers_result *r, enum receivers_id id, const char *name,
    const char *rule, enum receivers_outcome o, int code, const char *enh)
{
	struct receivers_verdict *v = &r->v[r->n++];

	memset(v, 0, sizeof(*v));
	v->receiver = id;
	v->name = name;
	v->rule = rule;
	v->setup = "";
	v->source = "";
	v->stage = o == RECEIVERS_ACCEPT ? "" : "RCPT";
	v->outcome = o;
	v->code = code;
	snprintf(v->enhanced, sizeof(v->enhanced), "%s", enh);
}

static void
test_receivers_view_states(void **unused)
{
	struct receivers_result r;
	struct receivers_policy p;
	struct verdict v;
	char cause[1200];

	(void)unused;
	receivers_policy_init(&p);
	memset(&r, 0, sizeof(r));
	add(&r, RECEIVERS_POSTFIX, "Postfix", "reject_unknown_client_hostname",
	    RECEIVERS_ACCEPT, 250, "");
	receivers_view(&r, &p, "198.18.1.10", &v, cause, sizeof(cause));
	assert_int_equal(v.state, STATE_OK);
	assert_string_equal(v.text,
	    "198.18.1.10: receivers: every selected receiver accepts");

	memset(&r, 0, sizeof(r));
	add(&r, RECEIVERS_POSTFIX, "Postfix", "reject_unknown_client_hostname",
	    RECEIVERS_DEFER, 450, "4.7.25");
	receivers_view(&r, &p, "198.18.1.10", &v, cause, sizeof(cause));
	assert_int_equal(v.state, STATE_WARNING);
	assert_int_equal(v.piece, PIECE_PTR);
	assert_int_equal(v.fixer, FIXER_ZONE_HOLDER);
	assert_string_equal(v.text,
	    "198.18.1.10: receivers: Postfix reject_unknown_client_hostname "
	    "would answer 450 4.7.25");
	assert_string_equal(v.cause, "receivers: Postfix "
	                             "reject_unknown_client_hostname would "
	                             "answer 450 4.7.25");

	add(&r, RECEIVERS_EXIM, "Exim", "verify = helo", RECEIVERS_REJECT, 550,
	    "");
	receivers_view(&r, &p, "198.18.1.10", &v, cause, sizeof(cause));
	assert_int_equal(v.state, STATE_CRITICAL);
	assert_int_equal(v.piece, PIECE_HELO);
	assert_int_equal(v.fixer, FIXER_MAIL_ADMIN);
	p.reject = STATE_WARNING;
	receivers_view(&r, &p, "198.18.1.10", &v, cause, sizeof(cause));
	assert_int_equal(v.state, STATE_WARNING);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_receivers_policy_parse),
	    cmocka_unit_test(test_receivers_view_states),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
