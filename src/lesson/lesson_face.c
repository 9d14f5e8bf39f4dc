/*
 * ipcscope lesson [NAME]: without a name, the lessons and a line on
 * each; with one, its programs started under the tracer from the
 * lessons' program directory and walked step by step with their
 * captions, on the step screen or as JSON lines (--headless). However it
 * ends (the last step, q, a signal, the programs going off the lesson's
 * path), the programs are killed and the objects they made removed.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/config.h"
#include "ipcscope/lesson.h"
#include "ipcscope/visible.h"
#include "lesson_int.h"

/* Each program's argv, its file in dir; exits 2 when one is not built. */
static void
programs(const struct lesson *l, const char *dir,
    char *argv[LESSON_PROGS_MAX][LESSON_ARGS_MAX + 1],
    char paths[LESSON_PROGS_MAX][PATH_MAX])
{
	const struct lesson_prog	*pr;
	int				 i, k;

	for (i = 0; i < l->nprogs; i++) {
		pr = &l->progs[i];
		if ((size_t)snprintf(paths[i], PATH_MAX, "%s/%s", dir,
		    pr->argv[0]) >= PATH_MAX || access(paths[i], X_OK) == -1)
			errx(2, "lesson: the program %s is not built in %s "
			    "(make builds it)", pr->argv[0], visible_msg(dir));
		argv[i][0] = paths[i];
		for (k = 1; k < pr->argc; k++)
			argv[i][k] = (char *)pr->argv[k];
		argv[i][pr->argc] = NULL;
	}
}

int
lesson_main(const struct config *cfg, const char *name)
{
	static struct lesson	 l;
	static struct lesson_run r;
	static char		 paths[LESSON_PROGS_MAX][PATH_MAX];
	char			*argv[LESSON_PROGS_MAX][LESSON_ARGS_MAX + 1];
	char			**progs[LESSON_PROGS_MAX];
	char			 path[PATH_MAX], dir[PATH_MAX], err[1024];
	struct tr_opts		 opts = { .all = false, .kill = true };
	struct step_guide	 guide;
	struct tracer		*t;
	int			 i, status;

	if (name == NULL) {
		if (lesson_list(stdout, err, sizeof(err)) == -1)
			errx(2, "%s", err);
		return (0);
	}
	if (lesson_path(name, path, sizeof(path), err, sizeof(err)) == -1 ||
	    lesson_load(path, &l, err, sizeof(err)) == -1)
		errx(2, "%s", err);
	if (lesson_prog_dir(dir, sizeof(dir)) == -1)
		errx(2, "lesson: the lessons' programs are not built: neither "
		    "next to the binary (lessons/) nor installed (make "
		    "builds them)");
	programs(&l, dir, argv, paths);
	for (i = 0; i < l.nprogs; i++)
		progs[i] = argv[i];
	/* A terminal that cannot take the screen is said before any
	 * program runs. */
	if (!cfg->headless && step_ui_ready() == -1)
		return (2);
	if (tracer_start(&t, progs, l.nprogs, &opts, err, sizeof(err)) == -1)
		errx(2, "lesson: %s", visible_msg(err));
	memset(&r, 0, sizeof(r));
	r.name = name;
	r.l = &l;
	r.verify_proc = -1;
	guide = (struct step_guide){ .title = name, .next = lesson_guide_next,
	    .ctx = &r };
	if (cfg->headless)
		return (lesson_headless(t, &r, &guide));
	status = lesson_screen(cfg, t, &r, &guide);
	lesson_cleanup(&r, stderr);
	return (status);
}
