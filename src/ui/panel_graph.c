/*
 * The --graph panel, in place of the one buffer's: stages as boxes with
 * their processes, the buffers between them with their slots and kernel
 * numbers, arrows in the direction of flow, and each blocked process
 * marked on the arrow of the buffer it sleeps on. Columns left to right:
 * the stages that make the items, the buffers they fill, the stages
 * that read those, and so on; a column's boxes are stacked.
 *
 * Everything comes from the snapshot: a worker's stage, from, to and on.
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/role.h"
#include "ui_int.h"

#define MARGIN		1
#define GAP		3	/* columns of an arrow between two boxes */
#define STAGE_W_MIN	10
#define STAGE_W_MAX	18
#define BUF_W_MIN	14
#define BUF_W_MAX	40
#define COLS_MAX	(2 * SNAP_BUFFERS + 1)

struct gstage {
	char	name[8];
	int	from, to;
	int	level;
	int	nw, w[WORKERS_MAX];	/* its workers, indexes into snap */
};

struct gmodel {
	int		nst;
	struct gstage	st[WORKERS_MAX];
	int		blevel[SNAP_BUFFERS];	/* the stage level writing it */
	int		nlevels;		/* stage columns */
};

/* Where a box was drawn, for the arrows. */
struct place {
	int	y, x, h, w;
};

static void
model(const struct snapshot *snap, struct gmodel *m)
{
	const struct snap_worker	*w;
	struct gstage			*s;
	int				 i, k, pass, changed;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < snap->nworkers; i++) {
		w = &snap->workers[i];
		for (k = 0; k < m->nst; k++)
			if (strcmp(m->st[k].name, w->stage) == 0)
				break;
		if (k == m->nst) {
			s = &m->st[m->nst++];
			strlcpy(s->name, w->stage, sizeof(s->name));
			s->from = w->from;
			s->to = w->to;
		}
		m->st[k].w[m->st[k].nw++] = i;
	}
	/* A stage is one column right of the stages filling its input. */
	for (pass = 0, changed = 1; changed && pass < WORKERS_MAX; pass++) {
		changed = 0;
		for (i = 0; i < m->nst; i++)
			for (k = 0; k < m->nst; k++)
				if (m->st[i].from != -1 &&
				    m->st[k].to == m->st[i].from &&
				    m->st[i].level < m->st[k].level + 1) {
					m->st[i].level = m->st[k].level + 1;
					changed = 1;
				}
	}
	for (i = 0; i < SNAP_BUFFERS; i++)
		m->blevel[i] = -1;
	for (i = 0; i < m->nst; i++) {
		if (m->st[i].level + 1 > m->nlevels)
			m->nlevels = m->st[i].level + 1;
		if (m->st[i].to >= 0 && m->st[i].to < SNAP_BUFFERS)
			m->blevel[m->st[i].to] = m->st[i].level;
	}
}

static int
stage_h(const struct gstage *s)
{
	return (2 + s->nw);
}

/* The processes asleep on buffer b. */
static int
sleepers(const struct snapshot *snap, int b)
{
	int	i, n = 0;

	for (i = 0; i < snap->nworkers; i++)
		n += snap->workers[i].alive && snap->workers[i].blocked &&
		    snap->workers[i].on == b;
	return (n);
}

static int
buffer_h(const struct snapshot *snap, int b)
{
	return (5 + sleepers(snap, b));
}

/* Rows of column c (even: stages of level c/2; odd: buffers). */
static int
column_h(const struct snapshot *snap, const struct gmodel *m, int c)
{
	int	i, h = 0;

	if (c % 2 == 0) {
		for (i = 0; i < m->nst; i++)
			if (m->st[i].level == c / 2)
				h += stage_h(&m->st[i]);
		return (h);
	}
	for (i = 0; i < snap->nbuffers; i++)
		if (m->blevel[i] == c / 2)
			h += buffer_h(snap, i);
	return (h);
}

/* Box widths for w columns: 0 when the graph cannot be drawn in them. */
static int
widths(const struct gmodel *m, int w, int *sw, int *bw)
{
	int	nb = m->nlevels - 1, room;

	*sw = STAGE_W_MIN;
	*bw = BUF_W_MAX;
	if (nb <= 0)
		return (0);
	room = w - 2 * MARGIN - m->nlevels * STAGE_W_MIN - 2 * nb * GAP;
	if (room / nb < BUF_W_MIN)
		return (0);
	*bw = room / nb > BUF_W_MAX ? BUF_W_MAX : room / nb;
	room = w - 2 * MARGIN - nb * *bw - 2 * nb * GAP;
	*sw = room / m->nlevels > STAGE_W_MAX ? STAGE_W_MAX :
	    room / m->nlevels;
	return (1);
}

int
panel_graph_height(const struct snapshot *snap, int w)
{
	struct gmodel	m;
	int		c, h = 0, sw, bw;

	model(snap, &m);
	if (!widths(&m, w, &sw, &bw))
		return (3 + snap->nbuffers);
	for (c = 0; c < 2 * m.nlevels - 1; c++)
		if (column_h(snap, &m, c) > h)
			h = column_h(snap, &m, c);
	return (2 + h);
}

static void
draw_box(WINDOW *win, const struct place *p, enum ui_role r, const char *title)
{
	int	i;

	wattrset(win, ui_theme.attr[r]);
	mvwaddch(win, p->y, p->x, ACS_ULCORNER);
	mvwhline(win, p->y, p->x + 1, ACS_HLINE, p->w - 2);
	mvwaddch(win, p->y, p->x + p->w - 1, ACS_URCORNER);
	for (i = 1; i < p->h - 1; i++) {
		mvwaddch(win, p->y + i, p->x, ACS_VLINE);
		mvwaddch(win, p->y + i, p->x + p->w - 1, ACS_VLINE);
	}
	mvwaddch(win, p->y + p->h - 1, p->x, ACS_LLCORNER);
	mvwhline(win, p->y + p->h - 1, p->x + 1, ACS_HLINE, p->w - 2);
	mvwaddch(win, p->y + p->h - 1, p->x + p->w - 1, ACS_LRCORNER);
	wattrset(win, A_NORMAL);
	wmove(win, p->y, p->x + 1);
	ui_printf(win, UI_HEADING, "%.*s", p->w - 2, title);
}

/* s cut to n columns at (y, x). */
static void
put_at(WINDOW *win, int y, int x, int n, enum ui_role r, const char *s)
{
	if (n <= 0)
		return;
	wmove(win, y, x);
	ui_printf(win, r, "%.*s", n, s);
}

static void
draw_stage(WINDOW *win, const struct snapshot *snap, const struct gstage *s,
    const struct place *p)
{
	const struct snap_worker	*w;
	enum ui_role			 r;
	char				 line[64], title[16];
	int				 i;

	snprintf(title, sizeof(title), " %s%s ", s->name, s->nw > 1 ? "*" : "");
	if (s->nw > 1)
		snprintf(title + strlen(title) - 1, sizeof(title) -
		    strlen(title) + 1, "%d ", s->nw);
	draw_box(win, p, UI_DIM, title);
	for (i = 0; i < s->nw; i++) {
		w = &snap->workers[s->w[i]];
		r = !w->alive ? UI_DIM : w->blocked ? UI_BLOCKED :
		    w->waiting_permit ? UI_READY : UI_NORMAL;
		snprintf(line, sizeof(line), "%s %s", w->label, !w->alive ?
		    "dead" : w->blocked ? "zz asleep" : w->phase);
		put_at(win, p->y + 1 + i, p->x + 1, p->w - 2, r, line);
		if (s->w[i] == snap->selected)
			mvwchgat(win, p->y + 1 + i, p->x + 1,
			    (int)strlen(w->label), A_REVERSE | A_BOLD, 0,
			    NULL);
	}
}

static void
draw_buffer(WINDOW *win, const struct snapshot *snap, int bi,
    const struct place *p)
{
	const struct snap_buffer	*b = &snap->buffers[bi];
	const struct snap_worker	*w;
	char				 title[48], line[128], one[32];
	int				 i, n, x, y, inner = p->w - 2;

	snprintf(title, sizeof(title), " %s %s ", b->name, b->transport);
	draw_box(win, p, UI_NORMAL, title);
	/* The slots, one glyph each, when they fit; else a count. */
	y = p->y + 1;
	wmove(win, y, p->x + 1);
	snprintf(line, sizeof(line), " %d/%d", b->count, b->capacity);
	n = b->capacity + (int)strlen(line) <= inner ? b->capacity : 0;
	for (i = 0; i < n; i++)
		ui_put(win, i < b->count ? UI_FULL : UI_EMPTY, i < b->count ?
		    ui_theme.g.full : ui_theme.g.empty);
	getyx(win, y, x);
	put_at(win, y, x, p->x + p->w - 1 - x, UI_NORMAL, line);
	/* The kernel's numbers for what carries it. */
	line[0] = '\0';
	for (i = 0; i < b->nobjects; i++) {
		if (b->objects[i] < 0 || b->objects[i] >= snap->nobjects)
			continue;
		if (line[0] != '\0')
			strlcat(line, ", ", sizeof(line));
		strlcat(line, snap->objects[b->objects[i]].ident, sizeof(line));
	}
	put_at(win, p->y + 2, p->x + 1, inner, UI_DIM, line);
	/* The items queued, oldest first, with the marks they carry. */
	line[0] = '\0';
	for (i = 0; i < b->nslots; i++) {
		if (!b->slots[i].full || b->slots[i].seq == 0)
			continue;
		snprintf(one, sizeof(one), "%s%u%s%s", line[0] != '\0' ? " " :
		    "", (unsigned)b->slots[i].seq, b->slots[i].via[0] != '\0' ?
		    ":" : "", b->slots[i].via);
		strlcat(line, one, sizeof(line));
	}
	put_at(win, p->y + 3, p->x + 1, inner, UI_NORMAL, line);
	y = p->y + 4;
	for (i = 0; i < snap->nworkers; i++) {
		w = &snap->workers[i];
		if (!w->alive || !w->blocked || w->on != bi)
			continue;
		snprintf(line, sizeof(line), "zz %s: %s", w->label,
		    w->to == bi ? "full" : "empty");
		put_at(win, y++, p->x + 1, inner, UI_BLOCKED, line);
	}
}

/*
 * An arrow from the right side of a (row ya, column xa) to the left of b
 * (row yb, column xb): across, down or up the middle, across. r is its
 * colour; mark, when not NUL, sits on it (a sleeper's "z").
 */
static void
arrow(WINDOW *win, int ya, int xa, int yb, int xb, enum ui_role r, char mark)
{
	int	xm = (xa + xb) / 2, y;

	wattrset(win, ui_theme.attr[r]);
	mvwhline(win, ya, xa, ACS_HLINE, xm - xa);
	if (ya != yb) {
		mvwaddch(win, ya, xm, ya < yb ? ACS_URCORNER : ACS_LRCORNER);
		for (y = (ya < yb ? ya : yb) + 1; y < (ya < yb ? yb : ya); y++)
			mvwaddch(win, y, xm, ACS_VLINE);
		mvwaddch(win, yb, xm, ya < yb ? ACS_LLCORNER : ACS_ULCORNER);
	} else
		mvwaddch(win, ya, xm, ACS_HLINE);
	mvwhline(win, yb, xm + 1, ACS_HLINE, xb - xm - 1);
	mvwaddch(win, yb, xb - 1, ACS_RARROW);
	if (mark != '\0')
		mvwaddch(win, ya, xa, (chtype)(unsigned char)mark);
	wattrset(win, A_NORMAL);
}

/* Is a process of stage s asleep on buffer b? */
static bool
stage_sleeps_on(const struct snapshot *snap, const struct gstage *s, int b)
{
	int	i;

	for (i = 0; i < s->nw; i++)
		if (snap->workers[s->w[i]].alive &&
		    snap->workers[s->w[i]].blocked &&
		    snap->workers[s->w[i]].on == b)
			return (true);
	return (false);
}

/* Too narrow to draw: one line per buffer, in words. */
static void
draw_lines(WINDOW *win, const struct snapshot *snap, const struct gmodel *m)
{
	char	line[256], who[64];
	int	b, i, y = 1;

	put_at(win, y++, MARGIN, getmaxx(win) - 2 * MARGIN, UI_WARN,
	    "too many stages to draw in this width: a wider terminal "
	    "shows the graph");
	for (b = 0; b < snap->nbuffers && y < getmaxy(win); b++) {
		who[0] = '\0';
		for (i = 0; i < m->nst; i++)
			if (m->st[i].to == b) {
				strlcat(who, m->st[i].name, sizeof(who));
				strlcat(who, " ", sizeof(who));
			}
		strlcat(who, "->", sizeof(who));
		for (i = 0; i < m->nst; i++)
			if (m->st[i].from == b) {
				strlcat(who, " ", sizeof(who));
				strlcat(who, m->st[i].name, sizeof(who));
			}
		snprintf(line, sizeof(line), "%s %s %d/%d  %s", snap->buffers[b].name,
		    snap->buffers[b].transport, snap->buffers[b].count,
		    snap->buffers[b].capacity, who);
		put_at(win, y++, MARGIN, getmaxx(win) - 2 * MARGIN,
		    sleepers(snap, b) > 0 ? UI_BLOCKED : UI_NORMAL, line);
	}
}

void
panel_graph_draw(WINDOW *win, const struct snapshot *snap)
{
	struct gmodel	m;
	struct place	sp[WORKERS_MAX], bp[SNAP_BUFFERS];
	char		head[128];
	int		c, i, k, x, y, sw, bw, top = 1;

	model(snap, &m);
	snprintf(head, sizeof(head), "produced %lu, consumed %lu%s",
	    snap->produced, snap->consumed, snap->audit.misrouted > 0 ?
	    ", MISROUTED" : "");
	ui_heading(win, "Graph: stages and the buffers between them", head);
	if (!widths(&m, getmaxx(win), &sw, &bw)) {
		draw_lines(win, snap, &m);
		return;
	}
	memset(sp, 0, sizeof(sp));
	memset(bp, 0, sizeof(bp));
	x = MARGIN;
	for (c = 0; c < 2 * m.nlevels - 1; c++) {
		y = top;
		if (c % 2 == 0) {
			for (i = 0; i < m.nst; i++) {
				if (m.st[i].level != c / 2)
					continue;
				sp[i] = (struct place){ y, x, stage_h(&m.st[i]),
				    sw };
				draw_stage(win, snap, &m.st[i], &sp[i]);
				y += sp[i].h;
			}
			x += sw + GAP;
			continue;
		}
		for (i = 0; i < snap->nbuffers; i++) {
			if (m.blevel[i] != c / 2)
				continue;
			bp[i] = (struct place){ y, x, buffer_h(snap, i), bw };
			draw_buffer(win, snap, i, &bp[i]);
			y += bp[i].h;
		}
		x += bw + GAP;
	}
	/* The arrows: each stage into its output, each buffer into its
	 * readers; red with a z where a process sleeps on that buffer. */
	for (i = 0; i < m.nst; i++) {
		k = m.st[i].to;
		if (k >= 0 && k < snap->nbuffers && bp[k].w > 0)
			arrow(win, sp[i].y + 1, sp[i].x + sp[i].w, bp[k].y + 1,
			    bp[k].x, stage_sleeps_on(snap, &m.st[i], k) ?
			    UI_BLOCKED : UI_DIM, stage_sleeps_on(snap,
			    &m.st[i], k) ? 'z' : '\0');
		k = m.st[i].from;
		if (k >= 0 && k < snap->nbuffers && bp[k].w > 0)
			arrow(win, bp[k].y + 1, bp[k].x + bp[k].w, sp[i].y + 1,
			    sp[i].x, stage_sleeps_on(snap, &m.st[i], k) ?
			    UI_BLOCKED : UI_DIM, stage_sleeps_on(snap,
			    &m.st[i], k) ? 'z' : '\0');
	}
}
