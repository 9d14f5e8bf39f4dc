/*
 * The watch list's columns, one table: what each heads, how wide it is,
 * and how it orders the rows when it is the sort column (s / S). The
 * screen draws its heading from this table, so the column marked sorted
 * is the one the rows follow. No curses: the unit tests read it too.
 */
#ifndef IPCSCOPE_WATCH_COLUMNS_H
#define IPCSCOPE_WATCH_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "watch.h"

struct watch_column {
	const char	*name;		/* the status line's word: "key" */
	const char	*head;		/* the heading's: "KEY/NAME" */
	int		 width;		/* cells; 0: the rest of the line */
	bool		 right;		/* right-aligned (numbers) */
	bool		 wide;		/* shown from WATCH_WIDE_COLS on */
	/* a before b: <0, 0 (a tie) or >0; now for what a mark says. */
	int		(*cmp)(const struct watch_obj *, const struct watch_obj *,
			    long now);
};

#define WATCH_WIDE_COLS	112	/* room for state, time and history */

extern const struct watch_column	watch_columns[];
extern const size_t			watch_ncolumns;

/* The column after col that a terminal of cols columns shows (wraps). */
size_t	watch_column_next(size_t col, int cols);
/*
 * The heading line for a terminal of cols columns, sorted by column sort
 * (reverse: descending): each label in its column, the sorted one ending
 * in an arrow (▲ or ▼, ^ or v without UTF-8), cut by a letter if the
 * label fills its column, so that no other label moves.
 */
void	watch_heading(char *buf, size_t len, size_t sort, bool reverse,
	    bool utf8, int cols);

/* What the DEPTH column shows: nattch, qnum, a set's waiters, curmsgs;
 * -1 for a POSIX segment, which has none ("-"). */
long long	 watch_shown_depth(const struct watch_obj *);
/* The STATE column's word: "removed", "new", "no-read", "dest" or "". */
const char	*watch_state_word(const struct watch_obj *, long now);

#endif
