/*
 * The --graph auditor: every item a sink took, checked end to end. Its
 * marks (one byte per filter, the first in the low byte) must name one
 * stage reading each buffer on the way, each reading the buffer the
 * stage before it writes, from the source's buffer to the sink's.
 */
#include <string.h>

#include "ipcscope/audit.h"
#include "ipcscope/graph.h"

#define TABLE	(4 * CONSUMED_MAX)	/* a power of two, at most half full */

static uint64_t	seen[TABLE];		/* 0: free */

/* Was key seen before? Remembers it either way. key is not 0. */
static int
seen_before(uint64_t key)
{
	uint32_t	i;

	for (i = (uint32_t)(key * 0x9e3779b97f4a7c15ull >> 40) & (TABLE - 1);
	    seen[i] != 0; i = (i + 1) & (TABLE - 1))
		if (seen[i] == key)
			return (1);
	seen[i] = key;
	return (0);
}

/* The buffer the source group writes. */
static int
source_edge(const struct graph *g)
{
	int	i;

	for (i = 0; i < g->nstages; i++)
		if (g->stages[i].in == -1)
			return (g->stages[i].out);
	return (-1);
}

/* Did the item go source, each mark in order, then sink? */
static int
well_routed(const struct graph *g, uint32_t marks, int sink)
{
	int	e = source_edge(g), st;

	for (; marks != 0; marks >>= 8) {
		st = (int)(marks & 0xff) - 1;
		if (st < 0 || st >= g->nstages || g->stages[st].in != e ||
		    g->stages[st].out == -1)
			return (0);
		e = g->stages[st].out;
	}
	return (sink >= 0 && sink < g->nstages && g->stages[sink].in == e &&
	    g->stages[sink].out == -1);
}

void
audit_graph(const struct consumed *log, uint32_t taken, uint32_t next_seq,
    const struct graph *g, struct snap_audit *out)
{
	uint32_t	n, i;
	uint64_t	key;
	bool		broadcast = false;
	int		e;

	for (e = 0; e < g->nedges; e++)
		broadcast |= g->edges[e].broadcast;
	memset(seen, 0, sizeof(seen));
	memset(out, 0, sizeof(*out));
	out->taken = taken;
	n = taken < CONSUMED_MAX ? taken : CONSUMED_MAX;
	for (i = 0; i < n; i++) {
		if (log[i].seq == 0 || log[i].seq > next_seq ||
		    log[i].producer == 0) {
			out->unknown++;
			continue;
		}
		/* With broadcast, a sink process may get an item once per
		 * way (P -> broadcast {F, G} -> C): the way is part of
		 * the key. A way has at most 3 marks: the top byte is
		 * free for the process. */
		key = (uint64_t)log[i].seq << 32;
		if (broadcast)
			key |= (uint64_t)(log[i].consumer & 0xff) << 24 |
			    (log[i].marks & 0xffffff);
		if (seen_before(key))
			out->duplicates++;
		if (!well_routed(g, log[i].marks, log[i].sink))
			out->misrouted++;
	}
}
