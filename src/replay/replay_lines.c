/*
 * --headless replay FILE: the recording's snapshots printed again, each
 * read into a snapshot and written back, so a recording can be checked
 * with jq and the round trip with diff.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>

#include "ipcscope/record.h"
#include "ipcscope/replay.h"
#include "ipcscope/snapshot.h"
#include "ipcscope/visible.h"
#include "ipcscope/xmalloc.h"

int
replay_lines(const char *path)
{
	struct recording	*r;
	struct snapshot		*s;
	char			 err[512];
	size_t			 i;
	int			 status = 0;

	if ((r = recording_open(path, err, sizeof(err))) == NULL) {
		warnx("%s", err);
		return (2);
	}
	s = xcalloc(1, sizeof(*s));
	for (i = 0; i < recording_len(r); i++) {
		if (recording_get(r, i, s, err, sizeof(err)) == -1) {
			warnx("%s line %zu: %s", visible(path), i + 2, err);
			status = 2;
			break;
		}
		snapshot_json_write(stdout, s);
	}
	free(s);
	recording_close(r);
	return (status);
}
