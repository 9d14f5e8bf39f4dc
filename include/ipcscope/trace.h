/*
 * ipcscope step's engine: unmodified programs run under ptrace and are
 * stopped at each IPC system call, one call per step. No curses: the step
 * screen (src/ui/step_*.c), its headless lines and the lessons read this.
 *
 * A process is stopped at the *entry* of each IPC call, its arguments
 * decoded. tracer_step() lets that one call run: when it returns, its
 * return value is recorded and the process runs on by itself, through
 * any non-IPC calls, to the entry of its next IPC call, where it stops
 * again. A call that sleeps in the kernel (msgrcv on an empty queue)
 * leaves the process TR_IN_CALL until another process wakes it.
 *
 * Each program's standard input, output and error are a pseudo-terminal
 * of the tracer's (not a pipe: its printf must not count as IPC); what it
 * prints is kept per program (tracer_output).
 */
#ifndef IPCSCOPE_TRACE_H
#define IPCSCOPE_TRACE_H

#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#define TRACE_PROGS_MAX	4	/* programs on one command line */
#define TRACE_PROCS_MAX	32	/* processes followed, their forks included */
#define TRACE_ARGS_MAX	6
#define TRACE_OUTPUT	4096	/* bytes of a program's output kept */

/* Where a traced process is. */
enum tr_state {
	TR_RUNNING,	/* between IPC calls, running by itself */
	TR_AT_CALL,	/* stopped at the entry of an IPC call: a step runs it */
	TR_IN_CALL,	/* let into the call and not back: asleep in the
			 * kernel (kstate 'S', wchan), or just returning */
	TR_EXITED,	/* exited: status is its wait status */
	TR_KILLED,	/* ended by a signal (a crash, a kill): status */
	TR_DETACHED	/* let go by tracer_end(), still running */
};

/* One argument, decoded: flags by name, keys as 0x%08x, a buffer's first
 * bytes made visible. */
struct tr_arg {
	const char	*name;		/* "key", "shmflg", "msgp" */
	char		 text[128];	/* "0x41020304", "IPC_CREAT|0600" */
};

/* The line of the program that made the call: the first frame, walking
 * out from the system call, that lies in the program itself. */
struct tr_source {
	bool	 known;			/* such a frame was found */
	char	 file[PATH_MAX];	/* as the debug information names it;
					 * "" without -g */
	int	 line;			/* 0 without -g */
	char	 text[256];		/* the line itself, when the file reads */
	char	 func[128];		/* its function, from the symbol table */
};

/* What a call touched, for the kernel's view of it: a face looks it up
 * in a watch_list (watch_find) or, for a pipe or socket, in /proc. */
struct tr_target {
	int		 type;		/* WT_SHM..WT_PMQ (watch.h), or -1 */
	int		 id;		/* System V id, or -1 */
	unsigned	 key;		/* System V key (0: IPC_PRIVATE) */
	char		 name[NAME_MAX + 2];	/* POSIX name "/foo", a FIFO's
					 * path, or "" */
	char		 fd[64];	/* what the fd is: "pipe:[12345]",
					 * "socket:[6789]", or "" */
};

struct tr_call {
	long		 seq;		/* 1, 2...: the order calls were
					 * stopped at, over all processes */
	long		 nr;		/* the system call's number */
	const char	*name;		/* "shmget"; "ftok" for ftok's stat */
	struct tr_arg	 args[TRACE_ARGS_MAX];
	int		 nargs;
	bool		 returned;
	long long	 ret;		/* the value the program sees: -1 on
					 * failure for most calls */
	int		 err;		/* errno, 0 on success */
	char		 rettext[96];	/* "32769", "0x7f3c1000",
					 * "-1 ENOENT (No such file or directory)" */
	struct tr_source src;
	struct tr_target target;
};

struct tr_proc {
	pid_t		 pid;
	pid_t		 ppid;		/* the traced parent; 0 for a program
					 * started from the command line */
	int		 prog;		/* its program (0..), forks inherit it */
	char		 comm[17];
	enum tr_state	 state;
	int		 status;	/* wait status, once ended */
	struct tr_call	 call;		/* the call it is at or in, or its last */
	char		 kstate;	/* /proc/PID/stat state: 'S' asleep */
	char		 wchan[64];	/* where it sleeps, when asleep */
};

/* What happened, in order: for a log, and for the headless lines. */
enum tr_event_kind {
	TE_CALL,	/* stopped at the entry of call */
	TE_RETURN,	/* call returned (ret, err, rettext filled) */
	TE_FORK,	/* pid made child, followed */
	TE_EXIT,	/* pid exited: status */
	TE_KILLED	/* pid ended by a signal: status */
};

struct tr_event {
	enum tr_event_kind kind;
	int		 proc;		/* its index for tracer_proc() */
	pid_t		 pid;
	pid_t		 child;		/* TE_FORK */
	int		 status;	/* TE_EXIT, TE_KILLED: wait status */
	struct tr_call	 call;		/* TE_CALL, TE_RETURN */
};

struct tr_opts {
	bool	 all;		/* --all: stop at every system call */
	bool	 kill;		/* --kill: the programs die with the tracer
				 * (PTRACE_O_EXITKILL); else they are let go */
};

struct tracer;

/*
 * Fork and exec each program (progs[i] is a NULL-terminated argv; the
 * file is looked up in PATH as execvp does) under PTRACE_SEIZE with
 * PTRACE_O_TRACESYSGOOD, following forks. 0; or -1 with one line in err
 * that says why and nothing left running: a program that cannot be run
 * ("./srv: No such file or directory"), ptrace refused (Yama's
 * ptrace_scope, a container without CAP_SYS_PTRACE: and how to allow it).
 */
int	tracer_start(struct tracer **, char **const *progs, int nprogs,
	    const struct tr_opts *, char *err, size_t errlen);
/*
 * The descriptors to poll() for events (a SIGCHLD notification, the
 * programs' pseudo-terminals); at most max, their number. When one is
 * readable, or every so often, call tracer_poll().
 */
int	tracer_pollfds(const struct tracer *, struct pollfd *, int max);
/*
 * Take what the tracees did, waiting up to timeout_ms for the first of
 * it: stops are handled (non-IPC ones continued), output read, /proc
 * state refreshed. The number of new events, or -1 with errno.
 */
int	tracer_poll(struct tracer *, int timeout_ms);
/* The oldest event not yet taken, into ev; false when there is none. */
bool	tracer_next_event(struct tracer *, struct tr_event *ev);
/* Let process i run the call it is stopped at. 0, or -1 (EINVAL: it is
 * not TR_AT_CALL). */
int	tracer_step(struct tracer *, int i);
int	tracer_nprocs(const struct tracer *);
const struct tr_proc *tracer_proc(const struct tracer *, int i);
/* The process of program prog that a key steps: its first process at a
 * call, or else its first still alive; -1 when all of it has ended. */
int	tracer_proc_of(const struct tracer *, int prog);
int	tracer_nprogs(const struct tracer *);
/* Program prog's argv[0] as given, and what it has printed (the last
 * TRACE_OUTPUT bytes, NUL-terminated, made visible). */
const char *tracer_prog_name(const struct tracer *, int prog);
const char *tracer_output(const struct tracer *, int prog);
/* Process i will do nothing more without a step: it is at a call, asleep
 * in one (kstate 'S' in the kernel), or ended. Faces wait for this
 * before they read the kernel's view, so that it shows the call's end.
 * A process asleep outside any IPC call (TR_RUNNING, kstate 'S': in a
 * wait for a child stopped at a call, a sleep) counts as settled too, or
 * a parent in waitpid() would hold every step up. */
bool	tracer_settled(const struct tracer *, int i);
/* Every process has ended. */
bool	tracer_done(const struct tracer *);
/*
 * The end: each process still there is let go (PTRACE_DETACH, running
 * on) or, with kill, killed and reaped; one line each into report
 * ("pid 123 (server) detached, still running", "... killed"). Nothing is
 * left stopped or traced. Frees the tracer.
 */
void	tracer_end(struct tracer *, bool kill, FILE *report);

/*
 * Added after the first interface: called inside tracer_poll() at the
 * return of each stepped call, the process still stopped there, so that
 * a face may read the kernel's view of what the call did before the
 * process runs on (and maybe exits, detaching a segment). proc is its
 * tracer_proc() index, its call filled as TE_RETURN's will be.
 */
typedef void	(*tr_return_hook)(void *ctx, const struct tracer *, int proc);
void	tracer_set_return_hook(struct tracer *, tr_return_hook, void *ctx);

#endif
