/*
 * The session: creates the transport's objects and the board, forks the
 * workers, grants step permits and waits for the system to settle, and
 * tears everything down on every exit path.
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

struct session {
	struct config	 cfg;
	struct board	*board;
	struct channel	*ch;
	int		 next_id[2];	/* per role: the id the next one gets */
	int		 rr[3];		/* per target: round-robin cursor */
	int		 sel;		/* board index of the selected worker */
	bool		 stopped;
};

static long
now_ms(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

static bool
in_use(const struct board_worker *bw)
{
	return (bw->status != WS_FREE && bw->status != WS_EXITED);
}

static int
spawn(struct session *s, enum role role)
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
	s->ch = xcalloc(1, t->chan_size);
	s->ch->t = t;
	s->ch->cfg = &s->cfg;
	s->ch->board = s->board;
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
		if (spawn(s, i < cfg->producers ? ROLE_PRODUCER :
		    ROLE_CONSUMER) == -1) {
			limits_explain(err, errlen, "fork", errno, NULL);
			session_stop(s);
			return (NULL);
		}
	}
	if (settle(s->board, &settle_proc, -1, 0, SETTLE_MS) == -1) {
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
		if (in_use(&s->board->w[i]) && s->board->w[i].pid > 0) {
			kill(s->board->w[i].pid, SIGTERM);
			kill(s->board->w[i].pid, SIGCONT);
		}
	deadline = now_ms() + 2000;
	do {
		left = 0;
		for (i = 0; i < WORKERS_MAX; i++) {
			bw = &s->board->w[i];
			if (!in_use(bw) || bw->pid <= 0)
				continue;
			if (waitpid(bw->pid, &bw->exit_status, WNOHANG) ==
			    bw->pid || errno == ECHILD) {
				bw->status = WS_EXITED;
				continue;
			}
			if (now_ms() > deadline)
				kill(bw->pid, SIGKILL);
			left++;
		}
		if (left > 0)
			usleep(1000);
	} while (left > 0);
	s->ch->t->destroy(s->ch);
	runfile_remove(&s->ch->run);
	board_destroy(s->board);
	free(s->ch);
	free(s);
}

static void
label_of(const struct board_worker *bw, char *buf, size_t len)
{
	worker_label(bw, buf, len);
}

/* The next worker for target, round robin; -1 if none. ready: only those
 * waiting for a permit. */
static int
pick(struct session *s, enum target t, bool ready)
{
	struct board_worker	*bw;
	int			 i, idx;

	for (i = 1; i <= WORKERS_MAX; i++) {
		idx = (s->rr[t] + i) % WORKERS_MAX;
		bw = &s->board->w[idx];
		if (!in_use(bw))
			continue;
		if (t == TARGET_PRODUCER && bw->role != ROLE_PRODUCER)
			continue;
		if (t == TARGET_CONSUMER && bw->role != ROLE_CONSUMER)
			continue;
		if (ready && bw->status != WS_WAIT_PERMIT)
			continue;
		return (idx);
	}
	return (-1);
}

static void
blocked_sentence(struct session *s, const struct board_worker *bw, char *buf,
    size_t len)
{
	const struct phase_info	*ph = &s->ch->t->phases[bw->phase];
	char			 why[160], l[8];

	label_of(bw, l, sizeof(l));
	event_expand(why, sizeof(why), ph->blocked, bw->slot, bw->item_seq);
	snprintf(buf, len, "%s %s: %s, so the kernel puts %s to sleep", l,
	    ph->call, why, l);
}

int
session_step(struct session *s, enum target t, char *event, size_t len)
{
	struct board_worker	*bw, *g;
	static const char	*who[] = { "worker", "producer", "consumer" };
	char			 l[8], sentence[EVENT_MAX];
	unsigned long		 before;
	int			 idx, i;

	event[0] = '\0';
	if ((idx = pick(s, t, true)) == -1) {
		if ((idx = pick(s, t, false)) == -1) {
			snprintf(event, len, "there is no live %s to step",
			    who[t]);
			return (-1);
		}
		blocked_sentence(s, &s->board->w[idx], sentence, sizeof(sentence));
		snprintf(event, len, "nothing granted: every %s is blocked "
		    "(%s)", who[t], sentence);
		return (-1);
	}
	s->rr[t] = idx;
	g = &s->board->w[idx];
	for (i = 0; i < WORKERS_MAX; i++)
		s->board->w[i].trail[0] = '\0';
	before = g->steps;
	sem_post(&g->permit);
	if (settle(s->board, &settle_proc, idx, before,
	    SETTLE_MS) == -1)
		event_append(event, len, "the workers did not settle in time");

	label_of(g, l, sizeof(l));
	if (g->trail[0] != '\0') {
		snprintf(sentence, sizeof(sentence), "%s %s", l, g->trail);
		event_append(event, len, sentence);
	}
	/* Still in its step after settling: asleep in the call, or dead. */
	if (g->status == WS_IN_STEP && procfs_asleep(g->pid)) {
		blocked_sentence(s, g, sentence, sizeof(sentence));
		event_append(event, len, sentence);
	}
	for (i = 0; i < WORKERS_MAX; i++) {
		bw = &s->board->w[i];
		if (bw == g || bw->trail[0] == '\0')
			continue;
		label_of(bw, l, sizeof(l));
		snprintf(sentence, sizeof(sentence), "%s wakes up: %s", l,
		    bw->trail);
		event_append(event, len, sentence);
	}
	return (0);
}

static int
count_role(const struct session *s, enum role r)
{
	int	i, n = 0;

	for (i = 0; i < WORKERS_MAX; i++)
		if (in_use(&s->board->w[i]) && s->board->w[i].role == r)
			n++;
	return (n);
}

int
session_ready(const struct session *s, enum role r)
{
	int	i, n = 0;

	for (i = 0; i < WORKERS_MAX; i++)
		if (s->board->w[i].status == WS_WAIT_PERMIT &&
		    s->board->w[i].role == r)
			n++;
	return (n);
}

int
session_live(const struct session *s)
{
	return (s->board->live);
}

int
session_add_worker(struct session *s, enum role r, char *event, size_t len)
{
	char	l[8], why[256];
	int	idx;

	if (count_role(s, r) >= WORKERS_PER_ROLE_MAX) {
		snprintf(event, len, "at most %d %ss", WORKERS_PER_ROLE_MAX,
		    role_name(r));
		return (-1);
	}
	if ((idx = spawn(s, r)) == -1) {
		limits_explain(why, sizeof(why), "fork", errno, NULL);
		snprintf(event, len, "cannot start another %s: %s",
		    role_name(r), why);
		return (-1);
	}
	settle(s->board, &settle_proc, -1, 0, SETTLE_MS);
	label_of(&s->board->w[idx], l, sizeof(l));
	snprintf(event, len, "%s (pid %d) joins as a new %s", l,
	    (int)s->board->w[idx].pid, role_name(r));
	return (0);
}

/* Sorted order of the screen: producers by id, then consumers by id. */
static int
order(const struct session *s, int *idx)
{
	const struct board_worker	*a, *b;
	int				 i, j, n = 0, t;

	for (i = 0; i < WORKERS_MAX; i++)
		if (s->board->w[i].status != WS_FREE)
			idx[n++] = i;
	for (i = 1; i < n; i++)
		for (j = i; j > 0; j--) {
			a = &s->board->w[idx[j - 1]];
			b = &s->board->w[idx[j]];
			if (a->role < b->role || (a->role == b->role &&
			    a->id < b->id))
				break;
			t = idx[j], idx[j] = idx[j - 1], idx[j - 1] = t;
		}
	return (n);
}

void
session_select(struct session *s, int delta)
{
	int	idx[WORKERS_MAX], n, i, cur = 0;

	if ((n = order(s, idx)) == 0)
		return;
	for (i = 0; i < n; i++)
		if (idx[i] == s->sel)
			cur = i;
	if (s->sel < 0)
		cur = delta > 0 ? -1 : 0;
	s->sel = idx[((cur + delta) % n + n) % n];
}

static void
death_sentence(struct board_worker *bw, char *event,
    size_t len)
{
	char	l[8], sentence[256];

	label_of(bw, l, sizeof(l));
	if (WIFSIGNALED(bw->exit_status))
		snprintf(sentence, sizeof(sentence), "%s (pid %d) died of "
		    "signal %d (%s)", l, (int)bw->pid,
		    WTERMSIG(bw->exit_status),
		    strsignal(WTERMSIG(bw->exit_status)));
	else
		snprintf(sentence, sizeof(sentence), "%s (pid %d) exited with "
		    "status %d", l, (int)bw->pid, WEXITSTATUS(bw->exit_status));
	event_append(event, len, sentence);
	event_append(event, len, "The kernel closed its descriptors and "
	    "detached its memory");
	if (bw->holds[0] != '\0') {
		snprintf(sentence, sizeof(sentence), "It died holding %s: "
		    "nobody will ever release it, so whoever asks for it next "
		    "sleeps forever", bw->holds);
		event_append(event, len, sentence);
	}
	if (bw->carrying) {
		snprintf(sentence, sizeof(sentence), "Item %u it carried is "
		    "lost", (unsigned)bw->item_seq);
		event_append(event, len, sentence);
	}
}

int
session_kill_selected(struct session *s, char *event, size_t len)
{
	struct board_worker	*bw;

	event[0] = '\0';
	if (s->sel < 0 || !in_use(&s->board->w[s->sel]))
		session_select(s, 0);
	if (s->sel < 0 || !in_use(&s->board->w[s->sel])) {
		snprintf(event, len, "no live worker to kill");
		return (-1);
	}
	bw = &s->board->w[s->sel];
	kill(bw->pid, SIGKILL);
	if (waitpid(bw->pid, &bw->exit_status, 0) == bw->pid) {
		bw->status = WS_EXITED;
		s->board->live--;
	}
	death_sentence(bw, event, len);
	settle(s->board, &settle_proc, -1, 0, SETTLE_MS);
	session_select(s, 1);
	return (0);
}

void
session_reap(struct session *s, char *event, size_t len)
{
	struct board_worker	*bw;
	pid_t			 pid;
	int			 status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < WORKERS_MAX; i++) {
			bw = &s->board->w[i];
			if (bw->pid != pid || !in_use(bw))
				continue;
			bw->exit_status = status;
			bw->status = WS_EXITED;
			s->board->live--;
			death_sentence(bw, event, len);
		}
	}
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
		label_of(bw, l, sizeof(l));
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

static void
sample_worker(struct session *s, const struct board_worker *bw,
    struct snap_worker *w)
{
	const struct phase_info	*ph = &s->ch->t->phases[bw->phase];
	struct proc_status	 ps;

	memset(w, 0, sizeof(*w));
	w->role = bw->role;
	w->id = bw->id;
	label_of(bw, w->label, sizeof(w->label));
	w->pid = bw->pid;
	w->alive = in_use(bw);
	w->phase = ph->name;
	w->call = ph->call;
	w->done = bw->done;
	w->carrying = bw->carrying;
	w->item_seq = bw->item_seq;
	w->item_producer = bw->item_producer;
	strlcpy(w->holds, bw->holds, sizeof(w->holds));
	w->state = '-';
	w->syscall = -1;
	if (!w->alive) {
		if (WIFSIGNALED(bw->exit_status))
			w->exit_signal = WTERMSIG(bw->exit_status);
		return;
	}
	if (procfs_status(bw->pid, &ps) == 0) {
		w->state = ps.state;
		strlcpy(w->wchan, ps.wchan, sizeof(w->wchan));
		w->syscall = ps.syscall;
	}
	w->waiting_permit = bw->status == WS_WAIT_PERMIT;
	w->blocked = bw->status == WS_IN_STEP && ps.state == 'S';
	if (w->blocked)
		event_expand(w->reason, sizeof(w->reason), ph->blocked,
		    bw->slot, bw->item_seq);
}

void
session_sample(struct session *s, struct snapshot *snap)
{
	const struct board_worker	*bw;
	uint32_t			 taken;
	int				 idx[WORKERS_MAX], n, i;

	snap->transport = s->ch->t->name;
	snap->title = s->ch->t->title;
	snap->granularity = s->board->granularity;
	snap->produced = snap->consumed = 0;
	snap->selected = -1;
	n = order(s, idx);
	for (i = 0; i < n; i++) {
		bw = &s->board->w[idx[i]];
		sample_worker(s, bw, &snap->workers[i]);
		if (bw->role == ROLE_PRODUCER)
			snap->produced += bw->done;
		else
			snap->consumed += bw->done;
		if (idx[i] == s->sel)
			snap->selected = i;
	}
	snap->nworkers = n;
	/* The count first: every item it covers was numbered before. */
	taken = s->board->nconsumed;
	audit_log(s->board->consumed, taken, s->board->next_seq,
	    s->cfg.mailbox, &snap->audit);
	memset(&snap->buffer, 0, sizeof(snap->buffer));
	memset(&snap->kernel, 0, sizeof(snap->kernel));
	snap->notes[0] = '\0';
	s->ch->t->sample(s->ch, snap);
}
