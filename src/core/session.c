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

bool
session_in_use(const struct board_worker *bw)
{
	return (bw->status != WS_FREE && bw->status != WS_EXITED);
}

int
session_spawn(struct session *s, enum role role)
{
	struct board_worker	*bw;
	pid_t			 pid;
	int			 idx;

	if ((idx = board_claim(s->board, role, ++s->next_id[role])) == -1)
		return (-1);
	bw = &s->board->w[idx];
	s->board->live++;
	switch (pid = fork()) {
	case -1:
		s->board->live--;
		bw->status = WS_FREE;
		return (-1);
	case 0:
		worker_run(s->ch, idx, s->cfg.headless);
	default:
		bw->pid = pid;
		return (idx);
	}
}

struct session *
session_start(const struct config *cfg, char *err, size_t errlen)
{
	struct session		*s;
	const struct transport	*t = cfg->transport;
	char			 dir[PATH_MAX];
	mode_t			 mask;
	int			 i;

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
	s->ch = xcalloc(1, t->chan_size);
	s->ch->t = t;
	s->ch->cfg = &s->cfg;
	s->ch->board = s->board;
	s->ch->viewer = getpid();
	s->t0_ms = clock_ms();
	/* Exactly 0600 and 0700 whatever the user's umask, for what is
	 * made now: POSIX objects, the FIFO, the run file and directory. */
	mask = umask(077);
	if (runfile_dir(dir, sizeof(dir), err, errlen) == -1 ||
	    runfile_create(&s->ch->run, dir, err, errlen) == -1) {
		umask(mask);
		board_destroy(s->board);
		free(s->ch);
		free(s);
		return (NULL);
	}
	if (t->create(s->ch, &s->cfg) == -1) {
		umask(mask);
		strlcpy(err, s->ch->error, errlen);
		session_stop(s);
		return (NULL);
	}
	umask(mask);
	for (i = 0; i < cfg->producers + cfg->consumers; i++) {
		if (session_spawn(s, i < cfg->producers ? ROLE_PRODUCER :
		    ROLE_CONSUMER) == -1) {
			limits_explain(err, errlen, "fork", errno, NULL);
			session_stop(s);
			return (NULL);
		}
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
	s->ch->t->destroy(s->ch);
	runfile_remove(&s->ch->run);
	procfs_forget_all();
	board_destroy(s->board);
	free(s->ch);
	free(s);
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
		call = s->ch->t->phases[bw->phase].call;
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
	return (s->ch->run.stale);
}

