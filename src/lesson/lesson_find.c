/*
 * Finding the lessons: their files and their compiled programs, next to
 * the binary when it runs from the tree (build/ipcscope: assets/lessons
 * and build/lessons), else where make install put them.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/lesson.h"
#include "ipcscope/visible.h"

#ifndef IPCSCOPE_LESSON_DIR
#define IPCSCOPE_LESSON_DIR	"/usr/local/share/ipcscope/lessons"
#endif
#ifndef IPCSCOPE_LESSON_PROG_DIR
#define IPCSCOPE_LESSON_PROG_DIR "/usr/local/libexec/ipcscope/lessons"
#endif

#define NAMES_MAX	64

static bool
is_dir(const char *path)
{
	struct stat	st;

	return (stat(path, &st) == 0 && S_ISDIR(st.st_mode));
}

/* The first of rel[] (from the binary's directory) that is there, else
 * the installed directory. */
static int
find_dir(const char *const *rel, size_t nrel, const char *installed,
    char *dir, size_t len)
{
	char	exe[PATH_MAX], *d;
	ssize_t	n;
	size_t	i;

	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		d = dirname(exe);
		for (i = 0; i < nrel; i++) {
			if ((size_t)snprintf(dir, len, "%s/%s", d, rel[i]) >=
			    len)
				continue;
			if (is_dir(dir))
				return (0);
		}
	}
	if (is_dir(installed) && strlcpy(dir, installed, len) < len)
		return (0);
	return (-1);
}

int
lesson_file_dir(char *dir, size_t len)
{
	/* build/, build/asan/, bin/ */
	static const char *const rel[] = { "../assets/lessons",
	    "../../assets/lessons", "../share/ipcscope/lessons" };

	return (find_dir(rel, sizeof(rel) / sizeof(rel[0]),
	    IPCSCOPE_LESSON_DIR, dir, len));
}

int
lesson_prog_dir(char *dir, size_t len)
{
	/* build/lessons (the sanitized build has its own), bin/'s sibling */
	static const char *const rel[] = { "lessons",
	    "../libexec/ipcscope/lessons" };

	return (find_dir(rel, sizeof(rel) / sizeof(rel[0]),
	    IPCSCOPE_LESSON_PROG_DIR, dir, len));
}

static int
name_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

/* The lessons' names, sorted (each to be freed); their number. */
static size_t
names(const char *dir, char **v)
{
	struct dirent	*de;
	DIR		*d;
	size_t		 n = 0, len, ext = strlen(LESSON_EXT);

	if ((d = opendir(dir)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL && n < NAMES_MAX) {
		len = strlen(de->d_name);
		if (len > ext && de->d_name[0] != '.' &&
		    strcmp(de->d_name + len - ext, LESSON_EXT) == 0 &&
		    (v[n] = strndup(de->d_name, len - ext)) != NULL)
			n++;
	}
	closedir(d);
	qsort(v, n, sizeof(v[0]), name_cmp);
	return (n);
}

void
lesson_names(char *buf, size_t len)
{
	char	dir[PATH_MAX], *v[NAMES_MAX];
	size_t	n = 0, i;

	buf[0] = '\0';
	if (lesson_file_dir(dir, sizeof(dir)) == 0)
		n = names(dir, v);
	for (i = 0; i < n; i++) {
		if (i > 0)
			strlcat(buf, ", ", len);
		strlcat(buf, v[i], len);
		free(v[i]);
	}
	if (n == 0)
		strlcpy(buf, "none found", len);
}

int
lesson_path(const char *name, char *path, size_t len, char *err,
    size_t errlen)
{
	char	dir[PATH_MAX], list[512];

	/* A path (a teacher's own lesson, over the shipped programs). */
	if (strchr(name, '/') != NULL) {
		if (strlcpy(path, name, len) >= len) {
			snprintf(err, errlen, "\"%s\": the path is too long",
			    visible(name));
			return (-1);
		}
		return (0);
	}
	if (lesson_file_dir(dir, sizeof(dir)) == -1) {
		snprintf(err, errlen, "no lesson directory: neither next to "
		    "the build (assets/lessons) nor installed (%s)",
		    IPCSCOPE_LESSON_DIR);
		return (-1);
	}
	lesson_names(list, sizeof(list));
	if (name[0] == '\0' || name[0] == '.' ||
	    (size_t)snprintf(path, len, "%s/%s%s", dir, name, LESSON_EXT) >=
	    len || access(path, F_OK) == -1) {
		snprintf(err, errlen, "no lesson \"%s\"; lessons: %s",
		    visible(name), list);
		return (-1);
	}
	return (0);
}

int
lesson_list(FILE *f, char *err, size_t errlen)
{
	static struct lesson	 l;
	char			 dir[PATH_MAX], path[PATH_MAX], why[512];
	char			*v[NAMES_MAX];
	size_t			 n, i;

	if (lesson_file_dir(dir, sizeof(dir)) == -1) {
		snprintf(err, errlen, "no lesson directory: neither next to "
		    "the build (assets/lessons) nor installed (%s)",
		    IPCSCOPE_LESSON_DIR);
		return (-1);
	}
	n = names(dir, v);
	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s%s", dir, v[i],
		    LESSON_EXT) < sizeof(path)) {
			if (lesson_load(path, &l, why, sizeof(why)) == 0)
				fprintf(f, "%-16s %s\n", visible(v[i]),
				    l.summary);
			else
				fprintf(f, "%-16s (does not load: %s)\n",
				    visible(v[i]), why);
		}
		free(v[i]);
	}
	return (0);
}
