/*
 * The tracer's life: the programs started under ptrace, each on a
 * pseudo-terminal; the accessors the faces read; a step; the end, where
 * nothing is left stopped or traced.
 */
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "ipcscope/xmalloc.h"
#include "tracer_int.h"

/* The sync and error pipes' places in the child before exec. */
#define CHILD_SYNC	3
#define CHILD_ERR	4

static const char ptrace_refused[] =
    "ptrace refused (%s): tracing another process is not allowed here; "
    "allow it with sysctl -w kernel.yama.ptrace_scope=1 "
    "(/proc/sys/kernel/yama/ptrace_scope), or give CAP_SYS_PTRACE "
    "(docker run --cap-add SYS_PTRACE)";

void
tracer_push(struct tracer *t, const struct tr_event *ev)
{
	if (t->ev_n == TRACE_EVENTS_MAX) {
		/* Nobody takes them: the oldest goes. */
		t->ev_head = (t->ev_head + 1) % TRACE_EVENTS_MAX;
		t->ev_n--;
	}
	t->ev[(t->ev_head + t->ev_n) % TRACE_EVENTS_MAX] = *ev;
	t->ev_n++;
}

bool
tracer_next_event(struct tracer *t, struct tr_event *ev)
{
	if (t->ev_n == 0)
		return (false);
	*ev = t->ev[t->ev_head];
	t->ev_head = (t->ev_head + 1) % TRACE_EVENTS_MAX;
	t->ev_n--;
	return (true);
}

int
tracer_find(const struct tracer *t, pid_t pid)
{
	int	i;

	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].pid == pid)
			return (i);
	return (-1);
}

int
tracer_add(struct tracer *t, pid_t pid)
{
	struct tr_proc	*p;

	if (t->nprocs == TRACE_PROCS_MAX)
		return (-1);
	p = &t->procs[t->nprocs];
	memset(p, 0, sizeof(*p));
	memset(&t->priv[t->nprocs], 0, sizeof(t->priv[0]));
	p->pid = pid;
	p->prog = -1;
	p->state = TR_RUNNING;
	p->kstate = 'R';
	p->call.target.type = -1;
	p->call.target.id = -1;
	tracer_refresh_comm(t, t->nprocs);
	return (t->nprocs++);
}

void
tracer_set_return_hook(struct tracer *t, tr_return_hook fn, void *ctx)
{
	t->hook = fn;
	t->hook_ctx = ctx;
}

/* The child: its terminal as 0, 1, 2, then wait to be seized, then exec. */
static void __attribute__((__noreturn__))
child_exec(char *const *argv, int slave, int syncfd, int errfd)
{
	sigset_t	set;
	char		c;
	int		e;

	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	signal(SIGPIPE, SIG_DFL);
	/* A session of its own, away from our terminal's signals, and no
	 * controlling terminal: when we end and the terminal goes, a
	 * program let go runs on (its writes fail) instead of a SIGHUP. */
	setsid();
	if (dup2(slave, 0) == -1 || dup2(slave, 1) == -1 ||
	    dup2(slave, 2) == -1 || dup2(syncfd, CHILD_SYNC) == -1 ||
	    dup2(errfd, CHILD_ERR) == -1)
		_exit(127);
	closefrom(CHILD_ERR + 1);
	fcntl(CHILD_ERR, F_SETFD, FD_CLOEXEC);
	if (read(CHILD_SYNC, &c, 1) != 1)
		_exit(127);
	close(CHILD_SYNC);
	execvp(argv[0], argv);
	e = errno;
	write(CHILD_ERR, &e, sizeof(e));
	_exit(127);
}

/* A terminal whose output is the program's bytes, not \r\n. */
static int
open_terminal(int *master, int *slave)
{
	struct termios	tio;

	if (openpty(master, slave, NULL, NULL, NULL) == -1)
		return (-1);
	if (tcgetattr(*slave, &tio) == 0) {
		tio.c_oflag &= ~(tcflag_t)OPOST;
		tcsetattr(*slave, TCSANOW, &tio);
	}
	fcntl(*master, F_SETFL, fcntl(*master, F_GETFL) | O_NONBLOCK);
	fcntl(*master, F_SETFD, FD_CLOEXEC);
	return (0);
}

/* Reap a child that never ran (killed, or its exec failed). */
static void
reap(pid_t pid)
{
	int	st;

	while (waitpid(pid, &st, __WALL) == -1 && errno == EINTR)
		;
}

/* One program: forked, seized, exec'd. Its index, or -1 with err. */
static int
start_one(struct tracer *t, char *const *argv, char *err, size_t errlen)
{
	int	master, slave, syncp[2], errp[2], e = 0, i;
	long	opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK |
		    PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE |
		    PTRACE_O_TRACEEXEC;
	pid_t	pid;
	ssize_t	n;

	if (t->opts.kill)
		opts |= PTRACE_O_EXITKILL;
	if (open_terminal(&master, &slave) == -1) {
		snprintf(err, errlen, "openpty: %s", strerror(errno));
		return (-1);
	}
	if (pipe2(syncp, O_CLOEXEC) == -1 || pipe2(errp, O_CLOEXEC) == -1) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		close(master);
		close(slave);
		return (-1);
	}
	if ((pid = fork()) == -1) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		e = -1;
	} else if (pid == 0)
		child_exec(argv, slave, syncp[0], errp[1]);
	close(slave);
	close(syncp[0]);
	close(errp[1]);
	if (e == 0 && ptrace(PTRACE_SEIZE, pid, 0, opts) == -1) {
		if (errno == EPERM || errno == EACCES)
			snprintf(err, errlen, ptrace_refused, strerror(errno));
		else
			snprintf(err, errlen, "ptrace: %s", strerror(errno));
		kill(pid, SIGKILL);
		reap(pid);
		e = -1;
	}
	if (e == 0) {
		/* Seized: let it exec, and hear whether that worked. */
		if (write(syncp[1], "x", 1) != 1)
			e = -1;
		while ((n = read(errp[0], &e, sizeof(e))) == -1 &&
		    errno == EINTR)
			;
		if (n == (ssize_t)sizeof(e) || e != 0) {
			snprintf(err, errlen, "%s: %s", argv[0],
			    strerror(n == (ssize_t)sizeof(e) ? e : EIO));
			reap(pid);
			e = -1;
		}
	}
	close(syncp[1]);
	close(errp[0]);
	if (e != 0 || (i = tracer_add(t, pid)) == -1) {
		if (e == 0) {
			snprintf(err, errlen, "too many processes");
			kill(pid, SIGKILL);
			reap(pid);
		}
		close(master);
		return (-1);
	}
	t->procs[i].prog = t->nprogs;
	t->progs[t->nprogs].name = xstrdup(argv[0]);
	t->progs[t->nprogs].pty = master;
	strlcpy(t->procs[i].comm, argv[0], sizeof(t->procs[i].comm));
	return (t->nprogs++);
}

int
tracer_start(struct tracer **tp, char **const *progs, int nprogs,
    const struct tr_opts *opts, char *err, size_t errlen)
{
	struct tracer	*t;
	sigset_t	 set, old;
	int		 i;

	*tp = NULL;
	if (nprogs < 1 || nprogs > TRACE_PROGS_MAX) {
		snprintf(err, errlen, "%d programs: 1..%d may be stepped",
		    nprogs, TRACE_PROGS_MAX);
		return (-1);
	}
	t = xcalloc(1, sizeof(*t));
	t->opts = *opts;
	/* SIGCHLD as a descriptor: blocked, so it waits for signalfd. */
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigprocmask(SIG_BLOCK, &set, &old);
	t->chld_was_blocked = sigismember(&old, SIGCHLD) == 1;
	t->sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	for (i = 0; i < nprogs; i++)
		if (start_one(t, progs[i], err, errlen) == -1) {
			tracer_end(t, true, NULL);
			return (-1);
		}
	*tp = t;
	return (0);
}

int
tracer_pollfds(const struct tracer *t, struct pollfd *pfd, int max)
{
	int	i, n = 0;

	if (n < max && t->sigfd != -1)
		pfd[n++] = (struct pollfd){ .fd = t->sigfd, .events = POLLIN };
	for (i = 0; i < t->nprogs && n < max; i++)
		if (t->progs[i].pty != -1)
			pfd[n++] = (struct pollfd){ .fd = t->progs[i].pty,
			    .events = POLLIN };
	return (n);
}

int
tracer_step(struct tracer *t, int i)
{
	struct tr_proc	*p;

	if (i < 0 || i >= t->nprocs || t->procs[i].state != TR_AT_CALL) {
		errno = EINVAL;
		return (-1);
	}
	p = &t->procs[i];
	t->priv[i].stepped = true;
	p->state = TR_IN_CALL;
	p->kstate = 'R';
	p->wchan[0] = '\0';
	if (ptrace(PTRACE_SYSCALL, p->pid, 0, 0) == -1)
		return (-1);	/* gone: waitpid says how */
	return (0);
}

int
tracer_nprocs(const struct tracer *t)
{
	return (t->nprocs);
}

const struct tr_proc *
tracer_proc(const struct tracer *t, int i)
{
	if (i < 0 || i >= t->nprocs)
		return (NULL);
	return (&t->procs[i]);
}

static bool
ended(const struct tr_proc *p)
{
	return (p->state == TR_EXITED || p->state == TR_KILLED ||
	    p->state == TR_DETACHED);
}

int
tracer_proc_of(const struct tracer *t, int prog)
{
	int	i;

	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].prog == prog &&
		    t->procs[i].state == TR_AT_CALL)
			return (i);
	for (i = 0; i < t->nprocs; i++)
		if (t->procs[i].prog == prog && !ended(&t->procs[i]))
			return (i);
	return (-1);
}

int
tracer_nprogs(const struct tracer *t)
{
	return (t->nprogs);
}

const char *
tracer_prog_name(const struct tracer *t, int prog)
{
	if (prog < 0 || prog >= t->nprogs)
		return ("");
	return (t->progs[prog].name);
}

const char *
tracer_output(const struct tracer *t, int prog)
{
	if (prog < 0 || prog >= t->nprogs)
		return ("");
	return (t->progs[prog].out);
}

bool
tracer_settled(const struct tracer *t, int i)
{
	const struct tr_proc	*p = &t->procs[i];

	if (p->state == TR_AT_CALL || ended(p))
		return (true);
	/* Asleep: in its IPC call, or outside any (a wait for a child
	 * that is stopped at a call, a sleep): either way it needs
	 * something else to happen first. */
	return ((p->state == TR_IN_CALL || p->state == TR_RUNNING) &&
	    p->kstate == 'S');
}

bool
tracer_done(const struct tracer *t)
{
	int	i;

	for (i = 0; i < t->nprocs; i++)
		if (!ended(&t->procs[i]))
			return (false);
	return (true);
}

/* Stop a running tracee so that it can be detached: PTRACE_INTERRUPT,
 * then its stop (or its end). The signal to pass on at the detach. */
static int
interrupt(struct tracer *t, int i)
{
	struct tr_proc	*p = &t->procs[i];
	int		 st, sig;

	if (ptrace(PTRACE_INTERRUPT, p->pid, 0, 0) == -1)
		return (-1);
	for (;;) {
		if (waitpid(p->pid, &st, __WALL) == -1) {
			if (errno == EINTR)
				continue;
			return (-1);
		}
		if (WIFEXITED(st) || WIFSIGNALED(st)) {
			p->state = WIFEXITED(st) ? TR_EXITED : TR_KILLED;
			p->status = st;
			return (-1);
		}
		sig = WSTOPSIG(st);
		/* A signal on its way is handed on; a ptrace stop is not. */
		if ((st >> 16) == 0 && sig != (SIGTRAP | 0x80))
			return (sig);
		return (0);
	}
}

/* Any tracee not yet known (a fork's child whose first stop is still
 * pending): found by waitpid and let go or killed too. */
static void
end_strays(struct tracer *t, bool kill_them)
{
	int	st, tries;
	pid_t	pid;

	for (tries = 0; tries < 20; tries++) {
		pid = waitpid(-1, &st, __WALL | WNOHANG);
		if (pid <= 0) {
			if (pid == -1 && errno == ECHILD)
				return;
			usleep(5000);
			continue;
		}
		if (tracer_find(t, pid) != -1 || !WIFSTOPPED(st))
			continue;
		if (kill_them)
			kill(pid, SIGKILL);
		ptrace(PTRACE_DETACH, pid, 0, 0);
	}
}

static void
end_one(struct tracer *t, int i, bool kill_it, FILE *report)
{
	struct tr_proc	*p = &t->procs[i];
	int		 st, sig = 0;
	const char	*how;

	if (kill_it) {
		kill(p->pid, SIGKILL);
		while (waitpid(p->pid, &st, __WALL) == -1 && errno == EINTR)
			;
		p->state = TR_KILLED;
		p->status = SIGKILL;
		how = "killed";
	} else {
		if (p->state != TR_AT_CALL)
			sig = interrupt(t, i);
		if (ended(p))
			return;
		ptrace(PTRACE_DETACH, p->pid, 0, sig > 0 ? sig : 0);
		p->state = TR_DETACHED;
		how = "detached, still running";
	}
	if (report != NULL)
		fprintf(report, "pid %d (%s) %s\n", (int)p->pid, p->comm, how);
}

void
tracer_end(struct tracer *t, bool kill_them, FILE *report)
{
	sigset_t	set;
	int		i;

	if (t == NULL)
		return;
	/* What is pending first: stops and ends already there. */
	tracer_poll(t, 0);
	for (i = 0; i < t->nprocs; i++) {
		if (!ended(&t->procs[i]))
			end_one(t, i, kill_them, report);
		source_forget(t, i);
	}
	end_strays(t, kill_them);
	for (i = 0; i < t->nprogs; i++) {
		if (t->progs[i].pty != -1)
			close(t->progs[i].pty);
		free(t->progs[i].name);
	}
	if (t->sigfd != -1)
		close(t->sigfd);
	if (!t->chld_was_blocked) {
		sigemptyset(&set);
		sigaddset(&set, SIGCHLD);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
	}
	free(t);
}
