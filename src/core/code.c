/*
 * The code panel's listing, from the transport's loops and phase table:
 * a phase line shows the phase's code (its call, with a ';', when it has
 * none), a plain line itself.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/code.h"

/* The i-th line (from 0) of a phase's code, into buf; false past the end. */
static bool
phase_line(const struct phase_info *ph, int i, char *buf, size_t len)
{
	const char	*p, *nl;

	if (ph->code == NULL || ph->code[0] == '\0') {
		if (i > 0)
			return (false);
		snprintf(buf, len, "%s;", ph->call);
		return (true);
	}
	for (p = ph->code; i > 0; i--) {
		if ((nl = strchr(p, '\n')) == NULL)
			return (false);
		p = nl + 1;
	}
	nl = strchr(p, '\n');
	snprintf(buf, len, "%.*s", nl != NULL ? (int)(nl - p) : (int)strlen(p),
	    p);
	return (true);
}

/*
 * Walk role's loop line by line: fn gets each line's number (from 1), its
 * indent, its text and the phase it belongs to (CODE_PLAIN), and stops
 * the walk by returning true. Returns the number of lines walked.
 */
static int
walk(const struct channel *ch, enum role role,
    bool (*fn)(void *, int, int, const char *, int), void *arg)
{
	const struct transport	*t = ch->t;
	const struct code_line	*l;
	struct code_loop	 loops[2];
	char			 text[CODE_TEXT_MAX];
	int			 i, k, n = 0;

	memset(loops, 0, sizeof(loops));
	if (t->code == NULL)
		return (0);
	t->code(ch, loops);
	for (i = 0; i < loops[role].nlines; i++) {
		l = &loops[role].lines[i];
		if (l->phase == CODE_PLAIN || l->phase < 0 ||
		    l->phase >= t->nphases) {
			if (fn(arg, ++n, l->indent, l->text != NULL ? l->text :
			    "", CODE_PLAIN))
				return (n);
			continue;
		}
		for (k = 0; phase_line(&t->phases[l->phase], k, text,
		    sizeof(text)); k++)
			if (fn(arg, ++n, l->indent, text, k == 0 ? l->phase :
			    CODE_PLAIN))
				return (n);
	}
	return (n);
}

struct listing {
	struct snap_code	*code;
	enum role		 role;
};

static bool
add_line(void *arg, int n, int indent, const char *text, int phase)
{
	struct listing	*L = arg;

	(void)phase;
	if (n > CODE_LINES_MAX)
		return (true);
	snprintf(L->code->lines[L->role][n - 1], CODE_TEXT_MAX, "%*s%s",
	    indent, "", text);
	L->code->nlines[L->role] = n;
	return (false);
}

void
code_listing(const struct channel *ch, struct snap_code *code)
{
	struct listing	L = { code, ROLE_PRODUCER };

	memset(code, 0, sizeof(*code));
	walk(ch, ROLE_PRODUCER, add_line, &L);
	L.role = ROLE_CONSUMER;
	walk(ch, ROLE_CONSUMER, add_line, &L);
}

struct find {
	int	 phase;
	int	 found;
	char	*text;
	size_t	 len;
};

static bool
find_line(void *arg, int n, int indent, const char *text, int phase)
{
	struct find	*F = arg;

	(void)indent;
	if (phase != F->phase || n > CODE_LINES_MAX)
		return (false);
	F->found = n;
	strlcpy(F->text, text, F->len);
	return (true);
}

int
code_line_of(const struct channel *ch, enum role role, int phase, char *text,
    size_t len)
{
	struct find	F = { phase, 0, text, len };

	text[0] = '\0';
	if (phase < 0)
		return (0);
	walk(ch, role, find_line, &F);
	return (F.found);
}
