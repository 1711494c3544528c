/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "clock.h"
#include "smtp.h"
#include "text.h"

/*
 * smtp: the client side of an SMTP probe (RFC 5321): a non-blocking
 * connect, replies read line by line under an absolute deadline, EHLO with
 * the HELO fallback of 4.1.4, QUIT (4.1.1.10) and a transcript.
 *
 * Replies are checked as OpenSMTPD's smtp_client.c does (code, separator,
 * consistent code on every line of a multi-line reply, 4.2.1), plus a
 * line-length cap (4.5.3.1.5, raised to 1000), a line-count cap and a
 * byte check (no NUL, no control bytes, UTF-8 only as RFC 6531 allows).
 * It does not do STARTTLS, AUTH or anything past EHLO.
 */

void
smtp_reply_init(struct smtp_reply *r)
{
	memset(r, 0, sizeof(*r));
}

/*
 * Length of the well-formed UTF-8 sequence at p (n bytes there), 0 when it
 * is malformed, -1 when it is cut off by the end of the buffer so far.
 * RFC 3629 4: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
static int
utf8_len(const unsigned char *p, size_t n)
{
	unsigned char lo = 0x80;
	unsigned char hi = 0xbf;
	int need;
	int i;

	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		need = 1;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		need = 2;
		if (p[0] == 0xe0) {
			lo = 0xa0;
		} else if (p[0] == 0xed) {
			hi = 0x9f;
		}
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		need = 3;
		if (p[0] == 0xf0) {
			lo = 0x90;
		} else if (p[0] == 0xf4) {
			hi = 0x8f;
		}
	} else {
		return 0;
	}
	for (i = 1; i <= need; i++) {
		if ((size_t)i >= n) {
			return -1;
		}
		if (p[i] < lo || p[i] > hi) {
			return 0;
		}
		lo = 0x80;
		hi = 0xbf;
	}
	return need + 1;
}

enum smtp_parse_result
smtp_parse_line(const char *buf, size_t len, struct smtp_reply *r, size_t *used,
    char *err, size_t errlen)
{
	const unsigned char *p = (const unsigned char *)buf;
	size_t lineno = r->nlines + 1;
	size_t i;
	size_t end;
	size_t textlen;
	int code;
	int u;

	*used = 0;
	if (r->done) {
		text_err(err, errlen, "reply already complete");
		return SMTP_PARSE_ERROR;
	}
	/* The code: three digits, 2-5, 0-5, 0-9 (RFC 5321 4.2). */
	for (i = 0; i < 3 && i < len; i++) {
		if (p[i] < '0' || p[i] > '9' ||
		    (i == 0 && (p[i] < '2' || p[i] > '5')) ||
		    (i == 1 && p[i] > '5')) {
			text_err(err, errlen,
			    "reply line %zu does not start with a reply code",
			    lineno);
			return SMTP_PARSE_ERROR;
		}
	}
	if (len < 4) {
		return SMTP_PARSE_MORE;
	}
	if (p[3] != ' ' && p[3] != '-' && p[3] != '\r' && p[3] != '\n') {
		text_err(err, errlen,
		    "reply line %zu: no space or '-' after the code", lineno);
		return SMTP_PARSE_ERROR;
	}
	code = (p[0] - '0') * 100 + (p[1] - '0') * 10 + (p[2] - '0');
	if (r->nlines > 0 && code != r->code) {
		text_err(err, errlen,
		    "reply line %zu has code %d, the reply began with %d",
		    lineno, code, r->code);
		return SMTP_PARSE_ERROR;
	}
	/* The text: find the LF, checking each byte on the way. */
	end = len;
	for (i = 3; i < len; i++) {
		if (i >= SMTP_LINE_MAX) {
			text_err(err, errlen,
			    "reply line %zu is longer than %d octets", lineno,
			    SMTP_LINE_MAX);
			return SMTP_PARSE_ERROR;
		}
		if (p[i] == '\n') {
			end = i;
			break;
		}
		if (p[i] == '\r') {
			if (i + 1 == len) {
				return SMTP_PARSE_MORE;
			}
			if (p[i + 1] == '\n') {
				continue;
			}
			text_err(err, errlen, "reply line %zu holds a bare CR",
			    lineno);
			return SMTP_PARSE_ERROR;
		}
		if (i == 3 && (p[i] == ' ' || p[i] == '-')) {
			continue;
		}
		if (p[i] == '\0') {
			text_err(err, errlen, "reply line %zu holds a NUL byte",
			    lineno);
			return SMTP_PARSE_ERROR;
		}
		if (p[i] == '\t' || (p[i] >= 0x20 && p[i] < 0x7f)) {
			continue;
		}
		if (p[i] < 0x80) {
			text_err(err, errlen,
			    "reply line %zu holds control byte 0x%02x", lineno,
			    p[i]);
			return SMTP_PARSE_ERROR;
		}
		u = utf8_len(p + i, len - i);
		if (u < 0) {
			return SMTP_PARSE_MORE;
		}
		if (u == 0) {
			text_err(err, errlen,
			    "reply line %zu holds byte 0x%02x, which is not "
			    "UTF-8 text",
			    lineno, p[i]);
			return SMTP_PARSE_ERROR;
		}
		i += (size_t)u - 1;
	}
	if (end == len) {
		return SMTP_PARSE_MORE;
	}
	if (r->nlines == SMTP_REPLY_LINES_MAX) {
		text_err(err, errlen, "reply is longer than %d lines",
		    SMTP_REPLY_LINES_MAX);
		return SMTP_PARSE_ERROR;
	}
	/* Text between the separator and the CR LF (or LF). */
	textlen = end;
	if (textlen > 3 && p[textlen - 1] == '\r') {
		textlen--;
	}
	textlen = textlen > 4 ? textlen - 4 : 0;
	r->code = code;
	if (r->nlines == 0) {
		memcpy(r->first, buf + 4, textlen);
		r->first[textlen] = '\0';
	}
	memcpy(r->last, buf + 4, textlen);
	r->last[textlen] = '\0';
	r->nlines++;
	*used = end + 1;
	if (p[3] == '-') {
		return SMTP_PARSE_LINE;
	}
	r->done = true;
	return SMTP_PARSE_DONE;
}

enum smtp_parse_result
smtp_parse_reply(const char *buf, size_t len, struct smtp_reply *out,
    size_t *used, char *err, size_t errlen)
{
	size_t off = 0;
	size_t n;
	enum smtp_parse_result pr;

	smtp_reply_init(out);
	*used = 0;
	for (;;) {
		pr =
		    smtp_parse_line(buf + off, len - off, out, &n, err, errlen);
		if (pr != SMTP_PARSE_LINE) {
			break;
		}
		off += n;
	}
	if (pr == SMTP_PARSE_DONE) {
		*used = off + n;
	}
	return pr;
}

int
smtp_reply_domain(const char *text, char *buf, size_t len)
{
	size_t n = strcspn(text, " \t");

	if (len > 0) {
		buf[0] = '\0';
	}
	if (n == 0 || n >= len) {
		return -1;
	}
	memcpy(buf, text, n);
	buf[n] = '\0';
	return 0;
}

/* Case-insensitive ASCII prefix test. */
static bool
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix != '\0'; s++, prefix++) {
		char a = *s;
		char b = *prefix;

		if (text_lower(a) != b) {
			return false;
		}
	}
	return true;
}

/* Copy the n octets at p into buf of len, or "" when they do not fit. */
static void
copy_word(char *buf, size_t len, const char *p, size_t n)
{
	if (n >= len) {
		n = 0;
	}
	memcpy(buf, p, n);
	buf[n] = '\0';
}

int
smtp_reply_seen(const char *text, struct smtp_seen *out)
{
	const char *open = NULL;
	const char *close = NULL;
	const char *bracket;
	const char *p;
	const char *word[4];
	size_t wlen[4];
	size_t nw;
	size_t n;

	memset(out, 0, sizeof(*out));
	/* The first "[" whose "]" closes a word of visible octets. */
	for (p = text; *p != '\0' && close == NULL; p++) {
		if (*p != '[') {
			continue;
		}
		open = p + 1;
		n = strcspn(open, "] \t[");
		if (n > 0 && open[n] == ']') {
			close = open + n;
		}
	}
	if (close == NULL) {
		return -1;
	}
	bracket = open - 1;
	if (prefix_ci(open, "ipv6:")) {
		open += 5;
	}
	copy_word(out->addr, sizeof(out->addr), open, (size_t)(close - open));
	if (out->addr[0] == '\0') {
		return -1;
	}
	out->has_addr = true;
	out->forged = strstr(close, "(may be forged)") != NULL;
	/* "Hello NAME [" or "Hello IDENT at NAME [" (Exim, RFC 1413). */
	for (p = text; bracket - p >= 6; p++) {
		if ((p == text || p[-1] == ' ') && prefix_ci(p, "hello ")) {
			break;
		}
	}
	if (bracket - p < 6) {
		return 0;
	}
	nw = 0;
	for (p += 6; p < bracket && nw < 4;) {
		if (*p == ' ' || *p == '\t') {
			p++;
			continue;
		}
		n = strcspn(p, " \t");
		if (p + n > bracket) {
			n = (size_t)(bracket - p);
		}
		word[nw] = p;
		wlen[nw++] = n;
		p += n;
	}
	if (nw == 1) {
		copy_word(out->name, sizeof(out->name), word[0], wlen[0]);
	} else if (nw == 3 && wlen[1] == 2 && prefix_ci(word[1], "at")) {
		copy_word(out->name, sizeof(out->name), word[2], wlen[2]);
	}
	return 0;
}

void
smtp_init(struct smtp_session *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
}

void
smtp_close(struct smtp_session *s)
{
	if (s != NULL && s->fd >= 0) {
		close(s->fd);
		s->fd = -1;
	}
}

void
smtp_release(struct smtp_session *s)
{
	size_t i;

	if (s == NULL) {
		return;
	}
	smtp_close(s);
	for (i = 0; i < s->ntranscript; i++) {
		free(s->transcript[i].text);
	}
	free(s->transcript);
	smtp_init(s);
}

/* Keep one line of the transcript; a failed allocation only drops it. */
static void
transcript_add(struct smtp_session *s, enum smtp_direction dir,
    const char *text, size_t len)
{
	struct smtp_transcript_line *t;
	char *copy;

	if (s->transcript == NULL) {
		s->transcript =
		    calloc(SMTP_TRANSCRIPT_MAX, sizeof(*s->transcript));
	}
	if (s->transcript == NULL || s->ntranscript == SMTP_TRANSCRIPT_MAX) {
		s->transcript_dropped++;
		return;
	}
	copy = malloc(len + 1);
	if (copy == NULL) {
		s->transcript_dropped++;
		return;
	}
	memcpy(copy, text, len);
	copy[len] = '\0';
	t = &s->transcript[s->ntranscript++];
	t->dir = dir;
	t->text = copy;
	t->len = len;
}

/* Lowercase strerror text for s->error ("connection refused"). */
static void
set_errno(struct smtp_session *s, const char *what, int e)
{
	char msg[128];

	text_strerror(e, msg, sizeof(msg));
	if (what != NULL) {
		text_err(s->error, sizeof(s->error), "%s: %s", what, msg);
	} else {
		text_err(s->error, sizeof(s->error), "%s", msg);
	}
}

/* Wait for events on s->fd until the deadline: 1 ready, 0 timeout, -1. */
static int
wait_fd(struct smtp_session *s, short events, double deadline)
{
	struct pollfd pfd;
	int ms;
	int n;

	for (;;) {
		ms = clock_remaining_ms(deadline);
		if (ms == 0) {
			return 0;
		}
		pfd.fd = s->fd;
		pfd.events = events;
		pfd.revents = 0;
		n = poll(&pfd, 1, ms);
		if (n > 0) {
			return 1;
		}
		if (n < 0 && errno != EINTR) {
			set_errno(s, "poll", errno);
			return -1;
		}
	}
}

enum smtp_status
smtp_connect(struct smtp_session *s, const struct sockaddr *sa, socklen_t salen,
    double deadline)
{
	return smtp_connect_from(s, sa, salen, NULL, 0, deadline);
}

enum smtp_status
smtp_connect_from(struct smtp_session *s, const struct sockaddr *sa,
    socklen_t salen, const struct sockaddr *src, socklen_t srclen,
    double deadline)
{
	int soerr = 0;
	socklen_t olen = sizeof(soerr);
	int w;

	s->error[0] = '\0';
	smtp_close(s);
	s->inlen = 0;
	s->eof = false;
	if (sa == NULL ||
	    (sa->sa_family != AF_INET && sa->sa_family != AF_INET6)) {
		text_err(s->error, sizeof(s->error), "not an IP address");
		return SMTP_FAIL_INTERNAL;
	}
	s->fd = socket(sa->sa_family,
	    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s->fd < 0) {
		set_errno(s, "socket", errno);
		return SMTP_FAIL_INTERNAL;
	}
	if (src != NULL && (src->sa_family != sa->sa_family ||
	                       bind(s->fd, src, srclen) != 0)) {
		/* EADDRNOTAVAIL: the address is not one of this host's. */
		set_errno(s, "cannot send from that address",
		    src->sa_family != sa->sa_family ? EAFNOSUPPORT : errno);
		smtp_close(s);
		return SMTP_FAIL_CONNECT;
	}
	if (connect(s->fd, sa, salen) != 0) {
		if (errno != EINPROGRESS && errno != EINTR) {
			set_errno(s, NULL, errno);
			smtp_close(s);
			return SMTP_FAIL_CONNECT;
		}
		w = wait_fd(s, POLLOUT, deadline);
		if (w == 0) {
			text_err(s->error, sizeof(s->error),
			    "no connection before the deadline");
			smtp_close(s);
			return SMTP_FAIL_TIMEOUT;
		}
		if (w < 0) {
			smtp_close(s);
			return SMTP_FAIL_INTERNAL;
		}
		if (getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &soerr, &olen) !=
		    0) {
			soerr = errno;
		}
		if (soerr != 0) {
			set_errno(s, NULL, soerr);
			smtp_close(s);
			return SMTP_FAIL_CONNECT;
		}
	}
	s->peerlen = sizeof(s->peer);
	if (getpeername(s->fd, (struct sockaddr *)&s->peer, &s->peerlen) != 0) {
		set_errno(s, NULL, errno);
		smtp_close(s);
		return SMTP_FAIL_CONNECT;
	}
	s->locallen = sizeof(s->local);
	if (getsockname(s->fd, (struct sockaddr *)&s->local, &s->locallen) !=
	    0) {
		s->locallen = 0;
	}
	return SMTP_OK;
}

/* Add the (partial) line at the start of s->in to the transcript. */
static void
transcript_partial(struct smtp_session *s)
{
	size_t n = s->inlen;
	const char *nl = memchr(s->in, '\n', s->inlen);

	if (nl != NULL) {
		n = (size_t)(nl - s->in);
	}
	if (n > 0 && s->in[n - 1] == '\r') {
		n--;
	}
	if (n > 0) {
		transcript_add(s, SMTP_FROM_SERVER, s->in, n);
	}
}

enum smtp_status
smtp_read_reply(struct smtp_session *s, double deadline, struct smtp_reply *r)
{
	char err[SMTP_ERROR_MAX];
	enum smtp_parse_result pr;
	size_t used;
	size_t keep;
	ssize_t got;
	int w;

	s->error[0] = '\0';
	smtp_reply_init(r);
	if (s->fd < 0) {
		text_err(s->error, sizeof(s->error), "not connected");
		return SMTP_FAIL_INTERNAL;
	}
	for (;;) {
		pr = smtp_parse_line(s->in, s->inlen, r, &used, err,
		    sizeof(err));
		if (pr == SMTP_PARSE_ERROR) {
			transcript_partial(s);
			text_err(s->error, sizeof(s->error), "%s", err);
			return SMTP_FAIL_PROTOCOL;
		}
		if (pr == SMTP_PARSE_DONE || pr == SMTP_PARSE_LINE) {
			keep = used - 1;
			if (keep > 0 && s->in[keep - 1] == '\r') {
				keep--;
			}
			transcript_add(s, SMTP_FROM_SERVER, s->in, keep);
			memmove(s->in, s->in + used, s->inlen - used);
			s->inlen -= used;
			if (pr == SMTP_PARSE_DONE) {
				return SMTP_OK;
			}
			continue;
		}
		/* SMTP_PARSE_MORE: the parser errs before the buffer fills. */
		if (s->eof) {
			transcript_partial(s);
			text_err(s->error, sizeof(s->error),
			    "connection closed %s",
			    r->nlines > 0 || s->inlen > 0 ? "in the middle of "
			                                    "a reply"
			                                  : "before a reply");
			return SMTP_FAIL_CLOSED;
		}
		if (s->inlen == sizeof(s->in)) {
			text_err(s->error, sizeof(s->error),
			    "internal error: reply buffer full");
			return SMTP_FAIL_INTERNAL;
		}
		w = wait_fd(s, POLLIN, deadline);
		if (w == 0) {
			transcript_partial(s);
			text_err(s->error, sizeof(s->error),
			    "no complete reply before the deadline%s",
			    r->nlines > 0 || s->inlen > 0 ? " (reply cut short)"
			                                  : "");
			return SMTP_FAIL_TIMEOUT;
		}
		if (w < 0) {
			return SMTP_FAIL_INTERNAL;
		}
		got =
		    recv(s->fd, s->in + s->inlen, sizeof(s->in) - s->inlen, 0);
		if (got > 0) {
			s->inlen += (size_t)got;
		} else if (got == 0) {
			s->eof = true;
		} else if (errno == ECONNRESET || errno == EPIPE) {
			s->eof = true;
		} else if (errno != EAGAIN && errno != EWOULDBLOCK &&
		           errno != EINTR) {
			set_errno(s, "recv", errno);
			return SMTP_FAIL_CLOSED;
		}
	}
}

enum smtp_status
smtp_send(struct smtp_session *s, const char *line, double deadline)
{
	char buf[SMTP_COMMAND_MAX + 2];
	size_t len;
	size_t off = 0;
	size_t i;
	ssize_t n;
	int w;

	s->error[0] = '\0';
	if (s->fd < 0) {
		text_err(s->error, sizeof(s->error), "not connected");
		return SMTP_FAIL_INTERNAL;
	}
	len = strlen(line);
	if (len > SMTP_COMMAND_MAX) {
		text_err(s->error, sizeof(s->error), "command too long");
		return SMTP_FAIL_INTERNAL;
	}
	for (i = 0; i < len; i++) {
		if (line[i] < 0x20 || line[i] > 0x7e) {
			text_err(s->error, sizeof(s->error),
			    "command holds a control or 8-bit byte");
			return SMTP_FAIL_INTERNAL;
		}
	}
	memcpy(buf, line, len);
	buf[len] = '\r';
	buf[len + 1] = '\n';
	transcript_add(s, SMTP_TO_SERVER, line, len);
	while (off < len + 2) {
		n = send(s->fd, buf + off, len + 2 - off, MSG_NOSIGNAL);
		if (n > 0) {
			off += (size_t)n;
			continue;
		}
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK ||
		                 errno == EINTR)) {
			w = wait_fd(s, POLLOUT, deadline);
			if (w == 0) {
				text_err(s->error, sizeof(s->error),
				    "could not send before the deadline");
				return SMTP_FAIL_TIMEOUT;
			}
			if (w < 0) {
				return SMTP_FAIL_INTERNAL;
			}
			continue;
		}
		set_errno(s, "send", n < 0 ? errno : EPIPE);
		return SMTP_FAIL_CLOSED;
	}
	return SMTP_OK;
}

enum smtp_status
smtp_ehlo(struct smtp_session *s, const char *name, double deadline,
    struct smtp_reply *r)
{
	char cmd[SMTP_COMMAND_MAX + 1];
	enum smtp_status st;
	int n;

	s->used_helo = false;
	n = snprintf(cmd, sizeof(cmd), "EHLO %s", name);
	if (n < 0 || (size_t)n >= sizeof(cmd)) {
		text_err(s->error, sizeof(s->error), "EHLO name too long");
		return SMTP_FAIL_INTERNAL;
	}
	st = smtp_send(s, cmd, deadline);
	if (st == SMTP_OK) {
		st = smtp_read_reply(s, deadline, r);
	}
	if (st != SMTP_OK || (r->code != 500 && r->code != 502)) {
		return st;
	}
	/* RFC 5321 4.1.4: an old server; say HELO instead. */
	s->used_helo = true;
	cmd[0] = 'H';
	cmd[1] = 'E';
	st = smtp_send(s, cmd, deadline);
	if (st == SMTP_OK) {
		st = smtp_read_reply(s, deadline, r);
	}
	return st;
}

enum smtp_status
smtp_quit(struct smtp_session *s, double deadline, struct smtp_reply *r)
{
	struct smtp_reply tmp;
	enum smtp_status st;

	if (r == NULL) {
		r = &tmp;
	}
	smtp_reply_init(r);
	st = smtp_send(s, "QUIT", deadline);
	if (st == SMTP_OK) {
		st = smtp_read_reply(s, deadline, r);
	}
	smtp_close(s);
	if (st == SMTP_FAIL_CLOSED) {
		smtp_reply_init(r);
		st = SMTP_OK;
	}
	return st;
}

const char *
smtp_status_str(enum smtp_status st)
{
	switch (st) {
	case SMTP_OK:
		return "ok";
	case SMTP_FAIL_INTERNAL:
		return "internal error";
	case SMTP_FAIL_CONNECT:
		return "cannot connect";
	case SMTP_FAIL_TIMEOUT:
		return "timeout";
	case SMTP_FAIL_CLOSED:
		return "connection closed";
	case SMTP_FAIL_PROTOCOL:
		return "protocol error";
	}
	return "unknown error";
}
