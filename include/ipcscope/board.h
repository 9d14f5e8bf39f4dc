/*
 * The board: an anonymous MAP_SHARED mapping made before fork, so it never
 * shows in ipcs. The viewer and every worker read and write it; each worker
 * owns one slot and waits on its own process-shared step permit.
 */
#ifndef IPCSCOPE_BOARD_H
#define IPCSCOPE_BOARD_H

#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

#include "config.h"
#include "role.h"

struct transport;


enum wstatus {
	WS_FREE,		/* slot unused */
	WS_STARTING,		/* forked, not yet at its first step */
	WS_WAIT_PERMIT,		/* between steps: waits for the viewer's permit */
	WS_IN_STEP,		/* doing the step: may be asleep in the kernel */
	WS_EXITED		/* reaped by the viewer */
};

/*
 * Why a worker failed the run, as data: the call is its phase's, the
 * errno its last_errno. The viewer stops the run and says so.
 */
enum wfail {
	WF_NONE,
	WF_OPEN,		/* it could not open the transport's objects */
	WF_LIMIT		/* a later call hit a kernel limit */
};

#define FACTS_MAX	8
#define HOLDS_MAX	24
#define CONSUMED_MAX	4096
#define GONE_MAX	1024

/* What one call came to, as the worker saw it; the viewer words it. */
struct board_fact {
	int		phase;		/* index into the transport's phases */
	int		outcome;	/* enum fact_outcome (snapshot.h) */
	long		ret;
	int		err;
	int		slot;
	uint32_t	item;
	long		got, want;	/* bytes, for a partial transfer */
	uint32_t	other;		/* another's item the call met (phase's clash text) */
	const struct transport *t;	/* --graph: whose phase it is (a
					 * filter uses two); NULL: the run's */
};

struct board_worker {
	_Atomic int		status;		/* enum wstatus */
	_Atomic unsigned long	steps;		/* steps finished */
	_Atomic int		phase;		/* index into the transport's phases */
	_Atomic unsigned long	done;		/* items produced or consumed */
	_Atomic int		slot;		/* slot the last step touched, -1 if none */
	_Atomic int		carrying;	/* holds an item between its calls */
	_Atomic uint32_t	item_seq;
	_Atomic int		item_producer;
	_Atomic uint32_t	item_marks;	/* --graph: its marks */
	_Atomic int		last_errno;
	_Atomic int		failed;		/* enum wfail */
	enum role		role;
	int			id;		/* 1-based within its role */
	pid_t			pid;
	int			exit_status;	/* from waitpid, once WS_EXITED */
	sem_t			permit;		/* the viewer posts, the worker waits */
	char			holds[HOLDS_MAX];	/* "mutex" while it holds one */
	/* --graph: its stage (-1 without), its name ("F2"), and the
	 * channel its phase belongs to (a filter reads one, writes one). */
	int			stage;
	char			name[8];
	_Atomic int		chan;
	const struct transport * _Atomic t;
	_Atomic int		nfacts;		/* calls since the last grant */
	struct board_fact	facts[FACTS_MAX];
};

struct consumed {
	uint32_t	seq;
	uint16_t	producer;
	uint16_t	consumer;
	uint32_t	marks;		/* --graph: the stages it went through */
	int16_t		sink;		/* --graph: the stage that took it, -1 */
};

struct board {
	_Atomic int		granularity;	/* enum granularity */
	_Atomic uint32_t	next_seq;	/* the next item's number, minus one */
	_Atomic int		live;		/* forked and not yet reaped */
	pid_t			viewer;
	struct board_worker	w[WORKERS_MAX];
	_Atomic uint32_t	nconsumed;	/* items taken, in the order taken */
	struct consumed		consumed[CONSUMED_MAX];
	/* Items no consumer can take any more: overwritten in their slot
	 * (written by the producer that wrote over them) or carried by a
	 * worker that was killed (written by the viewer). The audit counts
	 * those no consumer took as lost. */
	_Atomic uint32_t	ngone;
	uint32_t		gone[GONE_MAX];
	/* Free running (bench, --free): step() waits for no permit. */
	_Atomic int		free_run;
};

struct board	*board_create(void);
void		 board_destroy(struct board *);
/* A free slot for a new worker, its permit reset; -1 when all are used. */
int		 board_claim(struct board *, enum role, int id);
/* "P1", "C2": how the screen and the log name a worker. */
void		 worker_label(const struct board_worker *, char *, size_t);
/* Note that item seq is gone for good (see struct board). */
void		 board_gone(struct board *, uint32_t seq);

#endif
