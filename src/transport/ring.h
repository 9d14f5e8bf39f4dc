/*
 * The bounded buffer of the two shared-memory transports: in, out and N
 * slots, laid out in memory the processes share. The transports keep the
 * locking (their semaphores) and the steps; this is only the data.
 */
#ifndef IPCSCOPE_RING_H
#define IPCSCOPE_RING_H

#include <stddef.h>
#include <stdint.h>

#include "ipcscope/config.h"
#include "ipcscope/item.h"
#include "ipcscope/snapshot.h"

struct ring {
	uint32_t	in;		/* next slot to fill */
	uint32_t	out;		/* next slot to empty */
	/* then cfg->slots slots of ring_stride() bytes each */
};

/* Bytes the ring takes for cfg's slots and item size. */
size_t	ring_size(const struct config *);
/* Put it at in and move in on; returns the slot used. */
int	ring_put(struct ring *, const struct config *, const struct item *);
/* Take the item at out, empty the slot, move out on; returns the slot. */
int	ring_take(struct ring *, const struct config *, struct item *);
/* The slots, in and out, as the snapshot shows them. */
void	ring_sample(const struct ring *, const struct config *,
	    struct snap_buffer *);

#endif
