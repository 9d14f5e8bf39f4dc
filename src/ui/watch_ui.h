/*
 * Inside the watch face's screen: its state (the list, the selection,
 * the sort, the filter, the object looked inside), kept by
 * watch_screen.c, drawn by watch_draw.c from that state alone.
 */
#ifndef IPCSCOPE_WATCH_UI_H
#define IPCSCOPE_WATCH_UI_H

#include "ipcscope/watch.h"
#include "ipcscope/watch_columns.h"
#include "ipcscope/watch_inspect.h"
#include "ui_int.h"

struct watch_view {
	struct watch_list	*cur, *prev;
	struct watch_follow	 follow;	/* --key/--id/--name, or off */
	long			 delay_ms;
	size_t			 sort;		/* a row of watch_columns[] */
	bool			 reverse;
	int			 type;		/* t: WT_*, or -1 for all */
	char			 filter[64];	/* /: owner, key or name */
	bool			 editing;	/* typing the filter */
	/* The rows shown, as indexes into cur->v, sorted and filtered. */
	size_t			*rows;
	size_t			 nrows, rows_cap;
	size_t			 sel;		/* a row */
	size_t			 top;		/* first row on screen */
	char			 sel_ident[NAME_MAX + 16];	/* kept across frames */
	char			 followed[NAME_MAX + 16];	/* found by --key... */
	/* Looking inside one object. */
	bool			 inside;
	struct inspect		 in;
	int			 scroll;	/* first line of the detail's body */
	bool			 help;
};

/* watch_screen.c: the object looked inside, or NULL (not there yet). */
const struct watch_obj *watch_view_inside(struct watch_view *);

/* watch_inside.c: the inside of o from row y of win down (watch's
 * inside view, step's kernel panel); in as inspect_update() read it;
 * *scroll is the first line of the bytes or messages, kept in range. */
void	watch_inside_body(WINDOW *, const struct watch_obj *,
	    const struct inspect *, int *scroll, int y);
/* A process as "1234 server": its pid and command name ("-" for none). */
void	watch_pid_cell(pid_t, char *, size_t);

/* watch_draw.c */
void	watch_draw_list(WINDOW *, struct watch_view *);
void	watch_draw_inside(WINDOW *, struct watch_view *);
void	watch_draw_status(WINDOW *, const struct watch_view *);
void	watch_draw_help(int lines, int cols);
const struct watch_obj *watch_view_selected(const struct watch_view *);
const char *watch_sort_name(size_t);

#endif
