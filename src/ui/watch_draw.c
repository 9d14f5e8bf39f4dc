/*
 * Drawing the watch face from its view (watch_ui.h) alone: the list (one
 * row per object, what changed since the last frame in the "changed"
 * colour, new ones marked '+', removed ones '-' and struck through for a
 * few seconds, ones this user may not read '!'), the inside of one
 * object, the status line and the help box.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/clock.h"
#include "ipcscope/keys.h"
#include "watch_ui.h"

const char *
watch_sort_name(size_t s)
{
	return (s < watch_ncolumns ? watch_columns[s].name : "?");
}

const struct watch_obj *
watch_view_selected(const struct watch_view *v)
{
	return (v->nrows > 0 ? &v->cur->v[v->rows[v->sel]] : NULL);
}

static const char *
short_type(enum watch_type t)
{
	static const char *const n[WT_NTYPES] = { "shm", "msg", "sem", "pshm",
	    "pmq" };

	return (t < WT_NTYPES ? n[t] : "?");
}

static char
mark_of(const struct watch_obj *o, long now)
{
	if (o->gone_ms != 0)
		return ('-');
	if (o->born_ms != 0 && now - o->born_ms < WATCH_MARK_MS)
		return ('+');
	if (!o->readable)
		return ('!');
	if (o->type == WT_SHM && o->shm.dest)
		return ('D');
	return (' ');
}

/* Names from /dev/shm may hold any byte: control ones become '?'. */
static void
clean(char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

/* Struck through (U+0336 after each character) where UTF-8 allows. */
static void
strike(const char *s, char *out, size_t len)
{
	size_t	o = 0;

	for (; *s != '\0' && o + 4 < len; s++) {
		out[o++] = *s;
		if (*s != ' ' && (*s & 0xc0) != 0x80 && (s[1] & 0xc0) != 0x80) {
			out[o++] = (char)0xcc;
			out[o++] = (char)0xb6;
		}
	}
	out[o] = '\0';
}

static void
sparkline(const struct watch_obj *o, char *buf, size_t len, int width)
{
	static const char *const u[] = { "\u2581", "\u2582", "\u2583", "\u2584",
	    "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char	a[] = "_.-=+*#@";
	uint32_t		max = 0;
	int			i, from, lvl;

	buf[0] = '\0';
	from = o->hist_n > width ? o->hist_n - width : 0;
	for (i = from; i < o->hist_n; i++)
		if (o->hist[i] > max)
			max = o->hist[i];
	for (i = from; i < o->hist_n; i++) {
		lvl = max == 0 ? 0 : (int)((o->hist[i] * 7 + max - 1) / max);
		if (ui_theme.utf8)
			strlcat(buf, u[lvl], len);
		else {
			char	c[2] = { a[lvl], '\0' };

			strlcat(buf, c, len);
		}
	}
}

/* The cells of one row, each the text a column shows. */
struct cells {
	char	key[NAME_MAX + 2], id[12], used[32], depth[12], pid1[32],
		pid2[32], time[12];
};

static void
cells_of(const struct watch_obj *o, struct cells *c)
{
	struct tm	tm;
	time_t		t;
	int		i, w;

	if (o->type == WT_PSHM || o->type == WT_PMQ) {
		strlcpy(c->key, o->name, sizeof(c->key));
		clean(c->key);
		strlcpy(c->id, "-", sizeof(c->id));
	} else {
		watch_key_str(o, c->key, sizeof(c->key));
		snprintf(c->id, sizeof(c->id), "%d", watch_id(o));
	}
	strlcpy(c->pid1, "-", sizeof(c->pid1));
	strlcpy(c->pid2, "-", sizeof(c->pid2));
	switch (o->type) {
	case WT_SHM:
		snprintf(c->used, sizeof(c->used), "%zu", o->shm.size);
		watch_pid_cell(o->shm.cpid, c->pid1, sizeof(c->pid1));
		watch_pid_cell(o->shm.lpid, c->pid2, sizeof(c->pid2));
		t = o->shm.ctime;
		break;
	case WT_MSG:
		if (o->readable)
			snprintf(c->used, sizeof(c->used), "%lu/%lu",
			    o->msq.cbytes, o->msq.qbytes);
		else
			snprintf(c->used, sizeof(c->used), "%lu/?",
			    o->msq.cbytes);
		watch_pid_cell(o->msq.lspid, c->pid1, sizeof(c->pid1));
		watch_pid_cell(o->msq.lrpid, c->pid2, sizeof(c->pid2));
		t = o->msq.ctime;
		break;
	case WT_SEM:
		/* The values while they fit, then the count. */
		c->used[0] = '\0';
		for (i = 0; o->sem.values != NULL && i < o->sem.nsems; i++) {
			w = (int)strlen(c->used);
			if (w > 8) {
				snprintf(c->used, sizeof(c->used), "%d sems",
				    o->sem.nsems);
				break;
			}
			snprintf(c->used + w, sizeof(c->used) - (size_t)w, "%s%d",
			    i > 0 ? "," : "", o->sem.values[i]);
		}
		if (o->sem.values == NULL)
			snprintf(c->used, sizeof(c->used), "%d sems",
			    o->sem.nsems);
		t = o->sem.ctime;
		break;
	case WT_PSHM:
		snprintf(c->used, sizeof(c->used), "%lld", o->px.size);
		t = o->px.mtime;
		break;
	default:
		if (o->readable)
			snprintf(c->used, sizeof(c->used), "%ld/%ld msgs",
			    o->px.curmsgs, o->px.maxmsg);
		else
			snprintf(c->used, sizeof(c->used), "%lld B", o->px.size);
		t = o->px.mtime;
		break;
	}
	/* The number the depth sort orders by (watch_columns.c). */
	if (watch_shown_depth(o) < 0)
		strlcpy(c->depth, "-", sizeof(c->depth));
	else
		snprintf(c->depth, sizeof(c->depth), "%lld",
		    watch_shown_depth(o));
	localtime_r(&t, &tm);
	strftime(c->time, sizeof(c->time), "%H:%M:%S", &tm);
}

/* One cell: its text, padded to w, "changed" coloured if it changed. */
static void
cell(WINDOW *win, const char *s, int w, bool right, bool changed,
    enum ui_role base)
{
	char	buf[NAME_MAX + 8];

	if ((int)strlen(s) > w) {
		snprintf(buf, sizeof(buf), "%.*s~", w - 1, s);
		s = buf;
	} else {
		snprintf(buf, sizeof(buf), right ? "%*s" : "%-*s", w, s);
		s = buf;
	}
	ui_put(win, changed ? UI_CHANGED : base, s);
	ui_put(win, base, " ");
}

static void
row(WINDOW *win, int y, const struct watch_obj *o, bool sel, int cols,
    long now)
{
	struct cells	c;
	enum ui_role	base = sel ? UI_SELECTED : o->gone_ms != 0 ? UI_DIM :
			    !o->readable ? UI_DIM : UI_NORMAL;
	unsigned	ch = o->gone_ms != 0 ? 0 : o->changed;
	char		line[512], struck[1536], spark[WATCH_HISTORY * 4];
	int		w;

	cells_of(o, &c);
	wmove(win, y, 0);
	if (sel) {
		wattr_on(win, theme_attr(UI_SELECTED), NULL);
		mvwhline(win, y, 0, ' ', cols);
		wattr_off(win, theme_attr(UI_SELECTED), NULL);
	}
	if (o->gone_ms != 0) {
		/* The whole row, struck through: IPC_RMID as it happens. */
		snprintf(line, sizeof(line), "%c%-4s %-10.10s %6s %-7.7s %04o "
		    "%13.13s %5s %-10.10s %-10.10s", '-', short_type(o->type),
		    c.key, c.id, o->owner, o->perms, c.used, c.depth, c.pid1,
		    c.pid2);
		if (ui_theme.utf8) {
			strike(line, struck, sizeof(struck));
			ui_put(win, base, struck);
		} else
			ui_put(win, base, line);
		if (cols >= WATCH_WIDE_COLS) {
			wmove(win, y, 79);
			ui_put(win, UI_WARN, "removed");
		}
		return;
	}
	ui_printf(win, mark_of(o, now) == '+' ? UI_CHANGED : mark_of(o, now) ==
	    '!' ? UI_WARN : base, "%c", mark_of(o, now));
	cell(win, short_type(o->type), 4, false, false, base);
	cell(win, c.key, 10, false, ch & WCH_KEY, base);
	cell(win, c.id, 6, true, false, base);
	cell(win, o->owner, 7, false, false, base);
	snprintf(line, sizeof(line), "%04o", o->perms);
	cell(win, line, 4, false, ch & WCH_PERMS, base);
	cell(win, c.used, 13, true, ch & (WCH_USED | WCH_VALUES), base);
	cell(win, c.depth, 5, true, ch & WCH_DEPTH, base);
	cell(win, c.pid1, 10, false, ch & WCH_PID1, base);
	cell(win, c.pid2, 10, false, ch & WCH_PID2, base);
	if (cols < WATCH_WIDE_COLS)
		return;
	cell(win, watch_state_word(o, now), 7, false, ch & WCH_STATE,
	    !o->readable ? UI_WARN : base);
	cell(win, c.time, 8, false, ch & WCH_TIME, base);
	w = cols - getcurx(win) - 1;
	if (w > WATCH_HISTORY)
		w = WATCH_HISTORY;
	if (w > 0) {
		sparkline(o, spark, sizeof(spark), w);
		ui_put(win, base == UI_SELECTED ? base : UI_DIM, spark);
	}
}

static void
heading_line(WINDOW *win, int y, const char *s)
{
	wattr_on(win, theme_attr(UI_HEADING), NULL);
	mvwhline(win, y, 0, ' ', getmaxx(win));
	wattr_off(win, theme_attr(UI_HEADING), NULL);
	wmove(win, y, 0);
	ui_put(win, UI_HEADING, s);
}

static void
title_line(WINDOW *win, const struct watch_view *v, const char *what)
{
	int	n[WT_NTYPES] = { 0 };
	size_t	i;

	for (i = 0; i < v->cur->n; i++)
		if (v->cur->v[i].gone_ms == 0)
			n[v->cur->v[i].type]++;
	wmove(win, 0, 0);
	ui_put(win, UI_NORMAL, "ipcscope watch ");
	ui_printf(win, UI_DIM, "%s ", ui_theme.g.arrow);
	ui_printf(win, UI_NORMAL, "%s", what);
	ui_printf(win, UI_DIM, "   [shm %d  msg %d  sem %d  posix %d]  every "
	    "%.1f s", n[WT_SHM], n[WT_MSG], n[WT_SEM], n[WT_PSHM] + n[WT_PMQ],
	    v->delay_ms / 1000.0);
}

void
watch_draw_list(WINDOW *win, struct watch_view *v)
{
	const int	cols = getmaxx(win), lines = getmaxy(win);
	int		body = lines - 3 - (v->cur->notes[0] != '\0'), y;
	size_t		i;
	long		now = v->cur->at_ms;
	char		head[256], what[96];

	snprintf(what, sizeof(what), "%zu object%s", v->nrows,
	    v->nrows == 1 ? "" : "s");
	title_line(win, v, what);
	watch_heading(head, sizeof(head), v->sort, v->reverse, ui_theme.utf8,
	    cols);
	heading_line(win, 1, head);
	if (body < 1)
		body = 1;
	if (v->sel < v->top)
		v->top = v->sel;
	if (v->sel >= v->top + (size_t)body)
		v->top = v->sel - (size_t)body + 1;
	for (i = v->top, y = 2; i < v->nrows && y < 2 + body; i++, y++)
		row(win, y, &v->cur->v[v->rows[i]], i == v->sel, cols, now);
	if (v->nrows == 0) {
		wmove(win, 3, 2);
		ui_put(win, UI_DIM, v->filter[0] != '\0' || v->type >= 0 ?
		    "no object matches the filter" :
		    "no IPC object in this IPC namespace");
	}
	if (v->cur->notes[0] != '\0') {
		wmove(win, lines - 2, 0);
		ui_printf(win, UI_DIM, "note: %s", v->cur->notes);
	}
}

static void
follow_words(const struct watch_follow *f, char *buf, size_t len)
{
	if (f->by_key)
		snprintf(buf, len, "key 0x%08x", f->key);
	else if (f->by_id)
		snprintf(buf, len, "id %d", f->id);
	else
		snprintf(buf, len, "name %s", f->name);
}

void
watch_draw_inside(WINDOW *win, struct watch_view *v)
{
	const struct watch_obj	*o = watch_view_inside(v);
	char			 what[NAME_MAX + 64], f[NAME_MAX + 16];
	int			 y = 2;

	if (v->follow.on)
		follow_words(&v->follow, f, sizeof(f));
	snprintf(what, sizeof(what), "%s%s", v->follow.on ? "following " : "",
	    v->follow.on ? f : o != NULL ? o->ident : "");
	title_line(win, v, what);
	heading_line(win, 1, o != NULL ? " inside " : " waiting ");
	if (o != NULL) {
		wmove(win, 1, 8);
		ui_printf(win, UI_HEADING, "%s", o->ident);
	}
	if (o == NULL) {
		wmove(win, getmaxy(win) / 2, 2);
		if (v->follow.on)
			ui_printf(win, UI_WARN, "waiting for %s to appear "
			    "(it does not exist yet, or was removed)", f);
		else
			ui_put(win, UI_WARN, "the object is gone");
		return;
	}
	if (o->gone_ms != 0) {
		wmove(win, y++, 0);
		ui_put(win, UI_WARN, "removed: the kernel no longer has it");
		return;
	}
	if (!o->readable) {
		wmove(win, y++, 0);
		ui_printf(win, UI_WARN, "not readable by you (%s): listed from "
		    "/proc, not looked inside", strerror(o->err));
	}
	watch_inside_body(win, o, &v->in, &v->scroll, y);
}

void
watch_draw_status(WINDOW *win, const struct watch_view *v)
{
	char	hints[256], buf[128];

	wmove(win, getmaxy(win) - 1, 0);
	ui_put(win, UI_MODE_RUN, v->inside ? " I N S I D E " : " W A T C H ");
	ui_put(win, UI_NORMAL, " ");
	if (v->editing) {
		ui_printf(win, UI_NORMAL, "filter: %s_  (enter ends, esc clears)",
		    v->filter);
		return;
	}
	snprintf(buf, sizeof(buf), "sort %s%s", watch_sort_name(v->sort),
	    v->reverse ? " rev" : "");
	if (v->type >= 0) {
		strlcat(buf, "  type ", sizeof(buf));
		strlcat(buf, v->type == WT_PSHM ? "posix" :
		    watch_type_name(v->type), sizeof(buf));
	}
	if (v->filter[0] != '\0') {
		strlcat(buf, "  /", sizeof(buf));
		strlcat(buf, v->filter, sizeof(buf));
	}
	if (v->inside) {
		/* Sort, type and filter are the list's: not offered here. */
		ui_put(win, UI_NORMAL, "esc list  up/down scroll  ? help  q quit");
		return;
	}
	ui_printf(win, UI_DIM, "%s  ", buf);
	keys_hints(KEYS_WATCH, false, getmaxx(win), hints, sizeof(hints));
	ui_put(win, UI_NORMAL, hints);
}

static const char *const legend[] = {
	"",
	"Reading the list",
	"  + new   - removed (struck through)   ! not readable by you",
	"  D dest: removed once the last process detaches (IPC_RMID)",
	"  bold value   changed since the previous frame",
	"  DEPTH   nattch, qnum, waiters on a set, curmsgs",
	"  arrow after a heading   the sort column (S: reversed)",
	"  1234 ?  a pid whose process is gone",
	"",
	"Any key closes this help; q quits.",
	NULL
};

void
watch_draw_help(int lines, int cols)
{
	help_box(lines, cols, KEYS_WATCH, legend);
}
