/*
 * The watch face on the screen: a frame every -d seconds (a key redraws
 * at once), the list or the inside of one object. The terminal is the
 * demo's (ui_screen_start: refused in one line before anything is drawn,
 * restored on every way out); signals come through the signalfd; nothing
 * is made, and the one thing held, a read-only attach, is let go on the
 * way out (and by the kernel if we die).
 */
#include <err.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/clock.h"
#include "ipcscope/keys.h"
#include "ipcscope/sig.h"
#include "ipcscope/ui.h"
#include "ipcscope/watch_face.h"
#include "ipcscope/xmalloc.h"
#include "watch_ui.h"

#define CTRL_L		0x0c
#define ESC		0x1b
#define FRAMES_TICK_MS	100

int	ui_watch(const struct config *, const struct watch_follow *);

static const struct watch_list	*sort_list;	/* for row_cmp */
static struct watch_view	*sort_view;

/* By the sort column's comparator (watch_columns.h); a tie keeps the
 * list's own order, which is type then id. */
static int
row_cmp(const void *pa, const void *pb)
{
	size_t	ia = *(const size_t *)pa, ib = *(const size_t *)pb;
	int	c;

	c = watch_columns[sort_view->sort].cmp(&sort_list->v[ia],
	    &sort_list->v[ib], sort_list->at_ms);
	if (c == 0)
		c = ia < ib ? -1 : 1;
	return (sort_view->reverse ? -c : c);
}

static bool
passes(const struct watch_view *v, const struct watch_obj *o)
{
	char	key[16];

	if (v->type >= 0 && (int)o->type != v->type &&
	    !(v->type == WT_PSHM && o->type == WT_PMQ))
		return (false);
	if (v->follow.type >= 0 && (int)o->type != v->follow.type)
		return (false);
	if (v->filter[0] == '\0')
		return (true);
	watch_key_str(o, key, sizeof(key));
	return (strstr(o->owner, v->filter) != NULL ||
	    strstr(key, v->filter) != NULL || strstr(o->name, v->filter) !=
	    NULL);
}

/* The rows: filtered, sorted, the selection kept on its object. */
static void
rows_make(struct watch_view *v)
{
	size_t	i;

	if (v->rows_cap < v->cur->n + 1) {
		v->rows_cap = v->cur->n + 64;
		v->rows = xreallocarray(v->rows, v->rows_cap, sizeof(size_t));
	}
	v->nrows = 0;
	for (i = 0; i < v->cur->n; i++)
		if (passes(v, &v->cur->v[i]))
			v->rows[v->nrows++] = i;
	sort_list = v->cur;
	sort_view = v;
	qsort(v->rows, v->nrows, sizeof(size_t), row_cmp);
	for (i = 0; i < v->nrows; i++)
		if (strcmp(v->cur->v[v->rows[i]].ident, v->sel_ident) == 0) {
			v->sel = i;
			break;
		}
	if (v->sel >= v->nrows)
		v->sel = v->nrows > 0 ? v->nrows - 1 : 0;
	if (v->nrows > 0)
		strlcpy(v->sel_ident, v->cur->v[v->rows[v->sel]].ident,
		    sizeof(v->sel_ident));
}

/* The object looked inside: the one followed, or the one chosen. One
 * followed by key keeps being followed by its id once IPC_RMID has made
 * its key 0, until it is gone. */
const struct watch_obj *
watch_view_inside(struct watch_view *v)
{
	const struct watch_obj	*o;
	const char		*ident = v->sel_ident;
	size_t			 i;

	if (v->follow.on) {
		if ((o = watch_find(v->cur, &v->follow)) != NULL) {
			strlcpy(v->followed, o->ident, sizeof(v->followed));
			return (o);
		}
		ident = v->followed;
	}
	for (i = 0; ident[0] != '\0' && i < v->cur->n; i++)
		if (strcmp(v->cur->v[i].ident, ident) == 0)
			return (&v->cur->v[i]);
	if (v->follow.on)
		v->followed[0] = '\0';
	return (NULL);
}

static void
sample(struct watch_view *v, bool first)
{
	const struct watch_obj	*o;
	struct watch_list	*t;

	t = v->prev, v->prev = v->cur, v->cur = t;
	watch_sample(v->cur);
	watch_merge(v->cur, v->prev, first);
	rows_make(v);
	if (!v->inside)
		return;
	o = watch_view_inside(v);
	if (o == NULL || o->gone_ms != 0) {
		/* Gone, or not there yet: hold nothing. */
		if (v->in.ident[0] != '\0')
			inspect_close(&v->in);
		return;
	}
	if (strcmp(v->in.ident, o->ident) != 0) {
		inspect_open(&v->in, o);
		v->scroll = 0;
	}
	inspect_update(&v->in, o);
}

/* Curses keys onto the keys of keys.h. */
static int
map_key(int ch)
{
	switch (ch) {
	case KEY_UP:
		return (IK_PREV);
	case KEY_DOWN:
		return (IK_NEXT);
	case KEY_PPAGE:
		return (IK_PGUP);
	case KEY_NPAGE:
		return (IK_PGDN);
	case KEY_ENTER:
	case KEY_RIGHT:
	case '\r':
	case '\n':
		return (IK_OPEN);
	case ESC:
	case KEY_LEFT:
	case KEY_BACKSPACE:
	case 0x7f:
	case 0x08:
		return (IK_CLOSE);
	}
	return (ch);
}

/* Typing the filter: true while it goes on. */
static bool
filter_key(struct watch_view *v, int ch)
{
	size_t	n = strlen(v->filter);

	if (ch == '\r' || ch == '\n' || ch == KEY_ENTER)
		return (false);
	if (ch == ESC) {
		v->filter[0] = '\0';
		return (false);
	}
	if ((ch == KEY_BACKSPACE || ch == 0x7f || ch == 0x08) && n > 0)
		v->filter[n - 1] = '\0';
	else if (ch > ' ' && ch < 0x7f && n + 1 < sizeof(v->filter)) {
		v->filter[n] = (char)ch;
		v->filter[n + 1] = '\0';
	}
	return (true);
}

static void
move_sel(struct watch_view *v, long by)
{
	long	s = (long)v->sel + by;

	if (v->inside) {
		v->scroll += (int)by;
		if (v->scroll < 0)
			v->scroll = 0;
		return;
	}
	if (s < 0 || v->nrows == 0)
		s = 0;
	else if (s >= (long)v->nrows)
		s = (long)v->nrows - 1;
	v->sel = (size_t)s;
	if (v->nrows > 0)
		strlcpy(v->sel_ident, v->cur->v[v->rows[v->sel]].ident,
		    sizeof(v->sel_ident));
}

/* One key: true to quit. *resample when the view needs a new sample. */
static bool
key(struct watch_view *v, int ch, bool *resample)
{
	int	page = LINES > 6 ? LINES - 6 : 1;

	if (v->editing) {
		v->editing = filter_key(v, ch);
		rows_make(v);
		return (false);
	}
	if (v->help) {
		v->help = false;
		help_free();
		return (ch == 'q');
	}
	switch (keys_action(KEYS_WATCH, map_key(ch))) {
	case ACT_QUIT:
		return (true);
	case ACT_HELP:
		v->help = true;
		break;
	case ACT_SELECT_PREV:
		move_sel(v, -1);
		break;
	case ACT_SELECT_NEXT:
		move_sel(v, 1);
		break;
	case ACT_PAGE_UP:
		move_sel(v, -page);
		break;
	case ACT_PAGE_DOWN:
		move_sel(v, page);
		break;
	case ACT_OPEN:
		if (!v->inside && v->nrows > 0) {
			v->inside = true;
			v->follow.on = false;
			*resample = true;
		}
		break;
	case ACT_CLOSE:
		if (v->inside) {
			v->inside = false;
			inspect_close(&v->in);
		}
		break;
	case ACT_SORT_NEXT:
		v->sort = watch_column_next(v->sort, COLS);
		rows_make(v);
		break;
	case ACT_SORT_REVERSE:
		v->reverse = !v->reverse;
		rows_make(v);
		break;
	case ACT_TYPE_NEXT:
		/* all, shm, msg, sem, posix (segments and queues), all */
		v->type = v->type == -1 ? WT_SHM : v->type == WT_SEM ? WT_PSHM :
		    v->type == WT_PSHM ? -1 : v->type + 1;
		rows_make(v);
		break;
	case ACT_FILTER:
		v->editing = true;
		v->filter[0] = '\0';
		rows_make(v);
		break;
	default:
		break;
	}
	return (false);
}

static void
draw(struct watch_view *v)
{
	char	msg[96];

	werase(stdscr);
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		snprintf(msg, sizeof(msg), "ipcscope needs at least %dx%d, this "
		    "is %dx%d", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
		mvaddnstr(LINES / 2, 0, msg, COLS);
		if (LINES > 2)
			mvaddnstr(LINES / 2 + 1, 0, "make it bigger, or press q "
			    "to quit", COLS);
		wnoutrefresh(stdscr);
		return;
	}
	if (v->inside)
		watch_draw_inside(stdscr, v);
	else
		watch_draw_list(stdscr, v);
	watch_draw_status(stdscr, v);
	wnoutrefresh(stdscr);
	if (v->help)
		watch_draw_help(LINES, COLS);
}

int
ui_watch(const struct config *cfg, const struct watch_follow *fo)
{
	static struct watch_list a, b;
	static struct watch_view v;
	struct pollfd		 pfd[2];
	WINDOW			*kbd;
	long			 due, frames = 0, now;
	int			 sigfd, ch, sig, status = 0, timeout;
	bool			 quit = false, resample, first = true;
	char			 why[256], *p;

	/* The terminal's check first, so that its refusal names watch's
	 * own way without a screen. */
	if (term_check(why, sizeof(why)) == -1) {
		if ((p = strstr(why, "--headless")) != NULL)
			snprintf(p, sizeof(why) - (size_t)(p - why), "watch "
			    "--json or --once");
		warnx("%s", why);
		return (2);
	}
	if (ui_screen_start() == -1)
		return (2);
	v.cur = &a;
	v.prev = &b;
	v.follow = *fo;
	v.type = -1;
	v.delay_ms = cfg->delay_ms;
	v.inside = fo->on;
	inspect_close(&v.in);
	if ((kbd = ui_key_window()) == NULL) {
		ui_screen_end();
		warnx("newwin failed");
		return (2);
	}
	sigfd = sig_open();
	pfd[0].fd = STDIN_FILENO;
	pfd[0].events = POLLIN;
	pfd[1].fd = sigfd;
	pfd[1].events = POLLIN;
	due = 0;
	while (!quit) {
		now = clock_ms();
		if (now >= due) {
			sample(&v, first);
			first = false;
			due = now + v.delay_ms;
		}
		draw(&v);
		doupdate();
		if (cfg->frames > 0 && ++frames >= cfg->frames)
			break;
		timeout = (int)(due - clock_ms());
		if (timeout < 0)
			timeout = 0;
		if (cfg->frames > 0 && timeout > FRAMES_TICK_MS)
			timeout = FRAMES_TICK_MS;
		if (ui_poll(pfd, 2, timeout) == -1 && errno != EINTR) {
			status = 2;
			break;
		}
		if (pfd[1].revents & POLLIN)
			while ((sig = sig_read(sigfd)) != 0)
				if (sig != SIGCHLD) {
					quit = true;
					status = 128 + sig;
				}
		resample = false;
		while (!quit && (ch = wgetch(kbd)) != ERR) {
			if (ch == KEY_RESIZE)
				continue;
			if (ch == CTRL_L) {
				clearok(curscr, TRUE);
				continue;
			}
			quit = key(&v, ch, &resample);
		}
		if (resample)
			due = 0;
	}
	inspect_close(&v.in);
	help_free();
	delwin(kbd);
	close(sigfd);
	ui_screen_end();
	watch_free(&a);
	watch_free(&b);
	free(v.rows);
	return (status);
}
