/*
 * Finding scenarios: the shipped ones by name (next to the build, or
 * installed), and any file by its path; reading one whole.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/scenario.h"
#include "ipcscope/small_file.h"
#include "ipcscope/visible.h"

#ifndef IPCSCOPE_SCENARIO_DIR
#define IPCSCOPE_SCENARIO_DIR	"/usr/local/share/ipcscope/scenarios"
#endif

static bool
is_dir(const char *path)
{
	struct stat	st;

	return (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

int
scenario_dir(char *dir, size_t len)
{
	/* From the binary's directory: build/, build/asan/, bin/. */
	static const char	*rel[] = { "../assets/scenarios",
	    "../../assets/scenarios", "../share/ipcscope/scenarios" };
	char			 exe[PATH_MAX], *d;
	ssize_t			 n;
	size_t			 i;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		d = dirname(exe);
		for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			if ((size_t)snprintf(dir, len, "%s/%s", d, rel[i]) >=
			    len)
				continue;
			if (is_dir(dir))
				return (0);
		}
	}
	if (is_dir(IPCSCOPE_SCENARIO_DIR) &&
	    strlcpy(dir, IPCSCOPE_SCENARIO_DIR, len) < len)
		return (0);
	return (-1);
}

int
scenario_path(const char *arg, char *path, size_t len, char *err,
    size_t errlen)
{
	char	dir[PATH_MAX];
	size_t	n = strlen(arg);

	if (strchr(arg, '/') != NULL || (n > strlen(SCN_EXT) &&
	    strcmp(arg + n - strlen(SCN_EXT), SCN_EXT) == 0)) {
		if (strlcpy(path, arg, len) >= len) {
			snprintf(err, errlen, "\"%s\": the path is too long",
			    visible(arg));
			return (-1);
		}
		return (0);
	}
	if (scenario_dir(dir, sizeof(dir)) == -1) {
		snprintf(err, errlen, "\"%s\": no scenario directory was found "
		    "(neither next to the build nor installed); give the "
		    "file's path", visible(arg));
		return (-1);
	}
	if ((size_t)snprintf(path, len, "%s/%s%s", dir, arg, SCN_EXT) >= len) {
		snprintf(err, errlen, "\"%s\": the name is too long",
		    visible(arg));
		return (-1);
	}
	if (access(path, F_OK) == -1) {
		snprintf(err, errlen, "\"%s\": no such scenario in %s; see "
		    "ipcscope --list-scenarios", visible(arg), dir);
		return (-1);
	}
	return (0);
}

int
scenario_load(const char *path, scn_lookup lookup, struct scenario *scn,
    char *err, size_t errlen)
{
	static char	text[SCN_FILE_MAX + 1];
	size_t		len;

	if (small_file_read(path, text, SCN_FILE_MAX, &len, "scenario", err,
	    errlen) == -1)
		return (-1);
	return (scenario_parse(text, len, path, lookup, scn, err, errlen));
}

static int
name_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

int
scenario_list(FILE *f, scn_lookup lookup, char *err, size_t errlen)
{
	static struct scenario	 scn;
	struct dirent		*de;
	DIR			*d;
	char			 dir[PATH_MAX], path[PATH_MAX], why[512];
	char			*names[256];
	size_t			 n = 0, i, len, ext = strlen(SCN_EXT);

	if (scenario_dir(dir, sizeof(dir)) == -1) {
		snprintf(err, errlen, "no scenario directory: neither next to "
		    "the build (assets/scenarios) nor installed "
		    "(share/ipcscope/scenarios)");
		return (-1);
	}
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: %s", visible_msg(dir),
		    strerror(errno));
		return (-1);
	}
	while ((de = readdir(d)) != NULL && n < 256) {
		len = strlen(de->d_name);
		if (len > ext && strcmp(de->d_name + len - ext, SCN_EXT) == 0 &&
		    de->d_name[0] != '.' &&
		    (names[n] = strndup(de->d_name, len - ext)) != NULL)
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(names[0]), name_cmp);
	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s%s", dir,
		    names[i], SCN_EXT) < sizeof(path)) {
			if (scenario_load(path, lookup, &scn, why,
			    sizeof(why)) == 0)
				fprintf(f, "%-24s %s\n", visible(names[i]),
				    visible_msg(scn.title));
			else
				fprintf(f, "%-24s %s (does not load: ipcscope "
				    "--scenario %s says why)\n",
				    visible(names[i]), visible_msg(scn.title),
				    visible(names[i]));
		}
		free(names[i]);
	}
	return (0);
}
