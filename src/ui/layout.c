/*
 * The layout: one window per panel. Heights follow what the snapshot
 * holds (slots, workers, kernel objects), so the windows are remade when
 * the terminal or the snapshot's shape changes, not every frame. On a wide
 * terminal the kernel panel gets its own column.
 */
#include <string.h>

#include "ui_int.h"

#define LOG_MIN		4	/* lines the log keeps at 80x24 */
#define WIDE_COLS	140	/* from here the kernel panel sits on the right */
#define KERNEL_COLS	76
#define CODE_BESIDE_COLS	160	/* from here the code sits beside the buffer */
#define CODE_BESIDE_LINES	40

struct rect {
	int	y, x, h, w;
};

struct rects {
	struct rect	header, buffer, kernel, procs, log, status;
	struct rect	code;
	bool		kernel_full;
};

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

/* Columns the code panel takes beside the buffer: 0 when it is not
 * wanted or the terminal is too small for it. */
static int
code_columns(const struct snapshot *snap, int lines, int cols, bool wanted)
{
	int	w = panel_code_width(snap);

	if (!wanted || cols < CODE_BESIDE_COLS || lines < CODE_BESIDE_LINES)
		return (0);
	/* The buffer keeps at least two fifths. */
	return (w < cols * 3 / 5 ? w : cols * 3 / 5);
}

static void
compute(const struct snapshot *snap, int lines, int cols, bool code,
    struct rects *R)
{
	int	avail = lines - 2, bh, kh, kc, kf, ph, lh, y, lw, cw;

	memset(R, 0, sizeof(*R));
	set(&R->header, 0, 0, 1, cols);
	set(&R->status, lines - 1, 0, 1, cols);
	cw = code_columns(snap, lines, cols, code);
	bh = panel_buffer_height(snap, cw > 0 ? cols - cw - 1 : cols,
	    avail / 3 > 8 ? avail / 3 : 8);
	if (cw > 0 && bh < panel_code_height(snap))
		bh = panel_code_height(snap);
	set(&R->buffer, 1, 0, bh, cw > 0 ? cols - cw - 1 : cols);
	if (cw > 0)
		set(&R->code, 1, cols - cw, bh, cw);
	y = 1 + bh;
	avail -= bh;
	ph = panel_procs_height(snap, cols);
	if (cols >= WIDE_COLS) {
		lw = cols - KERNEL_COLS - 1;
		kf = panel_kernel_height(snap, KERNEL_COLS, true);
		R->kernel_full = kf <= avail;
		kh = R->kernel_full ? kf :
		    panel_kernel_height(snap, KERNEL_COLS, false);
		set(&R->kernel, y, lw + 1, kh < avail ? kh : avail,
		    KERNEL_COLS);
		ph = panel_procs_height(snap, lw);
		if (ph > avail - LOG_MIN)
			ph = avail - LOG_MIN;
		set(&R->procs, y, 0, ph, lw);
		set(&R->log, y + ph, 0, avail - ph, lw);
		return;
	}
	kc = panel_kernel_height(snap, cols, false);
	kf = panel_kernel_height(snap, cols, true);
	R->kernel_full = avail - kf - ph >= 2 * LOG_MIN;
	kh = R->kernel_full ? kf : kc;
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

void
layout_free(struct ui_layout *L)
{
	WINDOW	**w[] = { &L->header, &L->buffer, &L->kernel, &L->procs,
		    &L->log, &L->status, &L->code };
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
	struct rects		R;

	if (!force && L->cols == COLS && L->lines == LINES && !L->too_small &&
	    L->header != NULL) {
		compute(snap, LINES, COLS, L->code_wanted, &R);
		if (memcmp(&R, &last, sizeof(R)) == 0)
			return (false);
	}
	layout_free(L);
	L->cols = COLS;
	L->lines = LINES;
	L->too_small = COLS < UI_MIN_COLS || LINES < UI_MIN_LINES;
	if (L->too_small)
		return (true);
	compute(snap, LINES, COLS, L->code_wanted, &R);
	last = R;
	L->code_fits = COLS >= CODE_BESIDE_COLS && LINES >= CODE_BESIDE_LINES;
	L->kernel_full = R.kernel_full;
	L->header = mkwin(&R.header);
	L->buffer = mkwin(&R.buffer);
	L->kernel = mkwin(&R.kernel);
	L->procs = mkwin(&R.procs);
	L->log = mkwin(&R.log);
	L->status = mkwin(&R.status);
	L->code = mkwin(&R.code);
	return (true);
}
