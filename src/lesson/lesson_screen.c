/* A lesson on the step screen: step_ui() with the lesson's guide. */
#include <stdio.h>

#include "ipcscope/config.h"
#include "lesson_int.h"

int
lesson_screen(const struct config *cfg, struct tracer *t,
    struct lesson_run *r, const struct step_guide *g)
{
	(void)cfg;
	(void)r;
	(void)g;
	/* The screen is helper step-tui's step_ui(): not in this branch
	 * yet. */
	tracer_end(t, true, NULL);
	fprintf(stderr, "ipcscope lesson: the screen is not built in this "
	    "branch; use --headless\n");
	return (2);
}
