/*
 * The buffer: one cell per slot, as large as the panel allows. A large
 * panel draws each slot as a box with the item's number in big digits,
 * the producer under it and the slot's index in the bottom edge; a small
 * one draws a line of text per row of slots; 64 slots at 80 columns get
 * one character each. Under every row of cells, the in/out markers.
 * A full slot differs from an empty one in shape as well as in colour:
 * a solid box with digits against a dashed outline saying "empty", a
 * digit against a dot. Then the same state as OSTEP prints it, the reason
 * when a semaphore and the slots disagree, and how the slots were read.
 * A queue is drawn oldest first.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/verdict.h"
#include "bigtext.h"
#include "ui_int.h"

#define MARGIN		1
#define BOX_MIN_W	7	/* a box narrower than this is drawn flat */
#define PX_MAX		6	/* the digits' size beside other panels */
#define PX_ZOOM		12	/* and alone */

struct geom {
	int	ncell;		/* cells to draw */
	int	per_row, rows;
	int	cw;		/* columns per cell, the gap included */
	int	box;		/* rows of a cell: 1 flat, 3 or more a box */
	int	px;		/* big digits' size in a box, 0 for text */
	int	in, out;	/* -1 when there is no such marker */
};

const struct snap_buffer *
ui_buffer(const struct snapshot *snap)
{
	static const struct snap_buffer	none;

	return (snap->nbuffers > 0 ? &snap->buffers[0] : &none);
}

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

/* The widest number a box must hold: the largest item, two digits at
 * least, so that the cells keep their size from item 1 to item 99. */
static void
widest_number(const struct snap_buffer *b, char *out, size_t len)
{
	uint32_t	max = 10;
	int		i;

	for (i = 0; i < b->nslots; i++)
		if (b->slots[i].full && b->slots[i].seq > max)
			max = b->slots[i].seq;
	snprintf(out, len, "%u", (unsigned)max);
	memset(out, '8', strlen(out));
}

/* How cells of cw columns on rows of bh lines would be drawn. */
static void
try_cells(const char *widest, int cw, int bh, bool zoom, struct geom *g)
{
	int	inner_w = cw - 1 - 2, inner_h, cap;

	g->box = 1;
	g->px = 0;
	if (cw - 1 < BOX_MIN_W || bh < 4)
		return;
	/* About square at most. */
	cap = (cw - 1) / 2 + 3;
	g->box = bh - 1 < cap ? bh - 1 : cap;
	inner_h = g->box - 2;
	/* The digits, and a line under them for the producer. */
	g->px = bigtext_fit(widest, inner_w - 2, inner_h - 1, zoom ? PX_ZOOM :
	    PX_MAX);
	/* No taller than the digits want: beside other panels the rest of
	 * the lines go to the log; zoomed, the cells are centred. */
	if (g->px > 0 && g->box > bigtext_rows(g->px) + 5)
		g->box = bigtext_rows(g->px) + 5;
}

/* Better: bigger digits, then a box, then more room, then fewer rows. */
static bool
better(const struct geom *a, const struct geom *b)
{
	if (a->px != b->px)
		return (a->px > b->px);
	if ((a->box > 1) != (b->box > 1))
		return (a->box > 1);
	if (a->box * a->cw != b->box * b->cw)
		return (a->box * a->cw > b->box * b->cw);
	return (a->rows < b->rows);
}

/*
 * The most readable cells that fit in hmax lines (markers included). Less
 * than a row of flat cells asks for the compact form: one line per row of
 * cells, as few rows as there is room for.
 */
static void
geometry(const struct snapshot *snap, int w, int hmax, bool zoom,
    struct geom *g)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	struct geom			 t, best;
	char				 widest[16];
	int				 usable = w - 2 * MARGIN, rows, found = 0;

	memset(g, 0, sizeof(*g));
	memset(&best, 0, sizeof(best));
	g->ncell = cell_count(b);
	widest_number(b, widest, sizeof(widest));
	for (rows = 1; g->ncell > 0 && rows <= g->ncell; rows++) {
		memset(&t, 0, sizeof(t));
		t.ncell = g->ncell;
		t.per_row = (g->ncell + rows - 1) / rows;
		t.rows = (g->ncell + t.per_row - 1) / t.per_row;
		if (t.rows != rows)
			continue;	/* as many per row with fewer rows */
		t.cw = usable / t.per_row;
		if (t.cw < 2)
			continue;
		if (hmax < 2) {
			t.box = 1;
			best = t;
			found = 1;
			break;
		}
		if (hmax / rows < 2)
			break;
		try_cells(widest, t.cw, hmax / rows, zoom, &t);
		if (!found++ || better(&t, &best))
			best = t;
	}
	if (!found) {
		/* Too small for all: the most per row, cut at the bottom. */
		best.ncell = g->ncell;
		best.cw = 2;
		best.per_row = usable / 2 > 0 ? usable / 2 : 1;
		best.rows = (g->ncell + best.per_row - 1) / best.per_row;
		best.box = 1;
	}
	*g = best;
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

/* Lines a text gets, max at most. */
static int
wrapped_lines(const char *s, int w, int max)
{
	int	n = s[0] != '\0' ? ui_wrap(s, w - 2 * MARGIN, NULL, NULL) : 0;

	return (n > max ? max : n);
}

/* The why-line: one line below 120 columns (80x24 must fit), else 2. */
static int
why_lines(const char *why, int w)
{
	return (wrapped_lines(why, w, w >= 120 ? 2 : 1));
}

static void
why_line(const struct snapshot *snap, char *buf, size_t len)
{
	char	why[512];

	buf[0] = '\0';
	if (verdict_explain(snap, why, sizeof(why)) > 0)
		snprintf(buf, len, "why: %s", why);
}

/* Lines the note gets: below 120 columns the why-line takes its place
 * while there is one, so that 80x24 keeps its rows for the processes. */
static int
note_lines(const struct snapshot *snap, const char *why, int w)
{
	if (w < 120 && why[0] != '\0')
		return (0);
	return (wrapped_lines(ui_buffer(snap)->note, w, 2));
}

/* Lines besides the cells: heading, summary, OSTEP, why, note. */
static int
fixed_lines(const struct snapshot *snap, int w)
{
	char	why[600];

	why_line(snap, why, sizeof(why));
	return (3 + why_lines(why, w) + note_lines(snap, why, w));
}

int
panel_buffer_height(const struct snapshot *snap, int w, int maxh)
{
	return (panel_buffer_height_zoom(snap, w, maxh, false));
}

int
panel_buffer_height_zoom(const struct snapshot *snap, int w, int maxh,
    bool zoom)
{
	struct geom	g;

	if (snap->graph[0] != '\0')
		return (panel_graph_height(snap, w));
	geometry(snap, w, maxh - fixed_lines(snap, w), zoom, &g);
	return (fixed_lines(snap, w) + g.rows * (g.box + 1));
}

/* A cell on one line: as much of "12 P1 t2" as fits, or one character. */
static void
flat_text(const struct snap_buffer *b, int i, int c, char *out, size_t len)
{
	const struct snap_slot	*s;
	char			 t[64];

	if (!cell_full(b, i, &s)) {
		snprintf(out, len, "%s", c >= 3 ? "---" : ui_theme.utf8 ?
		    "\u00b7" : ".");
		return;
	}
	if (s == NULL) {
		snprintf(out, len, "?");
		return;
	}
	snprintf(t, sizeof(t), "%u P%d t%d", (unsigned)s->seq, s->producer,
	    s->mtype);
	if (s->mtype == 0 || (int)strlen(t) > c)
		snprintf(t, sizeof(t), "%u P%d", (unsigned)s->seq, s->producer);
	if ((int)strlen(t) > c)
		snprintf(t, sizeof(t), "%u", (unsigned)s->seq);
	/* Too narrow for the number: its last digits, never a block
	 * (a block in reverse video looks empty). */
	if ((int)strlen(t) > c)
		memmove(t, t + strlen(t) - c, (size_t)c + 1);
	snprintf(out, len, "%s", t);
}

static int
text_cols(const char *s)
{
	return (strcmp(s, "\u00b7") == 0 || strcmp(s, "\u2191") == 0 ? 1 :
	    (int)strlen(s));
}

static void
draw_flat(WINDOW *win, const struct snap_buffer *b, int i, int y, int x,
    int c)
{
	const struct snap_slot	*s;
	enum ui_role		 r = cell_full(b, i, &s) ? UI_FULL : UI_EMPTY;
	char			 t[64];

	flat_text(b, i, c, t, sizeof(t));
	bigtext_fill(win, y, x, 1, c, theme_attr(r));
	wmove(win, y, x + (c - text_cols(t)) / 2);
	ui_put(win, r, t);
}

/* Box edges: heavy for a full slot, dashed for an empty one. */
struct edges {
	const char	*tl, *tr, *bl, *br, *h, *v;
};

static const struct edges edges_full_utf8 = {
	"\u250f", "\u2513", "\u2517", "\u251b", "\u2501", "\u2503" };
static const struct edges edges_empty_utf8 = {
	"\u250c", "\u2510", "\u2514", "\u2518", "\u254c", "\u254e" };
static const struct edges edges_full_ascii = { "#", "#", "#", "#", "=", "#" };
static const struct edges edges_empty_ascii = { "+", "+", "+", "+", "-", "|" };

static void
draw_edges(WINDOW *win, const struct edges *e, int y, int x, int h, int w,
    int index, attr_t a)
{
	char	idx[16];
	int	r, c, il;

	wattr_on(win, a, NULL);
	mvwaddstr(win, y, x, e->tl);
	mvwaddstr(win, y + h - 1, x, e->bl);
	for (c = 1; c < w - 1; c++) {
		mvwaddstr(win, y, x + c, e->h);
		mvwaddstr(win, y + h - 1, x + c, e->h);
	}
	mvwaddstr(win, y, x + w - 1, e->tr);
	mvwaddstr(win, y + h - 1, x + w - 1, e->br);
	for (r = 1; r < h - 1; r++) {
		mvwaddstr(win, y + r, x, e->v);
		mvwaddstr(win, y + r, x + w - 1, e->v);
	}
	/* The slot's index in the bottom edge: " 3 ". */
	il = snprintf(idx, sizeof(idx), " %d ", index);
	if (il <= w - 2)
		mvwaddstr(win, y + h - 1, x + (w - il) / 2, idx);
	wattr_off(win, a, NULL);
}

static void
draw_box(WINDOW *win, const struct snap_buffer *b, const struct geom *g,
    int i, int y, int x)
{
	const struct snap_slot	*s;
	bool			 full = cell_full(b, i, &s);
	enum ui_role		 r = full ? UI_FULL : UI_EMPTY;
	attr_t			 a = theme_attr(r);
	char			 num[16], label[32];
	int			 w = g->cw - 1, h = g->box, ih = h - 2, iw = w - 2;
	int			 px = g->px, rows, top;

	draw_edges(win, full ? (ui_theme.utf8 ? &edges_full_utf8 :
	    &edges_full_ascii) : (ui_theme.utf8 ? &edges_empty_utf8 :
	    &edges_empty_ascii), y, x, h, w, i, a);
	if (!full) {
		wmove(win, y + 1 + (ih - 1) / 2, x + 1 + (iw - 5) / 2);
		ui_put(win, UI_EMPTY, iw >= 5 ? "empty" : "-");
		return;
	}
	bigtext_fill(win, y + 1, x + 1, ih, iw, a);
	snprintf(num, sizeof(num), s != NULL ? "%u" : "?",
	    s != NULL ? (unsigned)s->seq : 0u);
	label[0] = '\0';
	if (s != NULL && s->mtype != 0)
		snprintf(label, sizeof(label), "P%d t%d", s->producer, s->mtype);
	else if (s != NULL)
		snprintf(label, sizeof(label), "P%d", s->producer);
	/* The number may have outgrown the size the geometry chose. */
	if (px > 0 && bigtext_width(num, px) > iw - 2)
		px = bigtext_fit(num, iw - 2, ih - 1, px);
	if (px == 0) {
		snprintf(num, sizeof(num), s != NULL ? "%u %s" : "?",
		    s != NULL ? (unsigned)s->seq : 0u, label);
		wmove(win, y + 1 + (ih - 1) / 2, x + 1 + ((int)strlen(num) <
		    iw ? (iw - (int)strlen(num)) / 2 : 0));
		ui_put(win, UI_FULL, num);
		return;
	}
	rows = bigtext_rows(px) + (label[0] != '\0' ? 1 : 0);
	top = y + 1 + (ih - rows) / 2;
	bigtext_draw(win, top, x + 1 + (iw - bigtext_width(num, px)) / 2, num,
	    px, a);
	if (label[0] != '\0') {
		wmove(win, top + bigtext_rows(px), x + 1 + (iw -
		    (int)strlen(label)) / 2);
		ui_put(win, UI_FULL, label);
	}
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

/*
 * The line under a row of cells: each cell's index when it is flat (a
 * box has its own), and the in/out markers, which win where both would
 * not fit. Narrow cells get an index every few cells.
 */
static void
draw_markers(WINDOW *win, const struct geom *g, int row, int y)
{
	const char	*m;
	char		 idx[16];
	int		 i, col, c = g->cw - 1, first = row * g->per_row, il;
	int		 stride;

	/* Where the widest index and a space are wider than a cell, an
	 * index every few cells, all on the same stride. */
	il = snprintf(idx, sizeof(idx), "%d", g->ncell - 1);
	stride = il + 1 <= g->cw ? 1 : (il + 1 + g->cw - 1) / g->cw;
	for (i = first; g->box == 1 && i < first + g->per_row &&
	    i < g->ncell; i++) {
		snprintf(idx, sizeof(idx), "%d", i);
		if (i % stride != 0)
			continue;
		wmove(win, y, MARGIN + (i % g->per_row) * g->cw);
		ui_put(win, UI_DIM, idx);
	}
	for (i = first; i < first + g->per_row && i < g->ncell; i++) {
		if ((m = marker_text(g, i, c)) == NULL)
			continue;
		col = MARGIN + (i % g->per_row) * g->cw;
		il = g->box == 1 ? snprintf(idx, sizeof(idx), "%d ", i) : 0;
		/* "3 ↑in" when it fits, else the marker alone. */
		if (il + 1 + (int)strlen(m) > c)
			il = 0;
		/* No part of an index left beside the marker: "i0" for 10. */
		if (g->box == 1)
			mvwhline(win, y, col, ' ', g->cw);
		wmove(win, y, col);
		if (il > 0)
			ui_put(win, UI_DIM, idx);
		if (c >= 3)
			ui_put(win, i == g->in ? UI_IN : UI_OUT, ui_theme.g.up);
		if (g->box > 1)
			ui_put(win, i == g->in ? UI_IN : UI_OUT, " ");
		if (i == g->in && i == g->out && c >= 10) {
			ui_put(win, UI_IN, "in ");
			ui_put(win, UI_OUT, ui_theme.g.up);
			ui_put(win, UI_OUT, "out");
		} else
			ui_put(win, i == g->in ? UI_IN : UI_OUT, m);
	}
}

static void
draw_cells(WINDOW *win, const struct snapshot *snap, const struct geom *g,
    int y)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	int				 i, r, col, row_y;

	for (i = 0; i < g->ncell; i++) {
		r = i / g->per_row;
		row_y = y + r * (g->box + 1);
		col = MARGIN + (i % g->per_row) * g->cw;
		if (g->box > 1)
			draw_box(win, b, g, i, row_y, col);
		else
			draw_flat(win, b, i, row_y, col, g->cw - 1);
		if (i % g->per_row == 0)
			draw_markers(win, g, r, row_y + g->box);
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
}

/* Up to maxy, from y; an ellipsis at the end of the last line if cut. */
static int
draw_wrapped(WINDOW *win, const char *s, int y, int maxy, int w,
    enum ui_role role)
{
	struct wrapto	wt = { .win = win, .y = y, .maxy = maxy, .x = MARGIN,
			    .role = role };

	ui_wrap(s, w, wrap_line, &wt);
	if (wt.cut) {
		wmove(win, wt.y - 1, getmaxx(win) - 4);
		ui_put(win, UI_DIM, ui_theme.g.ellipsis);
	}
	return (wt.y);
}

void
panel_buffer_draw(WINDOW *win, const struct snapshot *snap)
{
	panel_buffer_draw_zoom(win, snap, false);
}

void
panel_buffer_draw_zoom(WINDOW *win, const struct snapshot *snap, bool zoom)
{
	const struct snap_buffer	*b = ui_buffer(snap);
	const char			*word = verdict_word(verdict_of(snap));
	struct geom			 g;
	char				 line[SLOTS_MAX * 12 + 64], head[96];
	char				 why[600];
	int				 h, w, y, nw, nn;

	if (snap->graph[0] != '\0') {
		panel_graph_draw(win, snap);
		return;
	}
	getmaxyx(win, h, w);
	why_line(snap, why, sizeof(why));
	nw = why_lines(why, w);
	nn = note_lines(snap, why, w);
	geometry(snap, w, h - fixed_lines(snap, w), zoom, &g);
	/* The state in words where no banner shows it large. */
	snprintf(head, sizeof(head), "%s%s%d of %d %s", word, *word != '\0' ?
	    "  " : "", b->count, b->capacity, b->has_inout ? "slots full" :
	    "items queued");
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
	y = 2;
	if (zoom && h - fixed_lines(snap, w) > g.rows * (g.box + 1))
		y += (h - fixed_lines(snap, w) - g.rows * (g.box + 1)) / 2;
	draw_cells(win, snap, &g, y);
	y += g.rows * (g.box + 1);
	ostep_text(snap, &g, line, sizeof(line));
	/* The OSTEP text gets one line, or what the panel has spare. */
	y = draw_wrapped(win, line, y, h - nw - nn > y ? h - nw - nn : y + 1,
	    w - MARGIN - 4, UI_NORMAL);
	if (nw > 0)
		draw_wrapped(win, why, h - nw - nn, h - nn, w - 2 * MARGIN,
		    UI_NORMAL);
	if (nn > 0)
		draw_wrapped(win, b->note, h - nn, h, w - 2 * MARGIN, UI_DIM);
}
