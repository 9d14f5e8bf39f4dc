/*
 * ipcscope step's glue: the programs after "--" (split by further "--")
 * started under the tracer, then handed to the screen or the headless
 * lines. Each bad start is one line and exit status 2.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/step.h"
#include "ipcscope/visible.h"
#include "ipcscope/xmalloc.h"

#define STEP_USAGE	"ipcscope step [--headless] [--all] [--kill] -- " \
			"PROG [ARGS...] [-- PROG2 ...]"

/* argv split at each "--" into NULL-terminated programs; how many. */
static int
split_programs(char *const *argv, int argc, char **progs[TRACE_PROGS_MAX])
{
	int	i, n = 0, start = 0, k;

	for (i = 0; i <= argc; i++) {
		if (i < argc && strcmp(argv[i], "--") != 0)
			continue;
		if (i == start)
			errx(2, "step: an empty program %s; usage: %s",
			    i == 0 ? "before the first \"--\"" :
			    "between two \"--\"", STEP_USAGE);
		if (n == TRACE_PROGS_MAX)
			errx(2, "step: more than %d programs; at most %d may "
			    "be stepped at once", TRACE_PROGS_MAX,
			    TRACE_PROGS_MAX);
		progs[n] = xcalloc((size_t)(i - start + 1), sizeof(char *));
		for (k = start; k < i; k++)
			progs[n][k - start] = argv[k];
		n++;
		start = i + 1;
	}
	return (n);
}

/* --keys for step: program numbers and '.', no others. */
static void
check_step_keys(const char *keys, int nprogs)
{
	const char	*p;

	if (keys == NULL)
		return;
	if (keys[0] == '\0')
		errx(2, "--keys \"\": no keys; step's keys are the program "
		    "numbers 1..%d and . (any)", nprogs);
	for (p = keys; *p != '\0'; p++)
		if (*p != '.' && (*p < '1' || *p > '0' + nprogs))
			errx(2, "--keys \"%s\": \"%c\" (byte %zu) is not a "
			    "program; step's keys are the program numbers "
			    "1..%d and . (any)", visible(keys),
			    *p >= 0x20 && *p < 0x7f ? *p : '?',
			    (size_t)(p - keys + 1), nprogs);
}

int
step_main(const struct config *cfg)
{
	struct tr_opts	 opts = { .all = cfg->step_all, .kill = cfg->step_kill };
	struct tracer	*t;
	char		**progs[TRACE_PROGS_MAX], err[512];
	int		 n, i, rc;

	if (cfg->step_argc == 0)
		errx(2, "step needs a program to run: %s", STEP_USAGE);
	n = split_programs(cfg->step_argv, cfg->step_argc, progs);
	check_step_keys(cfg->keys, n);
	/* A terminal that cannot take the screen is said before any
	 * program runs. */
	if (!cfg->headless && step_ui_ready() == -1) {
		for (i = 0; i < n; i++)
			free(progs[i]);
		return (2);
	}
	rc = tracer_start(&t, progs, n, &opts, err, sizeof(err));
	for (i = 0; i < n; i++)
		free(progs[i]);
	if (rc == -1)
		errx(2, "step: %s", visible_msg(err));
	return (cfg->headless ? step_headless(cfg, t, NULL) :
	    step_ui(cfg, t, NULL));
}
