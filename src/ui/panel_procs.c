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

/* Columns of the status text that do not fit on the row. */
static bool
overflows(const struct snap_worker *w, int width)
{
	char		buf[256];
	enum ui_role	r;

	status_text(w, buf, sizeof(buf), &r);
	return (w->blocked && COL_STATUS + (int)strlen(buf) > width);
}

int
panel_procs_height(const struct snapshot *snap, int w)
{
	int	i, n = 2 + snap->nworkers;

	for (i = 0; i < snap->nworkers; i++)
		if (overflows(&snap->workers[i], w))
			n++;
	return (n);
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

void
panel_procs_draw(WINDOW *win, const struct snapshot *snap)
{
	const struct snap_worker	*w;
	size_t				 cut;
	char				 st[256], head[64], first[256];
	enum ui_role			 r;
	int				 h, width, i, y, spare, nblocked = 0, skip;

	getmaxyx(win, h, width);
	for (i = 0; i < snap->nworkers; i++)
		nblocked += snap->workers[i].blocked;
	snprintf(head, sizeof(head), "%d worker%s, %d blocked", snap->nworkers,
	    snap->nworkers == 1 ? "" : "s", nblocked);
	ui_heading(win, "Processes: tab or arrows select, k kills", head);
	wmove(win, 1, COL_WHO);
	ui_put(win, UI_DIM, "who role     pid    phase       st wchan");
	wmove(win, 1, COL_STATUS);
	ui_put(win, UI_DIM, "status");
	/* Keep the selected worker on screen when rows run short. */
	skip = 0;
	if (snap->selected >= h - 2)
		skip = snap->selected - (h - 3);
	spare = h - 2 - (snap->nworkers - skip);
	y = 2;
	for (i = skip; i < snap->nworkers && y < h; i++) {
		w = &snap->workers[i];
		wmove(win, y, COL_SEL);
		if (i == snap->selected)
			ui_put(win, UI_SELECTED, ">");
		wmove(win, y, COL_WHO);
		ui_put(win, w->alive ? UI_NORMAL : UI_DIM, w->label);
		wmove(win, y, COL_ROLE);
		ui_put(win, w->alive ? UI_NORMAL : UI_DIM, w->role == ROLE_PRODUCER ?
		    "producer" : "consumer");
		wmove(win, y, COL_PID);
		ui_printf(win, w->alive ? UI_NORMAL : UI_DIM, "%d", (int)w->pid);
		wmove(win, y, COL_PHASE);
		ui_printf(win, w->alive ? UI_NORMAL : UI_DIM, "%.11s",
		    w->phase[0] != '\0' ? w->phase : "-");
		wmove(win, y, COL_STATE);
		ui_printf(win, w->alive ? UI_NORMAL : UI_DIM, "%c", w->state);
		wmove(win, y, COL_WCHAN);
		ui_printf(win, w->blocked ? UI_BLOCKED : UI_DIM, "%.16s",
		    w->alive && w->wchan[0] != '\0' ? w->wchan : "-");
		status_text(w, st, sizeof(st), &r);
		if (i == snap->selected)
			mvwchgat(win, y, COL_WHO, 3, A_REVERSE | A_BOLD, 0, NULL);
		wmove(win, y, COL_STATUS);
		if (overflows(w, width) && spare > 0 && y + 1 < h) {
			/* The reason goes on, on the next line. */
			cut = split_at(st, width - COL_STATUS);
			snprintf(first, sizeof(first), "%.*s", (int)cut, st);
			ui_put(win, r, first);
			spare--;
			wmove(win, ++y, COL_WRAP);
			ui_put(win, r, st + cut + (st[cut] == ' '));
		} else
			ui_put(win, r, st);
		y++;
	}
}
