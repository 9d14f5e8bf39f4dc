/*
 * `ipcscope clean`: removes what dead runs left, and only what the kernel
 * confirms each run made. A run is dead when nobody holds its run file's
 * lock; an object is the run's when its key is the ftok() of that very
 * run file (System V) or its name is /ipcscope.TAG.* (POSIX, FIFO), and
 * the kernel says it is ours, mode 0600, made after the run started (and,
 * for a segment, by the run's viewer). Everything else is left alone,
 * with a line saying why.
 */
#ifndef IPCSCOPE_CLEAN_H
#define IPCSCOPE_CLEAN_H

#include <stdio.h>

struct clean_report {
	int	runs_seen;
	int	runs_cleaned;
	int	objects_removed;
	int	skipped;	/* runs left alone: live, other namespace, malformed */
	int	refused;	/* objects a dead run names that are not proven its own */
};

enum clean_result {
	CLEAN_DONE,		/* the run was dead: its objects and file are gone */
	CLEAN_LIVE,		/* somebody holds its lock: left alone */
	CLEAN_SKIPPED		/* not a run file we can judge: left alone */
};

/* Judge and clean dir/name; out (may be NULL) gets one line per finding.
 * rep is added to, not reset. */
enum clean_result clean_one_named(const char *dir, const char *name, FILE *out,
	    struct clean_report *rep);
/* Every run file in dir. 0, or -1 with errno set if dir cannot be read. */
int	clean_dir(const char *dir, FILE *out, struct clean_report *);

#endif
