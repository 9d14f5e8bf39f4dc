/*
 * Reading a recording back: the file mapped, its lines indexed, each
 * snapshot parsed when it is asked for. Opening checks every line, so a
 * replay never starts on a file it cannot finish.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/json_read.h"
#include "ipcscope/record.h"
#include "ipcscope/visible.h"
#include "ipcscope/xmalloc.h"

struct recording {
	char		*map;
	size_t		 size;
	size_t		 n;		/* snapshot lines */
	size_t		*off;		/* where each line starts */
	size_t		*len;		/* and its length, no newline */
	char		 path[PATH_MAX];
};

static void
say(char *err, size_t errlen, const struct recording *r, size_t line,
    const char *what)
{
	snprintf(err, errlen, "%s line %zu: %s", visible(r->path), line, what);
}

/* The first line: a recording of a format this version reads. */
static int
check_header(struct recording *r, const char *p, size_t len, char *err,
    size_t errlen)
{
	struct json_doc		*doc;
	const struct json_value	*v;
	char			 why[256], msg[320];
	long long		 fmt;
	int			 rc = -1;

	if ((doc = json_parse(p, len, 1 << 16, why, sizeof(why))) == NULL) {
		snprintf(msg, sizeof(msg), "not a recording: %s", why);
		say(err, errlen, r, 1, msg);
		return (-1);
	}
	v = json_root(doc);
	if (json_typeof(v) != JSON_OBJECT ||
	    json_get(v, "ipcscope_recording") == NULL)
		say(err, errlen, r, 1, "not a recording of ipcscope (no "
		    "\"ipcscope_recording\" member)");
	else if (json_get_int(v, "ipcscope_recording", 1, INT_MAX, &fmt, why,
	    sizeof(why)) == -1)
		say(err, errlen, r, 1, why);
	else if (fmt > RECORDING_FORMAT) {
		snprintf(msg, sizeof(msg), "recorded in format %lld by a newer "
		    "ipcscope; this one reads format %d", fmt,
		    RECORDING_FORMAT);
		say(err, errlen, r, 1, msg);
	} else
		rc = 0;
	json_doc_free(doc);
	return (rc);
}

/* Index the lines; the file must end with a newline (else it was cut). */
static int
index_lines(struct recording *r, char *err, size_t errlen)
{
	size_t	cap = 64, at = 0, nl;
	char	*p;

	r->off = xreallocarray(NULL, cap, sizeof(*r->off));
	r->len = xreallocarray(NULL, cap, sizeof(*r->len));
	while (at < r->size) {
		if ((p = memchr(r->map + at, '\n', r->size - at)) == NULL) {
			say(err, errlen, r, r->n + 1, "cut short: the last line "
			    "has no end");
			return (-1);
		}
		nl = (size_t)(p - r->map);
		if (r->n == cap) {
			cap *= 2;
			r->off = xreallocarray(r->off, cap, sizeof(*r->off));
			r->len = xreallocarray(r->len, cap, sizeof(*r->len));
		}
		r->off[r->n] = at;
		r->len[r->n] = nl - at;
		r->n++;
		at = nl + 1;
	}
	return (0);
}

struct recording *
recording_open(const char *path, char *err, size_t errlen)
{
	struct recording	*r;
	struct snapshot		*s;
	struct stat		 st;
	char			 why[512];
	size_t			 i;
	int			 fd;

	r = xcalloc(1, sizeof(*r));
	strlcpy(r->path, path, sizeof(r->path));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    fstat(fd, &st) == -1) {
		snprintf(err, errlen, "%s: %s", visible(path), strerror(errno));
		if (fd != -1)
			close(fd);
		free(r);
		return (NULL);
	}
	if (!S_ISREG(st.st_mode) || st.st_size == 0) {
		snprintf(err, errlen, "%s: %s", visible(path),
		    S_ISREG(st.st_mode) ? "empty, not a recording" :
		    "not a regular file");
		close(fd);
		free(r);
		return (NULL);
	}
	r->size = (size_t)st.st_size;
	r->map = mmap(NULL, r->size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (r->map == MAP_FAILED) {
		snprintf(err, errlen, "%s: %s", visible(path), strerror(errno));
		free(r);
		return (NULL);
	}
	if (index_lines(r, err, errlen) == -1 ||
	    check_header(r, r->map, r->len[0], err, errlen) == -1) {
		recording_close(r);
		return (NULL);
	}
	/* The header aside: the snapshots, each read once now. */
	r->n--;
	memmove(r->off, r->off + 1, r->n * sizeof(*r->off));
	memmove(r->len, r->len + 1, r->n * sizeof(*r->len));
	if (r->n == 0) {
		say(err, errlen, r, 2, "no snapshot: the recording is empty");
		recording_close(r);
		return (NULL);
	}
	s = xcalloc(1, sizeof(*s));
	for (i = 0; i < r->n; i++)
		if (recording_get(r, i, s, why, sizeof(why)) == -1) {
			say(err, errlen, r, i + 2, why);
			free(s);
			recording_close(r);
			return (NULL);
		}
	free(s);
	return (r);
}

size_t
recording_len(const struct recording *r)
{
	return (r->n);
}

const char *
recording_line(const struct recording *r, size_t i, size_t *len)
{
	*len = r->len[i];
	return (r->map + r->off[i]);
}

int
recording_get(const struct recording *r, size_t i, struct snapshot *s,
    char *err, size_t errlen)
{
	if (i >= r->n) {
		snprintf(err, errlen, "no snapshot %zu", i + 1);
		return (-1);
	}
	return (snapshot_json_read(r->map + r->off[i], r->len[i], s, err,
	    errlen));
}

void
recording_close(struct recording *r)
{
	if (r == NULL)
		return;
	if (r->map != NULL && r->map != MAP_FAILED)
		munmap(r->map, r->size);
	free(r->off);
	free(r->len);
	free(r);
}
