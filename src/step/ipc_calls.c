/*
 * Which system calls are IPC, and what each touches: the System V calls
 * always; read, write and the socket calls only on a pipe, a FIFO or a
 * socket (the descriptor looked up in /proc/PID/fd); openat, unlinkat
 * and mmap only under /dev/shm; mknod only for a FIFO.
 */
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/trace_decode.h"
#include "ipcscope/watch.h"

#define DEV_SHM		"/dev/shm/"

int
trace_fd_link(pid_t pid, int fd, char *buf, size_t len)
{
	char	path[64];
	ssize_t	n;

	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	if ((n = readlink(path, buf, len - 1)) == -1) {
		buf[0] = '\0';
		return (-1);
	}
	buf[n] = '\0';
	return (0);
}

/* A pipe, a FIFO or a socket: its kind into t->fd; false for a file. */
static bool
fd_is_channel(pid_t pid, int fd, struct tr_target *t)
{
	char		link[PATH_MAX], path[64];
	struct stat	st;

	if (trace_fd_link(pid, fd, link, sizeof(link)) == -1)
		return (false);
	if (strncmp(link, "pipe:", 5) == 0 || strncmp(link, "socket:", 7) == 0) {
		strlcpy(t->fd, link, sizeof(t->fd));
		return (true);
	}
	snprintf(path, sizeof(path), "/proc/%d/fd/%d", (int)pid, fd);
	if (stat(path, &st) == 0 && S_ISFIFO(st.st_mode)) {
		strlcpy(t->fd, "fifo:", sizeof(t->fd));
		strlcat(t->fd, link, sizeof(t->fd));
		strlcpy(t->name, link, sizeof(t->name));
		return (true);
	}
	return (false);
}

/* The string at addr of the tracee, "" when it cannot be read. */
static void
peek_string(tr_peek_fn peek, void *ctx, unsigned long addr, char *buf,
    size_t len)
{
	ssize_t	n = peek != NULL && addr != 0 ? peek(ctx, addr, buf, len - 1) :
	    -1;

	buf[n > 0 ? n : 0] = '\0';
	buf[strnlen(buf, len - 1)] = '\0';
}

/* A path under /dev/shm: the POSIX name ("/foo") into t. */
static bool
dev_shm_path(const char *path, struct tr_target *t)
{
	if (strncmp(path, DEV_SHM, strlen(DEV_SHM)) != 0 ||
	    path[strlen(DEV_SHM)] == '\0')
		return (false);
	t->type = WT_PSHM;
	strlcpy(t->name, "/", sizeof(t->name));
	strlcat(t->name, path + strlen(DEV_SHM), sizeof(t->name));
	/* sem_open's objects are "sem.NAME" files: named as sem_open has it. */
	return (true);
}

/* The System V segment attached at addr: its id is the inode that
 * /proc/PID/maps gives its "/SYSV%08x" mapping; -1 when none is there. */
static int
shm_id_at(pid_t pid, unsigned long addr)
{
	char		 path[64], *line = NULL;
	size_t		 cap = 0;
	unsigned long	 start, ino;
	int		 id = -1;
	FILE		*f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	if ((f = fopen(path, "re")) == NULL)
		return (-1);
	while (id == -1 && getline(&line, &cap, f) != -1)
		if (sscanf(line, "%lx-%*x %*s %*x %*s %lu", &start, &ino) == 2 &&
		    start == addr && strstr(line, "/SYSV") != NULL)
			id = (int)ino;
	free(line);
	fclose(f);
	return (id);
}

static void
target_clear(struct tr_target *t)
{
	memset(t, 0, sizeof(*t));
	t->type = -1;
	t->id = -1;
}

bool
trace_is_ipc(pid_t pid, const struct tr_raw *r, tr_peek_fn peek, void *ctx,
    struct tr_target *t)
{
	char	path[PATH_MAX], link[PATH_MAX];
	int	fd = (int)r->a[0];

	target_clear(t);
	switch (r->nr) {
	case SYS_shmget:
		t->type = WT_SHM;
		t->key = (unsigned)r->a[0];
		return (true);
	case SYS_msgget:
		t->type = WT_MSG;
		t->key = (unsigned)r->a[0];
		return (true);
	case SYS_semget:
		t->type = WT_SEM;
		t->key = (unsigned)r->a[0];
		return (true);
	case SYS_shmat:
	case SYS_shmctl:
		t->type = WT_SHM;
		t->id = (int)r->a[0];
		return (true);
	case SYS_shmdt:
		t->type = WT_SHM;
		t->id = shm_id_at(pid, r->a[0]);
		return (true);
	case SYS_msgsnd:
	case SYS_msgrcv:
	case SYS_msgctl:
		t->type = WT_MSG;
		t->id = (int)r->a[0];
		return (true);
	case SYS_semop:
	case SYS_semtimedop:
	case SYS_semctl:
		t->type = WT_SEM;
		t->id = (int)r->a[0];
		return (true);
#ifdef SYS_pipe
	case SYS_pipe:
#endif
	case SYS_pipe2:
	case SYS_socketpair:
		return (true);
	case SYS_socket:
		return (r->a[0] == AF_UNIX);
	case SYS_read:
	case SYS_write:
	case SYS_readv:
	case SYS_writev:
	case SYS_sendto:
	case SYS_recvfrom:
	case SYS_sendmsg:
	case SYS_recvmsg:
	case SYS_bind:
	case SYS_connect:
	case SYS_accept:
	case SYS_accept4:
		return (fd_is_channel(pid, fd, t));
	case SYS_mq_open:
	case SYS_mq_unlink:
		/* libc passes the name without its '/': put back. */
		t->type = WT_PMQ;
		peek_string(peek, ctx, r->a[0], path, sizeof(path));
		strlcpy(t->name, "/", sizeof(t->name));
		strlcat(t->name, path[0] == '/' ? path + 1 : path,
		    sizeof(t->name));
		return (true);
	case SYS_mq_timedsend:
	case SYS_mq_timedreceive:
	case SYS_mq_notify:
	case SYS_mq_getsetattr:
		t->type = WT_PMQ;
		if (trace_fd_link(pid, fd, link, sizeof(link)) == 0 &&
		    strncmp(link, "/", 1) == 0)
			strlcpy(t->name, link, sizeof(t->name));
		return (true);
#ifdef SYS_mknod
	case SYS_mknod:
		peek_string(peek, ctx, r->a[0], t->name, sizeof(t->name));
		return (S_ISFIFO(r->a[1]));
#endif
	case SYS_mknodat:
		peek_string(peek, ctx, r->a[1], t->name, sizeof(t->name));
		return (S_ISFIFO(r->a[2]));
#ifdef SYS_unlink
	case SYS_unlink:
		peek_string(peek, ctx, r->a[0], path, sizeof(path));
		return (dev_shm_path(path, t));
#endif
	case SYS_openat:
	case SYS_unlinkat:
		peek_string(peek, ctx, r->a[1], path, sizeof(path));
		return (dev_shm_path(path, t));
	case SYS_mmap:
		if ((int)r->a[4] < 0 || (r->a[3] & MAP_ANONYMOUS))
			return (false);
		if (trace_fd_link(pid, (int)r->a[4], link, sizeof(link)) == -1)
			return (false);
		return (dev_shm_path(link, t));
	}
	return (false);
}

void
trace_target_return(pid_t pid, const struct tr_raw *r, struct tr_target *t)
{
	if (r->is_error)
		return;
	switch (r->nr) {
	case SYS_shmget:
	case SYS_msgget:
	case SYS_semget:
		t->id = (int)r->rval;
		break;
	case SYS_accept:
	case SYS_accept4:
	case SYS_socket:
		trace_fd_link(pid, (int)r->rval, t->fd, sizeof(t->fd));
		break;
	case SYS_mq_open:
		break;
	}
}
