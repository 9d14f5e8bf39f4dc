/*
 * A fault injector for the tests, loaded with LD_PRELOAD into ipcscope:
 *
 *   IPCSCOPE_FAULT=CALL[:ACTION[:NTH]]
 *
 * CALL is one of shmget semget msgget shm_open mq_open mkfifo fork link.
 * ACTION "kill" (the default) raises SIGKILL in the caller right after
 * the NTH (default 1) successful CALL returns, so the object exists and
 * nothing after it runs: the creation window. ACTION an errno name
 * (EACCES, ENOSPC, EINVAL, EEXIST, ENOMEM, EMFILE, EPERM) makes the NTH
 * CALL fail with it without calling the kernel. For fork, the parent is
 * killed after the child exists. IPCSCOPE_FAULT_WHO=viewer (the default)
 * acts only in the process that has not come out of fork, =worker only in
 * forked children, =any in both.
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool	is_child;
static int	seen;

static const struct {
	const char	*name;
	int		 value;
} errnos[] = {
	{ "EACCES", EACCES }, { "ENOSPC", ENOSPC }, { "EINVAL", EINVAL },
	{ "EEXIST", EEXIST }, { "ENOMEM", ENOMEM }, { "EMFILE", EMFILE },
	{ "EPERM", EPERM }, { "ENFILE", ENFILE },
};

/* 0: not this call; -1: kill after it; else the errno to fail with. */
static int
fault_for(const char *call)
{
	char		 spec[64], *action, *nth;
	const char	*env, *who;
	size_t		 n = strlen(call), i;

	if ((env = getenv("IPCSCOPE_FAULT")) == NULL ||
	    strncmp(env, call, n) != 0 || (env[n] != '\0' && env[n] != ':'))
		return (0);
	who = getenv("IPCSCOPE_FAULT_WHO");
	if (who == NULL || strcmp(who, "viewer") == 0) {
		if (is_child)
			return (0);
	} else if (strcmp(who, "worker") == 0 && !is_child)
		return (0);
	strncpy(spec, env, sizeof(spec) - 1);
	spec[sizeof(spec) - 1] = '\0';
	action = strchr(spec, ':');
	if (action != NULL)
		*action++ = '\0';
	nth = action != NULL ? strchr(action, ':') : NULL;
	if (nth != NULL)
		*nth++ = '\0';
	if (++seen != (nth != NULL ? atoi(nth) : 1))
		return (0);
	if (action == NULL || *action == '\0' || strcmp(action, "kill") == 0)
		return (-1);
	for (i = 0; i < sizeof(errnos) / sizeof(errnos[0]); i++)
		if (strcmp(action, errnos[i].name) == 0)
			return (errnos[i].value);
	return (0);
}

static void *
real(const char *name)
{
	return (dlsym(RTLD_NEXT, name));
}

#define AFTER(ok)	do { if ((ok) && f == -1) raise(SIGKILL); } while (0)
#define BEFORE(fail)	do { if (f > 0) { errno = f; return (fail); } } while (0)

int
shmget(key_t key, size_t size, int flg)
{
	int	(*fn)(key_t, size_t, int) = real("shmget");
	int	 f = fault_for("shmget"), r;

	BEFORE(-1);
	r = fn(key, size, flg);
	AFTER(r != -1);
	return (r);
}

int
semget(key_t key, int n, int flg)
{
	int	(*fn)(key_t, int, int) = real("semget");
	int	 f = fault_for("semget"), r;

	BEFORE(-1);
	r = fn(key, n, flg);
	AFTER(r != -1);
	return (r);
}

int
msgget(key_t key, int flg)
{
	int	(*fn)(key_t, int) = real("msgget");
	int	 f = fault_for("msgget"), r;

	BEFORE(-1);
	r = fn(key, flg);
	AFTER(r != -1);
	return (r);
}

int
shm_open(const char *name, int oflag, mode_t mode)
{
	int	(*fn)(const char *, int, mode_t) = real("shm_open");
	int	 f = fault_for("shm_open"), r;

	BEFORE(-1);
	r = fn(name, oflag, mode);
	AFTER(r != -1);
	return (r);
}

mqd_t
mq_open(const char *name, int oflag, ...)
{
	mqd_t		(*fn)(const char *, int, ...) = real("mq_open");
	struct mq_attr	*attr = NULL;
	mode_t		 mode = 0;
	va_list		 ap;
	int		 f = fault_for("mq_open");
	mqd_t		 r;

	BEFORE((mqd_t)-1);
	if (oflag & O_CREAT) {
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		attr = va_arg(ap, struct mq_attr *);
		va_end(ap);
		r = fn(name, oflag, mode, attr);
	} else
		r = fn(name, oflag);
	AFTER(r != (mqd_t)-1);
	return (r);
}

int
mkfifo(const char *path, mode_t mode)
{
	int	(*fn)(const char *, mode_t) = real("mkfifo");
	int	 f = fault_for("mkfifo"), r;

	BEFORE(-1);
	r = fn(path, mode);
	AFTER(r != -1);
	return (r);
}

int
link(const char *from, const char *to)
{
	int	(*fn)(const char *, const char *) = real("link");
	int	 f = fault_for("link"), r;

	BEFORE(-1);
	r = fn(from, to);
	AFTER(r != -1);
	return (r);
}

pid_t
fork(void)
{
	pid_t	(*fn)(void) = real("fork");
	int	 f = fault_for("fork");
	pid_t	 r;

	BEFORE(-1);
	r = fn();
	if (r == 0) {
		is_child = true;
		return (0);
	}
	AFTER(r > 0);
	return (r);
}
