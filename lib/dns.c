/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <net/if.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_SYS_RANDOM_H
#include <sys/random.h>
#endif

#include <ldns/ldns.h>

#include "clock.h"
#include "dns.h"
#include "rdns.h"
#include "text.h"

/*
 * dns: stub-resolver queries for the plugins.
 *
 * A batch keeps one connected UDP socket per server: it hears ICMP
 * port-unreachable at once (ECONNREFUSED) and only accepts datagrams from
 * that server. Every query of the batch holds an ID no other holds, so a
 * datagram finds its query by ID, and must then carry the query's question
 * (RFC 5452 9.1) before it is looked at; one poll() wake-up reads every
 * reply waiting. UDP is sent again every `retry` seconds, to the next
 * server in turn; a server that fails hard (ICMP refused, an error RCODE,
 * a broken reply) is held back for `retry` seconds and then asked again,
 * and the resolver's health table tells later batches which servers never
 * answered, so that each phase of a check does not wait for them again.
 * A reply with TC set is asked again over TCP, one connection per query
 * (at most MAX_TCP at once), with the 2-byte framing of RFC 1035 4.2.2.
 * CNAMEs are followed inside a reply and, when the target's data is not in it
 * (an RFC 2317 delegation to another zone), by asking again for the target.
 *
 * Query IDs come from getrandom(), never from ldns_resolver_query(), which
 * would initialise OpenSSL (costly, and not needed for a 16-bit ID).
 * Not done here: DNSSEC validation (with dnssec set, EDNS0+DO goes out
 * and the AD bit of a validating resolver is read), caching, search lists.
 */

#define UDP_MAX 65535
#define RECV_BATCH 32 /* datagrams per recvmmsg() */
#define DEFAULT_INFLIGHT 256
#define DEFAULT_RETRY 1.0
#define FD_WAIT 0.02 /* seconds between tries when no descriptor is free */
/* TCP connections of a batch at once: a truncation storm must not open
 * hundreds at a resolver (unbound's outgoing-num-tcp is 10); the others
 * queue for a free one. */
#define MAX_TCP 32
#define RESOLV_CONF_MAX (1024 * 1024) /* larger is not a resolv.conf */
#define SCOPE_CHARS                                                            \
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"

enum qstate {
	Q_QUEUED,
	Q_UDP,
	Q_TCP_CONNECT,
	Q_TCP_IO,
	Q_WAIT, /* no socket now: start again at next_retry (a server that
	           failed is held back, or no file descriptor was free) */
	Q_DONE,
};

struct query {
	enum qstate st;
	int fd; /* TCP only: UDP goes over the batch's sockets */
	uint16_t id;
	bool id_held; /* id is ours in the batch's by_id table */
	bool use_tcp;
	char cur[RDNS_NAME_TEXT_MAX]; /* the name asked now */
	uint8_t *wire;                /* the encoded query, owned */
	size_t wirelen;
	size_t server; /* index of the server asked now */
	/* Hard failures (refused, error RCODE, I/O error) per server: a
	 * server is held back for `retry` seconds after one, and not asked
	 * after DNS_ATTEMPTS of them (glibc's RES_DFLRETRY is 2 too). */
	uint8_t hard[DNS_MAX_SERVERS];
	double hold[DNS_MAX_SERVERS];
	unsigned silent; /* bit per server whose timer ran out unanswered */
	bool fd_wait;    /* Q_WAIT because no descriptor was free */
	bool pinned;     /* dns_batch_add_at: only q->server is asked */
	double started;  /* first send, clock_now() */
	double next_retry;
	uint8_t lenbuf[2]; /* TCP: the length prefix of the reply */
	uint8_t *in;       /* TCP: the reply, sized by its length, owned */
	size_t in_have;    /* TCP: bytes read of 2 + length */
	size_t in_need;    /* TCP: 2, then 2 + length */
	size_t out_sent;   /* TCP bytes sent of 2 + wirelen */
	char last_error[DNS_ERROR_MAX];
	char hard_error[DNS_ERROR_MAX]; /* the last hard failure, named */
	struct dns_answer ans;
};

struct dns_batch {
	const struct dns_resolver *r;
	struct query *q;
	size_t n;
	size_t cap;
	double deadline;          /* of the run in progress */
	unsigned ntcp;            /* TCP connections open */
	int ufd[DNS_MAX_SERVERS]; /* connected UDP socket per server */
	uint32_t *by_id;          /* 65536: query index + 1 by ID, 0 = free */
	uint8_t *rbuf;            /* nrbuf x UDP_MAX for recvmmsg(), or NULL */
	int nrbuf;                /* 2 .. RECV_BATCH */
	bool no_mmsg;             /* recvmmsg() refused: recv() */
	uint16_t ids[64];         /* random IDs drawn ahead: one getrandom() */
	unsigned nids;            /* for 64 queries */
};

/* --- small helpers ------------------------------------------------------ */

const char *
dns_status_str(enum dns_status s)
{
	switch (s) {
	case DNS_OK:
		return "NOERROR";
	case DNS_NXDOMAIN:
		return "NXDOMAIN";
	case DNS_NODATA:
		return "no data";
	case DNS_SERVFAIL:
		return "SERVFAIL";
	case DNS_REFUSED:
		return "REFUSED";
	case DNS_TIMEOUT:
		return "timeout";
	case DNS_ERROR:
		break;
	}
	return "error";
}

bool
dns_status_unsure(enum dns_status s)
{
	return s != DNS_OK && s != DNS_NXDOMAIN && s != DNS_NODATA;
}

const char *
dns_type_str(uint16_t type)
{
	switch (type) {
	case DNS_T_A:
		return "A";
	case DNS_T_NS:
		return "NS";
	case DNS_T_CNAME:
		return "CNAME";
	case DNS_T_SOA:
		return "SOA";
	case DNS_T_PTR:
		return "PTR";
	case DNS_T_MX:
		return "MX";
	case DNS_T_TXT:
		return "TXT";
	case DNS_T_AAAA:
		return "AAAA";
	default:
		return "other";
	}
}

static uint16_t
random_id(void)
{
	uint16_t id = 0;

#ifdef HAVE_GETRANDOM
	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) == (ssize_t)sizeof(id)) {
		return id;
	}
#endif
	/* Fallback only when the kernel has no entropy call: mix the clock. */
	{
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		id = (uint16_t)((uint64_t)ts.tv_nsec * 2654435761u >> 16);
		id ^= (uint16_t)getpid();
	}
	return id;
}

/* FNV-1a of a name, ASCII case folded: CNAME loop detection. */
static uint32_t
name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	size_t n = strlen(s);

	if (n > 1 && s[n - 1] == '.') {
		n--;
	}
	while (n-- > 0) {
		unsigned char c = (unsigned char)*s++;

		if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		}
		h = (h ^ c) * 16777619u;
	}
	return h;
}

/* Should this byte of a label be printed as it is? Everything else: \DDD. */
static bool
label_char_plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '/' ||
	       c == '*';
}

/*
 * Wire-format name to presentation text with every unusual byte escaped,
 * so that a name is printable and safe in any message as it is.
 */
static int
dname_text(const ldns_rdf *rdf, char *out, size_t outlen)
{
	const uint8_t *w;
	size_t len;
	size_t i = 0;
	size_t o = 0;
	uint8_t lab;

	if (rdf == NULL || ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME ||
	    outlen < 2) {
		return -1;
	}
	w = ldns_rdf_data(rdf);
	len = ldns_rdf_size(rdf);
	while (i < len) {
		lab = w[i++];
		if (lab == 0) {
			break;
		}
		if (lab > 63 || i + lab > len) {
			return -1;
		}
		while (lab-- > 0) {
			unsigned char c = w[i++];

			if (label_char_plain(c)) {
				if (o + 2 > outlen) {
					return -1;
				}
				out[o++] = (char)c;
			} else {
				if (o + 5 > outlen) {
					return -1;
				}
				snprintf(out + o, outlen - o, "\\%03u", c);
				o += 4;
			}
		}
		if (o + 2 > outlen) {
			return -1;
		}
		out[o++] = '.';
	}
	if (o == 0) {
		out[o++] = '.';
	}
	out[o] = '\0';
	return 0;
}

static size_t name_to_wire(const char *text, uint8_t *out, size_t outlen);

/* A name as an ldns dname, always absolute; NULL when it is not valid. */
static ldns_rdf *
dname_new(const char *text)
{
	uint8_t wire[256];
	size_t n = name_to_wire(text, wire, sizeof(wire));

	/* Through our own encoder, not ldns_dname_new_frm_str(): it runs
	 * once per reply, and the text parser's snprintf and copies cost
	 * more than the rest of matching the question. */
	return n == 0 ? NULL : ldns_dname_new_frm_data((uint16_t)n, wire);
}

static void
server_text(const struct sockaddr_storage *sa, const char *scope, char *out,
    size_t outlen)
{
	char host[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;

	if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;

		inet_ntop(AF_INET, &s4->sin_addr, host, sizeof(host));
		port = ntohs(s4->sin_port);
	} else if (sa->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;

		inet_ntop(AF_INET6, &s6->sin6_addr, host, sizeof(host));
		port = ntohs(s6->sin6_port);
	}
	snprintf(out, outlen, "%s%s%.16s#%u", host, scope[0] != '\0' ? "%" : "",
	    scope, port);
}

/* --- resolver set-up ------------------------------------------------------ */

/* Printable bytes only, cut at 40: for naming an entry we could not use. */
static void
entry_text(const char *in, char *out, size_t outlen)
{
	size_t o = 0;

	for (; *in != '\0' && o + 5 < outlen && o < 40; in++) {
		unsigned char c = (unsigned char)*in;

		if (c > 0x20 && c < 0x7f && c != '\\') {
			out[o++] = (char)c;
		} else {
			o += (size_t)snprintf(out + o, outlen - o, "\\%03u", c);
		}
	}
	out[o] = '\0';
}

/*
 * One server from its text: an address, or a link-local IPv6 address with
 * "%interface" (or "%index"), as in resolv.conf(5) and getaddrinfo. Returns
 * 0, or -1 with the reason in why.
 */
static int
add_server(struct dns_resolver *r, const char *text, unsigned port, char *why,
    size_t whylen)
{
	char addr[RDNS_ADDR_TEXT_MAX];
	const char *pct = strchr(text, '%');
	const char *scope = "";
	unsigned scope_id = 0;
	struct rdns_addr a;
	struct dns_server *s;
	size_t n = pct != NULL ? (size_t)(pct - text) : strlen(text);

	if (n == 0 || n >= sizeof(addr)) {
		snprintf(why, whylen, "not an IP address");
		return -1;
	}
	memcpy(addr, text, n);
	addr[n] = '\0';
	if (rdns_addr_parse(addr, &a, NULL) != 0) {
		snprintf(why, whylen, "not an IP address");
		return -1;
	}
	if (pct != NULL) {
		scope = pct + 1;
		/* fe80::/10: only link-local addresses have a scope. */
		if (a.family != AF_INET6 || a.bytes[0] != 0xfe ||
		    (a.bytes[1] & 0xc0) != 0x80) {
			snprintf(why, whylen,
			    "a scope (%%) on an address that is not IPv6 "
			    "link-local");
			return -1;
		}
		/* A plain interface name: the kernel would take "lo:x" (an
		 * alias) for lo, and the text goes into messages. */
		if (scope[0] == '\0' || strlen(scope) >= IF_NAMESIZE ||
		    strspn(scope, SCOPE_CHARS) != strlen(scope)) {
			snprintf(why, whylen, "no such interface");
			return -1;
		}
		scope_id = if_nametoindex(scope);
		if (scope_id == 0 &&
		    strspn(scope, "0123456789") == strlen(scope)) {
			scope_id = (unsigned)strtoul(scope, NULL, 10);
		}
		if (scope_id == 0) {
			snprintf(why, whylen, "no such interface");
			return -1;
		}
	}
	s = &r->srv[r->nsrv];
	memset(s, 0, sizeof(*s));
	s->salen = rdns_addr_sockaddr(&a, port, &s->sa);
	if (scope_id != 0) {
		((struct sockaddr_in6 *)&s->sa)->sin6_scope_id = scope_id;
	}
	server_text(&s->sa, scope, s->text, sizeof(s->text));
	r->nsrv++;
	return 0;
}

/* A nameserver entry we do not use: counted, and the first one named. */
static void
skip_entry(struct dns_resolver *r, const char *entry, const char *why)
{
	char shown[64];

	if (r->skipped++ == 0) {
		entry_text(entry, shown, sizeof(shown));
		snprintf(r->skipped_why, sizeof(r->skipped_why), "'%s': %.100s",
		    shown, why);
	}
}

/*
 * The whole of a resolv.conf, NUL-terminated, in *buf (owned by the
 * caller). Only a regular file is read: a FIFO or a device (/dev/zero)
 * could block or never end, and a directory is a mistake worth naming.
 */
static int
slurp_resolv_conf(const char *path, char **buf, size_t *len, char *err,
    size_t errlen)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	char *p = NULL;
	size_t have = 0;
	ssize_t k;

	if (fd < 0) {
		snprintf(err, errlen, "cannot read '%.200s': %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		snprintf(err, errlen, "cannot read '%.200s': %s", path,
		    strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot read '%.200s': %s", path,
		    strerror(EISDIR));
		goto fail;
	}
	if (!S_ISREG(st.st_mode)) {
		snprintf(err, errlen,
		    "cannot read '%.200s': not a regular file (%s)", path,
		    S_ISFIFO(st.st_mode)   ? "a FIFO"
		    : S_ISSOCK(st.st_mode) ? "a socket"
		                           : "a device");
		goto fail;
	}
	if (st.st_size > RESOLV_CONF_MAX) {
		snprintf(err, errlen,
		    "cannot read '%.200s': larger than %d bytes", path,
		    RESOLV_CONF_MAX);
		goto fail;
	}
	/* The size may change under us: read to the end, within the cap. */
	p = malloc(RESOLV_CONF_MAX + 1);
	if (p == NULL) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	while (have < RESOLV_CONF_MAX) {
		k = read(fd, p + have, RESOLV_CONF_MAX - have);
		if (k < 0 && errno == EINTR) {
			continue;
		}
		if (k < 0) {
			snprintf(err, errlen, "cannot read '%.200s': %s", path,
			    strerror(errno));
			goto fail;
		}
		if (k == 0) {
			break;
		}
		have += (size_t)k;
	}
	close(fd);
	p[have] = '\0';
	*buf = p;
	*len = have;
	return 0;
fail:
	free(p);
	close(fd);
	return -1;
}

/*
 * The "nameserver ADDRESS" lines of a resolv.conf(5) file, in order, each
 * line read whole (as glibc does): text after a '#' or ';' is a comment
 * however long the line is.
 */
static int
read_resolv_conf(struct dns_resolver *r, const char *path, unsigned port,
    char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	size_t pos = 0;
	char why[DNS_ERROR_MAX];

	if (slurp_resolv_conf(path, &buf, &len, err, errlen) != 0) {
		return -1;
	}
	while (pos < len) {
		char *line = buf + pos;
		char *nl = memchr(line, '\n', len - pos);
		char *p;
		char *addr;

		if (nl != NULL) {
			*nl = '\0';
			pos = (size_t)(nl - buf) + 1;
		} else {
			pos = len;
		}
		p = line + strspn(line, " \t");
		if (strncmp(p, "nameserver", 10) != 0 ||
		    (p[10] != ' ' && p[10] != '\t')) {
			continue;
		}
		p += 10;
		p += strspn(p, " \t");
		addr = p;
		p += strcspn(p, " \t\r\n#;");
		*p = '\0';
		if (r->nsrv == DNS_MAX_SERVERS) {
			snprintf(why, sizeof(why),
			    "only the first %d servers "
			    "are used",
			    DNS_MAX_SERVERS);
			skip_entry(r, addr, why);
			continue;
		}
		if (add_server(r, addr, port, why, sizeof(why)) != 0) {
			skip_entry(r, addr, why);
		}
	}
	free(buf);
	if (r->nsrv == 0) {
		if (r->skipped > 0) {
			snprintf(err, errlen,
			    "no usable nameserver line in '%.200s' (%s; name "
			    "one with -s)",
			    path, r->skipped_why);
		} else {
			snprintf(err, errlen,
			    "no usable nameserver line in '%.200s' (name one "
			    "with -s)",
			    path);
		}
		return -1;
	}
	return 0;
}

int
dns_resolver_init(struct dns_resolver *r, const char *const *servers, size_t n,
    unsigned port, bool tcp, const char *resolv_conf, char *err, size_t errlen)
{
	size_t i;

	char why[DNS_ERROR_MAX];

	memset(r, 0, sizeof(*r));
	r->health = r->health_store;
	r->tcp = tcp;
	r->max_inflight = DEFAULT_INFLIGHT;
	r->retry = DEFAULT_RETRY;
	if (port == 0 || port > 65535) {
		snprintf(err, errlen, "invalid DNS port %u", port);
		return -1;
	}
	if (n == 0) {
		return read_resolv_conf(r,
		    resolv_conf != NULL ? resolv_conf : "/etc/resolv.conf",
		    port, err, errlen);
	}
	if (n > DNS_MAX_SERVERS) {
		snprintf(err, errlen, "too many DNS servers (at most %d)",
		    DNS_MAX_SERVERS);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (add_server(r, servers[i], port, why, sizeof(why)) != 0) {
			snprintf(err, errlen,
			    "invalid DNS server address '%.60s' (%s)",
			    servers[i], why);
			return -1;
		}
	}
	return 0;
}

/* --- reply parsing ------------------------------------------------------ */

/*
 * The text of a TXT record: its character-strings joined without
 * separator (RFC 7208 3.3), the bytes as they are, except that a NUL
 * becomes DEL (0x7f) so that the text stays one C string; NULL when
 * memory ran out.
 */
static char *
txt_text(const ldns_rr *rr)
{
	size_t total = 0;
	size_t i;
	size_t k;
	char *s;

	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rd = ldns_rr_rdf(rr, i);

		if (rd != NULL && ldns_rdf_size(rd) > 0) {
			total += ldns_rdf_size(rd) - 1;
		}
	}
	s = malloc(total + 1);
	if (s == NULL) {
		return NULL;
	}
	total = 0;
	for (i = 0; i < ldns_rr_rd_count(rr); i++) {
		const ldns_rdf *rd = ldns_rr_rdf(rr, i);
		const uint8_t *d;
		size_t len;

		if (rd == NULL || ldns_rdf_size(rd) == 0) {
			continue;
		}
		d = ldns_rdf_data(rd);
		/* the length byte, then at most that many bytes */
		len =
		    d[0] < ldns_rdf_size(rd) - 1 ? d[0] : ldns_rdf_size(rd) - 1;
		for (k = 0; k < len; k++) {
			s[total++] = d[1 + k] != 0 ? (char)d[1 + k] : '\x7f';
		}
	}
	s[total] = '\0';
	return s;
}

/*
 * Keep one record of the type asked for. Only the first DNS_MAX_RECORDS
 * of an answer are kept, each with its text sized to fit; the rest are
 * counted in nrr_more. So no zone can make an answer cost more than about
 * DNS_MAX_RECORDS x (48 + 1 KB) here, whatever it serves. Returns -1 only
 * when memory ran out.
 */
static int
push_record(struct dns_answer *out, const ldns_rr *rr)
{
	struct dns_record rec;
	struct dns_record *nr;
	const ldns_rdf *rd;
	char text[RDNS_NAME_TEXT_MAX];
	uint16_t type = (uint16_t)ldns_rr_get_type(rr);
	size_t n;

	memset(&rec, 0, sizeof(rec));
	rec.type = type;
	rec.ttl = ldns_rr_ttl(rr);
	if (type == DNS_T_A || type == DNS_T_AAAA) {
		size_t want = type == DNS_T_A ? 4 : 16;

		rd = ldns_rr_rdf(rr, 0);
		if (rd == NULL || ldns_rdf_size(rd) != want) {
			return 0; /* skip a malformed address */
		}
		rec.addr.family = type == DNS_T_A ? AF_INET : AF_INET6;
		memcpy(rec.addr.bytes, ldns_rdf_data(rd), want);
		if (rdns_addr_format(&rec.addr, text, sizeof(text)) != 0) {
			return 0;
		}
	} else if (type == DNS_T_MX) {
		rd = ldns_rr_rdf(rr, 0);
		if (rd == NULL || ldns_rdf_size(rd) != 2 ||
		    dname_text(ldns_rr_rdf(rr, 1), text, sizeof(text)) != 0) {
			return 0;
		}
		rec.pref = ldns_rdf2native_int16(rd);
	} else if (type == DNS_T_PTR || type == DNS_T_NS ||
	           type == DNS_T_CNAME) {
		if (dname_text(ldns_rr_rdf(rr, 0), text, sizeof(text)) != 0) {
			return 0;
		}
	} else if (type == DNS_T_TXT) {
		if (out->nrr >= DNS_MAX_RECORDS) {
			out->nrr_more++;
			return 0;
		}
		rec.data = txt_text(rr);
		if (rec.data == NULL) {
			return -1;
		}
		goto keep;
	} else {
		return 0; /* types we do not read: not kept */
	}
	if (out->nrr >= DNS_MAX_RECORDS) {
		out->nrr_more++;
		return 0;
	}
	n = strlen(text) + 1;
	rec.data = malloc(n);
	if (rec.data == NULL) {
		return -1;
	}
	memcpy(rec.data, text, n);
keep:
	nr = realloc(out->rr, (out->nrr + 1) * sizeof(*nr));
	if (nr == NULL) {
		free(rec.data);
		return -1;
	}
	out->rr = nr;
	nr[out->nrr++] = rec;
	return 0;
}

static void
take_soa(struct dns_answer *out, const ldns_rr *rr)
{
	const ldns_rdf *serial = ldns_rr_rdf(rr, 2);

	if (out->have_soa || ldns_rr_rd_count(rr) < 3 ||
	    dname_text(ldns_rr_owner(rr), out->zone, sizeof(out->zone)) != 0 ||
	    dname_text(ldns_rr_rdf(rr, 0), out->soa_mname,
	        sizeof(out->soa_mname)) != 0 ||
	    dname_text(ldns_rr_rdf(rr, 1), out->soa_rname,
	        sizeof(out->soa_rname)) != 0 ||
	    serial == NULL || ldns_rdf_size(serial) != 4) {
		return;
	}
	out->soa_serial = ldns_rdf2native_int32(serial);
	out->soa_ttl = ldns_rr_ttl(rr);
	if (ldns_rr_rd_count(rr) >= 7 && ldns_rr_rdf(rr, 6) != NULL &&
	    ldns_rdf_size(ldns_rr_rdf(rr, 6)) == 4) {
		out->soa_minimum = ldns_rdf2native_int32(ldns_rr_rdf(rr, 6));
	} else {
		out->soa_minimum = out->soa_ttl;
	}
	out->have_soa = true;
}

/*
 * Equal names, ASCII case folded, on the uncompressed wire form that ldns
 * keeps: length octets are below 64, so folding them is harmless. Much
 * cheaper than ldns_dname_compare (which orders, label by label), and this
 * runs for every record of every reply.
 */
static bool
dname_equal(const ldns_rdf *a, const ldns_rdf *b)
{
	const uint8_t *pa;
	const uint8_t *pb;
	size_t n;
	size_t i;

	if (a == NULL || b == NULL || ldns_rdf_size(a) != ldns_rdf_size(b)) {
		return false;
	}
	pa = ldns_rdf_data(a);
	pb = ldns_rdf_data(b);
	n = ldns_rdf_size(a);
	for (i = 0; i < n; i++) {
		uint8_t ca = pa[i];
		uint8_t cb = pb[i];

		if (ca >= 'A' && ca <= 'Z') {
			ca = (uint8_t)(ca - 'A' + 'a');
		}
		if (cb >= 'A' && cb <= 'Z') {
			cb = (uint8_t)(cb - 'A' + 'a');
		}
		if (ca != cb) {
			return false;
		}
	}
	return true;
}

static bool
rr_is(const ldns_rr *rr, const ldns_rdf *owner, uint16_t type)
{
	return ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN &&
	       (uint16_t)ldns_rr_get_type(rr) == type &&
	       dname_equal(ldns_rr_owner(rr), owner);
}

/* Does the reply ask our question? (RFC 5452 9.1: ID, name, type, class) */
static bool
question_matches(const ldns_pkt *p, const ldns_rdf *qname, uint16_t qtype)
{
	const ldns_rr_list *qs = ldns_pkt_question(p);
	const ldns_rr *q;

	if (qs == NULL || ldns_rr_list_rr_count(qs) != 1) {
		return false;
	}
	q = ldns_rr_list_rr(qs, 0);
	return rr_is(q, qname, qtype);
}

/* Walk the CNAME chain from *cur through the answer section. */
static enum dns_parse_result
follow_chain(const ldns_rr_list *an, ldns_rdf **cur, uint16_t qtype,
    struct dns_answer *out)
{
	size_t i;
	const ldns_rr *cname;
	ldns_rdf *next;
	char text[RDNS_NAME_TEXT_MAX];
	uint32_t seen[DNS_MAX_CNAME + 1];
	unsigned nseen = 0;
	unsigned k;

	if (dname_text(*cur, text, sizeof(text)) == 0) {
		seen[nseen++] = name_hash(text);
	}
	for (;;) {
		cname = NULL;
		for (i = 0; an != NULL && i < ldns_rr_list_rr_count(an); i++) {
			if (rr_is(ldns_rr_list_rr(an, i), *cur, DNS_T_CNAME)) {
				cname = ldns_rr_list_rr(an, i);
				break;
			}
		}
		if (cname == NULL || qtype == DNS_T_CNAME) {
			return DNS_PARSE_DONE;
		}
		next = ldns_rr_rdf(cname, 0);
		if (next == NULL || dname_text(next, text, sizeof(text)) != 0) {
			out->status = DNS_ERROR;
			snprintf(out->error, sizeof(out->error),
			    "malformed CNAME in the answer");
			return DNS_PARSE_DONE;
		}
		for (k = 0; k < nseen; k++) {
			if (seen[k] == name_hash(text)) {
				out->status = DNS_ERROR;
				snprintf(out->error, sizeof(out->error),
				    "CNAME loop at %.200s", text);
				return DNS_PARSE_DONE;
			}
		}
		if (out->cname_hops >= DNS_MAX_CNAME) {
			out->status = DNS_ERROR;
			snprintf(out->error, sizeof(out->error),
			    "CNAME chain longer than %d names at %.200s",
			    DNS_MAX_CNAME, text);
			return DNS_PARSE_DONE;
		}
		out->cname_hops++;
		if (nseen < DNS_MAX_CNAME + 1) {
			seen[nseen++] = name_hash(text);
		}
		ldns_rdf_deep_free(*cur);
		*cur = ldns_rdf_clone(next);
		if (*cur == NULL) {
			out->status = DNS_ERROR;
			snprintf(out->error, sizeof(out->error),
			    "out of memory");
			return DNS_PARSE_DONE;
		}
		memcpy(out->name, text, strlen(text) + 1);
	}
}

/* Skip the name at *pos of w; false when it runs past len. */
static bool
wire_skip_name(const uint8_t *w, size_t len, size_t *pos)
{
	while (*pos < len) {
		uint8_t c = w[*pos];

		if ((c & 0xC0) == 0xC0) {
			*pos += 2;
			return *pos <= len;
		}
		if ((c & 0xC0) != 0) {
			return false;
		}
		*pos += (size_t)c + 1;
		if (c == 0) {
			return true;
		}
	}
	return false;
}

/*
 * Whether the additional section holds a record of this type (the scan
 * stops where the wire stops making sense). ldns is not given that
 * section: ldns 1.8.3 keeps only the last TSIG record of a reply and
 * leaks the others (found by fuzz_dns_reply), a few KB per hostile reply,
 * and nothing we judge lives there; the OPT record is seen here.
 */
static bool
wire_additional_has(const uint8_t *w, size_t len, uint16_t want)
{
	size_t pos = 12;
	size_t n[4];
	size_t s;
	size_t i;

	for (s = 0; s < 4; s++) {
		n[s] = (size_t)(w[4 + 2 * s] << 8 | w[5 + 2 * s]);
	}
	for (s = 0; s < 4; s++) {
		for (i = 0; i < n[s]; i++) {
			uint16_t type;

			if (!wire_skip_name(w, len, &pos) || pos + 4 > len) {
				return false;
			}
			type = (uint16_t)(w[pos] << 8 | w[pos + 1]);
			pos += 4;
			if (s == 0) {
				continue; /* a question has no TTL, no data */
			}
			if (s == 3 && type == want) {
				return true;
			}
			if (pos + 6 > len) {
				return false;
			}
			pos += 6 + (size_t)(w[pos + 4] << 8 | w[pos + 5]);
		}
	}
	return false;
}

enum dns_parse_result
dns_parse_reply(const uint8_t *wire, size_t len, uint16_t id, const char *qname,
    uint16_t qtype, struct dns_answer *out)
{
	ldns_pkt *p = NULL;
	uint8_t *head = NULL;
	ldns_rdf *asked = NULL;
	ldns_rdf *cur = NULL;
	const ldns_rr_list *sec;
	enum dns_parse_result res = DNS_PARSE_MISMATCH;
	size_t i;
	size_t before;
	bool in_zone;

	if (len < 12 || (uint16_t)(wire[0] << 8 | wire[1]) != id ||
	    (wire[2] & 0x80) == 0) {
		return DNS_PARSE_MISMATCH;
	}
	asked = dname_new(qname);
	head = malloc(len);
	if (asked == NULL || head == NULL) {
		goto out;
	}
	/* All but the additional section (see wire_additional_has). */
	memcpy(head, wire, len);
	head[10] = head[11] = 0;
	if (ldns_wire2pkt(&p, head, len) != LDNS_STATUS_OK) {
		/* A truncated reply may be cut inside a record. */
		res = (wire[2] & 0x02) != 0 ? DNS_PARSE_TRUNCATED
		                            : DNS_PARSE_MALFORMED;
		goto out;
	}
	if (ldns_pkt_get_opcode(p) != LDNS_PACKET_QUERY ||
	    !question_matches(p, asked, qtype)) {
		res = DNS_PARSE_MISMATCH;
		goto out;
	}
	if (ldns_pkt_tc(p)) {
		res = DNS_PARSE_TRUNCATED;
		goto out;
	}
	out->rcode = (int)ldns_pkt_get_rcode(p);
	out->aa = ldns_pkt_aa(p);
	out->ad = ldns_pkt_ad(p);
	out->edns = wire_additional_has(wire, len, LDNS_RR_TYPE_OPT);
	if (strlen(qname) < sizeof(out->name)) {
		memcpy(out->name, qname, strlen(qname) + 1);
	}
	res = DNS_PARSE_DONE;

	switch (out->rcode) {
	case LDNS_RCODE_NOERROR:
	case LDNS_RCODE_NXDOMAIN:
		break;
	case LDNS_RCODE_SERVFAIL:
		out->status = DNS_SERVFAIL;
		goto out;
	case LDNS_RCODE_REFUSED:
		out->status = DNS_REFUSED;
		goto out;
	default:
		out->status = DNS_ERROR;
		snprintf(out->error, sizeof(out->error),
		    "answer with RCODE %d%s", out->rcode,
		    out->rcode == LDNS_RCODE_FORMERR   ? " (FORMERR)"
		    : out->rcode == LDNS_RCODE_NOTIMPL ? " (NOTIMP)"
		                                       : "");
		goto out;
	}

	cur = ldns_rdf_clone(asked);
	if (cur == NULL) {
		out->status = DNS_ERROR;
		snprintf(out->error, sizeof(out->error), "out of memory");
		goto out;
	}
	out->status = DNS_OK;
	if (follow_chain(ldns_pkt_answer(p), &cur, qtype, out) !=
	        DNS_PARSE_DONE ||
	    out->status != DNS_OK) {
		goto out;
	}

	sec = ldns_pkt_answer(p);
	before = out->nrr + out->nrr_more;
	for (i = 0; sec != NULL && i < ldns_rr_list_rr_count(sec); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(sec, i);

		if (!rr_is(rr, cur, qtype)) {
			continue;
		}
		if (qtype == DNS_T_SOA) {
			take_soa(out, rr);
		}
		if (push_record(out, rr) != 0) {
			out->status = DNS_ERROR;
			snprintf(out->error, sizeof(out->error),
			    "out of memory");
			goto out;
		}
	}
	sec = ldns_pkt_authority(p);
	for (i = 0; sec != NULL && i < ldns_rr_list_rr_count(sec); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(sec, i);

		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
		    ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN) {
			take_soa(out, rr);
			break;
		}
	}
	if (out->rcode == LDNS_RCODE_NXDOMAIN) {
		out->status = DNS_NXDOMAIN;
	} else if (out->nrr + out->nrr_more > before ||
	           (qtype == DNS_T_SOA && out->have_soa && out->nrr > 0)) {
		out->status = DNS_OK;
	} else {
		/*
		 * A CNAME whose target has no data here: the target lives in
		 * a zone this server did not answer for (an RFC 2317
		 * delegation), unless an SOA above the target says "no data".
		 */
		in_zone = false;
		if (out->have_soa) {
			ldns_rdf *zone = dname_new(out->zone);

			in_zone = zone != NULL &&
			          (dname_equal(cur, zone) ||
			              ldns_dname_is_subdomain(cur, zone));
			ldns_rdf_deep_free(zone);
		}
		if (out->cname_hops > 0 && !in_zone) {
			res = DNS_PARSE_FOLLOW;
		}
		out->status = DNS_NODATA;
	}
out:
	ldns_rdf_deep_free(cur);
	ldns_rdf_deep_free(asked);
	ldns_pkt_free(p);
	free(head);
	return res;
}

/* --- queries in flight ---------------------------------------------------- */

/* Bounded string copy (always terminated; longer text is cut). */
static void
copy_text(char *dst, size_t len, const char *src)
{
	size_t n = strlen(src);

	if (n >= len) {
		n = len - 1;
	}
	memcpy(dst, src, n);
	dst[n] = '\0';
}

static void
close_query_io(struct dns_batch *b, struct query *q)
{
	if (q->fd >= 0) {
		close(q->fd);
		q->fd = -1;
		b->ntcp--;
	}
	free(q->in);
	q->in = NULL;
	q->in_have = 0;
	q->in_need = 0;
	q->out_sent = 0;
}

/* Give q's ID back: replies with it are strays from now on. */
static void
release_id(struct dns_batch *b, struct query *q)
{
	if (q->id_held) {
		b->by_id[q->id] = 0;
		q->id_held = false;
	}
}

/* End q: status st (errors keep q->last_error as the reason). */
static void
finish(struct dns_batch *b, struct query *q, enum dns_status st, double now)
{
	q->ans.status = st;
	if (dns_status_unsure(st) && q->ans.error[0] == '\0') {
		copy_text(q->ans.error, sizeof(q->ans.error), q->last_error);
	}
	q->ans.elapsed = q->started > 0.0 ? now - q->started : 0.0;
	q->st = Q_DONE;
	release_id(b, q);
	close_query_io(b, q);
	free(q->wire);
	q->wire = NULL;
}

/*
 * Presentation name to uncompressed wire form (RFC 1035 3.1, 5.1: \DDD
 * and \X escapes). Returns the length, or 0 when the name is not valid.
 */
static size_t
name_to_wire(const char *text, uint8_t *out, size_t outlen)
{
	const char *p = text;
	size_t o = 0;
	size_t lab;

	if (outlen < 1 || text[0] == '\0') {
		return 0;
	}
	if (strcmp(text, ".") == 0) {
		out[0] = 0;
		return 1;
	}
	while (*p != '\0') {
		lab = o++;
		if (o > 255 || o > outlen) {
			return 0;
		}
		while (*p != '\0' && *p != '.') {
			unsigned c = (unsigned char)*p++;

			if (c == '\\') {
				if (p[0] >= '0' && p[0] <= '9') {
					if (p[1] < '0' || p[1] > '9' ||
					    p[2] < '0' || p[2] > '9') {
						return 0;
					}
					c = (unsigned)(p[0] - '0') * 100 +
					    (unsigned)(p[1] - '0') * 10 +
					    (unsigned)(p[2] - '0');
					if (c > 255) {
						return 0;
					}
					p += 3;
				} else if (*p != '\0') {
					c = (unsigned char)*p++;
				} else {
					return 0;
				}
			}
			if (o - lab > 63 || o + 1 > 255 || o + 1 > outlen) {
				return 0;
			}
			out[o++] = (uint8_t)c;
		}
		if (o - lab == 1) {
			return 0; /* empty label */
		}
		out[lab] = (uint8_t)(o - lab - 1);
		if (*p == '.') {
			p++;
		}
	}
	if (o + 1 > 255 || o + 1 > outlen) {
		return 0;
	}
	out[o++] = 0;
	return o;
}

/* A random query ID, from a pool filled 64 at a time. */
static uint16_t
batch_id(struct dns_batch *b)
{
	unsigned i;

	if (b->nids == 0) {
#ifdef HAVE_GETRANDOM
		if (getrandom(b->ids, sizeof(b->ids), GRND_NONBLOCK) ==
		    (ssize_t)sizeof(b->ids)) {
			b->nids = 64;
		}
#endif
		if (b->nids == 0) {
			for (i = 0; i < 64; i++) {
				b->ids[i] = random_id();
			}
			b->nids = 64;
		}
	}
	return b->ids[--b->nids];
}

/*
 * The query in wire form: header with RD, one question (RFC 1035 4.1),
 * under an ID that no other query of the batch holds, so that a reply on
 * a server's shared socket finds its query by ID.
 */
static int
encode(struct dns_batch *b, struct query *q)
{
	uint8_t buf[12 + 256 + 4 + 11];
	size_t n = name_to_wire(q->cur, buf + 12, 256);
	uint8_t *w;
	unsigned tries = 0;

	if (n == 0) {
		return -1;
	}
	release_id(b, q);
	do {
		q->id = batch_id(b);
	} while (b->by_id[q->id] != 0 && ++tries < 1000);
	if (b->by_id[q->id] != 0) {
		return -1;
	}
	memset(buf, 0, 12);
	buf[0] = (uint8_t)(q->id >> 8);
	buf[1] = (uint8_t)q->id;
	buf[2] = b->r->norecurse ? 0x00 : 0x01; /* RD */
	buf[5] = 1;                             /* QDCOUNT */
	n += 12;
	buf[n++] = (uint8_t)(q->ans.qtype >> 8);
	buf[n++] = (uint8_t)q->ans.qtype;
	buf[n++] = 0;
	buf[n++] = LDNS_RR_CLASS_IN;
	if (b->r->checking_disabled) {
		buf[3] |= 0x10; /* CD (RFC 4035 3.2.2) */
	}
	if (b->r->dnssec) {
		/* OPT (RFC 6891 6.1.2): root owner, 1232 octets (the DNS
		   flag day's size), version 0, DO (RFC 3225), no options. */
		static const uint8_t opt[11] = {0x00, 0x00, 0x29, 0x04, 0xd0,
		    0x00, 0x00, 0x80, 0x00, 0x00, 0x00};

		buf[11] = 1; /* ARCOUNT */
		memcpy(buf + n, opt, sizeof(opt));
		n += sizeof(opt);
	}
	w = realloc(q->wire, n);
	if (w == NULL) {
		return -1;
	}
	memcpy(w, buf, n);
	q->wire = w;
	q->wirelen = n;
	b->by_id[q->id] = (uint32_t)(q - b->q) + 1;
	q->id_held = true;
	return 0;
}

/* Has server si answered nothing in this run while failing or staying
 * silent? Then new queries start elsewhere: a later phase of the check
 * does not wait for it again. It is still asked when the others fail. */
static bool
server_dead(const struct dns_resolver *r, size_t si)
{
	const struct dns_server_health *h = &r->health[si];

	return h->answers == 0 && (h->silences > 0 || h->failures > 0);
}

/* The first server, in order, that is not dead; 0 when all are. */
static size_t
first_server(const struct dns_resolver *r)
{
	size_t i;

	for (i = 0; i < r->nsrv; i++) {
		if (!server_dead(r, i)) {
			return i;
		}
	}
	return 0;
}

/*
 * Move q to the next server that may be asked now; mark the current one
 * failed first when hard is set (its reason is in q->last_error). A
 * server that failed is held back for `retry` seconds and then asked
 * again (a resolver that restarts refuses for a moment), up to
 * DNS_ATTEMPTS failures. Returns 0 with q->server set, 1 when q waits
 * (Q_WAIT) for a held server, or -1 when q ended with status st because
 * no server is left or none can be asked again before the deadline.
 */
static int
next_server(struct dns_batch *b, struct query *q, bool hard, enum dns_status st,
    double now)
{
	const struct dns_resolver *r = b->r;
	size_t i;
	size_t cand;
	size_t wait_for = r->nsrv;

	if (hard) {
		q->hard[q->server]++;
		q->hold[q->server] = now + r->retry;
		q->silent &= ~(1u << q->server);
		r->health[q->server].failures++;
		copy_text(q->hard_error, sizeof(q->hard_error), q->last_error);
	}
	if (q->pinned) {
		/* One server's own answer was asked for: its failure is the
		   answer, and a timeout only sends the query again. */
		if (hard) {
			finish(b, q, st, now);
			return -1;
		}
		return 0;
	}
	for (i = 1; i <= r->nsrv; i++) {
		cand = (q->server + i) % r->nsrv;
		if (q->hard[cand] >= DNS_ATTEMPTS) {
			continue;
		}
		if (q->hold[cand] <= now) {
			q->server = cand;
			return 0;
		}
		if (wait_for == r->nsrv || q->hold[cand] < q->hold[wait_for]) {
			wait_for = cand;
		}
	}
	if (wait_for == r->nsrv || q->hold[wait_for] >= b->deadline) {
		if (q->hard_error[0] != '\0') {
			copy_text(q->last_error, sizeof(q->last_error),
			    q->hard_error);
		}
		finish(b, q, st, now);
		return -1;
	}
	close_query_io(b, q);
	q->server = wait_for;
	q->use_tcp = r->tcp;
	q->fd_wait = false;
	q->st = Q_WAIT;
	q->next_retry = q->hold[wait_for];
	return 1;
}

/* Open a connected non-blocking socket to s; -1 with errno on failure. */
static int
open_socket(const struct dns_server *s, int type)
{
	int fd =
	    socket(s->sa.ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int e;

	if (fd < 0) {
		return -1;
	}
	if (connect(fd, (const struct sockaddr *)&s->sa, s->salen) != 0 &&
	    errno != EINPROGRESS) {
		e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* The batch's UDP socket to server si, opened on first use; -1 on error. */
static int
udp_socket(struct dns_batch *b, size_t si)
{
	if (b->ufd[si] < 0) {
		b->ufd[si] = open_socket(&b->r->srv[si], SOCK_DGRAM);
	}
	return b->ufd[si];
}

/* Send q to its current server (UDP) or start connecting (TCP). */
static void
start_on_server(struct dns_batch *b, struct query *q, double now)
{
	const struct dns_resolver *r = b->r;
	const struct dns_server *s;
	char ebuf[128];
	int fd;

	for (;;) {
		close_query_io(b, q);
		s = &r->srv[q->server];
		copy_text(q->ans.server, sizeof(q->ans.server), s->text);
		if (q->use_tcp && b->ntcp >= MAX_TCP) {
			snprintf(q->last_error, sizeof(q->last_error),
			    "waiting for one of %d TCP connections", MAX_TCP);
			q->st = Q_WAIT;
			q->fd_wait = true;
			q->next_retry = now + FD_WAIT;
			return;
		}
		if (q->use_tcp) {
			q->fd = open_socket(s, SOCK_STREAM);
			if (q->fd >= 0) {
				b->ntcp++;
				q->st = Q_TCP_CONNECT;
				q->ans.sends++;
				q->next_retry = now + r->retry;
				return;
			}
		} else {
			fd = udp_socket(b, q->server);
			if (fd >= 0 && send(fd, q->wire, q->wirelen, 0) ==
			                   (ssize_t)q->wirelen) {
				q->st = Q_UDP;
				q->ans.sends++;
				q->next_retry = now + r->retry;
				return;
			}
		}
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
		    errno == ENOMEM) {
			/*
			 * Our resource, not the server's fault: wait for a
			 * descriptor (or memory) that a finishing query frees.
			 */
			snprintf(q->last_error, sizeof(q->last_error),
			    "cannot open a socket: %s",
			    text_strerror(errno, ebuf, sizeof(ebuf)));
			q->st = Q_WAIT;
			q->fd_wait = true;
			q->next_retry = now + FD_WAIT;
			return;
		}
		snprintf(q->last_error, sizeof(q->last_error), "%s: %s",
		    s->text,
		    errno == ECONNREFUSED
		        ? "connection refused (no DNS server on that port)"
		        : text_strerror(errno, ebuf, sizeof(ebuf)));
		if (next_server(b, q, true, DNS_ERROR, now) != 0) {
			return;
		}
	}
}

static void
start_query(struct dns_batch *b, struct query *q, double now)
{
	if (encode(b, q) != 0) {
		snprintf(q->last_error, sizeof(q->last_error),
		    "cannot build a query for '%.200s'", q->cur);
		finish(b, q, DNS_ERROR, now);
		return;
	}
	if (q->started == 0.0) {
		q->started = now;
		if (!q->pinned) {
			q->server = first_server(b->r);
		}
	}
	start_on_server(b, q, now);
}

/* A server failed q (error text already in q->last_error): go on. */
static void
server_failed(struct dns_batch *b, struct query *q, enum dns_status st,
    double now)
{
	if (next_server(b, q, true, st, now) == 0) {
		q->use_tcp = b->r->tcp;
		start_on_server(b, q, now);
	}
}

/*
 * Server si served an answer for the first time: it is up, so the queries
 * held back after its error RCODE ask it again now, where that RCODE will
 * be final, instead of waiting out the hold.
 */
static void
wake_held(struct dns_batch *b, size_t si, double now)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		struct query *q = &b->q[i];

		if (q->st == Q_WAIT && !q->fd_wait && q->server == si &&
		    q->hard[si] > 0) {
			q->next_retry = now;
		}
	}
}

/*
 * The server answered q with an error RCODE. While it may be restarting
 * (it served nothing yet) it is held back and asked again; once it served
 * others or failed again after a hold, its RCODE is its answer and only
 * the other servers are asked: a /16 it refuses costs one hold, not one
 * per window of queries.
 */
static void
rcode_failed(struct dns_batch *b, struct query *q, enum dns_status st,
    double now)
{
	struct dns_server_health *h = &b->r->health[q->server];

	if (q->hard[q->server] > 0) {
		h->rcode_final = true;
	}
	if (h->served > 0 || h->rcode_final) {
		q->hard[q->server] = DNS_ATTEMPTS - 1;
	}
	if (next_server(b, q, true, st, now) == 0) {
		q->use_tcp = b->r->tcp;
		start_on_server(b, q, now);
	}
}

/*
 * A reply arrived for q. Returns true when q moved on (finished, asked
 * again elsewhere), false when the reply was not for q and q keeps waiting.
 */
static bool
handle_reply(struct dns_batch *b, struct query *q, const uint8_t *w, size_t n,
    double now)
{
	struct dns_answer *a = &q->ans;
	const char *from = b->r->srv[q->server].text;
	enum dns_parse_result res;

	res = dns_parse_reply(w, n, q->id, q->cur, a->qtype, a);
	if (res != DNS_PARSE_MISMATCH) {
		b->r->health[q->server].answers++;
	}
	switch (res) {
	case DNS_PARSE_MISMATCH:
		if (!q->use_tcp) {
			return false; /* stray or forged datagram */
		}
		snprintf(q->last_error, sizeof(q->last_error),
		    "%s: reply over TCP does not match the query", from);
		server_failed(b, q, DNS_ERROR, now);
		return true;
	case DNS_PARSE_MALFORMED:
		snprintf(q->last_error, sizeof(q->last_error),
		    "%s: malformed reply", from);
		server_failed(b, q, DNS_ERROR, now);
		return true;
	case DNS_PARSE_TRUNCATED:
		if (q->use_tcp) {
			snprintf(q->last_error, sizeof(q->last_error),
			    "%s: truncated reply over TCP", from);
			server_failed(b, q, DNS_ERROR, now);
			return true;
		}
		q->use_tcp = true;
		start_on_server(b, q, now);
		return true;
	case DNS_PARSE_FOLLOW:
		copy_text(q->cur, sizeof(q->cur), a->name);
		a->have_soa = false;
		memset(q->hard, 0, sizeof(q->hard));
		memset(q->hold, 0, sizeof(q->hold));
		q->silent = 0;
		q->hard_error[0] = '\0';
		q->use_tcp = b->r->tcp;
		start_query(b, q, now);
		return true;
	case DNS_PARSE_DONE:
		break;
	}
	a->tcp = q->use_tcp;
	if (a->status == DNS_SERVFAIL || a->status == DNS_REFUSED) {
		snprintf(q->last_error, sizeof(q->last_error), "%s from %s",
		    dns_status_str(a->status), from);
		a->error[0] = '\0';
		rcode_failed(b, q, a->status, now);
		return true;
	}
	if (a->status == DNS_ERROR && a->rcode > 0 &&
	    a->rcode != LDNS_RCODE_NXDOMAIN) {
		/*
		 * FORMERR, NOTIMP and the other error RCODEs say "not me":
		 * ask the next server, as glibc does for NOTIMP.
		 */
		snprintf(q->last_error, sizeof(q->last_error), "%.120s from %s",
		    a->error, from);
		a->error[0] = '\0';
		rcode_failed(b, q, DNS_ERROR, now);
		return true;
	}
	if (a->status != DNS_ERROR && b->r->health[q->server].served++ == 0) {
		wake_held(b, q->server, now);
	}
	if (a->status == DNS_ERROR && a->error[0] != '\0') {
		char why[DNS_ERROR_MAX];

		copy_text(why, sizeof(why), a->error);
		snprintf(a->error, sizeof(a->error), "%.160s (from %s)", why,
		    from);
	}
	finish(b, q, a->status, now);
	return true;
}

/* Did the last socket call only find nothing to do yet? */
static bool
io_again(void)
{
	return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
}

/*
 * Up to nbuf datagrams from fd into iov/mm, with recvmmsg(), or recv()
 * where the system refuses recvmmsg() (a seccomp filter: ENOSYS, EPERM),
 * for good. Returns the count, or -1 with errno.
 */
static int
udp_receive(struct dns_batch *b, int fd, struct mmsghdr *mm, struct iovec *iov,
    int nbuf)
{
	ssize_t n;
	int k;

	memset(mm, 0, (size_t)nbuf * sizeof(*mm));
	for (k = 0; k < nbuf; k++) {
		mm[k].msg_hdr.msg_iov = &iov[k];
		mm[k].msg_hdr.msg_iovlen = 1;
	}
	if (!b->no_mmsg) {
		k = recvmmsg(fd, mm, (unsigned)nbuf, MSG_DONTWAIT, NULL);
		if (k >= 0 || (errno != ENOSYS && errno != EPERM)) {
			return k;
		}
		b->no_mmsg = true;
	}
	n = recv(fd, iov[0].iov_base, iov[0].iov_len, MSG_DONTWAIT);
	if (n < 0) {
		return -1;
	}
	mm[0].msg_len = (unsigned)n;
	return 1;
}

/*
 * Read every datagram waiting on server si's socket and hand each to the
 * query that holds its ID. An error on the socket (ICMP port unreachable:
 * ECONNREFUSED) is the server's, so every query waiting on it moves on.
 * Up to RECV_BATCH datagrams come in one call: at scale a reply per
 * syscall is what the plugin spends its time on. Fewer than asked for
 * means the socket is empty for now (poll() says when there are more).
 */
static void
on_udp_socket(struct dns_batch *b, size_t si, double now)
{
	struct mmsghdr mm[RECV_BATCH];
	struct iovec iov[RECV_BATCH];
	uint8_t one[UDP_MAX];
	const uint8_t *buf;
	int want;
	int nbuf;
	int n;
	int k;
	int err;
	uint32_t idx;
	size_t i;
	struct query *q;
	char why[DNS_ERROR_MAX];
	char ebuf[128];

	/* As many slots as the batch has queries (it may have grown since:
	 * dns_batch_clear), up to RECV_BATCH; one goes into the stack.
	 * Pages the kernel does not write to stay unmapped. */
	want = b->n < RECV_BATCH ? (int)b->n : RECV_BATCH;
	if (want > 1 && (b->rbuf == NULL || b->nrbuf < want)) {
		free(b->rbuf);
		b->nrbuf = want;
		b->rbuf = malloc((size_t)want * UDP_MAX);
	}
	/* Short of memory too: one datagram a call, into the stack. */
	nbuf = b->rbuf != NULL ? b->nrbuf : 1;
	for (k = 0; k < nbuf; k++) {
		iov[k].iov_base =
		    nbuf == 1 ? one : b->rbuf + (size_t)k * UDP_MAX;
		iov[k].iov_len = UDP_MAX;
	}
	for (;;) {
		n = udp_receive(b, b->ufd[si], mm, iov, nbuf);
		if (n < 0) {
			err = errno;
			if (io_again()) {
				return;
			}
			snprintf(why, sizeof(why), "%s: %s", b->r->srv[si].text,
			    err == ECONNREFUSED
			        ? "connection refused (no DNS server on that "
			          "port)"
			        : text_strerror(err, ebuf, sizeof(ebuf)));
			for (i = 0; i < b->n; i++) {
				q = &b->q[i];
				if (q->st == Q_UDP && q->server == si) {
					copy_text(q->last_error,
					    sizeof(q->last_error), why);
					server_failed(b, q, DNS_ERROR, now);
				}
			}
			/* ICMP's refusal is reported once: read on. Another
			 * error may stay: leave it to the next wake. */
			if (err == ECONNREFUSED) {
				continue;
			}
			return;
		}
		for (k = 0; k < n; k++) {
			buf = iov[k].iov_base;
			if (mm[k].msg_len < 12) {
				continue;
			}
			idx = b->by_id[(uint16_t)(buf[0] << 8 | buf[1])];
			if (idx == 0) {
				continue; /* no query holds this ID: a stray */
			}
			q = &b->q[idx - 1];
			if (q->st == Q_UDP && q->server == si) {
				(void)handle_reply(b, q, buf,
				    (size_t)mm[k].msg_len, now);
			}
		}
		if (n < nbuf) {
			return;
		}
	}
}

static void
tcp_failed(struct dns_batch *b, struct query *q, const char *why, double now)
{
	snprintf(q->last_error, sizeof(q->last_error), "%s over TCP: %s",
	    b->r->srv[q->server].text, why);
	server_failed(b, q, DNS_ERROR, now);
}

static void
on_tcp(struct dns_batch *b, struct query *q, double now)
{
	uint8_t hdr[2];
	ssize_t k;
	int err = 0;
	socklen_t elen = sizeof(err);
	size_t total = q->wirelen + 2;
	char ebuf[128];

	if (q->st == Q_TCP_CONNECT) {
		if (getsockopt(q->fd, SOL_SOCKET, SO_ERROR, &err, &elen) != 0) {
			err = errno;
		}
		if (err != 0) {
			tcp_failed(b, q, text_strerror(err, ebuf, sizeof(ebuf)),
			    now);
			return;
		}
		q->st = Q_TCP_IO;
		q->in_need = 2;
	}
	while (q->out_sent < total) {
		/* RFC 1035 4.2.2: two-byte length, then the message. */
		hdr[0] = (uint8_t)(q->wirelen >> 8);
		hdr[1] = (uint8_t)q->wirelen;
		if (q->out_sent < 2) {
			k = send(q->fd, hdr + q->out_sent, 2 - q->out_sent,
			    MSG_NOSIGNAL | MSG_MORE);
		} else {
			k = send(q->fd, q->wire + (q->out_sent - 2),
			    total - q->out_sent, MSG_NOSIGNAL);
		}
		if (k < 0) {
			if (!io_again()) {
				tcp_failed(b, q,
				    text_strerror(errno, ebuf, sizeof(ebuf)),
				    now);
			}
			return;
		}
		q->out_sent += (size_t)k;
	}
	while (q->st == Q_TCP_IO) {
		/* The length first, then a buffer of just that size. */
		k = q->in_need == 2
		        ? recv(q->fd, q->lenbuf + q->in_have, 2 - q->in_have, 0)
		        : recv(q->fd, q->in + (q->in_have - 2),
		              q->in_need - q->in_have, 0);
		if (k == 0) {
			tcp_failed(b, q, "connection closed before the answer",
			    now);
			return;
		}
		if (k < 0) {
			if (!io_again()) {
				tcp_failed(b, q,
				    text_strerror(errno, ebuf, sizeof(ebuf)),
				    now);
			}
			return;
		}
		q->in_have += (size_t)k;
		if (q->in_have < q->in_need) {
			continue;
		}
		if (q->in_need == 2) {
			q->in_need =
			    2 + ((size_t)q->lenbuf[0] << 8 | q->lenbuf[1]);
			if (q->in_need < 2 + 12) {
				tcp_failed(b, q, "reply too short", now);
				return;
			}
			q->in = malloc(q->in_need - 2);
			if (q->in == NULL) {
				tcp_failed(b, q, "out of memory", now);
				return;
			}
			continue;
		}
		handle_reply(b, q, q->in, q->in_need - 2, now);
		return;
	}
}

/* The retransmission timer of q ran out. */
static void
on_retry(struct dns_batch *b, struct query *q, double now)
{
	const struct dns_resolver *r = b->r;

	if (q->st == Q_WAIT) {
		/* A held server's time came, or a descriptor may be free. */
		start_on_server(b, q, now);
		return;
	}
	snprintf(q->last_error, sizeof(q->last_error), "no answer from %s",
	    r->srv[q->server].text);
	q->silent |= 1u << q->server;
	r->health[q->server].silences++;
	if (r->nsrv > 1 && !q->pinned) {
		if (next_server(b, q, false, DNS_TIMEOUT, now) == 0) {
			q->use_tcp = r->tcp;
			start_on_server(b, q, now);
		}
		return;
	}
	if (q->st == Q_UDP && b->ufd[q->server] >= 0 &&
	    send(b->ufd[q->server], q->wire, q->wirelen, 0) ==
	        (ssize_t)q->wirelen) {
		q->ans.sends++;
	}
	q->next_retry = now + r->retry;
}

/* --- batches -------------------------------------------------------------- */

struct dns_batch *
dns_batch_new(const struct dns_resolver *r)
{
	struct dns_batch *b = calloc(1, sizeof(*b));
	size_t i;

	if (b == NULL) {
		return NULL;
	}
	/* 256 KB of mostly untouched (so unmapped) zero pages. */
	b->by_id = calloc(65536, sizeof(*b->by_id));
	if (b->by_id == NULL) {
		free(b);
		return NULL;
	}
	b->r = r;
	for (i = 0; i < DNS_MAX_SERVERS; i++) {
		b->ufd[i] = -1;
	}
	return b;
}

void
dns_answer_release(struct dns_answer *a)
{
	size_t i;

	if (a == NULL) {
		return;
	}
	for (i = 0; a->rr != NULL && i < a->nrr; i++) {
		free(a->rr[i].data);
	}
	free(a->rr);
	a->rr = NULL;
	a->nrr = 0;
	a->nrr_more = 0;
}

void
dns_batch_free(struct dns_batch *b)
{
	size_t i;

	if (b == NULL) {
		return;
	}
	for (i = 0; i < b->n; i++) {
		close_query_io(b, &b->q[i]);
		free(b->q[i].wire);
		dns_answer_release(&b->q[i].ans);
	}
	for (i = 0; i < DNS_MAX_SERVERS; i++) {
		if (b->ufd[i] >= 0) {
			close(b->ufd[i]);
		}
	}
	free(b->by_id);
	free(b->rbuf);
	free(b->q);
	free(b);
}

/*
 * A new query for qname/qtype. Field by field, not a memset: the struct
 * is mostly text buffers (3 KB) that need only an empty string, and at
 * 131,072 queries (a /16) clearing them all was the plugin's dearest step
 * outside the kernel. A field added to struct query or struct dns_answer
 * must be set here.
 */
static void
query_init(struct query *q, const char *qname, uint16_t qtype, bool tcp)
{
	struct dns_answer *a = &q->ans;

	q->st = Q_QUEUED;
	q->fd = -1;
	q->id = 0;
	q->id_held = false;
	q->use_tcp = tcp;
	copy_text(q->cur, sizeof(q->cur), qname);
	q->wire = NULL;
	q->wirelen = 0;
	q->server = 0;
	memset(q->hard, 0, sizeof(q->hard));
	memset(q->hold, 0, sizeof(q->hold));
	q->silent = 0;
	q->fd_wait = false;
	q->pinned = false;
	q->started = 0.0;
	q->next_retry = 0.0;
	memset(q->lenbuf, 0, sizeof(q->lenbuf));
	q->in = NULL;
	q->in_have = 0;
	q->in_need = 0;
	q->out_sent = 0;
	q->last_error[0] = '\0';
	q->hard_error[0] = '\0';

	a->status = DNS_TIMEOUT;
	a->rcode = -1;
	a->qtype = qtype;
	copy_text(a->qname, sizeof(a->qname), qname);
	copy_text(a->name, sizeof(a->name), qname);
	a->cname_hops = 0;
	a->rr = NULL;
	a->nrr = 0;
	a->nrr_more = 0;
	a->have_soa = false;
	a->zone[0] = '\0';
	a->soa_mname[0] = '\0';
	a->soa_rname[0] = '\0';
	a->soa_serial = 0;
	a->soa_ttl = 0;
	a->soa_minimum = 0;
	a->aa = false;
	a->ad = false;
	a->edns = false;
	a->tcp = false;
	a->sends = 0;
	a->elapsed = 0.0;
	a->server[0] = '\0';
	a->error[0] = '\0';
}

void
dns_batch_clear(struct dns_batch *b)
{
	size_t i;

	for (i = 0; i < b->n; i++) {
		release_id(b, &b->q[i]);
		close_query_io(b, &b->q[i]);
		free(b->q[i].wire);
		dns_answer_release(&b->q[i].ans);
	}
	b->n = 0;
}

int
dns_batch_add(struct dns_batch *b, const char *qname, uint16_t qtype)
{
	struct query *nq;
	uint8_t check[256];
	size_t ncap;

	if (strlen(qname) >= RDNS_NAME_TEXT_MAX ||
	    name_to_wire(qname, check, sizeof(check)) == 0) {
		errno = EINVAL;
		return -1;
	}
	if (b->n == b->cap) {
		ncap = b->cap == 0 ? 16 : b->cap * 2;
		nq = realloc(b->q, ncap * sizeof(*nq));
		if (nq == NULL) {
			errno = ENOMEM;
			return -1;
		}
		b->q = nq;
		b->cap = ncap;
	}
	query_init(&b->q[b->n], qname, qtype, b->r->tcp);
	return (int)b->n++;
}

int
dns_batch_add_at(struct dns_batch *b, const char *qname, uint16_t qtype,
    size_t server)
{
	int idx;

	if (server >= b->r->nsrv) {
		errno = EINVAL;
		return -1;
	}
	idx = dns_batch_add(b, qname, qtype);
	if (idx >= 0) {
		b->q[idx].pinned = true;
		b->q[idx].server = server;
	}
	return idx;
}

size_t
dns_batch_count(const struct dns_batch *b)
{
	return b->n;
}

const struct dns_answer *
dns_batch_answer(const struct dns_batch *b, size_t idx)
{
	return idx < b->n ? &b->q[idx].ans : NULL;
}

static bool
active(const struct query *q)
{
	return q->st != Q_QUEUED && q->st != Q_DONE;
}

/* "a, b or c": the servers whose bit is set in mask. */
static void
server_list(const struct dns_resolver *r, unsigned mask, char *out,
    size_t outlen)
{
	size_t used = 0;
	size_t k;
	size_t left = 0;
	int w;

	out[0] = '\0';
	for (k = 0; k < r->nsrv; k++) {
		left += (mask & (1u << k)) != 0 ? 1 : 0;
	}
	for (k = 0; k < r->nsrv && used < outlen; k++) {
		if ((mask & (1u << k)) == 0) {
			continue;
		}
		left--;
		w = snprintf(out + used, outlen - used, "%s%s",
		    used == 0 ? "" : (left == 0 ? " or " : ", "),
		    r->srv[k].text);
		if (w < 0) {
			break;
		}
		used += (size_t)w;
	}
}

/*
 * The deadline passed: every open query ends "could not tell", naming
 * what really happened: the servers that stayed silent, and the last one
 * that failed outright (refused, an error RCODE), or our own shortage.
 */
static void
expire_all(struct dns_batch *b, double now)
{
	const struct dns_resolver *r = b->r;
	size_t i;
	char list[DNS_ERROR_MAX];

	for (i = 0; i < b->n; i++) {
		struct query *q = &b->q[i];
		unsigned silent = q->silent;

		if (q->st == Q_DONE) {
			continue;
		}
		if (q->st == Q_UDP || q->st == Q_TCP_CONNECT ||
		    q->st == Q_TCP_IO) {
			silent |= 1u << q->server;
		}
		server_list(r, silent, list, sizeof(list));
		if (q->st == Q_WAIT && q->fd_wait) {
			snprintf(q->ans.error, sizeof(q->ans.error),
			    "%.120s, until the deadline", q->last_error);
		} else if (q->st == Q_QUEUED) {
			snprintf(q->ans.error, sizeof(q->ans.error),
			    "not asked before the deadline");
		} else if (silent != 0 && q->hard_error[0] != '\0') {
			snprintf(q->ans.error, sizeof(q->ans.error),
			    "no answer from %.90s in time; %.120s", list,
			    q->hard_error);
		} else if (silent != 0) {
			snprintf(q->ans.error, sizeof(q->ans.error),
			    "no answer from %.200s in time", list);
		} else {
			snprintf(q->ans.error, sizeof(q->ans.error),
			    "%.160s, and no time left to ask again",
			    q->hard_error[0] != '\0' ? q->hard_error
			                             : q->last_error);
		}
		finish(b, q, DNS_TIMEOUT, now);
	}
}

/*
 * The poll set: one entry per server socket with queries waiting on it,
 * then one per TCP query, of the queries lo .. hi-1 (the others are done or
 * not started). kind[i] is the server index for the former and
 * DNS_MAX_SERVERS + query index for the latter. Returns the count, and the
 * earliest retransmission time in *wake.
 */
static size_t
poll_set(struct dns_batch *b, size_t lo, size_t hi, struct pollfd *pfd,
    size_t *kind, size_t cap, double *wake)
{
	bool waiting[DNS_MAX_SERVERS] = {false};
	size_t np = 0;
	size_t i;

	for (i = lo; i < hi; i++) {
		struct query *q = &b->q[i];

		if (!active(q)) {
			continue;
		}
		if (q->next_retry < *wake) {
			*wake = q->next_retry;
		}
		if (q->st == Q_UDP) {
			waiting[q->server] = true;
			continue;
		}
		if (q->st == Q_WAIT) {
			continue; /* no socket: woken by next_retry */
		}
		if (np == cap) {
			continue;
		}
		pfd[np].fd = q->fd;
		pfd[np].events = q->st == Q_TCP_CONNECT ? POLLOUT
		                 : q->out_sent < q->wirelen + 2
		                     ? POLLIN | POLLOUT
		                     : POLLIN;
		pfd[np].revents = 0;
		kind[np++] = DNS_MAX_SERVERS + i;
	}
	for (i = 0; i < b->r->nsrv && np < cap; i++) {
		if (waiting[i] && b->ufd[i] >= 0) {
			pfd[np].fd = b->ufd[i];
			pfd[np].events = POLLIN;
			pfd[np].revents = 0;
			kind[np++] = i;
		}
	}
	return np;
}

int
dns_batch_run(struct dns_batch *b, double deadline)
{
	const struct dns_resolver *r = b->r;
	unsigned maxq =
	    r->max_inflight > 0 ? r->max_inflight : DEFAULT_INFLIGHT;
	size_t cap = (size_t)maxq + DNS_MAX_SERVERS;
	struct pollfd *pfd = calloc(cap, sizeof(*pfd));
	size_t *kind = calloc(cap, sizeof(*kind));
	size_t next = 0; /* queries before it have been started */
	size_t lo = 0;   /* and those before lo are done */
	size_t i;
	size_t np;
	size_t inflight;
	double now;
	double wake;
	int rc = 0;

	b->deadline = deadline;
	if (pfd == NULL || kind == NULL || r->nsrv == 0) {
		rc = -1;
		goto out;
	}
	for (;;) {
		now = clock_now();
		if (now >= deadline) {
			expire_all(b, now);
			break;
		}
		/*
		 * Queries start in order and mostly end in order, so the
		 * live ones sit in lo .. next-1, a window about maxq wide:
		 * each turn of the loop costs the window, not the batch
		 * (a batch of 1,000s of queries would cost n per reply).
		 */
		while (lo < next && b->q[lo].st == Q_DONE) {
			lo++;
		}
		inflight = 0;
		for (i = lo; i < next; i++) {
			inflight += active(&b->q[i]) ? 1 : 0;
		}
		while (next < b->n && inflight < maxq) {
			if (b->q[next].st == Q_QUEUED) {
				start_query(b, &b->q[next], now);
				inflight += active(&b->q[next]) ? 1 : 0;
			}
			next++;
		}
		wake = deadline;
		np = poll_set(b, lo, next, pfd, kind, cap, &wake);
		if (inflight == 0 && next >= b->n) {
			break;
		}
		/* With nothing to poll (queries in Q_WAIT), this sleeps. */
		if (poll(pfd, (nfds_t)np, clock_remaining_ms(wake)) < 0 &&
		    errno != EINTR) {
			rc = -1;
			goto out;
		}
		now = clock_now();
		for (i = 0; i < np; i++) {
			if (pfd[i].revents == 0) {
				continue;
			}
			if (kind[i] < DNS_MAX_SERVERS) {
				on_udp_socket(b, kind[i], now);
			} else if (active(&b->q[kind[i] - DNS_MAX_SERVERS])) {
				on_tcp(b, &b->q[kind[i] - DNS_MAX_SERVERS],
				    now);
			}
		}
		for (i = lo; i < next; i++) {
			struct query *q = &b->q[i];

			if (active(q) && now >= q->next_retry &&
			    now < deadline) {
				on_retry(b, q, now);
			}
		}
	}
out:
	if (rc != 0) {
		for (i = 0; i < b->n; i++) {
			if (b->q[i].st != Q_DONE) {
				snprintf(b->q[i].last_error,
				    sizeof(b->q[i].last_error),
				    "internal error: %s", strerror(errno));
				finish(b, &b->q[i], DNS_ERROR, clock_now());
			}
		}
	}
	free(pfd);
	free(kind);
	return rc;
}

int
dns_batch_run_timed(struct dns_batch *b, double deadline, double *dns_time)
{
	double t0 = clock_now();
	int rc;

	if (b == NULL || b->n == 0) {
		return 0;
	}
	rc = dns_batch_run(b, deadline);
	if (dns_time != NULL) {
		*dns_time += clock_now() - t0;
	}
	return rc;
}

int
dns_lookup(const struct dns_resolver *r, const char *qname, uint16_t qtype,
    double deadline, struct dns_answer *out)
{
	struct dns_batch *b = dns_batch_new(r);
	int idx;

	memset(out, 0, sizeof(*out));
	out->status = DNS_ERROR;
	out->rcode = -1;
	out->qtype = qtype;
	copy_text(out->qname, sizeof(out->qname), qname);
	if (b == NULL) {
		snprintf(out->error, sizeof(out->error), "out of memory");
		return -1;
	}
	idx = dns_batch_add(b, qname, qtype);
	if (idx < 0 && errno == ENOMEM) {
		snprintf(out->error, sizeof(out->error), "out of memory");
		dns_batch_free(b);
		return -1;
	}
	if (idx < 0) {
		snprintf(out->error, sizeof(out->error),
		    "'%.200s' is not a valid DNS name", qname);
		dns_batch_free(b);
		return -1;
	}
	(void)dns_batch_run(b, deadline);
	/* Hand the answer, records included, to the caller. */
	*out = b->q[idx].ans;
	b->q[idx].ans.rr = NULL;
	b->q[idx].ans.nrr = 0;
	dns_batch_free(b);
	return 0;
}
