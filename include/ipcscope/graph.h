/*
 * A communication structure for --graph: stages of processes linked by
 * buffers, written in a small notation (the man page has its grammar):
 *
 *   P -> F -> C            a pipeline: three stages, two buffers
 *   P -> F*3 -> C          three F processes share F's input and output
 *   P -> {C1, C2}          fan-out: one buffer, two readers
 *   P -> broadcast {C1, C2}    each item to every reader
 *   {P1, P2} -> C          fan-in: two writers, one buffer
 *   P -pipe-> F -sysv-msg-> C  each buffer on a transport of its own
 *   P -> F; F -> C         chains joined by a stage's name
 *
 * Each arrow is one buffer: every stage on its left writes into it,
 * every stage on its right reads from it. A stage reads at most one
 * buffer and writes at most one. The first group is the source: its
 * stages make the items; every other stage needs an input.
 */
#ifndef IPCSCOPE_GRAPH_H
#define IPCSCOPE_GRAPH_H

#include <stdbool.h>
#include <stddef.h>

#include "config.h"

#define GRAPH_STAGES_MAX	WORKERS_MAX
#define GRAPH_EDGES_MAX		4	/* SNAP_BUFFERS; a way has at most
					 * 3 filters: an item holds 4 marks */
#define GRAPH_NAME_MAX		4	/* bytes of a stage's name */

struct transport;

struct graph_stage {
	char	name[GRAPH_NAME_MAX + 1];
	int	count;		/* processes: 1, or N from "*N" */
	int	in, out;	/* the buffer it reads / writes, -1: none */
	int	col;		/* where it is first named, from 1 */
};

struct graph_edge {
	const struct transport	*t;
	bool			 broadcast;	/* every reader gets each item */
	int			 col;		/* its arrow, from 1 */
};

struct graph {
	int			nstages;
	struct graph_stage	stages[GRAPH_STAGES_MAX];
	int			nedges;
	struct graph_edge	edges[GRAPH_EDGES_MAX];
	int			nprocs;		/* processes, all stages */
};

/*
 * Parse spec into g; an arrow that names no transport gets dflt. 0, or
 * -1 with one line in err that quotes the spec and gives the column:
 *   --graph 'P -> F ->': expected a stage after '->' at column 10
 * Nothing is made either way: g is plain data.
 */
int	graph_parse(const char *spec, const struct transport *dflt,
	    struct graph *g, char *err, size_t errlen);

/* Can transport t give each item to every reader (broadcast)? */
bool	graph_can_broadcast(const struct transport *t);

/* The stages that write into / read from edge e, as indexes; how many. */
int	graph_writers(const struct graph *, int e, int *idx);
int	graph_readers(const struct graph *, int e, int *idx);

/* The label of stage st's id-th process (from 1), as the screen, the
 * JSON and a scenario name it: the stage's name when it has one
 * process (F), else the name and the number (F2). */
void	graph_label(const struct graph *, int st, int id, char *buf,
	    size_t len);

#endif
