/*
 * The auditor: what the consumers' log on the board says about the
 * exchange. A pure function of the log; the session calls it for each
 * snapshot, the tests with logs of their own.
 */
#ifndef IPCSCOPE_AUDIT_H
#define IPCSCOPE_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "board.h"
#include "snapshot.h"

/*
 * Count into out what log shows. taken is how many items the consumers
 * took (board->nconsumed): log holds the first CONSUMED_MAX of them, in
 * the order they were taken, and only those are audited. next_seq is the
 * last number given out (board->next_seq), read after taken. An entry is
 *  - unknown (a torn item) when its number is 0 or was never given out,
 *    or it names no producer; it is counted for nothing else;
 *  - a duplicate when the same number was taken before;
 *  - out of order when the previous item taken from the same producer has
 *    the same number or a higher one. With mailbox, "the same producer"
 *    means the same producer and the same consumer: the kernel keeps
 *    FIFO per message type only.
 * Producer and consumer ids have no bound here: they grow as workers are
 * added and killed. Not reentrant (static tables).
 */
void	audit_log(const struct consumed *log, uint32_t taken,
	    uint32_t next_seq, bool mailbox, struct snap_audit *out);

/*
 * Count into out->lost the items of gone (board->gone: ngone of them, the
 * first GONE_MAX kept) that no consumer took, each number once. An item
 * is gone when a producer wrote over it in its slot (--unsafe) or a
 * worker carrying it was killed: no consumer can take it any more. Items
 * in the buffer or carried by a live worker are in flight, never lost.
 * log and taken are audit_log's; call it after audit_log. Not reentrant.
 */
void	audit_lost(const uint32_t *gone, uint32_t ngone,
	    const struct consumed *log, uint32_t taken, struct snap_audit *out);

/*
 * --graph: audit the sinks' log against the graph g instead of
 * audit_log. An entry is unknown as above; a duplicate when the same
 * number reached a sink before (with broadcast on g, the same sink
 * process by the same way); misrouted when its marks are not one filter of each stage
 * on its way from the source to the sink that took it, in order. Items
 * may overtake each other through parallel filters: no order is
 * checked. Call audit_lost after it. Not reentrant.
 */
struct graph;
void	audit_graph(const struct consumed *log, uint32_t taken,
	    uint32_t next_seq, const struct graph *g, struct snap_audit *out);

#endif
