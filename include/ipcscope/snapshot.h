/*
 * The snapshot: the one thing the views read. The session builds it each
 * frame from the board, /proc and the transport's sample(); the TUI panels,
 * the headless JSON writer and the tests read only this.
 */
#ifndef IPCSCOPE_SNAPSHOT_H
#define IPCSCOPE_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "config.h"

#define SNAP_SEMS	4
#define EVENT_MAX	768

struct snap_slot {
	bool		full;
	uint32_t	seq;
	int		producer;
	int		mtype;		/* sysv-msg: the message type */
};

struct snap_buffer {
	int		capacity;	/* items the buffer holds */
	int		count;		/* items in it now */
	int		in, out;	/* next slot to fill / to empty */
	bool		has_inout;	/* slots with positions (shm); queues have none */
	int		nslots;
	struct snap_slot slots[SLOTS_MAX];
	char		note[128];	/* how the items were read, or why not */
};

struct snap_shm {			/* System V segment, shmctl(IPC_STAT) */
	bool		present;
	int		id;
	unsigned	key;
	size_t		size;
	unsigned	mode;
	int		nattch;
	int		viewer_attached;	/* of nattch, how many are this viewer */
	pid_t		cpid, lpid;
	time_t		atime, dtime, ctime;
	bool		dest;
};

struct snap_sem {			/* System V set, or POSIX semaphores */
	bool		present;
	bool		posix;
	int		id;
	unsigned	key;
	unsigned	mode;
	int		nsems;
	const char	*names[SNAP_SEMS];
	int		values[SNAP_SEMS];
	int		ncnt[SNAP_SEMS];	/* waiting for the value to rise */
	int		zcnt[SNAP_SEMS];	/* waiting for zero */
	pid_t		pid[SNAP_SEMS];		/* last to operate (GETPID) */
	time_t		otime, ctime;
};

struct snap_msq {			/* System V queue, msgctl(IPC_STAT) */
	bool		present;
	int		id;
	unsigned	key;
	unsigned	mode;
	unsigned long	qnum, cbytes, qbytes;
	pid_t		lspid, lrpid;
	time_t		stime, rtime, ctime;
};

struct snap_pshm {			/* POSIX shared memory */
	bool		present;
	char		name[64];
	size_t		size;
	int		nmappers;
	pid_t		mappers[WORKERS_MAX + 1];
};

struct snap_mq {			/* POSIX message queue, mq_getattr */
	bool		present;
	char		name[64];
	long		curmsgs, maxmsg, msgsize;
	int		waiting_send;		/* mq_getattr has no waiter */
	int		waiting_receive;	/* counts: these come from /proc */
};

struct snap_pipe {			/* pipe or FIFO */
	bool		present;
	char		path[256];	/* FIFO only */
	int		queued;		/* FIONREAD */
	int		capacity;	/* F_GETPIPE_SZ */
};

struct snap_sock {			/* Unix-domain socketpair */
	bool		present;
	bool		stream;
	int		inq;		/* SIOCINQ: payload bytes */
	int		outq;		/* SIOCOUTQ: buffer memory */
	int		sndbuf, rcvbuf;
};

struct snap_worker {
	int		role;		/* enum role */
	int		id;
	char		label[8];	/* "P1" */
	pid_t		pid;
	bool		alive;
	const char	*phase;		/* the transport's phase name */
	const char	*call;		/* the call that phase makes */
	char		state;		/* /proc/PID/stat: R, S, T, Z; '-' once gone */
	char		wchan[48];
	long		syscall;	/* /proc/PID/syscall, -1 if running or unknown */
	bool		waiting_permit;
	bool		blocked;	/* asleep in the transport's call */
	char		reason[128];	/* why, when blocked */
	char		holds[24];
	bool		carrying;
	uint32_t	item_seq;
	int		item_producer;
	unsigned long	done;
	int		exit_signal;	/* once dead: the signal that killed it */
};

struct snap_audit {			/* what the consumers took, checked */
	unsigned long	taken;
	unsigned long	duplicates;	/* an item taken twice */
	unsigned long	out_of_order;	/* a producer's items taken out of order */
	unsigned long	unknown;	/* a number never given out: a torn item */
};

enum run_mode {
	MODE_STEP,		/* one step per key */
	MODE_RUN		/* slow motion on a timer */
};

struct snapshot {
	unsigned long	step;		/* permits granted so far */
	char		key[8];		/* the key that led to this snapshot */
	const char	*transport;
	const char	*title;
	int		mode;		/* enum run_mode */
	int		granularity;	/* enum granularity */
	int		speed_ms, cspeed_ms;
	unsigned long	produced, consumed;
	struct snap_audit audit;	/* from the consumers' log (audit.h) */
	struct snap_buffer buffer;
	struct {
		struct snap_shm		shm;
		struct snap_sem		sem;
		struct snap_msq		msq;
		struct snap_pshm	pshm;
		struct snap_mq		mq;
		struct snap_pipe	pipe;
		struct snap_sock	sock;
	} kernel;
	int		nworkers;
	struct snap_worker workers[WORKERS_MAX];
	int		selected;	/* index into workers, for 'k' */
	char		event[EVENT_MAX];
	char		notes[256];	/* kernel features missing, and what follows */
	struct {			/* set on the closing snapshot only */
		const char	*reason;	/* "keys", "quit", "steps", "signal", "once" */
		int		 signal;	/* the signal that ended the run, or 0 */
		int		 status;	/* the exit status that follows */
	} closing;
};

/* One JSON object, one line, the headless contract of design.md. */
void	snapshot_json_write(FILE *, const struct snapshot *);

#endif
