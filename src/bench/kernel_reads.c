/*
 * The kernel reads a frame cannot avoid, and nothing else: what
 * session_sample asks the kernel for the observer's sysv-shm run
 * (strace: one pread of each live worker's /proc stat, wchan and
 * syscall through a descriptor kept open; one shmctl IPC_STAT; semctl
 * GETALL, GETNCNT, GETZCNT and GETPID of each semaphore, IPC_STAT), made
 * again with the same calls on the same objects, so that a frame's
 * time can be set against theirs.
 */
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/snapshot.h"
#include "bench_int.h"

union kr_semun {
	int		 val;
	struct semid_ds	*buf;
	unsigned short	*array;
};

static const char *const kr_file[KR_FILES] = { "stat", "wchan", "syscall" };

void
kernel_reads_open(struct kernel_reads *kr, const struct snapshot *snap)
{
	const struct snap_object	*o;
	char				 path[64];
	int				 i, f;

	memset(kr, 0, sizeof(*kr));
	kr->shmid = kr->semid = -1;
	for (i = 0; i < snap->nobjects; i++) {
		o = &snap->objects[i];
		if (o->kind == OBJ_SHM)
			kr->shmid = o->u.shm.id;
		else if (o->kind == OBJ_SEM && !o->u.sem.posix) {
			kr->semid = o->u.sem.id;
			kr->nsems = o->u.sem.nsems;
		}
	}
	for (i = 0; i < snap->nworkers && kr->nproc < WORKERS_MAX; i++) {
		if (!snap->workers[i].alive)
			continue;
		for (f = 0; f < KR_FILES; f++) {
			snprintf(path, sizeof(path), "/proc/%d/%s",
			    (int)snap->workers[i].pid, kr_file[f]);
			kr->fd[kr->nproc][f] = open(path, O_RDONLY | O_CLOEXEC);
		}
		kr->nproc++;
	}
}

void
kernel_reads_do(struct kernel_reads *kr)
{
	struct shmid_ds		ds;
	struct semid_ds		sds;
	unsigned short		vals[SNAP_SEMS];
	union kr_semun		arg;
	char			buf[1024];
	int			i, f;

	/* In session_sample's order: the workers, then the objects. */
	for (i = 0; i < kr->nproc; i++)
		for (f = 0; f < KR_FILES; f++)
			if (kr->fd[i][f] != -1)
				(void)pread(kr->fd[i][f], buf, sizeof(buf) - 1,
				    0);
	if (kr->shmid != -1)
		(void)shmctl(kr->shmid, IPC_STAT, &ds);
	if (kr->semid != -1 && kr->nsems <= SNAP_SEMS) {
		arg.array = vals;
		(void)semctl(kr->semid, 0, GETALL, arg);
		for (i = 0; i < kr->nsems; i++) {
			(void)semctl(kr->semid, i, GETNCNT);
			(void)semctl(kr->semid, i, GETZCNT);
			(void)semctl(kr->semid, i, GETPID);
		}
		arg.buf = &sds;
		(void)semctl(kr->semid, 0, IPC_STAT, arg);
	}
}

void
kernel_reads_close(struct kernel_reads *kr)
{
	int	i, f;

	for (i = 0; i < kr->nproc; i++)
		for (f = 0; f < KR_FILES; f++)
			if (kr->fd[i][f] != -1)
				close(kr->fd[i][f]);
	kr->nproc = 0;
}
