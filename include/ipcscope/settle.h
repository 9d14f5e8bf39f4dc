/*
 * Settling: after granting a permit, the viewer waits until no worker
 * will move by itself before it takes the snapshot, so that the same
 * keys give the same snapshots.
 */
#ifndef IPCSCOPE_SETTLE_H
#define IPCSCOPE_SETTLE_H

#include <stdbool.h>

#include "board.h"

/* How long the session waits, in ms, before it says so. */
#define SETTLE_MS	3000

/*
 * What settling reads of each worker, each pass: the real one is
 * settle_proc; a test passes its own.
 *   still      will the worker stay as it is until someone acts: asleep
 *              on its permit or in the kernel, or gone?
 *   signature  what two quiet passes in a row must agree on.
 */
struct settle_sampler {
	bool		 (*still)(const struct board_worker *, void *arg);
	unsigned long	 (*signature)(const struct board_worker *, void *arg);
	void		*arg;
};

/* /proc/PID/stat and the board: state S with a wait channel, or dead;
 * the steps taken and the status. */
extern const struct settle_sampler settle_proc;

/*
 * Wait until every worker on b is still, twice in a row with the same
 * signatures (a worker woken by another may not have run yet), and the
 * worker granted a permit (board index, -1 for none) has moved: it no
 * longer waits for a permit with the steps it had before. 0 once
 * settled, -1 after ms without.
 */
int	settle(const struct board *b, const struct settle_sampler *,
	    int granted, unsigned long before, int ms);

#endif
