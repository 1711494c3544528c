#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "egress.h"

/* strerror() in lowercase, as the other errors of the suite. */
static void
set_err(char *err, size_t errlen, const char *what, int e)
{
	if (errlen == 0) {
		return;
	}
	snprintf(err, errlen, "%s: %s", what, strerror(e));
	if (strlen(what) + 2 < errlen && err[strlen(what) + 2] >= 'A' &&
	    err[strlen(what) + 2] <= 'Z') {
		err[strlen(what) + 2] =
		    (char)(err[strlen(what) + 2] - 'A' + 'a');
	}
}

int
egress_source(const struct rdns_addr *dest, struct rdns_addr *src,
    char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;
	socklen_t len;
	char text[INET6_ADDRSTRLEN];
	const void *a;
	int fd;
	int rc = -1;

	memset(&ss, 0, sizeof(ss));
	if (dest->family == AF_INET) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(25);
		memcpy(&sin->sin_addr, dest->bytes, 4);
		len = sizeof(*sin);
	} else {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(25);
		memcpy(&sin6->sin6_addr, dest->bytes, 16);
		len = sizeof(*sin6);
	}
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
	a = ss.ss_family == AF_INET ? (const void *)&sin->sin_addr
				    : (const void *)&sin6->sin6_addr;
	if (inet_ntop(ss.ss_family, a, text, sizeof(text)) == NULL ||
	    rdns_addr_parse(text, src, NULL) != 0) {
		snprintf(err, errlen, "the source address is not IP");
		goto out;
	}
	rc = 0;
out:
	close(fd);
	return rc;
}
