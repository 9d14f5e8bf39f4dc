/*
 * --free: the demo's workers at full speed, no step permits. Headless, a
 * line a second with the items/s of each worker, for --seconds (5).
 */
#ifndef IPCSCOPE_FREE_H
#define IPCSCOPE_FREE_H

#include "config.h"
#include "snapshot.h"

#define FREE_SECONDS_DEFAULT	5

/* The exit status: 0, 2 when the session cannot start or a worker
 * failed, 128 + N when signal N stopped it. */
int	free_main(const struct config *);
/* One line: "3 s: 1.21 M items/s; P1 612 k, C1 605 k" from the items
 * each worker had done in prev and in cur, seconds apart. */
void	free_rates(const struct snapshot *cur, const struct snapshot *prev,
	    double seconds, char *line, size_t len);

#endif
