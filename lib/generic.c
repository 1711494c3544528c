/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include "domain.h"
#include "generic.h"
#include "rdns.h"

/*
 * generic.c - is a PTR name the provider's generic name?
 *
 * Spam filters (SpamAssassin RDNS_DYNAMIC, rspamd's hostname checks, the
 * dynamic-space blocklists) distrust mail from addresses whose PTR is the
 * access provider's or hoster's default. This module says whether a name
 * looks like such a default and gives the strongest piece of evidence.
 *
 * How: the name is lowercased into a local buffer and split at the
 * registered domain, which the ICANN part of the Public Suffix List gives
 * (lib/domain over libpsl's built-in list: static data, no file read).
 * The host part is cut into digit runs and letter runs in one pass
 * (hex runs come from a second look at stretches of 8 or more letters and
 * digits); then a fixed set of checks adds weighted evidence, and a total
 * of GENERIC_THRESHOLD makes the name generic:
 *
 *   - the address embedded: four octets in order, reversed or rotated with
 *     separators between them ("198-51-100-14", "14.100.51.198",
 *     "14.red-198-51-100"), split in halves ("14-100.w198-51"), run
 *     together ("198051100014", "1985110014"), as hex ("c633640e",
 *     either byte order), as one decimal integer; IPv6 as segments
 *     ("2001-db8--1", "::" written as an empty field) or as 32 or the last
 *     16 nibbles in either order;
 *     also as four dotted hex octets ("0e.64.33.c6") and, when the zone
 *     origin is broken, across the registered domain ("101.0.57-5.com");
 *   - the last two or three octets ("100-14") beside a pool word, and the
 *     last two in order on their own ("usr-157-050", "x134136"), decoded
 *     with the address the name was published for;
 *   - pool words from a weighted table, matched only as whole letter runs,
 *     so "dyn" never matches inside "dynamo" (RFC 1123 labels carry no
 *     other word boundaries); a strong word may carry one port letter
 *     before a number ("PPPa33"), an access acronym may begin a longer
 *     run ("ftthockelbo") and "dsl" may end one ("internetdsl");
 *   - a MAC address ("00-04-bd-d2-e0-a3", "0004.bdd2.e0a3") or a long
 *     hexadecimal id (cable modem);
 *   - a PTR that is itself a reverse name (in-addr.arpa, ip6.arpa), a host
 *     part that is only a provider's placeholder ("hosted-by", "host"),
 *     a dedicated server's serial-numbered default under a domain that
 *     rents out servers ("astra4139.startdedicated.de"), a serial-numbered
 *     host beside a pool word ("s271272.static");
 *   - the default formats of clouds and hosters, from a table of
 *     suffix + pattern pairs over the whole name.
 *
 * Words of a mail role ("mail", "smtp", "mx", "mta", "out", "relay"), and
 * a registered domain that names a mail service ("mailgun"), only weaken
 * an embedded address: deliberately named sending hosts of big providers
 * carry digits or even the whole address. Nothing here does I/O,
 * allocates or keeps state; every loop is bounded by the name length
 * (253) and the fixed tables.
 *
 * Does not: look at the registered domain for pool words (only for
 * "mail"/"smtp" and for the hosting words of the dedicated-server rule),
 * resolve anything, or decide what a receiver will do with the verdict.
 * DigitalOcean, Oracle Cloud (public addresses) and Alibaba Cloud set no
 * default PTR (the droplet's name, or nothing until asked), so they have no
 * table entry; Oracle's internal oraclevcn.com names do.
 *
 * Names follow RFC 1035 2.3.1 / RFC 1123 2.1 label syntax; presentation
 * form as in RFC 1035 5.1. IPv6 text in reasons follows RFC 5952 (via
 * inet_ntop). The reasons are built by hand, not with printf: it was half
 * the cost of a call.
 */

#define NAME_MAX_LEN 253 /* octets without the trailing dot */
#define MAX_RUNS 64
#define MAX_FIELDS 64
#define LOOSE_GAP_MAX 12 /* bytes between octets of a loose match */
#define SHOW_MAX 48      /* longest piece of the name quoted in a reason */
#define WORD_MIN 2       /* shortest and longest word of the tables below */
#define WORD_MAX 11
#define PLACEHOLDER_MAX 12 /* longest entry of placeholders[] */

enum {
	SCORE_PROVIDER = 20,
	SCORE_ADDRESS = 10,
	SCORE_PARTIAL = 10,
	SCORE_HEXID = 8,
	SCORE_NUMBERED = 4,
	SCORE_MAC = 10,
	SCORE_PLACEHOLDER = 10,
	SCORE_DEDICATED = 10,
	SCORE_SERIAL = 5,
	SCORE_WORDS_CAP = 30,
	PENALTY_MAIL_ROLE = 5,
	HEXID_MIN = 12,
};

struct pool_word {
	const char *word;
	unsigned char len;
	unsigned char weight; /* 0 for the mail role words */
	bool mail;            /* says "this host sends mail" */
};

/* clang-format off */
#define W(s, w) { s, sizeof(s) - 1, w, false }
#define M(s) { s, sizeof(s) - 1, 0, true }
/* clang-format on */

/*
 * Words, matched against whole letter runs of the host part. Pool words
 * (W) carry a weight: 10 is enough on its own; smaller weights need more
 * evidence (a second word, a number after the word, part of the address).
 * Spanish/Portuguese/Italian spellings of the same words are included.
 * Mail role words (M) only weaken an embedded address. One table, sorted,
 * searched by bisection: keep it sorted.
 */
/* clang-format off */
static const struct pool_word words[] = {
	W("abo", 6),          W("access", 4),       W("addr", 4),
	W("adsl", 10),        W("arpa", 4),         W("bb", 4),
	M("bounce"),          W("broad", 8),        W("broadband", 10),
	W("cable", 10),       W("cablemodem", 10),  W("catv", 10),
	W("cgnat", 10),       W("client", 7),       W("cliente", 7),
	W("clientes", 7),     W("clienti", 7),      W("clients", 7),
	W("cm", 4),           W("cpc", 6),          W("cpe", 10),
	W("cust", 7),         W("customer", 7),     W("customers", 7),
	W("ded", 3),          W("dedicated", 3),    W("demarc", 10),
	W("dhcp", 10),        W("dial", 10),        W("dialin", 10),
	W("dialip", 10),      W("dialup", 10),      W("dinamic", 10),
	W("dinamico", 10),    W("dip", 6),          W("dorm", 8),
	W("dorms", 8),        W("dsl", 10),         W("dyn", 10),
	W("dynadsl", 10),     W("dynamic", 10),     W("dynamicip", 10),
	W("dyndsl", 10),      W("dynip", 10),       W("eduroam", 10),
	M("email"),           W("fiber", 6),        W("fibra", 6),
	W("fibre", 6),        W("fios", 8),         W("fix", 4),
	W("fixed", 4),        W("fttb", 10),        W("fttc", 10),
	W("ftth", 10),        W("fttx", 10),        W("generic", 10),
	W("gprs", 10),        W("home", 5),         W("host", 3),
	W("hosted", 5),       W("hsd", 10),         W("hsi", 6),
	W("ip", 4),           W("ipoe", 10),        W("leased", 6),
	W("leasedline", 10),  W("lte", 5),          M("mail"),
	M("mailer"),          M("mailgw"),          M("mailhost"),
	M("mailout"),         M("mailrelay"),       W("mobile", 5),
	W("modem", 7),        M("mout"),            M("mta"),
	M("mx"),              W("nas", 6),          W("nat", 5),
	W("node", 3),         W("noname", 8),       M("out"),
	M("outbound"),        W("pc", 6),           W("pool", 10),
	W("pools", 10),       W("ppp", 10),         W("pppoe", 10),
	W("pptp", 10),        M("relay"),           W("res", 7),
	W("reshall", 10),     W("resi", 7),         W("residential", 10),
	W("resnet", 10),      W("rev", 4),          W("reverse", 5),
	W("sdsl", 10),        M("sender"),          M("smtp"),
	M("smtpout"),         M("smtprelay"),       W("sta", 4),
	W("stat", 3),         W("static", 5),       W("staticip", 5),
	W("student", 6),      W("students", 6),     W("subscriber", 7),
	W("subscribers", 7),  W("tunnel", 7),       W("umts", 10),
	W("unallocated", 10), W("unassigned", 10),  W("undef", 10),
	W("unknown", 6),      W("unused", 10),      W("user", 5),
	W("users", 5),        W("vdsl", 10),        W("vps", 6),
	W("wifi", 5),         W("wimax", 10),       W("wireless", 7),
	W("wlan", 5),         W("xdsl", 10),
};
/* clang-format on */

#undef W
#undef M

/*
 * Default names of clouds and hosters (and two access providers whose
 * default names carry no address). suffix is the tail of the name at a
 * label boundary; pattern is matched against everything before it (without
 * the joining dot): '#' one or more digits, '%' one or more hex digits, '*'
 * one or more of [a-z0-9-] (one label), '&' one or more of anything, any
 * other byte itself.
 */
struct provider_format {
	const char *suffix;
	const char *pattern;
	const char *reason;
	size_t suffix_len; /* filled in by P() */
};

/* clang-format off */
#define P(suf, pat, why) { suf, pat, why, sizeof(suf) - 1 }
/* clang-format on */

/* clang-format off */
static const struct provider_format providers_com[] = {
	P("compute-1.amazonaws.com", "ec2-#-#-#-#",
	    "AWS EC2 default name (ec2-N-N-N-N.compute-1.amazonaws.com)"),
	P("compute.amazonaws.com", "ec2-#-#-#-#.*",
	    "AWS EC2 default name (ec2-N-N-N-N.REGION.compute.amazonaws.com)"),
	P("bc.googleusercontent.com", "#.#.#.#",
	    "Google Cloud default name (N.N.N.N.bc.googleusercontent.com)"),
	P("cloudapp.azure.com", "*.*",
	    "Azure default name (NAME.REGION.cloudapp.azure.com)"),
	P("kimsufi.com", "ks#", "Kimsufi default name (ksN.kimsufi.com)"),
	P("members.linode.com", "li#-#",
	    "Linode default name (liN-N.members.linode.com)"),
	P("ip.linodeusercontent.com", "&",
	    "Linode default name (ADDRESS.ip.linodeusercontent.com)"),
	P("vultrusercontent.com", "#.#.#.#",
	    "Vultr default name (N.N.N.N.vultrusercontent.com)"),
	P("vultr.com", "#.#.#.#", "Vultr default name (N.N.N.N.vultr.com)"),
	P("pbiaas.com", "ip#-#-#-#",
	    "IONOS default name (ipN-N-N-N.pbiaas.com)"),
	P("oraclevcn.com", "&",
	    "Oracle Cloud internal name (NAME.oraclevcn.com)"),
	P("leaseweb.com", "hosted-by",
	    "Leaseweb default name (hosted-by.leaseweb.com)"),
};

static const struct provider_format providers_internal[] = {
	P("ec2.internal", "ip-#-#-#-#",
	    "AWS EC2 internal name (ip-N-N-N-N.ec2.internal)"),
	P("compute.internal", "ip-#-#-#-#.*",
	    "AWS EC2 internal name (ip-N-N-N-N.REGION.compute.internal)"),
};

static const struct provider_format providers_net[] = {
	P("cloudapp.net", "*", "Azure default name (NAME.cloudapp.net)"),
	P("net", "*.ip-#-#-#", "OVH default name (NAME.ip-N-N-N.net)"),
	P("vps.ovh.net", "vps-*", "OVH VPS default name (vps-ID.vps.ovh.net)"),
	P("ovh.net", "vps#", "OVH VPS default name (vpsN.ovh.net)"),
	P("ovh.net", "ns#", "OVH dedicated default name (nsN.ovh.net)"),
	P("contaboserver.net", "vmi#",
	    "Contabo default name (vmiN.contaboserver.net)"),
	P("contaboserver.net", "vmd#",
	    "Contabo default name (vmdN.contaboserver.net)"),
	P("stratoserver.net", "h#",
	    "Strato default name (hN.stratoserver.net)"),
	P("ip.secureserver.net", "ip-#-#-#-#",
	    "GoDaddy default name (ip-N-N-N-N.ip.secureserver.net)"),
	P("shawcable.net", "s%.*",
	    "Shaw default name (sMAC.REGION.shawcable.net)"),
};

static const struct provider_format providers_de[] = {
	P("clients.your-server.de", "static.&",
	    "Hetzner default name (static.N.clients.your-server.de)"),
	P("megasrv.de", "v#", "netcup default name (vN.megasrv.de)"),
	P("quicksrv.de", "v#", "netcup default name (vN.quicksrv.de)"),
	P("ultrasrv.de", "v#", "netcup default name (vN.ultrasrv.de)"),
	P("dedicated.hosteurope.de", "lvps#-#-#-#",
	    "Host Europe default name (lvpsN-N-N-N.dedicated.hosteurope.de)"),
	P("t-ipconnect.de", "p%.dip#",
	    "Deutsche Telekom dial-in name (pHEX.dipN.t-ipconnect.de)"),
};

static const struct provider_format providers_eu[] = {
	P("eu", "*.ip-#-#-#", "OVH default name (NAME.ip-N-N-N.eu)"),
	P("rev.poneytelecom.eu", "#-#-#-#",
	    "Scaleway default name (N-N-N-N.rev.poneytelecom.eu)"),
};

static const struct provider_format providers_us[] = {
	P("us", "*.ip-#-#-#", "OVH default name (NAME.ip-N-N-N.us)"),
	P("vps.ovh.us", "vps-*", "OVH VPS default name (vps-ID.vps.ovh.us)"),
};

static const struct provider_format providers_ca[] = {
	P("vps.ovh.ca", "vps-*", "OVH VPS default name (vps-ID.vps.ovh.ca)"),
};

static const struct provider_format providers_cloud[] = {
	P("instances.scw.cloud", "&",
	    "Scaleway default name (ID.instances.scw.cloud)"),
	P("hstgr.cloud", "srv#", "Hostinger default name (srvN.hstgr.cloud)"),
};

static const struct provider_format providers_fr[] = {
	P("dedibox.fr", "sd-#",
	    "Scaleway Dedibox default name (sd-N.dedibox.fr)"),
};

static const struct provider_format providers_info[] = {
	P("onlinehome-server.info", "s#",
	    "IONOS default name (sN.onlinehome-server.info)"),
};

static const struct provider_format providers_jp[] = {
	P("ocn.ne.jp", "p#-ip&", "NTT OCN default name (pN-ipXXX.ocn.ne.jp)"),
	P("ocn.ne.jp", "p#-ad&", "NTT OCN default name (pN-adXXX.ocn.ne.jp)"),
};

#undef P

/* The tables above by top-level domain: a name only meets its own. */
struct provider_group {
	const char *tld;
	size_t tld_len;
	const struct provider_format *formats;
	size_t n;
};

#define GROUP(t) { #t, sizeof(#t) - 1, providers_##t, \
	sizeof(providers_##t) / sizeof(providers_##t[0]) }

static const struct provider_group provider_groups[] = {
	GROUP(com), GROUP(internal), GROUP(net), GROUP(de),
	GROUP(eu), GROUP(us), GROUP(ca), GROUP(cloud),
	GROUP(fr), GROUP(info), GROUP(jp),
};

#undef GROUP
/* clang-format on */

/* A run of digits (or hex digits) in the host part. */
struct run {
	int start;
	int len;
	int octet;   /* decimal value 0-255 for 1-3 digits, else -1 */
	int gap;     /* bytes since the previous run ended; -1 for the first */
	bool strict; /* gap is exactly one of ".-_" */
};

/* A '.', '-' or '_' separated field of the host part, for IPv6 segments. */
struct field {
	int start;
	int len;
	int value; /* 0-0xffff for 1-4 hex digits, -1 otherwise (also empty) */
};

/* Where the evidence was found, for the reason. */
struct span {
	int start;
	int end;
};

/* Everything one classification needs, on the caller's stack. */
struct scan {
	char name[NAME_MAX_LEN + 1]; /* lowercased, no trailing dot */
	int len;
	int hostlen; /* host part is name[0, hostlen) */
	int tld;     /* the top-level label is name[tld, len) */
	int dots[4]; /* offsets of the last four dots, last first */
	int ndots;   /* dots in the name */
	const struct rdns_addr *addr;
	bool v4;
	unsigned char o[4];
	bool v6;
	unsigned int seg[8];
	struct run nums[MAX_RUNS];
	int nnums;
	struct run hexes[MAX_RUNS];
	int nhexes;
	struct span letters[MAX_RUNS];
	int nletters;
	int nhexfields; /* separated fields of 2 or 4 hex digits */
	int dom_start;  /* the registered domain's first label */
	int dom_end;
};

/* Character classes of a lowercased name, one table lookup each. */
enum {
	C_DIGIT = 1,
	C_HEXLETTER = 2,
	C_LOWER = 4,
	C_SEP = 8,
};

#define HL (C_HEXLETTER | C_LOWER)

/* clang-format off */
static const unsigned char cclass[256] = {
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
	['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
	['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['a'] = HL, ['b'] = HL, ['c'] = HL, ['d'] = HL, ['e'] = HL, ['f'] = HL,
	['g'] = C_LOWER, ['h'] = C_LOWER, ['i'] = C_LOWER, ['j'] = C_LOWER,
	['k'] = C_LOWER, ['l'] = C_LOWER, ['m'] = C_LOWER, ['n'] = C_LOWER,
	['o'] = C_LOWER, ['p'] = C_LOWER, ['q'] = C_LOWER, ['r'] = C_LOWER,
	['s'] = C_LOWER, ['t'] = C_LOWER, ['u'] = C_LOWER, ['v'] = C_LOWER,
	['w'] = C_LOWER, ['x'] = C_LOWER, ['y'] = C_LOWER, ['z'] = C_LOWER,
	['.'] = C_SEP, ['-'] = C_SEP, ['_'] = C_SEP,
};
/* clang-format on */

#undef HL

static bool
is_digit(char c)
{
	return (cclass[(unsigned char)c] & C_DIGIT) != 0;
}

static bool
is_lower(char c)
{
	return (cclass[(unsigned char)c] & C_LOWER) != 0;
}

static bool
is_hex(char c)
{
	return (cclass[(unsigned char)c] & (C_DIGIT | C_HEXLETTER)) != 0;
}

static bool
is_sep(char c)
{
	return (cclass[(unsigned char)c] & C_SEP) != 0;
}

/* What to add to a byte to lowercase it (ASCII only, RFC 4343). */
/* clang-format off */
static const unsigned char to_lower[256] = {
	['A'] = 32, ['B'] = 32, ['C'] = 32, ['D'] = 32, ['E'] = 32, ['F'] = 32,
	['G'] = 32, ['H'] = 32, ['I'] = 32, ['J'] = 32, ['K'] = 32, ['L'] = 32,
	['M'] = 32, ['N'] = 32, ['O'] = 32, ['P'] = 32, ['Q'] = 32, ['R'] = 32,
	['S'] = 32, ['T'] = 32, ['U'] = 32, ['V'] = 32, ['W'] = 32, ['X'] = 32,
	['Y'] = 32, ['Z'] = 32,
};
/* clang-format on */

/* Lowercase the name into s->name; false for names we do not classify. */
static bool
load_name(struct scan *s, const char *name)
{
	size_t n;
	size_t i;

	if (name == NULL) {
		return false;
	}
	n = strnlen(name, NAME_MAX_LEN + 2);
	if (n > 0 && name[n - 1] == '.') {
		n--;
	}
	if (n == 0 || n > NAME_MAX_LEN) {
		return false;
	}
	s->ndots = 0;
	for (i = 0; i < n; i++) {
		unsigned char u = (unsigned char)name[i];
		char c = (char)(u + to_lower[u]);

		if (c == '.') {
			/* Keep the last four dots, newest first. */
			s->dots[3] = s->dots[2];
			s->dots[2] = s->dots[1];
			s->dots[1] = s->dots[0];
			s->dots[0] = (int)i;
			s->ndots++;
		}
		s->name[i] = c;
	}
	s->name[n] = '\0';
	s->len = (int)n;
	return s->ndots > 0;
}

/*
 * Labels of the public suffix of s->name: the ICANN part of the Public
 * Suffix List (lib/domain), except for com, net and org, under which
 * that part lists no suffix, so that the common names do not pay for a
 * lookup. A top label the list does not know (test, invalid) counts as
 * one label, as a TLD would.
 */
static int
suffix_labels(const struct scan *s)
{
	const char *tld = s->name + s->tld;
	int k;

	if (strcmp(tld, "com") == 0 || strcmp(tld, "net") == 0 ||
	    strcmp(tld, "org") == 0) {
		return 1;
	}
	k = domain_suffix_labels(s->name);
	return k < 1 ? 1 : k > 3 ? 3 : k;
}

/* Length of the host part: the labels left of the registered domain.
   Also notes where the top-level label starts. */
static int
host_part_length(struct scan *s)
{
	int k;

	s->tld = s->dots[0] + 1;
	if (s->ndots < 2) {
		return 0;
	}
	k = suffix_labels(s);
	return s->ndots > k ? s->dots[k] : 0;
}

static void
load_addr(struct scan *s, const struct rdns_addr *addr)
{
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff};
	int i;

	s->addr = addr;
	if (addr == NULL) {
		return;
	}
	if (addr->family == AF_INET) {
		memcpy(s->o, addr->bytes, 4);
		s->v4 = true;
	} else if (addr->family == AF_INET6) {
		if (memcmp(addr->bytes, mapped, sizeof(mapped)) == 0) {
			memcpy(s->o, addr->bytes + 12, 4);
			s->v4 = true;
		} else {
			for (i = 0; i < 8; i++) {
				s->seg[i] =
				    ((unsigned int)addr->bytes[2 * i] << 8) |
				    addr->bytes[2 * i + 1];
			}
			s->v6 = true;
		}
	}
}

/* Append a run [start, end) to runs; prev_end is where the last ended. */
static void
add_run(const struct scan *s, struct run *runs, int *n, int start, int end,
    int prev_end, int value)
{
	struct run *r;

	if (*n >= MAX_RUNS) {
		return;
	}
	r = &runs[(*n)++];
	r->start = start;
	r->len = end - start;
	r->octet = value;
	r->gap = prev_end < 0 ? -1 : start - prev_end;
	r->strict =
	    prev_end >= 0 && start - prev_end == 1 && is_sep(s->name[prev_end]);
}

/* Cut the host part into digit runs, letter runs and hex runs. */
static void
tokenize(struct scan *s)
{
	const char *h = s->name;
	int n = s->hostlen;
	int digit_end = -1;
	int i = 0;
	int seg_start = 0;
	bool seg_hex = true; /* the stretch so far is all hex digits */
	struct span segs[MAX_RUNS];
	int nsegs = 0;
	int g;

	s->nnums = 0;
	s->nhexes = 0;
	s->nletters = 0;
	s->nhexfields = 0;
	while (i < n) {
		unsigned c = cclass[(unsigned char)h[i]];
		int start = i;

		if ((c & C_DIGIT) != 0) {
			int value = 0;

			while (i < n &&
			       (cclass[(unsigned char)h[i]] & C_DIGIT) != 0) {
				if (value <= 255) {
					value = value * 10 + (h[i] - '0');
				}
				i++;
			}
			/* The 4 or 6 of "ipv4", "ip6" names the family, not
			   an octet ("h127-ipv4-93-91-140"). */
			if (i - start == 1 && (value == 4 || value == 6) &&
			    start >= 2 &&
			    ((h[start - 1] == 'v' && h[start - 2] == 'p') ||
			        (h[start - 1] == 'p' && h[start - 2] == 'i'))) {
				continue;
			}
			add_run(s, s->nums, &s->nnums, start, i, digit_end,
			    i - start <= 3 && value <= 255 ? value : -1);
			digit_end = i;
		} else if ((c & C_LOWER) != 0) {
			unsigned hexmask = C_HEXLETTER;

			while (i < n &&
			       (cclass[(unsigned char)h[i]] & C_LOWER) != 0) {
				hexmask &= cclass[(unsigned char)h[i]];
				i++;
			}
			seg_hex = seg_hex && hexmask != 0;
			if (s->nletters < MAX_RUNS) {
				s->letters[s->nletters].start = start;
				s->letters[s->nletters].end = i;
				s->nletters++;
			}
		} else {
			/* End of a stretch of letters and digits. */
			if (seg_hex &&
			    (i - seg_start == 2 || i - seg_start == 4)) {
				s->nhexfields++;
			}
			seg_hex = true;
			if (i - seg_start >= 8 && nsegs < MAX_RUNS) {
				segs[nsegs].start = seg_start;
				segs[nsegs].end = i;
				nsegs++;
			}
			i++;
			seg_start = i;
		}
	}
	if (seg_hex && (n - seg_start == 2 || n - seg_start == 4)) {
		s->nhexfields++;
	}
	if (n - seg_start >= 8 && nsegs < MAX_RUNS) {
		segs[nsegs].start = seg_start;
		segs[nsegs].end = n;
		nsegs++;
	}
	/* Hex runs mix both kinds; only runs of 8 or more matter, and those
	   only fit in stretches of 8 or more. */
	for (g = 0; g < nsegs; g++) {
		int end = segs[g].end;

		i = segs[g].start;
		while (i < end) {
			int start;

			if ((cclass[(unsigned char)h[i]] &
			        (C_DIGIT | C_HEXLETTER)) == 0) {
				i++;
				continue;
			}
			start = i;
			while (i < end && (cclass[(unsigned char)h[i]] &
			                      (C_DIGIT | C_HEXLETTER)) != 0) {
				i++;
			}
			if (i - start >= 8) {
				add_run(s, s->hexes, &s->nhexes, start, i, -1,
				    -1);
			}
		}
	}
}

/* Are the n bytes at a and b equal? For the short compares here a call
   to memcmp costs more than the compare. */
static bool
same(const char *a, const char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (a[i] != b[i]) {
			return false;
		}
	}
	return true;
}

/* Write an octet in decimal without leading zeros; returns 1 to 3. */
static int
put_octet(char *buf, unsigned v)
{
	int n = 0;

	if (v >= 100) {
		buf[n++] = (char)('0' + v / 100);
	}
	if (v >= 10) {
		buf[n++] = (char)('0' + v / 10 % 10);
	}
	buf[n++] = (char)('0' + v % 10);
	return n;
}

/* Write the octets in order ord as one run without padding. */
static int
put_octets(char *buf, const unsigned char *o, const int *ord)
{
	int n = 0;
	int k;

	for (k = 0; k < 4; k++) {
		n += put_octet(buf + n, o[ord[k]]);
	}
	return n;
}

/* A bounded string under construction (the reason). */
struct text {
	char *buf;
	size_t size; /* at least 1 */
	size_t len;
};

/* Append n bytes of p, cutting at the end of the buffer. */
static void
text_add(struct text *t, const char *p, size_t n)
{
	size_t room = t->size - 1 - t->len;

	if (n > room) {
		n = room;
	}
	memcpy(t->buf + t->len, p, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static void
text_str(struct text *t, const char *p)
{
	text_add(t, p, strlen(p));
}

/* Append name[sp.start, sp.end), shortened to SHOW_MAX with "...". */
static void
text_span(struct text *t, const struct scan *s, struct span sp)
{
	int n = sp.end - sp.start;

	if (n > SHOW_MAX) {
		text_add(t, s->name + sp.start, SHOW_MAX - 3);
		text_str(t, "...");
	} else {
		text_add(t, s->name + sp.start, (size_t)n);
	}
}

/* Append the address: dotted quad, or RFC 5952 text for IPv6. */
static void
text_addr(struct text *t, const struct scan *s)
{
	char buf[INET6_ADDRSTRLEN];
	int n = 0;
	int k;

	if (s->v4) {
		for (k = 0; k < 4; k++) {
			if (k > 0) {
				buf[n++] = '.';
			}
			n += put_octet(buf + n, s->o[k]);
		}
		text_add(t, buf, (size_t)n);
	} else if (inet_ntop(AF_INET6, s->addr->bytes, buf, sizeof(buf)) !=
	           NULL) {
		text_str(t, buf);
	} else {
		text_str(t, "?");
	}
}

/* Does the window of four octet runs at i match octets in some order? */
static bool
window_matches(const struct scan *s, int i)
{
	int dir;
	int rot;
	int k;

	for (k = 0; k < 4; k++) {
		if (s->nums[i + k].octet < 0 ||
		    (k > 0 && s->nums[i + k].gap > LOOSE_GAP_MAX)) {
			return false;
		}
	}
	/* Forward, reversed, and their rotations ("14.red-198-51-100"). */
	for (dir = 0; dir < 2; dir++) {
		for (rot = 0; rot < 4; rot++) {
			for (k = 0; k < 4; k++) {
				int idx = dir == 0 ? (k + rot) % 4
				                   : (3 - k + rot) % 4;

				if (s->nums[i + k].octet != s->o[idx]) {
					break;
				}
			}
			if (k == 4) {
				return true;
			}
		}
	}
	return false;
}

/* Is the strict pair of runs at i equal to (x, y)? */
static bool
pair_is(const struct scan *s, int i, int x, int y)
{
	return i + 1 < s->nnums && s->nums[i + 1].strict &&
	       s->nums[i].octet == x && s->nums[i + 1].octet == y;
}

static struct span
runs_span(const struct run *runs, int first, int last)
{
	struct span sp;

	sp.start = runs[first].start;
	sp.end = runs[last].start + runs[last].len;
	return sp;
}

/* A whole IPv4 address in a row of digit runs, or split in two halves. */
static bool
find_v4_octets(const struct scan *s, struct span *sp)
{
	int i;
	int j;

	for (i = 0; i + 3 < s->nnums; i++) {
		if (window_matches(s, i)) {
			*sp = runs_span(s->nums, i, i + 3);
			return true;
		}
	}
	/* Halves in two places: "alyon-654-1-14-100.w198-51", the first
	   half also reversed as a label of its own ("w51-198"). */
	for (i = 0; i + 1 < s->nnums; i++) {
		if (!pair_is(s, i, s->o[0], s->o[1]) &&
		    !pair_is(s, i, s->o[1], s->o[0])) {
			continue;
		}
		for (j = 0; j + 1 < s->nnums; j++) {
			if (j + 1 >= i && j <= i + 1) {
				continue;
			}
			if (pair_is(s, j, s->o[2], s->o[3]) ||
			    pair_is(s, j, s->o[3], s->o[2])) {
				*sp = j < i ? runs_span(s->nums, j, i + 1)
				            : runs_span(s->nums, i, j + 1);
				return true;
			}
		}
	}
	return false;
}

/* Do the first 3 * n digits at r hold n octets in order ord, each as
   three digits ("198051100014")? */
static bool
padded_is_n(const char *r, const unsigned char *o, const int *ord, int n)
{
	int k;

	for (k = 0; k < n; k++) {
		const char *g = r + 3 * k;
		unsigned v = (unsigned)(g[0] - '0') * 100 +
		             (unsigned)(g[1] - '0') * 10 +
		             (unsigned)(g[2] - '0');

		if (v != o[ord[k]]) {
			return false;
		}
	}
	return true;
}

/* The address as one run of digits or hex digits; kind says which. */
static bool
find_v4_packed(const struct scan *s, struct span *sp, const char **kind)
{
	static const int fwd[4] = {0, 1, 2, 3};
	static const int rev[4] = {3, 2, 1, 0};
	static const char xdigits[] = "0123456789abcdef";
	const unsigned char *o = s->o;
	unsigned long v = (unsigned long)o[0] << 24 |
	                  (unsigned long)o[1] << 16 | (unsigned long)o[2] << 8 |
	                  o[3];
	unsigned long rv = (unsigned long)o[3] << 24 |
	                   (unsigned long)o[2] << 16 |
	                   (unsigned long)o[1] << 8 | o[0];
	char plain[2][12];
	int plain_len = 0;
	char hex[2][8];
	int i;
	int f;
	int k;

	for (k = 0; k < 4; k++) {
		plain_len += o[k] >= 100 ? 3 : o[k] >= 10 ? 2 : 1;
	}
	for (i = 0; i < s->nnums; i++) {
		const struct run *r = &s->nums[i];
		const char *d = s->name + r->start;

		/* Short unpadded forms ("1234") are too likely by chance. */
		if (r->len < 6 || r->len > 12) {
			continue;
		}
		if (r->len == 12 &&
		    (padded_is_n(d, o, fwd, 4) || padded_is_n(d, o, rev, 4))) {
			*kind = "";
			*sp = runs_span(s->nums, i, i);
			return true;
		}
		if (r->len == plain_len) {
			/* Build "1985110014" and "1410051198" on demand. */
			(void)put_octets(plain[0], o, fwd);
			(void)put_octets(plain[1], o, rev);
			if (same(plain[0], d, (size_t)r->len) ||
			    same(plain[1], d, (size_t)r->len)) {
				*kind = "";
				*sp = runs_span(s->nums, i, i);
				return true;
			}
		}
		if (r->len <= 10 && d[0] != '0') {
			unsigned long x = 0;

			for (k = 0; k < r->len; k++) {
				x = x * 10 + (unsigned long)(d[k] - '0');
			}
			if (x == v || x == rv) {
				*kind = " (decimal integer)";
				*sp = runs_span(s->nums, i, i);
				return true;
			}
		}
	}
	for (k = 0; k < 4; k++) {
		hex[0][2 * k] = xdigits[o[k] >> 4];
		hex[0][2 * k + 1] = xdigits[o[k] & 0x0f];
		hex[1][2 * (3 - k)] = xdigits[o[k] >> 4];
		hex[1][2 * (3 - k) + 1] = xdigits[o[k] & 0x0f];
	}
	for (i = 0; i < s->nhexes; i++) {
		const struct run *r = &s->hexes[i];

		for (k = 0; k + 8 <= r->len; k++) {
			for (f = 0; f < 2; f++) {
				if (same(hex[f], s->name + r->start + k, 8)) {
					sp->start = r->start + k;
					sp->end = r->start + k + 8;
					*kind = " (hexadecimal)";
					return true;
				}
			}
		}
	}
	return false;
}

/* Is the run at i the last two octets run together, each as three digits
   ("130084") or as written ("134136", at least five digits: shorter runs
   meet by chance)? */
static bool
joined_pair_is(const struct scan *s, int i)
{
	const struct run *r = &s->nums[i];
	const char *d = s->name + r->start;
	static const int last[2] = {2, 3};
	char buf[6];
	int n;

	if (r->len == 6 && padded_is_n(d, s->o, last, 2)) {
		return true;
	}
	if (r->len < 5) {
		return false;
	}
	n = put_octet(buf, s->o[2]);
	n += put_octet(buf + n, s->o[3]);
	return n == r->len && same(buf, d, (size_t)n);
}

/* The first two octets as a pair ("w217-128") and, before them, the last
   octet closing a separated group ("lputeaux-658-1-79-44.w193-253"):
   the shape of Orange's names, whose third field is not the octet. */
static bool
find_v4_first_and_last(const struct scan *s, struct span *sp)
{
	int i;
	int j;

	for (i = 1; i + 1 < s->nnums; i++) {
		if (!pair_is(s, i, s->o[0], s->o[1])) {
			continue;
		}
		for (j = 1; j < i; j++) {
			if (s->nums[j].octet == s->o[3] && s->nums[j].strict &&
			    s->nums[j].len >= 2) {
				*sp = runs_span(s->nums, j, i + 1);
				return true;
			}
		}
	}
	return false;
}

/*
 * The last octets. Beside a pool word: the last two or three, in either
 * order ("100-14", "51-100-14", "14-100"). Without one only the last two
 * in order, as a pair of their own ("usr-157-050", "hs-162.6") or run
 * together ("x134136", "j130084"): the address the name was published for
 * decides, so a random pair of numbers rarely meets it. Reversed pairs
 * need the word: big senders write them on purpose ("m17-178").
 */
static bool
find_v4_partial(const struct scan *s, bool with_word, struct span *sp,
    bool *first_last)
{
	const unsigned char *o = s->o;
	int i;

	for (i = 0; with_word && i + 2 < s->nnums; i++) {
		if (!s->nums[i + 1].strict || !s->nums[i + 2].strict) {
			continue;
		}
		if ((s->nums[i].octet == o[1] && s->nums[i + 1].octet == o[2] &&
		        s->nums[i + 2].octet == o[3]) ||
		    (s->nums[i].octet == o[3] && s->nums[i + 1].octet == o[2] &&
		        s->nums[i + 2].octet == o[1])) {
			*sp = runs_span(s->nums, i, i + 2);
			return true;
		}
	}
	for (i = 0; i < s->nnums; i++) {
		/* Reversed pairs need the word, or to be the whole first
		   label ("23-139.example.net"). */
		bool whole =
		    i == 0 && s->nums[0].start == 0 && i + 1 < s->nnums &&
		    (s->nums[1].start + s->nums[1].len == s->hostlen ||
		        s->name[s->nums[1].start + s->nums[1].len] == '.');

		if (pair_is(s, i, o[2], o[3]) ||
		    ((with_word || whole) && pair_is(s, i, o[3], o[2]))) {
			*sp = runs_span(s->nums, i, i + 1);
			return true;
		}
		if (joined_pair_is(s, i)) {
			*sp = runs_span(s->nums, i, i);
			return true;
		}
	}
	if (find_v4_first_and_last(s, sp)) {
		*first_last = true;
		return true;
	}
	return false;
}

/* Cut the host part into '.', '-' and '_' separated fields; returns how
   many. "--" gives an empty field, as "::" gives an empty IPv6 group. */
static int
split_fields(const struct scan *s, struct field *f)
{
	int nf = 0;
	int i = 0;

	while (i <= s->hostlen && nf < MAX_FIELDS) {
		int start = i;
		int value = 0;
		int k;

		while (i < s->hostlen && !is_sep(s->name[i])) {
			i++;
		}
		f[nf].start = start;
		f[nf].len = i - start;
		if (f[nf].len < 1 || f[nf].len > 4) {
			value = -1;
		}
		for (k = start; k < i && value >= 0; k++) {
			char c = s->name[k];

			if (!is_hex(c)) {
				value = -1;
			} else {
				value = value * 16 +
				        (is_digit(c) ? c - '0' : c - 'a' + 10);
			}
		}
		f[nf].value = value;
		nf++;
		i++; /* skip the separator */
	}
	return nf;
}

/* IPv6 segments: "2001-db8-0-0-0-0-0-1", "2001-db8--1", or any four in a
   row naming at least 8 hex digits ("f03c-91ff-fe12-3456"). */
static bool
find_v6_segments(const struct scan *s, const struct field *f, int nf,
    struct span *sp)
{
	int a;
	int j;

	for (a = 0; a < nf; a++) {
		if (f[a].value < 0) {
			continue;
		}
		for (j = 0; j < 8; j++) {
			int fi = a;
			int sj = j;
			int named = 0;
			int hexdigits = 0;

			while (fi < nf && sj < 8) {
				if (f[fi].len == 0 && fi > a &&
				    s->seg[sj] == 0) {
					/* "--" stands for one or more zero
					   segments, as "::" does. */
					while (sj < 8 && s->seg[sj] == 0) {
						sj++;
					}
				} else if (f[fi].value >= 0 &&
				           (unsigned int)f[fi].value ==
				               s->seg[sj]) {
					sj++;
					named++;
					hexdigits += f[fi].len;
				} else {
					break;
				}
				fi++;
			}
			/* Single nibbles ("1.0.0.0") are not segments. */
			if (hexdigits >= 8 &&
			    ((sj - j >= 4 && named >= 3) ||
			        (j == 0 && sj == 8 && named >= 2))) {
				sp->start = f[a].start;
				sp->end = f[fi - 1].start + f[fi - 1].len;
				return true;
			}
		}
	}
	return false;
}

/* IPv6 nibbles: all 32 or the last 16, forward or reversed, separators
   ignored ("20010db8...0001", "1.0.0.0...8.b.d.0.1.0.0.2"). */
static bool
find_v6_nibbles(const struct scan *s, struct span *sp)
{
	static const char digits[] = "0123456789abcdef";
	char compact[NAME_MAX_LEN + 1];
	int pos[NAME_MAX_LEN + 1];
	char fwd[33];
	char rev[33];
	int n = 0;
	int i;
	int k;

	for (i = 0; i < 16; i++) {
		fwd[2 * i] = digits[s->addr->bytes[i] >> 4];
		fwd[2 * i + 1] = digits[s->addr->bytes[i] & 0x0f];
	}
	for (i = 0; i < 32; i++) {
		rev[i] = fwd[31 - i];
	}
	fwd[32] = '\0';
	rev[32] = '\0';
	for (i = 0; i < s->hostlen; i++) {
		if (!is_sep(s->name[i])) {
			pos[n] = i;
			compact[n++] = s->name[i];
		}
	}
	for (k = 0; k + 16 <= n; k++) {
		const char *at = compact + k;
		int want = 0;

		if (k + 32 <= n &&
		    (memcmp(at, fwd, 32) == 0 || memcmp(at, rev, 32) == 0)) {
			want = 32;
		} else if (memcmp(at, fwd + 16, 16) == 0 ||
		           memcmp(at, rev, 16) == 0) {
			want = 16;
		}
		if (want > 0) {
			sp->start = pos[k];
			sp->end = pos[k + want - 1] + 1;
			return true;
		}
	}
	return false;
}

/* Index of the word w (len bytes, not terminated) in a sorted table. */
static int
lookup_word(const struct pool_word *table, size_t n, const char *w, int len)
{
	size_t lo = 0;
	size_t hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pool_word *pw = &table[mid];
		int common = len < pw->len ? len : pw->len;
		int cmp = (unsigned char)w[0] - (unsigned char)pw->word[0];
		int k;

		/* Inline: the words are a few bytes, a call costs more. Most
		   steps are decided by the first byte. */
		for (k = 1; k < common && cmp == 0; k++) {
			cmp = (unsigned char)w[k] - (unsigned char)pw->word[k];
		}
		if (cmp == 0) {
			cmp = len - (int)pw->len;
		}
		if (cmp == 0) {
			return (int)mid;
		}
		if (cmp < 0) {
			hi = mid;
		} else {
			lo = mid + 1;
		}
	}
	return -1;
}

/* Access acronyms that begin no English word, so they count at the start
   of a longer letter run too ("ftthockelbo", "dslb"). */
/* clang-format off */
#define A(s) { s, sizeof(s) - 1 }
struct acronym {
	const char *word;
	int len;
};

static const struct acronym acronyms[] = {
	A("adsl"), A("dsl"), A("fttb"), A("fttc"), A("ftth"), A("fttx"),
	A("pppoe"), A("vdsl"), A("xdsl"),
};
#undef A
/* clang-format on */

/* Index in words of the acronym the run of n letters at w begins with, or
   -1. */
static int
acronym_prefix(const char *w, int n)
{
	size_t i;

	/* Most runs begin with none of the acronyms' first letters. */
	if (w[0] != 'a' && w[0] != 'd' && w[0] != 'f' && w[0] != 'p' &&
	    w[0] != 'v' && w[0] != 'x') {
		return -1;
	}
	for (i = 0; i < sizeof(acronyms) / sizeof(acronyms[0]); i++) {
		if (acronyms[i].len < n && acronyms[i].word[0] == w[0] &&
		    same(w, acronyms[i].word, (size_t)acronyms[i].len)) {
			return lookup_word(words,
			    sizeof(words) / sizeof(words[0]), acronyms[i].word,
			    acronyms[i].len);
		}
	}
	return -1;
}

struct words {
	int score;
	int best;     /* index into words, -1 if none */
	int found[3]; /* first three distinct words, name order */
	int nfound;
	bool numbered;      /* a pool word right before 3+ digits */
	struct span number; /* those digits */
	bool mail_role;
};

/* Score the letter runs of the host part against the word tables. */
static void
score_words(const struct scan *s, struct words *w)
{
	bool seen[sizeof(words) / sizeof(words[0])];
	const size_t nwords = sizeof(words) / sizeof(words[0]);
	int j;

	memset(seen, 0, sizeof(seen));
	memset(w, 0, sizeof(*w));
	w->best = -1;
	for (j = 0; j < s->nletters; j++) {
		int start = s->letters[j].start;
		int i = s->letters[j].end;
		int idx;

		/* No table word is shorter or longer. */
		if (i - start < WORD_MIN || i - start > WORD_MAX) {
			continue;
		}
		idx = lookup_word(words, nwords, s->name + start, i - start);
		if (idx < 0 && i - start > WORD_MIN && i < s->hostlen &&
		    is_digit(s->name[i])) {
			/* A strong word with a port letter glued on before
			   the number: "PPPa33", "dslb5". */
			idx = lookup_word(words, nwords, s->name + start,
			    i - start - 1);
			if (idx >= 0 && words[idx].weight < GENERIC_THRESHOLD) {
				idx = -1;
			}
		}
		if (idx < 0 && i - start > 3) {
			idx = acronym_prefix(s->name + start, i - start);
		}
		if (idx < 0 && i - start >= 7 &&
		    same(s->name + i - 3, "dsl", 3)) {
			/* "dsl" glued behind a provider's tag ("internetdsl",
			   "athedsl"); unlike "pool" or "dial" it ends no
			   common word. */
			idx = lookup_word(words, nwords, "dsl", 3);
		}
		if (idx < 0) {
			continue;
		}
		if (words[idx].mail) {
			w->mail_role = true;
			continue;
		}
		if (!w->numbered && words[idx].weight >= 3) {
			int d = i;

			while (d < s->hostlen && is_digit(s->name[d])) {
				d++;
			}
			if (d - i >= 3) {
				w->numbered = true;
				w->number.start = i;
				w->number.end = d;
			}
		}
		if (seen[idx]) {
			continue;
		}
		seen[idx] = true;
		w->score += words[idx].weight;
		if (w->nfound < 3) {
			w->found[w->nfound++] = idx;
		}
		if (w->best < 0 || words[idx].weight > words[w->best].weight) {
			w->best = idx;
		}
	}
	if (w->numbered) {
		w->score += SCORE_NUMBERED;
	}
	if (w->score > SCORE_WORDS_CAP) {
		w->score = SCORE_WORDS_CAP;
	}
}

/* A pool word numbered with the last octet after a separator ("pc-129"
   for x.x.x.129): the dashed twin of "pc129", decided by the address. */
static void
number_with_last_octet(const struct scan *s, struct words *w)
{
	const size_t nwords = sizeof(words) / sizeof(words[0]);
	int j;

	for (j = 0; j < s->nletters && !w->numbered; j++) {
		int start = s->letters[j].start;
		int end = s->letters[j].end;
		int d = end + 1;
		int value = 0;
		int idx;

		if (end + 1 >= s->hostlen || !is_sep(s->name[end])) {
			continue;
		}
		while (d < s->hostlen && is_digit(s->name[d]) && d - end <= 3) {
			value = value * 10 + (s->name[d] - '0');
			d++;
		}
		if (d - end - 1 < 2 || value != s->o[3] ||
		    (d < s->hostlen && !is_sep(s->name[d]))) {
			continue;
		}
		idx = lookup_word(words, nwords, s->name + start, end - start);
		if (idx >= 0 && !words[idx].mail && words[idx].weight >= 3) {
			w->numbered = true;
			w->number.start = end + 1;
			w->number.end = d;
			w->score += SCORE_NUMBERED;
		}
	}
}

/* A hex run of 12+ with letters and digits: a modem MAC or similar id. */
static bool
find_hexid(const struct scan *s, struct span *sp)
{
	int i;

	for (i = 0; i < s->nhexes; i++) {
		const struct run *r = &s->hexes[i];
		int letters = 0;
		int k;

		if (r->len < HEXID_MIN) {
			continue;
		}
		for (k = r->start; k < r->start + r->len; k++) {
			if (!is_digit(s->name[k])) {
				letters++;
			}
		}
		if (letters >= 2 && r->len - letters >= 4) {
			sp->start = r->start;
			sp->end = r->start + r->len;
			return true;
		}
	}
	return false;
}

/* Does the name end in "." followed by the n bytes of suf? */
static bool
ends_with(const struct scan *s, const char *suf, int n)
{
	return s->len > n && s->name[s->len - n - 1] == '.' &&
	       same(s->name + s->len - n, suf, (size_t)n);
}

/* A PTR that is itself a reverse name ("14.100.51.198.in-addr.arpa"):
   the zone's owner published the query name, not a host name. */
static bool
is_reverse_name(const struct scan *s)
{
	return ends_with(s, "in-addr.arpa", 12) || ends_with(s, "ip6.arpa", 8);
}

/* Does field f hold a hex letter (a-f)? */
static bool
field_has_letter(const struct scan *s, const struct field *f)
{
	int k;

	for (k = f->start; k < f->start + f->len; k++) {
		if (!is_digit(s->name[k])) {
			return true;
		}
	}
	return false;
}

/* A MAC address as fields: six of two hex digits ("00-04-bd-d2-e0-a3") or
   three of four ("0004.bdd2.e0a3"), with a hex letter among them so that
   a row of small numbers does not count. Cable and DSL providers name
   the address after the modem. */
static bool
find_mac(const struct scan *s, const struct field *f, int nf, struct span *sp)
{
	static const int shape[2][2] = {{6, 2}, {3, 4}}; /* count, width */
	int k;
	int a;

	for (k = 0; k < 2; k++) {
		int count = shape[k][0];

		for (a = 0; a + count <= nf; a++) {
			bool letter = false;
			int j;

			for (j = a; j < a + count; j++) {
				if (f[j].len != shape[k][1] || f[j].value < 0) {
					break;
				}
				letter = letter || field_has_letter(s, &f[j]);
			}
			if (j == a + count && letter) {
				sp->start = f[a].start;
				sp->end = f[j - 1].start + f[j - 1].len;
				return true;
			}
		}
	}
	return false;
}

/* The address as four fields of two hex digits, either order
   ("c6.33.64.0e", "0e.64.33.c6"): clouds' "ip4.static" names. */
static bool
find_v4_hexfields(const struct scan *s, const struct field *f, int nf,
    struct span *sp)
{
	int a;
	int k;

	for (a = 0; a + 4 <= nf; a++) {
		bool fwd = true;
		bool rev = true;

		for (k = 0; k < 4; k++) {
			if (f[a + k].len != 2) {
				fwd = false;
				rev = false;
				break;
			}
			fwd = fwd && f[a + k].value == s->o[k];
			rev = rev && f[a + k].value == s->o[3 - k];
		}
		if (fwd || rev) {
			sp->start = f[a].start;
			sp->end = f[a + 3].start + 2;
			return true;
		}
	}
	return false;
}

/* The address as eight hex digits split across labels, either byte
   order ("e5.4f.01a8.ip4.static"): separators are skipped, any other
   byte starts over. */
static bool
find_v4_hex_split(const struct scan *s, struct span *sp)
{
	static const char xdigits[] = "0123456789abcdef";
	char want[2][8];
	int pos[8];
	int n = 0;
	int i;
	int k;

	for (k = 0; k < 4; k++) {
		want[0][2 * k] = xdigits[s->o[k] >> 4];
		want[0][2 * k + 1] = xdigits[s->o[k] & 0x0f];
		want[1][2 * (3 - k)] = xdigits[s->o[k] >> 4];
		want[1][2 * (3 - k) + 1] = xdigits[s->o[k] & 0x0f];
	}
	/* A sliding window of the last eight hex digits seen. */
	for (i = 0; i < s->hostlen; i++) {
		char c = s->name[i];

		if (is_sep(c)) {
			continue;
		}
		if (!is_hex(c)) {
			n = 0;
			continue;
		}
		if (n == 8) {
			memmove(pos, pos + 1, 7 * sizeof(pos[0]));
			n = 7;
		}
		pos[n++] = i;
		if (n < 8) {
			continue;
		}
		for (k = 0; k < 2; k++) {
			int j;

			for (j = 0; j < 8 && s->name[pos[j]] == want[k][j];
			     j++) {
			}
			if (j == 8) {
				sp->start = pos[0];
				sp->end = pos[7] + 1;
				return true;
			}
		}
	}
	return false;
}

/* Host parts that are a provider's placeholder rather than a name
   ("host.example.net", "hosted-by.example.com", "static.example.vn").
   Strong pool words ("dynamic") speak for themselves and are not here. */
/* clang-format off */
static const char *const placeholders[] = {
	"client", "customer", "default", "host", "hosted-by", "in-addr", "ip",
	"no-ptr", "no-reverse", "nohost", "noname", "noptr", "not-assigned",
	"not-set", "ptr", "rev", "reverse", "static", "unknown",
};
/* clang-format on */

static const char *
find_placeholder(const struct scan *s)
{
	size_t i;

	if (s->hostlen > PLACEHOLDER_MAX) {
		return NULL;
	}
	for (i = 0; i < sizeof(placeholders) / sizeof(placeholders[0]); i++) {
		const char *p = placeholders[i];

		if (p[0] == s->name[0] && strlen(p) == (size_t)s->hostlen &&
		    same(p, s->name, (size_t)s->hostlen)) {
			return p;
		}
	}
	return NULL;
}

/* The registered domain's first label (before the public suffix), as
   [*start, *end). */
static void
domain_label(const struct scan *s, int *start, int *end)
{
	*start = s->dom_start;
	*end = s->dom_end;
}

/* Note where the registered domain's first label is, once. */
static void
find_domain_label(struct scan *s)
{
	int e = s->hostlen > 0 ? s->hostlen + 1 : 0;

	s->dom_start = e;
	while (e < s->len && s->name[e] != '.') {
		e++;
	}
	s->dom_end = e;
}

/* Is the string w (n bytes) inside [start, end) of the name? */
static bool
label_has(const struct scan *s, int start, int end, const char *w, int n)
{
	int i;

	for (i = start; i + n <= end; i++) {
		if (same(s->name + i, w, (size_t)n)) {
			return true;
		}
	}
	return false;
}

/* Does the registered domain name a mail service ("mailgun", "hotmail")?
   Its hosts' numbered names are sending infrastructure. */
static bool
domain_is_mail(const struct scan *s)
{
	int a;
	int b;

	domain_label(s, &a, &b);
	return label_has(s, a, b, "mail", 4) || label_has(s, a, b, "smtp", 4);
}

/* Is [start, end) letters then digits, with at least min_letters and
   min_digits of each and at most max_letters letters? */
static bool
is_serial(const struct scan *s, int start, int end, int min_letters,
    int max_letters, int min_digits)
{
	int i = start;

	while (i < end && is_lower(s->name[i])) {
		i++;
	}
	if (i - start < min_letters || i - start > max_letters ||
	    end - i < min_digits) {
		return false;
	}
	while (i < end && is_digit(s->name[i])) {
		i++;
	}
	return i == end;
}

/* The first label of the host part is a serial number with a short
   prefix ("s271272.static.corbina.ru"): weak on its own. */
static bool
find_serial(const struct scan *s, struct span *sp)
{
	int e = 0;

	while (e < s->hostlen && s->name[e] != '.') {
		e++;
	}
	if (!is_serial(s, 0, e, 1, 3, 5)) {
		return false;
	}
	sp->start = 0;
	sp->end = e;
	return true;
}

/* Words in a registered domain that say "we rent out servers". */
static const char *const hosting_words[] = {
    "dedi",
    "hosting",
    "server",
    "srv",
    "vps",
};

/* A dedicated-server default: the whole host part one label of letters
   and a serial of four or more digits, under a domain that says it rents
   out servers ("astra4139.startdedicated.de"). */
static bool
find_dedicated(const struct scan *s, struct span *sp)
{
	int a;
	int b;
	size_t i;

	/* is_serial also rejects a dot: one label only */
	if (s->hostlen == 0 || !is_serial(s, 0, s->hostlen, 2, WORD_MAX, 4)) {
		return false;
	}
	if (domain_is_mail(s)) {
		return false;
	}
	domain_label(s, &a, &b);
	for (i = 0; i < sizeof(hosting_words) / sizeof(hosting_words[0]); i++) {
		if (label_has(s, a, b, hosting_words[i],
		        (int)strlen(hosting_words[i]))) {
			sp->start = 0;
			sp->end = b;
			return true;
		}
	}
	return false;
}

/* Does byte c belong to the class of wildcard w ('#', '%', '*', '&')? */
static bool
wildcard_takes(char w, char c)
{
	switch (w) {
	case '#':
		return is_digit(c);
	case '%':
		return is_hex(c);
	case '*':
		return is_lower(c) || is_digit(c) || c == '-';
	default:
		return true;
	}
}

/* Pattern matcher for the provider table; see struct provider_format. */
static bool
pattern_match(const char *p, const char *str, const char *end)
{
	while (*p != '\0') {
		char c = *p;
		const char *t = str;

		if (c != '#' && c != '%' && c != '*' && c != '&') {
			if (str >= end || *str != c) {
				return false;
			}
			p++;
			str++;
			continue;
		}
		while (t < end && wildcard_takes(c, *t)) {
			t++;
		}
		/* Longest first, then give back one byte at a time; when a
		   literal follows, only where it can match. */
		for (; t > str; t--) {
			if (p[1] != '\0' && p[1] != '#' && p[1] != '%' &&
			    p[1] != '*' && p[1] != '&' &&
			    (t >= end || *t != p[1])) {
				continue;
			}
			if (pattern_match(p + 1, t, end)) {
				return true;
			}
		}
		return false;
	}
	return str == end;
}

static const struct provider_format *
find_provider(const struct scan *s)
{
	const char *tld = s->name + s->tld;
	int tld_len = s->len - s->tld;
	size_t g;
	size_t i;

	for (g = 0; g < sizeof(provider_groups) / sizeof(provider_groups[0]);
	     g++) {
		const struct provider_group *pg = &provider_groups[g];

		if (pg->tld_len == (size_t)tld_len &&
		    same(pg->tld, tld, pg->tld_len)) {
			break;
		}
	}
	if (g == sizeof(provider_groups) / sizeof(provider_groups[0])) {
		return NULL;
	}
	for (i = 0; i < provider_groups[g].n; i++) {
		const struct provider_format *pf =
		    &provider_groups[g].formats[i];
		int rest = s->len - (int)pf->suffix_len - 1;
		int k;

		if (rest < 1 || s->name[rest] != '.') {
			continue;
		}
		/* From the end: most entries differ in the last bytes. */
		for (k = (int)pf->suffix_len - 1; k >= 0; k--) {
			if (s->name[rest + 1 + k] != pf->suffix[k]) {
				break;
			}
		}
		if (k >= 0) {
			continue;
		}
		if (pattern_match(pf->pattern, s->name, s->name + rest)) {
			return pf;
		}
	}
	return NULL;
}

/* Append the pool word evidence: "pool word 'dsl'" and its kin. */
static void
word_reason(struct text *t, const struct words *w, const struct scan *s)
{
	int k;

	if (w->best < 0) {
		return;
	}
	if (words[w->best].weight >= GENERIC_THRESHOLD) {
		text_str(t, "pool word '");
		text_str(t, words[w->best].word);
		text_str(t, "'");
	} else if (w->nfound >= 2) {
		text_str(t, "pool words");
		for (k = 0; k < w->nfound; k++) {
			text_str(t, k == 0 ? " '" : ", '");
			text_str(t, words[w->found[k]].word);
			text_str(t, "'");
		}
	} else {
		text_str(t, "pool word '");
		text_str(t, words[w->best].word);
		text_str(t, "'");
		if (w->numbered) {
			text_str(t, " with number ");
			text_span(t, s, w->number);
		}
	}
}

/* Does the registered domain hold a digit ("57-5.com")? Then a broken
   zone origin may have split the address across it. */
static bool
domain_has_digit(const struct scan *s)
{
	int a;
	int b;
	int i;

	domain_label(s, &a, &b);
	for (i = a; i < b; i++) {
		if (is_digit(s->name[i])) {
			return true;
		}
	}
	return false;
}

/* The evidence a reason names, strongest first. */
enum evidence {
	EV_NONE,
	EV_REVERSE,
	EV_PROVIDER,
	EV_FULL,
	EV_MAC,
	EV_PLACEHOLDER,
	EV_DEDICATED,
	EV_PARTIAL,
	EV_WORDS,
	EV_HEXID,
};

void
generic_classify(const struct rdns_addr *addr, const char *name,
    struct generic_result *out)
{
	struct scan s;
	struct words w;
	struct field f[MAX_FIELDS];
	int nf;
	struct span sp = {0, 0};
	struct span hexsp = {0, 0};
	struct span macsp = {0, 0};
	struct span serialsp = {0, 0};
	struct span dedsp = {0, 0};
	const struct provider_format *pf = NULL;
	const char *placeholder = NULL;
	const char *kind = "";
	bool full = false;
	bool partial = false;
	bool first_last = false; /* partial: "w217-128" and the last octet */
	bool hexid = false;
	bool mac = false;
	bool serial = false;
	bool dedicated = false;
	enum evidence ev = EV_NONE;
	int score = 0;
	struct text t;

	memset(out, 0, sizeof(*out));
	out->verdict = GENERIC_SPECIFIC;
	if (!load_name(&s, name)) {
		return;
	}
	s.hostlen = host_part_length(&s);
	find_domain_label(&s);
	s.v4 = false;
	s.v6 = false;
	load_addr(&s, addr);

	if (is_reverse_name(&s)) {
		out->score = SCORE_PROVIDER;
		out->verdict = GENERIC_GENERIC;
		t.buf = out->reason;
		t.size = sizeof(out->reason);
		t.len = 0;
		text_str(&t, "PTR is itself a reverse name");
		return;
	}
	tokenize(&s);
	nf = -1; /* fields are cut only when a check needs them */

	pf = find_provider(&s);
	score_words(&s, &w);
	if (s.v4 && w.best >= 0 && !w.numbered) {
		number_with_last_octet(&s, &w);
	}
	score = pf != NULL ? SCORE_PROVIDER : 0;
	score += w.score;

	if (s.v4) {
		full =
		    find_v4_octets(&s, &sp) || find_v4_packed(&s, &sp, &kind);
		if (!full && s.nhexfields > 0) {
			nf = split_fields(&s, f);
		}
		if (!full && nf > 0 &&
		    (find_v4_hexfields(&s, f, nf, &sp) ||
		        find_v4_hex_split(&s, &sp))) {
			full = true;
			kind = " (hexadecimal)";
		}
		if (!full) {
			partial =
			    find_v4_partial(&s, w.score > 0, &sp, &first_last);
		}
	} else if (s.v6) {
		full = find_v6_nibbles(&s, &sp);
		if (!full) {
			nf = split_fields(&s, f);
			full = find_v6_segments(&s, f, nf, &sp);
		}
	}
	if (full) {
		score += SCORE_ADDRESS;
	} else if (partial) {
		score += SCORE_PARTIAL;
	}
	if ((full || partial) && !w.mail_role && domain_is_mail(&s)) {
		w.mail_role = true;
	}
	if ((full || partial) && w.mail_role) {
		score -= PENALTY_MAIL_ROLE;
	}
	if (!full) {
		if (nf < 0 && s.nhexfields >= 3) {
			nf = split_fields(&s, f);
		}
		mac = nf > 0 && find_mac(&s, f, nf, &macsp);
		hexid = !mac && find_hexid(&s, &hexsp);
		score += mac ? SCORE_MAC : hexid ? SCORE_HEXID : 0;
	}
	placeholder = find_placeholder(&s);
	if (placeholder != NULL) {
		score += SCORE_PLACEHOLDER;
	}
	if (!w.mail_role) {
		dedicated = find_dedicated(&s, &dedsp);
		/* Only with a word, and not one with its own number
		   ("vps12345", counted already). */
		serial = !dedicated && w.score > 0 && !w.numbered &&
		         find_serial(&s, &serialsp);
		score += dedicated ? SCORE_DEDICATED
		         : serial  ? SCORE_SERIAL
		                   : 0;
	}
	if (s.v4 && !full && score < GENERIC_THRESHOLD &&
	    domain_has_digit(&s)) {
		/* Last resort: the whole name, registered domain and all. */
		s.hostlen = s.len;
		tokenize(&s);
		full = find_v4_octets(&s, &sp);
		score += full ? SCORE_ADDRESS : 0;
	}

	out->score = score;
	if (score < GENERIC_THRESHOLD) {
		return;
	}
	out->verdict = GENERIC_GENERIC;
	ev = pf != NULL            ? EV_PROVIDER
	     : full                ? EV_FULL
	     : mac                 ? EV_MAC
	     : placeholder != NULL ? EV_PLACEHOLDER
	     : dedicated           ? EV_DEDICATED
	     : partial             ? EV_PARTIAL
	     : w.best >= 0 && (!hexid || w.score >= GENERIC_THRESHOLD)
	         ? EV_WORDS
	     : hexid ? EV_HEXID
	             : EV_WORDS;
	t.buf = out->reason;
	t.size = sizeof(out->reason);
	t.len = 0;
	switch (ev) {
	case EV_PROVIDER:
		text_str(&t, pf->reason);
		break;
	case EV_FULL:
		text_str(&t, "address ");
		text_addr(&t, &s);
		text_str(&t, " embedded as ");
		text_span(&t, &s, sp);
		text_str(&t, kind);
		break;
	case EV_MAC:
		text_str(&t, "MAC address ");
		text_span(&t, &s, macsp);
		text_str(&t, " embedded");
		break;
	case EV_PLACEHOLDER:
		text_str(&t, "provider placeholder '");
		text_str(&t, placeholder);
		text_str(&t, "'");
		break;
	case EV_DEDICATED:
		text_str(&t, "dedicated-server default with a serial number (");
		text_span(&t, &s, dedsp);
		text_str(&t, ")");
		break;
	case EV_PARTIAL:
		if (w.best >= 0) {
			text_str(&t, "address ");
			text_addr(&t, &s);
			text_str(&t, " partly embedded as ");
			text_span(&t, &s, sp);
			text_str(&t, " beside pool word '");
			text_str(&t, words[w.best].word);
			text_str(&t, "'");
		} else if (first_last) {
			text_str(&t, "first two and last octets of ");
			text_addr(&t, &s);
			text_str(&t, " embedded as ");
			text_span(&t, &s, sp);
		} else {
			char buf[8];
			int n = put_octet(buf, s.o[2]);

			buf[n++] = '.';
			n += put_octet(buf + n, s.o[3]);
			text_str(&t, "last two octets ");
			text_add(&t, buf, (size_t)n);
			text_str(&t, " embedded as ");
			text_span(&t, &s, sp);
		}
		break;
	case EV_HEXID:
		text_str(&t, "hex id ");
		text_span(&t, &s, hexsp);
		text_str(&t, " (modem MAC or encoded address)");
		break;
	case EV_WORDS:
	case EV_NONE:
	case EV_REVERSE:
		word_reason(&t, &w, &s);
		if (serial) {
			text_str(&t, " and serial-numbered host '");
			text_span(&t, &s, serialsp);
			text_str(&t, "'");
		}
		break;
	}
}

const char *
generic_verdict_str(enum generic_verdict v)
{
	return v == GENERIC_GENERIC ? "generic" : "specific";
}
