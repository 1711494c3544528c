/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <ctype.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dns.h"
#include "rdns.h"

/*
 * fuzz_resolv_conf: resolv.conf(5) text through dns_resolver_init() with
 * no -s servers (the path every plugin takes by default). The input is
 * the file: it goes into a memfd whose /proc/self/fd/N path is handed over.
 * (From the reliability review's harness, which found that a 512-byte line
 * buffer turned the tail of a long comment into a nameserver line.)
 *
 * Checked: rc is 0 or -1, and 0 exactly when there are servers, at most
 * DNS_MAX_SERVERS; an error has a NUL-terminated, non-empty reason; every
 * server text is printable and ends "#53"; every sockaddr has a sane
 * family and length; and a reference parser that reads whole lines of any
 * length (as glibc does since 2.26) with the same rule (blanks,
 * "nameserver", blank, the address up to " \t\r\n#;", an optional %scope
 * on a link-local IPv6 address naming an interface) finds the same servers
 * in the same order, and the same count of entries it could not use.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int memfd = -1;
static char path[64];

/* The reference: one entry's address, with glibc's idea of a scope. */
static bool
ref_addr(const char *text, struct rdns_addr *a, unsigned *scope)
{
	char buf[RDNS_ADDR_TEXT_MAX];
	const char *pct = strchr(text, '%');
	size_t n = pct != NULL ? (size_t)(pct - text) : strlen(text);

	*scope = 0;
	if (n == 0 || n >= sizeof(buf)) {
		return false;
	}
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (rdns_addr_parse(buf, a, NULL) != 0) {
		return false;
	}
	if (pct == NULL) {
		return true;
	}
	/* Interface names as ip(8) shows them: no alias (':'), no '%'. */
	if (a->family != AF_INET6 || a->bytes[0] != 0xfe ||
	    (a->bytes[1] & 0xc0) != 0x80 || pct[1] == '\0' ||
	    strlen(pct + 1) >= IF_NAMESIZE ||
	    strspn(pct + 1,
	        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	        "0123456789_.-") != strlen(pct + 1)) {
		return false;
	}
	*scope = if_nametoindex(pct + 1);
	if (*scope == 0 && strspn(pct + 1, "0123456789") == strlen(pct + 1)) {
		*scope = (unsigned)strtoul(pct + 1, NULL, 10);
	}
	return *scope != 0;
}

/* Servers the reference finds (at most max), and entries it skips. */
static size_t
reference(const uint8_t *data, size_t size, struct sockaddr_storage *out,
    socklen_t *outlen, size_t max, unsigned *skipped)
{
	size_t n = 0;
	size_t pos = 0;

	*skipped = 0;
	while (pos < size) {
		const uint8_t *nl = memchr(data + pos, '\n', size - pos);
		size_t end = nl != NULL ? (size_t)(nl - data) : size;
		size_t len = end - pos;
		char *line = malloc(len + 1);
		char *p;
		char *addr;
		struct rdns_addr a;
		unsigned scope;

		if (line == NULL) {
			abort();
		}
		memcpy(line, data + pos, len);
		line[len] = '\0'; /* a C string: it ends at a NUL byte too */
		pos = nl != NULL ? end + 1 : size;
		p = line + strspn(line, " \t");
		if (strncmp(p, "nameserver", 10) == 0 &&
		    (p[10] == ' ' || p[10] == '\t')) {
			p += 10;
			p += strspn(p, " \t");
			addr = p;
			p += strcspn(p, " \t\r\n#;");
			*p = '\0';
			if (n < max && ref_addr(addr, &a, &scope)) {
				outlen[n] = rdns_addr_sockaddr(&a, 53, &out[n]);
				if (scope != 0) {
					((struct sockaddr_in6 *)&out[n])
					    ->sin6_scope_id = scope;
				}
				n++;
			} else {
				(*skipped)++;
			}
		}
		free(line);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dns_resolver r;
	struct sockaddr_storage ref[DNS_MAX_SERVERS];
	socklen_t reflen[DNS_MAX_SERVERS];
	char err[256];
	unsigned skipped;
	size_t nref;
	size_t i;
	size_t k;
	int rc;

	if (memfd < 0) {
		memfd = memfd_create("resolv", 0);
		if (memfd < 0) {
			abort();
		}
		snprintf(path, sizeof(path), "/proc/self/fd/%d", memfd);
	}
	if (ftruncate(memfd, 0) != 0 ||
	    (size > 0 && pwrite(memfd, data, size, 0) != (ssize_t)size)) {
		abort();
	}
	memset(err, 'x', sizeof(err));
	rc = dns_resolver_init(&r, NULL, 0, 53, false, path, err, sizeof(err));
	if ((rc != 0 && rc != -1) || r.nsrv > DNS_MAX_SERVERS ||
	    (rc == 0) != (r.nsrv > 0)) {
		abort();
	}
	if (rc == -1 &&
	    (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0')) {
		abort();
	}
	if (memchr(r.skipped_why, '\0', sizeof(r.skipped_why)) == NULL ||
	    (r.skipped > 0) != (r.skipped_why[0] != '\0')) {
		abort();
	}
	for (i = 0; i < r.nsrv; i++) {
		const struct dns_server *s = &r.srv[i];
		size_t n = strnlen(s->text, sizeof(s->text));

		if (n == sizeof(s->text) || n < 4 ||
		    strcmp(s->text + n - 3, "#53") != 0) {
			abort();
		}
		for (k = 0; k < n; k++) {
			if (!isprint((unsigned char)s->text[k])) {
				abort();
			}
		}
		if (!((s->sa.ss_family == AF_INET &&
		          s->salen == sizeof(struct sockaddr_in)) ||
		        (s->sa.ss_family == AF_INET6 &&
		            s->salen == sizeof(struct sockaddr_in6)))) {
			abort();
		}
	}
	nref = reference(data, size, ref, reflen, DNS_MAX_SERVERS, &skipped);
	if (nref != r.nsrv || skipped != r.skipped) {
		fprintf(stderr,
		    "plugin: %zu servers, %u skipped; reference: "
		    "%zu servers, %u skipped\n",
		    r.nsrv, r.skipped, nref, skipped);
		abort();
	}
	for (i = 0; i < nref; i++) {
		if (reflen[i] != r.srv[i].salen ||
		    memcmp(&ref[i], &r.srv[i].sa, reflen[i]) != 0) {
			abort();
		}
	}
	return 0;
}
