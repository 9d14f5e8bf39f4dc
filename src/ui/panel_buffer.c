/*
 * The buffer: one cell per slot (item number and producer when it fits,
 * a glyph when 64 slots must share 80 columns), the in/out markers under
 * the cells, and the same state as OSTEP prints it, in plain text, so
 * colour is never the only cue. A queue is drawn oldest first.
 */
#include <stdio.h>
#include <string.h>

#include "ui_int.h"

#define MARGIN	1

struct geom {
	int	ncell;		/* cells to draw */
	int	cw;		/* columns per cell, separator included */
	int	per_row, rows;
	int	in, out;	/* -1 when there is no such marker */
};

const struct snap_buffer *
ui_buffer(const struct snapshot *snap)
{
	static const struct snap_buffer	none;

	return (snap->nbuffers > 0 ? &snap->buffers[0] : &none);
}

static const int cell_widths[] = { 12, 9, 7, 5, 4, 3, 2 };

static int
cell_count(const struct snap_buffer *b)
{
	int	n;

	if (b->has_inout)
		n = b->nslots;
	else {
		n = b->capacity > 0 ? b->capacity : b->nslots;
		if (n < b->count)
			n = b->count;
		if (n < b->nslots)
			n = b->nslots;
	}
	return (n > SLOTS_MAX ? SLOTS_MAX : n);
}

/* The most readable cells that fit in maxrows rows of cells. */
static void
geometry(const struct snapshot *snap, int w, int maxrows, struct geom *g)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	size_t				 i;
	int				 usable = w - MARGIN, rows;

	memset(g, 0, sizeof(*g));
	g->ncell = cell_count(b);
	if (maxrows < 1)
		maxrows = 1;
	/* Fewest rows first, then the widest cells for that many rows. */
	for (rows = 1; rows <= maxrows; rows++)
		for (i = 0; i < sizeof(cell_widths) / sizeof(cell_widths[0]);
		    i++) {
			g->cw = cell_widths[i];
			g->per_row = usable / g->cw > 0 ? usable / g->cw : 1;
			g->rows = (g->ncell + g->per_row - 1) / g->per_row;
			if (g->rows <= rows)
				goto found;
		}
found:
	if (g->rows < 1)
		g->rows = 1;
	if (b->has_inout) {
		g->in = b->in;
		g->out = b->out;
	} else {
		/* A queue: items leave at the head and join at the tail. */
		g->out = b->count > 0 ? 0 : -1;
		g->in = b->count < g->ncell ? b->count : -1;
		if (b->count == 0)
			g->out = 0;
	}
}

static bool
cell_full(const struct snap_buffer *b, int i, const struct snap_slot **slot)
{
	*slot = i < b->nslots ? &b->slots[i] : NULL;
	if (b->has_inout)
		return (*slot != NULL && (*slot)->full);
	if (*slot != NULL && (*slot)->full)
		return (true);
	*slot = NULL;
	return (i < b->count);	/* queued, but its content was not read */
}

/* Lines: heading, summary, 2 per row of cells, the OSTEP text, the note. */
static int
note_lines(const struct snapshot *snap, int w)
{
	int	n = ui_wrap(ui_buffer(snap)->note, w - 2 * MARGIN, NULL, NULL);

	return (n > 2 ? 2 : n);
}

static int
fixed_lines(const struct snapshot *snap, int w)
{
	return (3 + note_lines(snap, w));
}

int
panel_buffer_height(const struct snapshot *snap, int w, int maxh)
{
	struct geom	g;
	int		maxrows = (maxh - fixed_lines(snap, w)) / 2;

	geometry(snap, w, maxrows > 4 ? 4 : maxrows, &g);
	return (fixed_lines(snap, w) + 2 * g.rows);
}

static void
cell_text(const struct snap_buffer *b, int i, int c, char *out, size_t len)
{
	const struct snap_slot	*s;
	char			 t[64];

	out[0] = '\0';
	if (!cell_full(b, i, &s)) {
		snprintf(out, len, "%s", c >= 3 ? "---" : ui_theme.g.empty);
		return;
	}
	if (s == NULL) {
		snprintf(out, len, "%s", c >= 1 ? "?" : "");
		return;
	}
	if (s->mtype != 0) {
		snprintf(t, sizeof(t), "%u P%d t%d", (unsigned)s->seq,
		    s->producer, s->mtype);
		if ((int)strlen(t) <= c) {
			snprintf(out, len, "%s", t);
			return;
		}
	}
	snprintf(t, sizeof(t), "%u P%d", (unsigned)s->seq, s->producer);
	if ((int)strlen(t) > c)
		snprintf(t, sizeof(t), "%u", (unsigned)s->seq);
	if ((int)strlen(t) > c)
		snprintf(t, sizeof(t), "%s", ui_theme.g.full);
	snprintf(out, len, "%s", t);
}

static const char *
marker_text(const struct geom *g, int i, int c)
{
	bool	in = i == g->in, out = i == g->out;

	if (in && out)
		return (c >= 6 ? "in out" : c >= 3 ? "i/o" : "*");
	if (in)
		return (c >= 2 ? "in" : "i");
	if (out)
		return (c >= 3 ? "out" : "o");
	return (NULL);
}

static void
draw_cells(WINDOW *win, const struct snapshot *snap, const struct geom *g,
    int y)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	const struct snap_slot		*s;
	const char			*m;
	char				 t[64];
	int				 i, r, col, c = g->cw - 1, len, pad;

	for (i = 0; i < g->ncell; i++) {
		r = i / g->per_row;
		col = MARGIN + (i % g->per_row) * g->cw;
		cell_text(b, i, c, t, sizeof(t));
		len = strcmp(t, ui_theme.g.full) == 0 ||
		    strcmp(t, ui_theme.g.empty) == 0 ? 1 : (int)strlen(t);
		pad = (c - len) / 2;
		wattr_on(win, theme_attr(cell_full(b, i, &s) ? UI_FULL :
		    UI_EMPTY), NULL);
		mvwhline(win, y + 2 * r, col, ' ', c);
		wattr_off(win, theme_attr(UI_FULL) | theme_attr(UI_EMPTY), NULL);
		wmove(win, y + 2 * r, col + pad);
		ui_put(win, cell_full(b, i, &s) ? UI_FULL : UI_EMPTY, t);
		if ((m = marker_text(g, i, c)) == NULL)
			continue;
		wmove(win, y + 2 * r + 1, col);
		if (c >= 4 && ui_theme.utf8)
			ui_put(win, i == g->in ? UI_IN : UI_OUT, ui_theme.g.up);
		ui_put(win, i == g->in ? UI_IN : UI_OUT, m);
	}
}

/* OSTEP's producer/consumer trace: f marks fill (in), u marks use (out). */
static void
ostep_text(const struct snapshot *snap, const struct geom *g, char *out,
    size_t len)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	const struct snap_slot		*s;
	char				 v[32];
	int				 i;

	strlcpy(out, "[", len);
	for (i = 0; i < g->ncell; i++) {
		if (i > 0)
			strlcat(out, " ", len);
		strlcat(out, i == g->in && i == g->out ? "*" : i == g->in ?
		    "f" : i == g->out ? "u" : " ", len);
		if (!cell_full(b, i, &s))
			snprintf(v, sizeof(v), "---");
		else if (s == NULL)
			snprintf(v, sizeof(v), "?");
		else if (s->mtype != 0)
			snprintf(v, sizeof(v), "%u:t%d", (unsigned)s->seq,
			    s->mtype);
		else
			snprintf(v, sizeof(v), "%u", (unsigned)s->seq);
		strlcat(out, v, len);
	}
	strlcat(out, "]", len);
}

struct wrapto {
	WINDOW	*win;
	int	 y, maxy, x;
	int	 drawn;
	bool	 cut;
	enum ui_role role;
};

static void
wrap_line(void *arg, const char *s, int n)
{
	struct wrapto	*wt = arg;
	char		 buf[EVENT_MAX];

	if (wt->y >= wt->maxy) {
		wt->cut = true;
		return;
	}
	snprintf(buf, sizeof(buf), "%.*s", n, s);
	wmove(wt->win, wt->y++, wt->x);
	ui_put(wt->win, wt->role, buf);
	wt->drawn++;
}

void
panel_buffer_draw(WINDOW *win, const struct snapshot *snap)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	struct geom			 g;
	struct wrapto			 wt;
	char				 line[SLOTS_MAX * 12 + 64], head[64];
	int				 h, w, maxrows, y, nl;

	getmaxyx(win, h, w);
	maxrows = (h - fixed_lines(snap, w)) / 2;
	nl = note_lines(snap, w);
	geometry(snap, w, maxrows > 4 ? 4 : maxrows, &g);
	snprintf(head, sizeof(head), "%d of %d %s", b->count, b->capacity,
	    b->has_inout ? "slots full" : "items queued");
	ui_heading(win, b->has_inout ? "Buffer: the slots in shared memory" :
	    "Buffer: the queue, oldest first", head);
	wmove(win, 1, MARGIN);
	if (g.ncell == 0) {
		ui_put(win, UI_DIM, "nothing sampled yet");
		return;
	}
	if (b->has_inout)
		ui_printf(win, UI_NORMAL, "in = %d (next slot to fill), "
		    "out = %d (next slot to empty)", b->in, b->out);
	else
		ui_printf(win, UI_NORMAL, "%d of %d queued: out takes the "
		    "oldest, in adds behind the newest", b->count, b->capacity);
	draw_cells(win, snap, &g, 2);
	y = 2 + 2 * g.rows;
	ostep_text(snap, &g, line, sizeof(line));
	/* The OSTEP text gets one line, or what the panel has spare. */
	memset(&wt, 0, sizeof(wt));
	wt.win = win;
	wt.y = y;
	wt.x = MARGIN;
	wt.maxy = h - nl;
	if (wt.maxy <= y)
		wt.maxy = y + 1;
	ui_wrap(line, w - MARGIN - 4, wrap_line, &wt);
	if (wt.cut) {
		wmove(win, wt.y - 1, w - 4);
		ui_put(win, UI_DIM, ui_theme.g.ellipsis);
	}
	if (nl > 0) {
		memset(&wt, 0, sizeof(wt));
		wt.win = win;
		wt.y = h - nl;
		wt.maxy = h;
		wt.x = MARGIN;
		wt.role = UI_DIM;
		ui_wrap(b->note, w - 2 * MARGIN, wrap_line, &wt);
	}
}
