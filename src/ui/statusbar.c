/*
 * The header (what runs) and the status line (the mode in large letters,
 * the pace, the granularity and the keys that matter now).
 */
#include <stdio.h>
#include <string.h>

#include "ui_int.h"

void
panel_header_draw(WINDOW *win, const struct snapshot *snap)
{
	int	w = getmaxx(win);

	wmove(win, 0, 0);
	ui_put(win, UI_NORMAL, "ipcscope ");
	ui_printf(win, UI_DIM, "%s ", ui_theme.g.arrow);
	ui_printf(win, UI_NORMAL, "%s (%s)", snap->title, snap->transport);
	if (w < 100)
		return;
	ui_printf(win, UI_DIM, "   produced %lu, consumed %lu", snap->produced,
	    snap->consumed);
	if (snap->audit.duplicates > 0 || snap->audit.out_of_order > 0)
		ui_printf(win, UI_WARN, "  duplicates %lu, out of order %lu",
		    snap->audit.duplicates, snap->audit.out_of_order);
}

void
statusbar_draw(WINDOW *win, const struct snapshot *snap)
{
	bool	 run = snap->mode == MODE_RUN;
	char	 hints[256];

	wmove(win, 0, 0);
	ui_put(win, run ? UI_MODE_RUN : UI_MODE_STEP, run ? " R U N N I N G " :
	    " S T E P ");
	ui_put(win, UI_NORMAL, " ");
	ui_printf(win, UI_DIM, "P%d C%d ms  %s ", snap->speed_ms,
	    snap->cspeed_ms, snap->granularity == GRAIN_ITEM ? "per item" :
	    "per call");
	keys_hints(KEYS_DEMO, run, getmaxx(win), hints, sizeof(hints));
	ui_put(win, UI_NORMAL, hints);
}
