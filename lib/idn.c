/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Copyright (C) 2026 The monitoring-plugins-rdns authors */
#include "config.h"

#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "idn.h"

/*
 * idn: RFC 5890-5894 (IDNA2008) and UTS #46 through libidn2. Only names
 * with non-ASCII bytes reach the library, so the plugins' usual runs never
 * pay for it.
 */

bool
idn_is_unicode(const char *text)
{
	const unsigned char *p;

	for (p = (const unsigned char *)text; *p != '\0'; p++) {
		if (*p >= 0x80) {
			return true;
		}
	}
	return false;
}

/* Copy name into out; -1 when it does not fit. */
static int
copy(const char *name, char *out, size_t len)
{
	size_t n = strlen(name);

	if (n >= len) {
		return -1;
	}
	memcpy(out, name, n + 1);
	return 0;
}

int
idn_to_ascii(const char *name, char *out, size_t len, char *err, size_t errlen)
{
	char *ascii = NULL;
	int rc;

	if (!idn_is_unicode(name)) {
		if (copy(name, out, len) != 0) {
			snprintf(err, errlen, "name longer than %zu bytes",
			    len - 1);
			return -1;
		}
		return 0;
	}
	rc = idn2_to_ascii_8z(name, &ascii,
	    IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
	if (rc != IDN2_OK) {
		snprintf(err, errlen,
		    "'%.100s' is not a valid internationalised name (libidn2: "
		    "%s)",
		    name, idn2_strerror(rc));
		return -1;
	}
	if (ascii[0] == '\0') {
		/* Only characters that map to nothing (U+034F, U+200B):
		 * no name is left to look up. */
		idn2_free(ascii);
		snprintf(err, errlen,
		    "'%.100s' is no name: its characters all map to nothing",
		    name);
		return -1;
	}
	rc = copy(ascii, out, len);
	idn2_free(ascii);
	if (rc != 0) {
		snprintf(err, errlen, "name longer than %zu bytes", len - 1);
		return -1;
	}
	return 0;
}

int
idn_to_unicode(const char *name, char *out, size_t len)
{
	char *u = NULL;
	int rc;

	if (strncasecmp(name, "xn--", 4) != 0 &&
	    strstr(name, ".xn--") == NULL && strstr(name, ".XN--") == NULL) {
		return copy(name, out, len);
	}
	if (idn2_to_unicode_8z8z(name, &u, 0) != IDN2_OK) {
		return copy(name, out, len);
	}
	rc = copy(u, out, len);
	idn2_free(u);
	return rc;
}
