/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
 * hostile_smtp: a scripted SMTP server for the tests, one connection at a
 * time, that misbehaves on purpose in the ways a probe must survive: a
 * multi-line greeting, a 1000-line reply, a 100 KB line, a greeting that
 * drips one byte at a time, a close in the middle of a reply, no greeting
 * at all, 8-bit garbage, a NUL, a greeting name holding '|', a negative
 * greeting. In mode "ok" it is a polite server (RFC 5321 4.2, 4.3.1) whose
 * greeting and EHLO names are options, and every mode records the bytes
 * the client sent (-r) so a test can assert the exact transcript. Modes
 * "reflect" and "reflect-gmail" answer EHLO the way Exim ("Hello HELO
 * [ADDR]", without looking the client up) and Gmail ("at your service,
 * [ADDR]") tell a client what they see of it; -R reports another address,
 * as a receiver behind NAT would see.
 *
 *   hostile_smtp -m MODE [-a ADDR]... [-p PORT] [-n NAME] [-e EHLO-NAME]
 *                [-c CODE] [-d MS] [-r RECORD] [-f PIDFILE] [-l SECONDS]
 *                [-R ADDRESS-REPORTED]
 *
 * Listens on loopback only (127.0.0.0/8 and ::1; -a is checked), on one
 * port for every -a (0: the first free one), prints that port on stdout,
 * writes its pid to PIDFILE and exits by itself after -l seconds (60).
 */

#define MAX_LISTEN 2
#define SESSION_MAX_MS 30000

struct cfg {
	const char *mode;
	const char *name; /* greeting name */
	const char *ehlo; /* EHLO name, default name */
	const char *code; /* greeting code in mode ok */
	int drip_ms;
	const char *record;
	bool no_ehlo;
	double end;           /* time to exit */
	const char *reported; /* -R: the client address we claim to see */
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
usage(void)
{
	fprintf(stderr,
	    "usage: hostile_smtp -m "
	    "ok|multiline|lines1000|longline|drip|close|silent|garbage|nul|"
	    "pipe|nogreet-close|reflect|reflect-gmail\n"
	    "       [-a ADDR]... [-p PORT] [-n NAME] [-e EHLO-NAME] [-c CODE] "
	    "[-d MS]\n"
	    "       [-r RECORD] [-f PIDFILE] [-l SECONDS] [-x] (-x: 502 to "
	    "EHLO)\n"
	    "       [-R ADDRESS-REPORTED]\n");
	exit(2);
}

/* Send all of buf; false when the client went away. */
static bool
send_all(int fd, const char *buf, size_t len)
{
	size_t off = 0;
	ssize_t n;

	while (off < len) {
		n = send(fd, buf + off, len - off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return false;
		}
		off += (size_t)n;
	}
	return true;
}

static bool
say(int fd, const char *line)
{
	char buf[1200];
	int n = snprintf(buf, sizeof(buf), "%s\r\n", line);

	if (n < 0 || (size_t)n >= sizeof(buf)) {
		return false;
	}
	return send_all(fd, buf, (size_t)n);
}

static void
record(const struct cfg *c, const char *buf, size_t len)
{
	FILE *f;

	if (c->record == NULL) {
		return;
	}
	f = fopen(c->record, "a");
	if (f == NULL) {
		return;
	}
	fwrite(buf, 1, len, f);
	fclose(f);
}

/*
 * Read one command line into line (CRLF removed), recording the raw bytes.
 * Returns false on EOF, error or when the session time is up.
 */
static bool
read_line(const struct cfg *c, int fd, double until, char *line, size_t len)
{
	size_t used = 0;
	char ch;
	ssize_t n;
	struct pollfd p;
	int ms;

	for (;;) {
		ms = (int)((until - now()) * 1000.0);
		if (ms <= 0) {
			return false;
		}
		p.fd = fd;
		p.events = POLLIN;
		p.revents = 0;
		if (poll(&p, 1, ms) <= 0) {
			continue;
		}
		n = recv(fd, &ch, 1, 0);
		if (n <= 0) {
			return false;
		}
		record(c, &ch, 1);
		if (ch == '\n') {
			if (used > 0 && line[used - 1] == '\r') {
				used--;
			}
			line[used] = '\0';
			return true;
		}
		if (used + 1 < len) {
			line[used++] = ch;
		}
	}
}

/* Wait (recording) until the client closes or the session time is up. */
static void
drain(const struct cfg *c, int fd, double until)
{
	char line[1024];

	while (read_line(c, fd, until, line, sizeof(line))) {
		/* keep reading */
	}
}

/* The client's address as text, or -R's. */
static void
client_text(const struct cfg *c, int fd, char *buf, size_t len)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	const void *a = &((struct sockaddr_in *)&ss)->sin_addr;

	snprintf(buf, len, "%s", c->reported != NULL ? c->reported : "?");
	if (c->reported != NULL ||
	    getpeername(fd, (struct sockaddr *)&ss, &sslen) != 0) {
		return;
	}
	if (ss.ss_family == AF_INET6) {
		a = &((struct sockaddr_in6 *)&ss)->sin6_addr;
	}
	inet_ntop(ss.ss_family, a, buf, (socklen_t)len);
}

/* The first line of an EHLO reply that says what we see of the client. */
static void
reflect_line(const struct cfg *c, int fd, const char *helo, char *buf,
    size_t len)
{
	char who[INET6_ADDRSTRLEN + 1];

	client_text(c, fd, who, sizeof(who));
	if (strcmp(c->mode, "reflect-gmail") == 0) {
		snprintf(buf, len, "250-%.200s at your service, [%s]", c->ehlo,
		    who);
	} else {
		snprintf(buf, len, "250-%.200s Hello %.200s [%s]", c->ehlo,
		    helo, who);
	}
}

/* The polite part: answer commands until QUIT. */
static void
converse(const struct cfg *c, int fd, double until)
{
	char line[1024];
	char buf[1100];
	char first[512];

	while (read_line(c, fd, until, line, sizeof(line))) {
		if (strncasecmp(line, "EHLO", 4) == 0) {
			if (c->no_ehlo) {
				say(fd, "502 5.5.2 EHLO not implemented");
				continue;
			}
			if (strncmp(c->mode, "reflect", 7) == 0) {
				reflect_line(c, fd,
				    line[4] == ' ' ? line + 5 : "", first,
				    sizeof(first));
				snprintf(buf, sizeof(buf),
				    "%s\r\n250-PIPELINING\r\n250 8BITMIME",
				    first);
				say(fd, buf);
				continue;
			}
			/* One write: no Nagle/delayed-ACK stall. */
			snprintf(buf, sizeof(buf),
			    "250-%s greets you\r\n250-PIPELINING\r\n"
			    "250 8BITMIME",
			    c->ehlo);
			say(fd, buf);
		} else if (strncasecmp(line, "HELO", 4) == 0) {
			snprintf(buf, sizeof(buf), "250 %s", c->ehlo);
			say(fd, buf);
		} else if (strncasecmp(line, "QUIT", 4) == 0) {
			say(fd, "221 2.0.0 Bye");
			return;
		} else {
			say(fd, "502 5.5.2 Command not implemented");
		}
	}
}

static void
session(const struct cfg *c, int fd)
{
	double until = now() + SESSION_MAX_MS / 1000.0;
	char buf[1200];
	const char *m = c->mode;
	size_t i;

	if (until > c->end) {
		until = c->end;
	}
	if (strcmp(m, "ok") == 0 || strncmp(m, "reflect", 7) == 0) {
		snprintf(buf, sizeof(buf), "%s %s ESMTP hostile_smtp", c->code,
		    c->name);
		say(fd, buf);
		if (c->code[0] == '2') {
			converse(c, fd, until);
		} else {
			drain(c, fd, until);
		}
	} else if (strcmp(m, "multiline") == 0) {
		snprintf(buf, sizeof(buf),
		    "220-%s ESMTP hostile_smtp\r\n220-second line of the "
		    "greeting\r\n220 third line",
		    c->name);
		say(fd, buf);
		converse(c, fd, until);
	} else if (strcmp(m, "lines1000") == 0) {
		snprintf(buf, sizeof(buf), "220-%s ESMTP hostile_smtp",
		    c->name);
		say(fd, buf);
		for (i = 2; i < 1000; i++) {
			snprintf(buf, sizeof(buf), "220-line %zu", i);
			if (!say(fd, buf)) {
				return;
			}
		}
		say(fd, "220 line 1000");
		converse(c, fd, until);
	} else if (strcmp(m, "longline") == 0) {
		char *big = malloc(100 * 1024 + 3);

		if (big == NULL) {
			return;
		}
		memset(big, 'x', 100 * 1024);
		memcpy(big, "220 ", 4);
		memcpy(big + 100 * 1024, "\r\n", 3);
		send_all(fd, big, 100 * 1024 + 2);
		free(big);
		converse(c, fd, until);
	} else if (strcmp(m, "drip") == 0) {
		struct timespec ts = {c->drip_ms / 1000,
		    (long)(c->drip_ms % 1000) * 1000000L};

		snprintf(buf, sizeof(buf), "220 %s ESMTP hostile_smtp\r\n",
		    c->name);
		for (i = 0; buf[i] != '\0' && now() < until; i++) {
			if (!send_all(fd, buf + i, 1)) {
				return;
			}
			nanosleep(&ts, NULL);
		}
		converse(c, fd, until);
	} else if (strcmp(m, "close") == 0) {
		snprintf(buf, sizeof(buf), "220-%s ESMTP\r\n220-and then th",
		    c->name);
		send_all(fd, buf, strlen(buf));
	} else if (strcmp(m, "silent") == 0) {
		drain(c, fd, until);
	} else if (strcmp(m, "nogreet-close") == 0) {
		/* accept and close at once */
	} else if (strcmp(m, "garbage") == 0) {
		static const char junk[] =
		    "220 \xff\xfe\x80mail\x90\xc3(\xed\xa0"
		    "\x80 ESMTP\r\n";

		send_all(fd, junk, sizeof(junk) - 1);
		drain(c, fd, until);
	} else if (strcmp(m, "nul") == 0) {
		static const char nul[] = "220 mail.example.test\0 ESMTP\r\n";

		send_all(fd, nul, sizeof(nul) - 1);
		drain(c, fd, until);
	} else if (strcmp(m, "pipe") == 0) {
		say(fd, "220 mail|x=1.example.test ESMTP | bad=2");
		converse(c, fd, until);
	}
}

/* Only loopback: the tests must never listen on a real network. */
static int
parse_addr(const char *text, struct sockaddr_storage *ss, socklen_t *len)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, text, &sin->sin_addr) == 1) {
		if ((ntohl(sin->sin_addr.s_addr) >> 24) != 127) {
			return -1;
		}
		sin->sin_family = AF_INET;
		*len = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, text, &sin6->sin6_addr) == 1) {
		if (!IN6_IS_ADDR_LOOPBACK(&sin6->sin6_addr)) {
			return -1;
		}
		sin6->sin6_family = AF_INET6;
		*len = sizeof(*sin6);
		return 0;
	}
	return -1;
}

static void
set_port(struct sockaddr_storage *ss, unsigned port)
{
	if (ss->ss_family == AF_INET) {
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	} else {
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
	}
}

static unsigned
get_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		return 0;
	}
	if (ss.ss_family == AF_INET) {
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	}
	return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
}

int
main(int argc, char *argv[])
{
	struct cfg c = {"ok", "mail.example.test", NULL, "220", 300, NULL,
	    false, 0, NULL};
	const char *addrs[MAX_LISTEN];
	size_t naddrs = 0;
	struct pollfd pfd[MAX_LISTEN];
	const char *pidfile = NULL;
	unsigned long port = 0;
	unsigned long lifetime = 60;
	char *end;
	size_t i;
	int opt;
	int one = 1;
	FILE *f;

	while ((opt = getopt(argc, argv, "m:a:p:n:e:c:d:r:f:l:xR:")) != -1) {
		switch (opt) {
		case 'm':
			c.mode = optarg;
			break;
		case 'a':
			if (naddrs == MAX_LISTEN) {
				usage();
			}
			addrs[naddrs++] = optarg;
			break;
		case 'p':
			port = strtoul(optarg, &end, 10);
			if (*end != '\0' || port > 65535) {
				usage();
			}
			break;
		case 'n':
			c.name = optarg;
			break;
		case 'e':
			c.ehlo = optarg;
			break;
		case 'c':
			c.code = optarg;
			break;
		case 'd':
			c.drip_ms = (int)strtol(optarg, &end, 10);
			if (*end != '\0' || c.drip_ms < 0 ||
			    c.drip_ms > 10000) {
				usage();
			}
			break;
		case 'r':
			c.record = optarg;
			break;
		case 'f':
			pidfile = optarg;
			break;
		case 'l':
			lifetime = strtoul(optarg, &end, 10);
			if (*end != '\0' || lifetime == 0 || lifetime > 3600) {
				usage();
			}
			break;
		case 'x':
			c.no_ehlo = true;
			break;
		case 'R':
			c.reported = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc) {
		usage();
	}
	if (naddrs == 0) {
		addrs[naddrs++] = "127.0.0.1";
	}
	if (c.ehlo == NULL) {
		c.ehlo = c.name;
	}
	c.end = now() + (double)lifetime;
	signal(SIGPIPE, SIG_IGN);
	for (i = 0; i < naddrs; i++) {
		struct sockaddr_storage ss;
		socklen_t len;

		if (parse_addr(addrs[i], &ss, &len) != 0) {
			fprintf(stderr,
			    "hostile_smtp: %s is not a loopback "
			    "address\n",
			    addrs[i]);
			return 1;
		}
		set_port(&ss, (unsigned)port);
		pfd[i].fd = socket(ss.ss_family, SOCK_STREAM, 0);
		pfd[i].events = POLLIN;
		if (pfd[i].fd < 0) {
			perror("hostile_smtp: socket");
			return 1;
		}
		setsockopt(pfd[i].fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
		if (ss.ss_family == AF_INET6) {
			setsockopt(pfd[i].fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
			    sizeof(one));
		}
		if (bind(pfd[i].fd, (struct sockaddr *)&ss, len) != 0 ||
		    listen(pfd[i].fd, 16) != 0) {
			fprintf(stderr, "hostile_smtp: bind %s port %lu: %s\n",
			    addrs[i], port, strerror(errno));
			return 1;
		}
		/* Every address listens on the port the first one got. */
		port = get_port(pfd[i].fd);
	}
	if (pidfile != NULL) {
		f = fopen(pidfile, "w");
		if (f == NULL) {
			perror("hostile_smtp: pidfile");
			return 1;
		}
		fprintf(f, "%ld\n", (long)getpid());
		fclose(f);
	}
	printf("%lu\n", port);
	fflush(stdout);
	for (;;) {
		int ms = (int)((c.end - now()) * 1000.0);
		int fd;

		if (ms <= 0) {
			break;
		}
		if (poll(pfd, naddrs, ms) <= 0) {
			continue;
		}
		for (i = 0; i < naddrs; i++) {
			if ((pfd[i].revents & POLLIN) == 0) {
				continue;
			}
			fd = accept(pfd[i].fd, NULL, NULL);
			if (fd < 0) {
				continue;
			}
			session(&c, fd);
			close(fd);
		}
	}
	if (pidfile != NULL) {
		unlink(pidfile);
	}
	return 0;
}
