/*
 * libFuzzer target for the JSON reader (make fuzz): parse the input, walk
 * the whole tree, and call every getter on every value. Beyond the
 * sanitizers, it aborts when a promise of json_read.h is broken: an error
 * that is not one printable line, a value read outside its range, a tree
 * from a text that holds a NUL or a raw control byte.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/json_read.h"

#define FUZZ_MAXLEN	(64 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A message is one line of printable ASCII, never empty. */
static void
check_msg(const char *err)
{
	const char	*p;

	if (err[0] == '\0')
		abort();
	for (p = err; *p != '\0'; p++)
		if (*p < 0x20 || *p > 0x7e)
			abort();
}

/* Each typed read of v: it succeeds within its promise or says why not. */
static void
read_all(const struct json_value *v)
{
	static const long long	 ranges[][2] = { { 0, 64 },
	    { LLONG_MIN, LLONG_MAX }, { -1, 1 }, { 1, INT_MAX } };
	const char		*s;
	long long		 n;
	size_t			 i, len;
	bool			 b;
	static char		 big[FUZZ_MAXLEN];
	char			 buf[16], err[512];
	int			 t;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		if (json_as_int(v, ranges[i][0], ranges[i][1], &n, err,
		    sizeof(err)) == -1)
			check_msg(err);
		else if (n < ranges[i][0] || n > ranges[i][1] ||
		    json_typeof(v) != JSON_NUMBER)
			abort();
	}
	if (json_as_bool(v, &b, err, sizeof(err)) == -1)
		check_msg(err);
	else if (json_typeof(v) != JSON_BOOL)
		abort();
	s = json_string(v, &len);
	if (json_as_str(v, buf, sizeof(buf), err, sizeof(err)) == -1)
		check_msg(err);
	else if (s == NULL || strlen(buf) != len || memcmp(buf, s, len) != 0)
		abort();
	if (json_as_str(v, big, sizeof(big), err, sizeof(err)) == -1)
		check_msg(err);
	else if (s == NULL || len != strlen(big))
		abort();
	for (t = JSON_NULL; t <= JSON_OBJECT; t++)
		if (json_as_type(v, (enum json_type)t, err, sizeof(err)) == -1)
			check_msg(err);
		else if (json_typeof(v) != (enum json_type)t)
			abort();
	if (json_key_str(v, buf, sizeof(buf), err, sizeof(err)) == -1)
		check_msg(err);
	json_path(v, big, sizeof(big));
	json_path(v, buf, sizeof(buf));
	if (strlen(buf) >= sizeof(buf))
		abort();
}

/* The getters by name, on an object: its own names and ones of ours. */
static void
get_all(const struct json_value *o, const char *key)
{
	const struct json_value	*m;
	long long		 n;
	bool			 b;
	char			 buf[16], err[512];

	if (json_get_int(o, key, 0, 64, &n, err, sizeof(err)) == -1)
		check_msg(err);
	if (json_get_bool(o, key, &b, err, sizeof(err)) == -1)
		check_msg(err);
	if (json_get_str(o, key, buf, sizeof(buf), err, sizeof(err)) == -1)
		check_msg(err);
	if (json_get_obj(o, key, &m, err, sizeof(err)) == -1)
		check_msg(err);
	if (json_get_arr(o, key, &m, err, sizeof(err)) == -1)
		check_msg(err);
}

static size_t
walk(const struct json_value *v, size_t textlen, int depth)
{
	const struct json_value	*c;
	const char		*key;
	size_t			 n = 0, nodes = 1, len;

	if (depth > JSON_DEPTH_MAX + 1 || json_column(v) < 1 ||
	    json_column(v) > textlen)
		abort();
	read_all(v);
	for (c = json_first(v); c != NULL; c = json_next(c)) {
		n++;
		key = json_key(c, &len);
		if ((key != NULL) != (json_typeof(v) == JSON_OBJECT))
			abort();
		/* No duplicates: a name without a NUL finds this member. */
		if (key != NULL && strlen(key) == len && json_get(v, key) != c)
			abort();
		/* The first few: every name of a large object is quadratic. */
		if (key != NULL && strlen(key) == len && n <= 32)
			get_all(v, key);
		nodes += walk(c, textlen, depth + 1);
	}
	if (n != json_count(v))
		abort();
	if (json_typeof(v) == JSON_OBJECT) {
		get_all(v, "step");
		get_all(v, "");
	}
	return (nodes);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json_doc	*doc;
	size_t		 i;
	char		 err[512];

	doc = json_parse((const char *)data, size, FUZZ_MAXLEN, err,
	    sizeof(err));
	if (doc == NULL) {
		check_msg(err);
		if (strncmp(err, "column ", 7) != 0)
			abort();
		return (0);
	}
	/* Accepted: no NUL, no control byte but the four of whitespace. */
	for (i = 0; i < size; i++)
		if (data[i] < 0x20 && data[i] != ' ' && data[i] != '\t' &&
		    data[i] != '\n' && data[i] != '\r')
			abort();
	if (walk(json_root(doc), size, 0) > size)
		abort();
	json_doc_free(doc);
	return (0);
}
