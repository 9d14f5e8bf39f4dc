/*
 * The log: one plain sentence per step, newest last, word-wrapped, from
 * the bottom up until the panel is full. The newest stands out.
 */
#include <stdio.h>

#include "ui_int.h"

struct logpen {
	WINDOW		*win;
	int		 y, top;
	enum ui_role	 role;
};

static void
log_line(void *arg, const char *s, int n)
{
	struct logpen	*lp = arg;
	char		 buf[EVENT_MAX];

	if (lp->y >= lp->top) {
		snprintf(buf, sizeof(buf), "%.*s", n, s);
		wmove(lp->win, lp->y, 1);
		ui_put(lp->win, lp->role, buf);
	}
	lp->y++;
}

void
panel_log_draw(WINDOW *win, const struct snapshot *snap,
    const struct ui_log *log)
{
	struct logpen	lp;
	int		h, w, i, n, bottom;
	char		right[32];

	getmaxyx(win, h, w);
	snprintf(right, sizeof(right), "step %lu", snap->step);
	ui_heading(win, "Log: what each step did, newest last", right);
	lp.win = win;
	lp.top = 1;
	bottom = h;		/* the next sentence ends above this line */
	for (i = log->n - 1; i >= 0 && bottom > 1; i--) {
		n = ui_wrap(ui_log_get(log, i), w - 2, NULL, NULL);
		lp.y = bottom - n;
		lp.role = i == log->n - 1 ? UI_NORMAL : UI_DIM;
		ui_wrap(ui_log_get(log, i), w - 2, log_line, &lp);
		bottom -= n;
	}
}
