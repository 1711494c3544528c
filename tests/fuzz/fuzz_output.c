/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "range.h"

/*
 * fuzz_output: network text through output_sanitize() and the whole
 * plugin output (status line, long output, perfdata) through
 * output_render() and output_exit(), the last line of defence of the
 * Monitoring Plugins output contract: one status line, perfdata after the
 * only '|', nothing from the network adds a line or a field.
 *
 * Input: commands separated by NUL bytes; the first byte of each picks
 * what to do with the rest (a result in some state, a detail line, the
 * summary, a perfdata item whose label is the text and whose warning and
 * critical ranges are the text split at a 0x01 byte, or a sanitised
 * result through a buffer of a size taken from the text). Texts go in
 * unsanitised on purpose: rendering must still be safe.
 *
 * Checked: sanitised text fits its buffer, is printable and '|'-free, and
 * is the whole input when it did not end in "..."; the rendered output
 * ends in a newline, holds only printable ASCII and newlines, has one '|'
 * (" | ") on the first line exactly when there is perfdata and none
 * elsewhere, has one line per long-output entry, names the right state,
 * and output_exit() prints the same text and returns that state; any
 * perfdata item with ranges that parse is accepted.
 */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_sanitize(const char *src, size_t len, size_t dstlen, struct output *o)
{
	char *dst = malloc(dstlen > 0 ? dstlen : 1);
	const unsigned char *p;
	size_t n;

	if (dst == NULL) {
		return;
	}
	memset(dst, 'x', dstlen > 0 ? dstlen : 1);
	output_sanitize(dst, dstlen, src, len);
	if (dstlen == 0) {
		output_result(o, STATE_WARNING, "sanitised nothing");
		free(dst);
		return;
	}
	if (memchr(dst, '\0', dstlen) == NULL) {
		abort();
	}
	for (p = (const unsigned char *)dst; *p != '\0'; p++) {
		if (*p < 0x20 || *p >= 0x7f || *p == '|') {
			abort();
		}
	}
	n = strlen(dst);
	/* Whole when it fits (every byte once, escapes 4 bytes), else cut. */
	{
		size_t want = 0;
		size_t i;

		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)src[i];

			want += c >= 0x20 && c < 0x7f && c != '|' && c != '\\'
			            ? 1
			            : 4;
		}
		if (want < dstlen ? n != want : n >= dstlen) {
			abort();
		}
	}
	output_result(o, STATE_WARNING, "sanitised %s", dst);
	free(dst);
}

static void
add_perf(struct output *o, const char *text)
{
	struct thresholds th;
	struct perf p;
	char *copy = strdup(text);
	char *split;
	const char *crit = NULL;
	bool ok;

	if (copy == NULL) {
		return;
	}
	split = strchr(copy, '\x01');
	if (split != NULL) {
		*split = '\0';
		crit = split + 1;
	}
	memset(&p, 0, sizeof(p));
	p.label = text;
	p.value = (double)strlen(text) / 7.0;
	p.uom = "s";
	p.decimals = strlen(text) % 2 == 0 ? 6 : -1;
	p.has_min = true;
	p.has_max = strlen(text) % 3 == 0;
	p.max = 1e300;
	ok = thresholds_parse(&th, copy, crit, NULL, 0) == 0;
	if (ok) {
		p.th = &th;
	}
	if (output_perf(o, &p) != 0 && !o->oom) {
		abort(); /* parsed ranges must always print */
	}
	free(copy);
}

static void
check_render(const struct output *o, const char *text, size_t nresults,
    size_t ndetails)
{
	const char *nl = strchr(text, '\n');
	const char *p;
	size_t lines = 0;
	size_t pipes_first = 0;
	char head[64];
	size_t want;

	if (nl == NULL || text[strlen(text) - 1] != '\n') {
		abort();
	}
	for (p = text; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\n') {
			lines++;
			continue;
		}
		if (c < 0x20 || c >= 0x7f) {
			abort();
		}
		if (c == '|') {
			if (p > nl) {
				abort(); /* '|' in the long output */
			}
			pipes_first++;
		}
	}
	if (pipes_first != (o->perf_len > 0 ? 1u : 0u)) {
		abort();
	}
	if (pipes_first == 1 && strstr(text, " | ") == NULL) {
		abort();
	}
	want = 1 + ndetails + (nresults >= 2 ? nresults : 0);
	if (lines != want) {
		abort();
	}
	snprintf(head, sizeof(head), "FUZZ %s - ", state_name(o->state));
	if (strncmp(text, head, strlen(head)) != 0) {
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct output o;
	char *buf;
	char *text;
	char *printed = NULL;
	size_t plen = 0;
	size_t pos = 0;
	size_t nresults = 0;
	size_t ndetails = 0;
	enum state st;
	FILE *fp;
	int rc;

	buf = malloc(size + 1);
	if (buf == NULL) {
		return 0;
	}
	memcpy(buf, data, size);
	buf[size] = '\0';
	output_init(&o, "FUZZ");
	while (pos < size) {
		size_t len = strlen(buf + pos);
		const char *arg = buf + pos + (len > 0 ? 1 : 0);
		unsigned char op = len > 0 ? (unsigned char)buf[pos] : 0;

		switch (op % 5) {
		case 0:
			output_result(&o, (enum state)((op >> 3) % 4), "%s",
			    arg);
			nresults++;
			break;
		case 1:
			output_detail(&o, "%s", arg);
			ndetails++;
			break;
		case 2:
			output_summary(&o, "%s", arg);
			break;
		case 3:
			add_perf(&o, arg);
			break;
		default:
			check_sanitize(arg, strlen(arg), (op >> 3) * 3, &o);
			nresults++;
			break;
		}
		pos += len + 1;
	}
	if (o.oom) {
		output_release(&o);
		free(buf);
		return 0;
	}
	text = output_render(&o);
	if (text == NULL) {
		output_release(&o);
		free(buf);
		return 0;
	}
	check_render(&o, text, nresults, ndetails);
	st = o.state;
	fp = open_memstream(&printed, &plen);
	if (fp != NULL) {
		rc = output_exit(&o, fp);
		fclose(fp);
		if (rc != (int)st || printed == NULL ||
		    strcmp(printed, text) != 0) {
			abort();
		}
		free(printed);
	} else {
		output_release(&o);
	}
	free(text);
	free(buf);
	return 0;
}
