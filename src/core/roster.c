/*
 * The worker population: who joins (P, C), who is selected and killed
 * (tab, k), who died (SIGCHLD), and the order the screen lists them in.
 */
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "ipcscope/limits.h"
#include "ipcscope/narrate.h"
#include "ipcscope/settle.h"
#include "session_int.h"

static int
count_role(const struct session *s, enum role r)
{
	int	i, n = 0;

	for (i = 0; i < WORKERS_MAX; i++)
		if (session_in_use(&s->board->w[i]) &&
		    s->board->w[i].role == r)
			n++;
	return (n);
}

int
session_add_worker(struct session *s, enum role r, struct report *rep)
{
	char	l[8], why[256];
	int	idx;

	if (s->cfg.graph != NULL) {
		report_say(rep, "the graph's stages say who runs: no %s joins",
		    role_name(r));
		return (-1);
	}
	if (count_role(s, r) >= WORKERS_PER_ROLE_MAX) {
		report_say(rep, "at most %d %ss", WORKERS_PER_ROLE_MAX,
		    role_name(r));
		return (-1);
	}
	if ((idx = session_spawn(s, r)) == -1) {
		limits_explain(why, sizeof(why), "fork", errno, NULL);
		report_say(rep, "cannot start another %s: %s", role_name(r),
		    why);
		return (-1);
	}
	settle(s->board, &settle_proc, -1, 0, SETTLE_MS);
	worker_label(&s->board->w[idx], l, sizeof(l));
	report_say(rep, "%s (pid %d) joins as a new %s", l,
	    (int)s->board->w[idx].pid, role_name(r));
	return (0);
}

int
session_order(const struct session *s, int *idx)
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
			/* --graph: by stage, in the order the spec names
			 * them; else producers first. */
			if (a->stage >= 0 && (a->stage < b->stage ||
			    (a->stage == b->stage && a->id < b->id)))
				break;
			if (a->stage < 0 && (a->role < b->role ||
			    (a->role == b->role && a->id < b->id)))
				break;
			t = idx[j], idx[j] = idx[j - 1], idx[j - 1] = t;
		}
	return (n);
}

void
session_select(struct session *s, int delta)
{
	int	idx[WORKERS_MAX], n, i, cur = 0;

	if ((n = session_order(s, idx)) == 0)
		return;
	for (i = 0; i < n; i++)
		if (idx[i] == s->sel)
			cur = i;
	if (s->sel < 0)
		cur = delta > 0 ? -1 : 0;
	s->sel = idx[((cur + delta) % n + n) % n];
}

void
session_select_index(struct session *s, int idx)
{
	s->sel = idx;
}

int
session_selected(struct session *s)
{
	if (s->sel < 0)
		session_select(s, 0);
	return (s->sel);
}

/* The mutex as the kernel holds it: value and waiters (-1: none). */
struct lock_seen {
	int	value, waiting;
};

static void
lock_seen(const struct session *s, struct lock_seen *k)
{
	k->value = k->waiting = -1;
	if (s->ch->t->lock_state == NULL ||
	    s->ch->t->lock_state(s->ch, &k->value, &k->waiting) == -1)
		k->value = k->waiting = -1;
}

/*
 * A lock holder died. Without SEM_UNDO the lock stays taken; with it the
 * kernel adds back what the holder took (its semadj) as the process
 * exits: read from the kernel before the kill and after the reaping, the
 * value rose or a waiter got it (fewer waiting).
 */
static void
lock_sentence(const struct session *s, const struct board_worker *bw,
    const struct lock_seen *was, struct report *r)
{
	struct lock_seen	now;
	int			undone;

	if (!s->cfg.undo) {
		report_say(r, "It died holding %s: nobody will ever release "
		    "it, so whoever asks for it next sleeps forever",
		    bw->holds);
		return;
	}
	lock_seen(s, &now);
	if (was == NULL || was->value < 0) {
		/* Not our kill: no reading from before it. */
		report_say(r, "It died holding %s, taken with SEM_UNDO: the "
		    "kernel undoes its semop(%s, -1) as it exits; semctl"
		    "(GETVAL) reads %s %d now", bw->holds, bw->holds,
		    bw->holds, now.value);
		return;
	}
	undone = (now.value - was->value) + (was->waiting - now.waiting);
	if (now.value < 0 || undone <= 0) {
		report_say(r, "It died holding %s, taken with SEM_UNDO, yet "
		    "semctl(GETVAL) still reads %s %d: the kernel undid "
		    "nothing", bw->holds, bw->holds, now.value);
		return;
	}
	if (was->waiting > now.waiting)
		report_say(r, "It died holding %s, taken with SEM_UNDO: the "
		    "kernel undid its semop(%s, -1) as it exited and at once "
		    "gave %s to a process waiting for it (semctl GETNCNT %d "
		    "before the kill, %d now; GETVAL %d, %d)", bw->holds,
		    bw->holds, bw->holds, was->waiting, now.waiting,
		    was->value, now.value);
	else
		report_say(r, "It died holding %s, taken with SEM_UNDO: the "
		    "kernel undid its semop(%s, -1) as it exited (semctl "
		    "GETVAL %d before the kill, %d now)", bw->holds, bw->holds,
		    was->value, now.value);
}

/* What a worker's death leaves behind, in words; was: the lock before a
 * kill, NULL when the death was not ours. */
static void
death_sentence(const struct session *s, const struct board_worker *bw,
    const struct lock_seen *was, struct report *r)
{
	char	l[8];

	worker_label(bw, l, sizeof(l));
	if (WIFSIGNALED(bw->exit_status))
		report_say(r, "%s (pid %d) died of signal %d (%s)", l,
		    (int)bw->pid, WTERMSIG(bw->exit_status),
		    strsignal(WTERMSIG(bw->exit_status)));
	else
		report_say(r, "%s (pid %d) exited with status %d", l,
		    (int)bw->pid, WEXITSTATUS(bw->exit_status));
	report_say(r, "The kernel closed its descriptors and detached its "
	    "memory");
	if (bw->holds[0] != '\0')
		lock_sentence(s, bw, was, r);
	if (bw->carrying) {
		report_say(r, "Item %u it carried is lost",
		    (unsigned)bw->item_seq);
		board_gone(s->board, bw->item_seq);
	}
}

int
session_kill_selected(struct session *s, struct report *r)
{
	struct board_worker	*bw;
	struct lock_seen	 was;
	int			 i;

	if (s->sel < 0 || !session_in_use(&s->board->w[s->sel]))
		session_select(s, 0);
	if (s->sel < 0 || !session_in_use(&s->board->w[s->sel])) {
		report_say(r, "no live worker to kill");
		return (-1);
	}
	bw = &s->board->w[s->sel];
	lock_seen(s, &was);
	for (i = 0; i < WORKERS_MAX; i++)
		s->board->w[i].nfacts = 0;
	kill(bw->pid, SIGKILL);
	if (waitpid(bw->pid, &bw->exit_status, 0) == bw->pid) {
		bw->status = WS_EXITED;
		s->board->live--;
	}
	death_sentence(s, bw, &was, r);
	settle(s->board, &settle_proc, -1, 0, SETTLE_MS);
	/* The death may wake a sleeper: the undone lock's waiter. */
	for (i = 0; i < WORKERS_MAX; i++)
		if (&s->board->w[i] != bw)
			narrate_calls(r, s->ch->t, &s->board->w[i], true);
	session_select(s, 1);
	return (0);
}

void
session_reap(struct session *s, struct report *r)
{
	struct board_worker	*bw;
	pid_t			 pid;
	int			 status, i;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < WORKERS_MAX; i++) {
			bw = &s->board->w[i];
			if (bw->pid != pid || !session_in_use(bw))
				continue;
			bw->exit_status = status;
			bw->status = WS_EXITED;
			s->board->live--;
			death_sentence(s, bw, NULL, r);
		}
	}
}

