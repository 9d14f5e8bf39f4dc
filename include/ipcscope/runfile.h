/*
 * Run files: each run records its objects in RUNDIR/run.TAG so that
 * `ipcscope clean` can remove what a dead run left, and nothing else.
 *
 *   ipcscope-run 2
 *   pid 4101             the viewer
 *   start 25534          its start time, clock ticks after boot (/proc)
 *   started 1764243000   wall-clock seconds: no object of the run is older
 *   pidns 4026531836     the PID namespace pid and start belong to
 *   ipcns 4026531839     the IPC namespace the System V ids belong to
 *   want shm 0x6d0020d1  written before the call that makes the object,
 *   made shm 0x6d0020d1 32769    and after it, with the id it got
 *   want posix-shm /ipcscope.4101.buf
 *   made posix-shm /ipcscope.4101.buf
 *   want fifo ipcscope.4101.fifo           (a name in the run directory)
 *
 * The file appears whole (written aside, then link(2)ed into place, which
 * never replaces another run's file) and the run holds an flock(2) on it
 * for its whole life, workers included: the kernel, not /proc, says
 * whether a run is still there, in any PID namespace. TAG is the viewer's
 * pid, or pid-N when run.PID belongs to a live run of another PID
 * namespace; the run's POSIX names are /ipcscope.TAG.*. System V keys
 * come from ftok() on the run file itself, so a key proves which run
 * file it belongs to.
 */
#ifndef IPCSCOPE_RUNFILE_H
#define IPCSCOPE_RUNFILE_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

#define RUNFILE_VERSION		2
#define RUNFILE_MAX_BYTES	65536	/* a bigger "run file" is not one */
#define RUNFILE_TAG_MAX		24

struct runfile {
	char	dir[PATH_MAX];		/* the run directory */
	char	path[PATH_MAX];		/* dir/run.TAG */
	char	tag[RUNFILE_TAG_MAX];	/* names the run's POSIX objects */
	int	fd;			/* holds the lock; -1 when none */
	char	stale[192];		/* what a stale file of our pid held */
};

/* The run directory: $IPCSCOPE_RUNDIR, $XDG_RUNTIME_DIR/ipcscope or
 * /tmp/ipcscope-UID; made 0700 (whatever the umask) and checked to be ours. */
int	runfile_dir(char *dir, size_t, char *err, size_t errlen);
/*
 * Create dir/run.TAG (0600), locked. A stale run.PID of a dead run (a
 * reused pid) is cleaned first and said so in rf->stale. 0, or -1 with a
 * one-line reason in err.
 */
int	runfile_create(struct runfile *, const char *dir, char *err,
	    size_t errlen);
/* ftok() on the run file: the key of the object of kind shm, sem or msg. */
key_t	runfile_key(const struct runfile *, const char *kind);
key_t	runfile_ftok(const char *path, const char *kind);
/* The run's POSIX name for what ("buf", "q"): "/ipcscope.TAG.what". */
void	runfile_name(const struct runfile *, const char *what, char *, size_t);
/*
 * Write ahead: runfile_want() before the call that makes the object,
 * runfile_made() after it. For System V kinds value is NULL and key and
 * id say which; for posix-shm, posix-mq and fifo value is the name.
 * Each record is one write(2). 0, or -1 with errno set.
 */
int	runfile_want(const struct runfile *, const char *kind, key_t key,
	    const char *value);
int	runfile_made(const struct runfile *, const char *kind, key_t key,
	    int id, const char *value);
/* Unlink the run file and drop the lock (the viewer's last step). */
void	runfile_remove(struct runfile *);

/* The suffixes of the run's POSIX names and FIFO, per kind. */
const char *runfile_suffix(const char *kind);

#endif
