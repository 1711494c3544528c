/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "dns.h"
#include "egress.h"
#include "fcrdns.h"
#include "helo.h"
#include "idn.h"
#include "opts.h"
#include "output.h"
#include "range.h"
#include "rdns.h"
#include "input.h"
#include "received.h"
#include "report.h"
#include "smtp.h"
#include "targets.h"
#include "verdict.h"
#include "zone.h"

/*
 * check_smtp_helo_match: does the name a mail server gives match the PTR of
 * the address its mail comes from, and does that PTR resolve back to it
 * (FCrDNS)? Receivers compare the two when the server sends, before they
 * look at SPF, DKIM or DMARC. Three ways to learn the name and address:
 *
 *   -H        connect to the server as a client would (inbound): its 220
 *             greeting and EHLO reply name it, getpeername() gives the
 *             address (--helo / --source-address: the sending name and
 *             addresses when they differ from the listening ones);
 *   --reflect connect OUT to a server that says what it sees of us in its
 *             EHLO reply (Exim "Hello NAME [IP]", Gmail "[IP]"): our
 *             egress address, through NAT or a gateway, and its view of
 *             our PTR; from --source-address when given, else as the
 *             system routes, over IPv4 and IPv6;
 *   --received a delivered test message: the Received header the
 *             receiving MTA wrote (lib/received) gives the HELO name our
 *             server used and the address it came from.
 *
 * Every (name, address) pair is then judged the same way (lib/helo), with
 * the lookups of lib/fcrdns. A host name is resolved through lib/dns, never
 * the system resolver, and every A and AAAA address is probed.
 */

#define HELO_MAX_TARGETS 16
#define HELO_MAX_SOURCES 8
#define HELO_MAX_CHECKS 32
#define HELO_DEFAULT_PORT 25
/* Bytes of a --received message read: headers come first, and a message
   whose header section is longer than this is not a test message. */
#define HELO_MESSAGE_MAX (1024 * 1024)
/* Seconds of the -t budget kept for DNS after the SMTP probes (at most). */
#define HELO_DNS_RESERVE 1.0
/* Seconds we wait for the answer to QUIT: it changes nothing we judge. */
#define HELO_QUIT_WAIT 1.0

enum hm_option {
	OPT_HELO = OPTS_PLUGIN_FIRST,
	OPT_SOURCE,
	OPT_STRICT,
	OPT_RECEIVED,
	OPT_REFLECT,
};

/* The plugin's own types and steps are hm_*, apart from lib/helo's. */
enum hm_mode {
	MODE_PROBE,    /* -H */
	MODE_REFLECT,  /* --reflect */
	MODE_RECEIVED, /* --received */
};

struct hm_config {
	struct opts_common common;
	enum hm_mode mode;    /* from the options, by finish */
	unsigned port;        /* -p */
	const char *ehlo;     /* -E, or NULL: local FQDN or literal */
	const char *helo;     /* --helo, or NULL */
	char ehlo_ascii[256]; /* -E and --helo as A-labels (IDN) */
	char helo_ascii[256];
	struct rdns_addr source[HELO_MAX_SOURCES]; /* --source-address */
	size_t nsource;
	bool strict;                      /* --strict */
	struct cli_receivers receivers;   /* --receivers */
	const char *received;             /* --received FILE, "-": stdin */
	char reflect_host[RDNS_NAME_MAX]; /* --reflect HOST[:PORT] */
	unsigned reflect_port;            /* 0: -p's */
};

/* One SMTP conversation, and what came of it. */
struct hm_target {
	struct rdns_addr addr; /* connected to */
	char text[RDNS_ADDR_TEXT_MAX];
	bool bound; /* --reflect from a --source-address */
	struct rdns_addr src;
	char src_text[RDNS_ADDR_TEXT_MAX];
	struct smtp_session sess;
	enum smtp_status st; /* of the failed step, or SMTP_OK */
	const char *step;    /* the failed step: "connect", ... */
	bool connected;
	bool greeted;   /* a whole greeting came */
	bool ehlo_done; /* a whole EHLO/HELO reply came */
	double connect_time;
	double greeting_time;
	double ehlo_time;
	struct smtp_reply greet;
	struct smtp_reply ehlo;
	char ehlo_sent[SMTP_COMMAND_MAX]; /* the name we sent */
	char banner[SMTP_LINE_MAX];       /* raw first word of the greeting */
	char ehlo_name[SMTP_LINE_MAX];    /* raw first word of the EHLO reply */
	struct rdns_addr peer;            /* getpeername() */
	struct rdns_addr local;           /* getsockname() */
	bool have_local;
	struct smtp_seen seen; /* --reflect: what it saw of us */
};

/* One judgement: a name against the PTR and FCrDNS of an address. */
struct hm_check {
	struct helo_claim claim;
	char name[SMTP_LINE_MAX];      /* claim.name points here */
	char text[RDNS_ADDR_TEXT_MAX]; /* claim.addr as text */
	struct hm_target *t;           /* the conversation, or NULL */
	char context[768]; /* appended to the line: "" or " (...)" */
	bool shown;        /* its perfdata is out */
	size_t wi;         /* index in the FCrDNS walk */
	int q_fwd;         /* forward query of the name, or -1 */
};

struct hm_run {
	const struct hm_config *cfg;
	struct dns_resolver res;
	double deadline;
	double dns_time;
	unsigned port; /* of the SMTP conversations */
	struct hm_target *t;
	size_t nt;
	struct hm_check *c;
	size_t nc;
	struct received_list *rl;     /* --received */
	char hostname[RDNS_NAME_MAX]; /* gethostname(), when an FQDN */
	struct report report;         /* --report, or fp NULL */
};

static const char usage_text[] =
    "Usage: check_smtp_helo_match -H ADDRESS|NAME [-p PORT] [-E EHLO-NAME]\n"
    "       [--helo NAME] [--source-address IP]... [--strict]\n"
    "       [-s SERVER]... [--dns-port PORT] [--tcp] [-4|-6]\n"
    "       [-t SECONDS[:STATE]] [-w RANGE] [-c RANGE] [--output-max=BYTES]\n"
    "       [--report=FILE] [--perf-per-address] [-v]...\n"
    "   or: check_smtp_helo_match --reflect HOST[:PORT] [--helo NAME]\n"
    "       [--source-address IP]... [common options as above]\n"
    "   or: check_smtp_helo_match --received FILE|- [--helo NAME]\n"
    "       [--source-address IP]... [common options as above]\n";

static void
print_help(void)
{
	printf("check_smtp_helo_match v%s (%s)\n\n", PACKAGE_VERSION,
	    PACKAGE_NAME);
	printf("Checks the host name a mail server gives against the PTR of "
	       "the address its\nmail comes from, and against "
	       "forward-confirmed reverse DNS (the PTR name\nresolves back to "
	       "the address). Receivers reject or score mail from servers\n"
	       "whose HELO name, PTR and A record disagree.\n\n"
	       "With -H it connects to the server and judges the name in "
	       "its 220 greeting\n(or --helo) against the address it "
	       "connected to (or --source-address).\nWith --reflect it "
	       "connects out to a server that tells its clients what it\nsees "
	       "(Exim, Sendmail, Exchange, Gmail) and judges the HELO name "
	       "sent against\nthe address the server saw: the real egress "
	       "address, NAT included. With\n--received it reads a delivered "
	       "message and judges the HELO name and address\nthe receiving "
	       "MTA wrote into its Received header.\n\n");
	fputs(usage_text, stdout);
	printf("\nOptions:\n");
	fputs(opts_help_text, stdout);
	printf(" -w, --warning=RANGE\n"
	       "    WARNING when an SMTP conversation (connect, greeting, "
	       "EHLO) takes\n    longer, in seconds, as check_smtp's -w\n"
	       " -c, --critical=RANGE\n"
	       "    CRITICAL when it takes longer; RANGE as in the Monitoring "
	       "Plugins\n    guidelines. Not with --received: no "
	       "conversation.\n");
	printf(" -p, --port=PORT\n"
	       "    SMTP port of -H, and of --reflect without :PORT "
	       "(default: 25)\n"
	       " -E, --ehlo=NAME\n"
	       "    Name we send in EHLO (default: --helo with --reflect, "
	       "else this host's\n    name when it is a fully-qualified "
	       "domain name, else our address as an\n    address literal, "
	       "RFC 5321 4.1.4; never looked up)\n"
	       " --helo=NAME\n"
	       "    The name the server uses in HELO when it sends mail (e.g. "
	       "Postfix\n    smtp_helo_name): judged instead of the banner "
	       "(-H), sent (--reflect), or\n    the Received header to use "
	       "(--received)\n"
	       " --source-address=IP (up to %d)\n"
	       "    The addresses mail leaves from: their PTR is checked "
	       "instead of the\n    address connected to (-H), the connection "
	       "is made from each (--reflect),\n    or the Received header "
	       "from one of them is used (--received)\n"
	       " --reflect=HOST[:PORT]\n"
	       "    SMTP server that reports the client's address in its EHLO "
	       "reply (port\n    -p; IPv6 as [ADDRESS]:PORT). When the host "
	       "routes to the IPv6 internet\n    and no probe went out over "
	       "IPv6, the IPv6 source address is judged too:\n    mail to "
	       "IPv6 receivers leaves from it\n"
	       " --received=FILE\n"
	       "    A delivered message, whole or its headers ('-': standard "
	       "input); the\n    topmost Received header from outside the "
	       "receiver's own hosts is used\n"
	       " --strict\n"
	       "    Every difference between HELO name and PTR is CRITICAL\n",
	    HELO_MAX_SOURCES);
	fputs(cli_help_receivers, stdout);
	printf(
	    "    The receivers judge the HELO name that was claimed (banner, "
	    "--helo,\n    --reflect, --received) and the PTR of its "
	    "address.\n");
	fputs(opts_help_output, stdout);
	fputs(opts_help_tail, stdout);
	printf("    -vvv adds the SMTP transcript.\n");
	printf("\nStates:\n"
	       "  OK        the name = a PTR name of the address, which "
	       "resolves back\n"
	       "  WARNING   the name differs from the PTR but resolves to the "
	       "address;\n"
	       "            greeting and EHLO names differ; several PTRs, not "
	       "all resolve\n"
	       "            back; EHLO refused (-H); SMTP time outside -w\n"
	       "  CRITICAL  cannot connect; negative greeting (421, 554); "
	       "protocol error;\n"
	       "            EHLO refused (--reflect); name not an FQDN; no "
	       "PTR; the name\n"
	       "            differs from the PTR and does not resolve to the "
	       "address; FCrDNS\n"
	       "            fails (IPv6 egress: with the hint to add the "
	       "IPv6 PTR or keep\n"
	       "            the MTA on IPv4); outside -c\n"
	       "  -t STATE  timeout, or the DNS could not tell (SERVFAIL, "
	       "REFUSED)\n"
	       "  UNKNOWN   bad options; --received: no message, or no "
	       "Received header\n"
	       "            that records a connecting address\n");
	printf("\nPerfdata (the same labels for every run with the same "
	       "options; U: not\nmeasured):\n"
	       "  time           s, the slowest SMTP conversation: connect, "
	       "greeting,\n"
	       "                 EHLO (as check_smtp's time; -w/-c apply); "
	       "not with\n                 --received\n"
	       "  connect_time, greeting_time, ehlo_time  s, the slowest of "
	       "each step\n"
	       "  ptr_time       s, the slowest PTR lookup that was "
	       "answered\n"
	       "  dns_time       s, all DNS of the run\n"
	       "  names          names judged = match + mismatch + unsure\n"
	       "  With --perf-per-address also ADDRESS_time, ADDRESS_ptr_time, "
	       "...\n");
	printf("\nExamples:\n"
	       "  check_smtp_helo_match -H mail.example.com\n"
	       "  check_smtp_helo_match -H 198.51.100.25 -p 587 -E "
	       "monitor.example.com\n"
	       "  check_smtp_helo_match -H mx.example.com -4 --strict -t "
	       "20:unknown -vvv\n"
	       "  check_smtp_helo_match --reflect reflector.example.net "
	       "--helo mail.example.com\n"
	       "  check_smtp_helo_match --received /tmp/test-message.eml\n");
}

/* One line within 80 columns, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_smtp_helo_match -H HOST or --reflect HOST or --received "
    "FILE";

/* A name we may send or judge: an FQDN or an address literal. */
static bool
usable_name(const char *name)
{
	enum rdns_name_check c = rdns_name_check(name);

	return c == RDNS_NAME_VALID || c == RDNS_NAME_ADDRESS_LITERAL;
}

/*
 * --reflect HOST[:PORT]: "[::1]:2525", "[::1]", "::1" (more than one ':'
 * and no brackets: all address), "host:2525", "host". Returns 0 or -1.
 */
static int
parse_hostport(const char *arg, char *host, size_t hostlen, unsigned *port)
{
	const char *end = arg + strlen(arg);
	const char *colon = strrchr(arg, ':');
	const char *h = arg;
	size_t n;
	unsigned long v;

	*port = 0; /* -p's, or 25 */
	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');

		if (close == NULL) {
			return -1;
		}
		h = arg + 1;
		n = (size_t)(close - h);
		if (close[1] == ':') {
			colon = close + 1;
		} else if (close[1] != '\0') {
			return -1;
		} else {
			colon = NULL;
		}
	} else if (colon != NULL && strchr(arg, ':') == colon) {
		n = (size_t)(colon - arg);
	} else {
		colon = NULL;
		n = (size_t)(end - arg);
	}
	if (n == 0 || n >= hostlen) {
		return -1;
	}
	if (colon != NULL) {
		if (opts_parse_uint(colon + 1, 1, 65535, &v) != 0) {
			return -1;
		}
		*port = (unsigned)v;
	}
	memcpy(host, h, n);
	host[n] = '\0';
	return 0;
}

/* The options of check_smtp_helo_match beyond the shared ones. */
static int
hm_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct hm_config *cfg = vcfg;
	unsigned long v;
	char shown[64];
	char host[RDNS_NAME_MAX];
	int rc =
	    cli_receivers_option(&cfg->receivers, opt, arg, false, err, errlen);

	if (rc <= 0) {
		return rc;
	}

	switch (opt) {
	case 'p':
		if (opts_parse_uint(arg, 1, 65535, &v) != 0) {
			output_sanitize(shown, sizeof(shown), arg, strlen(arg));
			snprintf(err, errlen,
			    "invalid port '%s': expected 1-65535", shown);
			return -1;
		}
		cfg->port = (unsigned)v;
		return 0;
	case 'E':
		if (idn_to_ascii(arg, cfg->ehlo_ascii, sizeof(cfg->ehlo_ascii),
		        err, errlen) != 0) {
			return -1;
		}
		arg = cfg->ehlo_ascii;
		if (!usable_name(arg) || strlen(arg) > SMTP_COMMAND_MAX - 5) {
			snprintf(err, errlen,
			    "invalid -E: expected a fully-qualified domain "
			    "name or an address literal");
			return -1;
		}
		cfg->ehlo = arg;
		return 0;
	case OPT_HELO:
		if (idn_to_ascii(arg, cfg->helo_ascii, sizeof(cfg->helo_ascii),
		        err, errlen) != 0) {
			return -1;
		}
		arg = cfg->helo_ascii;
		if (!usable_name(arg) || strlen(arg) > SMTP_COMMAND_MAX - 5) {
			snprintf(err, errlen,
			    "invalid --helo: expected a fully-qualified "
			    "domain name");
			return -1;
		}
		cfg->helo = arg;
		return 0;
	case OPT_SOURCE:
		if (cfg->nsource == HELO_MAX_SOURCES) {
			snprintf(err, errlen,
			    "too many --source-address: at most %d",
			    HELO_MAX_SOURCES);
			return -1;
		}
		if (rdns_addr_parse(arg, &cfg->source[cfg->nsource], NULL) !=
		    0) {
			snprintf(err, errlen,
			    "invalid --source-address: expected an IPv4 or "
			    "IPv6 address");
			return -1;
		}
		cfg->nsource++;
		return 0;
	case OPT_STRICT:
		cfg->strict = true;
		return 0;
	case OPT_RECEIVED:
		if (arg[0] == '\0') {
			snprintf(err, errlen,
			    "invalid --received: expected a file name or '-'");
			return -1;
		}
		cfg->received = arg;
		return 0;
	case OPT_REFLECT:
		if (parse_hostport(arg, host, sizeof(host),
		        &cfg->reflect_port) != 0) {
			snprintf(err, errlen,
			    "invalid --reflect: expected HOST, HOST:PORT or "
			    "[IPv6-ADDRESS]:PORT");
			return -1;
		}
		return idn_to_ascii(host, cfg->reflect_host,
		    sizeof(cfg->reflect_host), err, errlen);
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

/* Exactly one way to learn the name and the address. */
static int
hm_finish(void *vcfg, char *err, size_t errlen)
{
	struct hm_config *cfg = vcfg;
	int n = (cfg->common.nhosts > 0) + (cfg->received != NULL) +
	        (cfg->reflect_host[0] != '\0');

	if (n == 0) {
		snprintf(err, errlen,
		    "-H ADDRESS or NAME, --reflect HOST or "
		    "--received FILE is required");
		return -1;
	}
	if (n > 1) {
		snprintf(err, errlen,
		    "-H, --reflect and --received exclude "
		    "each other: use one");
		return -1;
	}
	cfg->mode = cfg->received != NULL          ? MODE_RECEIVED
	            : cfg->reflect_host[0] != '\0' ? MODE_REFLECT
	                                           : MODE_PROBE;
	if (cfg->mode == MODE_RECEIVED &&
	    (cfg->common.warn_text != NULL || cfg->common.crit_text != NULL)) {
		snprintf(err, errlen,
		    "-w and -c measure the SMTP conversation: --received has "
		    "none");
		return -1;
	}
	return 0;
}

/* Add a conversation with a (from src, when not NULL). -1: too many. */
static int
add_target(struct hm_run *run, const struct rdns_addr *a,
    const struct rdns_addr *src)
{
	struct hm_target *t;

	if (run->nt == HELO_MAX_TARGETS) {
		return -1;
	}
	t = &run->t[run->nt];
	memset(t, 0, sizeof(*t));
	smtp_init(&t->sess);
	t->addr = *a;
	if (rdns_addr_format(a, t->text, sizeof(t->text)) != 0) {
		return -1;
	}
	if (src != NULL) {
		t->bound = true;
		t->src = *src;
		rdns_addr_format(src, t->src_text, sizeof(t->src_text));
	}
	run->nt++;
	return 0;
}

/*
 * The addresses of -H (MODE_PROBE) or of the --reflect host; with
 * --reflect and --source-address, one conversation per source address of
 * the same family, else the system picks the source.
 */
static void
collect_targets(struct hm_run *run, struct output *out)
{
	const struct hm_config *cfg = run->cfg;
	const char *reflect[1] = {cfg->reflect_host};
	struct targets_request req;
	struct targets h;
	char text[RDNS_ADDR_TEXT_MAX];
	size_t i;
	size_t j;
	bool any;

	memset(&req, 0, sizeof(req));
	req.values = cfg->mode == MODE_REFLECT ? reflect : cfg->common.hosts;
	req.nvalues = cfg->mode == MODE_REFLECT ? 1 : cfg->common.nhosts;
	req.family = cfg->common.family;
	req.max = HELO_MAX_TARGETS;
	req.timeout_state = cfg->common.timeout_state;
	(void)targets_collect(&h, &req, &run->res, run->deadline);
	run->dns_time += h.dns_time;
	for (i = 0; i < h.nnotes; i++) {
		cli_verdict(&cfg->common, &h.notes[i], out);
	}
	for (i = 0; i < h.n; i++) {
		const struct rdns_addr *a = &h.t[i].addr;

		if (cfg->mode != MODE_REFLECT || cfg->nsource == 0) {
			if (add_target(run, a, NULL) != 0) {
				output_result(out, STATE_UNKNOWN,
				    "too many addresses to probe");
			}
			continue;
		}
		any = false;
		for (j = 0; j < cfg->nsource; j++) {
			if (cfg->source[j].family != a->family) {
				continue;
			}
			any = true;
			if (add_target(run, a, &cfg->source[j]) != 0) {
				output_result(out, STATE_UNKNOWN,
				    "too many addresses to probe");
			}
		}
		if (!any && rdns_addr_format(a, text, sizeof(text)) == 0) {
			output_detail(out,
			    "%s: no --source-address of its "
			    "family, not probed",
			    text);
		}
	}
	if (cfg->mode == MODE_REFLECT && run->nt == 0 && h.n > 0) {
		output_result(out, STATE_UNKNOWN,
		    "no --source-address of the family of %s",
		    cfg->reflect_host);
	}
	targets_release(&h);
}

/*
 * The EHLO name: --helo when we stand in for the sending server
 * (--reflect), else -E, else this host's name when it is an FQDN (never
 * looked up), else our address as an RFC 5321 4.1.3 address literal, as
 * 4.1.4 asks of a client without a meaningful domain name.
 */
static void
ehlo_name(const struct hm_run *run, const struct hm_target *t, char *buf,
    size_t len)
{
	char text[RDNS_ADDR_TEXT_MAX];

	if (run->cfg->mode == MODE_REFLECT && run->cfg->helo != NULL) {
		snprintf(buf, len, "%s", run->cfg->helo);
	} else if (run->cfg->ehlo != NULL) {
		snprintf(buf, len, "%s", run->cfg->ehlo);
	} else if (run->hostname[0] != '\0') {
		snprintf(buf, len, "%s", run->hostname);
	} else if (t->have_local &&
	           rdns_addr_format(&t->local, text, sizeof(text)) == 0) {
		snprintf(buf, len, "[%s%s]",
		    t->local.family == AF_INET6 ? "IPv6:" : "", text);
	} else {
		snprintf(buf, len, "[127.0.0.1]");
	}
}

/* QUIT, waiting HELO_QUIT_WAIT at most for the 221. */
static void
quit(struct hm_target *t, double deadline)
{
	double d = clock_now() + HELO_QUIT_WAIT;

	smtp_quit(&t->sess, d < deadline ? d : deadline, NULL);
}

/* Connect, greeting, EHLO, QUIT against one address, until deadline. */
static void
probe(struct hm_run *run, struct hm_target *t, double deadline)
{
	struct sockaddr_storage ss;
	struct sockaddr_storage from;
	socklen_t sslen = rdns_addr_sockaddr(&t->addr, run->port, &ss);
	socklen_t fromlen =
	    t->bound ? rdns_addr_sockaddr(&t->src, 0, &from) : 0;
	double t0 = clock_now();
	double t1;

	t->step = "connect";
	t->st = smtp_connect_from(&t->sess, (struct sockaddr *)&ss, sslen,
	    t->bound ? (struct sockaddr *)&from : NULL, fromlen, deadline);
	t1 = clock_now();
	t->connect_time = t1 - t0;
	if (t->st != SMTP_OK) {
		return;
	}
	t->connected = true;
	if (rdns_addr_from_sockaddr(&t->sess.peer, &t->peer) != 0) {
		t->peer = t->addr;
	}
	t->have_local = t->sess.locallen > 0 &&
	                rdns_addr_from_sockaddr(&t->sess.local, &t->local) == 0;
	t->step = "greeting";
	t->st = smtp_read_reply(&t->sess, deadline, &t->greet);
	t0 = clock_now();
	t->greeting_time = t0 - t1;
	if (t->st != SMTP_OK) {
		return;
	}
	t->greeted = true;
	if (t->greet.code != 220) {
		/* RFC 5321 3.1: after 554 the client should still QUIT. */
		quit(t, deadline);
		t->st = SMTP_OK;
		return;
	}
	smtp_reply_domain(t->greet.first, t->banner, sizeof(t->banner));
	ehlo_name(run, t, t->ehlo_sent, sizeof(t->ehlo_sent));
	t->step = "EHLO";
	t->st = smtp_ehlo(&t->sess, t->ehlo_sent, deadline, &t->ehlo);
	t1 = clock_now();
	t->ehlo_time = t1 - t0;
	if (t->sess.used_helo) {
		t->step = "HELO";
	}
	if (t->st != SMTP_OK) {
		return;
	}
	t->ehlo_done = true;
	if (t->ehlo.code == 250) {
		smtp_reply_domain(t->ehlo.first, t->ehlo_name,
		    sizeof(t->ehlo_name));
		smtp_reply_seen(t->ehlo.first, &t->seen);
	}
	t->step = "QUIT";
	/* A QUIT that goes wrong does not change what the server said. */
	quit(t, deadline);
	t->st = SMTP_OK;
}

/* Every conversation, one after the other; each gets a fair share of the
   budget, and some is kept for the DNS that follows. */
static void
probe_all(struct hm_run *run)
{
	double reserve = run->cfg->common.timeout * 0.2;
	double now;
	double end;
	size_t i;

	if (reserve > HELO_DNS_RESERVE) {
		reserve = HELO_DNS_RESERVE;
	}
	for (i = 0; i < run->nt; i++) {
		now = clock_now();
		end = now +
		      (run->deadline - reserve - now) / (double)(run->nt - i);
		probe(run, &run->t[i], end > now ? end : now);
	}
}

/*
 * Add the judgement of name against addr, once per pair. Returns it, or
 * NULL when the pair is there already or there are too many.
 */
static struct hm_check *
add_check(struct hm_run *run, const char *name, const char *word,
    const struct rdns_addr *addr, struct hm_target *t)
{
	struct hm_check *c;
	size_t i;

	for (i = 0; i < run->nc; i++) {
		if (rdns_addr_equal(&run->c[i].claim.addr, addr) &&
		    strcmp(run->c[i].name, name) == 0) {
			return NULL;
		}
	}
	if (run->nc == HELO_MAX_CHECKS) {
		return NULL;
	}
	c = &run->c[run->nc++];
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "%s", name);
	c->claim.name = c->name;
	c->claim.word = word;
	c->claim.addr = *addr;
	rdns_addr_format(addr, c->text, sizeof(c->text));
	c->t = t;
	c->q_fwd = -1;
	return c;
}

/* Did the conversation give a name to judge? (Failures: judge_smtp.) */
static bool
target_usable(const struct hm_run *run, const struct hm_target *t)
{
	if (t->st != SMTP_OK || !t->greeted || t->greet.code != 220) {
		return false;
	}
	if (run->cfg->mode == MODE_REFLECT) {
		return t->ehlo_done && t->ehlo.code == 250;
	}
	return run->cfg->helo != NULL || t->banner[0] != '\0';
}

/* -H: the banner (or --helo) against the peer (or each source). */
static void
checks_from_probe(struct hm_run *run, struct hm_target *t)
{
	const struct hm_config *cfg = run->cfg;
	const char *name = cfg->helo != NULL ? cfg->helo : t->banner;
	const char *word = cfg->helo != NULL ? "HELO name" : "banner";
	size_t i;

	if (cfg->nsource == 0) {
		add_check(run, name, word, &t->peer, t);
		return;
	}
	for (i = 0; i < cfg->nsource; i++) {
		add_check(run, name, word, &cfg->source[i], t);
	}
}

/*
 * --reflect: the name we sent against the address the server saw; when it
 * said nothing we can read, the address of our socket.
 */
static void
checks_from_reflect(struct hm_run *run, struct hm_target *t)
{
	struct rdns_addr seen;
	const struct rdns_addr *a = &t->local;
	struct hm_check *c;
	char name[RDNS_NAME_TEXT_MAX];
	char local[RDNS_ADDR_TEXT_MAX] = "?";
	char addr[SMTP_SEEN_ADDR_MAX * 4];
	bool have_seen =
	    t->seen.has_addr && rdns_addr_parse(t->seen.addr, &seen, NULL) == 0;

	if (have_seen) {
		a = &seen;
	} else if (!t->have_local) {
		return;
	}
	c = add_check(run, t->ehlo_sent, "HELO", a, t);
	if (c == NULL) {
		return;
	}
	c->claim.ipv6_egress = a->family == AF_INET6;
	if (t->have_local) {
		rdns_addr_format(&t->local, local, sizeof(local));
	}
	output_sanitize(name, sizeof(name), t->seen.name, strlen(t->seen.name));
	output_sanitize(addr, sizeof(addr), t->seen.addr, strlen(t->seen.addr));
	if (!t->seen.has_addr) {
		snprintf(c->context, sizeof(c->context),
		    " (%s port %u does not say what it sees: judged our "
		    "socket's address)",
		    t->text, run->port);
	} else if (!have_seen) {
		snprintf(c->context, sizeof(c->context),
		    " (%s saw [%.100s], not an address: judged our socket's "
		    "address)",
		    t->text, addr);
	} else {
		snprintf(c->context, sizeof(c->context),
		    " (%s saw %.255s%s[%.100s]%s%s%s)", t->text, name,
		    name[0] != '\0' ? " " : "", addr,
		    t->seen.forged ? " (may be forged)" : "",
		    t->have_local && !rdns_addr_equal(&seen, &t->local)
		        ? ", we sent from "
		        : "",
		    t->have_local && !rdns_addr_equal(&seen, &t->local) ? local
		                                                        : "");
	}
}

/* The name we send, when we stand in for the sending server. */
static const char *
sending_name(const struct hm_run *run)
{
	if (run->cfg->helo != NULL) {
		return run->cfg->helo;
	}
	if (run->cfg->ehlo != NULL) {
		return run->cfg->ehlo;
	}
	return run->hostname[0] != '\0' ? run->hostname : NULL;
}

/*
 * Dual-stack egress: when this host routes to the IPv6 internet, its MTA
 * sends over IPv6 to every receiver with an AAAA MX (Gmail, Microsoft),
 * from the address the route picks. If no conversation went out over
 * IPv6, judge that address too.
 */
static void
check_ipv6_route(struct hm_run *run, struct output *out)
{
	struct rdns_addr dest;
	struct rdns_addr src;
	struct hm_check *c;
	char err[128];
	char text[RDNS_ADDR_TEXT_MAX];
	const char *name = sending_name(run);
	size_t i;

	if (run->cfg->common.family == AF_INET) {
		return;
	}
	for (i = 0; i < run->nc; i++) {
		if (run->c[i].claim.addr.family == AF_INET6) {
			return;
		}
	}
	rdns_addr_parse(EGRESS_IPV6_INTERNET, &dest, NULL);
	if (egress_source(&dest, &src, err, sizeof(err)) != 0) {
		if (run->cfg->common.verbose > 0) {
			output_detail(out,
			    "IPv6: this host does not send over "
			    "IPv6 (%s)",
			    err);
		}
		return;
	}
	rdns_addr_format(&src, text, sizeof(text));
	if (rdns_addr_scope(&src) != RDNS_SCOPE_GLOBAL) {
		if (run->cfg->common.verbose > 0) {
			output_detail(out,
			    "IPv6: the route to the IPv6 "
			    "internet leaves from %s (%s): "
			    "not judged",
			    text, rdns_scope_str(rdns_addr_scope(&src)));
		}
		return;
	}
	if (name == NULL) {
		output_result(out, STATE_UNKNOWN,
		    "this host sends over IPv6 from %s: give --helo to judge "
		    "that address",
		    text);
		return;
	}
	c = add_check(run, name, "HELO", &src, NULL);
	if (c != NULL) {
		c->claim.ipv6_egress = true;
		snprintf(c->context, sizeof(c->context),
		    " (IPv6 route of this host, not seen by the reflector)");
	}
}

/*
 * Read up to HELO_MESSAGE_MAX bytes of path ("-": stdin) into a new buffer
 * (*buf, owned by the caller), waiting for a FIFO or a pipe only until
 * the deadline. Returns the length, or -1 with err set; *cut says that the
 * message went on past the limit.
 */
static long
read_message(const char *path, double deadline, char **buf, bool *cut,
    char *err, size_t errlen)
{
	char shown[128];
	char what[160];
	size_t n;

	output_sanitize(shown, sizeof(shown), path, strlen(path));
	snprintf(what, sizeof(what), "--received %s", shown);
	if (input_read(path, HELO_MESSAGE_MAX, deadline, buf, &n, cut, what,
	        err, errlen) != 0) {
		return -1;
	}
	return (long)n;
}

/* What the receiver recorded of our reverse DNS, for the line. */
static void
receiver_view(const struct received_hop *h, char *buf, size_t len)
{
	char name[RDNS_NAME_TEXT_MAX];

	output_sanitize(name, sizeof(name), h->rdns, strlen(h->rdns));
	switch (h->rdns_state) {
	case RECEIVED_RDNS_NAME:
		snprintf(buf, len, ", which saw %s", name);
		break;
	case RECEIVED_RDNS_NONE:
		snprintf(buf, len, ", which found no PTR name");
		break;
	case RECEIVED_RDNS_FORGED:
		snprintf(buf, len, ", which saw %s (may be forged)", name);
		break;
	case RECEIVED_RDNS_NOT_RECORDED:
	default:
		buf[0] = '\0';
		break;
	}
}

/* -v: every Received header, and why it was or was not used. */
static void
explain_received(const struct received_list *l, const struct received_hop *pick,
    struct output *out)
{
	char helo[RDNS_NAME_TEXT_MAX];
	char by[RDNS_NAME_TEXT_MAX];
	char addr[RDNS_ADDR_TEXT_MAX];
	size_t i;

	for (i = 0; i < l->n; i++) {
		const struct received_hop *h = &l->hop[i];

		output_sanitize(helo, sizeof(helo), h->helo, strlen(h->helo));
		output_sanitize(by, sizeof(by), h->by, strlen(h->by));
		if (!h->has_addr ||
		    rdns_addr_format(&h->addr, addr, sizeof(addr)) != 0) {
			snprintf(addr, sizeof(addr), "no address");
		}
		output_detail(out,
		    "Received header %zu (line %zu, %s): from %s [%s] by %s: "
		    "%s",
		    h->index + 1, h->line, received_form_str(h->form),
		    helo[0] != '\0' ? helo : "-", addr,
		    by[0] != '\0' ? by : "-",
		    h == pick ? "used" : received_skip_str(h->skip));
	}
	if (l->total > l->n) {
		output_detail(out, "%zu more Received headers not read",
		    l->total - l->n);
	}
}

/* --received: the HELO name and address of the receiving MTA's header. */
static void
check_received(struct hm_run *run, struct output *out)
{
	const struct hm_config *cfg = run->cfg;
	struct received_select sel;
	const struct received_hop *h;
	struct hm_check *c;
	char err[512];
	char view[RDNS_NAME_TEXT_MAX + 64];
	char by[RDNS_NAME_TEXT_MAX];
	char *msg = NULL;
	long len;
	bool cut = false;
	/* Why a header may be missing: it lies past what was read. */
	const char *cut_note =
	    " (the message was cut at its size limit of 1 MB: the header "
	    "may lie beyond it)";

	len = read_message(cfg->received, run->deadline, &msg, &cut, err,
	    sizeof(err));
	if (len < 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return;
	}
	run->rl = malloc(sizeof(*run->rl));
	if (run->rl == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	if (received_parse_message(msg, (size_t)len, run->rl, err,
	        sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "--received: %s%s", err,
		    cut ? cut_note : "");
		goto out;
	}
	memset(&sel, 0, sizeof(sel));
	sel.addrs = cfg->source;
	sel.naddrs = cfg->nsource;
	sel.helo = cfg->helo;
	h = received_pick(run->rl, &sel, err, sizeof(err));
	if (cfg->common.verbose > 0) {
		explain_received(run->rl, h, out);
	}
	if (h == NULL) {
		output_result(out, STATE_UNKNOWN, "--received: %s%s", err,
		    cut ? cut_note : "");
		goto out;
	}
	if (err[0] != '\0' && cfg->common.verbose > 0) {
		output_detail(out, "--received: %s", err);
	}
	output_sanitize(by, sizeof(by), h->by, strlen(h->by));
	if (h->helo[0] == '\0') {
		output_result(out, STATE_UNKNOWN,
		    "--received: Received header %zu (by %s) records no HELO "
		    "name",
		    h->index + 1, by[0] != '\0' ? by : "?");
		goto out;
	}
	c = add_check(run, h->helo, "HELO", &h->addr, NULL);
	if (c == NULL) {
		goto out;
	}
	c->claim.ipv6_egress = h->addr.family == AF_INET6;
	receiver_view(h, view, sizeof(view));
	snprintf(c->context, sizeof(c->context),
	    " (Received header %zu, by %.255s%.300s)", h->index + 1,
	    by[0] != '\0' ? by : "?", view);
out:
	free(msg);
}

/* What lib/helo needs to know of a conversation. */
static void
conversation(const struct hm_run *run, const struct hm_target *t, char *where,
    size_t wlen, struct helo_conversation *c)
{
	snprintf(where, wlen, "%s port %u%s%s", t->text, run->port,
	    t->bound ? " from " : "", t->bound ? t->src_text : "");
	memset(c, 0, sizeof(*c));
	c->where = where;
	c->addr = t->text;
	c->sess = &t->sess;
	c->st = t->st;
	c->step = t->step;
	c->greeted = t->greeted;
	c->ehlo_done = t->ehlo_done;
	c->greet = &t->greet;
	c->ehlo = &t->ehlo;
	c->ehlo_sent = t->ehlo_sent;
	c->banner = t->banner;
	c->ehlo_name = t->ehlo_name;
	c->reflect = run->cfg->mode == MODE_REFLECT;
	c->need_banner = run->cfg->mode == MODE_PROBE && run->cfg->helo == NULL;
}

/* Report an SMTP failure; true when there was one (nothing more to do). */
static bool
judge_smtp(struct hm_run *run, const struct hm_target *t, struct output *out)
{
	char where[2 * RDNS_ADDR_TEXT_MAX + 32];
	struct helo_conversation c;
	struct verdict v;

	conversation(run, t, where, sizeof(where), &c);
	if (!helo_judge_smtp(&c, run->cfg->common.timeout_state, &v)) {
		return false;
	}
	cli_verdict(&run->cfg->common, &v, out);
	return true;
}

/* -H: greeting and EHLO names, EHLO refusal: findings of their own. */
static void
judge_ehlo(const struct hm_run *run, const struct hm_target *t,
    struct output *out)
{
	char where[2 * RDNS_ADDR_TEXT_MAX + 32];
	struct helo_conversation c;
	struct verdict v;

	conversation(run, t, where, sizeof(where), &c);
	if (helo_judge_greeting(&c, &v)) {
		cli_verdict(&run->cfg->common, &v, out);
	}
}

/* What the perfdata sums up: the slowest of each, and the counts. */
struct hm_perf {
	double time, connect, greeting, ehlo, ptr;
	bool have_time, have_connect, have_greeting, have_ehlo, have_ptr;
	size_t names, match, mismatch, unsure;
	size_t refusing; /* --receivers: rules that would refuse */
};

/* Keep the larger of *slowest and v; note that one was measured. */
static void
slowest(double *slowest, bool *have, double v)
{
	if (!*have || v > *slowest) {
		*slowest = v;
	}
	*have = true;
}

/* --perf-per-address: a conversation's times, labelled by its address. */
static void
target_perf(const struct hm_run *run, const struct hm_target *t,
    struct output *out)
{
	char label[3 * RDNS_ADDR_TEXT_MAX + 32];
	char prefix[2 * RDNS_ADDR_TEXT_MAX + 2];

	snprintf(prefix, sizeof(prefix), "%s%s%s", t->bound ? t->src_text : "",
	    t->bound ? "_" : "", t->text);
	snprintf(label, sizeof(label), "%s_time", prefix);
	cli_perf_seconds(out, label,
	    t->connect_time + t->greeting_time + t->ehlo_time, !t->ehlo_done,
	    &run->cfg->common.th);
	snprintf(label, sizeof(label), "%s_connect_time", prefix);
	cli_perf_seconds(out, label, t->connect_time, !t->connected, NULL);
}

/* A conversation into the sums; -w/-c on its whole time. */
static void
measure_target(struct hm_run *run, const struct hm_target *t,
    struct hm_perf *pf, struct output *out)
{
	char where[2 * RDNS_ADDR_TEXT_MAX + 32];
	struct verdict v;
	double total = t->connect_time + t->greeting_time + t->ehlo_time;

	if (t->connected) {
		slowest(&pf->connect, &pf->have_connect, t->connect_time);
	}
	if (t->greeted) {
		slowest(&pf->greeting, &pf->have_greeting, t->greeting_time);
	}
	if (t->ehlo_done) {
		slowest(&pf->ehlo, &pf->have_ehlo, t->ehlo_time);
		slowest(&pf->time, &pf->have_time, total);
		snprintf(where, sizeof(where), "%s port %u", t->text,
		    run->port);
		if (helo_judge_response(where, total, &run->cfg->common.th,
		        &v)) {
			cli_verdict(&run->cfg->common, &v, out);
		}
	}
	if (run->cfg->common.perf_per_address) {
		target_perf(run, t, out);
	}
}

/* The aggregate perfdata: its labels depend on the options only. */
static void
run_perf(const struct hm_run *run, const struct hm_perf *pf, struct output *out)
{
	const struct thresholds *th = &run->cfg->common.th;

	if (run->cfg->mode != MODE_RECEIVED) {
		cli_perf_seconds(out, "time", pf->time, !pf->have_time, th);
		cli_perf_seconds(out, "connect_time", pf->connect,
		    !pf->have_connect, NULL);
		cli_perf_seconds(out, "greeting_time", pf->greeting,
		    !pf->have_greeting, NULL);
		cli_perf_seconds(out, "ehlo_time", pf->ehlo, !pf->have_ehlo,
		    NULL);
	}
	cli_perf_seconds(out, "ptr_time", pf->ptr, !pf->have_ptr, NULL);
	/* No DNS at all (the conversation failed first): not measured. */
	cli_perf_seconds(out, "dns_time", run->dns_time, run->dns_time == 0.0,
	    NULL);
	cli_perf_count(out, "names", pf->names, false, false, 0);
	cli_perf_count(out, "match", pf->match, false, true, pf->names);
	cli_perf_count(out, "mismatch", pf->mismatch, false, true, pf->names);
	cli_perf_count(out, "unsure", pf->unsure, false, true, pf->names);
	if (run->cfg->receivers.on) {
		cli_perf_count(out, "refusing_rules", pf->refusing, false,
		    false, 0);
	}
}

/* -vvv: the SMTP transcript, sanitised, one long-output line each. */
static void
show_transcript(const struct hm_target *t, struct output *out)
{
	char line[SMTP_LINE_MAX * 4 + 8];
	size_t i;

	for (i = 0; i < t->sess.ntranscript; i++) {
		const struct smtp_transcript_line *l = &t->sess.transcript[i];

		output_sanitize(line, sizeof(line), l->text, l->len);
		output_detail(out, "%s %s %s", t->text,
		    l->dir == SMTP_TO_SERVER ? "C:" : "S:", line);
	}
	if (t->sess.transcript_dropped > 0) {
		output_detail(out, "%s (%zu more transcript lines not kept)",
		    t->text, t->sess.transcript_dropped);
	}
}

/* -vv: the steps of a conversation. */
static void
explain_target(const struct hm_run *run, const struct hm_target *t,
    struct output *out)
{
	if (run->cfg->common.verbose > 1 && t->connected) {
		output_detail(out,
		    "%s: connect %.1f ms, greeting %.1f ms, %s %.1f ms "
		    "(sent %s)",
		    t->text, t->connect_time * 1000.0,
		    t->greeting_time * 1000.0,
		    t->sess.used_helo ? "HELO" : "EHLO", t->ehlo_time * 1000.0,
		    t->ehlo_sent[0] != '\0' ? t->ehlo_sent : "nothing");
	}
	if (run->cfg->common.verbose > 2) {
		show_transcript(t, out);
	}
}

/* -v/-vv: the zone that holds the PTR (lib/zone), the FCrDNS names. */
static void
explain_check(const struct hm_run *run, const struct hm_check *c,
    const struct fcrdns_result *r, const struct zone_info *z,
    struct output *out)
{
	char rev[RDNS_REVERSE_MAX];
	char line[OUTPUT_LINE_MAX];
	char to[160];
	size_t i;

	if (rdns_reverse_name(&r->addr, rev, sizeof(rev)) != 0) {
		rev[0] = '\0';
	}
	if (r->ptr_cname != NULL) {
		zone_cname_line(c->text, rev, r->ptr_cname, line, sizeof(line));
		output_detail(out, "%s", line);
	}
	if (z != NULL) {
		zone_line(c->text, r->ptr_cname != NULL ? r->ptr_cname : rev, z,
		    line, sizeof(line));
		output_detail(out, "%s", line);
	}
	for (i = 0; run->cfg->common.verbose > 1 && i < r->nnames; i++) {
		helo_name_target(&r->names[i], to, sizeof(to));
		output_detail(out, "%s: PTR %s -> %s (%s)", c->text,
		    r->names[i].name, to,
		    r->names[i].result == FCRDNS_NAME_CONFIRMS
		        ? "confirms"
		        : "does not confirm");
	}
}

/* -v: the reverse zones of the nw walked addresses, into z (nw entries). */
static void
lookup_zones(struct hm_run *run, const struct fcrdns_result *wr, size_t nw,
    struct zone_info *z)
{
	const char **owners = calloc(nw, sizeof(*owners));
	char(*rev)[RDNS_REVERSE_MAX] = calloc(nw, sizeof(*rev));
	size_t i;

	if (owners != NULL && rev != NULL) {
		for (i = 0; i < nw; i++) {
			if (rdns_reverse_name(&wr[i].addr, rev[i],
			        sizeof(rev[i])) != 0) {
				rev[i][0] = '\0';
			}
			owners[i] =
			    wr[i].ptr_cname != NULL ? wr[i].ptr_cname : rev[i];
		}
		(void)zone_lookup(&run->res, owners, nw, run->deadline, z,
		    &run->dns_time);
	}
	free(owners);
	free(rev);
}

/*
 * The DNS of every judgement: one FCrDNS walk of the addresses (each
 * once), then the A/AAAA of every valid name that is not a PTR name of its
 * address, in one batch. wa, wr: HELO_MAX_CHECKS entries.
 */
static size_t
lookup_checks(struct hm_run *run, struct fcrdns_dns *fd, struct dns_batch *b,
    struct rdns_addr *wa, struct fcrdns_result *wr, struct output *out)
{
	size_t nw = 0;
	size_t i;
	size_t j;
	double t0;

	for (i = 0; i < run->nc; i++) {
		struct hm_check *c = &run->c[i];

		for (j = 0; j < nw && !rdns_addr_equal(&wa[j], &c->claim.addr);
		     j++) {
		}
		if (j == nw) {
			wa[nw++] = c->claim.addr;
		}
		c->wi = j;
	}
	if (nw == 0) {
		return 0;
	}
	t0 = clock_now();
	if (fcrdns_walk(wa, nw, fcrdns_lookup_dns, fd, run->deadline, wr) !=
	    0) {
		/* Only memory (or poll) makes the walk fail: UNKNOWN. */
		out->oom = true;
	}
	run->dns_time += clock_now() - t0;
	for (i = 0; i < run->nc; i++) {
		struct hm_check *c = &run->c[i];

		if (rdns_name_check(c->name) != RDNS_NAME_VALID ||
		    !helo_needs_forward(&c->claim, &wr[c->wi])) {
			continue;
		}
		c->q_fwd = dns_batch_add(b, c->name,
		    c->claim.addr.family == AF_INET ? DNS_T_A : DNS_T_AAAA);
	}
	(void)dns_batch_run_timed(b, run->deadline, &run->dns_time);
	return nw;
}

/* --report: one JSON object for a judgement. */
static void
report_check(struct hm_run *run, const struct hm_check *c,
    const struct fcrdns_result *r, const struct verdict *v, enum helo_match m)
{
	struct report *rep = &run->report;
	char name[RDNS_NAME_TEXT_MAX];
	size_t i;

	if (rep->fp == NULL) {
		return;
	}
	output_sanitize(name, sizeof(name), c->name, strlen(c->name));
	report_begin(rep);
	report_str(rep, "address", c->text);
	report_str(rep, "name", name);
	report_str(rep, "claimed_as", c->claim.word);
	report_str(rep, "state", state_name(v->state));
	report_str(rep, "piece", verdict_piece_str(v->piece));
	report_str(rep, "fixer", verdict_fixer_str(v->fixer));
	report_str(rep, "text", v->text);
	report_str(rep, "match",
	    m == HELO_MATCHES   ? "yes"
	    : m == HELO_DIFFERS ? "no"
	                        : "not judged");
	report_str(rep, "ptr_status", dns_status_str(r->ptr_status));
	report_array(rep, "ptr");
	for (i = 0; i < r->nnames; i++) {
		report_item(rep, r->names[i].name);
	}
	report_array_end(rep);
	report_end(rep);
}

/* Judge, show and measure one judgement. */
static void
finish_check(struct hm_run *run, struct hm_check *c,
    const struct fcrdns_result *wr, const struct zone_info *zones,
    struct dns_batch *b, struct hm_perf *pf, struct output *out)
{
	const struct fcrdns_result *r = &wr[c->wi];
	const struct hm_config *cfg = run->cfg;
	struct helo_policy p = {cfg->strict, cfg->common.timeout_state};
	enum helo_match m = HELO_NOT_JUDGED;
	struct verdict v;
	char label[RDNS_ADDR_TEXT_MAX + 24];

	if (!helo_judge_syntax(&c->claim, &v)) {
		helo_judge(&c->claim, r,
		    c->q_fwd >= 0 ? dns_batch_answer(b, (size_t)c->q_fwd)
		                  : NULL,
		    &p, &v, &m);
	}
	output_result(out, v.state, "%s%s", v.text, c->context);
	pf->names++;
	if (v.unsure) {
		pf->unsure++;
	} else if (m == HELO_MATCHES) {
		pf->match++;
	} else {
		pf->mismatch++;
	}
	if (!dns_status_unsure(r->ptr_status)) {
		slowest(&pf->ptr, &pf->have_ptr, r->ptr_elapsed);
	}
	if (cfg->common.perf_per_address) {
		snprintf(label, sizeof(label), "%s_ptr_time", c->text);
		cli_perf_seconds(out, label, r->ptr_elapsed,
		    dns_status_unsure(r->ptr_status), NULL);
	}
	report_check(run, c, r, &v, m);
	if (cfg->receivers.on) {
		/* The receivers judge the name as sent, with its A, AAAA, MX.
		 */
		struct dns_batch *h = cli_helo_lookup(&run->res, c->name,
		    run->deadline, &run->dns_time);

		pf->refusing +=
		    cli_receivers_report(&cfg->common, &cfg->receivers, r,
		        c->name, h != NULL ? dns_batch_answer(h, 0) : NULL,
		        h != NULL ? dns_batch_answer(h, 1) : NULL,
		        h != NULL ? dns_batch_answer(h, 2) : NULL, out);
		dns_batch_free(h);
	}
	if (cfg->common.verbose > 0) {
		explain_check(run, c, r, zones != NULL ? &zones[c->wi] : NULL,
		    out);
	}
	c->shown = true;
}

static void
hm_run(const struct hm_config *cfg, struct output *out)
{
	struct hm_run run;
	struct rdns_addr *wa = NULL;
	struct fcrdns_result *wr = NULL;
	struct dns_batch *fb = NULL;
	struct zone_info *zones = NULL;
	struct hm_perf pf;
	struct fcrdns_dns fd;
	size_t nw = 0;
	size_t i;
	size_t j;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	run.port = cfg->mode == MODE_REFLECT && cfg->reflect_port != 0
	               ? cfg->reflect_port
	               : cfg->port;
	if (gethostname(run.hostname, sizeof(run.hostname) - 1) != 0 ||
	    rdns_name_check(run.hostname) != RDNS_NAME_VALID) {
		run.hostname[0] = '\0';
	}
	memset(&pf, 0, sizeof(pf));
	if (cli_resolver(&cfg->common, &run.res, out) != 0 ||
	    cli_report_open(&cfg->common, &run.report, out) != 0) {
		return;
	}
	fcrdns_dns_init(&fd, &run.res);
	run.t = calloc(HELO_MAX_TARGETS, sizeof(*run.t));
	run.c = calloc(HELO_MAX_CHECKS, sizeof(*run.c));
	wa = calloc(HELO_MAX_CHECKS, sizeof(*wa));
	wr = calloc(HELO_MAX_CHECKS, sizeof(*wr));
	fb = dns_batch_new(&run.res);
	if (run.t == NULL || run.c == NULL || wa == NULL || wr == NULL ||
	    fb == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}

	/* Learn the names and addresses to judge. */
	if (cfg->mode == MODE_RECEIVED) {
		check_received(&run, out);
	} else {
		collect_targets(&run, out);
		probe_all(&run);
		for (i = 0; i < run.nt; i++) {
			if (!target_usable(&run, &run.t[i])) {
				continue;
			}
			if (cfg->mode == MODE_REFLECT) {
				checks_from_reflect(&run, &run.t[i]);
			} else {
				checks_from_probe(&run, &run.t[i]);
			}
		}
		if (cfg->mode == MODE_REFLECT) {
			check_ipv6_route(&run, out);
		}
	}

	nw = lookup_checks(&run, &fd, fb, wa, wr, out);
	if (cfg->common.verbose > 0 && nw > 0 &&
	    (zones = calloc(nw, sizeof(*zones))) != NULL) {
		lookup_zones(&run, wr, nw, zones);
	}

	/* Each conversation with its judgements, then the others. */
	for (i = 0; i < run.nt; i++) {
		struct hm_target *t = &run.t[i];
		bool failed = judge_smtp(&run, t, out);

		measure_target(&run, t, &pf, out);
		for (j = 0; !failed && j < run.nc; j++) {
			if (run.c[j].t == t && !run.c[j].shown) {
				finish_check(&run, &run.c[j], wr, zones, fb,
				    &pf, out);
			}
		}
		if (cfg->mode == MODE_PROBE) {
			judge_ehlo(&run, t, out);
		}
		if (cfg->common.verbose > 0) {
			explain_target(&run, t, out);
		}
	}
	for (j = 0; j < run.nc; j++) {
		if (!run.c[j].shown) {
			finish_check(&run, &run.c[j], wr, zones, fb, &pf, out);
		}
	}
	/* Nothing was tried (a bad file, no address): no perfdata. */
	if (run.nt > 0 || run.nc > 0 || out->state != STATE_UNKNOWN) {
		run_perf(&run, &pf, out);
	}
	cli_dns_detail(&cfg->common, &run.res, run.dns_time, out);
out:
	cli_report_close(&run.report, out);
	free(zones);
	for (i = 0; i < nw; i++) {
		fcrdns_result_release(&wr[i]);
	}
	for (i = 0; run.t != NULL && i < run.nt; i++) {
		smtp_release(&run.t[i].sess);
	}
	dns_batch_free(fb);
	fcrdns_dns_release(&fd);
	free(run.rl);
	free(wa);
	free(wr);
	free(run.c);
	free(run.t);
}

static void
hm_run_cb(const void *cfg, struct output *out)
{
	hm_run(cfg, out);
}

int
main(int argc, char *argv[])
{
	static const struct option own[] = {
	    {"port", required_argument, NULL, 'p'},
	    {"ehlo", required_argument, NULL, 'E'},
	    {"helo", required_argument, NULL, OPT_HELO},
	    {"receivers", optional_argument, NULL, CLI_OPT_RECEIVERS},
	    {"receiver-states", required_argument, NULL,
	        CLI_OPT_RECEIVER_STATES},
	    {"source-address", required_argument, NULL, OPT_SOURCE},
	    {"strict", no_argument, NULL, OPT_STRICT},
	    {"received", required_argument, NULL, OPT_RECEIVED},
	    {"reflect", required_argument, NULL, OPT_REFLECT},
	    {NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
	    "check_smtp_helo_match",
	    "SMTP HELO",
	    usage_line,
	    "p:E:",
	    own,
	    print_help,
	    false,
	    hm_option,
	    hm_finish,
	    hm_run_cb,
	};
	struct hm_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cli_receivers_init(&cfg.receivers);
	cfg.port = HELO_DEFAULT_PORT;
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
