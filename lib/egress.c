/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "egress.h"
#include "text.h"

/* "WHAT: strerror" in the suite's lowercase. */
static void
set_err(char *err, size_t errlen, const char *what, int e)
{
	char msg[128];

	text_strerror(e, msg, sizeof(msg));
	text_err(err, errlen, "%s: %s", what, msg);
}

int
egress_source(const struct rdns_addr *dest, struct rdns_addr *src, char *err,
    size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t len = rdns_addr_sockaddr(dest, 25, &ss);
	int fd;
	int rc = -1;

	fd = socket(dest->family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		set_err(err, errlen, "socket", errno);
		return -1;
	}
	/* UDP connect() picks the route and the source; it sends nothing. */
	if (connect(fd, (struct sockaddr *)&ss, len) != 0) {
		set_err(err, errlen, "no route", errno);
		goto out;
	}
	len = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		set_err(err, errlen, "getsockname", errno);
		goto out;
	}
	if (rdns_addr_from_sockaddr(&ss, src) != 0) {
		snprintf(err, errlen, "the source address is not IP");
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}
