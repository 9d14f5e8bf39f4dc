/* A small JSON writer: one object per line, strings escaped for JSON. */
#include <stdio.h>

#include "ipcscope/json.h"

static void
json_quote(struct json *j, const char *s)
{
	const unsigned char	*p;

	if (s == NULL) {
		fputs("null", j->f);
		return;
	}
	fputc('"', j->f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(j->f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", j->f);
		else if (*p < 0x20)
			fprintf(j->f, "\\u%04x", *p);
		else
			fputc(*p, j->f);
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
