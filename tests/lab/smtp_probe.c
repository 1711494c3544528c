/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * smtp_probe: what a real SMTP server answers a client from a chosen
 * source address, for the receivers' lab (tests/integration/receivers.sh).
 *
 *   smtp_probe SOURCE SERVER PORT HELO [data]
 *
 * Connects from SOURCE, sends EHLO HELO, MAIL FROM and RCPT TO, and prints
 * the first reply that is not 2xx, or the RCPT reply, as one line:
 *   STAGE CODE TEXT          e.g. "RCPT 450 4.7.25 Client host rejected: ..."
 * STAGE is GREETING, EHLO, MAIL or RCPT. With "data", an accepted RCPT is
 * followed by a short message, and the answer to its end is printed
 * (stage DATA). Then it drops the connection (no QUIT: Exim lingers after
 * QUIT). Exit 0 when a reply was read, 1 when the
 * session failed, 2 on a usage error.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "rdns.h"
#include "smtp.h"

#define PROBE_TIMEOUT 20.0

static int
answered(const char *stage, const struct smtp_reply *r)
{
	printf("%s %d %s\n", stage, r->code, r->first);
	return 0;
}

/* DATA, a minimal message, and the answer to its end. */
static int
send_data(struct smtp_session *s, double deadline, struct smtp_reply *r)
{
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	const char *const msg[] = {
	    "From: <sender@receivers.test>",
	    "To: <postmaster@receivers.test>",
	    "Subject: receivers lab",
	    date,
	    "Message-ID: <probe@receivers.test>",
	    "",
	    "A message of the receivers' lab.",
	    ".",
	};
	size_t i;

	/* A current date: an old one scores in SpamAssassin. */
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "Date: %a, %d %b %Y %H:%M:%S +0000", &tm);
	if (smtp_send(s, "DATA", deadline) != SMTP_OK ||
	    smtp_read_reply(s, deadline, r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: DATA: %s\n", s->error);
		return 1;
	}
	if (r->code != 354) {
		return answered("DATA", r);
	}
	for (i = 0; i < sizeof(msg) / sizeof(msg[0]); i++) {
		if (smtp_send(s, msg[i], deadline) != SMTP_OK) {
			fprintf(stderr, "smtp_probe: message: %s\n", s->error);
			return 1;
		}
	}
	if (smtp_read_reply(s, deadline, r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: end of data: %s\n", s->error);
		return 1;
	}
	return answered("DATA", r);
}

int
main(int argc, char *argv[])
{
	struct rdns_addr src, dst;
	struct sockaddr_storage ss_src, ss_dst;
	socklen_t l_src, l_dst;
	struct smtp_session s;
	struct smtp_reply r;
	char line[SMTP_LINE_MAX];
	double deadline;
	char *end;
	long port;
	int rc = 1;

	if (argc < 5 || argc > 6 ||
	    (argc == 6 && strcmp(argv[5], "data") != 0) ||
	    rdns_addr_parse(argv[1], &src, NULL) != 0 ||
	    rdns_addr_parse(argv[2], &dst, NULL) != 0) {
		fprintf(stderr,
		    "usage: smtp_probe SOURCE SERVER PORT HELO [data]\n");
		return 2;
	}
	port = strtol(argv[3], &end, 10);
	if (*end != '\0' || port < 1 || port > 65535) {
		fprintf(stderr, "smtp_probe: bad port '%s'\n", argv[3]);
		return 2;
	}
	l_src = rdns_addr_sockaddr(&src, 0, &ss_src);
	l_dst = rdns_addr_sockaddr(&dst, (unsigned)port, &ss_dst);
	deadline = clock_now() + PROBE_TIMEOUT;
	smtp_init(&s);
	if (smtp_connect_from(&s, (struct sockaddr *)&ss_dst, l_dst,
	        (struct sockaddr *)&ss_src, l_src, deadline) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: connect: %s\n", s.error);
		goto out;
	}
	if (smtp_read_reply(&s, deadline, &r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: greeting: %s\n", s.error);
		goto out;
	}
	if (r.code >= 300) {
		rc = answered("GREETING", &r);
		goto out;
	}
	if (smtp_ehlo(&s, argv[4], deadline, &r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: EHLO: %s\n", s.error);
		goto out;
	}
	if (r.code >= 300) {
		rc = answered("EHLO", &r);
		goto out;
	}
	if (smtp_send(&s, "MAIL FROM:<sender@receivers.test>", deadline) !=
	        SMTP_OK ||
	    smtp_read_reply(&s, deadline, &r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: MAIL: %s\n", s.error);
		goto out;
	}
	if (r.code >= 300) {
		rc = answered("MAIL", &r);
		goto out;
	}
	snprintf(line, sizeof(line), "RCPT TO:<postmaster@receivers.test>");
	if (smtp_send(&s, line, deadline) != SMTP_OK ||
	    smtp_read_reply(&s, deadline, &r) != SMTP_OK) {
		fprintf(stderr, "smtp_probe: RCPT: %s\n", s.error);
		goto out;
	}
	if (argc == 5 || r.code >= 300) {
		rc = answered("RCPT", &r);
		goto out;
	}
	rc = send_data(&s, deadline, &r);
out:
	smtp_release(&s);
	return rc;
}
