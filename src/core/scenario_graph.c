/*
 * A scenario played on a --graph: the workers its script names are the
 * labels of the graph's processes (P, F, F2, C1: graph_label()), so each
 * is checked against the graph before anything is made. Apart from
 * scenario.c, which knows no graph (and is fuzzed alone).
 */
#include <stdio.h>
#include <string.h>

#include "ipcscope/graph.h"
#include "ipcscope/scenario.h"
#include "ipcscope/visible.h"

/* How many of the graph's processes are labelled who. */
static int
processes_named(const struct graph *g, const char *who)
{
	char	l[SCN_WHO_MAX];
	int	st, id, n = 0;

	for (st = 0; st < g->nstages; st++)
		for (id = 1; id <= g->stages[st].count; id++) {
			graph_label(g, st, id, l, sizeof(l));
			n += strcmp(l, who) == 0;
		}
	return (n);
}

/* "P, F1, F2, C": the labels, for the error; cut with "..." if long. */
static void
labels(const struct graph *g, char *buf, size_t len)
{
	char	l[SCN_WHO_MAX];
	int	st, id;

	buf[0] = '\0';
	for (st = 0; st < g->nstages; st++)
		for (id = 1; id <= g->stages[st].count; id++) {
			graph_label(g, st, id, l, sizeof(l));
			if (strlen(buf) + strlen(l) + 6 >= len) {
				strlcat(buf, ", ...", len);
				return;
			}
			if (buf[0] != '\0')
				strlcat(buf, ", ", len);
			strlcat(buf, l, len);
		}
}

int
scenario_check_graph(const struct scenario *scn, const char *file,
    const struct graph *g, char *err, size_t errlen)
{
	const struct scn_command	*c;
	char				 all[96];
	int				 i, n;

	for (i = 0; i < scn->ncommands; i++) {
		c = &scn->commands[i];
		if (c->op != SCN_STEP && c->op != SCN_KILL)
			continue;
		if ((n = processes_named(g, c->who)) == 1)
			continue;
		labels(g, all, sizeof(all));
		/* Two: a stage F*2 beside a stage named F1. */
		snprintf(err, errlen, "%s:%d:%d: expected a process of the "
		    "graph (%s), found \"%s\"%s", visible(file), c->line,
		    c->wcol, all, c->who, n == 0 ? "" : ", which names two");
		return (-1);
	}
	return (0);
}
