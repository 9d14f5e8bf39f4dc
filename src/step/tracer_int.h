/*
 * The tracer's insides, shared by its files (src/step/tracer*.c): the
 * processes, the event queue, the programs' terminals. Faces use trace.h.
 */
#ifndef IPCSCOPE_TRACER_INT_H
#define IPCSCOPE_TRACER_INT_H

#include <stdint.h>

#include "ipcscope/trace.h"
#include "ipcscope/trace_decode.h"

#define TRACE_EVENTS_MAX	256	/* events not yet taken */

/* What PTRACE_GET_SYSCALL_INFO fills (linux/ptrace.h's struct
 * ptrace_syscall_info, which cannot be included beside sys/ptrace.h). */
struct tr_sysinfo {
	uint8_t		 op;		/* TR_OP_ENTRY, TR_OP_EXIT */
	uint8_t		 pad[3];
	uint32_t	 arch;
	uint64_t	 ip, sp;
	union {
		struct {
			uint64_t nr;
			uint64_t args[6];
		} entry;
		struct {
			int64_t	 rval;
			uint8_t	 is_error;
		} exit;
		struct {
			uint64_t nr;
			uint64_t args[6];
			uint32_t ret_data;
		} seccomp;
	};
};
#define TR_OP_ENTRY	1
#define TR_OP_EXIT	2

struct tr_prog {
	char		*name;		/* argv[0] as given */
	int		 pty;		/* the master side, -1 once closed */
	char		 out[TRACE_OUTPUT];	/* what it printed, visible */
	size_t		 outlen;
};

/* A process's private half, beside its public struct tr_proc. */
struct tr_priv {
	bool		 stepped;	/* let into its call: record the exit */
	/* The stepped call came out for a signal (ERESTART*): its handler's
	 * calls run first (inner: entered and not back), then it comes back
	 * in (the same call, or restart_syscall) or, the handler done
	 * (sigreturn) and something else called, it ended with EINTR. */
	bool		 restarting;
	int		 inner;
	bool		 handled;
	struct tr_raw	 raw;		/* the call's numbers */
	void		*dwfl;		/* source.c's cache, per process */
};

struct tracer {
	struct tr_opts	 opts;
	struct tr_prog	 progs[TRACE_PROGS_MAX];
	int		 nprogs;
	struct tr_proc	 procs[TRACE_PROCS_MAX];
	struct tr_priv	 priv[TRACE_PROCS_MAX];
	int		 nprocs;
	struct tr_event	 ev[TRACE_EVENTS_MAX];
	int		 ev_head, ev_n;
	long		 seq;
	int		 sigfd;		/* SIGCHLD, as a signalfd */
	bool		 chld_was_blocked;	/* leave it so at the end */
	tr_return_hook	 hook;
	void		*hook_ctx;
};

/* tracer_wait.c: one waitpid() status handled. */
void	tracer_handle(struct tracer *, pid_t, int status);
/* tracer.c */
void	tracer_push(struct tracer *, const struct tr_event *);
int	tracer_find(const struct tracer *, pid_t);
int	tracer_add(struct tracer *, pid_t);
/* tracer_io.c: the programs' output, and /proc state. */
void	tracer_read_ptys(struct tracer *);
void	tracer_refresh(struct tracer *);
/* Process i's name, from /proc/PID/comm. */
void	tracer_refresh_comm(struct tracer *, int i);
/* The tracee's memory (process_vm_readv): a tr_peek_fn, ctx the pid. */
ssize_t	tracer_peek(void *pidp, unsigned long addr, void *buf, size_t n);

/* source.c: the program's line of the call, from the stack (libdwfl). */
void	source_lookup(struct tracer *, int i, struct tr_source *);
/* Is func among the first few callers (ftok's stat)? */
bool	source_called_from(struct tracer *, int i, const char *func);
/* The process exec'd or ended: its cached view of the stack goes. */
void	source_forget(struct tracer *, int i);

#endif
