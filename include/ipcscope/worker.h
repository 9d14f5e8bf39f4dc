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
};

/*
 * Run worker slot index of ch->board in this (freshly forked) process.
 * Never returns. keep_stderr: leave fd 2 alone (headless), else /dev/null
 * so that nothing writes over the TUI.
 */
void	worker_run(struct channel *ch, int index, bool keep_stderr)
	    __attribute__((__noreturn__));

#endif
