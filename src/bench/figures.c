/*
 * Each transport's last figures, kept for the screen's key b: after a
 * run, one small text file per transport it measured, its rows of the
 * table as the table prints them, under a line saying when and how.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_int.h"

int
bench_figures_path(const char *transport, char *path, size_t len)
{
	const char	*env;
	char		 dir[PATH_MAX];
	int		 n;

	if ((env = getenv("XDG_CACHE_HOME")) != NULL && *env == '/')
		n = snprintf(dir, sizeof(dir), "%s/ipcscope", env);
	else if ((env = getenv("HOME")) != NULL && *env == '/')
		n = snprintf(dir, sizeof(dir), "%s/.cache/ipcscope", env);
	else
		return (-1);
	if (n < 0 || (size_t)n >= sizeof(dir))
		return (-1);
	n = snprintf(path, len, "%s/bench-%s.txt", dir, transport);
	return (n < 0 || (size_t)n >= len ? -1 : 0);
}

/* mkdir -p of the path's directory, each made 0700. */
static int
make_dirs(const char *path)
{
	char	dir[PATH_MAX], *p;

	strlcpy(dir, path, sizeof(dir));
	if ((p = strrchr(dir, '/')) == NULL)
		return (-1);
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++)
		if (*p == '/') {
			*p = '\0';
			if (mkdir(dir, 0700) == -1 && errno != EEXIST)
				return (-1);
			*p = '/';
		}
	return (mkdir(dir, 0700) == -1 && errno != EEXIST ? -1 : 0);
}

static void
write_figures(FILE *f, const struct bench_run *r, const char *transport)
{
	char		when[32];
	time_t		now = time(NULL);
	struct tm	tm;
	int		i;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC",
	    gmtime_r(&now, &tm));
	fprintf(f, "ipcscope bench, %s: %d slots, %.2f s a run, median of "
	    "%d repeat%s%s; %d CPUs (%s)\n", when, r->cfg->slots,
	    r->cfg->seconds, r->repeats_done, r->repeats_done == 1 ? "" : "s",
	    r->interrupted ? " (interrupted)" : "", r->ncpus, r->cpu_model);
	report_table_head(f);
	for (i = 0; i < r->ncells; i++)
		if (strcmp(r->cells[i].t->name, transport) == 0)
			report_cell_row(f, r, &r->cells[i]);
}

/* Written aside, then renamed: the screen never reads half a file. */
static int
save_one(const struct bench_run *r, const char *transport, char *err,
    size_t errlen)
{
	char	path[PATH_MAX], tmp[PATH_MAX + 16];
	FILE	*f;
	int	fd, bad;

	if (bench_figures_path(transport, path, sizeof(path)) == -1) {
		snprintf(err, errlen, "neither XDG_CACHE_HOME nor HOME is set");
		return (-1);
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	if (make_dirs(path) == -1 || (fd = mkstemp(tmp)) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if ((f = fdopen(fd, "w")) == NULL) {
		snprintf(err, errlen, "%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		return (-1);
	}
	write_figures(f, r, transport);
	bad = ferror(f);
	if (fclose(f) == EOF)
		bad = 1;
	if (bad || rename(tmp, path) == -1) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return (-1);
	}
	return (0);
}

void
figures_save(const struct bench_run *r)
{
	const char	*done[64];
	char		 err[PATH_MAX + 64];
	int		 i, j, ndone = 0;

	for (i = 0; i < r->ncells; i++) {
		if (r->cells[i].n == 0)
			continue;
		for (j = 0; j < ndone; j++)
			if (strcmp(done[j], r->cells[i].t->name) == 0)
				break;
		if (j < ndone || ndone == (int)(sizeof(done) /
		    sizeof(done[0])))
			continue;
		done[ndone++] = r->cells[i].t->name;
		if (save_one(r, r->cells[i].t->name, err, sizeof(err)) == -1) {
			fprintf(stderr, "ipcscope: bench: the figures are not "
			    "kept for the screen's b: %s\n", err);
			return;
		}
	}
}
