/*
 * A fault injector for the tests, loaded with LD_PRELOAD into ipcscope:
 *
 *   IPCSCOPE_FAULT=CALL[:ACTION[:NTH]]
 *
 * CALL is one of shmget semget msgget shm_open mq_open mkfifo fork link
 * shmat open ptrace (ptrace counts only PTRACE_SEIZE: step's start). ACTION "kill" (the default) raises SIGKILL in the caller
 * right after the NTH (default 1) successful CALL returns, so the object
 * exists and nothing after it runs: the creation window. ACTION an errno
 * name (EACCES, ENOSPC, EINVAL, EEXIST, ENOMEM, EMFILE, EPERM, ENFILE,
 * EAGAIN) makes the NTH CALL fail with it without calling the kernel. For
 * fork, the parent is killed after the child exists.
 * IPCSCOPE_FAULT_WHO=viewer (the default) acts only in the process that
 * has not come out of fork, =worker only in forked children, =any in
 * both. IPCSCOPE_FAULT_MATCH=TEXT counts only the calls whose name or
 * path contains TEXT (open(".../ipcscope.12.fifo"), not /dev/null), and
 * IPCSCOPE_FAULT_COMM=NAME only those of a process of that name (a
 * worker's PR_SET_NAME: ipcscope-prod, ipcscope-cons).
 */
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
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
	{ "EPERM", EPERM }, { "ENFILE", ENFILE }, { "EAGAIN", EAGAIN },
};

/*
 * 0: not this call; -1: kill after it; else the errno to fail with. arg
 * is the call's name or path, NULL where it has none.
 */
static int
fault_for(const char *call, const char *arg)
{
	char		 spec[64], *action, *nth;
	const char	*env, *who, *match, *comm;
	char		 name[17] = "";
	size_t		 n = strlen(call), i;

	if ((env = getenv("IPCSCOPE_FAULT")) == NULL ||
	    strncmp(env, call, n) != 0 || (env[n] != '\0' && env[n] != ':'))
		return (0);
	if ((match = getenv("IPCSCOPE_FAULT_MATCH")) != NULL &&
	    (arg == NULL || strstr(arg, match) == NULL))
		return (0);
	if ((comm = getenv("IPCSCOPE_FAULT_COMM")) != NULL &&
	    (prctl(PR_GET_NAME, name) == -1 || strcmp(name, comm) != 0))
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
	int	 f = fault_for("shmget", NULL), r;

	BEFORE(-1);
	r = fn(key, size, flg);
	AFTER(r != -1);
	return (r);
}

int
semget(key_t key, int n, int flg)
{
	int	(*fn)(key_t, int, int) = real("semget");
	int	 f = fault_for("semget", NULL), r;

	BEFORE(-1);
	r = fn(key, n, flg);
	AFTER(r != -1);
	return (r);
}

int
msgget(key_t key, int flg)
{
	int	(*fn)(key_t, int) = real("msgget");
	int	 f = fault_for("msgget", NULL), r;

	BEFORE(-1);
	r = fn(key, flg);
	AFTER(r != -1);
	return (r);
}

int
shm_open(const char *name, int oflag, mode_t mode)
{
	int	(*fn)(const char *, int, mode_t) = real("shm_open");
	int	 f = fault_for("shm_open", name), r;

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
	int		 f = fault_for("mq_open", name);
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
	int	 f = fault_for("mkfifo", path), r;

	BEFORE(-1);
	r = fn(path, mode);
	AFTER(r != -1);
	return (r);
}

int
link(const char *from, const char *to)
{
	int	(*fn)(const char *, const char *) = real("link");
	int	 f = fault_for("link", to), r;

	BEFORE(-1);
	r = fn(from, to);
	AFTER(r != -1);
	return (r);
}

void *
shmat(int id, const void *addr, int flg)
{
	void	*(*fn)(int, const void *, int) = real("shmat");
	int	 f = fault_for("shmat", NULL);
	void	*r;

	BEFORE((void *)-1);
	r = fn(id, addr, flg);
	AFTER(r != (void *)-1);
	return (r);
}

int
open(const char *path, int oflag, ...)
{
	int	(*fn)(const char *, int, ...) = real("open");
	mode_t	 mode = 0;
	va_list	 ap;
	int	 f = fault_for("open", path), r;

	BEFORE(-1);
	if (oflag & (O_CREAT | O_TMPFILE)) {
		va_start(ap, oflag);
		mode = va_arg(ap, mode_t);
		va_end(ap);
		r = fn(path, oflag, mode);
	} else
		r = fn(path, oflag);
	AFTER(r != -1);
	return (r);
}

pid_t
fork(void)
{
	pid_t	(*fn)(void) = real("fork");
	int	 f = fault_for("fork", NULL);
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

long
ptrace(enum __ptrace_request req, ...)
{
	long	(*fn)(enum __ptrace_request, ...) = real("ptrace");
	va_list	 ap;
	pid_t	 pid;
	void	*addr, *data;
	int	 f = req == PTRACE_SEIZE ? fault_for("ptrace", NULL) : 0;

	va_start(ap, req);
	pid = va_arg(ap, pid_t);
	addr = va_arg(ap, void *);
	data = va_arg(ap, void *);
	va_end(ap);
	BEFORE(-1);
	return (fn(req, pid, addr, data));
}
