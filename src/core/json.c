/* A small JSON writer: one object per line, strings escaped for JSON. */
#include <stdio.h>

#include "ipcscope/json.h"

/* The length of the valid UTF-8 sequence at p (1..4), or 0 if invalid:
 * overlong forms, surrogates and code points past U+10FFFF included. */
static int
utf8_len(const unsigned char *p)
{
	unsigned	c;
	int		n, i;

	if (p[0] < 0x80)
		return (1);
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		n = 2, c = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		n = 3, c = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		n = 4, c = p[0] & 0x07;
	else
		return (0);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		c = c << 6 | (p[i] & 0x3f);
	}
	if ((n == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)))
		return (0);
	return (n);
}

/*
 * A JSON string. A byte that is not UTF-8 (a path from the environment)
 * is written as '?': every line is valid JSON, and a string never reads
 * back longer than it was written, so a recording reads back to the same
 * text (the replay's round trip) even at a field's full length.
 */
static void
json_quote(struct json *j, const char *s)
{
	const unsigned char	*p;
	int			 n;

	if (s == NULL) {
		fputs("null", j->f);
		return;
	}
	fputc('"', j->f);
	for (p = (const unsigned char *)s; *p != '\0'; p += n) {
		n = 1;
		if (*p == '"' || *p == '\\')
			fprintf(j->f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", j->f);
		else if (*p < 0x20)
			fprintf(j->f, "\\u%04x", *p);
		else if (*p < 0x80)
			fputc(*p, j->f);
		else if ((n = utf8_len(p)) == 0) {
			fputc('?', j->f);
			n = 1;
		} else
			fwrite(p, 1, (size_t)n, j->f);
	}
	fputc('"', j->f);
}

/* A comma unless first, then "key": when in an object. */
static void
json_sep(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = false;
	if (key != NULL) {
		json_quote(j, key);
		fputc(':', j->f);
	}
}

static void
json_open(struct json *j, const char *key, int c)
{
	json_sep(j, key);
	fputc(c, j->f);
	if (j->depth + 1 < (int)(sizeof(j->first) / sizeof(j->first[0])))
		j->depth++;
	j->first[j->depth] = true;
}

void
json_begin(struct json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = true;
}

void
json_obj(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void
json_obj_end(struct json *j)
{
	fputc('}', j->f);
	if (j->depth > 0)
		j->depth--;
}

void
json_arr(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void
json_arr_end(struct json *j)
{
	fputc(']', j->f);
	if (j->depth > 0)
		j->depth--;
}

void
json_str(struct json *j, const char *key, const char *s)
{
	json_sep(j, key);
	json_quote(j, s);
}

/* A real number, with enough digits for a measurement; never NaN. */
void
json_real(struct json *j, const char *key, double v)
{
	json_sep(j, key);
	if (v != v)
		fputs("null", j->f);
	else
		fprintf(j->f, "%.6g", v);
}

void
json_int(struct json *j, const char *key, long long v)
{
	json_sep(j, key);
	fprintf(j->f, "%lld", v);
}

void
json_bool(struct json *j, const char *key, bool v)
{
	json_sep(j, key);
	fputs(v ? "true" : "false", j->f);
}

void
json_null(struct json *j, const char *key)
{
	json_sep(j, key);
	fputs("null", j->f);
}

void
json_end(struct json *j)
{
	fputc('\n', j->f);
	fflush(j->f);
}
