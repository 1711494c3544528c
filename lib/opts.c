/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "dns.h"
#include "idn.h"
#include "opts.h"
#include "rdns.h"

/* The help text says "up to 8": the option limit and the resolver's. */
_Static_assert(OPTS_MAX_SERVERS == 8 && DNS_MAX_SERVERS == 8,
    "update the -s help text");

/*
 * opts: parsing of the shared plugin options (-H -s -t -w -c -4 -6 -v -V
 * -h --dns-port --tcp). Values are checked strictly: a port of "53x", a
 * timeout of "1e3" or a range of "1-10" is a usage error, never a guess.
 */

const struct option opts_long[] = {
    {"hostname", required_argument, NULL, 'H'},
    {"dns-server", required_argument, NULL, 's'},
    {"dns-port", required_argument, NULL, OPTS_DNS_PORT},
    {"tcp", no_argument, NULL, OPTS_TCP},
    {"timeout", required_argument, NULL, 't'},
    {"warning", required_argument, NULL, 'w'},
    {"critical", required_argument, NULL, 'c'},
    {"use-ipv4", no_argument, NULL, '4'},
    {"use-ipv6", no_argument, NULL, '6'},
    {"verbose", no_argument, NULL, 'v'},
    {"version", no_argument, NULL, 'V'},
    {"help", no_argument, NULL, 'h'},
    {"output-max", required_argument, NULL, OPTS_OUTPUT_MAX},
    {"report", required_argument, NULL, OPTS_REPORT},
    {"perf-per-address", no_argument, NULL, OPTS_PERF_PER_ADDRESS},
    {NULL, 0, NULL, 0},
};

const char opts_help_text[] =
    " -H, --hostname=ADDRESS|NAME\n"
    "    IPv4 or IPv6 address to check, or a host name: then every A and AAAA\n"
    "    address of the name is checked (-4/-6 restrict). Repeatable. Names\n"
    "    may be written in Unicode (IDN): they are asked as A-labels.\n"
    " -s, --dns-server=ADDRESS\n"
    "    DNS server to ask (IPv4 or IPv6 address, fe80::1%eth0 for a\n"
    "    link-local one; repeatable up to 8 times, tried in order).\n"
    "    Default: the nameserver lines of /etc/resolv.conf (the first 8).\n"
    " --dns-port=PORT\n"
    "    UDP/TCP port of the DNS servers (default: 53)\n"
    " --tcp\n"
    "    Query over TCP only (default: UDP, TCP when an answer is truncated)\n"
    " -4, --use-ipv4\n"
    "    Check only the IPv4 addresses of a host name\n"
    " -6, --use-ipv6\n"
    "    Check only the IPv6 addresses of a host name\n"
    " -t, --timeout=SECONDS[:STATE]\n"
    "    Budget for the whole run (default: 10). When it runs out, what could\n"
    "    not be told is reported with STATE (ok, warning, critical, unknown;\n"
    "    default: critical).\n";

const char opts_help_output[] =
    " --output-max=BYTES\n"
    "    Keep the whole output within BYTES (default: 8000, what NRPE, Nagios\n"
    "    and Icinga 2 carry whole; 0: no limit). Long output is cut at a\n"
    "    whole line and says how many lines were left out.\n"
    " --report=FILE\n"
    "    Also write every checked address to FILE as JSON lines: one object\n"
    "    per address with its state, verdict and the facts behind it.\n"
    " --perf-per-address\n"
    "    Add perfdata labels per address (ADDRESS_time, ...) to the\n"
    "    aggregate ones. They depend on what DNS answers: a new AAAA record\n"
    "    adds labels.\n";

const char opts_help_tail[] =
    " -v, --verbose\n"
    "    More detail: OK results are listed only with -v; -v also names the\n"
    "    reverse zone and its servers (who must fix the PTR), -vv the DNS\n"
    "    server and every query.\n"
    " -V, --version\n"
    "    Print the version and exit\n"
    " -h, --help\n"
    "    Print this help and exit\n";

void
opts_init(struct opts_common *c)
{
	memset(c, 0, sizeof(*c));
	c->dns_port = 53;
	c->family = AF_UNSPEC;
	c->timeout = OPTS_DEFAULT_TIMEOUT;
	c->timeout_state = STATE_CRITICAL;
	c->output_max = OPTS_OUTPUT_MAX_DEFAULT;
}

int
opts_parse_uint(const char *s, unsigned long min, unsigned long max,
    unsigned long *out)
{
	char *end = NULL;
	unsigned long v;

	if (s == NULL || s[0] < '0' || s[0] > '9') {
		return -1;
	}
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		return -1;
	}
	*out = v;
	return 0;
}

int
opts_parse_seconds(const char *s, double max, double *out)
{
	struct range r;

	/* A bare range end is exactly a strict unsigned decimal. */
	if (s == NULL || s[0] < '0' || s[0] > '9' || strchr(s, ':') != NULL ||
	    range_parse(&r, s, NULL, 0) != 0 || r.end_inf || r.inside) {
		return -1;
	}
	if (!(r.end > 0.0) || r.end > max) {
		return -1;
	}
	*out = r.end;
	return 0;
}

static enum opts_result
parse_timeout(struct opts_common *c, const char *arg, char *err, size_t errlen)
{
	char secs[32];
	const char *colon = strchr(arg, ':');
	size_t n = colon != NULL ? (size_t)(colon - arg) : strlen(arg);

	if (n >= sizeof(secs)) {
		snprintf(err, errlen, "invalid timeout '%.40s'", arg);
		return OPTS_ERROR;
	}
	memcpy(secs, arg, n);
	secs[n] = '\0';
	if (opts_parse_seconds(secs, OPTS_MAX_TIMEOUT, &c->timeout) != 0) {
		snprintf(err, errlen,
		    "invalid timeout '%.40s': expected seconds, more than 0 "
		    "and at most %.0f, then optionally :STATE",
		    arg, OPTS_MAX_TIMEOUT);
		return OPTS_ERROR;
	}
	if (colon != NULL && state_parse(colon + 1, &c->timeout_state) != 0) {
		snprintf(err, errlen,
		    "invalid timeout state '%.40s': expected ok, warning, "
		    "critical or unknown",
		    colon + 1);
		return OPTS_ERROR;
	}
	return OPTS_OK;
}

/*
 * "ADDRESS:PORT", "ADDRESS#PORT" or "[ADDRESS]:PORT" with a valid address
 * and a decimal port: 0 with the address in host and *port pointing into
 * arg; -1 for anything else.
 */
static int
split_port(const char *arg, char *host, size_t len, const char **port)
{
	const char *sep = strrchr(arg, '#');
	struct rdns_addr a;
	unsigned long v;
	size_t n;

	if (sep == NULL) {
		sep = strrchr(arg, ':');
	}
	if (sep == NULL || opts_parse_uint(sep + 1, 1, 65535, &v) != 0) {
		return -1;
	}
	n = (size_t)(sep - arg);
	if (n > 2 && arg[0] == '[' && arg[n - 1] == ']') {
		arg++;
		n -= 2;
	}
	if (n == 0 || n >= len) {
		return -1;
	}
	memcpy(host, arg, n);
	host[n] = '\0';
	*port = sep + 1;
	return rdns_addr_parse(host, &a, NULL);
}

/* "mail.example.com:25": one colon, then a port (IPv6 has more). */
static bool
name_with_port(const char *arg)
{
	const char *colon = strchr(arg, ':');
	unsigned long v;

	return colon != NULL && colon > arg && strchr(colon + 1, ':') == NULL &&
	       opts_parse_uint(colon + 1, 1, 65535, &v) == 0;
}

/* A -H value as people type it: a hint when it cannot be one. */
static enum opts_result
add_host(struct opts_common *c, const char *arg, char *err, size_t errlen)
{
	char host[RDNS_ADDR_TEXT_MAX];
	const char *port = NULL;
	size_t n = strlen(arg);
	struct rdns_addr a;
	char why[128];

	if (arg[0] == '\0') {
		snprintf(err, errlen, "empty host name for -H");
		return OPTS_ERROR;
	}
	if (c->nhosts == OPTS_MAX_HOSTS) {
		snprintf(err, errlen, "too many -H (at most %d)",
		    OPTS_MAX_HOSTS);
		return OPTS_ERROR;
	}
	if (n > 2 && arg[0] == '[' && arg[n - 1] == ']' &&
	    n - 2 < sizeof(host)) {
		memcpy(host, arg + 1, n - 2);
		host[n - 2] = '\0';
		if (rdns_addr_parse(host, &a, NULL) == 0) {
			snprintf(err, errlen,
			    "-H '%.60s': write the address without brackets, "
			    "-H %s",
			    arg, host);
			return OPTS_ERROR;
		}
	}
	if (rdns_addr_parse(arg, &a, NULL) != 0 &&
	    (name_with_port(arg) ||
	        split_port(arg, host, sizeof(host), &port) == 0)) {
		snprintf(err, errlen,
		    "-H '%.60s': -H takes no port (an SMTP port is -p, a DNS "
		    "port --dns-port)",
		    arg);
		return OPTS_ERROR;
	}
	if (idn_to_ascii(arg, c->host_ascii[c->nhosts],
	        sizeof(c->host_ascii[c->nhosts]), why, sizeof(why)) != 0) {
		snprintf(err, errlen, "-H: %s", why);
		return OPTS_ERROR;
	}
	c->hosts[c->nhosts] = strcmp(c->host_ascii[c->nhosts], arg) == 0
	                          ? arg
	                          : c->host_ascii[c->nhosts];
	c->nhosts++;
	return OPTS_OK;
}

static enum opts_result
add_server(struct opts_common *c, const char *arg, char *err, size_t errlen)
{
	struct rdns_addr a;
	char addr[RDNS_ADDR_TEXT_MAX];
	size_t n = strcspn(arg, "%");

	/* fe80::1%eth0: the scope is checked when the resolver is set up. */
	if (n >= sizeof(addr)) {
		n = 0;
	}
	memcpy(addr, arg, n);
	addr[n] = '\0';
	if (rdns_addr_parse(addr, &a, NULL) != 0 ||
	    (arg[n] == '%' && a.family != AF_INET6)) {
		char host[RDNS_ADDR_TEXT_MAX];
		const char *port = NULL;

		if (split_port(arg, host, sizeof(host), &port) == 0) {
			snprintf(err, errlen,
			    "invalid DNS server '%.60s': -s takes an address "
			    "alone, give the port with --dns-port %.10s",
			    arg, port);
			return OPTS_ERROR;
		}
		snprintf(err, errlen,
		    "invalid DNS server '%.60s': expected an IPv4 or IPv6 "
		    "address",
		    arg);
		return OPTS_ERROR;
	}
	if (c->nservers == OPTS_MAX_SERVERS) {
		snprintf(err, errlen, "too many DNS servers (at most %d)",
		    OPTS_MAX_SERVERS);
		return OPTS_ERROR;
	}
	c->servers[c->nservers++] = arg;
	return OPTS_OK;
}

enum opts_result
opts_handle(struct opts_common *c, int opt, const char *arg, char *err,
    size_t errlen)
{
	unsigned long v;

	switch (opt) {
	case 'H':
		return add_host(c, arg, err, errlen);
	case 's':
		return add_server(c, arg, err, errlen);
	case OPTS_DNS_PORT:
		if (opts_parse_uint(arg, 1, 65535, &v) != 0) {
			snprintf(err, errlen,
			    "invalid DNS port '%.40s': expected 1 to 65535",
			    arg);
			return OPTS_ERROR;
		}
		c->dns_port = (unsigned)v;
		return OPTS_OK;
	case OPTS_TCP:
		c->tcp = true;
		return OPTS_OK;
	case 't':
		return parse_timeout(c, arg, err, errlen);
	case 'w':
		c->warn_text = arg;
		return OPTS_OK;
	case 'c':
		c->crit_text = arg;
		return OPTS_OK;
	case '4':
	case '6':
		if (c->family != AF_UNSPEC) {
			snprintf(err, errlen,
			    "-4 and -6 cannot be used together");
			return OPTS_ERROR;
		}
		c->family = opt == '4' ? AF_INET : AF_INET6;
		return OPTS_OK;
	case 'v':
		c->verbose++;
		return OPTS_OK;
	case OPTS_OUTPUT_MAX:
		if (opts_parse_uint(arg, 0, OPTS_OUTPUT_MAX_MAX, &v) != 0 ||
		    (v > 0 && v < OPTS_OUTPUT_MAX_MIN)) {
			snprintf(err, errlen,
			    "invalid --output-max '%.40s': expected 0 (no "
			    "limit) or %d to %d bytes",
			    arg, OPTS_OUTPUT_MAX_MIN, OPTS_OUTPUT_MAX_MAX);
			return OPTS_ERROR;
		}
		c->output_max = (size_t)v;
		return OPTS_OK;
	case OPTS_REPORT:
		if (arg[0] == '\0') {
			snprintf(err, errlen, "empty file name for --report");
			return OPTS_ERROR;
		}
		c->report = arg;
		return OPTS_OK;
	case OPTS_PERF_PER_ADDRESS:
		c->perf_per_address = true;
		return OPTS_OK;
	case 'V':
		return OPTS_VERSION;
	case 'h':
		return OPTS_HELP;
	default:
		return OPTS_NOT_MINE;
	}
}

int
opts_finish(struct opts_common *c, char *err, size_t errlen)
{
	char why[200];

	if (thresholds_parse(&c->th, c->warn_text, c->crit_text, why,
	        sizeof(why)) != 0) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	return 0;
}

int
opts_merge(struct option *dst, size_t n, const struct option *extra)
{
	size_t i = 0;
	size_t j;

	for (j = 0; opts_long[j].name != NULL; j++) {
		if (i + 1 >= n) {
			return -1;
		}
		dst[i++] = opts_long[j];
	}
	for (j = 0; extra != NULL && extra[j].name != NULL; j++) {
		if (i + 1 >= n) {
			return -1;
		}
		dst[i++] = extra[j];
	}
	memset(&dst[i], 0, sizeof(dst[i]));
	return 0;
}
