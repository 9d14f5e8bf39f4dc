/*
 * The log: one plain sentence per step, newest last, word-wrapped, from
 * the bottom up until the panel is full. The newest stands out; the
 * sentences that no longer fit are counted in the title.
 */
#include <stdio.h>
#include <string.h>

#include "ui_int.h"

struct logpen {
	WINDOW		*win;
	int		 y, top, line;	/* line: of the sentence, from 0 */
	enum ui_role	 role;
};

/* One wrapped line; the top one of a sentence cut above starts with the
 * ellipsis, so a cut never passes for a whole sentence. */
static void
log_line(void *arg, const char *s, int n)
{
	struct logpen	*lp = arg;
	char		 buf[EVENT_MAX];

	if (lp->y >= lp->top) {
		snprintf(buf, sizeof(buf), "%.*s", n, s);
		/* The mark sits in the margin column: the text keeps its
		 * width. */
		if (lp->y == lp->top && lp->line > 0) {
			wmove(lp->win, lp->y, 0);
			ui_put(lp->win, UI_WARN, ui_width(ui_theme.g.ellipsis) ==
			    1 ? ui_theme.g.ellipsis : "<");
		}
		wmove(lp->win, lp->y, 1);
		ui_put(lp->win, lp->role, buf);
	}
	lp->y++;
	lp->line++;
}

void
panel_log_draw(WINDOW *win, const struct snapshot *snap,
    const struct ui_log *log)
{
	struct logpen	lp;
	int		h, w, i, n, bottom, first;
	char		right[32], title[96];

	getmaxyx(win, h, w);
	/* Which sentences show, newest at the bottom: the rest are counted
	 * in the title. The ellipsis takes columns on a cut top line. */
	bottom = h;
	for (first = log->n; first > 0 && bottom > 1; first--)
		bottom -= ui_wrap(ui_log_get(log, first - 1), w - 2, NULL, NULL);
	snprintf(right, sizeof(right), "step %lu", snap->step);
	if (first > 0)
		snprintf(title, sizeof(title), "Log, +%d earlier: what each "
		    "step did, newest last", first);
	else
		strlcpy(title, "Log: what each step did, newest last",
		    sizeof(title));
	ui_heading(win, title, right);
	lp.win = win;
	lp.top = 1;
	bottom = h;		/* the next sentence ends above this line */
	for (i = log->n - 1; i >= first && bottom > 1; i--) {
		n = ui_wrap(ui_log_get(log, i), w - 2, NULL, NULL);
		lp.y = bottom - n;
		lp.line = 0;
		lp.role = i == log->n - 1 ? UI_NORMAL : UI_DIM;
		ui_wrap(ui_log_get(log, i), w - 2, log_line, &lp);
		bottom -= n;
	}
}
