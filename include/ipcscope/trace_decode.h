/*
 * The step engine's decoder: a system call's numbers into the words a
 * class reads (strace's words: IPC_CREAT|0600, {mtype=2, mtext="ping"},
 * [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}]), and which calls are IPC.
 * No ptrace here: the tracee's memory comes through a tr_peek_fn, so the
 * unit tests can hand it a buffer of their own.
 */
#ifndef IPCSCOPE_TRACE_DECODE_H
#define IPCSCOPE_TRACE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "trace.h"

/* Read n bytes at addr of the tracee into buf: the number read, or -1. */
typedef ssize_t	(*tr_peek_fn)(void *ctx, unsigned long addr, void *buf,
		    size_t n);

/* A call as the kernel has it. */
struct tr_raw {
	long		 nr;
	unsigned long	 a[6];
	bool		 returned;
	long long	 rval;		/* the kernel's: -errno on failure */
	bool		 is_error;
};

/* The system call's name ("shmget"), or NULL when the table lacks it. */
const char	*trace_sys_name(long nr);
/* Arguments decoded at the entry: name, nargs, args[] of c. */
void	trace_decode_entry(const struct tr_raw *, tr_peek_fn, void *ctx,
	    struct tr_call *c);
/* At the return: ret, err, rettext, and what the call filled in (a read
 * buffer, msgrcv's message, pipe's two descriptors). */
void	trace_decode_return(const struct tr_raw *, tr_peek_fn, void *ctx,
	    struct tr_call *c);

/* The pieces, for the tests and the screen. */
void	trace_key_text(unsigned long key, char *, size_t);
void	trace_ipcflg_text(unsigned long flg, char *, size_t);
void	trace_shmatflg_text(unsigned long flg, char *, size_t);
void	trace_ctlcmd_text(int kind, unsigned long cmd, char *, size_t);
void	trace_msgflg_text(unsigned long flg, char *, size_t);
void	trace_oflags_text(unsigned long flg, char *, size_t);
/* Bytes as strace shows them: "hi\n" in quotes, cut at max with "...". */
void	trace_bytes_text(const unsigned char *, size_t n, size_t max,
	    char *, size_t);
/* "-1 ENOENT (No such file or directory)" */
void	trace_err_text(int err, char *, size_t);
const char	*trace_errno_name(int err);

/* Kinds of trace_ctlcmd_text. */
#define TR_CTL_SHM	0
#define TR_CTL_MSG	1
#define TR_CTL_SEM	2

/*
 * Is this call entry an IPC one? pid is the tracee's (its descriptors
 * are looked at in /proc: read on a pipe is, on a file is not). name
 * gets the name to show ("ftok" for ftok's stat is the caller's to
 * decide), target what the call touches, as far as the entry tells.
 */
bool	trace_is_ipc(pid_t, const struct tr_raw *, tr_peek_fn, void *ctx,
	    struct tr_target *);
/* After the return: what the call made (shmget's id, an fd's kind). */
void	trace_target_return(pid_t, const struct tr_raw *, struct tr_target *);
/* What descriptor fd of pid is: "pipe:[123]", "socket:[45]", a path. */
int	trace_fd_link(pid_t, int fd, char *, size_t);

#endif
