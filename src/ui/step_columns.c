/*
 * A column per program: its number and name (the selected one between
 * '>' and '<', not by colour alone), its processes and where each is,
 * the call it is stopped at with its arguments and, once it ran, what it
 * returned; its last calls, and the tail of what it printed.
 */
#include <stdio.h>
#include <string.h>

#include "step_ui.h"

#define OUTPUT_LINES	3	/* of what a program printed, at most */
#define CALL_LINES	3	/* a call's text, wrapped */

/* Where a column writes next. */
struct pen {
	WINDOW	*win;
	int	 x, w, y, end;
	enum ui_role role;
	int	 indent;
	int	 left;		/* lines the wrapped text may still take */
};

static bool
room(const struct pen *p)
{
	return (p->y < p->end);
}

static void
put_line(struct pen *p, enum ui_role r, int indent, const char *s)
{
	char	buf[512];

	if (!room(p))
		return;
	wmove(p->win, p->y++, p->x + indent);
	ui_put(p->win, r, ui_fit(s, p->w - indent, buf, sizeof(buf)));
}

static void
wrap_line(void *arg, const char *s, int len)
{
	struct pen	*p = arg;
	char		 buf[512];

	if (!room(p) || p->left <= 0)
		return;
	p->left--;
	snprintf(buf, sizeof(buf), "%.*s", len, s);
	put_line(p, p->role, p->indent, buf);
}

static void
heading(struct pen *p, int prog, const char *name, bool sel)
{
	char	buf[256], fit[256];
	enum ui_role r = sel ? UI_SELECTED : UI_HEADING;

	snprintf(buf, sizeof(buf), "%s%d %s%s", sel ? "> " : "  ", prog + 1,
	    name, sel ? " <" : "");
	wattr_on(p->win, theme_attr(r), NULL);
	mvwhline(p->win, p->y, p->x, ' ', p->w);
	wattr_off(p->win, theme_attr(r), NULL);
	wmove(p->win, p->y++, p->x);
	ui_put(p->win, r, ui_fit(buf, p->w, fit, sizeof(fit)));
}

static enum ui_role
state_role(const struct tr_proc *tp)
{
	switch (tp->state) {
	case TR_AT_CALL:
		return (UI_READY);
	case TR_IN_CALL:
		return (tp->kstate == 'S' ? UI_BLOCKED : UI_NORMAL);
	case TR_RUNNING:
		return (UI_NORMAL);
	default:
		return (UI_DIM);
	}
}

/* One process: where it is, its call and what the call returned. */
static void
process(struct pen *p, const struct tr_proc *tp)
{
	char	state[160], line[STEP_LINE + 32], call[1024];

	step_state_text(tp, state, sizeof(state));
	snprintf(line, sizeof(line), "pid %d %s", (int)tp->pid, state);
	put_line(p, state_role(tp), 0, line);
	if (tp->call.name == NULL || tp->state == TR_EXITED ||
	    tp->state == TR_KILLED || tp->state == TR_DETACHED)
		return;
	step_call_text(&tp->call, true, call, sizeof(call));
	p->role = tp->state == TR_AT_CALL ? UI_NORMAL : UI_DIM;
	p->indent = 2;
	p->left = CALL_LINES;
	ui_wrap(call, p->w - 2, wrap_line, p);
	if (tp->call.returned) {
		snprintf(line, sizeof(line), "= %s", tp->call.rettext);
		put_line(p, tp->call.err != 0 ? UI_WARN : UI_NORMAL, 2, line);
	}
}

/* The lines of what the program printed, the last ones that fit. */
static void
output(struct pen *p, const char *out, int lines)
{
	const char	*nl, *start[OUTPUT_LINES];
	int		 n = 0, i;
	char		 buf[256];
	size_t		 len;

	if (lines <= 0 || out == NULL || *out == '\0')
		return;
	/* The last lines, a trailing newline ending the last. */
	len = strlen(out);
	if (len > 0 && out[len - 1] == '\n')
		len--;
	for (nl = out + len; n < lines && nl > out; ) {
		const char *b = nl;

		while (b > out && b[-1] != '\n')
			b--;
		start[n++] = b;
		nl = b > out ? b - 1 : out;
		if (b == out)
			break;
	}
	put_line(p, UI_DIM, 0, "printed:");
	for (i = n - 1; i >= 0; i--) {
		len = strcspn(start[i], "\n");
		snprintf(buf, sizeof(buf), "%.*s", (int)len, start[i]);
		put_line(p, UI_NORMAL, 2, buf);
	}
}

static void
column(WINDOW *win, const struct step_view *v, int prog, int x, int w,
    int h)
{
	struct pen	 p = { win, x, w, 0, h, UI_NORMAL, 0, 0 };
	const struct step_history *hist = &v->hist[prog];
	const char	*out = tracer_output(v->t, prog);
	int		 i, nout = 0, nhist;

	heading(&p, prog, tracer_prog_name(v->t, prog), prog == v->sel);
	for (i = 0; i < tracer_nprocs(v->t); i++)
		if (tracer_proc(v->t, i)->prog == prog)
			process(&p, tracer_proc(v->t, i));
	if (out != NULL && *out != '\0') {
		nout = (p.end - p.y) / 3;
		nout = nout > OUTPUT_LINES ? OUTPUT_LINES : nout;
	}
	/* The last calls fill what the output leaves. */
	nhist = p.end - p.y - (nout > 0 ? nout + 1 : 0) - 1;
	if (nhist > hist->n)
		nhist = hist->n;
	if (nhist > 0) {
		put_line(&p, UI_DIM, 0, "last calls:");
		for (i = hist->n - nhist; i < hist->n; i++)
			put_line(&p, UI_NORMAL, 2, step_history_get(hist, i,
			    w - 2));
	}
	output(&p, out, nout);
}

void
step_columns_draw(WINDOW *win, const struct step_view *v)
{
	int	n = tracer_nprogs(v->t), w, h, cw, i, x;

	getmaxyx(win, h, w);
	if (n <= 0)
		return;
	cw = w / n;
	for (i = 0, x = 0; i < n; i++, x += cw) {
		/* A bar between columns; the last takes what is left. */
		column(win, v, i, x + (i > 0), (i == n - 1 ? w - x : cw - 1) -
		    (i > 0), h);
		if (i < n - 1) {
			wattr_on(win, theme_attr(UI_DIM), NULL);
			mvwvline(win, 0, x + cw - 1, ui_theme.utf8 ? ACS_VLINE :
			    '|', h);
			wattr_off(win, theme_attr(UI_DIM), NULL);
		}
	}
}
