/*
 * The code panel: the producer's and the consumer's loop side by side,
 * as the snapshot lists them (made from the transport's phase table), each
 * live worker's label at the line it runs next or sleeps in. A line with a
 * blocked worker says BLOCKED in words, so colour is never the only cue;
 * a line too long for its column is cut with an ellipsis, never silently.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/role.h"
#include "ui_int.h"

#define GUTTER_MIN	2	/* columns for the labels, at least "P1" */
#define GUTTER_MAX	11	/* "P1 P2 P3 P4"; more end in "+" */
#define BLOCKED_WORD	" BLOCKED"

/* The labels of role's live workers at line n ("P1 P2"); whether one
 * of them is blocked. */
static bool
labels_at(const struct snapshot *s, int role, int n, char *buf, size_t len)
{
	const struct snap_worker	*w;
	bool				 blocked = false;
	int				 i;

	buf[0] = '\0';
	for (i = 0; i < s->nworkers; i++) {
		w = &s->workers[i];
		if (!w->alive || w->role != role || w->line != n)
			continue;
		if (buf[0] != '\0')
			strlcat(buf, " ", len);
		strlcat(buf, w->label, len);
		blocked |= w->blocked;
	}
	return (blocked);
}

/* Columns for the labels: all of role's live workers on one line,
 * "P1 P2 P3", up to GUTTER_MAX; the same from frame to frame while the
 * workers are, so the code does not move under them. */
static int
gutter(const struct snapshot *s, int role)
{
	int	i, n = 0, g;

	for (i = 0; i < s->nworkers; i++)
		n += s->workers[i].alive && s->workers[i].role == role;
	g = 3 * n - 1;
	return (g < GUTTER_MIN ? GUTTER_MIN : g > GUTTER_MAX ? GUTTER_MAX : g);
}

int
panel_code_height(const struct snapshot *s)
{
	int	n = s->code.nlines[0] > s->code.nlines[1] ? s->code.nlines[0] :
		    s->code.nlines[1];

	return (2 + n);
}

/* One column: "NN" + space + gutter + " > " + code + " BLOCKED". */
static int
column_width(const struct snapshot *s, int role)
{
	int	i, w = 0;

	for (i = 0; i < s->code.nlines[role]; i++)
		if ((int)strlen(s->code.lines[role][i]) > w)
			w = (int)strlen(s->code.lines[role][i]);
	return (3 + gutter(s, role) + 3 + w + (int)strlen(BLOCKED_WORD) + 1);
}

int
panel_code_width(const struct snapshot *s)
{
	return (column_width(s, 0) + column_width(s, 1));
}

/* s cut to w columns, the cut marked with an ellipsis (code is ASCII). */
static void
put_cut(WINDOW *win, enum ui_role r, const char *s, int w)
{
	char	buf[CODE_TEXT_MAX];

	if (w <= 0)
		return;
	if ((int)strlen(s) <= w) {
		ui_put(win, r, s);
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s", w - 1, s);
	ui_put(win, r, buf);
	ui_put(win, r, ui_theme.g.ellipsis);
}

static void
draw_column(WINDOW *win, const struct snapshot *s, int role, int x, int cw,
    int h)
{
	const char	*code;
	char		 labels[64];
	bool		 blocked;
	int		 n, g = gutter(s, role), room, y;

	wmove(win, 1, x + 3 + g + 3);
	ui_put(win, UI_DIM, role == ROLE_PRODUCER ? "the producer's loop" :
	    "the consumer's loop");
	for (n = 1; n <= s->code.nlines[role] && 1 + n < h; n++) {
		y = 1 + n;
		code = s->code.lines[role][n - 1];
		blocked = labels_at(s, role, n, labels, sizeof(labels));
		if ((int)strlen(labels) > g) {
			labels[g - 1] = '+';
			labels[g] = '\0';
		}
		wmove(win, y, x);
		ui_printf(win, UI_DIM, "%2d ", n);
		wmove(win, y, x + 3 + g - (int)strlen(labels));
		ui_put(win, blocked ? UI_BLOCKED : UI_SELECTED, labels);
		wmove(win, y, x + 3 + g);
		if (labels[0] != '\0')
			ui_printf(win, blocked ? UI_BLOCKED : UI_NORMAL, " %s ",
			    ui_theme.g.arrow);
		wmove(win, y, x + 3 + g + 3);
		room = cw - (3 + g + 3) - 1;
		if (blocked)
			room -= (int)strlen(BLOCKED_WORD);
		put_cut(win, labels[0] == '\0' ? UI_NORMAL : blocked ?
		    UI_BLOCKED : UI_SELECTED, code, room);
		if (blocked)
			ui_put(win, UI_BLOCKED, BLOCKED_WORD);
	}
}

/* Live workers whose phase the listing lacks: said under it. */
static void
draw_unlisted(WINDOW *win, const struct snapshot *s, int h)
{
	const struct snap_worker	*w;
	int				 i, y = panel_code_height(s);

	for (i = 0; i < s->nworkers && y < h; i++) {
		w = &s->workers[i];
		if (!w->alive || w->line != 0 || w->phase[0] == '\0')
			continue;
		wmove(win, y++, 1);
		ui_printf(win, w->blocked ? UI_BLOCKED : UI_DIM, "%s at %s: "
		    "%s;%s", w->label, w->phase, w->call, w->blocked ?
		    BLOCKED_WORD : "");
	}
}

void
panel_code_draw(WINDOW *win, const struct snapshot *s, const char *hint)
{
	int	h, w, cw;

	getmaxyx(win, h, w);
	ui_heading(win, "Code: each worker's label at the line it runs next",
	    hint);
	if (s->code.nlines[0] == 0 && s->code.nlines[1] == 0) {
		wmove(win, 1, 1);
		ui_put(win, UI_DIM, "this transport lists no code");
		return;
	}
	/* Each loop all it asks when both fit; else the narrower one all it
	 * asks up to half, the other the rest. */
	cw = column_width(s, ROLE_PRODUCER);
	if (panel_code_width(s) > w && cw > w / 2)
		cw = column_width(s, ROLE_CONSUMER) <= w / 2 ?
		    w - column_width(s, ROLE_CONSUMER) : w / 2;
	draw_column(win, s, ROLE_PRODUCER, 0, cw, h);
	draw_column(win, s, ROLE_CONSUMER, cw, w - cw, h);
	draw_unlisted(win, s, h);
}
