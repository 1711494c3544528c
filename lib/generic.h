/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * generic.h - is this PTR name a provider's generic (default) name?
 *
 * A pure, table-driven classifier: given an address and its PTR name it
 * says whether the name looks like the name an access provider, cloud or
 * hoster gives every address by default ("c-198-51-100-14.hsd1.ma.comcast.
 * net", "static.14.100.51.198.clients.your-server.de", "vmi123456.
 * contaboserver.net") rather than a name somebody chose for a mail host,
 * and why, in one short phrase.
 */
#ifndef RDNS_GENERIC_H
#define RDNS_GENERIC_H

#include <stdbool.h>
#include <stddef.h>

struct rdns_addr;

/* Size of generic_result.reason, including the NUL. */
#define GENERIC_REASON_MAX 128

/* Score at or above which a name is generic. */
#define GENERIC_THRESHOLD 10

enum generic_verdict {
	GENERIC_SPECIFIC = 0,
	GENERIC_GENERIC = 1,
};

struct generic_result {
	enum generic_verdict verdict;
	int score;                       /* the evidence total (-vv, tuning) */
	char reason[GENERIC_REASON_MAX]; /* one short phrase; "" when
	                                    specific */
};

/*
 * Classify a PTR name.
 *
 * Only the host part below the registered domain is read for addresses and
 * pool words ("c-198-51-100-14.hsd1.ma" of "c-198-51-100-14.hsd1.ma.comcast.
 * net"); the provider table looks at the whole name. Evidence and weights:
 * the address embedded in any common encoding (dotted, dashed, underscored,
 * run together, reversed, rotated, split in halves, zero-padded,
 * hexadecimal, one decimal integer, IPv6 segments or nibbles), the last two
 * or three octets beside a pool word or the last two on their own
 * ("usr-157-050", "x134136"), pool words as whole tokens ("dsl", "dyn",
 * "pool", "cust", "eduroam", "demarc", ...), a MAC address or long
 * hexadecimal id (cable modem), a PTR that is itself a reverse name, a
 * provider placeholder ("hosted-by"), a dedicated server's serial-numbered
 * default, and the default name formats of clouds and hosters. Words that
 * give a mail role ("mail", "smtp", "mx", "out", "relay", ...) weaken an
 * embedded address: big senders put the address in deliberately chosen
 * names too ("out198-51-100-14.mail.qq.com"). The name is generic when
 * the total reaches GENERIC_THRESHOLD.
 *
 * addr: in, may be NULL; the address the name belongs to (struct rdns_addr
 *       from rdns.h; AF_INET, or AF_INET6 where ::ffff:0:0/96 counts as
 *       IPv4). NULL or an unknown family: only words, hex ids and provider
 *       formats count.
 * name: in, may be NULL; the name in presentation form, any case, trailing
 *       dot optional. NULL, "", a name over 253 octets or one without a
 *       dot is specific with score 0.
 * out:  out; always written completely. reason names the strongest
 *       evidence of a generic name, for example
 *       "address 198.51.100.14 embedded as 198-51-100-14",
 *       "pool word 'dsl'",
 *       "Hetzner default name (static.N.clients.your-server.de)",
 *       "last two octets 134.136 embedded as 134136",
 *       "PTR is itself a reverse name", "MAC address 00-04-bd-d2-e0-a3
 *       embedded", "provider placeholder 'hosted-by'";
 *       it is "" when the verdict is GENERIC_SPECIFIC. Parts copied from
 *       the name are lowercase and may contain any byte of the name, so
 *       sanitise reason before printing it.
 *
 * Never fails, never allocates, keeps no state (thread-safe).
 */
void generic_classify(const struct rdns_addr *addr, const char *name,
    struct generic_result *out);

/*
 * "generic" or "specific" for a verdict; never NULL, a static string.
 */
const char *generic_verdict_str(enum generic_verdict v);

#endif /* RDNS_GENERIC_H */
