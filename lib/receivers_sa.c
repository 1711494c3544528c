/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "receivers_sa.h"

/*
 * receivers_sa: SpamAssassin 4.0.1's rDNS and HELO rules (Debian 12's
 * rules, no sa-update, score set 0 as with "spamassassin -L") on the
 * message as Postfix wrote it.
 *
 * SpamAssassin does not look up DNS for these rules: it parses the
 * Received header into a relay line
 *   [ ip=IP rdns=NAME helo=HELO by=HOST ident= envfrom= intl=0 id=ID
 *     auth= msa=0 ]
 * where NAME is the name the MTA verified ("" when Postfix wrote
 * "unknown") and an address literal HELO "[x]" becomes "!x!", and matches
 * Perl regular expressions against it. We build the same line and match
 * the same expressions, written as POSIX EREs: \d is [0-9], \S is
 * [^[:space:]], [^\d\s] is [^0-9[:space:]]; a lookahead or lookbehind
 * becomes a second expression or a check in code, said at the rule. The
 * rules come from 20_dynrdns.cf, 20_fake_helo_tests.cf and 72_active.cf.
 *
 * regcomp() allocates inside libc; every expression is freed before
 * return. Nothing prints or does I/O.
 */

#define S "[^[:space:]]"
#define ND "[^0-9[:space:]]"
#define RDNS "^[^]]+ rdns="
#define HELO "^[^]]+ helo="
#define AUTH "[^]]+ auth= "

/* The receiving host in the relay line; only its dots matter (a few
   expressions can reach past the HELO into it). */
#define SA_BY "mx.example.net"

/* Does ERE re match text? -1 when it does not compile (a bug here). */
static int
match(const char *re, bool icase, const char *text)
{
	regex_t rx;
	int rc;

	if (regcomp(&rx, re,
	        REG_EXTENDED | REG_NOSUB | (icase ? REG_ICASE : 0)) != 0) {
		return -1;
	}
	rc = regexec(&rx, text, 0, NULL, 0);
	regfree(&rx);
	return rc == 0 ? 1 : 0;
}

struct sa_rule {
	const char *ere;
	bool icase;
};

/* The __RDNS_DYNAMIC_* and __RDNS_INDICATOR_* parts of RDNS_DYNAMIC. */
static const struct sa_rule rdns_dynamic[] = {
    /* __RDNS_DYNAMIC_IPADDR (its "not [-.]static[-.]" lookahead is
       checked apart) */
    {RDNS S "*[0-9]+" ND "[0-9]+" ND "[0-9]+" ND "[0-9]+" S "*\\." S "+\\." S,
        true},
    {RDNS S "*(cm|catv|docsis|cable|dsl|dhcp|cpe|node)" S "*[0-9]+" ND "+[0-9]",
        true},
    {RDNS S "*[0-9]+" ND "+[0-9]+" S "*\\.(docsis|cable|dsl|adsl|dhcp|cpe)\\.",
        true},
    {RDNS S "+[0-9]+" S "+\\.client2\\.attbi\\.com", true},
    {RDNS "CPE[0-9]+" S "+\\.rogers\\.com", true},
    {RDNS "[a-z]{2}-" S "+-[0-9]{1,3}\\.[a-z]{3,8}\\.adelphia\\.net", true},
    {RDNS "[a-z][A-F0-9]+\\.dip\\.", false},
    {RDNS "0x[a-f0-9]{8}\\.", false},
    {RDNS "[0-9]+\\." S "+[0-9]+" ND "[0-9]+" ND "[0-9]+" ND, false},
    {RDNS "YahooBB", true},
    {RDNS S "+\\.dyn\\.optonline\\.net", false},
    {RDNS "[a-z]+-[0-9]{1,3}-[0-9]{1,5}\\.roadrunner", true},
    {RDNS "[a-z-]+[0-9]+[a-z]{3}\\.[a-z0-9]+\\...\\.comcast", true},
    {RDNS "h[0-9]+n[0-9]+fls" S "+\\.telia\\.com", true},
    {RDNS "cm-[a-z]+[0-9]+-[0-9]+-[0-9]+\\.cm\\.vtr", true},
    {RDNS S "+\\.cm\\.chello\\.no", true},
    {RDNS "[a-z][0-9]+\\.upc-[a-z]\\.chello\\.nl", true},
    {RDNS "[a-z]{2}[0-9]+\\.user\\.veloxzone\\.", true},
    {RDNS S "+[0-9]+-[0-9]+-cust[0-9]+\\.[a-z]{4,6}\\.broadband\\.ntl\\.com",
        true},
    {RDNS S "+-[a-z][0-9]+\\.[a-z]{6}\\.tds\\.net", true},
    {RDNS "[0-9]+\\.cps\\.", true},
    {RDNS S "+-[a-z][0-9]+-[0-9]+\\.", true},
    {RDNS S "+[-.]dyn(amic)?[-.]", true},
    {RDNS S "+[-.](res|resnet|client)[-.]", true},
    {RDNS S "+[-.](docsis|dhcp|cpe|catv)[-.]", true},
    {RDNS S "+[-.]dyn(amic)?[0-9]", true},
    {RDNS "[a-z][0-9]+\\.ppp\\.asahi-net\\.or\\.jp", true},
};

/* __HELO_STATIC_*: providers whose HELO looks dynamic but is not. */
static const struct sa_rule helo_static[] = {
    {HELO "cmr-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}" S
          "+\\.rogers\\.com" AUTH,
        true},
    {HELO "o[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}\\.outbound-mail\\."
          "sendgrid\\.net[[:space:]]" AUTH,
        true},
    {HELO "[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-[0-9]{1,3}-static\\.hfc\\."
          "comcastbusiness\\.net[[:space:]]" AUTH,
        true},
    {HELO "smtp-[[:alnum:]_]+\\.core[0-9]\\.sfdc-[[:alnum:]_]+\\.mta\\."
          "salesforce\\.com[[:space:]]" AUTH,
        true},
};

static bool
any(const struct sa_rule *r, size_t n, const char *line)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (match(r[i].ere, r[i].icase, line) == 1) {
			return true;
		}
	}
	return false;
}

/* __HELO_DYNAMIC_DHCP's "(?<!smtp)(?<!a)cm" branch: a "cm" in the HELO
   not after "smtp" or "a", followed by the rest of the expression. */
static bool
helo_dhcp_cm(const char *line, const char *helo_at, size_t helo_len)
{
	size_t i;

	for (i = 0; i + 1 < helo_len; i++) {
		const char *p = helo_at + i;

		if (strncasecmp(p, "cm", 2) != 0) {
			continue;
		}
		if (p - line >= 1 && (p[-1] == 'a' || p[-1] == 'A')) {
			continue;
		}
		if (p - line >= 4 && strncasecmp(p - 4, "smtp", 4) == 0) {
			continue;
		}
		if (match("^cm" S "*[0-9]+" ND "+[0-9]+" AUTH, true, p) == 1) {
			return true;
		}
	}
	return false;
}

static void
hit(struct receivers_sa_hits *h, const char *rule, const char *score)
{
	if (h->n < RECEIVERS_SA_MAX_HITS) {
		h->rule[h->n] = rule;
		h->score[h->n] = score;
		h->n++;
	}
}

void
receivers_sa_judge(const char *client, const char *rdns, const char *helo,
    struct receivers_sa_hits *h)
{
	char line[2 * RDNS_NAME_TEXT_MAX + 256], hv[RDNS_NAME_TEXT_MAX + 2];
	char received[RDNS_NAME_TEXT_MAX + 64];
	const char *helo_at;
	size_t n = strlen(helo);
	bool rstatic, hstatic, split;

	memset(h, 0, sizeof(*h));
	/* An address literal "[x]" is "!x!" in the relay line. */
	if (n >= 2 && helo[0] == '[' && helo[n - 1] == ']' && n < sizeof(hv)) {
		snprintf(hv, sizeof(hv), "!%.*s!", (int)(n - 2), helo + 1);
	} else {
		snprintf(hv, sizeof(hv), "%s", helo);
	}
	snprintf(line, sizeof(line),
	    "[ ip=%s rdns=%s helo=%s by=" SA_BY
	    " ident= envfrom= intl=0 id=0 auth= msa=0 ]",
	    client, rdns, hv);
	snprintf(received, sizeof(received), "from %s (", helo);
	helo_at = strstr(line, " helo=") + 6;

	/* 20_dynrdns.cf; RDNS_NONE's CommuniGate and Domino exceptions do
	   not apply to Postfix's header. */
	if (rdns[0] == '\0') {
		hit(h, "RDNS_NONE", "2.399");
	}
	rstatic = match(RDNS S "*(fix|static|fixip|dedicated|mail-mail|"
	                       "outbound-mail|smtp)",
	              true, line) == 1;
	if (!rstatic &&
	    (any(rdns_dynamic + 1,
	         sizeof(rdns_dynamic) / sizeof(rdns_dynamic[0]) - 1, line) ||
	        (match(rdns_dynamic[0].ere, true, line) == 1 &&
	            match(RDNS "[^][:space:]]+[-.]static[-.]", true, line) !=
	                1))) {
		hit(h, "RDNS_DYNAMIC", "2.639");
	}
	hstatic = any(helo_static, sizeof(helo_static) / sizeof(helo_static[0]),
	    line);
	if (hstatic) {
		hit(h, "HELO_STATIC_HOST", "-0.001");
	}
	if (!hstatic &&
	    match(HELO "[a-z]" S "*[0-9]+" ND "[0-9]+" ND "[0-9]+" ND
	               "[0-9]+" ND "[^.]*\\." S "+\\." S "+" AUTH,
	        true, line) == 1 &&
	    match(HELO "[^][:space:]]+[-.]static[-.]", true, line) != 1) {
		hit(h, "HELO_DYNAMIC_IPADDR", "2.633");
	}
	if (!hstatic && (match(HELO S "*(catv|docsis|cable|dsl|dhcp|cpe|node)" S
	                              "*[0-9]+" ND "+[0-9]+" AUTH,
	                     true, line) == 1 ||
	                    helo_dhcp_cm(line, helo_at, strlen(hv)))) {
		hit(h, "HELO_DYNAMIC_DHCP", "2.602");
	}
	if (!hstatic &&
	    match(HELO S "*[0-9]+" ND "+[0-9]+" S
	                 "*\\.(docsis|cable|dsl|adsl|dhcp|cpe)\\." AUTH,
	        true, line) == 1) {
		hit(h, "HELO_DYNAMIC_HCC", "4.299");
	}
	if (match(HELO "[a-z][A-F0-9]+\\.dip\\.", false, line) == 1) {
		hit(h, "HELO_DYNAMIC_DIALIN", "2.629");
	}
	if (match(HELO "0x[a-f0-9]{8}\\.", false, line) == 1) {
		hit(h, "HELO_DYNAMIC_HEXIP", "2.321");
	}
	split = match(HELO "[0-9]+\\." S "+[0-9]+" ND "[0-9]+" ND "[0-9]+" ND,
	            false, line) == 1;
	if (split) {
		hit(h, "HELO_DYNAMIC_SPLIT_IP", "3.031");
	}
	/* [\Wx_] is any non-alphanumeric byte or an x. */
	if (!split &&
	    match(HELO "[0-9]{1,3}(([^[:alnum:]]|x)[0-9]{1,3}){3}" ND
	               "[^[:space:].]*\\." S "+\\." S "+" AUTH,
	        true, line) == 1 &&
	    match(HELO "[^][:space:]]+[-.](static|mail|smtp|mx)[0-9]*[-.]",
	        true, line) != 1) {
		hit(h, "HELO_DYNAMIC_IPADDR2", "2.815");
	}
	if (match(HELO "[a-z][0-9]+\\.upc-[a-z]\\.chello\\.nl" AUTH, true,
	        line) == 1) {
		hit(h, "HELO_DYNAMIC_CHELLO_NL", "2.412");
	}
	if (match(HELO "[a-z]{2}[0-9]+-" S "\\." S "+[0-9]\\.[a-z]{2}\\.home\\."
	               "nl" AUTH,
	        true, line) == 1) {
		hit(h, "HELO_DYNAMIC_HOME_NL", "2.385");
	}
	if (match("^[^]]+ rdns=localhost(\\.localdomain)? ", true, line) == 1 &&
	    match("^\\[ ip=[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+ ", false, line) ==
	        1 &&
	    strncmp(client, "127", 3) != 0) {
		hit(h, "RDNS_LOCALHOST", "3.700");
	}

	/* 20_fake_helo_tests.cf */
	if (match(HELO "[-a-zA-Z0-9_]+ ", true, line) == 1) {
		hit(h, "FSL_HELO_NON_FQDN_1", "2.361");
	}
	if (strncmp(hv, "127", 3) != 0 &&
	    match(HELO "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3} "
	               "[^]]*auth= ",
	        true, line) == 1) {
		hit(h, "FSL_HELO_BARE_IP_1", "2.598");
	}
	if (match("(^|[^[:alnum:]_])helo=((dsl)?device|speedtouch)\\.lan"
	          "([^[:alnum:]_]|$)",
	        true, line) == 1) {
		hit(h, "FSL_HELO_DEVICE", "0.1");
	}
	if (match(HELO S "+\\.(home|lan) ", true, line) == 1) {
		hit(h, "HELO_LH_HOME", "0.001");
	}
	if (match(HELO "localhost ", true, line) == 1) {
		hit(h, "HELO_LOCALHOST", "2.639");
	} else if (match(HELO "[^.]+ ", false, line) == 1) {
		/* 72_active.cf: HELO_NO_DOMAIN, not for "localhost" */
		hit(h, "HELO_NO_DOMAIN", "1");
	}
	if (match(HELO "(pc|oem" S "*) ", true, line) == 1) {
		hit(h, "HELO_OEM", "2.899");
	}

	/* 72_active.cf (no score line offline: 1) */
	if (match("^[^]]+helo=" S "*(pool|dyna|lease|dial|dip|static)", true,
	        line) == 1 &&
	    match("^[^]]+helo=" S "*[0-9]+" ND "+[0-9]+" AUTH, true, line) ==
	        1) {
		hit(h, "CK_HELO_GENERIC", "1");
	}
	/* __HELO_NOT_RDNS: the HELO does not start with the rDNS name (any
	   case); not when the name is 4 to 14 bytes (__RDNS_SHORT). */
	if (rdns[0] != '\0' && hv[0] != '\0' &&
	    strncasecmp(hv, rdns, strlen(rdns)) != 0 &&
	    (strlen(rdns) < 4 || strlen(rdns) > 14)) {
		hit(h, "KHOP_HELO_FCRDNS", "1");
	}
	if (match("^from[[:space:]]+([0-9]+[^0-9a-zA-Z[:space:]]){3}[0-9]+[.[:"
	          "space:]]",
	        false, received) == 1) {
		hit(h, "TVD_RCVD_IP", "0.001");
	}
	if (match("^from[[:space:]]+([0-9]+\\.){3}[0-9]+[[:space:]]", false,
	        received) == 1) {
		hit(h, "TVD_RCVD_IP4", "0.001");
	}
}

const char *const receivers_sa_rules[] = {
    "RDNS_NONE",
    "RDNS_DYNAMIC",
    "RDNS_LOCALHOST",
    "HELO_STATIC_HOST",
    "HELO_DYNAMIC_IPADDR",
    "HELO_DYNAMIC_DHCP",
    "HELO_DYNAMIC_HCC",
    "HELO_DYNAMIC_DIALIN",
    "HELO_DYNAMIC_HEXIP",
    "HELO_DYNAMIC_SPLIT_IP",
    "HELO_DYNAMIC_IPADDR2",
    "HELO_DYNAMIC_CHELLO_NL",
    "HELO_DYNAMIC_HOME_NL",
    "FSL_HELO_NON_FQDN_1",
    "FSL_HELO_BARE_IP_1",
    "FSL_HELO_DEVICE",
    "HELO_LH_HOME",
    "HELO_LOCALHOST",
    "HELO_NO_DOMAIN",
    "HELO_OEM",
    "CK_HELO_GENERIC",
    "KHOP_HELO_FCRDNS",
    "TVD_RCVD_IP",
    "TVD_RCVD_IP4",
    NULL,
};
