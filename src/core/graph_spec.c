/*
 * The --graph parser: one pass over the spec, building stages and
 * buffers, then the checks a run needs before any object is made (every
 * stage fed, no cycle, the board big enough). Every error is one line
 * that quotes the spec and names the column of the offending part
 * (columns count bytes, from 1; the end of the spec is one past it).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ipcscope/graph.h"
#include "ipcscope/transport.h"

#define GROUP_MAX	GRAPH_STAGES_MAX

struct lexer {
	const char		*spec;
	size_t			 at;
	const struct transport	*dflt;
	struct graph		*g;
	char			*err;
	size_t			 errlen;
};

/* A group of stages: one side of an arrow. */
struct group {
	int	n;
	int	idx[GROUP_MAX];		/* into g->stages */
	int	col[GROUP_MAX];		/* where each is named here */
};

static int
fail(struct lexer *lx, size_t at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct lexer *lx, size_t at, const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	snprintf(lx->err, lx->errlen, "--graph '%s': %s at column %zu",
	    lx->spec, msg, at + 1);
	return (-1);
}

static void
skip_space(struct lexer *lx)
{
	while (lx->spec[lx->at] == ' ' || lx->spec[lx->at] == '\t')
		lx->at++;
}

static bool
at_end(struct lexer *lx)
{
	skip_space(lx);
	return (lx->spec[lx->at] == '\0');
}

/* What the parser found where it expected something else, for a message. */
static const char *
found(const struct lexer *lx, char *buf, size_t len)
{
	const char	*p = lx->spec + lx->at;
	size_t		 n;

	if (*p == '\0')
		return ("the end");
	for (n = 0; p[n] != '\0' && p[n] != ' ' && n < 12; n++)
		continue;
	snprintf(buf, len, "'%.*s'", (int)n, p);
	return (buf);
}

static bool
is_name(int c)
{
	return (isalnum((unsigned char)c) || c == '_');
}

/* The stage called name, made if new; -1 when there is no room. */
static int
stage_named(struct lexer *lx, const char *name, int col)
{
	struct graph	*g = lx->g;
	int		 i;

	for (i = 0; i < g->nstages; i++)
		if (strcmp(g->stages[i].name, name) == 0)
			return (i);
	if (g->nstages == GRAPH_STAGES_MAX)
		return (-1);
	i = g->nstages++;
	memset(&g->stages[i], 0, sizeof(g->stages[i]));
	strlcpy(g->stages[i].name, name, sizeof(g->stages[i].name));
	g->stages[i].count = 1;
	g->stages[i].in = g->stages[i].out = -1;
	g->stages[i].col = col;
	return (i);
}

/* stage := NAME ['*' COUNT] */
static int
parse_stage(struct lexer *lx, struct group *gr, const char *after)
{
	char		 name[GRAPH_NAME_MAX + 1], num[8], f[24];
	const char	*errstr;
	size_t		 start, n;
	long long	 count = 0;
	int		 s, i;

	skip_space(lx);
	start = lx->at;
	if (lx->spec[start] == '\0')
		return (fail(lx, start, "expected a stage %s", after));
	if (!isalpha((unsigned char)lx->spec[start]))
		return (fail(lx, start, "expected a stage %s, found %s",
		    after, found(lx, f, sizeof(f))));
	if (strncmp(lx->spec + start, "broadcast", 9) == 0 &&
	    !is_name(lx->spec[start + 9]))
		return (fail(lx, start, "broadcast comes right after an "
		    "arrow"));
	for (n = 0; is_name(lx->spec[start + n]); n++)
		continue;
	if (n > GRAPH_NAME_MAX)
		return (fail(lx, start, "a stage's name has at most %d "
		    "characters, '%.*s' has %zu", GRAPH_NAME_MAX, (int)n,
		    lx->spec + start, n));
	memcpy(name, lx->spec + start, n);
	name[n] = '\0';
	lx->at += n;
	if (lx->spec[lx->at] == '*') {
		lx->at++;
		for (n = 0; isdigit((unsigned char)lx->spec[lx->at + n]) &&
		    n < sizeof(num) - 1; n++)
			num[n] = lx->spec[lx->at + n];
		num[n] = '\0';
		count = strtonum(num, 1, WORKERS_MAX, &errstr);
		if (n == 0 || errstr != NULL)
			return (fail(lx, lx->at, "expected a count of "
			    "processes from 1 to %d after '*'", WORKERS_MAX));
		lx->at += n;
	}
	if ((s = stage_named(lx, name, (int)start + 1)) == -1)
		return (fail(lx, start, "more than %d stages",
		    GRAPH_STAGES_MAX));
	if (count != 0) {
		if (lx->g->stages[s].col != (int)start + 1 &&
		    lx->g->stages[s].count != count)
			return (fail(lx, start, "'%s' was given %d "
			    "processes before", name,
			    lx->g->stages[s].count));
		lx->g->stages[s].count = (int)count;
	}
	for (i = 0; i < gr->n; i++)
		if (gr->idx[i] == s)
			return (fail(lx, start, "'%s' twice in one group",
			    name));
	gr->idx[gr->n] = s;
	gr->col[gr->n++] = (int)start;
	return (0);
}

/* group := stage | '{' stage (',' stage)* '}' */
static int
parse_group(struct lexer *lx, struct group *gr, const char *after)
{
	char	f[24];

	gr->n = 0;
	skip_space(lx);
	if (lx->spec[lx->at] != '{')
		return (parse_stage(lx, gr, after));
	lx->at++;
	for (;;) {
		if (gr->n == GROUP_MAX)
			return (fail(lx, lx->at, "more than %d stages in a "
			    "group", GROUP_MAX));
		if (parse_stage(lx, gr, gr->n == 0 ? "after '{'" :
		    "after ','") == -1)
			return (-1);
		skip_space(lx);
		if (lx->spec[lx->at] == ',') {
			lx->at++;
			continue;
		}
		if (lx->spec[lx->at] == '}') {
			lx->at++;
			return (0);
		}
		return (fail(lx, lx->at, "expected ',' or '}' in a group, "
		    "found %s", found(lx, f, sizeof(f))));
	}
}

/*
 * arrow := '->' | '-' TRANSPORT '->', then 'broadcast' or not. 1 when
 * there is one (the edge filled in), 0 when there is none, -1 on error.
 */
static int
parse_arrow(struct lexer *lx, struct graph_edge *e)
{
	char		 name[32];
	const char	*p, *end;
	size_t		 start, n;
	int		 i;

	skip_space(lx);
	start = lx->at;
	p = lx->spec + start;
	if (p[0] != '-')
		return (0);
	memset(e, 0, sizeof(*e));
	e->col = (int)start + 1;
	e->t = lx->dflt;
	if (p[1] == '>')
		lx->at += 2;
	else {
		if ((end = strstr(p + 1, "->")) == NULL || end == p + 1)
			return (fail(lx, start, "expected '->' or "
			    "'-TRANSPORT->'"));
		n = (size_t)(end - (p + 1));
		for (i = 0; i < (int)n; i++)
			if (p[1 + i] == ' ')
				return (fail(lx, start, "expected '->' or "
				    "'-TRANSPORT->'"));
		snprintf(name, sizeof(name), "%.*s", (int)n, p + 1);
		if ((e->t = transport_find(name)) == NULL)
			return (fail(lx, start + 1, "no transport '%s' (see "
			    "--list-transports)", name));
		lx->at += n + 3;
	}
	skip_space(lx);
	if (strncmp(lx->spec + lx->at, "broadcast", 9) == 0 &&
	    !is_name(lx->spec[lx->at + 9])) {
		if (!graph_can_broadcast(e->t))
			return (fail(lx, lx->at, "broadcast needs a transport "
			    "that addresses each reader (sysv-msg); %s "
			    "cannot", e->t->name));
		e->broadcast = true;
		lx->at += 9;
	}
	return (1);
}

/* Can stage b reach stage a along the buffers made so far? */
static bool
reaches(const struct graph *g, int b, int a, int depth)
{
	int	e, i;

	if (b == a)
		return (true);
	if (depth > GRAPH_STAGES_MAX || (e = g->stages[b].out) == -1)
		return (false);
	for (i = 0; i < g->nstages; i++)
		if (g->stages[i].in == e && reaches(g, i, a, depth + 1))
			return (true);
	return (false);
}

/* Join the groups on both sides of edge e (its arrow just parsed). */
static int
link_groups(struct lexer *lx, const struct group *from,
    const struct group *to, int e)
{
	struct graph		*g = lx->g;
	struct graph_stage	*s;
	int			 i, j;

	for (i = 0; i < to->n; i++)
		for (j = 0; j < from->n; j++)
			if (reaches(g, to->idx[i], from->idx[j], 0))
				return (fail(lx, (size_t)to->col[i], "a cycle: "
				    "'%s' feeds '%s' already",
				    g->stages[to->idx[i]].name,
				    g->stages[from->idx[j]].name));
	for (j = 0; j < from->n; j++) {
		s = &g->stages[from->idx[j]];
		if (s->out != -1)
			return (fail(lx, (size_t)from->col[j], "'%s' writes "
			    "a second buffer (a stage has one output)",
			    s->name));
		s->out = e;
	}
	for (i = 0; i < to->n; i++) {
		s = &g->stages[to->idx[i]];
		if (s->in != -1)
			return (fail(lx, (size_t)to->col[i], "'%s' reads "
			    "a second buffer (a stage has one input)",
			    s->name));
		s->in = e;
	}
	if (g->edges[e].broadcast && to->n * g->stages[to->idx[0]].count < 2)
		return (fail(lx, (size_t)g->edges[e].col - 1, "broadcast "
		    "needs more than one reader"));
	return (0);
}

/* chain := group (arrow group)+ */
static int
parse_chain(struct lexer *lx, int *source)
{
	struct graph	*g = lx->g;
	struct group	 from, to;
	struct graph_edge e;
	char		 f[24];
	int		 r, n = 0;

	if (parse_group(lx, &from, g->nedges == 0 ? "at the start" :
	    "after ';'") == -1)
		return (-1);
	if (*source == -1)
		*source = from.idx[0];
	for (;;) {
		if ((r = parse_arrow(lx, &e)) == -1)
			return (-1);
		if (r == 0)
			break;
		if (g->nedges == GRAPH_EDGES_MAX)
			return (fail(lx, (size_t)e.col - 1, "more than %d "
			    "buffers", GRAPH_EDGES_MAX));
		g->edges[g->nedges] = e;
		if (parse_group(lx, &to, "after '->'") == -1 ||
		    link_groups(lx, &from, &to, g->nedges++) == -1)
			return (-1);
		from = to;
		n++;
	}
	if (n == 0)
		return (fail(lx, lx->at, "expected '->' after a stage, found "
		    "%s", found(lx, f, sizeof(f))));
	return (0);
}

/* The first group makes the items; every other stage needs an input,
 * and the board needs a slot per process. */
static int
check_graph(struct lexer *lx, int source)
{
	struct graph	*g = lx->g;
	int		 i, src_edge = g->stages[source].out;

	for (i = 0; i < g->nstages; i++) {
		if (g->stages[i].in == -1 && g->stages[i].out != src_edge)
			return (fail(lx, (size_t)g->stages[i].col - 1, "'%s' "
			    "has no input: only the first group (%s) makes "
			    "items", g->stages[i].name, g->stages[source].name));
		g->nprocs += g->stages[i].count;
		if (g->nprocs > WORKERS_MAX)
			return (fail(lx, (size_t)g->stages[i].col - 1, "%d "
			    "processes by '%s', the board holds %d", g->nprocs,
			    g->stages[i].name, WORKERS_MAX));
	}
	return (0);
}

int
graph_parse(const char *spec, const struct transport *dflt, struct graph *g,
    char *err, size_t errlen)
{
	struct lexer	lx = { spec, 0, dflt, g, err, errlen };
	char		f[24];
	int		source = -1;

	memset(g, 0, sizeof(*g));
	for (;;) {
		if (parse_chain(&lx, &source) == -1)
			return (-1);
		if (at_end(&lx))
			break;
		if (spec[lx.at] != ';')
			return (fail(&lx, lx.at, "expected '->' or ';', found "
			    "%s", found(&lx, f, sizeof(f))));
		lx.at++;
	}
	return (check_graph(&lx, source));
}

bool
graph_can_broadcast(const struct transport *t)
{
	return ((t->features & TF_ADDRESS) != 0);
}

static int
graph_side(const struct graph *g, int e, int *idx, bool in)
{
	int	i, n = 0;

	for (i = 0; i < g->nstages; i++)
		if ((in ? g->stages[i].in : g->stages[i].out) == e)
			idx[n++] = i;
	return (n);
}

int
graph_writers(const struct graph *g, int e, int *idx)
{
	return (graph_side(g, e, idx, false));
}

int
graph_readers(const struct graph *g, int e, int *idx)
{
	return (graph_side(g, e, idx, true));
}

void
graph_label(const struct graph *g, int st, int id, char *buf, size_t len)
{
	if (g->stages[st].count == 1)
		strlcpy(buf, g->stages[st].name, len);
	else
		snprintf(buf, len, "%.4s%u", g->stages[st].name,
		    (unsigned char)id);
}
