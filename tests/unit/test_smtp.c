/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "clock.h"
#include "smtp.h"

/*
 * Tests of lib/smtp: the reply parser from tables (RFC 5321 4.2, 4.2.1,
 * 4.5.3.1.5 and our caps), and the client against a forked peer on
 * loopback that plays a script and records every byte we send, so that
 * the exact transcript can be asserted (as curl's test902 does).
 */

struct parse_case {
	const char *name;
	const char *in;
	size_t len; /* 0: strlen(in) */
	enum smtp_parse_result want;
	int code;
	size_t nlines;
	const char *first;
	const char *last;
	size_t used;     /* 0: the whole input */
	const char *err; /* substring of the error */
};

#define S(x) x, sizeof(x) - 1

static const struct parse_case parse_cases[] = {
    {"greeting", "220 mail.example.test ESMTP\r\n", 0, SMTP_PARSE_DONE, 220, 1,
        "mail.example.test ESMTP", "mail.example.test ESMTP", 0, NULL},
    {"multi-line", "250-mail.example.test\r\n250-PIPELINING\r\n250 DSN\r\n", 0,
        SMTP_PARSE_DONE, 250, 3, "mail.example.test", "DSN", 0, NULL},
    {"code only", "250\r\n", 0, SMTP_PARSE_DONE, 250, 1, "", "", 0, NULL},
    {"code and space", "250 \r\n", 0, SMTP_PARSE_DONE, 250, 1, "", "", 0, NULL},
    {"bare LF", "220 x.test\n", 0, SMTP_PARSE_DONE, 220, 1, "x.test", "x.test",
        0, NULL},
    {"tab in text", "220 a\tb\r\n", 0, SMTP_PARSE_DONE, 220, 1, "a\tb", "a\tb",
        0, NULL},
    {"UTF-8 text", "220 \xc3\xa9t\xc3\xa9 \xf0\x9f\x93\xa7\r\n", 0,
        SMTP_PARSE_DONE, 220, 1, "\xc3\xa9t\xc3\xa9 \xf0\x9f\x93\xa7", NULL, 0,
        NULL},
    {"next reply left over", "221 bye\r\n220 again\r\n", 0, SMTP_PARSE_DONE,
        221, 1, "bye", "bye", 9, NULL},
    {"421", "421 4.3.2 Service not available\r\n", 0, SMTP_PARSE_DONE, 421, 1,
        "4.3.2 Service not available", NULL, 0, NULL},
    {"554", "554 5.7.1 go away\r\n", 0, SMTP_PARSE_DONE, 554, 1,
        "5.7.1 go away", NULL, 0, NULL},
    /* Incomplete: MORE, never an error. */
    {"empty", "", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    {"one digit", "2", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    {"code", "220", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    {"no line end", "220 mail", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    {"CR last", "220 mail\r", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    {"continuation only", "220-mail\r\n", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL,
        0, NULL},
    {"second line cut", "220-mail\r\n220 x", 0, SMTP_PARSE_MORE, 0, 0, NULL,
        NULL, 0, NULL},
    {"UTF-8 cut", "220 \xc3", 0, SMTP_PARSE_MORE, 0, 0, NULL, NULL, 0, NULL},
    /* Errors. */
    {"letters", "abc\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"first digit 6", "620 x\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"first digit 1, partial", "1", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"second digit 6", "260 x\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"letter in code", "2a0 x\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"empty line", "\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply code"},
    {"no separator", "220x\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "no space or '-'"},
    {"code changes", "220-a\r\n250 b\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL,
        NULL, 0,
        "reply line 2 has code 250, the reply began with "
        "220"},
    {"NUL", S("220 a\0b\r\n"), SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "reply line 1 holds a NUL byte"},
    {"NUL in partial line", S("220 a\0"), SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "NUL"},
    {"control byte",
        "220 a\x01"
        "b\r\n",
        0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0, "control byte 0x01"},
    {"escape byte", "220 \x1b[2J\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "control byte 0x1b"},
    {"DEL", "220 a\x7f\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "control byte 0x7f"},
    {"bare CR", "220 a\rb\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL, 0,
        "bare CR"},
    {"8-bit garbage", "220 \xff\xfe\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL, NULL,
        0, "byte 0xff, which is not UTF-8"},
    {"overlong UTF-8", "220 \xc0\x80\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL,
        NULL, 0, "not UTF-8"},
    {"UTF-16 surrogate", "220 \xed\xa0\x80\r\n", 0, SMTP_PARSE_ERROR, 0, 0,
        NULL, NULL, 0, "not UTF-8"},
    {"lone continuation byte", "220 \x80\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL,
        NULL, 0, "not UTF-8"},
    {"bad second line", "220-a\r\nxyz\r\n", 0, SMTP_PARSE_ERROR, 0, 0, NULL,
        NULL, 0, "reply line 2 does not start"},
};

static void
test_smtp_parse_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(parse_cases) / sizeof(parse_cases[0]); i++) {
		const struct parse_case *c = &parse_cases[i];
		size_t len = c->len > 0 ? c->len : strlen(c->in);
		struct smtp_reply r;
		size_t used = 12345;
		char err[SMTP_ERROR_MAX] = "";
		enum smtp_parse_result got;

		got = smtp_parse_reply(c->in, len, &r, &used, err, sizeof(err));
		if (got != c->want) {
			print_error("case '%s': result %d, want %d (%s)\n",
			    c->name, (int)got, (int)c->want, err);
			fail();
		}
		if (c->want == SMTP_PARSE_DONE) {
			if (r.code != c->code || r.nlines != c->nlines ||
			    strcmp(r.first, c->first) != 0 ||
			    (c->last != NULL && strcmp(r.last, c->last) != 0) ||
			    used != (c->used > 0 ? c->used : len)) {
				print_error("case '%s': code %d lines %zu "
				            "first "
				            "'%s' last '%s' used %zu\n",
				    c->name, r.code, r.nlines, r.first, r.last,
				    used);
				fail();
			}
		} else if (used != 0) {
			print_error("case '%s': used %zu, want 0\n", c->name,
			    used);
			fail();
		}
		if (c->err != NULL && strstr(err, c->err) == NULL) {
			print_error("case '%s': error '%s' lacks '%s'\n",
			    c->name, err, c->err);
			fail();
		}
	}
}

/* A reply of n lines, each line exactly width octets with its CRLF. */
static char *
make_reply(size_t n, size_t width, size_t *len)
{
	char *buf = malloc(n * width + 1);
	size_t i;

	assert_non_null(buf);
	assert_true(width >= 6);
	for (i = 0; i < n; i++) {
		char *l = buf + i * width;

		memset(l, 'x', width);
		memcpy(l, i + 1 < n ? "250-" : "250 ", 4);
		l[width - 2] = '\r';
		l[width - 1] = '\n';
	}
	buf[n * width] = '\0';
	*len = n * width;
	return buf;
}

struct cap_case {
	size_t lines;
	size_t width;
	size_t cut; /* parse only this many bytes; 0: all */
	enum smtp_parse_result want;
	const char *err;
};

static const struct cap_case cap_cases[] = {
    {1, SMTP_LINE_MAX, 0, SMTP_PARSE_DONE, NULL},
    {1, SMTP_LINE_MAX + 1, 0, SMTP_PARSE_ERROR, "longer than 1000"},
    /* An overlong line is refused before its end arrives. */
    {1, 100 * 1024, SMTP_LINE_MAX + 1, SMTP_PARSE_ERROR,
        "reply line 1 is longer than 1000 octets"},
    {1, 100 * 1024, SMTP_LINE_MAX, SMTP_PARSE_MORE, NULL},
    {SMTP_REPLY_LINES_MAX, 80, 0, SMTP_PARSE_DONE, NULL},
    {SMTP_REPLY_LINES_MAX + 1, 80, 0, SMTP_PARSE_ERROR,
        "reply is longer than 100 lines"},
    {1000, 12, 0, SMTP_PARSE_ERROR, "longer than 100 lines"},
    {3, SMTP_LINE_MAX + 1, 0, SMTP_PARSE_ERROR, "reply line 1 is longer"},
};

static void
test_smtp_parse_caps(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cap_cases) / sizeof(cap_cases[0]); i++) {
		const struct cap_case *c = &cap_cases[i];
		struct smtp_reply r;
		char err[SMTP_ERROR_MAX] = "";
		size_t len;
		size_t used;
		char *buf = make_reply(c->lines, c->width, &len);
		enum smtp_parse_result got;

		got = smtp_parse_reply(buf, c->cut > 0 ? c->cut : len, &r,
		    &used, err, sizeof(err));
		if (got != c->want ||
		    (c->err != NULL && strstr(err, c->err) == NULL) ||
		    (got == SMTP_PARSE_DONE &&
		        (r.nlines != c->lines || used != len))) {
			print_error("cap case %zu (%zu lines of %zu): result "
			            "%d, want %d, error '%s'\n",
			    i, c->lines, c->width, (int)got, (int)c->want, err);
			free(buf);
			fail();
		}
		free(buf);
	}
}

/* Feeding a reply one byte at a time gives what parsing it whole gives. */
static void
test_smtp_parse_line_bytewise(void **state)
{
	static const char in[] = "220-first.example.test hi\r\n220-mid\r\n"
	                         "220 last\r\nEXTRA";
	struct smtp_reply r;
	size_t have = 0;
	size_t off = 0;
	size_t used;
	enum smtp_parse_result pr = SMTP_PARSE_MORE;

	(void)state;
	smtp_reply_init(&r);
	while (have < sizeof(in) - 1) {
		have++;
		pr = smtp_parse_line(in + off, have - off, &r, &used, NULL, 0);
		assert_int_not_equal(pr, SMTP_PARSE_ERROR);
		if (pr == SMTP_PARSE_LINE || pr == SMTP_PARSE_DONE) {
			off += used;
		}
		if (pr == SMTP_PARSE_DONE) {
			break;
		}
	}
	assert_int_equal(pr, SMTP_PARSE_DONE);
	assert_int_equal(r.code, 220);
	assert_int_equal(r.nlines, 3);
	assert_string_equal(r.first, "first.example.test hi");
	assert_string_equal(r.last, "last");
	assert_int_equal(off, sizeof(in) - 1 - 5);
	/* A finished reply takes no more lines. */
	assert_int_equal(smtp_parse_line("250 x\r\n", 7, &r, &used, NULL, 0),
	    SMTP_PARSE_ERROR);
}

struct domain_case {
	const char *text;
	int rc;
	const char *want;
};

static const struct domain_case domain_cases[] = {
    {"mail.example.test ESMTP Postfix", 0, "mail.example.test"},
    {"mail.example.test", 0, "mail.example.test"},
    {"mx.example.test\tgreets", 0, "mx.example.test"},
    {"[192.0.2.1] hello", 0, "[192.0.2.1]"},
    {"mail|x.example.test ESMTP", 0, "mail|x.example.test"},
    {"", -1, ""},
    {" leading.space.test", -1, ""},
};

static void
test_smtp_reply_domain_table(void **state)
{
	char buf[64];
	char tiny[4];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(domain_cases) / sizeof(domain_cases[0]); i++) {
		const struct domain_case *c = &domain_cases[i];
		int rc = smtp_reply_domain(c->text, buf, sizeof(buf));

		if (rc != c->rc || strcmp(buf, c->want) != 0) {
			print_error("domain of '%s': rc %d '%s', want %d "
			            "'%s'\n",
			    c->text, rc, buf, c->rc, c->want);
			fail();
		}
	}
	assert_int_equal(smtp_reply_domain("toolong.test x", tiny,
	                     sizeof(tiny)),
	    -1);
	assert_string_equal(tiny, "");
}

/* What EHLO replies of real servers say of their client. */
struct seen_case {
	const char *what;
	const char *text;
	int rc;
	const char *addr;
	const char *name;
	bool forged;
};

static const struct seen_case seen_cases[] = {
    {"Exim, verified name",
        "reflect.example.test Hello out.example.test "
        "[127.0.0.25]",
        0, "127.0.0.25", "out.example.test", false},
    {"Exim, IPv6",
        "reflect.example.test Hello localhost.example.test "
        "[::1]",
        0, "::1", "localhost.example.test", false},
    {"Exim, ident first",
        "mx.example.net Hello joe at out.example.test "
        "[198.51.100.25]",
        0, "198.51.100.25", "out.example.test", false},
    {"Sendmail",
        "mx.example.net Hello out.example.test [198.51.100.25], "
        "pleased to meet you",
        0, "198.51.100.25", "out.example.test", false},
    {"Sendmail, may be forged",
        "mx.example.net Hello gw.example.test "
        "[198.51.100.25] (may be forged), pleased to meet you",
        0, "198.51.100.25", "gw.example.test", true},
    {"Exchange",
        "BN8NAM11FT012.mail.protection.outlook.com Hello "
        "[198.51.100.25]",
        0, "198.51.100.25", "", false},
    {"Exchange, IPv6 literal",
        "exch01.corp.example.net Hello "
        "[IPv6:2001:db8::25]",
        0, "2001:db8::25", "", false},
    {"Gmail", "mx.google.com at your service, [2001:db8::25]", 0,
        "2001:db8::25", "", false},
    {"hello in other case",
        "mx.example.net HELLO out.example.test "
        "[198.51.100.25]",
        0, "198.51.100.25", "out.example.test", false},
    {"Postfix says nothing", "mail.example.test", -1, "", "", false},
    {"empty brackets", "mx Hello x []", -1, "", "", false},
    {"unclosed bracket", "mx Hello x [198.51.100.25", -1, "", "", false},
    {"space inside brackets", "mx Hello x [198.51 .100.25]", -1, "", "", false},
    {"second bracket closes", "mx Hello x [oops [198.51.100.25]", 0,
        "198.51.100.25", "", false},
    {"server domain is not the name",
        "Hello.example.net greets "
        "[198.51.100.25]",
        0, "198.51.100.25", "", false},
    {"two words before the bracket", "mx Hello a b [198.51.100.25]", 0,
        "198.51.100.25", "", false},
    {"overlong address",
        "mx Hello x [0123456789012345678901234567890123"
        "4567890123456789012345678901234567890]",
        -1, "", "", false},
};

static void
test_smtp_reply_seen_table(void **state)
{
	struct smtp_seen seen;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(seen_cases) / sizeof(seen_cases[0]); i++) {
		const struct seen_case *c = &seen_cases[i];
		int rc = smtp_reply_seen(c->text, &seen);

		if (rc != c->rc || strcmp(seen.addr, c->addr) != 0 ||
		    strcmp(seen.name, c->name) != 0 ||
		    seen.forged != c->forged || seen.has_addr != (c->rc == 0)) {
			print_error("%s: rc %d addr '%s' name '%s' forged %d, "
			            "want %d '%s' '%s' %d\n",
			    c->what, rc, seen.addr, seen.name, seen.forged,
			    c->rc, c->addr, c->name, c->forged);
			fail();
		}
	}
}

/* ---- the client against a scripted peer ------------------------------ */

struct peer {
	pid_t pid;
	int rec; /* read end: what the client sent */
	struct sockaddr_in sa;
};

/*
 * Fork a peer on 127.0.0.1 (a free port) that sends greeting, then for
 * each line it receives sends the next of replies (NULL: none left, keep
 * reading), recording every byte into a pipe. hold_ms: after the script,
 * keep the connection open this long before closing.
 */
static void
peer_start(struct peer *p, const char *greeting, const char *const *replies,
    int hold_ms)
{
	socklen_t len = sizeof(p->sa);
	int ls;
	int pfd[2];
	int one = 1;

	memset(&p->sa, 0, sizeof(p->sa));
	p->sa.sin_family = AF_INET;
	p->sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(ls >= 0);
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	assert_int_equal(bind(ls, (struct sockaddr *)&p->sa, sizeof(p->sa)), 0);
	assert_int_equal(listen(ls, 1), 0);
	assert_int_equal(getsockname(ls, (struct sockaddr *)&p->sa, &len), 0);
	assert_int_equal(pipe(pfd), 0);
	p->pid = fork();
	assert_true(p->pid >= 0);
	if (p->pid == 0) {
		int fd;
		char ch;
		size_t next = 0;
		struct pollfd w;

		close(pfd[0]);
		signal(SIGPIPE, SIG_IGN);
		fd = accept(ls, NULL, NULL);
		if (fd < 0) {
			_exit(1);
		}
		if (greeting != NULL &&
		    write(fd, greeting, strlen(greeting)) < 0) {
			_exit(1);
		}
		w.fd = fd;
		w.events = POLLIN;
		while (poll(&w, 1,
		           replies != NULL || hold_ms > 0
		               ? (hold_ms > 0 ? hold_ms : 5000)
		               : 5000) > 0 &&
		       read(fd, &ch, 1) == 1) {
			if (write(pfd[1], &ch, 1) != 1) {
				_exit(1);
			}
			if (ch == '\n' && replies != NULL &&
			    replies[next] != NULL) {
				if (write(fd, replies[next],
				        strlen(replies[next])) < 0) {
					_exit(1);
				}
				next++;
			}
		}
		close(fd);
		_exit(0);
	}
	close(ls);
	close(pfd[1]);
	p->rec = pfd[0];
}

/* Wait for the peer and return what the client sent (caller frees). */
static char *
peer_finish(struct peer *p)
{
	char *buf = calloc(1, 4096);
	size_t used = 0;
	ssize_t n;
	int status;

	assert_non_null(buf);
	while ((n = read(p->rec, buf + used, 4095 - used)) > 0) {
		used += (size_t)n;
	}
	close(p->rec);
	waitpid(p->pid, &status, 0);
	return buf;
}

static void
test_smtp_session_transcript(void **state)
{
	static const char *const replies[] = {
	    "250-mail.example.test hi\r\n250-PIPELINING\r\n250 8BITMIME\r\n",
	    "221 2.0.0 Bye\r\n",
	    NULL,
	};
	struct peer p;
	struct smtp_session s;
	struct smtp_reply greet;
	struct smtp_reply ehlo;
	struct smtp_reply quit;
	double deadline = clock_now() + 5;
	char *sent;

	(void)state;
	peer_start(&p, "220 mail.example.test ESMTP test\r\n", replies, 0);
	smtp_init(&s);
	assert_int_equal(smtp_connect(&s, (struct sockaddr *)&p.sa,
	                     sizeof(p.sa), deadline),
	    SMTP_OK);
	assert_int_equal(s.peer.ss_family, AF_INET);
	assert_int_equal(smtp_read_reply(&s, deadline, &greet), SMTP_OK);
	assert_int_equal(greet.code, 220);
	assert_string_equal(greet.first, "mail.example.test ESMTP test");
	assert_int_equal(smtp_ehlo(&s, "client.example.test", deadline, &ehlo),
	    SMTP_OK);
	assert_false(s.used_helo);
	assert_int_equal(ehlo.code, 250);
	assert_int_equal(ehlo.nlines, 3);
	assert_string_equal(ehlo.first, "mail.example.test hi");
	assert_int_equal(smtp_quit(&s, deadline, &quit), SMTP_OK);
	assert_int_equal(quit.code, 221);
	assert_int_equal(s.fd, -1);
	sent = peer_finish(&p);
	/* Exactly what went on the wire, as curl's test902 <protocol>. */
	assert_string_equal(sent, "EHLO client.example.test\r\nQUIT\r\n");
	free(sent);
	/* Both directions in order, CRLF removed. */
	assert_int_equal(s.ntranscript, 7);
	assert_int_equal(s.transcript[0].dir, SMTP_FROM_SERVER);
	assert_string_equal(s.transcript[0].text,
	    "220 mail.example.test ESMTP test");
	assert_int_equal(s.transcript[1].dir, SMTP_TO_SERVER);
	assert_string_equal(s.transcript[1].text, "EHLO client.example.test");
	assert_string_equal(s.transcript[4].text, "250 8BITMIME");
	assert_int_equal(s.transcript[5].dir, SMTP_TO_SERVER);
	assert_string_equal(s.transcript[5].text, "QUIT");
	assert_string_equal(s.transcript[6].text, "221 2.0.0 Bye");
	smtp_release(&s);
	assert_int_equal(s.ntranscript, 0);
	assert_null(s.transcript);
}

static void
test_smtp_session_helo_fallback(void **state)
{
	static const char *const replies[] = {
	    "502 5.5.2 EHLO not implemented\r\n",
	    "250 old.example.test\r\n",
	    "221 Bye\r\n",
	    NULL,
	};
	struct peer p;
	struct smtp_session s;
	struct smtp_reply r;
	double deadline = clock_now() + 5;
	char *sent;

	(void)state;
	peer_start(&p, "220-old.example.test\r\n220 second line\r\n", replies,
	    0);
	smtp_init(&s);
	assert_int_equal(smtp_connect(&s, (struct sockaddr *)&p.sa,
	                     sizeof(p.sa), deadline),
	    SMTP_OK);
	assert_int_equal(smtp_read_reply(&s, deadline, &r), SMTP_OK);
	assert_int_equal(r.nlines, 2);
	assert_int_equal(smtp_ehlo(&s, "[127.0.0.1]", deadline, &r), SMTP_OK);
	assert_true(s.used_helo);
	assert_int_equal(r.code, 250);
	assert_string_equal(r.first, "old.example.test");
	assert_int_equal(smtp_quit(&s, deadline, NULL), SMTP_OK);
	sent = peer_finish(&p);
	assert_string_equal(sent,
	    "EHLO [127.0.0.1]\r\nHELO [127.0.0.1]\r\nQUIT\r\n");
	free(sent);
	smtp_release(&s);
}

/*
 * Failures of a live session, each class within its deadline. The peer is
 * a forked child on a socketpair: the session needs only a connected
 * stream (smtp_connect is tested against loopback above and below).
 */
struct fail_case {
	const char *name;
	const char *greeting; /* what the peer sends, NULL: nothing */
	size_t glen;          /* its length (it may hold a NUL) */
	int hold_ms;          /* then it keeps the connection this long */
	double budget;        /* our deadline, seconds from now */
	enum smtp_status want;
	const char *err;
};

static const struct fail_case fail_cases[] = {
    {"silent", NULL, 0, 2000, 0.3, SMTP_FAIL_TIMEOUT, "before the deadline"},
    {"drip cut", S("220 mail.exa"), 2000, 0.3, SMTP_FAIL_TIMEOUT,
        "reply cut short"},
    {"close mid-reply", S("220-mail.example.test\r\n220-and th"), 0, 5.0,
        SMTP_FAIL_CLOSED, "in the middle of a reply"},
    {"close at once", NULL, 0, 0, 5.0, SMTP_FAIL_CLOSED, "before a reply"},
    {"NUL", S("220 a\0b"), 2000, 5.0, SMTP_FAIL_PROTOCOL, "NUL"},
    {"8-bit", S("220 \xff garbage\r\n"), 2000, 5.0, SMTP_FAIL_PROTOCOL,
        "not UTF-8"},
};

static void
test_smtp_session_failures(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(fail_cases) / sizeof(fail_cases[0]); i++) {
		const struct fail_case *c = &fail_cases[i];
		struct smtp_session s;
		struct smtp_reply r;
		enum smtp_status st;
		double t0;
		double took;
		int sv[2];
		pid_t pid;

		assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(sv[0]);
			if (c->glen > 0 &&
			    write(sv[1], c->greeting, c->glen) < 0) {
				_exit(1);
			}
			usleep((useconds_t)c->hold_ms * 1000);
			_exit(0);
		}
		close(sv[1]);
		smtp_init(&s);
		s.fd = sv[0];
		t0 = clock_now();
		st = smtp_read_reply(&s, t0 + c->budget, &r);
		took = clock_now() - t0;
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		if (st != c->want || strstr(s.error, c->err) == NULL ||
		    took > c->budget + 0.2) {
			print_error("case '%s': status %s '%s' after %.3f s, "
			            "want %s '%s'\n",
			    c->name, smtp_status_str(st), s.error, took,
			    smtp_status_str(c->want), c->err);
			smtp_release(&s);
			fail();
		}
		/* What arrived is in the transcript, for -vvv. */
		if (c->glen > 0 && s.ntranscript == 0) {
			print_error("case '%s': empty transcript\n", c->name);
			smtp_release(&s);
			fail();
		}
		smtp_release(&s);
	}
}

static void
test_smtp_connect_refused(void **state)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	struct smtp_session s;
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	(void)state;
	/* A port that was just free: bind, learn it, close. */
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	close(fd);
	smtp_init(&s);
	assert_int_equal(smtp_connect(&s, (struct sockaddr *)&sa, sizeof(sa),
	                     clock_now() + 2),
	    SMTP_FAIL_CONNECT);
	assert_string_equal(s.error, "connection refused");
	assert_int_equal(s.fd, -1);
	smtp_release(&s);
}

/* Bound to a source address: the server sees that one, or we say why not. */
static void
test_smtp_connect_from(void **state)
{
	struct sockaddr_in sa;
	struct sockaddr_in src;
	struct sockaddr_in6 src6;
	struct sockaddr_in peer;
	socklen_t len = sizeof(sa);
	struct smtp_session s;
	int lfd = socket(AF_INET, SOCK_STREAM, 0);
	int afd;

	(void)state;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(lfd, 4), 0);
	assert_int_equal(getsockname(lfd, (struct sockaddr *)&sa, &len), 0);

	memset(&src, 0, sizeof(src));
	src.sin_family = AF_INET;
	src.sin_addr.s_addr = htonl(0x7f000019); /* 127.0.0.25 */
	smtp_init(&s);
	assert_int_equal(smtp_connect_from(&s, (struct sockaddr *)&sa,
	                     sizeof(sa), (struct sockaddr *)&src, sizeof(src),
	                     clock_now() + 2),
	    SMTP_OK);
	len = sizeof(peer);
	afd = accept(lfd, (struct sockaddr *)&peer, &len);
	assert_true(afd >= 0);
	assert_int_equal(ntohl(peer.sin_addr.s_addr), 0x7f000019);
	assert_int_equal(ntohl(
	                     ((struct sockaddr_in *)&s.local)->sin_addr.s_addr),
	    0x7f000019);
	close(afd);
	smtp_release(&s);

	/* An address of the other family cannot be a source. */
	memset(&src6, 0, sizeof(src6));
	src6.sin6_family = AF_INET6;
	src6.sin6_addr = in6addr_loopback;
	smtp_init(&s);
	assert_int_equal(smtp_connect_from(&s, (struct sockaddr *)&sa,
	                     sizeof(sa), (struct sockaddr *)&src6, sizeof(src6),
	                     clock_now() + 2),
	    SMTP_FAIL_CONNECT);
	assert_non_null(strstr(s.error, "cannot send from that address"));
	assert_int_equal(s.fd, -1);
	smtp_release(&s);

	/* 198.51.100.200 (TEST-NET-2) is not ours: bind() fails. */
	src.sin_addr.s_addr = htonl(0xc63364c8);
	smtp_init(&s);
	assert_int_equal(smtp_connect_from(&s, (struct sockaddr *)&sa,
	                     sizeof(sa), (struct sockaddr *)&src, sizeof(src),
	                     clock_now() + 2),
	    SMTP_FAIL_CONNECT);
	assert_non_null(strstr(s.error, "cannot assign requested address"));
	smtp_release(&s);
	close(lfd);
}

static void
test_smtp_send_rejects_bad_lines(void **state)
{
	struct smtp_session s;
	char big[SMTP_COMMAND_MAX + 2];

	(void)state;
	smtp_init(&s);
	assert_int_equal(smtp_send(&s, "QUIT", clock_now() + 1),
	    SMTP_FAIL_INTERNAL);
	assert_string_equal(s.error, "not connected");
	s.fd = dup(STDERR_FILENO);
	assert_int_equal(smtp_send(&s, "EHLO a\r\nMAIL FROM:<>",
	                     clock_now() + 1),
	    SMTP_FAIL_INTERNAL);
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(smtp_send(&s, big, clock_now() + 1),
	    SMTP_FAIL_INTERNAL);
	assert_int_equal(s.ntranscript, 0);
	smtp_release(&s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_smtp_parse_table),
	    cmocka_unit_test(test_smtp_parse_caps),
	    cmocka_unit_test(test_smtp_parse_line_bytewise),
	    cmocka_unit_test(test_smtp_reply_domain_table),
	    cmocka_unit_test(test_smtp_session_transcript),
	    cmocka_unit_test(test_smtp_session_helo_fallback),
	    cmocka_unit_test(test_smtp_session_failures),
	    cmocka_unit_test(test_smtp_connect_refused),
	    cmocka_unit_test(test_smtp_connect_from),
	    cmocka_unit_test(test_smtp_reply_seen_table),
	    cmocka_unit_test(test_smtp_send_rejects_bad_lines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
