/*
 * Inside the ncurses face: the theme, the layout and the panels. Every
 * panel draws from what it is handed and nothing else: no IPC calls, no
 * globals of the session. The loop (loop.c) owns the snapshots.
 */
#ifndef IPCSCOPE_UI_INT_H
#define IPCSCOPE_UI_INT_H

#include <curses.h>
#include <poll.h>
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
	const struct theme_def *def;	/* the theme in use */
};

extern struct ui_theme	ui_theme;

/*
 * A theme: per role, colours as xterm-256 indexes (fg, bg) and as the 8
 * basic colours for a terminal that has no more (fg8, bg8), -1 meaning the
 * terminal's default; and attributes that are not colour. Each theme says
 * which colours it takes the terminal's defaults to be (def_*: what the
 * contrast test computes with), or paints them itself (paints).
 */
struct theme_role {
	short	 fg, bg, fg8, bg8;
	attr_t	 attr;
};
struct theme_def {
	const char		*name;
	const char		*about;
	bool			 color;		/* false: attributes only (mono) */
	bool			 paints;	/* sets the default fg/bg itself */
	short			 def_fg, def_bg, def_fg8, def_bg8;
	/* A full and an empty slot in the tiniest cell, in UTF-8 (NULL: █
	 * and ·): a full block drawn in a white foreground would vanish on a
	 * white background, and in reverse video on any. */
	const char		*full, *empty;
	struct theme_role	 role[UI_NROLES];
};
extern const struct theme_def	theme_defs[];
extern const int		theme_ndefs;
/* What shows a role without colour, when no attribute does (a word, a
 * glyph on screen), or NULL: the contrast test checks every role has one. */
extern const char *const	theme_cue[UI_NROLES];

/* term.c: before newterm(); 0, or -1 with one line saying why not. */
int	term_check(char *why, size_t len);

/* theme.c: after newterm(); honours NO_COLOR and the locale's codeset.
 * theme_prefer() before it names the theme (--theme), or NULL. */
void	theme_prefer(const char *name);
void	theme_init(void);
/* T: the next theme (mono only, on a terminal without colour). */
void	theme_next(void);
attr_t	theme_attr(enum ui_role);
/* s fitted to cols columns: whole, or cut with the ellipsis at the end. */
const char *ui_fit(const char *s, int cols, char *buf, size_t len);
/* Columns s takes on screen. */
int	ui_width(const char *s);

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
	WINDOW	*caption;	/* --scenario's caption, or NULL */
	bool	zoom;		/* set by the loop: the buffer alone */
	WINDOW	*banner;	/* the state and mode in large letters, or NULL */
	/* The code panel beside the buffer: asked for by the loop, placed
	 * only on a terminal large enough (code_fits). */
	bool	code_wanted;
	bool	code_fits;
	WINDOW	*code;
};
/* Returns true when the windows were (re)made: the caller repaints all. */
bool	layout_update(struct ui_layout *, const struct snapshot *, bool force);
void	layout_free(struct ui_layout *);

/* The panels. Lines each one wants for this snapshot at width w. */
int	panel_buffer_height(const struct snapshot *, int w, int maxh);
int	panel_kernel_height(const struct snapshot *, int w, bool full);
int	panel_procs_height(const struct snapshot *, int w);

void	panel_header_draw(WINDOW *, const struct snapshot *);
/* panel_caption.c: lines the scenario's caption takes (0: none). */
int	panel_caption_height(const struct snapshot *, int w);
void	panel_caption_draw(WINDOW *, const struct snapshot *);
/* panel_code.c: the loops with the workers' labels; hint goes on the
 * heading's right ("v hides"). */
int	panel_code_height(const struct snapshot *);
int	panel_code_width(const struct snapshot *);
void	panel_code_draw(WINDOW *, const struct snapshot *, const char *hint);
void	panel_buffer_draw(WINDOW *, const struct snapshot *);
/* The same, zoomed: the cells as tall as the window allows. */
int	panel_buffer_height_zoom(const struct snapshot *, int w, int maxh,
	    bool zoom);
void	panel_buffer_draw_zoom(WINDOW *, const struct snapshot *, bool zoom);
/* --graph: the graph in the buffer panel's place (panel_graph.c). */
int	panel_graph_height(const struct snapshot *, int w);
void	panel_graph_draw(WINDOW *, const struct snapshot *);
/* prev (may be NULL) is the previous sample: changed values stand out. */
void	panel_kernel_draw(WINDOW *, const struct snapshot *,
	    const struct snapshot *prev, bool full);
void	panel_procs_draw(WINDOW *, const struct snapshot *);
/* The log is history, so it is handed the history as well. */
void	panel_log_draw(WINDOW *, const struct snapshot *, const struct ui_log *);
/* What the status line says: the badge, a detail, and the face whose
 * keys it hints at (keys.h), running or not. */
struct ui_status {
	const char	*badge;		/* " S T E P ", " R E P L A Y " */
	enum ui_role	 role;		/* UI_MODE_STEP or UI_MODE_RUN */
	char		 detail[64];	/* "P500 C500 ms  per call" */
	unsigned	 face;
	bool		 running;
	const char	*word;		/* the mode for the banner: "STEP" */
};
void	statusbar_draw(WINDOW *, const struct ui_status *);
/* help.c: a centred box over the panels: face's keys (keys.h). */
void	help_draw(int lines, int cols, unsigned face);
/* The same box with another face's keys and legend (watch). */
void	help_box(int lines, int cols, unsigned face,
	    const char *const *legend);
void	help_free(void);
/* bench_box.c: key b, the transport's last bench figures in a box (the
 * file is read when the box opens; bench_box_free() when it closes). */
void	bench_box_draw(int lines, int cols, const char *transport);
void	bench_box_free(void);

/* Shared drawing helpers (theme.c). */
void	ui_heading(WINDOW *, const char *title, const char *right);
/* Add s at the cursor, cut to the window's width; returns columns used. */
int	ui_put(WINDOW *, enum ui_role, const char *s);
int	ui_printf(WINDOW *, enum ui_role, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Word-wrap s to width w; calls back per line; returns the line count. */
int	ui_wrap(const char *s, int w, void (*line)(void *, const char *, int),
	    void *arg);

/*
 * Where the loop's frames come from: the live demo (demo.c) or a
 * recording (replay.c). The loop calls frame() when a key or a tick asks
 * for a new one (REACT_SAMPLE or REACT_REDRAW): it fills cur, and prev
 * when there is a frame before it (returns whether), and brings the log
 * up to cur.
 */
struct ui_source {
	unsigned	 face;		/* KEYS_DEMO or KEYS_REPLAY */
	void		*arg;
	int		(*key)(void *, int key);	/* REACT_ flags */
	int		(*wait_ms)(void *);		/* ms to the next tick, -1 */
	int		(*tick)(void *);
	int		(*signal)(void *, int sig);
	bool		(*frame)(void *, struct snapshot *cur,
			    struct snapshot *prev, struct ui_log *);
	void		(*status)(void *, const struct snapshot *,
			    struct ui_status *);
	void		(*stop)(void *);	/* every way out; may be NULL */
};

/* loop.c: the terminal, refused in one line if it cannot draw (-1);
 * restored by ui_screen_end() or at exit. */
int	ui_screen_start(void);
void	ui_screen_end(void);
/* Keys come through this 1x1 window no frame touches, so wgetch never
 * refreshes stdscr over the panels; Home and End as terminals send them. */
WINDOW	*ui_key_window(void);
/* poll() that a resize of the terminal always wakes (see loop.c). */
int	ui_poll(struct pollfd *, nfds_t, int timeout_ms);
/* Run src until it asks to quit or frames_max frames (0: no limit). */
int	ui_run(const struct ui_source *, long frames_max);
/* The log line a snapshot adds: "12 p: P1 semop(...)..." or "" */
void	ui_log_line(const struct snapshot *, char *, size_t);

/* save.c: the frame on screen as NAME.txt (its characters) and NAME.svg
 * (drawn from s) in the current directory, NAME never one that is there;
 * msg says where, or why not. */
void	ui_save(const struct snapshot *s, char *msg, size_t len);

/* The buffer the demo shows: the snapshot's first, or an empty one. */
const struct snap_buffer *ui_buffer(const struct snapshot *);

#endif
