/* Files for slides: new names only, so a saved frame is never lost. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/export.h"

#define TRIES_MAX	1000

static void
undo(FILE **files, char (*paths)[4096], int n)
{
	int	i, e = errno;

	for (i = 0; i < n; i++) {
		fclose(files[i]);
		unlink(paths[i]);
		files[i] = NULL;
	}
	errno = e;
}

int
export_create(const char *dir, const char *stem, const char *const *ext,
    int n, int tries, FILE **files, char (*paths)[4096])
{
	char	suffix[16];
	int	try, i, fd;

	for (try = 1; try <= tries && try <= TRIES_MAX; try++) {
		if (try == 1)
			suffix[0] = '\0';
		else
			snprintf(suffix, sizeof(suffix), "-%d", try);
		for (i = 0; i < n; i++) {
			if ((size_t)snprintf(paths[i], sizeof(paths[i]),
			    "%s/%s%s.%s", dir, stem, suffix, ext[i]) >=
			    sizeof(paths[i])) {
				undo(files, paths, i);
				errno = ENAMETOOLONG;
				return (-1);
			}
			fd = open(paths[i], O_WRONLY | O_CREAT | O_EXCL |
			    O_CLOEXEC, 0644);
			if (fd == -1 || (files[i] = fdopen(fd, "w")) == NULL) {
				if (fd != -1) {
					close(fd);
					unlink(paths[i]);
				}
				break;
			}
		}
		if (i == n)
			return (0);
		undo(files, paths, i);
		if (errno != EEXIST)
			return (-1);
	}
	errno = EEXIST;
	return (-1);
}

int
export_close(FILE *f, const char *path)
{
	int	bad = ferror(f), e = errno;

	if (fclose(f) == EOF || bad) {
		if (bad)
			errno = e != 0 ? e : EIO;
		e = errno;
		unlink(path);
		errno = e;
		return (-1);
	}
	return (0);
}
