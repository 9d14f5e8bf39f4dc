/* Helpers the suites share: a private temp dir, object tracking, polling. */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "suites.h"

#define TRACK_MAX	32

static char	tmpdir[256];
static pid_t	tmpowner;
static struct {
	char	kind;
	int	id;
	pid_t	owner;
} tracked[TRACK_MAX];
static int	ntracked;
static bool	registered;

static int	rmid(char, int);

/* At exit of the test's process, when it ends by exit(): undo. A failed
 * check ends it with _exit() and a timeout with SIGKILL: what it made is
 * then swept by the runner (leftovers.c). */
static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return (0);
}

static void
unit_cleanup(void)
{
	int	i;

	for (i = 0; i < ntracked; i++) {
		if (tracked[i].owner != getpid())
			continue;	/* a forked child must not undo */
		rmid(tracked[i].kind, tracked[i].id);
		unit_leftovers_forget(tracked[i].kind, tracked[i].id);
	}
	ntracked = 0;
	if (tmpdir[0] != '\0' && tmpowner == getpid()) {
		unit_leftovers_exit_dir(tmpdir);
		nftw(tmpdir, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	}
	tmpdir[0] = '\0';
}

static void
unit_register(void)
{
	if (!registered)
		atexit(unit_cleanup);
	registered = true;
}

const char *
unit_tmpdir(void)
{
	const char	*t = getenv("TMPDIR");

	unit_register();
	if (tmpdir[0] != '\0')
		return (tmpdir);
	snprintf(tmpdir, sizeof(tmpdir), "%s/ipcscope-unit.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		tmpdir[0] = '\0';
	else
		unit_leftovers_dir(tmpdir, false);
	tmpowner = getpid();
	return (tmpdir);
}

void
unit_track(char kind, int id)
{
	unit_register();
	if (ntracked < TRACK_MAX) {
		tracked[ntracked].kind = kind;
		tracked[ntracked].id = id;
		tracked[ntracked].owner = getpid();
		ntracked++;
	}
	unit_leftovers_sysv(kind, id);
}

static int
rmid(char kind, int id)
{
	if (kind == 'm')
		return (shmctl(id, IPC_RMID, NULL));
	if (kind == 's')
		return (semctl(id, 0, IPC_RMID));
	return (msgctl(id, IPC_RMID, NULL));
}

int
unit_rmid(char kind, int id)
{
	int	i;

	for (i = 0; i < ntracked; i++)
		if (tracked[i].kind == kind && tracked[i].id == id)
			tracked[i] = tracked[--ntracked];
	unit_leftovers_forget(kind, id);
	return (rmid(kind, id));
}

long
unit_now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

bool
unit_poll(bool (*cond)(void *), void *arg, int ms)
{
	struct timespec	nap = { 0, 1000000 };
	long		deadline = unit_now_ms() + ms;

	while (!cond(arg)) {
		if (unit_now_ms() > deadline)
			return (false);
		nanosleep(&nap, NULL);
	}
	return (true);
}

char
unit_proc_state(pid_t pid)
{
	char	 path[64], buf[512], *p;
	FILE	*f;
	size_t	 n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return ('-');
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	if ((p = strrchr(buf, ')')) == NULL || p[1] == '\0' || p[2] == '\0')
		return ('-');
	return (p[2]);
}
