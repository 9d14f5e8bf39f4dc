/*
 * The strict JSON reader: one line of a recording into a tree held in one
 * arena, or one printable line saying at which column and why not. A
 * recursive descent, bounded by JSON_DEPTH_MAX; strings are checked in one
 * pass and decoded in a second, into exactly the bytes they need.
 */
#define LIBBSD_OPENBSD_VIS
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vis.h>

#include "ipcscope/json_read.h"
#include "ipcscope/xmalloc.h"

#define ARENA_ALIGN	_Alignof(max_align_t)
#define ARENA_FIRST_MAX	(1024 * 1024)
#define NAMES_LINEAR	16	/* members of an object compared one by one */
#define NAMES_FIRST	64	/* slots of the member-name table, a power of 2 */
#define SHOW_MAX	64	/* bytes of a name or number shown in a message */
#define SHOW_SIZE	(4 * SHOW_MAX + sizeof("..."))
#define PATH_SIZE	512
/* Same escapes as visible(), but counted: a name may hold a NUL. */
#define VIS_FLAGS	(VIS_CSTYLE | VIS_OCTAL | VIS_TAB | VIS_NL | \
			 VIS_NOLOCALE | VIS_DQ)

struct chunk {
	struct chunk	*next;
	size_t		 size;
	size_t		 used;
	max_align_t	 data[];
};

struct json_value {
	enum json_type		 type;
	const struct json_value	*parent;
	struct json_value	*next;		/* the next element or member */
	const char		*key;		/* a member's name, else NULL */
	size_t			 keylen;
	size_t			 index;		/* position in the parent */
	size_t			 column;
	union {
		bool	 b;
		struct {
			const char	*s;	/* NUL-terminated */
			size_t		 len;
		} str;
		struct {
			const char	*text;	/* as written, NUL-terminated */
			long long	 ival;
			bool		 integer;	/* no fraction, no exponent */
			bool		 fits;		/* ival holds it exactly */
		} num;
		struct {
			struct json_value	*first;
			struct json_value	*last;
			size_t			 count;
		} kids;
	} u;
};

struct json_doc {
	struct chunk		*chunks;	/* the doc lives in one of them */
	struct json_value	*root;
};

struct parser {
	const unsigned char	*s;
	size_t			 len;
	size_t			 pos;
	int			 depth;
	char			*err;
	size_t			 errlen;
	struct chunk		*chunks;
	size_t			 first_chunk;
	/* Members of large objects, hashed by object and name. */
	struct json_value	**names;
	size_t			 nnames;
	size_t			 names_size;
};

static int	parse_value(struct parser *, struct json_value *);

static void *
arena_alloc(struct parser *p, size_t n)
{
	struct chunk	*c = p->chunks;
	size_t		 size;
	void		*v;

	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (c == NULL || c->size - c->used < n) {
		size = c == NULL ? p->first_chunk : 2 * c->size;
		if (size < n)
			size = n;
		c = xreallocarray(NULL, 1, sizeof(*c) + size);
		c->next = p->chunks;
		c->size = size;
		c->used = 0;
		p->chunks = c;
	}
	v = (char *)c->data + c->used;
	c->used += n;
	return (v);
}

static void
arena_free(struct chunk *c)
{
	struct chunk	*next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

static void __attribute__((__format__(__printf__, 3, 4)))
errf(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* A parse error at byte pos: "column N: ...". Always -1. */
static int __attribute__((__format__(__printf__, 3, 4)))
fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	if (p->err == NULL || p->errlen == 0)
		return (-1);
	n = snprintf(p->err, p->errlen, "column %zu: ", pos + 1);
	if (n > 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return (-1);
}

/* Outside bytes for a message: C escapes, cut after SHOW_MAX bytes. */
static const char *
show(char *buf, const char *s, size_t len)
{
	strvisx(buf, s, len > SHOW_MAX ? SHOW_MAX : len, VIS_FLAGS);
	if (len > SHOW_MAX)
		strlcat(buf, "...", SHOW_SIZE);
	return (buf);
}

/* What stands at pos, for "got ...". */
static const char *
got(const struct parser *p, size_t pos, char *buf, size_t size)
{
	unsigned char	c;

	if (pos >= p->len)
		return ("the end of the text");
	c = p->s[pos];
	if (c == '\0')
		return ("a NUL byte");
	if (c == '\'' || c == '\\')
		snprintf(buf, size, "'\\%c'", c);
	else if (c >= 0x20 && c < 0x7f)
		snprintf(buf, size, "'%c'", c);
	else
		snprintf(buf, size, "byte 0x%02x", c);
	return (buf);
}

/* Bytes as "0xe2 0x82" for a UTF-8 message (buf holds 5 per byte). */
static const char *
hexbytes(char *buf, size_t size, const unsigned char *s, size_t n)
{
	size_t	i, at = 0;

	buf[0] = '\0';
	for (i = 0; i < n && at + 6 <= size; i++)
		at += (size_t)snprintf(buf + at, size - at,
		    i == 0 ? "0x%02x" : " 0x%02x", s[i]);
	return (buf);
}

static void
skip_ws(struct parser *p)
{
	unsigned char	c;

	while (p->pos < p->len) {
		c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
			break;
		p->pos++;
	}
}

static struct json_value *
new_child(struct parser *p, struct json_value *parent)
{
	struct json_value	*v;

	v = arena_alloc(p, sizeof(*v));
	memset(v, 0, sizeof(*v));
	v->parent = parent;
	if (parent != NULL) {
		v->index = parent->u.kids.count++;
		if (parent->u.kids.last == NULL)
			parent->u.kids.first = v;
		else
			parent->u.kids.last->next = v;
		parent->u.kids.last = v;
	}
	return (v);
}

static bool
same_name(const struct json_value *a, const struct json_value *b)
{
	return (a->keylen == b->keylen && memcmp(a->key, b->key,
	    a->keylen) == 0);
}

static uint64_t
name_hash(const struct json_value *obj, const char *s, size_t len)
{
	uint64_t	h = 0xcbf29ce484222325ULL ^ (uintptr_t)obj;
	size_t		i;

	for (i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return (h ^ (h >> 29));
}

static void
names_put(struct json_value **t, size_t size, struct json_value *m)
{
	size_t	i = name_hash(m->parent, m->key, m->keylen) & (size - 1);

	while (t[i] != NULL)
		i = (i + 1) & (size - 1);
	t[i] = m;
}

/* Remember member m; -1 if its object already has a member of that name. */
static int
names_add(struct parser *p, struct json_value *m)
{
	struct json_value	**old = p->names, *e;
	size_t			 i, oldsize = p->names_size;

	/* Half full at most, so a probe ends soon. */
	if (2 * (p->nnames + 1) > p->names_size) {
		p->names_size = oldsize == 0 ? NAMES_FIRST : 2 * oldsize;
		p->names = xcalloc(p->names_size, sizeof(*p->names));
		for (i = 0; i < oldsize; i++)
			if (old[i] != NULL)
				names_put(p->names, p->names_size, old[i]);
		free(old);
	}
	i = name_hash(m->parent, m->key, m->keylen) & (p->names_size - 1);
	while ((e = p->names[i]) != NULL) {
		if (e->parent == m->parent && same_name(e, m))
			return (-1);
		i = (i + 1) & (p->names_size - 1);
	}
	p->names[i] = m;
	p->nnames++;
	return (0);
}

/*
 * -1 if m, the last member of o so far, repeats a name. Our objects are
 * small: one by one is fastest; a large one goes to the table, so that a
 * hostile line of many thousand members is not quadratic.
 */
static int
name_seen(struct parser *p, const struct json_value *o, struct json_value *m)
{
	struct json_value	*e;

	if (m->index < NAMES_LINEAR) {
		for (e = o->u.kids.first; e != m; e = e->next)
			if (same_name(e, m))
				return (-1);
		return (0);
	}
	if (m->index == NAMES_LINEAR)
		for (e = o->u.kids.first; e != m; e = e->next)
			names_add(p, e);	/* known to differ */
	return (names_add(p, m));
}

/*
 * The well-formed UTF-8 sequence at i (Unicode table 3-7): its length, or
 * -1 with the reason, the column that of its first byte.
 */
static int
utf8_seq(struct parser *p, size_t i, const char *what)
{
	const unsigned char	*s = p->s + i;
	unsigned char		 c = s[0], lo = 0x80, hi = 0xbf;
	char			 b[32];
	size_t			 n, k;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else if (c == 0xc0 || c == 0xc1)
		return (fail(p, i, "invalid UTF-8 in %s: overlong form "
		    "starting 0x%02x", what, c));
	else if (c >= 0xf5 && c <= 0xf7)
		return (fail(p, i, "invalid UTF-8 in %s: 0x%02x starts a "
		    "code point above U+10FFFF", what, c));
	else
		return (fail(p, i, "invalid UTF-8 byte 0x%02x in %s", c, what));
	for (k = 1; k < n; k++) {
		if (i + k >= p->len || s[k] < 0x80 || s[k] > 0xbf)
			return (fail(p, i, "invalid UTF-8 in %s: truncated "
			    "sequence %s", what, hexbytes(b, sizeof(b), s, k)));
		if (k > 1 || (s[k] >= lo && s[k] <= hi))
			continue;
		hexbytes(b, sizeof(b), s, 2);
		if (c == 0xed)
			return (fail(p, i, "invalid UTF-8 in %s: %s encodes a "
			    "surrogate", what, b));
		if (c == 0xf4)
			return (fail(p, i, "invalid UTF-8 in %s: %s is above "
			    "U+10FFFF", what, b));
		return (fail(p, i, "invalid UTF-8 in %s: overlong form %s",
		    what, b));
	}
	return ((int)n);
}

/* Four hex digits at i into *cp; -1 with the reason (at the backslash). */
static int
hex4(struct parser *p, size_t i, unsigned *cp)
{
	unsigned	v = 0;
	size_t		k;
	unsigned char	c;

	for (k = 0; k < 4; k++) {
		if (i + 2 + k >= p->len)
			return (fail(p, p->len, "the text ends inside a \\u "
			    "escape"));
		c = p->s[i + 2 + k];
		if (c >= '0' && c <= '9')
			v = v * 16 + (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v = v * 16 + (unsigned)(c - 'a') + 10;
		else if (c >= 'A' && c <= 'F')
			v = v * 16 + (unsigned)(c - 'A') + 10;
		else
			return (fail(p, i, "\\u needs four hex digits"));
	}
	*cp = v;
	return (0);
}

/*
 * The escape at i (a backslash): the code point it stands for and its
 * length in the text (12 for a surrogate pair), or -1.
 */
static int
escape(struct parser *p, size_t i, unsigned *cp, size_t *n, const char *what)
{
	unsigned	lo;
	char		b[16];

	if (i + 1 >= p->len)
		return (fail(p, p->len, "the text ends inside %s", what));
	*n = 2;
	switch (p->s[i + 1]) {
	case '"':
	case '\\':
	case '/':
		*cp = p->s[i + 1];
		return (0);
	case 'b':
		*cp = '\b';
		return (0);
	case 'f':
		*cp = '\f';
		return (0);
	case 'n':
		*cp = '\n';
		return (0);
	case 'r':
		*cp = '\r';
		return (0);
	case 't':
		*cp = '\t';
		return (0);
	case 'u':
		break;
	default:
		return (fail(p, i, "invalid escape: a backslash then %s in %s",
		    got(p, i + 1, b, sizeof(b)), what));
	}
	if (hex4(p, i, cp) == -1)
		return (-1);
	*n = 6;
	if (*cp >= 0xdc00 && *cp <= 0xdfff)
		return (fail(p, i, "lone surrogate \\u%04x in %s: a low "
		    "surrogate with no high one before it", *cp, what));
	if (*cp < 0xd800 || *cp > 0xdbff)
		return (0);
	if (i + 7 >= p->len || p->s[i + 6] != '\\' || p->s[i + 7] != 'u')
		return (fail(p, i, "lone surrogate \\u%04x in %s: a high "
		    "surrogate must be followed by a low one", *cp, what));
	if (hex4(p, i + 6, &lo) == -1)
		return (-1);
	if (lo < 0xdc00 || lo > 0xdfff)
		return (fail(p, i, "lone surrogate \\u%04x in %s: followed by "
		    "\\u%04x, not a low surrogate", *cp, what, lo));
	*cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
	*n = 12;
	return (0);
}

static size_t
utf8_len(unsigned cp)
{
	if (cp < 0x80)
		return (1);
	if (cp < 0x800)
		return (2);
	if (cp < 0x10000)
		return (3);
	return (4);
}

static char *
utf8_put(char *d, unsigned cp)
{
	if (cp < 0x80)
		*d++ = (char)cp;
	else if (cp < 0x800) {
		*d++ = (char)(0xc0 | cp >> 6);
		*d++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*d++ = (char)(0xe0 | cp >> 12);
		*d++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*d++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*d++ = (char)(0xf0 | cp >> 18);
		*d++ = (char)(0x80 | (cp >> 12 & 0x3f));
		*d++ = (char)(0x80 | (cp >> 6 & 0x3f));
		*d++ = (char)(0x80 | (cp & 0x3f));
	}
	return (d);
}

/*
 * The string whose opening quote is at p->pos, decoded into the arena
 * (what names it in errors: "a string", "a member name").
 */
static int
parse_string(struct parser *p, const char **sp, size_t *lenp,
    const char *what)
{
	const unsigned char	*s = p->s;
	size_t			 i, n, dlen, saved = 0, start = p->pos + 1;
	unsigned		 cp;
	char			*d;
	int			 w;
	bool			 plain = true;

	/* First pass: check it all and measure. */
	for (i = start;; ) {
		/* The common case first: printable ASCII (0x20..0x7f). */
		while (i < p->len && (unsigned char)(s[i] - 0x20) < 0x60 &&
		    s[i] != '"' && s[i] != '\\')
			i++;
		if (i >= p->len)
			return (fail(p, i, "the text ends inside %s", what));
		if (s[i] == '"')
			break;
		if (s[i] == '\\') {
			if (escape(p, i, &cp, &n, what) == -1)
				return (-1);
			saved += n - utf8_len(cp);	/* \n: 2 bytes to 1 */
			i += n;
			plain = false;
		} else if (s[i] == '\0')
			return (fail(p, i, "a NUL byte in %s", what));
		else if (s[i] < 0x20)
			return (fail(p, i, "control character 0x%02x in %s "
			    "(it must be escaped)", s[i], what));
		else {
			if ((w = utf8_seq(p, i, what)) == -1)
				return (-1);
			i += (size_t)w;
		}
	}
	/* Second pass: copy or decode, everything known good. */
	dlen = i - start - saved;
	d = arena_alloc(p, dlen + 1);
	*sp = d;
	*lenp = dlen;
	if (plain) {
		memcpy(d, s + start, dlen);
		d += dlen;
	} else {
		for (i = start; s[i] != '"'; ) {
			if (s[i] == '\\') {
				escape(p, i, &cp, &n, what);
				d = utf8_put(d, cp);
				i += n;
			} else
				*d++ = (char)s[i++];
		}
	}
	*d = '\0';
	p->pos = i + 1;
	return (0);
}

static bool
digit(const struct parser *p, size_t i)
{
	return (i < p->len && p->s[i] >= '0' && p->s[i] <= '9');
}

/* A number by RFC 8259's grammar, its text kept, an integer read exactly. */
static int
parse_number(struct parser *p, struct json_value *v)
{
	unsigned long long	 mag = 0;
	unsigned		 dig;
	size_t			 i = p->pos;
	bool			 neg = false, fits = true, integer = true;
	char			 b[16], *t;

	if (p->s[i] == '-') {
		neg = true;
		i++;
	}
	if (!digit(p, i))
		return (fail(p, i, "expected a digit after '-', got %s",
		    got(p, i, b, sizeof(b))));
	if (p->s[i] == '0') {
		if (digit(p, ++i))
			return (fail(p, i - 1, "a number may not start with "
			    "0 and another digit"));
	} else {
		for (; digit(p, i); i++) {
			dig = p->s[i] - '0';
			if (mag > (ULLONG_MAX - dig) / 10)
				fits = false;
			else
				mag = mag * 10 + dig;
		}
	}
	if (i < p->len && p->s[i] == '.') {
		integer = false;
		if (!digit(p, ++i))
			return (fail(p, i, "expected a digit after the decimal "
			    "point, got %s", got(p, i, b, sizeof(b))));
		while (digit(p, i))
			i++;
	}
	if (i < p->len && (p->s[i] == 'e' || p->s[i] == 'E')) {
		integer = false;
		if (++i < p->len && (p->s[i] == '+' || p->s[i] == '-'))
			i++;
		if (!digit(p, i))
			return (fail(p, i, "expected a digit in the exponent, "
			    "got %s", got(p, i, b, sizeof(b))));
		while (digit(p, i))
			i++;
	}
	v->type = JSON_NUMBER;
	v->u.num.integer = integer;
	if (integer && fits) {
		/* LLONG_MIN's magnitude is one more than LLONG_MAX's. */
		if (neg && mag > (unsigned long long)LLONG_MAX + 1)
			fits = false;
		else if (neg)
			v->u.num.ival = mag == 0 ? 0 : -(long long)(mag - 1) - 1;
		else if (mag > LLONG_MAX)
			fits = false;
		else
			v->u.num.ival = (long long)mag;
	}
	v->u.num.fits = integer && fits;
	t = arena_alloc(p, i - p->pos + 1);
	memcpy(t, p->s + p->pos, i - p->pos);
	t[i - p->pos] = '\0';
	v->u.num.text = t;
	p->pos = i;
	return (0);
}

static int
parse_literal(struct parser *p, struct json_value *v, const char *word)
{
	size_t	n = strlen(word);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
		return (fail(p, p->pos, "expected the literal %s", word));
	p->pos += n;
	if (word[0] == 'n')
		v->type = JSON_NULL;
	else {
		v->type = JSON_BOOL;
		v->u.b = word[0] == 't';
	}
	return (0);
}

static int
parse_array(struct parser *p, struct json_value *a)
{
	struct json_value	*e;
	char			 b[16];

	a->type = JSON_ARRAY;
	if (++p->depth > JSON_DEPTH_MAX)
		return (fail(p, p->pos, "nested deeper than %d arrays and "
		    "objects", JSON_DEPTH_MAX));
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == ']') {
		p->pos++;
		p->depth--;
		return (0);
	}
	for (;;) {
		e = new_child(p, a);
		if (parse_value(p, e) == -1)
			return (-1);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == ']')
			break;
		return (fail(p, p->pos, "expected ',' or ']' after an array "
		    "element, got %s", got(p, p->pos, b, sizeof(b))));
	}
	p->pos++;
	p->depth--;
	return (0);
}

static int
parse_object(struct parser *p, struct json_value *o)
{
	struct json_value	*m;
	size_t			 at;
	char			 b[16], name[SHOW_SIZE];

	o->type = JSON_OBJECT;
	if (++p->depth > JSON_DEPTH_MAX)
		return (fail(p, p->pos, "nested deeper than %d arrays and "
		    "objects", JSON_DEPTH_MAX));
	p->pos++;
	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '}') {
		p->pos++;
		p->depth--;
		return (0);
	}
	for (;;) {
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '"')
			return (fail(p, p->pos, "expected a member name in "
			    "double quotes, got %s", got(p, p->pos, b,
			    sizeof(b))));
		m = new_child(p, o);
		at = p->pos;
		if (parse_string(p, &m->key, &m->keylen, "a member name") == -1)
			return (-1);
		if (name_seen(p, o, m) == -1)
			return (fail(p, at, "duplicate member name \"%s\"",
			    show(name, m->key, m->keylen)));
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != ':')
			return (fail(p, p->pos, "expected ':' after the member "
			    "name \"%s\", got %s", show(name, m->key,
			    m->keylen), got(p, p->pos, b, sizeof(b))));
		p->pos++;
		if (parse_value(p, m) == -1)
			return (-1);
		skip_ws(p);
		if (p->pos < p->len && p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->pos < p->len && p->s[p->pos] == '}')
			break;
		return (fail(p, p->pos, "expected ',' or '}' after the member "
		    "\"%s\", got %s", show(name, m->key, m->keylen),
		    got(p, p->pos, b, sizeof(b))));
	}
	p->pos++;
	p->depth--;
	return (0);
}

static int
parse_value(struct parser *p, struct json_value *v)
{
	char	b[16];

	skip_ws(p);
	v->column = p->pos + 1;
	if (p->pos >= p->len)
		return (fail(p, p->pos, "expected a value, got the end of the "
		    "text"));
	switch (p->s[p->pos]) {
	case '{':
		return (parse_object(p, v));
	case '[':
		return (parse_array(p, v));
	case '"':
		v->type = JSON_STRING;
		return (parse_string(p, &v->u.str.s, &v->u.str.len,
		    "a string"));
	case 't':
		return (parse_literal(p, v, "true"));
	case 'f':
		return (parse_literal(p, v, "false"));
	case 'n':
		return (parse_literal(p, v, "null"));
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return (parse_number(p, v));
	}
	return (fail(p, p->pos, "expected a value, got %s",
	    got(p, p->pos, b, sizeof(b))));
}

struct json_doc *
json_parse(const char *text, size_t len, size_t maxlen, char *err,
    size_t errlen)
{
	struct parser	 p;
	struct json_doc	*doc = NULL;
	struct json_value *root;
	char		 b[16];

	memset(&p, 0, sizeof(p));
	p.s = (const unsigned char *)text;
	p.len = len;
	p.err = err;
	p.errlen = errlen;
	if (len > maxlen) {
		fail(&p, maxlen, "the text is longer than the limit of %zu "
		    "bytes", maxlen);
		return (NULL);
	}
	/* About what a line of ours takes, so one malloc is the rule. */
	p.first_chunk = len < ARENA_FIRST_MAX / 12 ? 12 * len + 256 :
	    ARENA_FIRST_MAX;
	root = new_child(&p, NULL);
	if (parse_value(&p, root) == 0) {
		skip_ws(&p);
		if (p.pos < p.len)
			fail(&p, p.pos, "expected the end of the text after "
			    "the value, got %s", got(&p, p.pos, b, sizeof(b)));
		else {
			doc = arena_alloc(&p, sizeof(*doc));
			doc->root = root;
			doc->chunks = p.chunks;
		}
	}
	free(p.names);
	if (doc == NULL)
		arena_free(p.chunks);
	return (doc);
}

void
json_doc_free(struct json_doc *doc)
{
	if (doc != NULL)
		arena_free(doc->chunks);
}

const struct json_value *
json_root(const struct json_doc *doc)
{
	return (doc->root);
}

enum json_type
json_typeof(const struct json_value *v)
{
	return (v->type);
}

size_t
json_column(const struct json_value *v)
{
	return (v->column);
}

void
json_path(const struct json_value *v, char *buf, size_t size)
{
	const struct json_value	*up[JSON_DEPTH_MAX + 2];
	char			 name[SHOW_SIZE], idx[32];
	size_t			 n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	for (; v != NULL && v->parent != NULL && n < sizeof(up) /
	    sizeof(up[0]); v = v->parent)
		up[n++] = v;
	while (n-- > 0) {
		if (up[n]->key != NULL) {
			if (buf[0] != '\0')
				strlcat(buf, ".", size);
			strlcat(buf, show(name, up[n]->key, up[n]->keylen),
			    size);
		} else {
			snprintf(idx, sizeof(idx), "[%zu]", up[n]->index);
			strlcat(buf, idx, size);
		}
	}
}

size_t
json_count(const struct json_value *v)
{
	if (v->type != JSON_ARRAY && v->type != JSON_OBJECT)
		return (0);
	return (v->u.kids.count);
}

const struct json_value *
json_first(const struct json_value *v)
{
	if (v->type != JSON_ARRAY && v->type != JSON_OBJECT)
		return (NULL);
	return (v->u.kids.first);
}

const struct json_value *
json_next(const struct json_value *v)
{
	return (v->next);
}

const char *
json_key(const struct json_value *v, size_t *lenp)
{
	if (lenp != NULL)
		*lenp = v->keylen;
	return (v->key);
}

const struct json_value *
json_get(const struct json_value *obj, const char *key)
{
	const struct json_value	*m;
	size_t			 len = strlen(key);

	if (obj->type != JSON_OBJECT)
		return (NULL);
	for (m = obj->u.kids.first; m != NULL; m = m->next)
		if (m->keylen == len && memcmp(m->key, key, len) == 0)
			return (m);
	return (NULL);
}

const char *
json_string(const struct json_value *v, size_t *lenp)
{
	if (v->type != JSON_STRING)
		return (NULL);
	if (lenp != NULL)
		*lenp = v->u.str.len;
	return (v->u.str.s);
}

/* The value named for a message: "\"buffer.capacity\"" or the top level. */
static const char *
named(const struct json_value *v, char *buf, size_t size)
{
	char	path[PATH_SIZE];

	json_path(v, path, sizeof(path));
	if (path[0] == '\0')
		strlcpy(buf, "the top level", size);
	else
		snprintf(buf, size, "\"%s\"", path);
	return (buf);
}

/* What a value is, for "got ...": a number shows itself. */
static const char *
what_is(const struct json_value *v, char *buf)
{
	switch (v->type) {
	case JSON_NULL:
		return ("null");
	case JSON_BOOL:
		return (v->u.b ? "true" : "false");
	case JSON_NUMBER:
		return (show(buf, v->u.num.text, strlen(v->u.num.text)));
	case JSON_STRING:
		return ("a string");
	case JSON_ARRAY:
		return ("an array");
	case JSON_OBJECT:
		return ("an object");
	}
	return ("?");
}

static const char *
type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL:
		return ("null");
	case JSON_BOOL:
		return ("true or false");
	case JSON_NUMBER:
		return ("a number");
	case JSON_STRING:
		return ("a string");
	case JSON_ARRAY:
		return ("an array");
	case JSON_OBJECT:
		return ("an object");
	}
	return ("?");
}

static int
wrong_type(const struct json_value *v, const char *want, char *err,
    size_t errlen)
{
	char	name[PATH_SIZE + 16], b[SHOW_SIZE];

	errf(err, errlen, "%s: expected %s, got %s", named(v, name,
	    sizeof(name)), want, what_is(v, b));
	return (-1);
}

int
json_as_type(const struct json_value *v, enum json_type t, char *err,
    size_t errlen)
{
	if (v->type != t)
		return (wrong_type(v, type_name(t), err, errlen));
	return (0);
}

int
json_as_int(const struct json_value *v, long long min, long long max,
    long long *out, char *err, size_t errlen)
{
	char	name[PATH_SIZE + 16], b[SHOW_SIZE];

	if (v->type != JSON_NUMBER || !v->u.num.integer)
		return (wrong_type(v, "an integer", err, errlen));
	if (!v->u.num.fits || v->u.num.ival < min || v->u.num.ival > max) {
		errf(err, errlen, "%s: %s is out of range %lld..%lld",
		    named(v, name, sizeof(name)), what_is(v, b), min, max);
		return (-1);
	}
	*out = v->u.num.ival;
	return (0);
}

int
json_as_bool(const struct json_value *v, bool *out, char *err,
    size_t errlen)
{
	if (v->type != JSON_BOOL)
		return (wrong_type(v, "true or false", err, errlen));
	*out = v->u.b;
	return (0);
}

/* Bytes into a fixed buffer, whole and without a NUL, or an error. */
static int
copy_out(const struct json_value *v, const char *what, const char *s,
    size_t len, char *buf, size_t size, char *err, size_t errlen)
{
	char	name[PATH_SIZE + 16];

	if (memchr(s, '\0', len) != NULL) {
		errf(err, errlen, "%s: %s holds a NUL character (\\u0000)",
		    named(v, name, sizeof(name)), what);
		return (-1);
	}
	if (size == 0 || len > size - 1) {
		errf(err, errlen, "%s: %s of %zu bytes, longer than %zu",
		    named(v, name, sizeof(name)), what, len,
		    size == 0 ? 0 : size - 1);
		return (-1);
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	return (0);
}

int
json_as_str(const struct json_value *v, char *buf, size_t size, char *err,
    size_t errlen)
{
	if (v->type != JSON_STRING)
		return (wrong_type(v, "a string", err, errlen));
	return (copy_out(v, "a string", v->u.str.s, v->u.str.len, buf, size,
	    err, errlen));
}

int
json_key_str(const struct json_value *v, char *buf, size_t size, char *err,
    size_t errlen)
{
	char	name[PATH_SIZE + 16];

	if (v->key == NULL) {
		errf(err, errlen, "%s: expected a member, not an array element "
		    "or the top level", named(v, name, sizeof(name)));
		return (-1);
	}
	return (copy_out(v, "the name", v->key, v->keylen, buf, size, err,
	    errlen));
}

/* obj's member key, or NULL with "...": missing. */
static const struct json_value *
member(const struct json_value *obj, const char *key, char *err,
    size_t errlen)
{
	const struct json_value	*m;
	char			 path[PATH_SIZE], name[SHOW_SIZE];

	if (obj->type != JSON_OBJECT) {
		wrong_type(obj, "an object", err, errlen);
		return (NULL);
	}
	if ((m = json_get(obj, key)) == NULL) {
		json_path(obj, path, sizeof(path));
		errf(err, errlen, "\"%s%s%s\": missing", path,
		    path[0] == '\0' ? "" : ".", show(name, key, strlen(key)));
	}
	return (m);
}

int
json_get_int(const struct json_value *obj, const char *key, long long min,
    long long max, long long *out, char *err, size_t errlen)
{
	const struct json_value	*m;

	if ((m = member(obj, key, err, errlen)) == NULL)
		return (-1);
	return (json_as_int(m, min, max, out, err, errlen));
}

int
json_get_bool(const struct json_value *obj, const char *key, bool *out,
    char *err, size_t errlen)
{
	const struct json_value	*m;

	if ((m = member(obj, key, err, errlen)) == NULL)
		return (-1);
	return (json_as_bool(m, out, err, errlen));
}

int
json_get_str(const struct json_value *obj, const char *key, char *buf,
    size_t size, char *err, size_t errlen)
{
	const struct json_value	*m;

	if ((m = member(obj, key, err, errlen)) == NULL)
		return (-1);
	return (json_as_str(m, buf, size, err, errlen));
}

int
json_get_obj(const struct json_value *obj, const char *key,
    const struct json_value **out, char *err, size_t errlen)
{
	const struct json_value	*m;

	if ((m = member(obj, key, err, errlen)) == NULL ||
	    json_as_type(m, JSON_OBJECT, err, errlen) == -1)
		return (-1);
	*out = m;
	return (0);
}

int
json_get_arr(const struct json_value *obj, const char *key,
    const struct json_value **out, char *err, size_t errlen)
{
	const struct json_value	*m;

	if ((m = member(obj, key, err, errlen)) == NULL ||
	    json_as_type(m, JSON_ARRAY, err, errlen) == -1)
		return (-1);
	*out = m;
	return (0);
}
