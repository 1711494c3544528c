/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
/*
 * smtp: a small SMTP client for probes: connect under the run's deadline,
 * read (multi-line) replies from a server that may be hostile, EHLO (HELO
 * when EHLO is refused), QUIT, and a transcript of both directions.
 *
 * Replies follow RFC 5321 4.2 and 4.2.1: "NNN-text" lines continue a
 * reply, "NNN text" (or "NNN" alone) ends it, every line carries the same
 * code. A line may not exceed SMTP_LINE_MAX octets, a reply may not exceed
 * SMTP_REPLY_LINES_MAX lines, and a line holding NUL, another control
 * byte or bytes that are not UTF-8 is a protocol error: nothing a server
 * sends can make us buffer without bound or wait past the deadline.
 *
 * Nothing here prints, exits or touches signals.
 */
#ifndef RDNS_SMTP_H
#define RDNS_SMTP_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/socket.h>

/*
 * Longest reply line in octets, CRLF included. RFC 5321 4.5.3.1.5 allows
 * 512; we accept up to the 1000 of a text line (4.5.3.1.6), beyond it the
 * reply is a protocol error.
 */
#define SMTP_LINE_MAX 1000
/* Most lines in one reply; more is a protocol error. */
#define SMTP_REPLY_LINES_MAX 100
/* Size of the error texts, NUL included. */
#define SMTP_ERROR_MAX 256
/* Longest command line we send, CRLF excluded (RFC 5321 4.5.3.1.4). */
#define SMTP_COMMAND_MAX 510
/* Transcript lines kept; later ones are counted in transcript_dropped. */
#define SMTP_TRANSCRIPT_MAX 256

/* How an SMTP step failed, in OpenSMTPD's classes (smtp.h FAIL_*). */
enum smtp_status {
	SMTP_OK = 0,
	SMTP_FAIL_INTERNAL, /* out of memory, socket(), bad argument */
	SMTP_FAIL_CONNECT,  /* refused, unreachable, reset while connecting */
	SMTP_FAIL_TIMEOUT,  /* the deadline passed */
	SMTP_FAIL_CLOSED,   /* the server closed or reset the connection */
	SMTP_FAIL_PROTOCOL, /* a malformed, oversized or binary reply */
};

/*
 * One reply, built line by line. Fixed size: no allocation, nothing to
 * release. Zero it (or smtp_reply_init) before its first line.
 */
struct smtp_reply {
	int code;      /* 200..599; 0 before the first line */
	size_t nlines; /* lines so far, at most SMTP_REPLY_LINES_MAX */
	bool done;     /* the last line ("NNN text") was seen */
	/* The text of the first line after "NNN " or "NNN-", NUL-terminated
	   (it can hold no NUL or control byte: those are rejected). */
	char first[SMTP_LINE_MAX];
	/* The text of the last line so far, as first. */
	char last[SMTP_LINE_MAX];
};

enum smtp_parse_result {
	SMTP_PARSE_DONE,  /* the reply is complete */
	SMTP_PARSE_LINE,  /* one continuation line taken, more follow */
	SMTP_PARSE_MORE,  /* no complete line yet, no error so far */
	SMTP_PARSE_ERROR, /* protocol error: err says why */
};

/* Zero a reply before its first line. */
void smtp_reply_init(struct smtp_reply *r);

/*
 * Take the next line of a reply from the start of buf. Pure: no I/O, no
 * allocation; the result depends only on the bytes and on *r.
 *
 * buf, len: in; bytes received and not yet taken (need not be
 *           NUL-terminated).
 * r:        in/out; the reply so far; a taken line is added to it.
 * used:     out; on SMTP_PARSE_DONE and SMTP_PARSE_LINE the octets of the
 *           line, its LF included; else 0.
 * err:      out, may be NULL; on SMTP_PARSE_ERROR a lowercase reason
 *           ("reply line 1 holds a NUL byte", "reply line 1 is longer
 *           than 1000 octets"). Never holds bytes of the reply.
 * errlen:   size of err.
 *
 * Lines end in LF; a CR right before it is dropped, a CR elsewhere is a
 * control byte. A line is "NNN" then " " or "-" or the line end (RFC 5321
 * 4.2), the first digit 2 to 5, the second 0 to 5, then text: TAB,
 * printable ASCII or well-formed UTF-8 (RFC 6531). SMTP_PARSE_MORE comes
 * back only while the bytes so far can still become a valid line: an
 * overlong or binary partial line, a bad code or separator is an error at
 * once, without waiting for the end of the line.
 */
enum smtp_parse_result smtp_parse_line(const char *buf, size_t len,
    struct smtp_reply *r, size_t *used, char *err, size_t errlen);

/*
 * Parse a whole reply from the start of buf: smtp_parse_line until the
 * last line. Pure, as smtp_parse_line.
 *
 * out:  out; the reply (zeroed first); complete on SMTP_PARSE_DONE.
 * used: out; on SMTP_PARSE_DONE the octets the reply took (what follows
 *       belongs to the next reply); else 0.
 *
 * Returns SMTP_PARSE_DONE, SMTP_PARSE_MORE (the reply is incomplete) or
 * SMTP_PARSE_ERROR; never SMTP_PARSE_LINE.
 */
enum smtp_parse_result smtp_parse_reply(const char *buf, size_t len,
    struct smtp_reply *out, size_t *used, char *err, size_t errlen);

/*
 * The domain of a greeting or EHLO reply: its first word (RFC 5321 4.2,
 * 4.3.1: "220 domain text", "250-domain greeting"), that is the bytes of
 * text up to the first space or tab, copied into buf.
 *
 * text: in; a reply line's text (smtp_reply.first).
 * buf:  out; the word, "" when there is none.
 * len:  size of buf; a longer word is an error.
 *
 * Returns 0, or -1 when there is no word or it does not fit.
 */
int smtp_reply_domain(const char *text, char *buf, size_t len);

/* Longest address text in a reply's "[...]", NUL included. */
#define SMTP_SEEN_ADDR_MAX 64
/* Longest client name in a reply, NUL included (a DNS name fits). */
#define SMTP_SEEN_NAME_MAX 256

/*
 * What a server says it sees of its client in the first line of its EHLO
 * (or HELO) reply, where it says it at all:
 *   Exim      "mx.example.net Hello out.example.org [198.51.100.25]"
 *             (the name it verified through PTR and A, else our HELO)
 *   Sendmail  "mx.example.net Hello out.example.org [198.51.100.25],
 *             pleased to meet you", "... [ip] (may be forged), ..."
 *   Exchange  "mx.example.net Hello [198.51.100.25]"
 *   Gmail     "mx.google.com at your service, [2001:db8::25]"
 * Postfix says nothing of its client: has_addr stays false.
 */
struct smtp_seen {
	bool has_addr;
	char addr[SMTP_SEEN_ADDR_MAX]; /* inside the brackets, "IPv6:"
	                                  dropped; not checked further */
	char name[SMTP_SEEN_NAME_MAX]; /* the word after "Hello" (after
	                                  "at" when an ident came first);
	                                  "" when none */
	bool forged;                   /* Sendmail's "(may be forged)" */
};

/*
 * Read what the server saw of us from a reply line's text (pure). The
 * address is the first "[...]" of printable, non-space octets; the name is
 * taken only from "Hello NAME [" (case-insensitive), never from the server's
 * own domain. Returns 0 when an address was found, else -1 (*out zeroed).
 */
int smtp_reply_seen(const char *text, struct smtp_seen *out);

enum smtp_direction {
	SMTP_FROM_SERVER, /* "S: " */
	SMTP_TO_SERVER,   /* "C: " */
};

struct smtp_transcript_line {
	enum smtp_direction dir;
	char *text; /* owned; the raw bytes of the line, CRLF removed,
	               plus a NUL; a rejected line may hold a NUL or
	               any byte: use len, sanitise before printing */
	size_t len; /* bytes in text, the final NUL not counted */
};

/*
 * A connection. Initialise with smtp_init(), end with smtp_release(). The
 * fields are read-only for the caller.
 */
struct smtp_session {
	int fd;                       /* -1 when closed */
	struct sockaddr_storage peer; /* getpeername() after connect */
	socklen_t peerlen;
	struct sockaddr_storage local; /* getsockname() after connect */
	socklen_t locallen;
	char in[2 * SMTP_LINE_MAX]; /* received, not yet parsed */
	size_t inlen;
	bool eof;                   /* the server closed its side */
	char error[SMTP_ERROR_MAX]; /* why the last step failed */
	struct smtp_transcript_line *transcript; /* owned */
	size_t ntranscript;
	size_t transcript_dropped; /* lines not kept */
	bool used_helo;            /* smtp_ehlo fell back to HELO */
};

/* Start a closed session with an empty transcript. */
void smtp_init(struct smtp_session *s);

/*
 * Close the socket and free the transcript; s is as after smtp_init().
 * NULL is fine.
 */
void smtp_release(struct smtp_session *s);

/*
 * Connect to sa (AF_INET or AF_INET6) without blocking, waiting in poll()
 * until the absolute deadline (clock_now() seconds). On success s->peer
 * and s->local are set.
 *
 * Returns SMTP_OK, SMTP_FAIL_CONNECT (s->error: "connection refused",
 * ...), SMTP_FAIL_TIMEOUT or SMTP_FAIL_INTERNAL.
 */
enum smtp_status smtp_connect(struct smtp_session *s, const struct sockaddr *sa,
    socklen_t salen, double deadline);

/*
 * smtp_connect() from a given local address: the socket is bound to src
 * (port 0: any) before it connects, as an MTA bound to one address
 * (Postfix smtp_bind_address) sends. src NULL: as smtp_connect().
 *
 * Returns as smtp_connect(); an address this host does not have, or one
 * of the other family, is SMTP_FAIL_CONNECT ("cannot send from ...").
 */
enum smtp_status smtp_connect_from(struct smtp_session *s,
    const struct sockaddr *sa, socklen_t salen, const struct sockaddr *src,
    socklen_t srclen, double deadline);

/*
 * Read one reply (the greeting, or the answer to the last command) into
 * *r, waiting until the deadline. Every line is added to the transcript.
 *
 * Returns SMTP_OK, SMTP_FAIL_TIMEOUT, SMTP_FAIL_CLOSED (the server closed
 * before the reply was complete), SMTP_FAIL_PROTOCOL (s->error says what
 * was wrong) or SMTP_FAIL_INTERNAL.
 */
enum smtp_status smtp_read_reply(struct smtp_session *s, double deadline,
    struct smtp_reply *r);

/*
 * Send one command line; CRLF is added. The line must be printable ASCII
 * of at most SMTP_COMMAND_MAX octets. It goes into the transcript.
 *
 * Returns SMTP_OK, SMTP_FAIL_TIMEOUT, SMTP_FAIL_CLOSED or
 * SMTP_FAIL_INTERNAL (bad line, not connected).
 */
enum smtp_status smtp_send(struct smtp_session *s, const char *line,
    double deadline);

/*
 * "EHLO name" and its reply; when the server answers 500 or 502 (command
 * not recognised or not implemented, RFC 5321 4.1.4), "HELO name" and its
 * reply instead, and s->used_helo is set. *r is the last reply, whatever
 * its code: the caller judges it.
 *
 * Returns as smtp_send and smtp_read_reply.
 */
enum smtp_status smtp_ehlo(struct smtp_session *s, const char *name,
    double deadline, struct smtp_reply *r);

/*
 * "QUIT" and its reply (221 expected, RFC 5321 4.1.1.10), then close. A
 * server that closes instead of answering is fine: *r then has code 0.
 * r may be NULL.
 *
 * Returns as smtp_send and smtp_read_reply, SMTP_FAIL_CLOSED excepted.
 */
enum smtp_status smtp_quit(struct smtp_session *s, double deadline,
    struct smtp_reply *r);

/* Close the socket, keep the transcript. */
void smtp_close(struct smtp_session *s);

/* "ok", "internal error", "cannot connect", "timeout", ... */
const char *smtp_status_str(enum smtp_status st);

#endif /* RDNS_SMTP_H */
