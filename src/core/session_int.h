/*
 * The session's own state, shared by the files that do its jobs:
 * session.c (objects, fork, teardown), permit.c (grants and settling),
 * roster.c (the worker population), sample.c (the snapshot).
 */
#ifndef IPCSCOPE_SESSION_INT_H
#define IPCSCOPE_SESSION_INT_H

#include <stdbool.h>

#include "ipcscope/board.h"
#include "ipcscope/config.h"
#include "ipcscope/graph.h"
#include "ipcscope/session.h"
#include "ipcscope/transport.h"

struct session {
	struct config	 cfg;
	struct board	*board;
	struct channel	*ch;		/* chs[0] */
	/* --graph: a channel per buffer, each on its own transport (its
	 * own config: the transport, broadcast's addressing). */
	struct channel	*chs[GRAPH_EDGES_MAX];
	int		 nch;
	struct config	 chcfg[GRAPH_EDGES_MAX];
	int		 next_id[2];	/* per role: the id the next one gets */
	int		 rr[3];		/* per target: round-robin cursor */
	int		 sel;		/* board index of the selected worker */
	bool		 stopped;
	long		 t0_ms;		/* when it started, for snapshot times */
};

/* Forked and not yet reaped. */
bool	session_in_use(const struct board_worker *);
/* Fork one more worker of role; its board index, or -1 with errno. */
int	session_spawn(struct session *, enum role);
/* The transport a worker's phase belongs to (its buffer's, --graph). */
const struct transport *session_transport(const struct session *,
	    const struct board_worker *);
/* The board indexes in the screen's order: producers by id, then
 * consumers by id; how many. */
int	session_order(const struct session *, int *idx);

#endif
