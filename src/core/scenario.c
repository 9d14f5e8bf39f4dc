/*
 * The scenario parser: one pass, line by line, each line a statement.
 * Every error is one line, "FILE:LINE:COL: expected X, found Y", with the
 * column of the first byte that was not what the grammar expected
 * (columns count bytes, from 1). The grammar is in the man page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/config.h"
#include "ipcscope/role.h"
#include "ipcscope/scenario.h"
#include "ipcscope/visible.h"

#define FOUND_MAX	40	/* bytes of a wrong token shown */

struct lexer {
	const char	*file;
	const char	*line;		/* the current line, not NUL-ended */
	size_t		 len;
	size_t		 at;		/* the next byte */
	int		 lineno;
	char		*err;
	size_t		 errlen;
};

static int
fail(struct lexer *lx, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* "FILE:LINE:COL: " and the message. */
static int
fail(struct lexer *lx, size_t at, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(lx->err, lx->errlen, "%s:%d:%zu: %s", visible(lx->file),
	    lx->lineno, at + 1, msg);
	return (-1);
}

static bool
blank(char c)
{
	return (c == ' ' || c == '\t');
}

static bool
at_end(const struct lexer *lx)
{
	return (lx->at >= lx->len || lx->line[lx->at] == '#');
}

static void
skip_blanks(struct lexer *lx)
{
	while (lx->at < lx->len && blank(lx->line[lx->at]))
		lx->at++;
}

/* A word's bytes: up to a blank, a quote, a comment or the end. */
static size_t
word_len(const struct lexer *lx)
{
	size_t	n = 0;
	char	c;

	while (lx->at + n < lx->len) {
		c = lx->line[lx->at + n];
		if (blank(c) || c == '"' || c == '#')
			break;
		n++;
	}
	return (n);
}

/* What is at the cursor, in words, for "found ...". */
static const char *
found(const struct lexer *lx, char *buf, size_t len)
{
	size_t	n;
	char	w[FOUND_MAX + 1];

	if (at_end(lx))
		return ("end of line");
	if ((n = word_len(lx)) == 0)
		n = 1;		/* a quote */
	if (n > FOUND_MAX)
		n = FOUND_MAX;
	memcpy(w, lx->line + lx->at, n);
	w[n] = '\0';
	snprintf(buf, len, "\"%s\"", visible(w));
	return (buf);
}

/* The next word into buf; 0, or -1 (expected what) when there is none. */
static int
word(struct lexer *lx, char *buf, size_t len, const char *what)
{
	size_t	n;
	char	f[FOUND_MAX * 4 + 8];

	skip_blanks(lx);
	n = word_len(lx);
	if (n == 0)
		return (fail(lx, lx->at, "expected %s, found %s", what,
		    found(lx, f, sizeof(f))));
	if (n >= len)
		return (fail(lx, lx->at, "expected %s of at most %zu bytes, "
		    "found %zu", what, len - 1, n));
	memcpy(buf, lx->line + lx->at, n);
	buf[n] = '\0';
	lx->at += n;
	return (0);
}

/* A "quoted string" (\" and \\ inside) into buf. */
static int
string(struct lexer *lx, char *buf, size_t len, const char *what)
{
	size_t	n = 0, start;
	char	c, f[FOUND_MAX * 4 + 8];

	skip_blanks(lx);
	if (at_end(lx) || lx->line[lx->at] != '"')
		return (fail(lx, lx->at, "expected %s in double quotes, "
		    "found %s", what, found(lx, f, sizeof(f))));
	start = lx->at++;
	for (;;) {
		if (lx->at >= lx->len)
			return (fail(lx, lx->at, "expected a closing quote for "
			    "the %s opened at column %zu, found end of line",
			    what, start + 1));
		c = lx->line[lx->at];
		if (c == '"')
			break;
		if (c == '\\') {
			if (lx->at + 1 >= lx->len || (lx->line[lx->at + 1] !=
			    '"' && lx->line[lx->at + 1] != '\\')) {
				lx->at++;
				return (fail(lx, lx->at - 1, "expected \\\" or "
				    "\\\\ after a backslash, found %s",
				    lx->at >= lx->len ? "end of line" :
				    found(lx, f, sizeof(f))));
			}
			c = lx->line[++lx->at];
		}
		if (n + 1 >= len)
			return (fail(lx, lx->at, "expected a %s of at most %zu "
			    "bytes, found more", what, len - 1));
		buf[n++] = c;
		lx->at++;
	}
	lx->at++;
	buf[n] = '\0';
	return (0);
}

/* Nothing more on the line but blanks and a comment. */
static int
line_end(struct lexer *lx)
{
	char	f[FOUND_MAX * 4 + 8];

	skip_blanks(lx);
	if (!at_end(lx))
		return (fail(lx, lx->at, "expected end of line, found %s",
		    found(lx, f, sizeof(f))));
	return (0);
}

/* A label's byte: a --graph stage's name and number (F2, Src). */
static bool
label_char(char c)
{
	return ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '_');
}

/*
 * P1..P8, C1..C8, or a word that may be a --graph process's label (a
 * letter, then letters, digits or _): which run has it is checked once
 * the settings are known (scenario_check_workers, scenario_check_graph).
 */
static int
worker(struct lexer *lx, struct scn_command *c)
{
	char	f[FOUND_MAX * 4 + 8];
	size_t	at, n, i;

	skip_blanks(lx);
	at = lx->at;
	c->wcol = (int)at + 1;
	n = word_len(lx);
	for (i = 0; i < n && label_char(lx->line[at + i]); i++)
		continue;
	if (n == 0 || i < n || n >= sizeof(c->who) ||
	    !((lx->line[at] >= 'A' && lx->line[at] <= 'Z') ||
	    (lx->line[at] >= 'a' && lx->line[at] <= 'z')))
		return (fail(lx, at, "expected a worker (P1..P%d or C1..C%d, "
		    "or a --graph process as F2), found %s",
		    WORKERS_PER_ROLE_MAX, WORKERS_PER_ROLE_MAX,
		    found(lx, f, sizeof(f))));
	memcpy(c->who, lx->line + at, n);
	c->who[n] = '\0';
	lx->at += n;
	c->role = -1;
	if (n == 2 && (c->who[0] == 'P' || c->who[0] == 'C') &&
	    c->who[1] >= '1' && c->who[1] <= '0' + WORKERS_PER_ROLE_MAX) {
		c->role = c->who[0] == 'P' ? ROLE_PRODUCER : ROLE_CONSUMER;
		c->id = c->who[1] - '0';
	}
	return (0);
}

/* step WORKER [N]: N a whole number 1..SCN_REPEAT_MAX, no sign. */
static int
step_count(struct lexer *lx, struct scn_command *c)
{
	char	f[FOUND_MAX * 4 + 8];
	size_t	n, i, at;
	int	v = 0;

	c->count = 1;
	skip_blanks(lx);
	if (at_end(lx))
		return (0);
	at = lx->at;
	n = word_len(lx);
	for (i = 0; i < n && v <= SCN_REPEAT_MAX; i++) {
		if (lx->line[at + i] < '0' || lx->line[at + i] > '9')
			break;
		v = v * 10 + (lx->line[at + i] - '0');
	}
	if (n == 0 || i < n || v < 1 || v > SCN_REPEAT_MAX)
		return (fail(lx, at, "expected a count of steps, 1..%d, or end "
		    "of line, found %s", SCN_REPEAT_MAX,
		    found(lx, f, sizeof(f))));
	c->count = v;
	lx->at += n;
	return (0);
}

static int
setting(struct lexer *lx, struct scenario *scn, const char *name,
    size_t at, enum scn_kind kind)
{
	struct scn_setting	*s;
	char			 f[FOUND_MAX * 4 + 8];
	int			 i;

	for (i = 0; i < scn->nsettings; i++)
		if (strcmp(scn->settings[i].name, name) == 0)
			return (fail(lx, at, "expected each setting once, found "
			    "\"%s\" again (first on line %d)", visible(name),
			    scn->settings[i].line));
	if (scn->nsettings == SCN_SETTINGS_MAX)
		return (fail(lx, at, "expected at most %d settings, found more",
		    SCN_SETTINGS_MAX));
	s = &scn->settings[scn->nsettings];
	memset(s, 0, sizeof(*s));
	strlcpy(s->name, name, sizeof(s->name));
	s->line = lx->lineno;
	s->col = (int)at + 1;
	if (kind == SCN_VALUED) {
		skip_blanks(lx);
		if (!at_end(lx) && lx->line[lx->at] == '"') {
			if (string(lx, s->value, sizeof(s->value),
			    "value") == -1)
				return (-1);
		} else if (at_end(lx))
			return (fail(lx, lx->at, "expected a value for %s, found "
			    "%s", name, found(lx, f, sizeof(f))));
		else if (word(lx, s->value, sizeof(s->value), "a value") == -1)
			return (-1);
		s->has_value = true;
	}
	scn->nsettings++;
	return (line_end(lx));
}

static struct scn_command *
command(struct lexer *lx, struct scenario *scn, enum scn_op op, size_t at)
{
	struct scn_command	*c;

	if (scn->ncommands == SCN_COMMANDS_MAX) {
		fail(lx, at, "expected at most %d commands, found more",
		    SCN_COMMANDS_MAX);
		return (NULL);
	}
	c = &scn->commands[scn->ncommands++];
	memset(c, 0, sizeof(*c));
	c->op = op;
	c->line = lx->lineno;
	c->col = (int)at + 1;
	return (c);
}

/* One statement: the line's first word says which. */
static int
statement(struct lexer *lx, struct scenario *scn, scn_lookup lookup,
    bool *titled)
{
	struct scn_command	*c;
	enum scn_kind		 kind;
	char			 w[SCN_NAME_MAX], f[FOUND_MAX * 4 + 8];
	size_t			 at;

	skip_blanks(lx);
	if (at_end(lx))
		return (0);
	at = lx->at;
	if (!*titled) {
		if (word_len(lx) != 5 || strncmp(lx->line + at, "title", 5) != 0)
			return (fail(lx, at, "expected title \"...\" first, "
			    "found %s", found(lx, f, sizeof(f))));
		lx->at += 5;
		*titled = true;
		if (string(lx, scn->title, sizeof(scn->title), "title") == -1)
			return (-1);
		return (line_end(lx));
	}
	if (word(lx, w, sizeof(w), "a setting or a command") == -1)
		return (-1);
	if (strcmp(w, "title") == 0)
		return (fail(lx, at, "expected one title, found a second"));
	if (strcmp(w, "pause") == 0) {
		if (command(lx, scn, SCN_PAUSE, at) == NULL)
			return (-1);
		scn->nmarks++;
		return (line_end(lx));
	}
	if (strcmp(w, "caption") == 0) {
		if ((c = command(lx, scn, SCN_CAPTION, at)) == NULL)
			return (-1);
		if (string(lx, c->text, sizeof(c->text), "caption") == -1)
			return (-1);
		return (line_end(lx));
	}
	if (strcmp(w, "step") == 0 || strcmp(w, "kill") == 0) {
		if ((c = command(lx, scn, w[0] == 's' ? SCN_STEP : SCN_KILL,
		    at)) == NULL || worker(lx, c) == -1)
			return (-1);
		if (c->op == SCN_STEP && step_count(lx, c) == -1)
			return (-1);
		return (line_end(lx));
	}
	kind = lookup(w);
	if (kind == SCN_NOT_OPTION)
		return (fail(lx, at, "expected a setting (a long option, as "
		    "slots) or a command (step, kill, caption, pause), found "
		    "\"%s\"", visible(w)));
	if (kind == SCN_CMDLINE_ONLY)
		return (fail(lx, at, "expected a setting, found \"%s\", which "
		    "only the command line takes", visible(w)));
	if (scn->ncommands > 0)
		return (fail(lx, at, "expected a command (settings come before "
		    "the first one, on line %d), found the setting \"%s\"",
		    scn->commands[0].line, visible(w)));
	return (setting(lx, scn, w, at, kind));
}

/* The length of the UTF-8 character at p (n bytes left), 0 if invalid. */
static size_t
utf8_len(const unsigned char *p, size_t n)
{
	size_t		need, i;
	unsigned	cp;

	if (p[0] < 0x80)
		return (1);
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		need = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		need = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		need = 4, cp = p[0] & 0x07;
	else
		return (0);
	if (n < need)
		return (0);
	for (i = 1; i < need; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong forms, surrogates, past U+10FFFF. */
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return (0);
	return (need);
}

/* Text only: UTF-8, and no control byte but a tab (a CR only before
 * the line's end, as a file saved on Windows has). */
static int
check_bytes(struct lexer *lx)
{
	const unsigned char	*p = (const unsigned char *)lx->line;
	size_t			 i = 0, n;

	while (i < lx->len) {
		if (p[i] == '\r' && i + 1 == lx->len) {
			lx->len--;
			break;
		}
		if ((p[i] < 0x20 && p[i] != '\t') || p[i] == 0x7f)
			return (fail(lx, i, "expected text, found the control "
			    "byte \\%03o", p[i]));
		if ((n = utf8_len(p + i, lx->len - i)) == 0)
			return (fail(lx, i, "expected UTF-8 text, found the byte "
			    "\\%03o", p[i]));
		i += n;
	}
	return (0);
}

int
scenario_parse(const char *text, size_t len, const char *file,
    scn_lookup lookup, struct scenario *scn, char *err, size_t errlen)
{
	struct lexer	 lx = { .file = file, .err = err, .errlen = errlen };
	const char	*p = text, *nl;
	bool		 titled = false;

	memset(scn, 0, sizeof(*scn));
	err[0] = '\0';
	while (p < text + len) {
		lx.lineno++;
		nl = memchr(p, '\n', (size_t)(text + len - p));
		lx.line = p;
		lx.len = nl != NULL ? (size_t)(nl - p) : (size_t)(text + len - p);
		lx.at = 0;
		p += lx.len + (nl != NULL);
		if (lx.len > SCN_LINE_MAX)
			return (fail(&lx, SCN_LINE_MAX, "expected at most %d "
			    "bytes on a line, found %zu", SCN_LINE_MAX,
			    lx.len));
		if (check_bytes(&lx) == -1 || statement(&lx, scn, lookup,
		    &titled) == -1)
			return (-1);
	}
	if (!titled) {
		lx.lineno++;
		lx.len = 0;
		return (fail(&lx, 0, "expected title \"...\" first, found end "
		    "of file"));
	}
	return (0);
}

int
scenario_check_workers(const struct scenario *scn, const char *file,
    int producers, int consumers, char *err, size_t errlen)
{
	const struct scn_command	*c;
	int				 i, n;

	for (i = 0; i < scn->ncommands; i++) {
		c = &scn->commands[i];
		if (c->op != SCN_STEP && c->op != SCN_KILL)
			continue;
		if (c->role == -1) {
			snprintf(err, errlen, "%s:%d:%d: expected a worker "
			    "(P1..P%d or C1..C%d), found \"%s\"", visible(file),
			    c->line, c->wcol, WORKERS_PER_ROLE_MAX,
			    WORKERS_PER_ROLE_MAX, c->who);
			return (-1);
		}
		n = c->role == ROLE_PRODUCER ? producers : consumers;
		if (c->id <= n)
			continue;
		snprintf(err, errlen, "%s:%d:%d: expected a worker of this run "
		    "(P1..P%d, C1..C%d), found \"%s\"", visible(file),
		    c->line, c->wcol, producers, consumers, c->who);
		return (-1);
	}
	return (0);
}
