/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

/*
 * floor_query: the least a PTR check can cost. Sends one UDP query for
 * the PTR of an IPv4 address to one server and waits for the answer: a
 * hand-built packet (RFC 1035 4.1), no ldns, no OpenSSL, libc only. It
 * checks the reply's ID, QR bit and question count, and exits 0 on
 * NOERROR, 1 on any other rcode, 2 on error or after 2 s without answer.
 * bench/run times it as the one-query floor of issue 9.
 *
 *   floor_query SERVER-IPv4 PORT ADDRESS-IPv4
 *
 * Not done: IPv6, TCP, retries, parsing of the answer records.
 */

#define QBUF 512
#define WAIT_MS 2000

/* Append the in-addr.arpa name of a (RFC 1035 3.5) as labels to p. */
static size_t
put_reverse(uint8_t *p, size_t cap, const struct in_addr *a)
{
	const uint8_t *b = (const uint8_t *)&a->s_addr;
	char lab[4];
	size_t n = 0;
	int i;
	int len;

	for (i = 3; i >= 0; i--) {
		len = snprintf(lab, sizeof(lab), "%u", (unsigned)b[i]);
		if (len < 0 || (size_t)len >= sizeof(lab) ||
		    n + 1 + (size_t)len > cap) {
			return 0;
		}
		p[n++] = (uint8_t)len;
		memcpy(p + n, lab, (size_t)len);
		n += (size_t)len;
	}
	if (n + 14 > cap) {
		return 0;
	}
	memcpy(p + n, "\007in-addr\004arpa", 13);
	n += 13;
	p[n++] = 0;
	return n;
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sa;
	struct in_addr addr;
	struct pollfd pfd;
	uint8_t q[QBUF];
	uint8_t r[QBUF];
	uint16_t id = 0;
	unsigned long port;
	char *end = NULL;
	size_t n;
	size_t qlen;
	ssize_t got;
	int fd;

	if (argc != 4) {
		fputs("usage: floor_query SERVER-IPv4 PORT ADDRESS-IPv4\n",
		    stderr);
		return 2;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	errno = 0;
	port = strtoul(argv[2], &end, 10);
	if (errno != 0 || end == argv[2] || *end != '\0' || port == 0 ||
	    port > 65535 || inet_pton(AF_INET, argv[1], &sa.sin_addr) != 1 ||
	    inet_pton(AF_INET, argv[3], &addr) != 1) {
		fputs("floor_query: bad server, port or address\n", stderr);
		return 2;
	}
	sa.sin_port = htons((uint16_t)port);
	if (getrandom(&id, sizeof(id), GRND_NONBLOCK) != (ssize_t)sizeof(id)) {
		id = (uint16_t)getpid();
	}

	/* Header: ID, RD=0, QDCOUNT 1; then QNAME, QTYPE PTR, QCLASS IN. */
	memset(q, 0, 12);
	q[0] = (uint8_t)(id >> 8);
	q[1] = (uint8_t)(id & 0xff);
	q[5] = 1;
	n = put_reverse(q + 12, sizeof(q) - 12 - 4, &addr);
	if (n == 0) {
		return 2;
	}
	qlen = 12 + n;
	q[qlen++] = 0;
	q[qlen++] = 12;
	q[qlen++] = 0;
	q[qlen++] = 1;

	fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		perror("floor_query: socket");
		return 2;
	}
	if (connect(fd, (const struct sockaddr *)&sa, sizeof(sa)) != 0 ||
	    send(fd, q, qlen, 0) != (ssize_t)qlen) {
		perror("floor_query: send");
		close(fd);
		return 2;
	}
	pfd.fd = fd;
	pfd.events = POLLIN;
	for (;;) {
		pfd.revents = 0;
		if (poll(&pfd, 1, WAIT_MS) <= 0) {
			fputs("floor_query: no answer\n", stderr);
			close(fd);
			return 2;
		}
		got = recv(fd, r, sizeof(r), 0);
		if (got < 0) {
			perror("floor_query: recv");
			close(fd);
			return 2;
		}
		/* Ours: same ID, QR set, one question. */
		if (got >= 12 && r[0] == q[0] && r[1] == q[1] &&
		    (r[2] & 0x80) != 0 && r[4] == 0 && r[5] == 1) {
			break;
		}
	}
	close(fd);
	return (r[3] & 0x0f) == 0 ? 0 : 1;
}
