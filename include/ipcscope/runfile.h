/*
 * Run files: each run records its objects in RUNDIR/run.PID, one per line,
 * so that `ipcscope clean` can remove what a dead run left and nothing
 * else. The run file also serves as the ftok() path for System V keys.
 */
#ifndef IPCSCOPE_RUNFILE_H
#define IPCSCOPE_RUNFILE_H

#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>

/* The run directory: $IPCSCOPE_RUNDIR, $XDG_RUNTIME_DIR/ipcscope or
 * /tmp/ipcscope-UID; made 0700 and checked to be ours. */
int	runfile_dir(char *dir, size_t, char *err, size_t errlen);
/* Create RUNDIR/run.PID (0600) naming this process. */
int	runfile_create(const char *dir, char *path, size_t, char *err, size_t errlen);
/* Append "kind value key" (key 0 where none). Kinds: shm sem msg posix-shm
 * posix-mq path. */
int	runfile_add(const char *path, const char *kind, const char *value, unsigned key);
void	runfile_remove(const char *path);

struct clean_report {
	int	runs_seen;
	int	runs_cleaned;
	int	objects_removed;
	int	skipped;	/* live runs, other namespaces, ids reused */
};

/* Remove the objects of every dead run in dir; report what was done on out. */
int	runfile_clean(const char *dir, FILE *out, struct clean_report *);

#endif
