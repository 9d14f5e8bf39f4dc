/*
 * Can this terminal draw the screen? Asked before newterm() and before any
 * IPC object exists, so that a refusal is one line on a terminal left as
 * it was: no terminal on stdin and stdout, no TERM, a TERM terminfo does
 * not know, one that cannot move the cursor (dumb), or one smaller than
 * the screen's minimum. (Made smaller later, the screen says so and waits.)
 * Kept apart from loop.c: <term.h> defines "lines" and "columns" as macros.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "ipcscope/visible.h"
#include "ui_int.h"		/* before <term.h>, whose macros it would meet */

#include <term.h>

/* What the terminfo entry for term says; -1 and why when it has none. */
static int
term_caps(const char *term, bool *cursor, int *cols, int *rows, char *why,
    size_t len)
{
	const char	*cup;
	int		 err;

	if (setupterm(term, STDOUT_FILENO, &err) != OK) {
		if (err == 0)
			snprintf(why, len, "unknown terminal type \"%s\": set "
			    "TERM to one terminfo knows (such as "
			    "xterm-256color), or use --headless", visible(term));
		else
			snprintf(why, len, "no terminfo database to look up "
			    "TERM \"%s\" in; use --headless", visible(term));
		return (-1);
	}
	cup = tigetstr("cup");
	*cursor = cup != NULL && cup != (char *)-1;
	/* setupterm put the real size here (the window's, or LINES and
	 * COLUMNS), as newterm will. */
	*cols = tigetnum("cols");
	*rows = tigetnum("lines");
	del_curterm(cur_term);
	return (0);
}

int
term_check(char *why, size_t len)
{
	const char	*term = getenv("TERM");
	bool		 cursor;
	int		 cols, rows;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		snprintf(why, len, "the screen needs a terminal; use --headless");
		return (-1);
	}
	if (term == NULL || *term == '\0') {
		snprintf(why, len, "TERM is not set: set it to the terminal's "
		    "type (such as xterm-256color), or use --headless");
		return (-1);
	}
	if (term_caps(term, &cursor, &cols, &rows, why, len) == -1)
		return (-1);
	if (!cursor) {
		snprintf(why, len, "terminal type \"%s\" cannot move the "
		    "cursor; use one that can (such as xterm-256color), or "
		    "--headless", visible(term));
		return (-1);
	}
	if (cols <= 0 || rows <= 0) {
		snprintf(why, len, "terminal type \"%s\" does not tell its "
		    "size; set LINES and COLUMNS, or use --headless",
		    visible(term));
		return (-1);
	}
	if (cols < UI_MIN_COLS || rows < UI_MIN_LINES) {
		snprintf(why, len, "the terminal is %dx%d; the screen needs at "
		    "least %dx%d: make it bigger, or use --headless", cols,
		    rows, UI_MIN_COLS, UI_MIN_LINES);
		return (-1);
	}
	return (0);
}
