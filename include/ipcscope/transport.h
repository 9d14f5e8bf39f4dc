/*
 * One transport = one file under src/transport/ that fills one table.
 * The hooks, who calls them, and what they return:
 *
 *   create   viewer, before fork. Makes the kernel objects (mode 0600,
 *            IPC_EXCL) and records each in the run file. 0, or -1 with a
 *            one-line reason in ch->error (naming the /proc/sys limit hit).
 *   open     worker, after fork. Attaches or opens what it needs; it may
 *            call step() first so that the attach is a visible step.
 *   send     producer: puts one item, one step() before each system call.
 *   recv     consumer: takes one item, the same way.
 *            Both return 0, or -1 when the objects are gone (EIDRM...).
 *   sample   viewer. Adds each of its kernel objects to the snapshot
 *            (snapshot_add_object, with an ident that stays the same
 *            from frame to frame), says they carry the buffer
 *            (snapshot_carries), and fills the buffer's slots. Never
 *            draws, never changes the objects.
 *   close    worker, on its way out. May be NULL.
 *   destroy  viewer on every exit path, or the last worker out when the
 *            viewer died. Only system calls (it may run in a signal
 *            handler), idempotent, and tolerant of half-made objects.
 */
#ifndef IPCSCOPE_TRANSPORT_H
#define IPCSCOPE_TRANSPORT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "config.h"
#include "item.h"
#include "role.h"
#include "runfile.h"

struct board;
struct snapshot;
struct snap_buffer;

/*
 * One teachable action, and the words for what its call came to. In the
 * texts "%S" stands for the slot the step touched, "%I" for the item's
 * number, "%G" and "%W" for the bytes moved and asked, "%R" for what the
 * call returned, "%H" for " of the item" once the item is known, "%O" for
 * another worker's item the call met (clash).
 */
struct phase_info {
	const char	*name;		/* "wait-empty": the JSON phase */
	const char	*call;		/* "semop(empty, -1)" */
	const char	*done;		/* what it did, when it returns */
	const char	*blocked;	/* why the kernel puts it to sleep */
	const char	*partial;	/* a transfer of part of an item, or NULL */
	const char	*last;		/* the last part of an item, or NULL */
	const char	*eof;		/* a read that returned 0, or NULL */
	const char	*clash;		/* the call met item %O, another's: it
					 * wrote over it or read it again; NULL */
	const char	*code;		/* its line(s) as the textbook writes
					 * them, '\n' between lines; NULL:
					 * the call, with a ';' */
};

/*
 * The code panel: a worker's loop as the textbook writes it, a list of
 * phases (whose lines come from the phase table, so the listing shows
 * what runs) and plain lines ("while (1) {") that are no step.
 */
#define CODE_PLAIN	(-1)

struct code_line {
	int		 phase;		/* index into phases, or CODE_PLAIN */
	int		 indent;	/* spaces before it */
	const char	*text;		/* CODE_PLAIN: the line itself */
};

struct code_loop {
	const struct code_line	*lines;
	int			 nlines;
};
/* Point l at the static array a of code lines. */
#define CODE_LOOP(l, a)	((l).lines = (a), \
	    (l).nlines = (int)(sizeof(a) / sizeof((a)[0])))

struct channel {
	const struct transport	*t;
	const struct config	*cfg;
	struct board		*board;		/* the session's, never the transport's */
	pid_t			 viewer;	/* who owns the objects */
	struct runfile		 run;		/* keys, names, write-ahead records */
	char			 error[256];
	int			 keep_fds[8];	/* fds a worker must inherit */
	int			 nkeep_fds;
};

/* A worker process, as its transport sees it: what it is, and the step
 * functions below; its slot on the board stays the core's. */
struct worker;

struct transport {
	const char	*name;		/* the --transport value */
	const char	*title;		/* shown in the header */
	size_t		 chan_size;	/* its own struct, embedding struct channel first */
	const struct phase_info *phases;
	int		 nphases;
	int	(*create)(struct channel *, const struct config *);
	int	(*open)(struct channel *, struct worker *);
	int	(*send)(struct channel *, const struct item *, struct worker *);
	int	(*recv)(struct channel *, struct item *, struct worker *);
	int	(*sample)(struct channel *, struct snapshot *,
		    struct snap_buffer *);
	void	(*close)(struct channel *);
	void	(*destroy)(struct channel *);
	unsigned	 features;	/* TF_ below: what --unsafe, --undo need */
	/* Viewer: the mutex as the kernel holds it, its value and how many
	 * wait for it (semctl GETVAL, GETNCNT); -1 when there is none. May
	 * be NULL. */
	int	(*lock_state)(struct channel *, int *value, int *waiting);
	/* Viewer: the producer's and the consumer's loop (by enum role) as
	 * the channel runs them (mailbox, locks or not). */
	void	(*code)(const struct channel *, struct code_loop[2]);
	/* What one item may be, for bench: at most item_max bytes when it
	 * is not 0 (item_max_why says why), and at most the value of the
	 * /proc/sys file item_sysctl names when it is not NULL. */
	size_t		 item_max;
	const char	*item_max_why;
	const char	*item_sysctl;
};

#define TF_UNSAFE	0x01	/* has a mutex --unsafe can drop */
#define TF_UNDO		0x02	/* System V semaphores: SEM_UNDO exists */
#define TF_ADDRESS	0x04	/* an item can be addressed to one reader
				 * (sysv-msg mtype): --graph broadcast */

extern const struct transport *const transports[];

/*
 * Write ahead in the run file (runfile.h): chan_want() before the call
 * that makes an object, chan_made() after. -1 with ch->error set.
 */
int	chan_want(struct channel *, const char *kind, key_t, const char *name);
int	chan_made(struct channel *, const char *kind, key_t, int id,
	    const char *name);

const struct transport	*transport_find(const char *);
const struct transport	*transport_next(const struct transport *);

/* What the worker is, for the transport's own choices. */
enum role	worker_role(const struct worker *);
int		worker_id(const struct worker *);
/* Mailbox mode: the consumer item seq is addressed to (live consumers by
 * id, round robin), 1 when there is none. */
int		worker_mailbox(const struct worker *, uint32_t seq);
/* Count an item done before send() returns (a consumer may take it
 * during a later step of the send), +1; -1 gives the count back. */
void		step_done(struct worker *, int delta);

/*
 * Worker side of a step: finish the previous step, publish the next phase,
 * wait for the permit (unless one permit covers the whole item), then mark
 * the step as under way. Returns 0, or -1 if the wait failed.
 */
int	step(struct worker *, int phase);
/* Record the outcome of the call the current step made: its return value
 * and, when it is -1, the errno. The viewer words it from the phase. */
void	step_result(struct worker *, int ret, int err);
/* A transfer that moved got of want bytes, part of an item (the phase's
 * partial text); the last ret bytes of an item (its last text); a read
 * that returned 0, end of file (its eof text). */
void	step_result_part(struct worker *, long got, long want);
void	step_result_last(struct worker *, long ret);
void	step_result_eof(struct worker *);
/* Say which lock the worker holds now ("" for none). */
void	step_holds(struct worker *, const char *);
/* The slot the current step touches, for the log. */
void	step_slot(struct worker *, int);
/* The item the worker now carries, or NULL once it no longer does. */
void	step_item(struct worker *, const struct item *);
/* The current call met item other of another worker (wrote over it, read
 * it again): the fact is worded with its phase's clash text. A producer
 * that wrote over an item also says it is gone (board_gone). */
void	step_clash(struct worker *, uint32_t other);

#endif
