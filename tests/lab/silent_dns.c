#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/*
 * silent_dns: a misbehaving DNS server for the integration tests (tests/lab).
 *
 * It binds UDP and TCP on one address and port (IPv4 or IPv6), writes its
 * pid, and then plays one behaviour ("mode") against every client. The only
 * mode so far is "silent": TCP connections are accepted and held open, UDP
 * datagrams and TCP bytes are read and dropped, nothing is ever answered.
 * A resolver talking to it must hit its own timeout (RFC 1035 section
 * 4.2.1 gives the server no duty to answer; RFC 7766 section 6.2.3 lets a
 * client time out an idle TCP connection). Each behaviour is one function
 * reached through the mode table, so later modes (truncation, garbage,
 * wrong IDs, slow answers) plug in beside it.
 *
 * It exits by itself after -l seconds (default 600), so that a lab left
 * behind by a killed test run does not live forever, and on SIGTERM, SIGINT
 * or SIGHUP (taken synchronously through a signalfd: no global state).
 *
 * Usage: silent_dns -a ADDR -p PORT -f PIDFILE [-l SECONDS] [-m MODE]
 * With -p 0 it picks a port free for both UDP and TCP and prints it on
 * stdout (one line) once both sockets are bound and the pid file is written.
 */

#define SILENT_MAX_CONNS 64
#define SILENT_BUFSIZE 65536
#define SILENT_DEFAULT_LIFETIME 600L
#define SILENT_MAX_LIFETIME 86400L
#define SILENT_PORT_TRIES 64

struct server;

/* One behaviour: what to do with a datagram and with TCP bytes. */
struct mode {
	const char *name;
	void (*on_udp)(struct server *srv, const uint8_t *buf, size_t len,
	    const struct sockaddr *from, socklen_t fromlen);
	void (*on_tcp)(struct server *srv, int conn_index, const uint8_t *buf,
	    size_t len);
};

struct server {
	const struct mode *mode;
	int udp_fd;
	int tcp_fd;
	int sig_fd;
	int conns[SILENT_MAX_CONNS];
	size_t nconns;
	unsigned long udp_seen;
	unsigned long tcp_seen;
};

static void silent_udp(struct server *srv, const uint8_t *buf, size_t len,
    const struct sockaddr *from, socklen_t fromlen);
static void silent_tcp(struct server *srv, int conn_index,
    const uint8_t *buf, size_t len);

static const struct mode modes[] = {
	{ "silent", silent_udp, silent_tcp },
};

/* "silent": count the datagram and drop it. */
static void
silent_udp(struct server *srv, const uint8_t *buf, size_t len,
    const struct sockaddr *from, socklen_t fromlen)
{
	(void)buf;
	(void)len;
	(void)from;
	(void)fromlen;
	srv->udp_seen++;
}

/* "silent": count the TCP bytes and drop them; the connection stays open. */
static void
silent_tcp(struct server *srv, int conn_index, const uint8_t *buf,
    size_t len)
{
	(void)conn_index;
	(void)buf;
	srv->tcp_seen += len;
}

static void
usage(FILE *fp)
{
	fprintf(fp, "usage: silent_dns -a ADDR -p PORT -f PIDFILE "
	    "[-l SECONDS] [-m MODE]\n"
	    "  -a ADDR     IPv4 or IPv6 address to bind (numeric)\n"
	    "  -p PORT     UDP and TCP port; 0 picks one and prints it\n"
	    "  -f PIDFILE  file to write the pid to\n"
	    "  -l SECONDS  exit after this long (default %ld, max %ld)\n"
	    "  -m MODE     behaviour: silent (default)\n",
	    SILENT_DEFAULT_LIFETIME, SILENT_MAX_LIFETIME);
}

/* Decimal in [min, max] into *out; -1 on anything else. */
static int
parse_long(const char *s, long min, long max, long *out)
{
	char *end = NULL;
	long v;

	if (s == NULL || *s < '0' || *s > '9') {
		return -1;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		return -1;
	}
	*out = v;
	return 0;
}

static const struct mode *
find_mode(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		if (strcmp(modes[i].name, name) == 0) {
			return &modes[i];
		}
	}
	return NULL;
}

/* Numeric address and port into *ss; -1 when addr is not an IP literal. */
static int
make_sockaddr(const char *addr, unsigned int port,
    struct sockaddr_storage *ss, socklen_t *sslen)
{
	struct addrinfo hints;
	struct addrinfo *res = NULL;
	char portstr[16];
	int n;

	n = snprintf(portstr, sizeof(portstr), "%u", port);
	if (n < 0 || (size_t)n >= sizeof(portstr)) {
		return -1;
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_DGRAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV | AI_PASSIVE;
	if (getaddrinfo(addr, portstr, &hints, &res) != 0 || res == NULL) {
		return -1;
	}
	if (res->ai_addrlen > sizeof(*ss)) {
		freeaddrinfo(res);
		return -1;
	}
	memset(ss, 0, sizeof(*ss));
	memcpy(ss, res->ai_addr, res->ai_addrlen);
	*sslen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

static void
set_port(struct sockaddr_storage *ss, unsigned int port)
{
	if (ss->ss_family == AF_INET6) {
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
	} else {
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
	}
}

static unsigned int
get_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0) {
		return 0;
	}
	if (ss.ss_family == AF_INET6) {
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	}
	return ntohs(((struct sockaddr_in *)&ss)->sin_port);
}

/* A non-blocking socket of type on ss, bound; -1 with errno set on failure. */
static int
bind_one(const struct sockaddr_storage *ss, socklen_t sslen, int type)
{
	int fd;
	int one = 1;
	int saved;

	fd = socket(ss->ss_family, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		return -1;
	}
	if (ss->ss_family == AF_INET6) {
		(void)setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
		    sizeof(one));
	}
	if (type == SOCK_STREAM) {
		(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one,
		    sizeof(one));
	}
	if (bind(fd, (const struct sockaddr *)ss, sslen) != 0) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/*
 * Bind TCP (listening) and UDP on the same port. With port 0 the kernel
 * picks the TCP port and UDP follows; when that UDP port is taken, try again.
 */
static int
bind_both(struct server *srv, const char *addr, unsigned int port,
    char *err, size_t errlen)
{
	struct sockaddr_storage ss;
	socklen_t sslen;
	unsigned int chosen;
	int tries;

	if (make_sockaddr(addr, port, &ss, &sslen) != 0) {
		snprintf(err, errlen, "not a numeric IP address: %s", addr);
		return -1;
	}
	for (tries = 0; tries < SILENT_PORT_TRIES; tries++) {
		set_port(&ss, port);
		srv->tcp_fd = bind_one(&ss, sslen, SOCK_STREAM);
		if (srv->tcp_fd < 0) {
			snprintf(err, errlen, "tcp bind %s port %u: %s", addr,
			    port, strerror(errno));
			return -1;
		}
		if (listen(srv->tcp_fd, 16) != 0) {
			snprintf(err, errlen, "listen: %s", strerror(errno));
			return -1;
		}
		chosen = get_port(srv->tcp_fd);
		set_port(&ss, chosen);
		srv->udp_fd = bind_one(&ss, sslen, SOCK_DGRAM);
		if (srv->udp_fd >= 0) {
			return (int)chosen;
		}
		if (port != 0 || errno != EADDRINUSE) {
			snprintf(err, errlen, "udp bind %s port %u: %s", addr,
			    chosen, strerror(errno));
			return -1;
		}
		close(srv->tcp_fd);
		srv->tcp_fd = -1;
	}
	snprintf(err, errlen, "no port free for both udp and tcp on %s", addr);
	return -1;
}

static int
write_pidfile(const char *path, char *err, size_t errlen)
{
	char buf[32];
	int fd;
	int n;

	n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());
	if (n < 0 || (size_t)n >= sizeof(buf)) {
		snprintf(err, errlen, "pid does not fit");
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (write(fd, buf, (size_t)n) != (ssize_t)n) {
		snprintf(err, errlen, "%s: write failed", path);
		close(fd);
		return -1;
	}
	if (close(fd) != 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Block the stop signals and return a signalfd that reports them. */
static int
open_sigfd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) != 0) {
		return -1;
	}
	return signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
}

static double
now_seconds(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
		return 0.0;
	}
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
accept_conn(struct server *srv)
{
	int fd;

	fd = accept4(srv->tcp_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0) {
		return;
	}
	if (srv->nconns >= SILENT_MAX_CONNS) {
		close(fd);
		return;
	}
	srv->conns[srv->nconns] = fd;
	srv->nconns++;
}

static void
drop_conn(struct server *srv, size_t i)
{
	close(srv->conns[i]);
	srv->nconns--;
	srv->conns[i] = srv->conns[srv->nconns];
}

static void
read_udp(struct server *srv, uint8_t *buf, size_t bufsize)
{
	struct sockaddr_storage from;
	socklen_t fromlen;
	ssize_t n;
	int i;

	/* Drain a bounded batch so one flood cannot starve the other fds. */
	for (i = 0; i < 64; i++) {
		fromlen = sizeof(from);
		n = recvfrom(srv->udp_fd, buf, bufsize, 0,
		    (struct sockaddr *)&from, &fromlen);
		if (n < 0) {
			return;
		}
		srv->mode->on_udp(srv, buf, (size_t)n,
		    (const struct sockaddr *)&from, fromlen);
	}
}

/* Returns 0 to keep the connection, -1 when the peer closed it. */
static int
read_tcp(struct server *srv, size_t i, uint8_t *buf, size_t bufsize)
{
	ssize_t n;

	n = read(srv->conns[i], buf, bufsize);
	if (n == 0) {
		return -1;
	}
	if (n < 0) {
		if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) {
			return 0;
		}
		return -1;
	}
	srv->mode->on_tcp(srv, (int)i, buf, (size_t)n);
	return 0;
}

/* The event loop; returns when the deadline passes or a signal arrives. */
static void
serve(struct server *srv, double deadline, uint8_t *buf, size_t bufsize)
{
	struct pollfd pfd[3 + SILENT_MAX_CONNS];
	size_t nbase;
	size_t i;
	size_t nconns;
	double left;
	int timeout;
	int r;

	for (;;) {
		left = deadline - now_seconds();
		if (!(left > 0.0)) {
			return;
		}
		timeout = left > 3600.0 ? 3600000 : (int)(left * 1000.0) + 1;
		pfd[0].fd = srv->sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = srv->udp_fd;
		pfd[1].events = POLLIN;
		pfd[2].fd = srv->tcp_fd;
		pfd[2].events = srv->nconns < SILENT_MAX_CONNS ? POLLIN : 0;
		nbase = 3;
		nconns = srv->nconns;
		for (i = 0; i < nconns; i++) {
			pfd[nbase + i].fd = srv->conns[i];
			pfd[nbase + i].events = POLLIN;
			pfd[nbase + i].revents = 0;
		}
		r = poll(pfd, nbase + nconns, timeout);
		if (r < 0) {
			if (errno == EINTR) {
				continue;
			}
			return;
		}
		if (pfd[0].revents != 0) {
			return;
		}
		/*
		 * Connections first, last to first: drop_conn moves the last
		 * entry into the freed slot, which was already handled.
		 */
		for (i = nconns; i > 0; i--) {
			if (pfd[nbase + i - 1].revents == 0) {
				continue;
			}
			if (read_tcp(srv, i - 1, buf, bufsize) != 0) {
				drop_conn(srv, i - 1);
			}
		}
		if (pfd[1].revents != 0) {
			read_udp(srv, buf, bufsize);
		}
		if (pfd[2].revents != 0) {
			accept_conn(srv);
		}
	}
}

static void
close_all(struct server *srv)
{
	while (srv->nconns > 0) {
		drop_conn(srv, srv->nconns - 1);
	}
	if (srv->udp_fd >= 0) {
		close(srv->udp_fd);
	}
	if (srv->tcp_fd >= 0) {
		close(srv->tcp_fd);
	}
	if (srv->sig_fd >= 0) {
		close(srv->sig_fd);
	}
}

int
main(int argc, char **argv)
{
	struct server srv;
	const char *addr = NULL;
	const char *pidfile = NULL;
	const char *modename = "silent";
	long port = -1;
	long lifetime = SILENT_DEFAULT_LIFETIME;
	char err[256];
	uint8_t *buf;
	int chosen;
	int c;

	while ((c = getopt(argc, argv, "a:p:f:l:m:h")) != -1) {
		switch (c) {
		case 'a':
			addr = optarg;
			break;
		case 'p':
			if (parse_long(optarg, 0, 65535, &port) != 0) {
				fprintf(stderr, "silent_dns: bad port: %s\n",
				    optarg);
				return 2;
			}
			break;
		case 'f':
			pidfile = optarg;
			break;
		case 'l':
			if (parse_long(optarg, 1, SILENT_MAX_LIFETIME,
			    &lifetime) != 0) {
				fprintf(stderr, "silent_dns: bad lifetime: "
				    "%s\n", optarg);
				return 2;
			}
			break;
		case 'm':
			modename = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc || addr == NULL || pidfile == NULL || port < 0) {
		usage(stderr);
		return 2;
	}

	memset(&srv, 0, sizeof(srv));
	srv.udp_fd = -1;
	srv.tcp_fd = -1;
	srv.sig_fd = -1;
	srv.mode = find_mode(modename);
	if (srv.mode == NULL) {
		fprintf(stderr, "silent_dns: unknown mode: %s\n", modename);
		return 2;
	}
	srv.sig_fd = open_sigfd();
	if (srv.sig_fd < 0) {
		fprintf(stderr, "silent_dns: signalfd: %s\n", strerror(errno));
		return 1;
	}
	chosen = bind_both(&srv, addr, (unsigned int)port, err, sizeof(err));
	if (chosen < 0) {
		fprintf(stderr, "silent_dns: %s\n", err);
		close_all(&srv);
		return 1;
	}
	if (write_pidfile(pidfile, err, sizeof(err)) != 0) {
		fprintf(stderr, "silent_dns: pid file %s\n", err);
		close_all(&srv);
		return 1;
	}
	if (port == 0) {
		printf("%d\n", chosen);
		if (fflush(stdout) != 0) {
			close_all(&srv);
			(void)unlink(pidfile);
			return 1;
		}
	}
	buf = malloc(SILENT_BUFSIZE);
	if (buf == NULL) {
		fprintf(stderr, "silent_dns: out of memory\n");
		close_all(&srv);
		(void)unlink(pidfile);
		return 1;
	}
	serve(&srv, now_seconds() + (double)lifetime, buf, SILENT_BUFSIZE);
	free(buf);
	close_all(&srv);
	(void)unlink(pidfile);
	return 0;
}
