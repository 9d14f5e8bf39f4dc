/*
 * The banner: the mode (STEP, RUNNING, REPLAY) and the run's state
 * (FULL, EMPTY, BLOCKED, DEADLOCK, from verdict.h) in large letters, and
 * under them who sleeps where.
 */
#ifndef IPCSCOPE_UI_BANNER_H
#define IPCSCOPE_UI_BANNER_H

#include "ui_int.h"

/* Rows the banner takes at width w in at most maxh rows (0: none fits).
 * The same for every mode and state, so the layout does not move. */
int	banner_height(int w, int maxh);
void	banner_draw(WINDOW *, const struct snapshot *,
	    const struct ui_status *);

#endif
