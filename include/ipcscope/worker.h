/* A worker process: a producer or a consumer, driven by step permits. */
#ifndef IPCSCOPE_WORKER_H
#define IPCSCOPE_WORKER_H

#include <stdbool.h>

#include "board.h"
#include "transport.h"

/* A worker's own state, in its process; transports see it opaque. */
struct worker {
	struct channel		*ch;
	struct board		*board;
	struct board_worker	*bw;
	bool			 item_start;	/* the next step begins an item */
	struct item		 item;		/* the producer's item: its seq is
						 * given with the item's first permit */
	uint32_t		 clash;		/* step_clash() for the next fact */
	bool			 quiet;		/* bench: no one reads the board,
						 * so no step is published */
	/* What the transports see: the role it plays on the channel it
	 * uses now (a filter reads as a consumer, writes as a producer),
	 * its id there, and the reader an addressed item goes to. */
	enum role		 as;
	int			 chan_id;
	int			 addr;
};

/*
 * Run worker slot index of ch->board in this (freshly forked) process.
 * Never returns. keep_stderr: leave fd 2 alone (headless), else /dev/null
 * so that nothing writes over the TUI.
 */
void	worker_run(struct channel *ch, int index, bool keep_stderr)
	    __attribute__((__noreturn__));

/*
 * The start every worker shares: signals, the viewer's death, the
 * descriptors of the channels in use (bit c: chs[c]; the others are
 * closed), its process title. chs stays the run's until the end.
 */
void	worker_prepare(struct channel *const *chs, int nch, unsigned use,
	    int index, bool keep_stderr);
/* Leave: the last one out when the viewer is gone removes every
 * channel's objects. Async-signal-safe. */
void	worker_leave(int status) __attribute__((__noreturn__));
/* A consumer took it (sink: its --graph stage, or -1): one more line in
 * the board's log. */
void	worker_record(struct board *, const struct item *, int consumer,
	    int sink);
/*
 * --graph: run worker slot index as its stage of g says (a source, a
 * filter, a sink), over the channels of the run, one per buffer.
 */
struct graph;
void	graph_worker_run(struct channel *const *chs, const struct graph *g,
	    int index, bool keep_stderr) __attribute__((__noreturn__));

#endif
