/*
 * The snapshot: the one thing the views read. The session builds it each
 * frame from the board, /proc and the transports' sample(); the replay
 * face builds it from a recorded JSON line. The TUI panels, the JSON
 * writer and the tests read only this.
 *
 * It owns every string (arrays, not pointers into tables), so a snapshot
 * outlives the session that made it. Its shape:
 *  - objects: the kernel objects, each a kind with its fields and an
 *    ident that stays the same from frame to frame ("shm 32769");
 *  - buffers: what the items go through, each naming the objects that
 *    carry it; today's demo has one, a pipeline has several;
 *  - workers: each names the buffer it takes from and the one it puts
 *    into (-1 for none);
 *  - facts: what the step did, as data (call, return value, errno, slot,
 *    item); event is the sentence the viewer made of them.
 */
#ifndef IPCSCOPE_SNAPSHOT_H
#define IPCSCOPE_SNAPSHOT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

#include "config.h"

#define SNAP_OBJECTS	8	/* kernel objects in one frame */
#define SNAP_BUFFERS	4	/* GRAPH_EDGES_MAX: two objects each */
#define SNAP_SEMS	4
#define SNAP_FACTS	8	/* step outcomes behind one event */
#define SNAP_IDENT_MAX	96
#define EVENT_MAX	768
#define CODE_LINES_MAX	16	/* lines of one worker's loop */
#define CODE_TEXT_MAX	64	/* one line of code, with its indent */

struct snap_slot {
	bool		full;
	uint32_t	seq;
	int		producer;
	int		mtype;		/* sysv-msg: the message type */
	uint32_t	marks;		/* --graph: its marks, as on the wire */
	char		via[16];	/* and as names: "F>G", "" for none */
};

struct snap_buffer {
	char		name[8];	/* "B1" */
	int		nobjects;
	int		objects[SNAP_OBJECTS];	/* what carries it: indexes
						 * into snapshot.objects */
	int		capacity;	/* items the buffer holds */
	int		count;		/* items in it now */
	int		in, out;	/* next slot to fill / to empty */
	bool		has_inout;	/* slots with positions (shm); queues have none */
	int		nslots;
	struct snap_slot slots[SLOTS_MAX];
	char		note[128];	/* how the items were read, or why not */
	char		transport[24];	/* what carries it ("pipe") */
};

enum obj_kind {
	OBJ_SHM,		/* System V segment */
	OBJ_SEM,		/* System V semaphore set, or POSIX semaphores */
	OBJ_MSQ,		/* System V message queue */
	OBJ_PSHM,		/* POSIX shared memory */
	OBJ_MQ,			/* POSIX message queue */
	OBJ_PIPE,		/* anonymous pipe */
	OBJ_FIFO,		/* named pipe */
	OBJ_SOCKET,		/* Unix-domain socketpair */
	OBJ_NKINDS
};

struct snap_shm {			/* System V segment, shmctl(IPC_STAT) */
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
	bool		posix;
	int		id;
	unsigned	key;
	unsigned	mode;
	int		nsems;
	char		names[SNAP_SEMS][12];
	int		values[SNAP_SEMS];
	int		ncnt[SNAP_SEMS];	/* waiting for the value to rise */
	int		zcnt[SNAP_SEMS];	/* waiting for zero */
	pid_t		pid[SNAP_SEMS];		/* last to operate (GETPID) */
	time_t		otime, ctime;
};

struct snap_msq {			/* System V queue, msgctl(IPC_STAT) */
	int		id;
	unsigned	key;
	unsigned	mode;
	unsigned long	qnum, cbytes, qbytes;
	pid_t		lspid, lrpid;
	time_t		stime, rtime, ctime;
};

struct snap_pshm {			/* POSIX shared memory */
	char		name[64];
	size_t		size;
	int		nmappers;
	pid_t		mappers[WORKERS_MAX + 1];
};

struct snap_mq {			/* POSIX message queue, mq_getattr */
	char		name[64];
	long		curmsgs, maxmsg, msgsize;
	int		waiting_send;		/* mq_getattr has no waiter */
	int		waiting_receive;	/* counts: these come from /proc */
};

struct snap_pipe {			/* pipe or FIFO */
	char		path[256];	/* FIFO only */
	int		queued;		/* FIONREAD */
	int		capacity;	/* F_GETPIPE_SZ */
};

struct snap_sock {			/* Unix-domain socketpair */
	bool		stream;
	int		inq;		/* SIOCINQ: payload bytes */
	int		outq;		/* SIOCOUTQ: buffer memory */
	int		sndbuf, rcvbuf;
};

struct snap_object {
	enum obj_kind	 kind;
	char		 ident[SNAP_IDENT_MAX];	/* the same in every frame */
	union {
		struct snap_shm		shm;
		struct snap_sem		sem;
		struct snap_msq		msq;
		struct snap_pshm	pshm;
		struct snap_mq		mq;
		struct snap_pipe	pipe;	/* OBJ_PIPE and OBJ_FIFO */
		struct snap_sock	sock;
	} u;
};

struct snap_worker {
	int		role;		/* enum role */
	int		id;
	char		label[8];	/* "P1" */
	char		stage[8];	/* --graph: its stage ("F"), or "" */
	pid_t		pid;
	bool		alive;
	char		phase[24];	/* the transport's phase name */
	char		call[64];	/* the call that phase makes */
	int		from, to;	/* buffers it takes from / puts into, -1 */
	int		on;		/* --graph: the buffer its call is on
					 * (from or to), -1 */
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
	char		via[16];	/* --graph: the marks of what it carries */
	unsigned long	done;
	int		exit_signal;	/* once dead: the signal that killed it */
	int		line;		/* the code line it runs next or sleeps
					 * in, from 1 in its loop; 0: none */
	char		line_text[CODE_TEXT_MAX];	/* that line, unindented */
	/* --free on the screen: items/s over the last half second or so,
	 * worked out by the screen; 0 otherwise (never in the JSON). */
	unsigned long	rate;
};

/* The code panel's listing: each role's loop as the textbook writes it,
 * one line each, indented with spaces (code.h makes it). */
struct snap_code {
	int		nlines[2];	/* by enum role */
	char		lines[2][CODE_LINES_MAX][CODE_TEXT_MAX];
};

/* What one call of a step came to: the facts the event is made of. */
enum fact_outcome {
	FACT_DONE,		/* returned, and did what the phase says */
	FACT_FAILED,		/* returned -1 with err */
	FACT_ASLEEP,		/* the kernel put the worker to sleep in it */
	FACT_PARTIAL,		/* moved got of want bytes, part of an item */
	FACT_EOF,		/* a read returned 0: no writer any more */
	FACT_LAST_PART		/* moved the last bytes of an item */
};

struct snap_fact {
	char		worker[8];	/* "P1" */
	bool		woken;		/* another worker's step woke it */
	int		outcome;	/* enum fact_outcome */
	char		phase[24];
	char		call[64];
	long		ret;
	int		err;		/* errno, 0 for none */
	int		slot;		/* the slot it touched, -1 */
	uint32_t	item;		/* the item's number, 0 */
	long		got, want;	/* bytes moved and asked, partial moves */
	uint32_t	other;		/* another's item the call met, 0 */
};

struct snap_audit {			/* what the consumers took, checked */
	unsigned long	taken;
	unsigned long	duplicates;	/* an item taken twice */
	unsigned long	out_of_order;	/* a producer's items taken out of order */
	unsigned long	unknown;	/* a number never given out: a torn item */
	unsigned long	lost;		/* numbered, gone, and no consumer took it */
	unsigned long	misrouted;	/* --graph: not marked by every stage
					 * of its way, in order */
};

enum run_mode {
	MODE_STEP,		/* one step per key */
	MODE_RUN		/* slow motion on a timer */
};

struct snapshot {
	unsigned long	step;		/* permits granted so far */
	char		key[8];		/* the key that led to this snapshot */
	char		transport[24];
	char		title[64];
	char		graph[128];	/* --graph SPEC, or "" */
	long long	at_ms;		/* ms since the run began; -1 untimed */
	int		mode;		/* enum run_mode */
	int		granularity;	/* enum granularity */
	int		speed_ms, cspeed_ms;
	unsigned long	produced, consumed;
	struct snap_audit audit;	/* from the consumers' log (audit.h) */
	int		nobjects;
	struct snap_object objects[SNAP_OBJECTS];
	int		nbuffers;
	struct snap_buffer buffers[SNAP_BUFFERS];
	int		nworkers;
	struct snap_worker workers[WORKERS_MAX];
	struct snap_code code;
	int		selected;	/* index into workers, for 'k' */
	int		nfacts;
	struct snap_fact facts[SNAP_FACTS];
	char		event[EVENT_MAX];
	char		notes[256];	/* kernel features missing, and what follows */
	struct {			/* --scenario: where its script is */
		char	 name[48];	/* "" without a scenario */
		char	 title[96];
		char	 caption[160];	/* the last caption reached, or "" */
		int	 mark, marks;	/* pause marks passed, and in all */
		int	 line;		/* the next command's line, 0 at the end */
		bool	 over;		/* the whole script has played */
	} scenario;
	struct {			/* set on the closing snapshot only */
		char	 reason[12];	/* "keys", "quit", "steps", "signal", "once",
					 * "script" */
		int	 signal;	/* the signal that ended the run, or 0 */
		int	 status;	/* the exit status that follows */
	} closing;
};

/* Start a frame: nothing in it yet. */
void	snapshot_clear(struct snapshot *);
/*
 * Add an object of kind, its ident printf-style; NULL when the frame is
 * full. Its fields are zero, for the caller to fill.
 */
struct snap_object *snapshot_add_object(struct snapshot *, enum obj_kind,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Add a buffer named name; NULL when full. */
struct snap_buffer *snapshot_add_buffer(struct snapshot *, const char *name);
/* Say that object (from snapshot_add_object) carries buffer b. */
void	snapshot_carries(struct snapshot *, struct snap_buffer *,
	    const struct snap_object *);
/* The object with ident, or the first of kind; NULL if none. */
const struct snap_object *snapshot_object(const struct snapshot *,
	    const char *ident);
const struct snap_object *snapshot_first(const struct snapshot *,
	    enum obj_kind);
/* The kind's name in the JSON ("shm", "posix_shm"...), and back (-1). */
const char	*obj_kind_name(enum obj_kind);
int		 obj_kind_from_name(const char *);

/* A fact's outcome as the JSON names it ("done", "asleep"...), and back. */
const char	*fact_outcome_name(int);
int		 fact_outcome_from_name(const char *);
/* An errno by its symbolic name ("EAGAIN"; "E1234" for one without),
 * and back (0 if unknown). */
const char	*errno_name(int);
int		 errno_from_name(const char *);

/* One JSON object, one line: the headless contract of design.md. */
void	snapshot_json_write(FILE *, const struct snapshot *);
/*
 * Back from one such line into snap. 0, or -1 with one printable line in
 * err saying what was wrong and where. Fields this version does not know
 * are skipped, so a newer file still reads.
 */
int	snapshot_json_read(const char *line, size_t len, struct snapshot *,
	    char *err, size_t errlen);

#endif
