/*
 * The strict JSON reader: every shape it takes, a real line of ours read
 * back whole, that line cut at every byte, and each way a text is refused,
 * with its one printable line.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/json_read.h"
#include "suites.h"

#define MAXLEN	65536

/*
 * A real line: `ipcscope --headless --json --keys ppc`, third line, in a
 * private IPC namespace (sysv-shm, 8 slots, one producer, one consumer).
 */
static const char real_line[] =
    "{\"step\":3,\"key\":\"c\",\"transport\":\"sysv-shm\",\"mode\":\"step\",\"granul"
    "arity\":\"call\",\"produced\":0,\"consumed\":0,\"audit\":{\"taken\":0,\"dupl"
    "icates\":0,\"out_of_order\":0,\"unknown\":0},\"buffer\":{\"capacity\":8,\""
    "count\":0,\"in\":0,\"out\":0,\"slots\":[{\"index\":0,\"full\":false},{\"inde"
    "x\":1,\"full\":false},{\"index\":2,\"full\":false},{\"index\":3,\"full\":fa"
    "lse},{\"index\":4,\"full\":false},{\"index\":5,\"full\":false},{\"index\":"
    "6,\"full\":false},{\"index\":7,\"full\":false}],\"note\":\"slots read thr"
    "ough the viewer's SHM_RDONLY attach\"},\"kernel\":{\"shm\":{\"id\":0,\"k"
    "ey\":\"0x6d0020fb\",\"perms\":\"0600\",\"size\":584,\"nattch\":3,\"viewer_at"
    "tached\":1,\"cpid\":1,\"lpid\":4,\"atime\":1795781981,\"dtime\":0,\"ctime\""
    ":1795781981,\"dest\":false},\"sem\":{\"id\":0,\"key\":\"0x730020fb\",\"perm"
    "s\":\"0600\",\"nsems\":3,\"values\":{\"empty\":7,\"full\":0,\"mutex\":1},\"wai"
    "ting\":{\"empty\":0,\"full\":0,\"mutex\":0},\"zcnt\":{\"empty\":0,\"full\":0,"
    "\"mutex\":0},\"pids\":{\"empty\":3,\"full\":1,\"mutex\":1},\"otime\":1795781"
    "981,\"ctime\":1795781981}},\"workers\":[{\"role\":\"producer\",\"id\":1,\"p"
    "id\":3,\"alive\":true,\"phase\":\"lock\",\"call\":\"semop(mutex, -1)\",\"sta"
    "te\":\"S\",\"wchan\":\"futex_do_wait\",\"ready\":true,\"blocked\":false,\"ho"
    "lds\":\"\",\"carrying\":1,\"done\":0},{\"role\":\"consumer\",\"id\":1,\"pid\":4"
    ",\"alive\":true,\"phase\":\"wait-full\",\"call\":\"semop(full, -1)\",\"stat"
    "e\":\"S\",\"wchan\":\"futex_do_wait\",\"ready\":true,\"blocked\":false,\"hol"
    "ds\":\"\",\"done\":0}],\"event\":\"C1 shmat(shmid, NULL, 0): the segment"
    " is mapped into this process, nattch goes up\"}";

/* Every scalar of real_line, path=value, as jq lists them in order. */
static const char real_leaves[] =
    "step=3\n"
    "key=c\n"
    "transport=sysv-shm\n"
    "mode=step\n"
    "granularity=call\n"
    "produced=0\n"
    "consumed=0\n"
    "audit.taken=0\n"
    "audit.duplicates=0\n"
    "audit.out_of_order=0\n"
    "audit.unknown=0\n"
    "buffer.capacity=8\n"
    "buffer.count=0\n"
    "buffer.in=0\n"
    "buffer.out=0\n"
    "buffer.slots[0].index=0\n"
    "buffer.slots[0].full=false\n"
    "buffer.slots[1].index=1\n"
    "buffer.slots[1].full=false\n"
    "buffer.slots[2].index=2\n"
    "buffer.slots[2].full=false\n"
    "buffer.slots[3].index=3\n"
    "buffer.slots[3].full=false\n"
    "buffer.slots[4].index=4\n"
    "buffer.slots[4].full=false\n"
    "buffer.slots[5].index=5\n"
    "buffer.slots[5].full=false\n"
    "buffer.slots[6].index=6\n"
    "buffer.slots[6].full=false\n"
    "buffer.slots[7].index=7\n"
    "buffer.slots[7].full=false\n"
    "buffer.note=slots read through the viewer's SHM_RDONLY attach\n"
    "kernel.shm.id=0\n"
    "kernel.shm.key=0x6d0020fb\n"
    "kernel.shm.perms=0600\n"
    "kernel.shm.size=584\n"
    "kernel.shm.nattch=3\n"
    "kernel.shm.viewer_attached=1\n"
    "kernel.shm.cpid=1\n"
    "kernel.shm.lpid=4\n"
    "kernel.shm.atime=1795781981\n"
    "kernel.shm.dtime=0\n"
    "kernel.shm.ctime=1795781981\n"
    "kernel.shm.dest=false\n"
    "kernel.sem.id=0\n"
    "kernel.sem.key=0x730020fb\n"
    "kernel.sem.perms=0600\n"
    "kernel.sem.nsems=3\n"
    "kernel.sem.values.empty=7\n"
    "kernel.sem.values.full=0\n"
    "kernel.sem.values.mutex=1\n"
    "kernel.sem.waiting.empty=0\n"
    "kernel.sem.waiting.full=0\n"
    "kernel.sem.waiting.mutex=0\n"
    "kernel.sem.zcnt.empty=0\n"
    "kernel.sem.zcnt.full=0\n"
    "kernel.sem.zcnt.mutex=0\n"
    "kernel.sem.pids.empty=3\n"
    "kernel.sem.pids.full=1\n"
    "kernel.sem.pids.mutex=1\n"
    "kernel.sem.otime=1795781981\n"
    "kernel.sem.ctime=1795781981\n"
    "workers[0].role=producer\n"
    "workers[0].id=1\n"
    "workers[0].pid=3\n"
    "workers[0].alive=true\n"
    "workers[0].phase=lock\n"
    "workers[0].call=semop(mutex, -1)\n"
    "workers[0].state=S\n"
    "workers[0].wchan=futex_do_wait\n"
    "workers[0].ready=true\n"
    "workers[0].blocked=false\n"
    "workers[0].holds=\n"
    "workers[0].carrying=1\n"
    "workers[0].done=0\n"
    "workers[1].role=consumer\n"
    "workers[1].id=1\n"
    "workers[1].pid=4\n"
    "workers[1].alive=true\n"
    "workers[1].phase=wait-full\n"
    "workers[1].call=semop(full, -1)\n"
    "workers[1].state=S\n"
    "workers[1].wchan=futex_do_wait\n"
    "workers[1].ready=true\n"
    "workers[1].blocked=false\n"
    "workers[1].holds=\n"
    "workers[1].done=0\n"
    "event=C1 shmat(shmid, NULL, 0): the segment is mapped into this process, nattch goes up\n";

#define REAL_CONTAINERS	21	/* objects and arrays below the root */

/* An error message is one line of printable ASCII. */
static void
one_line(const char *err)
{
	const char	*p;

	ck_assert_msg(err[0] != '\0', "empty error message");
	for (p = err; *p != '\0'; p++)
		ck_assert_msg(*p >= 0x20 && *p < 0x7f,
		    "byte 0x%02x at %td in the message \"%s\"",
		    (unsigned char)*p, p - err, err);
}

/*
 * Parse a heap copy of exactly len bytes, freed before the tree is used:
 * ASan sees a read past the end, or a tree that points into the text.
 */
static struct json_doc *
parse_n(const char *text, size_t len, char *err, size_t errlen)
{
	struct json_doc	*doc;
	char		*copy;

	copy = malloc(len == 0 ? 1 : len);
	ck_assert_ptr_nonnull(copy);
	memcpy(copy, text, len);
	err[0] = '\0';
	doc = json_parse(copy, len, MAXLEN, err, errlen);
	free(copy);
	if (doc == NULL)
		one_line(err);
	return (doc);
}

static struct json_doc *
ok(const char *text)
{
	struct json_doc	*doc;
	char		 err[256];

	doc = parse_n(text, strlen(text), err, sizeof(err));
	ck_assert_msg(doc != NULL, "refused %s: %s", text, err);
	return (doc);
}

/* text (len bytes) is refused with exactly the message want. */
static void
bad_n(const char *text, size_t len, const char *want)
{
	struct json_doc	*doc;
	char		 err[256];

	doc = parse_n(text, len, err, sizeof(err));
	ck_assert_msg(doc == NULL, "accepted %s", text);
	ck_assert_str_eq(err, want);
}

static void
bad(const char *text, const char *want)
{
	bad_n(text, strlen(text), want);
}

/* Documents of root_of(), freed after each test: LSan sees any leak. */
static struct json_doc	*kept[64];
static size_t		 nkept;

static void
free_kept(void)
{
	while (nkept > 0)
		json_doc_free(kept[--nkept]);
}

/* The root of a document that must parse, kept until the test ends. */
static const struct json_value *
root_of(const char *text)
{
	ck_assert_uint_lt(nkept, sizeof(kept) / sizeof(kept[0]));
	kept[nkept] = ok(text);
	return (json_root(kept[nkept++]));
}

/* Member k of o is an integer in lo..hi, and it is want. */
static void
expect_int(const struct json_value *o, const char *k, long long lo,
    long long hi, long long want)
{
	long long	v;
	char		err[256];

	ck_assert_msg(json_get_int(o, k, lo, hi, &v, err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(v, want);
}

static void
expect_str(const struct json_value *o, const char *k, const char *want)
{
	char	s[128], err[256];

	ck_assert_msg(json_get_str(o, k, s, sizeof(s), err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_str_eq(s, want);
}

static void
expect_bool(const struct json_value *o, const char *k, bool want)
{
	bool	b;
	char	err[256];

	ck_assert_msg(json_get_bool(o, k, &b, err, sizeof(err)) == 0, "%s",
	    err);
	ck_assert_int_eq(b, want);
}

START_TEST(scalars_at_the_top)
{
	const struct json_value	*v;
	long long		 i;
	bool			 b;
	char			 s[16], err[256];

	ck_assert_int_eq(json_typeof(root_of("null")), JSON_NULL);
	v = root_of(" true ");
	ck_assert_int_eq(json_as_bool(v, &b, err, sizeof(err)), 0);
	ck_assert(b);
	v = root_of("false\n");
	ck_assert_int_eq(json_as_bool(v, &b, err, sizeof(err)), 0);
	ck_assert(!b);
	v = root_of("\t\r\n 42 \r\n");
	ck_assert_int_eq(json_as_int(v, 0, 100, &i, err, sizeof(err)), 0);
	ck_assert_int_eq(i, 42);
	ck_assert_uint_eq(json_column(v), 5);
	v = root_of("\"hi\"");
	ck_assert_int_eq(json_as_str(v, s, sizeof(s), err, sizeof(err)), 0);
	ck_assert_str_eq(s, "hi");
	/* The root has no name and no path. */
	ck_assert_ptr_null(json_key(v, NULL));
	json_path(v, s, sizeof(s));
	ck_assert_str_eq(s, "");
}
END_TEST

START_TEST(numbers_by_the_grammar)
{
	static const char *const good[] = { "0", "-0", "7", "-7", "10",
	    "0.5", "-0.0", "1e5", "1E5", "1e+5", "1e-5", "1.25E-10", "0e0",
	    "123456789012345678901234567890", "1e400", "-1e-400" };
	static const struct {
		const char	*text;
		const char	*err;
	} wrong[] = {
		{ "01", "column 1: a number may not start with 0 and another "
		    "digit" },
		{ "-01", "column 2: a number may not start with 0 and another "
		    "digit" },
		{ "+1", "column 1: expected a value, got '+'" },
		{ ".5", "column 1: expected a value, got '.'" },
		{ "-", "column 2: expected a digit after '-', got the end of "
		    "the text" },
		{ "-a", "column 2: expected a digit after '-', got 'a'" },
		{ "1.", "column 3: expected a digit after the decimal point, "
		    "got the end of the text" },
		{ "1.e5", "column 3: expected a digit after the decimal point, "
		    "got 'e'" },
		{ "1e", "column 3: expected a digit in the exponent, got the "
		    "end of the text" },
		{ "1e+", "column 4: expected a digit in the exponent, got the "
		    "end of the text" },
		{ "1e+-1", "column 4: expected a digit in the exponent, got "
		    "'-'" },
		{ "0x10", "column 2: expected the end of the text after the "
		    "value, got 'x'" },
		{ "1 2", "column 3: expected the end of the text after the "
		    "value, got '2'" },
		{ "Infinity", "column 1: expected a value, got 'I'" },
		{ "NaN", "column 1: expected a value, got 'N'" },
		{ "[-]", "column 3: expected a digit after '-', got ']'" },
	};
	size_t	i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_int_eq(json_typeof(root_of(good[i])), JSON_NUMBER);
	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++)
		bad(wrong[i].text, wrong[i].err);
}
END_TEST

START_TEST(containers_in_order)
{
	const struct json_value	*r, *v, *a;
	long long		 i;
	size_t			 n, len;
	char			 path[64], err[256];

	r = root_of(" { \"a\" : [ 1 , [ ] , { } , [ [ 2 ] ] ] , \"b\" : { "
	    "\"c\" : null } , \"\" : \"empty name\" } ");
	ck_assert_int_eq(json_typeof(r), JSON_OBJECT);
	ck_assert_uint_eq(json_count(r), 3);
	v = json_first(r);
	ck_assert_str_eq(json_key(v, &len), "a");
	ck_assert_uint_eq(len, 1);
	ck_assert_int_eq(json_typeof(v), JSON_ARRAY);
	ck_assert_uint_eq(json_count(v), 4);
	a = json_first(v);
	ck_assert_int_eq(json_as_int(a, 1, 1, &i, err, sizeof(err)), 0);
	ck_assert_ptr_null(json_key(a, NULL));
	a = json_next(a);
	ck_assert_int_eq(json_typeof(a), JSON_ARRAY);
	ck_assert_uint_eq(json_count(a), 0);
	ck_assert_ptr_null(json_first(a));
	a = json_next(a);
	ck_assert_int_eq(json_typeof(a), JSON_OBJECT);
	ck_assert_uint_eq(json_count(a), 0);
	a = json_next(a);
	a = json_first(json_first(a));
	json_path(a, path, sizeof(path));
	ck_assert_str_eq(path, "a[3][0][0]");
	ck_assert_uint_eq(json_column(a), 32);
	ck_assert_ptr_null(json_next(json_next(json_next(json_next(
	    json_first(v))))));
	v = json_next(v);
	ck_assert_str_eq(json_key(v, NULL), "b");
	ck_assert_int_eq(json_typeof(json_get(v, "c")), JSON_NULL);
	json_path(json_get(v, "c"), path, sizeof(path));
	ck_assert_str_eq(path, "b.c");
	v = json_next(v);
	ck_assert_str_eq(json_key(v, NULL), "");
	ck_assert_ptr_eq(json_get(r, ""), v);
	ck_assert_ptr_null(json_next(v));
	/* Scalars have no members; an array has no named ones. */
	ck_assert_uint_eq(json_count(v), 0);
	ck_assert_ptr_null(json_first(v));
	ck_assert_ptr_null(json_get(v, "x"));
	ck_assert_ptr_null(json_get(json_get(r, "a"), "0"));
	ck_assert_ptr_null(json_get(r, "c"));
	/* A cut path buffer still ends in a NUL. */
	json_path(a, path, 4);
	ck_assert_str_eq(path, "a[3");
	n = json_count(root_of("[[],{},\"\",0,false,null]"));
	ck_assert_uint_eq(n, 6);
}
END_TEST

START_TEST(strings_decoded)
{
	const struct json_value	*r;
	const char		*s;
	size_t			 len;
	char			 buf[64], err[256];

	r = root_of("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20ac"
	    "\\uD83D\\uDE00\", \"caf\xc3\xa9 \xe2\x96\xb6 \xf0\x9f\x98\x80\","
	    " \"a\\u0000b\", \"\x7f\", \"\\u00E9\"]");
	s = json_string(json_first(r), &len);
	ck_assert_uint_eq(len, 8);
	ck_assert_str_eq(s, "\"\\/\b\f\n\r\t");
	/* \u to UTF-8: 1, 2, 3 bytes, and a surrogate pair to 4. */
	s = json_string(json_next(json_first(r)), &len);
	ck_assert_str_eq(s, "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	ck_assert_uint_eq(len, 10);
	/* Raw UTF-8 kept as it is. */
	s = json_string(json_next(json_next(json_first(r))), &len);
	ck_assert_str_eq(s, "caf\xc3\xa9 \xe2\x96\xb6 \xf0\x9f\x98\x80");
	/* \u0000 is kept, counted, and refused by the copying getter. */
	s = json_string(json_next(json_next(json_next(json_first(r)))), &len);
	ck_assert_uint_eq(len, 3);
	ck_assert_mem_eq(s, "a\0b", 4);
	ck_assert_int_eq(json_as_str(json_next(json_next(json_next(
	    json_first(r)))), buf, sizeof(buf), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"[3]\": a string holds a NUL character "
	    "(\\u0000)");
	/* DEL is no control character for JSON. */
	ck_assert_ptr_nonnull(json_string(json_next(json_next(json_next(
	    json_next(json_first(r))))), NULL));
	ck_assert_str_eq(json_string(json_get(root_of("{\"k\":\"\\u00E9\"}"),
	    "k"), NULL), "\xc3\xa9");
	ck_assert_ptr_null(json_string(r, &len));
}
END_TEST

START_TEST(escapes_refused)
{
	bad("\"\\x\"", "column 2: invalid escape: a backslash then 'x' in a "
	    "string");
	bad("\"\\'\"", "column 2: invalid escape: a backslash then '\\'' in "
	    "a string");
	bad("\"\\U0041\"", "column 2: invalid escape: a backslash then 'U' in "
	    "a string");
	bad("\"\\u12g4\"", "column 2: \\u needs four hex digits");
	bad("\"\\u12\"", "column 2: \\u needs four hex digits");
	bad("\"\\u12", "column 6: the text ends inside a \\u escape");
	bad("\"\\", "column 3: the text ends inside a string");
	bad("\"\\ud800\"", "column 2: lone surrogate \\ud800 in a string: a "
	    "high surrogate must be followed by a low one");
	bad("\"\\udbff\\n\"", "column 2: lone surrogate \\udbff in a string: "
	    "a high surrogate must be followed by a low one");
	bad("\"\\ud800\\u0041\"", "column 2: lone surrogate \\ud800 in a "
	    "string: followed by \\u0041, not a low surrogate");
	bad("\"\\ud800\\ud800\"", "column 2: lone surrogate \\ud800 in a "
	    "string: followed by \\ud800, not a low surrogate");
	bad("\"x\\udc00\"", "column 3: lone surrogate \\udc00 in a string: a "
	    "low surrogate with no high one before it");
	bad("{\"\\udfff\":1}", "column 3: lone surrogate \\udfff in a member "
	    "name: a low surrogate with no high one before it");
	bad("'a'", "column 1: expected a value, got '\\''");
}
END_TEST

START_TEST(control_characters_and_nul)
{
	char	text[8], want[128];
	int	c;

	for (c = 1; c < 0x20; c++) {
		snprintf(text, sizeof(text), "\"a%cb\"", c);
		snprintf(want, sizeof(want), "column 3: control character "
		    "0x%02x in a string (it must be escaped)", c);
		bad(text, want);
	}
	bad("{\"a\tb\":1}", "column 4: control character 0x09 in a member "
	    "name (it must be escaped)");
	/* NUL: in a string, in a name, between tokens, after the value. */
	bad_n("\"a\0b\"", 5, "column 3: a NUL byte in a string");
	bad_n("{\"\0\":1}", 7, "column 3: a NUL byte in a member name");
	bad_n("[1,\0 2]", 7, "column 4: expected a value, got a NUL byte");
	bad_n("{}\0", 3, "column 3: expected the end of the text after the "
	    "value, got a NUL byte");
	bad_n("\0", 1, "column 1: expected a value, got a NUL byte");
	/* Whitespace is four bytes, no more. */
	bad("\f1", "column 1: expected a value, got byte 0x0c");
	bad("[1,\v2]", "column 4: expected a value, got byte 0x0b");
	bad("\xc2\xa0" "1", "column 1: expected a value, got byte 0xc2");
	/* The escaped forms are fine. */
	ck_assert_str_eq(json_string(root_of("\"\\u0001\\u001f\\t\""), NULL),
	    "\001\037\t");
}
END_TEST

START_TEST(invalid_utf8_each_class)
{
	static const struct {
		const char	*text;
		const char	*err;
	} wrong[] = {
		{ "\"\xff\"", "column 2: invalid UTF-8 byte 0xff in a string" },
		{ "\"\xfe\"", "column 2: invalid UTF-8 byte 0xfe in a string" },
		{ "\"\xf8\x88\x80\x80\x80\"", "column 2: invalid UTF-8 byte "
		    "0xf8 in a string" },
		/* A continuation byte with no lead. */
		{ "\"a\x80\"", "column 3: invalid UTF-8 byte 0x80 in a "
		    "string" },
		{ "\"\xbf\"", "column 2: invalid UTF-8 byte 0xbf in a "
		    "string" },
		/* Overlong: '/' in 2, 3 and 4 bytes, U+07FF in 3. */
		{ "\"\xc0\xaf\"", "column 2: invalid UTF-8 in a string: "
		    "overlong form starting 0xc0" },
		{ "\"\xc1\xbf\"", "column 2: invalid UTF-8 in a string: "
		    "overlong form starting 0xc1" },
		{ "\"\xe0\x80\xaf\"", "column 2: invalid UTF-8 in a string: "
		    "overlong form 0xe0 0x80" },
		{ "\"\xe0\x9f\xbf\"", "column 2: invalid UTF-8 in a string: "
		    "overlong form 0xe0 0x9f" },
		{ "\"\xf0\x80\x80\xaf\"", "column 2: invalid UTF-8 in a "
		    "string: overlong form 0xf0 0x80" },
		{ "\"\xf0\x8f\xbf\xbf\"", "column 2: invalid UTF-8 in a "
		    "string: overlong form 0xf0 0x8f" },
		/* Surrogates U+D800 and U+DFFF encoded in UTF-8. */
		{ "\"\xed\xa0\x80\"", "column 2: invalid UTF-8 in a string: "
		    "0xed 0xa0 encodes a surrogate" },
		{ "\"\xed\xbf\xbf\"", "column 2: invalid UTF-8 in a string: "
		    "0xed 0xbf encodes a surrogate" },
		/* Above U+10FFFF. */
		{ "\"\xf4\x90\x80\x80\"", "column 2: invalid UTF-8 in a "
		    "string: 0xf4 0x90 is above U+10FFFF" },
		{ "\"\xf5\x80\x80\x80\"", "column 2: invalid UTF-8 in a "
		    "string: 0xf5 starts a code point above U+10FFFF" },
		{ "\"\xf7\xbf\xbf\xbf\"", "column 2: invalid UTF-8 in a "
		    "string: 0xf7 starts a code point above U+10FFFF" },
		/* Truncated: by the closing quote, by ASCII, by a lead. */
		{ "\"\xc3\"", "column 2: invalid UTF-8 in a string: truncated "
		    "sequence 0xc3" },
		{ "\"\xe2\x82\"", "column 2: invalid UTF-8 in a string: "
		    "truncated sequence 0xe2 0x82" },
		{ "\"\xf0\x9f\x98z\"", "column 2: invalid UTF-8 in a string: "
		    "truncated sequence 0xf0 0x9f 0x98" },
		{ "\"\xe2\xc3\xa9\"", "column 2: invalid UTF-8 in a string: "
		    "truncated sequence 0xe2" },
		{ "\"\xe2\x82", "column 2: invalid UTF-8 in a string: "
		    "truncated sequence 0xe2 0x82" },
		/* In a member name, and outside any string. */
		{ "{\"\xff\":1}", "column 3: invalid UTF-8 byte 0xff in a "
		    "member name" },
		{ "{\"a\":1,\"\xed\xa0\x80\":2}", "column 9: invalid UTF-8 in "
		    "a member name: 0xed 0xa0 encodes a surrogate" },
		{ "[\xc3\xa9]", "column 2: expected a value, got byte 0xc3" },
		{ "\xef\xbb\xbf{}", "column 1: expected a value, got byte "
		    "0xef" },
	};
	/* The edges of every class that is valid. */
	static const char *const good[] = { "\"\xc2\x80\"", "\"\xdf\xbf\"",
	    "\"\xe0\xa0\x80\"", "\"\xed\x9f\xbf\"", "\"\xee\x80\x80\"",
	    "\"\xef\xbf\xbf\"", "\"\xf0\x90\x80\x80\"", "\"\xf4\x8f\xbf\xbf\"",
	    "\"\xf1\x80\x80\x80\"", "\"\xf3\xbf\xbf\xbf\"" };
	size_t	i;

	for (i = 0; i < sizeof(wrong) / sizeof(wrong[0]); i++)
		bad(wrong[i].text, wrong[i].err);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		ck_assert_int_eq(json_typeof(root_of(good[i])), JSON_STRING);
}
END_TEST

START_TEST(structure_refused)
{
	bad("", "column 1: expected a value, got the end of the text");
	bad(" \n", "column 3: expected a value, got the end of the text");
	bad("{", "column 2: expected a member name in double quotes, got the "
	    "end of the text");
	bad("{\"step\" 3}", "column 9: expected ':' after the member name "
	    "\"step\", got '3'");
	bad("{\"a\":1,}", "column 8: expected a member name in double quotes, "
	    "got '}'");
	bad("{\"a\":1 \"b\":2}", "column 8: expected ',' or '}' after the "
	    "member \"a\", got '\"'");
	bad("{a:1}", "column 2: expected a member name in double quotes, got "
	    "'a'");
	bad("{1:1}", "column 2: expected a member name in double quotes, got "
	    "'1'");
	bad("[1,]", "column 4: expected a value, got ']'");
	bad("[,1]", "column 2: expected a value, got ','");
	bad("[1 2]", "column 4: expected ',' or ']' after an array element, "
	    "got '2'");
	bad("[1}", "column 3: expected ',' or ']' after an array element, got "
	    "'}'");
	bad("{\"a\":1]", "column 7: expected ',' or '}' after the member "
	    "\"a\", got ']'");
	bad("{} {}", "column 4: expected the end of the text after the value, "
	    "got '{'");
	bad("{}\n{}", "column 4: expected the end of the text after the value, "
	    "got '{'");
	bad("{}x", "column 3: expected the end of the text after the value, "
	    "got 'x'");
	bad("tru", "column 1: expected the literal true");
	bad("True", "column 1: expected a value, got 'T'");
	bad("nul", "column 1: expected the literal null");
	bad("[fals]", "column 2: expected the literal false");
	bad("truefalse", "column 5: expected the end of the text after the "
	    "value, got 'f'");
	bad("\"abc", "column 5: the text ends inside a string");
	bad("/* c */ 1", "column 1: expected a value, got '/'");
}
END_TEST

START_TEST(duplicate_names)
{
	char	*text, want[128];
	size_t	 i, at;
	int	 n;

	bad("{\"a\":1,\"a\":2}", "column 8: duplicate member name \"a\"");
	/* Equal once decoded. */
	bad("{\"a\":1,\"\\u0061\":2}", "column 8: duplicate member name "
	    "\"a\"");
	bad("{\"x\":{\"a\":1,\"b\":{},\"a\":2}}", "column 20: duplicate member "
	    "name \"a\"");
	bad("{\"a\\u0000b\":1,\"a\\u0000b\":2}", "column 15: duplicate member "
	    "name \"a\\0b\"");
	/* The same name in different objects, or differing after a NUL. */
	root_of("{\"a\":{\"a\":1},\"b\":{\"a\":{\"a\":2}},\"c\":[{\"a\":1},"
	    "{\"a\":2}]}");
	root_of("{\"a\\u0000b\":1,\"a\\u0000c\":2,\"a\":3}");
	/* Thousands of names in one object: then one twice. */
	text = malloc(20 * 5000 + 64);
	ck_assert_ptr_nonnull(text);
	at = 0;
	text[at++] = '{';
	for (i = 0; i < 5000; i++) {
		n = sprintf(text + at, "%s\"m%zu\":%zu", i ? "," : "", i, i);
		at += (size_t)n;
	}
	strcpy(text + at, "}");
	ck_assert_uint_eq(json_count(root_of(text)), 5000);
	n = sprintf(text + at, ",\"m4321\":1}");
	snprintf(want, sizeof(want), "column %zu: duplicate member name "
	    "\"m4321\"", at + 2);
	bad(text, want);
	free(text);
	/* Around the size where names go from one by one to the table. */
	text = malloc(20 * 64 + 64);
	ck_assert_ptr_nonnull(text);
	for (n = 1; n < 64; n++) {
		at = 0;
		text[at++] = '{';
		for (i = 0; i < (size_t)n; i++)
			at += (size_t)sprintf(text + at, "\"m%zu\":0,", i);
		strcpy(text + at, "\"x\":0}");
		ck_assert_uint_eq(json_count(root_of(text)), (size_t)n + 1);
		free_kept();
		for (i = 0; i < (size_t)n; i += (size_t)n - 1) {
			sprintf(text + at, "\"m%zu\":1}", i);
			snprintf(want, sizeof(want), "column %zu: duplicate "
			    "member name \"m%zu\"", at + 1, i);
			bad(text, want);
			if (n == 1)
				break;
		}
	}
	free(text);
}
END_TEST

/* depth arrays and objects inside each other, alternating. */
static char *
nested(int depth)
{
	char	*t;
	size_t	 at = 0;
	int	 i;

	t = malloc(8 * (size_t)depth + 8);
	ck_assert_ptr_nonnull(t);
	for (i = 0; i < depth; i++) {
		if (i % 2 == 0)
			t[at++] = '[';
		else {
			memcpy(t + at, "{\"k\":", 5);
			at += 5;
		}
	}
	t[at++] = '0';
	for (i = depth - 1; i >= 0; i--)
		t[at++] = i % 2 == 0 ? ']' : '}';
	t[at] = '\0';
	return (t);
}

START_TEST(deep_nesting)
{
	const struct json_value	*v;
	char			*t, want[128], path[256];
	int			 i;

	t = nested(JSON_DEPTH_MAX);
	v = root_of(t);
	for (i = 0; i < JSON_DEPTH_MAX; i++)
		v = json_first(v);
	ck_assert_int_eq(json_typeof(v), JSON_NUMBER);
	json_path(v, path, sizeof(path));
	ck_assert_str_eq(path, "[0].k[0].k[0].k[0].k[0].k[0].k[0].k[0].k[0]"
	    ".k[0].k[0].k[0].k[0].k[0].k[0].k[0].k");
	free(t);
	t = nested(JSON_DEPTH_MAX + 1);
	/* The 33rd is an array: 16 "[{"k":" pairs before it. */
	snprintf(want, sizeof(want), "column %d: nested deeper than %d arrays "
	    "and objects", 16 * 6 + 1, JSON_DEPTH_MAX);
	bad(t, want);
	free(t);
	/* Far deeper: refused, never a stack overflow. */
	t = malloc(MAXLEN + 1);
	ck_assert_ptr_nonnull(t);
	memset(t, '[', MAXLEN);
	t[MAXLEN] = '\0';
	bad(t, "column 33: nested deeper than 32 arrays and objects");
	free(t);
}
END_TEST

START_TEST(length_limit)
{
	struct json_doc	*doc;
	char		 err[256];

	doc = json_parse("[1,2]", 5, 5, err, sizeof(err));
	ck_assert_ptr_nonnull(doc);
	json_doc_free(doc);
	ck_assert_ptr_null(json_parse("[1,2]", 5, 4, err, sizeof(err)));
	ck_assert_str_eq(err, "column 5: the text is longer than the limit "
	    "of 4 bytes");
	/* Only len bytes are read: no NUL needed, none looked for. */
	doc = json_parse("[1,2]garbage", 5, 5, err, sizeof(err));
	ck_assert_ptr_nonnull(doc);
	ck_assert_uint_eq(json_count(json_root(doc)), 2);
	json_doc_free(doc);
	/* A short or missing error buffer is fine. */
	ck_assert_ptr_null(json_parse("[1,", 3, 5, err, 8));
	ck_assert_str_eq(err, "column ");
	ck_assert_ptr_null(json_parse("[1,", 3, 5, NULL, 0));
	json_doc_free(NULL);
}
END_TEST

START_TEST(integers_exact_and_in_range)
{
	static const struct {
		const char	*text;
		long long	 min, max, want;
		const char	*err;
	} cases[] = {
		{ "0", 0, 0, 0, NULL },
		{ "-0", 0, 0, 0, NULL },
		{ "9223372036854775807", 0, LLONG_MAX, LLONG_MAX, NULL },
		{ "-9223372036854775808", LLONG_MIN, 0, LLONG_MIN, NULL },
		{ "-9223372036854775807", LLONG_MIN, 0, -LLONG_MAX, NULL },
		{ "9223372036854775808", LLONG_MIN, LLONG_MAX, 0, "\"n\": "
		    "9223372036854775808 is out of range "
		    "-9223372036854775808..9223372036854775807" },
		{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, 0, "\"n\": "
		    "-9223372036854775809 is out of range "
		    "-9223372036854775808..9223372036854775807" },
		{ "18446744073709551615", 0, LLONG_MAX, 0, "\"n\": "
		    "18446744073709551615 is out of range "
		    "0..9223372036854775807" },
		{ "18446744073709551616", 0, LLONG_MAX, 0, "\"n\": "
		    "18446744073709551616 is out of range "
		    "0..9223372036854775807" },
		{ "99999999999999999999", 0, LLONG_MAX, 0, "\"n\": "
		    "99999999999999999999 is out of range "
		    "0..9223372036854775807" },
		{ "-99999999999999999999", LLONG_MIN, 0, 0, "\"n\": "
		    "-99999999999999999999 is out of range "
		    "-9223372036854775808..0" },
		{ "65", 0, 64, 0, "\"n\": 65 is out of range 0..64" },
		{ "-1", 0, 64, 0, "\"n\": -1 is out of range 0..64" },
		{ "1.0", 0, 64, 0, "\"n\": expected an integer, got 1.0" },
		{ "1e2", 0, 1000, 0, "\"n\": expected an integer, got 1e2" },
		{ "1e400", 0, 64, 0, "\"n\": expected an integer, got 1e400" },
		{ "-0.0", 0, 64, 0, "\"n\": expected an integer, got -0.0" },
		{ "\"5\"", 0, 64, 0, "\"n\": expected an integer, got a string" },
		{ "true", 0, 64, 0, "\"n\": expected an integer, got true" },
		{ "null", 0, 64, 0, "\"n\": expected an integer, got null" },
		{ "[5]", 0, 64, 0, "\"n\": expected an integer, got an array" },
		{ "{}", 0, 64, 0, "\"n\": expected an integer, got an object" },
	};
	char		 text[128], err[256];
	long long	 v;
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(text, sizeof(text), "{\"n\":%s}", cases[i].text);
		v = 12345;
		err[0] = '\0';
		rc = json_get_int(root_of(text), "n", cases[i].min,
		    cases[i].max, &v, err, sizeof(err));
		if (cases[i].err == NULL) {
			ck_assert_msg(rc == 0, "%s: %s", text, err);
			ck_assert_int_eq(v, cases[i].want);
		} else {
			ck_assert_int_eq(rc, -1);
			ck_assert_str_eq(err, cases[i].err);
			ck_assert_int_eq(v, 12345);	/* left alone */
		}
	}
}
END_TEST

START_TEST(huge_number_shown_cut)
{
	char		*text, err[512];
	long long	 v;

	/* 400 digits: parsed, then refused in one line of sane length. */
	text = malloc(420);
	ck_assert_ptr_nonnull(text);
	strcpy(text, "{\"n\":");
	memset(text + 5, '7', 400);
	strcpy(text + 405, "}");
	ck_assert_int_eq(json_get_int(root_of(text), "n", 0, 64, &v, err,
	    sizeof(err)), -1);
	ck_assert_uint_eq(strlen(err), 5 + 64 + 3 + strlen(" is out of range "
	    "0..64"));
	ck_assert_str_eq(err + 5 + 64, "... is out of range 0..64");
	free(text);
}
END_TEST

START_TEST(wrong_types_named_by_path)
{
	const struct json_value	*r, *b, *o;
	long long		 v;
	bool			 f;
	char			 s[8], err[256];

	r = root_of("{\"step\":\"3\",\"buffer\":{\"capacity\":9999999999999999999"
	    ",\"slots\":[{\"full\":1},{\"full\":\"no\"}]},\"w\":[{},{\"pid\":"
	    "-5}],\"f\":1.5,\"s\":5,\"t\":null,\"a\":{}}");
	ck_assert_int_eq(json_get_int(r, "step", 0, LLONG_MAX, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"step\": expected an integer, got a string");
	ck_assert_int_eq(json_get_obj(r, "buffer", &b, err, sizeof(err)), 0);
	ck_assert_int_eq(json_get_int(b, "capacity", 0, 64, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"buffer.capacity\": 9999999999999999999 is "
	    "out of range 0..64");
	ck_assert_int_eq(json_get_arr(b, "slots", &o, err, sizeof(err)), 0);
	ck_assert_int_eq(json_get_bool(json_first(o), "full", &f, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"buffer.slots[0].full\": expected true or "
	    "false, got 1");
	ck_assert_int_eq(json_get_bool(json_next(json_first(o)), "full", &f,
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"buffer.slots[1].full\": expected true or "
	    "false, got a string");
	ck_assert_int_eq(json_get_int(json_first(o), "seq", 0, 9, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"buffer.slots[0].seq\": missing");
	ck_assert_int_eq(json_get_int(json_first(json_get(r, "w")), "pid", 1,
	    INT_MAX, &v, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"w[0].pid\": missing");
	ck_assert_int_eq(json_get_int(json_next(json_first(json_get(r, "w"))),
	    "pid", 1, INT_MAX, &v, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"w[1].pid\": -5 is out of range 1..2147483647");
	ck_assert_int_eq(json_get_int(r, "f", 0, 9, &v, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"f\": expected an integer, got 1.5");
	ck_assert_int_eq(json_get_str(r, "s", s, sizeof(s), err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "\"s\": expected a string, got 5");
	ck_assert_int_eq(json_get_str(r, "t", s, sizeof(s), err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "\"t\": expected a string, got null");
	ck_assert_int_eq(json_get_arr(r, "a", &o, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"a\": expected an array, got an object");
	ck_assert_int_eq(json_get_obj(r, "w", &o, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"w\": expected an object, got an array");
	ck_assert_int_eq(json_get_int(r, "nope", 0, 9, &v, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "\"nope\": missing");
	/* A member of something that is no object. */
	ck_assert_int_eq(json_get_int(json_get(r, "w"), "pid", 0, 9, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"w\": expected an object, got an array");
	r = root_of("[1]");
	ck_assert_int_eq(json_get_int(r, "step", 0, 9, &v, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "the top level: expected an object, got an "
	    "array");
	ck_assert_int_eq(json_as_type(r, JSON_STRING, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "the top level: expected a string, got an "
	    "array");
	ck_assert_int_eq(json_as_type(json_first(r), JSON_NULL, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"[0]\": expected null, got 1");
	ck_assert_int_eq(json_as_type(json_first(r), JSON_NUMBER, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(json_key_str(json_first(r), s, sizeof(s), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"[0]\": expected a member, not an array "
	    "element or the top level");
}
END_TEST

START_TEST(strings_into_fixed_buffers)
{
	const struct json_value	*r, *m;
	char			 s[8], err[256];

	r = root_of("{\"seven77\":\"1234567\",\"eight888\":\"12345678\","
	    "\"\xc3\xa9\":\"\",\"nul\":\"a\\u0000\"}");
	ck_assert_int_eq(json_get_str(r, "seven77", s, sizeof(s), err,
	    sizeof(err)), 0);
	ck_assert_str_eq(s, "1234567");
	ck_assert_int_eq(json_get_str(r, "eight888", s, sizeof(s), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"eight888\": a string of 8 bytes, longer than "
	    "7");
	ck_assert_int_eq(json_get_str(r, "nul", s, sizeof(s), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"nul\": a string holds a NUL character "
	    "(\\u0000)");
	ck_assert_int_eq(json_get_str(r, "seven77", s, 0, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "\"seven77\": a string of 7 bytes, longer than "
	    "0");
	/* Member names into buffers: a name in UTF-8 is 2 bytes here. */
	m = json_first(r);
	ck_assert_int_eq(json_key_str(m, s, sizeof(s), err, sizeof(err)), 0);
	ck_assert_str_eq(s, "seven77");
	m = json_next(m);
	ck_assert_int_eq(json_key_str(m, s, sizeof(s), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"eight888\": the name of 8 bytes, longer than "
	    "7");
	m = json_next(m);
	ck_assert_int_eq(json_key_str(m, s, 3, err, sizeof(err)), 0);
	ck_assert_str_eq(s, "\xc3\xa9");
	ck_assert_int_eq(json_get_str(r, "\xc3\xa9", s, 1, err, sizeof(err)),
	    0);
	ck_assert_str_eq(s, "");
	r = root_of("{\"a\\u0000\":1}");
	ck_assert_int_eq(json_key_str(json_first(r), s, sizeof(s), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"a\\0\": the name holds a NUL character "
	    "(\\u0000)");
	/* A C string never finds a name that holds a NUL. */
	ck_assert_ptr_null(json_get(r, "a"));
}
END_TEST

START_TEST(hostile_names_shown_escaped)
{
	const struct json_value	*r;
	long long		 v;
	char			 err[1024], want[1024];
	int			 i;

	bad("{\"a\\nb\\u001b[31m\\\"\\\\\":1,\"a\\nb\\u001b[31m\\\"\\\\\":2}",
	    "column 25: duplicate member name \"a\\nb\\033[31m\\\"\\\\\"");
	bad("{\"\xe2\x96\xb6\" 1}", "column 8: expected ':' after the member "
	    "name \"\\342\\226\\266\", got '1'");
	r = root_of("{\"\\u001b]0;x\\u0007\":{\"\\r\\n\":\"s\"}}");
	ck_assert_int_eq(json_get_int(json_first(r), "\r\n", 0, 1, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"\\033]0;x\\a.\\r\\n\": expected an integer, "
	    "got a string");
	one_line(err);
	ck_assert_int_eq(json_get_int(json_first(r), "\033\n", 0, 1, &v, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "\"\\033]0;x\\a.\\033\\n\": missing");
	/* A long name is cut to 64 bytes, then "...". */
	r = root_of("{\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxx\":\"s\"}");
	ck_assert_int_eq(json_as_int(json_first(r), 0, 1, &v, err,
	    sizeof(err)), -1);
	memset(want, 0, sizeof(want));
	want[0] = '"';
	for (i = 1; i <= 64; i++)
		want[i] = 'x';
	strcat(want, "...\": expected an integer, got a string");
	ck_assert_str_eq(err, want);
}
END_TEST

/* Every scalar of the tree as "path=value\n", in document order. */
static void
leaves(const struct json_value *v, char *out, size_t size, size_t *nodes)
{
	const struct json_value	*c;
	char			 line[512];
	long long		 n;
	size_t			 len;
	bool			 b;

	(*nodes)++;
	if (json_typeof(v) == JSON_ARRAY || json_typeof(v) == JSON_OBJECT) {
		for (c = json_first(v); c != NULL; c = json_next(c))
			leaves(c, out, size, nodes);
		return;
	}
	json_path(v, line, sizeof(line));
	strlcat(out, line, size);
	strlcat(out, "=", size);
	switch (json_typeof(v)) {
	case JSON_STRING:
		strlcat(out, json_string(v, &len), size);
		break;
	case JSON_BOOL:
		ck_assert_int_eq(json_as_bool(v, &b, NULL, 0), 0);
		strlcat(out, b ? "true" : "false", size);
		break;
	case JSON_NUMBER:
		ck_assert_int_eq(json_as_int(v, LLONG_MIN, LLONG_MAX, &n, NULL,
		    0), 0);
		snprintf(line, sizeof(line), "%lld", n);
		strlcat(out, line, size);
		break;
	default:
		strlcat(out, "null", size);
	}
	strlcat(out, "\n", size);
}

START_TEST(real_line_every_member)
{
	const struct json_value	*r, *o, *w, *slot;
	struct json_doc		*doc;
	long long		 v;
	size_t			 nodes = 0;
	char			 out[8192], s[128], err[256];
	int			 i;

	doc = ok(real_line);
	r = json_root(doc);
	out[0] = '\0';
	leaves(r, out, sizeof(out), &nodes);
	ck_assert_str_eq(out, real_leaves);
	ck_assert_uint_eq(nodes, 1 + 88 + REAL_CONTAINERS);

	/* As the snapshot reader will ask, field by field. */
	expect_int(r, "step", 0, LLONG_MAX, 3);
	expect_str(r, "key", "c");
	expect_str(r, "transport", "sysv-shm");
	expect_str(r, "mode", "step");
	expect_str(r, "granularity", "call");
	expect_int(r, "produced", 0, LLONG_MAX, 0);
	expect_int(r, "consumed", 0, LLONG_MAX, 0);
	ck_assert_int_eq(json_get_obj(r, "audit", &o, err, sizeof(err)), 0);
	expect_int(o, "taken", 0, LLONG_MAX, 0);
	expect_int(o, "duplicates", 0, LLONG_MAX, 0);
	expect_int(o, "out_of_order", 0, LLONG_MAX, 0);
	expect_int(o, "unknown", 0, LLONG_MAX, 0);
	ck_assert_int_eq(json_get_obj(r, "buffer", &o, err, sizeof(err)), 0);
	expect_int(o, "capacity", 1, 64, 8);
	expect_int(o, "count", 0, 64, 0);
	expect_int(o, "in", 0, 63, 0);
	expect_int(o, "out", 0, 63, 0);
	expect_str(o, "note", "slots read through the viewer's SHM_RDONLY attach");
	ck_assert_int_eq(json_get_arr(o, "slots", &w, err, sizeof(err)), 0);
	ck_assert_uint_eq(json_count(w), 8);
	for (i = 0, slot = json_first(w); slot != NULL;
	    slot = json_next(slot), i++) {
		expect_int(slot, "index", 0, 63, i);
		expect_bool(slot, "full", false);
		ck_assert_ptr_null(json_get(slot, "seq"));
	}
	ck_assert_int_eq(i, 8);
	ck_assert_int_eq(json_get_obj(r, "kernel", &o, err, sizeof(err)), 0);
	ck_assert_uint_eq(json_count(o), 2);
	ck_assert_int_eq(json_get_obj(o, "shm", &w, err, sizeof(err)), 0);
	expect_int(w, "id", 0, INT_MAX, 0);
	expect_str(w, "key", "0x6d0020fb");
	expect_str(w, "perms", "0600");
	expect_int(w, "size", 0, LLONG_MAX, 584);
	expect_int(w, "nattch", 0, LLONG_MAX, 3);
	expect_int(w, "viewer_attached", 0, 1, 1);
	expect_int(w, "cpid", 0, INT_MAX, 1);
	expect_int(w, "lpid", 0, INT_MAX, 4);
	expect_int(w, "atime", 0, LLONG_MAX, 1795781981);
	expect_int(w, "dtime", 0, LLONG_MAX, 0);
	expect_int(w, "ctime", 0, LLONG_MAX, 1795781981);
	expect_bool(w, "dest", false);
	ck_assert_int_eq(json_get_obj(o, "sem", &w, err, sizeof(err)), 0);
	expect_int(w, "id", 0, INT_MAX, 0);
	expect_str(w, "key", "0x730020fb");
	expect_str(w, "perms", "0600");
	expect_int(w, "nsems", 0, 8, 3);
	expect_int(w, "otime", 0, LLONG_MAX, 1795781981);
	expect_int(w, "ctime", 0, LLONG_MAX, 1795781981);
	ck_assert_int_eq(json_get_obj(w, "values", &o, err, sizeof(err)), 0);
	/* Semaphore names are the member names, in order. */
	slot = json_first(o);
	ck_assert_int_eq(json_key_str(slot, s, sizeof(s), err, sizeof(err)), 0);
	ck_assert_str_eq(s, "empty");
	ck_assert_int_eq(json_as_int(slot, 0, 32767, &v, err, sizeof(err)), 0);
	ck_assert_int_eq(v, 7);
	expect_int(o, "full", 0, 32767, 0);
	expect_int(o, "mutex", 0, 32767, 1);
	ck_assert_int_eq(json_get_obj(w, "pids", &o, err, sizeof(err)), 0);
	expect_int(o, "empty", 0, INT_MAX, 3);
	ck_assert_int_eq(json_get_arr(r, "workers", &o, err, sizeof(err)), 0);
	ck_assert_uint_eq(json_count(o), 2);
	w = json_first(o);
	expect_str(w, "role", "producer");
	expect_int(w, "id", 1, 8, 1);
	expect_int(w, "pid", 1, INT_MAX, 3);
	expect_bool(w, "alive", true);
	expect_str(w, "phase", "lock");
	expect_str(w, "call", "semop(mutex, -1)");
	expect_str(w, "state", "S");
	expect_str(w, "wchan", "futex_do_wait");
	expect_bool(w, "ready", true);
	expect_bool(w, "blocked", false);
	expect_str(w, "holds", "");
	expect_int(w, "carrying", 0, LLONG_MAX, 1);
	expect_int(w, "done", 0, LLONG_MAX, 0);
	w = json_next(w);
	expect_str(w, "role", "consumer");
	expect_str(w, "phase", "wait-full");
	ck_assert_ptr_null(json_get(w, "carrying"));
	ck_assert_ptr_null(json_next(w));
	expect_str(r, "event", "C1 shmat(shmid, NULL, 0): the segment is mapped into "
	    "this process, nattch goes up");
	ck_assert_ptr_null(json_get(r, "notes"));
	json_doc_free(doc);
}
END_TEST

/*
 * The real line cut at every byte is refused, one line each time: no
 * prefix of an object is a JSON text. With its newline, the cut just
 * before the newline is the line itself, and valid.
 */
START_TEST(real_line_truncated_at_every_byte)
{
	struct json_doc	*doc;
	char		 line[sizeof(real_line) + 1], err[256];
	size_t		 len = strlen(real_line), k;

	for (k = 0; k < len; k++) {
		doc = parse_n(real_line, k, err, sizeof(err));
		ck_assert_msg(doc == NULL, "a prefix of %zu bytes parsed", k);
		ck_assert_msg(strncmp(err, "column ", 7) == 0, "%s", err);
	}
	json_doc_free(ok(real_line));
	snprintf(line, sizeof(line), "%s\n", real_line);
	for (k = 0; k <= len + 1; k++) {
		doc = parse_n(line, k, err, sizeof(err));
		ck_assert_msg((doc != NULL) == (k >= len), "%zu bytes: %s", k,
		    err);
		json_doc_free(doc);
	}
}
END_TEST

/* A number at the top level is the one text whose prefixes can parse. */
START_TEST(number_prefixes)
{
	static const char	 num[] = "-12.5e+3";
	/* "-1", "-12", "-12.5", "-12.5e+3" are numbers; the rest are not. */
	static const bool	 valid[] = { false, false, true, true, false,
	    true, false, false, true };
	struct json_doc		*doc;
	char			 err[256];
	size_t			 k;

	for (k = 0; k <= strlen(num); k++) {
		doc = parse_n(num, k, err, sizeof(err));
		ck_assert_msg((doc != NULL) == valid[k], "%zu bytes of %s", k,
		    num);
		json_doc_free(doc);
	}
	/* Nor does any cut of a string or a literal. */
	for (k = 0; k < 5; k++)
		ck_assert_ptr_null(parse_n("\"abc\"", k, err, sizeof(err)));
	for (k = 0; k < 4; k++)
		ck_assert_ptr_null(parse_n("true", k, err, sizeof(err)));
}
END_TEST

/* Every byte of the real line made 0xff, then NUL, then '"': refused. */
START_TEST(real_line_corrupted_at_every_byte)
{
	static const char	 bytes[] = { '\xff', '\0', '"', '\x1f' };
	char			 line[sizeof(real_line)], err[256];
	size_t			 len = strlen(real_line), k, b;

	for (b = 0; b < sizeof(bytes); b++) {
		for (k = 0; k < len; k++) {
			memcpy(line, real_line, len);
			if (line[k] == bytes[b])
				continue;
			line[k] = bytes[b];
			ck_assert_msg(parse_n(line, len, err, sizeof(err)) ==
			    NULL, "byte %zu made 0x%02x parsed", k,
			    (unsigned char)bytes[b]);
		}
	}
}
END_TEST

/* A newer file: members we never ask for, at every level, of any kind. */
START_TEST(unknown_members_ignored)
{
	static const char	 extra[] = "\"future\":{\"x\":[1,2.5e400,{\"y\":"
	    "null}],\"big\":123456789012345678901234567890,\"s\":\"\\ud83d"
	    "\\ude00\"},";
	const struct json_value	*r, *o;
	char			 text[sizeof(real_line) + 4 * sizeof(extra)];
	char			 err[256], s[16];
	long long		 v;
	bool			 b;
	static const char *const marks[] = { "{", "\"buffer\":{",
	    "\"shm\":{", "\"workers\":[{" };
	const char		*at, *m;
	size_t			 n;

	/* After the opening brace of the root, buffer, shm and a worker. */
	text[0] = '\0';
	at = real_line;
	for (n = 0; n < 4; n++) {
		m = strstr(at, marks[n]) + strlen(marks[n]);
		strncat(text, at, (size_t)(m - at));
		strcat(text, extra);
		at = m;
	}
	strcat(text, at);
	r = root_of(text);
	ck_assert_int_eq(json_get_int(r, "step", 0, LLONG_MAX, &v, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(v, 3);
	ck_assert_int_eq(json_get_obj(r, "buffer", &o, err, sizeof(err)), 0);
	ck_assert_int_eq(json_get_int(o, "capacity", 0, 64, &v, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(v, 8);
	ck_assert_int_eq(json_get_obj(json_get(r, "kernel"), "shm", &o, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(json_get_bool(o, "dest", &b, err, sizeof(err)), 0);
	ck_assert_int_eq(json_get_arr(r, "workers", &o, err, sizeof(err)), 0);
	ck_assert_int_eq(json_get_str(json_first(o), "role", s, sizeof(s),
	    err, sizeof(err)), 0);
	ck_assert_str_eq(s, "producer");
	ck_assert_int_eq(json_get_str(r, "event", s, sizeof(s), err,
	    sizeof(err)), -1);	/* 16 bytes is too short for it */
	one_line(err);
}
END_TEST

/* A tree and its strings freed in one call, again and again: no leak. */
START_TEST(many_documents)
{
	int	i;

	for (i = 0; i < 200; i++)
		json_doc_free(ok(real_line));
}
END_TEST

Suite *
suite_json_read(void)
{
	Suite	*s = suite_create("json_read");
	TCase	*tc = tcase_create("json_read");

	tcase_add_checked_fixture(tc, NULL, free_kept);
	tcase_add_test(tc, scalars_at_the_top);
	tcase_add_test(tc, numbers_by_the_grammar);
	tcase_add_test(tc, containers_in_order);
	tcase_add_test(tc, strings_decoded);
	tcase_add_test(tc, escapes_refused);
	tcase_add_test(tc, control_characters_and_nul);
	tcase_add_test(tc, invalid_utf8_each_class);
	tcase_add_test(tc, structure_refused);
	tcase_add_test(tc, duplicate_names);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, length_limit);
	tcase_add_test(tc, integers_exact_and_in_range);
	tcase_add_test(tc, huge_number_shown_cut);
	tcase_add_test(tc, wrong_types_named_by_path);
	tcase_add_test(tc, strings_into_fixed_buffers);
	tcase_add_test(tc, hostile_names_shown_escaped);
	tcase_add_test(tc, real_line_every_member);
	tcase_add_test(tc, real_line_truncated_at_every_byte);
	tcase_add_test(tc, number_prefixes);
	tcase_add_test(tc, real_line_corrupted_at_every_byte);
	tcase_add_test(tc, unknown_members_ignored);
	tcase_add_test(tc, many_documents);
	suite_add_tcase(s, tc);
	return (s);
}
