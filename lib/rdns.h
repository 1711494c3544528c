/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * rdns.h - addresses, reverse names, host names and CIDR prefixes.
 *
 * Pure functions, no I/O and no allocation: parse and print IPv4/IPv6
 * addresses, build and parse in-addr.arpa/ip6.arpa names, normalise,
 * compare and validate host names, parse CIDR prefixes and walk them.
 * Every result goes into caller memory; nothing here keeps state.
 */
#ifndef RDNS_RDNS_H
#define RDNS_RDNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

/* Longest name in plain presentation form, including the NUL. */
#define RDNS_NAME_MAX 256
/* Longest name in escaped presentation form (\DDD), including the NUL. */
#define RDNS_NAME_TEXT_MAX 1024
/* Longest address text, including the NUL (INET6_ADDRSTRLEN). */
#define RDNS_ADDR_TEXT_MAX 46
/* Longest reverse name: 32 nibbles, their dots, "ip6.arpa." and the NUL. */
#define RDNS_REVERSE_MAX 74
/* Longest prefix text ("address/128"), including the NUL. */
#define RDNS_PREFIX_TEXT_MAX (RDNS_ADDR_TEXT_MAX + 4)

struct rdns_addr {
	int family;              /* AF_INET or AF_INET6 */
	unsigned char bytes[16]; /* network order; first 4 used for AF_INET,
	                            rest zero */
};

/*
 * Parse an address.
 *
 * IPv4 is a strict dotted quad: four decimal octets 0-255, no leading zeros
 * ("010.1.1.1" is rejected because of the octal ambiguity), no short or hex
 * forms, no whitespace. IPv6 is RFC 4291 2.2 text, any case, without a zone
 * id ("%eth0") and without brackets. An IPv4-mapped address ::ffff:a.b.c.d
 * (in either textual form, "::ffff:c000:201" too) comes back as AF_INET.
 *
 * text:   in; the address (NULL, empty or longer than RDNS_ADDR_TEXT_MAX - 1
 *         bytes is an error).
 * out:    out; the address, written only on success.
 * mapped: out, may be NULL; on success true when the text was an
 *         IPv4-mapped IPv6 address, false otherwise. Unchanged on failure.
 *
 * Returns 0 on success, -1 on any error.
 */
int rdns_addr_parse(const char *text, struct rdns_addr *out, bool *mapped);

/*
 * Print an address: dotted quad for AF_INET, RFC 5952 text for AF_INET6
 * (lowercase, no leading zeros, the longest run of two or more zero groups
 * shortened to "::", the first such run on a tie, and ::ffff:a.b.c.d for an
 * IPv4-mapped address as section 5 recommends).
 *
 * a:   in; the address.
 * buf: out; the NUL-terminated text (RDNS_ADDR_TEXT_MAX always suffices).
 *      On failure it holds "" when len > 0.
 * len: size of buf in bytes.
 *
 * Returns 0, or -1 when buf is too small, a is NULL or the family unknown.
 */
int rdns_addr_format(const struct rdns_addr *a, char *buf, size_t len);

/*
 * Compare two addresses: same family and same address bytes. AF_INET
 * 192.0.2.1 and AF_INET6 ::ffff:192.0.2.1 are different (rdns_addr_parse
 * never returns the latter). Returns false when either is NULL.
 */
bool rdns_addr_equal(const struct rdns_addr *a, const struct rdns_addr *b);
/* A hash of a (FNV-1a over family and all 16 bytes) for open-addressing
 * tables: equal addresses hash equal, as an IPv4 address's unused bytes
 * are zero. */
uint32_t rdns_addr_hash(const struct rdns_addr *a);

/*
 * The sockaddr of a with port (host order) in ss, the rest zeroed.
 * Returns its length: sizeof(struct sockaddr_in) or sockaddr_in6.
 */
socklen_t rdns_addr_sockaddr(const struct rdns_addr *a, unsigned port,
    struct sockaddr_storage *ss);

/*
 * The address of an AF_INET or AF_INET6 sockaddr (getpeername(),
 * getsockname()); an IPv4-mapped ::ffff:a.b.c.d comes back as AF_INET, as
 * from rdns_addr_parse(). Returns 0, or -1 for another family.
 */
int rdns_addr_from_sockaddr(const struct sockaddr_storage *ss,
    struct rdns_addr *a);

/* Where an address can be seen from, for "which hop came from outside". */
enum rdns_scope {
	RDNS_SCOPE_GLOBAL,      /* anything else (documentation ranges too:
	                           the lab uses them as public addresses) */
	RDNS_SCOPE_PRIVATE,     /* RFC 1918, RFC 6598 100.64/10, fc00::/7 */
	RDNS_SCOPE_LOOPBACK,    /* 127/8, ::1 */
	RDNS_SCOPE_LINK_LOCAL,  /* 169.254/16, fe80::/10 */
	RDNS_SCOPE_UNSPECIFIED, /* 0/8, ::, multicast, 240/4 */
};

/* The scope of a (never IPv4-mapped, see rdns_addr_parse) address. */
enum rdns_scope rdns_addr_scope(const struct rdns_addr *a);

/* "global", "private", "loopback", "link-local", "unspecified". */
const char *rdns_scope_str(enum rdns_scope s);

/*
 * Build the reverse name of an address (RFC 1035 3.5, RFC 3596 2.5):
 * "10.100.51.198.in-addr.arpa." for 198.51.100.10, or the 32-nibble
 * "....ip6.arpa." name in lowercase hex; always with a trailing dot. An
 * AF_INET6 address is always put under ip6.arpa, even an IPv4-mapped one;
 * rdns_addr_parse already turns mapped text into AF_INET.
 *
 * a:   in; the address.
 * buf: out; the name (RDNS_REVERSE_MAX always suffices). On failure it
 *      holds "" when len > 0.
 * len: size of buf in bytes.
 *
 * Returns 0, or -1 when buf is too small, a is NULL or the family unknown.
 */
int rdns_reverse_name(const struct rdns_addr *a, char *buf, size_t len);

/*
 * The inverse of rdns_reverse_name: a full in-addr.arpa name (exactly four
 * decimal labels 0-255, no leading zeros) or ip6.arpa name (exactly 32
 * single hex-digit labels), case-insensitive, trailing dot optional, back to
 * an AF_INET or AF_INET6 address. An ip6.arpa name of an IPv4-mapped address
 * stays AF_INET6.
 *
 * name: in; the reverse name.
 * out:  out; the address, written only on success.
 *
 * Returns 0, or -1 for NULL, partial names ("113.0.203.in-addr.arpa"),
 * RFC 2317 names ("65.64/26.113.0.203.in-addr.arpa"), escapes and garbage.
 */
int rdns_reverse_parse(const char *name, struct rdns_addr *out);

/*
 * Host names arrive in DNS presentation form (RFC 1035 5.1), possibly with
 * escapes: \DDD (a decimal byte 0-255) and \X (a literal X), because our DNS
 * layer prints every byte outside A-Z, a-z, 0-9, "-_/" and "*" escaped. An
 * escape counts as one octet for the length limits.
 */

/*
 * Normalise a name: ASCII letters lowercased, escapes copied as they are
 * ("\065" stays "\065", "\A" stays "\A"), exactly one trailing dot. The
 * root "." stays ".".
 *
 * in:     in; the name in presentation form.
 * out:    out; the normalised name. On failure it holds "" when
 *         outlen > 0. RDNS_NAME_TEXT_MAX always suffices for a valid name.
 *         in and out must not overlap.
 * outlen: size of out in bytes.
 *
 * Returns 0, or -1 for NULL or empty input, an empty label ("a..b", ".a",
 * "a.."), a label over 63 octets, a name over 255 octets in wire form (253
 * without the trailing dot), a malformed escape (a trailing "\", "\25",
 * "\256") or when out is too small.
 */
int rdns_name_normalize(const char *in, char *out, size_t outlen);

/*
 * Compare two names in presentation form as DNS names (RFC 4343): ASCII
 * case-insensitive, a trailing dot ignored, escape-aware ("\065bc.test"
 * equals "abc.test."). A malformed name (see rdns_name_normalize) is never
 * equal to anything, itself included; NULL is malformed.
 */
bool rdns_name_equal(const char *a, const char *b);

enum rdns_name_check {
	RDNS_NAME_VALID = 0,
	RDNS_NAME_EMPTY,          /* NULL, "" or the root "." */
	RDNS_NAME_TOO_LONG,       /* over 253 octets without the trailing dot */
	RDNS_NAME_LABEL_TOO_LONG, /* a label over 63 octets */
	RDNS_NAME_EMPTY_LABEL,    /* "a..b", ".a", "a.b.." */
	RDNS_NAME_BAD_CHAR,       /* anything but letters, digits, '-'
	                             (escapes, '_', '|', spaces ...) */
	RDNS_NAME_HYPHEN_EDGE,    /* a label starts or ends with '-' */
	RDNS_NAME_NUMERIC,        /* all-numeric top label, or the whole name
	                             parses as an address */
	RDNS_NAME_NOT_FQDN,       /* a single label ("localhost", "mail") */
	RDNS_NAME_REVERSE_ZONE,   /* ends in in-addr.arpa or ip6.arpa */
	RDNS_NAME_ADDRESS_LITERAL, /* "[192.0.2.1]" or "[IPv6:2001:db8::1]"
	                              (SMTP form) */
};

/*
 * Is this name usable as a mail host name: RFC 1123 2.1 letters, digits and
 * hyphens, an RFC 5321 2.3.5 fully-qualified domain name? A trailing dot is
 * allowed. Escapes (counted as one octet for lengths) are bad characters.
 *
 * The checks run in this order and the first that fails is returned:
 * empty; address literal (RFC 5321 4.1.3, only well-formed literals, any
 * other "[...]" is a bad character); too long, then empty label, then label
 * too long; bad character; hyphen at a label edge; numeric; reverse zone
 * (the name is in-addr.arpa or ip6.arpa or below them); not an FQDN.
 *
 * name: in; the name in presentation form, NULL is RDNS_NAME_EMPTY.
 *
 * Returns RDNS_NAME_VALID or the first problem found.
 */
enum rdns_name_check rdns_name_check(const char *name);

/*
 * A short lowercase phrase for a rdns_name_check() result, for messages
 * ("label longer than 63 octets", "not a fully-qualified domain name").
 * Never NULL; a static string the caller must not free. Unknown values give
 * "unknown name problem".
 */
const char *rdns_name_check_str(enum rdns_name_check c);

struct rdns_prefix {
	struct rdns_addr base; /* host bits zero */
	unsigned bits;         /* 0-32 or 0-128 */
};

/*
 * Parse a CIDR prefix (RFC 4632 3.1, RFC 4291 2.3): "198.51.100.0/28",
 * "2001:db8::/120", or a bare address (= /32 or /128). The address follows
 * rdns_addr_parse; the length is 1-3 decimal digits without a leading zero
 * ("0" itself is fine). An IPv4-mapped prefix with a length of 96 or more
 * ("::ffff:198.51.100.0/120") becomes the IPv4 prefix (198.51.100.0/24).
 * Host bits set ("198.51.100.1/28") is an error, not silently masked.
 *
 * text:   in; the prefix.
 * out:    out; the prefix, written only on success.
 * err:    out, may be NULL; on failure a one-line lowercase reason, e.g.
 *         "host bits set, did you mean 198.51.100.0/28" or
 *         "bad prefix length '33' for an IPv4 address (0-32)".
 * errlen: size of err in bytes, may be 0 (a longer message is cut).
 *
 * Returns 0 on success, -1 on any error.
 */
int rdns_prefix_parse(const char *text, struct rdns_prefix *out, char *err,
    size_t errlen);

/*
 * Print a prefix as "address/bits" (address as rdns_addr_format).
 * buf: out; RDNS_PREFIX_TEXT_MAX always suffices; "" on failure when
 * len > 0. Returns 0, or -1 when buf is too small or p is invalid.
 */
int rdns_prefix_format(const struct rdns_prefix *p, char *buf, size_t len);

/*
 * Number of addresses in a prefix, saturating at UINT64_MAX (so a /64 or
 * shorter IPv6 prefix gives UINT64_MAX). 0 for NULL or an invalid prefix.
 */
uint64_t rdns_prefix_size(const struct rdns_prefix *p);

/*
 * The n-th address of a prefix, 0 being the base.
 *
 * p:   in; the prefix.
 * n:   index, must be below the true size of the prefix (every n is in
 *      range for an IPv6 prefix of /64 or shorter).
 * out: out; the address, written only on success.
 *
 * Returns 0, or -1 when n is out of range or p is NULL or invalid.
 */
int rdns_prefix_nth(const struct rdns_prefix *p, uint64_t n,
    struct rdns_addr *out);

#endif /* RDNS_RDNS_H */
