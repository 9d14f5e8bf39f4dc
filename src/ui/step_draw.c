/*
 * The step screen's frame. At 80x24 the panels are stacked:
 *
 *	header: the programs, the calls so far
 *	caption (a lesson's), word-wrapped
 *	banner: STEP and the state in large letters (from 40 lines)
 *	a column per program
 *	source: the line that made the shown call
 *	kernel: the object it touched, as the kernel has it
 *	status line: the keys
 *
 * From 140 columns the source and the kernel share one band, side by
 * side. The windows are remade when the size or the caption's height
 * changes, not every frame.
 */
#include <stdio.h>
#include <string.h>

#include "banner.h"
#include "step_ui.h"

#define WIDE_COLS	140
#define CAPTION_MAX	4	/* lines a caption takes at most */
#define BANNER_MAX	6

static struct {
	int	 lines, cols, caption;	/* what the windows were made for */
	WINDOW	*header, *caption_w, *banner, *columns, *source, *kernel,
		*status;
} L;

static const char *const legend[] = {
	"",
	"Reading the screen",
	"  > 1 prog <   the program selected: space steps it",
	"  stopped at   the call runs when you press space",
	"  ASLEEP in    let into the call, asleep in the kernel (wchan)",
	"  = value      what the call returned, or -1 and errno",
	"  > 23         the line of the program that made the call",
	"  bold value   changed since the previous frame",
	"",
	"Any key closes this help; q quits.",
	NULL
};

static WINDOW *
mkwin(int h, int w, int y, int x)
{
	WINDOW	*win;

	if (h <= 0 || w <= 0)
		return (NULL);
	if ((win = newwin(h, w, y, x)) != NULL)
		leaveok(win, TRUE);
	return (win);
}

void
step_layout_free(void)
{
	WINDOW	**w[] = { &L.header, &L.caption_w, &L.banner, &L.columns,
		    &L.source, &L.kernel, &L.status };
	size_t	  i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (*w[i] != NULL)
			delwin(*w[i]);
		*w[i] = NULL;
	}
	L.lines = L.cols = 0;
}

static void
count_line(void *arg, const char *s, int len)
{
	(void)s;
	(void)len;
	(*(int *)arg)++;
}

/* Lines the caption band takes: its words and the line saying where
 * the lesson is. */
static int
caption_height(const struct step_view *v)
{
	int	n = 0;

	if (v->guide == NULL)
		return (0);
	ui_wrap(v->caption[0] != '\0' ? v->caption : " ", COLS - 2,
	    count_line, &n);
	n++;
	return (n > CAPTION_MAX ? CAPTION_MAX : n);
}

static void
layout(const struct step_view *v, bool *remade)
{
	int	ch = caption_height(v), bh, body, colh, srch, kh, y;

	if (L.lines == LINES && L.cols == COLS && L.caption == ch) {
		*remade = false;
		return;
	}
	step_layout_free();
	*remade = true;
	L.lines = LINES;
	L.cols = COLS;
	L.caption = ch;
	bh = LINES >= 40 ? banner_height(COLS, BANNER_MAX) : 0;
	body = LINES - 2 - ch - bh;
	L.header = mkwin(1, COLS, 0, 0);
	L.caption_w = mkwin(ch, COLS, 1, 0);
	L.banner = mkwin(bh, COLS, 1 + ch, 0);
	y = 1 + ch + bh;
	if (COLS >= WIDE_COLS) {
		colh = body * 45 / 100;
		L.columns = mkwin(colh, COLS, y, 0);
		/* A blank column between the source and the kernel. */
		L.source = mkwin(body - colh, COLS / 2 - 1, y + colh, 0);
		L.kernel = mkwin(body - colh, COLS - COLS / 2, y + colh,
		    COLS / 2);
	} else {
		srch = body >= 30 ? body / 4 : 5;
		kh = body >= 30 ? body / 3 : 7;
		if (body - srch - kh < 8) {
			srch = 4;
			kh = 6;
		}
		colh = body - srch - kh;
		L.columns = mkwin(colh, COLS, y, 0);
		L.source = mkwin(srch, COLS, y + colh, 0);
		L.kernel = mkwin(kh, COLS, y + colh + srch, 0);
	}
	L.status = mkwin(1, COLS, LINES - 1, 0);
}

static long
calls_so_far(const struct step_view *v)
{
	long	seq = 0;
	int	i;

	for (i = 0; i < tracer_nprocs(v->t); i++)
		if (tracer_proc(v->t, i)->call.seq > seq)
			seq = tracer_proc(v->t, i)->call.seq;
	return (seq);
}

static void
header(WINDOW *win, const struct step_view *v)
{
	char	buf[512], fit[512], right[64];
	int	i, w = getmaxx(win);

	if (v->guide != NULL)
		snprintf(buf, sizeof(buf), "lesson %s", v->guide->title);
	else
		for (buf[0] = '\0', i = 0; i < tracer_nprogs(v->t); i++) {
			if (i > 0)
				strlcat(buf, " -- ", sizeof(buf));
			strlcat(buf, tracer_prog_name(v->t, i), sizeof(buf));
		}
	snprintf(right, sizeof(right), "call %ld", calls_so_far(v));
	wmove(win, 0, 0);
	ui_put(win, UI_NORMAL, "ipcscope step ");
	ui_printf(win, UI_DIM, "%s ", ui_theme.g.arrow);
	ui_put(win, UI_NORMAL, ui_fit(buf, w - getcurx(win) -
	    (int)strlen(right) - 2, fit, sizeof(fit)));
	wmove(win, 0, w - (int)strlen(right) - 1);
	ui_put(win, UI_DIM, right);
}

struct pen {
	WINDOW	*win;
	int	 y;
};

static void
caption_line(void *arg, const char *s, int len)
{
	struct pen	*p = arg;
	char		 buf[512];

	/* The last line is the lesson's place. */
	if (p->y >= getmaxy(p->win) - 1)
		return;
	snprintf(buf, sizeof(buf), "%.*s", len, s);
	wmove(p->win, p->y++, 1);
	ui_put(p->win, UI_MODE_STEP, buf);
}

static void
caption(WINDOW *win, const struct step_view *v)
{
	struct pen	 p = { win, 0 };
	const char	*where;
	int		 h, w;

	getmaxyx(win, h, w);
	ui_wrap(v->caption, w - 2, caption_line, &p);
	where = v->gstate == GUIDE_OVER ? "the end: q quits" :
	    v->gstate == GUIDE_OFF ? "off the lesson's path: q quits" :
	    v->gstate == GUIDE_ASK ? "..." : "space: the next step";
	wmove(win, h - 1, w - (int)strlen(where) - 1 > 0 ? w -
	    (int)strlen(where) - 1 : 0);
	ui_put(win, v->gstate == GUIDE_OFF ? UI_WARN : UI_DIM, where);
}

/* The state in one word, and who sleeps or stops where. */
static void
banner(WINDOW *win, const struct step_view *v)
{
	const struct tr_proc	*p;
	const char		*state = "";
	enum ui_role		 role = UI_NORMAL;
	char			 line[768], one[STEP_LINE + 32], st[STEP_LINE];
	int			 i;

	line[0] = '\0';
	for (i = 0; i < tracer_nprocs(v->t); i++) {
		p = tracer_proc(v->t, i);
		step_state_text(p, st, sizeof(st));
		snprintf(one, sizeof(one), "%spid %d (%s) %s", line[0] != '\0' ?
		    "; " : "", (int)p->pid, p->comm, st);
		strlcat(line, one, sizeof(line));
		if (p->state == TR_IN_CALL && p->kstate == 'S') {
			state = "BLOCKED";
			role = UI_BLOCKED;
		}
	}
	if (tracer_done(v->t)) {
		state = "DONE";
		role = UI_DIM;
	}
	banner_words(win, "STEP", UI_MODE_STEP, state, role, line);
}

static void
status(WINDOW *win, const struct step_view *v)
{
	struct ui_status	st;

	memset(&st, 0, sizeof(st));
	st.badge = v->guide != NULL ? " L E S S O N " : " S T E P ";
	st.role = UI_MODE_STEP;
	st.face = KEYS_STEP;
	st.word = "STEP";
	ui_fit(v->note, (int)sizeof(st.detail) / 2, st.detail,
	    sizeof(st.detail));
	statusbar_draw(win, &st);
}

static void
too_small(void)
{
	char	msg[96];

	werase(stdscr);
	snprintf(msg, sizeof(msg), "ipcscope needs at least %dx%d, this is "
	    "%dx%d", UI_MIN_COLS, UI_MIN_LINES, COLS, LINES);
	mvaddnstr(LINES / 2, 0, msg, COLS);
	if (LINES > 2)
		mvaddnstr(LINES / 2 + 1, 0, "make it bigger, or press q to quit",
		    COLS);
	wnoutrefresh(stdscr);
}

/* werase, draw, wnoutrefresh: a window that did not fit is skipped. */
static void
panel(WINDOW *win, void (*draw)(WINDOW *, const struct step_view *),
    const struct step_view *v)
{
	if (win == NULL)
		return;
	werase(win);
	draw(win, v);
	wnoutrefresh(win);
}

void
step_draw(struct step_view *v, bool remade)
{
	bool	made;

	if (COLS < UI_MIN_COLS || LINES < UI_MIN_LINES) {
		step_layout_free();
		too_small();
		return;
	}
	layout(v, &made);
	if (remade || made) {
		/* Parts no panel covers must not keep an old frame. */
		werase(stdscr);
		wnoutrefresh(stdscr);
	}
	panel(L.header, header, v);
	panel(L.caption_w, caption, v);
	panel(L.banner, banner, v);
	panel(L.columns, step_columns_draw, v);
	panel(L.source, step_source_draw, v);
	if (L.kernel != NULL) {
		werase(L.kernel);
		step_kernel_draw(L.kernel, v);
		wnoutrefresh(L.kernel);
	}
	panel(L.status, status, v);
	if (v->help)
		help_box(LINES, COLS, KEYS_STEP, legend);
}
