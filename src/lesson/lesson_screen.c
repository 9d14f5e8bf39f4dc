/* A lesson on the step screen: step_ui() with the lesson's guide. */
#include "ipcscope/config.h"
#include "lesson_int.h"

int
lesson_screen(const struct config *cfg, struct tracer *t,
    struct lesson_run *r, const struct step_guide *g)
{
	struct config	c = *cfg;
	int		status;

	/* A lesson's programs never outlive it: q kills them (the screen
	 * names each), so that what they made can be removed. */
	c.step_kill = true;
	/* Each call's return, so the objects a get made are known even
	 * when the next step never comes (q at once). */
	tracer_set_return_hook(t, lesson_on_return, r);
	status = step_ui(&c, t, g);
	return (status);
}
