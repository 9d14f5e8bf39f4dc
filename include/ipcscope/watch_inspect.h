/*
 * Looking inside one object (the watch face's detail view), no curses:
 * a segment's bytes (a read-only attach of our own for System V), the processes
 * that have it mapped (/proc/PID/maps), a queue's messages peeked with
 * MSG_COPY, and the processes asleep in semop, msgsnd or msgrcv on an
 * object (/proc/PID/syscall: the number and the first argument, the id).
 */
#ifndef IPCSCOPE_WATCH_INSPECT_H
#define IPCSCOPE_WATCH_INSPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "watch.h"

#define INSPECT_PROCS	32	/* attachers or sleepers listed */
#define INSPECT_MSGS	64	/* messages peeked */
#define INSPECT_HEAD	16	/* first bytes of a message shown */

struct inspect_proc {
	pid_t		pid;
	char		comm[17];
	unsigned long	addr;		/* where it has the segment mapped */
	long		syscall;	/* what it sleeps in, -1 */
};

struct inspect_msg {
	long		mtype;
	size_t		size;
	unsigned char	head[INSPECT_HEAD];
};

struct inspect {
	char		 ident[NAME_MAX + 16];	/* the object looked at */
	/* A segment: our read-only attach, and the bytes as last seen. */
	int		 shmid;
	const unsigned char *addr;	/* NULL: not attached */
	int		 fd;		/* a POSIX one: read, not mapped; -1 */
	size_t		 size;
	size_t		 shown;		/* bytes in now and prev */
	bool		 fresh;		/* no frame read yet */
	unsigned char	*prev;		/* the frame before, for highlights */
	unsigned char	*now;		/* copied once per frame */
	int		 attach_err;	/* errno of shmat/mmap, or 0 */
	int		 nprocs;
	struct inspect_proc procs[INSPECT_PROCS];	/* attachers / sleepers */
	int		 nmsgs;
	struct inspect_msg msgs[INSPECT_MSGS];
	int		 peek_err;	/* MSG_COPY's errno, or 0 */
	char		 note[160];
	/* Opened by inspect_open_still(): a System V segment's bytes come
	 * through /proc/PID/mem of the process in procs[0], never an attach
	 * of ours; mem_pid is that process (0: none has it mapped). */
	bool		 still;
	pid_t		 mem_pid;
};

/* Start looking at o (detaching from what came before); every frame,
 * inspect_update() reads it again. */
void	inspect_open(struct inspect *, const struct watch_obj *);
void	inspect_update(struct inspect *, const struct watch_obj *);
/* The same, holding nothing that the kernel counts: no attach, so nattch
 * and lpid stay what the programs made them (the step face, whose class
 * is counting them). A segment's bytes are read from a process that has
 * it mapped, through /proc/PID/mem (the tracer may read its tracees). */
void	inspect_open_still(struct inspect *, const struct watch_obj *);
/* Detach and free: on leaving the view and on every way out. */
void	inspect_close(struct inspect *);
/* The command name of pid ("?" when gone). */
void	inspect_comm(pid_t, char *, size_t);

#endif
