/*
 * What the tests made, written where the runner can still read it after
 * a test has died. Check ends a failed test's process with _exit() and a
 * timed-out one with SIGKILL, so nothing the test process does at exit
 * runs then: its System V objects, its temp dir and the run files (with
 * the objects they name) would stay on the machine. The list lives in a
 * shared mapping made before the first fork; after the last test the
 * runner removes what is still there, and only that: a System V object
 * only while its id still has the key and change time it had when the
 * test made it, a run's objects only through clean_dir(), which proves
 * each one the run's.
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>

#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/clean.h"
#include "suites.h"

#define LEFT_SYSV_MAX	512
#define LEFT_DIRS_MAX	256

struct left_sysv {
	char	 kind;		/* 'm' shm, 's' sem, 'q' msg */
	bool	 gone;		/* the test removed it */
	int	 id;
	key_t	 key;
	time_t	 ctime;
};

struct left_dir {
	bool	 gone;		/* removed at the test's own exit */
	char	 path[256];
};

static struct leftovers {
	unsigned		 nsysv, ndirs;
	unsigned		 found;	/* left by tests that passed */
	struct left_sysv	 sysv[LEFT_SYSV_MAX];
	struct left_dir		 dirs[LEFT_DIRS_MAX];
} *left;

/* The key and change time of a System V object: 0, or -1 if it is gone. */
static int
sysv_stat(char kind, int id, key_t *key, time_t *ctime)
{
	struct shmid_ds	 shm;
	struct semid_ds	 sem;
	struct msqid_ds	 msq;

	if (kind == 'm') {
		if (shmctl(id, IPC_STAT, &shm) == -1)
			return (-1);
		*key = shm.shm_perm.__key;
		*ctime = shm.shm_ctime;
	} else if (kind == 's') {
		if (semctl(id, 0, IPC_STAT, &sem) == -1)
			return (-1);
		*key = sem.sem_perm.__key;
		*ctime = sem.sem_ctime;
	} else {
		if (msgctl(id, IPC_STAT, &msq) == -1)
			return (-1);
		*key = msq.msg_perm.__key;
		*ctime = msq.msg_ctime;
	}
	return (0);
}

void
unit_leftovers_init(void)
{
	left = mmap(NULL, sizeof(*left), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (left == MAP_FAILED)
		left = NULL;	/* then only the at-exit undo is left */
}

void
unit_leftovers_sysv(char kind, int id)
{
	struct left_sysv	*s;
	unsigned		 i;

	if (left == NULL ||
	    (i = __atomic_fetch_add(&left->nsysv, 1, __ATOMIC_SEQ_CST)) >=
	    LEFT_SYSV_MAX)
		return;
	s = &left->sysv[i];
	s->kind = kind;
	s->id = id;
	if (sysv_stat(kind, id, &s->key, &s->ctime) == -1)
		s->gone = true;
}

void
unit_leftovers_forget(char kind, int id)
{
	unsigned	i;

	if (left == NULL)
		return;
	for (i = 0; i < left->nsysv && i < LEFT_SYSV_MAX; i++)
		if (left->sysv[i].kind == kind && left->sysv[i].id == id)
			left->sysv[i].gone = true;
}

void
unit_leftovers_dir(const char *path, bool gone)
{
	unsigned	i;

	if (left == NULL)
		return;
	for (i = 0; i < left->ndirs && i < LEFT_DIRS_MAX; i++)
		if (strcmp(left->dirs[i].path, path) == 0) {
			left->dirs[i].gone = gone;
			return;
		}
	if (gone || (i = __atomic_fetch_add(&left->ndirs, 1,
	    __ATOMIC_SEQ_CST)) >= LEFT_DIRS_MAX)
		return;
	strlcpy(left->dirs[i].path, path, sizeof(left->dirs[i].path));
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return (0);
}

/* The objects of the runs in a test's temp dir that nobody removed,
 * removed with clean_dir()'s proofs (a live run is left alone); how many. */
static int
clean_runs(const char *path, FILE *out)
{
	struct clean_report	 rep;
	struct stat		 st;
	char			 run[PATH_MAX];

	memset(&rep, 0, sizeof(rep));
	snprintf(run, sizeof(run), "%s/run", path);
	if (lstat(run, &st) == 0 && S_ISDIR(st.st_mode))
		(void)clean_dir(run, out, &rep);
	return (rep.objects_removed);
}

/* A dead test's temp dir: its runs cleaned, then the dir removed. */
static int
sweep_dir(const char *path, FILE *out)
{
	struct stat	st;
	int		n;

	if (lstat(path, &st) == -1 || !S_ISDIR(st.st_mode))
		return (0);
	n = clean_runs(path, out);
	nftw(path, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
	fprintf(out, "unit: a test left %s (%d objects of its runs "
	    "removed)\n", path, n);
	return (1 + n);
}

void
unit_leftovers_exit_dir(const char *path)
{
	FILE	*f;
	char	*words = NULL;
	size_t	 len = 0;
	int	 n;

	/* A test that ends by exit() has passed: what its runs still hold
	 * is a leak, removed now (the dir goes next) and counted. What the
	 * cleaner says of run files a test left on purpose (hostile ones,
	 * live ones) is only shown along with a leak. */
	if ((f = open_memstream(&words, &len)) == NULL)
		return;
	n = clean_runs(path, f);
	fclose(f);
	if (n > 0) {
		printf("%sunit: a test that passed left %d objects of its "
		    "runs in %s\n", words, n, path);
		if (left != NULL)
			__atomic_fetch_add(&left->found, (unsigned)n,
			    __ATOMIC_SEQ_CST);
	}
	free(words);
	unit_leftovers_dir(path, true);
}

int
unit_leftovers_sweep(FILE *out)
{
	struct left_sysv	*s;
	unsigned		 i;
	time_t			 ctime;
	key_t			 key;
	int			 n = 0;

	if (left == NULL)
		return (0);
	n = (int)left->found;
	for (i = 0; i < left->ndirs && i < LEFT_DIRS_MAX; i++)
		if (!left->dirs[i].gone)
			n += sweep_dir(left->dirs[i].path, out);
	for (i = 0; i < left->nsysv && i < LEFT_SYSV_MAX; i++) {
		s = &left->sysv[i];
		/* Gone, or its id now names an object someone else made. */
		if (s->gone || sysv_stat(s->kind, s->id, &key, &ctime) == -1 ||
		    key != s->key || ctime != s->ctime)
			continue;
		if ((s->kind == 'm' ? shmctl(s->id, IPC_RMID, NULL) :
		    s->kind == 's' ? semctl(s->id, 0, IPC_RMID) :
		    msgctl(s->id, IPC_RMID, NULL)) == 0) {
			fprintf(out, "unit: a test left %s %d (key 0x%08x): "
			    "removed\n", s->kind == 'm' ? "segment" :
			    s->kind == 's' ? "semaphore set" : "queue", s->id,
			    (unsigned)s->key);
			n++;
		}
	}
	return (n);
}
