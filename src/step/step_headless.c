/*
 * step --headless: one JSON line per call when it returns (and one when
 * it is first seen asleep in the kernel, "ret": null), with the decoded
 * arguments, the line of the program that made it, and the kernel's view
 * of the object it touched, read while the process is still stopped at
 * the return (the tracer's return hook). Lines for forks and ends, and a
 * closing line. Steps follow --keys (a program number, or '.' for any),
 * a lesson's guide, or else every process in program order, round robin,
 * each time all are settled.
 */
#include <sys/signalfd.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ipcscope/json.h"
#include "ipcscope/step.h"
#include "ipcscope/trace_decode.h"
#include "ipcscope/watch.h"

struct headless {
	const struct config	*cfg;
	struct tracer		*t;
	/* Each process's view at its last return, and that call's seq. */
	struct watch_list	 at_return[TRACE_PROCS_MAX];
	long			 return_seq[TRACE_PROCS_MAX];
	long			 asleep_seq[TRACE_PROCS_MAX];
	const char		*caption[TRACE_PROCS_MAX];
	const char		*keys;		/* what is left of --keys */
	int			 last;		/* the process stepped last */
	long			 calls;
};

/* What a call touched, as a watch_follow: by id, else by key or name. */
static bool
follow_of(const struct tr_target *tg, struct watch_follow *fo)
{
	memset(fo, 0, sizeof(*fo));
	if (tg->type < 0)
		return (false);
	fo->on = true;
	fo->type = tg->type;
	if (tg->id >= 0) {
		fo->by_id = true;
		fo->id = tg->id;
	} else if (tg->name[0] != '\0')
		strlcpy(fo->name, tg->name, sizeof(fo->name));
	else if (tg->key != 0) {
		fo->by_key = true;
		fo->key = tg->key;
	} else
		return (false);
	return (true);
}

/* The kernel's view of what call touched, from list l: the object as
 * watch --json has it, or a descriptor's kind, or null. */
static void
object_member(struct json *j, const struct watch_list *l,
    const struct tr_call *c)
{
	const struct watch_obj	*o = NULL;
	struct watch_follow	 fo;

	if (l != NULL && follow_of(&c->target, &fo))
		o = watch_find(l, &fo);
	if (o != NULL) {
		watch_json_object(j, "object", o);
		return;
	}
	if (c->target.fd[0] != '\0') {
		json_obj(j, "object");
		json_str(j, "fd", c->target.fd);
		json_obj_end(j);
		return;
	}
	json_null(j, "object");
}

static void
source_member(struct json *j, const struct tr_source *s)
{
	if (!s->known) {
		json_null(j, "source");
		return;
	}
	json_obj(j, "source");
	if (s->file[0] != '\0') {
		json_str(j, "file", s->file);
		json_int(j, "line", s->line);
		json_str(j, "text", s->text);
	} else {
		json_null(j, "file");
		json_null(j, "line");
		json_null(j, "text");
	}
	if (s->func[0] != '\0')
		json_str(j, "func", s->func);
	else
		json_null(j, "func");
	json_obj_end(j);
}

/* One call's line: returned, or asleep in it (wchan). */
static void
call_line(struct headless *h, int i, const struct tr_call *c,
    const struct watch_list *l, const char *asleep)
{
	const struct tr_proc	*p = tracer_proc(h->t, i);
	struct json		 j;
	int			 k;

	json_begin(&j, stdout);
	json_obj(&j, NULL);
	json_int(&j, "seq", c->seq);
	json_int(&j, "pid", p->pid);
	json_int(&j, "prog", p->prog + 1);
	json_str(&j, "call", c->name);
	json_int(&j, "nr", c->nr);
	json_obj(&j, "args");
	for (k = 0; k < c->nargs; k++)
		json_str(&j, c->args[k].name, c->args[k].text);
	json_obj_end(&j);
	if (asleep != NULL) {
		json_null(&j, "ret");
		json_null(&j, "errno");
		json_str(&j, "asleep", asleep);
	} else {
		json_int(&j, "ret", c->ret);
		if (c->err != 0)
			json_str(&j, "errno", trace_errno_name(c->err));
		else
			json_null(&j, "errno");
		json_str(&j, "rettext", c->rettext);
	}
	source_member(&j, &c->src);
	object_member(&j, l, c);
	if (h->caption[i] != NULL)
		json_str(&j, "caption", h->caption[i]);
	json_obj_end(&j);
	json_end(&j);
}

/* The tracer's return hook: the kernel's view while the process waits. */
static void
at_return(void *ctx, const struct tracer *t, int i)
{
	struct headless		*h = ctx;
	const struct tr_proc	*p = tracer_proc(t, i);

	if (p->call.target.type < 0)
		return;
	watch_sample(&h->at_return[i]);
	h->return_seq[i] = p->call.seq;
}

static void
event_line(struct headless *h, const struct tr_event *ev)
{
	struct json	j;
	char		sig[16];

	switch (ev->kind) {
	case TE_CALL:
		h->asleep_seq[ev->proc] = 0;
		return;
	case TE_RETURN:
		h->calls++;
		call_line(h, ev->proc, &ev->call,
		    h->return_seq[ev->proc] == ev->call.seq ?
		    &h->at_return[ev->proc] : NULL, NULL);
		h->caption[ev->proc] = NULL;
		return;
	default:
		break;
	}
	json_begin(&j, stdout);
	json_obj(&j, NULL);
	switch (ev->kind) {
	case TE_FORK:
		json_str(&j, "event", "fork");
		json_int(&j, "pid", ev->pid);
		json_int(&j, "child", ev->child);
		break;
	case TE_EXIT:
		json_str(&j, "event", "exit");
		json_int(&j, "pid", ev->pid);
		json_int(&j, "status", WEXITSTATUS(ev->status));
		break;
	default:
		json_str(&j, "event", "killed");
		json_int(&j, "pid", ev->pid);
		json_int(&j, "signal", WTERMSIG(ev->status));
		snprintf(sig, sizeof(sig), "SIG%s",
		    sigabbrev_np(WTERMSIG(ev->status)) != NULL ?
		    sigabbrev_np(WTERMSIG(ev->status)) : "?");
		json_str(&j, "signame", sig);
		json_bool(&j, "core", WCOREDUMP(ev->status));
		break;
	}
	json_int(&j, "prog", tracer_proc(h->t, ev->proc)->prog + 1);
	json_obj_end(&j);
	json_end(&j);
}

/* A process newly seen asleep in its call: a line, once. */
static void
asleep_lines(struct headless *h)
{
	const struct tr_proc	*p;
	struct watch_list	 now;
	int			 i;

	memset(&now, 0, sizeof(now));
	for (i = 0; i < tracer_nprocs(h->t); i++) {
		p = tracer_proc(h->t, i);
		if (p->state != TR_IN_CALL || p->kstate != 'S' ||
		    h->asleep_seq[i] == p->call.seq)
			continue;
		h->asleep_seq[i] = p->call.seq;
		if (p->call.target.type >= 0)
			watch_sample(&now);
		call_line(h, i, &p->call, &now, p->wchan[0] != '\0' ?
		    p->wchan : "?");
	}
	watch_free(&now);
}

static bool
all_settled(const struct tracer *t)
{
	int	i;

	for (i = 0; i < tracer_nprocs(t); i++)
		if (!tracer_settled(t, i))
			return (false);
	return (true);
}

/* The next process at a call after the last one stepped, in program
 * order (then the order they were seen); only of prog when prog >= 0. */
static int
round_robin(struct headless *h, int prog)
{
	const struct tr_proc	*p;
	int			 n = tracer_nprocs(h->t), order[TRACE_PROCS_MAX];
	int			 m = 0, g, i, k, at = -1;

	for (g = 0; g < tracer_nprogs(h->t); g++)
		for (i = 0; i < n; i++)
			if (tracer_proc(h->t, i)->prog == g)
				order[m++] = i;
	for (k = 0; k < m; k++)
		if (order[k] == h->last)
			at = k;
	for (k = 1; k <= m; k++) {
		i = order[(at + k + m) % m];
		p = tracer_proc(h->t, i);
		if (p->state == TR_AT_CALL && (prog < 0 || p->prog == prog))
			return (i);
	}
	return (-1);
}

/* Does any process of prog live? */
static bool
prog_alive(const struct tracer *t, int prog)
{
	return (tracer_proc_of(t, prog) != -1);
}

/* Which process to step now: -1 none yet; -2 the guide says stop. */
static int
choose(struct headless *h, const struct step_guide *g, int *status)
{
	const char	*caption = NULL;
	int		 i, prog;

	if (g != NULL) {
		i = g->next(g->ctx, h->t, &caption);
		if (i >= 0) {
			h->caption[i] = caption;
			return (i);
		}
		if (i == -2) {
			fprintf(stderr, "ipcscope: lesson %s: %s\n", g->title,
			    caption != NULL ? caption : "off the lesson's path");
			*status = 2;
		}
		return (-2);
	}
	while (h->keys != NULL && *h->keys != '\0') {
		if (*h->keys == '.')
			prog = -1;
		else if (!prog_alive(h->t, prog = *h->keys - '1')) {
			h->keys++;	/* it has ended: nothing to step */
			continue;
		}
		if ((i = round_robin(h, prog)) != -1)
			h->keys++;
		return (i);	/* -1: wait for it to come to a call */
	}
	return (round_robin(h, -1));
}

/* why: "done" (every process ended), "lesson" (its walk is over),
 * "signal" (SIGINT, SIGTERM, SIGHUP: what is left is let go). */
static void
closing_line(struct headless *h, const char *why, int status)
{
	struct json	j;

	json_begin(&j, stdout);
	json_obj(&j, NULL);
	json_str(&j, "event", "end");
	json_str(&j, "why", why);
	json_int(&j, "calls", h->calls);
	json_int(&j, "status", status);
	json_obj_end(&j);
	json_end(&j);
}

/* SIGINT, SIGTERM, SIGHUP as a descriptor (SIGCHLD is the tracer's). */
static int
quit_signals(void)
{
	sigset_t	set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return (signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
}

/* The signal that asks us to stop, or 0. */
static int
quit_signal(int fd)
{
	struct signalfd_siginfo	si;

	if (fd != -1 && read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		return ((int)si.ssi_signo);
	return (0);
}

int
step_headless(const struct config *cfg, struct tracer *t,
    const struct step_guide *g)
{
	struct headless	*h = calloc(1, sizeof(*h));
	struct tr_event	 ev;
	const char	*why = "done";
	int		 i, status = 0, sigfd, sig;

	if (h == NULL) {
		tracer_end(t, true, stderr);
		return (2);
	}
	h->cfg = cfg;
	h->t = t;
	h->keys = cfg->keys;
	h->last = -1;
	tracer_set_return_hook(t, at_return, h);
	sigfd = quit_signals();
	for (;;) {
		if ((sig = quit_signal(sigfd)) != 0) {
			/* Like a shell: 128 + the signal that stopped us. */
			why = "signal";
			status = 128 + sig;
			break;
		}
		if (tracer_poll(t, 100) == -1 && errno != EINTR)
			break;
		while (tracer_next_event(t, &ev))
			event_line(h, &ev);
		asleep_lines(h);
		if (tracer_done(t))
			break;
		if (!all_settled(t))
			continue;
		if ((i = choose(h, g, &status)) == -2) {
			why = "lesson";
			break;
		}
		if (i >= 0 && tracer_step(t, i) == 0)
			h->last = i;
	}
	tracer_end(t, cfg->step_kill, stderr);
	closing_line(h, why, status);
	if (sigfd != -1)
		close(sigfd);
	for (i = 0; i < TRACE_PROCS_MAX; i++)
		watch_free(&h->at_return[i]);
	free(h);
	return (status);
}
