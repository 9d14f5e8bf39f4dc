/* The transports' side of the run file: what they are about to make. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/transport.h"

static int
record_error(struct channel *ch, int e)
{
	snprintf(ch->error, sizeof(ch->error), "cannot write the run file %.160s: "
	    "%s", ch->run.path, strerror(e));
	return (-1);
}

int
chan_want(struct channel *ch, const char *kind, key_t key, const char *name)
{
	if (runfile_want(&ch->run, kind, key, name) == -1)
		return (record_error(ch, errno));
	return (0);
}

int
chan_made(struct channel *ch, const char *kind, key_t key, int id,
    const char *name)
{
	if (runfile_made(&ch->run, kind, key, id, name) == -1)
		return (record_error(ch, errno));
	return (0);
}
