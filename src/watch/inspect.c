/*
 * Looking inside one object. Reading a System V segment's bytes means
 * attaching it read-only (SHM_RDONLY), which the kernel counts in nattch
 * and records as lpid, so the screen says so. A POSIX segment is read
 * with pread(), not mapped: no mapper added, and no SIGBUS should its
 * owner shrink it under us. Once a
 * segment marked for removal is held by this viewer alone, we let go, so
 * that watching never keeps an IPC_RMID'd segment alive.
 */
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/procfs.h"
#include "ipcscope/watch_inspect.h"
#include "ipcscope/xmalloc.h"

#ifndef MSG_COPY
#define MSG_COPY	040000
#endif
#define SHOW_MAX	(1u << 20)	/* bytes copied per frame at most */

void
inspect_comm(pid_t pid, char *buf, size_t len)
{
	char	path[64];
	ssize_t	n;
	int	fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	strlcpy(buf, "?", len);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return;
	if ((n = read(fd, buf, len - 1)) > 0) {
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
	}
	close(fd);
}

static void
detach(struct inspect *in)
{
	if (in->fd > 0)
		close(in->fd);
	in->fd = -1;
	if (in->addr != NULL)
		shmdt(in->addr);
	in->addr = NULL;
}

void
inspect_close(struct inspect *in)
{
	detach(in);
	free(in->prev);
	free(in->now);
	memset(in, 0, sizeof(*in));
	in->shmid = -1;
	in->fd = -1;
}

static void
attach(struct inspect *in, const struct watch_obj *o)
{
	char	 path[PATH_MAX];
	void	*p;

	in->attach_err = 0;
	if (o->type == WT_SHM) {
		in->shmid = o->shm.id;
		in->size = o->shm.size;
		if ((p = shmat(o->shm.id, NULL, SHM_RDONLY)) == (void *)-1)
			in->attach_err = errno;
		else
			in->addr = p;
		return;
	}
	in->shmid = -1;
	snprintf(path, sizeof(path), "/dev/shm%s", o->name);
	if ((in->fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		in->attach_err = errno;
}

void
inspect_open(struct inspect *in, const struct watch_obj *o)
{
	inspect_close(in);
	strlcpy(in->ident, o->ident, sizeof(in->ident));
	in->fresh = true;
	if ((o->type == WT_SHM || o->type == WT_PSHM) && o->gone_ms == 0)
		attach(in, o);
}

void
inspect_open_still(struct inspect *in, const struct watch_obj *o)
{
	inspect_close(in);
	strlcpy(in->ident, o->ident, sizeof(in->ident));
	in->fresh = true;
	in->still = true;
	if (o->type == WT_SHM) {
		in->shmid = o->shm.id;
		in->size = o->shm.size;
	} else if (o->type == WT_PSHM && o->gone_ms == 0)
		attach(in, o);		/* pread: nothing counts it */
}

/* A mapper's copy of the segment, through /proc/PID/mem: the bytes as the
 * programs see them, with no attach of ours. */
static void
read_mem(struct inspect *in, size_t n)
{
	char	path[64];
	int	fd;

	in->mem_pid = 0;
	in->attach_err = 0;
	errno = 0;
	if (in->nprocs == 0)
		return;
	snprintf(path, sizeof(path), "/proc/%d/mem", (int)in->procs[0].pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1 ||
	    pread(fd, in->now, n, (off_t)in->procs[0].addr) != (ssize_t)n)
		in->attach_err = errno != 0 ? errno : EIO;
	else
		in->mem_pid = in->procs[0].pid;
	if (fd != -1)
		close(fd);
}

/* Who has the segment mapped, and where: /proc/PID/maps. A System V one
 * is "/SYSV<key>" with the shmid as its inode; a POSIX one its file. */
static void
mappers(struct inspect *in, const struct watch_obj *o)
{
	char		 path[64], *line = NULL, want[PATH_MAX];
	unsigned long	 lo, ino;
	struct dirent	*de;
	size_t		 cap = 0;
	DIR		*d;
	FILE		*f;
	pid_t		 pid;
	int		 off;

	in->nprocs = 0;
	if (o->type == WT_PSHM)
		snprintf(want, sizeof(want), "/dev/shm%s", o->name);
	if ((d = opendir("/proc")) == NULL)
		return;
	while ((de = readdir(d)) != NULL && in->nprocs < INSPECT_PROCS) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
		if ((f = fopen(path, "re")) == NULL)
			continue;
		while (getline(&line, &cap, f) != -1) {
			if (sscanf(line, "%lx-%*x %*s %*s %*s %lu %n", &lo, &ino,
			    &off) < 2)
				continue;
			if (o->type == WT_SHM ? (strncmp(line + off, "/SYSV", 5)
			    != 0 || ino != (unsigned long)o->shm.id) :
			    strncmp(line + off, want, strlen(want)) != 0 ||
			    (line[off + strlen(want)] != '\n' &&
			    line[off + strlen(want)] != ' '))
				continue;
			in->procs[in->nprocs].pid = pid;
			in->procs[in->nprocs].addr = lo;
			in->procs[in->nprocs].syscall = -1;
			inspect_comm(pid, in->procs[in->nprocs].comm,
			    sizeof(in->procs[0].comm));
			in->nprocs++;
			break;
		}
		fclose(f);
	}
	free(line);
	closedir(d);
}

/* Is the process asleep in a call on this object? /proc/PID/syscall
 * holds the number and the arguments; the first is the id (or an mq fd,
 * whose link names the queue). */
static bool
sleeps_on(pid_t pid, const struct watch_obj *o, long *nr)
{
	char		path[64], buf[256], link[PATH_MAX], fdpath[64];
	unsigned long	a1;
	ssize_t		n;
	int		fd;

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return (false);
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return (false);
	buf[n] = '\0';
	if (sscanf(buf, "%ld %lx", nr, &a1) != 2)
		return (false);
	switch (o->type) {
	case WT_SEM:
		return ((*nr == SYS_semop || *nr == SYS_semtimedop) &&
		    (int)a1 == o->sem.id);
	case WT_MSG:
		return ((*nr == SYS_msgsnd || *nr == SYS_msgrcv) &&
		    (int)a1 == o->msq.id);
	case WT_PMQ:
		if (*nr != SYS_mq_timedsend && *nr != SYS_mq_timedreceive)
			return (false);
		snprintf(fdpath, sizeof(fdpath), "/proc/%d/fd/%lu", (int)pid,
		    a1);
		if ((n = readlink(fdpath, link, sizeof(link) - 1)) <= 0)
			return (false);
		link[n] = '\0';
		return (strcmp(link, o->name) == 0);
	default:
		return (false);
	}
}

static void
sleepers(struct inspect *in, const struct watch_obj *o)
{
	struct dirent	*de;
	DIR		*d;
	pid_t		 pid;
	long		 nr;

	in->nprocs = 0;
	if ((d = opendir("/proc")) == NULL)
		return;
	while ((de = readdir(d)) != NULL && in->nprocs < INSPECT_PROCS) {
		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = (pid_t)atoi(de->d_name);
		if (!sleeps_on(pid, o, &nr))
			continue;
		in->procs[in->nprocs].pid = pid;
		in->procs[in->nprocs].syscall = nr;
		in->procs[in->nprocs].addr = 0;
		inspect_comm(pid, in->procs[in->nprocs].comm,
		    sizeof(in->procs[0].comm));
		in->nprocs++;
	}
	closedir(d);
}

/* The queued messages, oldest first, left queued (MSG_COPY). */
static void
peek(struct inspect *in, const struct watch_obj *o)
{
	static long	 msgmax;
	struct msgbuf	*m;
	ssize_t		 n;
	long		 i;

	in->nmsgs = 0;
	in->peek_err = 0;
	if (msgmax <= 0 && (msgmax = procfs_sysctl(
	    "/proc/sys/kernel/msgmax")) <= 0)
		msgmax = 8192;
	/* MSG_COPY never truncates (E2BIG): room for the largest. */
	m = xcalloc(1, sizeof(long) + (size_t)msgmax);
	for (i = 0; i < (long)o->msq.qnum && i < INSPECT_MSGS; i++) {
		if ((n = msgrcv(o->msq.id, m, (size_t)msgmax, i,
		    MSG_COPY | IPC_NOWAIT)) == -1) {
			in->peek_err = errno;
			break;
		}
		in->msgs[i].mtype = m->mtype;
		in->msgs[i].size = (size_t)n;
		memcpy(in->msgs[i].head, m->mtext, (size_t)n < INSPECT_HEAD ?
		    (size_t)n : INSPECT_HEAD);
	}
	in->nmsgs = (int)i;
	free(m);
}

void
inspect_update(struct inspect *in, const struct watch_obj *o)
{
	size_t	n;

	in->note[0] = '\0';
	switch (o->type) {
	case WT_SHM:
	case WT_PSHM:
		if (o->type == WT_SHM && in->addr != NULL && o->shm.dest &&
		    o->shm.nattch <= 1) {
			detach(in);
			strlcpy(in->note, "marked for removal and held by this "
			    "viewer alone: detached, so it can go",
			    sizeof(in->note));
		}
		mappers(in, o);
		if (o->type == WT_PSHM)
			in->size = (size_t)o->px.size;
		n = in->size < SHOW_MAX ? in->size : SHOW_MAX;
		if (n > in->shown) {		/* a POSIX one grew */
			in->now = xreallocarray(in->now, n, 1);
			in->prev = xreallocarray(in->prev, n, 1);
			memset(in->now + in->shown, 0, n - in->shown);
		}
		in->shown = n;
		if (in->addr == NULL && in->fd < 0 && !(in->still &&
		    o->type == WT_SHM))
			break;
		memcpy(in->prev, in->now, n);
		if (in->still && o->type == WT_SHM)
			read_mem(in, n);
		else if (in->addr != NULL)
			memcpy(in->now, in->addr, n);
		else if (pread(in->fd, in->now, n, 0) < 0)
			in->attach_err = errno;
		if (in->fresh)		/* nothing changed before the first */
			memcpy(in->prev, in->now, n);
		in->fresh = false;
		break;
	case WT_MSG:
		if (o->readable)
			peek(in, o);
		sleepers(in, o);
		break;
	case WT_SEM:
	case WT_PMQ:
		sleepers(in, o);
		break;
	default:
		break;
	}
}
