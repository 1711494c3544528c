#include "config.h"

#include <arpa/inet.h>
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
#include "fcrdns.h"
#include "hosts.h"
#include "opts.h"
#include "output.h"
#include "range.h"
#include "rdns.h"
#include "smtp.h"

/*
 * check_smtp_helo_match: does the name an SMTP server gives in its 220
 * greeting (RFC 5321 4.2, 4.3.1) and EHLO reply match the PTR of its
 * address, and does that PTR resolve back to it (FCrDNS)?
 *
 * Receivers compare the HELO name of a sending server with its PTR and
 * with forward-confirmed reverse DNS; this plugin connects to the server as
 * a client would, reads the banner and the EHLO reply, says QUIT, looks up
 * the PTR of the address it was actually connected to (getpeername) and
 * walks FCrDNS (lib/fcrdns), then judges with design.md's table. A host
 * name -H is resolved through lib/dns (never the system resolver) and
 * every A and AAAA address is probed: a receiver may see either family.
 */

#define HELO_MAX_TARGETS 16
#define HELO_DEFAULT_PORT 25
/* Seconds of the -t budget kept for DNS after the SMTP probes (at most). */
#define HELO_DNS_RESERVE 1.0
/* Seconds we wait for the answer to QUIT: it changes nothing we judge. */
#define HELO_QUIT_WAIT 1.0

enum helo_option {
	OPT_HELO = OPTS_PLUGIN_FIRST,
	OPT_SOURCE,
	OPT_STRICT,
};

struct helo_config {
	struct opts_common common;
	unsigned port;			/* -p */
	const char *ehlo;		/* -E, or NULL: local FQDN or literal */
	const char *helo;		/* --helo: the name judged, or NULL */
	bool have_source;		/* --source-address */
	struct rdns_addr source;
	const char *source_text;
	bool strict;			/* --strict */
};

/* One address probed, and what came of it. */
struct helo_target {
	struct rdns_addr addr;		/* connected to */
	char text[RDNS_ADDR_TEXT_MAX];
	struct smtp_session sess;
	enum smtp_status st;		/* of the failed step, or SMTP_OK */
	const char *step;		/* the failed step: "connect", ... */
	bool connected;
	bool greeted;			/* a whole greeting came */
	bool ehlo_done;			/* a whole EHLO/HELO reply came */
	double connect_time;
	double greeting_time;
	double ehlo_time;
	struct smtp_reply greet;
	struct smtp_reply ehlo;
	char ehlo_sent[SMTP_COMMAND_MAX];	/* the name we sent */
	char banner[SMTP_LINE_MAX];	/* raw first word of the greeting */
	char ehlo_name[SMTP_LINE_MAX];	/* raw first word of the EHLO reply */
	struct rdns_addr checked;	/* whose PTR is checked: the peer */
	char checked_text[RDNS_ADDR_TEXT_MAX];
	bool walk;			/* takes part in the FCrDNS walk */
	size_t wi;			/* index in the walk */
	int q_fwd;			/* forward query of the judged name */
};

struct helo_run {
	const struct helo_config *cfg;
	struct dns_resolver res;
	double deadline;
	double dns_time;
	struct helo_target *t;
	size_t nt;
	char hostname[RDNS_NAME_MAX];	/* gethostname(), when an FQDN */
};

static const char usage_text[] =
    "Usage: check_smtp_helo_match -H ADDRESS|NAME [-p PORT] [-E EHLO-NAME]\n"
    "       [--helo NAME] [--source-address IP] [--strict] [-s SERVER]...\n"
    "       [--dns-port PORT] [--tcp] [-4|-6] [-t SECONDS[:STATE]]\n"
    "       [-w RANGE] [-c RANGE] [-v]...\n";

static void
print_help(void)
{
	printf("check_smtp_helo_match v%s (%s)\n\n", PACKAGE_VERSION,
	    PACKAGE_NAME);
	printf("Connects to an SMTP server, reads the host name in its 220 "
	       "greeting and its\nEHLO reply, and checks it against the PTR "
	       "of the address it connected to\nand against forward-confirmed "
	       "reverse DNS (the PTR name resolves back to\nthe address). "
	       "Receivers reject or score mail from servers whose HELO name,\n"
	       "PTR and A record disagree.\n\n");
	fputs(usage_text, stdout);
	printf("\nOptions:\n");
	fputs(opts_help_text, stdout);
	printf(" -p, --port=PORT\n"
	       "    SMTP port (default: 25)\n"
	       " -E, --ehlo=NAME\n"
	       "    Name we send in EHLO (default: this host's name when it "
	       "is a fully-\n    qualified domain name, else our address as "
	       "an address literal,\n    RFC 5321 4.1.4; never looked up)\n"
	       " --helo=NAME\n"
	       "    The name the server uses in HELO when it sends mail (e.g. "
	       "Postfix\n    smtp_helo_name), when it differs from its banner:"
	       " that name is judged\n"
	       " --source-address=IP\n"
	       "    The address mail leaves from (a relay or gateway): its PTR "
	       "is checked\n    instead of the address connected to\n"
	       " --strict\n"
	       "    Every difference between HELO name and PTR is CRITICAL\n");
	printf("\nStates:\n"
	       "  OK        banner name = a PTR name of the address, which "
	       "resolves back\n"
	       "  WARNING   banner differs from the PTR but resolves to the "
	       "address;\n"
	       "            greeting and EHLO names differ; several PTRs, not "
	       "all resolve\n"
	       "            back; EHLO refused; PTR lookup time outside -w\n"
	       "  CRITICAL  cannot connect; negative greeting (421, 554); "
	       "protocol error;\n"
	       "            banner not an FQDN; no PTR; banner differs from "
	       "the PTR and\n"
	       "            does not resolve to the address; FCrDNS fails; "
	       "outside -c\n"
	       "  -t STATE  timeout, or the DNS could not tell (SERVFAIL, "
	       "REFUSED)\n"
	       "  UNKNOWN   bad options\n");
	printf("\nPerfdata: connect_time, greeting_time, ehlo_time (s), time "
	       "(s, PTR lookup),\nmatch (0/1), dns_time (s, all DNS); with "
	       "several addresses each label but\ndns_time starts with the "
	       "address.\n");
	printf("\nExamples:\n"
	       "  check_smtp_helo_match -H mail.example.com\n"
	       "  check_smtp_helo_match -H 198.51.100.25 -p 587 -E "
	       "monitor.example.com\n"
	       "  check_smtp_helo_match -H mx.example.com -4 --strict -t "
	       "20:unknown -vvv\n");
}

/* One line, no '|': it is printed as plugin output. */
static const char usage_line[] =
    "Usage: check_smtp_helo_match -H ADDRESS-OR-NAME [-p PORT] "
    "[-E EHLO-NAME] [--helo NAME] [--source-address IP] [--strict] "
    "[-s SERVER]... [--dns-port PORT] [-t SECONDS[:STATE]]";

/* A name we may send or judge: an FQDN or an address literal. */
static bool
usable_name(const char *name)
{
	enum rdns_name_check c = rdns_name_check(name);

	return c == RDNS_NAME_VALID || c == RDNS_NAME_ADDRESS_LITERAL;
}

/* The options of check_smtp_helo_match beyond the shared ones. */
static int
helo_option(void *vcfg, int opt, const char *arg, char *err, size_t errlen)
{
	struct helo_config *cfg = vcfg;
	unsigned long v;
	char shown[64];

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
		if (!usable_name(arg) || strlen(arg) > SMTP_COMMAND_MAX - 5) {
			snprintf(err, errlen,
			    "invalid -E: expected a fully-qualified domain "
			    "name or an address literal");
			return -1;
		}
		cfg->ehlo = arg;
		return 0;
	case OPT_HELO:
		if (!usable_name(arg)) {
			snprintf(err, errlen,
			    "invalid --helo: expected a fully-qualified "
			    "domain name");
			return -1;
		}
		cfg->helo = arg;
		return 0;
	case OPT_SOURCE:
		if (rdns_addr_parse(arg, &cfg->source, NULL) != 0) {
			snprintf(err, errlen,
			    "invalid --source-address: expected an IPv4 or "
			    "IPv6 address");
			return -1;
		}
		cfg->have_source = true;
		cfg->source_text = arg;
		return 0;
	case OPT_STRICT:
		cfg->strict = true;
		return 0;
	default:
		snprintf(err, errlen, "unknown option");
		return -1;
	}
}

/* Add an address to probe, once. Returns -1 when there are too many. */
static int
add_target(struct helo_run *run, const struct rdns_addr *a)
{
	struct helo_target *t;

	/* hosts_collect() gave each address once, at most HELO_MAX_TARGETS. */
	if (run->nt == HELO_MAX_TARGETS) {
		return -1;
	}
	t = &run->t[run->nt];
	memset(t, 0, sizeof(*t));
	smtp_init(&t->sess);
	t->addr = *a;
	t->q_fwd = -1;
	if (rdns_addr_format(a, t->text, sizeof(t->text)) != 0) {
		return -1;
	}
	run->nt++;
	return 0;
}

/* Every -H as addresses: literals, and the A and AAAA of names. */
static void
collect_targets(struct helo_run *run, struct output *out)
{
	struct hosts h;
	size_t i;

	hosts_collect(&h, HELO_MAX_TARGETS, &run->cfg->common, &run->res,
	    run->deadline, out);
	run->dns_time += h.dns_time;
	for (i = 0; i < h.n; i++) {
		if (add_target(run, &h.addr[i]) != 0) {
			output_result(out, STATE_UNKNOWN,
			    "cannot format address %zu", i);
		}
	}
}

/* sockaddr of a for port. */
static socklen_t
make_sockaddr(const struct rdns_addr *a, unsigned port,
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

/* The address of a sockaddr; -1 when it is not IP. */
static int
sockaddr_addr(const struct sockaddr_storage *ss, struct rdns_addr *a)
{
	char text[RDNS_ADDR_TEXT_MAX];
	const void *src;

	if (ss->ss_family == AF_INET) {
		src = &((const struct sockaddr_in *)ss)->sin_addr;
	} else if (ss->ss_family == AF_INET6) {
		src = &((const struct sockaddr_in6 *)ss)->sin6_addr;
	} else {
		return -1;
	}
	/* Through text, so that a mapped ::ffff:a.b.c.d becomes IPv4. */
	if (inet_ntop(ss->ss_family, src, text, sizeof(text)) == NULL) {
		return -1;
	}
	return rdns_addr_parse(text, a, NULL);
}

/*
 * The EHLO name: -E, else this host's name when it is an FQDN (never
 * looked up), else our address as an RFC 5321 4.1.3 address literal, as
 * 4.1.4 asks of a client without a meaningful domain name.
 */
static void
ehlo_name(const struct helo_run *run, const struct helo_target *t,
    char *buf, size_t len)
{
	struct rdns_addr local;
	char text[RDNS_ADDR_TEXT_MAX];

	if (run->cfg->ehlo != NULL) {
		snprintf(buf, len, "%s", run->cfg->ehlo);
	} else if (run->hostname[0] != '\0') {
		snprintf(buf, len, "%s", run->hostname);
	} else if (t->sess.locallen > 0 &&
	    sockaddr_addr(&t->sess.local, &local) == 0 &&
	    rdns_addr_format(&local, text, sizeof(text)) == 0) {
		snprintf(buf, len, "[%s%s]",
		    local.family == AF_INET6 ? "IPv6:" : "", text);
	} else {
		snprintf(buf, len, "[127.0.0.1]");
	}
}

/* QUIT, waiting HELO_QUIT_WAIT at most for the 221. */
static void
quit(struct helo_target *t, double deadline)
{
	double d = clock_now() + HELO_QUIT_WAIT;

	smtp_quit(&t->sess, d < deadline ? d : deadline, NULL);
}

/* Connect, greeting, EHLO, QUIT against one address, until deadline. */
static void
probe(struct helo_run *run, struct helo_target *t, double deadline)
{
	struct sockaddr_storage ss;
	socklen_t sslen = make_sockaddr(&t->addr, run->cfg->port, &ss);
	double t0 = clock_now();
	double t1;

	t->step = "connect";
	t->st = smtp_connect(&t->sess, (struct sockaddr *)&ss, sslen,
	    deadline);
	t1 = clock_now();
	t->connect_time = t1 - t0;
	if (t->st != SMTP_OK) {
		return;
	}
	t->connected = true;
	if (sockaddr_addr(&t->sess.peer, &t->checked) != 0) {
		t->checked = t->addr;
	}
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
	}
	t->step = "QUIT";
	/* A QUIT that goes wrong does not change what the server said. */
	quit(t, deadline);
	t->st = SMTP_OK;
}

/* The name judged against the PTR: --helo, else the banner. */
static const char *
judged_name(const struct helo_run *run, const struct helo_target *t)
{
	return run->cfg->helo != NULL ? run->cfg->helo : t->banner;
}

static const char *
judged_word(const struct helo_run *run)
{
	return run->cfg->helo != NULL ? "HELO name" : "banner";
}

/* Report an SMTP failure; true when there was one (nothing more to do). */
static bool
judge_smtp(struct helo_run *run, const struct helo_target *t,
    struct output *out)
{
	const struct helo_config *cfg = run->cfg;
	char text[SMTP_LINE_MAX * 4];
	char where[RDNS_ADDR_TEXT_MAX + 16];
	enum state st = STATE_CRITICAL;
	enum rdns_name_check c;

	snprintf(where, sizeof(where), "%s port %u", t->text, cfg->port);
	if (t->st == SMTP_FAIL_TIMEOUT) {
		st = cfg->common.timeout_state;
	} else if (t->st == SMTP_FAIL_INTERNAL) {
		st = STATE_UNKNOWN;
	}
	if (t->st != SMTP_OK && t->step != NULL &&
	    strcmp(t->step, "connect") == 0) {
		output_result(out, st, "cannot connect to %s: %s", where,
		    t->sess.error);
		return true;
	}
	if (t->st != SMTP_OK && !t->greeted) {
		output_result(out, st, "%s: no usable greeting: %s", where,
		    t->sess.error);
		return true;
	}
	if (t->greet.code != 220) {
		output_sanitize(text, sizeof(text), t->greet.first,
		    strlen(t->greet.first));
		output_result(out, STATE_CRITICAL,
		    "%s: greeting %d %s: the server %s", where, t->greet.code,
		    text,
		    t->greet.code / 100 == 4 ? "turns mail away for now"
		    : t->greet.code / 100 == 5
			? "refuses mail"
			: "does not greet with 220 (RFC 5321 4.2)");
		return true;
	}
	if (t->st != SMTP_OK) {
		output_result(out, st, "%s: %s failed: %s", where, t->step,
		    t->sess.error);
		return true;
	}
	if (cfg->helo == NULL && t->banner[0] == '\0') {
		output_result(out, STATE_CRITICAL,
		    "%s: the greeting names no host (220 needs a domain, RFC "
		    "5321 4.3.1)",
		    where);
		return true;
	}
	c = rdns_name_check(judged_name(run, t));
	if (c != RDNS_NAME_VALID) {
		output_sanitize(text, sizeof(text), judged_name(run, t),
		    strlen(judged_name(run, t)));
		output_result(out, STATE_CRITICAL, "%s: %s %s %s%s", t->text,
		    judged_word(run), text,
		    c == RDNS_NAME_ADDRESS_LITERAL
			? "is an address literal, which never matches a PTR"
		    : c == RDNS_NAME_NOT_FQDN
			? "is not a fully-qualified domain name (receivers "
			  "reject it: Postfix reject_non_fqdn_helo_hostname)"
			: "is not a valid host name: ",
		    c == RDNS_NAME_ADDRESS_LITERAL || c == RDNS_NAME_NOT_FQDN
			? ""
			: rdns_name_check_str(c));
		return true;
	}
	return false;
}

/* "a, b" of up to FCRDNS_MAX_KEEP addresses, or what the lookup said. */
static void
name_target(const struct fcrdns_name *n, char *buf, size_t len)
{
	char a[RDNS_ADDR_TEXT_MAX];
	size_t used = 0;
	size_t i;
	int w;

	buf[0] = '\0';
	switch (n->result) {
	case FCRDNS_NAME_NXDOMAIN:
		snprintf(buf, len, "NXDOMAIN");
		return;
	case FCRDNS_NAME_NO_ADDRESS:
		snprintf(buf, len, "no address");
		return;
	case FCRDNS_NAME_INVALID:
		snprintf(buf, len, "not asked (%s)",
		    rdns_name_check_str(n->check));
		return;
	case FCRDNS_NAME_UNSURE:
		snprintf(buf, len, "could not tell (%s)",
		    n->error != NULL ? n->error : "error");
		return;
	case FCRDNS_NAME_NOT_ASKED:
		snprintf(buf, len, "not asked");
		return;
	case FCRDNS_NAME_CONFIRMS:
	case FCRDNS_NAME_OTHER:
		break;
	}
	for (i = 0; i < n->naddr && used < len; i++) {
		if (rdns_addr_format(&n->addr[i], a, sizeof(a)) != 0) {
			continue;
		}
		w = snprintf(buf + used, len - used, "%s%s", i > 0 ? ", " : "",
		    a);
		if (w < 0 || (size_t)w >= len - used) {
			break;
		}
		used += (size_t)w;
	}
	if (n->naddr_total > n->naddr && used < len) {
		snprintf(buf + used, len - used, ", ...");
	}
}

/* "a, b" of an A/AAAA answer, or what it said. */
static void
answer_target(const struct dns_answer *a, char *buf, size_t len)
{
	char text[RDNS_ADDR_TEXT_MAX];
	size_t used = 0;
	size_t i;
	int w;

	buf[0] = '\0';
	if (a->status == DNS_NXDOMAIN) {
		snprintf(buf, len, "NXDOMAIN");
		return;
	}
	if (a->status != DNS_OK || a->nrr == 0) {
		snprintf(buf, len, "no address");
		return;
	}
	for (i = 0; i < a->nrr && i < FCRDNS_MAX_KEEP && used < len; i++) {
		if (rdns_addr_format(&a->rr[i].addr, text, sizeof(text)) !=
		    0) {
			continue;
		}
		w = snprintf(buf + used, len - used, "%s%s", i > 0 ? ", " : "",
		    text);
		if (w < 0 || (size_t)w >= len - used) {
			break;
		}
		used += (size_t)w;
	}
}

/* Does the answer hold addr? */
static bool
answer_has(const struct dns_answer *a, const struct rdns_addr *addr)
{
	size_t i;

	for (i = 0; a->status == DNS_OK && i < a->nrr; i++) {
		if (rdns_addr_equal(&a->rr[i].addr, addr)) {
			return true;
		}
	}
	return false;
}

/* name without its trailing dot, for "set the banner to NAME". */
static const char *
bare(const char *name, char *buf, size_t len)
{
	size_t n = strlen(name);

	if (n > 1 && name[n - 1] == '.') {
		n--;
	}
	snprintf(buf, len, "%.*s", (int)n, name);
	return buf;
}

/* The PTR name of r equal to name, or NULL. */
static const struct fcrdns_name *
ptr_named(const struct fcrdns_result *r, const char *name)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (rdns_name_equal(r->names[i].name, name)) {
			return &r->names[i];
		}
	}
	return NULL;
}

/* The first PTR name that confirms, else the first one. */
static const struct fcrdns_name *
ptr_best(const struct fcrdns_result *r)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result == FCRDNS_NAME_CONFIRMS) {
			return &r->names[i];
		}
	}
	return r->nnames > 0 ? &r->names[0] : NULL;
}

/* The first PTR name other than n that does not confirm, or NULL. */
static const struct fcrdns_name *
ptr_unconfirmed(const struct fcrdns_result *r)
{
	size_t i;

	for (i = 0; i < r->nnames; i++) {
		if (r->names[i].result != FCRDNS_NAME_CONFIRMS) {
			return &r->names[i];
		}
	}
	return NULL;
}

/*
 * Judge the judged name against the PTR and FCrDNS of t->checked (design.md
 * states table). fwd is the forward answer of the name, or NULL when it
 * was not asked. Returns 1 when they match, else 0 (perfdata).
 */
static int
judge_dns(struct helo_run *run, const struct helo_target *t,
    const struct fcrdns_result *r, const struct dns_answer *fwd,
    struct output *out)
{
	const struct helo_config *cfg = run->cfg;
	const char *name = judged_name(run, t);
	const char *word = judged_word(run);
	const char *a = t->checked_text;
	const struct fcrdns_name *same = ptr_named(r, name);
	const struct fcrdns_name *best = ptr_best(r);
	const struct fcrdns_name *bad = ptr_unconfirmed(r);
	char shown[RDNS_NAME_TEXT_MAX];
	char to[160];
	char to2[160];
	char plain[RDNS_NAME_TEXT_MAX];
	const char *rtype = t->checked.family == AF_INET ? "A" : "AAAA";
	enum state st;

	output_sanitize(shown, sizeof(shown), name, strlen(name));
	if (r->ptr_status != DNS_OK && !dns_status_unsure(r->ptr_status)) {
		output_result(out, STATE_CRITICAL,
		    "%s has no PTR record (%s), %s %s: the holder of the "
		    "address block must add PTR %s%s%s",
		    a, dns_status_str(r->ptr_status), word, shown, shown,
		    r->zone != NULL ? " in zone " : "",
		    r->zone != NULL ? r->zone : "");
		return 0;
	}
	if (r->ptr_status != DNS_OK || best == NULL) {
		output_result(out, cfg->common.timeout_state,
		    "%s: could not tell the PTR, %s", a,
		    r->ptr_error != NULL ? r->ptr_error
					 : dns_status_str(r->ptr_status));
		return 0;
	}
	if (same != NULL && same->result == FCRDNS_NAME_CONFIRMS) {
		if (bad != NULL) {
			name_target(bad, to, sizeof(to));
			output_result(out, STATE_WARNING,
			    "%s: %s %s = PTR, but PTR %s -> %s: a receiver may "
			    "pick that name, remove it",
			    a, word, shown, bad->name, to);
			return 1;
		}
		output_result(out, STATE_OK, "%s: %s %s = PTR %s -> %s", a,
		    word, shown, same->name, a);
		return 1;
	}
	if (same != NULL) {
		name_target(same, to, sizeof(to));
		if (same->result == FCRDNS_NAME_UNSURE) {
			output_result(out, cfg->common.timeout_state,
			    "%s: %s %s = PTR, but could not tell whether it "
			    "resolves back: %s",
			    a, word, shown, to);
			return 0;
		}
		output_result(out, STATE_CRITICAL,
		    "%s: %s %s = PTR, but %s -> %s: FCrDNS fails, set the %s "
		    "record of %s to %s",
		    a, word, shown, same->name, to, rtype, shown, a);
		return 0;
	}
	/* The name differs from every PTR name. */
	if (fwd == NULL || dns_status_unsure(fwd->status)) {
		output_result(out, cfg->common.timeout_state,
		    "%s: %s %s, PTR %s, could not tell whether %s resolves "
		    "to %s: %s",
		    a, word, shown, best->name, shown, a,
		    fwd != NULL ? fwd->error : "not asked");
		return 0;
	}
	answer_target(fwd, to, sizeof(to));
	if (answer_has(fwd, &t->checked)) {
		st = cfg->strict ? STATE_CRITICAL : STATE_WARNING;
		if (best->result != FCRDNS_NAME_CONFIRMS) {
			st = STATE_CRITICAL;
		}
		output_result(out, st,
		    "%s: %s %s, PTR %s, %s -> %s: set the PTR to %s at the "
		    "IP owner, or the %s to %s",
		    a, word, shown, best->name, shown, to, shown, word,
		    bare(best->name, plain, sizeof(plain)));
		return 0;
	}
	if (best->result == FCRDNS_NAME_CONFIRMS) {
		output_result(out, STATE_CRITICAL,
		    "%s: %s %s, PTR %s, %s -> %s: set the %s to %s, or the "
		    "PTR to %s at the IP owner and the %s record of %s to %s",
		    a, word, shown, best->name, shown, to, word,
		    bare(best->name, plain, sizeof(plain)), shown, rtype, shown,
		    a);
		return 0;
	}
	name_target(best, to2, sizeof(to2));
	output_result(out, STATE_CRITICAL,
	    "%s: %s %s, PTR %s, %s -> %s, %s -> %s: nothing resolves back, "
	    "fix the PTR at the IP owner and the %s record, or the %s",
	    a, word, shown, best->name, shown, to, best->name, to2, rtype,
	    word);
	return 0;
}

/* Greeting and EHLO names, EHLO refusal: findings of their own. */
static void
judge_ehlo(const struct helo_target *t, struct output *out)
{
	char b[RDNS_NAME_TEXT_MAX];
	char e[RDNS_NAME_TEXT_MAX];

	if (!t->ehlo_done) {
		return;
	}
	if (t->ehlo.code != 250) {
		output_sanitize(e, sizeof(e), t->ehlo.first,
		    strlen(t->ehlo.first));
		output_result(out, STATE_WARNING,
		    "%s: %s %s refused: %d %s", t->text,
		    t->sess.used_helo ? "HELO" : "EHLO", t->ehlo_sent,
		    t->ehlo.code, e);
		return;
	}
	if (t->ehlo_name[0] != '\0' && t->banner[0] != '\0' &&
	    !rdns_name_equal(t->ehlo_name, t->banner) &&
	    strcmp(t->ehlo_name, t->banner) != 0) {
		output_sanitize(b, sizeof(b), t->banner, strlen(t->banner));
		output_sanitize(e, sizeof(e), t->ehlo_name,
		    strlen(t->ehlo_name));
		output_result(out, STATE_WARNING,
		    "%s: greeting name %s and EHLO name %s differ", t->text, b,
		    e);
	}
}

/* Perfdata of one target; labels carry the address when there are more. */
static void
add_perf(struct helo_run *run, const struct helo_target *t,
    const struct fcrdns_result *r, int match, struct output *out)
{
	char label[RDNS_ADDR_TEXT_MAX + 24];
	struct perf p;
	const char *prefix = run->nt > 1 ? t->text : NULL;
	const char *names[3] = {"connect_time", "greeting_time", "ehlo_time"};
	const double values[3] = {t->connect_time, t->greeting_time,
	    t->ehlo_time};
	const bool have[3] = {t->connected, t->greeted, t->ehlo_done};
	size_t i;

#define LABEL(name)                                                         \
	(prefix != NULL                                                     \
		? (snprintf(label, sizeof(label), "%s_%s", prefix, name),   \
		      label)                                                \
		: name)
	for (i = 0; i < 3; i++) {
		if (!have[i]) {
			continue;
		}
		memset(&p, 0, sizeof(p));
		p.label = LABEL(names[i]);
		p.value = values[i];
		p.uom = "s";
		p.decimals = 6;
		p.has_min = true;
		output_perf(out, &p);
	}
	if (r != NULL) {
		memset(&p, 0, sizeof(p));
		p.label = LABEL("time");
		p.value = r->ptr_elapsed;
		p.uom = "s";
		p.decimals = 6;
		p.th = &run->cfg->common.th;
		p.has_min = true;
		output_perf(out, &p);
	}
	if (match >= 0) {
		memset(&p, 0, sizeof(p));
		p.label = LABEL("match");
		p.value = match;
		p.decimals = -1;
		p.has_min = p.has_max = true;
		p.max = 1;
		output_perf(out, &p);
	}
#undef LABEL
}

/* -vvv: the SMTP transcript, sanitised, one long-output line each. */
static void
show_transcript(const struct helo_target *t, struct output *out)
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

/* -v/-vv: steps, the zone that holds the PTR, the FCrDNS names. */
static void
explain(struct helo_run *run, const struct helo_target *t,
    const struct fcrdns_result *r, struct output *out)
{
	char to[160];
	size_t i;

	if (run->cfg->common.verbose > 1 && t->connected) {
		output_detail(out,
		    "%s: connect %.1f ms, greeting %.1f ms, %s %.1f ms "
		    "(sent %s)",
		    t->text, t->connect_time * 1000.0,
		    t->greeting_time * 1000.0,
		    t->sess.used_helo ? "HELO" : "EHLO", t->ehlo_time * 1000.0,
		    t->ehlo_sent[0] != '\0' ? t->ehlo_sent : "nothing");
	}
	if (r == NULL) {
		return;
	}
	if (r->zone != NULL) {
		output_detail(out,
		    "%s: PTR lives in zone %s (contact %s): changed by "
		    "whoever holds that zone",
		    t->checked_text, r->zone,
		    r->zone_contact != NULL ? r->zone_contact : "unknown");
	}
	if (r->ptr_cname != NULL) {
		output_detail(out, "%s: PTR through CNAME %s (RFC 2317)",
		    t->checked_text, r->ptr_cname);
	}
	for (i = 0; run->cfg->common.verbose > 1 && i < r->nnames; i++) {
		name_target(&r->names[i], to, sizeof(to));
		output_detail(out, "%s: PTR %s -> %s (%s)", t->checked_text,
		    r->names[i].name, to,
		    r->names[i].result == FCRDNS_NAME_CONFIRMS
			? "confirms"
			: "does not confirm");
	}
}

/* Ask A/AAAA of every judged name that is not a PTR name of its address. */
static void
forward_lookups(struct helo_run *run, struct dns_batch *b,
    const struct fcrdns_result *r)
{
	double t0;
	size_t i;

	for (i = 0; i < run->nt; i++) {
		struct helo_target *t = &run->t[i];
		const struct fcrdns_result *w;

		if (!t->walk) {
			continue;
		}
		w = &r[t->wi];
		if (w->ptr_status != DNS_OK ||
		    ptr_named(w, judged_name(run, t)) != NULL) {
			continue;
		}
		t->q_fwd = dns_batch_add(b, judged_name(run, t),
		    t->checked.family == AF_INET ? DNS_T_A : DNS_T_AAAA);
	}
	if (dns_batch_count(b) > 0) {
		t0 = clock_now();
		dns_batch_run(b, run->deadline);
		run->dns_time += clock_now() - t0;
	}
}

static void
helo_run(const struct helo_config *cfg, struct output *out)
{
	struct helo_run run;
	struct rdns_addr *wa = NULL;
	struct fcrdns_result *wr = NULL;
	struct dns_batch *fb = NULL;
	struct fcrdns_dns fd;
	char err[256];
	size_t nw = 0;
	size_t i;
	double end;
	double reserve;
	double t0;
	struct perf p;

	memset(&run, 0, sizeof(run));
	run.cfg = cfg;
	run.deadline = clock_now() + cfg->common.timeout;
	if (gethostname(run.hostname, sizeof(run.hostname) - 1) != 0 ||
	    rdns_name_check(run.hostname) != RDNS_NAME_VALID) {
		run.hostname[0] = '\0';
	}
	if (dns_resolver_init(&run.res, cfg->common.servers,
		cfg->common.nservers, cfg->common.dns_port, cfg->common.tcp,
		NULL, err, sizeof(err)) != 0) {
		output_result(out, STATE_UNKNOWN, "%s", err);
		return;
	}
	fcrdns_dns_init(&fd, &run.res);
	run.t = calloc(HELO_MAX_TARGETS, sizeof(*run.t));
	wa = calloc(HELO_MAX_TARGETS, sizeof(*wa));
	wr = calloc(HELO_MAX_TARGETS, sizeof(*wr));
	fb = dns_batch_new(&run.res);
	if (run.t == NULL || wa == NULL || wr == NULL || fb == NULL) {
		output_result(out, STATE_UNKNOWN, "out of memory");
		goto out;
	}
	collect_targets(&run, out);

	/* SMTP, one address after the other; each gets a fair share of the
	   budget, and some is kept for the DNS that follows. */
	reserve = cfg->common.timeout * 0.2;
	if (reserve > HELO_DNS_RESERVE) {
		reserve = HELO_DNS_RESERVE;
	}
	for (i = 0; i < run.nt; i++) {
		double now = clock_now();

		end = now + (run.deadline - reserve - now) /
				(double)(run.nt - i);
		probe(&run, &run.t[i], end > now ? end : now);
	}

	/* DNS: the PTR and FCrDNS of every address that greeted well. */
	for (i = 0; i < run.nt; i++) {
		struct helo_target *t = &run.t[i];

		if (t->st != SMTP_OK || !t->greeted || t->greet.code != 220) {
			continue;
		}
		if (cfg->have_source) {
			t->checked = cfg->source;
		}
		rdns_addr_format(&t->checked, t->checked_text,
		    sizeof(t->checked_text));
		t->walk = true;
		t->wi = nw;
		wa[nw++] = t->checked;
	}
	if (nw > 0) {
		t0 = clock_now();
		if (fcrdns_walk(wa, nw, fcrdns_lookup_dns, &fd,
			run.deadline, wr) != 0) {
			output_detail(out, "internal error (memory or DNS loop) "
					   "in the FCrDNS walk");
		}
		run.dns_time += clock_now() - t0;
		forward_lookups(&run, fb, wr);
	}

	for (i = 0; i < run.nt; i++) {
		struct helo_target *t = &run.t[i];
		const struct fcrdns_result *r = t->walk ? &wr[t->wi] : NULL;
		int match = -1;
		enum state tst;

		if (!judge_smtp(&run, t, out) && r != NULL) {
			match = judge_dns(&run, t, r,
			    t->q_fwd >= 0
				? dns_batch_answer(fb, (size_t)t->q_fwd)
				: NULL,
			    out);
			tst = (enum state)thresholds_state(&cfg->common.th,
			    r->ptr_elapsed);
			if (tst != STATE_OK) {
				output_result(out, tst,
				    "%s: the PTR lookup took %.3f s",
				    t->checked_text, r->ptr_elapsed);
			}
		}
		judge_ehlo(t, out);
		add_perf(&run, t, r, match, out);
		if (cfg->common.verbose > 0) {
			explain(&run, t, r, out);
		}
		if (cfg->common.verbose > 2) {
			show_transcript(t, out);
		}
	}
	if (nw > 0 || run.dns_time > 0) {
		memset(&p, 0, sizeof(p));
		p.label = "dns_time";
		p.value = run.dns_time;
		p.uom = "s";
		p.decimals = 6;
		p.has_min = true;
		output_perf(out, &p);
	}
	if (cfg->common.verbose > 0) {
		output_detail(out, "DNS: %zu server(s), first %s, %.1f ms of "
				   "DNS in this run",
		    run.res.nsrv, run.res.srv[0].text, run.dns_time * 1000.0);
	}
out:
	for (i = 0; i < nw; i++) {
		fcrdns_result_release(&wr[i]);
	}
	for (i = 0; run.t != NULL && i < run.nt; i++) {
		smtp_release(&run.t[i].sess);
	}
	dns_batch_free(fb);
	fcrdns_dns_release(&fd);
	free(wa);
	free(wr);
	free(run.t);
}

static void
helo_run_cb(const void *cfg, struct output *out)
{
	helo_run(cfg, out);
}

int
main(int argc, char *argv[])
{
	static const struct option own[] = {
		{"port", required_argument, NULL, 'p'},
		{"ehlo", required_argument, NULL, 'E'},
		{"helo", required_argument, NULL, OPT_HELO},
		{"source-address", required_argument, NULL, OPT_SOURCE},
		{"strict", no_argument, NULL, OPT_STRICT},
		{NULL, 0, NULL, 0},
	};
	static const struct cli_plugin plugin = {
		"check_smtp_helo_match", "SMTP HELO", usage_line, "p:E:", own,
		print_help, true, helo_option, NULL, helo_run_cb,
	};
	struct helo_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.port = HELO_DEFAULT_PORT;
	return cli_main(&plugin, &cfg.common, &cfg, argc, argv);
}
