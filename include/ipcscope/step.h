/*
 * The step face: ipcscope step -- PROG [ARGS] [-- PROG2 ...] on the
 * screen or headless, and the hand a lesson lends it.
 */
#ifndef IPCSCOPE_STEP_H
#define IPCSCOPE_STEP_H

#include "config.h"
#include "trace.h"

/*
 * A lesson's hand on the step screen (NULL when the user steps freely):
 * next() says which process the next step moves (a tracer_proc index,
 * checked to be at the call the lesson expects) and the caption that
 * tells the class what that step will show; -1 when the walk is over
 * (the caption then holds the last words), -2 with the caption holding
 * why when the programs went off the lesson's path.
 */
struct step_guide {
	const char	*title;		/* "shm-lifecycle" */
	int		(*next)(void *ctx, const struct tracer *,
			    const char **caption);
	void		*ctx;
};

/* Can this terminal take the step screen? Asked before tracer_start(),
 * so a refusal is one line on stderr (-1) and no program has run. */
int	step_ui_ready(void);
/* The step screen over a started tracer (guide may be NULL); it ends the
 * tracer (tracer_end) before it returns. Exit status. */
int	step_ui(const struct config *, struct tracer *,
	    const struct step_guide *);
/* One JSON line per call (step --headless); ends the tracer too. */
int	step_headless(const struct config *, struct tracer *,
	    const struct step_guide *);

/* ipcscope step: the programs of cfg started, then stepped on the screen
 * or headless. Exit status: 0, or 2 with one line when they cannot be. */
int	step_main(const struct config *);

#endif
