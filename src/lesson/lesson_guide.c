/*
 * The lesson's hand on the step engine (struct step_guide): before each
 * step, the process the lesson names must be stopped at the call the
 * lesson expects; if it is not, the programs have gone off the lesson's
 * path, and the guide says where instead of stepping on blindly.
 */
#include <sys/wait.h>

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "lesson_int.h"

int
lesson_who(const struct tracer *t, int prog, int child)
{
	const struct tr_proc	*p;
	int			 i, n = 0;

	/* Processes are numbered in the order they were seen: a
	 * program's forks in the order they were made. */
	for (i = 0; i < tracer_nprocs(t); i++) {
		p = tracer_proc(t, i);
		if (p->prog != prog)
			continue;
		if (child == 0 && p->ppid == 0)
			return (i);
		if (child > 0 && p->ppid != 0 && ++n == child)
			return (i);
	}
	return (-1);
}

const char *
lesson_who_name(const struct lesson *l, const struct lesson_step *st)
{
	static char	buf[LESSON_WORD_MAX + 8];

	if (st->child == 0)
		return (l->progs[st->prog].label);
	snprintf(buf, sizeof(buf), "%s/%d", l->progs[st->prog].label,
	    st->child);
	return (buf);
}

/* Where process p is, in words, for "off the path" lines. */
static void
where(const struct tr_proc *p, char *buf, size_t len)
{
	switch (p->state) {
	case TR_AT_CALL:
		snprintf(buf, len, "is at %s", p->call.name);
		break;
	case TR_IN_CALL:
		snprintf(buf, len, "is still in %s%s%s", p->call.name,
		    p->kstate == 'S' ? ", asleep" : "",
		    p->wchan[0] != '\0' ? " in the kernel" : "");
		break;
	case TR_RUNNING:
		snprintf(buf, len, "is running, between IPC calls");
		break;
	case TR_EXITED:
		snprintf(buf, len, "has exited with status %d",
		    WEXITSTATUS(p->status));
		break;
	case TR_KILLED:
		snprintf(buf, len, "was killed by SIG%s",
		    sigabbrev_np(WTERMSIG(p->status)) != NULL ?
		    sigabbrev_np(WTERMSIG(p->status)) : "?");
		break;
	default:
		snprintf(buf, len, "was let go");
		break;
	}
}

/* Running by itself towards its next call: neither there, nor asleep,
 * nor ended. */
static bool
on_its_way(const struct tr_proc *p)
{
	return ((p->state == TR_RUNNING || p->state == TR_IN_CALL) &&
	    p->kstate != 'S');
}

void
lesson_guide_returned(struct lesson_run *r, const struct tracer *t, int i)
{
	const struct lesson_step	*st;
	const struct tr_proc		*p = tracer_proc(t, i);

	if (r->verify_proc != i)
		return;
	r->verify_proc = -1;
	st = &r->l->steps[r->verify_step];
	if (p->call.name != NULL && strcmp(p->call.name, st->call) == 0)
		return;
	snprintf(r->why, sizeof(r->why), "off the lesson's path at step %d: "
	    "%s (pid %d) should have made %s, but it made %s",
	    r->verify_step + 1, lesson_who_name(r->l, st), (int)p->pid,
	    st->call, p->call.name != NULL ? p->call.name : "another call");
	r->off = true;
}

int
lesson_guide_next(void *ctx, const struct tracer *t, const char **caption)
{
	struct lesson_run		*r = ctx;
	const struct lesson_step	*st;
	const struct tr_proc		*p;
	char				 at[160];
	int				 i;

	lesson_track(r, t);
	if (r->off) {
		*caption = r->why;
		return (-2);
	}
	if (r->next >= r->l->nsteps) {
		*caption = r->l->end[0] != '\0' ? r->l->end :
		    "The lesson is over.";
		return (-1);
	}
	st = &r->l->steps[r->next];
	if ((i = lesson_who(t, st->prog, st->child)) == -1) {
		snprintf(r->why, sizeof(r->why), "off the lesson's path at "
		    "step %d: %s should be at %s, but there is no such "
		    "process", r->next + 1, lesson_who_name(r->l, st),
		    st->call);
		*caption = r->why;
		return (-2);
	}
	p = tracer_proc(t, i);
	if (on_its_way(p)) {
		/* Not there yet: its call is checked when it returns. */
		r->verify_proc = i;
		r->verify_step = r->next;
		*caption = st->caption;
		r->next++;
		return (i);
	}
	if (p->state != TR_AT_CALL || p->call.name == NULL ||
	    strcmp(p->call.name, st->call) != 0) {
		where(p, at, sizeof(at));
		snprintf(r->why, sizeof(r->why), "off the lesson's path at "
		    "step %d: %s (pid %d) should be at %s, but it %s",
		    r->next + 1, lesson_who_name(r->l, st), (int)p->pid,
		    st->call, at);
		*caption = r->why;
		return (-2);
	}
	*caption = st->caption;
	r->next++;
	return (i);
}
