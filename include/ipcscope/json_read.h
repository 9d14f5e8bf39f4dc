/*
 * A small, strict JSON reader (RFC 8259) for one line of a recording: the
 * text is parsed whole into a tree the caller walks, or refused with one
 * line of printable ASCII, "column N: what was wrong", N the 1-based byte
 * offset.
 *
 * Refused: anything outside the RFC grammar (leading zeros, '+', a bare
 * '.', single quotes, comments...), anything but whitespace after the
 * value, a NUL byte, a control character in a string, invalid UTF-8
 * (overlong forms, encoded surrogates, code points above U+10FFFF,
 * truncated sequences), a lone surrogate in a \u escape, a member name
 * twice in one object, nesting deeper than JSON_DEPTH_MAX, a text longer
 * than the caller's limit.
 *
 * Numbers are kept as written, so any valid number parses (a newer file
 * may carry numbers in fields this version never asks for); json_as_int()
 * says when one is not an integer or does not fit the range asked for.
 * An integer is written without a fraction or an exponent ("-0" is 0,
 * "1.0" and "1e2" are not integers). No floating point is used.
 *
 * Memory: the whole tree lives in one arena owned by the struct json_doc;
 * every pointer taken from it is valid until json_doc_free(), which frees
 * it all in one call.
 *
 * Errors of the typed reads name the value by its path, as in
 * "buffer.slots[3].seq": expected an integer, got a string. Member names
 * in paths and messages are C-escaped (visible.h), so the message is one
 * printable line whatever the text held. err may be NULL; a message
 * longer than errlen is cut.
 */
#ifndef IPCSCOPE_JSON_READ_H
#define IPCSCOPE_JSON_READ_H

#include <stdbool.h>
#include <stddef.h>

#define JSON_DEPTH_MAX	32	/* arrays and objects inside each other */

enum json_type {
	JSON_NULL,
	JSON_BOOL,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT,
};

struct json_doc;
struct json_value;

/*
 * Parse text[0..len) (it may hold NULs, which are refused, and need not be
 * NUL-terminated). A text longer than maxlen bytes is refused unread.
 * Returns the document, or NULL with the reason in err.
 */
struct json_doc		*json_parse(const char *text, size_t len,
			    size_t maxlen, char *err, size_t errlen);
void			 json_doc_free(struct json_doc *);	/* NULL is fine */
const struct json_value	*json_root(const struct json_doc *);

enum json_type		 json_typeof(const struct json_value *);
/* Where the value starts in the text, 1-based. */
size_t			 json_column(const struct json_value *);
/* The value's path ("workers[1].pid", "" for the root) into buf. */
void			 json_path(const struct json_value *, char *buf,
			    size_t size);

/*
 * Arrays and objects: elements or members in the order written. A member
 * is its value; json_key() gives its name. json_first() is NULL for an
 * empty container or a scalar, json_next() after the last one.
 */
size_t			 json_count(const struct json_value *);
const struct json_value	*json_first(const struct json_value *);
const struct json_value	*json_next(const struct json_value *);
/* A member's name and its length (it may hold a NUL); NULL if none. */
const char		*json_key(const struct json_value *, size_t *lenp);
/* The member of obj named key; NULL if there is none or obj is no object. */
const struct json_value	*json_get(const struct json_value *obj,
			    const char *key);

/* A string's bytes (NUL-terminated, but may hold a NUL); NULL if none. */
const char		*json_string(const struct json_value *, size_t *lenp);

/*
 * Typed reads of one value: 0, or -1 with the reason in err. A string is
 * copied into buf of size bytes (size - 1 at most, refused if longer or if
 * it holds a NUL from \u0000). json_as_type() checks a container's type.
 */
int	json_as_int(const struct json_value *, long long min, long long max,
	    long long *, char *err, size_t errlen);
int	json_as_bool(const struct json_value *, bool *, char *err,
	    size_t errlen);
int	json_as_str(const struct json_value *, char *buf, size_t size,
	    char *err, size_t errlen);
int	json_as_type(const struct json_value *, enum json_type, char *err,
	    size_t errlen);
/* A member's name into buf, as json_as_str() does for a string. */
int	json_key_str(const struct json_value *, char *buf, size_t size,
	    char *err, size_t errlen);

/*
 * The same for the member key of obj; a missing member is an error
 * ("audit.taken": missing). For an optional member, json_get() first.
 */
int	json_get_int(const struct json_value *obj, const char *key,
	    long long min, long long max, long long *, char *err,
	    size_t errlen);
int	json_get_bool(const struct json_value *obj, const char *key, bool *,
	    char *err, size_t errlen);
int	json_get_str(const struct json_value *obj, const char *key, char *buf,
	    size_t size, char *err, size_t errlen);
int	json_get_obj(const struct json_value *obj, const char *key,
	    const struct json_value **, char *err, size_t errlen);
int	json_get_arr(const struct json_value *obj, const char *key,
	    const struct json_value **, char *err, size_t errlen);

#endif
