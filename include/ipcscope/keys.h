/*
 * The keys, in one table: what each does, the line the help screen,
 * --help and the man page show for it, and the hint the status line
 * gives, per face and mode. control.c acts on keys through it, the TUI
 * draws its help and status line from it, main.c checks --keys with it.
 */
#ifndef IPCSCOPE_KEYS_H
#define IPCSCOPE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* Keys that are not characters: the TUI maps curses keys onto these. */
#define IK_NEXT	'\t'	/* select the next worker (tab, down) */
#define IK_PREV	0x160	/* select the previous one (up, back-tab) */
#define IK_BACK	0x161	/* replay: one step back (left) */
#define IK_FORTH	0x162	/* replay: one step forth (right) */
#define IK_FIRST	0x163	/* replay: the first step (home) */
#define IK_LAST	0x164	/* replay: the last step (end) */
#define IK_ENTER	'\n'	/* step the selected worker (enter, return) */
#define IK_OPEN	0x165	/* watch: look inside (enter) */
#define IK_CLOSE	0x166	/* watch: back to the list (escape, backspace) */
#define IK_PGUP	0x167	/* watch: a page up */
#define IK_PGDN	0x168	/* watch: a page down */

enum key_action {
	ACT_NONE,
	ACT_STEP_ANY, ACT_STEP_PRODUCER, ACT_STEP_CONSUMER,
	ACT_RUN, ACT_FASTER, ACT_SLOWER, ACT_CONSUMERS_AHEAD,
	ACT_PRODUCERS_AHEAD, ACT_GRAIN, ACT_ADD_PRODUCER, ACT_ADD_CONSUMER,
	ACT_SELECT_NEXT, ACT_SELECT_PREV, ACT_KILL, ACT_TRANSPORT,
	ACT_BACK, ACT_FORTH, ACT_FIRST, ACT_LAST,
	ACT_HELP, ACT_QUIT,
	ACT_STEP_SELECTED, ACT_PICK, ACT_NEXT_MARK,
	ACT_ZOOM,
	ACT_THEME,
	ACT_OPEN, ACT_CLOSE, ACT_SORT_NEXT, ACT_SORT_REVERSE, ACT_FILTER,
	ACT_TYPE_NEXT, ACT_PAGE_UP, ACT_PAGE_DOWN,
	ACT_CODE, ACT_SAVE,	/* the screen's own: the code panel, export */
	ACT_BENCH,		/* the screen's own: the last bench figures */
	ACT_STEP_STAGE		/* --graph: the selected worker's stage */
};

/* Which face a key belongs to. */
#define KEYS_DEMO	0x01
#define KEYS_REPLAY	0x02
#define KEYS_WATCH	0x04
#define KEYS_STEP	0x08	/* ipcscope step (and the lessons) */

/* Where a hint shows in the status line. */
enum key_hint_when {
	HINT_NEVER,
	HINT_STEP,		/* paused, one step per key */
	HINT_RUN,		/* running */
	HINT_ALWAYS,		/* either */
	HINT_WIDE		/* either, on a terminal of 100 columns or more */
};

struct key_row {
	int			 keys[2];	/* one or two keys, 0 for none */
	enum key_action		 action[2];	/* what each key does */
	const char		*label;		/* "p / c" */
	const char		*help;		/* "step a producer / a consumer" */
	unsigned		 faces;		/* KEYS_DEMO, KEYS_REPLAY */
	const char		*hint_step;	/* status line when paused, or NULL */
	const char		*hint_run;	/* when running, or NULL */
	enum key_hint_when	 when;		/* for hint_step and hint_run */
};
/* A row of ACT_PICK is a range: every key from keys[0] to keys[1]. */

extern const struct key_row key_rows[];
extern const size_t key_nrows;

/* What key does in face; ACT_NONE if nothing. */
enum key_action	 keys_action(unsigned face, int key);
/* The help text of face, one "label  help" line per row. */
const char	*keys_help(unsigned face);
/* The character keys a --keys script may hold in face (tab included). */
const char	*keys_script(unsigned face);
/* The status line's hints for face and mode, at width cols. */
void		 keys_hints(unsigned face, bool running, int cols, char *,
		    size_t);
/* How a key is named in the JSON and the log: "space", "tab", "p". */
void		 keys_name(int key, char *, size_t);

#endif
