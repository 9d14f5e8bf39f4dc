/*
 * What the tracees did: each waitpid() status into the processes' states
 * and the event queue. A call entry that is IPC stops the process (it
 * waits for tracer_step); every other stop is continued at once.
 */
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "tracer_int.h"

/* Run on to the next system call stop. */
static void
resume(struct tracer *t, int i, int sig)
{
	t->procs[i].kstate = 'R';
	ptrace(PTRACE_SYSCALL, t->procs[i].pid, 0, sig);
}

static void
push(struct tracer *t, enum tr_event_kind kind, int i)
{
	struct tr_event	ev;

	memset(&ev, 0, sizeof(ev));
	ev.kind = kind;
	ev.proc = i;
	ev.pid = t->procs[i].pid;
	ev.status = t->procs[i].status;
	ev.call = t->procs[i].call;
	tracer_push(t, &ev);
}

/* ftok's stat, told apart from the others by who called it. */
static bool
is_ftok(struct tracer *t, int i, const struct tr_raw *r)
{
	switch (r->nr) {
	case SYS_newfstatat:
#ifdef SYS_stat
	case SYS_stat:
#endif
		return (source_called_from(t, i, "ftok"));
	}
	return (false);
}

static void	returned(struct tracer *, int, long long, bool);
static bool	restarted(struct tracer *, int, long);

static void
syscall_entry(struct tracer *t, int i, const struct tr_sysinfo *si)
{
	struct tr_proc	*p = &t->procs[i];
	struct tr_priv	*v = &t->priv[i];
	struct tr_target tgt;
	pid_t		 pid = p->pid;
	bool		 ftok = false;
	int		 k;

	if (v->stepped && !restarted(t, i, (long)si->entry.nr))
		return;
	memset(&v->raw, 0, sizeof(v->raw));
	v->raw.nr = (long)si->entry.nr;
	for (k = 0; k < 6; k++)
		v->raw.a[k] = (unsigned long)si->entry.args[k];
	if (!trace_is_ipc(pid, &v->raw, tracer_peek, &pid, &tgt) &&
	    !(ftok = is_ftok(t, i, &v->raw)) && !t->opts.all) {
		resume(t, i, 0);
		return;
	}
	memset(&p->call, 0, sizeof(p->call));
	trace_decode_entry(&v->raw, tracer_peek, &pid, &p->call);
	if (ftok)
		p->call.name = "ftok";
	p->call.seq = ++t->seq;
	p->call.target = tgt;
	source_lookup(t, i, &p->call.src);
	p->state = TR_AT_CALL;
	p->kstate = 't';
	p->wchan[0] = '\0';
	push(t, TE_CALL, i);
}

static void
syscall_exit(struct tracer *t, int i, const struct tr_sysinfo *si)
{
	struct tr_priv	*v = &t->priv[i];

	if (!v->stepped) {
		resume(t, i, 0);
		return;
	}
	/* ERESTARTSYS..ERESTART_RESTARTBLOCK (512..516): a signal came; the
	 * call's end is still to come (restarted()). */
	if (si->exit.is_error && si->exit.rval <= -512 &&
	    si->exit.rval >= -516) {
		v->restarting = true;
		v->inner = 0;
		v->handled = false;
		resume(t, i, 0);
		return;
	}
	if (v->restarting && v->inner > 0) {
		v->inner--;	/* a call of the handler's */
		resume(t, i, 0);
		return;
	}
	returned(t, i, si->exit.rval, si->exit.is_error != 0);
	resume(t, i, 0);
}

/* The stepped call's end: its return recorded, the hook, TE_RETURN. */
static void
returned(struct tracer *t, int i, long long rval, bool is_error)
{
	struct tr_proc	*p = &t->procs[i];
	struct tr_priv	*v = &t->priv[i];
	pid_t		 pid = p->pid;

	v->stepped = false;
	v->restarting = false;
	v->raw.returned = true;
	v->raw.rval = rval;
	v->raw.is_error = is_error;
	trace_decode_return(&v->raw, tracer_peek, &pid, &p->call);
	trace_target_return(pid, &v->raw, &p->call.target);
	p->state = TR_RUNNING;
	p->wchan[0] = '\0';
	if (t->hook != NULL)
		t->hook(t->hook_ctx, t, i);
	push(t, TE_RETURN, i);
}

/*
 * An entry while the stepped call is out for a signal: true when the
 * entry is a new call to look at (the stepped one ended with EINTR,
 * recorded here), false when it was dealt with (resumed).
 */
static bool
restarted(struct tracer *t, int i, long nr)
{
	struct tr_priv	*v = &t->priv[i];

	if (!v->restarting) {
		resume(t, i, 0);	/* cannot be: let it run */
		return (false);
	}
	if (nr == v->raw.nr || nr == SYS_restart_syscall) {
		v->restarting = false;	/* back in: still the one step */
		resume(t, i, 0);
		return (false);
	}
	if (!v->handled) {
		/* The handler's own calls, up to its sigreturn. */
		if (nr == SYS_rt_sigreturn)
			v->handled = true;
		else
			v->inner++;
		resume(t, i, 0);
		return (false);
	}
	/* The handler returned and the program called something else: the
	 * call ended as the program saw it, with EINTR. */
	returned(t, i, -EINTR, true);
	return (true);
}

/* fork, vfork, clone: the child is followed, in its parent's program. */
static void
forked(struct tracer *t, int i)
{
	unsigned long	 msg = 0;
	struct tr_event	 ev;
	int		 c;

	ptrace(PTRACE_GETEVENTMSG, t->procs[i].pid, 0, &msg);
	if ((c = tracer_find(t, (pid_t)msg)) == -1)
		c = tracer_add(t, (pid_t)msg);
	if (c != -1) {
		t->procs[c].ppid = t->procs[i].pid;
		t->procs[c].prog = t->procs[i].prog;
		strlcpy(t->procs[c].comm, t->procs[i].comm,
		    sizeof(t->procs[c].comm));
		memset(&ev, 0, sizeof(ev));
		ev.kind = TE_FORK;
		ev.proc = i;
		ev.pid = t->procs[i].pid;
		ev.child = (pid_t)msg;
		tracer_push(t, &ev);
	}
	resume(t, i, 0);
}

static void
stopped(struct tracer *t, int i, int status)
{
	struct tr_sysinfo	si;
	int			sig = WSTOPSIG(status), event = status >> 16;

	if (sig == (SIGTRAP | 0x80)) {
		memset(&si, 0, sizeof(si));
		if (ptrace(PTRACE_GET_SYSCALL_INFO, t->procs[i].pid,
		    sizeof(si), &si) <= 0)
			resume(t, i, 0);
		else if (si.op == TR_OP_ENTRY)
			syscall_entry(t, i, &si);
		else if (si.op == TR_OP_EXIT)
			syscall_exit(t, i, &si);
		else
			resume(t, i, 0);
		return;
	}
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		forked(t, i);
		return;
	case PTRACE_EVENT_EXEC:
		/* A new program image: its name, and a new stack map. */
		source_forget(t, i);
		memset(t->procs[i].comm, 0, sizeof(t->procs[i].comm));
		tracer_refresh_comm(t, i);
		resume(t, i, 0);
		return;
	case PTRACE_EVENT_STOP:
		/* A new child's first stop, a group stop, an interrupt. */
		resume(t, i, 0);
		return;
	case 0:
		/* A signal on its way to the tracee: delivered. */
		resume(t, i, sig);
		return;
	}
	resume(t, i, 0);
}

void
tracer_handle(struct tracer *t, pid_t pid, int status)
{
	struct tr_proc	*p;
	int		 i;

	if ((i = tracer_find(t, pid)) == -1 &&
	    (i = tracer_add(t, pid)) == -1) {
		/* Too many to follow: this one goes its own way. */
		if (WIFSTOPPED(status))
			ptrace(PTRACE_DETACH, pid, 0, 0);
		return;
	}
	p = &t->procs[i];
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		p->state = WIFEXITED(status) ? TR_EXITED : TR_KILLED;
		p->status = status;
		p->kstate = 'X';
		p->wchan[0] = '\0';
		source_forget(t, i);
		push(t, WIFEXITED(status) ? TE_EXIT : TE_KILLED, i);
		return;
	}
	if (WIFSTOPPED(status))
		stopped(t, i, status);
}

/* Every status waiting, handled; how many. */
static int
drain(struct tracer *t)
{
	int	st, n = 0;
	pid_t	pid;

	while ((pid = waitpid(-1, &st, WNOHANG | __WALL)) > 0) {
		tracer_handle(t, pid, st);
		n++;
	}
	return (n);
}

int
tracer_poll(struct tracer *t, int timeout_ms)
{
	struct signalfd_siginfo	 si;
	struct pollfd		 pfd[TRACE_PROGS_MAX + 1];
	int			 before = t->ev_n, n, waited = 0, slice;

	for (;;) {
		if (drain(t) > 0 || waited >= timeout_ms)
			break;
		/* Short slices: another signalfd (the screen's) may take
		 * the SIGCHLD this one waits for. */
		slice = timeout_ms - waited < 20 ? timeout_ms - waited : 20;
		n = tracer_pollfds(t, pfd, TRACE_PROGS_MAX + 1);
		if (poll(pfd, (nfds_t)n, slice) == -1 && errno != EINTR)
			return (-1);
		waited += slice;
		tracer_read_ptys(t);
		if (n > 0 && (pfd[0].revents & POLLIN))
			break;
	}
	while (t->sigfd != -1 && read(t->sigfd, &si, sizeof(si)) > 0)
		;
	drain(t);
	tracer_read_ptys(t);
	tracer_refresh(t);
	return (t->ev_n - before > 0 ? t->ev_n - before : 0);
}
