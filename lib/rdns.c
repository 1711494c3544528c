/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "rdns.h"
#include "text.h"

/*
 * rdns: addresses, reverse names, host names and CIDR prefixes.
 *
 * Parses IPv4 strictly (dotted quad, no leading zeros) and IPv6 as RFC 4291
 * 2.2 text through inet_pton(), folds IPv4-mapped addresses to IPv4, prints
 * IPv6 as RFC 5952 says, builds and parses in-addr.arpa (RFC 1035 3.5) and
 * ip6.arpa (RFC 3596 2.5) names, reads names in RFC 1035 5.1 presentation
 * form with \DDD and \X escapes, compares them as RFC 4343 says (ASCII case
 * only), checks mail host names against RFC 1123 2.1 and RFC 5321 2.3.5
 * and 4.1.3, and parses CIDR prefixes (RFC 4632 3.1, RFC 4291 2.3).
 *
 * It does no I/O, no allocation and does not depend on the locale. It does
 * not know IDNA: non-ASCII octets are compared as they are. Partial and
 * RFC 2317 reverse names are not turned into prefixes.
 */

/* Wire form of a name: length-prefixed labels and the root's zero octet. */
#define WIRE_MAX 255
#define LABEL_MAX 63
/* Longest text of a name without its trailing dot (RFC 1035 3.1, 2.3.4). */
#define NAME_TEXT_OCTETS_MAX 253
/* How much of a user's text an error message quotes. */
#define ERR_QUOTE_MAX 64

static const char hexdigits[] = "0123456789abcdef";

/* ASCII-only helpers: <ctype.h> depends on the locale. */
static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
hex_value(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

/* Case-insensitive comparison of n bytes (ASCII letters only). */
static bool
equal_nocase(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (text_lower(a[i]) != text_lower(b[i])) {
			return false;
		}
	}
	return true;
}

/* Leave "" in a failed output buffer so no caller prints stale bytes. */
static void
clear_buf(char *buf, size_t len)
{
	if (buf != NULL && len > 0) {
		buf[0] = '\0';
	}
}

/*
 * Strict dotted quad over s[0..len): four decimal octets 0-255 without
 * leading zeros, single dots, nothing else.
 */
static int
parse_ipv4(const char *s, size_t len, unsigned char out[4])
{
	size_t i = 0;
	int part;

	for (part = 0; part < 4; part++) {
		unsigned value = 0;
		size_t digits = 0;

		if (part > 0) {
			if (i >= len || s[i] != '.') {
				return -1;
			}
			i++;
		}
		while (i < len && is_digit(s[i])) {
			if (digits == 3) {
				return -1;
			}
			if (digits == 1 && value == 0) {
				return -1; /* leading zero */
			}
			value = value * 10 + (unsigned)(s[i] - '0');
			digits++;
			i++;
		}
		if (digits == 0 || value > 255) {
			return -1;
		}
		out[part] = (unsigned char)value;
	}
	return i == len ? 0 : -1;
}

static bool
is_v4_mapped(const unsigned char b[16])
{
	static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff};

	return memcmp(b, prefix, sizeof(prefix)) == 0;
}

int
rdns_addr_parse(const char *text, struct rdns_addr *out, bool *mapped)
{
	struct rdns_addr a;
	size_t len;
	size_t i;
	bool is_mapped = false;

	if (text == NULL || out == NULL) {
		return -1;
	}
	len = strnlen(text, RDNS_ADDR_TEXT_MAX);
	if (len == 0 || len >= RDNS_ADDR_TEXT_MAX) {
		return -1;
	}
	memset(&a, 0, sizeof(a));
	if (memchr(text, ':', len) == NULL) {
		if (parse_ipv4(text, len, a.bytes) != 0) {
			return -1;
		}
		a.family = AF_INET;
	} else {
		/* inet_pton rejects these too; say so here, not by luck. */
		for (i = 0; i < len; i++) {
			if (text[i] == '%' || text[i] == '[' ||
			    text[i] == ']' || text[i] == ' ' ||
			    text[i] == '\t') {
				return -1;
			}
		}
		if (inet_pton(AF_INET6, text, a.bytes) != 1) {
			return -1;
		}
		a.family = AF_INET6;
		if (is_v4_mapped(a.bytes)) {
			unsigned char v4[4];

			memcpy(v4, a.bytes + 12, sizeof(v4));
			memset(a.bytes, 0, sizeof(a.bytes));
			memcpy(a.bytes, v4, sizeof(v4));
			a.family = AF_INET;
			is_mapped = true;
		}
	}
	*out = a;
	if (mapped != NULL) {
		*mapped = is_mapped;
	}
	return 0;
}

/* RFC 5952 text of 16 address bytes into tmp (RDNS_ADDR_TEXT_MAX bytes). */
static int
format_v6(const unsigned char b[16], char *tmp, size_t tmplen)
{
	unsigned words[8];
	int best = -1, best_len = 0;
	int run = -1, run_len = 0;
	size_t pos = 0;
	int i, n;

	if (is_v4_mapped(b)) {
		n = snprintf(tmp, tmplen, "::ffff:%u.%u.%u.%u", b[12], b[13],
		    b[14], b[15]);
		return (n < 0 || (size_t)n >= tmplen) ? -1 : 0;
	}
	for (i = 0; i < 8; i++) {
		words[i] = ((unsigned)b[2 * i] << 8) | b[2 * i + 1];
	}
	/* Longest run of zero words; the first one wins a tie. */
	for (i = 0; i < 8; i++) {
		if (words[i] == 0) {
			if (run < 0) {
				run = i;
				run_len = 0;
			}
			run_len++;
			if (run_len > best_len) {
				best = run;
				best_len = run_len;
			}
		} else {
			run = -1;
		}
	}
	if (best_len < 2) {
		best = -1;
	}
	for (i = 0; i < 8; i++) {
		if (i == best) {
			n = snprintf(tmp + pos, tmplen - pos, "::");
			i += best_len - 1;
		} else {
			bool colon = i > 0 && i != best + best_len;

			n = snprintf(tmp + pos, tmplen - pos, "%s%x",
			    colon ? ":" : "", words[i]);
		}
		if (n < 0 || (size_t)n >= tmplen - pos) {
			return -1;
		}
		pos += (size_t)n;
	}
	return 0;
}

/*
 * Dotted decimal of 4 bytes in the given order (0,1,2,3 or 3,2,1,0) into
 * tmp (at least 16 bytes); returns the length. Written by hand: these
 * run for every address of a /24 or a /16, and snprintf costs ten times
 * as much.
 */
static size_t
dotted_quad(const unsigned char *b, bool reversed, char *tmp)
{
	size_t pos = 0;
	int i;

	for (i = 0; i < 4; i++) {
		unsigned v = b[reversed ? 3 - i : i];

		if (i > 0) {
			tmp[pos++] = '.';
		}
		if (v >= 100) {
			tmp[pos++] = (char)('0' + v / 100);
		}
		if (v >= 10) {
			tmp[pos++] = (char)('0' + v / 10 % 10);
		}
		tmp[pos++] = (char)('0' + v % 10);
	}
	tmp[pos] = '\0';
	return pos;
}

int
rdns_addr_format(const struct rdns_addr *a, char *buf, size_t len)
{
	char tmp[RDNS_ADDR_TEXT_MAX];
	size_t need;

	clear_buf(buf, len);
	if (a == NULL || buf == NULL) {
		return -1;
	}
	if (a->family == AF_INET) {
		(void)dotted_quad(a->bytes, false, tmp);
	} else if (a->family == AF_INET6) {
		if (format_v6(a->bytes, tmp, sizeof(tmp)) != 0) {
			return -1;
		}
	} else {
		return -1;
	}
	need = strlen(tmp) + 1;
	if (need > len) {
		return -1;
	}
	memcpy(buf, tmp, need);
	return 0;
}

bool
rdns_addr_equal(const struct rdns_addr *a, const struct rdns_addr *b)
{
	if (a == NULL || b == NULL || a->family != b->family) {
		return false;
	}
	if (a->family == AF_INET) {
		return memcmp(a->bytes, b->bytes, 4) == 0;
	}
	if (a->family == AF_INET6) {
		return memcmp(a->bytes, b->bytes, 16) == 0;
	}
	return false;
}

uint32_t
rdns_addr_hash(const struct rdns_addr *a)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	size_t i;

	h = (h ^ (uint32_t)a->family) * 16777619u;
	for (i = 0; i < sizeof(a->bytes); i++) {
		h = (h ^ a->bytes[i]) * 16777619u;
	}
	return h;
}

socklen_t
rdns_addr_sockaddr(const struct rdns_addr *a, unsigned port,
    struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
		memcpy(&sin->sin_addr, a->bytes, 4);
		return sizeof(*sin);
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons((uint16_t)port);
	memcpy(&sin6->sin6_addr, a->bytes, 16);
	return sizeof(*sin6);
}

int
rdns_addr_from_sockaddr(const struct sockaddr_storage *ss, struct rdns_addr *a)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff};
	const unsigned char *b;

	memset(a, 0, sizeof(*a));
	if (ss->ss_family == AF_INET) {
		a->family = AF_INET;
		memcpy(a->bytes, &((const struct sockaddr_in *)ss)->sin_addr,
		    4);
		return 0;
	}
	if (ss->ss_family != AF_INET6) {
		return -1;
	}
	b = (const unsigned char *)&((const struct sockaddr_in6 *)ss)
	        ->sin6_addr;
	if (memcmp(b, mapped, sizeof(mapped)) == 0) {
		a->family = AF_INET;
		memcpy(a->bytes, b + 12, 4);
		return 0;
	}
	a->family = AF_INET6;
	memcpy(a->bytes, b, 16);
	return 0;
}

enum rdns_scope
rdns_addr_scope(const struct rdns_addr *a)
{
	const unsigned char *b = a->bytes;
	static const unsigned char zero[16];

	if (a->family == AF_INET) {
		if (b[0] == 127) {
			return RDNS_SCOPE_LOOPBACK;
		}
		if (b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
		    (b[0] == 192 && b[1] == 168) ||
		    (b[0] == 100 && (b[1] & 0xc0) == 64)) {
			return RDNS_SCOPE_PRIVATE;
		}
		if (b[0] == 169 && b[1] == 254) {
			return RDNS_SCOPE_LINK_LOCAL;
		}
		if (b[0] == 0 || b[0] >= 224) {
			return RDNS_SCOPE_UNSPECIFIED;
		}
		return RDNS_SCOPE_GLOBAL;
	}
	if (memcmp(b, zero, 15) == 0 && b[15] == 1) {
		return RDNS_SCOPE_LOOPBACK;
	}
	if (memcmp(b, zero, 16) == 0 || b[0] == 0xff) {
		return RDNS_SCOPE_UNSPECIFIED;
	}
	if ((b[0] & 0xfe) == 0xfc) {
		return RDNS_SCOPE_PRIVATE;
	}
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) {
		return RDNS_SCOPE_LINK_LOCAL;
	}
	return RDNS_SCOPE_GLOBAL;
}

const char *
rdns_scope_str(enum rdns_scope s)
{
	switch (s) {
	case RDNS_SCOPE_GLOBAL:
		return "global";
	case RDNS_SCOPE_PRIVATE:
		return "private";
	case RDNS_SCOPE_LOOPBACK:
		return "loopback";
	case RDNS_SCOPE_LINK_LOCAL:
		return "link-local";
	case RDNS_SCOPE_UNSPECIFIED:
		return "unspecified";
	}
	return "?";
}

int
rdns_reverse_name(const struct rdns_addr *a, char *buf, size_t len)
{
	char tmp[RDNS_REVERSE_MAX];
	size_t pos = 0;
	size_t need;
	int i;

	clear_buf(buf, len);
	if (a == NULL || buf == NULL) {
		return -1;
	}
	if (a->family == AF_INET) {
		pos = dotted_quad(a->bytes, true, tmp);
		memcpy(tmp + pos, ".in-addr.arpa.", sizeof(".in-addr.arpa."));
	} else if (a->family == AF_INET6) {
		/* 32 nibbles, lowest first, then "ip6.arpa.": 73 bytes. */
		for (i = 15; i >= 0; i--) {
			tmp[pos++] = hexdigits[a->bytes[i] & 0x0f];
			tmp[pos++] = '.';
			tmp[pos++] = hexdigits[a->bytes[i] >> 4];
			tmp[pos++] = '.';
		}
		memcpy(tmp + pos, "ip6.arpa.", sizeof("ip6.arpa."));
	} else {
		return -1;
	}
	need = strlen(tmp) + 1;
	if (need > len) {
		return -1;
	}
	memcpy(buf, tmp, need);
	return 0;
}

int
rdns_reverse_parse(const char *name, struct rdns_addr *out)
{
	static const char v4_suffix[] = ".in-addr.arpa";
	static const char v6_suffix[] = ".ip6.arpa";
	const size_t v4_slen = sizeof(v4_suffix) - 1;
	const size_t v6_slen = sizeof(v6_suffix) - 1;
	struct rdns_addr a;
	unsigned char q[4];
	size_t len;
	size_t i;

	if (name == NULL || out == NULL) {
		return -1;
	}
	len = strnlen(name, RDNS_NAME_MAX);
	if (len == RDNS_NAME_MAX) {
		return -1;
	}
	if (len > 0 && name[len - 1] == '.') {
		len--;
	}
	memset(&a, 0, sizeof(a));
	if (len > v4_slen &&
	    equal_nocase(name + len - v4_slen, v4_suffix, v4_slen)) {
		if (parse_ipv4(name, len - v4_slen, q) != 0) {
			return -1;
		}
		a.family = AF_INET;
		for (i = 0; i < 4; i++) {
			a.bytes[i] = q[3 - i];
		}
	} else if (len > v6_slen &&
	           equal_nocase(name + len - v6_slen, v6_suffix, v6_slen)) {
		/* "n.n. ... .n": 32 hex digits and 31 dots. */
		if (len - v6_slen != 63) {
			return -1;
		}
		for (i = 0; i < 63; i++) {
			size_t nibble = i / 2; /* 0 is the lowest nibble */
			size_t byte = 15 - nibble / 2;
			int v;

			if (i % 2 == 1) {
				if (name[i] != '.') {
					return -1;
				}
				continue;
			}
			v = hex_value(name[i]);
			if (v < 0) {
				return -1;
			}
			if (nibble % 2 == 0) {
				a.bytes[byte] |= (unsigned char)v;
			} else {
				a.bytes[byte] |= (unsigned char)(v << 4);
			}
		}
		a.family = AF_INET6;
	} else {
		return -1;
	}
	*out = a;
	return 0;
}

/*
 * Read one octet of a name in presentation form at *pp: a plain byte, \X or
 * \DDD. Sets *escaped, advances *pp. Returns the octet, or -1 for a
 * malformed escape.
 */
static int
read_octet(const char **pp, bool *escaped)
{
	const char *p = *pp;
	int v;

	if (*p != '\\') {
		*escaped = false;
		*pp = p + 1;
		return (unsigned char)*p;
	}
	*escaped = true;
	p++;
	if (*p == '\0') {
		return -1;
	}
	if (!is_digit(*p)) {
		*pp = p + 1;
		return (unsigned char)*p;
	}
	if (!is_digit(p[1]) || !is_digit(p[2])) {
		return -1;
	}
	v = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	if (v > 255) {
		return -1;
	}
	*pp = p + 3;
	return v;
}

/*
 * Presentation form to wire form (RFC 1035 3.1) in wire[WIRE_MAX + 1];
 * *wirelen gets its length with the root octet. Applies every rule of
 * rdns_name_normalize except the output size.
 */
static int
name_to_wire(const char *in, unsigned char *wire, size_t *wirelen)
{
	const char *p = in;
	size_t pos = 0;

	if (in == NULL || *in == '\0') {
		return -1;
	}
	if (strcmp(in, ".") == 0) {
		wire[0] = 0;
		*wirelen = 1;
		return 0;
	}
	for (;;) {
		size_t lenpos;
		size_t label = 0;

		if (pos >= WIRE_MAX) {
			return -1;
		}
		lenpos = pos++;
		while (*p != '\0' && *p != '.') {
			bool escaped;
			int c = read_octet(&p, &escaped);

			if (c < 0 || label == LABEL_MAX || pos >= WIRE_MAX) {
				return -1;
			}
			wire[pos++] = (unsigned char)c;
			label++;
		}
		if (label == 0) {
			return -1; /* ".a", "a..b", "a.." */
		}
		wire[lenpos] = (unsigned char)label;
		if (*p == '.') {
			p++;
		}
		if (*p == '\0') {
			break;
		}
	}
	if (pos >= WIRE_MAX) {
		return -1;
	}
	wire[pos++] = 0;
	*wirelen = pos;
	return 0;
}

int
rdns_name_normalize(const char *in, char *out, size_t outlen)
{
	unsigned char wire[WIRE_MAX + 1];
	size_t wirelen;
	size_t pos = 0;
	const char *p;
	bool dot_last = false;

	clear_buf(out, outlen);
	if (out == NULL || name_to_wire(in, wire, &wirelen) != 0) {
		return -1;
	}
	if (wirelen == 1) {
		if (outlen < 2) {
			return -1;
		}
		memcpy(out, ".", 2);
		return 0;
	}
	/* The text is valid now: copy it, escapes verbatim. */
	for (p = in; *p != '\0';) {
		size_t n = 1;

		if (*p == '\\') {
			n = is_digit(p[1]) ? 4 : 2;
		}
		if (pos + n >= outlen) {
			clear_buf(out, outlen);
			return -1;
		}
		if (n == 1) {
			out[pos] = text_lower(*p);
		} else {
			memcpy(out + pos, p, n);
		}
		dot_last = n == 1 && *p == '.';
		pos += n;
		p += n;
	}
	if (!dot_last) {
		if (pos + 1 >= outlen) {
			clear_buf(out, outlen);
			return -1;
		}
		out[pos++] = '.';
	}
	out[pos] = '\0';
	return 0;
}

bool
rdns_name_equal(const char *a, const char *b)
{
	unsigned char wa[WIRE_MAX + 1], wb[WIRE_MAX + 1];
	size_t la, lb;
	size_t i;

	if (name_to_wire(a, wa, &la) != 0 || name_to_wire(b, wb, &lb) != 0) {
		return false;
	}
	if (la != lb) {
		return false;
	}
	/*
	 * Length octets are at most 63, below 'A', so folding them is a no-op
	 * and equal lengths keep both sides' labels aligned.
	 */
	for (i = 0; i < la; i++) {
		if (text_lower((char)wa[i]) != text_lower((char)wb[i])) {
			return false;
		}
	}
	return true;
}

/* "[192.0.2.1]" or "[IPv6:2001:db8::1]" (RFC 5321 4.1.3). */
static bool
is_address_literal(const char *name, size_t len)
{
	char inner[RDNS_ADDR_TEXT_MAX + 8];
	struct rdns_addr a;
	bool mapped;
	size_t n;

	if (len < 3 || name[0] != '[' || name[len - 1] != ']') {
		return false;
	}
	n = len - 2;
	if (n >= sizeof(inner)) {
		return false;
	}
	memcpy(inner, name + 1, n);
	inner[n] = '\0';
	if (n > 5 && equal_nocase(inner, "IPv6:", 5)) {
		return rdns_addr_parse(inner + 5, &a, &mapped) == 0 &&
		       (a.family == AF_INET6 || mapped);
	}
	return rdns_addr_parse(inner, &a, &mapped) == 0 &&
	       a.family == AF_INET && !mapped;
}

/* What one pass over a name finds, for rdns_name_check's ordering. */
struct name_scan {
	size_t octets; /* escapes count one, trailing dot excluded */
	size_t labels;
	size_t max_label;
	bool empty_label;
	bool bad_char;
	bool hyphen_edge;
	bool top_numeric; /* the last label is all digits */
};

static void
scan_name(const char *name, struct name_scan *s)
{
	const char *p = name;
	size_t label = 0;
	bool first_hyphen = false, last_hyphen = false, all_digits = true;
	bool trailing_dot = false;
	bool escaped;
	const char *start;
	int c;

	memset(s, 0, sizeof(*s));
	for (;;) {
		if (*p == '.' || *p == '\0') {
			if (*p == '\0' && label == 0 && trailing_dot) {
				s->octets--;
				break;
			}
			if (label == 0) {
				s->empty_label = true;
			} else {
				if (first_hyphen || last_hyphen) {
					s->hyphen_edge = true;
				}
				s->top_numeric = all_digits;
			}
			s->labels++;
			if (label > s->max_label) {
				s->max_label = label;
			}
			if (*p == '\0') {
				break;
			}
			s->octets++;
			trailing_dot = true;
			p++;
			label = 0;
			first_hyphen = last_hyphen = false;
			all_digits = true;
			continue;
		}
		trailing_dot = false;
		start = p;
		c = read_octet(&p, &escaped);
		if (c < 0) {
			/* A malformed escape: count the backslash, go on. */
			p = start + 1;
			c = '\\';
			escaped = true;
		}
		if (escaped ||
		    !(is_alpha((char)c) || is_digit((char)c) || c == '-')) {
			s->bad_char = true;
		}
		if (label == 0) {
			first_hyphen = !escaped && c == '-';
		}
		last_hyphen = !escaped && c == '-';
		if (escaped || !is_digit((char)c)) {
			all_digits = false;
		}
		label++;
		s->octets++;
	}
}

/* Is the name (without a trailing dot, len bytes) zone or below it? */
static bool
in_zone(const char *name, size_t len, const char *zone)
{
	size_t zlen = strlen(zone);

	if (len == zlen) {
		return equal_nocase(name, zone, zlen);
	}
	return len > zlen && name[len - zlen - 1] == '.' &&
	       equal_nocase(name + len - zlen, zone, zlen);
}

enum rdns_name_check
rdns_name_check(const char *name)
{
	char plain[RDNS_NAME_MAX];
	struct rdns_addr a;
	struct name_scan s;
	size_t len;

	if (name == NULL || *name == '\0' || strcmp(name, ".") == 0) {
		return RDNS_NAME_EMPTY;
	}
	len = strlen(name);
	if (is_address_literal(name, len)) {
		return RDNS_NAME_ADDRESS_LITERAL;
	}
	scan_name(name, &s);
	if (s.octets > NAME_TEXT_OCTETS_MAX) {
		return RDNS_NAME_TOO_LONG;
	}
	if (s.empty_label) {
		return RDNS_NAME_EMPTY_LABEL;
	}
	if (s.max_label > LABEL_MAX) {
		return RDNS_NAME_LABEL_TOO_LONG;
	}
	if (s.bad_char) {
		return RDNS_NAME_BAD_CHAR;
	}
	if (s.hyphen_edge) {
		return RDNS_NAME_HYPHEN_EDGE;
	}
	/* No escapes from here on: octets are bytes, len <= 254. */
	if (name[len - 1] == '.') {
		len--;
	}
	memcpy(plain, name, len);
	plain[len] = '\0';
	if (s.top_numeric || rdns_addr_parse(plain, &a, NULL) == 0) {
		return RDNS_NAME_NUMERIC;
	}
	if (in_zone(plain, len, "in-addr.arpa") ||
	    in_zone(plain, len, "ip6.arpa")) {
		return RDNS_NAME_REVERSE_ZONE;
	}
	if (s.labels < 2) {
		return RDNS_NAME_NOT_FQDN;
	}
	return RDNS_NAME_VALID;
}

const char *
rdns_name_check_str(enum rdns_name_check c)
{
	switch (c) {
	case RDNS_NAME_VALID:
		return "valid host name";
	case RDNS_NAME_EMPTY:
		return "empty name";
	case RDNS_NAME_TOO_LONG:
		return "name longer than 253 octets";
	case RDNS_NAME_LABEL_TOO_LONG:
		return "label longer than 63 octets";
	case RDNS_NAME_EMPTY_LABEL:
		return "empty label";
	case RDNS_NAME_BAD_CHAR:
		return "character other than letter, digit or hyphen";
	case RDNS_NAME_HYPHEN_EDGE:
		return "label starts or ends with a hyphen";
	case RDNS_NAME_NUMERIC:
		return "numeric name or address";
	case RDNS_NAME_NOT_FQDN:
		return "not a fully-qualified domain name";
	case RDNS_NAME_REVERSE_ZONE:
		return "a name inside in-addr.arpa/ip6.arpa";
	case RDNS_NAME_ADDRESS_LITERAL:
		return "address literal instead of a name";
	}
	return "unknown name problem";
}

static unsigned
max_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

static bool
prefix_valid(const struct rdns_prefix *p)
{
	return p != NULL &&
	       (p->base.family == AF_INET || p->base.family == AF_INET6) &&
	       p->bits <= max_bits(p->base.family);
}

/* Clear every bit after the first bits of b (16 bytes). */
static void
mask_bytes(unsigned char *b, unsigned bits)
{
	unsigned i;

	for (i = 0; i < 16; i++) {
		if (bits >= 8 * (i + 1)) {
			continue;
		}
		if (bits <= 8 * i) {
			b[i] = 0;
		} else {
			b[i] &= (unsigned char)(0xff << (8 - (bits - 8 * i)));
		}
	}
}

/* Prefix length: 1-3 decimal digits, no leading zero, at most maxbits. */
static int
parse_bits(const char *s, unsigned maxbits, unsigned *out)
{
	unsigned v = 0;
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (!is_digit(s[i]) || i == 3 || (i == 1 && s[0] == '0')) {
			return -1;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (i == 0 || v > maxbits) {
		return -1;
	}
	*out = v;
	return 0;
}

int
rdns_prefix_parse(const char *text, struct rdns_prefix *out, char *err,
    size_t errlen)
{
	char atext[RDNS_ADDR_TEXT_MAX];
	char want[RDNS_PREFIX_TEXT_MAX];
	struct rdns_prefix p;
	struct rdns_addr masked;
	const char *slash;
	size_t alen;
	bool mapped = false;
	unsigned maxbits;

	clear_buf(err, errlen);
	if (text == NULL || out == NULL) {
		text_err(err, errlen, "no prefix given");
		return -1;
	}
	slash = strchr(text, '/');
	alen = slash != NULL ? (size_t)(slash - text) : strlen(text);
	if (alen == 0 || alen >= sizeof(atext)) {
		text_err(err, errlen, "bad address in '%.*s'", ERR_QUOTE_MAX,
		    text);
		return -1;
	}
	memcpy(atext, text, alen);
	atext[alen] = '\0';
	memset(&p, 0, sizeof(p));
	if (rdns_addr_parse(atext, &p.base, &mapped) != 0) {
		text_err(err, errlen, "bad address '%s'", atext);
		return -1;
	}
	if (mapped) {
		/* Check the length and host bits against what was typed. */
		p.base.family = AF_INET6;
		memmove(p.base.bytes + 12, p.base.bytes, 4);
		memset(p.base.bytes, 0, 10);
		p.base.bytes[10] = 0xff;
		p.base.bytes[11] = 0xff;
	}
	maxbits = max_bits(p.base.family);
	if (slash == NULL) {
		p.bits = maxbits;
	} else if (parse_bits(slash + 1, maxbits, &p.bits) != 0) {
		text_err(err, errlen,
		    "bad prefix length '%.*s' for an %s address (0-%u)",
		    ERR_QUOTE_MAX, slash + 1,
		    p.base.family == AF_INET ? "IPv4" : "IPv6", maxbits);
		return -1;
	}
	masked = p.base;
	mask_bytes(masked.bytes, p.bits);
	if (!rdns_addr_equal(&masked, &p.base)) {
		struct rdns_prefix fixed = p;

		fixed.base = masked;
		if (rdns_prefix_format(&fixed, want, sizeof(want)) != 0) {
			text_err(err, errlen, "host bits set");
		} else {
			text_err(err, errlen, "host bits set, did you mean %s",
			    want);
		}
		return -1;
	}
	if (mapped && p.bits >= 96) {
		memmove(p.base.bytes, p.base.bytes + 12, 4);
		memset(p.base.bytes + 4, 0, 12);
		p.base.family = AF_INET;
		p.bits -= 96;
	}
	*out = p;
	return 0;
}

int
rdns_prefix_format(const struct rdns_prefix *p, char *buf, size_t len)
{
	char addr[RDNS_ADDR_TEXT_MAX];
	int n;

	clear_buf(buf, len);
	if (!prefix_valid(p) || buf == NULL ||
	    rdns_addr_format(&p->base, addr, sizeof(addr)) != 0) {
		return -1;
	}
	n = snprintf(buf, len, "%s/%u", addr, p->bits);
	if (n < 0 || (size_t)n >= len) {
		clear_buf(buf, len);
		return -1;
	}
	return 0;
}

uint64_t
rdns_prefix_size(const struct rdns_prefix *p)
{
	unsigned host;

	if (!prefix_valid(p)) {
		return 0;
	}
	host = max_bits(p->base.family) - p->bits;
	if (host >= 64) {
		return UINT64_MAX;
	}
	return (uint64_t)1 << host;
}

int
rdns_prefix_nth(const struct rdns_prefix *p, uint64_t n, struct rdns_addr *out)
{
	struct rdns_addr a;
	unsigned host;
	int i, last;

	if (!prefix_valid(p) || out == NULL) {
		return -1;
	}
	host = max_bits(p->base.family) - p->bits;
	if (host < 64 && n >= ((uint64_t)1 << host)) {
		return -1;
	}
	a = p->base;
	last = p->base.family == AF_INET ? 3 : 15;
	/* Base host bits are zero and n fits in them: OR, no carries. */
	for (i = last; i >= 0 && n != 0; i--) {
		a.bytes[i] |= (unsigned char)(n & 0xff);
		n >>= 8;
	}
	*out = a;
	return 0;
}
