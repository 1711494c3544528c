/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "domain.h"
#include "rdns.h"
#include "received.h"
#include "text.h"

/*
 * received: the Received: headers of a saved message (RFC 5322 3.6.7,
 * RFC 5321 4.4) and which of them the receiving MTA wrote when our server
 * connected to it.
 *
 * RFC 5321 4.4 asks for "from HELO (TCP-info)" but every MTA fills the
 * comment its own way, and the same text can mean different things:
 *
 *   Postfix   from HELO (RDNS [IP])           RDNS "unknown" when the
 *             from HELO (RDNS [IPv6:IP])      name did not confirm
 *   Sendmail  from HELO (RDNS [IP])           from HELO ([IP]): no name
 *             from HELO (RDNS [IP] (may be forged))
 *   Gmail     from HELO (RDNS. [IP])          from HELO ([IP]): no name
 *   Courier   from HELO (RDNS [::ffff:IP])    softdnserr: DNS failed
 *   Exim      from RDNS ([IP]:port helo=HELO) helo= only when it differs
 *             from RDNS ([IP])                (HELO = RDNS)
 *             from [IP] (port=N helo=HELO)    no verified name
 *   qmail     from RDNS (HELO name) (IP)      "(HELO)" only when it
 *             from RDNS (IP)                  differs, RDNS "unknown"
 *   Yahoo     from IP (EHLO name) (IP)        no rDNS recorded
 *   Microsoft from HELO (IP) by HOST (IP) with Microsoft SMTP Server ...
 *             from HELO ([IP]) by HOST with Microsoft SMTPSVC(...)
 *
 * So "from NAME ([IP])" is Exim's verified name, but Sendmail's, Gmail's
 * and Courier's HELO without a name, and "from NAME (IP)" is qmail's
 * rDNS but Microsoft's HELO. The rest of the header says which MTA wrote
 * it: "(Postfix)", "(Exim 4.96)" or Exim's lowercase "with esmtps",
 * Sendmail's "(8.17.1/8.17.1)", "by mx.google.com", "::ffff:" addresses,
 * "with Microsoft SMTP Server" or "with mapi", and qmail's "with SMTP;"
 * without an id (the only reason "from NAME (IP)" is read as an rDNS
 * name). A format not recognised gives the HELO and the address with
 * RECEIVED_RDNS_NOT_RECORDED, never a guessed name.
 *
 * Sources of the samples (in tests/unit/test_received.c): Postfix
 * smtpd's header as seen in real mail, Exim's $sender_rcvhost
 * (spec chapter "Expansion variables"), sendmail.cf's HReceived line,
 * qmail's received.c, the corpora of SpamAssassin's Received.pm and
 * Stalwart mail-parser's received.json, and Microsoft 365 chains from
 * public mailing-list archives.
 *
 * The parser has no recursion and no allocation; comments nest to any
 * depth, an unclosed comment runs to the end of the value. It does not
 * parse dates, "for" or "id" values, or encoded words.
 */

/* A piece of the caller's input: never NUL-terminated. */
struct span {
	const char *p;
	size_t n;
};

#define FROM_COMMENTS_MAX 4
#define COMMENT_WORDS_MAX 8

enum tok_type {
	TOK_END,
	TOK_WORD,
	TOK_COMMENT, /* s is the text between the parentheses */
	TOK_SEMI,
	TOK_STRAY, /* a ')' without its '(' */
};

struct tok {
	enum tok_type type;
	struct span s;
};

enum clause {
	CL_NONE,
	CL_FROM,
	CL_BY,
	CL_WITH,
	CL_VIA,
	CL_ID,
	CL_FOR,
	CL_TLS, /* RFC 8314 4.3: "tls CIPHER" (Exim, chasquid) */
};

/* What the rest of the header says about the MTA that wrote it. */
struct markers {
	bool postfix;    /* "(Postfix)", "(Postfix, from userid 0)" */
	bool exim;       /* "(Exim 4.96)" */
	bool exim_proto; /* lowercase "with esmtps" (Exim, old Courier) */
	bool sendmail;   /* "(8.17.1/8.17.1)" */
	bool courier;    /* "(courier-0.40)" */
	bool qmail;      /* "(qmail-ldap-1.03)", "(qpsmtpd/0.27)", or a
	                    protocol without an id */
	bool microsoft;  /* "with Microsoft SMTP Server", "with mapi" */
	bool gmail;      /* by a host of google.com or gmail.com */
};

/* The clauses of one header, as spans into the value. */
struct parsed {
	bool from, by, with, via, id;
	struct span dom; /* the word after "from", maybe empty */
	struct span comment[FROM_COMMENTS_MAX]; /* of the from clause */
	size_t ncomments;
	struct span lit; /* a bare "[...]" word in the from clause */
	bool have_lit;
	struct span byhost;
	struct markers mk;
};

/* The words of one comment (a nested comment is not a word). */
struct words {
	struct span w[COMMENT_WORDS_MAX];
	size_t n;            /* words kept */
	size_t total;        /* words seen */
	bool kv;             /* an Exim "helo=", "port=" or "ident=" word */
	struct span helo_kv; /* the value of "helo=" */
	bool have_helo_kv;
	struct span quoted_helo; /* ZMailer's "EHLO name" */
	bool have_quoted_helo;
	bool forged; /* Sendmail's nested "(may be forged)" */
};

/* ASCII only: <ctype.h> depends on the locale. */

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A NUL byte separates like white space, so it is never copied. */
static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0';
}

static struct span
mkspan(const char *p, size_t n)
{
	struct span s;

	s.p = p;
	s.n = n;
	return s;
}

static bool
span_eq_ci(struct span s, const char *lit)
{
	size_t n = strlen(lit);
	size_t i;

	if (s.n != n) {
		return false;
	}
	for (i = 0; i < n; i++) {
		if (text_lower(s.p[i]) != text_lower(lit[i])) {
			return false;
		}
	}
	return true;
}

static bool
span_prefix_ci(struct span s, const char *lit)
{
	size_t n = strlen(lit);

	return s.n >= n && span_eq_ci(mkspan(s.p, n), lit);
}

static bool
span_contains_ci(struct span s, const char *lit)
{
	size_t n = strlen(lit);
	size_t i;

	for (i = 0; n > 0 && i + n <= s.n; i++) {
		if (span_eq_ci(mkspan(s.p + i, n), lit)) {
			return true;
		}
	}
	return false;
}

__attribute__((format(printf, 3, 4))) static void
set_msg(char *buf, size_t len, const char *fmt, ...)
{
	va_list ap;

	if (buf == NULL || len == 0) {
		return;
	}
	va_start(ap, fmt);
	/* A message cut to fit is still the best we can give. */
	(void)vsnprintf(buf, len, fmt, ap);
	va_end(ap);
}

/* Copy a token into a field, cut to fit; a cut sets *truncated. */
static void
copy_token(char *dst, size_t size, struct span s, bool *truncated)
{
	size_t n = s.n;
	size_t i;

	if (n >= size) {
		n = size - 1;
		*truncated = true;
	}
	for (i = 0; i < n; i++) {
		/* Tokens hold no NUL (it separates); keep it that way. */
		dst[i] = s.p[i] != '\0' ? s.p[i] : '?';
	}
	dst[n] = '\0';
}

/* Append a word to a protocol field, single-spaced, cut to fit. */
static void
append_word(char *dst, size_t size, struct span w)
{
	size_t len = strnlen(dst, size);
	size_t i;

	if (len > 0 && len + 1 < size) {
		dst[len++] = ' ';
	}
	for (i = 0; i < w.n && len + 1 < size; i++) {
		dst[len++] = w.p[i] != '\0' ? w.p[i] : '?';
	}
	dst[len < size ? len : size - 1] = '\0';
}

/* The token at *pos of v[0..len); *pos moves past it. */
static void
next_tok(const char *v, size_t len, size_t *pos, struct tok *t)
{
	size_t i = *pos;
	size_t start;

	while (i < len && is_space(v[i])) {
		i++;
	}
	t->s = mkspan(v + i, 0);
	if (i >= len) {
		t->type = TOK_END;
		*pos = len;
		return;
	}
	if (v[i] == '(') {
		size_t depth = 1;

		start = ++i;
		while (i < len) {
			if (v[i] == '\\' && i + 1 < len) {
				i += 2; /* quoted-pair (RFC 5322 3.2.1) */
				continue;
			}
			if (v[i] == '(') {
				depth++;
			} else if (v[i] == ')' && --depth == 0) {
				break;
			}
			i++;
		}
		if (i > len) {
			i = len;
		}
		t->type = TOK_COMMENT;
		t->s = mkspan(v + start, i - start);
		*pos = i < len ? i + 1 : len;
		return;
	}
	if (v[i] == ')' || v[i] == ';') {
		t->type = v[i] == ';' ? TOK_SEMI : TOK_STRAY;
		*pos = i + 1;
		return;
	}
	start = i;
	while (i < len && !is_space(v[i]) && v[i] != '(' && v[i] != ')' &&
	       v[i] != ';') {
		i++;
	}
	t->type = TOK_WORD;
	t->s = mkspan(v + start, i - start);
	*pos = i;
}

static enum clause
keyword(struct span w)
{
	static const struct {
		const char *word;
		enum clause cl;
	} kw[] = {
	    {"from", CL_FROM},
	    {"by", CL_BY},
	    {"with", CL_WITH},
	    {"via", CL_VIA},
	    {"id", CL_ID},
	    {"for", CL_FOR},
	    {"tls", CL_TLS},
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
		if (span_eq_ci(w, kw[i].word)) {
			return kw[i].cl;
		}
	}
	return CL_NONE;
}

/* Sendmail's version comment: "8.17.1/8.17.1", "SGI-8.9.3/8.8.7". */
static bool
is_sendmail_version(struct span c)
{
	size_t i;

	if (memchr(c.p, '/', c.n) == NULL) {
		return false;
	}
	for (i = 0; i + 2 < c.n; i++) {
		if (c.p[i] == '8' && c.p[i + 1] == '.' &&
		    is_digit(c.p[i + 2]) && (i == 0 || c.p[i - 1] == '-')) {
			return true;
		}
	}
	return false;
}

/* Markers in a comment outside the from clause. */
static void
comment_markers(struct span c, struct markers *mk)
{
	if (span_eq_ci(c, "Postfix") || span_prefix_ci(c, "Postfix,") ||
	    span_prefix_ci(c, "Postfix ")) {
		mk->postfix = true;
	}
	if (span_eq_ci(c, "Exim") || span_prefix_ci(c, "Exim ")) {
		mk->exim = true;
	}
	if (is_sendmail_version(c)) {
		mk->sendmail = true;
	}
	if (span_contains_ci(c, "courier")) {
		mk->courier = true;
	}
	if (span_contains_ci(c, "qmail") || span_contains_ci(c, "qpsmtpd")) {
		mk->qmail = true;
	}
	if (span_contains_ci(c, "Microsoft Exchange")) {
		mk->microsoft = true;
	}
}

static bool
clause_seen(const struct parsed *p, enum clause cl)
{
	switch (cl) {
	case CL_FROM:
		return p->from;
	case CL_BY:
		return p->by;
	case CL_WITH:
		return p->with;
	case CL_VIA:
		return p->via;
	default:
		return false;
	}
}

static void
mark_clause(struct parsed *p, enum clause cl)
{
	switch (cl) {
	case CL_FROM:
		p->from = true;
		break;
	case CL_BY:
		p->by = true;
		break;
	case CL_WITH:
		p->with = true;
		break;
	case CL_VIA:
		p->via = true;
		break;
	default:
		break;
	}
}

/*
 * Split the value into clauses. Keywords count only outside comments;
 * the word right after a keyword is its argument whatever it says; only
 * the first "from" opens the from clause (XMail writes a second one).
 */
static void
walk(const char *v, size_t len, struct parsed *p, struct received_hop *hop)
{
	enum clause cur = CL_NONE;
	bool want_arg = false;
	bool with_open = false;
	bool with_pending = false; /* "with (comment)": the word may follow */
	enum clause kw;
	size_t pos = 0;
	struct tok t;

	for (;;) {
		next_tok(v, len, &pos, &t);
		if (t.type == TOK_END || t.type == TOK_SEMI) {
			break; /* the date follows a ';' */
		}
		if (t.type == TOK_STRAY) {
			want_arg = with_open = with_pending = false;
			continue;
		}
		if (t.type == TOK_COMMENT) {
			if (want_arg && cur == CL_WITH) {
				with_pending = true;
			}
			want_arg = with_open = false;
			if (cur == CL_FROM) {
				if (p->ncomments < FROM_COMMENTS_MAX) {
					p->comment[p->ncomments++] = t.s;
				}
			} else {
				comment_markers(t.s, &p->mk);
			}
			continue;
		}
		if (want_arg) {
			want_arg = false;
			switch (cur) {
			case CL_FROM:
				p->dom = t.s;
				break;
			case CL_BY:
				p->byhost = t.s;
				break;
			case CL_WITH:
				append_word(hop->with, sizeof(hop->with), t.s);
				with_open = true;
				break;
			case CL_VIA:
				append_word(hop->via, sizeof(hop->via), t.s);
				break;
			default:
				break;
			}
			continue;
		}
		if (with_pending && keyword(t.s) == CL_NONE) {
			with_pending = false;
			append_word(hop->with, sizeof(hop->with), t.s);
			with_open = true;
			continue;
		}
		with_pending = false;
		kw = keyword(t.s);
		if (kw == CL_FROM && p->from) {
			kw = CL_NONE; /* a second from is a plain word */
		}
		switch (kw) {
		case CL_FROM:
		case CL_BY:
		case CL_WITH:
		case CL_VIA:
			/* Each clause once (RFC 5321 4.4): the first wins; a
			   repeated one only ends the clause before it. */
			want_arg = !clause_seen(p, kw);
			mark_clause(p, kw);
			cur = kw;
			with_open = false;
			continue;
		case CL_ID:
			p->id = true;
			/* FALLTHROUGH */
		case CL_FOR:
		case CL_TLS:
			cur = kw;
			want_arg = true;
			with_open = false;
			continue;
		case CL_NONE:
			break;
		}
		if (with_open) {
			append_word(hop->with, sizeof(hop->with), t.s);
		} else if (cur == CL_FROM && !p->have_lit && t.s.p[0] == '[') {
			p->lit = t.s;
			p->have_lit = true;
		}
	}
}

/* Only digits, at least one. */
static bool
all_digits(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i])) {
			return false;
		}
	}
	return n > 0;
}

/*
 * An address as MTAs write it: "198.51.100.10", "[198.51.100.10]",
 * "[IPv6:2001:db8::10]", "[2001:db8::10]", "[198.51.100.10]:41234",
 * "198.51.100.10:41234", "[10.0.0.1:41234]", "[fe80::1%3]", and with
 * allow_user "user@198.51.100.10" or "user@[198.51.100.10]". *mapped
 * (may be NULL) tells whether the text was IPv4-mapped ("::ffff:").
 */
static bool
parse_addr(struct span s, bool allow_user, struct rdns_addr *out, bool *mapped)
{
	char buf[RDNS_ADDR_TEXT_MAX];
	const char *p = s.p;
	size_t n = s.n;
	const char *c;
	size_t i;
	size_t colons = 0;

	if (mapped != NULL) {
		*mapped = false;
	}
	if (n == 0) {
		return false;
	}
	if (allow_user) {
		for (i = n; i > 0; i--) {
			if (p[i - 1] == '@') {
				p += i;
				n -= i;
				break;
			}
		}
	}
	if (n > 0 && p[0] == '[') {
		const char *close = memchr(p, ']', n);
		size_t rest;

		if (close == NULL) {
			return false;
		}
		rest = n - (size_t)(close - p) - 1;
		if (rest > 0 &&
		    (close[1] != ':' || !all_digits(close + 2, rest - 1))) {
			return false; /* only "[IP]:port" may follow */
		}
		n = (size_t)(close - p) - 1;
		p++;
	}
	if (span_prefix_ci(mkspan(p, n), "IPv6:")) {
		p += 5;
		n -= 5;
	}
	c = memchr(p, '%', n);
	if (c != NULL) {
		n = (size_t)(c - p); /* a zone id: "fe80::1%3" */
	}
	for (i = 0; i < n; i++) {
		if (p[i] == ':') {
			colons++;
			c = p + i;
		}
	}
	if (colons == 1 && memchr(p, '.', n) != NULL &&
	    all_digits(c + 1, n - (size_t)(c - p) - 1)) {
		n = (size_t)(c - p); /* IPv4 and a port */
	}
	if (n == 0 || n >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
	if (rdns_addr_parse(buf, out, NULL) != 0) {
		return false;
	}
	if (mapped != NULL) {
		*mapped = span_prefix_ci(mkspan(buf, n), "::ffff:");
	}
	return true;
}

/* A bracketed address literal ("[...]" or "[...]:port"). */
static bool
is_literal(struct span s, struct rdns_addr *out, bool *mapped)
{
	return s.n > 0 && s.p[0] == '[' && parse_addr(s, false, out, mapped);
}

static void
split_words(struct span c, struct words *w)
{
	bool want_quoted = false;
	size_t pos = 0;
	struct tok t;

	memset(w, 0, sizeof(*w));
	for (;;) {
		next_tok(c.p, c.n, &pos, &t);
		if (t.type == TOK_END) {
			break;
		}
		if (t.type == TOK_COMMENT) {
			if (span_prefix_ci(t.s, "may be forged")) {
				w->forged = true;
			}
			continue;
		}
		if (t.type != TOK_WORD) {
			continue;
		}
		if (want_quoted) {
			struct span q = t.s;

			if (q.n > 0 && q.p[q.n - 1] == '"') {
				q.n--;
			}
			w->quoted_helo = q;
			w->have_quoted_helo = true;
			want_quoted = false;
		}
		if (span_eq_ci(t.s, "\"EHLO") || span_eq_ci(t.s, "\"HELO")) {
			want_quoted = true;
		}
		if (span_prefix_ci(t.s, "helo=")) {
			w->kv = true;
			w->helo_kv = mkspan(t.s.p + 5, t.s.n - 5);
			w->have_helo_kv = true;
		} else if (span_prefix_ci(t.s, "port=") ||
		           span_prefix_ci(t.s, "ident=")) {
			w->kv = true;
		}
		if (w->n < COMMENT_WORDS_MAX) {
			w->w[w->n++] = t.s;
		}
		w->total++;
	}
}

/*
 * What an MTA wrote where the reverse name goes: a name, a word for
 * "none" ("unknown", couriertcpd's "softdnserr", qmail's "softdnserror",
 * "<unknown.domain>"), or an address (the name was not recorded).
 */
static void
set_rdns_slot(struct received_hop *hop, struct span r)
{
	struct rdns_addr a;

	if (r.n > 0 && r.p[r.n - 1] == '.') {
		r.n--; /* Gmail's absolute form */
	}
	if (r.n == 0 || span_eq_ci(r, "unknown") ||
	    span_eq_ci(r, "softdnserr") || span_eq_ci(r, "softdnserror") ||
	    span_eq_ci(r, "unverified") || r.p[0] == '<') {
		hop->rdns_state = RECEIVED_RDNS_NONE;
		return;
	}
	if (parse_addr(r, false, &a, NULL)) {
		hop->rdns_state = RECEIVED_RDNS_NOT_RECORDED;
		return;
	}
	hop->rdns_state = RECEIVED_RDNS_NAME;
	copy_token(hop->rdns, sizeof(hop->rdns), r, &hop->truncated);
}

static void
set_helo(struct received_hop *hop, struct span s)
{
	copy_token(hop->helo, sizeof(hop->helo), s, &hop->truncated);
}

/*
 * "RDNS [IP]" in a comment: two words, or one glued ("name[IP]"). The
 * rDNS part loses Sendmail's "IDENT:" and any "user@".
 */
static bool
rdns_and_literal(const struct words *w, struct span *r, struct span *lit)
{
	struct rdns_addr a;
	const char *b = NULL;
	size_t i;

	if (w->n >= 1 && w->w[0].n > 1) {
		b = memchr(w->w[0].p + 1, '[', w->w[0].n - 1);
	}
	if (w->n >= 2 && is_literal(w->w[1], &a, NULL)) {
		*r = w->w[0];
		*lit = w->w[1];
	} else if (b != NULL &&
	           is_literal(mkspan(b, w->w[0].n - (size_t)(b - w->w[0].p)),
	               &a, NULL)) {
		*r = mkspan(w->w[0].p, (size_t)(b - w->w[0].p));
		*lit = mkspan(b, w->w[0].n - r->n);
	} else {
		return false;
	}
	if (span_prefix_ci(*r, "IDENT:")) {
		r->p += 6;
		r->n -= 6;
	}
	for (i = r->n; i > 0; i--) {
		if (r->p[i - 1] == '@') {
			r->p += i;
			r->n -= i;
			break;
		}
	}
	return true;
}

/* qmail-like: "from RDNS (HELO name) (IP)", Yahoo, IronPort, qpsmtpd. */
static void
from_qmail(const struct parsed *p, const struct words *w1,
    struct received_hop *hop)
{
	struct words w2;

	hop->form = RECEIVED_FORM_QMAIL;
	if (w1->n >= 2) {
		set_helo(hop, w1->w[1]);
	}
	if (p->ncomments >= 2) {
		split_words(p->comment[1], &w2);
		if (w2.n >= 1) {
			hop->has_addr =
			    parse_addr(w2.w[0], true, &hop->addr, NULL);
		}
	}
	if (!hop->has_addr && p->have_lit) {
		hop->has_addr = parse_addr(p->lit, false, &hop->addr, NULL);
	}
	if (!hop->has_addr) {
		hop->has_addr = parse_addr(p->dom, false, &hop->addr, NULL);
	}
	set_rdns_slot(hop, p->dom);
}

/* Exim's $sender_rcvhost and Exim-like "([IP] helo=...)". */
static void
from_exim(const struct parsed *p, const struct words *w1,
    struct received_hop *hop)
{
	struct rdns_addr a;

	hop->form = RECEIVED_FORM_EXIM;
	if (is_literal(p->dom, &a, NULL)) {
		/* "[IP] (helo=...)": no verified name. */
		hop->has_addr = true;
		hop->addr = a;
		hop->rdns_state = RECEIVED_RDNS_NONE;
		if (w1->have_helo_kv) {
			set_helo(hop, w1->helo_kv);
		}
		return;
	}
	if (w1->n >= 1 && is_literal(w1->w[0], &a, NULL)) {
		/* "NAME ([IP]:port helo=...)": NAME is verified; Exim omits
		   helo= when the HELO equals it. */
		hop->has_addr = true;
		hop->addr = a;
		set_rdns_slot(hop, p->dom);
		set_helo(hop, w1->have_helo_kv ? w1->helo_kv : p->dom);
		return;
	}
	/* "ident (helo=...)": a local submission, no address. */
	if (w1->have_helo_kv) {
		set_helo(hop, w1->helo_kv);
	}
	if (p->have_lit && parse_addr(p->lit, false, &a, NULL)) {
		hop->has_addr = true;
		hop->addr = a;
	}
}

/* "from HELO (RDNS [IP])": Postfix, Sendmail, Gmail, Courier. */
static void
from_rdns_literal(const struct parsed *p, const struct words *w1, struct span r,
    struct span lit, struct received_hop *hop)
{
	bool mapped = false;

	hop->has_addr = parse_addr(lit, false, &hop->addr, &mapped);
	set_helo(hop, p->dom);
	set_rdns_slot(hop, r);
	if (w1->forged && hop->rdns_state == RECEIVED_RDNS_NAME) {
		hop->rdns_state = RECEIVED_RDNS_FORGED;
	}
	if (p->mk.sendmail || w1->forged) {
		hop->form = RECEIVED_FORM_SENDMAIL;
	} else if (p->mk.gmail) {
		hop->form = RECEIVED_FORM_GMAIL;
	} else if (p->mk.courier || mapped) {
		hop->form = RECEIVED_FORM_COURIER;
	} else if (p->mk.microsoft) {
		hop->form = RECEIVED_FORM_MICROSOFT; /* Exchange 5.5 IMS */
	} else {
		hop->form = RECEIVED_FORM_POSTFIX; /* and Stalwart, simta ... */
	}
}

/* "from HELO ([IP])": Sendmail, Gmail, Courier without a name. */
static void
from_literal_only(const struct parsed *p, const struct words *w1,
    struct received_hop *hop)
{
	bool mapped = false;

	hop->has_addr = is_literal(w1->w[0], &hop->addr, &mapped);
	set_helo(hop, w1->have_quoted_helo ? w1->quoted_helo : p->dom);
	if (p->mk.sendmail) {
		hop->form = RECEIVED_FORM_SENDMAIL;
		hop->rdns_state = RECEIVED_RDNS_NONE;
	} else if (p->mk.gmail) {
		hop->form = RECEIVED_FORM_GMAIL;
		hop->rdns_state = RECEIVED_RDNS_NONE;
	} else if (p->mk.courier || mapped) {
		hop->form = RECEIVED_FORM_COURIER;
		hop->rdns_state = RECEIVED_RDNS_NONE;
	} else if (p->mk.microsoft) {
		hop->form = RECEIVED_FORM_MICROSOFT;
	}
}

/* "from NAME (IP)": Microsoft's HELO, qmail's rDNS (= HELO), else HELO. */
static void
from_bare_addr(const struct parsed *p, struct received_hop *hop)
{
	set_helo(hop, p->dom);
	if (p->mk.microsoft) {
		hop->form = RECEIVED_FORM_MICROSOFT;
	} else if (p->mk.qmail) {
		hop->form = RECEIVED_FORM_QMAIL;
		set_rdns_slot(hop, p->dom);
	}
}

static void
interpret_from(const struct parsed *p, struct received_hop *hop)
{
	struct words w1;
	struct rdns_addr a;
	struct span r, lit;
	bool mapped = false;
	bool first_lit;
	bool dom_lit = is_literal(p->dom, &a, NULL);

	memset(&w1, 0, sizeof(w1));
	if (p->ncomments > 0) {
		split_words(p->comment[0], &w1);
	}
	first_lit = w1.n >= 1 && is_literal(w1.w[0], &a, &mapped);
	if (w1.n >= 1 &&
	    (span_eq_ci(w1.w[0], "HELO") || span_eq_ci(w1.w[0], "EHLO") ||
	        span_eq_ci(w1.w[0], "LHLO"))) {
		from_qmail(p, &w1, hop);
		return;
	}
	if (w1.kv ||
	    ((p->mk.exim || (p->mk.exim_proto && !p->mk.courier && !mapped)) &&
	        (first_lit || dom_lit))) {
		from_exim(p, &w1, hop);
		return;
	}
	if (rdns_and_literal(&w1, &r, &lit)) {
		from_rdns_literal(p, &w1, r, lit, hop);
		return;
	}
	if (first_lit) {
		from_literal_only(p, &w1, hop);
		return;
	}
	if (w1.n >= 1 && parse_addr(w1.w[0], true, &hop->addr, NULL)) {
		hop->has_addr = true;
		from_bare_addr(p, hop);
		return;
	}
	if (dom_lit && w1.total == 1) {
		/* chasquid before its issue #76 wrote "from [IP] (HELO)". */
		hop->has_addr = parse_addr(p->dom, false, &hop->addr, NULL);
		set_helo(hop, w1.w[0]);
		return;
	}
	if (p->have_lit && parse_addr(p->lit, false, &hop->addr, NULL)) {
		/* "from NAME [IP]": old Exim, MDaemon, fetchmail. */
		hop->has_addr = true;
		set_helo(hop, p->dom);
		if (p->mk.exim) {
			hop->form = RECEIVED_FORM_EXIM;
			set_rdns_slot(hop, p->dom);
		}
		return;
	}
	if (parse_addr(p->dom, false, &hop->addr, NULL)) {
		/* "from [IP] by": the literal is all the HELO we know. */
		hop->has_addr = true;
		if (dom_lit) {
			set_helo(hop, p->dom);
		}
		return;
	}
	set_helo(hop, p->dom);
}

/* One of a group of organisational domains run by one organisation. */
static int
org_group(struct span org)
{
	static const char *const groups[][5] = {
	    {"outlook.com", "office365.com", "exchangelabs.com",
	        "microsoft.com", NULL},
	    {"google.com", "gmail.com", "googlemail.com", "1e100.net", NULL},
	};
	size_t g, i;

	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		for (i = 0; groups[g][i] != NULL; i++) {
			if (span_eq_ci(org, groups[g][i])) {
				return (int)g;
			}
		}
	}
	return -1;
}

/*
 * The organisational domain of a host name: its registrable domain by the
 * Public Suffix List (lib/domain: web.de, example.co.uk), the name itself
 * when it has none. Empty for an address, a literal or an empty name.
 */
static struct span
org_domain(struct span name)
{
	char buf[RDNS_NAME_TEXT_MAX];
	char reg[RDNS_NAME_TEXT_MAX];
	struct rdns_addr a;
	size_t n;

	if (name.n > 0 && name.p[name.n - 1] == '.') {
		name.n--;
	}
	if (name.n == 0 || name.p[0] == '[' ||
	    parse_addr(name, false, &a, NULL)) {
		return mkspan(name.p, 0);
	}
	if (name.n >= sizeof(buf)) {
		return name;
	}
	memcpy(buf, name.p, name.n);
	buf[name.n] = '\0';
	/* The registrable domain is a suffix of the name: point into it. */
	if (domain_registrable(buf, reg, sizeof(reg)) != 0 ||
	    (n = strlen(reg)) > name.n) {
		return name;
	}
	return mkspan(name.p + name.n - n, n);
}

static bool
same_org(struct span a, struct span b)
{
	size_t i;
	int g;

	if (a.n == 0 || b.n == 0) {
		return false;
	}
	if (a.n == b.n) {
		for (i = 0; i < a.n; i++) {
			if (text_lower(a.p[i]) != text_lower(b.p[i])) {
				break;
			}
		}
		if (i == a.n) {
			return true;
		}
	}
	g = org_group(a);
	return g >= 0 && g == org_group(b);
}

static struct span
field_span(const char *field)
{
	return mkspan(field, strlen(field));
}

static void
finish_markers(struct parsed *p, const struct received_hop *hop)
{
	static const char *const exim_protos[] = {"smtp", "esmtp", "esmtps",
	    "esmtpa", "esmtpsa", "smtps", "asmtp"};
	struct span with = field_span(hop->with);
	struct span org = org_domain(p->byhost);
	size_t i;

	if (span_prefix_ci(with, "Microsoft") || span_eq_ci(with, "mapi") ||
	    org_group(org) == 0) {
		p->mk.microsoft = true;
	}
	if (org_group(org) == 1) {
		p->mk.gmail = true;
	}
	for (i = 0; i < sizeof(exim_protos) / sizeof(exim_protos[0]); i++) {
		/* Case-sensitive: Exim writes its protocols in lowercase. */
		if (strcmp(hop->with, exim_protos[i]) == 0) {
			p->mk.exim_proto = true;
		}
	}
	/* qmail writes no id; every other MTA we know does. */
	if (p->with && !p->id && !p->mk.microsoft && !p->mk.postfix &&
	    !p->mk.exim && !p->mk.sendmail) {
		p->mk.qmail = true;
	}
}

int
received_parse_value(const char *value, size_t len, struct received_hop *hop)
{
	struct parsed p;

	if (hop == NULL) {
		return -1;
	}
	memset(hop, 0, sizeof(*hop));
	if (value == NULL) {
		return -1;
	}
	memset(&p, 0, sizeof(p));
	/* Absent parts are empty spans into the value, never NULL. */
	p.dom = p.lit = p.byhost = mkspan(value, 0);
	walk(value, len, &p, hop);
	if (!p.from && !p.by && !p.with) {
		return -1;
	}
	if (p.by) {
		copy_token(hop->by, sizeof(hop->by), p.byhost, &hop->truncated);
	}
	finish_markers(&p, hop);
	if (p.from) {
		hop->has_from = true;
		interpret_from(&p, hop);
	}
	return 0;
}

/* "Name:" with a name of printable ASCII but ':'; obsolete white space
   before the colon is allowed (RFC 5322 4.5.8). */
static bool
field_name(const char *p, size_t n, size_t *namelen, size_t *colon)
{
	size_t i = 0;

	while (i < n && p[i] > 32 && p[i] < 127 && p[i] != ':') {
		i++;
	}
	*namelen = i;
	if (i == 0) {
		return false;
	}
	while (i < n && (p[i] == ' ' || p[i] == '\t')) {
		i++;
	}
	if (i >= n || p[i] != ':') {
		return false;
	}
	*colon = i;
	return true;
}

static void
add_hop(struct received_list *out, const char *value, size_t len, size_t line)
{
	struct received_hop *hop;

	out->total++;
	if (out->n >= RECEIVED_MAX_HOPS) {
		return;
	}
	hop = &out->hop[out->n];
	(void)received_parse_value(value, len, hop);
	hop->index = out->n;
	hop->line = line;
	out->n++;
}

int
received_parse_message(const char *msg, size_t len, struct received_list *out,
    char *err, size_t errlen)
{
	size_t pos = 0, lineno = 0;
	size_t vstart = 0, vend = 0, vline = 0;
	bool in_received = false;
	bool any_field = false;

	if (err != NULL && errlen > 0) {
		err[0] = '\0';
	}
	if (out == NULL) {
		set_msg(err, errlen, "no place for the result");
		return -1;
	}
	memset(out, 0, sizeof(*out));
	if (msg == NULL || len == 0) {
		set_msg(err, errlen, "empty input");
		return -1;
	}
	while (pos < len) {
		const char *nl = memchr(msg + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - msg) : len;
		size_t next = nl != NULL ? end + 1 : len;
		size_t cend = end;
		size_t namelen, colon;

		lineno++;
		if (memchr(msg + pos, '\0', end - pos) != NULL) {
			memset(out, 0, sizeof(*out));
			set_msg(err, errlen,
			    "NUL byte in the header section (line %zu)",
			    lineno);
			return -1;
		}
		if (cend > pos && msg[cend - 1] == '\r') {
			cend--;
		}
		if (cend == pos) {
			break; /* the empty line ends the header section */
		}
		if (lineno == 1 && end - pos >= 5 &&
		    memcmp(msg + pos, "From ", 5) == 0) {
			pos = next; /* mbox separator */
			continue;
		}
		if (msg[pos] == ' ' || msg[pos] == '\t') {
			if (!any_field) {
				memset(out, 0, sizeof(*out));
				set_msg(err, errlen,
				    "line %zu is not a header field", lineno);
				return -1;
			}
			if (in_received) {
				vend = cend; /* a folded continuation */
			}
			pos = next;
			continue;
		}
		if (in_received) {
			add_hop(out, msg + vstart, vend - vstart, vline);
		}
		in_received = false;
		if (!field_name(msg + pos, cend - pos, &namelen, &colon)) {
			if (!any_field) {
				memset(out, 0, sizeof(*out));
				set_msg(err, errlen,
				    "line %zu is not a header field", lineno);
				return -1;
			}
			pos = next; /* a stray line: not ours to judge */
			continue;
		}
		any_field = true;
		if (namelen == 8 &&
		    span_eq_ci(mkspan(msg + pos, 8), "Received")) {
			in_received = true;
			vstart = pos + colon + 1;
			vend = cend;
			vline = lineno;
		}
		pos = next;
	}
	if (in_received) {
		add_hop(out, msg + vstart, vend - vstart, vline);
	}
	if (!any_field) {
		memset(out, 0, sizeof(*out));
		set_msg(err, errlen, "no header field in the input");
		return -1;
	}
	return 0;
}

/* Loopback, unspecified, RFC 1918, shared, link-local, ULA, multicast. */
static bool
is_internal(const struct rdns_addr *a)
{
	return (a->family != AF_INET && a->family != AF_INET6) ||
	       rdns_addr_scope(a) != RDNS_SCOPE_GLOBAL;
}

/* A hand-off inside the receiver, by its protocol word. */
static bool
is_local_protocol(const char *proto)
{
	static const char *const prefixes[] = {"lmtp", "utf8lmtp", "local",
	    "http"};
	static const char *const words[] = {"mapi", "imap", "pop3", "pop",
	    "bsmtp"};
	const char *sp = strchr(proto, ' ');
	struct span w =
	    mkspan(proto, sp != NULL ? (size_t)(sp - proto) : strlen(proto));
	size_t i;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		if (span_prefix_ci(w, prefixes[i])) {
			return true;
		}
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		if (span_eq_ci(w, words[i])) {
			return true;
		}
	}
	return false;
}

/* Is hop i's HELO or rDNS in the organisation of a receiving host? */
static bool
is_receiver_side(const struct received_list *l, size_t i)
{
	const struct received_hop *h = &l->hop[i];
	struct span names[2];
	size_t nn = 0, k, j;

	if (h->helo[0] != '\0') {
		names[nn++] = field_span(h->helo);
	}
	if (h->rdns_state == RECEIVED_RDNS_NAME ||
	    h->rdns_state == RECEIVED_RDNS_FORGED) {
		names[nn++] = field_span(h->rdns);
	}
	for (k = 0; k < nn; k++) {
		struct span org = org_domain(names[k]);

		for (j = 0; j <= i && org.n > 0; j++) {
			if (same_org(org,
			        org_domain(field_span(l->hop[j].by)))) {
				return true;
			}
		}
	}
	return false;
}

static enum received_skip
judge(const struct received_list *l, size_t i)
{
	const struct received_hop *h = &l->hop[i];

	if (!h->has_from) {
		return RECEIVED_SKIP_NO_FROM;
	}
	if (!h->has_addr) {
		return RECEIVED_SKIP_NO_ADDR;
	}
	if (is_local_protocol(h->with) || is_local_protocol(h->via)) {
		return RECEIVED_SKIP_LOCAL_PROTOCOL;
	}
	if (is_internal(&h->addr)) {
		return RECEIVED_SKIP_INTERNAL_ADDR;
	}
	if (is_receiver_side(l, i)) {
		return RECEIVED_SKIP_RECEIVER_SIDE;
	}
	return RECEIVED_SKIP_NONE;
}

/* HELO names equal: ASCII case ignored, one trailing dot ignored. */
static bool
helo_equal(const char *a, const char *b)
{
	struct span x = field_span(a), y = field_span(b);
	size_t i;

	if (x.n > 0 && x.p[x.n - 1] == '.') {
		x.n--;
	}
	if (y.n > 0 && y.p[y.n - 1] == '.') {
		y.n--;
	}
	if (x.n == 0 || x.n != y.n) {
		return false;
	}
	for (i = 0; i < x.n; i++) {
		if (text_lower(x.p[i]) != text_lower(y.p[i])) {
			return false;
		}
	}
	return true;
}

static bool
has_hints(const struct received_select *sel)
{
	return sel != NULL && ((sel->addrs != NULL && sel->naddrs > 0) ||
	                          (sel->helo != NULL && sel->helo[0] != '\0'));
}

static bool
matches_hints(const struct received_hop *h, const struct received_select *sel)
{
	size_t i;

	if (!h->has_from) {
		return false;
	}
	if (sel->addrs != NULL && h->has_addr) {
		for (i = 0; i < sel->naddrs; i++) {
			if (rdns_addr_equal(&h->addr, &sel->addrs[i])) {
				return true;
			}
		}
	}
	return sel->helo != NULL && sel->helo[0] != '\0' &&
	       helo_equal(h->helo, sel->helo);
}

/* "(3 Received headers)", "(70 Received headers, the first 64 read)". */
static void
count_text(const struct received_list *l, char *buf, size_t len)
{
	if (l->total > l->n) {
		set_msg(buf, len, "(%zu Received headers, the first %zu read)",
		    l->total, l->n);
	} else {
		set_msg(buf, len, "(%zu Received header%s)", l->total,
		    l->total == 1 ? "" : "s");
	}
}

static void
why_no_hint(const struct received_list *l, const struct received_select *sel,
    char *why, size_t whylen)
{
	char addr[RDNS_ADDR_TEXT_MAX] = "";
	char more[48] = "";
	char count[80];
	bool has_addr = sel->addrs != NULL && sel->naddrs > 0;
	bool has_helo = sel->helo != NULL && sel->helo[0] != '\0';

	count_text(l, count, sizeof(count));
	if (has_addr) {
		if (rdns_addr_format(&sel->addrs[0], addr, sizeof(addr)) != 0) {
			set_msg(addr, sizeof(addr), "?");
		}
		if (sel->naddrs > 1) {
			set_msg(more, sizeof(more), " (or %zu more)",
			    sel->naddrs - 1);
		}
	}
	if (has_addr && has_helo) {
		set_msg(why, whylen,
		    "no Received header records a connection from %s%s or "
		    "HELO '%.64s' %s",
		    addr, more, sel->helo, count);
	} else if (has_addr) {
		set_msg(why, whylen,
		    "no Received header records a connection from %s%s %s",
		    addr, more, count);
	} else {
		set_msg(why, whylen,
		    "no Received header records HELO '%.64s' %s", sel->helo,
		    count);
	}
}

static const struct received_hop *
pick_hinted(struct received_list *l, size_t n,
    const struct received_select *sel, char *why, size_t whylen)
{
	size_t i, chosen = n;

	for (i = 0; i < n; i++) {
		if (matches_hints(&l->hop[i], sel)) {
			chosen = i;
			break;
		}
	}
	for (i = 0; i < n; i++) {
		l->hop[i].skip = i < chosen    ? RECEIVED_SKIP_NOT_SELECTED
		                 : i == chosen ? RECEIVED_SKIP_PICKED
		                               : RECEIVED_SKIP_BELOW;
	}
	if (chosen == n) {
		why_no_hint(l, sel, why, whylen);
		return NULL;
	}
	return &l->hop[chosen];
}

const struct received_hop *
received_pick(struct received_list *l, const struct received_select *sel,
    char *why, size_t whylen)
{
	enum received_skip reason[RECEIVED_MAX_HOPS];
	const char *note = "";
	char count[80];
	size_t i, n, chosen;

	if (why != NULL && whylen > 0) {
		why[0] = '\0';
	}
	if (l == NULL) {
		set_msg(why, whylen, "no message");
		return NULL;
	}
	n = l->n < RECEIVED_MAX_HOPS ? l->n : RECEIVED_MAX_HOPS;
	if (has_hints(sel)) {
		return pick_hinted(l, n, sel, why, whylen);
	}
	for (i = 0; i < n; i++) {
		reason[i] = judge(l, i);
	}
	for (chosen = 0; chosen < n; chosen++) {
		if (reason[chosen] == RECEIVED_SKIP_NONE) {
			break;
		}
	}
	if (chosen == n) {
		note = "no hop passed every check: took the topmost hop from "
		       "a public address";
		for (chosen = 0; chosen < n; chosen++) {
			const struct received_hop *h = &l->hop[chosen];

			if (h->has_from && h->has_addr &&
			    !is_internal(&h->addr)) {
				break;
			}
		}
	}
	if (chosen == n) {
		note = "no hop passed every check: took the topmost hop that "
		       "fails only for its internal address";
		for (chosen = 0; chosen < n; chosen++) {
			if (reason[chosen] == RECEIVED_SKIP_INTERNAL_ADDR) {
				break;
			}
		}
	}
	if (chosen == n) {
		note = "no hop passed every check: took the topmost hop with "
		       "an address";
		for (chosen = 0; chosen < n; chosen++) {
			if (l->hop[chosen].has_addr) {
				break;
			}
		}
	}
	for (i = 0; i < n; i++) {
		l->hop[i].skip = i == chosen ? RECEIVED_SKIP_PICKED
		                 : reason[i] == RECEIVED_SKIP_NONE
		                     ? RECEIVED_SKIP_BELOW
		                     : reason[i];
	}
	if (chosen < n) {
		set_msg(why, whylen, "%s", note);
		return &l->hop[chosen];
	}
	if (l->total == 0) {
		set_msg(why, whylen, "no Received header in the message");
	} else {
		count_text(l, count, sizeof(count));
		set_msg(why, whylen,
		    "no Received header records a connecting address %s",
		    count);
	}
	return NULL;
}

const char *
received_skip_str(enum received_skip s)
{
	switch (s) {
	case RECEIVED_SKIP_NONE:
		return "not judged";
	case RECEIVED_SKIP_PICKED:
		return "chosen";
	case RECEIVED_SKIP_BELOW:
		return "below the chosen hop";
	case RECEIVED_SKIP_NO_FROM:
		return "no from clause";
	case RECEIVED_SKIP_NO_ADDR:
		return "no connecting address";
	case RECEIVED_SKIP_LOCAL_PROTOCOL:
		return "local hand-off by protocol";
	case RECEIVED_SKIP_INTERNAL_ADDR:
		return "internal connecting address";
	case RECEIVED_SKIP_RECEIVER_SIDE:
		return "inside the receiving system";
	case RECEIVED_SKIP_NOT_SELECTED:
		return "not the given source address or HELO";
	}
	return "unknown reason";
}

const char *
received_form_str(enum received_form f)
{
	switch (f) {
	case RECEIVED_FORM_UNKNOWN:
		return "unrecognised format";
	case RECEIVED_FORM_POSTFIX:
		return "Postfix style: from HELO (RDNS [IP])";
	case RECEIVED_FORM_EXIM:
		return "Exim style: from RDNS ([IP] helo=HELO)";
	case RECEIVED_FORM_SENDMAIL:
		return "Sendmail style: from HELO (RDNS [IP])";
	case RECEIVED_FORM_MICROSOFT:
		return "Microsoft style: from HELO (IP)";
	case RECEIVED_FORM_GMAIL:
		return "Gmail style: from HELO (RDNS. [IP])";
	case RECEIVED_FORM_QMAIL:
		return "qmail style: from RDNS (HELO name) (IP)";
	case RECEIVED_FORM_COURIER:
		return "Courier style: from HELO (RDNS [::ffff:IP])";
	}
	return "unknown format";
}
