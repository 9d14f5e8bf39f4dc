/*
 * Run files, the writer's side: made whole and locked, then one record
 * per write(2) before and after each object is made. clean.c reads them.
 */
#include <sys/file.h>
#include <sys/ipc.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/clean.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"

#define TAG_TRIES	16

int
runfile_dir(char *dir, size_t len, char *err, size_t errlen)
{
	const char	*env;
	struct stat	 st;

	if ((env = getenv("IPCSCOPE_RUNDIR")) != NULL && *env != '\0')
		strlcpy(dir, env, len);
	else if ((env = getenv("XDG_RUNTIME_DIR")) != NULL && *env != '\0')
		snprintf(dir, len, "%s/ipcscope", env);
	else
		snprintf(dir, len, "/tmp/ipcscope-%u", (unsigned)getuid());
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		snprintf(err, errlen, "cannot make run directory %s: %s", dir,
		    strerror(errno));
		return (-1);
	}
	/* A shared /tmp: refuse a directory someone else made or a link. */
	if (lstat(dir, &st) == -1 || !S_ISDIR(st.st_mode) ||
	    st.st_uid != getuid()) {
		snprintf(err, errlen, "run directory %s is not a directory "
		    "owned by you", dir);
		return (-1);
	}
	/* Exactly 0700, whatever the umask was when it was made. */
	if ((st.st_mode & 07777) != 0700 && chmod(dir, 0700) == -1) {
		snprintf(err, errlen, "cannot make run directory %s mode 0700: "
		    "%s", dir, strerror(errno));
		return (-1);
	}
	return (0);
}

/* The header, written aside into a locked file before it has a name. */
static int
write_header(int fd)
{
	char	buf[256];
	int	n;

	n = snprintf(buf, sizeof(buf), "ipcscope-run %d\npid %d\nstart %llu\n"
	    "started %lld\npidns %lu\nipcns %lu\n", RUNFILE_VERSION,
	    (int)getpid(), procfs_starttime(getpid()), (long long)time(NULL),
	    procfs_pid_ns(), procfs_ipc_ns());
	if (n <= 0 || (size_t)n >= sizeof(buf))
		return (-1);
	return (write(fd, buf, (size_t)n) == n ? 0 : -1);
}

/*
 * run.TAG is taken. If its run is dead (nobody holds its lock), clean it
 * now, so that a reused pid never orphans a dead run's objects: 0 to try
 * the same name again. 1 when it is alive (another PID namespace's run
 * with our pid) or not ours to judge: try the next tag.
 */
static int
taken(struct runfile *rf, const char *name)
{
	struct clean_report	rep;
	int			r;

	memset(&rep, 0, sizeof(rep));
	r = clean_one_named(rf->dir, name, NULL, &rep);
	if (r != CLEAN_DONE)
		return (1);
	snprintf(rf->stale, sizeof(rf->stale), "a dead run's file %s was "
	    "cleaned first: %d object%s removed, %d left alone", name,
	    rep.objects_removed, rep.objects_removed == 1 ? "" : "s",
	    rep.skipped);
	return (0);
}

int
runfile_create(struct runfile *rf, const char *dir, char *err, size_t errlen)
{
	char	tmp[PATH_MAX], name[64];
	int	fd, i, e, tries;

	memset(rf, 0, sizeof(*rf));
	rf->fd = -1;
	strlcpy(rf->dir, dir, sizeof(rf->dir));
	snprintf(tmp, sizeof(tmp), "%s/tmp.%d.XXXXXX", dir, (int)getpid());
	if ((fd = mkostemp(tmp, O_CLOEXEC)) == -1) {
		snprintf(err, errlen, "cannot create run file in %s: %s", dir,
		    strerror(errno));
		return (-1);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1 || fchmod(fd, 0600) == -1 ||
	    write_header(fd) == -1) {
		e = errno;
		unlink(tmp);
		close(fd);
		snprintf(err, errlen, "cannot write run file %s: %s", tmp,
		    strerror(e));
		return (-1);
	}
	/* link(2) never replaces: another run's file stays its own. */
	for (i = 0, tries = 0; i < TAG_TRIES && tries < 2 * TAG_TRIES;
	    tries++) {
		if (i == 0)
			snprintf(rf->tag, sizeof(rf->tag), "%d", (int)getpid());
		else
			snprintf(rf->tag, sizeof(rf->tag), "%d-%d",
			    (int)getpid(), i + 1);
		snprintf(name, sizeof(name), "run.%s", rf->tag);
		snprintf(rf->path, sizeof(rf->path), "%s/%s", dir, name);
		if (link(tmp, rf->path) == 0)
			break;
		if ((e = errno) != EEXIST) {
			unlink(tmp);
			close(fd);
			snprintf(err, errlen, "cannot create run file %s: %s",
			    rf->path, strerror(e));
			rf->path[0] = '\0';
			return (-1);
		}
		i += taken(rf, name);	/* 0: the stale file is gone */
	}
	unlink(tmp);
	if (i == TAG_TRIES || tries == 2 * TAG_TRIES) {
		close(fd);
		snprintf(err, errlen, "cannot create run file in %s: run.%d "
		    "to run.%d-%d are all taken by live runs", dir,
		    (int)getpid(), (int)getpid(), TAG_TRIES);
		rf->path[0] = '\0';
		return (-1);
	}
	if (fcntl(fd, F_SETFL, O_APPEND) == -1) {
		e = errno;
		runfile_remove(rf);
		close(fd);
		snprintf(err, errlen, "cannot append to run file: %s",
		    strerror(e));
		return (-1);
	}
	rf->fd = fd;
	return (0);
}

const char *
runfile_suffix(const char *kind)
{
	if (strcmp(kind, "posix-shm") == 0)
		return ("buf");
	if (strcmp(kind, "posix-mq") == 0)
		return ("q");
	if (strcmp(kind, "fifo") == 0)
		return ("fifo");
	return (NULL);
}

key_t
runfile_ftok(const char *path, const char *kind)
{
	int	proj;

	proj = strcmp(kind, "shm") == 0 ? 'm' : strcmp(kind, "sem") == 0 ?
	    's' : 'q';
	return (ftok(path, proj));
}

key_t
runfile_key(const struct runfile *rf, const char *kind)
{
	return (runfile_ftok(rf->path, kind));
}

void
runfile_name(const struct runfile *rf, const char *what, char *buf, size_t len)
{
	snprintf(buf, len, "/ipcscope.%s.%s", rf->tag, what);
}

static int
record(const struct runfile *rf, const char *line, int n)
{
	if (n <= 0 || n >= 512) {
		errno = ENAMETOOLONG;
		return (-1);
	}
	if (write(rf->fd, line, (size_t)n) != n) {
		if (errno == 0)
			errno = EIO;
		return (-1);
	}
	return (0);
}

int
runfile_want(const struct runfile *rf, const char *kind, key_t key,
    const char *value)
{
	char	line[512];

	if (value == NULL)
		return (record(rf, line, snprintf(line, sizeof(line),
		    "want %s 0x%08x\n", kind, (unsigned)key)));
	return (record(rf, line, snprintf(line, sizeof(line), "want %s %s\n",
	    kind, value)));
}

int
runfile_made(const struct runfile *rf, const char *kind, key_t key, int id,
    const char *value)
{
	char	line[512];

	if (value == NULL)
		return (record(rf, line, snprintf(line, sizeof(line),
		    "made %s 0x%08x %d\n", kind, (unsigned)key, id)));
	return (record(rf, line, snprintf(line, sizeof(line), "made %s %s\n",
	    kind, value)));
}

void
runfile_remove(struct runfile *rf)
{
	if (rf->path[0] != '\0')
		unlink(rf->path);
	rf->path[0] = '\0';
	if (rf->fd != -1)
		close(rf->fd);
	rf->fd = -1;
}
