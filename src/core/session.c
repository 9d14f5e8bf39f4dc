/*
 * The session's lifecycle: creates the transport's objects and the
 * board, forks the workers, and tears everything down on every exit
 * path. Its other jobs: permit.c, roster.c, sample.c.
 */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ipcscope/clock.h"
#include "ipcscope/audit.h"
#include "ipcscope/event.h"
#include "ipcscope/limits.h"
#include "ipcscope/procfs.h"
#include "ipcscope/runfile.h"
#include "ipcscope/session.h"
#include "ipcscope/settle.h"
#include "ipcscope/transport.h"
#include "ipcscope/worker.h"
#include "ipcscope/xmalloc.h"
#include "session_int.h"

static int	session_fork(struct session *, int);

bool
session_in_use(const struct board_worker *bw)
{
	return (bw->status != WS_FREE && bw->status != WS_EXITED);
}

int
session_spawn(struct session *s, enum role role)
{
	int	idx;

	if ((idx = board_claim(s->board, role, ++s->next_id[role])) == -1)
		return (-1);
	s->board->live++;
	return (session_fork(s, idx));
}

/* --graph: the id-th process of stage st (from 1). */
static int
session_spawn_stage(struct session *s, int st, int id)
{
	const struct graph_stage	*gs = &s->cfg.graph->stages[st];
	struct board_worker		*bw;
	enum role			 role;
	int				 idx;

	role = gs->in == -1 ? ROLE_PRODUCER : gs->out == -1 ? ROLE_CONSUMER :
	    ROLE_FILTER;
	if ((idx = board_claim(s->board, role, id)) == -1)
		return (-1);
	bw = &s->board->w[idx];
	bw->stage = st;
	graph_label(s->cfg.graph, st, id, bw->name, sizeof(bw->name));
	bw->chan = gs->in != -1 ? gs->in : gs->out;
	bw->t = s->chs[bw->chan]->t;
	s->board->live++;
	return (session_fork(s, idx));
}

static int
session_fork(struct session *s, int idx)
{
	struct board_worker	*bw = &s->board->w[idx];
	pid_t			 pid;

	switch (pid = fork()) {
	case -1:
		s->board->live--;
		bw->status = WS_FREE;
		return (-1);
	case 0:
		if (s->cfg.graph != NULL)
			graph_worker_run(s->chs, s->cfg.graph, idx,
			    s->cfg.headless);
		worker_run(s->ch, idx, s->cfg.headless);
	default:
		bw->pid = pid;
		return (idx);
	}
}

/*
 * One channel per buffer (one without --graph), each with its own run
 * file (run.PID, run.PID-2...: its own System V keys and POSIX names),
 * and its objects. -1 with err set; what was made is s->nch channels.
 */
static int
session_channels(struct session *s, char *err, size_t errlen)
{
	const struct graph	*g = s->cfg.graph;
	struct channel		*ch;
	struct config		*cc;
	char			 dir[PATH_MAX];
	int			 e, n = g != NULL ? g->nedges : 1;

	if (runfile_dir(dir, sizeof(dir), err, errlen) == -1)
		return (-1);
	for (e = 0; e < n; e++) {
		cc = &s->chcfg[e];
		*cc = s->cfg;
		if (g != NULL) {
			cc->transport = g->edges[e].t;
			cc->mailbox = g->edges[e].broadcast;
		}
		ch = xcalloc(1, cc->transport->chan_size);
		ch->t = cc->transport;
		ch->cfg = g != NULL ? cc : &s->cfg;
		ch->board = s->board;
		ch->viewer = getpid();
		if (runfile_create(&ch->run, dir, err, errlen) == -1) {
			free(ch);
			return (-1);
		}
		s->chs[s->nch++] = ch;
		s->ch = s->chs[0];
		if (ch->t->create(ch, ch->cfg) == -1) {
			strlcpy(err, ch->error, errlen);
			return (-1);
		}
	}
	return (0);
}

/* Fork the workers: -p and -c, or each --graph stage's processes. */
static int
session_workers(struct session *s)
{
	const struct graph	*g = s->cfg.graph;
	int			 i, k;

	if (g == NULL) {
		for (i = 0; i < s->cfg.producers + s->cfg.consumers; i++)
			if (session_spawn(s, i < s->cfg.producers ?
			    ROLE_PRODUCER : ROLE_CONSUMER) == -1)
				return (-1);
		return (0);
	}
	for (i = 0; i < g->nstages; i++)
		for (k = 1; k <= g->stages[i].count; k++)
			if (session_spawn_stage(s, i, k) == -1)
				return (-1);
	return (0);
}

struct session *
session_start(const struct config *cfg, char *err, size_t errlen)
{
	struct session		*s;
	mode_t			 mask;
	int			 r;

	s = xcalloc(1, sizeof(*s));
	s->cfg = *cfg;
	s->sel = -1;
	if ((s->board = board_create()) == NULL) {
		snprintf(err, errlen, "cannot map the board: %s", strerror(errno));
		free(s);
		return (NULL);
	}
	s->board->granularity = GRAIN_CALL;
	/* --free: the workers wait for no permit, from their first step. */
	s->board->free_run = cfg->free_run;
	s->t0_ms = clock_ms();
	/* Exactly 0600 and 0700 whatever the user's umask, for what is
	 * made now: POSIX objects, the FIFO, the run file and directory. */
	mask = umask(077);
	r = session_channels(s, err, errlen);
	umask(mask);
	if (r == -1) {
		session_stop(s);
		return (NULL);
	}
	if (session_workers(s) == -1) {
		limits_explain(err, errlen, "fork", errno, NULL);
		session_stop(s);
		return (NULL);
	}
	/* Free running workers never settle: they run from the start. */
	if (!cfg->free_run &&
	    settle(s->board, &settle_proc, -1, 0, SETTLE_MS) == -1) {
		snprintf(err, errlen, "the workers did not start within %d ms",
		    SETTLE_MS);
		session_stop(s);
		return (NULL);
	}
	return (s);
}

void
session_stop(struct session *s)
{
	struct board_worker	*bw;
	long			 deadline;
	int			 i, left;

	if (s == NULL)
		return;
	/* A stopped worker (SIGSTOP, a debugger let go) acts on SIGTERM only
	 * once continued; else it would wait for the SIGKILL below. */
	for (i = 0; i < WORKERS_MAX; i++)
		if (session_in_use(&s->board->w[i]) && s->board->w[i].pid > 0) {
			kill(s->board->w[i].pid, SIGTERM);
			kill(s->board->w[i].pid, SIGCONT);
		}
	deadline = clock_ms() + 2000;
	do {
		left = 0;
		for (i = 0; i < WORKERS_MAX; i++) {
			bw = &s->board->w[i];
			if (!session_in_use(bw) || bw->pid <= 0)
				continue;
			if (waitpid(bw->pid, &bw->exit_status, WNOHANG) ==
			    bw->pid || errno == ECHILD) {
				bw->status = WS_EXITED;
				continue;
			}
			if (clock_ms() > deadline)
				kill(bw->pid, SIGKILL);
			left++;
		}
		if (left > 0)
			usleep(1000);
	} while (left > 0);
	for (i = 0; i < s->nch; i++) {
		s->chs[i]->t->destroy(s->chs[i]);
		runfile_remove(&s->chs[i]->run);
		free(s->chs[i]);
	}
	procfs_forget_all();
	board_destroy(s->board);
	free(s);
}

const struct transport *
session_transport(const struct session *s, const struct board_worker *bw)
{
	if (s->cfg.graph != NULL && bw->chan >= 0 && bw->chan < s->nch)
		return (s->chs[bw->chan]->t);
	return (s->ch->t);
}

int
session_live(const struct session *s)
{
	return (s->board->live);
}

bool
session_failed(const struct session *s, char *why, size_t len)
{
	const struct board_worker	*bw;
	const char			*call;
	char				 l[8], line[256];
	int				 i;

	for (i = 0; i < WORKERS_MAX; i++) {
		bw = &s->board->w[i];
		if (bw->status == WS_FREE || bw->failed == WF_NONE)
			continue;
		worker_label(bw, l, sizeof(l));
		call = session_transport(s, bw)->phases[bw->phase].call;
		if (bw->last_errno != 0)
			limits_explain(line, sizeof(line), call, bw->last_errno,
			    NULL);
		else
			snprintf(line, sizeof(line), "%s failed", call);
		if (bw->failed == WF_OPEN)
			snprintf(why, len, "%s could not open %s: %s", l,
			    limits_object(call), line);
		else
			snprintf(why, len, "%s failed: %s", l, line);
		return (true);
	}
	return (false);
}

void
session_set_granularity(struct session *s, int g)
{
	s->board->granularity = g;
}

int
session_granularity(const struct session *s)
{
	return (s->board->granularity);
}

const struct config *
session_config(const struct session *s)
{
	return (&s->cfg);
}

const char *
session_start_note(const struct session *s)
{
	return (s->ch != NULL ? s->ch->run.stale : "");
}

