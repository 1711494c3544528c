/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <string.h>

#include "receivers_rspamd.h"

/*
 * receivers_rspamd: rspamd 3.4's hfilter module (Debian 12,
 * plugins/hfilter.lua, stock configuration) on a client reached through
 * Postfix's milter: the HFILTER_HELO_* and HFILTER_HOSTNAME_* symbols.
 *
 * The HELO, without its brackets, is matched against hfilter's tables
 * (below, transcribed from hfilter.lua, Apache-2.0, with \d written as
 * [0-9] for POSIX EREs): a "bad" address, else a bare address, else the
 * weights of the generic-name patterns; with no weight, the HELO must be
 * an FQDN, and a HELO without A and AAAA scores HFILTER_HELO_IP_A (the
 * module never compares the addresses) and its MX is looked at. The
 * hostname is the name Postfix verified and hands to the milter; without
 * one, HFILTER_HOSTNAME_UNKNOWN. The larger of the HELO and hostname
 * weights names the last symbol.
 *
 * regcomp() allocates inside libc; every expression is freed before
 * return. Nothing prints or does I/O.
 */

struct hf_re {
	const char *ere;
	bool icase;
	int weight;
};

/* checks_hellohost: generic words in a HELO or host name, weight 1-5 */
static const struct hf_re hellohost[] = {
    {"[-.0-9][0-9][.-]?nat", true, 5},
    {"homeuser[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]?unused-addr", true, 3},
    {"[-.0-9][0-9][.-]?pppoe", true, 5},
    {"[-.0-9][0-9][.-]?dynamic", true, 5},
    {"[.-]catv[.-]", true, 5},
    {"unused-addr[.-][0-9]", true, 3},
    {"comcast[.-][0-9]", true, 5},
    {"[.-]broadband[.-]", true, 5},
    {"[0-9][.-]?fbx", true, 4},
    {"[.-]peer[.-]", true, 1},
    {"[.-]homeuser[.-]", true, 5},
    {"[-.0-9][0-9][.-]?catv", true, 5},
    {"customers?[.-][0-9]", true, 1},
    {"[.-]wifi[.-]", true, 5},
    {"[0-9][.-]?kabel", true, 3},
    {"dynip[.-][0-9]", true, 5},
    {"[.-]broad[.-]", true, 5},
    {"[a|x]?dsl-line[.-]?[0-9]", true, 4},
    {"[-.0-9][0-9][.-]?ppp", true, 5},
    {"pool[.-][0-9]", true, 4},
    {"[.-]nat[.-]", true, 5},
    {"gprs[.-][0-9]", true, 5},
    {"brodband[.-][0-9]", true, 5},
    {"[.-]gprs[.-]", true, 5},
    {"[.-]user[.-]", true, 1},
    {"[-.0-9][0-9][.-]?in-?addr", true, 4},
    {"[.-]host[.-]", true, 2},
    {"[.-]fbx[.-]", true, 4},
    {"dynamic[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]?peer", true, 1},
    {"[-.0-9][0-9][.-]?pool", true, 4},
    {"[-.0-9][0-9][.-]?user", true, 1},
    {"[.-]cdma[.-]", true, 5},
    {"user[.-][0-9]", true, 1},
    {"[-.0-9][0-9][.-]?customers?", true, 1},
    {"ppp[.-][0-9]", true, 5},
    {"kabel[.-][0-9]", true, 3},
    {"dhcp[.-][0-9]", true, 5},
    {"peer[.-][0-9]", true, 1},
    {"[-.0-9][0-9][.-]?host", true, 2},
    {"clients?[.-][0-9]{2,}", true, 5},
    {"host[.-][0-9]", true, 2},
    {"[.-]ppp[.-]", true, 5},
    {"[.-]dhcp[.-]", true, 5},
    {"[.-]comcast[.-]", true, 5},
    {"cable[.-][0-9]", true, 3},
    {"[-.0-9][0-9][.-]?dial-?up", true, 5},
    {"[-.0-9][0-9][.-]?bredband", true, 5},
    {"[-.0-9][0-9][.-]?[a|x]?dsl-line", true, 4},
    {"[.-]dial-?up[.-]", true, 5},
    {"[.-]cablemodem[.-]", true, 5},
    {"pppoe[.-][0-9]", true, 5},
    {"[.-]unused-addr[.-]", true, 3},
    {"pptp[.-][0-9]", true, 5},
    {"broadband[.-][0-9]", true, 5},
    {"[.-][a|x]?dsl-line[.-]", true, 4},
    {"[.-]customers?[.-]", true, 1},
    {"[-.0-9][0-9][.-]?fibertel", true, 4},
    {"[-.0-9][0-9][.-]?comcast", true, 5},
    {"[.-]dynamic[.-]", true, 5},
    {"cdma[.-][0-9]", true, 5},
    {"[0-9][.-]?broad", true, 5},
    {"fbx[.-][0-9]", true, 4},
    {"catv[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]?homeuser", true, 5},
    {"[-.0-9][.-]pppoe[.-]", true, 5},
    {"[-.0-9][.-]dynip[.-]", true, 5},
    {"[-.0-9][0-9][.-]?[a|x]?dsl", true, 4},
    {"[-.0-9][0-9]{3,}[.-]?clients?", true, 5},
    {"[-.0-9][0-9][.-]?pptp", true, 5},
    {"[.-]clients?[.-]", true, 1},
    {"[.-]in-?addr[.-]", true, 4},
    {"[.-]pool[.-]", true, 4},
    {"[a|x]?dsl[.-]?[0-9]", true, 4},
    {"[.-][a|x]?dsl[.-]", true, 4},
    {"[-.0-9][0-9][.-]?[a|x]?dsl-dynamic", true, 5},
    {"dial-?up[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]?cablemodem", true, 5},
    {"[a|x]?dsl-dynamic[.-]?[0-9]", true, 5},
    {"[.-]pptp[.-]", true, 5},
    {"[.-][a|x]?dsl-dynamic[.-]", true, 5},
    {"[0-9][.-]?wifi", true, 5},
    {"fibertel[.-][0-9]", true, 4},
    {"dyn[.-][0-9][-.0-9]", true, 5},
    {"[-.0-9][0-9][.-]broadband", true, 5},
    {"[-.0-9][0-9][.-]cable", true, 3},
    {"broad[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]gprs", true, 5},
    {"cablemodem[.-][0-9]", true, 5},
    {"[-.0-9][0-9][.-]modem", true, 5},
    {"[-.0-9][0-9][.-]dyn", true, 5},
    {"[-.0-9][0-9][.-]dynip", true, 5},
    {"[-.0-9][0-9][.-]cdma", true, 5},
    {"[.-]modem[.-]", true, 5},
    {"[.-]kabel[.-]", true, 3},
    {"[.-]cable[.-]", true, 3},
    {"in-?addr[.-][0-9]", true, 4},
    {"nat[.-][0-9]", true, 5},
    {"[.-]fibertel[.-]", true, 4},
    {"[.-]bredband[.-]", true, 5},
    {"modem[.-][0-9]", true, 5},
    {"[0-9][.-]?dhcp", true, 5},
    {"wifi[.-][0-9]", true, 5},
};

/* checks_hello: HELO shapes, weight 5. hfilter.lua's third line,
   "/\.(lan|local|...)$ 5", has no closing slash; rspamd takes it as a
   pattern that starts with a "/", which no HELO holds: left out. */
static const struct hf_re hello[] = {
    {"^[^\\.]+$", true, 5},
    {"^(dsl)?(device|speedtouch)\\.lan$", true, 5},
};

/* checks_hello_badip */
static const struct hf_re badip[] = {
    {"^[0-9]\\.[0-9]\\.[0-9]\\.255$", true, 1},
    {"^192\\.0\\.0\\.", true, 1},
    {"^2001:db8::", true, 1},
    {"^10\\.", true, 1},
    {"^192\\.0\\.2\\.", true, 1},
    {"^172\\.1[6-9]\\.", true, 1},
    {"^192\\.168\\.", true, 1},
    {"^::1$", true, 1},
    {"^ffxx::", true, 1},
    {"^fc00::", true, 1},
    {"^203\\.0\\.113\\.", true, 1},
    {"^fe[cdf][0-9a-f]:", true, 1},
    {"^100.12[0-7][0-9]\\.", true, 1},
    {"^fe[89ab][0-9a-f]::", true, 1},
    {"^169\\.254\\.", true, 1},
    {"^0\\.", true, 1},
    {"^198\\.51\\.100\\.", true, 1},
    {"^172\\.3[01]\\.", true, 1},
    {"^100.[7-9][0-9]\\.", true, 1},
    {"^100.1[01][0-9]\\.", true, 1},
    {"^127\\.", true, 1},
    {"^100.6[4-9]\\.", true, 1},
    {"^192\\.88\\.99\\.", true, 1},
    {"^172\\.2[0-9]\\.", true, 1},
};

/* checks_hello_bareip (case-sensitive: no /i) */
static const struct hf_re bareip[] = {
    {"^[0-9]+[x.-][0-9]+[x.-][0-9]+[x.-][0-9]+$", false, 1},
    {"^[0-9a-f]+:", false, 1},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

static bool
match(const struct hf_re *r, const char *text)
{
	regex_t rx;
	int rc;

	if (regcomp(&rx, r->ere,
	        REG_EXTENDED | REG_NOSUB | (r->icase ? REG_ICASE : 0)) != 0) {
		return false;
	}
	rc = regexec(&rx, text, 0, NULL, 0);
	regfree(&rx);
	return rc == 0;
}

static bool
any(const struct hf_re *t, size_t n, const char *text)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (match(&t[i], text)) {
			return true;
		}
	}
	return false;
}

/* The largest weight of the patterns of t that match, 0 for none. */
static int
weight(const struct hf_re *t, size_t n, const char *text)
{
	size_t i;
	int w = 0;

	for (i = 0; i < n; i++) {
		if (t[i].weight > w && match(&t[i], text)) {
			w = t[i].weight;
		}
	}
	return w;
}

/* hfilter's check_fqdn(): 4 to 253 bytes; labels of letters, digits and
   hyphens, 1 to 63 long, not starting or ending with a hyphen, then a last
   label of 2 to 63 letters, digits or hyphens; an optional final dot. */
static bool
check_fqdn(const char *d)
{
	size_t n = strlen(d), i, start = 0, labels = 0, last = 0;

	if (n < 4 || n > 253) {
		return false;
	}
	if (d[n - 1] == '.') {
		n--;
	}
	for (i = 0; i <= n; i++) {
		if (i < n && d[i] != '.') {
			if (!isalnum((unsigned char)d[i]) && d[i] != '-') {
				return false;
			}
			continue;
		}
		last = i - start;
		if (last == 0 || last > 63) {
			return false;
		}
		/* only the labels before the last have the hyphen rule */
		if (i < n && (d[start] == '-' || d[i - 1] == '-')) {
			return false;
		}
		labels++;
		start = i + 1;
	}
	return labels >= 2 && last >= 2;
}

static void
hit(struct receivers_rspamd_hits *h, const char *sym, const char *score)
{
	size_t i;

	for (i = 0; i < h->n; i++) {
		if (strcmp(h->symbol[i], sym) == 0) {
			return;
		}
	}
	if (h->n < RECEIVERS_RSPAMD_MAX_HITS) {
		h->symbol[h->n] = sym;
		h->score[h->n] = score;
		h->n++;
	}
}

static const char *const helo_w[] = {NULL, "HFILTER_HELO_1", "HFILTER_HELO_2",
    "HFILTER_HELO_3", "HFILTER_HELO_4", "HFILTER_HELO_5"};
static const char *const helo_s[] = {NULL, "0.50", "1.00", "2.00", "2.50",
    "3.00"};
static const char *const host_w[] = {NULL, "HFILTER_HOSTNAME_1",
    "HFILTER_HOSTNAME_2", "HFILTER_HOSTNAME_3", "HFILTER_HOSTNAME_4",
    "HFILTER_HOSTNAME_5"};

void
receivers_rspamd_judge(const struct receivers_rspamd_in *in,
    struct receivers_rspamd_hits *h)
{
	char helo[RDNS_NAME_TEXT_MAX];
	size_t i, j = 0;
	int wh = 0, wn = 0;

	memset(h, 0, sizeof(*h));
	/* string.gsub(helo, '[%[%]]', ''): every bracket goes */
	for (i = 0; in->helo[i] != '\0' && j + 1 < sizeof(helo); i++) {
		if (in->helo[i] != '[' && in->helo[i] != ']') {
			helo[j++] = in->helo[i];
		}
	}
	helo[j] = '\0';
	if (strcmp(helo, "rspamc.local") != 0) {
		if (any(badip, N(badip), helo)) {
			hit(h, "HFILTER_HELO_BADIP", "4.50");
		} else if (any(bareip, N(bareip), helo)) {
			hit(h, "HFILTER_HELO_BAREIP", "3.00");
		} else {
			wh = weight(hello, N(hello), helo);
			j = (size_t)weight(hellohost, N(hellohost), helo);
			if ((int)j > wh) {
				wh = (int)j;
			}
			if (wh == 0) {
				/* check_host(): lower case, FQDN, then DNS */
				for (i = 0; helo[i] != '\0'; i++) {
					helo[i] = (char)tolower(
					    (unsigned char)helo[i]);
				}
				if (!check_fqdn(helo)) {
					hit(h, "HFILTER_HELO_NOT_FQDN", "2.00");
				} else if (!in->helo_has_a &&
				           !in->helo_has_aaaa) {
					hit(h, "HFILTER_HELO_IP_A", "1.00");
					if (!in->helo_has_mx) {
						hit(h,
						    "HFILTER_HELO_NORES_A_OR_"
						    "MX",
						    "0.30");
					} else if (in->helo_mx_noaddr > 0) {
						hit(h,
						    "HFILTER_HELO_NORESOLVE_MX",
						    "0.20");
					}
				}
			}
		}
	}
	if (in->hostname != NULL) {
		wn = weight(hellohost, N(hellohost), in->hostname);
	} else {
		hit(h, "HFILTER_HOSTNAME_UNKNOWN", "2.50");
	}
	if (wh > 0 && wh >= wn) {
		hit(h, helo_w[wh], helo_s[wh]);
	} else if (wn > 0 && wn > wh) {
		hit(h, host_w[wn], helo_s[wn]);
	}
}
