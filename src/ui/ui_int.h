/*
 * Inside the ncurses face: the theme, the layout and the panels. Every
 * panel draws from what it is handed and nothing else: no IPC calls, no
 * globals of the session. The loop (loop.c) owns the snapshots.
 */
#ifndef IPCSCOPE_UI_INT_H
#define IPCSCOPE_UI_INT_H

#include <curses.h>
#include <stdbool.h>

#include "ipcscope/keys.h"
#include "ipcscope/snapshot.h"

#define UI_MIN_COLS	80
#define UI_MIN_LINES	24
#define UI_LOG_MAX	64		/* sentences the log keeps */

/* Attributes by meaning, so a panel never names a colour. */
enum ui_role {
	UI_NORMAL,
	UI_HEADING,		/* a panel's title bar */
	UI_DIM,			/* labels, dead workers */
	UI_FULL,		/* a full slot */
	UI_EMPTY,		/* an empty slot */
	UI_IN,			/* the in marker */
	UI_OUT,			/* the out marker */
	UI_BLOCKED,		/* BLOCKED */
	UI_READY,		/* waits for a permit */
	UI_SELECTED,		/* the selected worker's row */
	UI_CHANGED,		/* a kernel value that changed since last sample */
	UI_MODE_STEP,		/* the status badge */
	UI_MODE_RUN,
	UI_WARN,
	UI_NROLES
};

/* Glyphs: UTF-8 when the locale is, ASCII otherwise. */
struct ui_glyphs {
	const char	*full;		/* a full slot in the tiniest cell */
	const char	*empty;
	const char	*arrow;		/* "→" */
	const char	*ellipsis;
	const char	*up;		/* the marker under a slot */
};

struct ui_theme {
	bool		 color;
	bool		 utf8;
	attr_t		 attr[UI_NROLES];
	struct ui_glyphs g;
};

extern struct ui_theme	ui_theme;

/* term.c: before newterm(); 0, or -1 with one line saying why not. */
int	term_check(char *why, size_t len);

/* theme.c: after newterm(); honours NO_COLOR and the locale's codeset. */
void	theme_init(void);
attr_t	theme_attr(enum ui_role);

/* The log: the last sentences, oldest first. */
struct ui_log {
	int	n, head;
	char	line[UI_LOG_MAX][EVENT_MAX];
};
void	ui_log_push(struct ui_log *, const char *);
const char *ui_log_get(const struct ui_log *, int i);	/* 0 = oldest */

/* layout.c: one window per panel, recomputed when the size or the shape
 * of the snapshot (workers, slots, kernel objects) changes. */
struct ui_layout {
	int	cols, lines;
	bool	too_small;
	bool	kernel_full;	/* room for the ipcs -i style tables */
	WINDOW	*header, *buffer, *kernel, *procs, *log, *status;
};
/* Returns true when the windows were (re)made: the caller repaints all. */
bool	layout_update(struct ui_layout *, const struct snapshot *, bool force);
void	layout_free(struct ui_layout *);

/* The panels. Lines each one wants for this snapshot at width w. */
int	panel_buffer_height(const struct snapshot *, int w, int maxh);
int	panel_kernel_height(const struct snapshot *, int w, bool full);
int	panel_procs_height(const struct snapshot *, int w);

void	panel_header_draw(WINDOW *, const struct snapshot *);
void	panel_buffer_draw(WINDOW *, const struct snapshot *);
/* prev (may be NULL) is the previous sample: changed values stand out. */
void	panel_kernel_draw(WINDOW *, const struct snapshot *,
	    const struct snapshot *prev, bool full);
void	panel_procs_draw(WINDOW *, const struct snapshot *);
/* The log is history, so it is handed the history as well. */
void	panel_log_draw(WINDOW *, const struct snapshot *, const struct ui_log *);
void	statusbar_draw(WINDOW *, const struct snapshot *);
/* help.c: a centred box over the panels; text from control_help(). */
void	help_draw(int lines, int cols);
void	help_free(void);

/* Shared drawing helpers (theme.c). */
void	ui_heading(WINDOW *, const char *title, const char *right);
/* Add s at the cursor, cut to the window's width; returns columns used. */
int	ui_put(WINDOW *, enum ui_role, const char *s);
int	ui_printf(WINDOW *, enum ui_role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Word-wrap s to width w; calls back per line; returns the line count. */
int	ui_wrap(const char *s, int w, void (*line)(void *, const char *, int),
	    void *arg);

/* The buffer the demo shows: the snapshot's first, or an empty one. */
const struct snap_buffer *ui_buffer(const struct snapshot *);

#endif
