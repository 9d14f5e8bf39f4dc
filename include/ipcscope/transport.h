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
 *   sample   viewer. Reads the kernel's view into the snapshot's buffer
 *            and kernel parts. Never draws, never changes the objects.
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

#include "board.h"
#include "config.h"
#include "item.h"
#include "runfile.h"

struct snapshot;

/*
 * One teachable action. In done and blocked, "%S" stands for the slot the
 * step touched and "%I" for the item's number.
 */
struct phase_info {
	const char	*name;		/* "wait-empty": the JSON phase */
	const char	*call;		/* "semop(empty, -1)" */
	const char	*done;		/* what it did, when it returns */
	const char	*blocked;	/* why the kernel puts it to sleep */
};

struct channel {
	const struct transport	*t;
	const struct config	*cfg;
	struct board		*board;
	struct runfile		 run;		/* keys, names, write-ahead records */
	char			 error[256];
	int			 keep_fds[8];	/* fds a worker must inherit */
	int			 nkeep_fds;
};

struct worker {
	struct channel		*ch;
	struct board		*board;
	struct board_worker	*bw;
	bool			 item_start;	/* the next step begins an item */
	struct item		 item;		/* the producer's item: its seq is
						 * given with the item's first permit */
};

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
	int	(*sample)(struct channel *, struct snapshot *);
	void	(*close)(struct channel *);
	void	(*destroy)(struct channel *);
};

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

/*
 * Worker side of a step: finish the previous step, publish the next phase,
 * wait for the permit (unless one permit covers the whole item), then mark
 * the step as under way. Returns 0, or -1 if the wait failed.
 */
int	step(struct worker *, int phase);
/* Record the outcome of the call the current step made. */
void	step_result(struct worker *, int ret, int err);
/* The same, in the transport's own words for what it did ("got 20 of 64
 * bytes"), where the phase's fixed text cannot say it. */
void	step_result_text(struct worker *, int ret, int err, const char *done);
/* Say which lock the worker holds now ("" for none). */
void	step_holds(struct worker *, const char *);
/* The slot the current step touches, for the log. */
void	step_slot(struct worker *, int);
/* The item the worker now carries, or NULL once it no longer does. */
void	step_item(struct worker *, const struct item *);

#endif
