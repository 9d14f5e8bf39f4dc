/*
 * The layout: one window per panel. Heights follow what the snapshot
 * holds (slots, workers, kernel objects), so the windows are remade when
 * the terminal or the snapshot's shape changes, not every frame.
 *
 * At 80x24 the panels are stacked and the buffer takes its compact form;
 * what a taller terminal has to spare goes to the buffer and the banner.
 * On a wide terminal:
 *
 *	header
 *	banner (mode and state, large), the whole width
 *	buffer (as large as the rows allow)	| the code (from 160x40,
 *						| unless v hides it)
 *	processes		| kernel
 *	log, the whole width
 *	status
 *
 * the processes and the kernel share one band as tall as the taller of
 * them, so no quarter of the screen stays empty; the log has a fifth of
 * the lines at least. Zoomed, the banner and the buffer take it all.
 */
#include <string.h>

#include "banner.h"
#include "ui_int.h"

#define LOG_MIN		4	/* lines the log keeps at 80x24 */
#define LOG_GOOD	8	/* lines it has before the buffer grows */
#define WIDE_COLS	140	/* from here the kernel panel sits on the right */
#define KERNEL_COLS	76
#define BANNER_MAX	6	/* a banner's rows outside zoom */
#define CODE_BESIDE_COLS	160	/* from here the code sits beside the buffer */
#define CODE_BESIDE_LINES	40

struct rect {
	int	y, x, h, w;
};

struct rects {
	struct rect	header, caption, banner, buffer, code, kernel, procs,
			log, status;
	bool		kernel_full;
};

/*
 * Columns the code panel takes beside the buffer and the banner: 0 when
 * it is not wanted or the terminal is too small for it. The buffer keeps
 * at least two fifths.
 */
static int
code_columns(const struct snapshot *snap, int lines, int cols, bool wanted)
{
	int	w = panel_code_width(snap);

	/* A graph's processes run several loops: it takes the width. */
	if (!wanted || cols < CODE_BESIDE_COLS || lines < CODE_BESIDE_LINES ||
	    snap->graph[0] != '\0')
		return (0);
	return (w < cols * 3 / 5 ? w : cols * 3 / 5);
}

static WINDOW *
mkwin(const struct rect *r)
{
	WINDOW	*w;

	if (r->h <= 0 || r->w <= 0)
		return (NULL);
	if ((w = newwin(r->h, r->w, r->y, r->x)) != NULL)
		leaveok(w, TRUE);
	return (w);
}

static void
set(struct rect *r, int y, int x, int h, int w)
{
	r->y = y;
	r->x = x;
	r->h = h;
	r->w = w;
}

/* The buffer alone: the banner over it, as large as the lines allow. */
static void
compute_zoom(const struct snapshot *snap, int lines, int cols,
    struct rects *R)
{
	int	avail = lines - 2, bn;

	(void)snap;
	bn = banner_height(cols, avail / 3);
	set(&R->banner, 1, 0, bn, cols);
	set(&R->buffer, 1 + bn, 0, avail - bn, cols);
}

/*
 * The banner, the whole width, and under it the buffer with the code
 * beside it (sw columns, sw 0: none), in the rows spare: how many they
 * take.
 */
static int
top(const struct snapshot *snap, int spare, int bmin, int bw, int sw,
    struct rects *R)
{
	int	bn = 0, bh = bmin, need = sw > 0 ? panel_code_height(snap) : 0;
	int	cols = bw + sw + (sw > 0), most = bmin + (spare > 0 ? spare : 0);

	if (spare > 0) {
		bn = banner_height(cols, spare < BANNER_MAX ? spare : BANNER_MAX);
		bh = panel_buffer_height(snap, bw, most - bn);
		if (bh < bmin)
			bh = bmin;
		if (bn + bh > most)
			bh = most - bn;
	}
	/* Room for the whole listing, when the rows spare allow it. */
	if (bh < need)
		bh = need < most - bn ? need : most - bn;
	set(&R->banner, 1, 0, bn, cols);
	set(&R->buffer, 1 + bn, 0, bh, bw);
	set(&R->code, 1 + bn, bw + (sw > 0), bh, sw);
	return (bn + bh);
}

static void
compute_wide(const struct snapshot *snap, int lines, int cols, bool code,
    struct rects *R)
{
	int	avail = lines - 2, sw = code_columns(snap, lines, cols, code);
	int	lw = cols - KERNEL_COLS - 1, bw = cols - sw - (sw > 0);
	int	bmin = panel_buffer_height(snap, bw, 0), ph, kf, mid, logmin;
	int	y;

	logmin = avail / 5 > LOG_MIN ? avail / 5 : LOG_MIN;
	ph = panel_procs_height(snap, lw);
	kf = panel_kernel_height(snap, KERNEL_COLS, true);
	R->kernel_full = bmin + (kf > ph ? kf : ph) + logmin <= avail;
	if (!R->kernel_full)
		kf = panel_kernel_height(snap, KERNEL_COLS, false);
	mid = kf > ph ? kf : ph;
	if (bmin + mid + LOG_MIN > avail)
		mid = avail - bmin - LOG_MIN;
	if (mid < 3)
		mid = 3;
	y = 1 + top(snap, avail - bmin - mid - logmin, bmin, bw, sw, R);
	set(&R->procs, y, 0, mid, lw);
	set(&R->kernel, y, lw + 1, mid, KERNEL_COLS);
	set(&R->log, y + mid, 0, lines - 1 - y - mid, cols);
}

static void
compute_narrow(const struct snapshot *snap, int lines, int cols, bool code,
    struct rects *R)
{
	int	avail = lines - 2, sw = code_columns(snap, lines, cols, code);
	int	bw = cols - sw - (sw > 0), bmin = panel_buffer_height(snap, bw, 0);
	int	kh, kc, kf, ph, lh, y;

	ph = panel_procs_height(snap, cols);
	kc = panel_kernel_height(snap, cols, false);
	kf = panel_kernel_height(snap, cols, true);
	R->kernel_full = avail - bmin - kf - ph >= 2 * LOG_MIN;
	kh = R->kernel_full ? kf : kc;
	/* What a tall terminal has beyond a good log goes to the top. */
	y = top(snap, avail - bmin - kh - ph - LOG_GOOD, bmin, bw, sw, R);
	avail -= y;
	y++;
	if (avail - kh - ph < LOG_MIN) {
		ph = avail - kh - LOG_MIN;
		if (ph < 3)
			ph = 3;
	}
	if (kh > avail - ph - LOG_MIN)
		kh = avail - ph - LOG_MIN;
	if (kh < 1)
		kh = 1;
	lh = avail - kh - ph;
	set(&R->kernel, y, 0, kh, cols);
	set(&R->procs, y + kh, 0, ph, cols);
	set(&R->log, y + kh + ph, 0, lh, cols);
}

/*
 * A scenario's caption sits under the header, before all else: the
 * panels are laid out in the lines left and moved down under it.
 */
static void
compute(const struct snapshot *snap, int lines, int cols, bool zoom,
    bool code, struct rects *R)
{
	struct rect	*below[] = { &R->banner, &R->buffer, &R->code,
			    &R->kernel, &R->procs, &R->log };
	int		 ch = panel_caption_height(snap, cols);
	size_t		 i;

	memset(R, 0, sizeof(*R));
	if (ch > lines / 6)
		ch = lines / 6;
	if (zoom)
		compute_zoom(snap, lines - ch, cols, R);
	else if (cols >= WIDE_COLS)
		compute_wide(snap, lines - ch, cols, code, R);
	else
		compute_narrow(snap, lines - ch, cols, code, R);
	for (i = 0; i < sizeof(below) / sizeof(below[0]); i++)
		if (below[i]->h > 0)
			below[i]->y += ch;
	set(&R->header, 0, 0, 1, cols);
	set(&R->caption, 1, 0, ch, cols);
	set(&R->status, lines - 1, 0, 1, cols);
}

void
layout_free(struct ui_layout *L)
{
	WINDOW	**w[] = { &L->header, &L->buffer, &L->kernel, &L->procs,
		    &L->log, &L->status, &L->banner, &L->code, &L->caption };
	size_t	  i;

	for (i = 0; i < sizeof(w) / sizeof(w[0]); i++) {
		if (*w[i] != NULL)
			delwin(*w[i]);
		*w[i] = NULL;
	}
}

bool
layout_update(struct ui_layout *L, const struct snapshot *snap, bool force)
{
	static struct rects	last;
	static bool		last_zoom;
	struct rects		R;

	if (!force && L->cols == COLS && L->lines == LINES && !L->too_small &&
	    L->header != NULL && L->zoom == last_zoom) {
		compute(snap, LINES, COLS, L->zoom, L->code_wanted, &R);
		if (memcmp(&R, &last, sizeof(R)) == 0)
			return (false);
	}
	layout_free(L);
	L->cols = COLS;
	L->lines = LINES;
	L->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
	if (L->too_small)
		return (true);
	compute(snap, LINES, COLS, L->zoom, L->code_wanted, &R);
	last = R;
	last_zoom = L->zoom;
	L->kernel_full = R.kernel_full;
	L->code_fits = COLS >= CODE_BESIDE_COLS && LINES >= CODE_BESIDE_LINES;
	L->header = mkwin(&R.header);
	L->caption = mkwin(&R.caption);
	L->banner = mkwin(&R.banner);
	L->buffer = mkwin(&R.buffer);
	L->code = mkwin(&R.code);
	L->kernel = mkwin(&R.kernel);
	L->procs = mkwin(&R.procs);
	L->log = mkwin(&R.log);
	L->status = mkwin(&R.status);
	return (true);
}
