/* --record: the snapshots of a run, as JSON lines, for replay. */
#include <sys/utsname.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipcscope/json.h"
#include "ipcscope/record.h"
#include "ipcscope/transport.h"
#include "ipcscope/visible.h"
#include "ipcscope/xmalloc.h"

#ifndef IPCSCOPE_VERSION
#define IPCSCOPE_VERSION "0.1.0"
#endif

struct recorder {
	FILE	*f;
	char	 path[PATH_MAX];
	int	 err;		/* the first write's errno, 0 while all is well */
};

static void
header(FILE *f, const struct config *cfg, char *const argv[])
{
	struct utsname	 u;
	struct json	 j;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 when[32] = "";
	int		 i;

	if (uname(&u) == -1)
		strlcpy(u.release, "", sizeof(u.release));
	if (gmtime_r(&now, &tm) != NULL)
		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_begin(&j, f);
	json_obj(&j, NULL);
	json_int(&j, "ipcscope_recording", RECORDING_FORMAT);
	json_str(&j, "version", IPCSCOPE_VERSION);
	json_str(&j, "transport", cfg->transport->name);
	json_int(&j, "slots", cfg->slots);
	json_int(&j, "producers", cfg->producers);
	json_int(&j, "consumers", cfg->consumers);
	json_int(&j, "item_size", (long long)cfg->item_size);
	json_arr(&j, "argv");
	for (i = 0; argv[i] != NULL; i++)
		json_str(&j, NULL, argv[i]);
	json_arr_end(&j);
	json_str(&j, "kernel", u.release);
	json_str(&j, "time", when);
	json_obj_end(&j);
	json_end(&j);
}

struct recorder *
record_open(const char *path, const struct config *cfg, char *const argv[],
    char *err, size_t errlen)
{
	struct recorder	*r;

	r = xcalloc(1, sizeof(*r));
	strlcpy(r->path, path, sizeof(r->path));
	if ((r->f = fopen(path, "we")) == NULL) {
		snprintf(err, errlen, "--record \"%s\": %s", visible(path),
		    strerror(errno));
		free(r);
		return (NULL);
	}
	header(r->f, cfg, argv);
	if (ferror(r->f))
		r->err = errno != 0 ? errno : EIO;
	return (r);
}

int
record_write(struct recorder *r, const struct snapshot *s)
{
	if (r == NULL)
		return (0);
	if (r->err != 0)
		return (-1);
	errno = 0;
	snapshot_json_write(r->f, s);
	if (ferror(r->f)) {
		r->err = errno != 0 ? errno : EIO;
		return (-1);
	}
	return (0);
}

int
record_close(struct recorder *r, char *err, size_t errlen)
{
	int	e;

	if (r == NULL)
		return (0);
	if (fclose(r->f) == EOF && r->err == 0)
		r->err = errno != 0 ? errno : EIO;
	e = r->err;
	if (e != 0)
		snprintf(err, errlen, "--record \"%s\": writing failed (%s): "
		    "the recording is cut short", visible(r->path),
		    strerror(e));
	free(r);
	return (e != 0 ? -1 : 0);
}
