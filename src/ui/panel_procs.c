/*
 * The processes: one row per worker, as /proc and the board show it. A
 * worker asleep in the transport's call is BLOCKED, with the reason the
 * object gives; the dead keep their row, marked with the signal.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/board.h"
#include "ui_int.h"

#define COL_SEL		0
#define COL_WHO		2
#define COL_ROLE	6
#define COL_PID		15
#define COL_PHASE	22
#define COL_STATE	34
#define COL_WCHAN	37
#define COL_STATUS	54
#define COL_WRAP	6	/* where a long reason continues */

static const char *
signame(int sig)
{
	const char	*s = sigabbrev_np(sig);

	return (s != NULL ? s : "?");
}

/* The status column: what the worker is doing, in words. */
static void
status_text(const struct snap_worker *w, char *buf, size_t len, enum ui_role *r)
{
	char	extra[64] = "";

	if (!w->alive) {
		*r = UI_WARN;
		if (w->exit_signal != 0)
			snprintf(buf, len, "DEAD: killed by SIG%s",
			    signame(w->exit_signal));
		else
			snprintf(buf, len, "DEAD: exited");
		return;
	}
	if (w->holds[0] != '\0')
		snprintf(extra, sizeof(extra), ", holds %s", w->holds);
	if (w->carrying)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
		    ", carries item %u", (unsigned)w->item_seq);
	/* --free: how fast it goes. */
	if (w->rate > 0)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
		    ", %lu items/s", w->rate);
	if (w->blocked) {
		*r = UI_BLOCKED;
		snprintf(buf, len, "BLOCKED: %s%s", w->reason[0] != '\0' ?
		    w->reason : "asleep in the kernel", extra);
	} else if (w->waiting_permit) {
		*r = UI_READY;
		snprintf(buf, len, "ready%s", extra);
	} else {
		*r = UI_NORMAL;
		snprintf(buf, len, "running%s", extra);
	}
}

/* Where to cut s so the first part fits in w columns: at a space. */
static size_t
split_at(const char *s, int w)
{
	size_t	i, brk = 0, len = strlen(s);

	if ((int)len <= w)
		return (len);
	for (i = 0; i < (size_t)w; i++)
		if (s[i] == ' ')
			brk = i;
	return (brk > 0 ? brk : (size_t)w);
}

/* The rest of a status that does not fit on its row, and the lines it
 * takes below it; 0 when it fits. */
static int
overflow_lines(const char *st, int width, size_t *cut)
{
	const char	*rest;

	if (COL_STATUS + ui_width(st) <= width || width - COL_WRAP < 8) {
		*cut = strlen(st);
		return (0);
	}
	*cut = split_at(st, width - COL_STATUS);
	rest = st + *cut + (st[*cut] == ' ');
	return (ui_wrap(rest, width - COL_WRAP, NULL, NULL));
}

static int
worker_extra(const struct snap_worker *w, int width)
{
	char		st[256];
	enum ui_role	r;
	size_t		cut;

	status_text(w, st, sizeof(st), &r);
	return (overflow_lines(st, width, &cut));
}

int
panel_procs_height(const struct snapshot *snap, int w)
{
	int	i, n = 2 + snap->nworkers;

	for (i = 0; i < snap->nworkers; i++)
		n += worker_extra(&snap->workers[i], w);
	return (n);
}

struct wrappen {
	WINDOW		*win;
	int		 y;
	enum ui_role	 role;
};

static void
wrap_line(void *arg, const char *s, int n)
{
	struct wrappen	*wp = arg;
	char		 buf[256];

	snprintf(buf, sizeof(buf), "%.*s", n, s);
	wmove(wp->win, ++wp->y, COL_WRAP);
	ui_put(wp->win, wp->role, buf);
}

/* A value in a column of cols: whole, or cut with the ellipsis. */
static void
put_col(WINDOW *win, int x, int cols, enum ui_role r, const char *s)
{
	char	buf[128];

	wmove(win, getcury(win), x);
	ui_put(win, r, ui_fit(s, cols, buf, sizeof(buf)));
}

/* One worker's row at y, and its status's continuation lines when spare
 * has room for them (else the status is cut, marked); the next free y. */
static int
draw_worker(WINDOW *win, const struct snapshot *snap, int i, int y,
    int *spare)
{
	const struct snap_worker	*w = &snap->workers[i];
	struct wrappen			 wp;
	enum ui_role			 r, plain = w->alive ? UI_NORMAL : UI_DIM;
	size_t				 cut;
	char				 st[256], first[256], pid[16], state[2];
	int				 width = getmaxx(win), extra;

	wmove(win, y, COL_SEL);
	if (i == snap->selected)
		ui_put(win, UI_SELECTED, ">");
	put_col(win, COL_WHO, COL_ROLE - COL_WHO - 1, plain, w->label);
	put_col(win, COL_ROLE, COL_PID - COL_ROLE - 1, plain,
	    role_name(w->role));
	snprintf(pid, sizeof(pid), "%d", (int)w->pid);
	put_col(win, COL_PID, COL_PHASE - COL_PID - 1, plain, pid);
	put_col(win, COL_PHASE, COL_STATE - COL_PHASE - 1, plain,
	    w->phase[0] != '\0' ? w->phase : "-");
	state[0] = w->state;
	state[1] = '\0';
	put_col(win, COL_STATE, 1, plain, state);
	put_col(win, COL_WCHAN, COL_STATUS - COL_WCHAN - 1, w->blocked ?
	    UI_BLOCKED : UI_DIM, w->alive && w->wchan[0] != '\0' ? w->wchan :
	    "-");
	if (i == snap->selected)
		mvwchgat(win, y, COL_WHO, 3, A_REVERSE | A_BOLD, 0, NULL);
	status_text(w, st, sizeof(st), &r);
	extra = overflow_lines(st, width, &cut);
	if (extra == 0 || extra > *spare) {
		put_col(win, COL_STATUS, width - COL_STATUS, r, st);
		return (y + 1);
	}
	/* The status goes on, on the lines below. */
	snprintf(first, sizeof(first), "%.*s", (int)cut, st);
	put_col(win, COL_STATUS, width - COL_STATUS, r, first);
	*spare -= extra;
	wp.win = win;
	wp.y = y;
	wp.role = r;
	ui_wrap(st + cut + (st[cut] == ' '), width - COL_WRAP, wrap_line, &wp);
	return (wp.y + 1);
}

void
panel_procs_draw(WINDOW *win, const struct snapshot *snap)
{
	char	head[96];
	int	h = getmaxy(win), i, y, rows, shown, spare, nblocked = 0, skip;

	rows = h - 2 > 0 ? h - 2 : 0;
	/* Keep the selected worker on screen when rows run short. */
	skip = 0;
	if (snap->selected >= rows)
		skip = snap->selected - rows + 1;
	shown = snap->nworkers - skip < rows ? snap->nworkers - skip : rows;
	for (i = 0; i < snap->nworkers; i++)
		nblocked += snap->workers[i].blocked;
	snprintf(head, sizeof(head), "%d worker%s, %d blocked", snap->nworkers,
	    snap->nworkers == 1 ? "" : "s", nblocked);
	/* Rows that do not fit are counted, never dropped unsaid. */
	if (shown < snap->nworkers)
		snprintf(head + strlen(head), sizeof(head) - strlen(head),
		    ", +%d more %s", snap->nworkers - shown, skip > 0 &&
		    skip + shown < snap->nworkers ? "above and below" :
		    skip > 0 ? "above" : "below");
	ui_heading(win, "Processes: tab or arrows select, k kills", head);
	wmove(win, 1, COL_WHO);
	ui_put(win, UI_DIM, "who role     pid    phase       st wchan");
	wmove(win, 1, COL_STATUS);
	ui_put(win, UI_DIM, "status");
	spare = rows - shown;
	y = 2;
	for (i = skip; i < skip + shown && y < h; i++)
		y = draw_worker(win, snap, i, y, &spare);
}
