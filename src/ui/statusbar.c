/*
 * The header (what runs) and the status line (the mode in large letters,
 * what the source says beside it, and the keys that matter now).
 */
#include <stdio.h>
#include <string.h>

#include "ui_int.h"

/* A narrow header has no room for the counts: what a race broke, when
 * it did and where it fits. */
static void
header_race(WINDOW *win, const struct snapshot *snap, int w)
{
	char	buf[64];

	if (snap->audit.lost == 0 && snap->audit.duplicates == 0)
		return;
	snprintf(buf, sizeof(buf), "  lost %lu, dup %lu", snap->audit.lost,
	    snap->audit.duplicates);
	if (getcurx(win) + (int)strlen(buf) <= w)
		ui_put(win, UI_WARN, buf);
}

void
panel_header_draw(WINDOW *win, const struct snapshot *snap)
{
	int	w = getmaxx(win);

	wmove(win, 0, 0);
	ui_put(win, UI_NORMAL, "ipcscope ");
	ui_printf(win, UI_DIM, "%s ", ui_theme.g.arrow);
	ui_printf(win, UI_NORMAL, "%s (%s)", snap->title, snap->transport);
	if (w < 100) {
		header_race(win, snap, w);
		return;
	}
	ui_printf(win, UI_DIM, "   produced %lu, consumed %lu", snap->produced,
	    snap->consumed);
	if (snap->audit.duplicates > 0 || snap->audit.out_of_order > 0)
		ui_printf(win, UI_WARN, "  duplicates %lu, out of order %lu",
		    snap->audit.duplicates, snap->audit.out_of_order);
	if (snap->audit.lost > 0)
		ui_printf(win, UI_WARN, "  lost %lu", snap->audit.lost);
}

void
statusbar_draw(WINDOW *win, const struct ui_status *st)
{
	char	 hints[256];

	wmove(win, 0, 0);
	ui_put(win, st->role, st->badge);
	ui_put(win, UI_NORMAL, " ");
	ui_printf(win, UI_DIM, "%s ", st->detail);
	keys_hints(st->face, st->running, getmaxx(win), hints, sizeof(hints));
	ui_put(win, UI_NORMAL, hints);
}
