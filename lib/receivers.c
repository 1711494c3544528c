/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "fcrdns.h"
#include "receivers.h"
#include "receivers_rspamd.h"
#include "receivers_sa.h"

/*
 * receivers: the receivers' view of a client. Each rule is a small model
 * of the program's own code, kept close to it so that a difference found
 * in the lab points at one line:
 *
 *   Postfix 3.7  smtpd_peer.c (the client name: first PTR name only, its
 *                forward lookup in the client's family, temporary errors
 *                stay temporary), smtpd_check.c (reject_unknown_reverse_
 *                name, reject_unknown_client, reject_invalid_hostname,
 *                reject_non_fqdn_hostname, reject_unknown_hostname),
 *                valid_hostname.c, dns_lookup.c (no query for a numeric
 *                or malformed name). smtpd_delay_reject = yes: every
 *                answer comes at RCPT.
 *   Exim 4.96    host.c host_name_lookup (every PTR name in order, A and
 *                AAAA of each, a temporary error defers), acl.c
 *                (verify = reverse_host_lookup, /defer_ok, verify = helo),
 *                smtp_in.c (check_helo syntax, smtp_verify_helo,
 *                helo_verify_hosts at EHLO).
 *
 *   SpamAssassin 4.0.1  receivers_sa.c, on the Received header Postfix
 *                writes.
 *
 *   rspamd 3.4   receivers_rspamd.c, hfilter behind Postfix's milter.
 *
 * Gmail, Microsoft and Yahoo publish rules, not code: see receivers.h.
 */

/* --- small helpers ------------------------------------------------------ */

static void say(struct receivers_verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct receivers_verdict *v, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
}

/* A new verdict at the end of out, accepted until told otherwise. */
static struct receivers_verdict *
add(struct receivers_result *out, enum receivers_id id, const char *name,
    const char *rule, const char *setup)
{
	struct receivers_verdict *v;

	if (out->n >= RECEIVERS_MAX_VERDICTS) {
		/* Cannot happen: the rules are fewer; keep the last. */
		v = &out->v[RECEIVERS_MAX_VERDICTS - 1];
	} else {
		v = &out->v[out->n++];
	}
	memset(v, 0, sizeof(*v));
	v->receiver = id;
	v->name = name;
	v->rule = rule;
	v->setup = setup;
	v->basis = RECEIVERS_TESTED;
	v->source = "";
	v->outcome = RECEIVERS_ACCEPT;
	v->stage = "";
	v->code = 250;
	return v;
}

/* Set the outcome from code; the enhanced code's class follows the code,
   as Postfix's smtpd_check_reject enforces. */
static void
refuse(struct receivers_verdict *v, const char *stage, int code,
    const char *enhanced)
{
	v->stage = stage;
	v->code = code;
	v->outcome = code >= 500 ? RECEIVERS_REJECT : RECEIVERS_DEFER;
	if (enhanced != NULL && enhanced[0] != '\0') {
		snprintf(v->enhanced, sizeof(v->enhanced), "%d%s", code / 100,
		    enhanced + 1);
	} else {
		v->enhanced[0] = '\0';
	}
}

static bool
fwd_has(const struct receivers_fwd *fw, const struct rdns_addr *a)
{
	size_t i;

	if (fw->status != DNS_OK) {
		return false;
	}
	for (i = 0; i < fw->n && i < RECEIVERS_MAX_ADDR; i++) {
		if (rdns_addr_equal(&fw->addr[i], a)) {
			return true;
		}
	}
	return false;
}

/* The answer of name's forward lookup in the client's family. */
static const struct receivers_fwd *
fwd_family(const struct receivers_facts *f, const struct receivers_ptr *p)
{
	return f->client.family == AF_INET6 ? &p->aaaa : &p->a;
}

/* name without one trailing dot, into buf (libc resolvers return it so). */
static const char *
bare(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	if (n > 1 && name[n - 1] == '.') {
		n--;
	}
	if (n >= len) {
		n = len - 1;
	}
	memcpy(buf, name, n);
	buf[n] = '\0';
	return buf;
}

/* --- Postfix -------------------------------------------------------------- */

/* Postfix valid_hostname(): letters, digits, '_' and '-' (not at a label
   edge), labels of 1..63, no empty label, no trailing dot, not numeric,
   at most 255 octets. */
static bool
pf_valid_hostname(const char *name)
{
	size_t label = 0;
	bool non_numeric = false;
	const char *cp;

	if (name == NULL || name[0] == '\0') {
		return false;
	}
	for (cp = name; *cp != '\0'; cp++) {
		unsigned char ch = (unsigned char)*cp;

		if (isalnum(ch) || ch == '_') {
			label++;
			if (label > 63) {
				return false;
			}
			if (!isdigit(ch)) {
				non_numeric = true;
			}
		} else if (ch == '.') {
			if (label == 0 || cp[1] == '\0') {
				return false;
			}
			label = 0;
		} else if (ch == '-') {
			label++;
			if (label == 1 || cp[1] == '\0' || cp[1] == '.') {
				return false;
			}
		} else {
			return false;
		}
	}
	return non_numeric && (size_t)(cp - name) <= 255;
}

/* Postfix valid_ipv4_hostaddr(): a dotted quad, octets up to 255. */
static bool
pf_valid_ipv4(const char *addr)
{
	int bytes = 0;
	int val = 0;
	bool in_byte = false;
	const char *cp;

	for (cp = addr; *cp != '\0'; cp++) {
		if (isdigit((unsigned char)*cp)) {
			if (!in_byte) {
				in_byte = true;
				val = 0;
				bytes++;
			}
			val = val * 10 + (*cp - '0');
			if (val > 255) {
				return false;
			}
		} else if (*cp == '.') {
			if (!in_byte || cp[1] == '\0') {
				return false;
			}
			if (bytes == 1 && val == 0 &&
			    addr[strspn(addr, "0.")]) {
				return false;
			}
			in_byte = false;
		} else {
			return false;
		}
	}
	return bytes == 4;
}

/* Postfix valid_hostaddr(), with our parser for the IPv6 form. */
static bool
pf_valid_hostaddr(const char *addr)
{
	struct rdns_addr a;

	if (strchr(addr, ':') != NULL) {
		return rdns_addr_parse(addr, &a, NULL) == 0 &&
		       strchr(addr, '.') == NULL;
	}
	return pf_valid_ipv4(addr);
}

/* smtpd_peer.c: the client name's status, and the reverse one. */
enum pf_peer { PF_OK, PF_TEMP, PF_PERM, PF_FORGED };

static void
pf_peer(const struct receivers_facts *f, enum pf_peer *reverse,
    enum pf_peer *name)
{
	char buf[RDNS_NAME_TEXT_MAX];
	const struct receivers_fwd *fw;
	const char *n;

	*reverse = *name = PF_OK;
	if (dns_status_unsure(f->ptr_status)) {
		*reverse = *name = PF_TEMP;
		return;
	}
	if (f->ptr_status != DNS_OK || f->nptr == 0) {
		*reverse = *name = PF_PERM;
		return;
	}
	/* getnameinfo() gives the first PTR name only. */
	n = bare(f->ptr[0].name, buf, sizeof(buf));
	if (!pf_valid_hostname(n) || pf_valid_hostaddr(n)) {
		*reverse = *name = PF_PERM;
		return;
	}
	/* getaddrinfo() in the client's family only. */
	fw = fwd_family(f, &f->ptr[0]);
	if (dns_status_unsure(fw->status)) {
		*name = PF_TEMP;
	} else if (!fwd_has(fw, &f->client)) {
		*name = PF_FORGED;
	}
}

static void
pf_reverse(const struct receivers_facts *f, const char *addr, int perm_code,
    struct receivers_verdict *v)
{
	enum pf_peer rev, name;

	pf_peer(f, &rev, &name);
	if (rev == PF_OK) {
		return;
	}
	refuse(v, "RCPT", rev == PF_PERM ? perm_code : 450, "4.7.1");
	say(v, "Client host rejected: cannot find your reverse hostname, [%s]",
	    addr);
}

static void
pf_client(const struct receivers_facts *f, const char *addr, int perm_code,
    struct receivers_verdict *v)
{
	enum pf_peer rev, name;

	pf_peer(f, &rev, &name);
	if (name == PF_OK) {
		return;
	}
	refuse(v, "RCPT", name >= PF_PERM ? perm_code : 450, "4.7.25");
	say(v, "Client host rejected: cannot find your hostname, [%s]", addr);
}

/* dup_if_truncate(): a name ending in one dot loses it. */
static const char *
pf_truncate(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	if (n > 1 && name[n - 1] == '.' && name[n - 2] != '.') {
		return bare(name, buf, len);
	}
	return name;
}

/* valid_mailhost_addr() of a literal's inside: "IPv6:" + IPv6, or IPv4. */
static bool
pf_valid_literal(const char *helo)
{
	char in[RDNS_NAME_TEXT_MAX];
	size_t n = strlen(helo);

	if (n <= 2 || helo[n - 1] != ']' || n - 2 >= sizeof(in)) {
		return false;
	}
	memcpy(in, helo + 1, n - 2);
	in[n - 2] = '\0';
	if (strncasecmp(in, "IPv6:", 5) == 0) {
		return strchr(in + 5, ':') != NULL && pf_valid_hostaddr(in + 5);
	}
	return pf_valid_ipv4(in);
}

static void
pf_invalid_helo(const char *helo, struct receivers_verdict *v)
{
	char buf[RDNS_NAME_TEXT_MAX];
	const char *t;

	if (helo[0] == '[') {
		if (!pf_valid_literal(helo)) {
			refuse(v, "RCPT", 501, "5.5.2");
			say(v,
			    "<%s>: Helo command rejected: invalid ip address",
			    helo);
		}
		return;
	}
	t = pf_truncate(helo, buf, sizeof(buf));
	if (!pf_valid_hostname(t) && !pf_valid_hostaddr(t)) {
		refuse(v, "RCPT", 501, "5.5.2");
		say(v, "<%s>: Helo command rejected: Invalid name", helo);
	}
}

static void
pf_non_fqdn_helo(const char *helo, struct receivers_verdict *v)
{
	char buf[RDNS_NAME_TEXT_MAX];
	const char *t;

	if (helo[0] == '[') {
		return;
	}
	t = pf_truncate(helo, buf, sizeof(buf));
	if (!pf_valid_hostname(t) || strchr(t, '.') == NULL) {
		refuse(v, "RCPT", 504, "5.5.2");
		say(v,
		    "<%s>: Helo command rejected: need fully-qualified "
		    "hostname",
		    helo);
	}
}

static void
pf_unknown_helo(const struct receivers_facts *f, int perm_code,
    struct receivers_verdict *v)
{
	const char *helo = f->helo;
	bool unsure;

	if (helo[0] == '[') {
		return;
	}
	/* dns_lookup() asks nothing for a malformed or numeric name: "not
	   found". Otherwise A, AAAA, MX: one answer is enough; a temporary
	   error on any of them makes the rest temporary (DNS_RETRY). */
	if (pf_valid_hostname(helo) && !pf_valid_hostaddr(helo)) {
		if (f->helo_a.status == DNS_OK ||
		    f->helo_aaaa.status == DNS_OK || f->helo_mx == DNS_OK) {
			return;
		}
		unsure = dns_status_unsure(f->helo_a.status) ||
		         dns_status_unsure(f->helo_aaaa.status) ||
		         dns_status_unsure(f->helo_mx);
	} else {
		unsure = false;
	}
	refuse(v, "RCPT", unsure ? 450 : perm_code, "4.7.1");
	say(v, "<%s>: Helo command rejected: Host not found", helo);
}

static void
judge_postfix(const struct receivers_facts *f, const char *addr,
    struct receivers_result *out)
{
	struct receivers_verdict *v;

	v = add(out, RECEIVERS_POSTFIX, "Postfix",
	    "reject_unknown_reverse_client_hostname", "");
	pf_reverse(f, addr, 450, v);
	v = add(out, RECEIVERS_POSTFIX, "Postfix",
	    "reject_unknown_client_hostname", "");
	pf_client(f, addr, 450, v);
	if (f->helo != NULL) {
		v = add(out, RECEIVERS_POSTFIX, "Postfix",
		    "reject_invalid_helo_hostname", "");
		pf_invalid_helo(f->helo, v);
		v = add(out, RECEIVERS_POSTFIX, "Postfix",
		    "reject_non_fqdn_helo_hostname", "");
		pf_non_fqdn_helo(f->helo, v);
		v = add(out, RECEIVERS_POSTFIX, "Postfix",
		    "reject_unknown_helo_hostname", "");
		pf_unknown_helo(f, 450, v);
	}
}

static void
judge_postfix_550(const struct receivers_facts *f, const char *addr,
    struct receivers_result *out)
{
	static const char c550[] = "unknown_client_reject_code = 550";
	static const char h550[] = "unknown_hostname_reject_code = 550";
	struct receivers_verdict *v;

	v = add(out, RECEIVERS_POSTFIX, "Postfix",
	    "reject_unknown_reverse_client_hostname", c550);
	pf_reverse(f, addr, 550, v);
	v = add(out, RECEIVERS_POSTFIX, "Postfix",
	    "reject_unknown_client_hostname", c550);
	pf_client(f, addr, 550, v);
	if (f->helo != NULL) {
		v = add(out, RECEIVERS_POSTFIX, "Postfix",
		    "reject_unknown_helo_hostname", h550);
		pf_unknown_helo(f, 550, v);
	}
}

/* --- Exim ----------------------------------------------------------------- */

enum ex_lookup { EX_OK, EX_FAIL, EX_DEFER };

/*
 * host_name_lookup(): every PTR name in answer order; a name whose A or
 * AAAA holds the address verifies; a name with no address at all after a
 * temporary error defers the whole lookup. *found: the verified name.
 */
static enum ex_lookup
ex_host_lookup(const struct receivers_facts *f, size_t *found)
{
	size_t i;

	if (dns_status_unsure(f->ptr_status)) {
		return EX_DEFER;
	}
	if (f->ptr_status != DNS_OK || f->nptr == 0) {
		return EX_FAIL;
	}
	for (i = 0; i < f->nptr && i < RECEIVERS_MAX_PTR; i++) {
		const struct receivers_ptr *p = &f->ptr[i];
		bool any = (p->a.status == DNS_OK && p->a.n > 0) ||
		           (p->aaaa.status == DNS_OK && p->aaaa.n > 0);

		if (fwd_has(&p->a, &f->client) ||
		    fwd_has(&p->aaaa, &f->client)) {
			*found = i;
			return EX_OK;
		}
		if (!any && (dns_status_unsure(p->a.status) ||
		                dns_status_unsure(p->aaaa.status))) {
			return EX_DEFER;
		}
	}
	return EX_FAIL;
}

/* check_helo(): the syntax Exim takes without helo_accept_junk_hosts. */
static bool
ex_helo_syntax(const char *helo)
{
	char in[RDNS_NAME_TEXT_MAX];
	struct rdns_addr a;
	size_t n = strlen(helo);
	const char *t;

	if (n == 0) {
		return false;
	}
	if (helo[0] == '[') {
		if (helo[n - 1] != ']' || n - 2 >= sizeof(in)) {
			return false;
		}
		memcpy(in, helo + 1, n - 2);
		in[n - 2] = '\0';
		if (strncasecmp(in, "IPv6:", 5) == 0) {
			return rdns_addr_parse(in + 5, &a, NULL) == 0 &&
			       strchr(in + 5, ':') != NULL;
		}
		if (strncasecmp(in, "IPv4:", 5) == 0) {
			return pf_valid_ipv4(in + 5);
		}
		return rdns_addr_parse(in, &a, NULL) == 0;
	}
	for (t = helo; *t != '\0'; t++) {
		if (!isalnum((unsigned char)*t) && *t != '.' && *t != '-') {
			return false;
		}
	}
	return true;
}

/* smtp_verify_helo(): *verified, and false on a temporary failure. */
static bool
ex_verify_helo(const struct receivers_facts *f, const char *addr,
    bool *verified)
{
	enum ex_lookup lk;
	size_t found = 0, i;
	const char *helo = f->helo;

	*verified = false;
	if (helo[0] == '[') {
		/* A plain prefix compare with Exim's text of the address:
		   "[IPv6:...]" never matches. */
		*verified = strncmp(helo + 1, addr, strlen(addr)) == 0;
		return true;
	}
	lk = ex_host_lookup(f, &found);
	if (lk == EX_OK) {
		/* The verified name, then the other names that verify. */
		for (i = found; i < f->nptr && i < RECEIVERS_MAX_PTR; i++) {
			char b[RDNS_NAME_TEXT_MAX];
			const struct receivers_ptr *p = &f->ptr[i];

			if (i != found && !fwd_has(&p->a, &f->client) &&
			    !fwd_has(&p->aaaa, &f->client)) {
				continue;
			}
			if (strcasecmp(bare(p->name, b, sizeof(b)), helo) ==
			    0) {
				*verified = true;
				return true;
			}
		}
	}
	/* Last: the HELO name's own A and AAAA. */
	if (fwd_has(&f->helo_a, &f->client) ||
	    fwd_has(&f->helo_aaaa, &f->client)) {
		*verified = true;
	}
	return lk != EX_DEFER;
}

static void
judge_exim(const struct receivers_facts *f, const char *addr,
    struct receivers_result *out)
{
	static const char *const rules[] = {
	    "verify = reverse_host_lookup",
	    "verify = reverse_host_lookup/defer_ok",
	    "verify = helo",
	    "helo_verify_hosts",
	};
	size_t r, found = 0;
	enum ex_lookup lk = ex_host_lookup(f, &found);

	for (r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		struct receivers_verdict *v;
		bool verified, done;

		if (r >= 2 && f->helo == NULL) {
			break;
		}
		v = add(out, RECEIVERS_EXIM, "Exim", rules[r], "");
		/* A malformed EHLO argument is refused before any ACL. */
		if (f->helo != NULL && !ex_helo_syntax(f->helo)) {
			refuse(v, "EHLO", 501, NULL);
			say(v, "Syntactically invalid EHLO argument(s)");
			continue;
		}
		switch (r) {
		case 0:
		case 1:
			if (lk == EX_FAIL) {
				refuse(v, "RCPT", 550, NULL);
				say(v, "Administrative prohibition");
			} else if (lk == EX_DEFER && r == 0) {
				refuse(v, "RCPT", 451, NULL);
				say(v, "Temporary local problem - please try "
				       "later");
			}
			break;
		case 2:
			ex_verify_helo(f, addr, &verified);
			if (!verified) {
				refuse(v, "RCPT", 550, NULL);
				say(v, "Administrative prohibition");
			}
			break;
		default:
			done = ex_verify_helo(f, addr, &verified);
			if (!verified) {
				refuse(v, "EHLO", done ? 550 : 451, NULL);
				say(v, "EHLO argument does not match calling "
				       "host");
			}
			break;
		}
	}
}

/* --- SpamAssassin -------------------------------------------------------- */

static void
judge_spamassassin(const struct receivers_facts *f, const char *addr,
    struct receivers_result *out)
{
	struct receivers_sa_hits h;
	struct receivers_verdict *v;
	char buf[RDNS_NAME_TEXT_MAX];
	const char *rdns = "";
	enum pf_peer rev, name;
	size_t order[RECEIVERS_SA_MAX_HITS], i, j, used = 0;

	if (f->helo == NULL) {
		return;
	}
	v = add(out, RECEIVERS_SPAMASSASSIN, "SpamAssassin",
	    "rDNS and HELO rules", "Postfix's Received header, score set 0");
	/* Postfix writes the name it verified, else "unknown": no rdns. */
	pf_peer(f, &rev, &name);
	if (name == PF_OK) {
		rdns = bare(f->ptr[0].name, buf, sizeof(buf));
	}
	receivers_sa_judge(addr, rdns, f->helo, &h);
	if (h.n == 0) {
		return;
	}
	/* X-Spam-Tests lists the rules sorted by name. */
	for (i = 0; i < h.n; i++) {
		order[i] = i;
	}
	for (i = 1; i < h.n; i++) {
		for (j = i; j > 0 &&
		            strcmp(h.rule[order[j - 1]], h.rule[order[j]]) > 0;
		     j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	}
	v->outcome = RECEIVERS_SCORE;
	v->stage = "DATA";
	for (i = 0; i < h.n; i++) {
		int w =
		    snprintf(v->text + used, sizeof(v->text) - used, "%s%s=%s",
		        i > 0 ? "," : "", h.rule[order[i]], h.score[order[i]]);

		if (w < 0 || (size_t)w >= sizeof(v->text) - used) {
			break;
		}
		used += (size_t)w;
	}
}

/* Insertion sort of n names (and their scores) by name. */
static void
sort_names(const char **name, const char **score, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && strcmp(name[j - 1], name[j]) > 0; j--) {
			const char *t = name[j];

			name[j] = name[j - 1];
			name[j - 1] = t;
			t = score[j];
			score[j] = score[j - 1];
			score[j - 1] = t;
		}
	}
}

static void
judge_rspamd(const struct receivers_facts *f, struct receivers_result *out)
{
	struct receivers_rspamd_in in;
	struct receivers_rspamd_hits h;
	struct receivers_verdict *v;
	char buf[RDNS_NAME_TEXT_MAX];
	enum pf_peer rev, name;
	size_t i, used = 0;

	if (f->helo == NULL) {
		return;
	}
	v = add(out, RECEIVERS_RSPAMD, "rspamd", "hfilter",
	    "called as Postfix's milter");
	memset(&in, 0, sizeof(in));
	in.helo = f->helo;
	/* Postfix hands the milter the name it verified, else none. */
	pf_peer(f, &rev, &name);
	if (name == PF_OK) {
		in.hostname = bare(f->ptr[0].name, buf, sizeof(buf));
	}
	in.helo_has_a = f->helo_a.status == DNS_OK && f->helo_a.n > 0;
	in.helo_has_aaaa = f->helo_aaaa.status == DNS_OK && f->helo_aaaa.n > 0;
	in.helo_has_mx = f->helo_mx == DNS_OK;
	in.helo_mx_noaddr = f->helo_mx_noaddr;
	receivers_rspamd_judge(&in, &h);
	if (h.n == 0) {
		return;
	}
	sort_names(h.symbol, h.score, h.n);
	v->outcome = RECEIVERS_SCORE;
	v->stage = "DATA";
	for (i = 0; i < h.n; i++) {
		int w = snprintf(v->text + used, sizeof(v->text) - used,
		    "%s%s(%s)", i > 0 ? "," : "", h.symbol[i], h.score[i]);

		if (w < 0 || (size_t)w >= sizeof(v->text) - used) {
			break;
		}
		used += (size_t)w;
	}
}

const char *const *
receivers_spamassassin_rules(void)
{
	return receivers_sa_rules;
}

/* --- published rules -------------------------------------------------------
 */

#define GMAIL_SOURCE "https://support.google.com/a/answer/81126"
#define MICROSOFT_SOURCE                                                       \
	"https://learn.microsoft.com/en-us/microsoft-365/security/"            \
	"office-365-security/mail-flow-inbound-ipv6-support-about"
#define YAHOO_SOURCE                                                           \
	"https://knowledge.validity.com/hc/en-us/articles/360028141052 "       \
	"(Validity's summary of Yahoo's practices)"

/* Any PTR name that resolves back to the client (the rules do not say
   which of several PTR names counts). *unsure: the DNS could not tell. */
static bool
fcrdns_any(const struct receivers_facts *f, bool *unsure)
{
	size_t i;

	*unsure = dns_status_unsure(f->ptr_status);
	if (f->ptr_status != DNS_OK) {
		return false;
	}
	for (i = 0; i < f->nptr && i < RECEIVERS_MAX_PTR; i++) {
		const struct receivers_fwd *fw = fwd_family(f, &f->ptr[i]);

		if (fwd_has(fw, &f->client)) {
			*unsure = false;
			return true;
		}
		if (dns_status_unsure(fw->status)) {
			*unsure = true;
		}
	}
	return false;
}

static void
published(struct receivers_verdict *v, const char *source)
{
	v->basis = RECEIVERS_PUBLISHED;
	v->source = source;
}

static void
judge_published(const struct receivers_facts *f, const char *addr,
    unsigned select, struct receivers_result *out)
{
	struct receivers_verdict *v;
	bool unsure, ok = fcrdns_any(f, &unsure);
	bool generic = false;
	size_t i;

	for (i = 0; i < f->nptr && i < RECEIVERS_MAX_PTR; i++) {
		if (f->ptr[i].generic == GENERIC_GENERIC) {
			generic = true;
		}
	}
	if ((select & RECEIVERS_GMAIL) != 0) {
		v = add(out, RECEIVERS_GMAIL, "Gmail", "PTR and forward DNS",
		    "");
		published(v, GMAIL_SOURCE);
		if (!ok && unsure) {
			v->outcome = RECEIVERS_UNSURE;
			v->code = 0;
			say(v, "the DNS could not tell");
		} else if (!ok) {
			refuse(v, "RCPT", 550, "5.7.25");
			say(v, "The IP address sending this message does not "
			       "have a PTR record setup, or the corresponding "
			       "forward DNS entry does not match the sending "
			       "IP. As a policy, Gmail does not accept "
			       "messages from IPs with missing PTR records.");
		}
	}
	if ((select & RECEIVERS_MICROSOFT) != 0) {
		v = add(out, RECEIVERS_MICROSOFT, "Microsoft",
		    "IPv6 reverse DNS", "");
		published(v, MICROSOFT_SOURCE);
		/* Only IPv6 is covered; a PTR is asked for, not FCrDNS. */
		if (f->client.family != AF_INET6) {
			say(v, "no published PTR rule for IPv4");
		} else if (dns_status_unsure(f->ptr_status)) {
			v->outcome = RECEIVERS_UNSURE;
			v->code = 0;
			say(v, "the DNS could not tell");
		} else if (f->ptr_status != DNS_OK || f->nptr == 0) {
			refuse(v, "RCPT", 450, "4.7.25");
			say(v,
			    "Service unavailable, sending IPv6 address [%s] "
			    "must have reverse DNS record.",
			    addr);
		}
	}
	if ((select & RECEIVERS_YAHOO) != 0) {
		v = add(out, RECEIVERS_YAHOO, "Yahoo", "valid non-generic rDNS",
		    "");
		published(v, YAHOO_SOURCE);
		v->code = 0;
		if (!ok && unsure) {
			v->outcome = RECEIVERS_UNSURE;
			say(v, "the DNS could not tell");
		} else if (f->ptr_status != DNS_OK || f->nptr == 0) {
			v->outcome = RECEIVERS_REJECT;
			say(v, "Sending IP addresses without an rDNS record "
			       "will be marked as spam or rejected.");
		} else if (!ok || generic) {
			v->outcome = RECEIVERS_SCORE;
			say(v, "%s: marked as spam or rejected",
			    !ok ? "no forward-confirmed reverse DNS"
			        : "generic rDNS name");
		} else {
			v->code = 250;
		}
	}
}

/* --- the judgement -------------------------------------------------------- */

void
receivers_facts_init(struct receivers_facts *f)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->ptr_status = DNS_ERROR;
	for (i = 0; i < RECEIVERS_MAX_PTR; i++) {
		f->ptr[i].a.status = DNS_ERROR;
		f->ptr[i].aaaa.status = DNS_ERROR;
		f->ptr[i].generic = GENERIC_SPECIFIC;
	}
	f->helo_a.status = DNS_ERROR;
	f->helo_aaaa.status = DNS_ERROR;
	f->helo_mx = DNS_ERROR;
}

void
receivers_facts_from_fcrdns(const struct fcrdns_result *r,
    struct receivers_facts *f)
{
	size_t i, k;

	f->client = r->addr;
	f->ptr_status = r->ptr_status;
	f->nptr = 0;
	for (i = 0; i < r->nnames && f->nptr < RECEIVERS_MAX_PTR; i++) {
		const struct fcrdns_name *n = &r->names[i];
		struct receivers_ptr *p = &f->ptr[f->nptr++];
		struct receivers_fwd *own, *other;
		struct generic_result g;

		snprintf(p->name, sizeof(p->name), "%s",
		    n->name != NULL ? n->name : "");
		own = f->client.family == AF_INET6 ? &p->aaaa : &p->a;
		other = f->client.family == AF_INET6 ? &p->a : &p->aaaa;
		other->status = DNS_NODATA;
		other->n = 0;
		own->n = 0;
		switch (n->result) {
		case FCRDNS_NAME_CONFIRMS:
		case FCRDNS_NAME_OTHER:
			own->status = DNS_OK;
			break;
		case FCRDNS_NAME_NXDOMAIN:
		case FCRDNS_NAME_INVALID:
			own->status = DNS_NXDOMAIN;
			break;
		case FCRDNS_NAME_NO_ADDRESS:
			own->status = DNS_NODATA;
			break;
		default:
			own->status = dns_status_unsure(n->status) ? n->status
			                                           : DNS_ERROR;
			break;
		}
		if (n->result == FCRDNS_NAME_CONFIRMS) {
			own->addr[own->n++] = f->client;
		}
		for (k = 0; k < n->naddr && own->n < RECEIVERS_MAX_ADDR; k++) {
			own->addr[own->n++] = n->addr[k];
		}
		generic_classify(&f->client, p->name, &g);
		p->generic = g.verdict;
	}
}

static void
take_answer(const struct dns_answer *a, struct receivers_fwd *fw)
{
	size_t i;

	fw->n = 0;
	if (a == NULL) {
		fw->status = DNS_ERROR;
		return;
	}
	fw->status = a->status;
	for (i = 0; i < a->nrr && fw->n < RECEIVERS_MAX_ADDR; i++) {
		if (a->rr[i].type == DNS_T_A || a->rr[i].type == DNS_T_AAAA) {
			fw->addr[fw->n++] = a->rr[i].addr;
		}
	}
}

void
receivers_facts_set_helo(struct receivers_facts *f, const char *helo,
    const struct dns_answer *a, const struct dns_answer *aaaa,
    const struct dns_answer *mx)
{
	f->helo = helo;
	take_answer(a, &f->helo_a);
	take_answer(aaaa, &f->helo_aaaa);
	f->helo_mx = mx != NULL ? mx->status : DNS_ERROR;
}

void
receivers_judge(const struct receivers_facts *f, unsigned select,
    struct receivers_result *out)
{
	char addr[RDNS_ADDR_TEXT_MAX];

	memset(out, 0, sizeof(*out));
	if (rdns_addr_format(&f->client, addr, sizeof(addr)) != 0) {
		snprintf(addr, sizeof(addr), "?");
	}
	if ((select & RECEIVERS_POSTFIX) != 0) {
		judge_postfix(f, addr, out);
	}
	if ((select & RECEIVERS_POSTFIX_550) != 0) {
		judge_postfix_550(f, addr, out);
	}
	if ((select & RECEIVERS_EXIM) != 0) {
		judge_exim(f, addr, out);
	}
	if ((select & RECEIVERS_SPAMASSASSIN) != 0) {
		judge_spamassassin(f, addr, out);
	}
	if ((select & RECEIVERS_RSPAMD) != 0) {
		judge_rspamd(f, out);
	}
	judge_published(f, addr, select, out);
}

const struct receivers_verdict *
receivers_worst(const struct receivers_result *r)
{
	const struct receivers_verdict *w = NULL;
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct receivers_verdict *v = &r->v[i];

		if (v->outcome < RECEIVERS_SCORE) {
			continue;
		}
		if (w == NULL || v->outcome > w->outcome) {
			w = v;
		}
	}
	return w;
}

size_t
receivers_count_refused(const struct receivers_result *r)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].outcome >= RECEIVERS_DEFER) {
			n++;
		}
	}
	return n;
}

/* "answer 450 4.7.25", "answer 550", or, without a refusing code, what
   the receiver would do: "reject", "mark it as spam", "score
   RDNS_NONE=2.399". */
static void
reply_code(const struct receivers_verdict *v, char *buf, size_t len)
{
	if (v->outcome == RECEIVERS_SCORE && v->code != 0) {
		snprintf(buf, len, "score %s", v->text);
	} else if (v->code == 0) {
		snprintf(buf, len, "%s",
		    v->outcome == RECEIVERS_SCORE
		        ? "mark it as spam"
		        : receivers_outcome_str(v->outcome));
	} else if (v->enhanced[0] != '\0') {
		snprintf(buf, len, "answer %d %s", v->code, v->enhanced);
	} else {
		snprintf(buf, len, "answer %d", v->code);
	}
}

static int append(char *buf, size_t len, size_t *used, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
append(char *buf, size_t len, size_t *used, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (*used >= len) {
		return -1;
	}
	va_start(ap, fmt);
	w = vsnprintf(buf + *used, len - *used, fmt, ap);
	va_end(ap);
	if (w < 0 || (size_t)w >= len - *used) {
		*used = len;
		return -1;
	}
	*used += (size_t)w;
	return 0;
}

int
receivers_summary(const struct receivers_result *r, char *buf, size_t len)
{
	const struct receivers_verdict *w = receivers_worst(r);
	char code[RECEIVERS_TEXT_MAX + 16];
	unsigned done;
	size_t used = 0, i, j;
	int rc = 0;

	if (len == 0) {
		return -1;
	}
	buf[0] = '\0';
	if (w == NULL) {
		return 0;
	}
	reply_code(w, code, sizeof(code));
	rc |= append(buf, len, &used, "%s %s%s%s%s would %s", w->name, w->rule,
	    w->setup[0] != '\0' ? " (" : "", w->setup,
	    w->setup[0] != '\0' ? ")" : "", code);
	done = (unsigned)w->receiver;
	/* Then the worst of every other receiver that refuses. */
	for (i = 0; i < r->n; i++) {
		const struct receivers_verdict *o = NULL;

		if ((done & (unsigned)r->v[i].receiver) != 0) {
			continue;
		}
		for (j = i; j < r->n; j++) {
			const struct receivers_verdict *v = &r->v[j];

			if (v->receiver == r->v[i].receiver &&
			    v->outcome >= RECEIVERS_DEFER &&
			    (o == NULL || v->outcome > o->outcome)) {
				o = v;
			}
		}
		done |= (unsigned)r->v[i].receiver;
		if (o != NULL) {
			reply_code(o, code, sizeof(code));
			/* "answer 450 4.7.25" reads "450 4.7.25" here */
			rc |= append(buf, len, &used, ", %s %s", o->name,
			    strncmp(code, "answer ", 7) == 0 ? code + 7 : code);
		}
	}
	return rc;
}

int
receivers_verdict_line(const struct receivers_verdict *v, char *buf, size_t len)
{
	size_t used = 0;
	int rc = 0;

	if (len == 0) {
		return -1;
	}
	buf[0] = '\0';
	rc |= append(buf, len, &used, "%s %s%s%s (%s): ", v->name, v->rule,
	    v->setup[0] != '\0' ? ", " : "", v->setup,
	    v->basis == RECEIVERS_TESTED ? "tested" : "published rule");
	if (v->outcome == RECEIVERS_ACCEPT) {
		rc |= append(buf, len, &used, "accept");
	} else if (v->outcome == RECEIVERS_SCORE && v->code != 0) {
		rc |= append(buf, len, &used, "accept, but score at %s",
		    v->stage);
	} else if (v->code == 0) {
		rc |= append(buf, len, &used, "%s",
		    receivers_outcome_str(v->outcome));
	} else {
		rc |= append(buf, len, &used, "%d%s%s at %s", v->code,
		    v->enhanced[0] != '\0' ? " " : "", v->enhanced, v->stage);
	}
	if (v->text[0] != '\0') {
		rc |= append(buf, len, &used, ": %s", v->text);
	}
	if (v->basis == RECEIVERS_PUBLISHED) {
		rc |= append(buf, len, &used, " [%s]", v->source);
	}
	return rc;
}

static const struct {
	const char *name;
	unsigned id;
} names[] = {
    {"postfix", RECEIVERS_POSTFIX},
    {"exim", RECEIVERS_EXIM},
    {"gmail", RECEIVERS_GMAIL},
    {"microsoft", RECEIVERS_MICROSOFT},
    {"yahoo", RECEIVERS_YAHOO},
    {"postfix-550", RECEIVERS_POSTFIX_550},
    {"default", RECEIVERS_DEFAULT},
    {"all", RECEIVERS_ALL},
};

int
receivers_select(const char *list, unsigned *select, char *err, size_t errlen)
{
	const char *p = list;
	unsigned sel = 0;

	if (list == NULL || list[0] == '\0') {
		snprintf(err, errlen, "empty list of receivers");
		return -1;
	}
	while (*p != '\0') {
		size_t n = strcspn(p, ","), i;
		bool hit = false;

		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			if (strlen(names[i].name) == n &&
			    strncasecmp(names[i].name, p, n) == 0) {
				sel |= names[i].id;
				hit = true;
			}
		}
		if (!hit) {
			snprintf(err, errlen, "unknown receiver '%.*s'",
			    (int)(n > 40 ? 40 : n), p);
			return -1;
		}
		p += n;
		if (*p == ',') {
			p++;
			if (*p == '\0') {
				snprintf(err, errlen, "empty receiver name");
				return -1;
			}
		}
	}
	*select = sel;
	return 0;
}

const char *
receivers_outcome_str(enum receivers_outcome o)
{
	switch (o) {
	case RECEIVERS_ACCEPT:
		return "accept";
	case RECEIVERS_UNSURE:
		return "cannot tell";
	case RECEIVERS_SCORE:
		return "score";
	case RECEIVERS_DEFER:
		return "defer";
	case RECEIVERS_REJECT:
		return "reject";
	}
	return "unknown";
}
