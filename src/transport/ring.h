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
/*
 * --unsafe: the lines of ring_put and ring_take one at a time, as the
 * textbook writes them, so that another process can run in between.
 * Each reads or writes the shared segment itself: the race is the real
 * one. The slot's full flag is only read to say what happened.
 */
/* i = in; i = out */
int	ring_load_in(const struct ring *);
int	ring_load_out(const struct ring *);
/* buffer[i] = item; the item it wrote over, 0 if the slot was empty. */
uint32_t ring_write_at(struct ring *, const struct config *, int i,
	    const struct item *);
/* item = buffer[i], the bytes left as they are (marked empty for the
 * viewer); the item's number if the slot was marked empty already (it
 * was taken before), else 0. */
uint32_t ring_read_at(struct ring *, const struct config *, int i,
	    struct item *);
/* in = (i + 1) % N; out = (i + 1) % N. The new value. */
int	ring_store_in(struct ring *, const struct config *, int i);
int	ring_store_out(struct ring *, const struct config *, int i);
/* The slots, in and out, as the snapshot shows them. */
void	ring_sample(const struct ring *, const struct config *,
	    struct snap_buffer *);

/*
 * --unsafe's phases, the same in both transports but for where in and
 * out live (WHERE: "segment", "mapping"): the designated initializers of
 * a phase table whose enum names PH_READ_IN ... PH_STORE_OUT.
 */
#define RING_UNSAFE_PHASES(WHERE)					\
	[PH_READ_IN] = { .name = "read-in", .call = "read in",		\
	    .done = "in is %S in the " WHERE ", so slot %S is the one to "	\
	    "write", .blocked = "", .code = "i = in;" },			\
	[PH_WRITE_AT] = { .name = "write-at", .call = "write slot i",	\
	    .done = "item %I goes into slot %S", .blocked = "",		\
	    .clash = "item %I goes into slot %S over item %O, which no "	\
	    "consumer took: item %O is lost",				\
	    .code = "buffer[i] = item;" },					\
	[PH_STORE_IN] = { .name = "store-in", .call = "store in = i + 1",	\
	    .done = "in becomes %R", .blocked = "",			\
	    .code = "in = (i + 1) % N;" },					\
	[PH_READ_OUT] = { .name = "read-out", .call = "read out",		\
	    .done = "out is %S in the " WHERE ", so slot %S is the one to "	\
	    "read", .blocked = "", .code = "i = out;" },			\
	[PH_READ_AT] = { .name = "read-at", .call = "read slot i",		\
	    .done = "item %I comes out of slot %S", .blocked = "",		\
	    .clash = "item %I comes out of slot %S, which was emptied "	\
	    "before: item %O is taken a second time",			\
	    .code = "item = buffer[i];" },					\
	[PH_STORE_OUT] = { .name = "store-out",				\
	    .call = "store out = i + 1", .done = "out becomes %R",		\
	    .blocked = "", .code = "out = (i + 1) % N;" }

#endif
