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
/* The same from words: mode on the left, state (no wider than the demo's
 * widest, or "") on the right, line under them: the step face's. */
void	banner_words(WINDOW *, const char *mode, enum ui_role mode_role,
	    const char *state, enum ui_role state_role, const char *line);

#endif
