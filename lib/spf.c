/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "clock.h"
#include "spf.h"

/* --- selection and parsing (pure) ------------------------------------------
 */

/* Does txt start "v=spf1" followed by a space or the end (RFC 7208 4.5)? */
static bool
is_spf(const char *txt)
{
	return strncasecmp(txt, "v=spf1", 6) == 0 &&
	       (txt[6] == ' ' || txt[6] == '\0');
}

int
spf_select(const char *const *txt, size_t n)
{
	int found = -1;
	size_t i;

	for (i = 0; i < n; i++) {
		if (txt[i] == NULL || !is_spf(txt[i])) {
			continue;
		}
		if (found >= 0) {
			return -2;
		}
		found = (int)i;
	}
	return found;
}

/* Quote len bytes of network text into buf, sanitised. */
static const char *
quote(char *buf, size_t buflen, const char *s, size_t len)
{
	if (len > 200) {
		len = 200;
	}
	return output_sanitize(buf, buflen, s, len);
}

static bool
is_delim(int c)
{
	return c != '\0' && strchr(".-+,/_=", c) != NULL;
}

/* Append s (n bytes) to out at *len; -1 when it does not fit. */
static int
put(char *out, size_t outlen, size_t *len, const char *s, size_t n)
{
	if (*len + n >= outlen) {
		return -1;
	}
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
	return 0;
}

/*
 * The transformed value of a macro (RFC 7208 7.3): split value on delims
 * (default "."), reverse when rev, keep the rightmost keep parts (0: all),
 * join them with ".".
 */
static int
transform(const char *value, unsigned keep, bool rev, const char *delims,
    bool escape, char *out, size_t outlen, size_t *len)
{
	const char *part[SPF_TERM_MAX];
	size_t plen[SPF_TERM_MAX];
	size_t np = 0;
	size_t i;
	size_t first;
	const char *s = value;
	const char *start = value;

	for (;; s++) {
		bool d = *s != '\0' &&
		         (delims[0] == '\0' ? *s == '.'
		                            : strchr(delims, *s) != NULL);

		if (*s == '\0' || d) {
			if (np == SPF_TERM_MAX) {
				return -1;
			}
			part[np] = start;
			plen[np++] = (size_t)(s - start);
			start = s + 1;
		}
		if (*s == '\0') {
			break;
		}
	}
	if (rev) {
		for (i = 0; i < np / 2; i++) {
			const char *tp = part[i];
			size_t tl = plen[i];

			part[i] = part[np - 1 - i];
			plen[i] = plen[np - 1 - i];
			part[np - 1 - i] = tp;
			plen[np - 1 - i] = tl;
		}
	}
	first = keep > 0 && keep < np ? np - keep : 0;
	for (i = first; i < np; i++) {
		size_t k;

		if (i > first && put(out, outlen, len, ".", 1) != 0) {
			return -1;
		}
		for (k = 0; k < plen[i]; k++) {
			unsigned char c = (unsigned char)part[i][k];
			char esc[4];

			if (escape && !isalnum(c) &&
			    strchr("-._~", c) == NULL) {
				snprintf(esc, sizeof(esc), "%%%02X", c);
				if (put(out, outlen, len, esc, 3) != 0) {
					return -1;
				}
			} else if (put(out, outlen, len, (const char *)&c, 1) !=
			           0) {
				return -1;
			}
		}
	}
	return 0;
}

int
spf_macro_expand(const char *spec, const struct spf_macro_ctx *ctx, char *out,
    size_t outlen, char *unknown, char *err, size_t errlen)
{
	char q[64];
	size_t len = 0;
	const char *s;
	int missing = 0;

	if (outlen == 0) {
		return -1;
	}
	out[0] = '\0';
	for (s = spec; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		char delims[8];
		size_t nd = 0;
		unsigned keep = 0;
		bool rev = false;
		bool digits = false;
		const char *value = NULL;
		char letter;

		if (c != '%') {
			if (c < 0x21 || c > 0x7e) {
				snprintf(err, errlen,
				    "a character that is not printable ASCII "
				    "in '%s'",
				    quote(q, sizeof(q), spec, strlen(spec)));
				return -1;
			}
			if (put(out, outlen, &len, s, 1) != 0) {
				goto too_long;
			}
			continue;
		}
		s++;
		if (*s == '%' || *s == '_' || *s == '-') {
			const char *lit = *s == '%'   ? "%"
			                  : *s == '_' ? " "
			                              : "%20";

			if (put(out, outlen, &len, lit, strlen(lit)) != 0) {
				goto too_long;
			}
			continue;
		}
		if (*s != '{') {
			snprintf(err, errlen,
			    "bad macro: '%%' must be followed by {, %%, _ or - "
			    "in '%s'",
			    quote(q, sizeof(q), spec, strlen(spec)));
			return -1;
		}
		s++;
		letter = (char)tolower((unsigned char)*s);
		if (*s == '\0' || strchr("slodiphcrtv", letter) == NULL) {
			snprintf(err, errlen, "bad macro letter in '%s'",
			    quote(q, sizeof(q), spec, strlen(spec)));
			return -1;
		}
		value = letter == 'd' ? ctx->d : letter == 'o' ? ctx->o : NULL;
		if (value == NULL && !missing) {
			missing = 1;
			if (unknown != NULL) {
				*unknown = letter;
			}
		}
		bool upper = isupper((unsigned char)*s) != 0;
		for (s++; isdigit((unsigned char)*s); s++) {
			digits = true;
			if (keep > 1000) {
				break;
			}
			keep = keep * 10 + (unsigned)(*s - '0');
		}
		if (digits && keep == 0) {
			snprintf(err, errlen,
			    "a macro keeps 0 labels (the number must not be "
			    "zero) in '%s'",
			    quote(q, sizeof(q), spec, strlen(spec)));
			return -1;
		}
		if (*s == 'r' || *s == 'R') {
			rev = true;
			s++;
		}
		while (is_delim(*s) && nd < sizeof(delims) - 1) {
			delims[nd++] = *s++;
		}
		delims[nd] = '\0';
		if (*s != '}') {
			snprintf(err, errlen,
			    "unterminated or bad macro in '%s'",
			    quote(q, sizeof(q), spec, strlen(spec)));
			return -1;
		}
		if (value != NULL && transform(value, keep, rev, delims, upper,
		                         out, outlen, &len) != 0) {
			goto too_long;
		}
	}
	if (missing) {
		return 1;
	}
	/* RFC 7208 7.3: over 253 octets, labels go from the left. */
	s = out;
	while (strlen(s) > 253 && strchr(s, '.') != NULL) {
		s = strchr(s, '.') + 1;
	}
	if (s != out) {
		memmove(out, s, strlen(s) + 1);
	}
	return 0;
too_long:
	snprintf(err, errlen, "'%s' expands to more than %zu octets",
	    quote(q, sizeof(q), spec, strlen(spec)), outlen - 1);
	return -1;
}

/* Does a domain-spec end with a valid domain-end (RFC 7208 7.1)? */
static bool
domain_end_ok(const char *spec)
{
	const char *last;
	size_t n = strlen(spec);
	bool alpha = false;

	if (n > 0 && spec[n - 1] == '}') {
		return true; /* ends in a macro-expand */
	}
	if (n > 0 && spec[n - 1] == '.') {
		n--;
	}
	last = NULL;
	for (size_t i = 0; i < n; i++) {
		if (spec[i] == '.') {
			last = spec + i + 1;
		}
	}
	if (last == NULL || last >= spec + n) {
		return false; /* needs "." toplabel */
	}
	/* toplabel: alphanumerics and inner hyphens, not all digits */
	if (*last == '-' || spec[n - 1] == '-') {
		return false;
	}
	for (; last < spec + n; last++) {
		if (isalpha((unsigned char)*last)) {
			alpha = true;
		} else if (!isdigit((unsigned char)*last) && *last != '-') {
			return false;
		}
	}
	return alpha;
}

/* A cidr length: digits, no leading zero, at most max; -1 if not. */
static int
cidr_len(const char *s, size_t n, int max)
{
	int v = 0;
	size_t i;

	if (n == 0 || n > 3 || (n > 1 && s[0] == '0')) {
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i])) {
			return -1;
		}
		v = v * 10 + (s[i] - '0');
	}
	return v <= max ? v : -1;
}

/* Is s (n bytes) all digits? */
static bool
all_digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i])) {
			return false;
		}
	}
	return n > 0;
}

/*
 * Split a dual-cidr-length off the end of rest (RFC 7208 5.6): "/24",
 * "//64", "/24//64". Sets t->cidr4/cidr6 and returns the length of what
 * comes before, or -1 for a bad length.
 */
static long
split_cidr(const char *rest, struct spf_term *t)
{
	size_t n = strlen(rest);
	size_t i;

	t->cidr4 = t->cidr6 = -1;
	/* "//N" at the end */
	for (i = n; i >= 2; i--) {
		if (rest[i - 1] == '/' && rest[i - 2] == '/') {
			if (all_digits(rest + i, n - i)) {
				t->cidr6 = cidr_len(rest + i, n - i, 128);
				if (t->cidr6 < 0) {
					return -1;
				}
				n = i - 2;
			}
			break;
		}
		if (!isdigit((unsigned char)rest[i - 1])) {
			break;
		}
	}
	/* "/N" at the end of what is left */
	for (i = n; i >= 1; i--) {
		if (rest[i - 1] == '/') {
			if (all_digits(rest + i, n - i)) {
				t->cidr4 = cidr_len(rest + i, n - i, 32);
				if (t->cidr4 < 0) {
					return -1;
				}
				n = i - 1;
			}
			break;
		}
		if (!isdigit((unsigned char)rest[i - 1])) {
			break;
		}
	}
	return (long)n;
}

/* Clear the host bits of a beyond bits. */
static void
mask_addr(struct rdns_addr *a, unsigned bits)
{
	size_t nbytes = a->family == AF_INET ? 4 : 16;
	size_t i;

	for (i = 0; i < nbytes; i++) {
		if (bits >= 8 * (i + 1)) {
			continue;
		}
		if (bits <= 8 * i) {
			a->bytes[i] = 0;
		} else {
			a->bytes[i] &= (uint8_t)(0xff << (8 - (bits - 8 * i)));
		}
	}
}

/* ip4:/ip6: network[/len] into t->prefix; -1 with a reason. */
static int
parse_ip(const char *rest, int family, struct spf_term *t, char *err,
    size_t errlen)
{
	char addr[RDNS_ADDR_TEXT_MAX + 8];
	char q[64];
	const char *slash = strchr(rest, '/');
	size_t n = slash != NULL ? (size_t)(slash - rest) : strlen(rest);
	int max = family == AF_INET ? 32 : 128;
	int len = max;
	bool mapped = false;

	if (n == 0 || n >= sizeof(addr)) {
		goto bad;
	}
	memcpy(addr, rest, n);
	addr[n] = '\0';
	if (rdns_addr_parse(addr, &t->prefix.base, &mapped) != 0 ||
	    t->prefix.base.family != family || mapped ||
	    (family == AF_INET && strchr(addr, ':') != NULL)) {
		goto bad;
	}
	if (slash != NULL) {
		len = cidr_len(slash + 1, strlen(slash + 1), max);
		if (len < 0) {
			snprintf(err, errlen, "bad prefix length in '%s'",
			    quote(q, sizeof(q), t->text, strlen(t->text)));
			return -1;
		}
	}
	t->prefix.bits = (unsigned)len;
	mask_addr(&t->prefix.base, t->prefix.bits);
	return 0;
bad:
	snprintf(err, errlen, "'%s' is not an %s network",
	    quote(q, sizeof(q), t->text, strlen(t->text)),
	    family == AF_INET ? "IPv4" : "IPv6");
	return -1;
}

/* A domain-spec: syntax of its macros and its end; -1 with a reason. */
static int
check_spec(const char *spec, const struct spf_term *t, char *err, size_t errlen)
{
	struct spf_macro_ctx ctx = {"x.invalid", "x.invalid"};
	char out[RDNS_NAME_TEXT_MAX];
	char why[SPF_ERR_MAX];
	char q[64];
	char letter;

	if (spec[0] == '\0') {
		snprintf(err, errlen, "'%s' has an empty domain",
		    quote(q, sizeof(q), t->text, strlen(t->text)));
		return -1;
	}
	if (spf_macro_expand(spec, &ctx, out, sizeof(out), &letter, why,
	        sizeof(why)) < 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (!domain_end_ok(spec)) {
		snprintf(err, errlen, "'%s' does not end in a domain name",
		    quote(q, sizeof(q), t->text, strlen(t->text)));
		return -1;
	}
	return 0;
}

static const struct {
	const char *name;
	enum spf_kind kind;
} mechanisms[] = {
    {"all", SPF_ALL},
    {"include", SPF_INCLUDE},
    {"a", SPF_A},
    {"mx", SPF_MX},
    {"ptr", SPF_PTR},
    {"ip4", SPF_IP4},
    {"ip6", SPF_IP6},
    {"exists", SPF_EXISTS},
};

/* One term of tok (len bytes) into t; -1 with a reason. */
static int
parse_term(const char *tok, size_t len, struct spf_term *t, char *err,
    size_t errlen)
{
	char q[64];
	const char *s;
	const char *rest;
	size_t nlen;
	size_t i;
	long dl;

	memset(t, 0, sizeof(*t));
	t->cidr4 = t->cidr6 = -1;
	if (len >= sizeof(t->text)) {
		snprintf(err, errlen, "a term longer than %zu octets: '%s'",
		    sizeof(t->text) - 1, quote(q, sizeof(q), tok, len));
		return -1;
	}
	memcpy(t->text, tok, len);
	t->text[len] = '\0';
	s = t->text;
	t->qual = '+';
	if (strchr("+-~?", *s) != NULL) {
		t->qual = *s++;
	}
	for (nlen = 0; isalnum((unsigned char)s[nlen]) || s[nlen] == '-' ||
	               s[nlen] == '_' || s[nlen] == '.';
	     nlen++) {
	}
	rest = s + nlen;
	if (*rest == '=') {
		/* a modifier (RFC 7208 6) */
		if (t->qual != '+' || s != t->text || nlen == 0 ||
		    !isalpha((unsigned char)s[0])) {
			snprintf(err, errlen, "bad modifier '%s'",
			    quote(q, sizeof(q), t->text, len));
			return -1;
		}
		rest++;
		if (nlen == 8 && strncasecmp(s, "redirect", 8) == 0) {
			t->kind = SPF_REDIRECT;
		} else if (nlen == 3 && strncasecmp(s, "exp", 3) == 0) {
			t->kind = SPF_EXP;
		} else {
			t->kind = SPF_UNKNOWN;
			return 0;
		}
		snprintf(t->spec, sizeof(t->spec), "%s", rest);
		return check_spec(t->spec, t, err, errlen);
	}
	for (i = 0; i < sizeof(mechanisms) / sizeof(mechanisms[0]); i++) {
		if (strlen(mechanisms[i].name) == nlen &&
		    strncasecmp(s, mechanisms[i].name, nlen) == 0) {
			break;
		}
	}
	if (i == sizeof(mechanisms) / sizeof(mechanisms[0]) ||
	    (*rest != '\0' && *rest != ':' && *rest != '/')) {
		snprintf(err, errlen, "unknown mechanism '%s'",
		    quote(q, sizeof(q), t->text, len));
		return -1;
	}
	t->kind = mechanisms[i].kind;
	switch (t->kind) {
	case SPF_ALL:
		if (*rest != '\0') {
			goto bad;
		}
		return 0;
	case SPF_INCLUDE:
	case SPF_EXISTS:
		if (*rest != ':') {
			goto bad;
		}
		snprintf(t->spec, sizeof(t->spec), "%s", rest + 1);
		return check_spec(t->spec, t, err, errlen);
	case SPF_PTR:
		if (*rest == '/') {
			goto bad;
		}
		if (*rest == ':') {
			snprintf(t->spec, sizeof(t->spec), "%s", rest + 1);
			return check_spec(t->spec, t, err, errlen);
		}
		return 0;
	case SPF_A:
	case SPF_MX:
		dl = split_cidr(rest, t);
		if (dl < 0) {
			snprintf(err, errlen, "bad prefix length in '%s'",
			    quote(q, sizeof(q), t->text, len));
			return -1;
		}
		if (dl == 0) {
			return 0;
		}
		if (rest[0] != ':') {
			goto bad;
		}
		memcpy(t->spec, rest + 1, (size_t)dl - 1);
		t->spec[dl - 1] = '\0';
		return check_spec(t->spec, t, err, errlen);
	case SPF_IP4:
	case SPF_IP6:
		if (*rest != ':') {
			goto bad;
		}
		return parse_ip(rest + 1,
		    t->kind == SPF_IP4 ? AF_INET : AF_INET6, t, err, errlen);
	default:
		break;
	}
bad:
	snprintf(err, errlen, "malformed term '%s'",
	    quote(q, sizeof(q), t->text, len));
	return -1;
}

int
spf_parse(const char *record, struct spf_record *rec, char *err, size_t errlen)
{
	const char *s;
	const char *end;
	bool have_exp = false;
	char q[64];

	memset(rec, 0, sizeof(*rec));
	rec->redirect = -1;
	if (!is_spf(record)) {
		snprintf(err, errlen, "not an SPF record (no v=spf1)");
		return -1;
	}
	for (s = record + 6; *s != '\0'; s = end) {
		struct spf_term *nt;
		unsigned char c;

		for (; *s == ' '; s++) {
		}
		if (*s == '\0') {
			break;
		}
		for (end = s; *end != ' ' && *end != '\0'; end++) {
			c = (unsigned char)*end;
			if (c < 0x21 || c > 0x7e) {
				snprintf(err, errlen,
				    "a byte that is not printable ASCII in "
				    "'%s'",
				    quote(q, sizeof(q), s,
				        (size_t)(end - s) + 1));
				return -1;
			}
		}
		nt = realloc(rec->terms, (rec->n + 1) * sizeof(*nt));
		if (nt == NULL) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		rec->terms = nt;
		if (parse_term(s, (size_t)(end - s), &nt[rec->n], err,
		        errlen) != 0) {
			return -1;
		}
		switch (nt[rec->n].kind) {
		case SPF_REDIRECT:
			if (rec->redirect >= 0) {
				snprintf(err, errlen, "redirect= given twice");
				return -1;
			}
			rec->redirect = (int)rec->n;
			break;
		case SPF_EXP:
			if (have_exp) {
				snprintf(err, errlen, "exp= given twice");
				return -1;
			}
			have_exp = true;
			break;
		case SPF_ALL:
			rec->has_all = true;
			break;
		default:
			break;
		}
		rec->n++;
	}
	return 0;
}

void
spf_record_release(struct spf_record *rec)
{
	if (rec == NULL) {
		return;
	}
	free(rec->terms);
	memset(rec, 0, sizeof(*rec));
	rec->redirect = -1;
}

/* --- the walk over lib/dns -------------------------------------------------
 */

struct walk {
	const struct dns_resolver *r;
	const struct spf_policy *p;
	double deadline;
	struct spf_expansion *x;
	const char *top; /* the domain checked, normalised */
	char top_org[RDNS_NAME_TEXT_MAX];
	const char *stack[SPF_MAX_DEPTH + 1]; /* the records being walked */
	size_t depth;
	bool stop; /* a permerror or temperror: no further term */
	/*
	 * The void lookup that took one family of sender past the limit
	 * ([0] IPv4, [1] IPv6), while the other stayed within it: judged
	 * at the end, by whether the record lists senders of that family.
	 */
	struct {
		unsigned n; /* 0: not past the limit */
		char name[RDNS_NAME_TEXT_MAX];
		char path[SPF_PATH_MAX];
	} over[2];
};

static struct verdict *
new_note(struct spf_expansion *x)
{
	struct verdict *n = realloc(x->notes, (x->nnotes + 1) * sizeof(*n));

	if (n == NULL) {
		x->oom = true;
		return NULL;
	}
	x->notes = n;
	return &n[x->nnotes++];
}

/* "include:_spf.example.test" of the path, sanitised, into buf. */
static void
term_text(const struct spf_term *t, char *buf, size_t len)
{
	output_sanitize(buf, len, t->text, strlen(t->text));
}

/*
 * The permerror note: "DOMAIN SPF permerror: WHY (in PATH): receivers fail
 * SPF for every sender, whatever the PTRs say" (permerror_for: "every
 * IPv4 sender"). Stops the walk.
 */
static void permerror(struct walk *w, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void permerror_for(struct walk *w, const char *path, const char *family,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void permerror_v(struct walk *w, const char *path, const char *family,
    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* " (in PATH)" of a path without its trailing " > ", or "". */
static void
where(const char *path, char *buf, size_t len)
{
	size_t n = strlen(path);

	if (n >= 3 && strcmp(path + n - 3, " > ") == 0) {
		n -= 3;
	}
	if (n == 0) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, len, " (in %.*s)", (int)n, path);
}

static void
permerror_v(struct walk *w, const char *path, const char *family,
    const char *fmt, va_list ap)
{
	char why[VERDICT_TEXT_MAX];
	char in[SPF_PATH_MAX + 8];
	struct verdict *v;

	vsnprintf(why, sizeof(why), fmt, ap);
	w->x->permerror = true;
	w->stop = true;
	if ((v = new_note(w->x)) == NULL) {
		return;
	}
	where(path, in, sizeof(in));
	verdict_set(v, STATE_CRITICAL, PIECE_SPF, FIXER_MAIL_ADMIN,
	    "%s SPF permerror: %s%s: receivers fail SPF for every %s%ssender, "
	    "whatever the PTRs say",
	    w->top, why, in, family != NULL ? family : "",
	    family != NULL ? " " : "");
}

static void
permerror(struct walk *w, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	permerror_v(w, path, NULL, fmt, ap);
	va_end(ap);
}

/* A permerror for the senders of one family only ("IPv4"). */
static void
permerror_for(struct walk *w, const char *path, const char *family,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	permerror_v(w, path, family, fmt, ap);
	va_end(ap);
}

/* The DNS could not tell: a temperror note. Stops the walk. */
static void
temperror(struct walk *w, const char *path, const struct dns_answer *a)
{
	char in[SPF_PATH_MAX + 8];
	struct verdict *v;

	w->x->temperror = true;
	w->stop = true;
	if ((v = new_note(w->x)) == NULL) {
		return;
	}
	where(path, in, sizeof(in));
	verdict_set(v, w->p->timeout_state, PIECE_DNS, FIXER_NONE,
	    "%s SPF: could not tell the %s of %s%s: %s (%s)", w->top,
	    dns_type_str(a->qtype), a->qname, in, dns_status_str(a->status),
	    a->error[0] != '\0' ? a->error : a->server);
	v->unsure = true;
}

/* A finding that is not an error of the record (OK or WARNING). */
static void say(struct walk *w, enum state st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
say(struct walk *w, enum state st, const char *fmt, ...)
{
	struct verdict *v = new_note(w->x);
	va_list ap;

	if (v == NULL) {
		return;
	}
	/* PIECE_SPF even when OK: a fact of the record the caller names */
	verdict_set(v, st, PIECE_SPF,
	    st == STATE_OK ? FIXER_NONE : FIXER_MAIL_ADMIN, "%s", "");
	va_start(ap, fmt);
	vsnprintf(v->text, sizeof(v->text), fmt, ap);
	va_end(ap);
}

/* One more DNS-querying term (RFC 7208 4.6.4); false past the limit. */
static bool
count_lookup(struct walk *w, const char *path, const struct spf_term *t)
{
	char tt[SPF_TERM_MAX];

	if (++w->x->lookups <= SPF_MAX_LOOKUPS) {
		return true;
	}
	term_text(t, tt, sizeof(tt));
	permerror(w, path,
	    "more than %d DNS-querying terms (include, a, mx, ptr, exists, "
	    "redirect): %s is number %u",
	    SPF_MAX_LOOKUPS, tt, w->x->lookups);
	return false;
}

static bool
family_wanted(const struct walk *w, int family)
{
	return w->p->family == AF_UNSPEC || w->p->family == family;
}

/*
 * One more void lookup of name, for IPv4 senders (v4), IPv6 senders (v6)
 * or both; false past the limit for both families. A receiver counts the
 * lookups it makes for the one connection it judges: an "a" term with
 * only an AAAA record is void for every IPv4 sender (RFC 7208 4.6.4,
 * 5.3). Past the limit for one family only, the walk goes on and
 * spf_expand() judges it at the end (void_verdicts).
 */
static bool
count_void_for(struct walk *w, const char *path, const char *name, bool v4,
    bool v6)
{
	struct spf_expansion *x = w->x;
	unsigned *cnt[2] = {&x->voids4, &x->voids6};
	bool fam[2] = {v4, v6};
	int f;

	x->voids4 += v4 ? 1 : 0;
	x->voids6 += v6 ? 1 : 0;
	x->voids = x->voids4 > x->voids6 ? x->voids4 : x->voids6;
	if (x->voids4 > SPF_MAX_VOID && x->voids6 > SPF_MAX_VOID) {
		permerror(w, path,
		    "more than %d void lookups (names without an answer): "
		    "%s is number %u",
		    SPF_MAX_VOID, name, x->voids);
		return false;
	}
	for (f = 0; f < 2; f++) {
		if (fam[f] && *cnt[f] > SPF_MAX_VOID && w->over[f].n == 0) {
			w->over[f].n = *cnt[f];
			snprintf(w->over[f].name, sizeof(w->over[f].name), "%s",
			    name);
			snprintf(w->over[f].path, sizeof(w->over[f].path), "%s",
			    path);
		}
	}
	return true;
}

/*
 * After the walk: a family of sender past the void limit. Receivers fail
 * SPF for every sender of that family; that matters when the record lists
 * such senders, and is only a note when it lists none.
 */
static void
void_verdicts(struct walk *w)
{
	static const char *const fam[2] = {"IPv4", "IPv6"};
	static const char *const rr[2] = {"A", "AAAA"};
	struct spf_expansion *x = w->x;
	bool listed[2] = {false, false};
	size_t i;
	size_t j;
	int f;

	if (x->temperror || x->oom) {
		return; /* the walk stopped early: what it lists is not known */
	}
	for (i = 0; i < x->nsrc; i++) {
		for (j = 0; j < x->src[i].nprefixes; j++) {
			listed[x->src[i].prefixes[j].base.family == AF_INET6] =
			    true;
		}
	}
	/* The count that matters: of the families the record sends from. */
	if (listed[0] != listed[1]) {
		x->voids = listed[0] ? x->voids4 : x->voids6;
	}
	for (f = 0; f < 2 && !x->permerror; f++) {
		/* -4 or -6: the other family's senders are not looked at */
		if (w->over[f].n == 0 ||
		    !family_wanted(w, f == 0 ? AF_INET : AF_INET6)) {
			continue;
		}
		if (listed[f]) {
			permerror_for(w, w->over[f].path, fam[f],
			    "more than %d void lookups for %s senders (an "
			    "\"a\" term asks %s only): %s is number %u",
			    SPF_MAX_VOID, fam[f], rr[f], w->over[f].name,
			    w->over[f].n);
		} else {
			say(w, STATE_OK,
			    "%s SPF: more than %d void lookups for %s senders "
			    "(no %s record for %s), but the record lists no %s "
			    "sender: it matters only if the domain sends over "
			    "%s",
			    w->top, SPF_MAX_VOID, fam[f], rr[f],
			    w->over[f].name, fam[f], fam[f]);
		}
	}
}

/* One more void lookup, whatever the sender's family. */
static bool
count_void(struct walk *w, const char *path, const char *name)
{
	return count_void_for(w, path, name, true, true);
}

/* A new source for path; NULL when out of memory. */
static struct spf_source *
new_source(struct walk *w, const char *path, bool third, const char *org)
{
	struct spf_source *s =
	    realloc(w->x->src, (w->x->nsrc + 1) * sizeof(*s));

	if (s == NULL) {
		w->x->oom = true;
		return NULL;
	}
	w->x->src = s;
	s = &s[w->x->nsrc++];
	memset(s, 0, sizeof(*s));
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->third_party = third;
	snprintf(s->org, sizeof(s->org), "%s", org != NULL ? org : "");
	return s;
}

static int
add_prefix(struct walk *w, struct spf_source *s, const struct rdns_prefix *p)
{
	struct rdns_prefix *np =
	    realloc(s->prefixes, (s->nprefixes + 1) * sizeof(*np));

	if (np == NULL) {
		w->x->oom = true;
		return -1;
	}
	s->prefixes = np;
	np[s->nprefixes++] = *p;
	return 0;
}

/* One query, run to the end; its time counted. */
static void
lookup(struct walk *w, const char *name, uint16_t type, struct dns_answer *a)
{
	double t0 = clock_now();

	(void)dns_lookup(w->r, name, type, w->deadline, a);
	w->x->queries++;
	w->x->dns_time += clock_now() - t0;
}

/* Path + "TERM > " (or + "TERM" when last) into out. */
static void
path_add(char *out, size_t len, const char *path, const struct spf_term *t,
    bool last)
{
	char tt[SPF_TERM_MAX];

	term_text(t, tt, sizeof(tt));
	snprintf(out, len, "%s%s%s", path, tt, last ? "" : " > ");
}

/*
 * A normalised target name for t in domain d: its spec expanded, or d.
 * Returns 0; 1 when it cannot be expanded (said); -1 on a permerror.
 */
static int
target_name(struct walk *w, const struct spf_term *t, const char *d,
    const char *path, char *out, size_t len)
{
	struct spf_macro_ctx ctx;
	char dd[RDNS_NAME_TEXT_MAX];
	char od[RDNS_NAME_TEXT_MAX];
	char name[RDNS_NAME_TEXT_MAX];
	char err[SPF_ERR_MAX];
	char tt[SPF_TERM_MAX];
	char letter = '?';
	const char *c;
	int rc;

	if (t->spec[0] == '\0') {
		snprintf(out, len, "%s", d);
		return 0;
	}
	/* the macros see the names without the trailing dot */
	snprintf(dd, sizeof(dd), "%.*s",
	    (int)strlen(d) - (d[0] != '\0' && d[strlen(d) - 1] == '.'), d);
	snprintf(od, sizeof(od), "%.*s",
	    (int)strlen(w->top) -
	        (w->top[0] != '\0' && w->top[strlen(w->top) - 1] == '.'),
	    w->top);
	ctx.d = dd;
	ctx.o = od;
	rc = spf_macro_expand(t->spec, &ctx, name, sizeof(name), &letter, err,
	    sizeof(err));
	term_text(t, tt, sizeof(tt));
	if (rc < 0) {
		permerror(w, path, "%s", err);
		return -1;
	}
	if (rc == 1) {
		say(w, STATE_OK,
		    "%s SPF %s%s: depends on the sender (macro %%{%c}), cannot "
		    "be expanded to addresses: not checked",
		    w->top, path, tt, letter);
		return 1;
	}
	for (c = name; *c != '\0'; c++) {
		if (!isalnum((unsigned char)*c) && strchr("-_.", *c) == NULL) {
			break;
		}
	}
	if (*c != '\0' || rdns_name_normalize(name, out, len) != 0 ||
	    strchr(out, '.') == out + strlen(out) - 1) {
		permerror(w, path, "%s is not a valid domain name", tt);
		return -1;
	}
	return 0;
}

/* Add the addresses of answer a (A or AAAA) under cidr to s. */
static int
take_addresses(struct walk *w, struct spf_source *s, const struct dns_answer *a,
    int cidr)
{
	struct rdns_prefix p;
	size_t i;

	for (i = 0; s != NULL && a->status == DNS_OK && i < a->nrr; i++) {
		p.base = a->rr[i].addr;
		p.bits = p.base.family == AF_INET ? 32 : 128;
		if (cidr >= 0) {
			p.bits = (unsigned)cidr;
			mask_addr(&p.base, p.bits);
		}
		if (add_prefix(w, s, &p) != 0) {
			return -1;
		}
	}
	return 0;
}

/*
 * The A and AAAA of name for term t: sources of path when collect.
 * Returns the number of addresses; -1 when the walk stops.
 */
static long
resolve_host(struct walk *w, const struct spf_term *t, const char *name,
    const char *path, bool collect, bool third, const char *org,
    bool count_voids)
{
	struct dns_answer a4;
	struct dns_answer a6;
	struct spf_source *s = NULL;
	bool unsure = false;
	long n = 0;

	memset(&a4, 0, sizeof(a4));
	memset(&a6, 0, sizeof(a6));
	a4.status = a6.status = DNS_NODATA;
	if (family_wanted(w, AF_INET)) {
		lookup(w, name, DNS_T_A, &a4);
	}
	if (family_wanted(w, AF_INET6)) {
		lookup(w, name, DNS_T_AAAA, &a6);
	}
	if (dns_status_unsure(a4.status)) {
		temperror(w, path, &a4);
		unsure = true;
	} else if (dns_status_unsure(a6.status)) {
		temperror(w, path, &a6);
		unsure = true;
	}
	if (!unsure) {
		size_t n4 = a4.status == DNS_OK ? a4.nrr : 0;
		size_t n6 = a6.status == DNS_OK ? a6.nrr : 0;
		/* A name that does not exist is void for every sender; one
		 * without records of a family, for the senders of that
		 * family (asked only when it is wanted: -4, -6). */
		bool nx =
		    a4.status == DNS_NXDOMAIN || a6.status == DNS_NXDOMAIN;
		bool v4 = nx || (family_wanted(w, AF_INET) && n4 == 0);
		bool v6 = nx || (family_wanted(w, AF_INET6) && n6 == 0);

		n = (long)(n4 + n6);
		if (count_voids && (v4 || v6) &&
		    !count_void_for(w, path, name, v4, v6)) {
			n = -1;
		} else if (n > 0 && collect) {
			s = new_source(w, path, third, org);
			if (s == NULL ||
			    take_addresses(w, s, &a4, t->cidr4) != 0 ||
			    take_addresses(w, s, &a6, t->cidr6) != 0) {
				n = -1;
			}
		}
	} else {
		n = -1;
	}
	dns_answer_release(&a4);
	dns_answer_release(&a6);
	return n;
}

static void walk_record(struct walk *w, const char *domain, const char *path,
    bool collect, bool third, const char *org, const struct spf_term *via);

/* An mx term: the MX hosts (at most 10) and their addresses. */
static void
walk_mx(struct walk *w, const struct spf_term *t, const char *name,
    const char *path, bool collect, bool third, const char *org)
{
	struct dns_answer mx;
	char host[RDNS_NAME_TEXT_MAX];
	char tt[SPF_TERM_MAX];
	size_t i;

	lookup(w, name, DNS_T_MX, &mx);
	term_text(t, tt, sizeof(tt));
	if (dns_status_unsure(mx.status)) {
		temperror(w, path, &mx);
	} else if (mx.status != DNS_OK || mx.nrr == 0) {
		(void)count_void(w, path, name);
	} else if (mx.nrr + mx.nrr_more > SPF_MAX_MX_HOSTS) {
		permerror(w, path, "%s: %s has %zu MX hosts, more than %d", tt,
		    name, mx.nrr + mx.nrr_more, SPF_MAX_MX_HOSTS);
	} else {
		for (i = 0; i < mx.nrr && !w->stop; i++) {
			if (strcmp(mx.rr[i].data, ".") == 0) {
				continue; /* a null MX */
			}
			if (rdns_name_normalize(mx.rr[i].data, host,
			        sizeof(host)) != 0) {
				continue;
			}
			(void)resolve_host(w, t, host, path, collect, third,
			    org, false);
		}
	}
	dns_answer_release(&mx);
}

/* include: or redirect=: the record of the target, recursively. */
static void
walk_into(struct walk *w, const struct spf_term *t, const char *d,
    const char *path, bool collect, bool third, const char *org)
{
	char target[RDNS_NAME_TEXT_MAX];
	char torg[RDNS_NAME_TEXT_MAX];
	char sub[SPF_PATH_MAX];
	char tt[SPF_TERM_MAX];
	size_t i;
	size_t before;
	uint64_t naddr = 0;

	(void)d;
	if (target_name(w, t, d, path, target, sizeof(target)) != 0) {
		return;
	}
	term_text(t, tt, sizeof(tt));
	for (i = 0; i < w->depth; i++) {
		if (rdns_name_equal(w->stack[i], target)) {
			permerror(w, path,
			    "%s loops back to %s (receivers run into the "
			    "lookup limit)",
			    tt, w->stack[i]);
			return;
		}
	}
	if (w->depth >= SPF_MAX_DEPTH) {
		permerror(w, path, "%s nests more than %d records deep", tt,
		    SPF_MAX_DEPTH);
		return;
	}
	path_add(sub, sizeof(sub), path, t, false);
	if (!third && w->p->registrable != NULL) {
		if (w->p->registrable(target, torg, sizeof(torg)) != 0) {
			snprintf(torg, sizeof(torg), "%s", target);
		}
		if (!rdns_name_equal(torg, w->top_org) &&
		    strcasecmp(torg, w->top_org) != 0) {
			before = w->x->nsrc;
			walk_record(w, target, sub, collect, true, torg, t);
			for (i = before; i < w->x->nsrc; i++) {
				for (size_t k = 0; k < w->x->src[i].nprefixes;
				     k++) {
					uint64_t z = rdns_prefix_size(
					    &w->x->src[i].prefixes[k]);

					naddr = naddr + z < naddr ? UINT64_MAX
					                          : naddr + z;
				}
			}
			if (w->p->third_party) {
				struct verdict *v = new_note(w->x);

				if (v != NULL) {
					verdict_detail(v,
					    "%s SPF %s%s: senders of another "
					    "organisation (%s), checked as "
					    "asked",
					    w->top, path, tt, torg);
				}
			} else {
				say(w, STATE_OK,
				    "%s SPF %s%s: senders of another "
				    "organisation (%s, %llu addresses), not "
				    "checked: their PTRs are not yours to fix "
				    "(--spf-third-party checks them)",
				    w->top, path, tt, torg,
				    (unsigned long long)naddr);
			}
			return;
		}
	}
	walk_record(w, target, sub, collect, third, org, t);
}

/* Does a mechanism follow term i? */
static bool
mechanism_after(const struct spf_record *rec, size_t i)
{
	for (i++; i < rec->n; i++) {
		if (rec->terms[i].kind < SPF_REDIRECT) {
			return true;
		}
	}
	return false;
}

/* The terms of one record of domain. */
static void
walk_terms(struct walk *w, const struct spf_record *rec, const char *domain,
    const char *path, bool collect, bool third, const char *org)
{
	char name[RDNS_NAME_TEXT_MAX];
	char sub[SPF_PATH_MAX];
	char tt[SPF_TERM_MAX];
	size_t i;

	for (i = 0; i < rec->n && !w->stop && !w->x->oom; i++) {
		const struct spf_term *t = &rec->terms[i];
		bool pass = collect && t->qual == '+';
		struct spf_source *s;

		term_text(t, tt, sizeof(tt));
		switch (t->kind) {
		case SPF_ALL:
			if (mechanism_after(rec, i)) {
				say(w, STATE_OK,
				    "%s SPF %s%s: the terms after it are never "
				    "reached",
				    w->top, path, tt);
			}
			return;
		case SPF_INCLUDE:
			if (count_lookup(w, path, t)) {
				walk_into(w, t, domain, path, pass, third, org);
			}
			break;
		case SPF_A:
		case SPF_MX:
			if (!count_lookup(w, path, t) ||
			    target_name(w, t, domain, path, name,
			        sizeof(name)) != 0) {
				break;
			}
			path_add(sub, sizeof(sub), path, t, true);
			if (t->kind == SPF_A) {
				(void)resolve_host(w, t, name, sub, pass, third,
				    org, true);
			} else {
				walk_mx(w, t, name, sub, pass, third, org);
			}
			break;
		case SPF_PTR:
			if (count_lookup(w, path, t)) {
				say(w, STATE_WARNING,
				    "%s SPF %s%s: depends on each sender's own "
				    "PTR, cannot be expanded to addresses: not "
				    "checked (RFC 7208 5.5: do not use ptr)",
				    w->top, path, tt);
			}
			break;
		case SPF_EXISTS:
			if (count_lookup(w, path, t)) {
				say(w, STATE_OK,
				    "%s SPF %s%s: a DNS test per sender, "
				    "cannot "
				    "be expanded to addresses: not checked",
				    w->top, path, tt);
			}
			break;
		case SPF_IP4:
		case SPF_IP6:
			if (!pass || !family_wanted(w, t->prefix.base.family)) {
				break;
			}
			path_add(sub, sizeof(sub), path, t, true);
			s = new_source(w, sub, third, org);
			if (s != NULL) {
				(void)add_prefix(w, s, &t->prefix);
			}
			break;
		default:
			break;
		}
	}
	if (rec->redirect >= 0 && !rec->has_all && !w->stop && !w->x->oom) {
		const struct spf_term *t = &rec->terms[rec->redirect];

		if (count_lookup(w, path, t)) {
			walk_into(w, t, domain, path, collect, third, org);
		}
	}
}

/*
 * More TXT records at domain than lib/dns keeps. With an SPF record among
 * those kept (found) the walk goes on, warned that a second one would go
 * unseen; without one, whether the domain has an SPF record cannot be
 * told.
 */
static void
too_many_txt(struct walk *w, const char *path, const char *domain,
    const struct dns_answer *a, bool found)
{
	char in[SPF_PATH_MAX + 8];
	struct verdict *v;

	if (!found) {
		w->x->temperror = true;
		w->stop = true;
	}
	if ((v = new_note(w->x)) == NULL) {
		return;
	}
	where(path, in, sizeof(in));
	if (found) {
		verdict_set(v, STATE_WARNING, PIECE_SPF, FIXER_MAIL_ADMIN,
		    "%s SPF: %s has %zu TXT records%s, %zu of them read: a "
		    "second SPF record among the others (permerror) would go "
		    "unseen; remove the TXT records no longer needed",
		    w->top, domain, a->nrr + a->nrr_more, in, a->nrr);
		return;
	}
	verdict_set(v, w->p->timeout_state, PIECE_SPF, FIXER_NONE,
	    "%s SPF: could not tell the SPF record of %s%s: it has %zu TXT "
	    "records, %zu of them read, none of those an SPF record",
	    w->top, domain, in, a->nrr + a->nrr_more, a->nrr);
	v->unsure = true;
}

/* The SPF record of domain, reached through via (NULL: the top). */
static void
walk_record(struct walk *w, const char *domain, const char *path, bool collect,
    bool third, const char *org, const struct spf_term *via)
{
	struct dns_answer a;
	struct spf_record rec;
	const char **txt = NULL;
	char err[SPF_ERR_MAX];
	char tt[SPF_TERM_MAX];
	struct verdict *v;
	size_t i;
	int k;

	lookup(w, domain, DNS_T_TXT, &a);
	if (via != NULL) {
		term_text(via, tt, sizeof(tt));
	}
	if (dns_status_unsure(a.status)) {
		temperror(w, path, &a);
		goto out;
	}
	txt = calloc(a.nrr + 1, sizeof(*txt));
	if (txt == NULL) {
		w->x->oom = true;
		goto out;
	}
	for (i = 0; a.status == DNS_OK && i < a.nrr; i++) {
		txt[i] = a.rr[i].data;
	}
	k = spf_select(txt, a.status == DNS_OK ? a.nrr : 0);
	if (k == -2) {
		permerror(w, path, "%s has more than one SPF record", domain);
		goto out;
	}
	if (a.status == DNS_OK && a.nrr_more > 0) {
		/* lib/dns kept the first DNS_MAX_RECORDS: the SPF record, or
		 * a second one (permerror), may be among the rest */
		too_many_txt(w, path, domain, &a, k >= 0);
		if (k < 0) {
			goto out;
		}
	}
	if (k == -1) {
		if (via != NULL) {
			permerror(w, path, "%s: %s has no SPF record", tt,
			    domain);
		} else if ((v = new_note(w->x)) != NULL) {
			verdict_set(v, STATE_CRITICAL, PIECE_SPF,
			    FIXER_MAIL_ADMIN,
			    "%s has no SPF record (%s, no TXT record "
			    "starting v=spf1): receivers find no sender "
			    "allowed",
			    domain, dns_status_str(a.status));
		}
		goto out;
	}
	if (spf_parse(txt[k], &rec, err, sizeof(err)) != 0) {
		permerror(w, path, "the record of %s: %s", domain, err);
		spf_record_release(&rec);
		goto out;
	}
	w->stack[w->depth++] = domain;
	walk_terms(w, &rec, domain, path, collect, third, org);
	w->depth--;
	spf_record_release(&rec);
out:
	free(txt);
	dns_answer_release(&a);
}

int
spf_expand(const struct dns_resolver *r, const char *domain,
    const struct spf_policy *p, double deadline, struct spf_expansion *x)
{
	struct walk w;

	memset(x, 0, sizeof(*x));
	memset(&w, 0, sizeof(w));
	w.r = r;
	w.p = p;
	w.deadline = deadline;
	w.x = x;
	w.top = domain;
	if (p->registrable == NULL ||
	    p->registrable(domain, w.top_org, sizeof(w.top_org)) != 0) {
		snprintf(w.top_org, sizeof(w.top_org), "%s", domain);
	}
	walk_record(&w, domain, "", true, false, NULL, NULL);
	void_verdicts(&w);
	if (x->oom) {
		struct verdict *v = new_note(x);

		if (v != NULL) {
			verdict_set(v, STATE_UNKNOWN, PIECE_NONE, FIXER_NONE,
			    "out of memory");
		}
		return -1;
	}
	return 0;
}

void
spf_expansion_release(struct spf_expansion *x)
{
	size_t i;

	if (x == NULL) {
		return;
	}
	for (i = 0; i < x->nsrc; i++) {
		free(x->src[i].prefixes);
	}
	free(x->src);
	free(x->notes);
	memset(x, 0, sizeof(*x));
}
