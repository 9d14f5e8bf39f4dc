/* Scenario and lesson files are read whole, with one cap, the same way. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/small_file.h"
#include "ipcscope/visible.h"

int
small_file_read(const char *path, char *buf, size_t max, size_t *len,
    const char *what, char *err, size_t errlen)
{
	ssize_t	n;
	int	fd;

	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "%s: %s", visible(path), strerror(errno));
		return (-1);
	}
	while (*len < max + 1 && (n = read(fd, buf + *len,
	    max + 1 - *len)) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			snprintf(err, errlen, "%s: %s", visible(path),
			    strerror(errno));
			close(fd);
			return (-1);
		}
		*len += (size_t)n;
	}
	close(fd);
	if (*len > max) {
		snprintf(err, errlen, "%s: expected a %s of at most %zu bytes, "
		    "found more", visible(path), what, max);
		return (-1);
	}
	return (0);
}
